"""Quantities as claimants word them: parsing, intervals, interval sums and display forms (pure)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from enum import Enum
from fractions import Fraction

from site_gen.core.problems import HintedError
from site_gen.core.vocabulary import Vocabulary, translate
from site_gen.core import numbers
from site_gen.core.kinds import describe
from site_gen.core.numbers import MAX_FIGURE, NumberError, NumberLocale, check_digits, read_number, too_large


class Qualifier(str, Enum):
    EXACT = "exact"
    APPROX = "approx"
    NEAR = "near"
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"
    RANGE = "range"
    VAGUE = "vague"
    UNQUANTIFIED = "unquantified"


#: How far "about v" may stray either way when sums are checked (sitegen's documented choice).
#: A Fraction, so that "about 100" is exactly [90, 110] (in floats 100 * 1.1 is 110.00000000000001).
APPROX_TOLERANCE = Fraction(1, 10)
#: "nearly v" is under v and near it: [floor(0.9 v), v].
NEAR_SHORTFALL = Fraction(1, 10)

#: ACLED's coding of vague wordings (plus "thousands", same rule), and sitegen's values for the rest.
VAGUE_WORDS = {"tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1000, "scores": 20, "a few": 2, "several": 3}
#: Wordings that say there were some, without a number: [1, oo), never drawn as a bar, never a bounded sum.
UNQUANTIFIED_WORDS = ("a number of", "many", "a large number", "a large number of", "numerous", "some",
                      "unquantified", "not quantified")

ACCEPTED_FORMS = (
    "475, 2,000, 12,34,567, ١٥٠, nine, a dozen, 1.2 million; about/around/roughly/some/an estimated/~ 475; "
    "nearly/almost/close to/just under 475; over/more than/upwards of/in excess of 475; "
    "at least/no fewer than 475, 475+, 475 plus; fewer than/less than/under 475; "
    "up to/as many as/no more than 475; 300-400, between 300 and 400, from 300 to 400, 2 or 3; "
    "a few, several, scores, tens, dozens, hundreds, thousands; a number of, many, numerous (unquantified)"
)

_PREFIXES: tuple[tuple[str, Qualifier], ...] = (
    ("about|around|roughly|approximately|an estimated|estimated|some|~", Qualifier.APPROX),
    ("nearly|almost|close to|just under|just short of|\u2272", Qualifier.NEAR),
    ("over|more than|well over|upwards of|in excess of|>", Qualifier.GT),
    ("at least|no fewer than|not less than|>=|\u2265", Qualifier.GTE),
    ("fewer than|less than|under|<", Qualifier.LT),
    ("up to|as many as|as much as|a maximum of|no more than|<=|\u2264", Qualifier.LTE),
)
_PREFIX_RES = [(re.compile(rf"^(?P<word>{words})(?P<space>\s*)(?P<n>\S.*)$"), q) for words, q in _PREFIXES]
_SUFFIX_RES = [(re.compile(r"^(?P<n>.+?)\s*\+$"), "+"), (re.compile(r"^(?P<n>.+?)\s+plus$"), "plus")]
#: Range wordings: the words before the first number, the separator between the two, the word kept for display.
_RANGE_FORMS = (
    ("between ", " and ", "between"), ("from ", " to ", ""), ("", "-to-", ""), ("", " to ", ""), ("", " or ", ""),
    ("", " ?[-\u2013\u2014] ?", ""),
)
_NEGATIVE_RE = re.compile(r"^[-\u2212]\s*\d")
#: "70%", "70 per cent", "70 percent", "60-70 %": a wording that names percent (its marks are read off first).
_PERCENT_RE = re.compile(r"\s*(?:%|\bper\s?cent\b)", re.IGNORECASE)
PERCENT = "percent"
#: How units are said beside a figure ("per cent" for percent; any other unit as written).
UNIT_WORDS = {PERCENT: "per cent"}


def unit_label(unit: str) -> str:
    """A unit in words: "per cent" for percent, any other as written ("" for none)."""
    return UNIT_WORDS.get(unit, unit)
_SPACES = re.compile(r"\s+")


class QuantityError(HintedError):
    """A quantity's wording is not one sitegen understands; `hint` (may be empty) says what to do."""


@dataclass(frozen=True)
class Interval:
    """Inclusive integer bounds; `high is None` means unbounded above."""

    low: int
    high: int | None

    def __add__(self, other: Interval) -> Interval:
        high = None if self.high is None or other.high is None else self.high + other.high
        return Interval(self.low + other.low, high)

    def __contains__(self, n: int) -> bool:
        return self.low <= n and (self.high is None or n <= self.high)

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
    """A figure with the claimant's wording kept verbatim, parsed into qualifier and value(s).

    `wording` is the text as typed (trimmed) or the `as_worded` text; then `means` holds the wording in
    sitegen's grammar that the qualifier and values were read from, and `lang` the language of `wording`.
    `unit` is what the figure counts ("people", "tanks", "percent"; "" when not stated), `caveat` one sentence
    shown beside it.
    """

    wording: str
    qualifier: Qualifier
    value: int
    upper: int | None = None
    word: str = ""
    means: str = ""
    lang: str = ""
    unit: str = ""
    caveat: str = ""

    @property
    def text(self) -> str:
        return self.wording

    @property
    def read_as(self) -> str:
        """Our reading, shown beside an `as_worded` wording ("more than 1,100"); "" when the wording parsed itself."""
        return self.display if self.means else ""

    @property
    def interval(self) -> Interval:
        """The values the wording allows; a percentage never goes above 100."""
        found = self._interval()
        if self.unit == PERCENT:
            return Interval(min(found.low, 100), 100 if found.high is None else min(found.high, 100))
        return found

    def _interval(self) -> Interval:
        v = self.value
        match self.qualifier:
            case Qualifier.EXACT:
                return Interval(v, v)
            case Qualifier.APPROX:
                return Interval(math.floor(v * (1 - APPROX_TOLERANCE)), math.ceil(v * (1 + APPROX_TOLERANCE)))
            case Qualifier.NEAR:
                return Interval(math.floor(v * (1 - NEAR_SHORTFALL)), v)
            case Qualifier.GT:
                return Interval(v + 1, None)
            case Qualifier.GTE | Qualifier.VAGUE | Qualifier.UNQUANTIFIED:
                return Interval(v, None)
            case Qualifier.LT:
                return Interval(0, max(v - 1, 0))
            case Qualifier.LTE:
                return Interval(0, v)
            case Qualifier.RANGE:
                return Interval(v, self.upper)
        raise AssertionError(self.qualifier)

    @property
    def unit_words(self) -> str:
        """The unit in words to show after the wording ("people", "tanks", "per cent"); "" when none, or when the
        wording says it already ("70 per cent")."""
        if not self.unit or self.unit == PERCENT and _PERCENT_RE.search(self.wording):
            return ""
        return unit_label(self.unit)

    @property
    def in_words(self) -> str:
        """The wording verbatim with its unit in words after it, when the wording does not say it: "12 tanks"."""
        return f"{self.wording} {self.unit_words}" if self.unit_words else self.wording

    @property
    def is_one_sided(self) -> bool:
        return self.qualifier in {Qualifier.GT, Qualifier.GTE, Qualifier.LT, Qualifier.LTE, Qualifier.VAGUE}

    @property
    def is_unquantified(self) -> bool:
        """No number at all ("a number of"): never drawn as a bar, never part of a bounded sum."""
        return self.qualifier is Qualifier.UNQUANTIFIED

    @property
    def display(self) -> str:
        """Our normalised prose form: "over 2,000", "nearly 1,500", "~1,456,610", "300–400", "dozens", "over 70%"."""
        return self._with_percent(self._display())

    def _with_percent(self, text: str) -> str:
        return f"{text}%" if self.unit == PERCENT and not self.is_unquantified and self.qualifier is not Qualifier.VAGUE else text

    def _display(self) -> str:
        n = format_number(self.value)
        match self.qualifier:
            case Qualifier.EXACT:
                return n
            case Qualifier.APPROX:
                return f"~{n}" if self.word == "~" else f"{self.word} {n}"
            case Qualifier.RANGE:
                hi = format_number(self.upper or 0)
                return f"between {n} and {hi}" if self.word == "between" else f"{n}\u2013{hi}"
            case Qualifier.VAGUE | Qualifier.UNQUANTIFIED:
                return self.word
            case Qualifier.GTE if self.word in ("+", "plus"):
                return f"{n}+" if self.word == "+" else f"{n} plus"
        return f"{self.word} {n}"

    @property
    def short(self) -> str:
        """The compact form for charts and exports: ">2,000", "≤710", "~300", "≲1,500" (nearly), "300–400", ">70%"."""
        return self._with_percent(self._short())

    def _short(self) -> str:
        n = format_number(self.value)
        symbol = {
            Qualifier.APPROX: "~", Qualifier.NEAR: "\u2272", Qualifier.GT: ">", Qualifier.GTE: "\u2265",
            Qualifier.LT: "<", Qualifier.LTE: "\u2264",
        }.get(self.qualifier, "")
        if self.qualifier is Qualifier.RANGE:
            return f"{n}\u2013{format_number(self.upper or 0)}"
        if self.qualifier is Qualifier.VAGUE:
            return f"{self.word} (\u2265{n})"
        if self.qualifier is Qualifier.UNQUANTIFIED:
            return self.word
        return f"{symbol}{n}"

    @property
    def spoken(self) -> str:
        """Unambiguous words for screen readers and alt text: "more than 2,000", "at most 710", "more than 70 per cent"."""
        words = self._spoken()
        return f"{words} per cent" if self._with_percent("") else words

    def _spoken(self) -> str:
        n = format_number(self.value)
        return {
            Qualifier.EXACT: n,
            Qualifier.APPROX: f"about {n}",
            Qualifier.NEAR: f"nearly {n}",
            Qualifier.GT: f"more than {n}",
            Qualifier.GTE: f"at least {n}",
            Qualifier.LT: f"fewer than {n}",
            Qualifier.LTE: f"at most {n}",
            Qualifier.RANGE: f"between {n} and {format_number(self.upper or 0)}",
            Qualifier.VAGUE: f"{self.word} (at least {n})",
            Qualifier.UNQUANTIFIED: f"\u201c{self.wording}\u201d (not quantified)",
        }[self.qualifier]


def format_number(n: int) -> str:
    return f"{n:,}"


def parse_quantity(raw: object, number_locale: str = "", vocabulary: Vocabulary = ()) -> Quantity:
    """Parse an int or a wording such as "over 2,000" into a Quantity; QuantityError otherwise.

    `number_locale` (a BCP 47 tag) says how the wording writes numbers: "3.478" is 3,478 under `pt`.
    `vocabulary` holds the qualifier phrases of the wording's language (tried before sitegen's English grammar).
    A wording that names percent ("more than 70 per cent", "40%") is a figure in percent, at most 100.
    """
    if isinstance(raw, float):
        raise QuantityError(f"YAML reads this unquoted figure as the decimal number {raw!r}, not a count",
                            'quote it exactly as the source writes it, e.g. "3.478"; a "." between thousands is read '
                            'as such only under a `number_locale` that groups thousands with "." (pt, de, es, it, id, ...)')
    if isinstance(raw, bool) or not isinstance(raw, (int, str)):
        raise QuantityError(f"expected a whole number or a wording, got {describe(raw)}")
    if isinstance(raw, int):
        if raw < 0:
            raise QuantityError("negative figure" if raw < -MAX_FIGURE else f"negative figure {raw}",
                                "a count cannot be below zero")
        if raw > MAX_FIGURE:
            error = too_large("a number that large")
            raise QuantityError(str(error), error.hint)
        return Quantity(str(raw), Qualifier.EXACT, raw)
    wording = raw.strip()
    try:
        text = _SPACES.sub(" ", check_digits(wording)).lower()
        percent = _PERCENT_RE.search(text) is not None
        if percent:
            text = _PERCENT_RE.sub("", text).strip()
        locale = numbers.number_locale(number_locale)
        found = _in_vocabulary(wording, text, locale, vocabulary) or _parse_text(wording, text, locale)
    except NumberError as exc:
        raise QuantityError(str(exc), exc.hint) from None
    return with_unit(found, PERCENT) if percent else found


def with_unit(q: Quantity, unit: str) -> Quantity:
    """The quantity counted in `unit`; QuantityError when a percentage would be above 100."""
    if unit == PERCENT and max(q.value, q.upper or 0) > 100 and not q.is_unquantified:
        raise QuantityError(f'"{q.wording}" is above 100 per cent', "a percentage lies between 0 and 100; check the "
                            "figure, or give the unit the figure counts with `unit:`")
    return replace(q, unit=unit)


def _in_vocabulary(wording: str, text: str, locale: NumberLocale, vocabulary: Vocabulary) -> Quantity | None:
    """The wording read through a site vocabulary: its phrase replaced by the English one it means (longest first)."""
    for phrase, meaning in sorted(vocabulary, key=lambda pm: (-len(pm[0]), pm[0])):
        english = translate(text, phrase.lower(), meaning)
        if english is not None:
            try:
                return replace(_parse_text(wording, english, locale), means=english)
            except QuantityError:
                continue
    return None


def read_as_worded(as_worded: str, means: object, lang: str = "", number_locale: str = "") -> Quantity:
    """A figure given as `{as_worded, means, lang}`: shown as worded, read (for checks and charts) from `means`
    (which says percent when it is one: "more than 70%")."""
    wording = as_worded.strip()
    if not wording:
        raise QuantityError("`as_worded` must not be empty", "give the figure as the source words it")
    reading = parse_quantity(means, number_locale)
    return replace(reading, wording=wording, means=reading.wording, lang=lang)


def _parse_text(wording: str, text: str, locale: NumberLocale) -> Quantity:
    if (value := _number(text, locale)) is not None:
        return Quantity(wording, Qualifier.EXACT, value)
    if text in VAGUE_WORDS:
        return Quantity(wording, Qualifier.VAGUE, VAGUE_WORDS[text], word=text)
    if text in UNQUANTIFIED_WORDS:
        word = "not quantified" if text == "unquantified" else text
        return Quantity(wording, Qualifier.UNQUANTIFIED, 1, word=word)
    if found := _qualified(wording, text, locale) or _range(wording, text, locale):
        return found
    if _NEGATIVE_RE.match(text):
        raise QuantityError(f'negative figure "{wording}"', "a count cannot be below zero")
    raise QuantityError(f'cannot read "{wording}"')


def _number(text: str, locale: NumberLocale) -> int | None:
    return read_number(text, locale) if text else None


def _qualified(wording: str, text: str, locale: NumberLocale) -> Quantity | None:
    """A number after a qualifier ("nearly 1,500") or before a plus ("10,000 plus", "475+")."""
    for pattern, qualifier in _PREFIX_RES:
        m = pattern.match(text)
        if m and (m["space"] or not m["word"][-1].isalpha()) and (value := _number(m["n"], locale)) is not None:
            return Quantity(wording, qualifier, value, word=_word(m["word"]))
    for pattern, word in _SUFFIX_RES:
        if (m := pattern.match(text)) and (value := _number(m["n"], locale)) is not None:
            return Quantity(wording, Qualifier.GTE, value, word=word)
    return None


def _word(matched: str) -> str:
    return {">": "over", ">=": "at least", "\u2265": "at least", "<": "fewer than", "<=": "up to",
            "\u2264": "up to", "\u2272": "nearly"}.get(matched, matched)


def _range(wording: str, text: str, locale: NumberLocale) -> Quantity | None:
    """ "300-400", "between 300 and 400", "from 22 to 32", "22-to-32", "two or three": every split is tried."""
    for head, separator, word in _RANGE_FORMS:
        if not text.startswith(head):
            continue
        rest = text[len(head):]
        for m in re.finditer(separator, rest):
            low, high = _number(rest[:m.start()], locale), _number(rest[m.end():], locale)
            if low is None or high is None:
                continue
            if low >= high:
                raise QuantityError(f'range "{wording}" must run from the lower to the higher figure',
                                    "write the lower figure first, e.g. 300-400")
            return Quantity(wording, Qualifier.RANGE, low, high, word=word)
    return None


def sum_intervals(quantities: list[Quantity]) -> Interval:
    """The interval in which the sum of the quantities must lie (unbounded when any part is unquantified)."""
    total = Interval(0, 0)
    for q in quantities:
        total = total + q.interval
    return total
