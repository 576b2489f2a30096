"""Plain data for the build cache: sitegen's records to JSON-ready values and back, naming only known types.

Decoding builds nothing but JSON values, dates, paths, tuples and the frozen records registered below (each
made with its own constructor), so a cache file can never name a type to run. `from_plain(to_plain(x)) == x`
for every value the memo stores (tested on real sites).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from site_gen.content.markdown import BodyIssue, ClaimBadge, RenderedBody
from site_gen.core.model import (Article, Claim, Claimant, ClaimLink, ClaimRef, Correction, Event, Evidence,
                                 GroupFigure, Location, Period, Relay, Retraction, Source, SiteConfig, Status)
from site_gen.core.problems import Problem, Severity
from site_gen.core.quantities import Interval, Qualifier, Quantity

RECORDS = {cls.__name__: cls for cls in (Article, Claim, Claimant, Evidence, GroupFigure, Location, Period, Source,
                                         SiteConfig, Quantity, Interval, Problem, RenderedBody, BodyIssue, ClaimBadge,
                                         Relay, ClaimRef, ClaimLink, Retraction, Correction, Event)}
ENUMS = {cls.__name__: cls for cls in (Status, Qualifier, Severity)}


class NotPlain(ValueError):
    """A value outside what the cache stores (encoding) or a shape no encoding makes (decoding)."""


def to_plain(value: Any) -> Any:
    """JSON-ready form: scalars as they are, everything else as a one-key object naming its kind."""
    if value is None or isinstance(value, (bool, int, float, str)) and not isinstance(value, Enum):
        return value
    if isinstance(value, Enum) and type(value).__name__ in ENUMS:
        return {"enum": [type(value).__name__, value.value]}
    if isinstance(value, tuple):
        return {"tuple": [to_plain(v) for v in value]}
    if isinstance(value, list):
        return {"list": [to_plain(v) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[to_plain(k), to_plain(v)] for k, v in value.items()]}
    if isinstance(value, dt.datetime):
        return {"datetime": _datetime(value)}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, Path):
        return {"path": str(value)}
    if dataclasses.is_dataclass(value) and RECORDS.get(type(value).__name__) is type(value):
        fields = {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return {"record": [type(value).__name__, fields]}
    raise NotPlain(f"cannot store a {type(value).__name__}")


def from_plain(data: Any) -> Any:
    """The value `to_plain` encoded; NotPlain for anything else."""
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if not isinstance(data, dict) or len(data) != 1:
        raise NotPlain("not an encoded value")
    [(kind, body)] = data.items()
    try:
        return _DECODERS[kind](body)
    except KeyError:
        raise NotPlain(f"unknown kind {kind!r}") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise NotPlain(f"a malformed {kind}: {exc}") from None


def _datetime(value: dt.datetime) -> list:
    zone = value.tzinfo
    if zone is None:
        return [value.isoformat(), None, value.fold]
    if isinstance(zone, ZoneInfo):
        return [value.replace(tzinfo=None).isoformat(), zone.key, value.fold]
    if isinstance(zone, dt.timezone):
        return [value.isoformat(), "", value.fold]
    raise NotPlain(f"cannot store a time zone of type {type(zone).__name__}")


def _decode_datetime(body: list) -> dt.datetime:
    text, zone, fold = body
    value = dt.datetime.fromisoformat(text)
    if zone:
        value = value.replace(tzinfo=ZoneInfo(zone))
    return value.replace(fold=int(fold))


def _decode_record(body: list) -> Any:
    name, fields = body
    cls = RECORDS[name]
    if not isinstance(fields, dict):
        raise TypeError("fields are not an object")
    return cls(**{str(k): from_plain(v) for k, v in fields.items()})


def _decode_enum(body: list) -> Enum:
    name, value = body
    return ENUMS[name](value)


_DECODERS = {
    "enum": _decode_enum,
    "tuple": lambda body: tuple(from_plain(v) for v in body),
    "list": lambda body: [from_plain(v) for v in body],
    "dict": lambda body: {from_plain(k): from_plain(v) for k, v in body},
    "datetime": _decode_datetime,
    "date": dt.date.fromisoformat,
    "path": Path,
    "record": _decode_record,
}
