"""Generated disability histories for the differential test and the benchmarks.

A seeded generator makes histories with irregular visit spacing (mostly 20-200
days, some near the 12-week confirmation, some a few days apart), plateaus,
fluctuations, improvements, values around the thresholds (EDSS 0, 5.0, 5.5; timed
tests around +/-20%) and 0-6 relapses, many placed at the edges of the 30- and
90-day windows. Relapses are generated no earlier than 30 days before the first
assessment (pymsprog ignores earlier ones: see journal/progression.py).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from journal.progression import Outcome, ProgressionSettings


@dataclass(frozen=True)
class History:
    assessments: list[tuple[date, float]]
    relapses: list[date]


@dataclass(frozen=True)
class Batch:
    name: str
    outcome: Outcome
    count: int
    seed: int
    settings: ProgressionSettings = field(default_factory=ProgressionSettings)
    grid: float = 0.1  # resolution of timed-test values, in seconds
    msprog_outcome: str = "edss"
    delta_fun: Callable[[float], float] | None = None


def generate(batch: Batch) -> list[History]:
    rng = random.Random(batch.seed)
    return [_history(rng, batch) for _ in range(batch.count)]


def _history(rng: random.Random, batch: Batch) -> History:
    first = date(2010, 1, 1) + timedelta(days=rng.randint(0, 4000))
    days = [0]
    for _ in range(rng.randint(1, 17)):
        days.append(days[-1] + _gap(rng))
    values = _values(rng, batch, len(days))
    relapses = _relapses(rng, days)
    return History(
        assessments=[(first + timedelta(days=d), v) for d, v in zip(days, values, strict=True)],
        relapses=[first + timedelta(days=d) for d in relapses],
    )


def _gap(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.65:
        return rng.randint(20, 200)
    if roll < 0.8:
        return rng.randint(70, 95)  # around a 12-week confirmation and its tolerance
    if roll < 0.87:
        return rng.randint(150, 180)  # around a 24-week confirmation
    if roll < 0.95:
        return rng.randint(1, 19)
    return rng.randint(200, 600)


def _relapses(rng: random.Random, days: list[int]) -> list[int]:
    found = []
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2, 2, 3, 4, 5, 6])):
        if rng.random() < 0.4:
            day = rng.randint(-30, days[-1] + 60)
        else:
            edge = rng.choice([-91, -90, -89, -61, -60, -31, -30, -29, -14, -13, 0, 1, 30, 31])
            near = rng.choice([edge, rng.randint(-120, 40)])
            day = rng.choice(days) + near
        # pymsprog ignores relapses earlier than this (deliberate difference 1).
        found.append(max(day, -30))
    return found


def _values(rng: random.Random, batch: Batch, count: int) -> list[float]:
    if batch.outcome is Outcome.EDSS:
        return _edss_values(rng, count)
    if batch.outcome is Outcome.PDDS:
        return _pdds_values(rng, count)
    low, high = (4.0, 20.0) if batch.outcome is Outcome.T25FW else (16.0, 50.0)
    return _timed_values(rng, count, low, high, batch.grid)


def _edss_values(rng: random.Random, count: int) -> list[float]:
    steps = [0.0] * 9 + [0.5, 0.5, -0.5, -0.5, 1.0, 1.0, 1.0, -1.0, -1.0, 1.5, -1.5, 2.0]
    values = [rng.choice([0, 0, 0.5, 1, 1.5, 2, 3, 4, 4.5, 5, 5, 5, 5.5, 5.5, 6, 6.5, 7])]
    while len(values) < count:
        if len(values) > 1 and rng.random() < 0.12:
            values.append(values[-2])  # back where it was: a transient change
        else:
            values.append(min(10.0, max(0.0, values[-1] + rng.choice(steps))))
    return [float(v) for v in values]


def _pdds_values(rng: random.Random, count: int) -> list[float]:
    values = [rng.randint(0, 6)]
    while len(values) < count:
        if len(values) > 1 and rng.random() < 0.12:
            values.append(values[-2])
        else:
            values.append(min(8, max(0, values[-1] + rng.choice([0, 0, 0, 0, 0, 1, 1, -1, 2]))))
    return [float(v) for v in values]


def _timed_values(rng: random.Random, count: int, low: float, high: float, grid: float):
    factors = [1.0] * 6 + [1.2, 1.2, 1.19, 1.21, 1.25, 1.1, 0.8, 0.8, 0.81, 0.79, 1 / 1.2, 0.9]
    values = [_on_grid(rng.uniform(low, high), grid)]
    while len(values) < count:
        if len(values) > 1 and rng.random() < 0.12:
            values.append(values[-2])
            continue
        # Changes are taken from the first value as often as from the last one, so that
        # many land at +/-20% of a baseline.
        reference = values[0] if rng.random() < 0.35 else values[-1]
        factor = rng.choice(factors) if rng.random() < 0.8 else rng.uniform(0.75, 1.35)
        values.append(min(2 * high, max(low / 2, _on_grid(reference * factor, grid))))
    return values


def _on_grid(value: float, grid: float) -> float:
    return round(round(value / grid) * grid, 2)
