"""Many claims in one article: build time, page size and finding count, to show nothing grows quadratically.

Usage: python benchmarks/many_claims.py [--claims 10000] [--conflicting 2000 4000] [--charts 10] [--jobs N] [--keep]

Two kinds of site are written into a temporary folder and built with `python -m site_gen build --no-cache`
(a separate process, timed from outside, so start-up and imports count as a user sees them):

  claims N       one article with N claims by one claimant, each a plain total (`total: 5`) for its own day,
                 with an inline claim mark for every claim in the body and `--charts` of them with a
                 three-group breakdown (each breakdown is one chart: 10,000 of them would time matplotlib,
                 not sitegen); no two claims conflict.
  conflicting N  one article with N claims by one claimant about the same measure, subject and period, each
                 with a different exact total, so every claim conflicts with every other one.

For each it prints the wall time, the CPU time of the build and its workers (user + system: on a shared
machine this says more than the wall time), the article page's size and the number of findings the build reports.
Doubling N should double the page and the findings (one finding per conflicting claim, not per pair).
Nothing is asserted: this is a benchmark.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CONFIG = """title: Many Claims Desk
description: A generated site with many claims in one article.
base_url: https://example.org/many/
language: en
timezone: Europe/Kyiv
claimants:
  ru-mod: {name: Russian Ministry of Defence, side: Russia, kind: government}
"""

HEAD = """---
title: Many claims
date: 2024-07-05
sources:
  - id: mod
    name: Russian Ministry of Defence
    url: https://example.org/mod
    accessed: 2024-07-06
claims:
"""


def claim_yaml(i: int, conflicting: bool, chart: bool) -> str:
    """Claim i; conflicting claims share one period and differ in their exact totals."""
    day = dt.date(2020, 1, 1) + dt.timedelta(days=i % 1500)
    period = "2024-07-04/2024-07-05" if conflicting else day.isoformat()
    claimed = "2024-07-05" if conflicting else day.isoformat()
    text = f"""  - id: c{i:06d}
    claimant: ru-mod
    category: casualties
    measure: killed
    subject: Ukrainian forces
    claimed_on: {claimed}
    period: {period}
    text: claim number {i}
    total: {i + 1 if conflicting else 5}
    sources: [mod]
"""
    if chart:
        text += "    by_group: {West: 1, Centre: 2, East: 2}\n"
    return text


def article_text(n: int, conflicting: bool, charts: int) -> str:
    step = max(n // charts, 1) if charts else 0
    claims = "".join(claim_yaml(i, conflicting, bool(step) and i % step == 0 and i // step < charts)
                     for i in range(n))
    marks = "\n".join(f"- [claim {i}]{{claim=c{i:06d}}}" for i in range(n))
    return f"{HEAD}{claims}---\nThe ministry made many claims.\n\n{marks}\n"


def write_site(root: Path, n: int, conflicting: bool, charts: int) -> Path:
    (root / "content/articles").mkdir(parents=True)
    (root / "config.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "content/articles/many.md").write_text(article_text(n, conflicting, charts), encoding="utf-8")
    return root / "config.yaml"


def run(root: Path, label: str, n: int, conflicting: bool, charts: int, jobs: list[str]) -> None:
    config = write_site(root, n, conflicting, charts)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "site_gen", "build", "--config", str(config), "--no-cache", *jobs],
                          capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        print(f"{label}: build failed (exit {done.returncode})\n{done.stderr[-2000:]}")
        return
    summary = re.search(r"(\d+) findings", done.stdout)
    page = root / "build/articles/many.html"
    print(f"{label:<24} {seconds:8.2f} s wall {cpu:7.2f} s CPU   page {page.stat().st_size / 1e6:9.2f} MB   "
          f"findings {summary.group(1) if summary else '?':>9}   stdout {len(done.stdout) / 1e6:7.2f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="*", default=[10000], help="sizes of the plain-claims site")
    parser.add_argument("--conflicting", type=int, nargs="*", default=[2000, 4000],
                        help="sizes of the conflicting-claims site")
    parser.add_argument("--charts", type=int, default=10, help="claims with a breakdown (one chart each)")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites and print where")
    parser.add_argument("--jobs", type=int, help="passed on to `sitegen build --jobs` (default: not passed)")
    args = parser.parse_args()
    jobs = ["--jobs", str(args.jobs)] if args.jobs is not None else []
    tmp = Path(tempfile.mkdtemp(prefix="sitegen-many-"))
    try:
        for n in args.claims:
            run(tmp / f"claims-{n}", f"{n:,} claims", n, False, args.charts, jobs)
        for n in args.conflicting:
            run(tmp / f"conflicting-{n}", f"{n:,} conflicting claims", n, True, 0, jobs)
    finally:
        if args.keep:
            print(f"sites kept in {tmp}")
        else:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
