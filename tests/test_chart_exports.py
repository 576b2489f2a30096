"""Chart downloads and embeds: each breakdown chart's CSV (render/exports.py chart_csv), its embed page and the
<iframe> snippet beside it."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

from helpers import CONFIG, VALID_FRONT, article, build_site, write_site
from site_gen.pipeline.build import BuildOptions, build

REPO = Path(__file__).resolve().parent.parent
CARD_ID = re.compile(r'^[^"]*" id="claim-([^"]+)"')
ROW = re.compile(r'<tr><th scope="row"[^>]*>(.*?)</th><td class="num"[^>]*><span class="figure[^"]*"[^>]*>(.*?)</span>')


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def page_tables(page: str) -> dict[str, list[tuple[str, str]]]:
    """Claim id -> (group, wording) rows of its breakdown table, then ("Stated total", wording), as the page shows."""
    tables = {}
    for card in page.split('<article class="claim-card')[1:]:
        claim_id = CARD_ID.match(card).group(1)
        if 'class="breakdown-table' in card:
            table = card[card.index('class="breakdown-table'):card.index("</table>")]
            tables[claim_id] = [(html.unescape(g), html.unescape(w)) for g, w in ROW.findall(table)]
    return tables


def test_every_chart_csv_of_the_repo_site_round_trips_to_the_figures_on_its_page(tmp_path):
    out = tmp_path / "out"
    build(BuildOptions(REPO / "config.yaml", out_dir=out, search=False, cache_dir=tmp_path / "cache"))
    charts = sorted((out / "charts").glob("*--*.svg"))
    assert charts
    for svg in charts:
        slug, claim_id = svg.stem.split("--")
        page = (out / "articles" / f"{slug}.html").read_text("utf-8")
        rows = read_csv(svg.with_suffix(".csv").read_bytes())
        assert [(r["group"], r["wording"]) for r in rows] == page_tables(page)[claim_id], svg.name
        claimant = re.search(r'Claimed by <a href="[^"]*">(.*?)</a>', page[page.index(f'id="claim-{claim_id}"'):])
        assert {r["claimant_name"] for r in rows} == {html.unescape(claimant.group(1))}
        assert all(r["status_label"] and r["claim_text"] and r["source_urls"].startswith("http") for r in rows)
        assert f'href="../charts/{svg.name}" download' in page and f'href="../charts/{svg.stem}.csv" download' in page
        embed = (out / "embed" / f"{svg.stem}.html").read_text("utf-8")
        assert f'src="../charts/{svg.name}"' in embed and rows[0]["status_label"] in embed
        assert html.escape(rows[0]["claimant_name"], quote=False) in embed
        assert f'href="../articles/{slug}.html#claim-{claim_id}" target="_top"' in embed
        snippet = f'&lt;iframe src=&#34;https://example.org/embed/{svg.stem}.html&#34;'
        assert snippet in page


BREAKDOWN = VALID_FRONT.replace("    total: over 2,000\n", "    total: over 2,000\n    by_group: {\"=HYPERLINK(1)\": 1200, '@North': about 800}\n")


def test_chart_csv_cells_are_neutralised_like_claims_csv(tmp_path):
    config = write_site(tmp_path / "site", {"a.md": article(BREAKDOWN)})
    build_site(config, search=False, chart_cache=False)
    rows = read_csv((tmp_path / "site" / "build" / "charts" / "a--total.csv").read_bytes())
    assert [r["group"] for r in rows] == ["'=HYPERLINK(1)", "'@North", "Stated total"]
    assert [r["wording"] for r in rows] == ["1200", "about 800", "over 2,000"]
    assert rows[0]["claimant_name"] == "Russian Ministry of Defence" and rows[0]["status_label"] == "Unverified claim"


def test_without_an_absolute_base_url_there_is_no_iframe_snippet_but_the_links_stay(tmp_path):
    config = write_site(tmp_path / "site", {"a.md": article(BREAKDOWN)}, CONFIG.replace("https://example.org/desk/", "/"))
    build_site(config, search=False, chart_cache=False)
    page = (tmp_path / "site" / "build" / "articles" / "a.html").read_text("utf-8")
    assert "&lt;iframe" not in page and 'href="../embed/a--total.html"' in page
