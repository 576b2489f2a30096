"""Language tags (BCP 47) and the writing direction of their script: which text needs `lang` and `dir` (pure)."""

from __future__ import annotations

import unicodedata

#: Languages written right to left by default (their usual script is Arabic, Hebrew, Thaana, Syriac or N'Ko).
RTL_LANGUAGES = frozenset({
    "ar", "arc", "arz", "apc", "ajp", "acm", "ary", "aeb", "ayl", "ckb", "dv", "fa", "prs", "glk", "he", "iw",
    "ji", "khw", "ks", "mzn", "nqo", "pnb", "ps", "sd", "skr", "syr", "ug", "ur", "yi",
})
#: Script subtags written right to left ("ku-Arab", "pa-Arab", "uz-Arab"); any other script subtag is left to right.
RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr", "mend", "yezi"})


def script_subtag(tag: str) -> str:
    """The four-letter script subtag of a tag, lowercased ("ar-Latn" -> "latn"), or ""."""
    parts = tag.replace("_", "-").split("-")
    return next((p.lower() for p in parts[1:] if len(p) == 4 and p.isalpha()), "")


def is_rtl(tag: str) -> bool:
    """Whether text in language `tag` runs right to left: its script subtag decides, else its language."""
    if not tag:
        return False
    script = script_subtag(tag)
    if script:
        return script in RTL_SCRIPTS
    return tag.replace("_", "-").split("-")[0].lower() in RTL_LANGUAGES


def primary(tag: str) -> str:
    """The language subtag, lowercased ("pt-BR" -> "pt")."""
    return tag.replace("_", "-").split("-")[0].lower()


def same_language(tag: str, other: str) -> bool:
    return tag.replace("_", "-").lower() == other.replace("_", "-").lower()


def lang_attributes(tag: str, context: str) -> dict[str, str]:
    """The attributes an element of text in `tag` needs inside text in `context`: {} when the same (or no) language,
    else `lang` and, when the direction changes, `dir`."""
    if not tag or same_language(tag, context):
        return {}
    attrs = {"lang": tag}
    if is_rtl(tag) != is_rtl(context):
        attrs["dir"] = "rtl" if is_rtl(tag) else "ltr"
    return attrs


def first_strong_is_rtl(text: str) -> bool:
    """Whether the first letter with a direction is right to left (what `dir="auto"` decides by)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def text_is_rtl(text: str, tag: str) -> bool:
    """The direction of a label: its language's when given, else its first strong letter's."""
    return is_rtl(tag) if tag else first_strong_is_rtl(text)
