"""Line charts of claimed series as deterministic SVG (matplotlib object API, fixed layout, no per-point markers)."""

from __future__ import annotations

import datetime as dt
import io

from site_gen.charts.breakdown import METADATA, RC
from site_gen.charts.mpl import drawing, mpl
from site_gen.core.chart_specs import Line, Marks, SeriesChartSpec
from site_gen.core.quantities import format_number

MAIN_COLOUR = "#3b5b7a"
CONTEXT_COLOUR = "#9a9a9a"
LIGHT_COLOUR = "#a9bccf"
REVISION_COLOUR = "#b03a2e"
QUALIFIER_COLOUR = "#8a5a00"
WIDTH, HEIGHT = 7.5, 3.9
#: Average glyph width of DejaVu Sans in em, used to shrink a long title line so that it fits the fixed layout.
EM_PER_CHAR, EM_PER_BOLD_CHAR, MIN_FONT_SIZE = 0.56, 0.63, 6.5
SERIES_RC = {**RC, "path.simplify": True, "path.simplify_threshold": 0.5, "axes.grid": True,
             "grid.color": "#e3e3e3", "grid.linewidth": 0.6, "axes.axisbelow": True}


def draw_series(spec: SeriesChartSpec) -> bytes:
    """The claimant's line(s) over time, revisions and differently worded figures marked, titles naming the claimant."""
    with drawing(SERIES_RC):
        fig = mpl().Figure(figsize=(WIDTH, HEIGHT))
        mpl().FigureCanvasSVG(fig)
        fig.subplots_adjust(left=0.135, right=0.85, top=1 - 1.12 / HEIGHT, bottom=0.95 / HEIGHT)
        ax = fig.add_subplot()
        for line in spec.lines:
            _draw_line(ax, line)
        for marks in spec.marks:
            _draw_marks(ax, marks)
        _decorate(ax, spec)
        _texts(fig, spec)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata=METADATA)
    return buffer.getvalue().encode("utf-8")


def _x(ordinals: tuple[int, ...]) -> list[float]:
    """Date ordinals as matplotlib date numbers: one shift for all (date2num per point was half the drawing time)."""
    anchor = dt.date(2000, 1, 1)
    shift = float(mpl().dates.date2num(anchor)) - anchor.toordinal()
    return [o + shift for o in ordinals]


LINE_STYLES = {
    "main": {"color": MAIN_COLOUR, "linewidth": 1.3},
    "context": {"color": CONTEXT_COLOUR, "linewidth": 1.1, "linestyle": "--"},
    "light": {"color": LIGHT_COLOUR, "linewidth": 0.6},
}


def _draw_line(ax, line: Line) -> None:
    ys = [float("nan") if y is None else y for y in line.ys]
    ax.plot(_x(line.xs), ys, label=line.label, solid_joinstyle="round", **LINE_STYLES[line.style])


def _draw_marks(ax, marks: Marks) -> None:
    style = {
        "revision": {"marker": "v", "color": REVISION_COLOUR, "markersize": 6},
        "qualifier": {"marker": "o", "color": QUALIFIER_COLOUR, "markersize": 4.5, "markerfacecolor": "none"},
    }[marks.kind]
    ax.plot(_x(marks.xs), list(marks.ys), linestyle="none", label=marks.label, zorder=3, **style)


def _decorate(ax, spec: SeriesChartSpec) -> None:
    locator = mpl().dates.AutoDateLocator(minticks=4, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mpl().dates.ConciseDateFormatter(locator))
    ax.yaxis.set_major_locator(mpl().MaxNLocator(nbins=6, integer=True))
    ax.yaxis.set_major_formatter(lambda v, _pos: format_number(int(v)) if v >= 0 else "\u2212" + format_number(int(-v)))
    ax.set_ylabel(spec.y_label, fontsize=8.5)
    ax.tick_params(labelsize=8.5)
    if spec.zero_line:
        ax.axhline(0, color="#555555", linewidth=0.8)
    else:
        ax.set_ylim(bottom=0)
    if len(spec.lines) + len(spec.marks) > 1:
        ax.legend(loc="lower left", bbox_to_anchor=(-0.01, 1.0), ncols=len(spec.lines) + len(spec.marks), fontsize=7.8,
                  frameon=False, borderaxespad=0.1, handlelength=1.6, columnspacing=1.2)
    main = next((line for line in spec.lines if line.style == "main"), None)
    if spec.last_label and main is not None and main.xs:
        y = next((v for v in reversed(main.ys) if v is not None), 0)
        ax.annotate(spec.last_label, (_x(main.xs[-1:])[0], y), xytext=(4, 0), textcoords="offset points",
                    fontsize=8, va="center", annotation_clip=False)


def _texts(fig, spec: SeriesChartSpec) -> None:
    _text(fig, 1 - 0.22 / HEIGHT, spec.title, 11, fontweight="bold")
    _text(fig, 1 - 0.47 / HEIGHT, spec.attribution, 9)
    _text(fig, 1 - 0.69 / HEIGHT, spec.subtitle, 8.5, style="italic", color="#333333")
    for i, line in enumerate(spec.footnote.split("\n")[:2]):
        _text(fig, (0.34 - 0.17 * i) / HEIGHT, line, 7.6, color="#333333")


def _text(fig, y: float, text: str, size: float, **style) -> None:
    """One line of text at the left edge, shrunk (never below MIN_FONT_SIZE) when it would overrun the width."""
    em = EM_PER_BOLD_CHAR if style.get("fontweight") == "bold" else EM_PER_CHAR
    fits = (WIDTH - 0.2) * 72 / (size * em)
    if len(text) > fits:
        size = max(MIN_FONT_SIZE, round(size * fits / len(text), 1))
    fig.text(0.01, y, text, fontsize=size, va="center", **style)
