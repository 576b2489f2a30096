"""A bar chart drawn straight onto matplotlib's SVG renderer: bars, lines and texts placed in inches, no artists.

matplotlib's artists (Rectangle, Line2D, Text) were most of a chart's drawing time: each is built with every
default read from the rc settings, then drawn through the figure's machinery, for a chart whose every mark is
known in advance. Here a chart is a list of marks, each a few numbers and a style, and drawing it makes the
calls on matplotlib's SVG renderer that the artists make: a figure group, the figure's background, then each
mark in the figure's order (by z-order, then as added) with the same graphics-context settings, paths and text
layout. So the SVG is matplotlib's, byte for byte (tests/test_chart_plot.py draws the same charts with artists).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from site_gen.charts.mpl import fallback_fonts, mpl

#: Offsets (points) are converted to inches at this many points per inch; the SVG is drawn at 72 dpi too.
POINTS = 72
#: A bar's thickness as a share of its row (matplotlib's barh default).
BAR_HEIGHT = 0.8
#: The style an Axes gave its left spine.
SPINE = {"color": "black", "linewidth": 0.8, "solid_capstyle": "projecting", "zorder": 2.5}
#: An open end's arrow: line width, and the gaps (points) an annotation leaves at both ends.
ARROW_WIDTH, ARROW_SHRINK = 1.2, 2
#: An annotation's arrow head is scaled by its text's size (the 10-point default).
ARROW_SCALE = 10
#: The z-orders matplotlib gives patches, lines and texts.
PATCH_Z, LINE_Z, TEXT_Z = 1, 2, 3


@lru_cache(maxsize=8)
def arrow_path(offset: float):
    """The path (points, from the data point) of an "<-" arrow from `offset` points away back to the point, as
    FancyArrowPatch draws it at 72 dpi: matplotlib's own connection and arrow styles, computed once."""
    patches = mpl().patches
    shaft = patches.ConnectionStyle("arc3")((offset, 0.0), (0.0, 0.0), shrinkA=ARROW_SHRINK, shrinkB=ARROW_SHRINK)
    paths, _ = patches.ArrowStyle("<-")(shaft, ARROW_SCALE, ARROW_WIDTH)
    return mpl().Path.make_compound_path(*paths)


@lru_cache(maxsize=1)
def _unit_square():
    """The path of every rectangle (matplotlib's Rectangle.get_path)."""
    return mpl().Path.unit_rectangle()


@lru_cache(maxsize=1)
def _inches():
    """Inches to SVG points (the figure's dpi_scale_trans at 72 dpi)."""
    return mpl().Affine2D().scale(POINTS)


@lru_cache(maxsize=64)
def _rgba(colour: str | None) -> tuple[float, float, float, float]:
    return (0.0, 0.0, 0.0, 0.0) if colour is None else mpl().to_rgba(colour)


@lru_cache(maxsize=64)
def font(size: float, weight: str = "normal", style: str = "normal"):
    """The font properties a Text of this size, weight and style gets under `drawing` (the fallback fonts)."""
    return mpl().font_manager.FontProperties(family=list(fallback_fonts()), size=size, weight=weight, style=style)


@dataclass(frozen=True)
class Shape:
    """A patch (group "patch") or line (group "line2d"): a path under an affine transform to inches, and how
    its artist would set the graphics context."""

    zorder: float
    group: str
    path: Any
    transform: Any
    face: tuple | None
    edge: tuple
    linewidth: float
    capstyle: str
    joinstyle: str
    dashes: tuple = (0.0, None)
    hatch: str | None = None


@dataclass(frozen=True)
class Words:
    """A Text: `text` at (x, y) inches, its font, colour, alignment, line spacing and group id."""

    x: float
    y: float
    text: str
    font: Any
    colour: tuple
    ha: str = "left"
    va: str = "baseline"
    linespacing: Any = "normal"
    gid: str | None = None
    zorder: float = TEXT_Z


@dataclass
class Plot:
    """A `fig_width` × `fig_height` inch chart with a plot area `left`…`left + width` inches across, `rows` rows
    of `row` inches from `bottom`; x runs from 0 at the left edge to `x_max` at the right one, row 0 is the top
    row. Marks are added, then `svg` draws them."""

    fig_width: float
    fig_height: float
    left: float
    bottom: float
    width: float
    row: float
    rows: int
    x_max: float
    marks: list = field(default_factory=list)

    def x(self, value: float) -> float:
        return self.left + value / self.x_max * self.width

    def y(self, row: float) -> float:
        """The middle of row `row` (-0.5 is the plot's top edge), in inches from the bottom."""
        return self.bottom + (self.rows - 0.5 - row) * self.row

    @property
    def top(self) -> float:
        return self.bottom + self.rows * self.row

    def bar(self, row: int, length: float, start: float = 0, *, facecolor: str, edgecolor: str | None = None,
            hatch: str | None = None, linewidth: float = 1.0) -> None:
        """A bar from `start` to `start + length` in row `row` (matplotlib's barh, without the Axes)."""
        x0, x1 = self.x(start), self.x(start + length)
        y0 = self.y(row) - BAR_HEIGHT / 2 * self.row
        width, height = x1 - x0, BAR_HEIGHT * self.row
        # Rectangle's transform: its bbox's extents (x0 + width, as Rectangle adds them), then inches to points
        matrix = ((x0 + width - x0) * POINTS, 0.0, 0.0, (y0 + height - y0) * POINTS, x0 * POINTS, y0 * POINTS)
        edge = _rgba(edgecolor)
        self.marks.append(Shape(PATCH_Z, "patch", _unit_square(), mpl().Affine2D.from_values(*matrix),
                                _rgba(facecolor), edge, linewidth if edge[3] else 0, "butt", "miter", hatch=hatch))

    def text(self, value: float, row: float, words: str, offset: tuple[float, float] = (0, 0), **style) -> None:
        """Text at data point (value, row), moved by `offset` points (an annotation's "offset points")."""
        self.text_at(self.x(value) + offset[0] / POINTS, self.y(row) + offset[1] / POINTS, words, **style)

    def text_at(self, x: float, y: float, words: str, *, fontsize: float, fontweight: str = "normal",
                fontstyle: str = "normal", color: str = "black", ha: str = "left", va: str = "baseline",
                linespacing: Any = "normal", gid: str | None = None) -> None:
        """Text at (x, y) inches from the figure's bottom left."""
        self.marks.append(Words(x, y, words, font(fontsize, fontweight, fontstyle), _rgba(color), ha, va,
                                linespacing, gid))

    def arrow(self, value: float, row: int, offset: float, colour: str) -> None:
        """An open end: an arrow from `offset` points beyond the data point, back to it (an "<-" annotation),
        its shape made once per offset."""
        at = mpl().Affine2D().scale(1 / POINTS).translate(self.x(value), self.y(row))
        self.marks.append(Shape(TEXT_Z, "patch", arrow_path(offset), at + _inches(), None, _rgba(colour),
                                ARROW_WIDTH, "round", "round"))

    def vline(self, value: float, *, color: str, linewidth: float, linestyle: str = "-") -> None:
        """A dashed or solid line across the plot's height at x = value (axvline)."""
        pattern = mpl().rcParams["lines.dashed_pattern"]
        dashes = (0.0, [step * linewidth for step in pattern]) if linestyle == "--" else (0.0, None)
        self._line(self.x(value), color, linewidth, "butt" if linestyle == "--" else "projecting", dashes, LINE_Z)

    def left_edge(self) -> None:
        """The plot's left edge, the one spine the chart shows."""
        self._line(self.left, SPINE["color"], SPINE["linewidth"], SPINE["solid_capstyle"], (0.0, None),
                   SPINE["zorder"])

    def _line(self, x: float, colour: str, linewidth: float, capstyle: str, dashes: tuple, zorder: float) -> None:
        path = mpl().Path([[x, self.bottom], [x, self.top]])
        self.marks.append(Shape(zorder, "line2d", path, _inches(), None, _rgba(colour), linewidth, capstyle, "round",
                                dashes))

    def svg(self, metadata: dict[str, Any]) -> str:
        """The chart as matplotlib's SVG renderer writes the figure these marks' artists make."""
        from site_gen.charts.svg_renderer import ChartRendererSVG

        buffer = io.StringIO()
        renderer = ChartRendererSVG(self.fig_width * POINTS, self.fig_height * POINTS, buffer, image_dpi=100,
                                    metadata=metadata)
        renderer.open_group("figure", gid=None)
        _draw_shape(renderer, self._background())
        for mark in sorted(self.marks, key=lambda mark: mark.zorder):
            if isinstance(mark, Words):
                _draw_words(renderer, mark)
            else:
                _draw_shape(renderer, mark)
        renderer.close_group("figure")
        renderer.finalize()
        return buffer.getvalue()

    def _background(self) -> Shape:
        """The figure's white background (Figure.patch)."""
        matrix = (self.fig_width * POINTS, 0.0, 0.0, self.fig_height * POINTS, 0.0, 0.0)
        white = _rgba("white")
        return Shape(PATCH_Z, "patch", _unit_square(), mpl().Affine2D.from_values(*matrix), white, white, 0.0, "butt",
                     "miter")


def _draw_shape(renderer, shape: Shape) -> None:
    """The calls Patch.draw and Line2D.draw make for a plain patch or line."""
    renderer.open_group(shape.group, None)
    gc = renderer.new_gc()
    gc.set_linewidth(shape.linewidth)
    gc.set_capstyle(shape.capstyle)
    gc.set_joinstyle(shape.joinstyle)
    if shape.hatch:
        gc.set_hatch(shape.hatch)
        gc.set_hatch_color(shape.edge)
        gc.set_hatch_linewidth(mpl().rcParams["hatch.linewidth"])
    gc.set_foreground(shape.edge, isRGBA=True)
    gc.set_dashes(*(shape.dashes if shape.linewidth > 0 else (0, None)))
    face = shape.face if shape.face is not None and shape.face[3] else None
    if shape.group == "line2d":
        renderer.draw_path(gc, shape.path, shape.transform)
    else:
        renderer.draw_path(gc, shape.path, shape.transform, face)
    gc.restore()
    renderer.close_group(shape.group)


def _draw_words(renderer, words: Words) -> None:
    """The calls Text.draw makes for horizontal text: one `draw_text` per line, anchored when it is one line."""
    from site_gen.charts.svg_renderer import Anchor
    from site_gen.charts.text import horizontal_layout

    if not words.text:
        return
    renderer.open_group("text", words.gid)
    lines = words.text.split("\n")
    _, info, _ = horizontal_layout(lines, [(line, False) for line in lines], words.font, words.linespacing,
                                   words.ha, words.va, words.ha, renderer)
    posx, posy = words.x * POINTS, words.y * POINTS
    gc = renderer.new_gc()
    gc.set_foreground(words.colour, isRGBA=True)
    anchor = Anchor(posx, posy, words.ha) if len(info) == 1 else None
    for line, _, (x, y) in info:
        renderer.draw_text(gc, x + posx, renderer.height - (y + posy), line, words.font, 0.0, ismath=False,
                           mtext=anchor)
    gc.restore()
    renderer.close_group("text")
