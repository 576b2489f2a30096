"""Claim findings (site_gen.core.checks; pure): breakdown vs total, conflicting figures of one claimant."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from site_gen.core import checks
from site_gen.core.model import Article, Claim, Claimant, GroupFigure, Period, Source, Status
from site_gen.core.quantities import parse_quantity

RU_MOD = Claimant("ru-mod", "Russian Ministry of Defence", "Russia", "government")
UA_GS = Claimant("ua-gs", "General Staff of the Armed Forces of Ukraine", "Ukraine", "military")
SOURCE = Source("mod", "https://example.org/mod", name="Russian Ministry of Defence")
JULY_4_5 = Period(dt.date(2024, 7, 4), dt.date(2024, 7, 5))


def claim(claim_id="daily-total", total=None, groups=(), claimant=RU_MOD, period=None, measure="killed",
          subject="Ukrainian forces", status=Status.UNVERIFIED, line=13) -> Claim:
    return Claim(
        id=claim_id, claimant=claimant, text=f"claim {claim_id}", sources=(SOURCE,), measure=measure,
        subject=subject, period=period, status=status, line=line,
        total=parse_quantity(total) if total is not None else None,
        by_group=tuple(GroupFigure(f"Group {i + 1}", parse_quantity(v)) for i, v in enumerate(groups)),
    )


def article(*claims: Claim, slug="seed", title="Seed article") -> Article:
    return Article(path=f"content/articles/{slug}.md", slug=slug, title=title,
                   date=dt.datetime(2024, 7, 5, tzinfo=dt.timezone.utc), body="", body_line=1, claims=claims)


SEED_GROUPS = (475, 405, 120, 620, 320)


# --- breakdown vs total ----------------------------------------------------------------------------------

def test_seed_breakdown_does_not_add_up_to_over_2000():
    seed = claim(total="over 2,000", groups=SEED_GROUPS)
    finding = checks.breakdown_vs_total(article(seed), seed)
    assert finding is not None
    assert "1,940" in finding.message
    assert "over 2,000" in finding.message
    assert "475 + 405 + 120 + 620 + 320" in finding.message
    assert (finding.kind, finding.article, finding.claim_id) == ("breakdown-sum", "seed", "daily-total")
    assert (finding.path, finding.line) == ("content/articles/seed.md", 13)
    assert finding.format().startswith("content/articles/seed.md:13: claim daily-total:")


@pytest.mark.parametrize("total", ["1,940", "about 2,000", "at least 1,940", "up to 1,940", "1,900-2,000",
                                   "under 1,941", "hundreds", "over 1,939"])
def test_breakdown_that_can_equal_the_total_gives_no_finding(total):
    c = claim(total=total, groups=SEED_GROUPS)
    assert checks.breakdown_vs_total(article(c), c) is None


@pytest.mark.parametrize("total", ["1,941", "over 1,940", "at least 1,941", "under 1,940", "up to 1,939",
                                   "2,000-3,000", "about 2,200", "about 1,700"])
def test_breakdown_that_cannot_equal_the_total_gives_a_finding(total):
    c = claim(total=total, groups=SEED_GROUPS)
    finding = checks.breakdown_vs_total(article(c), c)
    assert finding is not None
    assert "1,940" in finding.message
    assert f"\u201c{parse_quantity(total).wording}\u201d" in finding.message  # the claimant's wording, verbatim


def test_up_to_parts_that_can_reach_the_total_are_consistent():
    c = claim(total="over 2,000", groups=("up to 1,000", "up to 1,000", "up to 500"))
    assert checks.breakdown_vs_total(article(c), c) is None


def test_up_to_parts_that_cannot_reach_the_total_are_a_finding():
    c = claim(total="over 2,000", groups=("up to 500", "up to 500", "up to 1,000"))
    finding = checks.breakdown_vs_total(article(c), c)
    assert finding is not None
    assert "somewhere from 0 to 2,000" in finding.message
    assert "(up to 500 + up to 500 + up to 1,000)" in finding.message


def test_more_than_parts_are_consistent_with_a_larger_total():
    c = claim(total="2,000", groups=("more than 500", "more than 600", "300"))
    assert checks.breakdown_vs_total(article(c), c) is None


def test_more_than_parts_already_above_the_total_are_a_finding():
    c = claim(total="1,000", groups=("more than 500", "more than 600"))
    finding = checks.breakdown_vs_total(article(c), c)
    assert finding is not None
    assert "1,102 or more" in finding.message


@pytest.mark.parametrize(("groups", "agrees"), [
    ((900, 900), True),        # 1,800 = 2,000 - 10 %
    ((900, 899), False),       # 1,799 is outside "about 2,000"
    ((1100, 1100), True),      # 2,200 = 2,000 + 10 %
    ((1100, 1101), False),     # 2,201
])
def test_approximate_total_allows_ten_percent(groups, agrees):
    c = claim(total="about 2,000", groups=groups)
    assert (checks.breakdown_vs_total(article(c), c) is None) is agrees


@pytest.mark.parametrize(("total", "agrees"), [("2,200", True), ("2,201", False), ("1,800", True), ("1,799", False)])
def test_approximate_parts_allow_ten_percent(total, agrees):
    c = claim(total=total, groups=("about 1,000", "~1,000"))
    assert (checks.breakdown_vs_total(article(c), c) is None) is agrees


def test_no_finding_without_a_total_or_without_a_breakdown():
    only_groups = claim(groups=SEED_GROUPS)
    only_total = claim(total="over 2,000")
    assert checks.breakdown_vs_total(article(only_groups), only_groups) is None
    assert checks.breakdown_vs_total(article(only_total), only_total) is None


# --- conflicting figures of one claimant -----------------------------------------------------------------

def test_same_claimant_measure_subject_and_period_with_disjoint_totals_conflict():
    first = claim("first", total="500", period=JULY_4_5, line=10)
    second = claim("second", total="over 1,000", period=JULY_4_5, line=20)
    a1, a2 = article(first, slug="one", title="One"), article(second, slug="two", title="Two")
    findings = checks.conflicting_figures((a1, a2))
    assert [(f.article, f.claim_id, f.line) for f in findings] == [("one", "first", 10), ("two", "second", 20)]
    assert all(f.kind == "conflicting-figures" for f in findings)
    assert "“500” here and “over 1,000” in claim second of “Two”" in findings[0].message
    assert "Russian Ministry of Defence" in findings[0].message


def test_overlapping_totals_do_not_conflict():
    first = claim("first", total="about 1,000", period=JULY_4_5)
    second = claim("second", total="1,050", period=JULY_4_5)
    assert checks.conflicting_figures((article(first, second),)) == []


@pytest.mark.parametrize("change", [
    {"claimant": UA_GS},
    {"measure": "wounded"},
    {"subject": "Russian forces"},
    {"period": Period(dt.date(2024, 7, 5), dt.date(2024, 7, 6))},
    {"status": Status.SUPERSEDED},
])
def test_no_conflict_when_anything_differs_or_one_is_superseded(change):
    first = claim("first", total="500", period=JULY_4_5)
    second = claim("second", **{"total": "over 1,000", "period": JULY_4_5, **change})
    assert checks.conflicting_figures((article(first, second),)) == []


def test_superseded_first_claim_is_left_out_too():
    first = claim("first", total="500", period=JULY_4_5, status=Status.SUPERSEDED)
    second = claim("second", total="over 1,000", period=JULY_4_5)
    assert checks.conflicting_figures((article(first, second),)) == []


def test_claims_without_a_period_never_conflict():
    first = claim("first", total="500")
    second = claim("second", total="over 1,000")
    assert checks.conflicting_figures((article(first, second),)) == []


def test_a_pair_names_the_other_claim_with_a_link():
    first = claim("first", total="500", period=JULY_4_5)
    second = claim("second", total="over 1,000", period=JULY_4_5)
    a1, a2 = article(first, slug="one", title="One"), article(second, slug="two", title="Two")
    findings = checks.conflicting_figures((a1, a2))
    assert [[(link.text, link.target) for link in f.links] for f in findings] == [
        [("claim second of “Two”", "articles/two.html#claim-second")],
        [("claim first of “One”", "articles/one.html#claim-first")],
    ]


def test_three_conflicting_claims_name_both_others():
    claims = [claim(f"c{i}", total=str(100 * (i + 1)), period=JULY_4_5) for i in range(3)]
    findings = checks.conflicting_figures((article(*claims, title="Daily"),))
    assert [f.claim_id for f in findings] == ["c0", "c1", "c2"]
    assert findings[1].message == (
        "Russian Ministry of Defence gave “200” here and 2 other figures for the same killed and period "
        "(2024-07-04 to 2024-07-05) that cannot be true at the same time as this one: “100” in claim c0 of "
        "“Daily” and “300” in claim c2 of “Daily”."
    )


def test_many_conflicting_claims_give_one_finding_each_naming_three_and_counting_the_rest():
    """Issue 11 item 8: 2,000 such claims gave 3,998,000 findings (one per ordered pair)."""
    n = 200
    claims = [claim(f"c{i:03d}", total=str(i + 1), period=JULY_4_5, line=i + 1) for i in range(n)]
    findings = checks.conflicting_figures((article(*claims),))
    assert [f.claim_id for f in findings] == [c.id for c in claims]
    assert all(len(f.links) == checks.NAMED_CONFLICTS for f in findings)
    assert all(len(f.message) < 500 for f in findings)
    last = findings[-1]
    assert "gave “200” here and 199 other figures" in last.message
    assert "“1” in claim c000 of “Seed article”, “2” in claim c001 of “Seed article”, “3” in claim c002" in last.message
    assert last.message.endswith(" and 196 more.")


def test_overlapping_claims_in_a_conflicting_group_are_not_counted():
    """Only the figures disjoint from a claim's own count against it; "about 100" is [90, 110]."""
    claims = [claim("about", total="about 100", period=JULY_4_5), claim("low", total="95", period=JULY_4_5),
              claim("high", total="120", period=JULY_4_5), claim("open", total="over 80", period=JULY_4_5)]
    findings = {f.claim_id: f for f in checks.conflicting_figures((article(*claims),))}
    assert set(findings) == {"about", "low", "high"}
    assert [link.text for link in findings["about"].links] == ["claim high of “Seed article”"]
    assert [link.text for link in findings["low"].links] == ["claim high of “Seed article”"]
    assert [link.text for link in findings["high"].links] == ["claim about of “Seed article”", "claim low of “Seed article”"]
    assert "“120” here and 2 other figures" in findings["high"].message


WORDINGS = ("{v}", "about {v}", "over {v}", "at least {v}", "fewer than {v}", "up to {v}", "{v}-{w}", "dozens")


def test_conflicts_found_by_sorting_are_exactly_the_disjoint_pairs():
    """Against a brute-force comparison of every pair, on seeded random groups of mixed wordings."""
    rng = random.Random(11)
    for _ in range(150):
        size = rng.randint(2, 14)
        wordings = [rng.choice(WORDINGS).format(v=(v := rng.randint(1, 60)), w=v + rng.randint(1, 30)) for _ in range(size)]
        claims = [claim(f"c{i}", total=w, period=JULY_4_5) for i, w in enumerate(wordings)]
        found = {f.claim_id: f for f in checks.conflicting_figures((article(*claims),))}
        for c in claims:
            others = [o for o in claims if not o.total.interval.overlaps(c.total.interval)]
            if not others:
                assert c.id not in found, wordings
                continue
            named = [o.id for o in others[:checks.NAMED_CONFLICTS]]
            assert [link.target for link in found[c.id].links] == [f"articles/seed.html#claim-{i}" for i in named], wordings
            if len(others) > 1:
                assert f" and {len(others)} other figures " in found[c.id].message, wordings


def test_find_all_collects_both_kinds_in_order():
    seed = claim("seed", total="over 2,000", groups=SEED_GROUPS, period=JULY_4_5)
    later = claim("later", total="1,000", period=JULY_4_5)
    findings = checks.find_all((article(seed, later),))
    assert [(f.kind, f.claim_id) for f in findings] == [
        ("breakdown-sum", "seed"), ("conflicting-figures", "seed"), ("conflicting-figures", "later"),
    ]


# --- units: only figures in the total's unit are added and compared ------------------------------------------

def in_units(total: str, unit: str, entries: tuple[tuple[str, str], ...], **kw) -> Claim:
    """A claim in `unit` whose breakdown entries each state their own unit."""
    from dataclasses import replace

    from site_gen.core.quantities import with_unit

    base = claim(total=total, **kw)
    groups = tuple(GroupFigure(f"Group {i + 1}", with_unit(parse_quantity(v), u)) for i, (v, u) in enumerate(entries))
    return replace(base, unit=unit, total=with_unit(base.total, unit), by_group=groups)


def test_entries_in_another_unit_are_left_out_of_the_breakdown_check_and_named():
    # 600 people + 200 people = 800 agrees with "800"; adding the 12 tanks (812) would have made a false finding.
    c = in_units("800", "people", (("600", "people"), ("200", "people"), ("12", "tanks")))
    assert checks.breakdown_vs_total(article(c), c) is None
    c = in_units("900", "people", (("600", "people"), ("200", "people"), ("12", "tanks")))
    finding = checks.breakdown_vs_total(article(c), c)
    assert "The 2 group figures in people add up to 800 people (600 + 200)" in finding.message
    assert "812" not in finding.message
    assert finding.message.endswith(" Not comparable: different units: Group 3 (12 tanks).")


def test_no_breakdown_check_when_no_entry_shares_the_totals_unit():
    c = in_units("5", "tanks", (("400", "depots"), ("397", "posts")))
    assert checks.breakdown_vs_total(article(c), c) is None


def test_percentages_are_bounded_by_100_in_the_check():
    # "more than 70 per cent" is (70, 100]: parts adding up to 101 or more per cent cannot match it.
    c = in_units("more than 70 per cent", "percent", (("60%", "percent"), ("41%", "percent")))
    assert "add up to 101 per cent" in checks.breakdown_vs_total(article(c), c).message
    c = in_units("more than 70 per cent", "percent", (("60%", "percent"), ("40%", "percent")))
    assert checks.breakdown_vs_total(article(c), c) is None


def test_conflicting_figures_are_compared_only_within_one_unit():
    people = in_units("5,000", "people", (), period=JULY_4_5)
    percent = in_units("70%", "percent", (), claim_id="share", period=JULY_4_5)
    assert checks.conflicting_figures((article(people, percent),)) == []
    other = in_units("6,000", "people", (), claim_id="later", period=JULY_4_5)
    found = checks.conflicting_figures((article(people, percent, other),))
    assert {f.claim_id for f in found} == {"daily-total", "later"}
    assert "gave “5,000” here and “6,000”" in found[0].message
