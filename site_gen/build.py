"""The build, as a table of contents: configure → load → check → analyse → draw → render → write."""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

from site_gen import checks, series_checks
from site_gen.breakdowns import ChartJob, breakdown_job
from site_gen.chart_cache import CACHE_DIR, ChartCache
from site_gen.charts import draw_breakdown
from site_gen.config import load_config
from site_gen.exports import export_files
from site_gen.feeds import feed_files
from site_gen.load import load_articles
from site_gen.memo import BuildMemo
from site_gen.model import Finding, Site, SiteConfig
from site_gen.output import write_site
from site_gen.pages import plan_pages
from site_gen.problems import ContentErrors, Problem, Severity
from site_gen.series import load_series
from site_gen.series_charts import draw_series
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
    #: Where drawn charts are kept between builds; None means `.sitegen-cache/charts` next to config.yaml.
    cache_dir: Path | None = None
    chart_cache: bool = True


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


@dataclass(frozen=True)
class CompiledSite:
    """A built site held in memory: output path -> bytes, plus what the summary reports."""

    files: dict[str, bytes]
    result: BuildResult


def build(options: BuildOptions) -> BuildResult:
    """Build the whole site or raise ContentErrors/SitegenError; the old output stays until the swap."""
    compiled = compile_site(options)
    config = configure(options)
    write_site(compiled.files, compiled.result.out_dir, config.source_dirs)
    return compiled.result


def compile_site(options: BuildOptions, memo: BuildMemo | None = None) -> CompiledSite:
    """Every output file of the site, in memory; nothing is written. `memo` (serve) reuses unchanged parses and charts."""
    started = time.perf_counter()
    config = configure(options)
    articles, problems = load_articles(config, options.drafts, memo)
    datasets, series_problems = load_series(config)
    warnings = raise_on_errors(problems + series_problems, options.strict)
    site = Site(config, articles, checks.find_all(articles), datasets, series_checks.find_all(datasets))
    charts = plan_charts(site)
    series_charts = plan_series_charts(site.datasets)
    cache = ChartCache(chart_cache_dir(config, options))
    files = draw_charts(charts, memo, cache)
    files.update(draw_series_charts(series_charts, cache))
    files.update(render_pages(site, charts, series_charts))
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
        seconds=time.perf_counter() - started,
        series=sum(len(d.series) for d in datasets),
        series_points=sum(len(s.points) for d in datasets for s in d.series),
        series_findings=site.series_findings,
        charts_drawn=cache.stats.drawn,
        charts_reused=cache.stats.reused,
        ms_per_chart=cache.stats.ms_per_drawn_chart,
        notices=notices,
    )
    return CompiledSite(files, result)


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


def draw_charts(charts: dict[tuple[str, str], ChartJob], memo: BuildMemo | None = None,
                cache: ChartCache | None = None) -> dict[str, bytes]:
    draw = memo.draw_breakdown if memo else draw_breakdown
    cache = cache or ChartCache(None)
    return {job.path: cache.chart(job.spec, draw) for job in charts.values()}


def chart_cache_dir(config: SiteConfig, options: BuildOptions) -> Path | None:
    if not options.chart_cache:
        return None
    return options.cache_dir or config.root / CACHE_DIR / "charts"


def draw_series_charts(jobs: dict[str, tuple[SeriesChartJob, ...]], cache: ChartCache) -> dict[str, bytes]:
    """Every series chart, drawn only when the cache has no chart for its exact spec."""
    return {job.path: cache.chart(job.spec, draw_series) for series_jobs in jobs.values() for job in series_jobs}


def render_pages(site: Site, charts: dict[tuple[str, str], ChartJob],
                 series_charts: dict[str, tuple[SeriesChartJob, ...]] | None = None) -> dict[str, bytes]:
    env = make_environment(site.config.templates_dir)
    pages = plan_pages(site, charts, build_time(), series_charts)
    return {page.path: render(env, page.template, page.context) for page in pages}


def build_time() -> dt.datetime | None:
    """Only SOURCE_DATE_EPOCH puts a time on the site, so that builds stay reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.strip().isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
