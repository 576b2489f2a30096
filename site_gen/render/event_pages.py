"""Event pages, the events index, event chart embeds and events on the timeline: which exist and their contexts (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from site_gen.core.event_charts import EventChartJob, event_chart_jobs
from site_gen.core.events import EVENTS_INDEX, EventClaim, EventView, event_views
from site_gen.core.model import ClaimLink, Event
from site_gen.core.site import Site
from site_gen.utils.reuse import last_result

#: (path, template, context maker) of a page, as render/pages.py plans them.
PagePlan = tuple[str, str, Callable[[], dict[str, Any]]]


@last_result
def site_events(site: Site) -> tuple[EventView, ...]:
    """Every registered event with its claims (computed once per site object)."""
    return event_views(site)


@last_result
def site_event_charts(site: Site) -> dict[tuple[str, str, str], EventChartJob]:
    """(event id, measure, unit) -> the event's comparison chart (computed once per site object)."""
    return event_chart_jobs(site)


def event_pages(site: Site) -> list[PagePlan]:
    """events/index.html, one page per event, and an embed page per comparison chart; none without events."""
    if not site.config.events:
        return []
    views = site_events(site)
    plans: list[PagePlan] = [(EVENTS_INDEX, "events.html", lambda: {"events": views})]
    for view in views:
        plans.append((view.event.url, "event.html", lambda view=view: _event_context(site, view)))
    for job in site_event_charts(site).values():
        view = next(v for v in views if v.event.id == job.event_id)
        group = next(g for g in view.groups if (g.measure, g.unit) == (job.measure, job.unit))
        plans.append((job.embed_path, "event_embed.html",
                      lambda view=view, group=group, job=job: {"view": view, "group": group, "chart": job}))
    return plans


def _event_context(site: Site, view: EventView) -> dict[str, Any]:
    charts = site_event_charts(site)
    return {"view": view, "event": view.event,
            "event_chart": lambda group: charts.get((view.event.id, group.measure, group.unit)),
            "event_embed_snippet": event_embed_snippet, "is_event_claim": lambda node: isinstance(node, EventClaim),
            "revision_link": revision_link}


def revision_link(node: EventClaim | ClaimLink) -> ClaimLink:
    """A chain member as the link a page shows (the claim's card, the date it was made)."""
    if isinstance(node, ClaimLink):
        return node
    article, claim = node.article, node.claim
    wording = claim.total.wording if claim.total else ""
    return ClaimLink(article.slug, article.url, article.title, claim.id, wording, claim.claimed_on)


def event_embed_snippet(embed_url: str, event: Event) -> str:
    """The <iframe> to copy for an event chart's embed page (plain text: the template escapes it once more)."""
    title = escape(f"Chart: figures claimed about {event.title}, by claimant", quote=True)
    return (f'<iframe src="{escape(embed_url, quote=True)}" title="{title}" width="760" height="700" '
            'loading="lazy" style="border:0;max-width:100%"></iframe>')


@dataclass(frozen=True)
class EventEntry:
    """An event on the timeline, at the start of its period."""

    date: dt.date
    view: EventView
    is_milestone = False
    is_event = True


def timeline_events(site: Site) -> list[EventEntry]:
    """An entry per event with a period, at its start."""
    return [EventEntry(v.event.period.start, v) for v in site_events(site) if v.event.period is not None]


def with_events(entries: list, site: Site) -> list:
    """Timeline entries with the events merged in by date; an event before the claims of its first day."""
    merged = [*entries, *timeline_events(site)]
    return sorted(merged, key=lambda e: (e.date, not getattr(e, "is_event", False)))
