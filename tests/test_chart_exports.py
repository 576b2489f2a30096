"""Chart downloads and embeds: each breakdown and series chart's CSV (render/exports.py chart_csv,
render/series_csv.py), its embed page and the <iframe> snippet beside it."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import itertools
import json
import re
from collections import defaultdict
from pathlib import Path

from helpers import CONFIG, VALID_FRONT, article, build_site, write_site
from series_site import DECLARATION, real_builds, series_site
from site_gen.core.series_plan import weekly_average
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


def series_sections(page: str) -> dict[str, str]:
    """Series anchor -> the HTML of its section on a series page."""
    parts = re.split(r'<section class="series" id="([^"]+)"', page)
    return {anchor: body[:body.index("</section>")] for anchor, body in zip(parts[1::2], parts[2::2])}


def test_every_series_chart_csv_round_trips_to_the_figures_on_its_page(tmp_path_factory):
    real = real_builds(tmp_path_factory)
    files = real.first_files
    points = defaultdict(list)
    for line in files["claims.json"].decode("utf-8").splitlines():
        if '"kind":"series_point"' in line:
            record = json.loads(line.rstrip(","))
            points[record["series_url"]].append(record)
    charts = sorted(p for p in files if p.startswith("charts/series/") and p.endswith(".svg"))
    assert len(charts) == 36
    for svg in charts:
        rows = read_csv(files[svg.removesuffix(".svg") + ".csv"])
        [url] = {r["series_url"] for r in rows}
        page_path, anchor = url.removeprefix("https://example.org/").split("#")
        page = files[page_path].decode("utf-8")
        section = series_sections(page)[anchor]
        claimed = [points[url][i] for i in range(len(points[url]))]
        assert {r["claimant_name"] for r in rows} == {"General Staff of the Armed Forces of Ukraine (Ukraine)"}
        assert {r["status_label"] for r in rows} == {"Unverifiable claim; not independently verified"}
        assert all(r["source_names"].startswith("General Staff of the Armed Forces of Ukraine; ") for r in rows)
        alt = html.unescape(re.search(rf'<img src="[^"]*/{re.escape(Path(svg).name)}" alt="([^"]*)"', section)[1])
        if svg.endswith("-cumulative.svg"):
            mine = [r for r in rows if r["figure_is"] == "claimed"]
            assert [(r["date"], r["wording"], int(r["value"])) for r in mine] == [
                (p["claimed_on"], p["wording"], p["value"]) for p in claimed], svg
            assert f"{len(mine):,} daily reports from {mine[0]['date']}" in alt
            last = mine[-1]
            assert f'<span class="figure qualifier-{last["qualifier"]}" title="' in section and f'>{last["display"]}</span>' in section
            assert f'<time datetime="{last["date"]}">' in section
            revised = [r["date"] for r in mine if r["revision"] == "true"]
            assert revised == sorted(re.findall(rf'<tr id="revision-{re.escape(anchor)}-([\d-]+)"', page)), svg
        else:
            changes = [r for r in rows if r["figure_is"] == "our_change"]
            expected = [(b["claimed_on"], b["value"] - a["value"]) for a, b in itertools.pairwise(claimed)
                        if dt.date.fromisoformat(b["claimed_on"]) - dt.date.fromisoformat(a["claimed_on"]) == dt.timedelta(1)]
            assert [(r["date"], int(r["value"])) for r in changes] == expected, svg
            top = max(expected, key=lambda e: (e[1], -dt.date.fromisoformat(e[0]).toordinal()))
            assert f"The largest rise was {top[1]:,} on {top[0]}." in alt, svg
            falls = sum(1 for r in changes if r["revision"] == "true")
            assert (f"It fell {falls} time" in alt) if falls else ("It never fell." in alt), svg
            averages = [r for r in rows if r["figure_is"] == "our_7_day_average"]
            drawn = weekly_average([(dt.date.fromisoformat(d), v) for d, v in expected]) if len(expected) >= 60 else []
            assert [(r["date"], float(r["value"])) for r in averages] == [(d.isoformat(), v) for d, v in drawn], svg
        assert f'href="../{svg}" download' in section and f'href="../{svg.removesuffix(".svg")}.csv" download' in section
        embed_path = "embed/" + svg.removeprefix("charts/").removesuffix(".svg") + ".html"
        embed = files[embed_path].decode("utf-8")
        assert f'src="../../../{svg}"' in embed and html.escape(alt) in embed
        assert "<strong>Claimed by General Staff of the Armed Forces of Ukraine (Ukraine)</strong>" in embed
        assert "Status: Unverifiable claim, not independently verified." in embed
        assert f'href="../../../{page_path}#{anchor}" target="_top"' in embed
        assert f"&lt;iframe src=&#34;https://example.org/{embed_path}&#34;" in section


IRREGULAR = DECLARATION.replace("cumulative: true\n", "cumulative: true\nfrequency: irregular\n")


def test_a_cumulative_series_that_is_not_daily_gets_a_change_chart_and_its_csv(tmp_path):
    build_site(series_site(tmp_path, declaration=IRREGULAR), search=False, chart_cache=False)
    out = tmp_path / "build"
    page = (out / "series/ru-mod.html").read_text("utf-8")
    assert "Tanks, change from the previous claimed total: claimed by Russian Ministry of Defence" in page
    rows = read_csv((out / "charts/series/losses/tanks-change.csv").read_bytes())
    assert [(r["figure_is"], r["date"], r["value"], r["revision"]) for r in rows] == [
        ("our_change", "2024-01-02", "2", "false"), ("our_change", "2024-01-03", "3", "false"),
        ("our_change", "2024-01-04", "-1", "true"), ("our_change", "2024-01-05", "4", "false")]
    assert (out / "embed/series/losses/tanks-change.html").is_file()


def test_series_chart_csv_text_cells_are_neutralised_and_every_row_attributed(tmp_path):
    declaration = DECLARATION.replace("label: Tanks,", "label: \"=Tanks\",")
    build_site(series_site(tmp_path, declaration=declaration), search=False, chart_cache=False)
    rows = read_csv((tmp_path / "build/charts/series/losses/tanks-cumulative.csv").read_bytes())
    assert [r["label"] for r in rows] == ["'=Tanks"] * 5
    assert [r["wording"] for r in rows] == ["10", "12", "15", "14", "18"]
    assert {(r["claimant_name"], r["status_label"], r["source_names"]) for r in rows} == {
        ("Russian Ministry of Defence (Russia)", "Unverifiable claim; not independently verified",
         "Russian Ministry of Defence")}
    assert [r["revision"] for r in rows] == ["false", "false", "false", "true", "false"]
