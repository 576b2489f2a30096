"""The theme's interface strings (core/interface.py): one English table, a site's `translations:` over it."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import CONFIG, VALID_FRONT, article, build_site, messages, problems_of, write_site
from site_gen.core.interface import ENGLISH, interface_string, placeholders
from site_gen.core.model import Status
from series_site import CSV, DECLARATION, REPO
from site_gen.content.config import load_config
from site_gen.content.load import load_articles
from site_gen.core.breakdowns import article_chart_jobs

TEMPLATES = Path(__file__).resolve().parent.parent / "site_gen/theme/templates"

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


def test_sites_built_one_after_another_in_one_process_keep_their_own_wording_and_dates(tmp_path):
    """Templates keep each site's escaped strings and dates in words once per wording: never another site's."""
    body = "[Over 2,000]{claim=total}.\n"
    configs = {"en": CONFIG, "uk": UKRAINIAN, "iso": CONFIG + 'date_format: "%Y-%m-%d"\n',
               "en2": CONFIG + "translations:\n  month.7: Julember\n"}
    dates = {}
    for name in ("en", "uk", "iso", "en2", "en"):
        build_site(write_site(tmp_path / name, {"a.md": article(VALID_FRONT, body)}, config=configs[name]), jobs=1)
        html = (tmp_path / name / "build/articles/a.html").read_text(encoding="utf-8")
        dates[name] = re.search(r'<time datetime="2024-07-05">([^<]*)</time>', html).group(1)
    assert dates == {"en": "5 July 2024", "uk": "5 липня 2024 р.", "iso": "2024-07-05", "en2": "5 Julember 2024"}


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


SERIES_UKRAINIAN = UKRAINIAN + """\
  series.heading: "Цифри, які заявляє {name}, звіт за звітом"
  series.missing_days: Пропущені дні
  series.added: (додано)
  count.revisions.one: "{n} перегляд"
  series.finding_revisions.one: "Висновок: перегляд."
  milestone.revision: Перегляд
  feed.claim: "{claimant} заявляє: {text}.{figure} {status}."
  feed.figure: "Заявлена цифра: {figure}."
  feed.claims: "Заяви в цій статті:"
  chart.cumulative_title: "{label}: заявлений загальний підсумок"
  chart.status_not_verified: "заявлено, не перевірено незалежно (статус: {status})"
  chart.alt_fell: "Падала {n} раз(и) (перегляди)."
"""


def test_a_site_in_ukrainian_translates_the_series_page_timeline_and_feed(tmp_path):
    body = "[Over 2,000]{claim=total}.\n"
    files = {"data/losses.csv": CSV, "content/series/losses.yaml": DECLARATION}
    config = write_site(tmp_path, {"a.md": article(VALID_FRONT, body)}, files=files)
    build_site(config)  # in English first: its charts are in the chart cache
    config.write_text(SERIES_UKRAINIAN, encoding="utf-8")
    build_site(config)
    page = (tmp_path / "build/series/ru-mod.html").read_text(encoding="utf-8")
    assert "<h1>Цифри, які заявляє Russian Ministry of Defence, звіт за звітом</h1>" in page
    assert "<h3>Пропущені дні</h3>" in page
    assert "1 перегляд, 0 gaps in the daily reports" in page  # untranslated keys stay English
    assert '<strong class="finding-label">Висновок: перегляд.</strong>' in page
    assert '<span class="milestone-kind">Перегляд</span>' in (tmp_path / "build/timeline.html").read_text(encoding="utf-8")
    svg = (tmp_path / "build/charts/series/losses/tanks-cumulative.svg").read_text(encoding="utf-8")
    assert "Tanks: заявлений загальний підсумок" in svg  # drawn anew: the title is in the spec the cache key hashes
    assert "The largest rise was 4 on 2024-01-05. Падала 1 раз(и) (перегляди)." in page  # alt text of the change chart
    assert ("Tanks, cumulative total: claimed by Russian Ministry of Defence (Russia): заявлено, не перевірено незалежно "
            "(статус: unverifiable claim).</figcaption>") in page  # status.unverifiable: not translated
    feed = (tmp_path / "build/feed.xml").read_text(encoding="utf-8")
    assert "&lt;p&gt;Заяви в цій статті:&lt;/p&gt;" in feed
    assert "Russian Ministry of Defence (Russia) заявляє: over 2,000 killed in 24 hours." in feed
    assert "Заявлена цифра: over 2,000 people." in feed
    assert "&lt;strong&gt;Неперевірена заява; not independently verified&lt;/strong&gt;" in feed


#: Attributes a reader sees or hears: their values must come from the table too.
SHOWN_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")


def every_template() -> list[str]:
    return sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))


def english_words(template: str) -> list[str]:
    """Words of two or more Latin letters in a template's text outside tags, `{{ }}`, `{% %}` and comments, and in
    the values of the attributes a reader sees or hears (SHOWN_ATTRIBUTES); file names such as claims.csv are not
    words."""
    text = re.sub(r"\{% block \w+_class %\}.*?\{% endblock %\}", " ", template)  # class names, not text
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    names = "|".join(SHOWN_ATTRIBUTES)
    shown = re.findall(rf"""\s(?:{names})=(?:"([^"]*)"|'([^']*)')""", text)
    text = re.sub(r"<[^>]*>|&#?\w+;|\b[\w-]+\.(?:csv|json)\b", " ", text, flags=re.S)
    words = re.findall(r"[A-Za-z]{2,}", text)
    return words + [w for pair in shown for value in pair for w in re.findall(r"[A-Za-z]{2,}", value)]


def test_every_template_has_no_literal_english_outside_the_table():
    found = {name: english_words((TEMPLATES / name).read_text(encoding="utf-8")) for name in every_template()}
    assert len(found) >= 21
    assert {name: words for name, words in found.items() if words} == {}


def test_the_word_finder_sees_literal_english():
    assert english_words('<p class="x">Claimed by {{ name }} &minus;</p>') == ["Claimed", "by"]
    assert english_words('{{ t("series.heading", name=n) }} <a href="{{ url(\'claims.csv\') }}">claims.csv</a>') == []
    assert english_words('<nav aria-label="Filter by claimant"><img alt="{{ a }}" title=\'Chart\'></nav>') == [
        "Filter", "by", "claimant", "Chart"]
    assert english_words('<input placeholder="{{ t(\'search.placeholder\') }}" class="wide-box">') == []


def test_breakdown_charts_take_their_words_from_the_site_table():
    config = load_config(REPO / "config.yaml")
    articles, _ = load_articles(config, False)
    article = next(a for a in articles if any(c.by_group for c in a.claims))
    [(_, english)] = article_chart_jobs(article)[:1]
    [(_, ukrainian)] = article_chart_jobs(article, (("breakdown_chart.title", "{claimant}: {measure} за групами"),
                                                    ("breakdown_chart.footnote", "Заявник: {claimant}.")))[:1]
    claim = next(c for c in article.claims if c.by_group)
    assert " by group" in english.spec.title
    assert ukrainian.spec.title.startswith(f"{claim.claimant.name}: ") and ukrainian.spec.title.endswith(" за групами")
    assert ukrainian.spec.footnote.endswith(f"Заявник: {claim.claimant.display}.")
    assert ukrainian.spec != english.spec  # the words are in the spec, which the chart cache key hashes
