"""Text extents exactly as matplotlib measures them, at a fraction of the cost: words measured once, then added.

matplotlib measures a line by shaping it whole (libraqm) on every call, which was half of a chart's drawing
time. Its measure is additive over words: the width is the advance of the shaped line (word advances plus the
kerning between a space and the next word), the height and descent come from the glyphs' ink, word by word.
So each word (with its trailing spaces) is shaped once per font and remembered. Lines in scripts that need
shaping across words, or with characters the main font lacks, are measured by matplotlib as before.
tests/test_chart_measure.py checks the sums against matplotlib's own measure.
"""

from __future__ import annotations

import os
import re
import unicodedata
import warnings
from functools import lru_cache

from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.ft2font import LoadFlags
from matplotlib.textpath import TextToPath

#: The size (points, at 72 dpi) matplotlib measures text at before scaling it (TextToPath.FONT_SCALE).
SCALE = TextToPath.FONT_SCALE
#: Words with their trailing spaces: the pieces a line is measured in.
_WORD = re.compile(r"[^ ]* *")
#: Most words remembered per font before the memory is emptied (a long `serve` session stays bounded).
MAX_WORDS = 200_000


class Face:
    """One font (with its fallbacks) at one size, resolution and hinting: measured and laid out words and
    space-to-character kerning, in 1/64 pixels."""

    def __init__(self, paths: tuple[str, ...], size: float, dpi: float, flags: LoadFlags):
        self.font = get_font(list(paths))
        self.size, self.dpi, self.flags = size, dpi, flags
        self.charmap = frozenset(self.font.get_charmap())
        #: Whether every printable ASCII character is in the font (then an ASCII line needs no other check).
        self.ascii = all(code in self.charmap for code in range(0x20, 0x7F))
        self.words: dict[str, tuple[int, int, int]] = {}
        #: Lines measured (a chart measures a line when it wraps its text and again when it draws it).
        self.lines: dict[str, tuple[int, int, int] | None] = {}
        self.layouts: dict[str, tuple[tuple, ...]] = {}
        self.kerning: dict[str, int] = {}

    def shaped(self, text: str) -> tuple[int, int, int]:
        """(advance, ink bottom, ink top) of `text` shaped whole by matplotlib (libraqm)."""
        self.font.set_size(self.size, self.dpi)
        self.font.set_text(text, 0.0, flags=self.flags)
        (width, height), descent = self.font.get_width_height(), self.font.get_descent()
        return width, -descent, height - descent

    def word_layout(self, word: str) -> tuple[tuple, ...]:
        """(font, glyph index, x, y) of each glyph of `word` shaped alone, x and y in pixels from its start."""
        found = self.layouts.get(word)
        if found is None:
            if len(self.layouts) >= MAX_WORDS:
                self.layouts.clear()
            self.font.set_size(self.size, self.dpi)
            found = self.layouts[word] = tuple((item.ft_object, item.glyph_index, item.x, item.y)
                                               for item in self.font._layout(word, flags=self.flags))
        return found

    def layout(self, text: str) -> list[tuple] | None:
        """(font, glyph index, x, y) of each glyph of one line, as FT2Font._layout gives them; None when the line
        is not additive here."""
        if not self.can_add(text):
            return None
        glyphs: list[tuple] = []
        x = 0
        for piece in _WORD.findall(text):
            if not piece:
                continue
            if glyphs:
                x += self.space_kerning(piece[0])
            glyphs.extend((font, index, x / 64 + gx, gy) for font, index, gx, gy in self.word_layout(piece))
            x += self.word(piece)[0]
        return glyphs

    def can_add(self, text: str) -> bool:
        return bool(text) and ((self.ascii and text.isascii() and text.isprintable()) or self.additive(text))

    def word(self, word: str) -> tuple[int, int, int]:
        found = self.words.get(word)
        if found is None:
            if len(self.words) >= MAX_WORDS:
                self.words.clear()
            found = self.words[word] = self.shaped(word)
        return found

    def additive(self, text: str) -> bool:
        """Whether the line's measure is the sum of its words': every character in the font and shaped alone."""
        return all(_simple(ch) and ord(ch) in self.charmap for ch in text) and not _mixed_scripts(text)

    def space_kerning(self, char: str) -> int:
        """What shaping adds between a space and `char` beyond their own advances."""
        found = self.kerning.get(char)
        if found is None:
            found = self.kerning[char] = self.shaped(" " + char)[0] - self.word(" ")[0] - self.word(char)[0]
        return found

    def extent(self, text: str) -> tuple[int, int, int] | None:
        """(width, height, descent) of one line, as FT2Font.set_text gives them; None when not additive here."""
        try:
            return self.lines[text]
        except KeyError:
            if len(self.lines) >= MAX_WORDS:
                self.lines.clear()
            found = self.lines[text] = self._extent(text)
            return found

    def _extent(self, text: str) -> tuple[int, int, int] | None:
        if not text:
            return 0, 0, 0
        if not self.can_add(text):
            return None
        width, bottom, top = 0, None, None
        for piece in _WORD.findall(text):
            if not piece:
                continue
            advance, low, high = self.word(piece)
            if bottom is not None:
                width += self.space_kerning(piece[0])
            width += advance
            bottom = low if bottom is None else min(bottom, low)
            top = high if top is None else max(top, high)
        return width, top - bottom, -bottom


@lru_cache(maxsize=4096)
def _simple(char: str) -> bool:
    """A character shaped alone in any line: Latin, Greek, Cyrillic, common punctuation and mathematical operators
    (the charts' "≤" and "≥"), no combining mark."""
    code = ord(char)
    if unicodedata.category(char) in ("Mn", "Me", "Mc", "Cf", "Cc", "Zl", "Zp"):
        return False
    return 0x20 <= code < 0x0530 or 0x1E00 <= code < 0x2070 or 0x20A0 <= code < 0x20C0 or 0x2100 <= code < 0x2300


def _mixed_scripts(text: str) -> bool:
    """Letters of more than one of Latin, Greek and Cyrillic in the line (shaped in separate runs)."""
    scripts = {_script(ch) for ch in text if ch.isalpha()}
    return len(scripts) > 1


def _script(char: str) -> str:
    code = ord(char)
    if 0x370 <= code < 0x400 or 0x1F00 <= code < 0x2000:
        return "greek"
    return "cyrillic" if 0x400 <= code < 0x530 else "latin"


_faces: dict[tuple, Face] = {}
# A forked worker must open its own fonts: FT2Font reads the font file lazily through a file object, and two
# processes sharing the parent's descriptor share its offset ("failed to load glyph"); matplotlib empties its
# own font cache at a fork for the same reason.
os.register_at_fork(after_in_child=_faces.clear)


def face(prop: FontProperties, size: float = SCALE, dpi: float = TextToPath.DPI,
         flags: LoadFlags = LoadFlags.NO_HINTING) -> Face:
    """The font of `prop` at `size` points and `dpi` (by default as TextToPath measures: unhinted, at SCALE)."""
    key = (tuple(prop.get_family()), prop.get_style(), prop.get_variant(), prop.get_weight(), prop.get_stretch(),
           prop.get_file(), size, dpi, flags)
    found = _faces.get(key)
    if found is None:
        found = _faces[key] = Face(tuple(fontManager._find_fonts_by_props(prop)), size, dpi, flags)
    return found


#: A font's vertical metrics (ascent, descent, line gap, units per em) by font properties: numbers, not font
#: objects, so a forked worker keeps them.
_heights: dict[tuple, tuple | None] = {}
#: The font tables Text._get_layout takes a line's least height from, in its order: (table, gap, ascent, descent).
_HEIGHT_TABLES = (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"), ("hhea", "lineGap", "ascent", "descent"))


def font_height_metrics(prop: FontProperties, dpi: float) -> tuple:
    """(ascent, descent, line gap) in pixels at `dpi` of the first font of `prop`, computed as Text._get_layout
    computes them from the font's tables (read once per font here, not once per text); (None, None, None) when
    the font has neither table (matplotlib then measures "lp")."""
    key = (tuple(prop.get_family()), prop.get_style(), prop.get_variant(), prop.get_weight(), prop.get_stretch(),
           prop.get_file(), prop.get_size_in_points())
    if key not in _heights:
        font = get_font(fontManager._find_fonts_by_props(prop))
        _heights[key] = next(((table[gap], table[ascent], table[descent], font.get_sfnt_table("head")["unitsPerEm"])
                              for name, gap, ascent, descent in _HEIGHT_TABLES
                              if (table := font.get_sfnt_table(name)) is not None), None)
    found = _heights[key]
    if found is None:
        return None, None, None
    gap, ascent, descent, units_per_em = found
    scale = 1 / units_per_em * prop.get_size_in_points() * dpi / 72  # as matplotlib computes it, to the last bit
    return ascent * scale, -descent * scale, gap * scale


def text_extent(text: str, prop: FontProperties) -> tuple[float, float, float]:
    """(width, height, descent) in points of one line of text: what matplotlib's TextToPath measures."""
    found = face(prop).extent(text)
    if found is None:
        with warnings.catch_warnings():  # a glyph no font has is measured with the missing-glyph box
            warnings.filterwarnings("ignore", message="Glyph .* missing from")
            return _MATPLOTLIB.get_text_width_height_descent(text, prop, ismath=False)
    scale = prop.get_size_in_points() / SCALE / 64
    return found[0] * scale, found[1] * scale, found[2] * scale


class MeasuredTextToPath(TextToPath):
    """matplotlib's TextToPath measuring plain text with `text_extent` (what a renderer lays text out with)."""

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        return text_extent(s, prop)


_MATPLOTLIB = TextToPath()
MEASURED = MeasuredTextToPath()
