"""Turns a claimed series into chart specifications, output paths, captions and alt text (pure)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from site_gen.core.chart_specs import Line, Marks, SeriesChartSpec, narrow_path, with_variants
from site_gen.core.dates import DEFAULT_DATE_FORMAT, format_date
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


def plan_series_charts(datasets: tuple[Dataset, ...], date_format: str = DEFAULT_DATE_FORMAT
                       ) -> dict[str, tuple[SeriesChartJob, ...]]:
    """Series id -> its charts: cumulative total and change between reports, or the figures as reported."""
    return {series_id: jobs for d in datasets for series_id, jobs in dataset_jobs(d, date_format)}


def dataset_jobs(dataset: Dataset, date_format: str = DEFAULT_DATE_FORMAT
                 ) -> tuple[tuple[str, tuple[SeriesChartJob, ...]], ...]:
    return tuple((s.id, series_jobs(dataset, s, date_format)) for s in dataset.series)


def series_jobs(dataset: Dataset, series: Series, date_format: str = DEFAULT_DATE_FORMAT) -> tuple[SeriesChartJob, ...]:
    if not series.cumulative:
        return (_figures_job(dataset, series, date_format),)
    return _cumulative_job(dataset, series, date_format), _change_job(dataset, series, date_format)


def chart_path(series: Series, kind: str) -> str:
    return f"charts/series/{series.dataset_id}/{series.key}-{kind}.svg"


def status_words(status: Status) -> str:
    if status.not_verified:
        return f"claimed, not independently verified (status: {status.value})"
    return f"claimed; our status: {status.label.lower()}"


def attribution(series: Series) -> str:
    return f"Claimed by {series.claimant.display}: {status_words(series.status)}"


def chart_attribution(series: Series) -> str:
    """The second line of every series chart: who claims the figures, and that nobody verified them."""
    if series.status.not_verified:
        return f"Claimed by {series.claimant.display}; not independently verified ({series.status.value})"
    return f"Claimed by {series.claimant.display}; our status: {series.status.label.lower()}"


def wordings(series: Series) -> list[tuple[str, int]]:
    """How the claimant worded the figures, most common first: [("about", 1620), ("more than", 6)]."""
    counts = Counter(_wording(p.quantity) for p in series.points)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _wording(q: Quantity) -> str:
    return "no qualifier" if q.qualifier is Qualifier.EXACT else (q.word or q.qualifier.value)


def wording_note(series: Series) -> str:
    found = wordings(series)
    if len(found) == 1:
        word = found[0][0]
        return "Figures given without a qualifier." if word == "no qualifier" else f"Every figure worded \u201c{word}\u201d."
    parts = [f"\u201c{w}\u201d ({format_number(n)})" for w, n in found]
    return "Worded " + ", ".join(parts) + "."


def _cumulative_job(dataset: Dataset, series: Series, date_format: str) -> SeriesChartJob:
    found = revisions(series)
    lines = tuple(_context_lines(dataset, series, date_format)) + (_line(f"{series.label} (claimed)", series),)
    marks = _qualifier_marks(series)
    if found:
        after = [r.after for r in found]
        marks += (Marks("Revision (total went down)", tuple(p.date.toordinal() for p in after),
                        tuple(p.quantity.value for p in after), "revision"),)
    note = wording_note(series) + (f" {len(found)} revision(s): the total went down, marked \u25bc." if found else "")
    spec = SeriesChartSpec(
        title=f"{series.label}: claimed cumulative total",
        attribution=chart_attribution(series),
        subtitle=note,
        footnote=_footnote(dataset, series, date_format),
        y_label=f"{series.unit or series.measure_words} (cumulative)",
        lines=lines,
        marks=marks,
        last_label=series.last.quantity.display,
    )
    alt = _cumulative_alt(series, found)
    return SeriesChartJob(chart_path(series, "cumulative"), spec, alt, _caption(series, "cumulative total"), "cumulative")


def _change_job(dataset: Dataset, series: Series, date_format: str) -> SeriesChartJob:
    steps = increments(series)
    daily = series.frequency == "daily"
    xs, ys = _with_breaks(steps, daily)
    falls = [(d, v) for d, v in steps if v < 0]
    marks = (Marks("Fall (revision)", tuple(d.toordinal() for d, _ in falls), tuple(v for _, v in falls), "revision"),) if falls else ()
    what = "change from the previous day's claimed total" if daily else "change from the previous claimed total"
    spec = SeriesChartSpec(
        title=f"{series.label}: {what}",
        attribution=chart_attribution(series),
        subtitle=("Our arithmetic on the claimant's running totals; not a separate claim. "
                  + ("Falls below zero are revisions, marked \u25bc." if falls else "")).strip(),
        footnote=_footnote(dataset, series, date_format),
        y_label=f"{series.unit or series.measure_words} per {'day' if daily else 'report'}",
        lines=_change_lines(series, steps, daily),
        marks=marks,
        zero_line=True,
    )
    alt = _change_alt(series, steps, falls)
    return SeriesChartJob(chart_path(series, "daily" if daily else "change"), spec, alt,
                          _caption(series, what), "daily" if daily else "change")


def _figures_job(dataset: Dataset, series: Series, date_format: str) -> SeriesChartJob:
    spec = SeriesChartSpec(
        title=f"{series.label}: claimed figures",
        attribution=chart_attribution(series),
        subtitle=wording_note(series) + " Each figure is for its own period, not a running total.",
        footnote=_footnote(dataset, series, date_format),
        y_label=series.unit or series.measure_words,
        lines=(_line(f"{series.label} (claimed)", series),),
        marks=_qualifier_marks(series),
        last_label=series.last.quantity.display,
    )
    alt = (f"Line chart of {series.label.lower()} ({series.measure_words}) as claimed by {series.claimant.display}, "
           f"{status_words(series.status)}: {len(series.points)} figures from {series.first.date} to {series.last.date}, "
           f"from {series.first.quantity.spoken} to {series.last.quantity.spoken}.")
    return SeriesChartJob(chart_path(series, "figures"), spec, alt, _caption(series, "claimed figures"), "figures")


def _line(label: str, series: Series, style: str = "main") -> Line:
    xs, ys = _with_breaks([(p.date, p.quantity.value) for p in series.points], series.frequency == "daily")
    return Line(label, xs, ys, style)


def _change_lines(series: Series, steps: list[tuple[dt.date, int]], daily: bool) -> tuple[Line, ...]:
    """The changes as one line; for a long daily series, thin, under their 7-day average (bold)."""
    xs, ys = _with_breaks(steps, daily)
    if not daily or len(steps) < AVERAGE_FROM:
        return (Line("Change from the previous figure", xs, ys),)
    averaged = _with_breaks(weekly_average(steps), daily)
    return (Line("Change from the day before", xs, ys, "light"), Line("7-day average", *averaged))


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


def _context_lines(dataset: Dataset, series: Series, date_format: str) -> list[Line]:
    """The categories this one replaces, drawn dashed on the same axes for context (same claimant, never added)."""
    found = []
    for column in series.continues:
        earlier = dataset.series_by_column(column)
        if earlier is not None:
            found.append(_line(f"{earlier.label} (until {format_date(earlier.last.date, date_format)})", earlier, style="context"))
    return found


def _qualifier_marks(series: Series) -> tuple[Marks, ...]:
    found = wordings(series)
    marks = []
    for word, count in found[1:]:
        if count <= MAX_QUALIFIER_MARKS:
            points = [p for p in series.points if _wording(p.quantity) == word]
            marks.append(Marks(f"Worded \u201c{word}\u201d", tuple(p.date.toordinal() for p in points),
                               tuple(p.quantity.value for p in points), "qualifier"))
    return tuple(marks)


def _footnote(dataset: Dataset, series: Series, date_format: str) -> str:
    names = "; ".join(s.name or s.url for s in dataset.sources)
    licence = f" Data licence: {dataset.license}." if dataset.license else ""
    since = f"; running total since {format_date(series.since, date_format)}" if series.since and series.cumulative else ""
    return (f"Sources: {names}." + "\n"
            + f"{len(series.points):,} reports, {format_date(series.first.date, date_format)} to "
              f"{format_date(series.last.date, date_format)}{since}.{licence} "
              f"Chart: sitegen.")


def _caption(series: Series, what: str) -> str:
    return f"{series.label}, {what}: {attribution(series).replace('Claimed by', 'claimed by', 1)}."


def _cumulative_alt(series: Series, found: list) -> str:
    revised = "; ".join(f"{r.before.quantity.display} on {r.before.date} to {r.after.quantity.display} on {r.after.date}"
                        for r in found)
    revised_words = f" The total went down {len(found)} time(s): {revised}." if found else " The total never went down."
    return (f"Line chart of the cumulative {series.label.lower()} ({series.measure_words}) claimed by "
            f"{series.claimant.display}, {status_words(series.status)}: {len(series.points):,} daily reports from "
            f"{series.first.date} ({series.first.quantity.spoken}) to {series.last.date} "
            f"({series.last.quantity.spoken}). {wording_note(series)}{revised_words}")


def _change_alt(series: Series, steps: list[tuple[dt.date, int]], falls: list[tuple[dt.date, int]]) -> str:
    if not steps:
        return f"No change between consecutive reports can be computed for {series.label.lower()}."
    top = max(steps, key=lambda s: (s[1], -s[0].toordinal()))
    fall_words = f" It fell {len(falls)} time(s) (revisions)." if falls else " It never fell."
    return (f"Line chart of the change between consecutive claimed totals of {series.label.lower()}, our arithmetic on "
            f"figures claimed by {series.claimant.display}, {status_words(series.status)}. The largest rise was "
            f"{format_number(top[1])} on {top[0]}.{fall_words}")
