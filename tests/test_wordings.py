"""Real wordings (issue 13) through a real build: each builds, is shown verbatim on its page and in claims.json;
unreadable ones fail with `path:line` and the as_worded hint (site_gen.content.claims, quantities, charts, exports)."""

from __future__ import annotations

import html
import json
import re

import pytest

from helpers import CONFIG, article, build_site, line_of, messages, problems_of, write_site

A = "content/articles/a.md"

#: (wording as the claimant gave it, our `means` when the grammar cannot read it, its language).
REAL_WORDINGS = [
    ("nearly 1,500", None, None),
    ("as many as 10", None, None),
    ("roughly 1,200", None, None),
    ("scores", None, None),
    ("a number of", None, None),
    ("from 22 to 32", None, None),
    ("nine", None, None),
    ("Seventy", None, None),
    ("10,000 plus", None, None),
    ("more than 70 per cent", None, None),  # a percentage (§7.6)
    ("pelo menos 200", None, "pt"),          # read through the site vocabulary of the claim's `lang` (§7.5)
    ("ከ1100 በላይ", "more than 1100", "am"),
    ("أكثر من ١٠٠", "more than ١٠٠", "ar"),
    ("more than 2800", None, None),
    ("22-32", None, None),
    ("almost 300", None, None),
    ("an estimated 1,000", None, None),
    ("upwards of 500", None, None),
    ("in excess of 10,000", None, None),
    ("no fewer than 40", None, None),
    ("a few", None, None),
    ("several", None, None),
    ("१,२५०", None, None),
    ("two hundred and fifty", None, None),
    ("12,34,567", None, None),
    ("scores, and likely hundreds", "unquantified", None),
]


def front(claims: list[str], extra: str = "") -> str:
    items = "".join(claims)
    return (
        "title: Real wordings\n"
        "date: 2024-07-05\n"
        f"{extra}"
        "sources:\n"
        "  - {id: mod, name: MoD, url: 'https://example.org/mod', accessed: 2024-07-06}\n"
        "claims:\n"
        f"{items}"
    )


def claim(claim_id: str, total: str, more: str = "") -> str:
    return (f"  - id: {claim_id}\n    claimant: ru-mod\n    claimed_on: 2024-07-05\n    text: figure {claim_id}\n"
            f"    total: {total}\n    sources: [mod]\n{more}")


def yaml_figure(wording: str, means: str | None, lang: str | None) -> str:
    if means is None:
        return json.dumps(wording, ensure_ascii=False)
    mapping = {"as_worded": wording, "means": means} | ({"lang": lang} if lang else {})
    return json.dumps(mapping, ensure_ascii=False)


PT_VOCABULARY = 'wordings:\n  pt: {"pelo menos": "at least", "mais de": "more than"}\n'


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("wordings")
    claims = [claim(f"c{i}", yaml_figure(*w), f"    lang: {w[2]}\n" if w[1] is None and w[2] else "")
              for i, w in enumerate(REAL_WORDINGS)]
    config = write_site(root, {"a.md": article(front(claims))}, CONFIG + PT_VOCABULARY)
    build_site(config)
    out = root / "build"
    return (out / "articles" / "a.html").read_text(encoding="utf-8"), json.loads((out / "claims.json").read_text("utf-8"))


def card(page: str, claim_id: str) -> str:
    return re.search(rf'<article class="claim-card[^"]*" id="claim-{claim_id}".*?</article>', page, re.S).group()


@pytest.mark.parametrize(("index", "wording", "means", "lang"), [(i, *w) for i, w in enumerate(REAL_WORDINGS)],
                         ids=[w[0] for w in REAL_WORDINGS])
def test_each_real_wording_builds_and_is_shown_verbatim(built, index, wording, means, lang):
    page, document = built
    shown = card(page, f"c{index}")
    assert f">{html.escape(wording)}</span>" in shown
    [record] = [r for r in document["claims"] if r["id"] == f"a#c{index}"]
    assert record["wording"] == wording
    if means is not None:
        assert re.search(r'<span class="read-as"[^>]*>\(read as: [^<]+\)</span>', shown)
        assert "sitegen\u2019s reading" in shown or "sitegen's reading" in shown


def test_an_as_worded_figure_shows_our_reading_beside_it(built):
    page, document = built
    amharic = card(page, f"c{[w[0] for w in REAL_WORDINGS].index('ከ1100 በላይ')}")
    assert ">ከ1100 በላይ</span> <span class=\"read-as\"" in amharic
    assert "(read as: more than 1,100)" in amharic
    [record] = [r for r in document["claims"] if r["wording"] == "ከ1100 በላይ"]
    assert (record["display"], record["qualifier"], record["low"], record["high"]) == (">1,100", "gt", 1101, None)


def test_the_percentage_and_the_portuguese_wording_build_without_as_worded(built):
    page, document = built
    records = {r["wording"]: r for r in document["claims"]}
    percent, pt = records["more than 70 per cent"], records["pelo menos 200"]
    assert (percent["unit"], percent["display"], percent["low"], percent["high"]) == ("percent", ">70%", 71, 100)
    assert (pt["qualifier"], pt["low"], pt["high"], pt["lang"]) == ("gte", 200, None, "pt")
    pt_card = card(page, f"c{[w[0] for w in REAL_WORDINGS].index('pelo menos 200')}")
    assert ">pelo menos 200</span>" in pt_card and "(read as: at least 200)" in pt_card


def test_unquantified_figures_export_no_value(built):
    _, document = built
    [record] = [r for r in document["claims"] if r["wording"] == "a number of"]
    assert (record["qualifier"], record["value"], record["low"], record["high"]) == ("unquantified", None, 1, None)


# --- errors: located, with the as_worded hint ----------------------------------------------------------------

def build_errors(tmp_path, monkeypatch, text: str) -> list[str]:
    monkeypatch.chdir(tmp_path)
    return messages(problems_of(write_site(tmp_path, {"a.md": text})))


def test_an_unreadable_wording_fails_with_its_line_and_the_as_worded_hint(tmp_path, monkeypatch):
    text = article(front([claim("c1", '"at the low end of the spectrum"')]))
    [message] = build_errors(tmp_path, monkeypatch, text)
    assert message.startswith(
        f'{A}:{line_of(text, "total:")}: claims.c1.total: cannot read "at the low end of the spectrum" '
        '(write it as {as_worded: "at the low end of the spectrum", means: "..."}, where `means` is our reading')


def test_a_yaml_float_fails_with_the_hint_to_quote_it(tmp_path, monkeypatch):
    text = article(front([claim("c1", "3.478")]))
    [message] = build_errors(tmp_path, monkeypatch, text)
    assert message.startswith(f"{A}:{line_of(text, 'total:')}: claims.c1.total: YAML reads this unquoted figure as the "
                              'decimal number 3.478, not a count (quote it exactly as the source writes it, e.g. "3.478";')


def test_mixed_script_digits_fail_the_build(tmp_path, monkeypatch):
    text = article(front([claim("c1", '"1٥0"')]))
    assert build_errors(tmp_path, monkeypatch, text) == [
        f'{A}:{line_of(text, "total:")}: claims.c1.total: "1٥0" mixes Western and Arabic-Indic digits '
        "(write each number in one script, as the source does)"]


def test_a_point_as_thousands_separator_needs_a_number_locale(tmp_path, monkeypatch):
    text = article(front([claim("c1", '"3.478"')]))
    [message] = build_errors(tmp_path, monkeypatch, text)
    assert message.startswith(f'{A}:{line_of(text, "total:")}: claims.c1.total: "3.478" is ambiguous: "." may '
                              "separate thousands (3478) or decimals (3.478) (set `number_locale:`")


@pytest.mark.parametrize(("article_locale", "claim_locale"), [("pt", None), (None, "de"), ("en", "pt-BR")])
def test_number_locale_on_the_article_or_the_claim_reads_the_point_as_thousands(tmp_path, article_locale,
                                                                                claim_locale):
    extra = f"number_locale: {article_locale}\n" if article_locale else ""
    more = f"    number_locale: {claim_locale}\n" if claim_locale else ""
    config = write_site(tmp_path, {"a.md": article(front([claim("c1", '"pelo menos 3.478"', more)], extra))})
    # "pelo menos" needs a site vocabulary (none in this site's config); the number alone is read under the locale:
    assert 'cannot read "pelo menos 3.478"' in messages(problems_of(config))[0]
    config = write_site(tmp_path, {"a.md": article(front([claim("c1", '"3.478"', more)], extra))})
    build_site(config)
    document = json.loads((tmp_path / "build" / "claims.json").read_text("utf-8"))
    assert (document["claims"][0]["wording"], document["claims"][0]["value"]) == ("3.478", 3478)


def test_a_bad_number_locale_and_a_means_it_cannot_read_are_located(tmp_path, monkeypatch):
    more = "    number_locale: not a tag\n"
    text = article(front([claim("c1", '{as_worded: "a lot", means: "lots"}', more)]))
    found = build_errors(tmp_path, monkeypatch, text)
    line = line_of(text, "total:")
    assert len(found) == 2
    assert found[0].startswith(f'{A}:{line}: claims.c1.total.means: cannot read "lots" (`means` is our reading')
    assert found[1] == (f'{A}:{line_of(text, "number_locale")}: claims.c1.number_locale: bad language tag "not a tag" '
                        "(use a BCP 47 tag such as pt, de or pt-BR)")


def test_an_as_worded_mapping_needs_means(tmp_path, monkeypatch):
    text = article(front([claim("c1", '{as_worded: "ከ1100 በላይ", lang: am, mean: "more than 1100"}')]))
    found = build_errors(tmp_path, monkeypatch, text)
    line = line_of(text, "total:")
    assert f"{A}:{line}: claims.c1.total.mean: unknown field `mean` (did you mean `means`?)" in found
    assert not any("missing required field" in line for line in found)  # the typo names it: no follow-on line


# --- unquantified parts of a breakdown: listed as worded, never a bar, never a bounded sum ---------------------

def test_an_unquantified_breakdown_entry_is_listed_as_worded_and_makes_the_sum_unbounded(tmp_path):
    by_group = ('    by_group:\n      North: 475\n      South: "a number of"\n'
                '      East: {as_worded: "scores, and likely hundreds", means: unquantified}\n'
                '      West: {as_worded: "ከ1100 በላይ", means: "more than 1100", lang: am}\n'
                '      Centre: "from 22 to 32"\n')
    config = write_site(tmp_path, {"a.md": article(front([claim("c1", '"over 2,000"', by_group)]))})
    result = build_site(config)
    assert not result.findings  # 475 + "a number of" + ... may well be over 2,000: no disagreement to report
    page = (tmp_path / "build" / "articles" / "a.html").read_text("utf-8")
    alt = html.unescape(re.search(r'<img src="[^"]*charts/[^"]*" alt="([^"]*)"', page).group(1))
    assert "South: “a number of” (not quantified)" in alt
    assert "East: “scores, and likely hundreds” (not quantified)" in alt
    assert "West: ከ1100 በላይ (read as more than 1,100); Centre: from 22 to 32 (between 22 and 32)." in alt
    assert "The group figures add up to 1,600 or more." in alt
    assert ">a number of</span>" in card(page, "c1") and ">scores, and likely hundreds</span>" in card(page, "c1")
    svg = next((tmp_path / "build" / "charts").glob("*.svg")).read_text("utf-8")
    assert "a number of: not quantified, no bar" in svg and "not quantified, no bar" in svg


def test_an_unquantified_entry_still_lets_a_bounded_total_be_exceeded(tmp_path):
    by_group = '    by_group:\n      North: 475\n      South: "many"\n'
    config = write_site(tmp_path, {"a.md": article(front([claim("c1", "300", by_group)]))})
    [finding] = build_site(config).findings
    assert finding.kind == "breakdown-sum" and "(475 + many)" in finding.message


# --- series: the same grammar, number_locale on the declaration, never an unquantified point ------------------

def dotted_tanks(csv: str) -> str:
    """The series site's CSV with its tank figures written with "." between thousands (10 -> 1.010)."""
    for day, tanks in (("01", "10"), ("02", "12"), ("03", "15"), ("04", "14"), ("05", "18")):
        csv = csv.replace(f"2024-01-{day},{tanks},", f"2024-01-{day},1.0{tanks},")
    return csv


def test_a_series_declaration_takes_a_number_locale(tmp_path):
    from series_site import CSV, DECLARATION, series_site

    declaration = DECLARATION.replace("values:\n", "number_locale: de\nvalues:\n")
    build_site(series_site(tmp_path, dotted_tanks(CSV), declaration))
    document = json.loads((tmp_path / "build" / "claims.json").read_text("utf-8"))
    tanks = [(r["wording"], r["value"]) for r in document["claims"] if r["id"].startswith("losses/tanks@")]
    assert tanks == [("1.010", 1010), ("1.012", 1012), ("1.015", 1015), ("1.014", 1014), ("1.018", 1018)]


def test_without_it_a_series_cell_with_a_point_is_ambiguous_and_an_unquantified_cell_an_error(tmp_path, monkeypatch):
    from series_site import CSV, series_site

    monkeypatch.chdir(tmp_path)
    csv = dotted_tanks(CSV).replace("2024-01-02,1.012,", "2024-01-02,many,")
    found = messages(problems_of(series_site(tmp_path, csv)))
    assert found[0].startswith('data/losses.csv:2: row 1, "tanks": "1.010" is ambiguous: "." may separate thousands')
    assert found[1] == ('data/losses.csv:3: row 2, "tanks": a series needs a number on each date, got "many" '
                        "(leave the cell empty when the report gives no figure)")
    assert len(found) == 5


# --- verbatim everywhere (§7.1): feed, JSON-LD, finding messages and chart labels show the wording as typed ------

def test_the_feed_json_ld_findings_and_chart_labels_show_the_wording_as_typed(tmp_path):
    by_group = '    by_group:\n      North: "22-32"\n      South: "nine"\n'
    config = write_site(tmp_path, {"a.md": article(front([claim("c1", '"more than 2800"', by_group)]))})
    [finding] = build_site(config).findings
    assert "(22-32 + nine), which cannot be “more than 2800”, the total the claimant stated (more than 2,800)" in (
        finding.message)
    out = tmp_path / "build"
    feed = html.unescape((out / "feed.xml").read_text("utf-8"))
    assert "Claimed figure: more than 2800." in feed
    page = (out / "articles" / "a.html").read_text("utf-8")
    [ld] = re.findall(r'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S)
    assert json.loads(ld)["@graph"][0]["description"].startswith("Claimed by Russian Ministry of Defence (Russia): more than 2800;")
    svg = (out / "charts" / "a--c1.svg").read_text("utf-8")
    assert "Stated total: more than 2800" in svg and "does not match the stated total “more than 2800”" in svg
    for text in (feed, ld, finding.message, svg, html.unescape(page)):
        assert "more than 2,800”" not in text and "over 2,800" not in text and ": more than 2,800" not in text
