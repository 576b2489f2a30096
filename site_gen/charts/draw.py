"""Draws any chart specification with the module that draws its kind (what the build's workers run)."""

from __future__ import annotations

from site_gen.charts.breakdown import draw_breakdown
from site_gen.charts.series import draw_series
from site_gen.core.chart_specs import BreakdownSpec, SeriesChartSpec

#: The module that draws each kind of spec: its source is part of every chart key (charts/cache.py).
DRAWN_BY = {BreakdownSpec: "site_gen.charts.breakdown", SeriesChartSpec: "site_gen.charts.series"}


def draw(spec: BreakdownSpec | SeriesChartSpec) -> bytes:
    """The chart as SVG bytes."""
    return draw_breakdown(spec) if isinstance(spec, BreakdownSpec) else draw_series(spec)
