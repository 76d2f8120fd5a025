"""A staticfiles finder that builds the Vega/Vega-Lite/vega-embed bundle offline.

The browser renders charts with vega-embed. Rather than fetch it from a CDN or
commit a copy, ``vl-convert`` (a Python wheel) produces one self-contained
bundle, written once to ``var/generated-static/`` and then served like any other
static file: by whitenoise, and collected by ``collectstatic`` in production.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

VEGA_BUNDLE = "vega/vega-bundle.js"


def generated_root():
    return Path(settings.BASE_DIR) / "var" / "generated-static"


def build_vega_bundle(root=None):
    """Write the bundle if missing (or built by another vl-convert version)."""
    import vl_convert

    root = Path(root or generated_root())
    target = root / VEGA_BUNDLE
    stamp = target.with_suffix(".version")
    version = f"vl-convert {vl_convert.__version__ if hasattr(vl_convert, '__version__') else ''}"
    version += f" vega {vl_convert.get_vega_version()} embed {vl_convert.get_vega_embed_version()}"
    if target.exists() and stamp.exists() and stamp.read_text() == version:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tmp")
    partial.write_text(vl_convert.javascript_bundle())
    partial.replace(target)  # atomic: a concurrent reader never sees half a file
    stamp.write_text(version)
    return target


class VegaBundleFinder(BaseFinder):
    """Finds ``vega/vega-bundle.js``, building it on first use."""

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path != VEGA_BUNDLE:
            return [] if find_all else None
        found = str(build_vega_bundle())
        return [found] if find_all else found

    def list(self, ignore_patterns):
        build_vega_bundle()
        storage = FileSystemStorage(location=str(generated_root()))
        yield VEGA_BUNDLE, storage
