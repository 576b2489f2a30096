"""The one home of PyYAML: YAML text to plain values that remember the line of every key and item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from site_gen.content.sources import CONTROL_HINT, control_character

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: At most this many values may be copied through `*alias` references in one document (a "billion laughs"
#: of 436 bytes asks for billions); content never needs more than a few.
MAX_ALIAS_VALUES = 10_000
#: Mappings and lists may nest this deep (front matter needs 4 or 5 levels).
MAX_DEPTH = 50
#: A larger integer stays its text (hex, octal and 1:2:3 sexagesimal forms are not bound by Python's
#: 4,300-digit limit on reading decimals, but printing them is); figures are bounded far lower anyway.
MAX_INT = 10**18
#: The scalar tags sitegen constructs; any other tag (`!!binary`, `!!python/...`, `!custom`) is refused.
SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "float", "str", "timestamp",
                                                           "value", "merge"))  # `=` and `<<` alone: text


class YamlSyntaxError(ValueError):
    """YAML that does not parse (or cannot be used); `line` (1-based, shifted) is where the mistake starts, `hint` what to do."""

    def __init__(self, line: int, message: str, hint: str = ""):
        self.line = line
        self.hint = hint
        super().__init__(message)


#: Constructs PyYAML reports as the context of an error when they are never closed: what, and how to close it.
_UNCLOSED = {
    "while parsing a flow sequence": ('a "[" list', 'close it with "]", or quote the whole value if the "[" is text'),
    "while parsing a flow mapping": ('a "{" mapping', 'close it with "}", or quote the whole value if the "{" is text'),
    "while scanning a quoted scalar": ("a quoted text", "close it with the same quote mark"),
}


class LMap(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):
    """A sequence that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


@dataclass(frozen=True)
class DuplicateKey:
    key: str
    line: int


@dataclass(frozen=True)
class BadText:
    """A text value (or key) holding a character that no feed or SVG may carry; `field` is its YAML path."""

    line: int
    field: str
    message: str
    hint: str = CONTROL_HINT


def parse_yaml(text: str, line_offset: int = 0) -> tuple[Any, list[DuplicateKey | BadText]]:
    """Parse one YAML document; lines are shifted by `line_offset`. Repeated keys (last wins) and text with
    control characters are returned as notes; alias bombs, deep nesting and unknown tags raise YamlSyntaxError."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        converter = _Converter(loader, line_offset)
        value = converter.convert(node, None, 0) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, line_offset) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1 + line_offset, str(exc)) from None
    finally:
        loader.dispose()
    return value, converter.notes


def _syntax_error(exc: yaml.MarkedYAMLError, offset: int) -> YamlSyntaxError:
    """Located at the start of an unclosed construct (naming where the parser gave up), else where it gave up."""
    start = exc.context_mark.line + 1 + offset if exc.context_mark else None
    gave_up = exc.problem_mark.line + 1 + offset if exc.problem_mark else None
    problem = exc.problem or "invalid YAML"
    if start and exc.context in _UNCLOSED:
        what, hint = _UNCLOSED[exc.context]
        where = f"line {gave_up}" if gave_up and gave_up != start else "this line"
        return YamlSyntaxError(start, f"{what} starts here and is not closed; the parser gave up on {where}: {problem}",
                               hint)
    if start and exc.context and start != gave_up:
        problem += f" ({exc.context} that starts on line {start})"
    elif exc.context:
        problem = f"{exc.context}: {problem}"
    return YamlSyntaxError(gave_up or start or 1 + offset, problem)


#: A value's place in the document, built only when a note needs it: (parent, key or item index), or None.
YamlPath = tuple | None
_STR_TAG = "tag:yaml.org,2002:str"


def path_text(path: YamlPath) -> str:
    """`claims[3].text`: the dotted keys and item indexes of a value (the top-level mapping's keys bare)."""
    steps = []
    while path is not None:
        path, step = path
        steps.append(step)
    text = ""
    for step in reversed(steps):
        text = f"{text}[{step}]" if isinstance(step, int) else (f"{text}.{step}" if text else step)
    return text


class _Converter:
    """Turns a composed node graph into LMap/LList/scalars, expanding each alias with a budget."""

    def __init__(self, loader: Any, offset: int):
        self.loader = loader
        self.offset = offset
        self.notes: list[DuplicateKey | BadText] = []
        self.seen: set[int] = set()
        self.open: set[int] = set()
        self.copied = 0

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def convert(self, node: yaml.Node, path: YamlPath, depth: int) -> Any:
        self._count(node, depth)
        if isinstance(node, yaml.ScalarNode):
            return self._text(self._scalar(node), node, path)
        self.open.add(id(node))
        try:
            return self._mapping(node, path, depth) if isinstance(node, yaml.MappingNode) else self._list(node, path, depth)
        finally:
            self.open.discard(id(node))

    def _count(self, node: yaml.Node, depth: int) -> None:
        """Refuse a node that contains itself, nesting beyond MAX_DEPTH and alias copies beyond MAX_ALIAS_VALUES."""
        key = id(node)
        if key in self.open:
            raise YamlSyntaxError(self.line(node), "an alias (`*name`) refers to a value that contains it",
                                  "a value cannot contain itself; write it out")
        if depth > MAX_DEPTH:
            raise YamlSyntaxError(self.line(node), f"mappings and lists nested more than {MAX_DEPTH} levels deep",
                                  "flatten the structure")
        if key in self.seen:
            self.copied += 1
            if self.copied > MAX_ALIAS_VALUES:
                raise YamlSyntaxError(self.line(node), f"aliases (`*name`) copy more than {MAX_ALIAS_VALUES:,} values",
                                      "write the values out instead of repeating aliases")
        else:
            self.seen.add(key)

    def _mapping(self, node: yaml.MappingNode, path: YamlPath, depth: int) -> LMap:
        result = LMap()
        result.line, result.key_lines = self.line(node), {}
        for key_node, value_node in node.value:
            key = self._key(key_node, path)
            key_line = self.line(key_node)
            if key in result:
                self.notes.append(DuplicateKey(key, key_line))
            result[key] = self.convert(value_node, (path, key), depth + 1)
            result.key_lines[key] = key_line
        return result

    def _list(self, node: yaml.SequenceNode, path: YamlPath, depth: int) -> LList:
        items = LList(self.convert(item, (path, i), depth + 1) for i, item in enumerate(node.value))
        items.line = self.line(node)
        items.item_lines = [self.line(item) for item in node.value]
        return items

    def _key(self, node: yaml.Node, path: YamlPath) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise YamlSyntaxError(self.line(node), "a key must be a name, not a mapping or a list",
                                  "write `name: value`")
        if node.tag == "tag:yaml.org,2002:merge":
            raise YamlSyntaxError(self.line(node), "merge keys (`<<: *name`) are not supported", "write the fields out")
        self._count(node, 0)
        key = self._scalar(node)
        key = key if isinstance(key, str) else str(key)
        return self._text(key, node, path)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        """A scalar's value; a scalar that only looks typed (`2024-13-01`, `!!bool maybe`) stays its text."""
        if node.tag == _STR_TAG:
            return node.value  # what PyYAML's str constructor returns, without its bookkeeping
        if node.tag not in SCALAR_TAGS:
            raise YamlSyntaxError(self.line(node), f"unsupported YAML tag {_short_tag(node.tag)}",
                                  "remove the tag: sitegen reads text, numbers, true/false and dates")
        try:
            value = self.loader.construct_object(node, deep=True)
        except Exception:  # noqa: BLE001 - PyYAML's constructors raise ValueError, KeyError, AttributeError...
            self.loader.recursive_objects.pop(node, None)  # PyYAML leaves the failed node marked as in progress
            return node.value
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
            return node.value  # 0x + 4,000 digits is an int Python cannot even print: its text is checked instead
        return value

    def _text(self, value: Any, node: yaml.Node, path: YamlPath) -> Any:
        if isinstance(value, str) and (char := control_character(value)):
            self.notes.append(BadText(self.line(node), path_text(path), f"contains a control character {char}"))
        return value


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
