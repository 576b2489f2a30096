"""The CSV beside every series chart (pure): exactly the figures the chart draws, each row attributed."""

from __future__ import annotations

import csv
import datetime as dt
import io

from site_gen.core.breakdowns import chart_data_path
from site_gen.core.quantities import Quantity
from site_gen.core.series_checks import increments, revisions
from site_gen.core.series_model import Dataset, Series
from site_gen.core.series_plan import (
    AVERAGE_FROM,
    chart_kinds,
    chart_path,
    weekly_average,
)
from site_gen.core.site import Site
from site_gen.core.urls import series_url, site_url
from site_gen.render.csv_cells import FORMULA_STARTS, spreadsheet_cell

#: Columns of a series chart's CSV (charts/series/<dataset>/<series>-<kind>.csv). `figure_is` says what a row is:
#: `claimed` (a figure as the claimant reported it), `claimed_context` (an earlier category drawn dashed for
#: context), `our_change` (our arithmetic: the change from the previous claimed total) or `our_7_day_average`.
#: Every row carries the claimant, our status in words and the sources by name; the page at `series_url` lists
#: the sources' addresses and the data licence.
SERIES_CHART_COLUMNS = (
    "figure_is", "date", "wording", "display", "qualifier", "value", "low", "high", "revision", "label",
    "unit", "claimant_name", "status_label", "source_names", "series_url",
)
#: How many leading columns differ from row to row; the rest are the same on every row of a chart's CSV.
ROW_COLUMNS = 10


def series_chart_files(site: Site) -> dict[str, bytes]:
    """The CSV of every series chart, by output path."""
    return {chart_data_path(chart_path(s, kind)): series_chart_csv(d, s, kind, site.config.base_url)
            for d in site.datasets for s in d.series for kind in chart_kinds(s)}


def series_chart_paths(site: Site) -> set[str]:
    return {chart_data_path(chart_path(s, kind)) for d in site.datasets for s in d.series for kind in chart_kinds(s)}


def series_chart_csv(dataset: Dataset, series: Series, kind: str, base_url: str) -> bytes:
    """`cumulative` and `figures` charts: every claimed figure of the series (after the earlier categories it
    continues, if any); `daily` and `change` charts: our changes between consecutive totals, then their 7-day
    averages when the chart draws them. Every row names the claimant, our status in words and the sources
    (encoded once, then ended every row with: the CSV is written for tens of thousands of points per build)."""
    link = series_url(series.claimant.id, series.anchor)
    shared = (series.unit or series.measure_words, series.claimant.display,
              series.status.label + ("; not independently verified" if series.status.not_verified else ""),
              "; ".join(s.name or s.url for s in dataset.sources), site_url(base_url, link) or link)
    rows = _claimed_rows(dataset, series) if kind in ("cumulative", "figures") else _change_rows(series)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([spreadsheet_cell(v, {}) for v in shared])
    ending = "," + buffer.getvalue() + "\r\n"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(SERIES_CHART_COLUMNS)
    csv.writer(buffer, lineterminator=ending).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _claimed_rows(dataset: Dataset, series: Series) -> list[tuple[object, ...]]:
    earlier = [s for c in series.continues if (s := dataset.series_by_column(c)) is not None]
    rows = [_point_row("claimed_context", s, p.date, p.quantity, False) for s in earlier for p in s.points]
    revised = {r.after.date for r in revisions(series)}
    return rows + [_point_row("claimed", series, p.date, p.quantity, p.date in revised) for p in series.points]


def _point_row(figure_is: str, series: Series, date: dt.date, q: Quantity, revision: bool) -> tuple[object, ...]:
    interval = q.interval
    return (figure_is, date.isoformat(), _text(q.wording), _text(q.display), q.qualifier.value,
            "" if q.is_unquantified else q.value, interval.low, "" if interval.high is None else interval.high,
            "true" if revision else "false", _text(series.label))


def _change_rows(series: Series) -> list[tuple[object, ...]]:
    steps = increments(series)
    label = _text(series.label)
    rows = [("our_change", date.isoformat(), "", "", "", value, "", "", "true" if value < 0 else "false", label)
            for date, value in steps]
    if series.frequency == "daily" and len(steps) >= AVERAGE_FROM:
        rows += [("our_7_day_average", date.isoformat(), "", "", "", value, "", "", "false", label)
                 for date, value in weekly_average(steps)]
    return rows


def _text(value: str) -> str:
    """Text a spreadsheet would run as a formula starts with an apostrophe, as in claims.csv (FORMULA_STARTS)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
