"""Quantities as claimants word them: parsing, intervals, interval sums and display forms (pure)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction


class Qualifier(str, Enum):
    EXACT = "exact"
    APPROX = "approx"
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"
    RANGE = "range"
    VAGUE = "vague"


#: How far "about v" may stray either way when sums are checked (sitegen's documented choice).
#: A Fraction, so that "about 100" is exactly [90, 110] (in floats 100 * 1.1 is 110.00000000000001).
APPROX_TOLERANCE = Fraction(1, 10)

#: ACLED's coding of vague wordings (plus "thousands", same rule).
VAGUE_WORDS = {"tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1000}

ACCEPTED_FORMS = (
    "475; about/around/some/approximately/~ 475; over/more than 475; at least 475 or 475+; "
    "fewer than/less than/under 475; up to 475; 300-400, 300–400 or between 300 and 400; "
    "tens, dozens, hundreds, thousands"
)

#: The largest figure sitegen accepts: far above any count of losses, far below what charts (floats) and
#: Python's int-from-text limit (4,300 digits) can handle. A larger figure is an error, never a traceback.
MAX_FIGURE = 10**15

_NUM = r"(\d{1,3}(?:[,\u00a0\u2009\u202f ]\d{3})+|\d+)"
_PREFIXES: tuple[tuple[str, Qualifier], ...] = (
    (r"about|around|some|approximately|~", Qualifier.APPROX),
    (r"over|more than|>", Qualifier.GT),
    (r"at least|>=|≥", Qualifier.GTE),
    (r"fewer than|less than|under|<", Qualifier.LT),
    (r"up to|<=|≤", Qualifier.LTE),
)
_PREFIX_RES = [
    (re.compile(rf"^(?P<word>{words})\s*{_NUM}$", re.IGNORECASE), q) for words, q in _PREFIXES
]
_EXACT_RE = re.compile(rf"^{_NUM}$")
_PLUS_RE = re.compile(rf"^{_NUM}\s*\+$")
_RANGE_RES = [
    re.compile(rf"^{_NUM}\s*[-–—]\s*{_NUM}$"),
    re.compile(rf"^between\s+{_NUM}\s+and\s+{_NUM}$", re.IGNORECASE),
]
_NEGATIVE_RE = re.compile(rf"^[-\u2212]\s*{_NUM}$")
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")


class QuantityError(ValueError):
    """A quantity's wording is not one sitegen understands."""


@dataclass(frozen=True)
class Interval:
    """Inclusive integer bounds; `high is None` means unbounded above."""

    low: int
    high: int | None

    def __add__(self, other: Interval) -> Interval:
        high = None if self.high is None or other.high is None else self.high + other.high
        return Interval(self.low + other.low, high)

    def overlaps(self, other: Interval) -> bool:
        below = self.high is not None and self.high < other.low
        above = other.high is not None and other.high < self.low
        return not (below or above)

    def describe(self) -> str:
        if self.high is None:
            return f"{format_number(self.low)} or more"
        if self.low == self.high:
            return format_number(self.low)
        return f"{format_number(self.low)} to {format_number(self.high)}"


@dataclass(frozen=True)
class Quantity:
    """A figure with the claimant's wording kept: `text` as written, parsed into qualifier and value(s)."""

    text: str
    qualifier: Qualifier
    value: int
    upper: int | None = None
    word: str = ""

    @property
    def interval(self) -> Interval:
        v = self.value
        match self.qualifier:
            case Qualifier.EXACT:
                return Interval(v, v)
            case Qualifier.APPROX:
                return Interval(math.floor(v * (1 - APPROX_TOLERANCE)), math.ceil(v * (1 + APPROX_TOLERANCE)))
            case Qualifier.GT:
                return Interval(v + 1, None)
            case Qualifier.GTE | Qualifier.VAGUE:
                return Interval(v, None)
            case Qualifier.LT:
                return Interval(0, max(v - 1, 0))
            case Qualifier.LTE:
                return Interval(0, v)
            case Qualifier.RANGE:
                return Interval(v, self.upper)
        raise AssertionError(self.qualifier)

    @property
    def is_one_sided(self) -> bool:
        return self.qualifier in {Qualifier.GT, Qualifier.GTE, Qualifier.LT, Qualifier.LTE, Qualifier.VAGUE}

    @property
    def display(self) -> str:
        """The wording for prose: "over 2,000", "up to 710", "~1,456,610", "300–400", "dozens"."""
        n = format_number(self.value)
        match self.qualifier:
            case Qualifier.EXACT:
                return n
            case Qualifier.APPROX:
                return f"~{n}" if self.word == "~" else f"{self.word} {n}"
            case Qualifier.RANGE:
                hi = format_number(self.upper or 0)
                return f"between {n} and {hi}" if self.word == "between" else f"{n}–{hi}"
            case Qualifier.VAGUE:
                return self.word
            case Qualifier.GTE if self.word == "+":
                return f"{n}+"
        return f"{self.word} {n}"

    @property
    def short(self) -> str:
        """The compact form for tables and chart labels: ">2,000", "≤710", "~300", "300–400"."""
        n = format_number(self.value)
        symbol = {
            Qualifier.APPROX: "~", Qualifier.GT: ">", Qualifier.GTE: "≥",
            Qualifier.LT: "<", Qualifier.LTE: "≤",
        }.get(self.qualifier, "")
        if self.qualifier is Qualifier.RANGE:
            return f"{n}–{format_number(self.upper or 0)}"
        if self.qualifier is Qualifier.VAGUE:
            return f"{self.word} (≥{n})"
        return f"{symbol}{n}"

    @property
    def spoken(self) -> str:
        """Unambiguous words for screen readers and alt text: "more than 2,000", "at most 710"."""
        n = format_number(self.value)
        return {
            Qualifier.EXACT: n,
            Qualifier.APPROX: f"about {n}",
            Qualifier.GT: f"more than {n}",
            Qualifier.GTE: f"at least {n}",
            Qualifier.LT: f"fewer than {n}",
            Qualifier.LTE: f"at most {n}",
            Qualifier.RANGE: f"between {n} and {format_number(self.upper or 0)}",
            Qualifier.VAGUE: f"{self.word} (at least {n})",
        }[self.qualifier]


def format_number(n: int) -> str:
    return f"{n:,}"


def _to_int(digits: str) -> int:
    only = re.sub(r"[^\d]", "", digits).lstrip("0") or "0"
    if len(only) > len(str(MAX_FIGURE)) or int(only) > MAX_FIGURE:
        raise QuantityError(f"figure too large ({len(only)} digits; at most {format_number(MAX_FIGURE)})")
    return int(only)


def parse_quantity(raw: object) -> Quantity:
    """Parse an int or a wording such as "over 2,000" into a Quantity; QuantityError otherwise."""
    if isinstance(raw, bool) or not isinstance(raw, (int, str)):
        raise QuantityError(f"expected a number or a wording, got {type(raw).__name__}")
    if isinstance(raw, int):
        if raw < 0:
            raise QuantityError("negative figure" if raw < -MAX_FIGURE else f"negative figure {raw}")
        if raw > MAX_FIGURE:
            raise QuantityError(f"figure too large (at most {format_number(MAX_FIGURE)})")
        return Quantity(str(raw), Qualifier.EXACT, raw)
    text = _SPACES.sub(" ", raw.strip())
    return _parse_text(raw.strip(), text)


def _parse_text(original: str, text: str) -> Quantity:
    if m := _EXACT_RE.match(text):
        return Quantity(original, Qualifier.EXACT, _to_int(m.group(1)))
    if m := _PLUS_RE.match(text):
        return Quantity(original, Qualifier.GTE, _to_int(m.group(1)), word="+")
    for pattern, qualifier in _PREFIX_RES:
        if m := pattern.match(text):
            return Quantity(original, qualifier, _to_int(m.group(2)), word=_word(m.group("word")))
    for pattern in _RANGE_RES:
        if m := pattern.match(text):
            return _range(original, text, _to_int(m.group(1)), _to_int(m.group(2)))
    if (word := text.lower()) in VAGUE_WORDS:
        return Quantity(original, Qualifier.VAGUE, VAGUE_WORDS[word], word=word)
    if _NEGATIVE_RE.match(text):
        raise QuantityError(f'negative figure "{original}"')
    raise QuantityError(f'cannot read the quantity "{original}"')


def _word(matched: str) -> str:
    return {">": "over", ">=": "at least", "≥": "at least", "<": "fewer than", "<=": "up to", "≤": "up to"}.get(
        matched, matched.lower()
    )


def _range(original: str, text: str, low: int, high: int) -> Quantity:
    if low >= high:
        raise QuantityError(f'range "{original}" must run from the lower to the higher figure')
    word = "between" if text.lower().startswith("between") else ""
    return Quantity(original, Qualifier.RANGE, low, high, word=word)


def sum_intervals(quantities: list[Quantity]) -> Interval:
    """The interval in which the sum of the quantities must lie."""
    total = Interval(0, 0)
    for q in quantities:
        total = total + q.interval
    return total
