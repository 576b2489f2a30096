"""The build, as a table of contents: configure → load → check → analyse → draw → render → write."""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_gen import checks, series_checks
from site_gen.breakdowns import ChartJob, breakdown_job
from site_gen.cache import CACHE_DIR, CacheStore
from site_gen.chart_cache import ChartCache
from site_gen.charts import BreakdownSpec, draw_breakdown
from site_gen.config import load_config
from site_gen.exports import export_files
from site_gen.feeds import feed_files
from site_gen.load import load_articles
from site_gen.memo import BuildMemo
from site_gen.mpl import mpl
from site_gen.model import Finding, Site, SiteConfig
from site_gen.output import write_site
from site_gen.pages import plan_pages
from site_gen.problems import ContentErrors, Problem, Severity
from site_gen.series import load_series
from site_gen.page_keys import page_keys, templates_fingerprint
from site_gen.page_manifest import previous_pages, save_page_manifest
from site_gen.parallel import default_jobs, run_all, shared_value
from site_gen.phases import PhaseTimer, ProgressFactory, progress_of as _progress
from site_gen.series_charts import SeriesChartSpec, draw_series
from site_gen.series_model import SeriesFinding
from site_gen.series_plan import SeriesChartJob, plan_series_charts
from site_gen.statics import static_files
from site_gen.templates import make_environment, render


@dataclass(frozen=True)
class BuildOptions:
    config_path: Path = Path("config.yaml")
    out_dir: Path | None = None
    base_url: str | None = None
    drafts: bool = False
    strict: bool = False
    #: The build cache folder; None means `.sitegen-cache/` next to config.yaml.
    cache_dir: Path | None = None
    #: False builds without the disk cache (charts, articles, pages): everything is computed afresh.
    chart_cache: bool = True
    #: Worker processes for charts and pages; 0 means one per core.
    jobs: int = 0


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    pages: int
    articles: int
    claims: int
    charts: int
    findings: tuple[Finding, ...]
    warnings: tuple[Problem, ...]
    seconds: float
    series: int = 0
    series_points: int = 0
    series_findings: tuple[SeriesFinding, ...] = ()
    charts_drawn: int = 0
    charts_reused: int = 0
    ms_per_chart: float = 0.0
    notices: tuple[Problem, ...] = ()
    pages_rendered: int = 0
    pages_reused: int = 0
    phases: tuple[tuple[str, float], ...] = ()
    cache_warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompiledSite:
    """A built site held in memory: output path -> bytes, plus what the summary reports."""

    files: dict[str, bytes]
    result: BuildResult
    page_keys: dict[str, str] = field(default_factory=dict)
    #: The site's source folders, which the output folder may not replace.
    source_dirs: tuple[Path, ...] = ()


def build(options: BuildOptions, progress: ProgressFactory | None = None) -> BuildResult:
    """Build the whole site or raise ContentErrors/SitegenError; the old output stays until the swap."""
    cache_root = cache_folder(options)
    memo = BuildMemo(CacheStore(cache_root / "articles.pickle" if cache_root else None))
    compiled = compile_site(options, memo, progress)
    started = time.perf_counter()
    write_site(compiled.files, compiled.result.out_dir, compiled.source_dirs)
    memo.commit()
    if cache_root is not None:
        save_page_manifest(cache_root, compiled.files, compiled.page_keys, compiled.result.out_dir)
    phases = compiled.result.phases + (("write", time.perf_counter() - started),)
    return replace(compiled.result, phases=phases, seconds=compiled.result.seconds + phases[-1][1],
                   cache_warnings=compiled.result.cache_warnings + tuple(memo.store.warnings if memo.store else ()))


def compile_site(options: BuildOptions, memo: BuildMemo | None = None,
                 progress: ProgressFactory | None = None) -> CompiledSite:
    """Every output file of the site, in memory; nothing is written. `memo` reuses unchanged parses and bodies."""
    timer = PhaseTimer()
    jobs = options.jobs or default_jobs()
    with timer("load and validate"):
        config = configure(options)
        articles, problems = load_articles(config, options.drafts, memo)
        datasets, series_problems = load_series(config)
        warnings = raise_on_errors(problems + series_problems, options.strict)
    with timer("analyse"):
        site = Site(config, articles, checks.find_all(articles), datasets, series_checks.find_all(datasets))
        charts = plan_charts(site)
        series_charts = plan_series_charts(site.datasets)
    with timer("charts"):
        cache = ChartCache(cache_folder(options) / "charts" if cache_folder(options) else None)
        files = draw_charts(charts, series_charts, cache, jobs, progress)
    with timer("render"):
        pages, keys, reused = render_pages(site, charts, series_charts, cache_folder(options), jobs, progress, memo)
        files.update(pages)
        files.update(export_files(site))
        feeds, notices = feed_files(site, sorted(p for p in files if p.endswith(".html")))
        files.update(feeds)
        files.update(static_files(config, set(files)))
    result = BuildResult(
        out_dir=config.output_dir,
        pages=sum(1 for p in files if p.endswith(".html")),
        articles=len(site.articles),
        claims=sum(len(a.claims) for a in site.articles),
        charts=cache.stats.drawn + cache.stats.reused,
        findings=site.findings,
        warnings=tuple(warnings),
        seconds=timer.total,
        series=sum(len(d.series) for d in datasets),
        series_points=sum(len(s.points) for d in datasets for s in d.series),
        series_findings=site.series_findings,
        charts_drawn=cache.stats.drawn,
        charts_reused=cache.stats.reused,
        ms_per_chart=cache.stats.ms_per_drawn_chart,
        notices=notices,
        pages_rendered=len(keys) - reused,
        pages_reused=reused,
        phases=timer.phases,
        cache_warnings=tuple(cache.warnings),
    )
    return CompiledSite(files, result, keys, config.source_dirs)


def configure(options: BuildOptions) -> SiteConfig:
    config = load_config(options.config_path)
    if options.out_dir is not None:
        config = replace(config, output_dir=options.out_dir)
    if options.base_url is not None:
        config = replace(config, base_url=options.base_url)
    return config


def raise_on_errors(problems: list[Problem], strict: bool) -> list[Problem]:
    """Raise ContentErrors if any problem is an error (warnings too under --strict); return the warnings."""
    if strict:
        problems = [replace(p, severity=Severity.ERROR) for p in problems]
    if any(p.is_error for p in problems):
        raise ContentErrors(problems)
    return problems


def plan_charts(site: Site) -> dict[tuple[str, str], ChartJob]:
    return {
        (article.slug, claim.id): job
        for article in site.articles for claim in article.claims
        if (job := breakdown_job(article, claim)) is not None
    }


def cache_folder(options: BuildOptions) -> Path | None:
    if not options.chart_cache:
        return None
    return options.cache_dir or options.config_path.parent / CACHE_DIR


def draw_charts(charts: dict[tuple[str, str], ChartJob], series_charts: dict[str, tuple[SeriesChartJob, ...]],
                cache: ChartCache, jobs: int, progress: ProgressFactory | None = None) -> dict[str, bytes]:
    """Every chart; only specs the cache does not hold are drawn, on all cores."""
    work = [(job.path, job.spec) for job in charts.values()]
    work += [(job.path, job.spec) for series_jobs in series_charts.values() for job in series_jobs]
    found = {path: cache.lookup(spec) for path, spec in work}
    missing = [(path, spec) for path, spec in work if found[path] is None]
    started = time.perf_counter()
    if missing:
        mpl()  # import once here, not once in every forked worker
    with _progress(progress, "Drawing charts", len(missing)) as advance:
        drawn = run_all(_draw, [spec for _, spec in missing], jobs, advance)
    cache.record_drawn([spec for _, spec in missing], drawn, time.perf_counter() - started)
    found.update((path, data) for (path, _), data in zip(missing, drawn))
    return {path: found[path] for path, _ in work}


def _draw(spec: BreakdownSpec | SeriesChartSpec) -> bytes:
    return draw_breakdown(spec) if isinstance(spec, BreakdownSpec) else draw_series(spec)


def render_pages(site: Site, charts: dict[tuple[str, str], ChartJob],
                 series_charts: dict[str, tuple[SeriesChartJob, ...]] | None = None, cache_root: Path | None = None,
                 jobs: int = 1, progress: ProgressFactory | None = None,
                 memo: BuildMemo | None = None) -> tuple[dict[str, bytes], dict[str, str], int]:
    """Every HTML page; a page whose inputs are unchanged since the last build is taken from that build
    (held by `memo` when `serve` rebuilds, else read back from the output folder)."""
    series_charts = series_charts if series_charts is not None else plan_series_charts(site.datasets)
    templates = templates_fingerprint(site.config.templates_dir)
    env = memo.environment(site.config.templates_dir, templates) if memo else make_environment(site.config.templates_dir)
    when = build_time()
    pages = plan_pages(site, charts, when, series_charts)
    keys = page_keys(site, pages, charts, series_charts, when, templates)
    if memo is not None and memo.has_pages:
        previous = memo.previous_pages(keys)
    else:
        previous = previous_pages(cache_root, site.config.output_dir, keys) if cache_root else {}
    todo = [p for p in pages if p.path not in previous]
    with _progress(progress, "Rendering pages", len(todo)) as advance:
        rendered = run_all(_render_page, list(range(len(todo))), jobs, advance, {"env": env, "pages": todo})
    out = dict(previous)
    out.update((page.path, html) for page, html in zip(todo, rendered))
    return {p.path: out[p.path] for p in pages}, keys, len(previous)


def _render_page(index: int) -> bytes:
    page = shared_value("pages")[index]
    return render(shared_value("env"), page.template, page.context)


def build_time() -> dt.datetime | None:
    """Only SOURCE_DATE_EPOCH puts a time on the site, so that builds stay reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.strip().isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
