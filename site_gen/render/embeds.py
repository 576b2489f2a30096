"""The embed page of every chart (pure): the chart alone with its claimant, status, sources and a link back."""

from __future__ import annotations

from dataclasses import dataclass

from site_gen.core.breakdowns import ChartJob, chart_embed_path
from site_gen.core.model import Article, Claim, Claimant, Source, Status
from site_gen.core.series_model import Dataset, Series
from site_gen.core.series_plan import SeriesChartJob
from site_gen.core.site import Site
from site_gen.core.urls import claim_url, series_url


@dataclass(frozen=True)
class EmbedView:
    """What embed.html shows: `chart` (path, alt), who claims it and our status, the claim's text as worded
    (`quote`) or the series chart's title (`title`), the source names, and the page (`back`, titled `back_title`)
    that gives the context."""
    chart: ChartJob | SeriesChartJob
    claimant: Claimant
    status: Status
    quote: str
    title: str
    lang: str
    sources: str
    back: str
    back_title: str


def source_names(sources: tuple[Source, ...]) -> str:
    return "; ".join(s.name or s.url for s in sources)


def breakdown_embed(article: Article, claim: Claim, chart: ChartJob) -> EmbedView:
    return EmbedView(chart, claim.claimant, claim.status, claim.text, "", claim.lang or article.lang, source_names(claim.sources),
                     claim_url(article.url, claim.id), article.title)


def series_embed(dataset: Dataset, series: Series, chart: SeriesChartJob) -> EmbedView:
    return EmbedView(chart, series.claimant, series.status, "", chart.spec.title, "",
                     source_names(dataset.sources),
                     series_url(series.claimant.id, series.anchor), dataset.title)


def embed_views(site: Site, charts: dict[tuple[str, str], ChartJob],
                series_charts: dict[str, tuple[SeriesChartJob, ...]]) -> list[tuple[str, EmbedView]]:
    """(output path, view) of the embed page of every breakdown chart, then of every series chart."""
    views = [breakdown_embed(a, c, job) for a in site.articles for c in a.claims
             if (job := charts.get((a.slug, c.id))) is not None]
    views += [series_embed(d, s, job) for d in site.datasets for s in d.series for job in series_charts.get(s.id, ())]
    return [(chart_embed_path(view.chart.path), view) for view in views]
