"""Fuzzed content through the real `sitegen build` (click's CliRunner, one process): article front matter and
bodies, series declarations and their CSV/JSON data. Whatever the input, the build exits 0 or 1 without an
uncaught exception; every problem line starts with `path:line:`; every feed, sitemap and chart it writes parses
as XML. Seeded and bounded for CI (`derandomize=True`); `benchmarks/fuzz.py --examples N` runs longer.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import CONFIG, VALID_FRONT, write_site
from series_site import CSV, DECLARATION
from site_gen.cli import main

#: Examples per test in CI; `benchmarks/fuzz.py` raises it through this variable.
EXAMPLES = int(os.environ.get("SITEGEN_FUZZ_EXAMPLES", "25"))
#: When set, each build appends one JSON line (kind, exit code, problem count) here, for benchmarks/fuzz.py.
STATS = os.environ.get("SITEGEN_FUZZ_STATS", "")
FUZZ = settings(max_examples=EXAMPLES, derandomize=not STATS, deadline=None, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: `path:line: ` (a content problem); the line may be 0 for a whole file.
LOCATED = re.compile(r"^[^\s:][^:\n]*:\d+: \S")

# --- strategies -------------------------------------------------------------------------------------------------

#: Any character, control characters and the two non-characters XML forbids included (surrogates cannot be
#: written as UTF-8; the YAML and JSON escapes below produce them instead).
ANY_CHAR = st.characters(codec="utf-8") | st.sampled_from(["\x00", "\x07", "\x1b", "\x0b", "\r", "\ufffe", "\uffff",
                                                             "\u2028", "\x85", "東", "𝔉", "\u202e"])
#: Text a build should accept (no control characters) but that feeds and SVGs must still escape and encode.
FAIR_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]) | st.sampled_from(
    ["<", "&", "]", ">", "\u2028", "\x85", "\t", "東", "𝔉", "\u202e", '"', "'"]), min_size=1, max_size=40).filter(str.strip)
TEXT = st.text(ANY_CHAR, max_size=40) | FAIR_TEXT
QUANTITIES = st.sampled_from(["over 2,000", "about 475", "300-400", "dozens", "1,456,610", "-5", "9" * 4301,
                              "10000000000000000", "between 5 and 3", "~ 0", "475+", "up to 710", "", " "])
SCALAR = st.one_of(
    st.none(), st.booleans(), TEXT, QUANTITIES,
    st.integers(min_value=-(10**20), max_value=10**20), st.sampled_from([10**400, -(10**400), 2**63, 10**15]),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(),
)
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                     max_leaves=8)
#: YAML that is no value sitegen could construct: tags, aliases, bombs, self-reference, deep nesting.
RAW_YAML = st.sampled_from([
    "!!timestamp nope", "!!bool maybe", "!!int many", "!!binary aGVsbG8=", "!!python/name:os.system x", "!x y",
    "&a [*a]", "&b {k: *b}", "'http://[::1'", '"\\a\\x1b\\ud800"', '"\\uffff"', "[" * 60 + "]" * 60, "=", "<<",
    "{? [a]: b}", "*undefined", "&c [&d [lol, lol, lol], *d, *d, *d]", '"line\\nsrc/x.md:1: forged"',
    "2024-13-01", "2024-02-30", "1e400", ".nan", "-.inf", "0x7fffffffffffffffffff", "|\n  multi\n  line",
    "0x" + "f" * 4000, "1:" * 3000 + "1",
])
ARTICLE_FIELDS = ["title", "date", "updated", "slug", "summary", "tags", "draft", "sources", "claims"]
CLAIM_FIELDS = ["id", "claimant", "category", "measure", "subject", "claimed_on", "period", "text", "total",
                "by_group", "location", "speaker", "quote", "sources", "status", "evidence", "as_of", "conclusion"]
SOURCE_FIELDS = ["id", "name", "title", "url", "published", "accessed", "archived_url", "language"]
DECL_FIELDS = ["id", "title", "claimant", "subject", "measure", "unit", "status", "description", "sources", "file",
               "format", "delimiter", "date_column", "date_format", "cumulative", "since", "frequency",
               "qualifier_column", "qualifiers", "values", "ignore_columns", "license", "license_file", "provenance"]


def mutation(fields: list[str]) -> st.SearchStrategy[tuple[str, str, object]]:
    """(field, "value" or "raw", new value): one field replaced by a random value, by text a build should
    accept, or by raw YAML."""
    return (st.tuples(st.sampled_from(fields), st.just("value"), VALUE)
            | st.tuples(st.sampled_from(fields), st.just("value"), FAIR_TEXT)
            | st.tuples(st.sampled_from(fields), st.just("raw"), RAW_YAML))


def some(changes: st.SearchStrategy) -> st.SearchStrategy[list]:
    """Two times in three no change at all, so that many builds succeed and their XML is checked; else 1 to 3."""
    return st.sampled_from([0, 0, 1]).flatmap(lambda n: st.lists(changes, min_size=n, max_size=3 * n))


def mutations(fields: list[str]) -> st.SearchStrategy[list[tuple[str, str, object]]]:
    return some(mutation(fields))


def mutate(mapping: dict, changes: list[tuple[str, str, object]], raw: dict[str, str]) -> None:
    """Apply changes to `mapping`; raw YAML goes in as a placeholder that `dump` swaps for the text itself."""
    for key, kind, value in changes:
        if kind == "raw":
            marker = f"RAW{len(raw)}X"
            raw[marker] = str(value)
            mapping[key] = marker
        else:
            mapping[key] = value


def dump(data: object, raw: dict[str, str], unicode: bool) -> str:
    text = yaml.safe_dump(data, allow_unicode=unicode, sort_keys=False, default_flow_style=False, width=10_000)
    for marker, snippet in raw.items():
        text = text.replace(marker, snippet.replace("\n", "\n" + " " * 8) if "\n" in snippet else snippet)
    return text


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))  # a lone surrogate becomes bytes that are not UTF-8


VALID_ARTICLE = f"---\n{VALID_FRONT}---\nA second, valid article.\n"


# --- the build and what it must never do --------------------------------------------------------------------------

def build_and_check(config: Path, kind: str) -> int:
    """Run `sitegen build`; assert no uncaught exception, located problems and parseable XML; return the exit code."""
    result = CliRunner().invoke(main, ["build", "--config", str(config), "--jobs", "1", "--no-cache"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # hypothesis shows the input and the traceback
    assert result.exit_code in (0, 1), result.output
    problems = [line for line in result.stderr.splitlines() if not line.startswith("Build failed:")]
    for line in problems:
        assert LOCATED.match(line), f"not a located problem line: {line!r}"
    if result.exit_code == 1:
        assert result.stderr.rstrip().splitlines()[-1].startswith("Build failed:"), result.stderr
    else:
        check_xml(config.parent / "build")
    if STATS:
        with open(STATS, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"kind": kind, "exit": result.exit_code, "problems": len(problems),
                                     "first": problems[0] if problems else ""}) + "\n")
    return result.exit_code


def check_xml(out: Path) -> None:
    assert (out / "feed.xml").is_file() and (out / "sitemap.xml").is_file()
    for path in out.rglob("*"):
        if path.suffix in (".xml", ".svg"):
            ET.parse(path)


def fresh_site() -> tuple[tempfile.TemporaryDirectory, Path]:
    holder = tempfile.TemporaryDirectory(prefix="sitegen-fuzz-")
    return holder, Path(holder.name)


# --- the tests ------------------------------------------------------------------------------------------------------

@FUZZ
@given(top=mutations(ARTICLE_FIELDS), claim=mutations(CLAIM_FIELDS), source=mutations(SOURCE_FIELDS),
       groups=st.sampled_from([FAIR_TEXT, FAIR_TEXT, TEXT]).flatmap(
           lambda names: st.dictionaries(names, st.integers(0, 10**6) | QUANTITIES, max_size=3)),
       title=FAIR_TEXT, body=FAIR_TEXT | TEXT, unicode=st.booleans())
def test_fuzzed_front_matter_never_crashes_the_build(top, claim, source, groups, title, body, unicode):
    data = yaml.safe_load(VALID_FRONT)
    data["title"] = title
    if groups:
        data["claims"][0]["by_group"] = groups  # a breakdown chart
    raw: dict[str, str] = {}
    mutate(data["claims"][0], claim, raw)
    mutate(data["sources"][0], source, raw)
    mutate(data, top, raw)
    holder, root = fresh_site()
    with holder:
        config = write_site(root, {})
        write_text(root / "content/articles/a.md", f"---\n{dump(data, raw, unicode)}---\n{body}\n")
        write_text(root / "content/articles/b.md", VALID_ARTICLE)
        build_and_check(config, "article")


@FUZZ
@given(decl=mutations(DECL_FIELDS), cells=some(st.tuples(st.integers(0, 5), st.integers(1, 4),
       st.one_of(TEXT, QUANTITIES, st.integers(-(10**20), 10**20).map(str)))), unicode=st.booleans())
def test_fuzzed_csv_series_never_crash_the_build(decl, cells, unicode):
    data = yaml.safe_load(DECLARATION)
    raw: dict[str, str] = {}
    mutate(data, decl, raw)
    rows = [row.split(",") for row in textwrap.dedent(CSV).strip().split("\n")]
    for row, column, text in cells:
        rows[row][column] = '"' + text.replace('"', '""') + '"'
    holder, root = fresh_site()
    with holder:
        config = write_site(root, {"b.md": VALID_ARTICLE})
        write_text(root / "content/series/losses.yaml", dump(data, raw, unicode))
        write_text(root / "data/losses.csv", "\n".join(",".join(r) for r in rows) + "\n")
        build_and_check(config, "csv")


JSON_VALUE = st.recursive(st.none() | st.booleans() | TEXT | st.integers(-(10**30), 10**30) | st.floats(),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                          max_leaves=10)
RAW_JSON = st.sampled_from(["[" * 100_000, "[" + "[" * 5000 + "]" * 5000 + "]", '[{"date": "2024-01-01", "tanks": 1e999}]',
                            '[{"date": "2024-01-01", "tanks": ' + "9" * 5000 + "}]", '[{"date": "\\u0007"}]',
                            '[{"date": "2024-01-01", "tanks": "\\ud800"}]', "", "[", "[]", "{}", "[1,]", "\ufeff[]"])


#: The CSV's rows as JSON objects: a valid table that `changes` perturb cell by cell.
JSON_ROWS = [{"date": f"2024-01-0{day}", "tanks": 10 + day, "personnel": 1000 + 100 * day, "personnel_q": "about", "note": "quiet"}
             for day in range(1, 6)]
CHANGED_ROWS = some(st.tuples(st.integers(0, 4), st.sampled_from(["date", "tanks", "personnel", "personnel_q", "note"]),
                             JSON_VALUE)).map(
    lambda changes: [{**row, **{key: value for index, key, value in changes if index == i}} for i, row in enumerate(JSON_ROWS)])


@FUZZ
@given(rows=CHANGED_ROWS | st.lists(st.dictionaries(st.sampled_from(["date", "tanks", "personnel", "personnel_q", "note"])
                                                    | TEXT, JSON_VALUE, max_size=5), max_size=4) | RAW_JSON)
def test_fuzzed_json_series_never_crash_the_build(rows):
    holder, root = fresh_site()
    with holder:
        config = write_site(root, {"b.md": VALID_ARTICLE})
        write_text(root / "content/series/losses.yaml", DECLARATION.replace("losses.csv", "losses.json"))
        write_text(root / "data/losses.json", rows if isinstance(rows, str) else json.dumps(rows, indent=1))
        build_and_check(config, "json")


def test_the_config_itself_can_be_fuzzed_too():
    """A few hostile config values, spelled out: each ends in exit 1 with located problems, never a traceback."""
    for line in ['base_url: "http://[::1"', "title: !!bool maybe", 'title: "\\a"', "claimants: &a {x: *a}",
                 "static_dir: /", "content_dir: ../..", 'timezone: "\\x00"']:
        holder, root = fresh_site()
        with holder:
            config = write_site(root, {}, config=CONFIG + line + "\n")
            assert build_and_check(config, "config") == 1, line
