"""The build's steps with reuse (site_gen.pipeline.steps) give what the pure functions give, and reuse by identity."""

from __future__ import annotations

from pathlib import Path

from site_gen.core import checks, series_checks
from site_gen.core.breakdowns import plan_charts
from site_gen.core.series_plan import plan_series_charts
from site_gen.core.site import Site
from site_gen.content.config import load_config
from site_gen.content.load import load_articles
from site_gen.content.series import load_series
from site_gen.pipeline import steps
from site_gen.render.exports import export_files
from site_gen.render.page_keys import key_parts
from site_gen.utils.reuse import ByIdentity

REPO = Path(__file__).resolve().parent.parent


def repo_site() -> Site:
    config = load_config(REPO / "config.yaml")
    articles, _ = load_articles(config, False)
    datasets, _ = load_series(config)
    return Site(config, articles, checks.find_all(articles), datasets, series_checks.find_all(datasets))


def test_steps_with_reuse_equal_the_pure_functions_and_reuse_on_the_second_call():
    site, reuse = repo_site(), ByIdentity()
    assert site.findings and site.series_findings and site.datasets  # the repo's site exercises every step
    for _ in range(2):
        assert steps.findings(site.articles, reuse) == site.findings
        assert steps.series_findings(site.datasets, reuse) == site.series_findings
        assert steps.chart_jobs(site, reuse) == plan_charts(site)
        assert steps.series_chart_jobs(site.datasets, reuse) == plan_series_charts(site.datasets)
        assert steps.export_files(site, reuse) == export_files(site)
        assert steps.key_parts(site, plan_charts(site), reuse) == key_parts(site, plan_charts(site))
    per_object = 2 * len(site.articles) + len(site.datasets)  # findings, exports (articles); each dataset step
    assert reuse.hits >= per_object and reuse.hits == reuse.misses
