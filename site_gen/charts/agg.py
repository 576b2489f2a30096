"""An Agg canvas whose renderer rasterises each glyph once: the share cards' text drawn from remembered bitmaps.

Agg renders every glyph of every line with FreeType, moved to its exact position in 1/64 pixel. A glyph's bitmap
depends only on the glyph, the font and size, and that position's fraction of a pixel; the whole pixels only
move the bitmap. With hinting, a line's glyphs sit on whole pixels from its start, so the same few fractions come
back line after line and card after card. Each bitmap is made by the same FreeType call as in matplotlib and
blended by the same Agg call (a line's bitmaps merged into a few images where their inked pixels never meet:
Agg leaves a pixel of no coverage as it is, and one call costs as much as a small glyph's blending), and lines
are laid out from words shaped once as charts/extents.py measures them, so the pixels are those matplotlib
draws (tests/test_share_cards.py compares).
"""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.ft2font import RenderMode

from site_gen.charts.extents import face, font_height_metrics

#: Most bitmaps remembered (a few hundred glyphs × sizes × fractions; a bitmap is a few hundred bytes).
MAX_GLYPHS = 50_000
_glyphs: dict[tuple, tuple] = {}


class GlyphReusingRenderer(RendererAgg):
    """RendererAgg drawing plain horizontal text from remembered glyph bitmaps, laid out and measured from words
    shaped once (charts/extents.py); other text as matplotlib does."""

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath or angle or not gc.get_antialiased() or (mtext is not None and (
                mtext.get_fontfeatures() or mtext.get_language())):
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        flags = get_hinting_flag()
        size = prop.get_size_in_points()
        glyphs = face(prop, size, self.dpi, flags).layout(s)
        if glyphs is None:
            glyphs = [(item.ft_object, item.glyph_index, item.x, item.y)
                      for item in self._prepare_font(prop)._layout(s, flags=flags)]
        placed = []
        for font, index, gx, gy in glyphs:
            # as RendererAgg._draw_text_glyphs_and_boxes places a glyph at angle 0 (y upwards for FreeType)
            tx, ty = round(0x40 * (x + gx)), round(0x40 * (self.height - y + gy))
            buffer, left, top = _glyph(font, size, self.dpi, index, flags, tx & 63, ty & 63)
            if buffer.size:
                placed.append((buffer, left + (tx >> 6), int(self.height) - (top + (ty >> 6))))
        for image, column, row in _layers(placed):
            self._renderer.draw_text_image(image, column, row + image.shape[0], 0, gc)

    def get_text_width_height_descent(self, s, prop, ismath):
        found = None if ismath else face(prop, prop.get_size_in_points(), self.dpi, get_hinting_flag()).extent(s)
        if found is None:
            return super().get_text_width_height_descent(s, prop, ismath)
        return found[0] / 64, found[1] / 64, found[2] / 64

    def _get_font_height_metrics(self, prop):
        """A text's least line height, from font tables read once (matplotlib asks this of a renderer first)."""
        return font_height_metrics(prop, self.dpi)


def _glyph(font, size: float, dpi: float, index: int, flags, fx: int, fy: int):
    """(bitmap, left, top) of a glyph drawn at (fx, fy) / 64 of a pixel from the origin."""
    key = (font.fname, font.face_index, size, dpi, index, flags, fx, fy)
    found = _glyphs.get(key)
    if found is None:
        if len(_glyphs) >= MAX_GLYPHS:
            _glyphs.clear()
        font.set_size(size, dpi)
        font._set_transform([[0x10000, 0], [0, 0x10000]], [fx, fy])
        bitmap = font._render_glyph(index, flags, RenderMode.NORMAL)
        found = _glyphs[key] = (bitmap.buffer.copy(), bitmap.left, bitmap.top)
    return found


def _layers(placed: list[tuple]) -> list[tuple]:
    """Glyph bitmaps (bitmap, left column, top row) merged into as few images as blend to the same pixels, in
    the order to blend them: Agg blends a glyph's coverage pixel by pixel and leaves a pixel of coverage 0 as it
    is, so glyphs whose inked pixels never meet may be blended as one image; a glyph goes in the layer after the
    last one holding a glyph it meets (so the one drawn first in the line is still blended first)."""
    if len(placed) < 2:
        return placed
    import numpy as np

    x0 = min(column for _, column, _ in placed)
    y0 = min(row for _, _, row in placed)
    shape = (max(row + b.shape[0] for b, _, row in placed) - y0, max(column + b.shape[1] for b, column, _ in placed) - x0)
    layers: list[list] = []  # [image, the column right of its rightmost glyph]
    for buffer, column, row in placed:
        height, width = buffer.shape
        at = slice(row - y0, row - y0 + height), slice(column - x0, column - x0 + width)
        level = 0
        for i in range(len(layers) - 1, -1, -1):
            if column < layers[i][1] and np.logical_and(layers[i][0][at], buffer).any():
                level = i + 1
                break
        if level == len(layers):
            layers.append([np.zeros(shape, np.uint8), x0])
        image = layers[level][0][at]
        np.maximum(image, buffer, out=image)
        layers[level][1] = max(layers[level][1], column + width)
    return [(image, x0, y0) for image, _ in layers]


class GlyphReusingCanvas(FigureCanvasAgg):
    """FigureCanvasAgg with a GlyphReusingRenderer, kept while the figure's size and resolution stay the same."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = GlyphReusingRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer
