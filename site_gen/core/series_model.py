"""Typed, frozen records for claimed data series: datasets, series, points, and what the checks find in them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from site_gen.core.model import Claimant, Source, Status
from site_gen.core.quantities import Quantity
from site_gen.core.problems import one_line

FREQUENCIES = ("daily", "irregular")


@dataclass(frozen=True)
class Point:
    """One claimed figure of a series: the report date, the figure as worded, where it is in the data file."""

    date: dt.date
    quantity: Quantity
    line: int
    row: int


@dataclass(frozen=True)
class Series:
    """One value column of a dataset: one claimant, one subject, one measure, its points in date order."""

    id: str
    dataset_id: str
    column: str
    label: str
    claimant: Claimant
    subject: str
    measure: str
    unit: str
    cumulative: bool
    frequency: str
    status: Status
    points: tuple[Point, ...]
    note: str = ""
    continues: tuple[str, ...] = ()
    milestones: tuple[int, ...] = ()
    since: dt.date | None = None
    data_path: str = ""
    line: int = 0

    @property
    def key(self) -> str:
        """The part of the id after the dataset: an anchor and file-name stem."""
        return self.id.split("/", 1)[1]

    @property
    def anchor(self) -> str:
        return self.id.replace("/", "--")

    @property
    def first(self) -> Point:
        return self.points[0]

    @property
    def last(self) -> Point:
        return self.points[-1]

    @property
    def measure_words(self) -> str:
        return self.measure.replace("_", " ")


@dataclass(frozen=True)
class Dataset:
    """One series declaration (content/series/*.yaml) with the table it points at."""

    id: str
    title: str
    claimant: Claimant
    subject: str
    status: Status
    sources: tuple[Source, ...]
    series: tuple[Series, ...]
    data_path: str
    decl_path: str
    frequency: str
    cumulative: bool
    dates: tuple[dt.date, ...]
    description: str = ""
    since: dt.date | None = None
    license: str = ""
    license_text: str = ""
    provenance: str = ""
    ignored: tuple[tuple[str, str], ...] = ()

    @property
    def first_date(self) -> dt.date:
        return self.dates[0]

    @property
    def last_date(self) -> dt.date:
        return self.dates[-1]

    @property
    def license_path(self) -> str:
        """Output path of the data licence notice published with the figures ("" when none is declared)."""
        return f"series/{self.id}/LICENSE.txt" if self.license_text else ""

    def series_by_column(self, column: str) -> Series | None:
        return next((s for s in self.series if s.column == column), None)


@dataclass(frozen=True)
class Revision:
    """A cumulative series that went down: the claimant's own later figure is lower than its earlier one."""

    series: Series
    before: Point
    after: Point

    @property
    def change(self) -> int:
        return self.after.quantity.value - self.before.quantity.value


@dataclass(frozen=True)
class Gap:
    """Days with no figure inside a daily series' reporting period (`first`..`last` missing, inclusive)."""

    series_id: str
    first: dt.date
    last: dt.date
    line: int

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class Milestone:
    """A dated event in a dataset for the timeline: categories starting or ending, revisions, thresholds."""

    date: dt.date
    kind: str
    dataset: Dataset
    text: str
    url: str
    #: The text's interface string (`milestone.text.<...>`, core/interface.py) and its `{placeholder}` values;
    #: `count` is n of a count key (`.one` / `.other` ...), None for a plain one. `text` is the English.
    text_key: str = ""
    text_values: tuple[tuple[str, str], ...] = ()
    count: int | None = None
    is_milestone = True


@dataclass(frozen=True)
class SeriesFinding:
    """A series finding (revision, missing days): reported in the summary and on the page; never fails a build."""

    kind: str
    series_id: str
    title: str
    message: str
    path: str
    line: int
    date: dt.date

    def format(self) -> str:
        return one_line(f"{self.path}:{self.line}: series {self.series_id}: {self.title}: {self.message}")
