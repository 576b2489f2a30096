"""The one home of matplotlib: claim breakdown charts as deterministic SVG, drawn with the object API."""

from __future__ import annotations

import io
import re
import textwrap

from site_gen.charts.mpl import drawing, mpl
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


def draw_breakdown(spec: BreakdownSpec) -> bytes:
    """Horizontal bars per group, qualifier in each label, the stated total as a dashed line."""
    with drawing(RC):
        rows = list(spec.bars)
        labels = [b.label for b in rows] + (["Sum of groups (computed)"] if spec.total else [])
        langs = [_other_language(b.lang) for b in rows] + [""]
        header = wrap_lines(spec.title, 95) + wrap_lines(spec.subtitle, 105)
        footer = ([] if spec.sum_agrees else [spec_mismatch(spec)]) + wrap_lines(spec.footnote, 120)
        top, bottom = 0.25 + 0.2 * len(header), 0.45 + 0.17 * len(footer)
        height = top + bottom + 0.4 * len(labels) + 0.3
        fig = mpl().Figure(figsize=(7.5, height))
        mpl().FigureCanvasSVG(fig)
        left = min(0.45, 0.03 + 0.0105 * max(len(label) for label in labels))
        fig.subplots_adjust(left=left, right=0.9, top=1 - top / height, bottom=bottom / height)
        ax = fig.add_subplot()
        for i, bar in enumerate(rows):
            _draw_bar(ax, i, bar.quantity)
        if spec.total is not None:
            _draw_sum_and_total(ax, len(rows), spec)
        _label_rows(ax, labels, langs)
        ax.set_ylim(len(labels) - 0.5, -0.8)
        ax.set_xlim(0, _x_limit(spec))
        _write_lines(fig, header, height, from_top=True)
        _write_lines(fig, footer, height, from_top=False)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata=METADATA)
    return mark_languages(buffer.getvalue(), labels, langs).encode("utf-8")


def _other_language(tag: str) -> str:
    """A label's language when it is not the chart's own (its titles and notes are English), else ""."""
    return "" if same_language(primary(tag), CHART_LANGUAGE) else tag


def _label_rows(ax, labels: list[str], langs: list[str]) -> None:
    """Row labels as plain text and no tick machinery: axis ticks were most of the drawing time."""
    ax.xaxis.set_visible(False)
    ax.yaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    to_left = mpl().blended_transform_factory(ax.transAxes, ax.transData)
    for i, label in enumerate(labels):
        marked = langs[i] or text_is_rtl(label, "")
        ax.text(-0.015, i, label, transform=to_left, ha="right", va="center", gid=f"row-label-{i}" if marked else None)


#: A row label drawn with an id (a label with a language or right-to-left letters): its group and text element.
_MARKED_LABEL = re.compile(r'<g id="row-label-(\d+)">(\s*)<text style="([^"]*)text-anchor: end"')


def mark_languages(svg: str, labels: list[str], langs: list[str]) -> str:
    """Row labels in another language carry `xml:lang`; right-to-left ones `direction="rtl"` and
    `unicode-bidi="embed"` so the browser shapes and orders them (matplotlib writes the text as text, in logical
    order), anchored by their start, which in right-to-left text is their right end, as before."""
    def mark(m: re.Match) -> str:
        i = int(m[1])
        lang = f' xml:lang="{langs[i]}"' if langs[i] else ""
        if not text_is_rtl(labels[i], langs[i]):
            return f'<g id="row-label-{i}"{lang}>{m[2]}<text style="{m[3]}text-anchor: end"'
        return (f'<g id="row-label-{i}"{lang}>{m[2]}<text direction="rtl" unicode-bidi="embed" '
                f'style="{m[3]}text-anchor: start; direction: rtl; unicode-bidi: embed"')

    return _MARKED_LABEL.sub(mark, svg)


def wrap_lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def spec_mismatch(spec: BreakdownSpec) -> str:
    total = spec.total.wording if spec.total else ""
    summed = f"{Interval(spec.sum_low, spec.sum_high).describe()} {spec.unit}".rstrip()
    return f"The groups add up to {summed}, which does not match the stated total \u201c{total}\u201d."


def _write_lines(fig, lines: list[str], height: float, from_top: bool) -> None:
    """Title lines from the top (first bold), footnote lines from the bottom (a mismatch first, in red)."""
    for i, line in enumerate(lines):
        if from_top:
            y = 1 - (0.2 + 0.2 * i) / height
            style = {"fontsize": 11 if i == 0 else 9.5, "fontweight": "bold" if i == 0 else "normal"}
        else:
            y = (0.1 + 0.17 * (len(lines) - 1 - i)) / height
            mismatch = line.startswith("The groups add up to")
            style = {"fontsize": 8.5, "color": "#b03a2e" if mismatch else "#333333",
                     "fontweight": "bold" if mismatch else "normal"}
        fig.text(0.01, y, line, va="bottom", **style)


def _draw_bar(ax, y: int, q: Quantity) -> None:
    """One group's bar; an unquantified figure ("a number of") gets no bar, only its wording."""
    if q.is_unquantified:
        words = "not quantified" if q.short == "not quantified" else f"{q.short}: not quantified"
        ax.annotate(f"{words}, no bar", (0, y), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=9, fontstyle="italic")
        return
    value = q.upper if q.qualifier is Qualifier.RANGE else q.value
    low = q.interval.low if q.qualifier in (Qualifier.RANGE, Qualifier.NEAR) else value
    if q.is_one_sided:
        ax.barh(y, value, color=ONE_SIDED_COLOUR, edgecolor=EXACT_COLOUR, hatch="///", linewidth=1.2)
        _draw_open_end(ax, y, q, value)
    elif low < value:  # a range, or "nearly v": solid to the low end, dotted up to v
        ax.barh(y, low, color=EXACT_COLOUR)
        ax.barh(y, value - low, left=low, color=APPROX_COLOUR, edgecolor=EXACT_COLOUR, hatch="..")
    else:
        colour = APPROX_COLOUR if q.qualifier is Qualifier.APPROX else EXACT_COLOUR
        ax.barh(y, value, color=colour, edgecolor=EXACT_COLOUR)
    upward = q.qualifier in (Qualifier.GT, Qualifier.GTE, Qualifier.VAGUE)
    ax.annotate(q.short, (value, y), xytext=(22 if upward else 4, 0), textcoords="offset points",
                va="center", fontsize=9)


def _draw_open_end(ax, y: int, q: Quantity, value: int) -> None:
    """One-sided figures get an arrow: right for "over"/"at least", left for "up to"/"fewer than"."""
    upward = q.qualifier in (Qualifier.GT, Qualifier.GTE, Qualifier.VAGUE)
    ax.annotate("", xy=(value, y), xytext=(18 if upward else -18, 0), textcoords="offset points",
                arrowprops={"arrowstyle": "<-", "color": EXACT_COLOUR, "lw": 1.2})


def _draw_sum_and_total(ax, y: int, spec: BreakdownSpec) -> None:
    """The computed sum: solid up to its lowest possible value, hatched to its highest, an arrow if unbounded."""
    total = spec.total
    low, high = spec.sum_low, spec.sum_high
    ax.barh(y, low, color=SUM_COLOUR)
    end = low
    if high is not None and high > low:
        ax.barh(y, high - low, left=low, color=ONE_SIDED_COLOUR, edgecolor=SUM_COLOUR, hatch="///")
        end = high
    elif high is None:
        ax.annotate("", xy=(low, y), xytext=(18, 0), textcoords="offset points",
                    arrowprops={"arrowstyle": "<-", "color": SUM_COLOUR, "lw": 1.2})
    ax.annotate(Interval(low, high).describe(), (end, y), xytext=(22 if high is None else 4, 0),
                textcoords="offset points", va="center", fontsize=9, fontweight="bold")
    ax.axvline(total.value, color="#b03a2e", linestyle="--", linewidth=1.4)
    ax.annotate(f"Stated total: {total.wording}", (total.value, -0.55), xytext=(4, 0), textcoords="offset points",
                va="bottom", fontsize=9, color="#b03a2e", annotation_clip=False)


def _x_limit(spec: BreakdownSpec) -> float:
    values = [b.quantity.upper or b.quantity.value for b in spec.bars] + [spec.sum_high or spec.sum_low]
    if spec.total is not None:
        values.append(spec.total.upper or spec.total.value)
    return max(max(values) * 1.3, 1)
