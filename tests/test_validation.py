"""Content errors and warnings with their exact `path:line` and field, through a real build of small sites.

Covers site_gen.content.sources, articles, claims, fields, config and load: every message names the line in the
FILE (not in the YAML block), which these tests compute from the file text itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import CONFIG, VALID_FRONT, article, build_site, line_of, messages, problems_of, write_site
from site_gen.core.problems import Severity
from site_gen.content.config import ConfigMissing

A = "content/articles/a.md"


@pytest.fixture
def site(tmp_path, monkeypatch):
    """Write a site into tmp_path (the working directory, so messages show `content/articles/...`)."""
    monkeypatch.chdir(tmp_path)

    def make(articles: dict, **kwargs) -> Path:
        return write_site(tmp_path, articles, **kwargs)

    return make


def errors(config_path: Path, **options) -> list[str]:
    return [p.format() for p in problems_of(config_path, **options) if p.is_error]


def claim_front(*claims: str, sources: str = "") -> str:
    """Front matter with a valid source `mod` (plus `sources`) and the given claim mappings (YAML text each)."""
    items = "".join(
        "".join(f"    {line}\n" if i else f"  - {line}\n" for i, line in enumerate(claim.strip().split("\n")))
        for claim in claims
    )
    return (
        "title: A claim\n"
        "date: 2024-07-05\n"
        "sources:\n"
        "  - {id: mod, name: MoD, url: 'https://example.org/mod', accessed: 2024-07-06}\n"
        f"{sources}"
        "claims:\n"
        f"{items}"
    )


VALID_CLAIM = """\
id: c1
claimant: ru-mod
claimed_on: 2024-07-05
text: 475 soldiers killed
total: 475
sources: [mod]"""


def test_a_valid_site_builds_without_problems(site):
    config = site({"a.md": article(VALID_FRONT), "b.md": article(claim_front(VALID_CLAIM))})
    result = build_site(config)
    assert result.warnings == ()
    assert result.articles == 2


# --- reading the file -------------------------------------------------------------------------------------

def test_unreadable_file(site, monkeypatch):
    config = site({"a.md": article(VALID_FRONT), "b.md": article(VALID_FRONT.replace("A valid", "Another"))})
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self.name == "a.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert errors(config) == [f"{A}: cannot read file: Permission denied (check that it exists and is readable)"]


def test_non_utf8_file_names_the_line_of_the_bad_byte(site):
    data = "---\ntitle: ok\nsummary: caf\xe9\ndate: 2024-01-01\n---\n".encode("latin-1")
    config = site({"a.md": data})
    assert errors(config) == [f"{A}:3: not valid UTF-8 (byte 26) (save the file as UTF-8)"]


def test_missing_front_matter(site):
    config = site({"a.md": "title: no dashes\n\nJust text.\n"})
    assert errors(config) == [f"{A}:1: missing front matter (start the file with a line `---`, the YAML fields, then `---`)"]


def test_unclosed_front_matter(site):
    config = site({"a.md": "---\ntitle: x\ndate: 2024-01-01\n\nBody without a closing line.\n"})
    assert errors(config) == [f"{A}:1: front matter is not closed (end the YAML block with a line `---`)"]


def test_yaml_syntax_error_names_the_file_line(site):
    text = "---\ntitle: x\ndate: 2024-01-01\nsummary: one: two\ntags: [a]\n---\nBody.\n"
    config = site({"a.md": text})
    [message] = errors(config)
    assert message.startswith(f"{A}:{line_of(text, 'summary: one: two')}: YAML syntax error: ")
    assert "mapping values are not allowed" in message


def test_yaml_syntax_error_in_a_crlf_file_with_bom(site):
    text = "---\ntitle: x\ndate: 2024-01-01\ntags: [a, b\nsummary: s\n---\nBody.\n"
    config = site({"a.md": ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")})
    [message] = errors(config)
    assert message.startswith(f"{A}:{line_of(text, 'tags: [a')}: YAML syntax error: a \"[\" list starts here and is not "
                              f"closed; the parser gave up on line {line_of(text, 'summary: s')}: ")


def test_front_matter_must_be_a_mapping(site):
    config = site({"a.md": "---\n- title\n- date\n---\nBody.\n"})
    assert errors(config) == [f"{A}:2: front matter must be a mapping of fields, got a list "
                              "(write `title: ...`, `date: ...` lines)"]


# --- article fields ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("missing", ["title", "date"])
def test_missing_required_article_field(site, missing):
    front = "\n".join(line for line in VALID_FRONT.split("\n") if not line.startswith(f"{missing}:"))
    config = site({"a.md": article(front)})
    assert errors(config) == [f"{A}:2: {missing}: missing required field (add `{missing}:`)"]


def test_sources_are_required_when_there_are_claims(site):
    text = article(claim_front(VALID_CLAIM).replace("  - {id: mod, name: MoD, url: 'https://example.org/mod', "
                                                    "accessed: 2024-07-06}\n", "").replace("sources:\nclaims", "claims"))
    config = site({"a.md": text})
    assert f"{A}:2: sources: missing required field (add `sources:`)" in errors(config)


@pytest.mark.parametrize(("typo", "known"), [("titel", "title"), ("summry", "summary"), ("tag", "tags")])
def test_unknown_article_field_suggests_the_closest(site, typo, known):
    text = article(VALID_FRONT + f"{typo}: something\n")
    config = site({"a.md": text})
    assert f"{A}:{line_of(text, typo + ':')}: {typo}: unknown field `{typo}` (did you mean `{known}`?)" in errors(config)


def test_unknown_field_without_a_close_match_lists_the_known_ones(site):
    text = article(VALID_FRONT + "zzzzzz: 1\n")
    [message] = errors(site({"a.md": text}))
    assert message.startswith(f"{A}:{line_of(text, 'zzzzzz')}: zzzzzz: unknown field `zzzzzz` (known fields: title, date,")


def test_titel_reports_the_typo_without_a_follow_on_missing_title(site):
    text = article(VALID_FRONT.replace("title: A valid article", "titel: A valid article"))
    assert errors(site({"a.md": text})) == [
        f"{A}:2: titel: unknown field `titel` (did you mean `title`?)",
    ]


def test_field_given_twice(site):
    text = article(VALID_FRONT + "title: Again\n")
    assert errors(site({"a.md": text})) == [f"{A}:{line_of(text, 'title: Again')}: title: field given twice (keep one)"]


@pytest.mark.parametrize(("field", "value", "message"), [
    ("tags", "{Kharkiv: yes}", "tags: expected a list of text, got a mapping"),
    ("tags", "[[nested]]", "tags: item 1: expected text, got a list"),
    ("draft", '"yes"', 'draft: expected true or false, got the text "yes"'),
    ("draft", "1", 'draft: expected true or false, got the whole number 1'),
    ("summary", "[a, b]", "summary: expected text, got a list"),
])
def test_wrong_types(site, field, value, message):
    text = article(VALID_FRONT + f"{field}: {value}\n") if field != "tags" else article(
        VALID_FRONT.replace("tags: [casualties]", f"tags: {value}"))
    assert errors(site({"a.md": text})) == [f"{A}:{line_of(text, field + ':')}: {message}"]


@pytest.mark.parametrize("bad", ["2024-13-45", "2024-02-30", "yesterday", "05/07/2024"])
def test_bad_article_date(site, bad):
    text = article(VALID_FRONT.replace("date: 2024-07-05", f"date: {bad}"))
    assert errors(site({"a.md": text})) == [
        f'{A}:3: date: bad date "{bad}" '
        "(use YYYY-MM-DD or an ISO datetime such as 2024-07-05T10:27:00+03:00)"
    ]


def test_bad_claim_date(site):
    text = article(claim_front(VALID_CLAIM.replace("claimed_on: 2024-07-05", "claimed_on: 2024-02-30")))
    assert errors(site({"a.md": text})) == [
        f'{A}:{line_of(text, "claimed_on")}: claims.c1.claimed_on: bad date "2024-02-30" (use YYYY-MM-DD)'
    ]


@pytest.mark.parametrize("bad", ["Bad Slug", "under_score", "ÄÖ"])
def test_bad_slug(site, bad):
    text = article(VALID_FRONT + f"slug: {bad}\n")
    [message] = errors(site({"a.md": text}))
    assert message.startswith(f'{A}:{line_of(text, "slug:")}: slug: bad slug "{bad}" (use lowercase a-z, 0-9 and -')


def test_duplicate_slugs_name_both_files(site):
    config = site({
        "first.md": article(VALID_FRONT + "slug: same\n"),
        "second.md": article(VALID_FRONT.replace("A valid", "Another") + "slug: same\n"),
    })
    [message] = errors(config)
    assert message.startswith(f"content/articles/second.md:{line_of(article(VALID_FRONT), '---', 2)}: "
                              "slug: duplicate slug \"same\", "
                              "also used by content/articles/first.md")


def test_file_name_and_slug_can_collide(site):
    config = site({"same.md": article(VALID_FRONT), "other.md": article(VALID_FRONT + "slug: same\n")})
    [message] = errors(config)
    assert "content/articles/same.md" in message and "content/articles/other.md" in message


# --- sources ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["ftp://example.org/x", "javascript:alert(1)", "example.org/no-scheme"])
def test_source_url_must_be_http(site, url):
    text = article(VALID_FRONT.replace("url: https://example.org/mod", f"url: '{url}'"))
    assert errors(site({"a.md": text})) == [
        f'{A}:{line_of(text, "url:")}: sources.mod.url: URL must start with http:// or https://, got "{url}"'
    ]


def test_archived_url_must_be_http(site):
    text = article(VALID_FRONT.replace("    accessed:", "    archived_url: file:///etc/passwd\n    accessed:"))
    assert errors(site({"a.md": text})) == [
        f'{A}:{line_of(text, "archived_url")}: sources.mod.archived_url: '
        'URL must start with http:// or https://, got "file:///etc/passwd"'
    ]


def test_source_needs_id_and_url(site):
    text = article(claim_front(VALID_CLAIM, sources="  - name: nameless\n"))
    found = errors(site({"a.md": text}))
    line = line_of(text, "name: nameless")
    assert f"{A}:{line}: sources[1].id: missing required field (add `id:`)" in found
    assert f"{A}:{line}: sources[1].url: missing required field (add `url:`)" in found


def test_duplicate_source_id(site):
    text = article(claim_front(VALID_CLAIM, sources="  - {id: mod, url: 'https://example.org/2', accessed: 2024-01-01}\n"))
    assert errors(site({"a.md": text})) == [
        f'{A}:{line_of(text, "example.org/2")}: sources[1].id: duplicate source id "mod" (give each source its own id)'
    ]


# --- claims -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("missing", ["id", "claimant", "text", "sources"])
def test_missing_required_claim_field(site, missing):
    claim = "\n".join(line for line in VALID_CLAIM.split("\n") if not line.startswith(f"{missing}:"))
    text = article(claim_front(claim))
    first_claim_line = line_of(text, "  - ", 2)  # the first `- ` after the source's
    found = errors(site({"a.md": text}))
    where = "claims[0]" if missing == "id" else "claims.c1"  # the claim's id names it, when it has one
    assert found[0] == f"{A}:{first_claim_line}: {where}.{missing}: missing required field (add `{missing}:`)"


def test_claimnt_typo_suggests_claimant(site):
    text = article(claim_front(VALID_CLAIM.replace("claimant:", "claimnt:")))
    found = errors(site({"a.md": text}))
    assert found == [f"{A}:{line_of(text, 'claimnt')}: claims.c1.claimnt: unknown field `claimnt` (did you mean `claimant`?)"]


def test_claim_must_be_a_mapping(site):
    text = article(claim_front(VALID_CLAIM, "just text"))
    assert errors(site({"a.md": text})) == [
        f"{A}:{line_of(text, 'just text')}: claims[1]: expected a mapping, got the text \"just text\" "
        "(start each claim with `- id: ...`)"
    ]


def test_unparseable_total_quotes_the_text_and_lists_accepted_forms(site):
    text = article(claim_front(VALID_CLAIM.replace("total: 475", "total: lots of them")))
    [message] = errors(site({"a.md": text}))
    assert message.startswith(f'{A}:{line_of(text, "total:")}: claims.c1.total: cannot read "lots of them" '
                              '(write it as {as_worded: "lots of them", means: "..."}, where `means` is our reading '
                              "in a form sitegen reads (475, 2,000")
    for form in ("at least", "475+", "up to/", "between 300 and 400", "dozens", "nearly", "as many as",
                 "unquantified"):
        assert form in message


def test_unparseable_breakdown_entries(site):
    claim = VALID_CLAIM + "\nby_group:\n  North: 475\n  South: a handful\n  East: {value: '400-300', note: n}\n  West: -5"
    text = article(claim_front(claim))
    found = errors(site({"a.md": text}))
    assert [m.split(" (")[0] for m in found] == [
        f'{A}:{line_of(text, "South:")}: claims.c1.by_group.South: cannot read "a handful"',
        f'{A}:{line_of(text, "East:")}: claims.c1.by_group.East: range "400-300" must run from the lower to the higher figure',
        f'{A}:{line_of(text, "West:")}: claims.c1.by_group.West: negative figure -5',
    ]
    assert '(write it as {as_worded: "a handful", means: "..."}' in found[0]
    assert found[1].endswith("(write the lower figure first, e.g. 300-400)")


def test_breakdown_entry_mapping_needs_a_value(site):
    text = article(claim_front(VALID_CLAIM + "\nby_group:\n  North: {note: n, vaule: 5}"))
    found = errors(site({"a.md": text}))
    line = line_of(text, "North:")
    assert f"{A}:{line}: claims.c1.by_group.North.vaule: unknown field `vaule` (did you mean `value`?)" in found
    assert f"{A}:{line}: claims.c1.by_group.North.value: missing required field (add `value:`)" not in found


def test_unknown_claimant_id_suggests_the_closest(site):
    text = article(claim_front(VALID_CLAIM.replace("claimant: ru-mod", "claimant: ru-mdo")))
    assert errors(site({"a.md": text})) == [
        f'{A}:{line_of(text, "claimant:")}: claims.c1.claimant: unknown claimant id "ru-mdo" (did you mean `ru-mod`?)'
    ]


def test_unknown_claimant_id_without_a_close_match_says_where_to_declare(site):
    text = article(claim_front(VALID_CLAIM.replace("claimant: ru-mod", "claimant: wagner")))
    [message] = errors(site({"a.md": text}))
    assert message == (f'{A}:{line_of(text, "claimant:")}: claims.c1.claimant: unknown claimant id "wagner" '
                       "(declare it under `claimants:` in config.yaml or content/claimants.yaml)")


def test_claim_citing_an_unknown_source(site):
    text = article(claim_front(VALID_CLAIM.replace("sources: [mod]", "sources: [mod, mods, nope]")))
    assert errors(site({"a.md": text})) == [
        f'{A}:{line_of(text, "sources: [mod,")}: claims.c1.sources: unknown source id "mods" (did you mean `mod`?)',
        f'{A}:{line_of(text, "sources: [mod,")}: claims.c1.sources: unknown source id "nope" '
        "(define it under the article's `sources:` (defined: mod))",
    ]


def test_claim_must_cite_at_least_one_source(site):
    text = article(claim_front(VALID_CLAIM.replace("sources: [mod]", "sources: []")))
    assert errors(site({"a.md": text})) == [
        f"{A}:{line_of(text, 'sources: []')}: claims.c1.sources: a claim must cite at least one source "
        "(list source ids defined under the article's `sources:`)"
    ]


def test_claim_sources_of_the_wrong_type_are_reported_once(site):
    text = article(claim_front(VALID_CLAIM.replace("sources: [mod]", "sources: {mod: yes}")))
    assert errors(site({"a.md": text})) == [
        f"{A}:{line_of(text, 'sources: {mod')}: claims.c1.sources: expected a list of text, got a mapping"
    ]


def test_duplicate_claim_ids(site):
    text = article(claim_front(VALID_CLAIM, VALID_CLAIM))
    second = line_of(text, "id: c1", 2)
    assert errors(site({"a.md": text})) == [
        f'{A}:{second}: claims.c1.id: duplicate claim id "c1" (claim ids must be unique within the article)'
    ]


@pytest.mark.parametrize("bad", ["C1", "has space", "-lead"])
def test_bad_claim_id(site, bad):
    text = article(claim_front(VALID_CLAIM.replace("id: c1", f"id: '{bad}'")))
    [message] = errors(site({"a.md": text}))
    line = line_of(text, f"id: '{bad}'")
    assert message.startswith(f"{A}:{line}: claims[0].id: ")
    assert f'bad id "{bad}"' in message


@pytest.mark.parametrize("status", ["partially_corroborated", "corroborated", "disputed", "refuted"])
def test_status_needs_evidence_and_as_of(site, status):
    text = article(claim_front(VALID_CLAIM + f"\nstatus: {status}"))
    found = errors(site({"a.md": text}))
    line = line_of(text, "status:")
    assert f"{A}:{line}: claims.c1.status: status {status} needs `evidence` (list the source ids that support the status)" in found
    assert f"{A}:{line}: claims.c1.status: status {status} needs `as_of` (the date the status was last checked)" in found


@pytest.mark.parametrize("status", ["unverified", "unverifiable"])
def test_default_statuses_need_no_evidence(site, status):
    text = article(claim_front(VALID_CLAIM + f"\nstatus: {status}"))
    assert build_site(site({"a.md": text})).claims == 1


def test_disputed_with_evidence_and_as_of_builds(site):
    extra = "  - {id: afp, url: 'https://example.org/afp', accessed: 2024-07-07}\n"
    claim = VALID_CLAIM + "\nstatus: disputed\nevidence: [{source: afp, note: geolocated}]\nas_of: 2024-07-08"
    assert build_site(site({"a.md": article(claim_front(claim, sources=extra))})).claims == 1


def test_unknown_status(site):
    text = article(claim_front(VALID_CLAIM + "\nstatus: true-ish"))
    [message] = errors(site({"a.md": text}))
    assert message.startswith(f'{A}:{line_of(text, "status:")}: claims.c1.status: unknown status "true-ish" (one of: unverified,')


def test_evidence_must_name_known_sources(site):
    text = article(claim_front(VALID_CLAIM + "\nstatus: disputed\nevidence: [nope]\nas_of: 2024-07-08"))
    found = errors(site({"a.md": text}))
    assert f'{A}:{line_of(text, "evidence:")}: claims.c1.evidence: unknown source id "nope" ' \
           "(define it under the article's `sources:` (defined: mod))" in found


TWO_MORE = ("  - {id: afp, url: 'https://example.org/afp', accessed: 2024-07-07}\n"
            "  - {id: bbc, url: 'https://example.org/bbc', accessed: 2024-07-07}\n")


@pytest.mark.parametrize("evidence", ["[afp]", "[mod, afp]"])
def test_corroborated_needs_two_independent_sources(site, evidence):
    claim = VALID_CLAIM + f"\nstatus: corroborated\nevidence: {evidence}\nas_of: 2024-07-08"
    text = article(claim_front(claim, sources=TWO_MORE))
    assert errors(site({"a.md": text})) == [
        f"{A}:{line_of(text, 'evidence:')}: claims.c1.evidence: corroborated needs at least two sources independent "
        "of the claimant (cite two evidence sources that are not the claim's own `sources`, or use partially_corroborated)"
    ]


def test_corroborated_with_two_independent_sources_builds(site):
    claim = VALID_CLAIM + "\nstatus: corroborated\nevidence: [afp, bbc]\nas_of: 2024-07-08"
    assert build_site(site({"a.md": article(claim_front(claim, sources=TWO_MORE))})).claims == 1


@pytest.mark.parametrize("present", ["", "speaker: Vladimir Putin", "quote: We will win"])
def test_statement_needs_speaker_and_quote(site, present):
    claim = VALID_CLAIM.replace("total: 475", "category: statement") + (f"\n{present}" if present else "")
    text = article(claim_front(claim))
    line = line_of(text, "id: c1")
    expected = [f"{A}:{line}: claims.c1.{key}: a statement needs a speaker and a quote (add `{key}:`)"
                for key in ("quote", "speaker") if not present.startswith(key)]
    assert errors(site({"a.md": text})) == expected


def test_statement_with_speaker_and_quote_builds(site):
    claim = VALID_CLAIM.replace("total: 475", "category: statement\nspeaker: V. Putin\nquote: 'A buffer zone.'")
    assert build_site(site({"a.md": article(claim_front(claim))})).claims == 1


def test_territory_needs_a_location(site):
    text = article(claim_front(VALID_CLAIM.replace("total: 475", "category: territory")))
    assert errors(site({"a.md": text})) == [
        f"{A}:{line_of(text, 'id: c1')}: claims.c1.location: a territorial claim needs a location "
        "(add `location: {name: ..., region: ...}`)"
    ]


def test_coordinates_need_a_precision(site):
    claim = VALID_CLAIM.replace("total: 475", "category: territory\nlocation: {name: Stepova Novoselivka, lat: 49.7, lon: 37.6}")
    text = article(claim_front(claim))
    assert errors(site({"a.md": text})) == [
        f"{A}:{line_of(text, 'location:')}: claims.c1.location.lat: coordinates need a `precision` "
        "(one of: exact, town, district, region, approximate)"
    ]


@pytest.mark.parametrize(("location", "message"), [
    ("{name: X, lat: 49.7, precision: town}", "claims.c1.location.lon: give both `lat` and `lon`, or neither"),
    ("{name: X, lat: 91, lon: 0, precision: town}", 'claims.c1.location.lat: expected a number between -90 and 90, got the whole number 91'),
    ("{name: X, lat: 1, lon: 2, precision: street}", 'claims.c1.location.precision: unknown precision "street" '
                                                     "(one of: exact, town, district, region, approximate)"),
    ("{region: Kharkiv}", "claims.c1.location.name: missing required field (add `name:`)"),
])
def test_location_rules(site, location, message):
    text = article(claim_front(VALID_CLAIM.replace("total: 475", f"category: territory\nlocation: {location}")))
    assert errors(site({"a.md": text})) == [f"{A}:{line_of(text, 'location:')}: {message}"]


def test_territory_with_a_precise_location_builds(site):
    claim = VALID_CLAIM.replace(
        "total: 475", "category: territory\nlocation: {name: Stepova Novoselivka, lat: 49.7, lon: 37.6, precision: town}")
    assert build_site(site({"a.md": article(claim_front(claim))})).claims == 1


@pytest.mark.parametrize(("period", "message"), [
    ("2024-07-05/2024-07-04", 'period "2024-07-05/2024-07-04" ends before it starts (write start/end in that order)'),
    ("last week", 'bad period "last week" (use a date YYYY-MM-DD or start/end: 2024-07-04/2024-07-05)'),
    ("2024-07-06", "the period starts after the claim was made (check `period` and `claimed_on`)"),
])
def test_period_rules(site, period, message):
    text = article(claim_front(VALID_CLAIM + f"\nperiod: {period}"))
    assert errors(site({"a.md": text})) == [f"{A}:{line_of(text, 'period:')}: claims.c1.period: {message}"]


def test_unknown_category(site):
    text = article(claim_front(VALID_CLAIM + "\ncategory: rumour"))
    [message] = errors(site({"a.md": text}))
    assert message.startswith(f'{A}:{line_of(text, "category:")}: claims.c1.category: unknown category "rumour"')


# --- the body ---------------------------------------------------------------------------------------------

def test_unknown_claim_id_in_an_inline_mark_names_the_paragraph_line(site):
    body = "First paragraph.\n\nSecond paragraph starts here\nand marks [a claim]{claim=nope} on its second line.\n"
    text = article(claim_front(VALID_CLAIM), body)
    assert errors(site({"a.md": text})) == [
        f'{A}:{line_of(text, "Second paragraph")}: body: claim mark names unknown claim id "nope" (claims in this article: c1)'
    ]


def test_link_to_a_missing_article(site):
    body = "Intro.\n\n- item\n- see [x](missing.md)\n"
    text = article(VALID_FRONT, body)
    assert errors(site({"a.md": text})) == [
        f'{A}:{line_of(text, "missing.md")}: body: link to missing article "missing.md" '
        "(link to another article's .md file, relative to this one)"
    ]


def test_links_between_articles_resolve_relative_to_the_file(site):
    config = site({
        "a.md": article(VALID_FRONT, "See [b](sub/b.md) and [c](https://example.org/c.md).\n"),
        "sub/b.md": article(VALID_FRONT.replace("A valid", "B"), "Back to [a](../a.md#top).\n"),
    })
    assert build_site(config).articles == 2


def test_body_is_checked_even_when_the_front_matter_has_errors(site):
    text = article(VALID_FRONT.replace("date: 2024-07-05", "date: someday"), "Mark [x]{claim=nope}.\n")
    found = errors(site({"a.md": text}))
    assert [m.split(":")[1] for m in found] == [str(line_of(text, "date:")), str(line_of(text, "Mark"))]


# --- warnings ---------------------------------------------------------------------------------------------

def test_source_without_accessed_is_a_warning(site):
    text = article(VALID_FRONT.replace("    accessed: 2024-07-06\n", ""))
    result = build_site(site({"a.md": text}))
    assert messages(list(result.warnings)) == [
        f"{A}:{line_of(text, '- id: mod')}: sources.mod.accessed: warning: source has no `accessed` date "
        "(add the date you last opened it)"
    ]


def test_undeclared_claimant_is_a_warning(site):
    text = article(claim_front(VALID_CLAIM.replace("claimant: ru-mod", "claimant: Mayor of Kramatorsk")))
    result = build_site(site({"a.md": text}))
    assert messages(list(result.warnings)) == [
        f'{A}:{line_of(text, "claimant:")}: claims.c1.claimant: warning: undeclared claimant "Mayor of Kramatorsk" '
        "(declare it under `claimants:` with its side, or write "
        '`{unnamed: \"a military source\", side: ...}` for a source the reporting does not name)'
    ]


def test_strict_turns_warnings_into_errors(site):
    text = article(claim_front(VALID_CLAIM.replace("claimant: ru-mod", "claimant: Mayor of Kramatorsk"))
                   .replace(", accessed: 2024-07-06", ""))
    problems = problems_of(site({"a.md": text}), strict=True)
    assert all(p.severity is Severity.ERROR for p in problems)
    assert [(p.line, p.field) for p in problems] == [
        (line_of(text, "id: mod"), "sources.mod.accessed"),
        (line_of(text, "claimant:"), "claims.c1.claimant"),
    ]


# --- config.yaml and the claimant registry ----------------------------------------------------------------

def test_config_errors_name_config_yaml_lines(site):
    config_text = CONFIG + "titel: x\ntimezone: Mars/Olympus\nallow_raw_html: sometimes\nclaimants:\n  Bad Id: {name: x}\n"
    config_text = config_text.replace("timezone: Europe/Kyiv\n", "").replace(
        "claimants:\n  ru-mod", "claimnts:\n  ru-mod")
    config = site({"a.md": article(VALID_FRONT)}, config=config_text)
    found = errors(config)
    assert f"config.yaml:{line_of(config_text, 'titel')}: titel: unknown field `titel` (did you mean `title`?)" in found
    assert f"config.yaml:{line_of(config_text, 'claimnts')}: claimnts: unknown field `claimnts` (did you mean `claimants`?)" in found
    assert (f'config.yaml:{line_of(config_text, "Mars")}: timezone: unknown time zone "Mars/Olympus" '
            "(use an IANA name such as Europe/Kyiv or UTC)") in found
    assert f'config.yaml:{line_of(config_text, "allow_raw_html")}: allow_raw_html: expected true or false, got the text "sometimes"' in found
    assert (f'config.yaml:{line_of(config_text, "Bad Id")}: claimants.Bad Id: bad claimant id "Bad Id" '
            "(use lowercase letters, digits, - and _)") in found


def test_claimant_registry_file_is_merged_and_checked(site):
    registry = "claimants:\n  kremlin: {name: Kremlin, side: Russia}\n  ru-mod: {name: Again}\n"
    claim = VALID_CLAIM.replace("claimant: ru-mod", "claimant: kremlin")
    config = site({"a.md": article(claim_front(claim))}, files={"content/claimants.yaml": registry})
    assert errors(config) == [
        f"content/claimants.yaml:{line_of(registry, 'Again')}: claimants.ru-mod: claimant declared twice "
        "(it is already declared in config.yaml)"
    ]
    (config.parent / "content/claimants.yaml").write_text(registry.replace("  ru-mod: {name: Again}\n", ""))
    assert build_site(config).claims == 1


def test_missing_config_file_is_one_message_with_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigMissing) as missing:
        build_site(Path("config.yaml"), out=tmp_path / "build")
    assert str(missing.value) == "no config.yaml here: run sitegen in a site's folder, or create a site with `sitegen new NAME`"


# --- everything at once -----------------------------------------------------------------------------------

def test_every_error_in_every_file_is_reported_in_one_run(site):
    config = site({
        "a.md": article(VALID_FRONT.replace("date: 2024-07-05", "date: soon")),
        "b.md": "no front matter\n",
        "c.md": article(claim_front(VALID_CLAIM.replace("total: 475", "total: heaps"))),
        "d.md": article(VALID_FRONT, "[x]{claim=nope}\n"),
    })
    found = errors(config)
    assert [m.split(":")[0] for m in found] == [f"content/articles/{n}.md" for n in "abcd"]


# --- Misuse (issue 11) ------------------------------------------------------------------------------------------

def claim_with(claimant: str, claim_id: str = "c1", total: str = "475") -> str:
    return (f"id: {claim_id}\nclaimant: {claimant}\nclaimed_on: 2024-07-05\nperiod: 2024-07-05\nmeasure: killed\n"
            f"text: {total} soldiers killed\ntotal: {total}\nsources: [mod]")


@pytest.mark.parametrize("name", ["Ru Mod", "RU_MOD", "russian ministry of defence"])
def test_a_plain_name_that_slugs_to_a_declared_id_is_an_error_with_a_hint(site, name):
    """Item 4: "Ru Mod" was merged with ru-mod (Russian Ministry of Defence) into one claimant and one finding;
    a plain name equal to a declared claimant's name would have been a second claimant of the same name."""
    blogger = article(claim_front(claim_with(f'"{name}"', total="9000")))
    config = site({"a.md": blogger, "b.md": article(claim_front(claim_with("ru-mod", total="475")))})
    found = errors(config)
    assert (f'{A}:{line_of(blogger, "claimant:")}: claims.c1.claimant: "{name}" looks like claimant id `ru-mod` '
            f'(Russian Ministry of Defence) (write `claimant: ru-mod`, or declare "{name}" in the registry under an '
            "id of its own)") in found


def test_two_plain_names_with_one_slug_are_never_merged(site):
    first = article(claim_front(claim_with('"Mayor of Kramatorsk"', total="10")))
    second = article(claim_front(claim_with('"MAYOR of kramatorsk"', total="900")))
    config = site({"a.md": first, "b.md": second})
    found = errors(config)
    assert (f'content/articles/b.md:{line_of(second, "- id: c1")}: claims.c1.claimant: "MAYOR of kramatorsk" and '
            f'"Mayor of Kramatorsk" ({A}:{line_of(first, "- id: c1")}) are different names for one claimant page '
            "`mayor-of-kramatorsk` (write the name the same way in both, or declare each in the registry with its "
            "own id)") in found


def test_one_plain_name_used_twice_is_one_claimant(site):
    same = article(claim_front(claim_with('"Mayor of Kramatorsk"')))
    config = site({"a.md": same, "b.md": same})
    result = build_site(config)
    assert all("undeclared claimant" in w.message for w in result.warnings)
    assert (config.parent / "build/claimants/mayor-of-kramatorsk.html").is_file()


@pytest.mark.parametrize(("line", "field", "message"), [
    ('url: "http://[::1"', "sources.mod.url", 'not a valid URL: "http://[::1"'),
    ("title: !!timestamp nope", "title", ""),
    ("draft: !!bool maybe", "draft", 'expected true or false, got the text "maybe"'),
    ("summary: !!binary aGVsbG8=", "", "YAML syntax error: unsupported YAML tag !!binary"),
])
def test_yaml_values_that_crashed_the_build_are_located_problems(site, line, field, message):
    """Item 9: each of these was a traceback (ValueError, AttributeError, KeyError)."""
    if line.startswith("url"):
        front = VALID_FRONT.replace("url: https://example.org/mod", line)
    else:
        front = VALID_FRONT.replace("title: A valid article\n", "" if line.startswith("title") else "title: T\n") + line + "\n"
    text = article(front)
    config = site({"a.md": text})
    if not message:  # a failed tag keeps the text: the title is "nope"
        build_site(config)
        assert "nope" in (config.parent / "build/articles/a.html").read_text(encoding="utf-8")
        return
    found = errors(config)
    where = f"{A}:{line_of(text, line.split(':')[0] + ':')}:" + (f" {field}:" if field else "")
    assert any(m.startswith(f"{where} {message}") for m in found), found


@pytest.mark.parametrize("total", ["9" * 4301, str(10**15 + 1), "about " + "9" * 40, "1-" + "9" * 30])
def test_figures_beyond_a_quadrillion_are_errors(site, total):
    text = article(VALID_FRONT.replace("total: over 2,000", f"total: {total}"))
    found = errors(site({"a.md": text}))
    assert any(m.startswith(f"{A}:{line_of(text, 'total: ')}: claims.total.total: figure too large") for m in found), found


@pytest.mark.parametrize(("front", "field"), [
    (VALID_FRONT.replace("A valid article", '"A \\a title"'), "title"),
    (VALID_FRONT.replace("total: over 2,000", 'by_group: {"North\\x1b": 1}'), "claims[0].by_group"),
    (VALID_FRONT.replace("tags: [casualties]", 'tags: ["x\\ufffe"]'), "tags[0]"),
])
def test_control_characters_in_any_field_are_refused_with_line_and_field(site, front, field):
    """Item 10: a control character in a title or group name made feed.xml and chart SVGs that do not parse."""
    text = article(front)
    found = errors(site({"a.md": text}))
    line = next(n for n, row in enumerate(text.split("\n"), 1) if "\\" in row)
    assert any(m.startswith(f"{A}:{line}: {field}: contains a control character U+") and m.endswith("(remove it)")
               for m in found), found


def test_a_control_character_in_the_body_is_refused_with_its_line(site):
    text = article(VALID_FRONT, "Para one.\n\nA bell \x07 here.\n")
    found = errors(site({"a.md": text}))
    assert f"{A}:{line_of(text, 'A bell')}: contains a control character U+0007 (remove it)" in found


def test_a_value_with_a_newline_cannot_forge_a_problem_line(site):
    """Item 13: every problem is exactly one line; the value's line break is shown as \\n."""
    forged = "Mayor\\ncontent/articles/z.md:1: title: forged"
    text = article(claim_front(claim_with(f'"{forged}"')))
    config = site({"a.md": text})
    result = build_site(config)
    lines = [w.format() for w in result.warnings]
    assert lines and all("\n" not in line and "\r" not in line for line in lines)
    assert any('undeclared claimant "Mayor\\ncontent/articles/z.md:1: title: forged"' in line for line in lines)


def test_a_300_character_tag_builds_with_a_bounded_file_name(site):
    """Item 13: a 300-character tag failed with "File name too long" naming no article."""
    config = site({"a.md": article(VALID_FRONT.replace("tags: [casualties]", "tags: [" + "a" * 300 + "]"))})
    build_site(config)
    pages = list((config.parent / "build/tags").glob("*.html"))
    assert len(pages) == 1 and len(pages[0].name) == 80 + len(".html")
    assert [p.name for p in (config.parent / "build/tags").glob("*.xml")] == [pages[0].stem + ".xml"]  # its feed
    assert "a" * 300 in pages[0].read_text(encoding="utf-8")  # the tag itself is shown whole


@pytest.mark.parametrize(("front", "field"), [
    (VALID_FRONT + "slug: " + "a" * 81 + "\n", "slug: slug"),
    (VALID_FRONT.replace("  - id: total", "  - id: " + "c" * 81), "id: claims[0].id"),
])
def test_explicit_slugs_and_ids_longer_than_80_characters_are_errors(site, front, field):
    text = article(front)
    found = errors(site({"a.md": text}))
    line = line_of(text, "a" * 81 if field.startswith("slug") else "c" * 81)
    assert any(m.startswith(f"{A}:{line}: {field.split(': ')[1]}: ") and "longer than 80 characters (81)" in m
               for m in found), found


def test_a_bad_base_url_is_a_config_error(site):
    config = site({"a.md": article(VALID_FRONT)}, config=CONFIG.replace("base_url: https://example.org/desk/",
                                                                        'base_url: "http://[::1"'))
    assert 'config.yaml:3: base_url: not a valid URL: "http://[::1" (e.g. https://user.github.io/repo/ or /)' in errors(config)


@pytest.mark.parametrize("line", ["title: 0x" + "f" * 4000, "draft: 0x" + "f" * 4000, "summary: " + "1:" * 3000 + "1"])
def test_a_huge_hexadecimal_or_sexagesimal_value_is_not_a_traceback(site, line):
    text = article(VALID_FRONT.replace("title: A valid article\n", "" if line.startswith("title") else "title: T\n") + line + "\n")
    config = site({"a.md": text})
    if line.startswith("draft"):
        assert any(m.startswith(f"{A}:{line_of(text, 'draft:')}: draft: expected true or false") for m in errors(config))
    else:
        build_site(config)
