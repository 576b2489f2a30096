"""A bar chart's drawing surface without an Axes: one reused figure per chart shape, artists placed in inches.

An Axes builds ticks, spines, a background patch and clip paths for every chart, and most of them were hidden:
that was a third of a chart's drawing time. Here bars, lines and texts go straight onto the figure at positions
computed from the data (x scaled to the plot's width, one row per bar), with the same styles they had in an
Axes; the one visible axis element, the left edge, is a line. The figure of each shape is made once per
process and emptied before each chart: everything a chart shows is set from its spec, so a figure that drew
another chart before draws the same bytes as a new one (tests/test_chart_measure.py checks it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from site_gen.charts.mpl import mpl

#: Offsets (points) are converted to inches at this many points per inch.
POINTS = 72
#: A bar's thickness as a share of its row (matplotlib's barh default).
BAR_HEIGHT = 0.8
#: The style an Axes gave its left spine.
SPINE = {"color": "black", "linewidth": 0.8, "solid_capstyle": "projecting", "zorder": 2.5}
#: An open end's arrow: line width, and the gaps (points) an annotation leaves at both ends.
ARROW_WIDTH, ARROW_SHRINK = 1.2, 2
#: An annotation's arrow head is scaled by its text's size (the 10-point default).
ARROW_SCALE = 10

#: Figures by shape (narrow or not); drawing holds mpl.drawing's lock, so no two threads share one at once.
_figures: dict[bool, Any] = {}


@lru_cache(maxsize=8)
def arrow_path(offset: float):
    """The path (points, from the data point) of an "<-" arrow from `offset` points away back to the point, as
    FancyArrowPatch draws it at 72 dpi: matplotlib's own connection and arrow styles, computed once."""
    patches = mpl().patches
    shaft = patches.ConnectionStyle("arc3")((offset, 0.0), (0.0, 0.0), shrinkA=ARROW_SHRINK, shrinkB=ARROW_SHRINK)
    paths, _ = patches.ArrowStyle("<-")(shaft, ARROW_SCALE, ARROW_WIDTH)
    return mpl().Path.make_compound_path(*paths)


def chart_figure(narrow: bool, width: float, height: float):
    """The process's figure for charts of this shape, emptied and sized `width` × `height` inches."""
    fig = _figures.get(narrow)
    if fig is None:
        fig = _figures[narrow] = mpl().Figure(figsize=(width, height))
    fig.artists.clear()
    fig.set_size_inches(width, height, forward=False)
    return fig


@dataclass
class Plot:
    """A figure with a plot area `left`…`left + width` inches across, `rows` rows of `row` inches from `bottom`;
    x runs from 0 at the left edge to `x_max` at the right one, row 0 is the top row."""

    fig: Any
    left: float
    bottom: float
    width: float
    row: float
    rows: int
    x_max: float

    def x(self, value: float) -> float:
        return self.left + value / self.x_max * self.width

    def y(self, row: float) -> float:
        """The middle of row `row` (-0.5 is the plot's top edge), in inches from the bottom."""
        return self.bottom + (self.rows - 0.5 - row) * self.row

    @property
    def top(self) -> float:
        return self.bottom + self.rows * self.row

    def add(self, artist):
        artist.set_transform(self.fig.dpi_scale_trans)
        self.fig.add_artist(artist)
        return artist

    def bar(self, row: int, length: float, start: float = 0, **style) -> None:
        """A bar from `start` to `start + length` in row `row` (matplotlib's barh, without the Axes)."""
        x0, x1 = self.x(start), self.x(start + length)
        self.add(mpl().Rectangle((x0, self.y(row) - BAR_HEIGHT / 2 * self.row), x1 - x0, BAR_HEIGHT * self.row,
                                 **style))

    def text(self, value: float, row: float, words: str, offset: tuple[float, float] = (0, 0), **style) -> None:
        """Text at data point (value, row), moved by `offset` points (an annotation's "offset points")."""
        self.add(mpl().Text(self.x(value) + offset[0] / POINTS, self.y(row) + offset[1] / POINTS, words, **style))

    def text_at(self, x: float, y: float, words: str, **style) -> None:
        """Text at (x, y) inches from the figure's bottom left."""
        self.add(mpl().Text(x, y, words, **style))

    def arrow(self, value: float, row: int, offset: float, colour: str) -> None:
        """An open end: an arrow from `offset` points beyond the data point, back to it (an "<-" annotation),
        its shape made once per offset."""
        at = mpl().Affine2D().scale(1 / POINTS).translate(self.x(value), self.y(row))
        arrow = mpl().PathPatch(arrow_path(offset), fill=False, edgecolor=colour, linewidth=ARROW_WIDTH,
                                capstyle="round", joinstyle="round", zorder=3)
        arrow.set_transform(at + self.fig.dpi_scale_trans)
        self.fig.add_artist(arrow)

    def vline(self, value: float, **style) -> None:
        """A line across the plot's height at x = value (axvline)."""
        self.add(mpl().Line2D([self.x(value)] * 2, [self.bottom, self.top], **style))

    def left_edge(self) -> None:
        """The plot's left edge, the one spine the chart shows."""
        self.add(mpl().Line2D([self.left] * 2, [self.bottom, self.top], **SPINE))
