"""Share cards (core/share_cards.py, charts/card.py) and the Open Graph and Twitter meta of every page."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

from helpers import VALID_FRONT, article, build_site, write_site
from site_gen.charts.card import draw_card, drawable
from site_gen.content.config import load_config
from site_gen.content.load import load_articles
from site_gen.core.share_cards import article_card, site_card

REPO = Path(__file__).resolve().parent.parent
META = re.compile(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">')


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, body) of every chunk of a PNG, checking the signature and each CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length:at + 12 + length])[0] == zlib.crc32(kind + body)
        chunks.append((kind, body))
        at += 12 + length
    return chunks


def png_size(data: bytes) -> tuple[int, int]:
    kind, body = png_chunks(data)[0]
    assert kind == b"IHDR"
    return struct.unpack(">II", body[:8])


def meta_of(html: str) -> dict[str, str]:
    return dict(META.findall(html))


def test_every_repo_article_card_names_claimant_status_and_wording_in_its_spec():
    config = load_config(REPO / "config.yaml")
    articles, _ = load_articles(config, False, None)
    assert articles
    for a in articles:
        claim = next((c for c in a.claims if c.total is not None), a.claims[0])
        spec = article_card(a, config).spec
        assert spec.claimant == claim.claimant.display
        assert spec.status.startswith(claim.status.label)
        assert spec.wording == claim.text and spec.figure == (claim.total.wording if claim.total else "")
        if claim.status.not_verified:
            assert "not independently verified" in spec.status


def test_a_card_is_a_1200_by_630_png_without_software_or_date_and_the_same_bytes_each_time(tmp_path):
    config = load_config(REPO / "config.yaml")
    articles, _ = load_articles(config, False, None)
    spec = article_card(articles[0], config).spec
    first, second = draw_card(spec), draw_card(spec)
    assert first == second
    assert png_size(first) == (1200, 630)
    kinds = {kind for kind, _ in png_chunks(first)}
    assert not kinds & {b"tEXt", b"iTXt", b"zTXt", b"tIME"}, kinds
    assert png_size(draw_card(site_card(config).spec)) == (1200, 630)


def test_text_the_font_cannot_draw_faithfully_is_not_drawn_as_is():
    assert drawable("over 2,000 killed") and drawable("понад 2 000")
    assert not drawable("ከ1100 በላይ")  # Ethiopic: not in the card's font
    assert not drawable("أكثر من 100")  # Arabic: would be drawn unshaped and left to right


def test_every_page_has_open_graph_and_twitter_meta_and_article_images_exist(tmp_path):
    config = write_site(tmp_path / "site", {"a.md": article(VALID_FRONT)})
    result = build_site(config, search=False, cache_dir=tmp_path / "cache")
    out = tmp_path / "site" / "build"
    pages = sorted(out.rglob("*.html"))
    assert len(pages) == result.pages
    for page in pages:
        meta = meta_of(page.read_text("utf-8"))
        for key in ("og:title", "og:description", "og:type", "og:image", "og:image:alt", "twitter:card"):
            assert meta.get(key), (page, key)
        assert meta["twitter:card"] == "summary_large_image"
        rel = page.relative_to(out).as_posix()
        assert meta["og:url"] == "https://example.org/desk/" + ("" if rel == "index.html" else rel)
        image = meta["og:image"].removeprefix("https://example.org/desk/")
        assert png_size((out / image).read_bytes()) == (1200, 630)
    html = (out / "articles" / "a.html").read_text("utf-8")
    meta = meta_of(html)
    assert meta["og:type"] == "article" and meta["og:title"] == "A valid article"
    assert meta["og:image"] == "https://example.org/desk/cards/articles/a.png"
    assert "Russian Ministry of Defence" in meta["og:image:alt"] and "Unverified claim" in meta["og:image:alt"]
    assert result.cards_drawn == 2
    again = build_site(config, search=False, cache_dir=tmp_path / "cache")
    assert (again.cards_drawn, again.cards_reused) == (0, 2), "a no-change rebuild redraws no card"


def test_without_an_absolute_base_url_there_is_no_og_url_and_the_image_link_is_relative(tmp_path):
    config = write_site(tmp_path / "site", {"a.md": article(VALID_FRONT)})
    config.write_text(config.read_text().replace("https://example.org/desk/", "/desk/"))
    build_site(config, search=False, chart_cache=False)
    meta = meta_of((tmp_path / "site" / "build" / "articles" / "a.html").read_text("utf-8"))
    assert "og:url" not in meta and meta["og:image"] == "../cards/articles/a.png"


def card_pixels(data: bytes):
    """The RGB pixels of a card's PNG, decoded by Pillow."""
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def test_a_card_has_the_pixels_matplotlib_draws_and_a_reused_figure_draws_it_as_a_fresh_one_does():
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from site_gen.charts import card

    config = load_config(REPO / "config.yaml")
    articles, _ = load_articles(config, False, None)
    first, second = (article_card(a, config).spec for a in articles[:2])
    drawn = draw_card(first)
    fig = card._reused_figure()
    canvas = fig.canvas
    try:  # the same figure, drawn by matplotlib's own Agg canvas (every glyph rendered afresh)
        FigureCanvasAgg(fig).draw()
        assert (card_pixels(drawn) == np.asarray(fig.canvas.buffer_rgba())[:, :, :3]).all()
    finally:
        fig.set_canvas(canvas)
    draw_card(second)
    draw_card(site_card(config).spec)
    assert draw_card(first) == drawn
    assert [kind for kind, _ in png_chunks(drawn)] == [b"IHDR", b"IDAT", b"IEND"]
