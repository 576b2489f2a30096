"""The reference for charts/plot.py: the same bar chart made of matplotlib's own artists on a new Figure, saved
with `savefig(format="svg")` (matplotlib's own Text, layout, measure and SVG renderer), as sitegen drew it before
it issued the renderer calls itself."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Affine2D

from site_gen.charts.plot import ARROW_WIDTH, BAR_HEIGHT, POINTS, SPINE, Plot, arrow_path


@dataclass
class ArtistPlot(Plot):
    """charts/plot.Plot's geometry and interface, its marks made as artists on a new Figure."""

    def __post_init__(self):
        self.fig = Figure(figsize=(self.fig_width, self.fig_height))

    def add(self, artist):
        artist.set_transform(self.fig.dpi_scale_trans)
        self.fig.add_artist(artist)

    def bar(self, row: int, length: float, start: float = 0, **style) -> None:
        x0, x1 = self.x(start), self.x(start + length)
        self.add(Rectangle((x0, self.y(row) - BAR_HEIGHT / 2 * self.row), x1 - x0, BAR_HEIGHT * self.row, **style))

    def text(self, value: float, row: float, words: str, offset: tuple[float, float] = (0, 0), **style) -> None:
        self.add(Text(self.x(value) + offset[0] / POINTS, self.y(row) + offset[1] / POINTS, words, **style))

    def text_at(self, x: float, y: float, words: str, **style) -> None:
        self.add(Text(x, y, words, **style))

    def arrow(self, value: float, row: int, offset: float, colour: str) -> None:
        at = Affine2D().scale(1 / POINTS).translate(self.x(value), self.y(row))
        arrow = PathPatch(arrow_path(offset), fill=False, edgecolor=colour, linewidth=ARROW_WIDTH, capstyle="round",
                          joinstyle="round", zorder=3)
        arrow.set_transform(at + self.fig.dpi_scale_trans)
        self.fig.add_artist(arrow)

    def vline(self, value: float, **style) -> None:
        self.add(Line2D([self.x(value)] * 2, [self.bottom, self.top], **style))

    def left_edge(self) -> None:
        self.add(Line2D([self.left] * 2, [self.bottom, self.top], **SPINE))

    def svg(self, metadata: dict[str, Any]) -> str:
        buffer = io.StringIO()
        self.fig.savefig(buffer, format="svg", metadata=metadata)
        return buffer.getvalue()
