"""Whole numbers as reports write them: digit scripts, thousands separators, scale and number words (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from site_gen.core.problems import HintedError

#: Digit scripts sitegen reads (a number must use one of them throughout).
SCRIPTS = {
    "Western": "0123456789",
    "Arabic-Indic": "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
    "Extended Arabic-Indic": "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9",
    "Devanagari": "\u0966\u0967\u0968\u0969\u096a\u096b\u096c\u096d\u096e\u096f",
}
_SCRIPT_OF = {ch: name for name, digits in SCRIPTS.items() for ch in digits}
_TO_ASCII = str.maketrans(
    {ch: str(i) for digits in SCRIPTS.values() for i, ch in enumerate(digits)} | {"\u066c": " "}
)
ARABIC_DECIMAL = "\u066b"
#: A run of digits with the separators that may join its groups (any script: checked afterwards).
_DIGIT_RUN = re.compile(r"\d+(?:[,.\s\u066b\u066c]\d+)*")

#: number_locale conventions: languages that separate thousands with "." (decimal ","), and those that
#: separate them with a space (decimal ","). Every other language: thousands ",", decimal ".".
DOT_THOUSANDS = frozenset("pt de es it id nl tr da el ro vi sr hr sl bs mk is ca gl az".split())
SPACE_THOUSANDS = frozenset("fr ru uk pl cs sk sv fi nb nn no bg hu lt lv et be kk uz ka hy".split())

SCALES = {"thousand": 1000, "million": 10**6, "billion": 10**9}
#: Scale words of other languages, read under that number_locale ("1,2 mil" under pt).
LOCALE_SCALES = {
    "pt": {"mil": 1000, "milhão": 10**6, "milhões": 10**6, "bilhão": 10**9, "bilhões": 10**9},
    "es": {"mil": 1000, "millón": 10**6, "millones": 10**6},
    "it": {"mila": 1000, "mille": 1000, "milione": 10**6, "milioni": 10**6},
    "de": {"tausend": 1000, "million": 10**6, "millionen": 10**6, "mio.": 10**6},
    "fr": {"mille": 1000, "million": 10**6, "millions": 10**6},
    "id": {"ribu": 1000, "juta": 10**6},
}

_UNITS = "zero one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
SMALL_WORDS = {w: i for i, w in enumerate(_UNITS)} | {w: 10 + i for i, w in enumerate(_TEENS)}
TENS_WORDS = {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_WORD_SCALES = {"thousand": 1000, "million": 10**6}


class NumberError(HintedError):
    """A number sitegen will not guess at (mixed scripts, an ambiguous separator, ...); `hint` says what to do."""


@dataclass(frozen=True)
class NumberLocale:
    """How one language writes numbers: its thousands mark, its decimal mark and any scale words of its own."""

    code: str
    thousands: str
    decimal: str
    scales: dict[str, int]


def number_locale(code: str = "") -> NumberLocale:
    """The conventions of a BCP 47 tag's language ("pt-BR" -> pt); English's for "" and languages not listed."""
    language = code.split("-")[0].lower()
    scales = SCALES | LOCALE_SCALES.get(language, {})
    if language in DOT_THOUSANDS:
        return NumberLocale(language, ".", ",", scales)
    if language in SPACE_THOUSANDS:
        return NumberLocale(language, " ", ",", scales)
    return NumberLocale(language or "en", ",", ".", scales)


def check_digits(text: str) -> str:
    """The text with ASCII digits; NumberError when a number mixes scripts or uses one sitegen does not read."""
    for run in _DIGIT_RUN.finditer(text):
        digits = [ch for ch in run.group() if ch.isdigit()]
        unknown = sorted({ch for ch in digits if ch not in _SCRIPT_OF})
        if unknown:
            raise NumberError(f'digits sitegen does not read ("{"".join(unknown)}") in "{text.strip()}"',
                              "write the number in Western (0-9), Arabic-Indic, Extended Arabic-Indic or "
                              "Devanagari digits")
        scripts = sorted({_SCRIPT_OF[ch] for ch in digits}, key=list(SCRIPTS).index)
        if len(scripts) > 1:
            where = "" if run.group() == text.strip() else f' in "{text.strip()}"'
            raise NumberError(f'"{run.group()}" mixes {" and ".join(scripts)} digits{where}',
                              "write each number in one script, as the source does")
    return text.translate(_TO_ASCII)


#: The largest figure sitegen accepts: far above any count of losses, far below what charts (floats) and
#: Python's int-from-text limit (4,300 digits) can handle. A larger figure is an error, never a traceback.
MAX_FIGURE = 10**15


def read_number(text: str, locale: NumberLocale) -> int | None:
    """A whole number from ASCII-digit, lower-case, single-spaced text; None when the text is not one."""
    value = _digits(text, locale) if text[:1].isdigit() else _words(text)
    if value is not None and value > MAX_FIGURE:
        raise too_large(f"{value:,}" if value < 10**30 else "a number that large")
    return value


def too_large(what: str) -> NumberError:
    """The error for a figure above MAX_FIGURE."""
    return NumberError(f"figure too large ({what}; at most {MAX_FIGURE:,})", "check the figure; sitegen counts losses")


def _digits(text: str, locale: NumberLocale) -> int | None:
    if m := re.fullmatch(r"(?P<num>.*\d) ?(?P<scale>[^\d\s]+)", text):
        scale = locale.scales.get(m["scale"])
        return _scaled(m["num"], text, locale, scale) if scale else None
    return grouped(text, locale)


def grouped(text: str, locale: NumberLocale) -> int | None:
    """Digits with thousands separators where the grouping is unambiguous (2,000; 2 000; Indian 12,34,567)."""
    if re.fullmatch(r"\d+", text):
        return _bounded_int(text)
    if m := re.fullmatch(r"\d{1,3}([,. ])\d{3}(?:\1\d{3})*", text):
        sep = m.group(1)
        if sep != " " and text.count(sep) == 1 and sep != locale.thousands:
            raise _ambiguous(text, sep)
        return _bounded_int(text)
    if re.fullmatch(r"\d{1,2}(?:,\d{2})+,\d{3}", text):  # Indian grouping: lakh and crore
        return _bounded_int(text)
    return None


def _bounded_int(text: str) -> int:
    """The digits of `text` as an int; more digits than MAX_FIGURE has is an error before Python's int limit."""
    digits = re.sub(r"\D", "", text).lstrip("0") or "0"
    if len(digits) > len(str(MAX_FIGURE)):
        raise too_large(f"{len(digits)} digits")
    return int(digits)


def _ambiguous(text: str, sep: str) -> NumberError:
    whole, part = text.split(sep)
    readers = "pt, de, es, it, id, ..." if sep == "." else "en, ..."
    return NumberError(
        f'"{text}" is ambiguous: "{sep}" may separate thousands ({whole}{part}) or decimals ({whole}.{part})',
        f'set `number_locale:` (on the claim, article or series) to a language that groups thousands with "{sep}" '
        f"({readers}), or write {whole}{part}",
    )


def _scaled(number: str, text: str, locale: NumberLocale, scale: int) -> int | None:
    """`1.2 million`, `6.5 thousand`, `1,2 mil` (pt): before a scale word the locale's decimal mark (or the Arabic
    one) is a decimal mark, never a thousands separator."""
    m = re.fullmatch(r"(?P<whole>.+)(?P<mark>[.,\u066b])(?P<frac>\d+)", number)
    if m is None or m["mark"] not in (locale.decimal, ARABIC_DECIMAL):
        whole = grouped(number, locale)
        return None if whole is None else whole * scale
    whole = grouped(m["whole"], locale)
    if whole is None:
        return None
    value = (whole + Fraction(int(m["frac"]), 10 ** len(m["frac"]))) * scale
    if value.denominator != 1:
        raise NumberError(f'"{text}" is not a whole number', "give the figure as the source gives it, in whole units")
    return int(value)


def _words(text: str) -> int | None:
    """English number words up to the millions: "nine", "seventy", "two hundred and fifty", "a dozen"."""
    tokens = [t for t in re.split(r"[ -]+", text) if t]
    total, i, last_scale = 0, 0, None
    while i < len(tokens):
        chunk = _below_thousand(tokens, i)
        if chunk is None:
            return None
        value, i = chunk
        scale = _WORD_SCALES.get(tokens[i]) if i < len(tokens) else None
        if scale is None:
            return total + value if i == len(tokens) else None
        if last_scale is not None and scale >= last_scale or value == 0:
            return None
        total, last_scale, i = total + value * scale, scale, _after_and(tokens, i + 1)
    return total if last_scale is not None else None


def _after_and(tokens: list[str], i: int) -> int:
    return i + 1 if i < len(tokens) - 1 and tokens[i] == "and" else i


def _below_thousand(tokens: list[str], i: int) -> tuple[int, int] | None:
    """A number below 1,000 from tokens[i] ("nine", "two hundred and fifty", "a dozen") and the index after it."""
    word = tokens[i]
    if word == "a" and i + 1 < len(tokens) and tokens[i + 1] in ("hundred", "dozen", *_WORD_SCALES):
        value, i = 1, i + 1
    else:
        tens = _tens(tokens, i)
        if tens is None:
            return None
        value, i = tens
    if i < len(tokens) and tokens[i] == "dozen":
        return value * 12, i + 1
    if i < len(tokens) and tokens[i] == "hundred":
        if not 1 <= value <= 9:
            return None
        value, i = value * 100, _after_and(tokens, i + 1)
        rest = _tens(tokens, i) if i < len(tokens) else None
        if rest is not None and rest[0] > 0:
            value, i = value + rest[0], rest[1]
    return value, i


def _tens(tokens: list[str], i: int) -> tuple[int, int] | None:
    """ "seventy", "twenty five" (hyphens already split), "twelve", "nine": a number below 100 and the next index."""
    word = tokens[i]
    if word in SMALL_WORDS:
        return SMALL_WORDS[word], i + 1
    if word in TENS_WORDS:
        unit = tokens[i + 1] if i + 1 < len(tokens) else ""
        if unit in SMALL_WORDS and 0 < SMALL_WORDS[unit] < 10:
            return TENS_WORDS[word] + SMALL_WORDS[unit], i + 2
        return TENS_WORDS[word], i + 1
    return None
