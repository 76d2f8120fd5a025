"""Chart colours keep 3:1 against the white background (WCAG 1.4.11) and stay apart
for colour-blind readers; fills under dark labels keep 4.5:1 for the text."""

import pytest

from journal.charts import base, disability, therapies
from tests.contrast import DEFICIENCIES, closest_pair, contrast

WHITE = "#ffffff"
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442"]
MARKS = [
    *base.PALETTE,
    *therapies.CATEGORY_FILLS,
    *(kind.colour for kind in disability.EVENT_KINDS),
    base.VERMILLION,
]


@pytest.mark.parametrize("colour", sorted(set(MARKS)))
def test_every_mark_colour_has_3_to_1_against_white(colour):
    assert contrast(colour, WHITE) >= 3, colour


@pytest.mark.parametrize("fill", therapies.CATEGORY_FILLS)
def test_therapy_fills_keep_label_text_readable(fill):
    assert contrast(fill, base.TEXT) >= 4.5, fill


@pytest.mark.parametrize("deficiency", [None, *DEFICIENCIES])
def test_palette_stays_as_far_apart_as_okabe_ito(deficiency):
    """The lines of one chart stay as distinguishable as Okabe & Ito's own palette at
    its worst (its closest pair: about 16 CIE76 units, under tritanopia)."""
    worst_okabe_ito = min(closest_pair(OKABE_ITO, each) for each in [None, *DEFICIENCIES])
    assert closest_pair(base.PALETTE, deficiency) >= worst_okabe_ito
    assert closest_pair(therapies.CATEGORY_FILLS, deficiency) >= 20
