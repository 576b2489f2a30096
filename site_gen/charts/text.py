"""Chart text laid out as matplotlib lays out a horizontal Text, without its per-text font lookups and caches.

Text._get_layout finds the font and reads its tables for every text, and measures every line through a cache
made anew for each renderer (each SVG chart has its own). The renderers here know the fonts' heights
(charts/extents.py reads them once) and measure lines from words shaped once, so a horizontal text's layout is
computed from those directly, with matplotlib's arithmetic step for step (the same numbers, so the same bytes);
anything else (rotated text, TeX, a renderer without the heights) goes to matplotlib's own layout.
"""

from __future__ import annotations

from matplotlib.text import Text
from matplotlib.transforms import Bbox


class ChartText(Text):
    """A Text whose horizontal layout skips matplotlib's font lookups (same result)."""

    def _get_layout(self, renderer):
        heights = getattr(renderer, "_get_font_height_metrics", None)
        if (heights is None or self.get_usetex() or self.get_rotation() != 0
                or self.get_rotation_mode() != "default"):
            return super()._get_layout(renderer)
        if None in heights(self._fontproperties)[:2]:
            return super()._get_layout(renderer)
        lines = self._get_wrapped_text().split("\n")
        return horizontal_layout(lines, [self._preprocess_math(line) for line in lines], self._fontproperties, self._linespacing, self._horizontalalignment,
                                 self._verticalalignment, self._get_multialignment(), renderer)


def horizontal_layout(lines: list[str], cleaned: list[tuple[str, bool]], prop, spacing, ha: str, va: str,
                      multialign: str, renderer):
    """Text._get_layout's result for horizontal text of `lines` (`cleaned`: each as (text, is math) once its math
    is taken out) in `prop` on a renderer that knows the fonts' heights: the box, each line with its metrics and offset, and
    the text box."""
    min_ascent, min_descent, line_gap = renderer._get_font_height_metrics(prop)
    if len(lines) == 1:
        line_gap = 0
    wads, ys, baseline, d = _line_metrics(prop, spacing, renderer, cleaned, min_ascent, min_descent, line_gap)
    return _aligned(lines, wads, ys, baseline, d, ha, va, multialign)


def _line_metrics(prop, spacing, renderer, lines: list[tuple[str, bool]], min_ascent: float, min_descent: float,
                  line_gap: float):
    """(width, ascent, descent) and baseline height of each line, the last baseline and the last descent, as
    Text._get_layout computes them."""
    thisy = 0.0
    wads, ys = [], []
    baseline = d = 0.0
    for clean_line, ismath in lines:
        if clean_line:
            w, h, d = renderer.get_text_width_height_descent(clean_line, prop, ismath=ismath)
        else:
            w = h = d = 0
        a = h - d
        if spacing == "normal":
            a = max(a, min_ascent) + line_gap / 2
            d = max(d, min_descent) + line_gap / 2
        else:
            leading = spacing * (min_ascent + min_descent) - (a + d)
            a += leading / 2
            d += leading / 2
        baseline = a - thisy
        thisy -= a
        wads.append((w, a, d))
        ys.append(thisy)
        thisy -= d
    return wads, ys, baseline, d


def _aligned(lines: list[str], wads: list[tuple], ys: list[float], baseline: float, descent: float, halign: str,
             valign: str, malign: str):
    """Text._get_layout's result at angle 0: the box, each line with its metrics and offset, and the text box."""
    ws = [w for w, a, d in wads]
    width = max(ws)
    ymin = ys[-1] - descent
    if malign == "center":
        offset_layout = [(0.0 + width / 2 - w / 2, y) for y, w in zip(ys, ws)]
    elif malign == "right":
        offset_layout = [(0.0 + width - w, y) for y, w in zip(ys, ws)]
    else:
        offset_layout = [(0.0, y) for y in ys]
    xmin, xmax = min(0, width), max(0, width)
    box_ymin, box_ymax = min(ymin, 0), max(ymin, 0)  # as min() and max() of the box's corners pick them
    width_rot, height_rot = xmax - xmin, box_ymax - box_ymin
    offsetx = xmin if halign == "left" else xmax if halign == "right" else (xmin + xmax) / 2
    offsety = (box_ymin if valign == "bottom" else box_ymax if valign == "top" else
               (box_ymin + box_ymax) / 2 if valign == "center" else box_ymin + descent if valign == "baseline" else
               box_ymin + height_rot - baseline / 2)
    bbox = Bbox.from_bounds(xmin - offsetx, box_ymin - offsety, width_rot, height_rot)
    xys = [(x - offsetx, y - offsety) for x, y in offset_layout]
    return bbox, list(zip(lines, wads, xys)), ((0 - offsetx, ymin - offsety), (width - 0, 0 - ymin))
