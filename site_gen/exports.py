"""claims.json, claims.csv and their JSON Schema (pure): every claim and every series point, each attributed."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from site_gen.model import Article, Claim, Site, Source
from site_gen.quantities import Quantity
from site_gen.series_checks import revisions
from site_gen.series_model import Dataset, Point, Series
from site_gen.urls import claim_url, series_url, site_url

SCHEMA_FILE = Path(__file__).parent / "schema" / "claims.schema.json"
#: Column order of claims.csv, which is also the order of each record's keys in claims.json.
COLUMNS = (
    "kind", "id", "claimant_id", "claimant_name", "side", "category", "measure", "subject", "unit", "text",
    "wording", "qualifier", "value", "low", "high", "cumulative", "by_group", "status", "status_label", "as_of",
    "claimed_on", "period_start", "period_end", "sources", "article_url", "article_title", "series_id",
    "series_url", "findings",
)


def export_files(site: Site) -> dict[str, bytes]:
    """Output path -> bytes for claims.json, claims.csv, claims.schema.json and the data licence notices."""
    records = claim_records(site) + point_records(site)
    files = {
        "claims.json": claims_json(site, records),
        "claims.csv": claims_csv(records),
        "claims.schema.json": SCHEMA_FILE.read_bytes(),
    }
    files.update({d.license_path: d.license_text.encode("utf-8") for d in site.datasets if d.license_path})
    return files


def export_paths(site: Site) -> set[str]:
    """The output paths export_files writes, without building them."""
    return {"claims.json", "claims.csv", "claims.schema.json"} | {d.license_path for d in site.datasets if d.license_path}


def claims_json(site: Site, records: list[dict[str, Any]]) -> bytes:
    """One record per line inside a JSON object, so that diffs between builds stay readable."""
    head = {
        "schema": "claims.schema.json",
        "site": {"title": site.config.title, "url": site_url(site.config.base_url, "index.html") or None},
        "note": "Every record is a claim by the named claimant, as worded, with our verification status. "
                "Figures of different claimants or sides must never be added together.",
        "datasets": [_dataset_entry(site, d) for d in site.datasets],
    }
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records]
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "claims": [\n' + ",\n".join(lines) + "\n ]\n}\n"
    return text.encode("utf-8")


def claims_csv(records: list[dict[str, Any]]) -> bytes:
    """The same columns as claims.json; lists are JSON text, null is an empty cell, booleans are true/false."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    as_json: dict[int, str] = {}  # lists shared between records (a series' sources) are encoded once
    writer.writerows([_cell(value, as_json) for value in record.values()] for record in records)
    return buffer.getvalue().encode("utf-8")


def _cell(value: Any, as_json: dict[int, str]) -> Any:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        if id(value) not in as_json:
            as_json[id(value)] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return as_json[id(value)]
    return value


def claim_records(site: Site) -> list[dict[str, Any]]:
    """Articles newest first, claims in article order."""
    return [_claim_record(site, a, c) for a in site.articles for c in a.claims]


def _claim_record(site: Site, article: Article, claim: Claim) -> dict[str, Any]:
    url = claim_url(article.url, claim.id)
    findings = sorted({f.kind for f in site.findings_for(article, claim)})
    return _record(
        kind="claim", id=f"{article.slug}#{claim.id}", claimant=claim.claimant, category=claim.category,
        measure=claim.measure, subject=claim.subject, unit=None, text=claim.text, quantity=claim.total,
        cumulative=None, by_group=[_group(g.name, g.quantity, g.note) for g in claim.by_group], status=claim.status,
        as_of=claim.as_of, claimed_on=claim.claimed_on,
        period=(claim.period.start, claim.period.end) if claim.period else (None, None), sources=claim.sources,
        article_url=site_url(site.config.base_url, url) or url, article_title=article.title, series=None,
        series_link=None, findings=findings,
    )


def point_records(site: Site) -> list[dict[str, Any]]:
    """Datasets by id, series in declared order, points by date."""
    records = []
    for dataset in site.datasets:
        for series in dataset.series:
            revised = {r.after.date for r in revisions(series)}
            base = _series_record(site, dataset, series)
            records += [_point_record(base, series, p, p.date in revised) for p in series.points]
    return records


def _series_record(site: Site, dataset: Dataset, series: Series) -> dict[str, Any]:
    """The fields every point of a series shares (claimant, status, sources, ...), computed once."""
    link = series_url(series.claimant.id, series.anchor)
    return _record(
        kind="series_point", id="", claimant=series.claimant, category="series", measure=series.measure,
        subject=series.subject, unit=series.unit or None, text="", quantity=None, cumulative=series.cumulative,
        by_group=[], status=series.status, as_of=None, claimed_on=None, period=(series.since, None),
        sources=dataset.sources, article_url=None, article_title=None, series=series.id,
        series_link=site_url(site.config.base_url, link) or link, findings=[],
    )


def _point_record(base: dict[str, Any], series: Series, point: Point, revised: bool) -> dict[str, Any]:
    day = point.date.isoformat()
    words = "cumulative total" if series.cumulative else "figure"
    record = dict(base)
    record.update(_figure(point.quantity))
    record.update(
        id=f"{series.id}@{day}", text=f"{series.label}: {words} claimed on {day}", claimed_on=day, period_end=day,
        period_start=(base["period_start"] or series.first.date.isoformat()) if series.cumulative else day,
        findings=["revision"] if revised else base["findings"],
    )
    return record


def _record(*, kind, id, claimant, category, measure, subject, unit, text, quantity: Quantity | None, cumulative,
            by_group, status, as_of, claimed_on, period, sources: tuple[Source, ...], article_url, article_title,
            series, series_link, findings) -> dict[str, Any]:
    figure = _figure(quantity)
    record = {
        "kind": kind, "id": id, "claimant_id": claimant.id, "claimant_name": claimant.name,
        "side": claimant.side or None, "category": category, "measure": measure or None, "subject": subject or None,
        "unit": unit, "text": text, **figure, "cumulative": cumulative, "by_group": by_group,
        "status": status.value, "status_label": status.label, "as_of": _iso(as_of), "claimed_on": _iso(claimed_on),
        "period_start": _iso(period[0]), "period_end": _iso(period[1]),
        "sources": [{"id": s.id, "name": s.name or None, "url": s.url} for s in sources],
        "article_url": article_url, "article_title": article_title, "series_id": series, "series_url": series_link,
        "findings": findings,
    }
    return {c: record[c] for c in COLUMNS}


def _figure(q: Quantity | None) -> dict[str, Any]:
    if q is None:
        return {"wording": None, "qualifier": None, "value": None, "low": None, "high": None}
    interval = q.interval
    return {"wording": q.display, "qualifier": q.qualifier.value, "value": q.value, "low": interval.low,
            "high": interval.high}


def _group(name: str, q: Quantity, note: str) -> dict[str, Any]:
    return {"group": name, **_figure(q), "note": note or None}


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _dataset_entry(site: Site, d: Dataset) -> dict[str, Any]:
    notice = site_url(site.config.base_url, d.license_path) or d.license_path or None
    return {"id": d.id, "title": d.title, "claimant_id": d.claimant.id, "license": d.license or None,
            "license_notice": notice, "provenance": d.provenance or None,
            "series": [s.id for s in d.series]}
