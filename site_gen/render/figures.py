"""The site-wide figures view (pure): claimed figures per side and claimant, group figures over time, never summed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from site_gen.core.model import Article, Claim, Claimant, claimant_key, GroupFigure
from site_gen.core.site import Site
from site_gen.core.series_model import Dataset

#: Sides whose claimants are independent counters (e.g. a named-casualty count), kept apart from the parties' claims.
INDEPENDENT_SIDES = ("independent",)


@dataclass(frozen=True)
class FigureClaim:
    date: dt.date
    article: Article
    claim: Claim


@dataclass(frozen=True)
class GroupRow:
    entry: FigureClaim
    cells: tuple[GroupFigure | None, ...]


@dataclass(frozen=True)
class GroupTable:
    """One claimant's group figures for one measure and subject, one row per claim, in date order."""

    measure: str
    subject: str
    groups: tuple[str, ...]
    rows: tuple[GroupRow, ...]
    langs: tuple[str, ...] = ()  # the language of each group name (first seen), "" when not given


@dataclass(frozen=True)
class ClaimantFigures:
    claimant: Claimant
    group_tables: tuple[GroupTable, ...]
    totals: tuple[FigureClaim, ...]
    datasets: tuple[Dataset, ...]
    #: The fragment of the claimant's block: "figures-<id>", or "figures-unnamed-<n>" for an inline unnamed source.
    anchor: str = ""


@dataclass(frozen=True)
class SideFigures:
    side: str
    independent: bool
    claimants: tuple[ClaimantFigures, ...]


def figures_by_side(site: Site) -> list[SideFigures]:
    """Parties' sides first (alphabetically), independent counters last; no figure crosses a claimant."""
    by_claimant: dict[tuple[str, ...], list[FigureClaim]] = defaultdict(list)
    claimants: dict[tuple[str, ...], Claimant] = {}
    for entry in figure_claims(site.articles):
        key = claimant_key(entry.claim.claimant)
        by_claimant[key].append(entry)
        claimants.setdefault(key, entry.claim.claimant)
    for dataset in site.datasets:
        claimants.setdefault(claimant_key(dataset.claimant), dataset.claimant)
    sides: dict[str, list[ClaimantFigures]] = defaultdict(list)
    unnamed = 0
    for key, claimant in sorted(claimants.items(), key=lambda item: (item[1].name.lower(), item[0])):
        datasets = tuple(d for d in site.datasets if claimant_key(d.claimant) == key)
        unnamed += not claimant.id
        anchor = f"figures-{claimant.id}" if claimant.id else f"figures-unnamed-{unnamed}"
        sides[claimant.side].append(_claimant_figures(claimant, by_claimant[key], datasets, anchor))
    order = sorted(sides, key=lambda side: (is_independent(side), side == "", side.lower()))
    return [SideFigures(side, is_independent(side), tuple(sides[side])) for side in order]


def is_independent(side: str) -> bool:
    return side.strip().lower() in INDEPENDENT_SIDES


def figure_claims(articles: tuple[Article, ...]) -> list[FigureClaim]:
    """Every claim with a figure (a total or a breakdown), by the date the claimant made it (the article's when the
    claim's date is not given)."""
    found = [FigureClaim(c.claimed_on or a.date.date(), a, c) for a in articles for c in a.claims
             if c.total is not None or c.by_group]
    return sorted(found, key=lambda e: (e.date, e.article.slug, e.claim.id))


def _claimant_figures(claimant: Claimant, entries: list[FigureClaim], datasets: tuple[Dataset, ...],
                      anchor: str = "") -> ClaimantFigures:
    return ClaimantFigures(claimant, tuple(group_tables(entries)), tuple(entries), datasets, anchor)


def group_tables(entries: list[FigureClaim]) -> list[GroupTable]:
    """Breakdowns of one claimant, by (measure, subject); columns are group names in first-seen order."""
    tables: dict[tuple[str, str], list[FigureClaim]] = defaultdict(list)
    for entry in entries:
        if entry.claim.by_group:
            tables[(entry.claim.measure, entry.claim.subject)].append(entry)
    return [table for (measure, subject), rows in tables.items() for table in _tables(measure, subject, rows)]


def _tables(measure: str, subject: str, entries: list[FigureClaim]) -> list[GroupTable]:
    """Consecutive rows share one table while at least half of its cells hold a figure; a row whose new groups
    would leave it mostly empty starts the next table. So a table never has more than twice as many cells as
    figures, and breakdowns that name different groups every time cannot make a page quadratic in size."""
    found: list[GroupTable] = []
    rows: list[FigureClaim] = []
    groups: dict[str, None] = {}
    figures = 0
    for entry in entries:
        names = [g.name for g in entry.claim.by_group]
        columns = len(groups) + sum(1 for name in names if name not in groups)
        if rows and (len(rows) + 1) * columns > 2 * (figures + len(names)):
            found.append(_table(measure, subject, tuple(groups), rows))
            rows, groups, figures = [], {}, 0
        rows.append(entry)
        groups.update(dict.fromkeys(names))
        figures += len(names)
    found.append(_table(measure, subject, tuple(groups), rows))
    return found


def _table(measure: str, subject: str, groups: tuple[str, ...], entries: list[FigureClaim]) -> GroupTable:
    rows, langs = [], {}
    for entry in entries:
        by_name = {g.name: g for g in entry.claim.by_group}
        rows.append(GroupRow(entry, tuple(by_name.get(name) for name in groups)))
        langs.update({g.name: g.lang or entry.claim.lang or entry.article.lang
                      for g in entry.claim.by_group if g.name not in langs})
    return GroupTable(measure, subject, groups, tuple(rows), tuple(langs[name] for name in groups))
