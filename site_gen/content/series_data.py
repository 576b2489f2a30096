"""Reads a data table (CSV with a header row, or a JSON array of objects) into rows that know their file line."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from site_gen.core.problems import Collector
from site_gen.content.sources import control_character, CONTROL_HINT, read_text
from site_gen.core.kinds import describe

FORMATS = ("csv", "json")
_WS = re.compile(r"[ \t\n\r]*")


@dataclass(frozen=True)
class Row:
    """One data row: 1-based `number` among the data rows, the file `line` it starts on, its non-empty cells."""

    number: int
    line: int
    cells: dict[str, object]
    span: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Table:
    path: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    text: str = ""

    def cell_line(self, row: Row, column: str) -> int:
        """The line of one cell: the row's line for CSV, the line of the key inside a JSON object."""
        start, end = row.span
        if end <= start:
            return row.line
        for needle in _key_needles(column):
            found = self.text.find(needle, start, end)
            if found >= 0:
                return row.line + self.text.count("\n", start, found)
        return row.line


@functools.lru_cache(maxsize=256)
def _key_needles(column: str) -> tuple[str, ...]:
    """How a column name can be spelled as a JSON key: as is, or with \\u escapes."""
    return tuple(dict.fromkeys((json.dumps(column, ensure_ascii=False), json.dumps(column))))


def format_of(path: Path, declared: str) -> str:
    return declared or path.suffix.lower().lstrip(".")


def read_table(path: Path, display: str, fmt: str, delimiter: str, out: Collector) -> Table | None:
    """The table in `path`, or None after recording why it cannot be read (problems go to `out`, located)."""
    text = read_text(path, out)
    if text is None:
        return None
    if fmt == "json":
        return _json_table(text, display, out)
    return _csv_table(text, display, delimiter, out)


def _csv_table(text: str, display: str, delimiter: str, out: Collector) -> Table | None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        out.error(reader.line_num or 1, "header", f"CSV syntax error: {exc}", "check the quotes")
        return None
    if not header or not any(h.strip() for h in header):
        out.error(1, "header", "no header row", "the first line must name the columns")
        return None
    columns = tuple(h.strip() for h in header)
    _check_header(columns, out)
    rows: list[Row] = []
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            out.error(line, f"row {len(rows) + 1}", f"CSV syntax error: {exc}", "check the quotes")
            break
        if cells and any(c.strip() for c in cells):
            _csv_row(cells, columns, line, rows, out)
        line = reader.line_num + 1
    return Table(display, columns, tuple(rows))


def _check_header(columns: tuple[str, ...], out: Collector) -> None:
    seen: set[str] = set()
    for i, name in enumerate(columns):
        if not name:
            out.error(1, "header", f"column {i + 1} has no name", "name every column in the header row")
        elif name in seen:
            out.error(1, "header", f'column "{name}" appears twice', "give each column its own name")
        seen.add(name)


def _csv_row(cells: list[str], columns: tuple[str, ...], line: int, rows: list[Row], out: Collector) -> None:
    number = len(rows) + 1
    if len(cells) != len(columns):
        out.error(line, f"row {number}", f"{len(cells)} cells, but the header names {len(columns)} columns",
                  "every row needs one cell per column; leave a cell empty for no figure")
    values = {c: v.strip() for c, v in zip(columns, cells) if v.strip()}
    rows.append(Row(number, line, values))


def _json_table(text: str, display: str, out: Collector) -> Table | None:
    items = _json_items(text, out)
    if items is None:
        return None
    rows: list[Row] = []
    columns: dict[str, None] = {}
    line = 1
    previous = 0
    for number, (start, end, value) in enumerate(items, start=1):
        line += text.count("\n", previous, start)
        previous = start
        if not isinstance(value, dict):
            out.error(line, f"row {number}", f"expected an object of column: value pairs, got {describe(value)}",
                      'write each row as {"date": "2024-01-31", "column": 123}')
            continue
        cells = {str(k): v for k, v in value.items() if v is not None and v != ""}
        if char := _control_character(cells):
            out.error(line, f"row {number}", f"contains a control character {char}", CONTROL_HINT)
            continue
        columns.update(dict.fromkeys(cells))
        rows.append(Row(number, line, cells, (start, end)))
    return Table(display, tuple(columns), tuple(rows), text)


def _control_character(cells: dict[str, object]) -> str | None:
    """The first forbidden control character a JSON row spells with a \\u escape, in a key or a text value."""
    texts = [*cells, *(v for v in cells.values() if isinstance(v, str))]
    return next((char for text in texts if (char := control_character(text))), None)


def _json_items(text: str, out: Collector) -> list[tuple[int, int, object]] | None:
    """(start, end, value) of each element of the top-level JSON array, so that rows keep their lines."""
    decoder = json.JSONDecoder()
    pos = _WS.match(text, 0).end()
    if text[pos:pos + 1] != "[":
        out.error(_line(text, pos), "", "expected a JSON array of row objects", 'start the file with "["')
        return None
    items: list[tuple[int, int, object]] = []
    pos = _WS.match(text, pos + 1).end()
    try:
        while text[pos:pos + 1] != "]":
            value, end = decoder.raw_decode(text, pos)
            items.append((pos, end, value))
            pos = _WS.match(text, end).end()
            if text[pos:pos + 1] == ",":
                pos = _WS.match(text, pos + 1).end()
            elif text[pos:pos + 1] != "]":
                out.error(_line(text, pos), "", "JSON syntax error: expected , or ] after a row", "check the punctuation")
                return None
    except json.JSONDecodeError as exc:
        out.error(exc.lineno, "", f"JSON syntax error: {exc.msg} (column {exc.colno})", "check the punctuation")
        return None
    except (RecursionError, ValueError) as exc:  # nesting deeper than Python's stack; a number too long to read
        why = "nested too deeply" if isinstance(exc, RecursionError) else "a number with too many digits"
        out.error(_line(text, pos), "", f"JSON row cannot be read: {why}", "write each row as a flat object of column: value pairs")
        return None
    if text[_WS.match(text, pos + 1).end():].strip():
        out.error(_line(text, pos + 1), "", "JSON syntax error: text after the closing ]", "remove it")
        return None
    return items


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1
