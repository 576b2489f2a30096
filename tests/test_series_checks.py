"""Series findings (pure) and on the real General Staff dataset: revisions, missing days, milestones."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from series_site import REPO, real_dataset_site

from site_gen.content.config import load_config
from site_gen.core.model import Claimant, Status
from site_gen.core.quantities import parse_quantity
from site_gen.content.series import load_series
from site_gen.core.series_checks import find_all, increments, milestones, revisions, series_gaps, table_gaps
from site_gen.core.series_model import Dataset, Point, Series

UA_GS = Claimant("ua-gs", "General Staff of the Armed Forces of Ukraine", "Ukraine", "military")
DAY = dt.timedelta(days=1)
START = dt.date(2024, 1, 1)

#: The 13 decreases of the real dataset (README of the data copy): series, day before, figure, day after, figure.
REAL_REVISIONS = [
    ("ua-gs-equipment/apc", "2022-10-12", 5181, "2022-10-13", 5167),
    ("ua-gs-equipment/tank", "2023-05-27", 3799, "2023-05-28", 3797),
    ("ua-gs-equipment/aircraft", "2023-10-02", 316, "2023-10-03", 315),
    ("ua-gs-equipment/cruise-missiles", "2024-03-12", 1920, "2024-03-13", 1919),
    ("ua-gs-equipment/anti-aircraft-warfare", "2024-08-04", 911, "2024-08-05", 910),
    ("ua-gs-equipment/aircraft", "2024-10-02", 369, "2024-10-03", 368),
    ("ua-gs-equipment/mrl", "2024-11-29", 1255, "2024-11-30", 1253),
    ("ua-gs-equipment/special-equipment", "2024-11-29", 3700, "2024-11-30", 3617),
    ("ua-gs-equipment/mrl", "2025-04-21", 1368, "2025-04-22", 1367),
    ("ua-gs-equipment/cruise-missiles", "2025-05-03", 3197, "2025-05-04", 3196),
    ("ua-gs-equipment/anti-aircraft-warfare", "2025-10-02", 1224, "2025-10-03", 1222),
    ("ua-gs-equipment/special-equipment", "2025-10-02", 3979, "2025-10-03", 3970),
    ("ua-gs-equipment/field-artillery", "2026-03-03", 37842, "2026-03-04", 37832),
]


def make_series(values: dict[int, int | str], key: str = "tanks", cumulative: bool = True,
                frequency: str = "daily", milestones_at: tuple[int, ...] = ()) -> Series:
    """A series whose points are {day offset from 2024-01-01: figure}."""
    points = tuple(Point(START + d * DAY, parse_quantity(v), 10 + d, d + 1) for d, v in sorted(values.items()))
    return Series(f"ds/{key}", "ds", key, key.title(), UA_GS, "Russian forces", "destroyed", "", cumulative,
                  frequency, Status.UNVERIFIABLE, points, milestones=milestones_at, data_path="data/x.csv")


def make_dataset(*series: Series, days: list[int] | None = None) -> Dataset:
    offsets = days if days is not None else sorted({(p.date - START).days for s in series for p in s.points})
    return Dataset("ds", "Claimed losses", UA_GS, "Russian forces", Status.UNVERIFIABLE, (), series, "data/x.csv",
                   "content/series/ds.yaml", series[0].frequency, series[0].cumulative,
                   tuple(START + d * DAY for d in offsets))


def test_a_cumulative_series_that_goes_down_is_a_revision():
    s = make_series({0: 10, 1: 12, 2: 11, 3: 15, 4: 14})
    found = revisions(s)
    assert [(r.before.quantity.value, r.after.quantity.value, r.change) for r in found] == [(12, 11, -1), (15, 14, -1)]
    assert [r.after.date for r in found] == [dt.date(2024, 1, 3), dt.date(2024, 1, 5)]


def test_figures_that_are_not_running_totals_may_go_down():
    assert revisions(make_series({0: 10, 1: 5}, cumulative=False)) == []


def test_a_revision_finding_names_claimant_dates_figures_and_line():
    [finding] = find_all((make_dataset(make_series({0: 10, 1: "about 12", 2: 11})),))
    assert finding.kind == "revision" and finding.date == dt.date(2024, 1, 3)
    assert finding.format() == (
        "data/x.csv:12: series ds/tanks: revision: cumulative total went down: General Staff of the Armed Forces of "
        "Ukraine's claimed cumulative total of tanks (destroyed) went down from about 12 on 2024-01-02 to 11 on "
        "2024-01-03 (\u22121). A running total should not fall: an earlier figure was revised, or one of the two is "
        "wrong. sitegen shows both figures and corrects neither.")


def test_daily_increments_skip_missing_days_and_keep_falls():
    s = make_series({0: 10, 1: 12, 3: 20, 4: 19})
    assert increments(s) == [(dt.date(2024, 1, 2), 2), (dt.date(2024, 1, 5), -1)]
    irregular = make_series({0: 10, 3: 20}, frequency="irregular")
    assert increments(irregular) == [(dt.date(2024, 1, 4), 10)]


def test_a_day_with_no_row_is_reported_once_for_the_dataset():
    dataset = make_dataset(make_series({0: 1, 1: 2, 4: 3}), make_series({0: 1, 1: 2, 4: 3}, key="apcs"))
    [gap] = table_gaps(dataset)
    assert (gap.first, gap.last, gap.days) == (dt.date(2024, 1, 3), dt.date(2024, 1, 4), 2)
    findings = find_all((dataset,))
    assert [f.kind for f in findings] == ["missing-days"]
    assert findings[0].message.startswith("no row for 2024-01-03 to 2024-01-04 (2 days) in this daily series")


def test_a_category_missing_a_day_that_others_report_is_reported_for_that_category():
    tanks = make_series({0: 1, 1: 2, 2: 3, 3: 4})
    apcs = make_series({0: 1, 2: 3, 3: 4}, key="apcs")
    dataset = make_dataset(tanks, apcs)
    assert series_gaps(dataset, tanks) == []
    [gap] = series_gaps(dataset, apcs)
    assert gap.first == gap.last == dt.date(2024, 1, 2) and gap.line == 12
    [finding] = find_all((dataset,))
    assert finding.series_id == "ds/apcs" and "no figure for apcs on 2024-01-02 (1 day)" in finding.message


class CountedDate(dt.date):
    """A date that counts how often it is ordered against another (< or >)."""

    orderings = 0

    def __lt__(self, other):
        CountedDate.orderings += 1
        return dt.date.__lt__(self, other)

    def __gt__(self, other):
        CountedDate.orderings += 1
        return dt.date.__gt__(self, other)

    __hash__ = dt.date.__hash__


def test_every_other_day_missing_is_found_without_rescanning_the_series(monkeypatch):
    """Each gap looked for the figure after it from the series' first point: n²/4 comparisons (issue 11, item 8)."""
    n = 1000
    days = [CountedDate.fromordinal(START.toordinal() + d) for d in range(2 * n + 1)]
    points = tuple(Point(day, parse_quantity(i), 10 + i, i + 1) for i, day in enumerate(days[::2]))
    apcs = Series("ds/apcs", "ds", "apcs", "Apcs", UA_GS, "Russian forces", "destroyed", "", True, "daily",
                  Status.UNVERIFIABLE, points, data_path="data/x.csv")
    dataset = make_dataset(make_series({d: d for d in range(2 * n + 1)}), apcs)
    dataset = dataclasses.replace(dataset, dates=tuple(days))
    monkeypatch.setattr(CountedDate, "orderings", 0)
    gaps = series_gaps(dataset, apcs)
    assert [(g.first, g.line) for g in gaps[:2]] == [(days[1], 11), (days[3], 12)]
    assert len(gaps) == n
    assert CountedDate.orderings < 20 * n


def test_categories_that_start_late_or_stop_early_are_not_gaps():
    early = make_series({0: 1, 1: 2})
    late = make_series({2: 5, 3: 6}, key="apcs")
    assert find_all((make_dataset(early, late),)) == ()


def test_irregular_series_have_no_missing_days():
    assert find_all((make_dataset(make_series({0: 1, 5: 2}, frequency="irregular")),)) == ()


def test_milestones_mark_starts_ends_revisions_and_thresholds():
    tanks = make_series({0: 8, 1: 12, 2: 11, 3: 13}, milestones_at=(10,))
    apcs = make_series({1: 1, 2: 2}, key="apcs")
    found = [(m.date.day, m.kind, m.text) for m in milestones(make_dataset(tanks, apcs))]
    assert found == [
        (1, "start", "Claimed losses: first report in the dataset, 1 category (Tanks)"),
        (2, "start", "Claimed losses: new category Apcs"),
        (2, "threshold", "Tanks: claimed total reaches 10 (12 destroyed)"),
        (3, "end", "Claimed losses: last figure for Apcs"),
        (3, "revision", "Tanks: claimed total revised down from 12 (2024-01-02) to 11"),
    ]


@pytest.fixture(scope="module")
def real_datasets():
    datasets, problems = load_series(load_config(REPO / "config.yaml"))
    assert [p for p in problems if p.is_error] == []
    return datasets


def test_the_real_dataset_has_its_13_revisions_across_8_equipment_series(real_datasets):
    found = [f for f in find_all(real_datasets) if f.kind == "revision"]
    by_date = sorted(found, key=lambda f: (f.date, f.series_id))
    actual = []
    for finding in by_date:
        series = next(s for d in real_datasets for s in d.series if s.id == finding.series_id)
        [r] = [r for r in revisions(series) if r.after.date == finding.date]
        actual.append((series.id, str(r.before.date), r.before.quantity.value, str(r.after.date), r.after.quantity.value))
    assert actual == REAL_REVISIONS
    assert len({f.series_id for f in found}) == 8
    assert all(f.path == "data/ua-general-staff/russia_losses_equipment.json" for f in found)
    assert not [f for f in find_all(real_datasets) if f.kind == "missing-days"]


def test_the_real_dataset_keeps_qualifiers_and_category_periods(real_datasets):
    personnel = next(s for d in real_datasets for s in d.series if s.id == "ua-gs-personnel/personnel")
    assert len(personnel.points) == 1626 and personnel.last.quantity.display == "about 1,456,610"
    worded = {p.date.isoformat(): p.quantity.display for p in personnel.points if p.quantity.word == "more than"}
    assert worded == {"2022-03-07": "more than 11,000", "2022-03-10": "more than 12,000", "2022-03-11": "more than 12,000",
                      "2022-03-12": "more than 12,000", "2022-03-13": "more than 12,000", "2022-03-14": "more than 12,000"}
    equipment = next(d for d in real_datasets if d.id == "ua-gs-equipment")
    periods = {s.column: (str(s.first.date), str(s.last.date), len(s.points)) for s in equipment.series}
    assert periods["military auto"] == ("2022-02-25", "2022-04-30", 65)
    assert periods["vehicles and fuel tanks"] == ("2022-05-01", "2026-08-08", 1561)
    assert periods["submarines"] == ("2023-09-14", "2026-08-08", 1060)
    assert periods["ground robotic systems"] == ("2026-05-03", "2026-08-08", 98)
    assert equipment.series_by_column("vehicles and fuel tanks").continues == ("military auto", "fuel tank")


def test_changing_one_value_in_a_copy_of_the_dataset_adds_the_matching_revision(tmp_path):
    config = real_dataset_site(tmp_path)
    path = tmp_path / "data/ua-general-staff/russia_losses_personnel.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    row = next(r for r in rows if r["date"] == "2024-06-10")
    before = next(r for r in rows if r["date"] == "2024-06-09")["personnel"]
    row["personnel"] = before - 500
    path.write_text(json.dumps(rows, indent=4), encoding="utf-8")
    datasets, _ = load_series(load_config(config))
    [finding] = [f for f in find_all(datasets) if f.series_id == "ua-gs-personnel/personnel"]
    assert finding.kind == "revision" and finding.date == dt.date(2024, 6, 10)
    assert f"went down from about {before:,} on 2024-06-09 to about {before - 500:,} on 2024-06-10 (\u2212500)" \
        in finding.message
    text = path.read_text(encoding="utf-8").split("\n")
    assert '"personnel": ' + str(before - 500) in text[finding.line - 1]
    assert len([f for f in find_all(datasets) if f.kind == "revision"]) == 14
