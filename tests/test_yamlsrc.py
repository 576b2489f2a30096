"""YAML with line numbers (site_gen.content.yamlsrc; pure, no disk)."""

from __future__ import annotations

import datetime as dt

import pytest

from site_gen.content.yamlsrc import DuplicateKey, LList, LMap, YamlSyntaxError, parse_yaml

DOC = """\
title: Hello
date: 2024-07-05
tags:
  - one
  - two
claims:
  - id: first
    total: over 2,000
  - id: second
    by_group: {A: 1, B: 2}
"""


def test_values_are_plain_python_with_yaml_types():
    data, dups = parse_yaml(DOC)
    assert dups == []
    assert data == {
        "title": "Hello",
        "date": dt.date(2024, 7, 5),
        "tags": ["one", "two"],
        "claims": [{"id": "first", "total": "over 2,000"}, {"id": "second", "by_group": {"A": 1, "B": 2}}],
    }


def test_mappings_and_lists_remember_their_lines():
    data, _ = parse_yaml(DOC)
    assert isinstance(data, LMap) and data.line == 1
    assert [data.line_of(k) for k in ("title", "date", "tags", "claims")] == [1, 2, 3, 6]
    tags = data["tags"]
    assert isinstance(tags, LList) and tags.item_lines == [4, 5]
    claims = data["claims"]
    assert [claims.line_of(i) for i in range(2)] == [7, 9]
    assert claims[1].line == 9
    assert claims[1].line_of("by_group") == 10
    assert claims[1]["by_group"].line_of("B") == 10


def test_line_offset_shifts_every_line():
    data, _ = parse_yaml(DOC, line_offset=1)  # front matter starts on line 2 of the file
    assert data.line_of("title") == 2
    assert data["claims"][0].line_of("total") == 9
    assert data["tags"].line_of(1) == 6


def test_unknown_key_falls_back_to_the_mapping_line():
    data, _ = parse_yaml(DOC, line_offset=1)
    assert data["claims"][1].line_of("missing") == 10


def test_duplicate_keys_are_reported_with_their_line_and_last_wins():
    data, dups = parse_yaml("title: one\ndate: 2024-01-01\ntitle: two\n", line_offset=1)
    assert dups == [DuplicateKey("title", 4)]
    assert data["title"] == "two"


@pytest.mark.parametrize(("text", "line"), [
    ("a: 1\nb: [1, 2\nc: 3\n", 2),          # unclosed flow sequence: where it starts (found on the next line)
    ("a: 1\n\tb: 2\n", 2),                   # tab indentation
    ("a: 1\nb:\n  - x\n   y: 2\n", 4),       # mapping inside a sequence item
    ("a: 1\n- b\n", 2),                       # sequence after a mapping
    ("a: *nope\n", 1),                        # undefined alias
])
def test_syntax_errors_carry_the_line(text, line):
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml(text, line_offset=10)
    assert info.value.line == line + 10
    assert str(info.value)


@pytest.mark.parametrize(("text", "value"), [
    ("date: 2024-13-01\n", "2024-13-01"),    # looks like a date, is not one: kept as text, no traceback
    ("date: 2024-02-30\n", "2024-02-30"),
    ("n: !!int many\n", "many"),
])
def test_scalars_that_only_look_typed_stay_text(text, value):
    data, _ = parse_yaml(text)
    assert list(data.values()) == [value]


def test_a_bad_scalar_reused_through_an_alias_stays_text():
    data, _ = parse_yaml("a: &when 2024-13-01\nb: *when\n")
    assert data == {"a": "2024-13-01", "b": "2024-13-01"}


def test_empty_document_is_none():
    assert parse_yaml("") == (None, [])
    assert parse_yaml("# only a comment\n") == (None, [])


def test_non_string_keys_become_text():
    data, _ = parse_yaml("1: one\ntrue: yes\n")
    assert list(data) == ["1", "True"]


def test_unicode_keeps_its_text():
    data, _ = parse_yaml("title: Степова Новоселівка\n")
    assert data["title"] == "Степова Новоселівка"


# --- Misuse (issue 11): alias bombs, self-reference, deep nesting, tags whose constructor raises ---------------

#: The classic "billion laughs": nine levels of nine aliases, 9**9 strings from a few hundred bytes.
BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{b}: &{b} [{','.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))


def test_an_alias_bomb_is_refused_with_its_line():
    assert len(BILLION_LAUGHS) < 450
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml(BILLION_LAUGHS, line_offset=1)
    assert "aliases (`*name`) copy more than 10,000 values" in str(info.value)
    assert 2 <= info.value.line <= 10 and info.value.hint


def test_a_few_aliases_still_work():
    data, _ = parse_yaml("a: &x [1, 2]\nb: *x\nc: *x\n")
    assert data == {"a": [1, 2], "b": [1, 2], "c": [1, 2]}


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n", "a: &a\n  b: [1, *a]\n"])
def test_an_alias_inside_its_own_value_is_an_error_not_a_recursion_error(text):
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml(text)
    assert info.value.line == 1 and "refers to a value that contains it" in str(info.value)


def test_deep_nesting_is_refused():
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml("a: " + "[" * 200 + "]" * 200 + "\n")
    assert "nested more than" in str(info.value)


def test_nesting_deeper_than_libyaml_allows_is_a_syntax_error():
    with pytest.raises(YamlSyntaxError):
        parse_yaml("[" * 100_000)


@pytest.mark.parametrize(("text", "value"), [
    ("t: !!timestamp nope\n", "nope"),       # the constructor raised AttributeError
    ("d: !!bool maybe\n", "maybe"),          # KeyError
    ("n: !!float many\n", "many"),
    ("e: =\n", "="),                         # `=` alone resolves to the !!value tag
])
def test_a_tag_whose_constructor_fails_leaves_the_text(text, value):
    data, _ = parse_yaml(text)
    assert list(data.values()) == [value]


@pytest.mark.parametrize("text", ["b: !!binary aGVsbG8=\n", "p: !!python/name:os.system x\n", "c: !custom x\n"])
def test_other_tags_are_refused_with_their_line(text):
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml("ok: 1\n" + text)
    assert info.value.line == 2 and "unsupported YAML tag" in str(info.value)


@pytest.mark.parametrize("text", ["? [a, b]\n: c\n", "? {a: 1}\n: c\n"])
def test_a_key_that_is_a_list_or_mapping_is_refused(text):
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml(text)
    assert "a key must be a name" in str(info.value)


def test_merge_keys_are_refused():
    """`<<` merges can copy exponentially many pairs, like aliases; content has no need for them."""
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert info.value.line == 3 and "merge keys" in str(info.value)


@pytest.mark.parametrize(("text", "field", "char"), [
    ('title: "A \\a title"\n', "title", "U+0007"),
    ('claims:\n  - {text: "x\\x1by"}\n', "claims[0].text", "U+001B"),
    ('by_group: {"Group\\x01": 1}\n', "by_group", "U+0001"),
    ('t: "\\uffff"\n', "t", "U+FFFF"),
])
def test_control_characters_are_reported_with_their_line_and_field(text, field, char):
    _, notes = parse_yaml("ok: fine\n" + text, line_offset=1)
    assert len(notes) == 1
    note = notes[0]
    assert note.field == field and char in note.message and note.line >= 3


def test_a_lone_surrogate_escape_is_refused():
    with pytest.raises(YamlSyntaxError):
        parse_yaml('t: "\\ud800"\n')


def test_tabs_and_newlines_are_not_control_characters():
    _, notes = parse_yaml('t: "a\\tb\\nc"\n')
    assert notes == []


@pytest.mark.parametrize("text", ["0x" + "f" * 4000, "0" + "7" * 5000, "1:" * 3000 + "1", "-0x" + "f" * 20])
def test_an_integer_too_long_to_print_stays_text(text):
    """Found while looking for other crash paths: hex, octal and sexagesimal ints escape Python's 4,300-digit
    limit on reading, but not on printing: `title: 0xfff…` crashed every message and page that showed it."""
    data, _ = parse_yaml(f"n: {text}\n")
    assert data["n"] == text


def test_integers_up_to_a_quintillion_stay_numbers():
    data, _ = parse_yaml("a: 1000000000000000000\nb: 0x10\nc: -5\n")
    assert data == {"a": 10**18, "b": 16, "c": -5}
