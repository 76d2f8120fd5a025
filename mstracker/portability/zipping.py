"""A zip written while it is sent (zipstream-ng): no file is held in memory or on disk."""

from zipstream import ZIP_DEFLATED, ZipStream


def zip_stream(files):
    """A lazy zip of ``(name, iterable of bytes)``; each iterable is read when its
    turn comes in the stream."""
    stream = ZipStream(compress_type=ZIP_DEFLATED, compress_level=6)
    for name, chunks in files:
        stream.add(chunks, name)
    return stream
