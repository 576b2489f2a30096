"""What a YAML or JSON value is, in words for messages ("a list", "the decimal number 2.5"); pure."""

from __future__ import annotations

import datetime as dt


def describe(value: object) -> str:
    """The value's kind in plain words, with the value itself when it is short (never a Python type name)."""
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, int):
        return f"the whole number {value}"
    if isinstance(value, float):
        return f"the decimal number {value}"
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return f'the text "{value}"'
    return "a value sitegen cannot read"
