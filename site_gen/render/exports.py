"""claims.json, claims.csv and their JSON Schema (pure): every claim and every series point, each attributed."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_gen.core.breakdowns import chart_data_path, chart_path
from site_gen.core.model import Article, Claim, Source
from site_gen.core.site import Site
from site_gen.core.quantities import Quantity
from site_gen.core.series_checks import revisions
from site_gen.core.series_model import Dataset, Point, Series
from site_gen.core.urls import claim_url, series_url, site_url
from site_gen.render.csv_cells import spreadsheet_cell as _cell
from site_gen.render.series_csv import series_chart_files, series_chart_paths
from site_gen.render.event_pages import site_event_charts, site_events
from site_gen.render.relation_exports import RELATION_COLUMNS, claim_relations, event_files, event_paths, no_relations

SCHEMA_FILE = Path(__file__).parent.parent / "schema" / "claims.schema.json"
#: Column order of claims.csv, which is also the order of each record's keys in claims.json.
COLUMNS = (
    "kind", "id", "claimant_id", "claimant_name", "side", "category", "measure", "subject", "unit", "text",
    "wording", "display", "qualifier", "value", "low", "high", "wording_lang", "lang", "caveat", "cumulative", "by_group", "status",
    "status_label", "as_of",
    "claimed_on", "period_start", "period_end", "sources", "article_url", "article_title", "series_id",
    "series_url", "findings", *RELATION_COLUMNS,
)


@dataclass(frozen=True)
class ExportRows:
    """One article's or one dataset's records: claims.json lines and claims.csv rows (CSV text)."""

    json_lines: tuple[str, ...]
    csv_rows: str


def export_files(site: Site, parts: list[ExportRows] | None = None) -> dict[str, bytes]:
    """Output path -> bytes for claims.json, claims.csv, claims.schema.json and the data licence notices.
    `parts` are each article's rows then each dataset's (`export_parts`): made apart, so that a rebuild may
    reuse those of unchanged articles and datasets."""
    parts = parts if parts is not None else export_parts(site)
    files = {
        "claims.json": claims_json(site, parts),
        "claims.csv": claims_csv(parts),
        "claims.schema.json": SCHEMA_FILE.read_bytes(),
    }
    files.update({d.license_path: d.license_text.encode("utf-8") for d in site.datasets if d.license_path})
    files.update(chart_files(site))
    files.update(series_chart_files(site))
    files.update(event_files(site, site_events(site), site_event_charts(site), _cell))
    return files


def export_parts(site: Site) -> list[ExportRows]:
    """Each article's rows (`article_rows`), then each dataset's (`dataset_rows`), in site order."""
    base_url = site.config.base_url
    language = site.config.language
    return ([article_rows(a, base_url, finding_kinds(site, a), language) for a in site.articles]
            + [dataset_rows(d, base_url) for d in site.datasets])


def export_paths(site: Site) -> set[str]:
    """The output paths export_files writes, without building them."""
    charts = {chart_data_path(chart_path(a, c)) for a in site.articles for c in a.claims if c.by_group}
    return ({"claims.json", "claims.csv", "claims.schema.json"} | charts
            | {d.license_path for d in site.datasets if d.license_path} | series_chart_paths(site)
            | event_paths(site, site_event_charts(site)))


#: Columns of a chart's CSV (charts/<article>--<claim>.csv): one row per bar, then the stated total if any.
CHART_COLUMNS = (
    "row", "group", "wording", "display", "qualifier", "value", "low", "high", "note", "claimant_id", "claimant_name",
    "side", "claim_text", "status", "status_label", "as_of", "claimed_on", "period_start", "period_end",
    "source_names", "source_urls", "article_url",
)


def chart_files(site: Site) -> dict[str, bytes]:
    """charts/<article>--<claim>.csv for every breakdown chart: exactly the figures it draws, attributed."""
    return {chart_data_path(chart_path(a, c)): chart_csv(a, c, site.config.base_url)
            for a in site.articles for c in a.claims if c.by_group}


def chart_csv(article: Article, claim: Claim, base_url: str) -> bytes:
    """The chart's bars (each group as worded) and the stated total, each row with claimant, claim wording,
    status and sources; cells neutralised against spreadsheet formulas like claims.csv's (`_cell`)."""
    url = claim_url(article.url, claim.id)
    shared = {
        "claimant_id": claim.claimant.id, "claimant_name": claim.claimant.name, "side": claim.claimant.side or None,
        "claim_text": claim.text, "status": claim.status.value, "status_label": claim.status.label,
        "as_of": _iso(claim.as_of), "claimed_on": _iso(claim.claimed_on),
        "period_start": _iso(claim.period.start) if claim.period else None,
        "period_end": _iso(claim.period.end) if claim.period else None,
        "source_names": "; ".join(s.name or s.url for s in claim.sources),
        "source_urls": " ".join(s.url for s in claim.sources),
        "article_url": site_url(base_url, url) or url,
    }
    rows = [{"row": "group", **_group(g.name, g.quantity, g.note), **shared} for g in claim.by_group]
    if claim.total is not None:
        rows.append({"row": "stated_total", **_group("Stated total", claim.total, "as stated by the claimant"),
                     **shared})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CHART_COLUMNS)
    as_json: dict[int, str] = {}
    writer.writerows([_cell(row[c], as_json) for c in CHART_COLUMNS] for row in rows)
    return buffer.getvalue().encode("utf-8")


def article_rows(article: Article, base_url: str, finding_kinds: tuple[tuple[str, ...], ...],
                 site_language: str = "") -> ExportRows:
    """The article's claims in article order; `finding_kinds` holds each claim's finding kinds."""
    return _rows([_claim_record(article, c, base_url, list(kinds), site_language)
                  for c, kinds in zip(article.claims, finding_kinds)])


def dataset_rows(dataset: Dataset, base_url: str) -> ExportRows:
    """Series in declared order, points by date."""
    records = []
    for series in dataset.series:
        revised = {r.after.date for r in revisions(series)}
        base = _series_record(base_url, dataset, series)
        records += [_point_record(base, series, p, p.date in revised) for p in series.points]
    return _rows(records)


def finding_kinds(site: Site, article: Article) -> tuple[tuple[str, ...], ...]:
    """The kinds of finding of each claim of the article, in claim order."""
    return tuple(tuple(sorted({f.kind for f in site.findings_for(article, c)})) for c in article.claims)


def _rows(records: list[dict[str, Any]]) -> ExportRows:
    lines = tuple(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records)
    buffer = io.StringIO()
    as_json: dict[int, str] = {}  # lists shared between records (a series' sources) are encoded once
    csv.writer(buffer, lineterminator="\r\n").writerows([_cell(v, as_json) for v in r.values()] for r in records)
    return ExportRows(lines, buffer.getvalue())


def claims_json(site: Site, parts: list[ExportRows]) -> bytes:
    """One record per line inside a JSON object, so that diffs between builds stay readable."""
    head = {
        "schema": "claims.schema.json",
        "site": {"title": site.config.title, "url": site_url(site.config.base_url, "index.html") or None},
        "note": "Every record is a claim by the named claimant, as worded, with our verification status. "
                "Figures of different claimants or sides must never be added together.",
        "datasets": [_dataset_entry(site, d) for d in site.datasets],
    }
    lines = ",\n".join(line for part in parts for line in part.json_lines)
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "claims": [\n' + lines + "\n ]\n}\n"
    return text.encode("utf-8")


def claims_csv(parts: list[ExportRows]) -> bytes:
    """The same columns as claims.json; lists are JSON text, null is an empty cell, booleans are true/false, and
    text that a spreadsheet would run as a formula starts with an apostrophe (csv_cells.FORMULA_STARTS)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(COLUMNS)
    return (buffer.getvalue() + "".join(part.csv_rows for part in parts)).encode("utf-8")


def _claim_record(article: Article, claim: Claim, base_url: str, findings: list[str],
                  site_language: str = "") -> dict[str, Any]:
    """`lang` is the claim's language (its own, else the article's, else the site's); `caveat` the claim's, or its
    total's; each breakdown entry carries its own unit, language and caveat."""
    url = claim_url(article.url, claim.id)
    lang = claim.lang or article.lang or site_language or None
    caveat = claim.caveat or (claim.total.caveat if claim.total else "")
    record = _record(
        kind="claim", id=f"{article.slug}#{claim.id}", claimant=claim.claimant, category=claim.category,
        measure=claim.measure, subject=claim.subject, unit=claim.unit or None, text=claim.text, quantity=claim.total,
        cumulative=None, by_group=[_group(g.name, g.quantity, g.note, lang) for g in claim.by_group], status=claim.status,
        as_of=claim.as_of, claimed_on=claim.claimed_on,
        period=(claim.period.start, claim.period.end) if claim.period else (None, None), sources=claim.sources,
        article_url=site_url(base_url, url) or url, article_title=article.title, series=None,
        series_link=None, findings=findings,
    )
    record.update(lang=lang, caveat=caveat or None, wording_lang=(claim.total.lang or lang) if claim.total else None)
    record.update(claim_relations(claim, base_url, lambda name, q, note: _group(name, q, note, lang), _figure))
    return record


def _series_record(base_url: str, dataset: Dataset, series: Series) -> dict[str, Any]:
    """The fields every point of a series shares (claimant, status, sources, ...), computed once."""
    link = series_url(series.claimant.id, series.anchor)
    return _record(
        kind="series_point", id="", claimant=series.claimant, category="series", measure=series.measure,
        subject=series.subject, unit=series.unit or None, text="", quantity=None, cumulative=series.cumulative,
        by_group=[], status=series.status, as_of=None, claimed_on=None, period=(series.since, None),
        sources=dataset.sources, article_url=None, article_title=None, series=series.id,
        series_link=site_url(base_url, link) or link, findings=[],
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
        "unit": unit, "text": text, **figure, "wording_lang": None, "lang": None, "caveat": None,
        "cumulative": cumulative, "by_group": by_group,
        "status": status.value, "status_label": status.label, "as_of": _iso(as_of), "claimed_on": _iso(claimed_on),
        "period_start": _iso(period[0]), "period_end": _iso(period[1]),
        "sources": [{"id": s.id, "name": s.name or None, "url": s.url} for s in sources],
        "article_url": article_url, "article_title": article_title, "series_id": series, "series_url": series_link,
        "findings": findings, **no_relations(),
    }
    return {c: record[c] for c in COLUMNS}


def _figure(q: Quantity | None) -> dict[str, Any]:
    """`wording` as the claimant worded it (verbatim), `display` our compact form; no `value` when unquantified."""
    if q is None:
        return {"wording": None, "display": None, "qualifier": None, "value": None, "low": None, "high": None}
    interval = q.interval
    return {"wording": q.wording, "display": q.short, "qualifier": q.qualifier.value,
            "value": None if q.is_unquantified else q.value, "low": interval.low, "high": interval.high}


def _group(name: str, q: Quantity, note: str, claim_lang: str | None = None) -> dict[str, Any]:
    """One breakdown entry: its figure, the language of its wording (its `lang`, else the claim's), unit, caveat, note."""
    return {"group": name, **_figure(q), "lang": q.lang or claim_lang, "unit": q.unit or None,
            "caveat": q.caveat or None, "note": note or None}


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _dataset_entry(site: Site, d: Dataset) -> dict[str, Any]:
    notice = site_url(site.config.base_url, d.license_path) or d.license_path or None
    return {"id": d.id, "title": d.title, "claimant_id": d.claimant.id, "license": d.license or None,
            "license_notice": notice, "provenance": d.provenance or None,
            "series": [s.id for s in d.series]}
