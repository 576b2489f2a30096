"""The SVG renderer the charts are written with: matplotlib's, with text measured from words shaped once and font
heights read once (charts/extents.py)."""

from __future__ import annotations

from matplotlib.backends.backend_svg import RendererSVG

from site_gen.charts.extents import MEASURED, font_height_metrics

#: The resolution an SVG figure is drawn at (FigureCanvasSVG.fixed_dpi): text heights are computed at it.
SVG_DPI = 72


class ChartRendererSVG(RendererSVG):
    """RendererSVG measuring plain text with MEASURED and giving Text its fonts' heights from a cache."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._text2path = MEASURED

    def _get_font_height_metrics(self, prop):
        """A text's least line height (matplotlib asks this of a renderer before reading the font's tables)."""
        return font_height_metrics(prop, SVG_DPI)
