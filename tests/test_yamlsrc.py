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
