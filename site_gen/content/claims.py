"""Builds Claim records from a claim's YAML mapping, recording every problem with its line."""

from __future__ import annotations

import datetime as dt
import difflib
import re

from site_gen.content.fields import describe, Fields, ID_RE, parse_date
from site_gen.core.model import Article, CATEGORIES, Claim, Claimant, Evidence, GroupFigure, Location, Period, SiteConfig, Source, Status
from site_gen.core.problems import Collector, Problem, some_of
from site_gen.core.quantities import ACCEPTED_FORMS, parse_quantity, Quantity, QuantityError, read_as_worded
from site_gen.content.yamlsrc import LList, LMap

CLAIM_KEYS = (
    "id", "claimant", "category", "measure", "subject", "claimed_on", "period", "text", "total",
    "by_group", "location", "speaker", "quote", "sources", "status", "evidence", "as_of", "conclusion",
    "number_locale", "lang",
)
LOCATION_KEYS = ("name", "region", "country", "lat", "lon", "precision")
GROUP_KEYS = ("value", "note", "location", "lang")
FIGURE_KEYS = ("as_worded", "means", "lang")
#: A BCP 47 language tag, as `number_locale` and `lang` take it ("pt", "pt-BR", "ar").
LANG_TAG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
EVIDENCE_KEYS = ("source", "note")
PRECISIONS = ("exact", "town", "district", "region", "approximate")


def read_claim(data: object, line: int, index: int, sources: dict[str, Source], config: SiteConfig,
               out: Collector, number_locale: str = "", lang: str = "") -> Claim | None:
    """One claim, or None when it is too broken to use (problems recorded); `number_locale` and `lang` are the
    article's (a claim's own `lang` is the default of its `number_locale`)."""
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
    lang = read_lang(f, "lang", lang)
    locale = read_number_locale(f, lang if f.has("lang") else number_locale)
    claim = Claim(
        id=claim_id,
        claimant=_claimant(f, config),
        text=f.str("text"),
        sources=_source_refs(f, sources),
        category=category,
        measure=f.str("measure"),
        subject=f.str("subject"),
        claimed_on=f.date("claimed_on"),
        period=_period(f),
        total=quantity(f, "total", locale),
        by_group=_groups(f, locale, lang),
        location=_location(f, f.mapping("location")),
        speaker=f.str("speaker"),
        quote=f.str("quote"),
        status=status,
        evidence=_evidence(f, sources),
        as_of=f.date("as_of"),
        conclusion=f.str("conclusion"),
        line=data.line,
        lang=lang,
    )
    _check_claim(f, claim)
    return claim


def quantity(f: Fields, key: str, number_locale: str = "") -> Quantity | None:
    if not f.has(key):
        return None
    return _parse_quantity(f, key, f.map[key], f.line(key), number_locale)


def read_number_locale(f: Fields, default: str = "") -> str:
    """`number_locale:` of a claim, article or series declaration (a language tag), else `default`."""
    if not f.has("number_locale"):
        return default
    tag = f.str("number_locale")
    if tag and not LANG_TAG_RE.match(tag):
        f.error("number_locale", f'bad language tag "{tag}"', "use a BCP 47 tag such as pt, de or pt-BR")
        return default
    return tag or default


def read_lang(f: Fields, key: str, default: str = "") -> str:
    """A `lang:` field (a BCP 47 tag such as ar, pt-BR or ku-Arab), else `default`."""
    if not f.has(key):
        return default
    tag = f.str(key)
    if tag and not LANG_TAG_RE.match(tag):
        f.error(key, f'bad language tag "{tag}"', "use a BCP 47 tag such as ar, am, pt-BR or ku-Arab")
        return default
    return tag or default


def _parse_quantity(f: Fields, field: str, raw: object, line: int, number_locale: str = "") -> Quantity | None:
    """A figure as written (number or wording) or as `{as_worded, means, lang}`; YAML floats and unreadable
    wordings are errors whose hint says what to write instead."""
    if isinstance(raw, LMap):
        return _as_worded(f, field, raw, number_locale)
    try:
        return parse_quantity(raw, number_locale)
    except QuantityError as exc:
        f.out.error(line, f.name(field), str(exc), exc.hint or (unreadable_hint(raw) if isinstance(raw, str)
                                                             else f"accepted forms: {ACCEPTED_FORMS}"))
        return None


def unreadable_hint(raw: object) -> str:
    """The hint for a wording sitegen cannot read: keep it verbatim and give our reading beside it."""
    shown = raw.strip() if isinstance(raw, str) else "..."
    return (f'write it as {{as_worded: "{shown}", means: "..."}}, where `means` is our reading in a form sitegen reads '
            f"({ACCEPTED_FORMS}) or `unquantified`")


def _as_worded(f: Fields, field: str, data: LMap, number_locale: str) -> Quantity | None:
    sub = Fields(data, f.out, f.name(field) + ".")
    sub.check_keys(FIGURE_KEYS, required=("as_worded", "means"))
    wording, lang = sub.str("as_worded"), sub.str("lang")
    if lang and not LANG_TAG_RE.match(lang):
        sub.error("lang", f'bad language tag "{lang}"', "use a BCP 47 tag such as am, ar or pt-BR")
    if not wording or not sub.has("means"):
        return None
    try:
        return read_as_worded(wording, data["means"], lang, number_locale)
    except QuantityError as exc:
        sub.error("means", str(exc), exc.hint or f"`means` is our reading, in a form sitegen reads: {ACCEPTED_FORMS}; "
                                                 "or `means: unquantified`")
        return None


def _claimant(f: Fields, config: SiteConfig) -> Claimant:
    name = f.str("claimant")
    if not name:
        return Claimant("", "unknown", declared=False)
    found = config.claimant(name)
    if found:
        return found
    known = tuple(c.id for c in config.claimants)
    if ID_RE.match(name):
        guess = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
        hint = f"did you mean `{guess[0]}`?" if guess else "declare it under `claimants:` in config.yaml or content/claimants.yaml"
        f.error("claimant", f'unknown claimant id "{name}"', hint)
        return Claimant(name, name, declared=False)
    cid = slug_id(name)
    if declared := config.claimant(cid) or _named(config, name):
        f.error("claimant", f'"{name}" looks like claimant id `{declared.id}` ({declared.name})',
                f"write `claimant: {declared.id}`, or declare \"{name}\" in the registry under an id of its own")
        return Claimant(name, name, declared=False)  # never merged with the declared claimant
    f.warn("claimant", f'undeclared claimant "{name}"', "declare it under `claimants:` with its side")
    return Claimant(cid, name, declared=False)


def _named(config: SiteConfig, name: str) -> Claimant | None:
    """The declared claimant whose name is `name` (any case): a plain name must not become a second one."""
    folded = name.casefold()
    return next((c for c in config.claimants if c.name.casefold() == folded), None)


def claimant_clashes(articles: list[Article]) -> list[Problem]:
    """Undeclared claimants are identified by the slug of their name; two different names with one slug
    ("Ru Mod", "RU-MOD") would be merged into one claimant page and compared as one, so each later one is an error."""
    first: dict[str, tuple[str, str, int]] = {}
    problems = []
    for article in articles:
        for claim in article.claims:
            who = claim.claimant
            if who.declared or not who.id:
                continue
            name, path, line = first.setdefault(who.id, (who.name, article.path, claim.line))
            if name != who.name:
                problems.append(Problem(
                    article.path, claim.line, f"claims.{claim.id}.claimant",
                    f'"{who.name}" and "{name}" ({path}:{line}) are different names for one claimant page `{who.id}`',
                    "write the name the same way in both, or declare each in the registry with its own id"))
    return problems


def slug_id(name: str) -> str:
    from site_gen.core.slugs import slugify

    return slugify(name) or "claimant"


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


def _period(f: Fields) -> Period | None:
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


def _groups(f: Fields, number_locale: str = "", lang: str = "") -> tuple[GroupFigure, ...]:
    data = f.mapping("by_group")
    if data is None:
        return ()
    groups = []
    for name, raw in data.items():
        line = data.line_of(name)
        field = f"by_group.{name}"
        if isinstance(raw, LMap) and not any(key in raw for key in ("as_worded", "means")):
            sub = Fields(raw, f.out, f.name(field) + ".")
            sub.check_keys(GROUP_KEYS, required=("value",))
            value = raw.get("value")
            q = _parse_quantity(f, field, value, raw.line_of("value"), number_locale) if sub.has("value") else None
            note, location, group_lang = sub.str("note"), sub.str("location"), read_lang(sub, "lang", lang)
        else:
            q, note, location, group_lang = _parse_quantity(f, field, raw, line, number_locale), "", "", lang
        if q is not None:
            groups.append(GroupFigure(str(name), q, note, location, group_lang))
    return tuple(groups)


def _location(f: Fields, data: LMap | None) -> Location | None:
    if data is None:
        return None
    sub = Fields(data, f.out, f.name("location."))
    sub.check_keys(LOCATION_KEYS, required=("name",))
    lat, lon = _coordinate(sub, "lat", 90), _coordinate(sub, "lon", 180)
    has_lat, has_lon = sub.has("lat"), sub.has("lon")
    precision = sub.str("precision")
    if (has_lat or has_lon) and not precision:
        sub.error("lat" if has_lat else "lon", "coordinates need a `precision`", "one of: " + ", ".join(PRECISIONS))
    if precision and precision not in PRECISIONS:
        sub.error("precision", f'unknown precision "{precision}"', "one of: " + ", ".join(PRECISIONS))
    if has_lat != has_lon:
        sub.error("lon" if has_lat else "lat", "give both `lat` and `lon`, or neither")
    return Location(sub.str("name"), sub.str("region"), sub.str("country"), lat, lon, precision)


def _coordinate(f: Fields, key: str, limit: float) -> float | None:
    raw = f.map.get(key)
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not -limit <= raw <= limit:
        f.error(key, f"expected a number between -{limit} and {limit}, got {describe(raw)}")
        return None
    return float(raw)


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
    if claim.status.needs_evidence:
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
        f.out.warn(f.map.line, f.name("claimed_on"), "no `claimed_on`", "the timeline will use the article's date")
