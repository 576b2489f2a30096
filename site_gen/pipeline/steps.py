"""The one place that decides what a rebuild reuses: the pure steps as the build calls them, each per-article and
per-dataset result kept by `reuse` while its inputs are the very same objects (`serve`; `sitegen build` passes `fresh`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from site_gen.core import checks, series_checks
from site_gen.core.breakdowns import ChartJob, article_chart_jobs
from site_gen.core.dates import DEFAULT_DATE_FORMAT
from site_gen.core.event_charts import EventChartJob
from site_gen.core.model import Article, Event, Finding
from site_gen.core.series_model import Dataset, SeriesFinding
from site_gen.core.series_plan import SeriesChartJob, dataset_jobs
from site_gen.core.share_cards import CardJob, article_card, site_card
from site_gen.core.site import Site
from site_gen.pipeline.memo import BuildMemo
from site_gen.render.event_pages import site_event_charts
from site_gen.render.exports import article_rows, dataset_rows, export_files as exports_from, finding_kinds
from site_gen.render.jsonld import article_jsonld
from site_gen.render.page_keys import (KeyParts, article_digests, charts_by_article, data_key, page_keys,
                                      templates_fingerprint)
from site_gen.render.page_manifest import previous_pages
from site_gen.render.pages import plan_pages
from site_gen.render.stage import PlannedPages, build_time
from site_gen.render.templates import make_environment
from site_gen.utils.cache import digest
from site_gen.utils.reuse import Reuse, fresh


def findings(articles: tuple[Article, ...], reuse: Reuse = fresh, events: tuple[Event, ...] = ()) -> tuple[Finding, ...]:
    return checks.site_findings(articles, [reuse(checks.article_findings, a) for a in articles], events)


def series_findings(datasets: tuple[Dataset, ...], reuse: Reuse = fresh) -> tuple[SeriesFinding, ...]:
    return tuple(f for dataset in datasets for f in reuse(series_checks.dataset_findings, dataset))


def chart_jobs(site: Site, reuse: Reuse = fresh) -> dict[tuple[str, str], ChartJob]:
    return {(article.slug, claim_id): job for article in site.articles
            for claim_id, job in reuse(article_chart_jobs, article, site.config.translations, site.config.date_format)}


def event_chart_jobs(site: Site) -> tuple[EventChartJob, ...]:
    """Every event's comparison charts (computed once per site object)."""
    return tuple(site_event_charts(site).values())


def card_jobs(site: Site, reuse: Reuse = fresh) -> dict[str, CardJob]:
    """Output path -> share card job: the site's, then each article's."""
    cards = [site_card(site.config)] + [reuse(article_card, a, site.config) for a in site.articles]
    return {card.path: card for card in cards}


def series_chart_jobs(datasets: tuple[Dataset, ...], reuse: Reuse = fresh, translations: tuple[tuple[str, str], ...] = (),
                      date_format: str = DEFAULT_DATE_FORMAT) -> dict[str, tuple[SeriesChartJob, ...]]:
    return {series_id: jobs for d in datasets for series_id, jobs in reuse(dataset_jobs, d, translations, date_format)}


def export_files(site: Site, reuse: Reuse = fresh) -> dict[str, bytes]:
    base_url = site.config.base_url
    language = site.config.language
    parts = [reuse(article_rows, a, base_url, finding_kinds(site, a), language) for a in site.articles]
    parts += [reuse(dataset_rows, d, base_url) for d in site.datasets]
    return exports_from(site, parts)


def key_parts(site: Site, charts: dict[tuple[str, str], ChartJob], reuse: Reuse = fresh) -> KeyParts:
    by_article = charts_by_article(charts)
    return KeyParts({a.slug: reuse(article_digests, a, tuple(by_article[a.slug])) for a in site.articles},
                    [reuse(digest, d) for d in site.datasets], [reuse(digest, f) for f in site.series_findings])


def plan_render(site: Site, charts: dict[tuple[str, str], ChartJob], series_charts: dict[str, tuple[SeriesChartJob, ...]],
                cache_root: Path | None = None, memo: BuildMemo | None = None,
                link: Callable[[str, str], bool] | None = None) -> PlannedPages:
    """Which pages the site has, and which of them are unchanged since the last build (held by `memo` when
    `serve` rebuilds; else linked into the new output folder by `link(path, key)` where the last build's record
    allows, else read back from the output folder): those are not rendered again."""
    reuse = memo.reuse if memo is not None else fresh
    templates = templates_fingerprint(site.config.templates_dir)
    env = memo.environment(site.config.templates_dir, templates) if memo else make_environment(site.config.templates_dir)
    when = build_time()
    pages = plan_pages(site, charts, when, series_charts, lambda article: reuse(article_jsonld, article, site.config))
    parts = key_parts(site, charts, reuse)
    keys = page_keys(site, pages, charts, series_charts, when, templates, parts)
    warnings: list[str] = []
    linked: frozenset[str] = frozenset()
    if memo is not None and memo.has_pages:
        previous = memo.previous_pages(keys)
    else:
        linked = frozenset(path for path, key in keys.items() if link is not None and link(path, key))
        rest = {path: key for path, key in keys.items() if path not in linked}
        previous = previous_pages(cache_root, site.config.output_dir, rest, warnings) if cache_root and rest else {}
    return PlannedPages(pages, keys, previous, env, tuple(warnings), linked, data_key(site, parts, series_charts, when))


def made_or_linked(paths: set[str], key: str, link: Callable[[str, str], bool] | None,
                   make: Callable[[], dict[str, bytes]]) -> tuple[dict[str, bytes], dict[str, str]]:
    """(files made, each path's key): nothing made when every path was linked unchanged from the last build by
    `link(path, key)` (made from the same `key`), else `make()` (which may also return paths without a key)."""
    keys = {path: digest(key, path) for path in sorted(paths)}
    if link is not None and keys and all(link(path, path_key) for path, path_key in keys.items()):
        return {}, keys
    return make(), keys
