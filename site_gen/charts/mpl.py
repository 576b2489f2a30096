"""The one place matplotlib is imported, lazily: a build that draws no chart never pays for the import."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

#: A glyph none of the fonts has: SVG text stays text (svg.fonttype none), so the reader's own fonts draw
#: it; matplotlib's warning about its metrics would only be noise on stderr.
_GLYPH_WARNING = r"Glyph .* missing from font"


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
                           font_manager=font_manager, FigureCanvasAgg=FigureCanvasAgg, FT2Font=FT2Font)


def svg_text(fig, metadata: dict[str, Any]) -> str:
    """The figure as SVG text, as `savefig(format="svg")` writes it, its text laid out with words measured once
    (charts/extents.py) instead of every line shaped again."""
    import io

    from matplotlib.backends.backend_mixed import MixedModeRenderer
    from matplotlib.backends.backend_svg import RendererSVG

    from site_gen.charts.extents import MEASURED

    buffer = io.StringIO()
    dpi = fig.dpi
    fig.dpi = 72
    try:
        width, height = fig.get_size_inches()
        svg = RendererSVG(width * 72, height * 72, buffer, image_dpi=dpi, metadata=metadata)
        svg._text2path = MEASURED
        renderer = MixedModeRenderer(fig, width, height, dpi, svg)
        fig.draw(renderer)
        renderer.finalize()
    finally:
        fig.dpi = dpi
    return buffer.getvalue()


@lru_cache(maxsize=1)
def fallback_fonts() -> tuple[str, ...]:
    """DejaVu Sans, then every installed Noto family (sorted), for glyphs DejaVu Sans lacks."""
    names = {font.name for font in mpl().font_manager.fontManager.ttflist if font.name.startswith("Noto ")}
    return ("DejaVu Sans", *sorted(names))


@contextmanager
def drawing(rc: dict[str, Any]) -> Iterator[SimpleNamespace]:
    """matplotlib under `rc` with the font fallback list, without "Glyph missing" warnings, and with mathtext off:
    every text is drawn as typed (a claimant's "$5" or "$x$" is never parsed as math, nor an error)."""
    with mpl().rc_context({**rc, "font.family": list(fallback_fonts()), "text.parse_math": False}), \
            warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_GLYPH_WARNING, category=UserWarning)
        yield mpl()
