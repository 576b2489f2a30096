"""Claim findings (pure): where a claimant's own figures disagree with each other, and where claims in relation do
(core/relation_checks.py). Findings never fail a build."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable

from site_gen.core.model import Article, Claim, Event, Finding, FindingLink
from site_gen.core.quantities import format_number, sum_intervals, unit_label
from site_gen.core.relation_checks import claim_relation_findings, claimants_disagree
from site_gen.core.urls import claim_url


def find_all(articles: tuple[Article, ...], events: tuple[Event, ...] = ()) -> tuple[Finding, ...]:
    """Every finding across the site, in a stable order."""
    return site_findings(articles, [article_findings(a) for a in articles], events)


def site_findings(articles: tuple[Article, ...], per_article: Iterable[tuple[Finding, ...]],
                  events: tuple[Event, ...] = ()) -> tuple[Finding, ...]:
    """The site's findings from each article's own (`article_findings`, in article order) and those across articles
    (conflicting figures of one claimant, then claimants who disagree about an event)."""
    findings = [f for found in per_article for f in found]
    findings += conflicting_figures(articles)
    findings += claimants_disagree(articles, events)
    return tuple(findings)


def article_findings(article: Article) -> tuple[Finding, ...]:
    """The findings within one article: its breakdowns against their totals, relays, parts."""
    found = []
    for claim in article.claims:
        if f := breakdown_vs_total(article, claim):
            found.append(f)
        found += claim_relation_findings(article, claim)
    return tuple(found)


def breakdown_vs_total(article: Article, claim: Claim) -> Finding | None:
    """The sum of a breakdown, by interval arithmetic, must be able to equal the stated total; only the entries in
    the total's unit are added (the others are named as not comparable)."""
    comparable = claim.comparable()
    if claim.total is None or not comparable or claim.breakdown == "partial":
        return None
    parts = [g.quantity for g in comparable]
    summed = sum_intervals(parts)
    if summed.overlaps(claim.total.interval):
        return None
    exact = all(p.interval.low == p.interval.high for p in parts)
    sum_words = format_number(summed.low) if exact else f"somewhere from {summed.describe()}"
    addends = " + ".join(p.wording for p in parts)
    unit = f" {unit_label(claim.unit)}" if claim.unit else ""
    message = (
        f"The {len(parts)} group figures{_in_unit(claim)} add up to {sum_words}{unit} ({addends}), which cannot be "
        f"\u201c{claim.total.wording}\u201d, the total the claimant stated ({claim.total.spoken}). "
        f"The claimant's own figures disagree; sitegen reports both and corrects neither.{not_comparable_words(claim)}"
    )
    return Finding("breakdown-sum", article.slug, claim.id, "breakdown does not add up to the stated total",
                   message, article.path, claim.line)


def _in_unit(claim: Claim) -> str:
    return f" in {unit_label(claim.unit)}" if claim.not_comparable() and claim.unit else ""


def not_comparable_words(claim: Claim) -> str:
    """ " Not comparable: different units: Depots (12 depots)." for entries in another unit than the claim's."""
    others = claim.not_comparable()
    if not others:
        return ""
    listed = "; ".join(f"{g.name} ({g.quantity.in_words})" for g in others)
    return f" Not comparable: different units: {listed}."


def conflicting_figures(articles: tuple[Article, ...]) -> list[Finding]:
    """Claims by one claimant about the same event, measure, subject, period and unit whose totals cannot all hold.

    One finding per claim that conflicts with at least one other claim of its group: it counts the others
    and names at most NAMED_CONFLICTS of them, so findings grow with the number of claims, not of pairs.
    A superseded claim (marked so, or replaced by a claim that `supersedes` it) and a retracted one are left out:
    the revision is known and shown as such. So is an inline unnamed source: two of them are not one claimant.
    """
    groups: dict[tuple, list[tuple[Article, Claim]]] = defaultdict(list)
    for article in articles:
        for claim in article.claims:
            if (claim.total is not None and claim.period is not None and not claim.is_superseded
                    and claim.retracted is None and claim.claimant.id):
                key = (claim.claimant.id, claim.event, claim.measure, claim.subject, claim.period, claim.total.unit)
                groups[key].append((article, claim))
    findings = []
    for members in groups.values():
        if len(members) > 1:
            findings += _group_conflicts(members)
    return findings


#: How many of the other conflicting claims a finding names; the rest are counted ("and 1,996 more").
NAMED_CONFLICTS = 3


def _group_conflicts(members: list[tuple[Article, Claim]]) -> list[Finding]:
    """For each member, the members whose interval is disjoint from its own, in O(n log n) for n members.

    An interval [low, high] misses this claim's [lo, hi] when high < lo or low > hi (never both). Sorted by
    high, the first kind is a prefix (bisect on lo); sorted by low, the second is a suffix (bisect on hi).
    The named ones are the first in site order: the smallest positions of that prefix and that suffix.
    """
    intervals = [c.total.interval for _, c in members]
    by_high = sorted((iv.high, i) for i, iv in enumerate(intervals) if iv.high is not None)
    by_low = sorted((iv.low, i) for i, iv in enumerate(intervals))
    highs, lows = [h for h, _ in by_high], [low for low, _ in by_low]
    first_below = _running_smallest([i for _, i in by_high])
    first_above = _running_smallest([i for _, i in reversed(by_low)])[::-1]
    findings = []
    for i, interval in enumerate(intervals):
        below = bisect_left(highs, interval.low)
        above = len(lows) if interval.high is None else bisect_right(lows, interval.high)
        count = below + len(lows) - above
        if count:
            named = sorted(first_below[below] + first_above[above])[:NAMED_CONFLICTS]
            findings.append(_conflict(members[i], [members[j] for j in named], count))
    return findings


def _running_smallest(positions: list[int]) -> list[tuple[int, ...]]:
    """Entry k: the NAMED_CONFLICTS smallest of positions[:k] (so one more entry than positions)."""
    found: list[tuple[int, ...]] = [()]
    for position in positions:
        found.append(tuple(sorted(found[-1] + (position,))[:NAMED_CONFLICTS]))
    return found


def _conflict(member: tuple[Article, Claim], named: list[tuple[Article, Claim]], count: int) -> Finding:
    article, claim = member
    about = f"for the same {claim.measure or 'figure'} and period ({claim.period.display})"
    figures = [f"\u201c{c.total.wording}\u201d in {_claim_words(a, c)}" for a, c in named]
    if count == 1:
        message = (f"{claim.claimant.name} gave \u201c{claim.total.wording}\u201d here and {figures[0]} {about}. "
                   f"Both figures cannot be true.")
    else:
        more = count - len(named)
        if more:
            listed = ", ".join(figures) + f" and {format_number(more)} more"
        else:
            listed = ", ".join(figures[:-1]) + f" and {figures[-1]}"
        message = (f"{claim.claimant.name} gave \u201c{claim.total.wording}\u201d here and {format_number(count)} "
                   f"other figures {about} that cannot be true at the same time as this one: {listed}.")
    links = tuple(FindingLink(_claim_words(a, c), claim_url(a.url, c.id)) for a, c in named)
    return Finding("conflicting-figures", article.slug, claim.id, "same claimant, same period, different figures",
                   message, article.path, claim.line, links)


def _claim_words(article: Article, claim: Claim) -> str:
    return f"claim {claim.id} of \u201c{article.title}\u201d"
