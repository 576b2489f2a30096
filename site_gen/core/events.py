"""Every claim about each event of the registry, side by side: figures per measure and unit, revision chains, findings (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from site_gen.core.model import Article, Claim, ClaimLink, Event, Finding
from site_gen.core.site import Site
from site_gen.core.urls import claim_url

#: Sides whose claimants are independent counters: listed after the parties' claims.
INDEPENDENT_SIDES = ("independent",)
#: The finding kind that compares two claimants' figures for one event (core/checks.py).
DISAGREE = "claimants-disagree"
EVENTS_INDEX = "events/index.html"


@dataclass(frozen=True)
class EventClaim:
    """A claim about an event, with the article it is in."""

    article: Article
    claim: Claim

    @property
    def key(self) -> tuple[str, str]:
        return (self.article.slug, self.claim.id)

    @property
    def url(self) -> str:
        return claim_url(self.article.url, self.claim.id)

    @property
    def date(self) -> dt.date:
        """When the claimant made the claim, else the article's date (see `dated`)."""
        return self.claim.claimed_on or self.article.date.date()

    @property
    def dated(self) -> bool:
        return self.claim.claimed_on is not None

    @property
    def lang(self) -> str:
        return self.claim.lang or self.article.lang


@dataclass(frozen=True)
class MeasureGroup:
    """The claims about one event with a figure of one measure in one unit: one chart, one table."""

    measure: str
    unit: str
    claims: tuple[EventClaim, ...]

    @property
    def periods(self) -> tuple[str, ...]:
        """The distinct periods of its claims ("" for a claim without one), in first-seen order."""
        return tuple(dict.fromkeys(c.claim.period.iso if c.claim.period else "" for c in self.claims))

    @property
    def claimants(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.claim.claimant.id or c.claim.claimant.name for c in self.claims))


@dataclass(frozen=True)
class EventView:
    """An event with every claim about it: figures by measure and unit, claims without a figure, revision chains in
    order (oldest first), and the findings on its claims (`claimants-disagree` first)."""

    event: Event
    claims: tuple[EventClaim, ...]
    groups: tuple[MeasureGroup, ...]
    without_figure: tuple[EventClaim, ...]
    chains: tuple[tuple[ClaimLink | EventClaim, ...], ...]
    findings: tuple[Finding, ...]

    @property
    def sides(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.claim.claimant.side for c in self.claims if c.claim.claimant.side))

    @property
    def disagreements(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == DISAGREE)

    @property
    def other_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind != DISAGREE)


def is_independent(side: str) -> bool:
    return side.strip().lower() in INDEPENDENT_SIDES


def event_views(site: Site) -> tuple[EventView, ...]:
    """One view per registered event, in registry order, each with every claim about it."""
    by_event: dict[str, list[EventClaim]] = {e.id: [] for e in site.config.events}
    every: dict[tuple[str, str], EventClaim] = {}
    for article in site.articles:
        for claim in article.claims:
            entry = EventClaim(article, claim)
            every[entry.key] = entry
            if claim.event in by_event:
                by_event[claim.event].append(entry)
    return tuple(event_view(event, tuple(by_event[event.id]), site.findings, every) for event in site.config.events)


def side_order(entry: EventClaim) -> tuple:
    """Parties' sides first (alphabetically), then unstated sides, independent counters last; within a side by
    claimant, then by date, so that one claimant's revisions stand together, oldest first."""
    claimant = entry.claim.claimant
    return (is_independent(claimant.side), claimant.side == "", claimant.side.lower(), claimant.name.lower(),
            entry.date, entry.article.slug, entry.claim.id)


def event_view(event: Event, claims: tuple[EventClaim, ...], findings: tuple[Finding, ...],
               every: dict[tuple[str, str], EventClaim] | None = None) -> EventView:
    ordered = tuple(sorted(claims, key=side_order))
    keys = {c.key for c in ordered}
    return EventView(event, ordered, measure_groups(ordered), tuple(c for c in ordered if c.claim.total is None),
                     revision_chains(ordered, every or {c.key: c for c in ordered}),
                     event_findings(findings, keys))


def measure_groups(claims: tuple[EventClaim, ...]) -> tuple[MeasureGroup, ...]:
    """Claims with a figure, by (measure, unit) in first-seen order: never one axis for two units."""
    groups: dict[tuple[str, str], list[EventClaim]] = {}
    for entry in claims:
        if entry.claim.total is not None:
            groups.setdefault((entry.claim.measure, entry.claim.total.unit), []).append(entry)
    return tuple(MeasureGroup(measure, unit, tuple(members)) for (measure, unit), members in groups.items())


def event_findings(findings: tuple[Finding, ...], keys: set[tuple[str, str]]) -> tuple[Finding, ...]:
    """The findings on the event's claims, each once (`claimants-disagree` first, then in site order)."""
    seen: dict[tuple, Finding] = {}
    for f in findings:
        if (f.article, f.claim_id) in keys:
            seen.setdefault(_same_finding(f), f)
    return tuple(sorted(seen.values(), key=lambda f: f.kind != DISAGREE))


def _same_finding(f: Finding) -> tuple:
    """What makes two findings one on an event page: a disagreement between the same claims, found from either side,
    is one; any other finding is one per kind, title and message."""
    if f.kind == DISAGREE and f.links:
        own = claim_url(f"articles/{f.article}.html", f.claim_id)
        return (f.kind, frozenset({own, *(link.target for link in f.links)}))
    return (f.kind, f.title, f.message)


def _link_key(link: ClaimLink) -> tuple[str, str]:
    return (link.article_slug, link.claim_id)


def revision_chains(claims: tuple[EventClaim, ...],
                    every: dict[tuple[str, str], EventClaim]) -> tuple[tuple[ClaimLink | EventClaim, ...], ...]:
    """Each chain of supersession that touches the event, oldest first: an EventClaim for a claim the site has, the
    ClaimLink for one it only names. A claim replaced twice starts a chain per successor."""
    chains: list[tuple[ClaimLink | EventClaim, ...]] = []
    seen: set[tuple[str, str]] = set()
    for entry in claims:
        if entry.key in seen or not (entry.claim.supersedes_link or entry.claim.superseded_by):
            continue
        root = _root(entry, every)
        for chain in _forward(root, every, ()):
            seen.update(c.key for c in chain if isinstance(c, EventClaim))
            chains.append(chain)
    return tuple(dict.fromkeys(chains))


def _root(entry: EventClaim, every: dict[tuple[str, str], EventClaim]) -> EventClaim | ClaimLink:
    """The oldest claim the entry's chain goes back to (a cycle stops at the claim seen twice)."""
    node: EventClaim | ClaimLink = entry
    visited = {entry.key}
    while isinstance(node, EventClaim) and node.claim.supersedes_link is not None:
        link = node.claim.supersedes_link
        nxt = every.get(_link_key(link), link)
        if _link_key(link) in visited:
            break
        visited.add(_link_key(link))
        node = nxt
    return node


def _forward(node: EventClaim | ClaimLink, every: dict[tuple[str, str], EventClaim],
             path: tuple[EventClaim | ClaimLink, ...]) -> list[tuple[EventClaim | ClaimLink, ...]]:
    path = path + (node,)
    successors = node.claim.superseded_by if isinstance(node, EventClaim) else ()
    done = {_key(n) for n in path}
    nexts = [every.get(_link_key(s), s) for s in successors if _link_key(s) not in done]
    if not nexts:
        return [path] if len(path) > 1 else []
    return [chain for n in nexts for chain in _forward(n, every, path)]


def _key(node: EventClaim | ClaimLink) -> tuple[str, str]:
    return node.key if isinstance(node, EventClaim) else _link_key(node)
