"""A site that translates every interface string shows no English interface text on any page type."""

from __future__ import annotations

import html.parser
import json
import re
import textwrap
from pathlib import Path

from helpers import article, build_site, write_site
from site_gen.core.interface import ENGLISH, placeholders

CONFIG = """\
title: Редакція заяв
description: Сайт, написаний тестом.
base_url: https://example.org/desk/
language: uk
timezone: Europe/Kyiv
claimants:
  ru-mod: {name: Міністерство оборони Росії, side: Росія, kind: уряд}
  ua-gs: {name: Генеральний штаб ЗСУ, side: Україна, kind: військо}
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
#: after a finding's (translated) title, and the text of a series milestone on the timeline.
NOT_IN_TABLE = (
    (re.compile(r'(<p class="finding"><strong class="finding-label">.*?</strong>).*?</p>', re.S), r"\1</p>"),
    (re.compile(r'(<li class="timeline-entry milestone".*?<a href="[^"]*">)[^<]*(</a>)', re.S), r"\1\2"),
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
             "embed/series/losses/tanks-cumulative.html", "embed/series/losses/tanks-daily.html"}
    assert kinds <= set(pages), pages
    assert any(p.startswith("tags/") for p in pages)
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
