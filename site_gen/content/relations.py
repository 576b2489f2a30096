"""Reads the fields that relate a claim to others (§8): relays, the event, supersession, retraction, corrections."""

from __future__ import annotations

import difflib
import re

from site_gen.content.claimants import read_claimant
from site_gen.content.fields import describe, Fields
from site_gen.content.yamlsrc import LMap
from site_gen.core.model import ClaimRef, Correction, Relay, Retraction, SiteConfig, Source
from site_gen.core.problems import some_of
from site_gen.core.quantities import parse_quantity, Quantity, QuantityError, read_as_worded
from site_gen.core.vocabulary import Vocabulary

RELAY_KEYS = ("by", "source", "as_worded", "means", "value", "lang", "note")
RETRACTED_KEYS = ("on", "source", "note")
CORRECTION_KEYS = ("date", "text")
BREAKDOWNS = ("full", "partial")
#: `id` or `path/to/article.md#id`.
CLAIM_REF_RE = re.compile(r"^(?:(?P<path>[^#\s]+\.md)#)?(?P<id>[a-z0-9][a-z0-9_-]*)$")
_WORD_TAIL = re.compile(r"\s+\S+$")


def read_relays(f: Fields, config: SiteConfig, sources: dict[str, Source], number_locale: str,
                vocabulary: Vocabulary = ()) -> tuple[Relay, ...]:
    """`relayed_by:` entries: who passed the claim on (a registry id or a plain name), in which source, in what words."""
    items = f.seq("relayed_by")
    if items is None:
        return ()
    relays = []
    for i, item in enumerate(items):
        line = items.line_of(i)
        if isinstance(item, str):  # `- ocha`: who, and nothing more
            item = _mapping({"by": item}, line)
        if not isinstance(item, LMap):
            f.out.error(line, f.name(f"relayed_by[{i}]"), f"expected a relay, got {describe(item)}",
                        'write `- {by: ocha, source: ocha-update, as_worded: "some 9,500"}`')
            continue
        sub = Fields(item, f.out, f.name(f"relayed_by[{i}]."))
        sub.check_keys(RELAY_KEYS, required=("by",))
        if not sub.has("by"):
            continue
        by = read_claimant(sub, config, "by", warn_undeclared=False)
        wording = sub.str("as_worded") or sub.str("value")
        relays.append(Relay(by, _source(sub, "source", sources), _relay_figure(sub, number_locale, vocabulary), line,
                            wording, sub.str("lang"), sub.str("note")))
    return tuple(relays)


def _mapping(values: dict, line: int) -> LMap:
    made = LMap(values)
    made.line, made.key_lines = line, {k: line for k in values}
    return made


def _renamed(data: LMap, old: str, new: str) -> LMap:
    renamed = LMap((new if k == old else k, v) for k, v in data.items())
    renamed.line = data.line
    renamed.key_lines = {(new if k == old else k): line for k, line in data.key_lines.items()}
    return renamed


def _relay_figure(sub: Fields, number_locale: str, vocabulary: Vocabulary) -> Quantity | None:
    """The relay's own wording, verbatim: read by the grammar, else by `means`, else by its leading figure ("some
    9,500 women" is read as "some 9,500", shown as our reading); None when no figure can be read from it."""
    key = "as_worded" if sub.has("as_worded") else "value" if sub.has("value") else ""
    if not key:
        if sub.has("means"):
            sub.error("means", "`means` goes with `as_worded`", "give the relay's wording as `as_worded`")
        return None
    wording, lang = sub.str(key), sub.str("lang")
    if sub.has("means"):
        try:
            return read_as_worded(wording, sub.map["means"], lang, number_locale)
        except QuantityError as exc:
            sub.error("means", str(exc), exc.hint or "`means` is our reading of the relay's wording")
            return None
    return _leading_figure(wording, lang, number_locale, vocabulary)


def _leading_figure(wording: str, lang: str, number_locale: str, vocabulary: Vocabulary) -> Quantity | None:
    text = wording
    while text:
        try:
            q = parse_quantity(text, number_locale, vocabulary)
        except QuantityError:
            shorter = _WORD_TAIL.sub("", text)
            if shorter == text:
                return None
            text = shorter
            continue
        return read_as_worded(wording, text, lang, number_locale) if text != wording else q
    return None


def _source(sub: Fields, key: str, sources: dict[str, Source]) -> Source | None:
    ref = sub.str(key)
    if not ref:
        return None
    if ref in sources:
        return sources[ref]
    guess = difflib.get_close_matches(ref, list(sources), n=1, cutoff=0.5)
    hint = f"did you mean `{guess[0]}`?" if guess else "define it under the article's `sources:`" + (
        f" (defined: {some_of(sources)})" if sources else "")
    sub.error(key, f'unknown source id "{ref}"', hint)
    return None


def read_breakdown(f: Fields) -> str:
    """`breakdown: full` (the default: by_group splits the whole total) or `partial`."""
    text = f.str("breakdown", "full")
    if text not in BREAKDOWNS:
        f.error("breakdown", f'unknown breakdown "{text}"', "one of: full (the groups split the whole total), "
                "partial (they cover only part of it)")
        return "full"
    if text == "partial" and not f.has("by_group"):
        f.error("breakdown", "`breakdown: partial` describes `by_group`, which the claim does not have",
                "add `by_group:` or drop `breakdown:`")
    return text


def read_event(f: Fields, config: SiteConfig) -> str:
    """`event:` an id of the events registry (content/events.yaml or `events:` in config.yaml)."""
    event_id = f.ident("event")
    if not event_id or config.event(event_id) is not None:
        return event_id
    known = [e.id for e in config.events]
    guess = difflib.get_close_matches(event_id, known, n=1, cutoff=0.5)
    hint = (f"did you mean `{guess[0]}`?" if guess else
            "declare it in content/events.yaml or under `events:` in config.yaml" + (
                f" (declared: {some_of(known)})" if known else ""))
    f.error("event", f'unknown event "{event_id}"', hint)
    return event_id


def read_supersedes(f: Fields) -> ClaimRef | None:
    """`supersedes:` a claim reference: `id` (this article) or `path/to/article.md#id` (resolved like a link)."""
    target = f.str("supersedes")
    if not target:
        return None
    if not CLAIM_REF_RE.match(target):
        f.error("supersedes", f'bad claim reference "{target}"',
                "write the claim's id (same article) or path/to/article.md#claim-id")
        return None
    return ClaimRef(target, f.line("supersedes"))


def read_retracted(f: Fields, sources: dict[str, Source]) -> Retraction | None:
    """`retracted: {on: date, source: id, note: text}`: the claimant withdrew the claim."""
    data = f.mapping("retracted")
    if data is None:
        return None
    if "True" in data and "on" not in data:  # YAML 1.1 reads the key `on` as true
        data = _renamed(data, "True", "on")
    sub = Fields(data, f.out, f.name("retracted."))
    sub.check_keys(RETRACTED_KEYS, required=("on",))
    on = sub.date("on")
    if on is None:
        return None
    return Retraction(on, _source(sub, "source", sources), sub.str("note"))


def read_corrections(f: Fields) -> tuple[Correction, ...]:
    """An article's `corrections: [{date, text}]`, most recent first (in the given order within one date)."""
    items = f.seq("corrections")
    if items is None:
        return ()
    found = []
    for i, item in enumerate(items):
        line = items.line_of(i)
        if not isinstance(item, LMap):
            f.out.error(line, f"corrections[{i}]", f"expected a correction, got {describe(item)}",
                        "write `- {date: 2024-07-06, text: What was corrected.}`")
            continue
        sub = Fields(item, f.out, f"corrections[{i}].")
        sub.check_keys(CORRECTION_KEYS, required=("date", "text"))
        date, text = sub.date("date"), sub.str("text")
        if date is not None and text:
            found.append(Correction(date, text, line))
    return tuple(sorted(found, key=lambda c: c.date, reverse=True))
