"""Reads config.yaml (and content/claimants.yaml, content/events.yaml) into a SiteConfig, reporting every problem with its line."""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from site_gen.content.claims import LANG_TAG_RE
from site_gen.content.events import EVENTS_FILE, read_events
from site_gen.content.fields import describe, Fields, ID_HINT, ID_RE, parse_mapping, too_long
from site_gen.core.dates import DEFAULT_DATE_FORMAT, date_format_problem
from site_gen.core.interface import ENGLISH, count_base, placeholders
from site_gen.core.model import Claimant, SiteConfig
from site_gen.core.quantities import ACCEPTED_FORMS, parse_quantity, QuantityError
from site_gen.core.vocabulary import places_problem, Vocabulary
from site_gen.core.problems import Collector, ContentErrors, Problem, SitegenError
from site_gen.content.sources import display_path, OUTSIDE_HINT, outside_site, read_text
from site_gen.content.yamlsrc import LMap

CONFIG_KEYS = (
    "title", "description", "base_url", "language", "timezone", "allow_raw_html", "claimants",
    "content_dir", "templates_dir", "static_dir", "output_dir", "cname", "author", "translations", "wordings", "search",
    "date_format", "events",
)
CLAIMANT_KEYS = ("name", "side", "kind")
CLAIMANTS_FILE = "claimants.yaml"


class ConfigMissing(SitegenError):
    """There is no configuration file where sitegen was told to look: one line that says what to do."""

    def __init__(self, config_path: Path):
        if config_path == Path("config.yaml"):
            text = "no config.yaml here: run sitegen in a site's folder, or create a site with `sitegen new NAME`"
        else:
            text = f"no configuration file {config_path}: check --config, or create a site with `sitegen new NAME`"
        super().__init__(text)


def load_config(config_path: Path) -> SiteConfig:
    """Load and validate the site configuration; raise ContentErrors listing every problem."""
    if not config_path.exists():
        raise ConfigMissing(config_path)
    root = config_path.parent
    out = Collector(display_path(config_path, root))
    data = _read_mapping(config_path, out)
    if data is None:
        raise ContentErrors(out.problems)  # unreadable or not YAML: nothing more to check
    f = Fields(data, out)
    f.check_keys(CONFIG_KEYS, required=("title",))
    timezone = f.str("timezone", "UTC")
    language = f.str("language", "en")
    if not LANG_TAG_RE.match(language):
        f.error("language", f'bad language tag "{language}"', "use a BCP 47 tag such as en, uk, ar or pt-BR")
    _check_timezone(f, timezone)
    date_format = f.str("date_format", DEFAULT_DATE_FORMAT)
    if problem := date_format_problem(date_format):
        f.error("date_format", problem, 'use codes such as "%-d %B %Y" (5 July 2024) or "%Y-%m-%d" (2024-07-05)')
    content_dir = _site_folder(f, "content_dir", "content", root)
    claimants = read_claimants(f.mapping("claimants"), out)
    config = SiteConfig(
        root=root,
        title=f.str("title"),
        description=f.str("description"),
        base_url=_base_url(f),
        language=language,
        timezone=timezone,
        allow_raw_html=f.bool("allow_raw_html"),
        content_dir=content_dir,
        templates_dir=_site_folder(f, "templates_dir", "templates", root),
        static_dir=_site_folder(f, "static_dir", "static", root),
        output_dir=root / f.str("output_dir", "build"),
        claimants=claimants,
        cname=f.str("cname"),
        author=f.str("author"),
        config_path=config_path,
        translations=read_translations(f.mapping("translations"), out),
        wordings=read_wordings(f.mapping("wordings"), out),
        search=f.bool("search", True),
        date_format=date_format,
        events=read_events(f.mapping("events"), out),
    )
    problems = list(out.problems)
    for name, merge in ((CLAIMANTS_FILE, _with_claimants_file), (EVENTS_FILE, _with_events_file)):
        path = content_dir / name
        if not path.is_file():
            continue
        if target := outside_site(path, root):
            problems.append(Problem(display_path(path, root), 0, "", f"leads outside the site folder, to {target}",
                                    OUTSIDE_HINT))
            continue
        config, more = merge(config, path, root)
        problems += more
    if any(p.is_error for p in problems):
        raise ContentErrors(problems)
    return config


def _site_folder(f: Fields, key: str, default: str, root: Path) -> Path:
    """A folder the build reads, relative to the site folder; one that leads outside it (by `..`, an absolute
    path or a symbolic link) is an error, since its files would be published."""
    name = f.str(key, default)
    folder = root / name
    if target := outside_site(folder, root):
        f.error(key, f'"{name}" leads outside the site folder, to {target}', OUTSIDE_HINT)
    return folder


def _base_url(f: Fields) -> str:
    url = f.str("base_url", "/")
    try:
        urlsplit(url)
    except ValueError:  # "http://[::1": an unclosed IPv6 address
        f.error("base_url", f'not a valid URL: "{url}"', "e.g. https://user.github.io/repo/ or /")
        return "/"
    return url


def read_claimants(data: LMap | None, out: Collector) -> tuple[Claimant, ...]:
    """The claimant registry: id -> {name, side, kind}."""
    if data is None:
        return ()
    claimants = []
    for cid, record in data.items():
        line = data.line_of(cid)
        if not ID_RE.match(cid):
            out.error(line, f"claimants.{cid}", f'bad claimant id "{cid}"', ID_HINT)
            continue
        if too_long(cid):
            out.error(line, f"claimants.{cid}", f"claimant id {too_long(cid)}", "shorten it")
            continue
        if not isinstance(record, LMap):
            out.error(line, f"claimants.{cid}", "expected a mapping", "write {name: ..., side: ..., kind: ...}")
            continue
        f = Fields(record, out, prefix=f"claimants.{cid}.")
        f.check_keys(CLAIMANT_KEYS, required=("name",))
        claimants.append(Claimant(cid, f.str("name"), f.str("side"), f.str("kind")))
    return tuple(claimants)


def read_translations(data: LMap | None, out: Collector) -> tuple[tuple[str, str], ...]:
    """`translations:` key -> text for the theme's interface strings; unknown keys and placeholders are errors."""
    if data is None:
        return ()
    found = []
    for key, text in data.items():
        line, field = data.line_of(key), f"translations.{key}"
        english = ENGLISH.get(key) or ENGLISH.get(f"{count_base(str(key))}.other", "")
        if not english:
            guess = difflib.get_close_matches(str(key), list(ENGLISH), n=1, cutoff=0.6)
            out.error(line, field, f'unknown interface string "{key}"',
                      f"did you mean `{guess[0]}`?" if guess else "the keys are listed in the README, section Languages")
        elif not isinstance(text, str) or not text.strip():
            out.error(line, field, f"expected a text, got {describe(text)}", f'the English is "{english}"')
        elif (extra := _unknown_placeholders(text, english)) is None:
            out.error(line, field, "a `{` or `}` without its pair", "write {{ and }} for a brace shown as such")
        elif extra:
            allowed = ", ".join(f"{{{n}}}" for n in sorted(placeholders(english))) or "none"
            out.error(line, field, f"unknown placeholder {{{sorted(extra)[0]}}}", f"this text may use: {allowed}")
        else:
            found.append((str(key), text))
    return tuple(sorted(found))


def _unknown_placeholders(text: str, english: str) -> set[str] | None:
    """Placeholders of a translation that its English has not (None when its braces do not pair up)."""
    try:
        return placeholders(text) - placeholders(english)
    except ValueError:
        return None


def read_wordings(data: LMap | None, out: Collector) -> tuple[tuple[str, Vocabulary], ...]:
    """Site vocabularies: `wordings: {pt: {"pelo menos": "at least", "de {a} a {b}": "range"}}`, each entry checked."""
    if data is None:
        return ()
    found = []
    for lang, phrases in data.items():
        where = f"wordings.{lang}"
        if not LANG_TAG_RE.match(str(lang)):
            out.error(data.line_of(lang), where, f'bad language tag "{lang}"', "use a BCP 47 tag such as pt, ar or pt-BR")
            continue
        if not isinstance(phrases, LMap):
            out.error(data.line_of(lang), where, "expected a mapping of phrases to what they mean",
                      'write {"pelo menos": "at least", "de {a} a {b}": "range"}')
            continue
        entries = []
        for phrase, meaning in phrases.items():
            text, means = str(phrase).strip(), str(meaning).strip() if isinstance(meaning, (str, int)) else ""
            problem = vocabulary_problem(text.lower(), means) if text and means else "a phrase and its meaning, as text"
            if problem:
                out.error(phrases.line_of(phrase), f'{where}."{phrase}"', problem,
                          'the meaning is one of sitegen\'s qualifiers ("at least", "more than", "about", "up to", ...) '
                          'or "range"')
            else:
                entries.append((text, means))
        found.append((str(lang).lower(), tuple(entries)))
    return tuple(found)


def _merge_registry(claimants: tuple[Claimant, ...], path: Path, root: Path) -> tuple[tuple[Claimant, ...], list[Problem]]:
    out = Collector(display_path(path, root))
    data = _read_mapping(path, out)
    if data is None:
        return claimants, out.problems
    f = Fields(data, out)
    f.check_keys(("claimants",), required=("claimants",))
    more = read_claimants(f.mapping("claimants"), out)
    known = {c.id for c in claimants}
    for c in more:
        if c.id in known:
            mapping = data.get("claimants")
            out.error(mapping.line_of(c.id) if isinstance(mapping, LMap) else 1, f"claimants.{c.id}",
                      "claimant declared twice", "it is already declared in config.yaml")
    return claimants + tuple(c for c in more if c.id not in known), out.problems


def _with_claimants_file(config: SiteConfig, path: Path, root: Path) -> tuple[SiteConfig, list[Problem]]:
    """config.yaml's claimants, then those of content/claimants.yaml."""
    merged, problems = _merge_registry(config.claimants, path, root)
    return replace(config, claimants=merged), problems


def _with_events_file(config: SiteConfig, path: Path, root: Path) -> tuple[SiteConfig, list[Problem]]:
    """config.yaml's events, then those of content/events.yaml (`events:` mapping, or the mapping itself)."""
    out = Collector(display_path(path, root))
    data = _read_mapping(path, out)
    if data is None:
        return config, out.problems
    mapping = Fields(data, out).mapping("events") if "events" in data else data
    return replace(config, events=config.events + read_events(mapping, out, config.events)), out.problems


def _read_mapping(path: Path, out: Collector) -> LMap | None:
    """The file's mapping (empty for an empty file); None when it cannot be read or parsed (problem recorded)."""
    text = read_text(path, out)
    if text is None:
        return None
    if not text.strip():
        return _empty()
    return parse_mapping(text, out, "the configuration", "write `title: ...` and other settings")


def _check_timezone(f: Fields, name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        f.error("timezone", f'unknown time zone "{name}"', "use an IANA name such as Europe/Kyiv or UTC")


def _empty() -> LMap:
    empty = LMap()
    empty.line, empty.key_lines = 1, {}
    return empty


def vocabulary_problem(phrase: str, meaning: str) -> str:
    """Why a site vocabulary entry cannot be used ("" when it can): its meaning must be a qualifier of sitegen's
    grammar ("at least"), `range` for a phrase with {a} and {b}, or a whole wording for a phrase without a number."""
    if (problem := places_problem(phrase, meaning)) or meaning == "range" or "{a}" in phrase:
        return problem
    try:
        parse_quantity(f"{meaning} 2")
        return ""
    except QuantityError:
        pass
    if "{v}" not in phrase:
        try:
            parse_quantity(meaning)
            return ""
        except QuantityError:
            pass
    return f'"{meaning}" is not a qualifier sitegen reads ({ACCEPTED_FORMS})'
