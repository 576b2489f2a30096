"""Builds Claim records from a claim's YAML mapping, recording every problem with its line."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, replace

from site_gen.content.claimants import read_claimant
from site_gen.content.locations import read_location
from site_gen.content.relations import (read_breakdown, read_event, read_relays, read_retracted,
                                        read_supersedes)
from site_gen.content.fields import describe, Fields, ID_RE, parse_date
from site_gen.core.model import CATEGORIES, Claim, Evidence, GroupFigure, Period, SiteConfig, Source, Status
from site_gen.core.problems import Collector, some_of
from site_gen.core.quantities import (
    ACCEPTED_FORMS, parse_quantity, Quantity, QuantityError, read_as_worded, with_unit,
)
from site_gen.core.vocabulary import Vocabulary, vocabulary_for
from site_gen.content.yamlsrc import LList, LMap

CLAIM_KEYS = (
    "id", "claimant", "category", "measure", "subject", "claimed_on", "period", "text", "total",
    "by_group", "location", "speaker", "quote", "sources", "status", "evidence", "as_of", "conclusion",
    "number_locale", "unit", "caveat", "lang", "relayed_by", "breakdown", "of_which", "event", "supersedes",
    "retracted",
)
#: A figure written as a mapping: `value` (a quantity) or `as_worded` + `means`, with its unit and caveat.
FIGURE_KEYS = ("value", "as_worded", "means", "lang", "unit", "caveat")
#: A breakdown entry as a mapping: a figure and where it was, or a note on it.
GROUP_KEYS = FIGURE_KEYS + ("note", "location")
#: The unit of a claim that does not state one, by category.
DEFAULT_UNITS = {"casualties": "people"}
#: A BCP 47 language tag, as `number_locale` and `lang` take it ("pt", "pt-BR", "ar").
LANG_TAG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
EVIDENCE_KEYS = ("source", "note")


@dataclass(frozen=True)
class Reading:
    """How a claim's figures are read: the number conventions, the site vocabulary of their language, the unit
    entries take when they state none."""

    number_locale: str = ""
    lang: str = ""
    wordings: tuple[tuple[str, Vocabulary], ...] = ()
    unit: str = ""

    @property
    def vocabulary(self) -> Vocabulary:
        return vocabulary_for(self.wordings, self.lang)


def read_claim(data: object, line: int, index: int, sources: dict[str, Source], config: SiteConfig,
               out: Collector, number_locale: str = "", article_lang: str = "") -> Claim | None:
    """One claim, or None when it is too broken to use (problems recorded); `number_locale` and `article_lang`
    are the article's."""
    prefix = f"claims[{index}]."
    if not isinstance(data, LMap):
        out.error(line, f"claims[{index}]", f"expected a mapping, got {describe(data)}", "start each claim with `- id: ...`")
        return None
    f = Fields(data, out, prefix)
    claim_id = f.ident("id")
    f.prefix = f"claims.{claim_id}." if claim_id and ID_RE.match(claim_id) else prefix
    f.check_keys(CLAIM_KEYS, required=("id", "claimant", "text", "sources"))
    status = _status(f)
    category = _category(f)
    lang = read_lang(f)
    locale = read_number_locale(f, number_locale or lang or article_lang)
    reading = Reading(locale, lang or article_lang or config.language, config.wordings)
    total = quantity(f, "total", reading)
    unit = _claim_unit(f, category, total)
    total = _in_unit(f, "total", total, unit)
    claimed_on_unknown = f.map.get("claimed_on") == "unknown"
    claim = Claim(
        id=claim_id,
        claimant=read_claimant(f, config),
        text=f.str("text"),
        sources=_source_refs(f, sources),
        category=category,
        measure=f.str("measure"),
        subject=f.str("subject"),
        claimed_on=None if claimed_on_unknown else f.date("claimed_on"),
        period=read_period(f),
        total=total,
        by_group=_groups(f, replace(reading, unit=unit)),
        of_which=_groups(f, replace(reading, unit=unit), "of_which"),
        location=read_location(f, f.mapping("location")),
        speaker=f.str("speaker"),
        quote=f.str("quote"),
        status=status,
        evidence=_evidence(f, sources),
        as_of=f.date("as_of"),
        conclusion=f.str("conclusion"),
        line=data.line,
        unit=unit,
        caveat=_caveat(f, total),
        lang=lang,
        relayed_by=read_relays(f, config, sources, locale, reading.vocabulary),
        claimed_on_unknown=claimed_on_unknown,
        breakdown=read_breakdown(f),
        event=read_event(f, config),
        supersedes=read_supersedes(f),
        retracted=read_retracted(f, sources),
        status_given=f.has("status"),
    )
    _check_claim(f, claim)
    return claim


def quantity(f: Fields, key: str, reading: Reading | str = "") -> Quantity | None:
    """The figure under `key` (a quantity or a figure mapping), None when absent or unreadable (error recorded)."""
    if not f.has(key):
        return None
    reading = reading if isinstance(reading, Reading) else Reading(reading)
    return _parse_quantity(f, key, f.map[key], f.line(key), reading)


def read_lang(f: Fields) -> str:
    """`lang:` (a BCP 47 tag) of an article, claim or figure; "" when not given or bad (error recorded)."""
    tag = f.str("lang")
    if tag and not LANG_TAG_RE.match(tag):
        f.error("lang", f'bad language tag "{tag}"', "use a BCP 47 tag such as am, ar or pt-BR")
        return ""
    return tag


def _claim_unit(f: Fields, category: str, total: Quantity | None) -> str:
    """`unit:` as given, else the unit the total states (percent, or the total mapping's `unit`), else the
    category's default (people for casualties)."""
    if f.has("unit"):
        return f.str("unit")
    return (total.unit if total is not None else "") or DEFAULT_UNITS.get(category, "")


def _in_unit(f: Fields, key: str, q: Quantity | None, unit: str) -> Quantity | None:
    """The figure counted in `unit`, unless it states another: percent in its wording, or its own `unit:`."""
    if q is None:
        return None
    if q.unit and q.unit != unit:
        f.error(key, f'the figure is in {q.unit} but the claim\'s unit is {unit or "not stated"}',
                "give the claim the unit its total counts, or give the entry its own `unit:`")
        return q
    try:
        return with_unit(q, unit)
    except QuantityError as exc:
        f.error(key, str(exc), exc.hint)
        return None


def _caveat(f: Fields, total: Quantity | None) -> str:
    caveat = f.str("caveat")
    if caveat and total is not None and total.caveat:
        f.error("caveat", "the claim and its total both have a caveat", "give it once, on the claim or on `total`")
    return caveat


def read_number_locale(f: Fields, default: str = "") -> str:
    """`number_locale:` of a claim, article or series declaration (a language tag), else `default`."""
    if not f.has("number_locale"):
        return default
    tag = f.str("number_locale")
    if tag and not LANG_TAG_RE.match(tag):
        f.error("number_locale", f'bad language tag "{tag}"', "use a BCP 47 tag such as pt, de or pt-BR")
        return default
    return tag or default


def _parse_quantity(f: Fields, field: str, raw: object, line: int, reading: Reading,
                    keys: tuple[str, ...] = FIGURE_KEYS) -> Quantity | None:
    """A figure as written (number or wording) or as a mapping (`value` or `as_worded` + `means`, with `lang`,
    `unit`, `caveat`); YAML floats and unreadable wordings are errors whose hint says what to write instead."""
    if isinstance(raw, LMap):
        return _figure_mapping(f, field, raw, reading, keys)
    try:
        return parse_quantity(raw, reading.number_locale, reading.vocabulary)
    except QuantityError as exc:
        f.out.error(line, f.name(field), str(exc), exc.hint or (unreadable_hint(raw) if isinstance(raw, str)
                                                             else f"accepted forms: {ACCEPTED_FORMS}"))
        return None


def _figure_mapping(f: Fields, field: str, data: LMap, reading: Reading, keys: tuple[str, ...]) -> Quantity | None:
    sub = Fields(data, f.out, f.name(field) + ".")
    typos = sub.check_keys(keys)
    if not sub.has("as_worded") and not sub.has("value"):
        if not typos & {"as_worded", "value"}:  # a mistyped key already says what is missing
            sub.out.error(data.line, sub.name("value"), "missing required field", "add `value:`")
        return None
    if sub.has("as_worded") and sub.has("value"):
        sub.error("value", "give the figure once: as `value`, or as `as_worded` with `means`",
                  "`as_worded` is for a wording sitegen cannot read, with our reading in `means`")
        return None
    if sub.has("value") and sub.has("means"):
        sub.error("means", "`means` goes with `as_worded`", "a `value` is read as written; drop `means`")
    if sub.has("as_worded"):
        q = _as_worded(sub, reading.number_locale, "means" in typos)
    elif isinstance(data["value"], LMap):
        sub.error("value", "expected a number or a wording, got a mapping", 'e.g. value: "up to 620"')
        q = None
    else:
        lang = read_lang(sub)
        q = _parse_quantity(f, field, data["value"], data.line_of("value"), replace(reading, lang=lang or reading.lang))
        q = replace(q, lang=lang) if q is not None else None
    if q is None:
        return None
    unit = sub.str("unit")
    if unit and q.unit and unit != q.unit:
        sub.error("unit", f"the wording is in {q.unit} but `unit` says {unit}", "keep the unit the wording states")
        unit = q.unit
    return replace(q, unit=unit or q.unit, caveat=sub.str("caveat"))


def unreadable_hint(raw: object) -> str:
    """The hint for a wording sitegen cannot read: keep it verbatim and give our reading beside it."""
    shown = raw.strip() if isinstance(raw, str) else "..."
    return (f'write it as {{as_worded: "{shown}", means: "..."}}, where `means` is our reading in a form sitegen reads '
            f"({ACCEPTED_FORMS}) or `unquantified`")


def _as_worded(sub: Fields, number_locale: str, means_mistyped: bool = False) -> Quantity | None:
    wording, lang = sub.str("as_worded"), read_lang(sub)
    if not sub.has("means") and not means_mistyped:
        sub.out.error(sub.map.line, sub.name("means"), "missing required field", "add `means:`")
    if not wording or not sub.has("means"):
        return None
    try:
        return read_as_worded(wording, sub.map["means"], lang, number_locale)
    except QuantityError as exc:
        sub.error("means", str(exc), exc.hint or f"`means` is our reading, in a form sitegen reads: {ACCEPTED_FORMS}; "
                                                 "or `means: unquantified`")
        return None


def _status(f: Fields) -> Status:
    text = f.str("status", Status.UNVERIFIED.value)
    try:
        return Status(text)
    except ValueError:
        f.error("status", f'unknown status "{text}"', "one of: " + ", ".join(s.value for s in Status))
        return Status.UNVERIFIED


def _category(f: Fields) -> str:
    default = "statement" if f.has("quote") else "territory" if f.has("location") else "other"
    text = f.str("category", default)
    if text not in CATEGORIES:
        f.error("category", f'unknown category "{text}"', "one of: " + ", ".join(CATEGORIES))
    return text


def read_period(f: Fields) -> Period | None:
    """`period:` a date or start/end; None when absent or bad (error recorded)."""
    raw = f.map.get("period")
    if raw is None:
        return None
    if not isinstance(raw, (str, dt.date)):
        f.error("period", f"expected a date or start/end, got {describe(raw)}", "write 2024-07-05 or 2024-07-04/2024-07-05")
        return None
    parts = raw.split("/") if isinstance(raw, str) else [raw]
    dates = [parse_date(p) for p in parts]
    if len(parts) > 2 or any(d is None for d in dates):
        f.error("period", f'bad period "{raw}"', "use a date YYYY-MM-DD or start/end: 2024-07-04/2024-07-05")
        return None
    start, end = dates[0], dates[-1]
    if end < start:
        f.error("period", f'period "{raw}" ends before it starts', "write start/end in that order")
        return None
    return Period(start, end)


def _source_refs(f: Fields, sources: dict[str, Source]) -> tuple[Source, ...]:
    found = []
    refs = f.str_list("sources")
    for ref in refs:
        if ref in sources:
            found.append(sources[ref])
        else:
            f.error("sources", f'unknown source id "{ref}"', _source_hint(ref, sources))
    if f.has("sources") and not refs and isinstance(f.map["sources"], (list, str)):
        f.error("sources", "a claim must cite at least one source", "list source ids defined under the article's `sources:`")
    return tuple(found)


def _source_hint(ref: str, sources: dict[str, Source]) -> str:
    guess = difflib.get_close_matches(ref, list(sources), n=1, cutoff=0.5)
    if guess:
        return f"did you mean `{guess[0]}`?"
    return "define it under the article's `sources:`" + (f" (defined: {some_of(sources)})" if sources else "")


def _groups(f: Fields, reading: Reading, key: str = "by_group") -> tuple[GroupFigure, ...]:
    """The breakdown (or the `of_which` sub-figures) in its order; each entry in the claim's unit unless it states
    its own."""
    data = f.mapping(key)
    if data is None:
        return ()
    groups = []
    for name, raw in data.items():
        field = f"{key}.{name}"
        q = _parse_quantity(f, field, raw, data.line_of(name), reading, GROUP_KEYS)
        note = location = lang = ""
        if isinstance(raw, LMap):
            sub = Fields(raw, f.out, f.name(field) + ".")
            note, location = sub.str("note"), sub.str("location")
            lang = q.lang if q is not None and "value" in raw else ""  # with `value`, `lang` is the entry's
        if q is not None:
            q = _entry_unit(f, field, q, reading.unit, data.line_of(name))
        if q is not None:
            groups.append(GroupFigure(str(name), q, note, location, lang))
    return tuple(groups)


def _entry_unit(f: Fields, field: str, q: Quantity, claim_unit: str, line: int) -> Quantity | None:
    """An entry's own `unit:` or percent in its wording, else the claim's unit; a percentage is at most 100."""
    unit = q.unit or claim_unit
    try:
        return with_unit(q, unit)
    except QuantityError as exc:
        f.out.error(line, f.name(field), str(exc), exc.hint)
        return None


def _evidence(f: Fields, sources: dict[str, Source]) -> tuple[Evidence, ...]:
    items = f.seq("evidence")
    if items is None:
        return ()
    found = []
    for i, item in enumerate(items):
        line = items.line_of(i)
        ref, note = item, ""
        if isinstance(item, LMap):
            sub = Fields(item, f.out, f.name("evidence."))
            sub.check_keys(EVIDENCE_KEYS, required=("source",))
            ref, note = sub.str("source"), sub.str("note")
        if isinstance(ref, (LMap, LList)) or ref is None:
            if not isinstance(item, LMap):
                f.out.error(line, f.name("evidence"), f"item {i + 1}: expected a source id, got {describe(ref)}",
                            "write `- source-id` or `- {source: source-id, note: ...}`")
            continue
        ref = str(ref).strip()
        if not ref:
            continue
        if ref in sources:
            found.append(Evidence(sources[ref], note))
        else:
            f.out.error(line, f.name("evidence"), f'unknown source id "{ref}"', _source_hint(ref, sources))
    return tuple(found)


def _check_claim(f: Fields, claim: Claim) -> None:
    """Rules across fields: status needs evidence, statements need speaker and quote, territory a location."""
    if claim.status.needs_evidence and claim.status is not Status.SUPERSEDED:  # or a claim that supersedes it
        if not claim.evidence:
            f.error("status", f"status {claim.status.value} needs `evidence`", "list the source ids that support the status")
        if claim.as_of is None:
            f.error("status", f"status {claim.status.value} needs `as_of`", "the date the status was last checked")
    if claim.status is Status.CORROBORATED:
        own = {s.id for s in claim.sources}
        independent = {e.source.id for e in claim.evidence} - own
        if len(independent) < 2:
            f.error("evidence", "corroborated needs at least two sources independent of the claimant",
                    "cite two evidence sources that are not the claim's own `sources`, or use partially_corroborated")
    if claim.category == "statement":
        for key in ("speaker", "quote"):
            if not getattr(claim, key):
                f.out.error(f.map.line, f.name(key), "a statement needs a speaker and a quote", f"add `{key}:`")
    if claim.category == "territory" and claim.location is None:
        f.out.error(f.map.line, f.name("location"), "a territorial claim needs a location", "add `location: {name: ..., region: ...}`")
    if claim.period and claim.claimed_on and claim.period.start > claim.claimed_on:
        f.error("period", "the period starts after the claim was made", "check `period` and `claimed_on`")
    if claim.claimed_on is None and not f.has("claimed_on"):
        f.out.warn(f.map.line, f.name("claimed_on"), "no `claimed_on`",
                   "the timeline will use the article's date; write `claimed_on: unknown` if the date is not known")
    if claim.of_which and claim.total is None:
        f.error("of_which", "`of_which` lists parts of the total, which the claim does not have", "add `total:`")
