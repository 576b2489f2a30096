"""The one place matplotlib is imported, lazily: a build that draws no chart never pays for the import."""

from __future__ import annotations

import threading
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
    from matplotlib import dates, font_manager, rc_context, rcParams
    from matplotlib.colors import to_rgba
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.ft2font import FT2Font
    from matplotlib.figure import Figure
    from matplotlib import patches
    from matplotlib.path import Path
    from matplotlib.ticker import MaxNLocator
    from matplotlib.transforms import Affine2D, blended_transform_factory

    from site_gen.charts.text import ChartText  # matplotlib's Text, laid out without per-text font lookups

    return SimpleNamespace(rc_context=rc_context, rcParams=rcParams, FigureCanvasSVG=FigureCanvasSVG, Figure=Figure,
                           dates=dates,
                           MaxNLocator=MaxNLocator, blended_transform_factory=blended_transform_factory,
                           font_manager=font_manager, FigureCanvasAgg=FigureCanvasAgg, FT2Font=FT2Font,
                           Text=ChartText, Path=Path,
                           patches=patches, Affine2D=Affine2D, to_rgba=to_rgba)


@lru_cache(maxsize=1)
def fallback_fonts() -> tuple[str, ...]:
    """DejaVu Sans, then every installed Noto family (sorted), for glyphs DejaVu Sans lacks."""
    names = {font.name for font in mpl().font_manager.fontManager.ttflist if font.name.startswith("Noto ")}
    return ("DejaVu Sans", *sorted(names))


_ONE_AT_A_TIME = threading.RLock()


@contextmanager
def drawing(rc: dict[str, Any]) -> Iterator[SimpleNamespace]:
    """matplotlib under `rc` with the font fallback list, without "Glyph missing" warnings, and with mathtext off:
    every text is drawn as typed (a claimant's "$5" or "$x$" is never parsed as math, nor an error).

    Like `rc_context`, but only the settings it changes are saved and restored, not a copy of every setting
    (which cost a millisecond per chart). One chart at a time per process: rc settings are global, and the
    charts' figures, fonts and caches are reused (`serve` builds in a thread)."""
    params = mpl().rcParams
    settings = {**rc, "font.family": list(fallback_fonts()), "text.parse_math": False}
    with _ONE_AT_A_TIME:
        saved = {key: params._get(key) for key in settings}
        try:
            params.update(settings)
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=_GLYPH_WARNING, category=UserWarning)
                yield mpl()
        finally:
            for key, value in saved.items():
                params._set(key, value)
