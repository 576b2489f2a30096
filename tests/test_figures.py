"""The figures view (site_gen.render.figures; pure): one claimant's breakdowns as group tables over time."""

from __future__ import annotations

import datetime as dt

from site_gen.render.figures import figure_claims, group_tables
from site_gen.core.model import Article, Claim, Claimant, GroupFigure, Source
from site_gen.core.quantities import parse_quantity

RU_MOD = Claimant("ru-mod", "Russian Ministry of Defence", "Russia", "government")
SOURCE = Source("mod", "https://example.org/mod")


def breakdowns(*groups_per_claim: tuple[str, ...]) -> Article:
    """One article whose claim i, made on day i, gives a figure for each of its named groups."""
    claims = tuple(
        Claim(f"c{i}", RU_MOD, f"claim {i}", (SOURCE,), measure="killed", claimed_on=dt.date(2024, 1, 1) + dt.timedelta(i),
              by_group=tuple(GroupFigure(name, parse_quantity(10 + j)) for j, name in enumerate(names)))
        for i, names in enumerate(groups_per_claim)
    )
    return Article(path="content/articles/a.md", slug="a", title="A", date=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc),
                   body="", body_line=1, claims=claims)


def test_groups_reported_over_time_share_one_table_with_a_column_each():
    tables = group_tables(figure_claims((breakdowns(("West", "East"), ("West", "East", "South"), ("East", "West")),)))
    [table] = tables
    assert table.groups == ("West", "East", "South")
    assert [[c.quantity.value if c else None for c in row.cells] for row in table.rows] == [
        [10, 11, None], [10, 11, 12], [11, 10, None]]


def test_breakdowns_naming_new_groups_every_time_cannot_make_a_quadratic_table():
    """Issue 11, item 8: 1,000 claims naming 2 groups of their own made one table of 1,000 rows x 2,000 columns."""
    n = 1000
    tables = group_tables(figure_claims((breakdowns(*[(f"a{i}", f"b{i}") for i in range(n)]),)))
    cells = sum(len(row.cells) for table in tables for row in table.rows)
    figures = sum(1 for table in tables for row in table.rows for cell in row.cells if cell)
    assert figures == 2 * n
    assert cells <= 2 * figures
    assert [row.entry.claim.id for table in tables for row in table.rows] == [f"c{i}" for i in range(n)]
