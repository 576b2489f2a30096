"""Cells of sitegen's CSV files (pure): null empty, booleans as true/false, lists as JSON, formulas defused."""

from __future__ import annotations

import json
from typing import Any

#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"). A text cell that
#: starts with one gets a leading apostrophe, which spreadsheets take as "this is text"; numbers, which
#: sitegen writes itself, stay numbers.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_cell(value: Any, as_json: dict[int, str]) -> Any:
    """A value as a CSV cell; `as_json` remembers the JSON text of lists already encoded (by id)."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        if id(value) not in as_json:
            as_json[id(value)] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return as_json[id(value)]
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
