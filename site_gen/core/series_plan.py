"""Turns a claimed series into chart specifications, output paths, captions and alt text (pure)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from site_gen.core.chart_specs import Line, Marks, SeriesChartSpec, narrow_path, with_variants
from site_gen.core.dates import DEFAULT_DATE_FORMAT, format_date
from site_gen.core.interface import interface_string, interface_text
from site_gen.core.model import Status
from site_gen.core.quantities import Qualifier, Quantity, format_number
from site_gen.core.series_checks import ONE_DAY, increments, revisions
from site_gen.core.series_model import Dataset, Series

#: Figures worded differently from most are marked one by one only up to this many; above it, words only.
MAX_QUALIFIER_MARKS = 40
#: A daily change line with at least this many points is drawn thin, under its 7-day average.
AVERAGE_FROM = 60
WEEK = dt.timedelta(days=6)


@dataclass(frozen=True)
class SeriesChartJob:
    path: str
    spec: SeriesChartSpec
    alt: str
    caption: str
    kind: str

    @property
    def narrow_path(self) -> str:
        return narrow_path(self.path)

    def variants(self) -> tuple[tuple[str, object], ...]:
        """(path, spec) of the wide chart and of its narrow variant for phones."""
        return with_variants(self.path, self.spec)


def plan_series_charts(datasets: tuple[Dataset, ...], translations: tuple[tuple[str, str], ...] = (),
                       date_format: str = DEFAULT_DATE_FORMAT) -> dict[str, tuple[SeriesChartJob, ...]]:
    """Series id -> its charts: cumulative total and change between reports, or the figures as reported; their
    words from the interface table with the site's `translations`, dates in its `date_format`."""
    return {series_id: jobs for d in datasets for series_id, jobs in dataset_jobs(d, translations, date_format)}


def dataset_jobs(dataset: Dataset, translations: tuple[tuple[str, str], ...] = (),
                 date_format: str = DEFAULT_DATE_FORMAT) -> tuple[tuple[str, tuple[SeriesChartJob, ...]], ...]:
    table = dict(translations)
    return tuple((s.id, series_jobs(dataset, s, table, date_format)) for s in dataset.series)


def series_jobs(dataset: Dataset, series: Series, table: Mapping[str, str],
                date_format: str = DEFAULT_DATE_FORMAT) -> tuple[SeriesChartJob, ...]:
    if not series.cumulative:
        return (_figures_job(dataset, series, table, date_format),)
    return _cumulative_job(dataset, series, table, date_format), _change_job(dataset, series, table, date_format)


def chart_kinds(series: Series) -> tuple[str, ...]:
    """The kinds of chart `series_jobs` draws of a series, in its order (each names a chart's path)."""
    if not series.cumulative:
        return ("figures",)
    return "cumulative", "daily" if series.frequency == "daily" else "change"


def _status_label(status: Status, table: Mapping[str, str]) -> str:
    return interface_string(f"status.{status.value}", table).lower()


def chart_path(series: Series, kind: str) -> str:
    return f"charts/series/{series.dataset_id}/{series.key}-{kind}.svg"


def status_words(status: Status, table: Mapping[str, str] | None = None) -> str:
    table = table or {}
    if status.not_verified:
        return interface_text("chart.status_not_verified", table, status=_status_label(status, table))
    return interface_text("chart.status_ours", table, status=_status_label(status, table))


def chart_attribution(series: Series, table: Mapping[str, str]) -> str:
    """The second line of every series chart: who claims the figures, and that nobody verified them."""
    if series.status.not_verified:
        return interface_text("chart.line_not_verified", table, claimant=series.claimant.display,
                              status=_status_label(series.status, table))
    return interface_text("chart.line_ours", table, claimant=series.claimant.display,
                          status=_status_label(series.status, table))


def wordings(series: Series) -> list[tuple[str, int]]:
    """How the claimant worded the figures, most common first: [("about", 1620), ("more than", 6)]."""
    counts = Counter(_wording(p.quantity) for p in series.points)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _wording(q: Quantity) -> str:
    return "no qualifier" if q.qualifier is Qualifier.EXACT else (q.word or q.qualifier.value)


def wording_note(series: Series, table: Mapping[str, str] | None = None) -> str:
    table = table or {}
    found = wordings(series)
    if len(found) == 1:
        word = found[0][0]
        if word == "no qualifier":
            return interface_text("chart.no_qualifier", table)
        return interface_text("chart.every_worded", table, word=word)
    parts = [f"\u201c{w}\u201d ({format_number(n)})" for w, n in found]
    return interface_text("chart.worded", table, list=", ".join(parts))


def _cumulative_job(dataset: Dataset, series: Series, table: Mapping[str, str], date_format: str) -> SeriesChartJob:
    found = revisions(series)
    claimed = _line(interface_text("chart.claimed_line", table, label=series.label), series)
    lines = tuple(_context_lines(dataset, series, table, date_format)) + (claimed,)
    marks = _qualifier_marks(series, table)
    if found:
        after = [r.after for r in found]
        marks += (Marks(interface_text("chart.revision_marks", table), tuple(p.date.toordinal() for p in after),
                        tuple(p.quantity.value for p in after), "revision"),)
    revised = " " + interface_text("chart.revisions_note", table, n=len(found)) if found else ""
    note = wording_note(series, table) + revised
    spec = SeriesChartSpec(
        title=interface_text("chart.cumulative_title", table, label=series.label),
        attribution=chart_attribution(series, table),
        subtitle=note,
        footnote=_footnote(dataset, series, table, date_format),
        y_label=interface_text("chart.cumulative_axis", table, unit=series.unit or series.measure_words),
        lines=lines,
        marks=marks,
        last_label=series.last.quantity.display,
    )
    alt = _cumulative_alt(series, found, table)
    return SeriesChartJob(chart_path(series, "cumulative"), spec, alt,
                          _caption(series, interface_text("chart.what_cumulative", table), table), "cumulative")


def _change_job(dataset: Dataset, series: Series, table: Mapping[str, str], date_format: str) -> SeriesChartJob:
    steps = increments(series)
    daily = series.frequency == "daily"
    xs, ys = _with_breaks(steps, daily)
    falls = [(d, v) for d, v in steps if v < 0]
    marks = ((Marks(interface_text("chart.fall_marks", table), tuple(d.toordinal() for d, _ in falls),
                    tuple(v for _, v in falls), "revision"),) if falls else ())
    what = interface_text("chart.what_daily_change" if daily else "chart.what_change", table)
    spec = SeriesChartSpec(
        title=interface_text("chart.change_title", table, label=series.label, what=what),
        attribution=chart_attribution(series, table),
        subtitle=(interface_text("chart.our_arithmetic", table) + " "
                  + (interface_text("chart.falls_note", table) if falls else "")).strip(),
        footnote=_footnote(dataset, series, table, date_format),
        y_label=interface_text("chart.per_day_axis" if daily else "chart.per_report_axis", table,
                               unit=series.unit or series.measure_words),
        lines=_change_lines(series, steps, daily, table),
        marks=marks,
        zero_line=True,
    )
    alt = _change_alt(series, steps, falls, table)
    return SeriesChartJob(chart_path(series, "daily" if daily else "change"), spec, alt,
                          _caption(series, what, table), "daily" if daily else "change")


def _figures_job(dataset: Dataset, series: Series, table: Mapping[str, str], date_format: str) -> SeriesChartJob:
    spec = SeriesChartSpec(
        title=interface_text("chart.figures_title", table, label=series.label),
        attribution=chart_attribution(series, table),
        subtitle=wording_note(series, table) + " " + interface_text("chart.own_period", table),
        footnote=_footnote(dataset, series, table, date_format),
        y_label=series.unit or series.measure_words,
        lines=(_line(interface_text("chart.claimed_line", table, label=series.label), series),),
        marks=_qualifier_marks(series, table),
        last_label=series.last.quantity.display,
    )
    alt = interface_text("chart.alt_figures", table, label=series.label.lower(), measure=series.measure_words,
                         claimant=series.claimant.display, status=status_words(series.status, table),
                         n=len(series.points), first=series.first.date, last=series.last.date,
                         first_value=series.first.quantity.spoken, last_value=series.last.quantity.spoken)
    caption = _caption(series, interface_text("chart.what_figures", table), table)
    return SeriesChartJob(chart_path(series, "figures"), spec, alt, caption, "figures")


def _line(label: str, series: Series, style: str = "main") -> Line:
    xs, ys = _with_breaks([(p.date, p.quantity.value) for p in series.points], series.frequency == "daily")
    return Line(label, xs, ys, style)


def _change_lines(series: Series, steps: list[tuple[dt.date, int]], daily: bool, table: Mapping[str, str]
                  ) -> tuple[Line, ...]:
    """The changes as one line; for a long daily series, thin, under their 7-day average (bold)."""
    xs, ys = _with_breaks(steps, daily)
    if not daily or len(steps) < AVERAGE_FROM:
        return (Line(interface_text("chart.change_line", table), xs, ys),)
    averaged = _with_breaks(weekly_average(steps), daily)
    return (Line(interface_text("chart.day_change_line", table), xs, ys, "light"),
            Line(interface_text("chart.average_line", table), *averaged))


def weekly_average(steps: list[tuple[dt.date, int]]) -> list[tuple[dt.date, float]]:
    """The mean of each 7 consecutive days' changes, dated at the last of them (rounded to 0.1)."""
    found = []
    window = 0
    for i, (date, value) in enumerate(steps):
        window += value - (steps[i - 7][1] if i >= 7 else 0)
        if i >= 6 and date - steps[i - 6][0] == WEEK:
            found.append((date, round(window / 7, 1)))
    return found


def _with_breaks(pairs: list[tuple[dt.date, float]], daily: bool) -> tuple[tuple[int, ...], tuple[float | None, ...]]:
    """Date ordinals and values, with a break (None) after any day that is not followed by the next day."""
    xs: list[int] = []
    ys: list[float | None] = []
    for i, (date, value) in enumerate(pairs):
        if daily and i and date - pairs[i - 1][0] > ONE_DAY:
            xs.append((pairs[i - 1][0] + ONE_DAY).toordinal())
            ys.append(None)
        xs.append(date.toordinal())
        ys.append(value)
    return tuple(xs), tuple(ys)


def _context_lines(dataset: Dataset, series: Series, table: Mapping[str, str], date_format: str) -> list[Line]:
    """The categories this one replaces, drawn dashed on the same axes for context (same claimant, never added)."""
    found = []
    for column in series.continues:
        earlier = dataset.series_by_column(column)
        if earlier is not None:
            label = interface_text("chart.until_line", table, label=earlier.label, date=format_date(earlier.last.date, date_format))
            found.append(_line(label, earlier, style="context"))
    return found


def _qualifier_marks(series: Series, table: Mapping[str, str]) -> tuple[Marks, ...]:
    found = wordings(series)
    marks = []
    for word, count in found[1:]:
        if count <= MAX_QUALIFIER_MARKS:
            points = [p for p in series.points if _wording(p.quantity) == word]
            marks.append(Marks(interface_text("chart.worded_marks", table, word=word),
                               tuple(p.date.toordinal() for p in points), tuple(p.quantity.value for p in points),
                               "qualifier"))
    return tuple(marks)


def _footnote(dataset: Dataset, series: Series, table: Mapping[str, str], date_format: str) -> str:
    names = "; ".join(s.name or s.url for s in dataset.sources)
    licence = " " + interface_text("chart.licence", table, licence=dataset.license) if dataset.license else ""
    since = (interface_text("chart.since", table, date=format_date(series.since, date_format))
             if series.since and series.cumulative else "")
    return (interface_text("chart.sources", table, names=names) + "\n"
            + interface_text("chart.reports", table, n=f"{len(series.points):,}",
                             first=format_date(series.first.date, date_format),
                             last=format_date(series.last.date, date_format), since=since, licence=licence))


def _caption(series: Series, what: str, table: Mapping[str, str]) -> str:
    return interface_text("chart.caption", table, label=series.label, what=what, claimant=series.claimant.display,
                          status=status_words(series.status, table))


def _cumulative_alt(series: Series, found: list, table: Mapping[str, str]) -> str:
    revised = "; ".join(interface_text("chart.alt_revision", table, before=r.before.quantity.display,
                                       before_date=r.before.date, after=r.after.quantity.display,
                                       after_date=r.after.date) for r in found)
    revised_words = " " + (interface_text("chart.alt_went_down", table, n=len(found), list=revised) if found
                           else interface_text("chart.alt_never_down", table))
    return interface_text("chart.alt_cumulative", table, label=series.label.lower(), measure=series.measure_words,
                          claimant=series.claimant.display, status=status_words(series.status, table),
                          n=f"{len(series.points):,}", first=series.first.date,
                          first_value=series.first.quantity.spoken, last=series.last.date,
                          last_value=series.last.quantity.spoken, wording=wording_note(series, table)) + revised_words


def _change_alt(series: Series, steps: list[tuple[dt.date, int]], falls: list[tuple[dt.date, int]],
                table: Mapping[str, str]) -> str:
    if not steps:
        return interface_text("chart.alt_no_change", table, label=series.label.lower())
    top = max(steps, key=lambda s: (s[1], -s[0].toordinal()))
    fall_words = " " + (interface_text("chart.alt_fell", table, n=len(falls)) if falls
                        else interface_text("chart.alt_never_fell", table))
    return interface_text("chart.alt_change", table, label=series.label.lower(), claimant=series.claimant.display,
                          status=status_words(series.status, table), rise=format_number(top[1]),
                          date=top[0]) + fall_words
