"""Comparison charts of an event as deterministic SVG: one bar per claim, each under its claimant and status."""

from __future__ import annotations

import io

from site_gen.charts.measure import SAFETY, line_height, text_width, wrap
from site_gen.charts.mpl import drawing, mpl
from site_gen.core.event_charts import ComparisonBar, ComparisonSpec
from site_gen.core.quantities import Qualifier, Quantity

RC = {
    "svg.hashsalt": "sitegen",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
METADATA = {"Date": None, "Creator": "sitegen", "Format": None, "Type": None}
SOLID = "#3b5b7a"
LIGHT = "#8fa9c2"
FADED = "#9a9a9a"
WHITE = "#ffffff"
TEXT = "#1a1a1a"
MUTED = "#444444"
#: Width (inches) and font sizes (points): the narrow variant keeps its text as large on a phone.
WIDE = {"width": 7.5, "title": 11, "text": 9.5, "label": 10, "note": 9, "value": 9.5, "foot": 8.5}
NARROW = {"width": 3.75, "title": 10, "text": 9, "label": 9.5, "note": 9, "value": 9, "foot": 9}
PAD, GAP, BAR = 0.12, 0.08, 0.24
#: Offsets (points) of a figure's words from the end of its bar: past an arrow, or just after.
PAST_ARROW, AFTER_BAR = 22, 4
UPWARD = (Qualifier.GT, Qualifier.GTE, Qualifier.VAGUE)


def draw_comparison(spec: ComparisonSpec) -> bytes:
    """Each claim as a row: its claimant and our status (bold), its date, then its bar with the figure as worded at
    its end. Every text is measured and wrapped to the chart's width, and the figure's height made from them."""
    size = NARROW if spec.narrow else WIDE
    room = size["width"] - 2 * PAD
    with drawing(RC):
        header = _lines(spec.title, room, size["title"], "bold") + _lines(spec.subtitle, room, size["text"])
        footer = _lines(spec.footnote, room, size["foot"], colour=MUTED)
        rows = [_row(bar, room, size) for bar in spec.bars]
        x_max = _x_limit(spec.bars, size, room)
        top = PAD + sum(h for *_, h in header) + GAP
        body = sum(r[2] for r in rows)
        height = top + body + GAP + sum(h for *_, h in footer) + PAD
        fig = mpl().Figure(figsize=(size["width"], height))
        mpl().FigureCanvasSVG(fig)
        ax = fig.add_axes((PAD / size["width"], 1 - (top + body) / height, room / size["width"], body / height))
        ax.set_axis_off()
        ax.set_xlim(0, x_max)
        ax.set_ylim(body, 0)
        y = 0.0
        for bar, (labels, bar_y, row_h, below) in zip(spec.bars, rows):
            _write_row(ax, labels, y)
            _draw_bar(ax, y + bar_y, bar, size, not below)
            _write_row(ax, below, y + bar_y + BAR / 2 + 0.04)
            y += row_h
        _write(fig, header, height, PAD)
        _write(fig, footer, height, top + body + GAP)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata=METADATA)
    return buffer.getvalue().encode("utf-8")


def _lines(text: str, room: float, size: float, weight: str = "normal", colour: str = TEXT,
           style: str = "normal") -> list[tuple[str, dict, float]]:
    """(line, text style, height in inches) of a text wrapped to `room` inches."""
    look = {"fontsize": size, "fontweight": weight, "color": colour, "fontstyle": style}
    return [(line, look, line_height(size)) for line in wrap(text, room, size, weight, style)]


def beside(bar: ComparisonBar, size: dict, room: float) -> bool:
    """Whether the figure's words fit beside its bar in half the chart's width; else they go under it, wrapped."""
    words, offset = _words(bar)
    return offset / 72 + text_width(words, size["value"]) / SAFETY <= room / 2


def _row(bar: ComparisonBar, room: float, size: dict) -> tuple[list, float, float, list]:
    """A row's label lines (claimant and status, then date), the middle of its bar, its height (inches), and the
    figure's words when they go under the bar."""
    labels = (_lines(bar.label, room, size["label"], "bold")
              + _lines(bar.note, room, size["note"], colour=MUTED))
    below = [] if beside(bar, size, room) else _lines(_words(bar)[0], room, size["value"])
    text_h = sum(h for *_, h in labels)
    under = sum(h for *_, h in below) + (0.04 if below else 0)
    return labels, text_h + 0.04 + BAR / 2, text_h + 0.04 + BAR + under + 0.18, below


def _write_row(ax, labels: list[tuple[str, dict, float]], y: float) -> None:
    to_left = mpl().blended_transform_factory(ax.transAxes, ax.transData)
    for line, look, h in labels:
        y += h
        ax.text(0, y - 0.25 * h, line, transform=to_left, va="baseline", ha="left", **look)


def _write(fig, lines: list[tuple[str, dict, float]], height: float, top: float) -> None:
    y = top
    for line, look, h in lines:
        y += h
        fig.text(PAD / fig.get_figwidth(), 1 - (y - 0.25 * h) / height, line, va="baseline", **look)


def _words(bar: ComparisonBar) -> tuple[str, int]:
    """The figure's words beside its bar (as worded, from the spec) and their offset (points) from the bar's end."""
    q = bar.quantity
    return bar.words, PAST_ARROW if q.qualifier in UPWARD and not q.is_unquantified else AFTER_BAR


def _end(q: Quantity) -> int:
    if q.is_unquantified:
        return 0
    if q.qualifier is Qualifier.RANGE:
        return q.upper or q.value
    return q.value


def _draw_bar(ax, y: float, bar: ComparisonBar, size: dict, words_beside: bool = True) -> None:
    """Solid for a figure; solid to the low end and dotted to the high end for a range or "nearly"; hatched with an
    arrow for an open-ended one; no bar for a figure with no number. Superseded and retracted claims in grey."""
    q = bar.quantity
    words, offset = _words(bar)
    colour = FADED if bar.faded else SOLID
    end = _end(q)
    style = {"fontsize": size["value"], "color": TEXT, "va": "center"}
    if q.is_unquantified:
        ax.annotate(words, (0, y), xytext=(0, 0), textcoords="offset points", fontstyle="italic", **style)
        return
    low = q.interval.low if q.qualifier in (Qualifier.RANGE, Qualifier.NEAR) else end
    if q.is_one_sided:
        ax.barh(y, end, height=BAR, color=WHITE, edgecolor=colour, hatch="///", linewidth=1.2)
        upward = q.qualifier in UPWARD
        ax.annotate("", xy=(end, y), xytext=(18 if upward else -18, 0), textcoords="offset points",
                    arrowprops={"arrowstyle": "<-", "color": colour, "lw": 1.2})
    elif low < end:
        ax.barh(y, low, height=BAR, color=colour)
        ax.barh(y, end - low, left=low, height=BAR, color=WHITE if bar.faded else LIGHT, edgecolor=colour,
                hatch="..")
    else:
        ax.barh(y, end, height=BAR, color=LIGHT if q.qualifier is Qualifier.APPROX and not bar.faded else colour,
                edgecolor=colour)
    if words_beside:
        ax.annotate(words, (end, y), xytext=(offset, 0), textcoords="offset points", **style)


def _x_limit(bars: tuple[ComparisonBar, ...], size: dict, room: float) -> float:
    """The x-axis end: every bar fits, and the words drawn beside a bar fit between its end and the right edge."""
    ends = [_end(b.quantity) for b in bars]
    limit = max(max(ends, default=1) * 1.05, 1)
    for bar, end in zip(bars, ends):
        if not beside(bar, size, room):
            continue
        words, offset = _words(bar)
        free = room - offset / 72 - text_width(words, size["value"]) / SAFETY
        limit = max(limit, end * room / free)
    return limit
