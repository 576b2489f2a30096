"""What `sitegen build` prints for common first-hour mistakes: each case's files and its exact stderr, verbatim.

Every message points at the line where the mistake starts, names types in words, locates a claim as
`claims.<id>` (or `claims[<n>]` when it has no id), and comes alone: no follow-on or contradictory lines.
"""

from __future__ import annotations

import pytest

from helpers import CONFIG, VALID_FRONT, article, write_site

from site_gen.core.quantities import ACCEPTED_FORMS

ACCEPTED = f"accepted forms: {ACCEPTED_FORMS}"
FAILED_1 = "Build failed: 1 error; the previous output was left untouched."

#: An article whose line numbers the expected messages below spell out (line 1 is the opening `---`).
CLAIM = """\
---
title: A claim
date: 2024-07-05
tags: [casualties]
sources:
  - id: mod
    url: https://example.org/mod
    accessed: 2024-07-06
claims:
  - id: total
    claimant: ru-mod
    claimed_on: 2024-07-05
    text: over 2,000 killed
    total: over 2,000
    sources: [mod]
---
Body.
"""

CASES = {
    "unclosed [ is reported where it opens, and where the parser gave up": (
        {"content/articles/a.md": CLAIM.replace("tags: [casualties]", "tags: [casualties, kharkiv")},
        ['content/articles/a.md:4: YAML syntax error: a "[" list starts here and is not closed; the parser gave up '
         "on line 5: did not find expected ',' or ']' (close it with \"]\", or quote the whole value if the \"[\" is text)",
         FAILED_1],
    ),
    "unclosed quote is reported where it opens": (
        {"content/articles/a.md": CLAIM.replace("title: A claim", 'title: "A claim')},
        ['content/articles/a.md:2: YAML syntax error: a quoted text starts here and is not closed; the parser gave up '
         "on line 15: found unexpected end of stream (close it with the same quote mark)",
         FAILED_1],
    ),
    "a list where a figure belongs says a list": (
        {"content/articles/a.md": CLAIM.replace("total: over 2,000", "total: [1, 2]")},
        [f"content/articles/a.md:14: claims.total.total: expected a whole number or a wording, got a list ({ACCEPTED})",
         FAILED_1],
    ),
    "a decimal number where a figure belongs says so and what to do": (
        {"content/articles/a.md": CLAIM.replace("total: over 2,000", "total: 1.5")},
        ["content/articles/a.md:14: claims.total.total: YAML reads this unquoted figure as the decimal number 1.5, "
         'not a count (quote it exactly as the source writes it, e.g. "3.478"; a "." between thousands is read as '
         'such only under a `number_locale` that groups thousands with "." (pt, de, es, it, id, ...))',  
         FAILED_1],
    ),
    "a mapping where text belongs says a mapping": (
        {"content/articles/a.md": CLAIM.replace("title: A claim", "title: {en: A claim}")},
        ["content/articles/a.md:2: title: expected text, got a mapping", FAILED_1],
    ),
    "a number where a list of tags belongs names it in words": (
        {"content/articles/a.md": CLAIM.replace("tags: [casualties]", "tags: 5")},
        ["content/articles/a.md:4: tags: expected a list of text, got the whole number 5", FAILED_1],
    ),
    "a mapping where a date belongs says a mapping, not Python's spelling of it": (
        {"content/articles/a.md": CLAIM.replace("date: 2024-07-05", "date: {day: 5}")},
        ["content/articles/a.md:3: date: expected a date, got a mapping "
         "(use YYYY-MM-DD or an ISO datetime such as 2024-07-05T10:27:00+03:00)", FAILED_1],
    ),
    "a list where a period belongs says a list": (
        {"content/articles/a.md": CLAIM.replace("    claimed_on", "    period: [2024-07-01, 2024-07-02]\n    claimed_on")},
        ["content/articles/a.md:12: claims.total.period: expected a date or start/end, got a list "
         "(write 2024-07-05 or 2024-07-04/2024-07-05)", FAILED_1],
    ),
    "yes where a date belongs says a yes/no value": (
        {"content/articles/a.md": CLAIM.replace("accessed: 2024-07-06", "accessed: yes")},
        ["content/articles/a.md:8: sources.mod.accessed: expected a date, got the yes/no value true (use YYYY-MM-DD)",
         FAILED_1],
    ),
    "a bad claimed_on is one error, without a false 'no claimed_on' warning": (
        {"content/articles/a.md": CLAIM.replace("claimed_on: 2024-07-05", "claimed_on: 2024-07-32")},
        ['content/articles/a.md:12: claims.total.claimed_on: bad date "2024-07-32" (use YYYY-MM-DD)', FAILED_1],
    ),
    "a missing sources is located by the claim's id": (
        {"content/articles/a.md": CLAIM.replace("    sources: [mod]\n", "")},
        ["content/articles/a.md:10: claims.total.sources: missing required field (add `sources:`)", FAILED_1],
    ),
    "a claim without an id is located by its position": (
        {"content/articles/a.md": CLAIM.replace("  - id: total\n    claimant", "  - claimant")},
        ["content/articles/a.md:10: claims[0].id: missing required field (add `id:`)", FAILED_1],
    ),
    "a mistyped key in a claim gets a guess and no follow-on 'missing' line": (
        {"content/articles/a.md": CLAIM.replace("    claimant: ru-mod", "    claimnt: ru-mod")},
        ["content/articles/a.md:11: claims.total.claimnt: unknown field `claimnt` (did you mean `claimant`?)", FAILED_1],
    ),
    "a mistyped config key gets a guess and no follow-on 'title: missing required field'": (
        {"config.yaml": CONFIG.replace("title: Test Desk", "titel: Test Desk")},
        ["config.yaml:1: titel: unknown field `titel` (did you mean `title`?)", FAILED_1],
    ),
    "a duplicate slug is reported at the slug: line": (
        {"content/articles/b.md": CLAIM.replace("tags: [casualties]", "tags: [casualties]\nslug: a")},
        ['content/articles/b.md:5: slug: duplicate slug "a", also used by content/articles/a.md '
         "(rename one file or set `slug:` in its front matter)", FAILED_1],
    ),
    "a duplicate slug set in the first file is reported at that file's slug: line": (
        {"content/articles/a.md": CLAIM.replace("tags: [casualties]", "tags: [casualties]\nslug: b"),
         "content/articles/b.md": CLAIM},
        ['content/articles/a.md:5: slug: duplicate slug "b", also used by content/articles/b.md '
         "(rename one file or set `slug:` in its front matter)", FAILED_1],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_message(case, tmp_path, monkeypatch, cli):
    files, expected = CASES[case]
    everything = {"content/articles/a.md": article(VALID_FRONT), **files}
    config = everything.pop("config.yaml", CONFIG)
    write_site(tmp_path, {}, config=config, files=everything)
    monkeypatch.chdir(tmp_path)
    result = cli(["build"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == expected


def test_building_outside_a_site_is_one_line_that_says_what_to_do(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    result = cli(["build"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: no config.yaml here: run sitegen in a site's folder, or create a site with `sitegen new NAME`"]


def test_a_config_given_but_missing_is_one_line(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    result = cli(["build", "--config", "site/config.yml"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: no configuration file site/config.yml: check --config, or create a site with `sitegen new NAME`"]
