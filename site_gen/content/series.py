"""Load stage for data series: every declaration and its data table read, checked and turned into Datasets."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from site_gen.core.kinds import describe
from site_gen.core.model import SiteConfig
from site_gen.core.problems import Collector, Problem
from site_gen.core.quantities import ACCEPTED_FORMS, Qualifier, Quantity, QuantityError, parse_quantity
from site_gen.content.series_data import Row, Table, read_table
from site_gen.content.series_decl import Declaration, ValueDecl, read_declaration
from site_gen.core.series_model import Dataset, Point, Series
from site_gen.content.sources import OUTSIDE_HINT, display_path, outside_site

SERIES_DIR = "series"
#: A dataset (None if it could not be built), the problems in its data file, those in its declaration.
LoadedDataset = tuple["Dataset | None", tuple[Problem, ...], tuple[Problem, ...]]
#: Data dates must lie in these years: a chart pads its time axis, and matplotlib cannot draw beyond 1–9999.
EARLIEST, LATEST = dt.date(1000, 1, 1), dt.date(8999, 12, 31)
#: After this many problems with one column of one data file, the rest are counted in one line.
MAX_CELL_PROBLEMS = 25


class SeriesMemo(Protocol):
    """What the series load stage may reuse from earlier builds (pipeline/memo.py: BuildMemo provides it)."""

    def dataset(self, decl: Declaration, config: SiteConfig, load: Callable[[], LoadedDataset]) -> LoadedDataset: ...


def load_series(config: SiteConfig, memo: SeriesMemo | None = None) -> tuple[tuple[Dataset, ...], list[Problem]]:
    """Every declared dataset (sorted by id) and every problem found in declarations and data files.

    `memo` (when `serve` rebuilds) reuses a dataset while its declaration and data file are unchanged."""
    problems: list[Problem] = []
    datasets: list[Dataset] = []
    for path in find_declarations(config.content_dir / SERIES_DIR):
        out = Collector(display_path(path, config.root))
        decl = read_declaration(path, config, out)
        dataset, data_problems, decl_problems = None, (), ()
        if decl is not None:
            def load(decl: Declaration = decl, path: str = out.path) -> LoadedDataset:
                data_problems: list[Problem] = []
                sub = Collector(path)
                return _load_dataset(decl, config, sub, data_problems), tuple(data_problems), tuple(sub.problems)

            dataset, data_problems, decl_problems = memo.dataset(decl, config, load) if memo is not None else load()
        problems += data_problems
        problems += out.problems
        problems += decl_problems
        if dataset is not None:
            datasets.append(dataset)
    problems += _duplicate_ids(datasets)
    return tuple(sorted(datasets, key=lambda d: d.id)), problems


def find_declarations(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    found = [p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
             and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def _load_dataset(decl: Declaration, config: SiteConfig, out: Collector, problems: list[Problem]) -> Dataset | None:
    data_out = Collector(display_path(decl.file, config.root))
    table = None
    if real := outside_site(decl.file, config.root):
        out.error(decl.lines["file"], "file", f"the data file leads outside the site folder, to {real}", OUTSIDE_HINT)
    elif not decl.file.is_file():
        out.error(decl.lines["file"], "file", f"no data file at {data_out.path}", "the path is relative to this declaration")
    elif decl.format in ("csv", "json"):
        table = read_table(decl.file, data_out.path, decl.format, decl.delimiter, data_out)
    dataset = build_dataset(decl, table, out, data_out) if table is not None else None
    problems += data_out.problems
    return dataset


def _duplicate_ids(datasets: list[Dataset]) -> list[Problem]:
    seen: dict[str, Dataset] = {}
    problems = []
    for d in datasets:
        if d.id in seen:
            problems.append(Problem(d.decl_path, 1, "id", f'series id "{d.id}" is also used by {seen[d.id].decl_path}',
                                    "set a distinct `id:` in one of them"))
        seen.setdefault(d.id, d)
    return problems


def build_dataset(decl: Declaration, table: Table, out: Collector, data_out: Collector) -> Dataset | None:
    """Pure: a declaration and its table -> a Dataset; column, date and number problems are recorded.

    A wrong column name does not stop the cells of the other columns from being checked, so that one
    build lists every problem.
    """
    check_columns(decl, table, out)
    reader = CellReader(decl, table, data_out)
    readable = [v for v in decl.values if v.column in table.columns
                and (not v.qualifier_column or v.qualifier_column in table.columns)]
    if decl.date_column not in table.columns:
        reader.check_figures(readable)
        reader.count_rest()
        return None
    dated = reader.dated_rows()
    series = tuple(_series(decl, v, reader.points(v, dated), table.path) for v in readable)
    reader.count_rest()
    for s in series:
        if not s.points and not reader.counts.get(s.column):
            out.warn(s.line, "values", f'column "{s.column}" has no figures in {table.path}', "remove it or check the data")
    if any(p.is_error for p in out.problems + data_out.problems) or not dated:
        if not dated and not data_out.problems:
            data_out.error(1, "", "the file has no data rows", "add rows, or remove the declaration")
        return None
    return Dataset(
        id=decl.id, title=decl.title, claimant=decl.claimant, subject=decl.subject, status=decl.status,
        sources=decl.sources, series=tuple(s for s in series if s.points), data_path=table.path,
        decl_path=decl.path, frequency=decl.frequency, cumulative=decl.cumulative,
        dates=tuple(d for d, _ in dated), description=decl.description, since=decl.since, license=decl.license,
        license_text=decl.license_text, provenance=decl.provenance, ignored=decl.ignored,
    )


def _series(decl: Declaration, value: ValueDecl, points: tuple[Point, ...], data_path: str) -> Series:
    return Series(
        id=f"{decl.id}/{value.id}", dataset_id=decl.id, column=value.column, label=value.label,
        claimant=decl.claimant, subject=value.subject or decl.subject, measure=value.measure, unit=value.unit,
        cumulative=decl.cumulative, frequency=decl.frequency, status=decl.status, points=points, note=value.note,
        continues=value.continues, milestones=value.milestones, since=decl.since, data_path=data_path,
        line=value.line,
    )


def check_columns(decl: Declaration, table: Table, out: Collector) -> bool:
    """Every declared column must exist in the data; an undeclared data column is a warning, never dropped silently."""
    known = table.columns
    ok = _column_exists(decl.date_column, known, decl.lines["date_column"], "date_column", table.path, out)
    for i, v in enumerate(decl.values):
        ok &= _column_exists(v.column, known, v.line, f"values[{i}].column", table.path, out)
        if v.qualifier_column:
            ok &= _column_exists(v.qualifier_column, known, v.line, f"values[{i}].qualifier_column", table.path, out)
        for name in v.continues:
            if name not in {w.column for w in decl.values}:
                out.error(v.line, f"values[{i}].continues", f'"{name}" is not one of the declared value columns',
                          "list the columns this one replaces; declare them under `values:` too")
    for name, _ in decl.ignored:
        ok &= _column_exists(name, known, decl.lines["ignore_columns"], "ignore_columns", table.path, out)
    if ok:
        _undeclared(decl, known, table.path, out)
    return ok


def _column_exists(name: str, known: tuple[str, ...], line: int, field: str, path: str, out: Collector) -> bool:
    if not name or name in known:
        return bool(name)
    guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f'did you mean "{guess[0]}"?' if guess else "columns: " + ", ".join(known)
    out.error(line, field, f'no column "{name}" in {path}', hint)
    return False


def _undeclared(decl: Declaration, known: tuple[str, ...], path: str, out: Collector) -> None:
    used = {decl.date_column} | {n for n, _ in decl.ignored}
    used |= {v.column for v in decl.values} | {v.qualifier_column for v in decl.values}
    for name in known:
        if name not in used:
            out.warn(decl.lines["values"], "values", f'column "{name}" of {path} is neither a value nor ignored; '
                     "its figures are not published", "add it under `values:`, or under `ignore_columns:` with a reason")


@dataclass
class CellReader:
    """Reads dates and figures out of a table's cells, recording each bad cell as `data-path:line` once."""

    decl: Declaration
    table: Table
    out: Collector

    def __post_init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.first_unlisted: dict[str, Row] = {}

    def error(self, row: Row, column: str, message: str, hint: str = "") -> None:
        count = self.counts[column] = self.counts.get(column, 0) + 1
        if count <= MAX_CELL_PROBLEMS:
            self.out.error(self.table.cell_line(row, column), f'row {row.number}, "{column}"', message, hint)
        else:
            self.first_unlisted.setdefault(column, row)

    def count_rest(self) -> None:
        """One line per column whose problems went past MAX_CELL_PROBLEMS, with how many were not listed."""
        for column, row in self.first_unlisted.items():
            rest = self.counts[column] - MAX_CELL_PROBLEMS
            self.out.error(row.line, f'row {row.number}, "{column}"',
                           f"and {rest} more row(s) from here with problems in this column",
                           f"only the first {MAX_CELL_PROBLEMS} are listed; fix those and build again")

    def dated_rows(self) -> list[tuple[dt.date, Row]]:
        """Rows with a good, unique date, sorted by date."""
        seen: dict[dt.date, Row] = {}
        for row in self.table.rows:
            date = self.date(row)
            if date is None:
                continue
            if date in seen:
                first = seen[date]
                self.error(row, self.decl.date_column, f"duplicate date {date}: also row {first.number} (line {first.line})",
                           "keep one row per date")
                continue
            seen[date] = row
        return sorted(seen.items(), key=lambda item: item[0])

    def date(self, row: Row) -> dt.date | None:
        column = self.decl.date_column
        raw = row.cells.get(column)
        if raw is None:
            self.error(row, column, "no date", "every row needs a date")
            return None
        parsed = parse_cell_date(raw, self.decl.date_format)
        if parsed is None:
            hint = f'expected the format "{self.decl.date_format}"' if self.decl.date_format else "use YYYY-MM-DD"
            self.error(row, column, f'bad date "{raw}"', hint)
        elif not EARLIEST <= parsed <= LATEST:
            self.error(row, column, f"date {parsed} is outside the years {EARLIEST.year}–{LATEST.year}", "check the year")
            return None
        return parsed

    def check_figures(self, values: list[ValueDecl]) -> None:
        """Every figure of every row checked, when the rows cannot be dated (the date column is wrong)."""
        for value in values:
            for row in self.table.rows:
                self.quantity(row, value)

    def points(self, value: ValueDecl, dated: list[tuple[dt.date, Row]]) -> tuple[Point, ...]:
        found = []
        for date, row in dated:
            quantity = self.quantity(row, value)
            if quantity is not None:
                found.append(Point(date, quantity, self.table.cell_line(row, value.column), row.number))
        return tuple(found)

    def quantity(self, row: Row, value: ValueDecl) -> Quantity | None:
        raw = row.cells.get(value.column)
        word = row.cells.get(value.qualifier_column) if value.qualifier_column else None
        if raw is None:
            if word is not None:
                self.error(row, value.qualifier_column, f'qualifier "{word}" but no figure in "{value.column}"',
                           "leave both empty when there is no figure that day")
            return None
        quantity = self.figure(row, value.column, raw)
        if quantity is None or word is None:
            return quantity
        return self.qualified(row, value, quantity, str(word))

    def figure(self, row: Row, column: str, raw: object) -> Quantity | None:
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, bool) or not isinstance(raw, (int, str)):
            self.error(row, column, f"expected a whole number, got {describe(raw)}",
                       "use a number such as 1234, or a wording such as \"about 1,200\"")
            return None
        try:
            quantity = parse_quantity(raw, self.decl.number_locale)
        except QuantityError as exc:
            self.error(row, column, str(exc), exc.hint or f"accepted forms: {ACCEPTED_FORMS}")
            return None
        if quantity.is_unquantified:
            self.error(row, column, f'a series needs a number on each date, got "{quantity.wording}"',
                       "leave the cell empty when the report gives no figure")
            return None
        return quantity

    def qualified(self, row: Row, value: ValueDecl, quantity: Quantity, word: str) -> Quantity | None:
        """The figure with the wording of its qualifier column ("about", "more" -> "more than", ...)."""
        key = word.strip().lower()
        mapping = self.decl.qualifiers
        if mapping and key not in mapping:
            self.error(row, value.qualifier_column, f'unknown qualifier "{word}"',
                       "known: " + ", ".join(mapping) + "; add it under `qualifiers:`")
            return None
        wording = mapping.get(key, key)
        if not wording:
            return quantity
        if quantity.qualifier is not Qualifier.EXACT:
            self.error(row, value.qualifier_column, f'qualifier "{word}" on a figure already worded "{quantity.text}"',
                       "give the wording in one place")
            return None
        try:
            return parse_quantity(f"{wording} {quantity.text}", self.decl.number_locale)
        except QuantityError:
            self.error(row, value.qualifier_column, f'cannot read the qualifier "{word}"',
                       f'map it to a wording under `qualifiers:`, e.g. `{key}: more than`; accepted: {ACCEPTED_FORMS}')
            return None


def parse_cell_date(raw: object, fmt: str) -> dt.date | None:
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    try:
        if fmt:
            return dt.datetime.strptime(text, fmt).date()
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except (ValueError, re.error):  # re.error: a format strptime cannot compile ("%Y%Y"), also reported on its line
        return None
