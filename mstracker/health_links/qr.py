"""A health link as a QR code (segno): error correction M, as the specification advises."""

import io

import segno


def svg(data: str) -> str:
    """An SVG element for a page (no XML declaration) that scales with its container."""
    return segno.make(data, error="m").svg_inline(scale=4, dark="#000", light="#fff")


def svg_document(data: str) -> bytes:
    """A standalone ``image/svg+xml`` file."""
    out = io.BytesIO()
    segno.make(data, error="m").save(out, kind="svg", scale=4, dark="#000", light="#fff")
    return out.getvalue()
