"""The one home of matplotlib: claim breakdown charts as deterministic SVG, drawn with the object API."""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_gen.charts.measure import SAFETY, line_height, text_width, wrap
from site_gen.charts.mpl import drawing
from site_gen.charts.plot import Plot
from site_gen.core.chart_specs import BreakdownSpec
from site_gen.core.langs import primary, same_language, text_is_rtl
from site_gen.core.quantities import Interval, Qualifier, Quantity

RC = {
    "svg.hashsalt": "sitegen",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
#: The language of the chart's own text (titles, notes, "Sum of groups"): labels in any other are marked.
CHART_LANGUAGE = "en"
METADATA = {"Date": None, "Creator": "sitegen", "Format": None, "Type": None}
EXACT_COLOUR = "#3b5b7a"
ONE_SIDED_COLOUR = "#ffffff"
APPROX_COLOUR = "#8fa9c2"
SUM_COLOUR = "#777777"


@dataclass(frozen=True)
class Sizes:
    """A chart's width (inches) and font sizes (points): the narrow variant keeps its text large on a phone."""

    width: float
    title: float
    text: float
    label: float
    value: float
    foot: float
    label_share: float


WIDE = Sizes(width=7.5, title=11, text=9.5, label=10, value=9, foot=8.5, label_share=0.4)
NARROW = Sizes(width=3.75, title=10, text=9, label=9, value=9, foot=9, label_share=0.42)
PAD, GAP = 0.1, 0.08
#: Offsets (points) of a value label from the end of its bar: past the arrow of a one-sided figure, or just after.
PAST_ARROW, AFTER_BAR = 22, 4


def sizes_for(narrow: bool) -> Sizes:
    return NARROW if narrow else WIDE


def draw_breakdown(spec: BreakdownSpec) -> bytes:
    """Horizontal bars per group, qualifier in each label, the stated total as a dashed line; every text measured and
    wrapped to the room it has, and the figure's margins and height made from those measurements."""
    size = sizes_for(spec.narrow)
    with drawing(RC):
        rows = list(spec.bars)
        labels = [b.label for b in rows] + (["Sum of groups (computed)"] if spec.total else [])
        langs = [_other_language(b.lang) for b in rows] + [""]
        wrapped = [wrap(label, size.label_share * size.width, size.label) for label in labels]
        label_width = max(text_width(line, size.label) for lines in wrapped for line in lines) / SAFETY
        left = PAD + label_width + GAP
        axes_width = size.width - left - PAD
        header = _header(spec, size)
        footer = _footer(spec, size)
        row = max(0.4 if not spec.narrow else 0.36, max(len(lines) for lines in wrapped) * line_height(size.label) + 0.1)
        x_max = _x_limit(spec, size, axes_width)
        total_lines, total_side = _total_label(spec, size, axes_width, x_max)
        above = len(total_lines) * line_height(size.value) + 0.04 if total_lines else 0.04
        top = PAD + sum(h for _, _, h in header) + GAP + above
        bottom = PAD + sum(h for _, _, h in footer) + 2 * GAP
        height = top + row * len(labels) + bottom
        plot = Plot(size.width, height, left, bottom, axes_width, row, len(labels), x_max)
        for i, bar in enumerate(rows):
            _draw_bar(plot, i, bar.quantity, size, axes_width)
        if spec.total is not None:
            _draw_sum_and_total(plot, len(rows), spec, size, total_lines, total_side)
        plot.left_edge()
        _label_rows(plot, wrapped, size, langs)
        _write_lines(plot, header, height, PAD)
        _write_lines(plot, footer, height, height - PAD - sum(h for _, _, h in footer))
        svg = plot.svg(METADATA)
    return mark_languages(svg, labels, langs).encode("utf-8")


def _header(spec: BreakdownSpec, size: Sizes) -> list[tuple[str, dict, float]]:
    """(line, text style, height in inches) of the title (bold) and the subtitle, each wrapped to the chart's width."""
    room = size.width - 2 * PAD
    title = {"fontsize": size.title, "fontweight": "bold"}
    text = {"fontsize": size.text}
    return ([(line, title, line_height(size.title)) for line in wrap(spec.title, room, size.title, "bold")]
            + [(line, text, line_height(size.text)) for line in wrap(spec.subtitle, room, size.text)])


def _footer(spec: BreakdownSpec, size: Sizes) -> list[tuple[str, dict, float]]:
    """The sums' mismatch (bold, red) if any, then the footnote, wrapped to the chart's width."""
    room = size.width - 2 * PAD
    mismatch = {"fontsize": size.foot, "color": "#b03a2e", "fontweight": "bold"}
    note = {"fontsize": size.foot, "color": "#333333"}
    lines = [] if spec.sum_agrees else [(line, mismatch) for line in wrap(spec_mismatch(spec), room, size.foot, "bold")]
    lines += [(line, note) for line in wrap(spec.footnote, room, size.foot)]
    return [(line, style, line_height(size.foot)) for line, style in lines]


def _other_language(tag: str) -> str:
    """A label's language when it is not the chart's own (its titles and notes are English), else ""."""
    return "" if same_language(primary(tag), CHART_LANGUAGE) else tag


def _label_rows(plot: Plot, wrapped: list[list[str]], size: Sizes, langs: list[str]) -> None:
    """Row labels right-aligned just left of the plot, as plain text (no tick machinery)."""
    for i, lines in enumerate(wrapped):
        label = "\n".join(lines)
        marked = langs[i] or text_is_rtl(label, "")
        plot.text_at(plot.left - GAP, plot.y(i), label, ha="right", va="center", fontsize=size.label, linespacing=1.2,
                     gid=f"row-label-{i}" if marked else None)


#: A row label drawn with an id (a label with a language or right-to-left letters): its group, and each of its
#: lines' text elements.
_MARKED_LABEL = re.compile(r'<g id="row-label-(\d+)">(.*?)</g>', re.S)
_LABEL_LINE = re.compile(r'<text style="([^"]*)text-anchor: end"')


def mark_languages(svg: str, labels: list[str], langs: list[str]) -> str:
    """Row labels in another language carry `xml:lang`; right-to-left ones `direction="rtl"` and
    `unicode-bidi="embed"` on every line so the browser shapes and orders them (matplotlib writes the text as text,
    in logical order), anchored by their start, which in right-to-left text is their right end, as before."""
    def mark(m: re.Match) -> str:
        i = int(m[1])
        lang = f' xml:lang="{langs[i]}"' if langs[i] else ""
        body = m[2]
        if text_is_rtl(labels[i], langs[i]):
            body = _LABEL_LINE.sub(lambda t: f'<text direction="rtl" unicode-bidi="embed" '
                                   f'style="{t[1]}text-anchor: start; direction: rtl; unicode-bidi: embed"', body)
        return f'<g id="row-label-{i}"{lang}>{body}</g>'

    return _MARKED_LABEL.sub(mark, svg)


def spec_mismatch(spec: BreakdownSpec) -> str:
    total = spec.total.wording if spec.total else ""
    summed = f"{Interval(spec.sum_low, spec.sum_high).describe()} {spec.unit}".rstrip()
    return f"The groups add up to {summed}, which does not match the stated total \u201c{total}\u201d."


def _write_lines(plot: Plot, lines: list[tuple[str, dict, float]], height: float, top: float) -> None:
    """Lines of text at the left edge, one under the other from `top` inches below the top of the figure."""
    y = top
    for line, style, line_h in lines:
        y += line_h
        plot.text_at(PAD, height - (y - 0.25 * line_h), line, va="baseline", **style)


def _bar_label(q: Quantity) -> tuple[str, int]:
    """The words beside a bar and their offset (points) from its end."""
    if q.is_unquantified:
        words = "not quantified" if q.short == "not quantified" else f"{q.short}: not quantified"
        return f"{words}, no bar", AFTER_BAR
    return q.short, PAST_ARROW if q.qualifier in UPWARD else AFTER_BAR


UPWARD = (Qualifier.GT, Qualifier.GTE, Qualifier.VAGUE)


def _bar_end(q: Quantity) -> int:
    if q.is_unquantified:
        return 0
    return q.upper if q.qualifier is Qualifier.RANGE else q.value


def _draw_bar(plot: Plot, y: int, q: Quantity, size: Sizes, axes_width: float) -> None:
    """One group's bar; an unquantified figure ("a number of") gets no bar, only its wording (wrapped to fit)."""
    words, offset = _bar_label(q)
    if q.is_unquantified:
        lines = wrap(words, axes_width - offset / 72, size.value, style="italic")
        plot.text(0, y, "\n".join(lines), (offset, 0), linespacing=1.2, va="center", fontsize=size.value,
                  fontstyle="italic")
        return
    value = _bar_end(q)
    low = q.interval.low if q.qualifier in (Qualifier.RANGE, Qualifier.NEAR) else value
    if q.is_one_sided:
        plot.bar(y, value, facecolor=ONE_SIDED_COLOUR, edgecolor=EXACT_COLOUR, hatch="///", linewidth=1.2)
        plot.arrow(value, y, 18 if q.qualifier in UPWARD else -18, EXACT_COLOUR)  # right for "over", left for "up to"
    elif low < value:  # a range, or "nearly v": solid to the low end, dotted up to v
        plot.bar(y, low, facecolor=EXACT_COLOUR)
        plot.bar(y, value - low, low, facecolor=APPROX_COLOUR, edgecolor=EXACT_COLOUR, hatch="..")
    else:
        colour = APPROX_COLOUR if q.qualifier is Qualifier.APPROX else EXACT_COLOUR
        plot.bar(y, value, facecolor=colour, edgecolor=EXACT_COLOUR)
    plot.text(value, y, words, (offset, 0), va="center", fontsize=size.value)


def _sum_label(spec: BreakdownSpec) -> tuple[str, int, int]:
    """The computed sum's words, their offset (points) and the end of its bar."""
    high = spec.sum_high
    end = high if high is not None and high > spec.sum_low else spec.sum_low
    return Interval(spec.sum_low, high).describe(), PAST_ARROW if high is None else AFTER_BAR, end


def _draw_sum_and_total(plot: Plot, y: int, spec: BreakdownSpec, size: Sizes, total_lines: list[str],
                        side: str) -> None:
    """The computed sum: solid up to its lowest possible value, hatched to its highest, an arrow if unbounded."""
    total = spec.total
    low, high = spec.sum_low, spec.sum_high
    plot.bar(y, low, facecolor=SUM_COLOUR)
    if high is not None and high > low:
        plot.bar(y, high - low, low, facecolor=ONE_SIDED_COLOUR, edgecolor=SUM_COLOUR, hatch="///")
    elif high is None:
        plot.arrow(low, y, 18, SUM_COLOUR)
    words, offset, end = _sum_label(spec)
    plot.text(end, y, words, (offset, 0), va="center", fontsize=size.value, fontweight="bold")
    plot.vline(total.value, color="#b03a2e", linestyle="--", linewidth=1.4)
    right = side == "right"
    plot.text(total.value, -0.5, "\n".join(total_lines), (AFTER_BAR if right else -AFTER_BAR, 2), va="bottom",
              ha="left" if right else "right", fontsize=size.value, color="#b03a2e", linespacing=1.2)


def _x_limit(spec: BreakdownSpec, size: Sizes, axes_width: float) -> float:
    """The x-axis end: every bar's words must fit between the end of the bar and the right edge (measured)."""
    labelled = [(_bar_end(b.quantity), *_bar_label(b.quantity), "normal") for b in spec.bars]
    if spec.total is not None:
        words, offset, end = _sum_label(spec)
        labelled.append((end, words, offset, "bold"))
    values = [end for end, *_ in labelled] + ([spec.total.value] if spec.total else [])
    limit = max(max(values) * 1.05, 1)
    for end, words, offset, weight in labelled:
        room = axes_width - offset / 72 - text_width(words, size.value, weight) / SAFETY
        limit = max(limit, end * axes_width / max(room, 0.25 * axes_width))
    return limit


def _total_label(spec: BreakdownSpec, size: Sizes, axes_width: float, x_max: float) -> tuple[list[str], str]:
    """The stated total's label above its dashed line: right of it if it fits, else left, else wrapped."""
    if spec.total is None:
        return [], "right"
    text = f"Stated total: {spec.total.wording}"
    width = text_width(text, size.value) / SAFETY + AFTER_BAR / 72
    x = spec.total.value / x_max * axes_width
    if x + width <= axes_width:
        return [text], "right"
    if width <= x:
        return [text], "left"
    side = "right" if axes_width - x >= x else "left"
    room = max(axes_width - x if side == "right" else x, 0.3) - AFTER_BAR / 72
    return wrap(text, room, size.value), side
