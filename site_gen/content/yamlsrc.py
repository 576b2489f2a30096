"""The one home of PyYAML: YAML text to plain values that remember the line of every key and item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlSyntaxError(ValueError):
    """YAML that does not parse; `line` (1-based, shifted) is where the mistake starts, `hint` what to do."""

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


def parse_yaml(text: str, line_offset: int = 0) -> tuple[Any, list[DuplicateKey]]:
    """Parse one YAML document; lines are shifted by `line_offset`. Duplicate keys are returned, last wins."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        duplicates: list[DuplicateKey] = []
        value = _convert(loader, node, line_offset, duplicates) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, line_offset) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1 + line_offset, str(exc)) from None
    finally:
        loader.dispose()
    return value, duplicates


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


def _convert(loader: Any, node: yaml.Node, offset: int, dups: list[DuplicateKey]) -> Any:
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result = LMap()
        result.line, result.key_lines = line, {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node)
            key = key if isinstance(key, str) else str(key)
            key_line = key_node.start_mark.line + 1 + offset
            if key in result:
                dups.append(DuplicateKey(key, key_line))
            result[key] = _convert(loader, value_node, offset, dups)
            result.key_lines[key] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LList(_convert(loader, item, offset, dups) for item in node.value)
        items.line = line
        items.item_lines = [item.start_mark.line + 1 + offset for item in node.value]
        return items
    return _scalar(loader, node)


def _scalar(loader: Any, node: yaml.Node) -> Any:
    """A scalar's value; a plain scalar that only looks typed (`2024-13-01`, `!!int x`) stays its text."""
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError):
        loader.recursive_objects.pop(node, None)  # PyYAML leaves the failed node marked as in progress
        return node.value if isinstance(node, yaml.ScalarNode) else str(node.value)
