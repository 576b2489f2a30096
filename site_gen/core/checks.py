"""Claim findings (pure): where a claimant's own figures disagree with each other. Findings never fail a build."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from site_gen.core.model import Article, Claim, Finding, Status
from site_gen.core.quantities import format_number, sum_intervals, unit_label


def find_all(articles: tuple[Article, ...]) -> tuple[Finding, ...]:
    """Every finding across the site, in a stable order."""
    return site_findings(articles, [article_findings(a) for a in articles])


def site_findings(articles: tuple[Article, ...], per_article: Iterable[tuple[Finding, ...]]) -> tuple[Finding, ...]:
    """The site's findings from each article's own (`article_findings`, in article order) and those across articles."""
    findings = [f for found in per_article for f in found]
    findings += conflicting_figures(articles)
    return tuple(findings)


def article_findings(article: Article) -> tuple[Finding, ...]:
    """The findings within one article (its breakdowns against their totals)."""
    return tuple(f for c in article.claims if (f := breakdown_vs_total(article, c)))


def breakdown_vs_total(article: Article, claim: Claim) -> Finding | None:
    """The sum of a breakdown, by interval arithmetic, must be able to equal the stated total; only the entries in
    the total's unit are added (the others are named as not comparable)."""
    comparable = claim.comparable()
    if claim.total is None or not comparable:
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
    """Two claims by one claimant about the same measure, subject, period and unit whose totals cannot both hold.

    A claim already marked `superseded` is left out: the revision is known and shown as such.
    """
    groups: dict[tuple, list[tuple[Article, Claim]]] = defaultdict(list)
    for article in articles:
        for claim in article.claims:
            if claim.total is not None and claim.period is not None and claim.status is not Status.SUPERSEDED:
                key = (claim.claimant.id, claim.measure, claim.subject, claim.period, claim.total.unit)
                groups[key].append((article, claim))
    findings = []
    for members in groups.values():
        for i, (a1, c1) in enumerate(members):
            for a2, c2 in members[i + 1:]:
                if not c1.total.interval.overlaps(c2.total.interval):
                    findings += [_conflict(a1, c1, a2, c2), _conflict(a2, c2, a1, c1)]
    return findings


def _conflict(article: Article, claim: Claim, other_article: Article, other: Claim) -> Finding:
    message = (
        f"{claim.claimant.name} gave \u201c{claim.total.wording}\u201d here and \u201c{other.total.wording}\u201d "
        f"in claim {other.id} of \u201c{other_article.title}\u201d for the same {claim.measure or 'figure'} "
        f"and period ({claim.period.display}). Both figures cannot be true."
    )
    return Finding("conflicting-figures", article.slug, claim.id, "same claimant, same period, different figures",
                   message, article.path, claim.line)
