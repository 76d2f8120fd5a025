"""Long outcome series for the engine's scaling test and `bench/progression.py`.

A patient doing a daily self-test for years: a timed 25-foot walk every 1-3 days,
with day-to-day noise that often crosses +/-20% of the baseline and falls back
(onsets whose confirmation fails), slow lasting steps of worsening and improvement, and a relapse
every 150-250 days with a month of worse values after it. Seeded, so every run sees
the same series.
"""

import random
from datetime import date, timedelta

START = date(2000, 1, 1)


def daily_self_tests(visits: int, seed: int = 15) -> tuple[list[tuple[date, float]], list[date]]:
    """`visits` assessments (date, seconds) and the relapse onsets among them."""
    rng = random.Random(seed)
    day, level = 0, 6.0
    next_relapse = rng.randint(150, 250)
    last_relapse = None
    assessments, relapses = [], []
    for _ in range(visits):
        day += rng.choice((1, 1, 1, 2, 3))
        if day >= next_relapse:
            last_relapse = next_relapse
            relapses.append(START + timedelta(days=last_relapse))
            next_relapse += rng.randint(150, 250)
        step = rng.random()
        if step < 0.003:
            level *= 1.25  # a lasting step of worsening
        elif step < 0.005:
            level *= 0.8  # and of improvement
        noise = rng.choice((1.0, 1.0, 1.05, 0.95, 1.1, 0.9, 1.22, 0.8))
        after_relapse = 1.3 if last_relapse is not None and day - last_relapse < 30 else 1.0
        assessments.append((START + timedelta(days=day), round(level * noise * after_relapse, 1)))
    return assessments, relapses
