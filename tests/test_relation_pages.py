"""Claims in relation on the built pages (§8): relays, unnamed claimants, unknown dates, parts of a total,
retraction and supersession on cards and lists, the corrections log, the feed, and the silent-status-change warning."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from pathlib import Path

import feedparser
import pytest

from helpers import build_site
from relation_site import EARLY, write_relation_site
from site_gen.core.problems import ContentErrors


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The relation site built once with --strict: its only weak spots are stated unknowns."""
    config = write_relation_site(tmp_path_factory.mktemp("relations"))
    result = build_site(config, strict=True)
    assert result.warnings == ()
    return config.parent / "build"


def page(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def card(site: Path, rel: str, claim_id: str) -> str:
    found = re.search(rf'<article class="claim-card[^"]*" id="claim-{claim_id}".*?</article>', page(site, rel), re.S)
    assert found, claim_id
    return found.group(0)


def words(markup: str) -> str:
    """The text a reader sees, on one line."""
    blocks = re.sub(r"</?(?:p|li|ul|ol|div|h\d|dt|dd|th|td|tr|section|header|caption|figcaption)\b[^>]*>", " ", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", blocks)).split())


def test_relays_are_listed_with_their_own_wording_our_reading_and_source(site):
    toll = card(site, "articles/early.html", "toll")
    assert ("Relayed by General Staff of the Armed Forces of Ukraine: “some 9,500 women” (read as: some 9,500) "
            "— source: OCHA update Reuters") in words(toll)
    assert '<a href="#source-ocha">OCHA update</a>' in toll
    assert "Claimed by Russian Ministry of Defence (side: Russia)" in words(toll)  # the claimant stays the claimant


def test_an_unnamed_claimant_is_said_as_such_and_never_linked(site):
    anon = card(site, "articles/early.html", "anon")
    assert "Claimed by an unnamed source: a Hezbollah source (side: Hezbollah), date not given." in words(anon)
    assert "not in the registry" not in anon and "claimants/" not in anon
    assert "An unnamed source: a Hezbollah source (Hezbollah) claims: about 20 fighters killed" in words(page(site, "timeline.html"))
    assert "An unnamed source: a Hezbollah source (side: Hezbollah)" in words(page(site, "figures.html"))
    assert 'id="figures-unnamed-1"' in page(site, "figures.html")
    assert "an unnamed source: a Hezbollah source" in words(page(site, "index.html"))
    assert "Claimed by an unnamed source: a Hezbollah source (Hezbollah): about 20 people killed" in page(site, "articles/early.html")  # JSON-LD


def test_no_page_feed_list_or_export_links_to_a_claimant_page_without_an_id(site):
    assert sorted(p.name for p in (site / "claimants").iterdir()) == ["ru-mod.html", "ru-mod.xml", "ua-gs.html", "ua-gs.xml"]
    offenders = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix in
                 (".html", ".xml", ".json", ".csv") and re.search(r'claimants/\.(html|xml)|claimants/"', p.read_text("utf-8"))]
    assert offenders == []


def test_an_unknown_date_is_said_and_sorted_by_the_article_date(site):
    timeline = words(page(site, "timeline.html"))
    assert "18 October 2023 (date not given; placed at the article's date) Unverified claim An unnamed source" in timeline
    assert timeline.index("1,400 killed") < timeline.index("about 20 fighters") < timeline.index("34,622 killed")
    assert "18 October 2023 (date not given; placed at the article's date) Unverified claim An unnamed source" in \
        words(page(site, "figures.html"))


def test_a_partial_breakdown_is_labelled_and_sub_figures_are_listed_never_summed(site):
    parts = card(site, "articles/early.html", "parts")
    assert "Breakdown of part of the total." in words(parts)
    assert "Of which (parts of the total) Critically injured: about 200 people Identified: 24,686 people" in words(parts)
    assert "24,886" not in parts and "37,508" not in parts  # neither summed together nor added to the total
    assert "(the groups cover only part of it)" in page(site, "figures.html")


def test_a_retraction_is_shown_wherever_the_claim_is(site):
    withdrawn = words(card(site, "articles/later.html", "withdrawn"))
    assert ("Retracted. The claimant withdrew this claim on 6 July 2024. Source: Ministry statement. "
            "The General Staff withdrew the figure.") in withdrawn
    assert "Unverified claim" in withdrawn  # and its status, in words
    article = page(site, "articles/later.html")
    assert '<span class="badge-status">Unverified claim, retracted by the claimant</span>' in article
    assert '<a href="#source-withdrawal">Ministry statement</a>' in article
    for rel in ("timeline.html", "figures.html", "claimants/ua-gs.html"):
        assert "Unverified claim retracted on 6 July 2024" in words(page(site, rel)), rel
    for rel in ("index.html", "tags/gaza.html"):
        assert "2 unverified claims; 1 retracted by the claimant" in words(page(site, rel)), rel


def test_supersession_links_both_ways_and_the_links_resolve(site):
    toll = card(site, "articles/early.html", "toll")
    assert "Superseded by claim revised of “Later figures” (around 1,200) on 5 July 2024." in words(toll)
    assert "Superseded claim" in words(toll)
    revised = card(site, "articles/later.html", "revised")
    assert "Supersedes claim toll of “Early figures” (1,400) on 18 October 2023." in words(revised)
    for source, target in (("early.html", "later.html#claim-revised"), ("later.html", "early.html#claim-toll")):
        assert f'href="{target}"' in page(site, f"articles/{source}")
        name, fragment = target.split("#")
        assert f'id="{fragment}"' in page(site, f"articles/{name}")


def test_the_corrections_log_is_at_the_top_most_recent_first_in_the_site_date_format(site):
    early = page(site, "articles/early.html")
    log = words(early[early.index('class="corrections"'):early.index("</section>", early.index('class="corrections"'))])
    assert log.endswith("21 October 2023: A relay's wording was corrected. "
                        "19 October 2023: The first figure was attributed to the wrong ministry.")
    assert early.index('class="corrections"') < early.index('<div class="body"') < early.index('id="claims-h"')


def test_the_feed_entry_is_updated_by_the_latest_correction_and_says_the_retraction(site):
    feed = feedparser.parse(page(site, "feed.xml"))
    entries = {e.title: e for e in feed.entries}
    assert entries["Early figures"].updated == "2023-10-21T00:00:00+03:00"
    assert entries["Early figures"].published == "2023-10-18T00:00:00+03:00"
    assert "Corrected on 2023-10-21: A relay's wording was corrected." in words(entries["Early figures"].content[0].value)
    later = words(entries["Later figures"].content[0].value)
    assert ("General Staff of the Armed Forces of Ukraine (Ukraine) claims: 300 killed. Claimed figure: 300 people. "
            "Unverified claim; not independently verified. Retracted by the claimant on 2024-07-06 (Ministry statement). "
            "The General Staff withdrew the figure.") in later
    assert "<lastmod>2023-10-21</lastmod>" in page(site, "sitemap.xml")


# --- a status changed since the last build ---------------------------------------------------------------------

DISPUTED = "    status: disputed\n    evidence: [ocha]\n    as_of: 2023-10-20\n"


def status_site(tmp_path: Path, status: str = DISPUTED, corrections: str = "") -> Path:
    text = EARLY.replace("    relayed_by:\n", status + "    relayed_by:\n", 1)
    if corrections:
        text = text.replace("corrections:\n", "corrections:\n" + corrections, 1)
    config = write_relation_site(tmp_path)
    (tmp_path / "content/articles/early.md").write_text(text, encoding="utf-8")
    return config


def backdate(site_root: Path, days: int = 3) -> None:
    """Make the last build look `days` old: its claims.json and the statuses it accepted."""
    claims = site_root / "build/claims.json"
    when = claims.stat().st_mtime - days * 86400
    os.utime(claims, (when, when))
    seen = site_root / ".sitegen-cache/statuses.json"
    if seen.exists():
        data = json.loads(seen.read_text(encoding="utf-8"))
        for entry in data["claims"].values():
            entry[2] = (dt.date.fromisoformat(entry[2]) - dt.timedelta(days=days)).isoformat()
        seen.write_text(json.dumps(data), encoding="utf-8")


def toll_line() -> int:
    return EARLY.splitlines().index("  - id: toll") + 1


def test_a_silent_status_change_is_a_warning_on_every_build_until_a_correction_covers_it(tmp_path):
    config = status_site(tmp_path)
    assert build_site(config).warnings == ()  # the first build has nothing to compare with
    backdate(tmp_path)
    status_site(tmp_path, DISPUTED.replace("disputed", "refuted"))
    [warning] = build_site(config).warnings
    assert warning.format() == (f"content/articles/early.md:{toll_line()}: claims.toll.status: warning: status changed "
                                "from disputed to refuted since the last build without a correction (add a corrections "
                                "entry or a newer as_of)")
    assert [w.field for w in build_site(config).warnings] == ["claims.toll.status"]  # not accepted by building again
    with pytest.raises(ContentErrors):
        build_site(config, strict=True)
    status_site(tmp_path, DISPUTED.replace("disputed", "refuted"), f"  - {{date: {dt.date.today()}, text: Refuted.}}\n")
    assert build_site(config, strict=True).warnings == ()


def test_without_a_cache_the_last_build_claims_json_is_compared(tmp_path):
    config = status_site(tmp_path)
    build_site(config, chart_cache=False)
    backdate(tmp_path)
    status_site(tmp_path, DISPUTED.replace("disputed", "refuted"))
    assert [w.field for w in build_site(config, chart_cache=False).warnings] == ["claims.toll.status"]
    assert not (tmp_path / ".sitegen-cache").exists()


@pytest.mark.parametrize("status, corrections", [
    (DISPUTED.replace("disputed", "refuted").replace("2023-10-20", "2023-10-22"), ""),  # a newer as_of
    (DISPUTED.replace("disputed", "refuted"), f"  - {{date: {dt.date.today().isoformat()}, text: Now refuted.}}\n"),
])
def test_a_status_change_with_a_correction_or_a_newer_as_of_is_not(tmp_path, status, corrections):
    config = status_site(tmp_path)
    build_site(config)
    backdate(tmp_path)
    status_site(tmp_path, status, corrections)
    assert build_site(config, strict=True).warnings == ()


def test_a_correction_older_than_the_last_build_does_not_cover_a_new_change(tmp_path):
    config = status_site(tmp_path)
    build_site(config)
    backdate(tmp_path)
    old = (dt.date.today() - dt.timedelta(days=10)).isoformat()
    status_site(tmp_path, DISPUTED.replace("disputed", "refuted"), f"  - {{date: {old}, text: An old fix.}}\n")
    assert [w.field for w in build_site(config).warnings] == ["claims.toll.status"]


def test_a_status_sitegen_derives_from_a_superseding_claim_is_not_a_silent_change(tmp_path):
    config = write_relation_site(tmp_path)
    later = tmp_path / "content/articles/later.md"
    later.write_text(later.read_text(encoding="utf-8").replace("    supersedes: early.md#toll\n", ""), encoding="utf-8")
    build_site(config)
    backdate(tmp_path)
    write_relation_site(tmp_path)  # the superseding claim is back: toll is superseded again
    assert build_site(config, strict=True).warnings == ()
