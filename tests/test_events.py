"""Events (§8.4): every claim about an event side by side, its comparison charts, its pages and its exports (§9)."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from helpers import CONFIG, article, build_site, write_site
from site_gen.charts.comparison import draw_comparison
from site_gen.content.config import load_config
from site_gen.content.load import load_articles
from site_gen.core.event_charts import event_chart_jobs
from site_gen.core.events import EventClaim, event_views
from site_gen.core.site import Site

CLAIMANTS = """\
  gaza-moh: {name: Gaza Ministry of Health, side: Hamas, kind: government}
  us-odni: {name: US intelligence, side: United States, kind: government}
  hrw: {name: Human Rights Watch, side: independent, kind: NGO}
events:
  blast:
    title: Explosion at al-Ahli Arab Hospital
    period: 2023-10-17
    location: Gaza City
    description: An explosion in the hospital's grounds.
  quiet:
    title: An event nobody has claimed anything about
"""
SITE_CONFIG = CONFIG + CLAIMANTS

SOURCES = """\
sources:
  - {id: moh, name: Ministry of Health, url: "https://example.org/moh", accessed: 2023-10-18}
  - {id: odni, name: "AFP <b>wire</b>", url: "https://example.org/odni", accessed: 2023-10-19}
  - {id: hrw-report, name: HRW, url: "https://example.org/hrw", accessed: 2023-11-26}
"""


def claim(cid: str, claimant: str, total: str, extra: str = "", measure: str = "killed",
          claimed_on: str = "2023-10-18", category: str = "casualties") -> str:
    figure = f"    total: {total}\n" if total else ""
    return (f"  - id: {cid}\n    claimant: {claimant}\n    event: blast\n    category: {category}\n"
            f"    measure: {measure}\n    claimed_on: {claimed_on}\n    period: 2023-10-17\n"
            f"    text: Claim {cid}.\n{figure}    sources: [moh]\n{extra}")


def front(claims: str, title: str, date: str = "2023-10-20") -> str:
    return article(f"title: {title}\ndate: {date}\n{SOURCES}claims:\n{claims}")


FIRST = front(claim("moh-500", "gaza-moh", '"at least 500"', claimed_on="2023-10-17")
              + claim("moh-471", "gaza-moh", '"471"', "    supersedes: moh-500\n"
                      "    relayed_by:\n      - {by: hrw, source: hrw-report, as_worded: \"471\"}\n")
              + claim("moh-wounded", "gaza-moh", '"more than 314"', measure="wounded"),
              "Ministry figures")
SECOND = front(claim("us-range", "us-odni", '{as_worded: "at the low end of the 100-to-300 spectrum", means: "100-300"}',
                     claimed_on="2023-10-19")
               + claim("hrw-none", "hrw", "", "    speaker: HRW\n    quote: could not corroborate\n",
                       claimed_on="2023-11-26", category="statement")
               + claim("share", "us-odni", '{value: "about 40", unit: percent}', claimed_on="2023-10-19"),
               "Other figures", "2023-11-27")


def write(root: Path) -> Path:
    return write_site(root, {"first.md": FIRST, "later/second.md": SECOND}, SITE_CONFIG)


def load_site(root: Path) -> Site:
    config = load_config(write(root))
    articles, problems = load_articles(config, False)
    assert [p.format() for p in problems if p.is_error] == []
    return Site(config, articles)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("events")
    build_site(write(root), strict=True)
    return root / "build"


def test_an_event_holds_every_claim_about_it_by_measure_and_unit_parties_first_independent_last(tmp_path):
    blast, quiet = event_views(load_site(tmp_path))
    assert [e.claim.id for e in blast.claims] == ["moh-500", "moh-471", "moh-wounded", "share", "us-range", "hrw-none"]
    assert [(g.measure, g.unit, [e.claim.id for e in g.claims]) for g in blast.groups] == [
        ("killed", "people", ["moh-500", "moh-471", "us-range"]),
        ("wounded", "people", ["moh-wounded"]),
        ("killed", "percent", ["share"]),
    ]
    assert [e.claim.id for e in blast.without_figure] == ["hrw-none"]
    assert blast.sides == ("Hamas", "United States", "independent")
    assert quiet.claims == () and quiet.groups == ()


def test_a_revision_chain_is_shown_oldest_first(tmp_path):
    blast, _ = event_views(load_site(tmp_path))
    [chain] = blast.chains
    assert [node.claim.id for node in chain if isinstance(node, EventClaim)] == ["moh-500", "moh-471"]


def test_one_chart_per_measure_and_unit_never_one_axis_for_two_units(tmp_path):
    jobs = event_chart_jobs(load_site(tmp_path))
    assert list(jobs) == [("blast", "killed", "people"), ("blast", "wounded", "people"), ("blast", "killed", "percent")]
    killed = jobs[("blast", "killed", "people")]
    assert killed.path == "charts/events/blast--killed--people.svg"
    assert [b.quantity.unit for b in killed.spec.bars] == ["people"] * 3
    assert {b.quantity.unit for b in jobs[("blast", "killed", "percent")].spec.bars} == {"percent"}


def test_every_bar_names_its_claimant_and_status_in_words_and_keeps_the_wording(tmp_path):
    job = event_chart_jobs(load_site(tmp_path))[("blast", "killed", "people")]
    assert [(b.label, b.wording) for b in job.spec.bars] == [
        ("Gaza Ministry of Health (Hamas): Superseded claim", "at least 500"),
        ("Gaza Ministry of Health (Hamas): Unverified claim", "471"),
        ("US intelligence (United States): Unverified claim", "at the low end of the 100-to-300 spectrum"),
    ]
    assert job.spec.bars[0].faded and not job.spec.bars[1].faded
    assert job.spec.bars[2].words == "“at the low end of the 100-to-300 spectrum” (read as 100–300 people)"
    for needle in ("Gaza Ministry of Health (Hamas), superseded claim: at least 500 people",
                   "Gaza Ministry of Health (Hamas), unverified claim: 471 people",
                   ("US intelligence (United States), unverified claim: “at the low end of the 100-to-300 spectrum” "
                    "(read as between 100 and 300 people)")):
        assert needle in job.alt, job.alt


def test_the_comparison_chart_draws_every_bar_with_its_words_and_never_a_sum(tmp_path):
    job = event_chart_jobs(load_site(tmp_path))[("blast", "killed", "people")]
    svg = draw_comparison(job.spec).decode("utf-8")
    texts = " ".join(re.findall(r">([^<>]+)</text>", svg))
    for bar in job.spec.bars:
        assert bar.label in texts and bar.words in texts
    assert "Sum" not in texts and "1,071" not in texts and "total" not in texts.lower()
    assert svg == draw_comparison(job.spec).decode("utf-8")


def test_event_pages_the_index_the_timeline_and_the_cards_link_each_other(built):
    page = (built / "events/blast.html").read_text(encoding="utf-8")
    assert "Explosion at al-Ahli Arab Hospital" in page and "Gaza City" in page and "17 October 2023" in page
    assert 'href="../articles/first.html#claim-moh-471"' in page and 'href="../articles/second.html#claim-us-range"' in page
    assert page.count('class="event-chart"') == 3 and "charts/events/blast--killed--people.svg" in page
    assert "How the figures changed" in page and "Human Rights Watch" in page
    index = (built / "events/index.html").read_text(encoding="utf-8")
    assert 'href="blast.html"' in index and 'href="quiet.html"' in index
    assert "No claim on this site is about this event yet." in (built / "events/quiet.html").read_text(encoding="utf-8")
    assert 'href="events/index.html"' in (built / "index.html").read_text(encoding="utf-8")
    timeline = (built / "timeline.html").read_text(encoding="utf-8")
    assert 'class="timeline-entry event-entry"' in timeline and 'href="events/blast.html"' in timeline
    card = (built / "articles/first.html").read_text(encoding="utf-8")
    assert '<dd class="claim-event"><a href="../events/blast.html">Explosion at al-Ahli Arab Hospital</a></dd>' in card
    assert (built / "embed/events/blast--killed--people.html").is_file()


def test_content_is_escaped_on_event_pages_and_in_charts(built):
    page = (built / "events/blast.html").read_text(encoding="utf-8")
    assert "<b>wire</b>" not in page
    svg = (built / "charts/events/blast--killed--people.svg").read_text(encoding="utf-8")
    assert "<b>" not in svg


def test_a_site_without_events_has_no_event_pages_nor_events_json(tmp_path):
    from helpers import VALID_FRONT

    out = tmp_path / "out"
    build_site(write_site(tmp_path, {"a.md": article(VALID_FRONT)}), out)
    assert not (out / "events").exists() and not (out / "events.json").exists()
    assert "events/index.html" not in (out / "index.html").read_text(encoding="utf-8")


def schema_validator(built: Path, name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((built / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_events_json_lists_each_events_claims_and_validates(built):
    document = json.loads((built / "events.json").read_text(encoding="utf-8"))
    schema_validator(built, "events.schema.json").validate(document)
    events = {e["id"]: e for e in document["events"]}
    assert events["blast"]["claims"] == ["first#moh-500", "first#moh-471", "first#moh-wounded", "second#share",
                                         "second#us-range", "second#hrw-none"]
    assert events["blast"]["url"] == "https://example.org/desk/events/blast.html"
    assert events["quiet"]["claims"] == [] and events["quiet"]["period_start"] is None
    claim_ids = {r["id"] for r in json.loads((built / "claims.json").read_text(encoding="utf-8"))["claims"]}
    assert set(events["blast"]["claims"]) <= claim_ids


def test_claims_json_carries_relays_events_and_supersession_and_validates(built):
    document = json.loads((built / "claims.json").read_text(encoding="utf-8"))
    schema_validator(built, "claims.schema.json").validate(document)
    by_id = {r["id"]: r for r in document["claims"]}
    first, later = by_id["first#moh-500"], by_id["first#moh-471"]
    assert first["superseded_by"] == ["first#moh-471"] and later["supersedes"] == "first#moh-500"
    assert first["status"] == "superseded"
    assert later["event_id"] == "blast" and later["event_url"] == "https://example.org/desk/events/blast.html"
    assert later["relayed_by"] == [{"by_id": "hrw", "by_name": "Human Rights Watch",
                                    "source": {"id": "hrw-report", "name": "HRW", "url": "https://example.org/hrw"},
                                    "wording": "471", "display": "471", "qualifier": "exact", "value": 471,
                                    "low": 471, "high": 471}]
    assert later["retracted"] is None and later["breakdown"] is None and later["of_which"] == []
    header, *rows = list(csv.reader(io.StringIO((built / "claims.csv").read_text(encoding="utf-8"), newline="")))
    row = dict(zip(header, next(r for r in rows if r[1] == "first#moh-471")))
    assert json.loads(row["relayed_by"]) == later["relayed_by"] and row["event_id"] == "blast"
    assert row["supersedes"] == "first#moh-500" and row["retracted"] == ""


def test_the_schema_rejects_an_unknown_finding_kind_and_a_bad_retraction(built):
    document = json.loads((built / "claims.json").read_text(encoding="utf-8"))
    check = schema_validator(built, "claims.schema.json")
    record = document["claims"][0]
    for good in ({"findings": ["claimants-disagree", "relay-differs", "breakdown-exceeds", "part-exceeds"]},
                 {"retracted": {"on": "2023-10-20", "source": None, "note": "withdrawn"}}):
        assert not list(check.iter_errors({**document, "claims": [{**record, **good}]})), good
    for bad in ({"findings": ["made-up"]}, {"retracted": {"on": "yesterday", "source": None, "note": None}},
                {"breakdown": "some"}):
        assert list(check.iter_errors({**document, "claims": [{**record, **bad}]})), bad


def test_each_comparison_chart_has_its_figures_as_csv_every_row_attributed(built):
    header, *rows = list(csv.reader(io.StringIO(
        (built / "charts/events/blast--killed--people.csv").read_text(encoding="utf-8"), newline="")))
    records = [dict(zip(header, r)) for r in rows]
    assert [(r["claimant_name"], r["wording"], r["status_label"]) for r in records] == [
        ("Gaza Ministry of Health", "at least 500", "Superseded claim"),
        ("Gaza Ministry of Health", "471", "Unverified claim"),
        ("US intelligence", "at the low end of the 100-to-300 spectrum", "Unverified claim"),
    ]
    assert records[2]["low"] == "100" and records[2]["high"] == "300"


def test_a_disagreement_found_from_both_claims_is_shown_once_on_the_event_page(built):
    """The check attaches a claimants-disagree finding to each of the two claims; the event page says it once, with
    links to both claims."""
    claims = {r["id"]: r for r in json.loads((built / "claims.json").read_text(encoding="utf-8"))["claims"]}
    assert "claimants-disagree" in claims["first#moh-471"]["findings"]
    assert "claimants-disagree" in claims["second#us-range"]["findings"]
    page = (built / "events/blast.html").read_text(encoding="utf-8")
    section = page.split('id="disagree"')[1].split("</section>")[0]
    assert section.count('class="finding"') == 1
    assert "first.html#claim-moh-471" in section and "second.html#claim-us-range" in section


def test_a_bar_names_the_relays_and_their_own_wording(tmp_path):
    job = event_chart_jobs(load_site(tmp_path))[("blast", "killed", "people")]
    assert job.spec.bars[1].note == "claimed 18 October 2023; relayed by Human Rights Watch as “471”"
    assert job.spec.bars[0].note == "claimed 17 October 2023"


def test_the_comparison_charts_words_come_from_the_sites_translations(tmp_path):
    site = load_site(tmp_path)
    (tmp_path / "config.yaml").write_text(SITE_CONFIG + """translations:
  comparison_chart.row: "{claimant} — {status}"
  comparison_chart.read_as: "«{wording}» (lu comme {reading})"
  status.unverified: Non vérifié
""", encoding="utf-8")
    job = event_chart_jobs(replace(site, config=load_config(tmp_path / "config.yaml")))[("blast", "killed", "people")]
    assert job.spec.bars[1].label == "Gaza Ministry of Health (Hamas) — Non vérifié"
    assert job.spec.bars[2].words == "«at the low end of the 100-to-300 spectrum» (lu comme 100–300 people)"
    assert "«at the low end of the 100-to-300 spectrum» (lu comme between 100 and 300 people)" in job.alt
