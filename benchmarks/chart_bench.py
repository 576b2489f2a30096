"""Chart benchmark: CPU milliseconds per chart (time.process_time) for the breakdown charts of N corpus articles.

Usage: python benchmarks/chart_bench.py [--charts 200] [--kinds wide narrow card] [--profile FILE] [--top 25]

The articles come from benchmarks/corpus.py (the same ones build_bench.py builds), read and planned by sitegen
itself, so the specs are exactly the ones a build draws: per article the wide breakdown chart, its narrow
(phone) variant and the PNG share card. Each kind is drawn N times in one process, in this order, after one
untimed warm-up drawing of each kind (imports and font loading, paid once per worker in a build). CPU time
is this process's user + system time (`time.process_time`), which other processes on a shared machine
barely move, unlike wall time (also printed). `--profile FILE` writes a cProfile of the timed drawings and
prints the `--top` functions by cumulative and by own time. A benchmark: it prints figures, asserts nothing.
To measure another version of sitegen, put its checkout first: `PYTHONPATH=/path/to/checkout python
benchmarks/chart_bench.py` (the script only needs the version to have `site_gen.charts.draw.draw`).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # corpus.py; site_gen is the installed one (or PYTHONPATH's, e.g. an old checkout)
from corpus import write_corpus  # noqa: E402

KINDS = ("wide", "narrow", "card")


def corpus_specs(count: int) -> dict[str, list]:
    """The specs a build of `count` corpus articles draws: wide and narrow breakdown charts and share cards."""
    from site_gen.content.config import load_config
    from site_gen.content.load import load_articles
    from site_gen.core.breakdowns import plan_charts
    from site_gen.core.share_cards import article_card
    from site_gen.core.site import Site

    with tempfile.TemporaryDirectory(prefix="chart-bench-") as root:
        config = load_config(write_corpus(Path(root), count))
        articles, _ = load_articles(config, False)
        site = Site(config, articles)
        jobs = list(plan_charts(site).values())
        return {"wide": [job.variants()[0][1] for job in jobs], "narrow": [job.variants()[1][1] for job in jobs],
                "card": [article_card(article, config).spec for article in articles]}


def measure(specs: list, profiler: cProfile.Profile | None) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, bytes) of drawing every spec once, in order."""
    from site_gen.charts.draw import draw

    size = 0
    cpu, wall = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    for spec in specs:
        size += len(draw(spec))
    if profiler:
        profiler.disable()
    return time.process_time() - cpu, time.perf_counter() - wall, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--charts", type=int, default=200, help="charts of each kind (default 200)")
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--profile", type=Path, help="write a cProfile of the timed drawings here")
    parser.add_argument("--top", type=int, default=25, help="functions listed from the profile")
    args = parser.parse_args()
    specs = corpus_specs(args.charts)
    from site_gen.charts.draw import draw

    for kind in args.kinds:  # warm-up: imports, font files, caches a worker fills on its first chart
        draw(specs[kind][0])
    profiler = cProfile.Profile() if args.profile else None
    print(f"{'kind':<8} {'charts':>6} {'CPU ms/chart':>13} {'wall ms/chart':>14} {'KB/chart':>9}")
    total_cpu = 0.0
    for kind in args.kinds:
        cpu, wall, size = measure(specs[kind][:args.charts], profiler)
        count = len(specs[kind][:args.charts])
        total_cpu += cpu
        print(f"{kind:<8} {count:>6} {1000 * cpu / count:>13.2f} {1000 * wall / count:>14.2f} "
              f"{size / 1024 / count:>9.1f}")
    per_article = 1000 * total_cpu / args.charts
    print(f"CPU per article ({' + '.join(args.kinds)}): {per_article:.1f} ms")
    if profiler:
        profiler.dump_stats(str(args.profile))
        stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
