"""Languages and directions (core/langs.py) and `lang` on articles, claims, breakdown entries and sources, as
pages and the feed carry them."""

from __future__ import annotations

import pytest

from helpers import CONFIG, VALID_FRONT, article, build_site, messages, problems_of, write_site
from site_gen.core.langs import is_rtl, lang_attributes, text_is_rtl


@pytest.mark.parametrize("tag, rtl", [
    ("ar", True), ("fa", True), ("ur", True), ("he", True), ("ps", True), ("ckb", True), ("yi", True), ("dv", True),
    ("sd", True), ("ug", True), ("ar-EG", True), ("ku-Arab", True), ("pa-Arab", True), ("az-Latn", False),
    ("uz-Arab", True), ("ar-Latn", False), ("am", False), ("uk", False), ("en", False), ("", False),
])
def test_the_direction_of_a_language_follows_its_script_subtag_else_its_language(tag, rtl):
    assert is_rtl(tag) is rtl


def test_lang_attributes_name_the_language_and_the_direction_only_where_they_change():
    assert lang_attributes("ar", "en") == {"lang": "ar", "dir": "rtl"}
    assert lang_attributes("am", "en") == {"lang": "am"}
    assert lang_attributes("en", "ar") == {"lang": "en", "dir": "ltr"}
    assert lang_attributes("EN", "en") == {} and lang_attributes("", "en") == {}


def test_a_label_without_a_language_takes_its_direction_from_its_first_letter():
    assert text_is_rtl("الخرطوم 2", "") and not text_is_rtl("2 Western الخرطوم", "")
    assert not text_is_rtl("الخرطوم", "ar-Latn")


ARTICLE_AR = """\
title: عنوان
lang: ar
date: 2024-07-05
summary: ملخص
sources:
  - {id: moh, name: Ministry, url: "https://example.org/moh", accessed: 2024-07-06, lang: ar}
claims:
  - id: total
    claimant: ru-mod
    claimed_on: 2024-07-05
    text: نص المطالبة
    total: 12
    sources: [moh]
  - id: english
    claimant: ru-mod
    claimed_on: 2024-07-05
    lang: en
    text: the claim in English
    total: 12
    sources: [moh]
"""


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("arabic")
    config = write_site(root, {"ar.md": article(ARTICLE_AR, "[فقرة]{claim=total}.\n"), "en.md": article(VALID_FRONT)})
    build_site(config, strict=True)
    return root / "build"


def test_an_article_with_lang_marks_its_title_summary_body_and_claims_on_an_english_site(arabic_site):
    html = (arabic_site / "articles/ar.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert '<h1 lang="ar" dir="rtl">عنوان</h1>' in html
    assert '<p class="lede" lang="ar" dir="rtl">ملخص</p>' in html
    assert '<div class="body" lang="ar" dir="rtl">' in html
    assert 'class="claim-title" lang="ar" dir="rtl">نص المطالبة</h3>' in html  # a claim's lang defaults to its article's
    assert 'class="claim-title">the claim in English</h3>' in html
    assert 'rel="noopener">Ministry</a>' in html and '<span class="lang">[ar]</span>' in html  # our name for it: no lang
    assert '<a class="claim-badge status-unverified" href="#claim-total" lang="en" dir="ltr">' in html
    index = (arabic_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="articles/ar.html" lang="ar" dir="rtl">عنوان</a>' in index
    assert '<a href="articles/en.html">A valid article</a>' in index
    timeline = (arabic_site / "timeline.html").read_text(encoding="utf-8")
    assert 'lang="ar" dir="rtl">نص المطالبة</a>' in timeline
    assert 'in “<span lang="ar" dir="rtl">عنوان</span>”' in timeline


def test_the_feed_marks_an_entry_in_another_language_with_xml_lang(arabic_site):
    feed = (arabic_site / "feed.xml").read_text(encoding="utf-8")
    assert '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">' in feed
    assert '<entry xml:lang="ar">' in feed and feed.count("<entry>") == 1
    assert '&lt;span lang="en" dir="ltr"&gt;the claim in English&lt;/span&gt;' in feed


def test_a_bad_language_tag_is_an_error_with_its_line(tmp_path):
    front = VALID_FRONT.replace("title: A valid article", "title: A valid article\nlang: arabic language")
    front = front.replace("    total: over 2,000", "    total: over 2,000\n    by_group: {North: {value: 2, lang: 'x y'}}")
    found = messages(problems_of(write_site(tmp_path, {"a.md": article(front)})))
    assert any("a.md:3: lang: bad language tag \"arabic language\"" in m for m in found), found
    assert any("by_group.North.lang: bad language tag \"x y\"" in m for m in found), found


def test_a_source_takes_lang_or_language_but_not_both(tmp_path):
    front = VALID_FRONT.replace("    accessed: 2024-07-06", "    accessed: 2024-07-06\n    lang: ru\n    language: ru")
    found = messages(problems_of(write_site(tmp_path, {"a.md": article(front)})))
    assert any("lang: `lang` and `language` are the same field" in m for m in found), found


def test_a_site_in_arabic_sets_html_lang_and_marks_english_articles(tmp_path):
    config = write_site(tmp_path, {"en.md": article(VALID_FRONT.replace("date:", "lang: en\ndate:"))},
                        config=CONFIG.replace("language: en", "language: ar"))
    build_site(config, strict=True)
    html = (tmp_path / "build/articles/en.html").read_text(encoding="utf-8")
    assert '<html lang="ar"' in html and '<h1 lang="en" dir="ltr">A valid article</h1>' in html
