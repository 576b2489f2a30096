"""Turns a claim with a breakdown into a chart specification, alt text and output path (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from site_gen.core.chart_specs import Bar, BreakdownSpec, narrow_path, with_variants
from site_gen.core.dates import DEFAULT_DATE_FORMAT, format_date, period_words
from site_gen.core.interface import interface_string, interface_text
from site_gen.core.model import Article, Claim, GroupFigure
from site_gen.core.quantities import Interval, Qualifier, Quantity, sum_intervals, unit_label
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
            for claim_id, job in article_chart_jobs(article, site.config.translations, site.config.date_format)}


def article_chart_jobs(article: Article, translations: tuple[tuple[str, str], ...] = (),
                       date_format: str = DEFAULT_DATE_FORMAT) -> tuple[tuple[str, ChartJob], ...]:
    """(claim id, chart job) for each claim of the article that has a breakdown; the chart's words from the
    interface table with the site's `translations`, its dates in the site's `date_format`."""
    table = dict(translations)
    return tuple((claim.id, job) for claim in article.claims
                 if (job := breakdown_job(article, claim, table, date_format)) is not None)


def chart_path(article: Article, claim: Claim) -> str:
    return f"charts/{article.slug}--{claim.id}.svg"


def chart_data_path(chart: str) -> str:
    """The CSV of exactly a chart's figures, beside it: charts/x.svg -> charts/x.csv."""
    return chart.removesuffix(".svg") + ".csv"


def chart_embed_path(chart: str) -> str:
    """The page that embeds a chart with its attribution: charts/x.svg -> embed/x.html."""
    return "embed/" + chart.removeprefix("charts/").removesuffix(".svg") + ".html"


def status_caption(claim: Claim, table: Mapping[str, str] | None = None,
                   date_format: str = DEFAULT_DATE_FORMAT) -> str:
    table = table or {}
    if claim.status.not_verified:
        return interface_text("breakdown_chart.status_not_verified", table)
    label = interface_string(f"status.{claim.status.value}", table).lower()
    return interface_text("breakdown_chart.status_ours", table, status=label, date=format_date(claim.as_of, date_format))


def chart_unit(claim: Claim) -> str:
    """The one unit a claim's chart draws: the claim's own when any entry is in it, else the first entry's."""
    return claim.unit if claim.comparable() else claim.by_group[0].unit


def breakdown_job(article: Article, claim: Claim, table: Mapping[str, str] | None = None,
                  date_format: str = DEFAULT_DATE_FORMAT) -> ChartJob | None:
    """The chart for a claim's breakdown, or None when it has no breakdown. One axis, one unit: entries in another
    unit than the chart's are not drawn but named under it (and listed, as all entries are, in the card's table)."""
    if not claim.by_group:
        return None
    table = table or {}
    unit = chart_unit(claim)
    drawn = tuple(g for g in claim.by_group if g.unit == unit)
    left_out = tuple(g for g in claim.by_group if g.unit != unit)
    total = claim.total if claim.total is not None and claim.total.unit == unit else None
    summed = sum_intervals([g.quantity for g in drawn])
    partial = claim.breakdown == "partial"
    rest = _remainder(total, summed, table) if partial else ()
    measure = claim.measure.replace("_", " ") or interface_text("breakdown_chart.figures", table)
    subject = f" ({claim.subject})" if claim.subject else ""
    when = f", {period_words(claim.period, date_format)}" if claim.period else ""
    in_unit = f" ({unit_label(unit)})" if unit else ""
    spec = BreakdownSpec(
        title=interface_text("breakdown_chart.title", table, claimant=claim.claimant.name, measure=measure,
                             unit=in_unit, subject=subject, when=when),
        subtitle=interface_text("breakdown_chart.subtitle", table, status=status_caption(claim, table, date_format)),
        bars=tuple(Bar(g.name, g.quantity, g.lang or claim.lang or article.lang) for g in drawn) + rest,
        total=total,
        sum_low=summed.low,
        sum_high=summed.high,
        sum_agrees=_parts_agree(total, summed, partial),
        footnote=(interface_text("breakdown_chart.partial", table) + " " if partial else "")
        + _footnote(claim, left_out, table, date_format),
        unit=unit_label(unit),
    )
    return ChartJob(chart_path(article, claim), spec, alt_text(claim, drawn, left_out, summed.describe(), table))


def _parts_agree(total: Quantity | None, summed: Interval, partial: bool) -> bool:
    """A full split must be able to equal the total; the parts of a partial one must not exceed it."""
    if total is None:
        return True
    if partial:
        return total.interval.high is None or summed.low <= total.interval.high
    return summed.overlaps(total.interval)


def _remainder(total: Quantity | None, summed: Interval, table: Mapping[str, str]) -> tuple[Bar, ...]:
    """For a partial breakdown, the part of a bounded total that the groups leave out, as our arithmetic."""
    if total is None or total.interval.high is None or summed.high is None:
        return ()
    low, high = max(0, total.interval.low - summed.high), total.interval.high - summed.low
    if high < 0:
        return ()
    exact = low == high
    figure = Interval(low, high).describe()
    quantity = Quantity(figure, Qualifier.EXACT if exact else Qualifier.RANGE, low, None if exact else high,
                        means=figure, unit=total.unit)
    return (Bar(interface_text("breakdown_chart.not_broken_down", table), quantity),)


def _footnote(claim: Claim, left_out: tuple[GroupFigure, ...], table: Mapping[str, str],
              date_format: str = DEFAULT_DATE_FORMAT) -> str:
    names = "; ".join(s.name or s.url for s in claim.sources)
    said = interface_text("breakdown_chart.claimed_on", table, date=format_date(claim.claimed_on, date_format)) if claim.claimed_on else ""
    listed = "; ".join(f"{g.name}: {g.quantity.in_words}" for g in left_out)
    others = interface_text("breakdown_chart.left_out", table, list=listed) + " " if left_out else ""
    caveat = interface_text("breakdown_chart.caveat", table, caveat=claim.caveat) + " " if claim.caveat else ""
    said_by = interface_text("breakdown_chart.footnote", table, claimant=claim.claimant.display, said=said, names=names)
    return others + caveat + said_by


def alt_text(claim: Claim, drawn: tuple[GroupFigure, ...] | None = None, left_out: tuple[GroupFigure, ...] = (),
             sum_words: str = "", table: Mapping[str, str] | None = None) -> str:
    """Every entry as worded (unit and caveat beside it); a sum only over the entries drawn, which share one unit;
    the words from the interface table with the site's translations (`table`)."""
    table = table or {}
    drawn = claim.by_group if drawn is None else drawn
    listed = "; ".join(f"{g.name}: {figure_words(g.quantity, table)}" for g in drawn)
    status = interface_string(f"status.{claim.status.value}", table).lower()
    sentences = [interface_text("breakdown_alt.chart", table, claimant=claim.claimant.display, status=status,
                                groups=listed)]
    if claim.total:
        caveat = f" ({interface_string('figure.caveat', table)}: {claim.caveat})" if claim.caveat else ""
        sentences.append(interface_text("breakdown_alt.stated", table, figure=figure_words(claim.total, table) + caveat))
    unit = drawn[0].unit if drawn else ""
    summed = f"{sum_words} {unit_label(unit)}" if unit else sum_words
    if left_out and unit:
        sentences.append(interface_text("breakdown_alt.sum_in_unit", table, unit=unit_label(unit), sum=summed))
    else:
        sentences.append(interface_text("breakdown_alt.sum", table, sum=summed))
    if left_out:
        others = "; ".join(f"{g.name}: {figure_words(g.quantity, table)}" for g in left_out)
        sentences.append(interface_text("breakdown_alt.left_out", table, list=others))
    return " ".join(sentences)


def figure_words(q: Quantity, table: Mapping[str, str] | None = None) -> str:
    """The wording as given with its unit, unambiguous words beside it when they differ, and its caveat:
    "up to 620 people (at most 620)", "ከ1100 በላይ people (read as more than 1,100)"."""
    table = table or {}
    if q.is_unquantified:
        words = f"{q.spoken} {q.unit_words}".rstrip()
    elif q.wording == q.spoken:
        words = q.in_words
    else:
        read_as = interface_string("figure.read_as", table) + " " if q.means else ""
        words = f"{q.in_words} ({read_as}{q.spoken})"
    return f"{words} ({interface_string('figure.caveat', table)}: {q.caveat})" if q.caveat else words
