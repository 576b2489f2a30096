"""What the series pages show (pure): per claimant, each dataset and category with its charts, revisions and gaps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from site_gen.core.model import Claimant
from site_gen.core.site import Site
from site_gen.core.quantities import Qualifier
from site_gen.core.series_checks import milestones, revisions, series_gaps, table_gaps
from site_gen.core.series_model import Dataset, Gap, Milestone, Revision, Series
from site_gen.core.series_plan import SeriesChartJob, plan_series_charts, status_words, wording_note
from site_gen.core.urls import series_url


@dataclass(frozen=True)
class SeriesView:
    series: Series
    charts: tuple[SeriesChartJob, ...]
    revisions: tuple[Revision, ...]
    gaps: tuple[Gap, ...]
    wording: str
    qualified: bool
    starts_late: bool
    ends_early: bool
    replaces: tuple[Series, ...]
    replaced_by: tuple[Series, ...]


@dataclass(frozen=True)
class DatasetView:
    dataset: Dataset
    series: tuple[SeriesView, ...]
    gaps: tuple[Gap, ...]
    status_words: str

    @property
    def revisions(self) -> tuple[Revision, ...]:
        found = [r for view in self.series for r in view.revisions]
        return tuple(sorted(found, key=lambda r: (r.after.date, r.series.id)))

    @property
    def gap_count(self) -> int:
        return len(self.gaps) + sum(len(v.gaps) for v in self.series)


def series_claimants(site: Site) -> list[Claimant]:
    seen: dict[str, Claimant] = {}
    for dataset in site.datasets:
        seen.setdefault(dataset.claimant.id, dataset.claimant)
    return sorted(seen.values(), key=lambda c: (c.name.lower(), c.id))


def series_pages(site: Site, jobs: dict[str, tuple[SeriesChartJob, ...]] | None = None
                 ) -> list[tuple[str, str, Callable[[], dict[str, Any]]]]:
    """(output path, template, context maker) of each claimant's series page; `jobs` from series_plan, or
    planned here. The context (views over every data point) is only made if the page is rendered."""
    jobs = jobs if jobs is not None else plan_series_charts(site.datasets, site.config.translations,
                                                            site.config.date_format)
    return [(series_url(claimant.id), "series.html", lambda claimant=claimant: _context(site, jobs, claimant))
            for claimant in series_claimants(site)]


def _context(site: Site, jobs: dict[str, tuple[SeriesChartJob, ...]], claimant: Claimant) -> dict[str, Any]:
    table = dict(site.config.translations)
    views = [dataset_view(d, jobs, table) for d in site.datasets if d.claimant.id == claimant.id]
    return {"claimant": claimant, "datasets": views}


def dataset_view(dataset: Dataset, jobs: dict[str, tuple[SeriesChartJob, ...]],
                 table: dict[str, str] | None = None) -> DatasetView:
    views = tuple(_series_view(dataset, s, jobs[s.id], table or {}) for s in dataset.series)
    return DatasetView(dataset, views, tuple(table_gaps(dataset)), status_words(dataset.status, table))


def _series_view(dataset: Dataset, series: Series, charts: tuple[SeriesChartJob, ...], table: dict[str, str]
                 ) -> SeriesView:
    replaces = tuple(s for c in series.continues if (s := dataset.series_by_column(c)) is not None)
    replaced_by = tuple(s for s in dataset.series if series.column in s.continues)
    return SeriesView(
        series=series, charts=charts, revisions=tuple(revisions(series)), gaps=tuple(series_gaps(dataset, series)),
        wording=wording_note(series, table), qualified=any(p.quantity.qualifier is not Qualifier.EXACT for p in series.points),
        starts_late=series.first.date > dataset.first_date,
        ends_early=series.last.date < dataset.last_date, replaces=replaces, replaced_by=replaced_by,
    )


def milestone_entries(site: Site, claimant_id: str | None = None) -> list[Milestone]:
    """Series milestones for the timeline, all or one claimant's."""
    return [m for d in site.datasets if claimant_id in (None, d.claimant.id) for m in milestones(d)]
