"""Search (render/search.py): the Pagefind index a build writes, and searching the repo's own site in Chromium,
served at / and under /repo/ by a plain static server."""

from __future__ import annotations

import functools
import hashlib
import http.server
import re
import shutil
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from helpers import VALID_FRONT, article, build_site, read_tree, write_site
from site_gen.pipeline.build import BuildOptions, build
from site_gen.render.search import (UNUSED, SearchFacts, _run_pagefind, indexed_pages, pagefind_index, SEARCH_DIR,
                                    search_facts, search_files, search_view)

REPO = Path(__file__).resolve().parent.parent


def small_site(root: Path) -> Path:
    return write_site(root, {"a.md": article(VALID_FRONT, "Fighting near Kupiansk.\n")})


def test_a_build_writes_the_index_and_a_search_page_and_two_builds_are_byte_identical(tmp_path):
    config = small_site(tmp_path / "site")
    build_site(config, tmp_path / "one", chart_cache=False)
    build_site(config, tmp_path / "two", chart_cache=False)
    one, two = read_tree(tmp_path / "one"), read_tree(tmp_path / "two")
    assert f"{SEARCH_DIR}/pagefind-ui.js" in one and f"{SEARCH_DIR}/pagefind-entry.json" in one
    assert any(p.startswith(f"{SEARCH_DIR}/fragment/") for p in one)
    assert "search.html" in one and b'action="search.html"' in one["index.html"]
    assert one == two  # Pagefind's output is deterministic: no exclusion needed


def test_the_index_of_many_articles_and_claimants_is_the_same_bytes_every_time(tmp_path):
    """Pagefind writes `data-pagefind-filter` values in varying order: the theme must not use filters."""
    config = REPO / "config.yaml"
    build(BuildOptions(config, out_dir=tmp_path / "out", search=False, cache_dir=tmp_path / "cache"))
    pages = read_tree(tmp_path / "out")
    first = search_files(pages)
    assert all(search_files(pages) == first for _ in range(5))


def test_pagefind_is_handed_only_the_pages_it_indexes_and_the_index_is_the_same(tmp_path):
    """Once a page has `data-pagefind-body`, Pagefind drops every page without it: those are not handed over
    (a 10,000-claim timeline cost 1.5 s to parse and drop), and the index is the same bytes as of every page."""
    config = REPO / "config.yaml"
    build(BuildOptions(config, out_dir=tmp_path / "out", search=False, cache_dir=tmp_path / "cache"))
    files = read_tree(tmp_path / "out")
    pages = indexed_pages(files)
    assert pages and all(p.startswith("articles/") for p in pages)
    assert "timeline.html" in files and "index.html" in files
    assert search_files(files) == pagefind_index({p: b for p, b in files.items() if p.endswith(".html")})


def test_a_page_only_mentioning_the_body_attribute_decides_nothing():
    body = b'<html><body><main data-pagefind-body>text</main></body></html>'
    plain = b'<html><body><p>the attribute data-pagefind-body limits the index</p></body></html>'
    commented = b'<html><body><!-- <div data-pagefind-body> --><script>"<p data-pagefind-body>"</script></body></html>'
    upper = b'<html><body><DIV DATA-PAGEFIND-BODY>text</DIV></body></html>'
    assert indexed_pages({"a.html": plain, "b.html": commented, "c.html": b"<p>x</p>"}) == ["a.html", "b.html", "c.html"]
    assert indexed_pages({"a.html": plain, "b.html": body, "c.html": b"<p>x</p>", "d.css": b""}) == ["a.html", "b.html"]
    assert indexed_pages({"a.html": upper, "c.html": b"<p>x</p>"}) == ["a.html"]


def test_no_search_and_the_config_key_leave_out_index_box_and_page(tmp_path):
    config = small_site(tmp_path / "site")
    build_site(config, tmp_path / "flag", search=False)
    files = read_tree(tmp_path / "flag")
    assert not any(p.startswith(f"{SEARCH_DIR}/") for p in files) and "search.html" not in files
    assert b"site-search" not in files["index.html"]
    config.write_text(config.read_text() + "search: false\n")
    build_site(config, tmp_path / "key")
    assert "search.html" not in read_tree(tmp_path / "key")


def test_a_search_setting_that_is_not_a_boolean_is_an_error_with_its_line(tmp_path):
    from helpers import messages, problems_of

    config = small_site(tmp_path / "site")
    config.write_text(config.read_text() + "search: maybe\n")
    lines = messages(problems_of(config))
    assert any(line.startswith("config.yaml:") and "search: expected true or false" in line for line in lines), lines


def test_articles_carry_claimant_and_status_for_the_results(tmp_path):
    config = small_site(tmp_path / "site")
    build_site(config, tmp_path / "out", search=False)
    html = (tmp_path / "out" / "articles" / "a.html").read_text()
    assert "data-pagefind-body" in html
    assert '<span data-pagefind-meta="claimant">Russian Ministry of Defence</span>' in html
    assert '<span data-pagefind-meta="status">Unverified claim</span>' in html


# --- in Chromium, on the repo's own site -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def repo_builds(tmp_path_factory):
    """The repo's site built for / and for /repo/; the second lives in <served>/repo/."""
    top = tmp_path_factory.mktemp("search")
    cache = top / "cache"
    build(BuildOptions(REPO / "config.yaml", out_dir=top / "root", base_url="https://example.org/", cache_dir=cache))
    build(BuildOptions(REPO / "config.yaml", out_dir=top / "sub" / "repo", base_url="https://example.org/repo/",
                       cache_dir=cache))
    return {"/": top / "root", "/repo/": top / "sub"}


@contextmanager
def static_server(folder: Path):
    """A plain static host (http.server) on 127.0.0.1, as GitHub Pages would serve the files."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def results_for(browser, home: str, query: str) -> list[tuple[str, str]]:
    """(href, text) of each result after typing `query` in the header's box on the home page and submitting."""
    page = browser.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(home)
        page.fill("#site-search-q", query)
        page.press("#site-search-q", "Enter")
        page.wait_for_selector(".pagefind-ui__result-link")
        page.wait_for_function("document.querySelectorAll('.pagefind-ui__result-tag').length > 0")
        return [(r.locator(".pagefind-ui__result-link").first.get_attribute("href"), r.inner_text())
                for r in page.locator(".pagefind-ui__result").all()]
    finally:
        page.close()


def articles_saying(folder: Path, words: str) -> set[str]:
    """Article pages whose text contains `words` (case-insensitive): what a search for them must find."""
    found = set()
    for path in sorted((folder / "articles").glob("*.html")):
        text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
        if words.lower() in " ".join(text.split()).lower():
            found.add(path.stem)
    return found


@pytest.mark.parametrize("prefix", ["/", "/repo/"])
@pytest.mark.parametrize("query, expected", [("Tsargrad", "makiivka-strike-death-toll-claims"),
                                             ("Kupiansk", "kupiansk-capture-claim-disputed")])
def test_searching_a_claimant_or_a_place_finds_its_articles_with_claimant_and_status(
        repo_builds, browser, prefix, query, expected):
    served = repo_builds[prefix]
    site = served / "repo" if prefix == "/repo/" else served
    wanted = articles_saying(site, query)
    assert expected in wanted
    with static_server(served) as origin:
        results = results_for(browser, origin + prefix, query)
    hrefs = {href for href, _ in results}
    assert all(href.startswith(f"{prefix}articles/") for href in hrefs), hrefs
    assert {href.removeprefix(f"{prefix}articles/").removesuffix(".html") for href in hrefs} == wanted
    text = next(text for href, text in results if expected in href)
    assert "Claimant:" in text and "Status:" in text, text


def test_the_search_view_drops_only_the_footer_and_navigation_pagefind_skips():
    page = (b'<html lang="en"><body><nav aria-label="Site"><a href="/">Home</a></nav>'
            b'<main data-pagefind-body><h1>T</h1><blockquote><p>q</p><FOOTER>speaker</FOOTER></blockquote></main>'
            b'<footer class="site-footer">\n<p>Built.</p>\n</footer></body></html>')
    assert search_view(page) == (b'<html lang="en"><body><main data-pagefind-body><h1>T</h1><blockquote><p>q</p>'
                                 b'</blockquote></main></body></html>')
    kept = [b'<footer><p data-pagefind-meta="desk">x</p></footer>', b'<footer data-pagefind-body>x</footer>',
            b'<nav><h1>Title</h1></nav>', b'<footer><img src="a.png"></footer>', b'<footer><!-- x --></footer>',
            b'<footer><script>"</footer>"</script></footer>',
            b'<footer><svg><title>x</title></svg></footer>', b'<footer><p data-PAGEFIND-filter="a">x</p></footer>']
    for element in kept:
        assert search_view(b"<body>" + element + b"</body>") == b"<body>" + element + b"</body>", element
    # nested: the inner element goes, the outer one stays (its own content is still skipped by Pagefind)
    assert search_view(b"<nav><h1>T</h1><footer>f</footer></nav>") == b"<nav><h1>T</h1></nav>"
    # a start tag without its end tag costs one scan to the next start tag, not one to the end of the page
    assert search_view(b"<nav>x " * 3 + b"<nav>y</nav>") == b"<nav>x " * 3


def test_pagefind_makes_the_same_index_of_the_search_views_as_of_the_whole_pages(tmp_path):
    """What sitegen hands Pagefind (search_view) leaves its index as it is: the repo's site's index, bytes and
    all, equals Pagefind's index of the pages as written."""
    build(BuildOptions(REPO / "config.yaml", out_dir=tmp_path / "out", search=False, cache_dir=tmp_path / "cache"))
    files = read_tree(tmp_path / "out")
    pages = [p for p in files if p.endswith(".html")]
    assert any(search_view(files[p]) != files[p] for p in pages)
    with tempfile.TemporaryDirectory() as folder:
        for rel in pages:
            (Path(folder) / rel).parent.mkdir(parents=True, exist_ok=True)
            (Path(folder) / rel).write_bytes(files[rel])
        out = Path(folder + "-index")
        _run_pagefind(Path(folder), out)
        whole = {f"pagefind/{p.relative_to(out).as_posix()}": p.read_bytes() for p in sorted(out.rglob("*"))
                 if p.is_file() and p.name not in UNUSED}
        shutil.rmtree(out)
    assert pagefind_index(files, pages) == whole


def test_search_facts_round_trip_through_the_store_and_anything_else_is_read_again():
    page = b'<html><body><main data-pagefind-body>x</main><footer>f</footer></body></html>'
    full, light = search_facts(page), search_facts(page, with_view=False)
    assert full.mentions_body and full.view_sha == hashlib.sha256(search_view(page)).hexdigest()
    assert light.view_sha is None
    assert SearchFacts.decode(full.encode()) == full and SearchFacts.decode(light.encode()) == light
    for bad in (None, 1, "", "2" + "0" * 64, "1" + "0" * 63, "1" + "G" * 64, ["1"]):
        assert SearchFacts.decode(bad) is None, bad
