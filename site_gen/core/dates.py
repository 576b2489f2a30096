"""Dates in words, in the one format a site chooses (`date_format` in config.yaml): "5 July 2024" by default (pure)."""

from __future__ import annotations

import datetime as dt
import re

DEFAULT_DATE_FORMAT = "%-d %B %Y"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
TOKEN = re.compile(r"%(-?[dmBbY])|%")


def format_date(value: dt.date | dt.datetime, pattern: str = DEFAULT_DATE_FORMAT, months: tuple[str, ...] = MONTHS) -> str:
    """The date written with `pattern`: %-d (5), %d (05), %B (July), %b (Jul), %-m (7), %m (07), %Y (2024)."""
    d = value.date() if isinstance(value, dt.datetime) else value
    parts = {"d": f"{d.day:02d}", "-d": str(d.day), "m": f"{d.month:02d}", "-m": str(d.month),
             "B": months[d.month - 1], "b": months[d.month - 1][:3], "Y": f"{d.year:04d}"}
    return TOKEN.sub(lambda m: parts[m.group(1)] if m.group(1) else "%", pattern)


def date_format_problem(pattern: str) -> str:
    """What is wrong with a date format (empty when nothing is): it needs a day, a month and a year, and no other codes."""
    codes = re.findall(r"%(-?.?)", pattern)
    unknown = [c for c in codes if c not in ("d", "-d", "m", "-m", "B", "b", "Y")]
    if unknown:
        return f'unknown code "%{unknown[0]}"'
    kinds = {c.lstrip("-")[0].lower() for c in codes}
    if not {"d", "m", "b", "y"} & kinds or "d" not in kinds or "y" not in kinds or not kinds & {"m", "b"}:
        return "a date format needs a day, a month and a year"
    return ""


def period_words(period, pattern: str = DEFAULT_DATE_FORMAT) -> str:
    """A claim's period in words: one day, or "30 June 2024 to 1 July 2024"."""
    if period.start == period.end:
        return format_date(period.start, pattern)
    return f"{format_date(period.start, pattern)} to {format_date(period.end, pattern)}"
