"""Open Graph share cards: a 1200×630 PNG per article (and one for the site) whose text carries the claimant and
the status in words beside the figure, so that a preview or a crop never shows a figure unattributed.

Deterministic: Agg draws the same pixels for the same spec on the one reused figure, and the PNG carries no Software,
date or resolution chunk.
"""

from __future__ import annotations

import struct
import textwrap
import unicodedata
import zlib
from functools import lru_cache

from site_gen.charts.mpl import drawing, fallback_fonts, mpl
from site_gen.core.chart_specs import ShareCardSpec
from site_gen.core.share_cards import CARD_HEIGHT, CARD_WIDTH

DPI = 100
RC = {"text.usetex": False}
INK, MUTED, STATUS_BG, RULE = "#1a1a1a", "#555555", "#1f2933", "#3b5b7a"
#: Left margin, and the widest line in characters at each font size (DejaVu Sans is about 0.6 em per char).
MARGIN = 0.045
#: zlib level of the PNG (6 took twice as long for a fifth fewer bytes).
PNG_LEVEL = 3
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def draw_card(spec: ShareCardSpec) -> bytes:
    """The card as PNG bytes, 1200×630."""
    with drawing(RC):  # DejaVu Sans, then any Noto family; a glyph none has is a box, not a warning
        fig = _card_figure()
        fig.add_artist(_band(fig))
        top = _block(fig, [spec.site_title], 36, 17, MUTED)
        if spec.claimant:
            _claim_blocks(fig, spec, top + 14)
        else:
            top = _block(fig, _wrap(spec.heading, 44, 4), top + 40, 32, INK, bold=True)
            _block(fig, _wrap(spec.more, 60, 3), top + 24, 22, MUTED)
        return png(fig)


def png(fig) -> bytes:
    """The figure drawn by Agg, as an 8-bit RGBA PNG with no ancillary chunk (no date, software or resolution):
    rows unfiltered, compressed at zlib level 3. Agg's buffer rows are copied whole behind each row's filter byte
    into a buffer the process keeps (a fresh one costs its page faults on every card); leaving the opaque alpha in
    costs zlib less than packing the pixels to RGB would (the card is mostly flat colour, which compresses well
    without filters)."""
    import numpy as np

    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    height, width = rgba.shape[:2]
    rows = _rows(height, width)
    rows[:, 1:] = rgba.reshape(height, -1)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8 bits, truecolour with alpha, no interlace
    return (PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, PNG_LEVEL))
            + _chunk(b"IEND", b""))


@lru_cache(maxsize=1)
def _rows(height: int, width: int):
    """The process's PNG rows for a `width` × `height` RGBA image: each a filter byte 0 (none), then its pixels."""
    import numpy as np

    return np.zeros((height, 1 + 4 * width), np.uint8)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@lru_cache(maxsize=1)
def _reused_figure():
    from site_gen.charts.agg import GlyphReusingCanvas

    fig = mpl().Figure(figsize=(CARD_WIDTH / DPI, CARD_HEIGHT / DPI), dpi=DPI, facecolor="#ffffff")
    GlyphReusingCanvas(fig)
    return fig


def _card_figure():
    """The process's one card figure (and its Agg renderer, kept while the size is the same), emptied."""
    fig = _reused_figure()
    fig.artists.clear()
    fig.texts.clear()
    return fig


def _claim_blocks(fig, spec: ShareCardSpec, top: float) -> None:
    """Claimant, figure, wording from the top; status and the article's title from the bottom."""
    top = _block(fig, _wrap(f"Claimed by {spec.claimant}", 52, 2), top, 26, INK, bold=True)
    figure, wording, note = spec.figure, spec.wording, ""
    if not (drawable(spec.figure) and drawable(spec.wording)):
        figure, wording = spec.figure_read, spec.wording_read
        note = "Read as; the claimant's original wording is on the page."
    if figure:
        top = _block(fig, _wrap(figure, 22, 1), top + 6, 52, RULE, bold=True)
    quoted = _wrap(f"\u201c{wording}\u201d", 68, 3) if wording else []
    top = _block(fig, quoted + ([note] if note else []), top + 6, 21, INK)
    status = _wrap(f"Status: {spec.status}", 56, 2)
    bottom = CARD_HEIGHT - 30 - 24 * 1.45 * (DPI / 72) * len(status)
    heading = _wrap(spec.heading + (f" \u00b7 {spec.more}" if spec.more else ""), 95, 2)
    _block(fig, status, bottom - 30 - 15 * 1.45 * (DPI / 72) * len(heading) - 22, 24, "#ffffff", bold=True,
           box=STATUS_BG)
    _block(fig, heading, CARD_HEIGHT - 24 - 15 * 1.45 * (DPI / 72) * len(heading), 15, MUTED)


def _band(fig):
    """A rule down the left edge, the card's one ornament."""
    from matplotlib.patches import Rectangle

    return Rectangle((0, 0), 0.012, 1, transform=fig.transFigure, color=RULE)


def _block(fig, lines: list[str], top_px: float, size: float, colour: str, bold: bool = False,
           box: str | None = None) -> float:
    """Draw `lines` from `top_px` (pixels from the top) down; return the pixel row under the last line."""
    step = size * 1.45 * DPI / 72
    for i, line in enumerate(lines):
        y = 1 - (top_px + step * (i + 1)) / CARD_HEIGHT
        style = {"bbox": {"facecolor": box, "edgecolor": box, "pad": 6}} if box else {}
        fig.add_artist(mpl().Text(MARGIN, y, line, transform=fig.transFigure, fontsize=size, color=colour,
                                  fontweight="bold" if bold else "normal", va="baseline", **style))
    return top_px + step * len(lines)


def _wrap(text: str, width: int, most: int) -> list[str]:
    """At most `most` lines of `width` characters; a cut text ends in an ellipsis (the page has it whole)."""
    lines = textwrap.wrap(text, width) or []
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: width - 1].rstrip() + "\u2026"
    return lines


def drawable(text: str) -> bool:
    """Whether the card's fonts have every character of `text` and the text reads left to right (Agg neither
    shapes nor reorders right-to-left scripts, which would misquote the claimant)."""
    chars = _font_chars()
    return all((ord(ch) in chars or ch.isspace()) and unicodedata.bidirectional(ch) not in ("R", "AL", "RLE", "RLO")
               for ch in text)


@lru_cache(maxsize=1)
def _font_chars() -> frozenset[int]:
    """Every character the card's fonts (DejaVu Sans and the installed Noto families) can draw."""
    chars: set[int] = set()
    for family in fallback_fonts():
        path = mpl().font_manager.findfont(family, fallback_to_default=False)
        chars.update(mpl().FT2Font(path).get_charmap())
    return frozenset(chars)
