"""WCAG contrast and a colour-vision-deficiency simulation, for tests of our colours."""

import itertools


def _linear(channel):
    channel /= 255
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def rgb(colour):
    """``"#0072B2"``, ``"rgb(0, 114, 178)"`` or ``"rgba(0, 0, 0, 0.25)"`` as three 0-255
    numbers; a translucent colour is blended over white (the page's background)."""
    colour = colour.strip()
    if colour.startswith("#"):
        return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    parts = [float(part) for part in colour[colour.index("(") + 1 : -1].split(",")]
    alpha = parts[3] if len(parts) > 3 else 1.0
    return [alpha * c + (1 - alpha) * 255 for c in parts[:3]]


def luminance(colour):
    r, g, b = (_linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    """WCAG 2.1 contrast ratio of two colours."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
DEFICIENCIES = {
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}


def _lab(linear):
    r, g, b = linear
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


def seen(colour, deficiency=None):
    """The colour in CIELAB as seen with ``deficiency`` (None: typical vision)."""
    linear = [_linear(c) for c in rgb(colour)]
    if deficiency is not None:
        matrix = DEFICIENCIES[deficiency]
        linear = [
            max(0.0, min(1.0, sum(m * c for m, c in zip(row, linear, strict=True))))
            for row in matrix
        ]
    return _lab(linear)


def closest_pair(colours, deficiency=None):
    """The smallest CIE76 distance between two of ``colours`` (as seen with ``deficiency``)."""
    return min(
        sum((p - q) ** 2 for p, q in zip(seen(a, deficiency), seen(b, deficiency), strict=True))
        ** 0.5
        for a, b in itertools.combinations(colours, 2)
    )
