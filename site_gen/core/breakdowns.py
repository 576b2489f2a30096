"""Turns a claim with a breakdown into a chart specification, alt text and output path (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from site_gen.core.chart_specs import Bar, BreakdownSpec, narrow_path, with_variants
from site_gen.core.dates import DEFAULT_DATE_FORMAT, format_date, period_words
from site_gen.core.model import Article, Claim
from site_gen.core.quantities import Quantity, sum_intervals
from site_gen.core.site import Site


@dataclass(frozen=True)
class ChartJob:
    path: str
    spec: BreakdownSpec
    alt: str

    @property
    def narrow_path(self) -> str:
        return narrow_path(self.path)

    def variants(self) -> tuple[tuple[str, object], ...]:
        """(path, spec) of the wide chart and of its narrow variant for phones."""
        return with_variants(self.path, self.spec)


def plan_charts(site: Site) -> dict[tuple[str, str], ChartJob]:
    """(article slug, claim id) -> the chart of each claim that has a breakdown."""
    return {(article.slug, claim_id): job for article in site.articles
            for claim_id, job in article_chart_jobs(article, site.config.date_format)}


def article_chart_jobs(article: Article, date_format: str = DEFAULT_DATE_FORMAT) -> tuple[tuple[str, ChartJob], ...]:
    """(claim id, chart job) for each claim of the article that has a breakdown."""
    return tuple((claim.id, job) for claim in article.claims
                 if (job := breakdown_job(article, claim, date_format)) is not None)


def chart_path(article: Article, claim: Claim) -> str:
    return f"charts/{article.slug}--{claim.id}.svg"


def status_caption(claim: Claim) -> str:
    if claim.status.not_verified:
        return "Claimed, not independently verified"
    return f"Claimed; our status: {claim.status.label.lower()} (as of {format_date(claim.as_of)})"


def breakdown_job(article: Article, claim: Claim, date_format: str = DEFAULT_DATE_FORMAT) -> ChartJob | None:
    """The chart for a claim's breakdown, or None when it has no breakdown."""
    if not claim.by_group:
        return None
    summed = sum_intervals([g.quantity for g in claim.by_group])
    measure = claim.measure.replace("_", " ") or "figures"
    subject = f" ({claim.subject})" if claim.subject else ""
    when = f", {period_words(claim.period, date_format)}" if claim.period else ""
    spec = BreakdownSpec(
        title=f"{claim.claimant.name}: {measure} by group{subject}{when}",
        subtitle=f"{status_caption(claim)}. Bars show the claimant's figures as worded; hatched = one-sided (over / up to).",
        bars=tuple(Bar(g.name, g.quantity) for g in claim.by_group),
        total=claim.total,
        sum_low=summed.low,
        sum_high=summed.high,
        sum_agrees=claim.total is None or summed.overlaps(claim.total.interval),
        footnote=_footnote(claim, date_format),
    )
    return ChartJob(chart_path(article, claim), spec, alt_text(claim, summed.describe()))


def _footnote(claim: Claim, date_format: str) -> str:
    names = "; ".join(s.name or s.url for s in claim.sources)
    said = f", claimed on {format_date(claim.claimed_on, date_format)}" if claim.claimed_on else ""
    return f"Claimant: {claim.claimant.display}{said}. Source: {names}."


def alt_text(claim: Claim, sum_words: str) -> str:
    groups = "; ".join(f"{g.name}: {figure_words(g.quantity)}" for g in claim.by_group)
    total = f" Stated total: {figure_words(claim.total)}." if claim.total else ""
    return (f"Bar chart of figures claimed by {claim.claimant.display}, {claim.status.label.lower()}: "
            f"{groups}.{total} The group figures add up to {sum_words}.")


def figure_words(q: Quantity) -> str:
    """The wording as given, with unambiguous words beside it when they differ: "ከ1100 በላይ (read as more than 1,100)"."""
    if q.is_unquantified or q.wording == q.spoken:
        return q.spoken
    return f"{q.wording} ({'read as ' if q.means else ''}{q.spoken})"
