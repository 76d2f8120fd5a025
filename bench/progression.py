"""Benchmark: the progression engine's scaling, and its speed against pymsprog.

    python bench/progression.py

Pure Python, no database. Two parts, in one run:

- Scaling: daily self-tests (a timed 25-foot walk every 1-3 days with noise,
  relapses and lasting steps: `tests/journal/long_series.py`) over 10, 100, 1,000 and
  10,000 visits, and ten years of daily values. CPU time per analysis (the median of
  several), and the ratio of each size to the one ten times smaller: 10 for a linear
  engine, 100 for a quadratic one.
- pymsprog: 1,000 histories from the differential test's generator
  (`tests/journal/test_progression_vs_pymsprog.py`, the EDSS batch) through one
  `MSprog()` call with the options our engine reproduces, and through our engine one
  by one, each from its own input format (DataFrames, (date, value) pairs). CPU time
  of each (`time.process_time`, every thread of this process), their ratio, and how
  many events agree. Skipped, saying so, without pymsprog (a test-only
  dependency in requirements-dev.txt).

Every input is generated from a fixed seed, so each run measures the same work.
"""

import importlib.util
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from journal.progression import Outcome, analyse_progression  # noqa: E402
from tests.journal.long_series import daily_self_tests  # noqa: E402

SIZES = (10, 100, 1_000, 10_000)
HISTORIES = 1_000
BUDGET_MS = 50  # 10,000 visits (DESIGN.md section 4: daily self-tests stay fast)


def cpu_ms(run, repeat):
    """The median CPU time of `repeat` calls of run(), in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def scaling():
    lines = ["== engine scaling (daily self-tests, T25FW), CPU time per analysis"]
    lines.append(f"{'visits':>8} {'events':>7} {'median ms':>10} {'x previous':>11}")
    previous = None
    for visits in SIZES:
        assessments, relapses = daily_self_tests(visits)
        result = analyse_progression(Outcome.T25FW, assessments, relapses)
        took = cpu_ms(lambda a=assessments, r=relapses: analyse_progression("t25fw", a, r), 21)
        ratio = f"{took / previous:.1f}x" if previous else ""
        lines.append(f"{visits:>8,} {len(result.events):>7} {took:>10.2f} {ratio:>11}")
        previous = took
    within = "within" if previous < BUDGET_MS else "OVER"
    lines.append(f"10,000 visits: {previous:.1f} ms, {within} the {BUDGET_MS} ms budget")
    start = date(2015, 1, 1)
    daily = [(start + timedelta(days=n), v) for n, (_, v) in enumerate(daily_self_tests(3653)[0])]
    took = cpu_ms(lambda: analyse_progression(Outcome.T25FW, daily), 11)
    lines.append(f"ten years of daily values (3,653 visits): {took:.1f} ms")
    return lines, previous


def against_pymsprog():
    if importlib.util.find_spec("pymsprog") is None:
        return ["== pymsprog: skipped, not installed (pip install -r requirements-dev.txt)"]
    from tests.journal import test_progression_vs_pymsprog as differential

    batch = differential.Batch("edss", Outcome.EDSS, HISTORIES, seed=101)
    histories = differential.generate(batch)

    # Each engine timed on its own call from its own input: MSprog() on the DataFrames
    # (as the differential test builds them), ours on (date, value) pairs.
    pd = differential.pd
    visits = pd.DataFrame(
        [(i, when, value) for i, h in enumerate(histories) for when, value in h.assessments],
        columns=["id", "date", "value"],
    )
    relapses = pd.DataFrame(
        [(i, when) for i, h in enumerate(histories) for when in h.relapses],
        columns=["id", "date"],
    )
    their_ms = cpu_ms(lambda: differential.run_msprog(visits, relapses, batch), 3)
    our_ms = cpu_ms(
        lambda: [
            analyse_progression(batch.outcome, h.assessments, h.relapses, batch.settings)
            for h in histories
        ],
        11,
    )
    theirs = differential.pymsprog_events(batch, histories)
    ours = [differential.ours(batch, h) for h in histories]

    events = sum(len(e) for e in theirs)
    agreeing = sum(len(set(a) & set(e)) for a, e in zip(ours, theirs, strict=True))
    histories_agreeing = sum(a == e for a, e in zip(ours, theirs, strict=True))
    return [
        f"== against pymsprog {getattr(sys.modules['pymsprog'], '__version__', '')}: "
        f"{HISTORIES:,} generated EDSS histories, CPU time",
        f"pymsprog MSprog(), one call for all (median of 3): {their_ms:,.0f} ms",
        f"our engine, one call per history (median of 11): {our_ms:,.1f} ms",
        f"ours is {their_ms / our_ms:,.0f}x faster",
        f"agreement: {agreeing:,} of {events:,} pymsprog events, "
        f"{histories_agreeing:,} of {HISTORIES:,} histories identical "
        f"(ours found {sum(len(a) for a in ours):,} events)",
    ]


def main():
    lines, ten_thousand = scaling()
    lines += ["", *against_pymsprog()]
    output = "\n".join(lines)
    print(output)
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "progression.txt").write_text(output + "\n")
    if ten_thousand >= BUDGET_MS:
        sys.exit(f"10,000 visits took {ten_thousand:.1f} ms, over {BUDGET_MS} ms")


if __name__ == "__main__":
    main()
