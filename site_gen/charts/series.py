"""Line charts of claimed series as deterministic SVG (matplotlib object API, fixed layout, no per-point markers)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from site_gen.charts.breakdown import METADATA, RC
from site_gen.charts.measure import SAFETY, line_height, text_width, wrap
from site_gen.charts.mpl import drawing, mpl
from site_gen.core.chart_specs import Line, Marks, SeriesChartSpec
from site_gen.core.quantities import format_number

MAIN_COLOUR = "#3b5b7a"
CONTEXT_COLOUR = "#9a9a9a"
LIGHT_COLOUR = "#a9bccf"
REVISION_COLOUR = "#b03a2e"
QUALIFIER_COLOUR = "#8a5a00"
SERIES_RC = {**RC, "path.simplify": True, "path.simplify_threshold": 0.5, "axes.grid": True,
             "grid.color": "#e3e3e3", "grid.linewidth": 0.6, "axes.axisbelow": True}


@dataclass(frozen=True)
class Sizes:
    """A series chart's width and plot height (inches) and font sizes (points); the narrow one is for phones."""

    width: float
    plot: float
    title: float
    text: float
    small: float
    max_ticks: int


WIDE = Sizes(width=7.5, plot=2.2, title=11, text=9, small=8.5, max_ticks=8)
NARROW = Sizes(width=3.75, plot=2.2, title=10, text=9, small=9, max_ticks=4)
PAD, GAP = 0.1, 0.08
TICK = 7 / 72  # tick length and its label's distance from it


def draw_series(spec: SeriesChartSpec) -> bytes:
    """The claimant's line(s) over time, revisions and differently worded figures marked, titles naming the claimant;
    every text wrapped to the chart's measured width, the margins made from the measured labels."""
    size = NARROW if spec.narrow else WIDE
    with drawing(SERIES_RC):
        header = _header(spec, size)
        footer = [(line, {"fontsize": size.small, "color": "#333333"}, line_height(size.small))
                  for part in spec.footnote.split("\n") for line in wrap(part, size.width - 2 * PAD, size.small)]
        legend_height, columns, legend_labels = _legend_layout(spec, size)
        top = PAD + sum(h for _, _, h in header) + GAP + legend_height
        bottom = PAD + sum(h for _, _, h in footer) + GAP + TICK + 2 * line_height(size.small)
        height = top + size.plot + bottom
        fig = mpl().Figure(figsize=(size.width, height))
        mpl().FigureCanvasSVG(fig)
        ax = fig.add_subplot()
        for line in spec.lines:
            _draw_line(ax, line)
        for marks in spec.marks:
            _draw_marks(ax, marks)
        _decorate(ax, spec, size)
        left = PAD + line_height(size.small) + GAP + _widest_y_label(ax, size) + TICK
        right = PAD + (text_width(spec.last_label, size.small) / SAFETY + 4 / 72 if spec.last_label else 0.1)
        fig.subplots_adjust(left=left / size.width, right=1 - right / size.width, top=1 - top / height,
                            bottom=bottom / height)
        if legend_height:
            handles, _ = ax.get_legend_handles_labels()
            ax.legend(handles, legend_labels, loc="lower left", bbox_to_anchor=(PAD / size.width, 1 - top / height),
                      bbox_transform=fig.transFigure,
                      ncols=columns, fontsize=size.small, frameon=False, borderpad=0, borderaxespad=0,
                      handlelength=1.6, handletextpad=0.8, columnspacing=1.2, labelspacing=0.5)
        _write_lines(fig, header, height, PAD)
        _write_lines(fig, footer, height, height - PAD - sum(h for _, _, h in footer))
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata=METADATA)
    return buffer.getvalue().encode("utf-8")


def _header(spec: SeriesChartSpec, size: Sizes) -> list[tuple[str, dict, float]]:
    """Title (bold), attribution and subtitle (italic), each wrapped to the chart's width."""
    room = size.width - 2 * PAD
    parts = [(spec.title, {"fontsize": size.title, "fontweight": "bold"}),
             (spec.attribution, {"fontsize": size.text}),
             (spec.subtitle, {"fontsize": size.small, "style": "italic", "color": "#333333"})]
    return [(line, style, line_height(style["fontsize"])) for text, style in parts if text
            for line in wrap(text, room, style["fontsize"], style.get("fontweight", "normal"), style.get("style", "normal"))]


def _legend_entries(spec: SeriesChartSpec) -> list[str]:
    return [line.label for line in spec.lines] + [marks.label for marks in spec.marks]


def _legend_layout(spec: SeriesChartSpec, size: Sizes) -> tuple[float, int, list[str]]:
    """(height in inches, columns, labels wrapped to fit) of the legend above the plot: one row if every entry fits
    side by side, else one entry under the other, each label wrapped to the chart's width (measured)."""
    entries = _legend_entries(spec)
    if len(entries) < 2:
        return 0.0, 1, entries
    em = size.small / 72
    handle = (1.6 + 0.8) * em
    widths = [text_width(label, size.small) / SAFETY + handle for label in entries]
    room = size.width - 2 * PAD
    if sum(widths) + 1.2 * em * (len(entries) - 1) <= room:
        return line_height(size.small, 1.5), len(entries), entries
    wrapped = [wrap(label, room - handle, size.small) for label in entries]
    lines = sum(len(w) for w in wrapped)
    height = lines * line_height(size.small, 1.25) + (len(entries) - 1) * 0.5 * em + 0.5 * em
    return height, 1, ["\n".join(w) for w in wrapped]


def _widest_y_label(ax, size: Sizes) -> float:
    """Width in inches of the widest y tick label, as the axis will write it."""
    low, high = ax.get_ylim()
    formatter = ax.yaxis.get_major_formatter()
    ticks = [t for t in ax.yaxis.get_major_locator().tick_values(low, high) if low <= t <= high]
    return max((text_width(formatter(t, i), size.small) / SAFETY for i, t in enumerate(ticks)), default=0.3)


def _write_lines(fig, lines: list[tuple[str, dict, float]], height: float, top: float) -> None:
    """Lines of text at the left edge, one under the other from `top` inches below the top of the figure."""
    y = top
    for line, style, line_h in lines:
        y += line_h
        fig.text(PAD / fig.get_figwidth(), 1 - (y - 0.25 * line_h) / height, line, va="baseline", **style)


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


#: The fewest days an x axis shows: over a shorter span matplotlib's date locator cannot pick ticks (and says so).
MIN_DAYS = 7


def _decorate(ax, spec: SeriesChartSpec, size: Sizes) -> None:
    low, high = ax.get_xlim()
    if high - low < MIN_DAYS:
        middle = (low + high) / 2
        ax.set_xlim(middle - MIN_DAYS / 2, middle + MIN_DAYS / 2)
    locator = mpl().dates.AutoDateLocator(minticks=3, maxticks=size.max_ticks)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mpl().dates.ConciseDateFormatter(locator))
    ax.yaxis.set_major_locator(mpl().MaxNLocator(nbins=6, integer=True))
    ax.yaxis.set_major_formatter(lambda v, _pos: format_number(int(v)) if v >= 0 else "\u2212" + format_number(int(-v)))
    ax.set_ylabel(spec.y_label, fontsize=size.small)
    ax.tick_params(labelsize=size.small)
    if spec.zero_line:
        ax.axhline(0, color="#555555", linewidth=0.8)
    else:
        ax.set_ylim(bottom=0)
    main = next((line for line in spec.lines if line.style == "main"), None)
    if spec.last_label and main is not None and main.xs:
        y = next((v for v in reversed(main.ys) if v is not None), 0)
        ax.annotate(spec.last_label, (_x(main.xs[-1:])[0], y), xytext=(4, 0), textcoords="offset points",
                    fontsize=size.small, va="center", annotation_clip=False)
