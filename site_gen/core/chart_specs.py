"""What a chart depends on, as frozen records: breakdown bars and series lines; equal specs draw byte-identical SVG (pure)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from site_gen.core.quantities import Quantity


@dataclass(frozen=True)
class Bar:
    label: str
    quantity: Quantity
    lang: str = ""  # the language of `label` (BCP 47), "" when not given


@dataclass(frozen=True)
class BreakdownSpec:
    """All a breakdown chart depends on; equal specs give byte-identical SVG."""

    title: str
    subtitle: str
    bars: tuple[Bar, ...]
    total: Quantity | None
    sum_low: int
    sum_high: int | None
    sum_agrees: bool
    footnote: str
    #: The one unit of every bar, the sum and the total, in words ("people", "per cent"; "" when not stated).
    unit: str = ""
    #: Drawn for a phone screen: narrower, with its text as large as on the wide chart.
    narrow: bool = False


@dataclass(frozen=True)
class Line:
    """One line: x as date ordinals, y as numbers; None in y breaks the line (a missing day).

    `style`: "main" (the claimant's figures), "context" (dashed: an earlier category), "light" (thin: the raw
    day-to-day changes under their average).
    """

    label: str
    xs: tuple[int, ...]
    ys: tuple[float | None, ...]
    style: str = "main"


@dataclass(frozen=True)
class Marks:
    """A few highlighted points (revisions, figures worded differently); never one marker per point."""

    label: str
    xs: tuple[int, ...]
    ys: tuple[int, ...]
    kind: str


@dataclass(frozen=True)
class SeriesChartSpec:
    """All a series chart depends on; equal specs give byte-identical SVG."""

    title: str
    attribution: str
    subtitle: str
    footnote: str
    y_label: str
    lines: tuple[Line, ...]
    marks: tuple[Marks, ...] = ()
    last_label: str = ""
    zero_line: bool = False
    #: Drawn for a phone screen: narrower, with its text as large as on the wide chart.
    narrow: bool = False


def narrow_path(path: str) -> str:
    """Where the narrow (phone) variant of the chart at `path` is written: charts/narrow/<the same path>."""
    return "charts/narrow/" + path.removeprefix("charts/")


def with_variants(path: str, spec):
    """(path, spec) of a chart and of its narrow variant: what the build draws for one chart on a page."""
    return (path, spec), (narrow_path(path), replace(spec, narrow=True))


@dataclass(frozen=True)
class ShareCardSpec:
    """All an Open Graph share card (a 1200×630 PNG) depends on; equal specs give byte-identical PNG.

    `figure` and `wording` are the claimant's words, verbatim; `figure_read` and `wording_read` are what the
    card shows instead when the card's font cannot draw them faithfully (a script it lacks, right-to-left text),
    with a note that the original wording is on the page. A site card (no claim) has empty claim fields."""

    site_title: str
    heading: str
    claimant: str = ""
    status: str = ""
    figure: str = ""
    figure_read: str = ""
    wording: str = ""
    wording_read: str = ""
    more: str = ""
