"""Decides which HTML pages the site has and what each is given to render (pure: no I/O, no Jinja)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape
from typing import Any, Callable, TypeVar

from site_gen.core.breakdowns import ChartJob, chart_data_path, chart_embed_path
from site_gen.render.embeds import embed_views
from site_gen.render.event_pages import event_pages, with_events
from site_gen.render.feeds import claimant_feed_path, feed_link, feed_paths, tag_feed_path
from site_gen.render.figures import figures_by_side
from site_gen.render.jsonld import article_jsonld
from site_gen.core.model import Article, Claim, Claimant, Status
from site_gen.core.share_cards import CARD_HEIGHT, CARD_WIDTH, article_card, site_card
from site_gen.core.site import Site
from site_gen.utils.reuse import last_result
from site_gen.core.series_model import Milestone
from site_gen.render.series_pages import milestone_entries, series_claimants, series_pages
from site_gen.core.series_plan import SeriesChartJob, plan_series_charts
from site_gen.core.slugs import slugify
from site_gen.core.urls import claim_url, claimant_url, series_url, site_url, tag_url

T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    """One output page: its path, its template and a function that makes its context when it is rendered
    (pages reused from the last build never build theirs)."""

    path: str
    template: str
    make_context: Callable[[], dict[str, Any]]

    @property
    def context(self) -> dict[str, Any]:
        """Made again at each use, never kept: a process that renders thousands of pages would hold them all."""
        return {**self.make_context(), "page_path": self.path}


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date
    date_is_claim_date: bool
    article: Article
    claim: Claim
    is_milestone = False

    @property
    def url(self) -> str:
        return claim_url(self.article.url, self.claim.id)


def plan_pages(site: Site, charts: dict[tuple[str, str], ChartJob], build_time: dt.datetime | None,
               series_charts: dict[str, tuple[SeriesChartJob, ...]] | None = None,
               jsonld: Callable[[Article], dict[str, Any]] | None = None) -> list[Page]:
    """Every HTML page of the site with its template and context (series charts are planned here if not given).
    `jsonld` gives an article's JSON-LD (default: `article_jsonld` with the site's config)."""
    jsonld = jsonld or (lambda article: article_jsonld(article, site.config))
    entries = lazy(lambda: timeline_entries(site.articles))
    by_claimant = lazy(lambda: entries_by_claimant(entries()))
    common = lazy(lambda: _common(site, charts, build_time))
    pages = [
        Page("index.html", "index.html", lambda: {**common(), "articles": site.articles}),
        Page("timeline.html", "timeline.html",
             lambda: {**common(), "months": by_month(with_events(with_milestones(entries(), site), site))}),
        Page("figures.html", "figures.html", lambda: {**common(), "sides": figures_by_side(site)}),
        Page("404.html", "404.html", lambda: {**common(), "absolute_links": True}),
    ]
    if site.config.search:
        pages.append(Page("search.html", "search.html", common))
    series_charts = series_charts if series_charts is not None else plan_series_charts(
        site.datasets, site.config.translations, site.config.date_format)
    pages += [Page(path, "embed.html", lambda view=view: {**common(), "embed": view})
              for path, view in embed_views(site, charts, series_charts)]
    pages += [Page(a.url, "article.html",
                   lambda a=a: {**common(), "article": a, "jsonld": jsonld(a)})
              for a in site.articles]
    for claimant in all_claimants(site):
        pages.append(Page(claimant_url(claimant.id), "claimant.html", lambda c=claimant: _claimant_context(
            common(), by_claimant().get(c.id, []), site, c)))
    pages += [Page(path, template, lambda make=make: {**common(), **make()})
              for path, template, make in series_pages(site, series_charts)]
    pages += [Page(path, template, lambda make=make: {**common(), **make()}) for path, template, make in event_pages(site)]
    for tag, articles in tags_in(site.articles).items():
        pages.append(Page(tag_url(tag), "tag.html", lambda tag=tag, articles=articles:
                          {**common(), "tag": tag, "articles": articles}))
    return pages


def _claimant_context(common: dict[str, Any], mine: list[TimelineEntry], site: Site,
                      claimant: Claimant) -> dict[str, Any]:
    months = by_month(with_milestones(mine, site, claimant.id))
    return {**common, "claimant": claimant, "months": months, "count": len(mine)}


def lazy(make: Callable[[], T]) -> Callable[[], T]:
    """`make()` on the first call only; later calls return that first result."""
    done: list[T] = []

    def value() -> T:
        if not done:
            done.append(make())
        return done[0]

    return value


def _common(site: Site, charts: dict[tuple[str, str], ChartJob], build_time: dt.datetime | None) -> dict[str, Any]:
    feeds = feed_paths(site)
    return {
        "site": site.config,
        "base_path": site.config.base_path,
        "absolute_links": False,
        "claimants": all_claimants(site),
        "series_claimant_ids": {c.id for c in series_claimants(site)},
        "series_url": series_url,
        "feed_url": feed_link(site),
        "tags": tags_in(site.articles),
        "findings_for": site.findings_for,
        "chart_for": lambda article, claim: charts.get((article.slug, claim.id)),
        "status_counts": status_counts,
        "claimant_url": claimant_url,
        "tag_url": tag_url,
        "claim_url": claim_url,
        "build_time": build_time,
        "statuses": list(Status),
        "finding_count": len(site.findings),
        "card_for": lambda article: article_card(article, site.config),
        "site_card": site_card(site.config),
        "card_size": (CARD_WIDTH, CARD_HEIGHT),
        "site_url": lambda target: site_url(site.config.base_url, target),
        "chart_data_path": chart_data_path,
        "chart_embed_path": chart_embed_path,
        "embed_snippet": embed_snippet,
        "claimant_feed": lambda cid: feed_url_of(site, feeds, claimant_feed_path(cid)),
        "tag_feed": lambda tag: feed_url_of(site, feeds, tag_feed_path(tag)),
        "claimant_feed_path": claimant_feed_path,
        "tag_feed_path": tag_feed_path,
    }


def feed_url_of(site: Site, feeds: set[str], path: str) -> str:
    """The absolute URL of a claimant's or tag's feed, or "" when the build writes none."""
    return site_url(site.config.base_url, path) if path in feeds else ""


def embed_snippet(embed_url: str, frame_title: str) -> str:
    """The <iframe> to copy for a chart's embed page (plain text: the template escapes it once more)."""
    title = escape(str(frame_title), quote=True)
    return (f'<iframe src="{escape(embed_url, quote=True)}" title="{title}" width="760" height="620" '
            'loading="lazy" style="border:0;max-width:100%"></iframe>')


def all_claimants(site: Site) -> list[Claimant]:
    """Every claimant with a page of its own (a claim or a series), by name; an inline unnamed source has none."""
    return sorted({c.id: c for c in series_claimants(site) + claimants_in(site.articles) if c.has_page}.values(),
                  key=lambda c: (c.name.lower(), c.id))


def timeline_entries(articles: tuple[Article, ...]) -> list[TimelineEntry]:
    """Every claim, ordered by the date the claimant made it (article date when not given)."""
    ordered = sorted(
        ((c.claimed_on or a.date.date(), a.slug, position, a, c)
         for a in articles for position, c in enumerate(a.claims)),
        key=lambda item: item[:3],
    )
    return [TimelineEntry(date, c.claimed_on is not None, a, c) for date, _, _, a, c in ordered]


def entries_by_claimant(entries: list[TimelineEntry]) -> dict[str, list[TimelineEntry]]:
    """Claimant id -> that claimant's entries, in timeline order (one pass, not one per claimant page)."""
    found: dict[str, list[TimelineEntry]] = defaultdict(list)
    for entry in entries:
        if entry.claim.claimant.has_page:
            found[entry.claim.claimant.id].append(entry)
    return found


def with_milestones(entries: list[TimelineEntry], site: Site, claimant_id: str | None = None) -> list:
    """Claims and series milestones (all, or one claimant's) in one list by date; claims first on a day."""
    merged: list[TimelineEntry | Milestone] = [*entries, *milestone_entries(site, claimant_id)]
    return sorted(merged, key=lambda e: (e.date, e.is_milestone))


def by_month(entries: list[TimelineEntry]) -> list[tuple[dt.date, list[TimelineEntry]]]:
    months: dict[dt.date, list[TimelineEntry]] = defaultdict(list)
    for entry in entries:
        months[entry.date.replace(day=1)].append(entry)
    return sorted(months.items())


def claimants_in(articles: tuple[Article, ...]) -> list[Claimant]:
    seen: dict[str, Claimant] = {}
    for article in articles:
        for claimant in article.claimants:
            seen.setdefault(claimant.id, claimant)
    return sorted(seen.values(), key=lambda c: (c.name.lower(), c.id))


@last_result
def tags_in(articles: tuple[Article, ...]) -> dict[str, list[Article]]:
    """Tag -> its articles (newest first); tags that slugify alike share one page under the first spelling."""
    by_slug: dict[str, tuple[str, dict[str, Article]]] = {}
    for article in articles:
        for tag in article.tags:
            name, members = by_slug.setdefault(slugify(tag) or "tag", (tag, {}))
            members.setdefault(article.path, article)
    return {name: list(members.values()) for _, (name, members) in sorted(by_slug.items())}


def status_counts(claims: tuple[Claim, ...]) -> list[tuple[Status, int]]:
    counts = Counter(c.status for c in claims)
    return [(s, counts[s]) for s in Status if counts[s]]
