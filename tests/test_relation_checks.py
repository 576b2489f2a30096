"""Findings about claims in relation (core/relation_checks.py and the conflicting-figures rules of §8), with exact
intervals, on sites written to disk."""

from __future__ import annotations

import pytest

from site_gen.core import checks
from test_relations import claim, EVENTS, front, load, write_site


def findings(tmp_path, articles: dict[str, str], events: str = EVENTS):
    cfg = write_site(tmp_path, articles, files={"content/events.yaml": events})
    loaded, problems = load(cfg)
    assert [p.format() for p in problems if p.is_error] == []
    from site_gen.content.config import load_config

    return checks.find_all(loaded, load_config(cfg).events)


def kinds(found) -> list[tuple[str, str]]:
    return [(f.kind, f.claim_id) for f in found]


# --- relays --------------------------------------------------------------------------------------------------


def test_a_relay_that_differs_names_the_relay_not_the_claimant(tmp_path):
    relays = ('    relayed_by:\n      - {by: "Daily Outlet", as_worded: "more than 70"}\n'
              '      - {by: "Other Outlet", as_worded: "about 70"}\n')
    [found] = findings(tmp_path, {"a.md": front(claim("who", "70", relays))})
    assert found.kind == "relay-differs" and found.claim_id == "who"
    assert found.title == "the figure Daily Outlet relayed differs"
    assert found.message.startswith("Daily Outlet relayed \u201cmore than 70\u201d (71 or more), which cannot be \u201c70\u201d, "
                                    "the figure Russian Ministry of Defence gave (70): at least 1 apart.")
    assert "own figures disagree" not in found.message


def test_relays_that_fit_and_relays_in_another_unit_raise_nothing(tmp_path):
    relays = ('    relayed_by:\n      - {by: A Outlet, as_worded: "some 9,500 women"}\n'
              '      - {by: B Outlet, as_worded: "more than 70 per cent"}\n      - C Outlet\n')
    assert findings(tmp_path, {"a.md": front(claim("c1", "9,500", relays))}) == ()


# --- parts of a total ----------------------------------------------------------------------------------------


def test_a_partial_breakdown_under_its_total_raises_nothing(tmp_path):
    # Gaza MoH: 24,686 identified of 34,622 reported; a full breakdown would be a false breakdown-sum finding
    extra = "    breakdown: partial\n    by_group: {Children: 7797, Women: 4959, Men: 11930}\n"
    assert findings(tmp_path, {"a.md": front(claim("c1", "34,622", extra))}) == ()
    full = "    by_group: {Children: 7797, Women: 4959, Men: 11930}\n"
    assert kinds(findings(tmp_path / "full", {"a.md": front(claim("c1", "34,622", full))})) == [("breakdown-sum", "c1")]


def test_a_partial_breakdown_over_its_total_raises_breakdown_exceeds(tmp_path):
    extra = "    breakdown: partial\n    by_group: {Children: about 20, Women: 15}\n"
    [found] = findings(tmp_path, {"a.md": front(claim("c1", "up to 30", extra))})
    assert found.kind == "breakdown-exceeds"
    assert found.message.startswith("The 2 group figures cover only part of the total, yet add up to at least 33 people "
                                    "(about 20 + 15), more than \u201cup to 30\u201d")


def test_of_which_parts_must_fit_under_the_total_and_are_never_added(tmp_path):
    fits = "    of_which: {Critically injured: about 200, Children: 300}\n"  # 180..220 + 300 > 400: never added
    assert findings(tmp_path, {"a.md": front(claim("c1", "400", fits))}) == ()
    over = "    of_which: {Critically injured: more than 400}\n"
    [found] = findings(tmp_path / "over", {"a.md": front(claim("c1", "400", over))})
    assert (found.kind, found.title) == ("part-exceeds", "the part \u201cCritically injured\u201d exceeds the total")


# --- events ---------------------------------------------------------------------------------------------------


def test_two_claimants_with_disjoint_intervals_for_one_event_disagree(tmp_path):
    moh = claim("moh", "471", "    event: al-ahli-blast\n")
    us = claim("us", "100 to 300", "    event: al-ahli-blast\n", claimant="ua-gs")
    found = findings(tmp_path, {"a.md": front(moh + us)})
    assert kinds(found) == [("claimants-disagree", "moh"), ("claimants-disagree", "us")]
    assert found[0].message == (
        "For Explosion at al-Ahli Arab Hospital (killed, people, 2023-10-17), Russian Ministry of Defence gave "
        "\u201c471\u201d here; General Staff of the Armed Forces of Ukraine gave \u201c100 to 300\u201d (at least 171 "
        "apart). These claimants' figures cannot all be right; sitegen reports both and corrects neither.")
    assert found[0].links[0].target == "articles/a.html#claim-us"


@pytest.mark.parametrize("other", ["about 470", "at least 300", "up to 500", "scores"])
def test_overlapping_intervals_do_not_disagree(tmp_path, other):
    moh = claim("moh", "471", "    event: al-ahli-blast\n")
    us = claim("us", other, "    event: al-ahli-blast\n", claimant="ua-gs")
    assert [f for f in findings(tmp_path, {"a.md": front(moh + us)}) if f.kind == "claimants-disagree"] == []


def test_different_measure_unit_or_period_or_no_event_never_disagree(tmp_path):
    moh = claim("moh", "471", "    event: al-ahli-blast\n")
    others = [claim("w", "10", "    event: al-ahli-blast\n", claimant="ua-gs").replace("measure: killed", "measure: wounded"),
              claim("p", "10", "    event: al-ahli-blast\n", claimant="ua-gs").replace("period: 2023-10-17", "period: 2023-10-16"),
              claim("n", "10", "", claimant="ua-gs")]
    assert findings(tmp_path, {"a.md": front(moh + "".join(others))}) == ()


def test_two_unnamed_sources_are_two_claimants(tmp_path):
    a = claim("a", "10", "    event: al-ahli-blast\n", claimant='{unnamed: "a hospital source"}')
    b = claim("b", "50", "    event: al-ahli-blast\n", claimant='{unnamed: "a hospital source"}')
    assert kinds(findings(tmp_path, {"a.md": front(a + b)})) == [("claimants-disagree", "a"), ("claimants-disagree", "b")]


def test_disagreement_findings_grow_linearly(tmp_path):
    claims = "".join(claim(f"c{i}", str(10 + i % 2 * 1000), "    event: al-ahli-blast\n", claimant=f"Outlet {i}")
                     for i in range(200))
    found = findings(tmp_path, {"a.md": front(claims)})
    assert len(found) == 200
    assert all(f.message.endswith("sitegen reports both and corrects neither.") and "97 more" in f.message for f in found)


# --- supersession and conflicting figures -------------------------------------------------------------------


def test_a_superseded_claim_raises_no_conflicting_figures_against_its_successor(tmp_path):
    first, later = claim("first", "1,400"), claim("later", "around 1,200", "    supersedes: first\n")
    assert findings(tmp_path, {"a.md": front(first + later)}) == ()
    assert kinds(findings(tmp_path / "without", {"a.md": front(first + claim("later", "around 1,200"))})) == [
        ("conflicting-figures", "first"), ("conflicting-figures", "later")]


def test_a_superseded_claim_with_a_stated_verdict_is_still_left_out(tmp_path):
    refuted = "    status: refuted\n    evidence: [ocha]\n    as_of: 2023-10-20\n"
    first, later = claim("first", "1,400", refuted), claim("later", "around 1,200", "    supersedes: first\n")
    assert findings(tmp_path, {"a.md": front(first + later)}) == ()


def test_a_superseded_claim_does_not_disagree_with_other_claimants(tmp_path):
    first = claim("first", "1,400", "    event: al-ahli-blast\n")
    later = claim("later", "around 300", "    event: al-ahli-blast\n    supersedes: first\n")
    other = claim("other", "300", "    event: al-ahli-blast\n", claimant="ua-gs")
    assert findings(tmp_path, {"a.md": front(first + later + other)}) == ()


def test_a_retracted_claim_is_not_compared(tmp_path):
    first = claim("first", "1,400", "    retracted: {on: 2023-10-20, source: retraction}\n")
    assert findings(tmp_path, {"a.md": front(first + claim("later", "1,200"))}) == ()


def test_a_claim_without_a_period_covers_its_events(tmp_path):
    moh = claim("moh", "471", "    event: al-ahli-blast\n").replace("    period: 2023-10-17\n", "")
    us = claim("us", "100 to 300", "    event: al-ahli-blast\n", claimant="ua-gs")
    assert kinds(findings(tmp_path, {"a.md": front(moh + us)})) == [("claimants-disagree", "moh"), ("claimants-disagree", "us")]
