"""A longer run of tests/test_fuzz.py: N random (not seeded) examples per fuzz test, with a tally of the builds.

    .venv/bin/python benchmarks/fuzz.py --examples 10000        # about 3 builds a second per core
    .venv/bin/python benchmarks/fuzz.py --examples 300 -k json  # one test only (pytest -k)

Prints, per kind of input (article front matter, CSV series, JSON series, config), how many builds ran, how
many exited 0 (built) and 1 (located content errors), and the problem lines they printed. Any traceback, an
unlocated problem line or an XML/SVG file that does not parse fails the run (pytest's output shows the input).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=1000, help="examples per fuzz test (default 1000)")
    parser.add_argument("--show-problems", action="store_true", help="print the first problem line of each build")
    parser.add_argument("-k", default="", help="only the fuzz tests matching this pytest -k expression")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        stats = Path(folder) / "stats.jsonl"
        env = {**os.environ, "SITEGEN_FUZZ_EXAMPLES": str(args.examples), "SITEGEN_FUZZ_STATS": str(stats)}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--timeout", "0", "-x",
                   str(REPO / "tests/test_fuzz.py")] + (["-k", args.k] if args.k else [])
        started = time.perf_counter()
        code = subprocess.call(command, cwd=REPO, env=env)
        seconds = time.perf_counter() - started
        rows = [json.loads(line) for line in stats.read_text().splitlines()] if stats.exists() else []
    tally: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for row in rows:
        tally[row["kind"]]["builds"] += 1
        tally[row["kind"]][f"exit {row['exit']}"] += 1
        tally[row["kind"]]["problem lines"] += row["problems"]
    if args.show_problems:
        for row in rows:
            print(row["kind"], row["exit"], row.get("first", "")[:150])
    for kind, counts in sorted(tally.items()):
        print(f"{kind:8} {counts['builds']:6,} builds: {counts['exit 0']:6,} exit 0, {counts['exit 1']:6,} exit 1, "
              f"{counts['problem lines']:8,} problem lines")
    print(f"{len(rows):,} builds in {seconds:.0f} s; pytest exit code {code} ({'no failure' if code == 0 else 'FAILED'})")
    return code


if __name__ == "__main__":
    sys.exit(main())
