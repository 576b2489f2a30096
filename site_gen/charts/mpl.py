"""The one place matplotlib is imported, lazily: a build that draws no chart never pays for the import."""

from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace


@lru_cache(maxsize=1)
def mpl() -> SimpleNamespace:
    """matplotlib's object API (Agg/SVG backend), imported on first use."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import dates, font_manager, rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.ft2font import FT2Font
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator
    from matplotlib.transforms import blended_transform_factory

    return SimpleNamespace(rc_context=rc_context, FigureCanvasSVG=FigureCanvasSVG, Figure=Figure, dates=dates,
                           MaxNLocator=MaxNLocator, blended_transform_factory=blended_transform_factory,
                           FigureCanvasAgg=FigureCanvasAgg, font_manager=font_manager, FT2Font=FT2Font)
