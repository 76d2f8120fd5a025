"""Self-tests between visits: the symbol-digit test and the tapping test, as plain rules.

No Django here. The one place for what a run is and how it counts: the practice-run
rule, the minimum meaningful changes the progression engine uses
(`journal.progression.ProgressionSettings` takes its defaults from here), each test's
length, the server's pairing and item sequence, scoring (pure functions of the raw
trials, so stored runs can be re-scored) and the plausibility checks that refuse
crafted uploads.

The symbol-digit test resembles the Symbol Digit Modalities Test (SDMT) but is not
it: our own nine symbols (``journal/static/journal/selftest/symbol-N.svg``) and a new
random pairing every session. Its thresholds are provisional: they borrow the SDMT's.
"""

import math
import random
import statistics
from dataclasses import dataclass

from .rules import RuleViolation

SDT = "sdt"
TAP_DOMINANT = "tap_dominant"
TAP_NONDOMINANT = "tap_nondominant"
KINDS = (SDT, TAP_DOMINANT, TAP_NONDOMINANT)

# The first runs of a test (per kind and input) carry a learning effect: they are kept
# and shown, but they are practice, and the baseline starts after them.
PRACTICE_RUNS = 3

# Minimum meaningful changes (provisional). Symbol-digit: a drop of 4 points or 10%,
# whichever is reached first (Benedict et al., Mult Scler 2017;23:721, for the SDMT).
# Tapping: 20% of the baseline taps, as for the 9-hole peg test (Kappos et al. 2020).
SDT_MINIMUM_POINTS = 4.0
SDT_MINIMUM_FRACTION = 0.10
TAP_MINIMUM_FRACTION = 0.20

# How a patient answered: the page reports the pointer kind it saw (or the keyboard).
INPUTS = ("touch", "mouse", "pen", "keyboard")

# Symbol-digit test.
SYMBOLS = 9
SDT_SECONDS = 90
SDT_PRACTICE_ITEMS = 10
FASTEST_ANSWER_MS = 150  # a response quicker than this is a guess or a script ...
FAST_IN_A_ROW = 3  # ... and this many in a row refuse the upload
# More items than anyone can answer in 90 s at the fastest plausible pace.
SDT_ITEMS = SDT_SECONDS * 1000 // FASTEST_ANSWER_MS
# Names of the symbols (static/selftest/symbol-N.svg), read out in place of the picture.
SYMBOL_NAMES = (
    "ring with a dot",
    "triangle",
    "plus",
    "black diamond",
    "two bars",
    "half-filled circle",
    "zigzag",
    "hourglass",
    "square with a diagonal",
)

# Tapping test.
TAP_SECONDS = 10
FASTEST_TAP_MS = 60  # two targets alternately: ~8 taps a second is a world record
TAP_TARGETS = 2

# An answer or tap up to this late is accepted (and not counted): the page stops at
# the end, but timers and events may fire a frame later.
GRACE_MS = 1500
# A session must be uploaded within this long of being issued.
SESSION_MINUTES = 20


# --- Sessions -----------------------------------------------------------------------


def new_pairing(rng: random.Random | None = None) -> list[int]:
    """A random key: ``pairing[symbol]`` is the digit 1-9 of symbol 0-8."""
    rng = rng or random.SystemRandom()
    digits = list(range(1, SYMBOLS + 1))
    rng.shuffle(digits)
    return digits


def new_items(count: int, rng: random.Random | None = None) -> list[int]:
    """A sequence of symbols 0-8 to show, never the same symbol twice in a row."""
    rng = rng or random.SystemRandom()
    items: list[int] = []
    while len(items) < count:
        symbol = rng.randrange(SYMBOLS)
        if not items or symbol != items[-1]:
            items.append(symbol)
    return items


def is_practice(earlier_runs: int) -> bool:
    """Whether a run is practice, given how many runs of the same test and input the
    patient completed before it."""
    return earlier_runs < PRACTICE_RUNS


# --- Minimum meaningful change ------------------------------------------------------


def sdt_minimum_change(
    baseline: float, points: float = SDT_MINIMUM_POINTS, fraction: float = SDT_MINIMUM_FRACTION
) -> float:
    """The smallest meaningful change of a symbol-digit score: 4 points or 10% of the
    baseline, whichever is smaller (either is meaningful)."""
    return min(points, fraction * abs(baseline))


def tap_minimum_change(baseline: float, fraction: float = TAP_MINIMUM_FRACTION) -> float:
    return fraction * abs(baseline)


# --- Scoring ------------------------------------------------------------------------


@dataclass(frozen=True)
class SdtScore:
    correct: int
    errors: int
    median_ms: float | None  # median response time of the counted answers


@dataclass(frozen=True)
class TapScore:
    taps: int  # taps on the expected target, alternating
    misses: int  # taps on the same target again, or beside both
    cv: float | None  # coefficient of variation of the intervals between taps
    mean_interval_ms: float | None


def score_sdt(items: list[int], pairing: list[int], answers: list[tuple[int, float]]) -> SdtScore:
    """Score answers (digit, ms since the start) to ``items`` in order: correct when the
    digit is the symbol's in ``pairing``. Answers after `SDT_SECONDS` do not count; a
    response time is the time since the previous answer (the first: since the start)."""
    limit = SDT_SECONDS * 1000
    correct = errors = 0
    times, previous = [], 0.0
    for symbol, (digit, at) in zip(items, answers, strict=False):
        if at > limit:
            break
        if pairing[symbol] == digit:
            correct += 1
        else:
            errors += 1
        times.append(at - previous)
        previous = at
    return SdtScore(correct, errors, statistics.median(times) if times else None)


def score_tapping(taps: list[tuple[int | None, float]]) -> TapScore:
    """Score taps (target 0/1 or None beside both, ms since the start): a tap counts
    when it hits the target after the one last hit (the first hit either); the rest
    are misses. Taps after `TAP_SECONDS` do not count."""
    limit = TAP_SECONDS * 1000
    expected, hits, misses = None, [], 0
    for target, at in taps:
        if at > limit:
            break
        if target is not None and (expected is None or target == expected):
            hits.append(at)
            expected = 1 - target
        else:
            misses += 1
    intervals = [b - a for a, b in zip(hits, hits[1:], strict=False)]
    cv = mean = None
    if len(intervals) >= 2:
        mean = statistics.fmean(intervals)
        cv = statistics.pstdev(intervals) / mean if mean > 0 else None
    return TapScore(len(hits), misses, cv, mean)


# --- Plausibility -------------------------------------------------------------------


def _instant(raw, field: str) -> float:
    try:
        at = float(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) else None
    except OverflowError:  # a JSON integer of hundreds of digits
        at = None
    if at is None or not math.isfinite(at):
        raise RuleViolation(field, "Each time must be a number of milliseconds.", "invalid")
    raw = at
    if raw < 0:
        raise RuleViolation(field, "Times are counted from the start: none is negative.", "invalid")
    return float(raw)


def _check_pace(instants: list[float], fastest: float, end_ms: float, field: str) -> None:
    """Increasing instants within the test's time, never `FAST_IN_A_ROW` intervals
    in a row quicker than ``fastest``."""
    previous, fast = 0.0, 0
    for at in instants:
        if at < previous:
            raise RuleViolation(field, "Times must not go backwards.", "not_increasing")
        fast = fast + 1 if at - previous < fastest else 0
        if fast >= FAST_IN_A_ROW:
            raise RuleViolation(
                field,
                f"{FAST_IN_A_ROW} answers in a row came faster than {fastest:g} ms: "
                "that is not a person answering. This run was not saved.",
                "too_fast",
            )
        previous = at
    if instants and instants[-1] > end_ms + GRACE_MS:
        raise RuleViolation(field, "The run lasted longer than the test allows.", "too_long")


def check_sdt(items: list[int], answers, practice=()) -> list[tuple[int, float]]:
    """The upload's answers as (digit, ms) pairs, or a `RuleViolation` for a crafted or
    broken one: digits 1-9, times increasing within 90 s (plus `GRACE_MS`), no more
    answers than items, never `FAST_IN_A_ROW` answers under `FASTEST_ANSWER_MS`."""
    parsed = _pairs(answers, "answers", SDT_ITEMS)
    if len(parsed) > len(items):
        raise RuleViolation("answers", "More answers than symbols shown.", "too_many")
    for digit, _ in parsed:
        if digit not in range(1, SYMBOLS + 1):
            raise RuleViolation("answers", "Each answer is a digit from 1 to 9.", "invalid")
    _check_pace([at for _, at in parsed], FASTEST_ANSWER_MS, SDT_SECONDS * 1000, "answers")
    trial = _pairs(practice, "practice", SDT_PRACTICE_ITEMS)
    for digit, _ in trial:
        if digit not in range(1, SYMBOLS + 1):
            raise RuleViolation("practice", "Each answer is a digit from 1 to 9.", "invalid")
    return parsed


def check_tapping(taps) -> list[tuple[int | None, float]]:
    """The upload's taps as (target or None, ms) pairs, or a `RuleViolation`: targets
    0, 1 or null, times increasing within 10 s (plus `GRACE_MS`), never
    `FAST_IN_A_ROW` taps under `FASTEST_TAP_MS` apart."""
    limit = (TAP_SECONDS * 1000 + GRACE_MS) // FASTEST_TAP_MS * FAST_IN_A_ROW
    parsed = _pairs(taps, "taps", limit, nullable=True)
    for target, _ in parsed:
        if target is not None and target not in range(TAP_TARGETS):
            raise RuleViolation("taps", "A tap's target is 0, 1 or null (beside both).", "invalid")
    _check_pace([at for _, at in parsed], FASTEST_TAP_MS, TAP_SECONDS * 1000, "taps")
    return parsed


def _pairs(raw, field: str, most: int, nullable: bool = False) -> list[tuple]:
    """[[value, ms], ...] as tuples, each value a whole number (or None if nullable)."""
    if not isinstance(raw, list | tuple):
        raise RuleViolation(field, "A list of [value, milliseconds] pairs.", "invalid")
    if len(raw) > most:
        raise RuleViolation(field, f"At most {most} entries.", "too_many")
    pairs = []
    for entry in raw:
        if not isinstance(entry, list | tuple) or len(entry) != 2:
            raise RuleViolation(field, "A list of [value, milliseconds] pairs.", "invalid")
        value, at = entry
        if value is None and nullable:
            pass
        elif isinstance(value, bool) or not isinstance(value, int):
            raise RuleViolation(field, "Each value is a whole number.", "invalid")
        pairs.append((value, _instant(at, field)))
    return pairs
