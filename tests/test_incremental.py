"""Cached, incremental and parallel builds give exactly the bytes of a clean serial build."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_gen.pipeline.build import BuildOptions, build, compile_site
from site_gen.cli import main
from site_gen.pipeline.memo import BuildMemo
from site_gen.core.problems import ContentErrors
from site_gen.render.stage import EarlyPages
from site_gen.pipeline.output import MARKER
from site_gen.pipeline.last_build import RECORD

CONFIG = """title: Incremental Desk
base_url: https://example.org/inc/
timezone: UTC
claimants:
  ru-mod: {name: Russian Ministry of Defence, side: Russia, kind: government}
  ua-gs: {name: General Staff of the Armed Forces of Ukraine, side: Ukraine, kind: military}
"""


def article(n: int, extra: str = "") -> str:
    link = f" See [the previous one](a{n - 1:02d}.md)." if n else ""
    return f"""---
title: "Report {n}"
date: 2024-03-{1 + n % 28:02d}
tags: [t{n % 3}]
sources:
  - {{id: s, name: Wire {n}, url: "https://example.org/{n}", accessed: 2024-04-01}}
claims:
  - id: c
    claimant: {"ru-mod" if n % 2 else "ua-gs"}
    claimed_on: 2024-03-{1 + n % 28:02d}
    text: up to {500 + n} killed, by group
    total: up to {500 + n}
    by_group: {{North: about {100 + n}, South: more than {200 + n}, East: {50 + n}}}
    sources: [s]
---
The claimant said [up to {500 + n} were killed]{{claim=c}}.{link} {extra}
"""


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "config.yaml").write_text(CONFIG)
    for n in range(20):
        (root / "content" / f"a{n:02d}.md").write_text(article(n))
    return root


def tree(folder: Path) -> dict[str, bytes]:
    """The site's files in a build folder (not the marker that says sitegen made it)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MARKER}


def clean_build(root: Path, out: Path, jobs: int = 1) -> dict[str, bytes]:
    build(BuildOptions(root / "config.yaml", out_dir=out, chart_cache=False, jobs=jobs))
    return tree(out)


def cached_build(root: Path, jobs: int = 2):
    return build(BuildOptions(root / "config.yaml", jobs=jobs))


def test_parallel_output_is_identical_to_serial(site, tmp_path):
    assert clean_build(site, tmp_path / "serial", jobs=1) == clean_build(site, tmp_path / "parallel", jobs=2)


def edit_content(root: Path) -> None:
    (root / "content" / "a05.md").write_text(article(5, "An added sentence."))


def edit_template(root: Path) -> None:
    (root / "templates" / "partials").mkdir(parents=True)
    (root / "templates" / "partials" / "footer.html").write_text("<p>Our own footer for {{ site.title }}.</p>\n")


def edit_config(root: Path) -> None:
    (root / "config.yaml").write_text(CONFIG.replace("Incremental Desk", "Renamed Desk"))


def edit_static(root: Path) -> None:
    (root / "static" / "assets").mkdir(parents=True)
    (root / "static" / "assets" / "sitegen.css").write_text("body { color: black; }\n")


def delete_article(root: Path) -> None:
    (root / "content" / "a19.md").unlink()


def rename_article(root: Path) -> None:
    (root / "content" / "a19.md").rename(root / "content" / "renamed.md")


def set_article_language(root: Path) -> None:
    """`lang:` is shown on list pages (the title's lang attribute), not only on the article's page."""
    text = (root / "content" / "a06.md").read_text()
    (root / "content" / "a06.md").write_text(text.replace("tags:", "lang: uk\ntags:", 1))


def add_correction(root: Path) -> None:
    """A corrections entry moves the article's `updated` in the feeds, not only its own page."""
    text = (root / "content" / "a08.md").read_text()
    (root / "content" / "a08.md").write_text(text.replace(
        "tags:", "corrections:\n  - {date: 2024-04-02, text: The total was misquoted.}\ntags:", 1))


def edit_claim_figure(root: Path) -> None:
    text = (root / "content" / "a07.md").read_text()
    (root / "content" / "a07.md").write_text(text.replace("East: 57", "East: 58"))


@pytest.mark.parametrize("change", [edit_content, edit_template, edit_config, edit_static, delete_article,
                                    rename_article, edit_claim_figure, set_article_language, add_correction])
def test_incremental_build_equals_clean_build_after_each_kind_of_change(site, tmp_path, change):
    first = cached_build(site)
    assert first.pages_reused == 0 and first.charts_drawn == 40  # 20 charts, wide and narrow
    again = cached_build(site)
    assert again.charts_drawn == 0 and again.pages_rendered == 0, "a no-change rebuild renders nothing"
    change(site)
    result = cached_build(site)
    assert tree(site / "build") == clean_build(site, tmp_path / "clean")
    if change is edit_content:
        assert result.charts_drawn == 0 and 0 < result.pages_rendered < result.pages
    if change is edit_claim_figure:
        assert result.charts_drawn == 2  # the chart and its narrow variant


def test_corrupt_and_foreign_cache_files_are_ignored_with_a_warning(site, tmp_path):
    cached_build(site)
    cache = site / ".sitegen-cache"
    chart_entry = next((cache / "charts").rglob("*.svg"))
    chart_entry.write_bytes(chart_entry.read_bytes()[:-40] + b"tampered")
    (cache / "pages.json").write_text("{not json")
    (cache / RECORD).unlink()  # without the last build's record the build reads these (else it links its files)
    result = CliRunner().invoke(main, ["build", "--config", str(site / "config.yaml")])
    assert result.exit_code == 0, result.output
    assert "pages.json: page manifest is not JSON; ignored and rebuilt" in result.output
    assert "corrupt or foreign chart cache entry" in result.output
    assert tree(site / "build") == clean_build(site, tmp_path / "clean")
    again = CliRunner().invoke(main, ["build", "--config", str(site / "config.yaml")])
    assert "warning:" not in again.output, "the rebuilt cache is trusted again"


def test_the_language_of_an_article_without_claims_reaches_the_list_pages(site, tmp_path):
    """List pages set each title's lang attribute: a `lang:` change alone must re-render them, claims or not."""
    note = site / "content" / "note.md"
    note.write_text('---\ntitle: "A note"\ndate: 2024-03-30\ntags: [t1]\n---\nNo figures here.\n')
    cached_build(site)
    note.write_text(note.read_text().replace("tags:", "lang: uk\ntags:"))
    cached_build(site)
    assert tree(site / "build") == clean_build(site, tmp_path / "clean")


def test_a_hand_edited_output_page_is_rendered_again(site):
    cached_build(site)
    page = site / "build" / "articles" / "a03.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"Report 3", b"Edited by hand"))
    cached_build(site)
    assert page.read_bytes() == original


def test_profile_and_jobs_options(site):
    result = CliRunner().invoke(main, ["build", "--config", str(site / "config.yaml"), "--jobs", "2", "--profile"])
    assert result.exit_code == 0, result.output
    for phase in ("load and validate", "analyse", "charts", "render", "write", "total"):
        assert f"profile: {phase}" in result.output
    assert "40 drawn" in result.output
    shutil.rmtree(site / "build")
    second = CliRunner().invoke(main, ["build", "--config", str(site / "config.yaml"), "--no-cache"])
    assert "40 drawn" in second.output and not (site / "build" / ".sitegen-cache").exists()


def test_a_body_edit_after_the_first_paragraph_re_renders_only_that_page(site):
    cached_build(site)
    path = site / "content" / "a04.md"
    path.write_text(path.read_text() + "\nA second paragraph added later.\n")
    result = cached_build(site)
    assert result.pages_rendered == 1
    assert "A second paragraph added later." in (site / "build" / "articles" / "a04.html").read_text()


def test_site_templates_that_list_bodies_re_render_list_pages_on_body_edits(site, tmp_path):
    (site / "templates").mkdir()
    (site / "templates" / "index.html").write_text(
        '{% extends "base.html" %}{% block content %}{% for a in articles %}{{ a.body_html | safe }}'
        '{% endfor %}{% endblock %}\n')
    cached_build(site)
    path = site / "content" / "a04.md"
    path.write_text(path.read_text() + "\nA second paragraph added later.\n")
    cached_build(site)
    assert "A second paragraph added later." in (site / "build" / "index.html").read_text()
    assert tree(site / "build") == clean_build(site, tmp_path / "clean")


@pytest.mark.parametrize("change", [edit_content, edit_template, edit_config, edit_static, delete_article,
                                    rename_article, edit_claim_figure])
def test_serve_rebuilds_from_memory_equal_a_clean_build_after_each_kind_of_change(site, tmp_path, change):
    """What `serve` does: one memo for the session, results reused by identity, open pages handed over first."""
    options = BuildOptions(site / "config.yaml", chart_cache=False, jobs=1)
    memo = BuildMemo()
    for _ in range(2):  # the second build reuses everything it can from the first
        compiled = compile_site(options, memo)
        memo.keep_build(compiled.page_keys, compiled.files)
    assert compiled.result.pages_rendered == 0
    change(site)
    delivered: list[dict[str, bytes]] = []
    wanted = frozenset({"articles/a05.html", "index.html"})
    compiled = compile_site(options, memo, early=EarlyPages(wanted, lambda files, base_path: delivered.append(files)))
    assert compiled.files == clean_build(site, tmp_path / "clean")
    [early] = delivered
    assert all(early[path] == compiled.files[path] for path in early), "early files are the final ones"
    assert {p for p in early if p.endswith(".html")} <= wanted
    # The search index (pagefind/, with its own CSS) is made from the final pages, so it cannot go early.
    assert all(p in early for p in compiled.files if p.endswith((".svg", ".css")) and not p.startswith("pagefind/")), \
        "charts and statics go early"


def test_the_memo_sees_an_edit_that_keeps_every_stat_field(site, monkeypatch):
    """On filesystems with coarse timestamps an edit can keep size, mtime and ctime: a file hashed while its
    timestamps were recent is read again even when its stat is unchanged."""
    options = BuildOptions(site / "config.yaml", chart_cache=False, jobs=1)
    path = site / "content" / "a03.md"
    frozen = os.stat(path)
    real_stat = os.stat
    monkeypatch.setattr("site_gen.pipeline.memo.os.stat", lambda p, *a, **k: frozen if Path(p) == path else real_stat(p, *a, **k))
    memo = BuildMemo()
    compile_site(options, memo)
    memo.commit()
    path.write_text(path.read_text().replace("Report 3", "Report 9"))  # same size
    assert os.stat(path).st_size == frozen.st_size
    assert b"Report 9" in compile_site(options, memo).files["articles/a03.html"]


def test_the_memo_trusts_the_stat_of_settled_files_and_still_sees_edits(site, monkeypatch):
    monkeypatch.setattr("site_gen.pipeline.memo.RACY_NS", 0)  # utime just set every ctime to now
    options = BuildOptions(site / "config.yaml", chart_cache=False, jobs=1)
    an_hour_ago = time.time() - 3600
    for path in (site / "content").iterdir():
        os.utime(path, (an_hour_ago, an_hour_ago))
    memo = BuildMemo()
    compile_site(options, memo)
    memo.commit()
    compile_site(options, memo)
    assert len(memo._stats) == 20 and all(settled for _, _, settled in memo._stats.values())
    path = site / "content" / "a03.md"
    path.write_text(path.read_text().replace("Report 3", "Report 9"))
    assert b"Report 9" in compile_site(options, memo).files["articles/a03.html"]


def test_a_serve_rebuild_sees_a_link_broken_by_renaming_its_target(site):
    options = BuildOptions(site / "config.yaml", chart_cache=False, jobs=1)
    memo = BuildMemo()
    for _ in range(2):
        compiled = compile_site(options, memo)
        memo.keep_build(compiled.page_keys, compiled.files)
    (site / "content" / "a05.md").rename(site / "content" / "moved.md")
    with pytest.raises(ContentErrors) as failed:
        compile_site(options, memo)
    assert [Path(p.path).name for p in failed.value.errors] == ["a06.md"]
    assert "a05.md" in failed.value.errors[0].message


def test_a_rebuild_hard_links_unchanged_files_and_writes_only_changed_ones(site):
    cached_build(site)
    unchanged, edited = site / "build" / "articles" / "a01.html", site / "build" / "articles" / "a05.html"
    before = {path: os.stat(path).st_ino for path in (unchanged, edited)}
    edit_content(site)
    result = cached_build(site)
    assert os.stat(unchanged).st_ino == before[unchanged], "an unchanged page is the previous build's file"
    assert os.stat(edited).st_ino != before[edited]
    assert result.files_linked > 0.9 * len(tree(site / "build"))
    assert os.stat(unchanged).st_nlink == 1, "the previous build is gone once swapped out"


def test_a_build_failing_after_it_started_writing_leaves_the_previous_build_whole(site, monkeypatch):
    from site_gen.core.problems import SitegenError

    cached_build(site)
    before = tree(site / "build")
    edit_content(site)

    def failing(*args, **kwargs):
        raise SitegenError("the feed could not be made")

    monkeypatch.setattr("site_gen.pipeline.build.feed_files", failing)
    with pytest.raises(SitegenError):
        cached_build(site)
    assert tree(site / "build") == before
    assert sorted(p.name for p in site.iterdir()) == [".sitegen-cache", "build", "config.yaml", "content"]


#: Site footers (on every page, article pages included) that read other articles through the `tags` context.
READS_OTHER_ARTICLES = {
    "titles": "{% for tag, arts in tags.items() %}{% for a in arts %}<i>{{ a.title }}</i>{% endfor %}{% endfor %}\n",
    "bodies": "{% for tag, arts in tags.items() %}{% for a in arts %}{{ a.body_html | safe }}{% endfor %}{% endfor %}\n",
    "bodies by a computed name": "{% for tag, arts in tags.items() %}{% for a in arts %}"
                                 "{{ a[('bo' ~ 'dy') ~ '_html'] | safe }}{% endfor %}{% endfor %}\n",
}


@pytest.mark.parametrize("footer", READS_OTHER_ARTICLES, ids=str)
def test_a_site_template_that_starts_reading_other_articles_is_caught(site, tmp_path, footer):
    """What a page of a site with its own templates reads is not predicted from the theme: a footer that starts
    reading other articles (their titles, their bodies, by a name the key cannot see) must not leave stale pages."""
    cached_build(site)
    (site / "templates" / "partials").mkdir(parents=True)
    (site / "templates" / "partials" / "footer.html").write_text(READS_OTHER_ARTICLES[footer])
    cached_build(site)
    assert tree(site / "build") == clean_build(site, tmp_path / "clean1")
    path = site / "content" / "a04.md"
    path.write_text(path.read_text().replace('title: "Report 4"', 'title: "Report four"')
                    + "\nA second paragraph added later.\n")
    cached_build(site)
    assert "A second paragraph added later." in (site / "build" / "articles" / "a04.html").read_text()
    assert tree(site / "build") == clean_build(site, tmp_path / "clean2"), "a page read another article"


def test_sitegen_build_holds_no_chart_bytes_for_a_next_build(site, monkeypatch):
    """`build` streams charts to the output folder; what the chart cache remembers of them is their hashes
    (the signed list of checked charts), not their bytes, which only `serve` keeps for its next rebuild."""
    from site_gen.charts.cache import ChartCache

    seen: list[ChartCache] = []
    real_lookup = ChartCache.lookup
    monkeypatch.setattr(ChartCache, "lookup", lambda self, *a, **k: seen.append(self) or real_lookup(self, *a, **k))
    (site / "config.yaml").write_text(CONFIG + "search: false\n")
    cached_build(site, jobs=1)
    assert seen and all(isinstance(v, str) and len(v) == 64 for cache in seen for v in cache.used.values())
    (site / ".sitegen-cache" / RECORD).unlink()
    clean = tree(site / "build")
    shutil.rmtree(site / "build")
    again = cached_build(site, jobs=1)
    assert again.charts_drawn == 0 and again.cards_drawn == 0, "the hashes kept vouch for the cached charts and cards"
    assert tree(site / "build") == clean


def test_exports_and_feeds_are_linked_while_what_they_show_is_unchanged(site, tmp_path, monkeypatch):
    """A body edit after the first paragraph changes no export or feed: they are linked from the last build, not
    made again; a figure edit makes them again. Either way the build equals a clean one."""
    import site_gen.pipeline.build as pipeline
    import site_gen.pipeline.steps as steps

    made: list[str] = []
    feeds, exports = pipeline.feed_files, steps.exports_from
    monkeypatch.setattr(pipeline, "feed_files", lambda *a: made.append("feeds") or feeds(*a))
    monkeypatch.setattr(steps, "exports_from", lambda *a: made.append("exports") or exports(*a))
    cached_build(site)
    assert made == ["exports", "feeds"]
    path = site / "content" / "a04.md"
    path.write_text(path.read_text() + "\nA second paragraph added later.\n")
    made.clear()
    cached_build(site)
    assert made == [], "nothing they show changed"
    assert tree(site / "build") == clean_build(site, tmp_path / "clean")
    edit_claim_figure(site)
    made.clear()
    cached_build(site)
    assert made == ["exports", "feeds"]
    assert tree(site / "build") == clean_build(site, tmp_path / "clean2")
