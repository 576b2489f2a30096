"""Series findings and milestones (pure): revisions of cumulative totals, missing days, starts, ends, thresholds."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict

from site_gen.core.interface import interface_text
from site_gen.core.quantities import format_number
from site_gen.core.series_model import Dataset, Gap, Milestone, Revision, Series, SeriesFinding
from site_gen.core.urls import series_url

ONE_DAY = dt.timedelta(days=1)


def find_all(datasets: tuple[Dataset, ...]) -> tuple[SeriesFinding, ...]:
    """Every series finding across the site, in a stable order: dataset, then series, then date."""
    return tuple(f for dataset in datasets for f in dataset_findings(dataset))


def dataset_findings(dataset: Dataset) -> tuple[SeriesFinding, ...]:
    findings = [_missing_rows_finding(dataset, g) for g in table_gaps(dataset)]
    for series in dataset.series:
        findings += [_revision_finding(r) for r in revisions(series)]
        findings += [_gap_finding(series, g) for g in series_gaps(dataset, series)]
    return tuple(findings)


def revisions(series: Series) -> list[Revision]:
    """Consecutive figures of a cumulative series where the later one is lower."""
    if not series.cumulative:
        return []
    pairs = zip(series.points, series.points[1:])
    return [Revision(series, a, b) for a, b in pairs if b.quantity.value < a.quantity.value]


def increments(series: Series) -> list[tuple[dt.date, int]]:
    """Our arithmetic on a cumulative series: the change from each figure to the next (daily: only a day apart)."""
    found = []
    for a, b in zip(series.points, series.points[1:]):
        if series.frequency != "daily" or b.date - a.date == ONE_DAY:
            found.append((b.date, b.quantity.value - a.quantity.value))
    return found


def table_gaps(dataset: Dataset) -> list[Gap]:
    """Days with no row at all in a daily dataset, between its first and last report."""
    if dataset.frequency != "daily":
        return []
    dates = dataset.dates
    return [Gap(dataset.id, a + ONE_DAY, b - ONE_DAY, 0) for a, b in zip(dates, dates[1:]) if b - a > ONE_DAY]


def series_gaps(dataset: Dataset, series: Series) -> list[Gap]:
    """Days inside one series' reporting period where the dataset has a row but this category has no figure."""
    if series.frequency != "daily":
        return []
    point_dates = [p.date for p in series.points]
    reported = set(point_dates)
    rows = [d for d in dataset.dates if series.first.date <= d <= series.last.date]
    gaps: list[Gap] = []
    run: list[dt.date] = []
    for day in rows + [None]:
        if day is not None and day not in reported:
            run.append(day)
            continue
        if run:
            after = series.points[bisect_right(point_dates, run[-1])]
            gaps.append(Gap(series.id, run[0], run[-1], after.line))
            run = []
    return gaps


def _revision_finding(r: Revision) -> SeriesFinding:
    s = r.series
    message = (
        f"{s.claimant.name}'s claimed cumulative total of {s.label.lower()} ({s.measure_words}) went down from "
        f"{r.before.quantity.display} on {r.before.date} to {r.after.quantity.display} on {r.after.date} "
        f"({_signed(r.change)}). A running total should not fall: an earlier figure was revised, or one of the "
        f"two is wrong. sitegen shows both figures and corrects neither."
    )
    return SeriesFinding("revision", s.id, "revision: cumulative total went down", message, s.data_path,
                         r.after.line, r.after.date)


def _gap_finding(series: Series, gap: Gap) -> SeriesFinding:
    message = (f"no figure for {series.label.lower()} on {_span(gap)}, although the dataset has rows "
               f"for those days; a daily series should have one figure a day.")
    return SeriesFinding("missing-days", series.id, "missing days", message, series.data_path, gap.line, gap.first)


def _missing_rows_finding(dataset: Dataset, gap: Gap) -> SeriesFinding:
    message = f"no row for {_span(gap)} in this daily series: none of its categories has a figure for those days."
    return SeriesFinding("missing-days", dataset.id, "missing days", message, dataset.data_path, 0, gap.first)


def _span(gap: Gap) -> str:
    if gap.days == 1:
        return f"{gap.first} (1 day)"
    return f"{gap.first} to {gap.last} ({gap.days} days)"


def _signed(n: int) -> str:
    return f"+{format_number(n)}" if n > 0 else f"\u2212{format_number(-n)}"


def milestones(dataset: Dataset) -> list[Milestone]:
    """Dated events of a dataset for the timeline: first report, categories starting and ending, revisions,
    and the declared thresholds a cumulative total first reached."""
    found = [_first_report(dataset)]
    found += _category_changes(dataset)
    for series in dataset.series:
        found += [_revision_milestone(dataset, r) for r in revisions(series)]
        found += _thresholds(dataset, series)
    return sorted(found, key=lambda m: (m.date, m.kind, m.text))


def _first_report(dataset: Dataset) -> Milestone:
    first = [s.label for s in dataset.series if s.first.date == dataset.first_date]
    values = (("title", dataset.title), ("names", ", ".join(first)))
    key = f"milestone.text.first_report.{'one' if len(first) == 1 else 'other'}"
    return Milestone(dataset.first_date, "start", dataset, interface_text(key, {}, n=len(first), **dict(values)),
                     _url(dataset), "milestone.text.first_report", values, len(first))


def _category_changes(dataset: Dataset) -> list[Milestone]:
    starts: dict[dt.date, list[str]] = defaultdict(list)
    ends: dict[dt.date, list[str]] = defaultdict(list)
    for s in dataset.series:
        if s.first.date > dataset.first_date:
            starts[s.first.date].append(s.label + _continues(dataset, s))
        if s.last.date < dataset.last_date:
            ends[s.last.date].append(s.label)
    found = [_milestone(d, "start", dataset, "milestone.text.new_category", _url(dataset), title=dataset.title,
                        names="; ".join(n)) for d, n in starts.items()]
    found += [_milestone(d, "end", dataset, "milestone.text.last_figure", _url(dataset), title=dataset.title,
                         names="; ".join(n)) for d, n in ends.items()]
    return found


def _milestone(date: dt.date, kind: str, dataset: Dataset, key: str, url: str, /, **values: str) -> Milestone:
    """A milestone whose text is the interface string `key` with `values` (in English in `text`)."""
    return Milestone(date, kind, dataset, interface_text(key, {}, **values), url, key, tuple(values.items()))


def _continues(dataset: Dataset, series: Series) -> str:
    """ " (replacing Tanks and APCs)": the categories a new one continues (the labels are the data's own words)."""
    earlier = [dataset.series_by_column(c) for c in series.continues]
    names = [s.label for s in earlier if s is not None]
    return f" (replacing {' and '.join(names)})" if names else ""


def _revision_milestone(dataset: Dataset, r: Revision) -> Milestone:
    return _milestone(r.after.date, "revision", dataset, "milestone.text.revision", _url(dataset, r.series),
                      label=r.series.label, before=r.before.quantity.display, date=r.before.date.isoformat(),
                      after=r.after.quantity.display)


def _thresholds(dataset: Dataset, series: Series) -> list[Milestone]:
    found = []
    for threshold in series.milestones:
        point = next((p for p in series.points if p.quantity.value >= threshold), None)
        if point is not None:
            found.append(_milestone(point.date, "threshold", dataset, "milestone.text.threshold",
                                    _url(dataset, series), label=series.label, threshold=format_number(threshold),
                                    figure=point.quantity.display, unit=series.unit or series.measure_words))
    return found


def _url(dataset: Dataset, series: Series | None = None) -> str:
    return series_url(dataset.claimant.id, series.anchor if series else dataset.id)
