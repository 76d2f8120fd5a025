"""Run bandit over our own code: 0 high and 0 unexplained medium findings.

Accepted medium findings are listed, each with its reason, in .ci/bandit-accepted.toml.
"""

import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["mstracker", "journal", "therapies"]


def main():
    accepted = tomllib.loads((ROOT / ".ci/bandit-accepted.toml").read_text())["accepted"]
    allowed = {(entry["test"], entry["file"]) for entry in accepted}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "bandit",
            "-q",
            "-r",
            *SOURCES,
            "-f",
            "json",
            "-x",
            "*/migrations/*",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(run.stdout)
    if report.get("errors"):
        print("bandit could not read:", report["errors"])
        return 1
    found = [r for r in report["results"] if r["issue_severity"] in ("MEDIUM", "HIGH")]
    unexplained = [
        r
        for r in found
        if r["issue_severity"] == "HIGH" or (r["test_id"], r["filename"]) not in allowed
    ]
    stale = allowed - {(r["test_id"], r["filename"]) for r in found}
    for r in unexplained:
        print(
            f"{r['filename']}:{r['line_number']}: {r['test_id']} {r['issue_severity']}: "
            f"{r['issue_text']}"
        )
    for test, file in sorted(stale):
        print(f"no longer reported, remove from .ci/bandit-accepted.toml: {test} {file}")
    counts = {
        s: sum(r["issue_severity"] == s for r in report["results"])
        for s in ("HIGH", "MEDIUM", "LOW")
    }
    print(
        f"bandit: {counts['HIGH']} high, {counts['MEDIUM']} medium "
        f"({len(found) - len(unexplained)} accepted), {counts['LOW']} low"
    )
    return 1 if unexplained or stale else 0


if __name__ == "__main__":
    sys.exit(main())
