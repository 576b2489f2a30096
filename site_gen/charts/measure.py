"""Text measured with matplotlib's own font machinery (unhinted glyph advances, in inches), and wrapped to a width."""

from __future__ import annotations

import re
from functools import lru_cache

from site_gen.charts.mpl import fallback_fonts

#: Browsers draw the SVG's text with their own copy of the font; a line is wrapped a little short of the room
#: it has, so that rounding and hinting there never push it past the edge.
SAFETY = 0.94


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, weight: str = "normal", style: str = "normal") -> float:
    """Width in inches of one line of text at `size` points, in DejaVu Sans and the fonts it falls back to."""
    from site_gen.charts.extents import text_extent

    width, _, _ = text_extent(text, _font(size, weight, style))  # a glyph no font has: its missing-glyph box
    return width / 72


@lru_cache(maxsize=64)
def _font(size: float, weight: str, style: str):
    from matplotlib.font_manager import FontProperties

    return FontProperties(family=list(fallback_fonts()), size=size, weight=weight, style=style)


def line_height(size: float, spacing: float = 1.3) -> float:
    """Height in inches of one line of text at `size` points."""
    return size * spacing / 72


def wrap(text: str, width: float, size: float, weight: str = "normal", style: str = "normal") -> list[str]:
    """The text in lines no wider than `width` inches, broken at spaces; a word wider than a line is cut in pieces."""
    room = width * SAFETY
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in re.split(r"(?<=\s)(?=\S)", paragraph.strip()):
            candidate = line + word
            if not line or text_width(candidate.rstrip(), size, weight, style) <= room:
                line = candidate
                continue
            lines.extend(_cut(line.rstrip(), room, size, weight, style))
            line = word
        lines.extend(_cut(line.rstrip(), room, size, weight, style))
    return [line for line in lines if line] or [""]


def _cut(line: str, room: float, size: float, weight: str, style: str) -> list[str]:
    """A line that still overflows (one very long word: a URL, a hash) cut into pieces that fit."""
    pieces = []
    while line and text_width(line, size, weight, style) > room:
        low, high = 1, len(line) - 1  # the longest head that fits (at least one character)
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if text_width(line[:middle], size, weight, style) <= room else (low, middle - 1)
        end = low
        pieces.append(line[:end])
        line = line[end:]
    return pieces + ([line] if line else [])
