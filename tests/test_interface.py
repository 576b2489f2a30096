"""The theme's interface strings (core/interface.py): one English table, a site's `translations:` over it."""

from __future__ import annotations

from helpers import CONFIG, VALID_FRONT, article, build_site, messages, problems_of, write_site
from site_gen.core.interface import ENGLISH, interface_string, placeholders
from site_gen.core.model import Status

UKRAINIAN = CONFIG.replace("language: en", "language: uk") + """\
translations:
  nav.articles: Статті
  article.claims: Заяви в цій статті
  status.unverified: Неперевірена заява
  date.day: "{day} {month} {year} р."
  month.7: липня
  claim.claimed_by: Заявник
  count.claims.one: "{n} заява"
  status.unverified.count.one: "{n} неперевірена"
  404.try: "Спробуйте {articles} або {timeline}."
"""


def test_every_status_has_a_label_and_an_explanation_in_the_table():
    for status in Status:
        assert ENGLISH[f"status.{status.value}"] == status.label
        assert ENGLISH[f"status.{status.value}.explanation"] == status.explanation


def test_a_site_string_overrides_the_english_and_a_missing_one_falls_back_to_it():
    assert interface_string("nav.articles", {"nav.articles": "Статті"}) == "Статті"
    assert interface_string("nav.timeline", {"nav.articles": "Статті"}) == "Timeline of claims"
    assert placeholders(ENGLISH["date.day"]) == {"day", "month", "year"}


def test_a_site_in_ukrainian_shows_its_translations_and_english_for_the_rest(tmp_path):
    build_site(write_site(tmp_path, {"a.md": article(VALID_FRONT, "[Over 2,000]{claim=total}.\n")}, config=UKRAINIAN),
               strict=True)
    html = (tmp_path / "build/articles/a.html").read_text(encoding="utf-8")
    assert '<html lang="uk">' in html
    assert '<li><a href="../index.html">Статті</a></li>' in html
    assert '<h2 id="claims-h">Заяви в цій статті</h2>' in html
    assert '<span class="status-icon" aria-hidden="true"></span>Неперевірена заява</span>' in html
    assert '<time datetime="2024-07-05">5 липня 2024 р.</time>' in html
    assert '<p class="claim-attribution">Заявник <a' in html
    assert '<span class="badge-status">Неперевірена заява</span>' in html  # the inline badge too
    assert '<h2 id="sources-h">Sources</h2>' in html  # not translated: English
    index = (tmp_path / "build/index.html").read_text(encoding="utf-8")
    assert '<p class="status-counts">1 заява: <span class="status status-unverified">' in index
    assert '<span class="status-icon" aria-hidden="true"></span>1 неперевірена</span>' in index
    missing = (tmp_path / "build/404.html").read_text(encoding="utf-8")
    assert 'Спробуйте <a href="/desk/">list of articles</a> або <a href="/desk/timeline.html">timeline of claims</a>.' in missing


def test_english_output_is_unchanged_by_the_table(built_fixture):
    html = built_fixture.page("index.html")
    assert '<a class="skip-link" href="#main">Skip to content</a>' in html
    assert "unless a claim says otherwise, it has <strong>not been independently verified</strong>.</p>" in html


def test_translations_are_checked_with_their_lines(tmp_path):
    config = CONFIG + """\
translations:
  nav.artciles: Статті
  date.day: "{day} {mnth}"
  date.month: "{month"
  nav.timeline: [a, list]
"""
    found = messages(problems_of(write_site(tmp_path, {"a.md": article(VALID_FRONT)}, config=config)))
    assert 'config.yaml:10: translations.nav.artciles: unknown interface string "nav.artciles" (did you mean `nav.articles`?)' in found
    assert "config.yaml:11: translations.date.day: unknown placeholder {mnth} (this text may use: {day}, {month}, {year})" in found
    assert any(m.startswith("config.yaml:12: translations.date.month: a `{` or `}` without its pair") for m in found)
    assert any(m.startswith("config.yaml:13: translations.nav.timeline: expected a text, got a list") for m in found), found


def test_a_bad_site_language_is_an_error(tmp_path):
    found = messages(problems_of(write_site(tmp_path, {"a.md": article(VALID_FRONT)},
                                            config=CONFIG.replace("language: en", "language: English (UK)"))))
    assert any('language: bad language tag "English (UK)"' in m for m in found), found
