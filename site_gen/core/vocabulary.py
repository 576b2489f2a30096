"""Site vocabularies (config.yaml `wordings:`): qualifier phrases of other languages, read as sitegen's English (pure)."""

from __future__ import annotations

import re

#: A site vocabulary for one language: (phrase, meaning) pairs from config.yaml `wordings:`, e.g.
#: ("pelo menos", "at least"), ("de {a} a {b}", "range"), ("ከ{v} በላይ", "more than").
Vocabulary = tuple[tuple[str, str], ...]


def vocabulary_for(wordings: tuple[tuple[str, Vocabulary], ...], lang: str) -> Vocabulary:
    """The vocabulary declared for a language tag ("pt-BR" falls back to "pt"); () when none."""
    found = dict(wordings)
    tag = lang.lower()
    return found.get(tag) or found.get(tag.split("-")[0], ())


def places_problem(phrase: str, meaning: str) -> str:
    """Why a phrase's {v}/{a}/{b} places do not fit its meaning ("" when they do)."""
    places = re.findall(r"\{([abv])\}", phrase)
    if len(places) != len(set(places)) or "v" in places and len(places) > 1:
        return "a phrase marks each place once: {v} for the figure, or {a} and {b} for a range"
    if "{a}" in phrase or "{b}" in phrase:
        ok = "{a}" in phrase and "{b}" in phrase and meaning == "range"
        return "" if ok else 'a phrase with {a} and {b} means "range" and needs both places'
    if meaning == "range":
        return 'a "range" phrase needs the places of both figures, e.g. "de {a} a {b}"'
    return ""


def translate(text: str, phrase: str, meaning: str) -> str | None:
    """`text` with the vocabulary `phrase` replaced by the English wording it `meaning`s, or None if it does not match."""
    if "{" in phrase:
        pieces = re.split(r"\{([abv])\}", phrase)
        pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(pieces))
        m = re.fullmatch(re.sub(r"\s+", " ", pattern).replace("\\ ", r"\s*"), text)
        if m is None:
            return None
        return f"from {m['a']} to {m['b']}" if meaning == "range" else f"{meaning} {m['v']}"
    if text == phrase:
        return meaning
    return f"{meaning} {text[len(phrase):].strip()}" if text.startswith(phrase + " ") else None
