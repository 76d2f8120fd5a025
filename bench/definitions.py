"""Benchmark: how much each named PIRA definition changes, and what it costs.

    python bench/definitions.py

Pure Python, no database. The same generated histories (the differential test's
generator, `tests/journal/test_progression_vs_pymsprog.py`: 2,000 EDSS histories from
seed 101 and 2,000 timed 25-foot walks from seed 102) go through our engine under every
definition of `journal/progression_definitions.py`. For each definition: the events
by label, how many histories get a different list of labelled events than under the
standard definition (any event added, lost or labelled otherwise) and how many a
different PIRA count; then the CPU time of the 2,000 analyses and of 10,000 daily
self-tests (the scaling input of bench/progression.py); and, with pymsprog installed
(requirements-dev.txt), each definition on 1,000 EDSS histories through one `MSprog()`
call with the options the definition names against our engine: CPU time, ratio and
agreement. The README's "Definitions" table quotes these figures.
"""

import importlib.util
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from journal.progression import Outcome, analyse_progression  # noqa: E402
from journal.progression_definitions import DEFINITIONS, STANDARD  # noqa: E402
from tests.journal.generated_histories import Batch, generate  # noqa: E402
from tests.journal.long_series import daily_self_tests  # noqa: E402

BATCHES = (Batch("edss", Outcome.EDSS, 2000, seed=101), Batch("t25fw", Outcome.T25FW, 2000, 102))


def cpu_ms(run, repeat):
    times = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def labelled(outcome, history, definition):
    result = analyse_progression(
        outcome, history.assessments, history.relapses, definition.settings
    )
    return [(e.onset, e.type.value, e.classification) for e in result.events]


def compare(batch):
    histories = generate(batch)
    standard = [labelled(batch.outcome, h, STANDARD) for h in histories]
    lines = [
        f"== {len(histories):,} generated {batch.name} histories",
        f"{'definition':<18} {'PIRA':>6} {'RAW':>6} {'CDW':>6} {'CDI':>6} "
        f"{'histories changed':>18} {'PIRA count changed':>19} {'ms (all)':>9}",
    ]
    for key, definition in DEFINITIONS.items():
        events = [labelled(batch.outcome, h, definition) for h in histories]
        kinds = Counter(c.value if c else t for per in events for _, t, c in per)
        changed = sum(a != b for a, b in zip(events, standard, strict=True))
        pira = Counter()
        for a, b in zip(events, standard, strict=True):
            mine = sum(1 for *_, c in a if c and c.value == "PIRA")
            theirs = sum(1 for *_, c in b if c and c.value == "PIRA")
            pira[(mine > theirs) - (mine < theirs)] += 1
        took = cpu_ms(lambda d=definition: [labelled(batch.outcome, h, d) for h in histories], 5)
        lines.append(
            f"{key:<18} {kinds['PIRA']:>6,} {kinds['RAW']:>6,} {kinds['CDW']:>6,} "
            f"{kinds['CDI']:>6,} {changed:>8,} ({changed / len(histories):>5.1%}) "
            f"{pira[-1]:>6,} fewer {pira[1]:>4,} more {took:>8.0f}"
        )
    return lines


def scaling():
    assessments, relapses = daily_self_tests(10_000)
    lines = ["== 10,000 daily self-tests (T25FW), CPU time per analysis (median of 11)"]
    for key, definition in DEFINITIONS.items():
        took = cpu_ms(
            lambda d=definition: analyse_progression("t25fw", assessments, relapses, d.settings),
            11,
        )
        lines.append(f"{key:<18} {took:>7.1f} ms")
    return lines


def against_pymsprog():
    if importlib.util.find_spec("pymsprog") is None:
        return ["== pymsprog: skipped, not installed (pip install -r requirements-dev.txt)"]
    from tests.journal import test_progression_vs_pymsprog as differential

    pd = differential.pd
    lines = [
        "== against pymsprog: 1,000 generated EDSS histories per definition, CPU time",
        f"{'definition':<18} {'MSprog() ms':>12} {'ours ms':>8} {'ratio':>7}  agreement",
    ]
    for key, definition in DEFINITIONS.items():
        batch = Batch(key, Outcome.EDSS, 1000, seed=101, settings=definition.settings)
        histories = generate(batch)
        visits = pd.DataFrame(
            [(i, when, value) for i, h in enumerate(histories) for when, value in h.assessments],
            columns=["id", "date", "value"],
        )
        relapses = pd.DataFrame(
            [(i, when) for i, h in enumerate(histories) for when in h.relapses],
            columns=["id", "date"],
        )
        their_ms = cpu_ms(lambda v=visits, r=relapses, b=batch: differential.run_msprog(v, r, b), 3)
        our_ms = cpu_ms(lambda b=batch, hs=histories: [differential.ours(b, h) for h in hs], 11)
        theirs = differential.pymsprog_events(batch, histories)
        ours = [differential.ours(batch, h) for h in histories]
        same = sum(a == e for a, e in zip(ours, theirs, strict=True))
        lines.append(
            f"{key:<18} {their_ms:>12,.0f} {our_ms:>8.1f} {their_ms / our_ms:>6.0f}x  "
            f"{same:,} of {len(histories):,} histories identical"
        )
    return lines


def main():
    lines = []
    for batch in BATCHES:
        lines += [*compare(batch), ""]
    lines += [*scaling(), "", *against_pymsprog()]
    output = "\n".join(lines)
    print(output)
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "definitions.txt").write_text(output + "\n")


if __name__ == "__main__":
    main()
