"""Claims in relation, as read from content (§8): relays, unknowns, parts, events, supersession, retraction, corrections."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.content.load import load_articles
from site_gen.content.config import load_config
from site_gen.core.model import Status
from helpers import article, build_site, CONFIG, problems_of, write_site

EVENTS = """\
events:
  al-ahli-blast:
    title: Explosion at al-Ahli Arab Hospital
    period: 2023-10-17
    location: Gaza City
"""

SOURCES = """\
sources:
  - {id: moh, name: Ministry of Health, url: "https://example.org/moh", accessed: 2023-10-18}
  - {id: ocha, name: OCHA, url: "https://example.org/ocha", accessed: 2023-10-19}
  - {id: retraction, name: Ministry of Health, url: "https://example.org/retraction", accessed: 2023-10-20}
"""


def front(claims: str, title: str = "An article", date: str = "2023-10-18", extra: str = "") -> str:
    return article(f"title: {title}\ndate: {date}\n{extra}{SOURCES}claims:\n{claims}")


def claim(cid: str, total: str = "471", extra: str = "", claimant: str = "ru-mod") -> str:
    return (f"  - id: {cid}\n    claimant: {claimant}\n    category: casualties\n    measure: killed\n"
            f"    claimed_on: 2023-10-18\n    period: 2023-10-17\n    text: Claim {cid}.\n    total: \"{total}\"\n"
            f"    sources: [moh]\n{extra}")


def load(config_path: Path):
    config = load_config(config_path)
    return load_articles(config, include_drafts=False)


def by_id(articles, cid):
    return next(c for a in articles for c in a.claims if c.id == cid)


def messages(problems) -> list[str]:
    return [p.format() for p in problems]


# --- supersession -----------------------------------------------------------------------------------------


def test_supersedes_in_the_same_article_links_both_ways_and_derives_the_status(tmp_path):
    cfg = write_site(tmp_path, {"a.md": front(claim("first", "1,400") + claim("later", "around 1,200", "    supersedes: first\n"))})
    articles, problems = load(cfg)
    assert messages(problems) == []
    first, later = by_id(articles, "first"), by_id(articles, "later")
    assert first.status is Status.SUPERSEDED and first.is_superseded
    assert [(link.article_slug, link.claim_id, link.wording) for link in first.superseded_by] == [("a", "later", "around 1,200")]
    assert later.supersedes_link.claim_id == "first" and later.supersedes_link.wording == "1,400"
    assert later.status is Status.UNVERIFIED and not later.is_superseded


def test_supersedes_across_articles_resolves_like_a_markdown_link(tmp_path):
    cfg = write_site(tmp_path, {
        "2023/early.md": front(claim("toll", "1,400"), title="Early"),
        "2024/late.md": front(claim("revised", "around 1,200", "    supersedes: ../2023/early.md#toll\n"), title="Late"),
    })
    articles, problems = load(cfg)
    assert messages(problems) == []
    assert by_id(articles, "toll").superseded_by[0].article_url == "articles/late.html"
    assert by_id(articles, "revised").supersedes_link.url == "articles/early.html#claim-toll"


def test_a_stated_verdict_is_kept_on_a_superseded_claim(tmp_path):
    refuted = "    status: refuted\n    evidence: [ocha]\n    as_of: 2023-10-20\n"
    cfg = write_site(tmp_path, {"a.md": front(claim("first", "1,400", refuted) + claim("later", "1,200", "    supersedes: first\n"))})
    articles, _ = load(cfg)
    assert by_id(articles, "first").status is Status.REFUTED and by_id(articles, "first").is_superseded


def test_a_missing_claim_reference_is_located_with_a_did_you_mean(tmp_path):
    text = front(claim("later", "1,200", "    supersedes: other.md#toal\n"))
    cfg = write_site(tmp_path, {"a.md": text, "other.md": front(claim("total", "1,400"), title="Other")})
    line = text.splitlines().index("    supersedes: other.md#toal") + 1
    assert messages(problems_of(cfg)) == [
        f'content/articles/a.md:{line}: claims.later.supersedes: no claim "toal" in content/articles/other.md '
        "(did you mean `other.md#total`?)"]


def test_a_reference_to_a_missing_claim_id_in_another_article(tmp_path):
    text = front(claim("later", "1,200", "    supersedes: other.md#nope\n"))
    cfg = write_site(tmp_path, {"a.md": text, "other.md": front(claim("total", "1,400"), title="Other")})
    [problem] = problems_of(cfg)
    assert problem.path == "content/articles/a.md" and problem.line == text.splitlines().index("    supersedes: other.md#nope") + 1
    assert 'no claim "nope"' in problem.message and "total" in problem.hint


def test_a_reference_to_a_missing_article_suggests_the_closest_path(tmp_path):
    text = front(claim("later", "1,200", "    supersedes: othr.md#total\n"))
    cfg = write_site(tmp_path, {"a.md": text, "other.md": front(claim("total", "1,400"), title="Other")})
    [problem] = problems_of(cfg)
    assert problem.message == 'no article "othr.md"' and problem.hint == "did you mean `other.md#total`?"


def test_self_and_circular_supersession_are_errors(tmp_path):
    text = front(claim("a1", "1", "    supersedes: a1\n") + claim("b1", "2", "    supersedes: c1\n")
                 + claim("c1", "3", "    supersedes: b1\n"))
    cfg = write_site(tmp_path, {"a.md": text})
    found = messages(problems_of(cfg))
    assert any("a claim cannot supersede itself" in m for m in found)
    assert sum("in a circle" in m for m in found) == 1


def test_status_superseded_without_a_successor_needs_evidence(tmp_path):
    cfg = write_site(tmp_path, {"a.md": front(claim("first", "1,400", "    status: superseded\n"))})
    [problem] = problems_of(cfg)
    assert problem.field == "claims.first.status" and "no claim supersedes it" in problem.message


# --- unknowns -----------------------------------------------------------------------------------------------


def test_stated_unknowns_are_not_warnings_and_strict_passes(tmp_path):
    unnamed = '{unnamed: "a Hezbollah source", side: Hezbollah}'
    text = front(claim("c1", "about 20", claimant=unnamed).replace("claimed_on: 2023-10-18", "claimed_on: unknown"))
    cfg = write_site(tmp_path, {"a.md": text})
    result = build_site(cfg, strict=True)
    assert result.warnings == ()
    articles, _ = load(cfg)
    c1 = by_id(articles, "c1")
    assert c1.claimed_on is None and c1.claimed_on_unknown
    assert c1.claimant.unnamed and c1.claimant.name == "a Hezbollah source" and c1.claimant.side == "Hezbollah"
    assert not c1.claimant.has_page


def test_an_absent_claimed_on_and_a_plain_name_stay_warnings(tmp_path):
    text = front(claim("c1", "20", claimant="Mayor of Nowhere").replace("    claimed_on: 2023-10-18\n", ""))
    result = build_site(write_site(tmp_path, {"a.md": text}))
    assert sorted(p.field for p in result.warnings) == ["claims.c1.claimant", "claims.c1.claimed_on"]


def test_an_unnamed_claimant_needs_its_wording(tmp_path):
    text = front(claim("c1", "20", claimant="{side: Hezbollah}"))
    [problem] = problems_of(write_site(tmp_path, {"a.md": text}))
    assert problem.field == "claims.c1.claimant.unnamed" and problem.message == "missing required field"


# --- relays ------------------------------------------------------------------------------------------------


def test_relays_keep_their_wording_and_our_reading_of_it(tmp_path):
    relays = ('    relayed_by:\n      - {by: ua-gs, source: ocha, as_worded: "some 9,500 women"}\n'
              '      - {by: "The National", as_worded: "more than 70 per cent"}\n      - Reuters\n')
    cfg = write_site(tmp_path, {"a.md": front(claim("c1", "9,500", relays))})
    articles, problems = load(cfg)
    assert messages(problems) == []
    first, second, third = by_id(articles, "c1").relayed_by
    assert first.by.id == "ua-gs" and first.source.id == "ocha"
    assert first.figure.wording == "some 9,500 women" and first.figure.means == "some 9,500"
    assert second.by.name == "The National" and not second.by.declared and second.figure.unit == "percent"
    assert third.by.name == "Reuters" and third.figure is None


def test_a_relay_wording_without_a_figure_is_kept_verbatim_with_its_note(tmp_path):
    relays = '    relayed_by:\n      - {by: "Al Jazeera", as_worded: "heavy losses", note: "in a live blog"}\n'
    cfg = write_site(tmp_path, {"a.md": front(claim("c1", "9,500", relays))})
    [relay] = by_id(load(cfg)[0], "c1").relayed_by
    assert (relay.wording, relay.note, relay.figure) == ("heavy losses", "in a live blog", None)
    build_site(cfg)
    page = (tmp_path / "build/articles/a.html").read_text("utf-8")
    assert "heavy losses" in page and "in a live blog" in page and "not compared with the claimant" in page


def test_a_relay_with_an_unknown_source_is_an_error(tmp_path):
    relays = '    relayed_by:\n      - {by: ocha-x, source: ocah}\n'
    found = messages(problems_of(write_site(tmp_path, {"a.md": front(claim("c1", "9,500", relays))})))
    assert any('relayed_by[0].by: unknown claimant id "ocha-x"' in m for m in found)
    assert any('relayed_by[0].source: unknown source id "ocah" (did you mean `ocha`?)' in m for m in found)


# --- parts and events ----------------------------------------------------------------------------------------


def test_partial_breakdown_and_of_which_are_read(tmp_path):
    extra = ("    breakdown: partial\n    by_group: {Children: 7797, Women: 4959}\n"
             "    of_which: {Critically injured: about 200}\n")
    articles, problems = load(write_site(tmp_path, {"a.md": front(claim("c1", "34,622", extra))}))
    c1 = by_id(articles, "c1")
    assert messages(problems) == [] and c1.breakdown == "partial"
    assert [(g.name, g.quantity.wording) for g in c1.of_which] == [("Critically injured", "about 200")]


def test_breakdown_must_be_full_or_partial(tmp_path):
    [problem] = problems_of(write_site(tmp_path, {"a.md": front(claim("c1", "10", "    breakdown: some\n"))}))
    assert problem.field == "claims.c1.breakdown" and problem.message == 'unknown breakdown "some"'


def test_events_come_from_the_registry_with_a_did_you_mean(tmp_path):
    text = front(claim("c1", "471", "    event: al-ahli-blst\n"))
    cfg = write_site(tmp_path, {"a.md": text}, files={"content/events.yaml": EVENTS})
    [problem] = problems_of(cfg)
    assert problem.format() == (f"content/articles/a.md:{text.splitlines().index('    event: al-ahli-blst') + 1}: "
                                'claims.c1.event: unknown event "al-ahli-blst" (did you mean `al-ahli-blast`?)')
    config = load_config(write_site(tmp_path / "ok", {"a.md": front(claim("c1", "471", "    event: al-ahli-blast\n"))},
                                    files={"content/events.yaml": EVENTS}))
    [event] = config.events
    assert (event.id, event.title, event.location, event.period.start.isoformat()) == (
        "al-ahli-blast", "Explosion at al-Ahli Arab Hospital", "Gaza City", "2023-10-17")


def test_events_in_config_and_in_the_file_must_not_repeat_an_id(tmp_path):
    cfg = write_site(tmp_path, {"a.md": front(claim("c1"))}, config=CONFIG + EVENTS, files={"content/events.yaml": EVENTS})
    found = messages(problems_of(cfg))
    assert found == ["content/events.yaml:2: events.al-ahli-blast: event declared twice (it is already declared in "
                     "config.yaml)"]


@pytest.mark.parametrize("record, field", [("{period: 2023-10-17}", "events.x.title"), ("{title: T, perod: 2023}", "events.x.perod")])
def test_bad_event_records_are_located(tmp_path, record, field):
    cfg = write_site(tmp_path, {"a.md": front(claim("c1"))}, files={"content/events.yaml": f"events:\n  x: {record}\n"})
    assert [p.field for p in problems_of(cfg)] == [field]


# --- retraction and corrections --------------------------------------------------------------------------------


def test_retraction_and_corrections_are_read(tmp_path):
    extra = "    retracted: {on: 2023-10-20, source: retraction, note: The ministry withdrew the figure.}\n"
    corrections = ("corrections:\n  - {date: 2023-10-19, text: First fix.}\n  - {date: 2023-10-21, text: Second fix.}\n")
    articles, problems = load(write_site(tmp_path, {"a.md": front(claim("c1", "471", extra), extra=corrections)}))
    assert messages(problems) == []
    c1 = by_id(articles, "c1")
    assert c1.retracted.on.isoformat() == "2023-10-20" and c1.retracted.source.id == "retraction"
    assert [c.text for c in articles[0].corrections] == ["Second fix.", "First fix."]
