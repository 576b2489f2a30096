"""The build benchmark's reporting: scenarios, issue #16's targets, and the tables build_bench.py prints."""

from __future__ import annotations

import statistics

SCENARIOS = ("cold", "nochange", "edit", "summary", "template", "figure")
DESCRIBE = {
    "cold": "cold build (empty cache)",
    "nochange": "rebuild, no change",
    "edit": "rebuild, one article edited",
    "summary": "rebuild, one article's summary edited",
    "template": "rebuild, footer template changed",
    "figure": "rebuild, one claim figure edited",
}
#: (scenario, size) -> seconds; from issue #16, 2 cores. Goals to report against, not assertions. The full
#: re-render (template change) has its own: no slower than Hugo's cold build on the same articles in the same run.
TIME_TARGETS = {
    ("cold", 1000): 10.0,
    ("nochange", 1000): 0.5,
    ("edit", 1000): 0.3,
}
#: Used for the template target when Hugo is not installed: its reference times at 1,000 and 5,000 articles.
HUGO_REFERENCE = {1000: 1.21, 5000: 4.13}
MEMORY_TARGETS_MIB = {5000: 300.0}
#: Issue #16's targets, by the name of the figure, for the "Against the targets" table.
CHART_TARGET_MS = 10.0
#: Reference figures from the issue (2 cores; medians of 5): seconds at 1,000 and 5,000 articles.
REFERENCES = (
    ("Hugo 0.168", 1.21, 4.13, "457 MiB peak"),
    ("Pelican 4.12", 4.50, 23.2, ""),
    ("MkDocs 1.6", 8.73, 183.0, ""),
    ("Python floor", 1.86, 9.80, "read + libyaml + markdown-it-py + Jinja2"),
)


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds:.2f}" if seconds < 100 else f"{seconds:.0f}"


def verdict(value: float, target: float | None) -> str:
    if target is None:
        return ""
    return "met" if value <= target else f"**not met** (×{value / target:.1f})"


def _median_or_none(values: list[float | None]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(result: dict) -> dict:
    size = result["size"]
    rows = {}
    for scenario, runs in result["runs"].items():
        walls = [r["wall"] for r in runs]
        phase_names = list(dict.fromkeys(p for r in runs for p in r["phases"]))
        last = runs[-1]
        rows[scenario] = {
            "wall": statistics.median(walls), "min": min(walls), "max": max(walls),
            "inprocess": _median_or_none([r["inprocess"] for r in runs]),
            "peak_mib": max(r["peak_mib"] for r in runs),
            "largest_mib": max((r["largest_mib"] or 0) for r in runs) or None,
            "rss_tree_mib": max(r["rss_tree_mib"] for r in runs),
            "pss_tree_mib": max(r["pss_tree_mib"] for r in runs),
            "processes": max(r["processes"] for r in runs),
            "drawn": last["drawn"], "reused": last["reused"], "pages": last["pages"],
            "pages_rendered": last["pages_rendered"], "pages_reused": last["pages_reused"],
            "phases": {p: statistics.median([r["phases"].get(p, 0.0) for r in runs]) for p in phase_names},
            "target": TIME_TARGETS.get((scenario, size)),
            "others_cpu_max": max((r["others_cpu"] or 0.0) for r in runs),
        }
    floor = result["floor"]
    hugo = result.get("hugo") or []
    hugo_wall = statistics.median([r["wall"] for r in hugo]) if hugo else None
    if "template" in rows:
        rows["template"]["target"] = hugo_wall if hugo_wall is not None else HUGO_REFERENCE.get(size)
    cold_cpu = _median_or_none([r.get("cpu") for r in result["runs"].get("cold", [])])
    return {"size": size, "repeat": result["repeat"], "rounds": result.get("rounds", 1), "rows": rows,
            "hugo": hugo_wall, "hugo_min": min((r["wall"] for r in hugo), default=None),
            "hugo_max": max((r["wall"] for r in hugo), default=None),
            "hugo_peak_mib": max((r["peak_mib"] for r in hugo), default=None), "cold_cpu": cold_cpu,
            "floor": statistics.median([r["wall"] for r in floor]),
            "floor_min": min(r["wall"] for r in floor), "floor_max": max(r["wall"] for r in floor),
            "floor_peak_mib": max(r["peak_mib"] for r in floor),
            "floor_others_cpu_max": max((r["others_cpu"] or 0.0) for r in floor),
            "peak_mib": max(r["peak_mib"] for r in rows.values()),
            "memory_target": MEMORY_TARGETS_MIB.get(size), "load_after": result.get("load_after")}


def print_summary(summary: dict) -> None:
    size, rows, floor = summary["size"], summary["rows"], summary["floor"]
    cold, rebuilds = summary["repeat"], summary["repeat"] * summary["rounds"]
    print(f"\n### {size:,} articles (medians: {cold} cold build{'s' if cold != 1 else ''}, {rebuilds} of each "
          f"rebuild and of the floor)\n")
    print("| scenario | wall s | min–max s | in-process s | charts drawn / reused | pages rendered / reused "
          "| peak MiB | × floor | target | | others' CPU % (max) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    for scenario, row in rows.items():
        charts = "—" if row["drawn"] is None else f"{row['drawn']:,} / {row['reused']:,}"
        pages = "—" if row["pages_rendered"] is None else f"{row['pages_rendered']:,} / {row['pages_reused']:,}"
        target = "" if row["target"] is None else f"≤ {fmt_s(row['target'])} s"
        print(f"| {DESCRIBE[scenario]} | {fmt_s(row['wall'])} | {fmt_s(row['min'])}–{fmt_s(row['max'])} "
              f"| {fmt_s(row['inprocess'])} | {charts} | {pages} | {row['peak_mib']:.0f} | {row['wall'] / floor:.2f} "
              f"| {target} | {verdict(row['wall'], row['target'])} | {100 * row['others_cpu_max']:.0f} |")
    print(f"| floor renderer (no charts) | {fmt_s(floor)} | {fmt_s(summary['floor_min'])}–{fmt_s(summary['floor_max'])} "
          f"| | | | {summary['floor_peak_mib']:.0f} | 1.00 | | "
          f"| {100 * summary['floor_others_cpu_max']:.0f} |")
    mem_target = summary["memory_target"]
    mem = f"Peak memory over all scenarios: {summary['peak_mib']:.0f} MiB"
    if mem_target:
        mem += f" (target ≤ {mem_target:.0f} MiB: {verdict(summary['peak_mib'], mem_target)})"
    print(f"\n{mem}. Load average after this size: {summary['load_after']}.")
    cold = rows.get("cold", {})
    if cold.get("drawn") and cold.get("phases", {}).get("charts"):
        print(f"Cold build: charts phase {fmt_s(cold['phases']['charts'])} s for {cold['drawn']:,} charts = "
              f"{1000 * cold['phases']['charts'] / cold['drawn']:.0f} ms of wall time per chart.")
    print("\n| memory, MiB | largest process (kernel) | tree PSS (sampled) | tree RSS sum (sampled) | processes |")
    print("|---|---:|---:|---:|---:|")
    for scenario, row in rows.items():
        largest = "—" if row["largest_mib"] is None else f"{row['largest_mib']:.0f}"
        print(f"| {scenario} | {largest} | {row['pss_tree_mib']:.0f} | {row['rss_tree_mib']:.0f} | {row['processes']} |")
    phase_names = list(dict.fromkeys(p for row in rows.values() for p in row["phases"]))
    if phase_names:
        print("\nPer-phase seconds (from `--profile`, in-process; medians):\n")
        print("| scenario | " + " | ".join(phase_names) + " | start-up + exit (wall − in-process) |")
        print("|---|" + "---:|" * (len(phase_names) + 1))
        for scenario, row in rows.items():
            rest = None if row["inprocess"] is None else row["wall"] - row["inprocess"]
            print(f"| {scenario} | " + " | ".join(fmt_s(row["phases"].get(p)) for p in phase_names)
                  + f" | {fmt_s(rest)} |")
    else:
        print("\nPer-phase seconds: not available (this sitegen has no `build --profile`, or its output was not "
              "recognised).")


def _ratio(ours: float | None, theirs: float | None) -> str:
    return "—" if not ours or not theirs else f"×{ours / theirs:.2f}"


def print_targets(summary: dict, hugo_name: str | None, chart_ms: dict[str, float] | None) -> None:
    """Issue #16's table at this size: sitegen beside Hugo's cold build of the same articles in the same run, the
    ratio of each pair, and each target with met / not met."""
    size, rows, hugo = summary["size"], summary["rows"], summary["hugo"]
    hugo_cell = (f"{fmt_s(hugo)} s cold build ({fmt_s(summary['hugo_min'])}–{fmt_s(summary['hugo_max'])})"
                 if hugo is not None else "not run")
    print(f"\n### Issue #16's figures, {size:,} articles ({hugo_name or 'Hugo not installed'}, same run; wall "
          "seconds, medians)\n")
    print("| what | sitegen | Hugo (same run) | sitegen / Hugo | target | |")
    print("|---|---:|---:|---:|---:|---|")

    def line(what: str, ours: float | None, theirs: str, ratio: str, target: float | None, unit: str = "s",
             extra: str = "") -> None:
        value = "—" if ours is None else f"{fmt_s(ours) if unit == 's' else f'{ours:.0f}'} {unit}{extra}"
        goal = "" if target is None else f"≤ {fmt_s(target) if unit == 's' else f'{target:.0f}'} {unit}"
        print(f"| {what} | {value} | {theirs} | {ratio} | {goal} | "
              f"{'' if target is None or ours is None else verdict(ours, target)} |")

    cold = rows.get("cold")
    if cold:
        cpu = f", {fmt_s(summary['cold_cpu'])} s CPU" if summary.get("cold_cpu") else ""
        line(f"cold build, {size:,} articles with {cold['drawn'] or 0:,} charts drawn", cold["wall"], hugo_cell,
             _ratio(cold["wall"], hugo), TIME_TARGETS.get(("cold", size)), extra=cpu)
    template = rows.get("template")
    if template:
        target = template["target"]
        line("every page re-rendered, charts reused (template change)", template["wall"], hugo_cell,
             _ratio(template["wall"], hugo), target)
        if hugo is None and target is not None:
            print(f"| (template target: Hugo's reference time at {size:,}, Hugo not run) | | | | | |")
    for scenario, what in (("nochange", "rebuild with nothing changed"), ("edit", "one article edited")):
        if scenario in rows:
            line(what, rows[scenario]["wall"], hugo_cell if scenario == "nochange" else "—",
                 _ratio(rows[scenario]["wall"], hugo) if scenario == "nochange" else "—",
                 TIME_TARGETS.get((scenario, size)))
    theirs = "not run" if summary.get("hugo_peak_mib") is None else f"{summary['hugo_peak_mib']:.0f} MiB"
    line("peak memory, largest over all scenarios", summary["peak_mib"], theirs,
         _ratio(summary["peak_mib"], summary.get("hugo_peak_mib")), summary["memory_target"], unit="MiB")
    if chart_ms:
        for kind, ms in chart_ms.items():
            target = CHART_TARGET_MS if kind in ("wide", "narrow") else None
            line(f"CPU per chart, {kind} ({'breakdown chart' if kind != 'card' else 'share card PNG'}; "
                 "chart_bench.py, one process)", ms, "—", "—", target, unit="ms")


def print_growth(summaries: list[dict]) -> None:
    """How each figure grows with the number of articles: values per size and the factor from the smallest."""
    if len(summaries) < 2:
        return
    sizes = [s["size"] for s in summaries]
    base = sizes[0]
    print("\n### Growth with the number of articles (wall s, medians; peak MiB)\n")
    print("| figure | " + " | ".join(f"{n:,}" for n in sizes) + " | "
          + " | ".join(f"× from {base:,} to {n:,} (articles ×{n / base:.3g})" for n in sizes[1:]) + " |")
    print("|---|" + "---:|" * (2 * len(sizes) - 1))
    figures = [(DESCRIBE[scenario], [s["rows"].get(scenario, {}).get("wall") for s in summaries])
               for scenario in SCENARIOS]
    figures.append(("Hugo cold build (same run)", [s.get("hugo") for s in summaries]))
    figures.append(("floor renderer", [s["floor"] for s in summaries]))
    figures.append(("sitegen peak MiB (all scenarios)", [s["peak_mib"] for s in summaries]))
    figures.append(("Hugo peak MiB", [s.get("hugo_peak_mib") for s in summaries]))
    for name, values in figures:
        cells = [fmt_s(v) if v is not None else "—" for v in values]
        growth = [_ratio(v, values[0]) for v in values[1:]]
        print(f"| {name} | " + " | ".join(cells) + " | " + " | ".join(growth) + " |")

def print_comparison(summaries: list[dict]) -> None:
    by_size = {s["size"]: s for s in summaries}
    sizes = [n for n in (1000, 5000) if n in by_size]
    if not sizes:
        return
    print("\n### Against the reference figures (reference machines: 2 cores, median of 5)\n")
    print("| | " + " | ".join(f"{n:,} articles, s" for n in sizes) + " | note |")
    print("|---|" + "---:|" * len(sizes) + "---|")
    for name, at1000, at5000, note in REFERENCES:
        ref = {1000: at1000, 5000: at5000}
        print(f"| {name} (reference) | " + " | ".join(f"{ref[n]}" for n in sizes) + f" | {note} |")
    print("| Python floor, this machine | " + " | ".join(fmt_s(by_size[n]["floor"]) for n in sizes)
          + " | benchmarks/floor.py |")
    for scenario in ("cold", "template", "nochange"):
        print(f"| sitegen: {DESCRIBE[scenario]}, this machine | "
              + " | ".join(fmt_s(by_size[n]["rows"][scenario]["wall"]) for n in sizes) + " | |")
    scale = [f"{by_size[n]['floor'] / ref:.2f} at {n:,}" for n, ref in ((1000, 1.86), (5000, 9.80)) if n in by_size]
    print(f"\nThis machine's floor time / the reference floor time: {', '.join(scale)} "
          "(below 1: this machine runs the floor workload faster than the reference machines).")
