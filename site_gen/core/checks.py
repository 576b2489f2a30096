"""Claim findings (pure): where a claimant's own figures disagree with each other. Findings never fail a build."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from site_gen.core.model import Article, Claim, Finding, Status
from site_gen.core.quantities import format_number, sum_intervals


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
    """The sum of a breakdown, by interval arithmetic, must be able to equal the stated total."""
    if claim.total is None or not claim.by_group:
        return None
    parts = [g.quantity for g in claim.by_group]
    summed = sum_intervals(parts)
    if summed.overlaps(claim.total.interval):
        return None
    exact = all(p.interval.low == p.interval.high for p in parts)
    sum_words = format_number(summed.low) if exact else f"somewhere from {summed.describe()}"
    addends = " + ".join(format_number(p.value) if p.interval.low == p.interval.high else p.short for p in parts)
    message = (
        f"The {len(parts)} group figures add up to {sum_words} ({addends}), which cannot be "
        f"\u201c{claim.total.display}\u201d, the total the claimant stated ({claim.total.spoken}). "
        f"The claimant's own figures disagree; sitegen reports both and corrects neither."
    )
    return Finding("breakdown-sum", article.slug, claim.id, "breakdown does not add up to the stated total",
                   message, article.path, claim.line)


def conflicting_figures(articles: tuple[Article, ...]) -> list[Finding]:
    """Two claims by one claimant about the same measure, subject and period whose totals cannot both hold.

    A claim already marked `superseded` is left out: the revision is known and shown as such.
    """
    groups: dict[tuple, list[tuple[Article, Claim]]] = defaultdict(list)
    for article in articles:
        for claim in article.claims:
            if claim.total is not None and claim.period is not None and claim.status is not Status.SUPERSEDED:
                key = (claim.claimant.id, claim.measure, claim.subject, claim.period)
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
        f"{claim.claimant.name} gave \u201c{claim.total.display}\u201d here and \u201c{other.total.display}\u201d "
        f"in claim {other.id} of \u201c{other_article.title}\u201d for the same {claim.measure or 'figure'} "
        f"and period ({claim.period.display}). Both figures cannot be true."
    )
    return Finding("conflicting-figures", article.slug, claim.id, "same claimant, same period, different figures",
                   message, article.path, claim.line)
