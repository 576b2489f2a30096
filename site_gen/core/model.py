"""Typed, frozen records passed between build stages: config, claimants, sources, claims, articles, findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from site_gen.core.problems import one_line
from site_gen.core.status import Status
from site_gen.core.quantities import Quantity
from site_gen.core.vocabulary import Vocabulary, vocabulary_for


CATEGORIES = ("casualties", "equipment", "territory", "strike", "statement", "other")


@dataclass(frozen=True)
class Claimant:
    id: str
    name: str
    side: str = ""
    kind: str = ""
    declared: bool = True

    @property
    def display(self) -> str:
        return f"{self.name} ({self.side})" if self.side else self.name

    @property
    def unnamed(self) -> bool:
        """An unnamed source stated as such (`claimant: {unnamed: ...}` or a registry entry of `kind: unnamed`)."""
        return self.kind == "unnamed"

    @property
    def has_page(self) -> bool:
        """Whether the claimant has a page of its own: every registry entry and plain name; not an inline unnamed
        source, which is never merged with another."""
        return bool(self.id)


def claimant_key(claimant: Claimant) -> tuple[str, ...]:
    """What tells claimants apart: the id, or for an inline unnamed source (no id) its words and side."""
    return (claimant.id,) if claimant.id else ("", claimant.name, claimant.side)


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    title: str
    description: str
    base_url: str
    language: str
    timezone: str
    allow_raw_html: bool
    content_dir: Path
    templates_dir: Path
    static_dir: Path
    output_dir: Path
    claimants: tuple[Claimant, ...]
    cname: str = ""
    author: str = ""
    config_path: Path | None = None
    #: The site's wording of the theme's interface strings (key, text), overriding core/interface.py's English.
    translations: tuple[tuple[str, str], ...] = ()
    #: Site vocabularies (config.yaml `wordings:`): language tag -> its (phrase, meaning) pairs.
    wordings: tuple[tuple[str, Vocabulary], ...] = ()
    #: Whether the build makes a Pagefind search index and the theme shows a search box.
    search: bool = True
    #: How dates are written on every page (core/dates.py): "5 July 2024" by default.
    date_format: str = "%-d %B %Y"
    #: The events registry (§8.4): `events:` in config.yaml and content/events.yaml.
    events: tuple[Event, ...] = ()

    @property
    def base_path(self) -> str:
        """The URL path the site is served under, always with a trailing slash ("/" or "/repo/")."""
        from urllib.parse import urlsplit

        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def source_dirs(self) -> tuple[Path, ...]:
        """The site root first, then the folders a build reads; the output folder may be none of them."""
        return (self.root, self.content_dir, self.templates_dir, self.static_dir)

    def claimant(self, claimant_id: str) -> Claimant | None:
        return next((c for c in self.claimants if c.id == claimant_id), None)

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    def vocabulary(self, lang: str) -> Vocabulary:
        """The qualifier phrases declared for a language tag ("pt-BR" falls back to "pt"); () when none."""
        return vocabulary_for(self.wordings, lang)


@dataclass(frozen=True)
class Source:
    id: str
    url: str
    name: str = ""
    title: str = ""
    published: dt.date | None = None
    accessed: dt.date | None = None
    archived_url: str = ""
    language: str = ""  # BCP 47: `language` or `lang` in the file


@dataclass(frozen=True)
class Location:
    name: str
    region: str = ""
    country: str = ""
    lat: float | None = None
    lon: float | None = None
    precision: str = ""

    @property
    def display(self) -> str:
        return ", ".join(p for p in (self.name, self.region, self.country) if p)


@dataclass(frozen=True)
class GroupFigure:
    """One entry of a breakdown; its unit and caveat are its quantity's."""

    name: str
    quantity: Quantity
    note: str = ""
    location: str = ""
    lang: str = ""  # the language of `name` and `note` as given (`lang:` beside `value:`); "" means the claim's

    @property
    def unit(self) -> str:
        return self.quantity.unit


@dataclass(frozen=True)
class Evidence:
    source: Source
    note: str = ""


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def display(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()} to {self.end.isoformat()}"

    @property
    def iso(self) -> str:
        return self.start.isoformat() if self.start == self.end else f"{self.start}/{self.end}"


@dataclass(frozen=True)
class Relay:
    """Someone who passed a claim on (§8.1): who (registry entry or plain name), where, and in what words."""

    by: Claimant
    source: Source | None = None
    #: Our reading of the relay's wording, when a figure can be read from it (None otherwise).
    figure: Quantity | None = None
    line: int = 0
    #: The relay's own wording, verbatim as typed ("" when it gave none); kept even when no figure can be read.
    wording: str = ""
    lang: str = ""
    note: str = ""


@dataclass(frozen=True)
class ClaimRef:
    """A reference to a claim as written (`id`, or `path/to/article.md#id`), resolved at load time."""

    target: str
    line: int = 0


@dataclass(frozen=True)
class ClaimLink:
    """A resolved claim reference: the claim's article and id, and what a card says of it ("… on 5 July 2024")."""

    article_slug: str
    article_url: str
    article_title: str
    claim_id: str
    wording: str = ""
    date: dt.date | None = None

    @property
    def url(self) -> str:
        return f"{self.article_url}#claim-{self.claim_id}"


@dataclass(frozen=True)
class Retraction:
    """The claimant withdrew the claim (§8.5): when, where it says so, and a note."""

    on: dt.date
    source: Source | None = None
    note: str = ""


@dataclass(frozen=True)
class Correction:
    """An entry of an article's corrections log (§8.6)."""

    date: dt.date
    text: str
    line: int = 0


@dataclass(frozen=True)
class Event:
    """What several claims are about (§8.4): `content/events.yaml` or `events:` in config.yaml."""

    id: str
    title: str
    period: Period | None = None
    location: str = ""
    description: str = ""
    line: int = 0
    path: str = ""

    @property
    def url(self) -> str:
        return f"events/{self.id}.html"


@dataclass(frozen=True)
class Claim:
    id: str
    claimant: Claimant
    text: str
    sources: tuple[Source, ...]
    category: str = "other"
    measure: str = ""
    subject: str = ""
    claimed_on: dt.date | None = None
    period: Period | None = None
    total: Quantity | None = None
    by_group: tuple[GroupFigure, ...] = ()
    location: Location | None = None
    speaker: str = ""
    quote: str = ""
    status: Status = Status.UNVERIFIED
    evidence: tuple[Evidence, ...] = ()
    as_of: dt.date | None = None
    conclusion: str = ""
    line: int = 0
    #: What the claim's figures count ("people" by default for casualties; "" when not stated); the total's unit.
    unit: str = ""
    #: One sentence shown beside the claim's figure wherever it is shown in words.
    caveat: str = ""
    #: The language of the claim's text and quote as given (`lang:`); "" means the article's.
    lang: str = ""
    #: Who passed the claim on (§8.1), in the order given.
    relayed_by: tuple[Relay, ...] = ()
    #: `claimed_on: unknown`: the claim's date is stated as not known (§8.2), not a warning.
    claimed_on_unknown: bool = False
    #: "full" (by_group splits the whole total) or "partial" (the groups cover only part of it) (§8.3).
    breakdown: str = "full"
    #: Sub-figures of the total ("of them 200 critically injured"): never added together or to the total.
    of_which: tuple[GroupFigure, ...] = ()
    #: The id of the event the claim is about (§8.4); "" when none.
    event: str = ""
    #: The claim this one replaces, as written (§8.5).
    supersedes: ClaimRef | None = None
    #: Resolved at load: the claim this one replaces, and the claims that replace this one.
    supersedes_link: ClaimLink | None = None
    superseded_by: tuple[ClaimLink, ...] = ()
    retracted: Retraction | None = None
    #: Whether `status:` was written (a derived `superseded` never overrides a stated verdict).
    status_given: bool = False

    @property
    def is_superseded(self) -> bool:
        """Replaced by a later claim, or marked superseded."""
        return bool(self.superseded_by) or self.status is Status.SUPERSEDED

    def comparable(self) -> tuple[GroupFigure, ...]:
        """The breakdown entries counted in the claim's own unit: the only ones ever summed or set against the total."""
        return tuple(g for g in self.by_group if g.unit == self.unit)

    def not_comparable(self) -> tuple[GroupFigure, ...]:
        """Breakdown entries in another unit than the claim's: listed, never added or compared with the total."""
        return tuple(g for g in self.by_group if g.unit != self.unit)


@dataclass(frozen=True)
class Article:
    path: str
    slug: str
    title: str
    date: dt.datetime
    body: str
    body_line: int
    summary: str = ""
    updated: dt.datetime | None = None
    tags: tuple[str, ...] = ()
    draft: bool = False
    sources: tuple[Source, ...] = ()
    claims: tuple[Claim, ...] = ()
    content_path: str = ""
    body_html: str = ""
    summary_given: bool = False
    #: The article's language as given (`lang:`); "" means the site's `language`.
    lang: str = ""
    slug_line: int = 0  # the line of `slug:` in the front matter; 0 when the slug comes from the file name
    #: The corrections log (§8.6), most recent first.
    corrections: tuple[Correction, ...] = ()

    @property
    def url(self) -> str:
        return f"articles/{self.slug}.html"

    @property
    def claimants(self) -> tuple[Claimant, ...]:
        seen: dict[tuple[str, ...], Claimant] = {}
        for claim in self.claims:
            seen.setdefault(claimant_key(claim.claimant), claim.claimant)
        return tuple(seen.values())


@dataclass(frozen=True)
class FindingLink:
    """Another claim a finding names: its words ("claim x of “Title”") and its output path with fragment."""

    text: str
    target: str


@dataclass(frozen=True)
class Finding:
    """A claim finding: the claimant's own figures disagree. Never fails a build."""

    kind: str
    article: str
    claim_id: str
    title: str
    message: str
    path: str = ""
    line: int = 0
    links: tuple[FindingLink, ...] = ()
    #: The values of the `{placeholders}` of the title's interface string, `finding.<kind>` (core/interface.py).
    title_values: tuple[tuple[str, str], ...] = ()

    def format(self) -> str:
        return one_line(f"{self.path}:{self.line}: claim {self.claim_id}: {self.title}: {self.message}")
