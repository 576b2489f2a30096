"""Findings about claims in relation (pure, §8): relays that differ, parts that exceed a total, claimants who disagree."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator

from site_gen.core.model import Article, Claim, Event, Finding, FindingLink
from site_gen.core.quantities import format_number, Interval, sum_intervals, unit_label
from site_gen.core.urls import claim_url

CORRECTS_NEITHER = "sitegen reports both and corrects neither."


def claim_relation_findings(article: Article, claim: Claim) -> Iterator[Finding]:
    """The findings within one claim: each relay whose figure cannot be the claimant's, a partial breakdown whose
    parts exceed the total, each `of_which` part that exceeds it."""
    yield from relay_differs(article, claim)
    if (found := breakdown_exceeds(article, claim)) is not None:
        yield found
    yield from part_exceeds(article, claim)


def relay_differs(article: Article, claim: Claim) -> Iterator[Finding]:
    """A relay's own wording, in the claim's unit, whose interval is disjoint from the claimant's total."""
    if claim.total is None:
        return
    for relay in claim.relayed_by:
        figure = relay.figure
        if figure is None or (figure.unit or claim.unit) != (claim.total.unit or claim.unit):
            continue
        if figure.interval.overlaps(claim.total.interval):
            continue
        reading = f", read as {figure.means}" if figure.means else ""
        message = (f"{relay.by.name} relayed \u201c{figure.wording}\u201d ({figure.interval.describe()}{reading}), which "
                   f"cannot be \u201c{claim.total.wording}\u201d, the figure {claim.claimant.name} gave "
                   f"({claim.total.spoken}): {_apart(figure.interval, claim.total.interval)}. The relay's wording "
                   f"differs from the claimant's; {CORRECTS_NEITHER}")
        yield Finding("relay-differs", article.slug, claim.id, f"the figure {relay.by.name} relayed differs",
                      message, article.path, relay.line or claim.line, title_values=(("relay", relay.by.name),))


def breakdown_exceeds(article: Article, claim: Claim) -> Finding | None:
    """A partial breakdown's parts (in the claim's unit) must not add up to more than the total."""
    comparable = claim.comparable()
    if claim.breakdown != "partial" or claim.total is None or not comparable:
        return None
    summed = sum_intervals([g.quantity for g in comparable])
    top = claim.total.interval.high
    if top is None or summed.low <= top:
        return None
    addends = " + ".join(g.quantity.wording for g in comparable)
    message = (f"The {len(comparable)} group figures cover only part of the total, yet add up to at least "
               f"{format_number(summed.low)}{_unit(claim)} ({addends}), more than \u201c{claim.total.wording}\u201d, the "
               f"total {claim.claimant.name} stated ({claim.total.spoken}). The claimant's own figures disagree; "
               f"{CORRECTS_NEITHER}")
    return Finding("breakdown-exceeds", article.slug, claim.id, "the parts exceed the stated total", message,
                   article.path, claim.line)


def part_exceeds(article: Article, claim: Claim) -> Iterator[Finding]:
    """Each `of_which` part in the claim's unit must fit under the total (parts are never added up)."""
    if claim.total is None or claim.total.interval.high is None:
        return
    for part in claim.of_which:
        if part.unit != claim.unit or part.quantity.interval.low <= claim.total.interval.high:
            continue
        message = (f"{part.name}: \u201c{part.quantity.wording}\u201d ({part.quantity.spoken}) is given as part of "
                   f"\u201c{claim.total.wording}\u201d ({claim.total.spoken}) but is larger than it. The claimant's own "
                   f"figures disagree; {CORRECTS_NEITHER}")
        yield Finding("part-exceeds", article.slug, claim.id, f"the part \u201c{part.name}\u201d exceeds the total",
                      message, article.path, claim.line, title_values=(("part", part.name),))


def _unit(claim: Claim) -> str:
    return f" {unit_label(claim.unit)}" if claim.unit else ""


def _apart(a: Interval, b: Interval) -> str:
    """How far apart two disjoint intervals are, in words: "at least 171 apart"."""
    gap = b.low - a.high if a.high is not None and a.high < b.low else a.low - (b.high or 0)
    return f"at least {format_number(gap)} apart"


#: How many of the other claimants' figures a claimants-disagree finding names; the rest are counted.
NAMED_OTHERS = 3

Member = tuple[Article, Claim]


def claimants_disagree(articles: tuple[Article, ...], events: tuple[Event, ...] = ()) -> list[Finding]:
    """For each claim about an event, the claims of *other* claimants about the same event, measure, unit and period
    (a claim without `period` covers its event's) whose intervals are disjoint from its own: one finding per claim (naming at most NAMED_OTHERS, counting the
    rest), so findings grow with the number of claims. Superseded and retracted claims are left out."""
    periods = {e.id: e.period for e in events}
    groups: dict[tuple, list[Member]] = defaultdict(list)
    for article in articles:
        for claim in article.claims:
            if claim.event and claim.total is not None and not claim.is_superseded and claim.retracted is None:
                period = claim.period or periods.get(claim.event)
                groups[(claim.event, claim.measure, claim.total.unit or claim.unit, period)].append((article, claim))
    titles = {e.id: e.title for e in events}
    findings = []
    for members in groups.values():
        if len({_who(m) for m in members}) > 1:
            findings += _disagreements(members, titles)
    return findings


def _who(member: Member) -> str:
    """A claimant's identity: its id; an inline unnamed source is its own claimant, never merged with another."""
    article, claim = member
    return claim.claimant.id or f"unnamed:{article.content_path}#{claim.id}"


def _disagreements(members: list[Member], titles: dict[str, str]) -> list[Finding]:
    """Disjoint intervals, in O(n log n) for n members: sorted by high, those below a claim are a prefix; sorted by
    low, those above it are a suffix. Counts of the claimant's own claims there are subtracted."""
    index = _Disjoint(members)
    own = defaultdict(list)
    for i, member in enumerate(members):
        own[_who(member)].append(i)
    own_index = {who: _Disjoint([members[i] for i in positions]) for who, positions in own.items()}
    findings = []
    for i, member in enumerate(members):
        interval = member[1].total.interval
        count = index.count(interval) - own_index[_who(member)].count(interval)
        if count:
            named = index.named(interval, _who(member), NAMED_OTHERS)
            findings.append(_disagree(member, named, count, titles))
    return findings


class _Disjoint:
    """The members sorted by high and by low, to count and list those disjoint from an interval."""

    def __init__(self, members: list[Member]):
        self.members = members
        intervals = [c.total.interval for _, c in members]
        self.by_high = sorted((iv.high, i) for i, iv in enumerate(intervals) if iv.high is not None)
        self.by_low = sorted((iv.low, i) for i, iv in enumerate(intervals))
        self.highs = [h for h, _ in self.by_high]
        self.lows = [low for low, _ in self.by_low]

    def count(self, interval: Interval) -> int:
        below = bisect_left(self.highs, interval.low)
        above = len(self.lows) if interval.high is None else bisect_right(self.lows, interval.high)
        return below + len(self.lows) - above

    def named(self, interval: Interval, who: str, limit: int, walk: int = 64) -> list[Member]:
        """Up to `limit` disjoint members of other claimants, farthest first, looking at most `walk` on each side."""
        below = bisect_left(self.highs, interval.low)
        above = len(self.lows) if interval.high is None else bisect_right(self.lows, interval.high)
        candidates = [i for _, i in self.by_high[:below][:walk]] + [i for _, i in reversed(self.by_low[above:])][:walk]
        found = [self.members[i] for i in candidates if _who(self.members[i]) != who]
        return found[:limit]


def _disagree(member: Member, named: list[Member], count: int, titles: dict[str, str]) -> Finding:
    article, claim = member
    event = titles.get(claim.event, claim.event)
    about = ", ".join(p for p in (claim.measure, unit_label(claim.total.unit or claim.unit),
                                  claim.period.display if claim.period else "") if p)
    about = f" ({about})" if about else ""
    others = [f"{c.claimant.name} gave \u201c{c.total.wording}\u201d ({_apart(claim.total.interval, c.total.interval)})"
              for _, c in named]
    more = count - len(named)
    listed = "; ".join(others) + (f"; and {format_number(more)} more" if more else "")
    message = (f"For {event}{about}, {claim.claimant.name} gave \u201c{claim.total.wording}\u201d here; "
               f"{listed}. These claimants' figures cannot all be right; {CORRECTS_NEITHER}")
    links = tuple(FindingLink(f"claim {c.id} of \u201c{a.title}\u201d", claim_url(a.url, c.id)) for a, c in named)
    return Finding("claimants-disagree", article.slug, claim.id, "claimants disagree about this event", message,
                   article.path, claim.line, links)
