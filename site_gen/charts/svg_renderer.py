"""The SVG renderer the breakdown charts are written with: matplotlib's, with its per-text costs made once.

Text is measured from words shaped once and fonts' heights are read once per font (charts/extents.py); each
font's style declarations and each hatch pattern's path data are made once per process. The bytes are those
matplotlib's RendererSVG writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib import font_manager
from matplotlib.backends.backend_svg import RendererSVG, _generate_css, _generate_transform, _short_float_fmt
from matplotlib.colors import rgb2hex

from site_gen.charts.extents import MEASURED, font_height_metrics

#: The resolution an SVG figure is drawn at (FigureCanvasSVG.fixed_dpi): text heights are computed at it.
SVG_DPI = 72
#: A text's anchor, as matplotlib writes it for each horizontal alignment.
_ANCHOR = {"left": "start", "right": "end", "center": "middle"}
#: A font's CSS declarations by its properties (a handful of fonts and sizes per site).
_font_css: dict[tuple, dict[str, str]] = {}
#: A hatch pattern's path data by its path (matplotlib makes each hatch's path once) and transform.
_hatch_paths: dict[tuple, str] = {}
#: Most hatch paths remembered (the charts use two hatches).
MAX_HATCHES = 64


@dataclass(frozen=True)
class Anchor:
    """What the renderer reads of a one-line text to anchor it (Text's position in points, and its alignment)."""

    x: float
    y: float
    ha: str


class ChartRendererSVG(RendererSVG):
    """RendererSVG measuring plain text with MEASURED, giving Text its fonts' heights from a cache, and writing
    a one-line horizontal text (drawn with its Anchor) as matplotlib does, the font's part of its style
    remembered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._text2path = MEASURED

    def _get_font_height_metrics(self, prop):
        """A text's least line height (matplotlib asks this of a renderer before reading the font's tables)."""
        return font_height_metrics(prop, SVG_DPI)

    def _write_hatches(self):
        """The hatch patterns, each pattern's path data converted once per process, not once per chart."""
        self._writing_hatches = True
        try:
            super()._write_hatches()
        finally:
            self._writing_hatches = False

    def _convert_path(self, path, transform=None, clip=None, simplify=None, sketch=None):
        if not getattr(self, "_writing_hatches", False):
            return super()._convert_path(path, transform, clip, simplify, sketch)
        key = (path, transform.get_matrix().tobytes(), clip, simplify, sketch)
        found = _hatch_paths.get(key)
        if found is None:
            if len(_hatch_paths) >= MAX_HATCHES:
                _hatch_paths.clear()
            found = _hatch_paths[key] = super()._convert_path(path, transform, clip, simplify, sketch)
        return found

    def _draw_text_as_text(self, gc, x, y, s, prop, angle, ismath, mtext=None):
        font_style = None if ismath or not isinstance(mtext, Anchor) or angle != 0 else _font_style(prop)
        if font_style is None:
            return super()._draw_text_as_text(gc, x, y, s, prop, angle, ismath, mtext)
        rgb = gc.get_rgb()
        color_style = {}
        color = rgb2hex(rgb)
        if color != "#000000":
            color_style["fill"] = color
        alpha = gc.get_alpha() if gc.get_forced_alpha() else rgb[3]
        if alpha != 1:
            color_style["opacity"] = _short_float_fmt(alpha)
        # RendererSVG._draw_text_as_text's anchored text at angle 0, step for step (the same numbers)
        ax, ay = mtext.x, self.height - mtext.y
        v_offset = 0.0 * (x - ax) + 1.0 * (y - ay)
        ax = ax + v_offset * 0.0
        ay = ay + v_offset * 1.0
        style = {**font_style, "text-anchor": _ANCHOR[mtext.ha]}
        attrib = {"style": _generate_css({**style, **color_style}), "x": _short_float_fmt(ax),
                  "y": _short_float_fmt(ay), "transform": _generate_transform([("rotate", (-angle, ax, ay))])}
        self.writer.element("text", s, attrib=attrib)


def _font_style(prop) -> dict[str, str] | None:
    """The font declarations matplotlib writes for `prop`, made once per font; None for a generic family name
    (its expansion follows rc settings)."""
    family = tuple(prop.get_family())
    key = (family, prop.get_style(), prop.get_variant(), prop.get_weight(), prop.get_size(), prop.get_stretch())
    found = _font_css.get(key)
    if found is None:
        if any(name in font_manager.font_family_aliases or name in ("sans", "sans serif") for name in family):
            return None
        found = {}
        if prop.get_style() != "normal":
            found["font-style"] = prop.get_style()
        if prop.get_variant() != "normal":
            found["font-variant"] = prop.get_variant()
        weight = font_manager.weight_dict.get(prop.get_weight(), prop.get_weight())
        if weight != 400:
            found["font-weight"] = f"{weight}"
        found["font-size"] = f"{_short_float_fmt(prop.get_size())}px"
        found["font-family"] = ", ".join(dict.fromkeys(repr(name) for name in family))
        if prop.get_stretch() != "normal":
            found["font-stretch"] = prop.get_stretch()
        _font_css[key] = found
    return found
