"""Draws any chart specification with the module that draws its kind (what the build's workers run)."""

from __future__ import annotations

from site_gen.charts.breakdown import draw_breakdown
from site_gen.charts.card import draw_card
from site_gen.charts.comparison import draw_comparison
from site_gen.charts.series import draw_series
from site_gen.core.chart_specs import BreakdownSpec, SeriesChartSpec, ShareCardSpec
from site_gen.core.event_charts import ComparisonSpec

#: The module that draws each kind of spec: its source is part of every chart key (charts/cache.py).
DRAWN_BY = {BreakdownSpec: "site_gen.charts.breakdown", SeriesChartSpec: "site_gen.charts.series",
            ShareCardSpec: "site_gen.charts.card", ComparisonSpec: "site_gen.charts.comparison"}


def draw(spec: BreakdownSpec | SeriesChartSpec | ShareCardSpec | ComparisonSpec) -> bytes:
    """The chart as SVG bytes (a share card as PNG bytes)."""
    if isinstance(spec, ShareCardSpec):
        return draw_card(spec)
    if isinstance(spec, ComparisonSpec):
        return draw_comparison(spec)
    return draw_breakdown(spec) if isinstance(spec, BreakdownSpec) else draw_series(spec)
