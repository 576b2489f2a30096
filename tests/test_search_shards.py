"""The search index in shards (render/search_shards.py): a big site's pages split by a hash of their path, each
shard its own Pagefind bundle, only the shards whose pages changed indexed again, and the UI merging them all.
Sites here are small: SHARD_PAGES is lowered so that 20 articles make several shards."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from site_gen.pipeline.build import BuildOptions, build, compile_site
from site_gen.pipeline.memo import BuildMemo
from site_gen.render import search_shards
from site_gen.render.search_shards import MANIFEST, plan_shards, shard_count, shard_of
from test_incremental import article, clean_build, site, tree  # noqa: F401 (site is a fixture)
from test_search import results_for, static_server

#: The shard size a build uses (each test here lowers it to 4).
DEFAULT_SHARD_PAGES = search_shards.SHARD_PAGES


@pytest.fixture(autouse=True)
def small_shards(monkeypatch):
    monkeypatch.setattr(search_shards, "SHARD_PAGES", 4)


@pytest.fixture
def runs(monkeypatch) -> list[str]:
    """The folder of each shard Pagefind indexes."""
    made: list[str] = []
    real = search_shards.pagefind_index

    def counted(files, paths=None, into="pagefind", primary=True):
        made.append(into)
        return real(files, paths, into, primary)

    monkeypatch.setattr(search_shards, "pagefind_index", counted)
    return made


def shard_folders(files: dict[str, bytes]) -> list[str]:
    return sorted({p.rsplit("/", 1)[0] for p in files if p.endswith("pagefind-entry.json")})


def indexed_urls(files: dict[str, bytes], folder: str) -> list[str]:
    """The page URLs in a bundle's fragments (gzip, a `pagefind_dcd` signature, then JSON)."""
    urls = []
    for path in sorted(p for p in files if p.startswith(f"{folder}/fragment/")):
        urls.append(json.loads(gzip.decompress(files[path]).removeprefix(b"pagefind_dcd"))["url"])
    return sorted(urls)


def test_the_count_is_a_power_of_two_and_a_page_keeps_its_shard_as_others_come_and_go():
    assert [shard_count(n, 4) for n in (0, 1, 4, 5, 8, 9, 17, 33)] == [1, 1, 1, 2, 2, 4, 8, 16]
    # The repo's own site (14 indexed pages of 121) and every test fixture keep one bundle in pagefind/.
    assert shard_count(121, DEFAULT_SHARD_PAGES) == 1
    pages = [f"articles/a{n:03d}.html" for n in range(40)]
    before = {s.number: s.pages for s in plan_shards(pages, lambda p: "0" * 64)}
    after = {s.number: s.pages for s in plan_shards(pages[:-1] + ["articles/new.html"], lambda p: "0" * 64)}
    moved = {p for number, members in before.items() for p in members if p not in after.get(number, ())}
    assert moved == {"articles/a039.html"}
    assert all(shard_of(p, 16) % 8 == shard_of(p, 8) for p in pages), "doubling the count only splits shards"


def test_a_sharded_index_is_the_same_bytes_every_time_and_merged_bundles_hold_only_what_merging_reads(
        site, tmp_path):
    one, two = clean_build(site, tmp_path / "one"), clean_build(site, tmp_path / "two", jobs=2)
    assert one == two
    folders = shard_folders(one)
    assert folders[0] == "pagefind" and len(folders) > 2, folders
    assert json.loads(one[MANIFEST]) == [f.removeprefix("pagefind/") + "/" for f in folders[1:]]
    for folder in folders[1:]:
        names = {p.removeprefix(folder + "/") for p in one if p.startswith(folder + "/")}
        assert {n.split("/")[0] for n in names} <= {"pagefind-entry.json", "index", "fragment", "filter"} | {
            n for n in names if n.endswith(".pf_meta")}, names
    assert "pagefind/pagefind-ui.js" in one and "pagefind/pagefind.js" in one
    every = [url for folder in folders for url in indexed_urls(one, folder)]
    articles = sorted(f"/{p}" for p in one if p.startswith("articles/") and p.endswith(".html"))
    assert sorted(every) == articles, "each article in exactly one shard"


def test_a_one_article_edit_indexes_only_its_shard_and_equals_a_clean_build(site, tmp_path, runs):
    build(BuildOptions(site / "config.yaml", jobs=2))
    shards = len(runs)
    assert shards > 2
    runs.clear()
    (site / "content" / "a07.md").write_text(article(7, "A word only here: quokka."))
    result = build(BuildOptions(site / "config.yaml", jobs=2))
    built = tree(site / "build")
    [folder] = runs
    assert "/articles/a07.html" in indexed_urls(built, folder)
    assert result.files_linked > 0
    assert built == clean_build(site, tmp_path / "clean")


def test_a_shard_file_changed_in_the_output_is_indexed_again_not_linked(site, tmp_path, runs):
    """The record says which files a shard's key made; a file that is no longer those bytes is not linked."""
    build(BuildOptions(site / "config.yaml", jobs=1))
    built = tree(site / "build")
    folder = shard_folders(built)[1]
    fragment = sorted(p for p in built if p.startswith(f"{folder}/fragment/"))[0]
    (site / "build" / fragment).write_bytes(b"tampered")
    runs.clear()
    (site / "content" / "a00.md").write_text(article(0, "Edited."))
    build(BuildOptions(site / "config.yaml", jobs=1))
    assert folder in runs
    assert tree(site / "build") == clean_build(site, tmp_path / "clean")


def test_serve_keeps_the_shards_and_indexes_only_the_changed_one(site, tmp_path, runs):
    options = BuildOptions(site / "config.yaml", chart_cache=False, jobs=1)
    memo = BuildMemo()
    compiled = compile_site(options, memo)
    memo.keep_build(compiled.page_keys, compiled.files)
    assert len(memo.search) == len(runs) > 2
    runs.clear()
    (site / "content" / "a03.md").write_text(article(3, "Edited."))
    compiled = compile_site(options, memo)
    assert len(runs) == 1 and len(memo.search) == len(shard_folders(compiled.files))
    assert compiled.files == clean_build(site, tmp_path / "clean")


def test_searching_finds_pages_of_every_shard_in_chromium(site, tmp_path, browser):
    for n in range(20):
        (site / "content" / f"a{n:02d}.md").write_text(article(n, f"Codeword wombat{n:02d} here."))
    out = tmp_path / "served"
    build(BuildOptions(site / "config.yaml", out_dir=out, base_url="https://example.org/", chart_cache=False))
    files = tree(out)
    folders = shard_folders(files)
    assert len(folders) > 2
    primary, last = indexed_urls(files, folders[0])[0], indexed_urls(files, folders[-1])[-1]
    with static_server(out) as origin:
        for url in (last, primary):  # a page of the last merged shard, then one of the primary bundle
            found = results_for(browser, origin + "/", "wombat" + url.removeprefix("/articles/a").removesuffix(".html"))
            assert [href for href, _ in found] == [url], found


def test_a_footer_edited_in_a_template_indexes_no_shard_again_and_equals_a_clean_build(site, tmp_path, runs):
    """Pagefind skips <footer> and <nav>: a shard's key is made from the pages without them (search_view), so a
    template change there re-renders every page but leaves every shard as it was."""
    build(BuildOptions(site / "config.yaml", jobs=1))
    assert len(runs) > 2
    runs.clear()
    (site / "templates" / "partials").mkdir(parents=True)
    (site / "templates" / "partials" / "footer.html").write_text("<p>Our own footer for {{ site.title }}.</p>\n")
    result = build(BuildOptions(site / "config.yaml", jobs=1))
    assert result.pages_rendered == result.pages, "every page shows the new footer"
    assert runs == []
    assert tree(site / "build") == clean_build(site, tmp_path / "clean")


def test_a_footer_holding_what_pagefind_reads_indexes_every_shard_again(site, tmp_path, runs):
    build(BuildOptions(site / "config.yaml", jobs=1))
    shards = len(runs)
    runs.clear()
    (site / "templates" / "partials").mkdir(parents=True)
    (site / "templates" / "partials" / "footer.html").write_text(
        '<p data-pagefind-meta="desk">Night desk of {{ site.title }}</p>\n')
    build(BuildOptions(site / "config.yaml", jobs=1))
    assert len(runs) == shards
    built = tree(site / "build")
    assert built == clean_build(site, tmp_path / "clean")


def test_page_facts_are_read_again_only_for_pages_whose_bytes_changed(site, monkeypatch):
    build(BuildOptions(site / "config.yaml", jobs=1))
    before = tree(site / "build")
    read: list[bytes] = []
    real = search_shards.search_facts
    monkeypatch.setattr(search_shards, "search_facts",
                        lambda html, with_view=True: read.append(html) or real(html, with_view))
    (site / "content" / "a05.md").write_text(article(5, "Edited once."))
    build(BuildOptions(site / "config.yaml", jobs=1))
    after = tree(site / "build")
    changed = sorted(after[p] for p in after if p.endswith(".html") and before.get(p) != after[p])
    assert b"Edited once." in b"".join(changed) and len(changed) < len(after) / 4
    assert sorted(set(read)) == changed
