"""Atom feed.xml and sitemap.xml: parse, carry id/title/updated, absolute URLs, and need an absolute base_url."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
import xml.etree.ElementTree as ET

import feedparser
import pytest
from click.testing import CliRunner
from helpers import CONFIG, VALID_FRONT, article, build_site, write_site
from series_site import real_builds

from site_gen.cli import main

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$")
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    return real_builds(tmp_path_factory)


@pytest.fixture(scope="module")
def feed(real):
    parsed = feedparser.parse(real.first_files["feed.xml"])
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_the_feed_and_every_entry_have_id_title_and_updated(feed):
    assert feed.version == "atom10"
    assert feed.feed.id == "https://example.org/" and feed.feed.title == "Claims Desk" and feed.feed.updated
    assert len(feed.entries) == 14
    for entry in feed.entries:
        assert entry.id.startswith("https://example.org/articles/") and entry.title and entry.updated
        assert entry.link == entry.id


def test_feed_dates_are_rfc3339_and_updated_is_the_newest_article_not_now(real):
    root = ET.fromstring(real.first_files["feed.xml"])
    stamps = [e.text for e in root.iter() if e.tag in (f"{ATOM}updated", f"{ATOM}published")]
    assert stamps and all(RFC3339.match(s) for s in stamps)
    entries = [e.find(f"{ATOM}updated").text for e in root.findall(f"{ATOM}entry")]
    newest = max(entries, key=dt.datetime.fromisoformat)
    assert root.find(f"{ATOM}updated").text == newest


def test_feed_links_are_absolute_and_self_points_at_the_feed(real):
    root = ET.fromstring(real.first_files["feed.xml"])
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"self": "https://example.org/feed.xml", "alternate": "https://example.org/"}
    for link in root.iter(f"{ATOM}link"):
        assert link.get("href").startswith("https://example.org/")


def test_feed_entries_attribute_every_claimed_figure(feed):
    entry = next(e for e in feed.entries if e.id.endswith("russia-claims-over-2000-killed-in-24-hours.html"))
    content = entry.content[0].value
    assert "Russian Ministry of Defence (Russia) claims:" in content
    assert "Claimed figure: over 2,000 people." in content and "Unverified claim; not independently verified" in content


def test_pages_link_to_the_feed(real):
    index = real.first_files["index.html"].decode("utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="Claims Desk: articles" ' \
           'href="https://example.org/feed.xml">' in index


def test_the_sitemap_lists_every_page_but_404_and_the_noindex_embeds_with_absolute_urls(real):
    root = ET.fromstring(real.first_files["sitemap.xml"])
    locs = [u.find(f"{SITEMAP}loc").text for u in root.findall(f"{SITEMAP}url")]
    pages = sorted(p for p in real.first_files if p.endswith(".html") and p != "404.html" and not p.startswith("embed/"))
    assert any(p.startswith("embed/series/") for p in real.first_files)
    assert locs == ["https://example.org/" + ("" if p == "index.html" else p) for p in pages]
    assert "https://example.org/series/ua-gs.html" in locs and "https://example.org/figures.html" in locs
    article = next(u for u in root.findall(f"{SITEMAP}url") if u.find(f"{SITEMAP}loc").text.endswith(
        "ua-gs-cumulative-russian-losses-day-1627.html"))
    assert article.find(f"{SITEMAP}lastmod").text == "2026-11-25"


def test_a_bare_path_base_url_skips_feed_and_sitemap_with_a_warning(tmp_path, monkeypatch):
    write_site(tmp_path, {"a.md": article(VALID_FRONT)}, config=CONFIG.replace("https://example.org/desk/", "/"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--strict"])
    assert result.exit_code == 0, result.output
    assert ('config.yaml: base_url: warning: "/" is not an absolute URL, so feed.xml and sitemap.xml were not '
            "written (they need absolute links: set `base_url: https://…/` or pass --base-url)") in result.stderr
    assert not (tmp_path / "build/feed.xml").exists() and not (tmp_path / "build/sitemap.xml").exists()
    assert "application/atom+xml" not in (tmp_path / "build/index.html").read_text(encoding="utf-8")
    with_url = CliRunner().invoke(main, ["build", "--base-url", "https://user.github.io/repo/"])
    assert with_url.exit_code == 0 and "base_url" not in with_url.stderr
    parsed = feedparser.parse((tmp_path / "build/feed.xml").read_bytes())
    assert parsed.feed.id == "https://user.github.io/repo/" and parsed.entries[0].id == (
        "https://user.github.io/repo/articles/a.html")


def test_feed_updated_ignores_the_build_time(tmp_path, monkeypatch):
    config = write_site(tmp_path, {"a.md": article(VALID_FRONT), "b.md": article(
        VALID_FRONT.replace("date: 2024-07-05", "date: 2024-07-05\nupdated: 2024-08-01T09:30:00+03:00"))})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")
    build_site(config)
    parsed = feedparser.parse((tmp_path / "build/feed.xml").read_bytes())
    assert parsed.feed.updated == "2024-08-01T09:30:00+03:00"


def article_ids_quoting(real, claimant_id: str) -> set[str]:
    """Article URLs whose page says "Claimed by <a href=…/ID.html>": what the claimant's feed must hold."""
    found = set()
    for path, data in real.first_files.items():
        if path.startswith("articles/") and f'Claimed by <a href="../claimants/{claimant_id}.html">' in data.decode("utf-8"):
            found.add("https://example.org/" + path)
    return found


def test_every_claimant_with_articles_has_a_valid_feed_of_exactly_its_articles_linked_from_its_page(real):
    feeds = sorted(p for p in real.first_files if p.startswith("claimants/") and p.endswith(".xml"))
    assert len(feeds) >= 5
    for path in feeds:
        parsed = feedparser.parse(real.first_files[path])
        assert not parsed.bozo and parsed.version == "atom10", (path, parsed.get("bozo_exception"))
        page = path.removesuffix(".xml") + ".html"
        assert parsed.feed.title.startswith("Claims Desk: claims by ")
        assert {e.id for e in parsed.entries} == article_ids_quoting(real, Path(path).stem) != set()
        assert parsed.feed.id == f"https://example.org/{page}" and parsed.feed.link == f"https://example.org/{page}"
        assert any(link.rel == "self" and link.href == f"https://example.org/{path}" for link in parsed.feed.links)
        html = real.first_files[page].decode("utf-8")
        assert '<link rel="alternate" type="application/atom+xml" title="Claims Desk: claims by ' in html
        assert f'href="https://example.org/{path}">' in html and f'href="{Path(path).name}"' in html
        for entry in parsed.entries:
            assert "claims:" in entry.content[0].value  # entries attribute every figure, as in feed.xml


def test_every_tag_has_a_valid_feed_of_its_articles_linked_from_its_page(real):
    pages = sorted(p for p in real.first_files if p.startswith("tags/") and p.endswith(".html"))
    assert pages
    main = {e.id: e for e in feedparser.parse(real.first_files["feed.xml"]).entries}
    for page in pages:
        path = page.removesuffix(".html") + ".xml"
        parsed = feedparser.parse(real.first_files[path])
        assert not parsed.bozo and parsed.version == "atom10", path
        html = real.first_files[page].decode("utf-8")
        listed = {"https://example.org/articles/" + m for m in re.findall(r'href="\.\./articles/([^"#]+)"', html)}
        assert {e.id for e in parsed.entries} == listed
        tag = parsed.feed.title.removeprefix("Claims Desk: articles tagged ")
        assert all(tag in [t.term for t in main[e.id].tags] for e in parsed.entries)
        assert f'href="https://example.org/{path}">' in html


def test_claimant_and_tag_feeds_follow_feed_xml_without_an_absolute_base_url(tmp_path):
    config = write_site(tmp_path, {"a.md": article(VALID_FRONT)}, CONFIG.replace("https://example.org/desk/", "/"))
    build_site(config, search=False, chart_cache=False)
    out = tmp_path / "build"
    assert not list(out.rglob("*.xml"))
    assert "application/atom+xml" not in (out / "claimants" / "ru-mod.html").read_text("utf-8")
