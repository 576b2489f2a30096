"""A site that translates every interface string shows no English interface text on any page type."""

from __future__ import annotations

import html.parser
import json
import re
import textwrap
from pathlib import Path

from helpers import CONFIG as EN_CONFIG
from helpers import VALID_FRONT, article, build_site, messages, problems_of, write_site

from site_gen.core.interface import ENGLISH, count_key, interface_text, placeholders
from site_gen.core.model import Finding
from site_gen.core.plurals import plural_category

CONFIG = """\
title: Редакція заяв
description: Сайт, написаний тестом.
base_url: https://example.org/desk/
language: uk
timezone: Europe/Kyiv
claimants:
  ru-mod: {name: Міністерство оборони Росії, side: Росія, kind: уряд}
  ua-gs: {name: Генеральний штаб ЗСУ, side: Україна, kind: військо}
events:
  doba: {title: Бої за добу, period: 2024-07-04/2024-07-05, location: Донецьк, description: Опис події.}
"""

FIRST = """\
title: Міноборони заявляє про дві тисячі загиблих
date: 2024-07-05
tags: [втрати]
summary: Заява міністерства про втрати за добу.
sources:
  - {id: mod, name: Міністерство оборони Росії, url: "https://example.org/mod", accessed: 2024-07-06}
  - {id: check, name: Перевірка, url: "https://example.org/check", accessed: 2024-07-07}
claims:
  - id: total
    claimant: ru-mod
    category: casualties
    measure: загиблі
    unit: осіб
    claimed_on: 2024-07-05
    period: 2024-07-04/2024-07-05
    text: дві тисячі загиблих за добу
    event: doba
    total: 2000
    by_group: {Північ: 1200, Південь: 900}
    sources: [mod]
  - id: disputed
    claimant: ua-gs
    category: equipment
    claimed_on: 2024-07-05
    text: знищено сто танків
    total: 100
    status: disputed
    as_of: 2024-07-08
    evidence: [check]
    conclusion: Перевірка не підтверджує цифру.
    sources: [mod]
"""

SECOND = """\
title: Міноборони називає іншу цифру
date: 2024-07-06
tags: [втрати]
sources:
  - {id: mod, name: Міністерство оборони Росії, url: "https://example.org/mod2", accessed: 2024-07-06}
claims:
  - id: other
    claimant: ru-mod
    category: casualties
    measure: загиблі
    unit: осіб
    claimed_on: 2024-07-06
    period: 2024-07-04/2024-07-05
    text: півтори тисячі загиблих за добу
    event: doba
    total: 1500
    sources: [mod]
"""

CSV = """\
date,tanks
2024-01-01,10
2024-01-02,12
2024-01-03,15
2024-01-04,14
2024-01-05,18
"""

DECLARATION = """\
title: Втрати, які заявляє міністерство
claimant: ru-mod
subject: українські сили
measure: знищено
status: unverifiable
file: ../../data/losses.csv
date_column: date
cumulative: true
values:
  - {column: tanks, label: Танки, unit: танки, milestones: [15]}
sources:
  - {id: mod, name: Міністерство оборони Росії, url: "https://example.org/mod", accessed: 2024-01-06}
"""


def marker(english: str) -> str:
    """A translation with no Latin letter that keeps every placeholder of the English."""
    return "Ж" + "".join(f" {{{name}}}" for name in sorted(placeholders(english)))


def full_translation() -> str:
    lines = [f"  {key}: {marker(text)!r}".replace("'", '"') for key, text in sorted(ENGLISH.items())]
    return "translations:\n" + "\n".join(lines) + "\n"


class VisibleText(html.parser.HTMLParser):
    """Text a reader sees or hears: text nodes (not styles, scripts, file paths in <code> or the code to copy in a
    textarea), shown
    attributes, the page's description and share-card alt text, and the words of its JSON-LD (JSON_LD_WORDS)."""

    SHOWN = ("title", "aria-label", "alt", "placeholder")

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0
        self.json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.json_ld = tag == "script" and attrs.get("type") == "application/ld+json"
        if tag in ("style", "script", "textarea", "code"):
            self.skip += 1
        self.parts += [value for name, value in attrs.items() if name in self.SHOWN and value]
        if tag == "meta" and attrs.get("content") and (attrs.get("name") or attrs.get("property", "")).endswith(
                ("description", "title", ":alt")):
            self.parts.append(attrs["content"])

    def handle_endtag(self, tag):
        if tag in ("style", "script", "textarea", "code") and self.skip:
            self.skip -= 1
        self.json_ld = False

    def handle_data(self, data):
        if self.json_ld:
            self.parts += [v for k, v in walk(json.loads(data)) if k in JSON_LD_WORDS]
        elif not self.skip:
            self.parts.append(data)


#: The JSON-LD keys whose values are words for people (the rest are schema.org's names and addresses).
JSON_LD_WORDS = ("description", "ratingExplanation", "alternateName")


def walk(node):
    """(key, text) of every text value in a JSON tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str):
                yield key, value
            else:
                yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


#: Our text that is not in the table yet (docs/configuration.md, "What the table does not cover"): the message
#: after a finding's (translated) title.
NOT_IN_TABLE = (
    (re.compile(r'(<p class="finding"><strong class="finding-label">.*?</strong>).*?</p>', re.S), r"\1</p>"),
)


def visible_text(page: str) -> str:
    for pattern, kept in NOT_IN_TABLE:
        page = pattern.sub(kept, page)
    parser = VisibleText()
    parser.feed(page)
    return re.sub(r"\bclaims(\.schema)?\.(json|csv)\b", " ", " ".join(parser.parts))


def english_phrases() -> set[str]:
    """The fixed parts of the English table's texts, between placeholders, that hold a word of 3+ letters."""
    found = set()
    for text in ENGLISH.values():
        for part in re.split(r"\{[^}]*\}", text):
            part = part.strip(" .,:;()\u201c\u201d")
            if re.search(r"[A-Za-z]{3,}", part):
                found.add(part)
    return found


def test_a_site_that_translates_every_key_has_no_english_interface_text_on_any_page(tmp_path):
    files = {"data/losses.csv": CSV, "content/series/losses.yaml": DECLARATION}
    config = write_site(tmp_path, {"first.md": article(FIRST, "Текст статті.\n"),
                                   "second.md": article(SECOND, "Ще текст.\n")},
                        config=CONFIG + full_translation(), files=files)
    build_site(config, strict=False, search=True)
    out = tmp_path / "build"
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    kinds = {"index.html", "timeline.html", "figures.html", "search.html", "404.html", "articles/first.html",
             "claimants/ru-mod.html", "series/ru-mod.html", "embed/first--total.html",
             "embed/series/losses/tanks-cumulative.html", "embed/series/losses/tanks-daily.html", "events/doba.html"}
    assert kinds <= set(pages), pages
    assert any(p.startswith("tags/") for p in pages) and any(p.startswith("embed/events/") for p in pages), pages
    timeline = (out / "timeline.html").read_text("utf-8")
    assert timeline.count('class="timeline-entry milestone"') == 3  # first report, threshold, revision: all translated
    assert timeline.count('<p class="finding">') == 0 and "finding-label" in (out / "articles/first.html").read_text("utf-8")
    phrases = english_phrases()
    left = {}
    for page in pages:
        text = visible_text((out / page).read_text("utf-8"))
        found = sorted(p for p in phrases if re.search(rf"(?<![A-Za-z]){re.escape(p)}(?![A-Za-z])", text))
        latin = sorted(set(re.findall(r"[A-Za-z]{2,}", text)) - ALLOWED)
        if found or latin:
            left[page] = (found, latin)
    assert left == {}, "\n".join(f"{p}: {f} {l}" for p, (f, l) in left.items())


#: Latin words a translated page may still show: file names and formats that are names, not English.
ALLOWED = {"Pagefind"}


DOCS = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"
EXAMPLE_MARK = "<!-- translations example: tests/test_translations.py -->"

THREE_CLAIMS = """\
title: A valid article
date: 2024-07-05
sources:
  - {id: mod, name: Russian Ministry of Defence, url: "https://example.org/mod", accessed: 2024-07-06}
claims:
""" + "".join(f"""\
  - id: c{i}
    claimant: ru-mod
    category: casualties
    claimed_on: 2024-07-05
    text: claim {i}
    total: {i}00
    sources: [mod]
""" for i in (1, 2, 3))


def docs_example() -> str:
    text = DOCS.read_text("utf-8")
    return re.search(re.escape(EXAMPLE_MARK) + r"\n```yaml\n(.*?)^```$", text, re.M | re.S)[1]


def test_the_documented_translation_example_builds_and_shows_its_words(tmp_path):
    example = docs_example()
    assert "count.claims.few" in example
    config = textwrap.dedent("""\
        title: Test Desk
        base_url: https://example.org/desk/
        claimants:
          ru-mod: {name: Russian Ministry of Defence, side: Russia, kind: government}
        """) + example
    build_site(write_site(tmp_path, {"a.md": article(THREE_CLAIMS)}, config=config), strict=True, search=False)
    index = (tmp_path / "build/index.html").read_text("utf-8")
    assert '<html lang="uk">' in index and '<p class="status-counts">3 заяви: ' in index
    page = (tmp_path / "build/articles/a.html").read_text("utf-8")
    assert '<p class="claim-attribution">Заявник <a' in page and "<dd>втрати</dd>" in page
    assert '<time datetime="2024-07-05">5 липня 2024 р.</time>' in page


PLURALS = """\
  count.claims.one: "{n} заява"
  count.claims.few: "{n} заяви"
  count.claims.many: "{n} заяв"
"""


def test_counts_take_the_plural_category_of_the_site_language_and_fall_back_to_other_then_english():
    assert [plural_category("uk", n) for n in (1, 2, 4, 5, 11, 12, 21, 22, 25, 111, 1001)] == [
        "one", "few", "few", "many", "many", "many", "one", "few", "many", "many", "one"]
    assert [plural_category("ar", n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 102, 103)] == [
        "zero", "one", "two", "few", "few", "many", "many", "other", "other", "few"]
    assert [plural_category(tag, 0) for tag in ("en", "fr", "pt-BR", "ja", "xx")] == ["other", "one", "one", "other",
                                                                                     "other"]
    site = {"count.claims.one": "{n} заява", "count.claims.few": "{n} заяви"}
    assert [count_key("count.claims", n, "uk", site) for n in (21, 3, 5)] == [
        "count.claims.one", "count.claims.few", "count.claims.other"]  # many: not given, nor .other: English
    assert count_key("count.claims", 5, "uk", {**site, "count.claims.other": "{n} з."}) == "count.claims.other"
    assert count_key("count.claims", 1, "uk", {}) == "count.claims.one"


def test_plural_forms_are_checked_like_every_translation(tmp_path):
    config = EN_CONFIG.replace("language: en", "language: uk") + "translations:\n" + PLURALS + """\
  count.claims.several: "{n}"
  nav.articles.few: Статті
  count.revisions.few: "{n} {m}"
"""
    found = messages(problems_of(write_site(tmp_path, {"a.md": article(VALID_FRONT)}, config=config)))
    assert not any("count.claims.one" in m or "count.claims.few" in m or "count.claims.many" in m for m in found)
    assert any('translations.count.claims.several: unknown interface string' in m for m in found), found
    assert any('translations.nav.articles.few: unknown interface string' in m for m in found), found
    assert any("translations.count.revisions.few: unknown placeholder {m} (this text may use: {n})" in m for m in found)


CORE = Path(__file__).resolve().parent.parent / "site_gen" / "core"


def test_every_kind_of_finding_has_its_title_in_the_table_with_the_same_english():
    kinds = {k for path in CORE.glob("*.py") for k in re.findall(r'\bFinding\(\s*"([\w-]+)"', path.read_text("utf-8"))}
    assert {"breakdown-sum", "conflicting-figures", "claimants-disagree"} <= kinds
    assert {k for k in kinds if f"finding.{k}" not in ENGLISH} == set()
    relayed = Finding("relay-differs", "a", "c", "the figure Reuters relayed differs", "", title_values=(("relay", "Reuters"),))
    for finding in (relayed, Finding("breakdown-sum", "a", "c", "breakdown does not add up to the stated total", "")):
        assert interface_text(f"finding.{finding.kind}", {}, **dict(finding.title_values)) == finding.title


RELAYED = VALID_FRONT.replace("    total: over 2,000\n", '    total: "2000"\n    relayed_by:\n'
                              '      - {by: "Daily Outlet", as_worded: "more than 2,500"}\n')


def test_a_relay_finding_title_on_the_page_names_the_relay_in_english_and_in_the_site_wording(tmp_path):
    config = EN_CONFIG + 'translations:\n  finding.relay-differs: "{relay} передав іншу цифру"\n'
    build_site(write_site(tmp_path / "uk", {"a.md": article(RELAYED)}, config=config), search=False)
    build_site(write_site(tmp_path / "en", {"a.md": article(RELAYED)}), search=False)
    assert ('<strong class="finding-label">Finding: the figure Daily Outlet relayed differs.</strong>'
            in (tmp_path / "en/build/articles/a.html").read_text("utf-8"))
    assert ('<strong class="finding-label">Finding: Daily Outlet передав іншу цифру.</strong>'
            in (tmp_path / "uk/build/articles/a.html").read_text("utf-8"))
