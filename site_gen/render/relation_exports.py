"""Exports of claims in relation (§8, §9): a claim's relays, event, supersession, retraction and parts as export
values; events.json and its schema; the CSV of each event comparison chart (pure)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from site_gen.core.event_charts import EventChartJob
from site_gen.core.events import EventView
from site_gen.core.model import Claim, Source
from site_gen.core.quantities import Quantity
from site_gen.core.site import Site
from site_gen.core.urls import site_url

EVENTS_SCHEMA_FILE = Path(__file__).parent.parent / "schema" / "events.schema.json"
#: The §8 columns of claims.csv (and keys of each claims.json record), after the v1 columns.
RELATION_COLUMNS = ("relayed_by", "event_id", "event_url", "supersedes", "superseded_by", "retracted", "breakdown",
                    "of_which")


def no_relations() -> dict[str, Any]:
    """The §8 fields of a record that has none (a series point)."""
    return {"relayed_by": [], "event_id": None, "event_url": None, "supersedes": None, "superseded_by": [],
            "retracted": None, "breakdown": None, "of_which": []}


def claim_relations(claim: Claim, base_url: str, group, figure) -> dict[str, Any]:
    """The §8 fields of a claim; `group(name, quantity, note)` and `figure(quantity)` are exports.py's encoders."""
    link = claim.supersedes_link
    event_url = f"events/{claim.event}.html" if claim.event else None
    return {
        "relayed_by": [_relay(r.by.id, r.by.name, r.source, r.figure, figure) for r in claim.relayed_by],
        "event_id": claim.event or None,
        "event_url": (site_url(base_url, event_url) or event_url) if event_url else None,
        "supersedes": f"{link.article_slug}#{link.claim_id}" if link else None,
        "superseded_by": [f"{s.article_slug}#{s.claim_id}" for s in claim.superseded_by],
        "retracted": ({"on": claim.retracted.on.isoformat(), "source": _source(claim.retracted.source),
                       "note": claim.retracted.note or None} if claim.retracted else None),
        "breakdown": claim.breakdown if claim.by_group else None,
        "of_which": [group(g.name, g.quantity, g.note) for g in claim.of_which],
    }


def _relay(by_id: str, name: str, source: Source | None, q: Quantity | None, figure) -> dict[str, Any]:
    return {"by_id": by_id or None, "by_name": name, "source": _source(source), **figure(q)}


def _source(source: Source | None) -> dict[str, Any] | None:
    return {"id": source.id, "name": source.name or None, "url": source.url} if source else None


def events_json(site: Site, views: tuple[EventView, ...]) -> bytes:
    """events.json: each event of the registry with the ids of its claims (as in claims.json) and their findings."""
    base_url = site.config.base_url
    events = []
    for view in views:
        ev = view.event
        events.append({
            "id": ev.id, "title": ev.title,
            "period_start": ev.period.start.isoformat() if ev.period else None,
            "period_end": ev.period.end.isoformat() if ev.period else None,
            "location": ev.location or None, "description": ev.description or None,
            "url": site_url(base_url, ev.url) or ev.url,
            "claims": [f"{e.article.slug}#{e.claim.id}" for e in view.claims],
            "claimants": sorted({e.claim.claimant.id for e in view.claims if e.claim.claimant.id}),
            "findings": sorted({f.kind for f in view.findings}),
        })
    document = {"schema": "events.schema.json",
                "site": {"title": site.config.title, "url": site_url(base_url, "index.html") or None},
                "note": "Each event lists the claims about it, by their ids in claims.json. The figures of different "
                        "claimants must never be added together.",
                "events": events}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def event_files(site: Site, views: tuple[EventView, ...], charts: dict[tuple[str, str, str], EventChartJob],
                cell) -> dict[str, bytes]:
    """events.json, events.schema.json and each comparison chart's CSV; nothing when the site has no events."""
    if not site.config.events:
        return {}
    files = {"events.json": events_json(site, views), "events.schema.json": EVENTS_SCHEMA_FILE.read_bytes()}
    for job in charts.values():
        view = next(v for v in views if v.event.id == job.event_id)
        group = next(g for g in view.groups if (g.measure, g.unit) == (job.measure, job.unit))
        files[job.data_path] = event_chart_csv(view, group.claims, site.config.base_url, cell)
    return files


def event_paths(site: Site, charts: dict[tuple[str, str, str], EventChartJob]) -> set[str]:
    if not site.config.events:
        return set()
    return {"events.json", "events.schema.json"} | {job.data_path for job in charts.values()}


#: Columns of an event chart's CSV (charts/events/<event>--<measure>[--<unit>].csv): one row per bar.
EVENT_CHART_COLUMNS = (
    "event_id", "event_title", "claim_id", "claimant_id", "claimant_name", "side", "measure", "unit", "wording",
    "display", "qualifier", "value", "low", "high", "status", "status_label", "retracted_on", "superseded_by",
    "claimed_on", "period_start", "period_end", "claim_text", "source_names", "source_urls", "article_url",
)


def event_chart_csv(view: EventView, claims, base_url: str, cell) -> bytes:
    """One row per bar of the chart, in its order, each with its claimant, wording, status and sources; cells
    neutralised against spreadsheet formulas by exports.py's `cell`."""
    rows = []
    for e in claims:
        c, q = e.claim, e.claim.total
        interval = q.interval
        rows.append({
            "event_id": view.event.id, "event_title": view.event.title, "claim_id": f"{e.article.slug}#{c.id}",
            "claimant_id": c.claimant.id or None, "claimant_name": c.claimant.name, "side": c.claimant.side or None,
            "measure": c.measure or None, "unit": q.unit or None, "wording": q.wording, "display": q.short,
            "qualifier": q.qualifier.value, "value": None if q.is_unquantified else q.value, "low": interval.low,
            "high": interval.high, "status": c.status.value, "status_label": c.status.label,
            "retracted_on": c.retracted.on.isoformat() if c.retracted else None,
            "superseded_by": " ".join(f"{s.article_slug}#{s.claim_id}" for s in c.superseded_by) or None,
            "claimed_on": c.claimed_on.isoformat() if c.claimed_on else None,
            "period_start": c.period.start.isoformat() if c.period else None,
            "period_end": c.period.end.isoformat() if c.period else None, "claim_text": c.text,
            "source_names": "; ".join(s.name or s.url for s in c.sources),
            "source_urls": " ".join(s.url for s in c.sources),
            "article_url": site_url(base_url, e.url) or e.url,
        })
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EVENT_CHART_COLUMNS)
    as_json: dict[int, str] = {}
    writer.writerows([cell(row[col], as_json) for col in EVENT_CHART_COLUMNS] for row in rows)
    return buffer.getvalue().encode("utf-8")

