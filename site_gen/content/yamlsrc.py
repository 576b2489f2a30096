"""The one home of PyYAML: YAML text to plain values that remember the line of every key and item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlSyntaxError(ValueError):
    """YAML that does not parse; `line` is 1-based within the parsed text."""

    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


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
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        raise YamlSyntaxError(line, _message(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1 + line_offset, str(exc)) from None
    finally:
        loader.dispose()
    return value, duplicates


def _message(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "; ".join(parts) or "invalid YAML"


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
