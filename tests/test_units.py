"""Units, percentages, caveats and site vocabularies (issue 13, §7.5, §7.6, §7.8) through a real build: read by
site_gen.content.claims/config, checked by core.checks, drawn by core.breakdowns + charts, shown by the theme,
feed and JSON-LD, exported by render.exports."""

from __future__ import annotations

import html
import itertools
import json
import re
import xml.etree.ElementTree as ET

import pytest

from helpers import CONFIG, article, build_site, line_of, messages, problems_of, write_site

A = "content/articles/mixed.md"

VOCABULARIES = """\
wordings:
  pt: {"pelo menos": "at least", "mais de": "more than", "cerca de": "about", "até": "up to", "de {a} a {b}": "range"}
"""

#: One article mixing people, vehicles and percent, with caveats on a claim and on figures, and a Portuguese
#: wording read through the site vocabulary.
MIXED = """\
title: Mixed units
date: 2024-07-05
sources:
  - {id: mod, name: MoD, url: 'https://example.org/mod', accessed: 2024-07-06}
claims:
  - id: losses
    claimant: ru-mod
    category: casualties
    measure: killed
    claimed_on: 2024-07-05
    text: losses by group, with vehicles and a share given in the same statement
    total: over 12,000
    caveat: The ministry said the figures are not final.
    by_group:
      North: 6,113
      South: {value: "3,389", caveat: "Includes the missing."}
      Armour: {value: 257, unit: vehicles}
      Conscripts: "38%"
    sources: [mod]
  - id: vehicles
    claimant: ru-mod
    category: equipment
    measure: destroyed
    unit: vehicles
    claimed_on: 2024-07-05
    text: vehicles destroyed
    total: at least 400
    by_group:
      Tanks: 143
      Trucks: 281
    sources: [mod]
  - id: share
    claimant: ru-mod
    category: casualties
    measure: killed
    claimed_on: 2024-07-05
    text: the share of civilians among the dead
    total: more than 70 per cent
    sources: [mod]
  - id: pt
    claimant: ru-mod
    category: casualties
    measure: killed
    lang: pt
    claimed_on: 2024-07-05
    text: pelo menos 200 mortos
    total: pelo menos 200
    by_group:
      Norte: de 80 a 90
      Sul: {as_worded: "mais de cem", means: "more than 100", lang: pt, caveat: "Número provisório."}
    sources: [mod]
"""
PEOPLE = {"North": 6113, "South": 3389}
OTHERS = {"Armour": 257, "Conscripts": 38}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("units")
    result = build_site(write_site(root, {"mixed.md": article(MIXED)}, CONFIG + VOCABULARIES))
    out = root / "build"
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    return result, files


def texts(files: dict[str, bytes]) -> dict[str, str]:
    """Every output file's human-readable text: HTML and feed unescaped (alt text included), SVG text nodes."""
    found = {}
    for path, data in files.items():
        if path.endswith(".svg"):
            nodes = ET.fromstring(data).iter()
            found[path] = " ".join(n.text for n in nodes if n.text and n.text.strip())
        elif path.endswith((".html", ".xml", ".json", ".csv", ".txt")):
            found[path] = html.unescape(html.unescape(data.decode("utf-8")))
    return found


def cross_unit_sums() -> set[int]:
    """Every sum of the losses claim's figures that takes in more than one unit."""
    figures = [(v, "people") for v in PEOPLE.values()] + [(257, "vehicles"), (38, "percent")]
    sums = set()
    for size in range(2, len(figures) + 1):
        for combo in itertools.combinations(figures, size):
            if len({unit for _, unit in combo}) > 1:
                sums.add(sum(v for v, _ in combo))
    return sums


def test_a_site_mixing_people_vehicles_and_percent_never_states_a_sum_across_units(site):
    _, files = site
    every = texts(files)
    assert {"articles/mixed.html", "feed.xml", "claims.json", "charts/mixed--losses.svg"} <= set(every)
    for path, text in every.items():
        for n in cross_unit_sums():
            assert not re.search(rf"(?<![\d,.]){n:,}(?![\d,])|(?<![\d,.]){n}(?![\d,])", text), (path, n)
        for statement in re.findall(r"add up to (?!the stated total)(?:somewhere from \S+ to \S+|[\d,]+ or more|[\d,]+)(?: [a-z]+ ?)?", text):
            assert re.fullmatch(r"add up to (9,502 people|424 vehicles|181 or more people|somewhere from \S+ to \S+ people) ?",
                                statement), (path, statement)
    page = every["articles/mixed.html"]
    assert "The 2 group figures in people add up to 9,502 people (6,113 + 3,389)" in page  # the finding
    assert "Not comparable: different units: Armour (257 vehicles); Conscripts (38%)." in page


def test_the_chart_draws_one_unit_and_names_the_others(site):
    _, files = site
    svg = texts(files)["charts/mixed--losses.svg"]
    assert "killed (people) by group" in svg and "6,113" in svg and "3,389" in svg
    assert "Armour: 257 vehicles" in svg and "Conscripts: 38%" in svg and "Not drawn, not comparable" in svg
    assert not re.search(r"(?<![\d,])257(?![\d,])", svg.split("Not drawn")[0])  # no bar for the vehicles
    page = texts(files)["articles/mixed.html"]
    alt = re.search(r'alt="(Bar chart[^"]*mixed--losses|Bar chart of figures claimed[^"]*)"', page).group(1)
    assert "North: 6,113 people; South: 3,389 people (caveat: Includes the missing.)." in alt
    assert "Stated total: over 12,000 people (more than 12,000) (caveat: The ministry said the figures are not final.)" in alt
    assert "The group figures in people add up to 9,502 people." in alt
    assert "Not comparable (different units), not drawn and not added: Armour: 257 vehicles; Conscripts: 38% (38 per cent)." in alt


def card(page: str, claim_id: str) -> str:
    return re.search(rf'<article class="claim-card[^"]*" id="claim-{claim_id}".*?</article>', page, re.S).group()


def test_units_and_caveats_are_shown_beside_the_figures_on_the_card(site):
    _, files = site
    page = files["articles/mixed.html"].decode("utf-8")
    losses = card(page, "losses")
    assert ('>over 12,000</span> <span class="unit">people</span>, killed <span class="claimed-word">(claimed)</span> '
            '<span class="caveat">(caveat: The ministry said the figures are not final.)</span>') in losses
    assert '>3,389</span> <span class="unit">people</span> <span class="caveat">(caveat: Includes the missing.)</span>' in losses
    assert '>257</span> <span class="unit">vehicles</span>' in losses
    assert re.search(r'>38%</span></td><td[^>]*><span class="not-comparable">not comparable: different units', losses)
    share = card(page, "share")
    assert '>more than 70 per cent</span> killed' in share  # the wording says the unit: not said twice


def test_units_and_caveats_are_in_the_figures_page_timeline_and_feed(site):
    _, files = site
    figures = files["figures.html"].decode("utf-8")
    assert '>257</span> <span class="unit">vehicles</span>' in figures
    assert "(caveat: The ministry said the figures are not final.)" in figures
    timeline = files["timeline.html"].decode("utf-8")
    assert '>at least 400</span> <span class="unit">vehicles</span>' in timeline
    feed = html.unescape(files["feed.xml"].decode("utf-8"))
    assert "Claimed figure: over 12,000 people (caveat: The ministry said the figures are not final)." in feed
    assert "Claimed figure: more than 70 per cent." in feed
    assert "Claimed figure: at least 400 vehicles." in feed


def test_exports_carry_unit_lang_and_caveat_per_claim_and_entry(site):
    _, files = site
    records = {r["id"]: r for r in json.loads(files["claims.json"])["claims"]}
    losses = records["mixed#losses"]
    assert (losses["unit"], losses["lang"], losses["caveat"]) == ("people", "en", "The ministry said the figures are not final.")
    entries = {g["group"]: g for g in losses["by_group"]}
    assert (entries["Armour"]["unit"], entries["Conscripts"]["unit"], entries["North"]["unit"]) == ("vehicles", "percent", "people")
    assert entries["South"]["caveat"] == "Includes the missing." and entries["North"]["caveat"] is None
    share = records["mixed#share"]
    assert (share["wording"], share["display"], share["unit"], share["low"], share["high"]) == (
        "more than 70 per cent", ">70%", "percent", 71, 100)
    pt = records["mixed#pt"]
    assert (pt["wording"], pt["qualifier"], pt["low"], pt["lang"], pt["wording_lang"]) == ("pelo menos 200", "gte", 200, "pt", "pt")
    sul = {g["group"]: g for g in pt["by_group"]}["Sul"]
    assert (sul["wording"], sul["lang"], sul["caveat"], sul["low"]) == ("mais de cem", "pt", "Número provisório.", 101)
    header, *rows = list(__import__("csv").reader(files["claims.csv"].decode("utf-8").splitlines()))
    row = dict(zip(header, rows[0]))
    assert (row["unit"], row["lang"], row["caveat"]) == ("people", "en", "The ministry said the figures are not final.")
    assert json.loads(row["by_group"])[2]["unit"] == "vehicles"


def test_a_portuguese_wording_builds_with_the_site_vocabulary_and_is_shown_verbatim(site):
    result, files = site
    page = files["articles/mixed.html"].decode("utf-8")
    pt = card(page, "pt")
    assert ">pelo menos 200</span>" in pt and "(read as: at least 200)" in pt
    assert ">de 80 a 90</span>" in pt
    assert not [f for f in result.findings if f.claim_id == "pt"]  # 80-90 + more than 100 can be at least 200


# --- errors, located ------------------------------------------------------------------------------------------

def one_claim(more: str, total: str = "500") -> str:
    return article(
        "title: T\ndate: 2024-07-05\nsources:\n  - {id: mod, name: MoD, url: 'https://example.org/mod', "
        "accessed: 2024-07-06}\nclaims:\n  - id: c1\n    claimant: ru-mod\n    category: casualties\n"
        f"    claimed_on: 2024-07-05\n    text: t\n    total: {total}\n    sources: [mod]\n{more}")


def errors(tmp_path, monkeypatch, text: str, config: str = CONFIG) -> list[str]:
    monkeypatch.chdir(tmp_path)
    return messages(problems_of(write_site(tmp_path, {"mixed.md": text}, config)))


def test_a_percentage_above_100_fails_with_its_line(tmp_path, monkeypatch):
    text = one_claim("    by_group:\n      North: {value: 120, unit: percent}\n", total='"more than 120 per cent"')
    found = errors(tmp_path, monkeypatch, text)
    assert found == [
        f'{A}:{line_of(text, "total:")}: claims.c1.total: "more than 120 per cent" is above 100 per cent (a percentage '
        "lies between 0 and 100; check the figure, or give the unit the figure counts with `unit:`)",
        f'{A}:{line_of(text, "North:")}: claims.c1.by_group.North: "120" is above 100 per cent (a percentage lies '
        "between 0 and 100; check the figure, or give the unit the figure counts with `unit:`)",
    ]


def test_a_unit_that_contradicts_the_wording_is_an_error(tmp_path, monkeypatch):
    text = one_claim('    unit: people\n    by_group:\n      North: {value: "40%", unit: tanks}\n', total='"70%"')
    found = errors(tmp_path, monkeypatch, text)
    assert found == [
        f"{A}:{line_of(text, 'total:')}: claims.c1.total: the figure is in percent but the claim's unit is people "
        "(give the claim the unit its total counts, or give the entry its own `unit:`)",
        f"{A}:{line_of(text, 'North:')}: claims.c1.by_group.North.unit: the wording is in percent but `unit` says tanks "
        "(keep the unit the wording states)",
    ]


def test_a_caveat_given_twice_and_bad_lang_tags_are_located(tmp_path, monkeypatch):
    text = one_claim("    caveat: Not final.\n    lang: not a tag\n", total='{value: 500, caveat: "Provisional."}')
    found = errors(tmp_path, monkeypatch, text)
    assert found == [
        f"{A}:{line_of(text, 'caveat: Not final')}: claims.c1.caveat: the claim and its total both have a caveat "
        "(give it once, on the claim or on `total`)",
        f"{A}:{line_of(text, 'lang:')}: claims.c1.lang: bad language tag \"not a tag\" "
        "(use a BCP 47 tag such as am, ar or pt-BR)",
    ]


def test_a_figure_mapping_takes_value_or_as_worded_not_both(tmp_path, monkeypatch):
    text = one_claim("", total='{value: 500, as_worded: "quinhentos", means: "500"}')
    found = errors(tmp_path, monkeypatch, text)
    assert found == [f"{A}:{line_of(text, 'total:')}: claims.c1.total.value: give the figure once: as `value`, or as "
                     "`as_worded` with `means` (`as_worded` is for a wording sitegen cannot read, with our reading "
                     "in `means`)"]


def test_bad_vocabulary_entries_fail_with_their_config_line(tmp_path, monkeypatch):
    config = CONFIG + 'wordings:\n  pt: {"pelo menos": "at leest", "de {a}": "range"}\n  "not a tag": {}\n'
    found = errors(tmp_path, monkeypatch, one_claim(""), config)
    line = line_of(config, "pelo menos")
    assert any(m.startswith(f'config.yaml:{line}: wordings.pt."pelo menos": "at leest" is not a qualifier sitegen reads')
               for m in found[:2])
    assert any(m.startswith(f'config.yaml:{line}: wordings.pt."de {{a}}": a phrase with {{a}} and {{b}} means "range"')
               for m in found[:2])
    assert found[2] == (f'config.yaml:{line_of(config, "not a tag")}: wordings.not a tag: bad language tag "not a tag" '
                        "(use a BCP 47 tag such as pt, ar or pt-BR)")
    assert len(found) == 3


def test_the_article_lang_picks_the_vocabulary_and_the_number_locale(tmp_path):
    text = one_claim("", total='"mais de 3.478"').replace("title: T\n", "title: T\nlang: pt-BR\n")
    build_site(write_site(tmp_path, {"mixed.md": text}, CONFIG + VOCABULARIES))
    [record] = json.loads((tmp_path / "build" / "claims.json").read_text("utf-8"))["claims"]
    assert (record["wording"], record["low"], record["lang"]) == ("mais de 3.478", 3479, "pt-BR")


def test_entries_take_the_claims_unit_and_a_caveat_without_a_figure_is_shown_on_its_own(tmp_path):
    more = ("    unit: vehicles\n    caveat: Counted from video.\n"
            "    by_group:\n      Tanks: 143\n      Posts: {value: 12, unit: posts}\n")
    statement = ("  - id: said\n    claimant: ru-mod\n    claimed_on: 2024-07-05\n    text: t\n    speaker: A spokesman\n"
                 "    quote: We hit them.\n    caveat: Said on state television.\n    sources: [mod]\n")
    build_site(write_site(tmp_path, {"mixed.md": one_claim(more + statement, total='"about 150"')}))
    out = tmp_path / "build"
    [record, said] = json.loads((out / "claims.json").read_text("utf-8"))["claims"]
    assert record["unit"] == "vehicles" and [g["unit"] for g in record["by_group"]] == ["vehicles", "posts"]
    page = (out / "articles" / "mixed.html").read_text("utf-8")
    assert '<dt>Caveat</dt><dd class="caveat">Said on state television.</dd>' in card(page, "said")
    assert said["caveat"] == "Said on state television." and said["unit"] is None
