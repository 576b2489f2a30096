"""Reads one series declaration (content/series/*.yaml) into a Declaration, recording every problem with its line."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from site_gen.content.articles import read_sources
from site_gen.content.claims import read_number_locale
from site_gen.content.fields import describe, Fields, parse_mapping
from site_gen.core.model import Claimant, SiteConfig, Source, Status
from site_gen.core.problems import Collector
from site_gen.content.series_data import format_of, FORMATS
from site_gen.core.series_model import FREQUENCIES
from site_gen.core.slugs import slugify
from site_gen.content.sources import display_path, OUTSIDE_HINT, outside_site, read_text
from site_gen.content.yamlsrc import LList, LMap

DECL_KEYS = (
    "id", "title", "claimant", "subject", "measure", "unit", "status", "description", "sources",
    "file", "format", "delimiter", "date_column", "date_format", "cumulative", "since", "frequency",
    "qualifier_column", "qualifiers", "values", "ignore_columns", "license", "license_file", "provenance",
    "number_locale",
)
REQUIRED = ("title", "claimant", "subject", "sources", "file", "date_column", "cumulative", "values")
VALUE_KEYS = ("column", "id", "label", "measure", "unit", "subject", "qualifier_column", "note", "continues",
              "milestones")
SERIES_STATUSES = (Status.UNVERIFIED, Status.UNVERIFIABLE)


@dataclass(frozen=True)
class ValueDecl:
    """One declared value column; empty strings fall back to the declaration's defaults."""

    column: str
    id: str
    label: str
    measure: str
    unit: str
    subject: str
    qualifier_column: str
    note: str
    continues: tuple[str, ...]
    milestones: tuple[int, ...]
    line: int


@dataclass(frozen=True)
class Declaration:
    id: str
    title: str
    claimant: Claimant
    subject: str
    measure: str
    unit: str
    status: Status
    description: str
    sources: tuple[Source, ...]
    file: Path
    format: str
    delimiter: str
    date_column: str
    date_format: str
    cumulative: bool
    since: dt.date | None
    frequency: str
    qualifiers: dict[str, str]
    values: tuple[ValueDecl, ...]
    ignored: tuple[tuple[str, str], ...]
    license: str
    license_text: str
    provenance: str
    path: str
    lines: dict[str, int] = field(default_factory=dict)
    number_locale: str = ""


def read_declaration(path: Path, config: SiteConfig, out: Collector) -> Declaration | None:
    """Parse and check one declaration; None when it cannot be used (problems recorded in `out`)."""
    if target := outside_site(path, config.root):
        out.error(0, "", f"is a symbolic link outside the site folder, to {target}", OUTSIDE_HINT)
        return None
    data = _read_yaml(path, out)
    if data is None:
        return None
    f = Fields(data, out)
    f.check_keys(DECL_KEYS, required=REQUIRED)
    file = f.str("file")
    defaults = {key: f.str(key) for key in ("measure", "unit", "qualifier_column")}
    return Declaration(
        id=_dataset_id(f, path),
        title=f.str("title"),
        claimant=_claimant(f, config),
        subject=f.str("subject"),
        measure=defaults["measure"],
        unit=defaults["unit"],
        status=_status(f),
        description=f.str("description"),
        sources=_sources(f),
        file=beside(path, file),
        format=_format(f, beside(path, file)),
        delimiter=_delimiter(f),
        date_column=f.str("date_column"),
        date_format=_date_format(f),
        cumulative=f.bool("cumulative"),
        since=f.date("since"),
        frequency=_frequency(f),
        qualifiers=_qualifiers(f),
        values=_values(f, defaults),
        ignored=_ignored(f),
        license=f.str("license"),
        license_text=_license_text(f, path, config, out),
        provenance=f.str("provenance"),
        path=out.path,
        lines={key: data.line_of(key) for key in DECL_KEYS},
        number_locale=read_number_locale(f),
    )


def beside(declaration: Path, relative: str) -> Path:
    """A path given relative to the declaration's folder, with `..` folded away (for messages)."""
    return Path(os.path.normpath(declaration.parent / relative))


def _read_yaml(path: Path, out: Collector) -> LMap | None:
    text = read_text(path, out)
    if text is None:
        return None
    return parse_mapping(text, out, "a series declaration", "write `title: ...`, `claimant: ...`, `file: ...` lines")


def _dataset_id(f: Fields, path: Path) -> str:
    if f.has("id"):
        return f.ident("id")
    return slugify(path.stem) or "series"


def _claimant(f: Fields, config: SiteConfig) -> Claimant:
    """A registry id: a series' side must be known, since figures of different sides are never combined."""
    cid = f.str("claimant")
    found = config.claimant(cid)
    if found is None and cid:
        known = tuple(c.id for c in config.claimants)
        guess = difflib.get_close_matches(cid, known, n=1, cutoff=0.5)
        hint = f"did you mean `{guess[0]}`?" if guess else "declare it under `claimants:` in content/claimants.yaml"
        f.error("claimant", f'unknown claimant id "{cid}"', hint)
    return found or Claimant(cid, cid or "unknown", declared=False)


def _status(f: Fields) -> Status:
    text = f.str("status", Status.UNVERIFIED.value)
    allowed = ", ".join(s.value for s in SERIES_STATUSES)
    try:
        status = Status(text)
    except ValueError:
        f.error("status", f'unknown status "{text}"', f"one of: {allowed}")
        return Status.UNVERIFIED
    if status not in SERIES_STATUSES:
        f.error("status", f'a series can only be {allowed}, not "{text}"',
                "a verdict belongs to one claim: quote the figure as a claim in an article")
        return Status.UNVERIFIED
    return status


def _sources(f: Fields) -> tuple[Source, ...]:
    sources = read_sources(f)
    if f.has("sources") and not sources and isinstance(f.map["sources"], LList):
        f.error("sources", "a series must cite at least one source", "list source records: `- id: ...`, `url: ...`")
    return sources


def _format(f: Fields, data_path: Path) -> str:
    fmt = format_of(data_path, f.str("format"))
    if f.has("file") and fmt not in FORMATS:
        key = "format" if f.has("format") else "file"
        f.error(key, f'unknown data format "{fmt}"', "use a .csv or .json file, or set `format: csv` / `format: json`")
    return fmt


def _delimiter(f: Fields) -> str:
    text = str(f.map.get("delimiter", ",")) if f.has("delimiter") else ","
    text = "\t" if text in ("tab", "\\t") else text
    if len(text) != 1:
        f.error("delimiter", f'expected one character, got "{text}"', 'e.g. ",", ";" or "tab"')
        return ","
    return text


def _date_format(f: Fields) -> str:
    fmt = f.str("date_format")
    if fmt and "%" not in fmt:
        f.error("date_format", f'"{fmt}" has no % codes', 'a strptime format such as "%d.%m.%Y"; leave it out for YYYY-MM-DD')
    elif fmt and not _round_trips(fmt):
        f.error("date_format", f'"{fmt}" cannot be used to read dates',
                'use each % code once, e.g. "%d.%m.%Y"; leave it out for YYYY-MM-DD')
    return fmt


def _round_trips(fmt: str) -> bool:
    """True when a date written in `fmt` can be read back with it (false for "%Y%Y", "%Q", a lone "%")."""
    sample = dt.datetime(2024, 7, 5)
    try:
        dt.datetime.strptime(sample.strftime(fmt), fmt)
    except (ValueError, re.error):
        return False
    return True


def _frequency(f: Fields) -> str:
    text = f.str("frequency", "daily")
    if text not in FREQUENCIES:
        f.error("frequency", f'unknown frequency "{text}"', "one of: " + ", ".join(FREQUENCIES))
        return "irregular"
    return text


def _qualifiers(f: Fields) -> dict[str, str]:
    data = f.mapping("qualifiers")
    if data is None:
        return {}
    words = {}
    for word, wording in data.items():
        if not isinstance(wording, str) and wording is not None:
            f.out.error(data.line_of(word), f"qualifiers.{word}", f"expected a wording, got {describe(wording)}",
                        'e.g. `more: more than`, `about: about`, or `exact: ""` for none')
            continue
        words[str(word).strip().lower()] = (wording or "").strip()
    return words


def _values(f: Fields, defaults: dict[str, str]) -> tuple[ValueDecl, ...]:
    items = f.seq("values")
    if items is None:
        return ()
    values: list[ValueDecl] = []
    for i, item in enumerate(items):
        value = _value(f, item, items.line_of(i), i, defaults)
        if value is None:
            continue
        if any(v.id == value.id for v in values):
            f.out.error(value.line, f"values[{i}]", f'two values have the id "{value.id}"', "set a distinct `id:`")
            continue
        values.append(value)
    if not items:
        f.error("values", "no value columns declared", "list the columns that hold figures")
    return tuple(values)


def _value(f: Fields, item: object, line: int, index: int, defaults: dict[str, str]) -> ValueDecl | None:
    if isinstance(item, (str, int)) and not isinstance(item, bool):
        item = _single(str(item), line)
    if not isinstance(item, LMap):
        f.out.error(line, f"values[{index}]", f"expected a column name or a mapping, got {describe(item)}",
                    "write `- tank` or `- {column: tank, label: Tanks}`")
        return None
    v = Fields(item, f.out, f"values[{index}].")
    v.check_keys(VALUE_KEYS, required=("column",))
    column = v.str("column")
    return ValueDecl(
        column=column,
        id=v.ident("id") if v.has("id") else (slugify(column) or f"value-{index + 1}"),
        label=v.str("label", column),
        measure=v.str("measure", defaults["measure"]),
        unit=v.str("unit", defaults["unit"]),
        subject=v.str("subject"),
        qualifier_column=v.str("qualifier_column", defaults["qualifier_column"]),
        note=v.str("note"),
        continues=v.str_list("continues"),
        milestones=_milestones(v),
        line=item.line,
    )


def _single(column: str, line: int) -> LMap:
    mapping = LMap(column=column)
    mapping.line, mapping.key_lines = line, {"column": line}
    return mapping


def _milestones(v: Fields) -> tuple[int, ...]:
    items = v.seq("milestones")
    if items is None:
        return ()
    found = []
    for i, item in enumerate(items):
        if isinstance(item, bool) or not isinstance(item, int) or item <= 0:
            v.out.error(items.line_of(i), v.name("milestones"), f"item {i + 1}: expected a positive whole number, "
                        f"got {describe(item)}", "e.g. `milestones: [100000, 500000]`")
        else:
            found.append(item)
    return tuple(sorted(found))


def _ignored(f: Fields) -> tuple[tuple[str, str], ...]:
    """`ignore_columns:` as a list of names, or a mapping of name -> why it is not published."""
    data = f.map.get("ignore_columns")
    if data is None:
        return ()
    if isinstance(data, LMap):
        return tuple((str(k), str(v or "").strip()) for k, v in data.items())
    return tuple((name, "") for name in f.str_list("ignore_columns"))


def _license_text(f: Fields, path: Path, config: SiteConfig, out: Collector) -> str:
    """The data licence notice, read from `license_file` so that it is published with the figures."""
    if not f.has("license_file"):
        return ""
    target = beside(path, f.str("license_file"))
    if real := outside_site(target, config.root):
        f.error("license_file", f"the licence file leads outside the site folder, to {real}", OUTSIDE_HINT)
        return ""
    sub = Collector(display_path(target, config.root))
    text = read_text(target, sub) if target.is_file() else None
    if text is None:
        f.error("license_file", f"cannot read the licence file {display_path(target, config.root)}",
                "the path is relative to this declaration")
        return ""
    out.problems += sub.problems
    return text
