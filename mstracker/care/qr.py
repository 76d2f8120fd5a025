"""The share code as a QR code (segno), inline SVG for the clinic room."""

import segno


def svg(data: str) -> str:
    """An SVG (no XML declaration) that scales with its container; high error correction
    so a phone reads it off a scratched or dim screen."""
    return segno.make(data, error="h").svg_inline(scale=6, dark="#000", light="#fff")
