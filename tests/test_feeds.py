"""Atom feed.xml and sitemap.xml: parse, carry id/title/updated, absolute URLs, and need an absolute base_url."""

from __future__ import annotations

import datetime as dt
import re
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
    assert len(feed.entries) == 11
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


def test_the_sitemap_lists_every_page_but_404_with_absolute_urls(real):
    root = ET.fromstring(real.first_files["sitemap.xml"])
    locs = [u.find(f"{SITEMAP}loc").text for u in root.findall(f"{SITEMAP}url")]
    pages = sorted(p for p in real.first_files if p.endswith(".html") and p != "404.html")
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
