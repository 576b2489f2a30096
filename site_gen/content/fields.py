"""Typed readers for YAML mappings that record a located problem instead of raising."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any
from zoneinfo import ZoneInfo

from site_gen.core.problems import Collector
from site_gen.content.yamlsrc import DuplicateKey, LList, LMap, parse_yaml, YamlSyntaxError
from site_gen.core.kinds import describe
from site_gen.core.slugs import MAX_SLUG

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
SLUG_RE = re.compile(r"^[a-z0-9-]+$")
ID_HINT = "use lowercase letters, digits, - and _"


class Fields:
    """Reads typed fields out of one YAML mapping, reporting problems with the key's line."""

    def __init__(self, mapping: LMap, out: Collector, prefix: str = ""):
        self.map = mapping
        self.out = out
        self.prefix = prefix

    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def line(self, key: str) -> int:
        return self.map.line_of(key)

    def has(self, key: str) -> bool:
        return key in self.map and self.map[key] is not None

    def error(self, key: str, message: str, hint: str = "") -> None:
        self.out.error(self.line(key), self.name(key), message, hint)

    def warn(self, key: str, message: str, hint: str = "") -> None:
        self.out.warn(self.line(key), self.name(key), message, hint)

    def check_keys(self, known: tuple[str, ...], required: tuple[str, ...] = ()) -> set[str]:
        """Unknown keys (with a guess), then missing required ones, unless a mistyped key already names one;
        returns the known keys that mistyped ones were taken for."""
        guessed = set()
        for key in self.map:
            if key not in known:
                guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                hint = f"did you mean `{guess[0]}`?" if guess else "known fields: " + ", ".join(known)
                self.out.error(self.map.line_of(key), self.name(key), f"unknown field `{key}`", hint)
                guessed.update(guess)
        for key in required:
            if not self.has(key) and key not in guessed:
                self.out.error(self.map.line, self.name(key), "missing required field", f"add `{key}:`")
        return guessed

    def str(self, key: str, default: str = "") -> str:
        value = self.map.get(key)
        if value is None:
            return default
        if isinstance(value, (LMap, LList, bool)):
            self.error(key, f"expected text, got {describe(value)}")
            return default
        text = str(value).strip()
        if not text:
            self.error(key, "must not be empty")
        return text

    def bool(self, key: str, default: bool = False) -> bool:
        value = self.map.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(key, f"expected true or false, got {describe(value)}")
            return default
        return value

    def str_list(self, key: str) -> tuple[str, ...]:
        value = self.map.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, LList):
            self.error(key, f"expected a list of text, got {describe(value)}")
            return ()
        items = []
        for i, item in enumerate(value):
            if isinstance(item, (LMap, LList)) or item is None:
                self.out.error(value.line_of(i), self.name(key), f"item {i + 1}: expected text, got {describe(item)}")
            else:
                items.append(str(item).strip())
        return tuple(items)

    def mapping(self, key: str) -> LMap | None:
        value = self.map.get(key)
        if value is None:
            return None
        if not isinstance(value, LMap):
            self.error(key, f"expected a mapping (key: value lines), got {describe(value)}")
            return None
        return value

    def seq(self, key: str) -> LList | None:
        value = self.map.get(key)
        if value is None:
            return None
        if not isinstance(value, LList):
            self.error(key, f"expected a list, got {describe(value)}")
            return None
        return value

    def date(self, key: str) -> dt.date | None:
        value = self.map.get(key)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.error(key, bad_date(value), "use YYYY-MM-DD")
        return parsed

    def datetime(self, key: str, tz: str) -> dt.datetime | None:
        value = self.map.get(key)
        if value is None:
            return None
        parsed = parse_datetime(value, tz)
        if parsed is None:
            self.error(key, bad_date(value), "use YYYY-MM-DD or an ISO datetime such as 2024-07-05T10:27:00+03:00")
        return parsed

    def ident(self, key: str) -> str:
        text = self.str(key)
        if text and not ID_RE.match(text):
            self.error(key, f"bad id {quote(text)}", ID_HINT)
        elif too_long(text):
            self.error(key, too_long(text), "shorten it")
        return text


def bad_date(value: Any) -> str:
    """'bad date "2024-13-01"' for text; a value of another kind is named in words."""
    return f"bad date {quote(value)}" if isinstance(value, str) else f"expected a date, got {describe(value)}"


def too_long(name: str) -> str:
    """The problem with an id or slug longer than MAX_SLUG (it becomes part of a file name); "" when it fits."""
    return f"longer than {MAX_SLUG} characters ({len(name)})" if len(name) > MAX_SLUG else ""


def quote(value: Any) -> str:
    return f'"{value}"'


def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def parse_datetime(value: Any, tz: str) -> dt.datetime | None:
    """A date or ISO datetime; naive values are taken to be in the site's time zone."""
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    else:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(tz))
    return parsed


def parse_mapping(text: str, out: Collector, what: str, hint: str, line_offset: int = 0) -> LMap | None:
    """YAML that must be one mapping; a syntax error, a repeated key or another shape becomes a located problem."""
    try:
        data, notes = parse_yaml(text, line_offset=line_offset)
    except YamlSyntaxError as exc:
        out.error(exc.line, "", f"YAML syntax error: {exc}", exc.hint or "check indentation, colons and quotes")
        return None
    for note in notes:
        if isinstance(note, DuplicateKey):
            out.error(note.line, note.key, "field given twice", "keep one")
        else:
            out.error(note.line, note.field, note.message, note.hint)
    if not isinstance(data, LMap):
        out.error(line_offset + 1, "", f"{what} must be a mapping of fields, got {describe(data)}", hint)
        return None
    return data
