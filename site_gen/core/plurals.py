"""Plural categories of whole-number counts (pure): CLDR's rules for the languages sitegen knows, `other` else.

A count key of the interface table (`count.claims`) has one text per category (`count.claims.one`,
`count.claims.few`, ...). CLDR names six categories; a language uses some of them, and `other` always.
Only counts reach this module, so the rules below are CLDR's for integers (no visible fraction digits).
"""

from __future__ import annotations

CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def _one_only(n: int) -> str:  # English, German, Dutch, Swedish, Italian, Spanish, Greek, Hungarian, Turkish ...
    return "one" if n == 1 else "other"


def _zero_or_one(n: int) -> str:  # French, Portuguese (i = 0,1), Amharic, Hindi, Persian, Bengali
    return "one" if n in (0, 1) else "other"


def _east_slavic(n: int) -> str:  # Ukrainian, Russian, Belarusian
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def _polish(n: int) -> str:
    if n == 1:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def _czech(n: int) -> str:  # Czech, Slovak
    return "one" if n == 1 else "few" if 2 <= n <= 4 else "other"


def _arabic(n: int) -> str:
    if n in (0, 1, 2):
        return ("zero", "one", "two")[n]
    if 3 <= n % 100 <= 10:
        return "few"
    if 11 <= n % 100 <= 99:
        return "many"
    return "other"


def _hebrew(n: int) -> str:
    return "one" if n == 1 else "two" if n == 2 else "other"


def _none(n: int) -> str:  # Chinese, Japanese, Korean, Vietnamese, Thai, Indonesian, Malay: one form
    return "other"


RULES = {
    **dict.fromkeys(("en", "de", "nl", "sv", "da", "nb", "no", "fi", "et", "it", "es", "ca", "el", "hu", "tr", "bg",
                     "mr", "sw", "ur", "ka", "az", "kk", "uz", "so", "ps", "ku", "hy"), _one_only),
    **dict.fromkeys(("fr", "pt", "am", "hi", "fa", "bn", "zu"), _zero_or_one),
    **dict.fromkeys(("uk", "ru", "be"), _east_slavic),
    "pl": _polish,
    **dict.fromkeys(("cs", "sk"), _czech),
    "ar": _arabic,
    "he": _hebrew,
    **dict.fromkeys(("zh", "ja", "ko", "vi", "th", "id", "ms", "my", "km", "lo"), _none),
}


def plural_category(language: str, n: int) -> str:
    """The CLDR plural category of the whole number `n` in `language` (a BCP 47 tag; its first subtag decides).
    A language sitegen has no rule for gets English's (`one` for 1, else `other`)."""
    rule = RULES.get(language.split("-")[0].lower(), _one_only)
    return rule(abs(n))
