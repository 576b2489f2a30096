"""Many claims in one article (issue 11, item 8): findings, pages and comparisons grow linearly with the claims.

Nothing here is timed: growth is measured in findings, bytes and counted comparisons. Times are in
benchmarks/many_claims.py.
"""

from __future__ import annotations

import dataclasses

from helpers import article, build_site, messages, problems_of, write_site
from site_gen.content import articles as articles_module
from site_gen.render import pages
from site_gen.core.model import Claim

HEAD = """\
title: Many claims
date: 2024-07-05
sources:
  - id: mod
    name: Russian Ministry of Defence
    url: https://example.org/mod
    accessed: 2024-07-06
claims:
"""


def many_claims(n: int, conflicting: bool, extra: str = "") -> str:
    """An article with n claims by one claimant; conflicting ones share a period and differ in their totals."""
    claims = "".join(
        f"  - id: c{i:04d}\n    claimant: ru-mod\n    measure: killed\n    claimed_on: 2024-07-05\n"
        f"    period: {'2024-07-04' if conflicting else f'2023-{1 + i % 12:02d}-{1 + i % 28:02d}'}\n"
        f"    text: claim number {i}\n    total: {i + 1 if conflicting else 5}\n    sources: [mod]\n"
        for i in range(n)
    )
    marks = "\n".join(f"- [claim {i}]{{claim=c{i:04d}}}" for i in range(n))
    return article(HEAD + claims + extra, marks + "\n")


def test_conflicting_claims_give_one_finding_each_and_pages_that_grow_linearly(tmp_path):
    """2,000 conflicting claims gave 3,998,000 findings and a 1.2 GB page: one finding per pair."""
    sizes = {}
    for n in (100, 200):
        config = write_site(tmp_path / str(n), {"many.md": many_claims(n, conflicting=True)})
        result = build_site(config, jobs=1)
        assert len(result.findings) == n
        assert {f.kind for f in result.findings} == {"conflicting-figures"}
        sizes[n] = (config.parent / "build/articles/many.html").stat().st_size
    assert sizes[200] < 2.1 * sizes[100], sizes


def test_a_build_never_compares_claims_with_each_other(tmp_path, monkeypatch):
    """The timeline found each claim's place with `claims.index(claim)`: n²/2 comparisons of whole claims."""
    compared = []
    original = Claim.__eq__

    def counting_eq(self, other):
        compared.append(1)
        return original(self, other)

    monkeypatch.setattr(Claim, "__eq__", counting_eq)
    n = 300
    config = write_site(tmp_path, {"many.md": many_claims(n, conflicting=False)})
    result = build_site(config, jobs=1, chart_cache=False)
    assert result.claims == n
    assert len(compared) < n


class CountedId(str):
    """A claim id that counts how often it is compared for equality."""

    comparisons = 0

    def __eq__(self, other):
        CountedId.comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_duplicate_claim_ids_are_found_without_comparing_every_pair(tmp_path, monkeypatch):
    """Each claim's id was compared with every earlier claim's id: n²/2 comparisons (now a few per claim,
    from dictionary look-ups)."""
    read_claim = articles_module.read_claim

    def with_counted_id(*args, **kwargs):
        claim = read_claim(*args, **kwargs)
        return claim and dataclasses.replace(claim, id=CountedId(claim.id))

    monkeypatch.setattr(articles_module, "read_claim", with_counted_id)
    monkeypatch.setattr(CountedId, "comparisons", 0)
    n = 300
    duplicate = "  - id: c0007\n    claimant: ru-mod\n    text: again\n    claimed_on: 2024-07-05\n    sources: [mod]\n"
    config = write_site(tmp_path, {"many.md": many_claims(n, conflicting=False, extra=duplicate)})
    found = [m for m in messages(problems_of(config)) if "duplicate claim id" in m]
    assert found == [f'content/articles/many.md:{10 + 8 * n}: claims.c0007.id: duplicate claim id "c0007" '
                     "(claim ids must be unique within the article)"]
    assert CountedId.comparisons < 8 * n


class CountedEntries(list):
    """The timeline's entries, counting how often the whole list is walked."""

    walks = 0

    def __iter__(self):
        CountedEntries.walks += 1
        return super().__iter__()


def test_claimant_pages_do_not_each_walk_every_claim(tmp_path, monkeypatch):
    """Each claimant page picked its claims out of all the site's claims: claimants x claims steps."""
    timeline_entries = pages.timeline_entries
    monkeypatch.setattr(pages, "timeline_entries", lambda articles: CountedEntries(timeline_entries(articles)))
    monkeypatch.setattr(CountedEntries, "walks", 0)
    n = 100
    text = many_claims(n, conflicting=False)
    for i in range(n):
        text = text.replace(f"  - id: c{i:04d}\n    claimant: ru-mod\n", f"  - id: c{i:04d}\n    claimant: Blogger {i}\n")
    result = build_site(write_site(tmp_path, {"many.md": text}), jobs=1, chart_cache=False)
    assert (tmp_path / "build/claimants/blogger-99.html").is_file()
    assert result.claims == n
    assert CountedEntries.walks < 10


def test_problems_about_many_claims_stay_one_short_line_each(tmp_path):
    """Each unknown claim mark listed every claim id of the article in its hint, and each unknown source id every
    source: n problems of n ids each."""
    n = 300
    text = many_claims(n, conflicting=False).replace("{claim=c", "{claim=x")
    more_sources = "".join(f"  - {{id: s{i:03d}, url: https://example.org/{i}, accessed: 2024-07-06}}\n" for i in range(n))
    text = text.replace("claims:\n", more_sources + "claims:\n", 1).replace("sources: [mod]", "sources: [mod, elsewhere]")
    found = messages(problems_of(write_site(tmp_path, {"many.md": text})))
    unknown_sources = [m for m in found if 'unknown source id "elsewhere"' in m]
    assert len(unknown_sources) == n
    assert unknown_sources[0].endswith("(defined: mod, s000, s001, s002, s003, s004, s005, s006, s007, s008 and 291 more))")
    marks = [m for m in found if "claim mark names unknown claim id" in m]
    assert len(marks) == n
    assert marks[0].endswith('unknown claim id "x0000" (claims in this article: c0000, c0001, c0002, c0003, c0004, '
                             'c0005, c0006, c0007, c0008, c0009 and 290 more)')
    assert max(len(m) for m in found) < 300


def test_a_page_of_many_claims_makes_no_template_context_per_claim(tmp_path, monkeypatch):
    """Jinja made a new Context for every call of `t()`, `url()` or `lang_attrs()` inside a loop that sets a variable
    (the timeline: six per claim); the theme's functions are bound to the page, so none is made per claim."""
    from jinja2.runtime import Context

    made = []
    derived = Context.derived
    monkeypatch.setattr(Context, "derived", lambda self, *args, **kwargs: made.append(1) or derived(self, *args, **kwargs))
    n = 200
    result = build_site(write_site(tmp_path, {"many.md": many_claims(n, conflicting=False)}), jobs=1, chart_cache=False)
    assert result.claims == n
    assert "claim number 199" in (tmp_path / "build/timeline.html").read_text(encoding="utf-8")
    assert len(made) < n, len(made)
