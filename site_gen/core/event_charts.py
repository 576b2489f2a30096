"""Comparison charts of an event: one bar per claim for each measure and unit, as specs, paths and alt text (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from site_gen.core.chart_specs import narrow_path, with_variants
from site_gen.core.dates import DEFAULT_DATE_FORMAT, format_date, period_words
from site_gen.core.events import EventClaim, EventView, MeasureGroup, event_views
from site_gen.core.interface import interface_string, interface_text
from site_gen.core.model import Claim
from site_gen.core.quantities import Quantity, unit_label
from site_gen.core.site import Site
from site_gen.core.slugs import slugify


@dataclass(frozen=True)
class ComparisonBar:
    """One claim's bar: who claimed it and our status in words (`label`), what it adds (`note`: date, period), the
    figure as worded, and the quantity it is drawn from. `faded`: superseded or retracted."""

    label: str
    note: str
    wording: str
    quantity: Quantity
    faded: bool = False
    lang: str = ""
    #: The words beside the bar: the wording with its unit, and our reading beside a wording the grammar does not read.
    words: str = ""


@dataclass(frozen=True)
class ComparisonSpec:
    """All a comparison chart depends on; equal specs give byte-identical SVG."""

    title: str
    subtitle: str
    bars: tuple[ComparisonBar, ...]
    footnote: str
    #: The one unit of every bar, in words ("people"; "" when not stated).
    unit: str = ""
    narrow: bool = False


@dataclass(frozen=True)
class EventChartJob:
    path: str
    spec: ComparisonSpec
    alt: str
    event_id: str
    measure: str
    unit: str

    @property
    def narrow_path(self) -> str:
        return narrow_path(self.path)

    @property
    def data_path(self) -> str:
        return self.path.removesuffix(".svg") + ".csv"

    @property
    def embed_path(self) -> str:
        return "embed/" + self.path.removeprefix("charts/").removesuffix(".svg") + ".html"

    def variants(self) -> tuple[tuple[str, object], ...]:
        """(path, spec) of the wide chart and of its narrow variant for phones."""
        return with_variants(self.path, self.spec)


def event_chart_jobs(site: Site) -> dict[tuple[str, str, str], EventChartJob]:
    """(event id, measure, unit) -> its comparison chart, for every event and measure with a figure."""
    table = dict(site.config.translations)
    return {(view.event.id, group.measure, group.unit): job for view in event_views(site)
            for group, job in view_jobs(view, table, site.config.date_format)}


def view_jobs(view: EventView, table: Mapping[str, str],
              date_format: str = DEFAULT_DATE_FORMAT) -> tuple[tuple[MeasureGroup, EventChartJob], ...]:
    return tuple((group, comparison_job(view, group, table, date_format)) for group in view.groups)


def chart_path(event_id: str, measure: str, unit: str) -> str:
    """charts/events/<event>--<measure>[--<unit>].svg"""
    parts = [event_id, slugify(measure) or "figures"] + ([slugify(unit)] if slugify(unit) else [])
    return "charts/events/" + "--".join(parts) + ".svg"


def measure_words(measure: str, table: Mapping[str, str]) -> str:
    return measure.replace("_", " ") or interface_text("comparison_chart.figures", table)


def unit_words(unit: str) -> str:
    return f" ({unit_label(unit)})" if unit else ""


def status_words(claim: Claim, table: Mapping[str, str], date_format: str = DEFAULT_DATE_FORMAT) -> str:
    """Our status in words, and the claimant's retraction if any: "Superseded claim; retracted by the claimant on …"."""
    words = interface_string(f"status.{claim.status.value}", table)
    if claim.retracted is not None:
        words += "; " + interface_text("comparison_chart.retracted", table,
                                       date=format_date(claim.retracted.on, date_format))
    return words


def comparison_job(view: EventView, group: MeasureGroup, table: Mapping[str, str],
                   date_format: str = DEFAULT_DATE_FORMAT) -> EventChartJob:
    measure = measure_words(group.measure, table)
    unit = unit_words(group.unit)
    show_period = len(group.periods) > 1
    bars = tuple(_bar(entry, table, date_format, show_period) for entry in group.claims)
    names = "; ".join(dict.fromkeys(s.name or s.url for entry in group.claims for s in entry.claim.sources))
    spec = ComparisonSpec(
        title=interface_text("comparison_chart.title", table, event=view.event.title, measure=measure, unit=unit),
        subtitle=interface_text("comparison_chart.subtitle", table),
        bars=bars,
        footnote=interface_text("comparison_chart.footnote", table, names=names),
        unit=unit_label(group.unit),
    )
    return EventChartJob(chart_path(view.event.id, group.measure, group.unit), spec,
                         alt_text(view, group, table, date_format), view.event.id, group.measure, group.unit)


def _bar(entry: EventClaim, table: Mapping[str, str], date_format: str, show_period: bool) -> ComparisonBar:
    claim = entry.claim
    label = interface_text("comparison_chart.row", table, claimant=claim.claimant.display,
                           status=status_words(claim, table, date_format))
    when = (interface_text("comparison_chart.claimed_on", table, date=format_date(claim.claimed_on, date_format))
            if claim.claimed_on else interface_text("comparison_chart.date_unknown", table))
    if show_period and claim.period:
        when += "; " + interface_text("comparison_chart.period", table, period=period_words(claim.period, date_format))
    if claim.relayed_by:
        relays = ", ".join(interface_text("comparison_chart.relay", table, by=r.by.name, wording=r.figure.wording)
                           if r.figure else r.by.name for r in claim.relayed_by)
        when += "; " + interface_text("comparison_chart.relayed_by", table, relays=relays)
    total = claim.total
    assert total is not None  # a measure group holds only claims with a figure
    return ComparisonBar(label, when, total.wording, total, claim.is_superseded or claim.retracted is not None,
                         total.lang or entry.lang, bar_words(total, table))


def bar_words(q: Quantity, table: Mapping[str, str]) -> str:
    """The figure as worded with its unit ("471 people"); a wording the grammar does not read gets our reading beside
    it; a figure with no number says there is no bar."""
    if q.is_unquantified:
        return interface_text("comparison_chart.unquantified", table, wording=q.wording)
    if q.read_as:
        reading = f"{q.read_as} {q.unit_words}".rstrip()
        return interface_text("comparison_chart.read_as", table, wording=q.wording, reading=reading)
    return q.in_words


def alt_text(view: EventView, group: MeasureGroup, table: Mapping[str, str],
             date_format: str = DEFAULT_DATE_FORMAT) -> str:
    """Every bar with its claimant, our status and the figure as worded (with our reading where it differs)."""
    bars = "; ".join(interface_text("comparison_chart.alt_bar", table, claimant=e.claim.claimant.display,
                                    status=status_words(e.claim, table, date_format).lower(),
                                    figure=alt_figure(e.claim.total, table)) for e in group.claims if e.claim.total)
    return interface_text("comparison_chart.alt", table, n=len(group.claims), event=view.event.title,
                          measure=measure_words(group.measure, table), unit=unit_words(group.unit), bars=bars)


def alt_figure(q: Quantity, table: Mapping[str, str] | None = None) -> str:
    """A figure in words for alt text: as worded with its unit, and unambiguous words where the wording is ours to read:
    "“at the low end of the 100-to-300 spectrum” (read as between 100 and 300 people)"."""
    table = table or {}
    if q.is_unquantified:
        words = q.spoken
    elif q.read_as:
        words = interface_text("comparison_chart.read_as", table, wording=q.wording,
                               reading=f"{q.spoken} {q.unit_words}".rstrip())
    elif q.wording != q.spoken:
        words = f"{q.in_words} ({q.spoken})"
    else:
        words = q.in_words
    return interface_text("comparison_chart.caveat", table, figure=words, caveat=q.caveat) if q.caveat else words
