"""Text in other languages in real headless Chromium (Debian's, through Playwright): `lang`, `dir` and right-to-left
rendering of an Arabic group label (page table and chart SVG) and Amharic wordings."""

from __future__ import annotations

import pytest

from helpers import article, build_site, write_site

ARABIC = "الخرطوم"  # Khartoum
AMHARIC_FIGURE = "ከ1100 በላይ"
AMHARIC_QUOTE = "ከ1100 በላይ ሰዎች ተገድለዋል"

FRONT = f"""\
title: Figures in three languages
date: 2024-07-05
sources:
  - id: ministry
    name: A ministry
    url: https://example.org/ministry
    accessed: 2024-07-06
claims:
  - id: by-state
    claimant: ru-mod
    category: casualties
    measure: killed
    claimed_on: 2024-07-05
    text: killed, by state
    total: {{as_worded: "{AMHARIC_FIGURE}", means: "more than 1100", lang: am}}
    by_group:
      "{ARABIC}": {{value: 700, lang: ar}}
      Western group: 420
    sources: [ministry]
  - id: said
    claimant: ru-mod
    claimed_on: 2024-07-05
    speaker: A spokesman
    lang: am
    text: "{AMHARIC_QUOTE}"
    quote: "{AMHARIC_QUOTE}"
    sources: [ministry]
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("languages")
    result = build_site(write_site(root, {"three.md": article(FRONT)}), strict=True)
    assert not result.warnings
    return root / "build"


@pytest.fixture(scope="module")
def page(browser):
    return browser.new_page()


#: For an element's first text node: computed direction and the x of its first and last (logical) characters.
CHARS = """(el) => {
  const node = [...el.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  const text = node.textContent, range = document.createRange();
  const box = (i) => { range.setStart(node, i); range.setEnd(node, i + 1); return range.getBoundingClientRect(); };
  return {direction: getComputedStyle(el).direction, first: box(0).left, last: box(text.length - 1).left};
}"""


def test_an_arabic_group_label_has_lang_and_dir_and_reads_right_to_left_on_the_page(built, page):
    page.goto((built / "articles/three.html").as_uri())
    label = page.locator("table.breakdown-table th", has_text=ARABIC)
    assert label.get_attribute("lang") == "ar" and label.get_attribute("dir") == "rtl"
    chars = label.evaluate(CHARS)
    assert chars["direction"] == "rtl"
    assert chars["first"] > chars["last"]  # the first letter in reading order is drawn rightmost
    english = page.locator("table.breakdown-table th", has_text="Western group")
    assert english.get_attribute("lang") is None and english.evaluate(CHARS)["direction"] == "ltr"


def test_amharic_wordings_and_quote_carry_lang_and_stay_left_to_right(built, page):
    page.goto((built / "articles/three.html").as_uri())
    figure = page.locator("#claim-by-state dd span.figure")
    assert figure.inner_text() == AMHARIC_FIGURE and figure.get_attribute("lang") == "am"
    quote = page.locator("#claim-said blockquote p")
    assert quote.inner_text() == AMHARIC_QUOTE and quote.get_attribute("lang") == "am"
    assert quote.get_attribute("dir") is None and quote.evaluate(CHARS)["direction"] == "ltr"
    assert page.locator("#claim-said-title").get_attribute("lang") == "am"
    assert page.locator("html").get_attribute("lang") == "en"


def test_the_arabic_label_in_the_chart_svg_is_marked_and_drawn_right_to_left_left_of_the_bars(built, page):
    chart = next((built / "charts").rglob("*.svg"))
    page.goto(chart.as_uri())
    found = page.evaluate("""(arabic) => {
      const t = [...document.querySelectorAll('text')].find(e => e.textContent === arabic);
      const n = t.getNumberOfChars(), box = t.getBBox();
      return {lang: t.parentNode.getAttribute('xml:lang'), direction: getComputedStyle(t).direction,
              first: t.getStartPositionOfChar(0).x, last: t.getStartPositionOfChar(n - 1).x,
              right: box.x + box.width, anchor: parseFloat(t.getAttribute('x'))};
    }""", ARABIC)
    assert found["lang"] == "ar" and found["direction"] == "rtl"
    assert found["first"] > found["last"]
    assert abs(found["right"] - found["anchor"]) < 1  # ends where the English labels end, left of the bars
