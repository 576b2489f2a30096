"""The reader's view of the repo's built site in real headless Chromium (Debian's, through Playwright): every page type
at 390 and 1280 px, light and dark: no sideways scrolling, status badges in view, chart text inside its chart and
large enough on a phone, axe-core clean; screenshots kept in test-artifacts/screenshots/ for people to look at."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_gen.charts.breakdown import draw_breakdown
from site_gen.charts.series import draw_series
from site_gen.cli import main
from site_gen.core.chart_specs import Bar, BreakdownSpec, Line, SeriesChartSpec
from site_gen.core.quantities import parse_quantity, sum_intervals

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
SEED = "articles/russia-claims-over-2000-killed-in-24-hours.html"
#: Smallest chart text a reader on a 390 px phone gets, in CSS pixels.
MIN_TEXT_PX = 10


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The repo's own site, built once for this module under the sub-path /repo/."""
    www = tmp_path_factory.mktemp("reader")
    out = www / "repo"
    result = CliRunner().invoke(main, ["build", "--config", str(ROOT / "config.yaml"), "--out", str(out),
                                       "--base-url", "https://example.org/repo/", "-q"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(QuietHandler, directory=str(site.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/repo/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def page_types(site: Path) -> dict[str, str]:
    """One page of every type the built site has (event and search pages only where the site has them)."""
    def first(pattern: str, having: str = "") -> str | None:
        found = [p for p in sorted(site.glob(pattern)) if having in p.read_text(encoding="utf-8")]
        return found[0].relative_to(site).as_posix() if found else None

    pages = {"index": "index.html", "timeline": "timeline.html", "figures": "figures.html", "article": SEED,
             "claimant": "claimants/kremlin.html", "tag": first("tags/*.html"), "series": first("series/*.html"),
             "404": "404.html", "search": first("search.html"),
             "embed (breakdown chart)": first("embed/*.html"), "embed (series chart)": first("embed/series/*/*.html"),
             "event": first("events/*.html"), "embed (event chart)": first("embed/events/*.html")}
    return {kind: rel for kind, rel in pages.items() if rel}


def test_the_site_has_every_page_type_and_the_seed_article_has_a_chart(site):
    pages = page_types(site)
    assert {"index", "timeline", "figures", "article", "claimant", "tag", "series", "404", "embed (breakdown chart)",
            "embed (series chart)", "event", "embed (event chart)"} <= set(pages)
    assert "<picture>" in (site / SEED).read_text(encoding="utf-8")


#: Every chart on the page: the file the browser chose (wide or narrow variant) and its width on screen.
CHARTS_JS = """async () => {
  const imgs = [...document.querySelectorAll('img[src*="charts/"]')];
  for (const img of imgs) img.loading = "eager";
  await Promise.all(imgs.map((img) => img.decode().catch(() => null)));
  return imgs.map((img) => ({src: img.currentSrc, width: img.getBoundingClientRect().width,
                            right: img.getBoundingClientRect().right}));
}"""

#: Inside a chart's own SVG document: its viewBox width and, per <text>, its box, the SVG's box and its font size.
SVG_JS = """() => {
  const svg = document.documentElement;
  const box = svg.getBoundingClientRect();
  return {viewBox: svg.viewBox.baseVal.width, texts: [...svg.querySelectorAll("text")].map((t) => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, left: r.left - box.left, right: r.right - box.left, top: r.top - box.top,
            bottom: r.bottom - box.top, width: box.width, height: box.height,
            size: parseFloat(getComputedStyle(t).fontSize)};
  })};
}"""

BADGES_JS = """() => [...document.querySelectorAll(".status, .claim-badge")].flatMap((el) =>
  [...el.getClientRects()].map((r) => ({text: el.textContent, left: r.left, right: r.right})))"""


_LAYOUTS: dict[str, dict] = {}


def svg_layout(browser, url: str) -> dict:
    """The chart's own SVG opened by itself (once per file): where each of its texts is drawn."""
    if url not in _LAYOUTS:
        page = browser.new_page()
        try:
            page.goto(url)
            _LAYOUTS[url] = page.evaluate(SVG_JS)
        finally:
            page.close()
    return _LAYOUTS[url]


def chart_problems(page, browser, width: int) -> list[str]:
    """Chart texts outside their SVG's box, and (at 390 px) chart texts smaller than MIN_TEXT_PX on screen."""
    problems = []
    for chart in page.evaluate(CHARTS_JS):
        layout = svg_layout(browser, chart["src"])
        name = chart["src"].rsplit("/charts/", 1)[-1]
        scale = chart["width"] / layout["viewBox"]
        if chart["right"] > width + 0.5:
            problems.append(f"{name}: the chart runs past the window ({chart['right']:.0f} px)")
        for t in layout["texts"]:
            if t["left"] < -0.5 or t["top"] < -0.5 or t["right"] > t["width"] + 0.5 or t["bottom"] > t["height"] + 0.5:
                problems.append(f"{name}: text outside the chart: {t['text']!r}")
            on_screen = t["size"] * scale
            if width <= 390 and t["text"].strip() and on_screen < MIN_TEXT_PX:
                problems.append(f"{name}: text {on_screen:.1f} px on a {width} px screen: {t['text']!r}")
    return problems


def view_problems(page, browser, width: int) -> list[str]:
    problems = []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("innerWidth")
    if scroll_width > inner:
        problems.append(f"scrolls sideways: {scroll_width} px wide in a {inner} px window")
    for badge in page.evaluate(BADGES_JS):
        if badge["left"] < 0 or badge["right"] > inner:
            problems.append(f"status badge outside the window: {badge['text']!r}")
    return problems + chart_problems(page, browser, width)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_fits_the_screen_and_passes_axe(site, server, browser, width, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    failures = {}
    try:
        for kind, rel in page_types(site).items():
            page.goto(server + rel)
            page.wait_for_load_state("load")
            assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
            problems = view_problems(page, browser, width)
            violations = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response["violations"]
            problems += [f"axe {v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}" for v in violations]
            if problems:
                failures[f"{kind} ({rel})"] = problems
            if kind in ("index", "article", "figures"):
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SCREENSHOTS / f"{kind}-{width}-{scheme}.png"), full_page=True)
    finally:
        context.close()
    assert not failures, failures
    for kind in ("index", "article", "figures"):
        assert (SCREENSHOTS / f"{kind}-{width}-{scheme}.png").read_bytes()[:4] == b"\x89PNG"


def test_the_suite_catches_a_page_that_scrolls_sideways_and_a_clipped_chart(browser, tmp_path):
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="200pt" height="50pt" viewBox="0 0 200 50">'
           '<text x="150" y="20" style="font: 10px sans-serif">a title that runs past the edge</text></svg>')
    (tmp_path / "charts").mkdir()
    (tmp_path / "charts" / "c.svg").write_text(svg)
    (tmp_path / "p.html").write_text('<!doctype html><html lang="en"><title>x</title><body>'
                                     '<p style="white-space:nowrap">' + "wide " * 200 + '</p>'
                                     '<span class="status">Unverified claim</span>'
                                     '<img src="charts/c.svg" alt="chart" width="120"></body></html>')
    page = browser.new_page(viewport={"width": 390, "height": 600})
    try:
        page.goto((tmp_path / "p.html").as_uri())
        problems = view_problems(page, browser, 390)
    finally:
        page.close()
    assert any("scrolls sideways" in p for p in problems)
    assert any("text outside the chart" in p for p in problems)
    assert any("px on a 390 px screen" in p for p in problems)


ARABIC_GROUP = "القوات المسلحة لجمهورية السودان وقوات الدعم السريع المتحالفة معها في ولاية الخرطوم الكبرى"
LONG_TITLE = ("Ministry of Defence of the Republic of Somewhere Far Away: killed by group (opposing forces and "
              "allied militias), 30 June 2024 to 1 July 2024, as announced in the evening briefing")


def breakdown_spec(**narrow) -> BreakdownSpec:
    bars = tuple(Bar(name, parse_quantity(figure)) for name, figure in [
        (ARABIC_GROUP, "over 2,000"), ("Western Group", "475"),
        ("Main Army Group of the Joint Forces Operational Command North-East", "up to 710"),
        ("Eastern Group", "a number of")])
    summed = sum_intervals([b.quantity for b in bars])
    return BreakdownSpec(title=LONG_TITLE, subtitle="Claimed, not independently verified. Bars show the claimant's "
                         "figures as worded; hatched = one-sided (over / up to).", bars=bars,
                         total=parse_quantity("more than 3,000"), sum_low=summed.low, sum_high=summed.high,
                         sum_agrees=False, footnote="Claimant: Ministry of Defence (Somewhere). Source: "
                         "https://example.org/" + "a-very-long-unbroken-path" * 6 + ".", **narrow)


def series_spec(**narrow) -> SeriesChartSpec:
    xs = tuple(range(738000, 738400))
    return SeriesChartSpec(title=LONG_TITLE, attribution="Claimed by the General Staff of the Armed Forces of "
                           "Somewhere (Somewhere); not independently verified (unverifiable)",
                           subtitle="Worded \u201cabout\u201d (1,620), \u201cmore than\u201d (6). " * 3,
                           footnote="Sources: " + "a long list of sources; " * 8 + "\n400 reports.",
                           y_label="people (cumulative)", lines=(Line("Personnel killed, wounded or captured "
                           "(claimed)", xs, tuple(float(1000 * i) for i in range(400))), Line("Earlier category "
                           "of personnel losses (until 1 May 2022)", xs, tuple(float(900 * i) for i in range(400)),
                           "context")), last_label="about 1,456,610", **narrow)


@pytest.mark.parametrize("narrow", [False, True], ids=["wide", "narrow"])
@pytest.mark.parametrize("kind", ["breakdown", "series"])
def test_long_titles_and_arabic_labels_stay_whole_and_inside_the_chart(browser, tmp_path, kind, narrow):
    """Every text of a chart with a very long title, long (Arabic) row labels and an unbroken URL is drawn inside
    the chart, and the title is all there (wrapped, never cut)."""
    variant = {"narrow": True} if narrow else {}
    svg = draw_breakdown(breakdown_spec(**variant)) if kind == "breakdown" else draw_series(series_spec(**variant))
    (tmp_path / "chart.svg").write_bytes(svg)
    layout = svg_layout(browser, (tmp_path / "chart.svg").as_uri())
    outside = [t["text"] for t in layout["texts"] if t["left"] < -0.5 or t["top"] < -0.5
               or t["right"] > t["width"] + 0.5 or t["bottom"] > t["height"] + 0.5]
    assert not outside
    drawn = " ".join(t["text"] for t in layout["texts"])
    assert LONG_TITLE in " ".join(drawn.split()), drawn
    if kind == "breakdown":
        assert all(word in drawn for word in ARABIC_GROUP.split())


#: Each claim row of an event page: its id, and the text of its claimant, figure and status cells.
EVENT_ROWS_JS = """() => [...document.querySelectorAll("tr.event-claim")].map((tr) => ({id: tr.id,
  claimant: tr.querySelector("th").innerText, figure: tr.querySelector(".event-figure").innerText,
  status: tr.querySelector(".event-status").innerText}))"""
#: Each comparison chart of an event page: its alt text and the claimant cells of the table under it.
EVENT_CHARTS_JS = """() => [...document.querySelectorAll("section.event-measure")].map((s) => ({
  alt: s.querySelector("figure.event-chart img").alt,
  claimants: [...s.querySelectorAll("table.event-table tbody th")].map((th) => th.innerText)}))"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_event_pages_set_each_claim_beside_its_claimant_side_wording_and_status(site, server, browser, width, scheme):
    """Every claim events.json lists for an event is a row of its page with the claimant, the side, the wording
    exactly as claims.json has it and the status in words; every chart's alt text and the table under it name
    every bar's claimant; axe-core finds nothing."""
    import json

    from axe_playwright_python.sync_playwright import Axe

    events = json.loads((site / "events.json").read_text(encoding="utf-8"))["events"]
    claims = {r["id"]: r for r in json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]}
    assert len(events) >= 2 and all(e["claims"] for e in events)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    problems: list[str] = []
    try:
        for event in events:
            page.goto(f"{server}events/{event['id']}.html")
            rows = {row["id"]: row for row in page.evaluate(EVENT_ROWS_JS)}
            for claim_id in event["claims"]:
                record = claims[claim_id]
                row = rows[f"row-{claim_id.replace('#', '--')}"]
                expected = [(record["claimant_name"], row["claimant"]), (record["side"] or "side not stated", row["claimant"]),
                            (record["status_label"], row["status"])] + ([(record["wording"], row["figure"])] if record["wording"] else [])
                problems += [f"{claim_id}: {want!r} not in {got!r}" for want, got in expected if want not in got]
            for chart in page.evaluate(EVENT_CHARTS_JS):
                problems += [f"{event['id']}: {name!r} not in the chart's alt text" for name in
                             (cell.split(" (side")[0] for cell in chart["claimants"]) if name not in chart["alt"]]
            violations = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response["violations"]
            problems += [f"{event['id']}: axe {v['id']}: {v['help']}" for v in violations]
            problems += [f"{event['id']}: {p}" for p in view_problems(page, browser, width)]
    finally:
        context.close()
    assert not problems, problems


@pytest.fixture(scope="module")
def relation_server(tmp_path_factory):
    """The claims-in-relation site (tests/relation_site.py) built and served: relays, an unnamed claimant, parts
    of a total, a retraction, a supersession and a corrections log on its pages."""
    from helpers import build_site
    from relation_site import write_relation_site

    config = write_relation_site(tmp_path_factory.mktemp("relations"))
    build_site(config, strict=True)
    handler = functools.partial(QuietHandler, directory=str(config.parent / "build"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


RELATION_PAGES = ("articles/early.html", "articles/later.html", "timeline.html", "figures.html", "index.html")


@pytest.mark.parametrize("width", WIDTHS)
def test_claims_in_relation_fit_the_screen_and_pass_axe(relation_server, browser, width):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    failures = {}
    try:
        for rel in RELATION_PAGES:
            page.goto(relation_server + rel)
            page.wait_for_load_state("load")
            problems = view_problems(page, browser, width)
            violations = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response["violations"]
            problems += [f"axe {v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}" for v in violations]
            if problems:
                failures[rel] = problems
        page.goto(relation_server + "articles/early.html")
        assert page.locator(".relays li").count() == 2 and page.locator(".corrections-log li").count() == 2
        page.goto(relation_server + "articles/later.html")
        assert page.locator(".retraction").is_visible()
    finally:
        context.close()
    assert not failures, failures
