"""The build, as a table of contents: configure → load → check → analyse → draw → render → write."""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

from site_gen import checks
from site_gen.breakdowns import ChartJob, breakdown_job
from site_gen.charts import draw_breakdown
from site_gen.config import load_config
from site_gen.load import load_articles
from site_gen.model import Finding, Site, SiteConfig
from site_gen.output import write_site
from site_gen.pages import plan_pages
from site_gen.problems import ContentErrors, Problem, Severity
from site_gen.statics import static_files
from site_gen.templates import make_environment, render


@dataclass(frozen=True)
class BuildOptions:
    config_path: Path = Path("config.yaml")
    out_dir: Path | None = None
    base_url: str | None = None
    drafts: bool = False
    strict: bool = False


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


@dataclass(frozen=True)
class CompiledSite:
    """A built site held in memory: output path -> bytes, plus what the summary reports."""

    files: dict[str, bytes]
    result: BuildResult


def build(options: BuildOptions) -> BuildResult:
    """Build the whole site or raise ContentErrors/SitegenError; the old output stays until the swap."""
    compiled = compile_site(options)
    write_site(compiled.files, compiled.result.out_dir)
    return compiled.result


def compile_site(options: BuildOptions) -> CompiledSite:
    """Every output file of the site, in memory; nothing is written."""
    started = time.perf_counter()
    config = configure(options)
    articles, problems = load_articles(config, options.drafts)
    warnings = raise_on_errors(problems, options.strict)
    site = Site(config, articles, checks.find_all(articles))
    charts = plan_charts(site)
    files = draw_charts(charts)
    files.update(render_pages(site, charts))
    files.update(static_files(config, set(files)))
    result = BuildResult(
        out_dir=config.output_dir,
        pages=sum(1 for p in files if p.endswith(".html")),
        articles=len(site.articles),
        claims=sum(len(a.claims) for a in site.articles),
        charts=len(charts),
        findings=site.findings,
        warnings=tuple(warnings),
        seconds=time.perf_counter() - started,
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


def draw_charts(charts: dict[tuple[str, str], ChartJob]) -> dict[str, bytes]:
    return {job.path: draw_breakdown(job.spec) for job in charts.values()}


def render_pages(site: Site, charts: dict[tuple[str, str], ChartJob]) -> dict[str, bytes]:
    env = make_environment(site.config.templates_dir)
    return {page.path: render(env, page.template, page.context) for page in plan_pages(site, charts, build_time())}


def build_time() -> dt.datetime | None:
    """Only SOURCE_DATE_EPOCH puts a time on the site, so that builds stay reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.strip().isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
