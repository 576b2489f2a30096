"""The build, as a table of contents: configure → load → check → analyse → draw → render → write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_gen import checks, series_checks
from site_gen.breakdowns import ChartJob, breakdown_job
from site_gen.cache import CACHE_DIR, CacheStore
from site_gen.chart_cache import ChartCache, chart_key
from site_gen.charts import BreakdownSpec, draw_breakdown
from site_gen.config import load_config
from site_gen.exports import export_files, export_paths
from site_gen.feeds import feed_files, feed_paths
from site_gen.load import load_articles
from site_gen.memo import BuildMemo
from site_gen.model import Article, Finding, Site, SiteConfig
from site_gen.mpl import mpl
from site_gen.output import recover_output, write_site
from site_gen.page_manifest import save_page_manifest
from site_gen.parallel import default_jobs, run_all
from site_gen.phases import PhaseTimer, ProgressFactory, progress_of as _progress
from site_gen.problems import ContentErrors, Problem, Severity
from site_gen.render import EarlyPages, plan_render, render_first, render_planned
from site_gen.reuse import Reuse, fresh
from site_gen.series import load_series
from site_gen.series_charts import SeriesChartSpec, draw_series
from site_gen.series_model import SeriesFinding
from site_gen.series_plan import SeriesChartJob, plan_series_charts
from site_gen.statics import static_files


#: The signed store's entry listing the hashes of charts drawn or checked here.
CHECKED_CHARTS = "checked-charts"


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
    #: The configuration the site was built with (its source folders may not be replaced by the output).
    config: SiteConfig
    page_keys: dict[str, str] = field(default_factory=dict)


def build(options: BuildOptions, progress: ProgressFactory | None = None) -> BuildResult:
    """Build the whole site or raise ContentErrors/SitegenError; the old output stays until the swap (first put
    back if an interrupted run left it missing)."""
    recover_output(configure(options).output_dir)
    cache_root = cache_folder(options)
    memo = BuildMemo(CacheStore(cache_root / "articles.json" if cache_root else None))
    compiled = compile_site(options, memo, progress)
    started = time.perf_counter()
    write_site(compiled.files, compiled.result.out_dir, compiled.config.source_dirs)
    memo.commit()
    if cache_root is not None:
        save_page_manifest(cache_root, compiled.files, compiled.page_keys, compiled.result.out_dir)
    phases = compiled.result.phases + (("write", time.perf_counter() - started),)
    return replace(compiled.result, phases=phases, seconds=compiled.result.seconds + phases[-1][1],
                   cache_warnings=compiled.result.cache_warnings + tuple(memo.store.warnings if memo.store else ()))


def compile_site(options: BuildOptions, memo: BuildMemo | None = None,
                 progress: ProgressFactory | None = None, early: EarlyPages | None = None) -> CompiledSite:
    """Every output file of the site, in memory; nothing is written. `memo` reuses unchanged parses and bodies;
    `early` gets the pages a browser shows (and every chart and static file) before the rest is rendered."""
    timer = PhaseTimer()
    jobs = options.jobs or default_jobs()
    with timer("load and validate"):
        config = configure(options)
        articles, problems = load_articles(config, options.drafts, memo)
        datasets, series_problems = load_series(config, memo)
        warnings = raise_on_errors(problems + series_problems, options.strict)
    reuse = memo.reuse if memo is not None else fresh
    with timer("analyse"):
        site = Site(config, articles, checks.find_all(articles, reuse), datasets,
                    series_checks.find_all(datasets, reuse))
        charts = plan_charts(site, reuse)
        series_charts = plan_series_charts(site.datasets, reuse)
    with timer("charts"):
        store = memo.store if memo is not None else None
        cache = ChartCache(cache_folder(options) / "charts" if cache_folder(options) else None,
                           memo.charts if memo is not None else None, checked_charts(store))
        files = draw_charts(charts, series_charts, cache, jobs, progress, reuse)
        if memo is not None:
            memo.charts = cache.used
        if store is not None:
            store.put(CHECKED_CHARTS, cache.used_hashes())
    with timer("render"):
        planned = plan_render(site, charts, series_charts, cache_folder(options), memo)
        files.update(static_files(config, set(files) | planned.keys.keys() | export_paths(site) | feed_paths(site)))
        first = render_first(planned, early.wanted) if early is not None else {}
        if early is not None:
            early.deliver({**files, **first}, config.base_path)
        pages, reused = render_planned(planned, first, jobs, progress)
        files.update(pages)
        files.update(export_files(site, reuse))
        feeds, notices = feed_files(site, sorted(p for p in files if p.endswith(".html")))
        files.update(feeds)
        keys = planned.keys
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
        cache_warnings=tuple(cache.warnings) + planned.cache_warnings,
    )
    return CompiledSite(files, result, config, keys)


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


def plan_charts(site: Site, reuse: Reuse = fresh) -> dict[tuple[str, str], ChartJob]:
    return {(article.slug, claim_id): job for article in site.articles
            for claim_id, job in reuse(article_chart_jobs, article)}


def article_chart_jobs(article: Article) -> tuple[tuple[str, ChartJob], ...]:
    """(claim id, chart job) for each claim of the article that has a breakdown."""
    return tuple((claim.id, job) for claim in article.claims if (job := breakdown_job(article, claim)) is not None)


def checked_charts(store: CacheStore | None) -> frozenset[str]:
    """Hashes of the charts the last build used, all drawn or checked by this user's sitegen (signed store)."""
    found = store.get(CHECKED_CHARTS) if store is not None else None
    return frozenset(h for h in found if isinstance(h, str)) if isinstance(found, tuple) else frozenset()


def cache_folder(options: BuildOptions) -> Path | None:
    if not options.chart_cache:
        return None
    return options.cache_dir or options.config_path.parent / CACHE_DIR


def draw_charts(charts: dict[tuple[str, str], ChartJob], series_charts: dict[str, tuple[SeriesChartJob, ...]],
                cache: ChartCache, jobs: int, progress: ProgressFactory | None = None,
                reuse: Reuse = fresh) -> dict[str, bytes]:
    """Every chart; only specs the cache does not hold are drawn, on all cores."""
    work = [(job.path, job.spec) for job in charts.values()]
    work += [(job.path, job.spec) for series_jobs in series_charts.values() for job in series_jobs]
    found = {path: cache.lookup(spec, reuse(chart_key, spec)) for path, spec in work}
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
