"""`sitegen serve` without a browser: routing and path safety, the rebuild loop, events, the memo, the command."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers import article, write_site
from serve_support import (CSS, FIRST, SECOND, EventStream, broken_article, first_article, get, running_preview,
                           wait_until, write_small_site)
from series_site import series_site
from site_gen.pipeline.build import BuildOptions, build, compile_site
from site_gen.preview.devserver import content_type, inject
from site_gen.pipeline.memo import BuildMemo
from site_gen.preview.serve import BuildFailed, Built, Preview, SiteBuilder, is_loopback
from site_gen.preview.site_state import Route, SiteState, route
from site_gen.preview.watch import SourceFilter, is_editor_temp

REPO = Path(__file__).parent.parent
FILES = {"index.html": b"<html><body>home</body></html>", "articles/a.html": b"<p>a</p>",
         "articles/index.html": b"<p>list</p>", "assets/site.css": b"body{}"}


# --- routing: only output files under the base path; anything that could leave the site is a 404 ----------

@pytest.mark.parametrize("path", [
    "/../config.yaml", "/desk/../config.yaml", "/desk/../../etc/passwd", "/desk/%2e%2e/config.yaml",
    "/desk/%2E%2E/%2e%2e/etc/passwd", "/desk/..%2fconfig.yaml", "/desk/..%2Fconfig.yaml", "/desk/..%5cconfig.yaml",
    "/desk/.%2e/config.yaml", "/desk/./index.html", "//etc/passwd", "/desk//etc/passwd", "/etc/passwd",
    "/desk/%2Fetc%2Fpasswd", "/desk/%00index.html", "/desk/index.html%00", "/desk/%ff.html", "http://evil.example/desk/",
    "/desk/articles/a.html/..", "/articles/a.html", "desk/index.html", "/desk/%252e%252e/config.yaml",
])
def test_paths_that_could_leave_the_site_are_not_found(path):
    assert route(path, "/desk/", FILES) == Route()


@pytest.mark.parametrize("path, expected", [
    ("/desk/", Route(rel="index.html")),
    ("/desk/index.html", Route(rel="index.html")),
    ("/desk/articles/a.html", Route(rel="articles/a.html")),
    ("/desk/articles%2Fa.html", Route(rel="articles/a.html")),
    ("/desk/articles/", Route(rel="articles/index.html")),
    ("/desk/articles", Route(location="/desk/articles/")),
    ("/", Route(location="/desk/")),
    ("/desk", Route(location="/desk/")),
    ("/desk/missing.html", Route()),
])
def test_the_site_is_served_under_its_base_path(path, expected):
    assert route(path, "/desk/", FILES) == expected


def test_at_the_root_base_path_the_root_is_the_home_page():
    assert route("/", "/", FILES) == Route(rel="index.html")
    assert route("/articles/a.html", "/", FILES) == Route(rel="articles/a.html")
    assert route("/%2e%2e/etc/passwd", "/", FILES) == Route()


def test_the_script_goes_before_the_last_closing_body_tag_only():
    assert inject(b"<body>x</BODY><!-- </body> -->", b"<s>") == b"<body>x</BODY><!-- <s></body> -->"
    assert inject(b"<p>no body</p>", b"<s>") == b"<p>no body</p><s>"


def test_content_types():
    assert content_type("a/b.html") == "text/html; charset=utf-8"
    assert content_type("assets/sitegen.css") == "text/css; charset=utf-8"
    assert content_type("charts/x.svg") == "image/svg+xml; charset=utf-8"
    assert content_type("favicon.png") == "image/png"
    assert content_type("CNAME") == "application/octet-stream"


def test_loopback_hosts():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("example.org")


# --- the site state: diffs, events, and what a browser that connects late is told ---------------------------

def test_a_publish_reports_exactly_the_changed_and_removed_paths():
    state = SiteState()
    first = state.publish(dict(FILES), "/")
    assert set(first.changed) == set(FILES) and first.generation == 1
    events = state.subscribe(since=1)
    assert events.get(timeout=1)[0] == "hello"
    new = {**FILES, "assets/site.css": b"body{color:red}"}
    del new["articles/index.html"]
    change = state.publish(new, "/")
    assert (change.changed, change.removed, change.generation) == (("assets/site.css",), ("articles/index.html",), 2)
    assert events.get(timeout=1) == ("change", change.as_event())
    same = state.publish(dict(new), "/")
    assert same.changed == () and same.removed == () and same.generation == 2
    assert events.empty(), "an identical rebuild must not tell browsers anything"


def test_a_browser_that_connects_late_hears_what_it_missed_and_the_current_error():
    state = SiteState()
    state.publish(dict(FILES), "/")
    state.publish({**FILES, "articles/a.html": b"<p>a2</p>"}, "/")
    state.fail(["content/articles/a.md:3: YAML syntax error"])
    events = state.subscribe(since=1)
    names = [events.get(timeout=1) for _ in range(3)]
    assert names[0] == ("hello", {"generation": 2, "instance": state.instance, "error": True})
    assert names[1][0] == "change" and names[1][1]["changed"] == ["articles/a.html"]
    assert names[2] == ("failed", {"lines": ["content/articles/a.md:3: YAML syntax error"]})
    up_to_date = state.subscribe(since=2)
    assert up_to_date.get(timeout=1)[0] == "hello" and up_to_date.get(timeout=1)[0] == "failed"
    assert up_to_date.empty()


def test_requests_wait_while_a_rebuild_is_due():
    state = SiteState()
    state.publish(dict(FILES), "/")
    state.mark_stale()
    started = time.monotonic()
    threading.Timer(0.3, lambda: state.publish({**FILES, "index.html": b"new"}, "/")).start()
    snap = state.snapshot(wait=5)
    assert snap.files["index.html"] == b"new"
    assert time.monotonic() - started >= 0.25


def test_pages_handed_over_early_are_served_at_once_and_everything_else_waits():
    state = SiteState()
    state.publish(dict(FILES), "/")
    events = state.subscribe(since=1, page="articles/a.html")
    events.get(timeout=1)
    assert state.open_pages() == frozenset({"articles/a.html"})
    state.mark_stale()
    early = state.publish_early({"articles/a.html": b"<p>a2</p>", "assets/site.css": FILES["assets/site.css"]}, "/")
    assert early.partial and early.changed == ("articles/a.html",), "unchanged early files are not news"
    assert events.get(timeout=1) == ("change", early.as_event())
    started = time.monotonic()
    assert state.snapshot(wait=5, raw_path="/articles/a.html").files["articles/a.html"] == b"<p>a2</p>"
    assert time.monotonic() - started < 0.2, "an early page must not wait for the rest of the rebuild"
    threading.Timer(0.3, lambda: state.publish({**FILES, "articles/a.html": b"<p>a2</p>",
                                                "index.html": b"new index"}, "/")).start()
    assert state.snapshot(wait=5, raw_path="/index.html").files["index.html"] == b"new index"
    assert time.monotonic() - started >= 0.25, "a page not handed over early waits for the whole build"
    final = events.get(timeout=1)[1]
    assert final["changed"] == ["index.html"] and not final["partial"], "the early page is not reloaded twice"


def test_a_failed_rebuild_takes_back_what_it_handed_over_early():
    state = SiteState()
    state.publish(dict(FILES), "/")
    events = state.subscribe(since=1, page="articles/a.html")
    events.get(timeout=1)
    state.mark_stale()
    state.publish_early({"articles/a.html": b"<p>from the failed build</p>", "assets/site.css": FILES["assets/site.css"]},
                        "/")
    state.fail(["templates/tag.html:3: template error: boom"])
    got = [events.get(timeout=1) for _ in range(3)]
    assert [name for name, _ in got] == ["change", "change", "failed"]
    assert got[1][1]["changed"] == ["articles/a.html"], "only what was announced is taken back"
    assert state.snapshot(wait=0).files["articles/a.html"] == FILES["articles/a.html"]


# --- the watcher's filter ------------------------------------------------------------------------------------

def test_editor_temp_files_outputs_and_caches_are_not_sources(tmp_path):
    source_filter = SourceFilter(ignore=[tmp_path / "build"], keep=[tmp_path / ".config.yaml"])
    wanted = lambda rel: source_filter.wanted(tmp_path / rel, tmp_path)  # noqa: E731
    assert wanted("content/articles/a.md") and wanted("templates/base.html") and wanted("data/x/figures.csv")
    assert wanted(".config.yaml"), "an explicitly kept file counts even if hidden"
    for rel in ("build/index.html", ".sitegen-cache/charts/ab/x.svg", ".git/index", "content/.a.md.swp",
                "content/articles/a.md~", "content/articles/.#a.md", "content/articles/#a.md#", "content/4913",
                "node_modules/x/y.js", "content/__pycache__/x.pyc", "content/a.md___jb_tmp___"):
        assert not wanted(rel), rel
    assert is_editor_temp("a.md.swp") and not is_editor_temp("a.md")


def test_hidden_folders_above_the_watched_folder_do_not_hide_the_site(tmp_path):
    hidden = tmp_path / ".work" / "site"
    assert SourceFilter().wanted(hidden / "content" / "a.md", hidden)


def test_only_the_builds_inputs_are_sources(tmp_path):
    config = series_site(tmp_path)
    builder = SiteBuilder(BuildOptions(config_path=config))
    builder()
    wanted = lambda rel: builder.source_filter().wanted(tmp_path / rel, tmp_path)  # noqa: E731
    data_file = next(p for p in builder.memo.declared_files).relative_to(tmp_path).as_posix()
    for rel in ("config.yaml", "content/articles/a.md", "content/claimants.yaml", "content/series/x.yaml",
                "templates/base.html", "static/x/y.css", data_file):
        assert wanted(rel), rel
    for rel in ("serve.log", "notes.txt", "data/serve.log", "logs/serve.log", "build/index.html",
                ".sitegen-cache/pages.json", "content/.a.md.swp", "README.md"):
        assert not wanted(rel), rel
    watched = {(p.relative_to(tmp_path).as_posix(), recursive) for p, recursive in builder.folders()}
    assert {(".", False), ("content", True), (Path(data_file).parent.as_posix(), False)} <= watched
    assert not any(recursive and name in (".", "data", "build") for name, recursive in watched)


def test_a_log_file_written_into_the_site_folder_does_not_start_rebuilds(tmp_path):
    """`sitegen serve > serve.log` in the site's folder: each rebuild logs a line, which must not be a change."""
    write_small_site(tmp_path)
    log_file = tmp_path / "serve.log"

    def log(line: str) -> None:
        with log_file.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")

    builder = SiteBuilder(BuildOptions(config_path=tmp_path / "config.yaml"))
    with Preview(builder, builder.folders, builder.source_filter(), log=log) as preview:
        assert preview.wait_idle(120)
        (tmp_path / "build").mkdir(exist_ok=True)
        (tmp_path / "build" / "index.html").write_text("written by hand")
        (tmp_path / FIRST).write_text(first_article("An edit after the log lines."), encoding="utf-8")
        assert wait_until(lambda: preview.builds == 2, timeout=30)
        time.sleep(1.0)  # time for the log line of that rebuild to be seen, and for any rebuild it would start
        assert preview.wait_idle(5) and preview.builds == 2, "the log file restarted the build"
    assert "Rebuilt in" in log_file.read_text(encoding="utf-8")


def test_fifty_concurrent_connections_are_all_accepted_and_answered():
    """Connections made while the server is not yet accepting wait in the listen backlog: none is dropped."""
    from concurrent.futures import ThreadPoolExecutor

    from site_gen.preview.devserver import DevServer

    state = SiteState()
    state.publish(dict(FILES), "/")
    server = DevServer(state)

    def connect(_):
        sock = socket.socket()
        sock.settimeout(3)
        try:
            sock.connect((server.host, server.port))
        except OSError:
            sock.close()
            return None
        return sock

    with ThreadPoolExecutor(50) as pool:
        socks = list(pool.map(connect, range(50)))
    try:
        assert sum(s is not None for s in socks) == 50, "connections beyond the listen backlog were dropped"
        server.start()

        def ask(sock):
            sock.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return sock.makefile("rb").readline()

        with ThreadPoolExecutor(50) as pool:
            assert list(pool.map(ask, socks)) == [b"HTTP/1.0 200 OK\r\n"] * 50
    finally:
        for sock in socks:
            if sock is not None:
                sock.close()
        server.stop()


# --- the memo: a rebuild reuses parses and charts and still equals a fresh build -----------------------------

def test_a_memo_rebuild_equals_a_fresh_build_and_reuses_unchanged_articles(tmp_path):
    config = write_small_site(tmp_path)
    options = BuildOptions(config_path=config, chart_cache=False)
    memo = BuildMemo()
    first = compile_site(options, memo)
    memo.commit()
    assert first.files == compile_site(options).files
    (tmp_path / FIRST).write_text(first_article("An edited body."), encoding="utf-8")
    hits = memo.hits
    second = compile_site(options, memo)
    memo.commit()
    assert memo.hits - hits >= 1, "the unchanged article should have been reused"
    assert second.files == compile_site(options).files
    assert b"An edited body." in second.files["articles/first.html"]
    assert second.files["articles/second.html"] == first.files["articles/second.html"]


def test_a_rebuild_renders_only_pages_whose_inputs_changed_and_equals_a_fresh_build(tmp_path):
    config = write_small_site(tmp_path)
    options = BuildOptions(config_path=config, chart_cache=False)
    builder = SiteBuilder(options)
    builder()
    (tmp_path / FIRST).write_text(first_article("Only this page's text changed."), encoding="utf-8")
    hits = builder.memo.hits
    again = compile_site(options, builder.memo)
    assert again.files == compile_site(options).files
    assert builder.memo.hits > hits
    assert again.result.pages_reused >= 1, "the second article's page should have been reused"
    assert again.result.pages_rendered < again.result.pages


def test_the_serve_summary_counts_findings_as_the_build_summary_does(tmp_path):
    config = series_site(tmp_path / "site")
    result = build(BuildOptions(config_path=config, chart_cache=False, out_dir=tmp_path / "out"))
    assert result.series_findings, "the series site should have series findings (a revision)"
    summary = SiteBuilder(BuildOptions(config_path=config, chart_cache=False))().summary
    assert f"; {len(result.findings) + len(result.series_findings)} findings," in summary


def test_templates_added_edited_and_removed_between_rebuilds_are_used(tmp_path):
    """The memo keeps the compiled templates only while the site's template files are byte-identical."""
    config = write_small_site(tmp_path)
    options = BuildOptions(config_path=config, chart_cache=False)
    builder = SiteBuilder(options)
    builder()
    override = tmp_path / "templates" / "partials" / "footer.html"
    for text in ("<p>FOOTER-ONE</p>\n", "<p>FOOTER-TWO</p>\n", None):
        if text is None:
            override.unlink()
        else:
            override.parent.mkdir(parents=True, exist_ok=True)
            override.write_text(text, encoding="utf-8")
        built = builder()
        assert built.files == compile_site(options).files
        page = built.files["articles/second.html"]
        assert (b"FOOTER-ONE" in page, b"FOOTER-TWO" in page) == (text == "<p>FOOTER-ONE</p>\n",
                                                                    text == "<p>FOOTER-TWO</p>\n")


def test_a_reused_body_follows_the_article_it_links_to(tmp_path):
    """first.md is unchanged, but the article its link points to moves: its HTML must not be reused."""
    config = write_small_site(tmp_path)
    (tmp_path / FIRST).write_text(first_article("See [the second one](second.md)."), encoding="utf-8")
    options = BuildOptions(config_path=config, chart_cache=False)
    memo = BuildMemo()
    before = compile_site(options, memo).files["articles/first.html"]
    memo.commit()
    assert b'href="second.html"' in before
    second = (tmp_path / SECOND).read_text(encoding="utf-8")
    (tmp_path / SECOND).write_text(second.replace("title: Second article", "title: Second article\nslug: moved"),
                                   encoding="utf-8")
    after = compile_site(options, memo).files
    assert b'href="moved.html"' in after["articles/first.html"]
    assert after == compile_site(options).files


def test_the_memo_forgets_files_no_longer_built(tmp_path):
    config = write_small_site(tmp_path)
    options = BuildOptions(config_path=config, chart_cache=False)
    memo = BuildMemo()
    compile_site(options, memo)
    memo.commit()
    assert memo.size == 4, "a parse and a body for each of the two articles"
    (tmp_path / SECOND).unlink()
    compile_site(options, memo)
    memo.commit()
    assert memo.size == 2


def test_a_failed_build_does_not_make_the_memo_forget(tmp_path):
    config = write_small_site(tmp_path)
    options = BuildOptions(config_path=config, chart_cache=False)
    memo = BuildMemo()
    compile_site(options, memo)
    memo.commit()
    before = memo.size
    (tmp_path / FIRST).write_text(broken_article(), encoding="utf-8")
    with pytest.raises(Exception):
        compile_site(options, memo)
    assert memo.size >= before


# --- the rebuild loop with a stand-in builder (the server knows nothing about Markdown) ----------------------

class CountingBuilder:
    """Returns version N of a two-file site, after `delay` seconds; can be told to fail."""

    def __init__(self):
        self.version = 1
        self.delay = 0.0
        self.failing: list[str] | None = None
        self.calls = 0

    def __call__(self, early=None) -> Built:
        self.calls += 1
        version = self.version
        time.sleep(self.delay)
        if self.failing:
            raise BuildFailed(self.failing, "Build failed")
        page = f"<!doctype html><html><body><p>version {version}</p></body></html>".encode()
        return Built({"index.html": page, "about.html": b"<html><body>about</body></html>"}, "/")


@pytest.fixture
def counting():
    builder = CountingBuilder()
    preview = Preview(builder, log=lambda line: None)
    preview.start()
    try:
        assert preview.wait_idle(10)
        yield builder, preview
    finally:
        preview.stop()


def test_a_request_during_a_rebuild_gets_the_new_page_not_the_old_one(counting):
    builder, preview = counting
    builder.delay, builder.version = 0.6, 2
    started = time.monotonic()
    preview.changed({"x"})
    status, _, body = get(preview, "/")
    assert status == 200 and b"version 2" in body
    assert time.monotonic() - started >= 0.5, "the request should have waited for the rebuild"


def test_a_burst_of_changes_is_one_rebuild(counting):
    builder, preview = counting
    calls = builder.calls
    for _ in range(10):
        preview.changed({"x"})
        time.sleep(0.01)
    assert preview.wait_idle(10)
    assert builder.calls == calls + 1


def test_a_failed_rebuild_keeps_the_last_good_site_and_reports_the_lines(counting):
    builder, preview = counting
    stream = EventStream(preview.server.host, preview.server.port, page="index.html", generation=1)
    try:
        assert stream.next().name == "hello"
        builder.version, builder.failing = 3, ["content/articles/a.md:3: YAML syntax error: bad"]
        preview.changed({"x"})
        failed = stream.next_named("failed")
        assert failed.data == {"lines": ["content/articles/a.md:3: YAML syntax error: bad"]}
        status, _, body = get(preview, "/")
        assert status == 200 and b"version 1" in body
        builder.failing = None
        preview.changed({"x"})
        change = stream.next_named("change")
        assert change.data["recovered"] is True and change.data["changed"] == ["index.html"]
        assert b"version 3" in get(preview, "/")[2]
    finally:
        stream.close()


def test_a_builder_bug_is_a_message_and_the_server_keeps_running(counting):
    builder, preview = counting

    def crash(early=None):
        raise KeyError("boom")

    preview.builder = crash
    preview.changed({"x"})
    assert preview.wait_idle(10)
    assert preview.state.error == ("internal error: KeyError: 'boom'",)
    assert get(preview, "/")[0] == 200


def test_stopping_leaves_no_threads_behind():
    before = set(threading.enumerate())
    preview = Preview(CountingBuilder(), log=lambda line: None).start()
    assert preview.wait_idle(10)
    stream = EventStream(preview.server.host, preview.server.port)
    assert stream.next().name == "hello"
    started = time.monotonic()
    preview.stop()
    assert time.monotonic() - started < 1.0
    stream.close()
    assert wait_until(lambda: set(threading.enumerate()) <= before, timeout=2), \
        [t.name for t in set(threading.enumerate()) - before]


# --- the real site over HTTP ---------------------------------------------------------------------------------

def test_served_pages_carry_the_script_but_build_output_never_does(tmp_path):
    write_small_site(tmp_path)
    with running_preview(tmp_path) as preview:
        assert preview.server.host == "127.0.0.1"
        status, headers, body = get(preview, "/desk/articles/first.html")
        assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
        assert body.count(b'<script src="/__sitegen__/live.js"') == 1
        assert b'data-page="articles/first.html"' in body
        status, headers, css = get(preview, "/desk/assets/sitegen.css")
        assert status == 200 and b"__sitegen__" not in css and headers["content-type"].startswith("text/css")
        assert headers["cache-control"] == "no-store"
        assert get(preview, "/")[0:2][0] == 302 and get(preview, "/")[1]["location"] == "/desk/"
        assert get(preview, "/desk/articles/first.html", "HEAD")[2] == b""
    assert not (tmp_path / "build").exists(), "serve must never write build/"


def test_traversal_attempts_over_http_get_404_and_never_the_file(tmp_path):
    site = tmp_path / "site"
    write_small_site(site)
    (tmp_path / "secret.txt").write_text("TOP-SECRET-OUTSIDE", encoding="utf-8")
    (site / "secret.txt").write_text("TOP-SECRET-ROOT", encoding="utf-8")
    with running_preview(site) as preview:
        for path in ("/desk/../secret.txt", "/desk/../../secret.txt", "/desk/%2e%2e/secret.txt",
                     "/desk/%2e%2e/%2e%2e/secret.txt", "/desk/..%2fsecret.txt", "/desk/..%5csecret.txt",
                     f"/desk/{tmp_path}/secret.txt", f"/{tmp_path}/secret.txt", f"/desk/%2F{str(tmp_path)[1:]}/secret.txt",
                     "//etc/passwd", "/desk/config.yaml", "/desk/content/articles/first.md", "/etc/passwd",
                     "/desk/%2e%2e/config.yaml", "/__sitegen__/../desk/config.yaml"):
            status, _, body = get(preview, path)
            assert status == 404, path
            assert b"TOP-SECRET" not in body and b"root:" not in body and b"title: Test Desk" not in body, path


def test_symlinks_pointing_out_of_the_site_are_not_served(tmp_path):
    """Only bytes the build produced are served: a link in the sources to a file outside is never followed."""
    site = tmp_path / "site"
    write_small_site(site)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("TOP-SECRET-OUTSIDE", encoding="utf-8")
    (site / "leak.txt").symlink_to(outside / "secret.txt")
    (site / "content" / "leak.txt").symlink_to(outside / "secret.txt")
    (site / "content" / "articles" / "linked").symlink_to(outside, target_is_directory=True)
    with running_preview(site) as preview:
        for path in ("/desk/leak.txt", "/desk/content/leak.txt", "/desk/articles/linked/secret.txt",
                     "/desk/linked/secret.txt", "/desk/content/articles/linked/secret.txt"):
            status, _, body = get(preview, path)
            assert status == 404 and b"TOP-SECRET" not in body, path


def test_unknown_pages_get_the_sites_404_page_with_the_script(tmp_path):
    write_small_site(tmp_path)
    with running_preview(tmp_path) as preview:
        status, _, body = get(preview, "/desk/no-such-page.html")
        assert status == 404 and b'data-page="404.html"' in body


def test_an_edit_is_served_by_the_next_request_even_mid_rebuild(tmp_path):
    write_small_site(tmp_path)
    with running_preview(tmp_path) as preview:
        (tmp_path / FIRST).write_text(first_article("Edited while the server runs."), encoding="utf-8")
        assert wait_until(lambda: preview.pending, timeout=5), "the watcher did not see the edit"
        status, _, body = get(preview, "/desk/articles/first.html")
        assert status == 200 and b"Edited while the server runs." in body


def test_events_name_only_the_outputs_that_changed(tmp_path):
    write_small_site(tmp_path)
    with running_preview(tmp_path) as preview:
        stream = EventStream(preview.server.host, preview.server.port, "articles/first.html", preview.state.generation)
        try:
            assert stream.next().name == "hello"
            (tmp_path / FIRST).write_text(first_article("A new sentence."), encoding="utf-8")
            first = stream.next_named("change").data
            assert first["partial"] and first["changed"] == ["articles/first.html"], "the open page comes first"
            rest = stream.next_named("change").data
            assert not rest["partial"] and "articles/first.html" not in rest["changed"]
            assert "index.html" in rest["changed"] and "articles/second.html" not in rest["changed"]
            (tmp_path / CSS).parent.mkdir(parents=True)
            (tmp_path / CSS).write_text("body { color: rgb(1, 2, 3); }\n", encoding="utf-8")
            assert stream.next_named("change").data["changed"] == ["assets/sitegen.css"]
        finally:
            stream.close()


def test_broken_yaml_keeps_the_last_good_site_and_sends_the_cli_lines(tmp_path):
    write_small_site(tmp_path)
    with running_preview(tmp_path) as preview:
        stream = EventStream(preview.server.host, preview.server.port, "articles/first.html", preview.state.generation)
        try:
            assert stream.next().name == "hello"
            (tmp_path / FIRST).write_text(broken_article(), encoding="utf-8")
            lines = stream.next_named("failed").data["lines"]
            assert any(line.startswith(f"{FIRST}:3: YAML syntax error") for line in lines), lines
            status, _, body = get(preview, "/desk/articles/first.html")
            assert status == 200 and b"The first body says hello." in body
            (tmp_path / FIRST).write_text(first_article("Fixed again."), encoding="utf-8")
            change = stream.next_named("change")
            assert change.data["recovered"] and "articles/first.html" in change.data["changed"]
            assert b"Fixed again." in get(preview, "/desk/articles/first.html")[2]
        finally:
            stream.close()


def test_the_overlay_lines_are_the_lines_the_build_command_prints(tmp_path, cli):
    write_small_site(tmp_path)
    (tmp_path / FIRST).write_text(broken_article(), encoding="utf-8")
    result = cli(["build", "--config", str(tmp_path / "config.yaml"), "--out", str(tmp_path / "out")])
    printed = [line for line in result.stderr.splitlines() if not line.startswith("Build failed")]
    with running_preview(tmp_path) as preview:
        assert list(preview.state.error) == printed
        status, _, body = get(preview, "/desk/")
        assert status == 503 and b'data-page="*"' in body, "no good build yet: a stand-in page that reloads"


def test_a_content_folder_replaced_wholesale_is_watched_again(tmp_path):
    """A branch switch deletes and recreates folders: edits in the new folder must still be seen."""
    write_small_site(tmp_path)
    with running_preview(tmp_path) as preview:
        old = (tmp_path / "content").stat().st_ino
        shutil.copytree(tmp_path / "content", tmp_path / "content-new")
        shutil.rmtree(tmp_path / "content")
        (tmp_path / "content-new").rename(tmp_path / "content")
        assert (tmp_path / "content").stat().st_ino != old
        time.sleep(0.5)
        assert wait_until(lambda: not preview.pending, timeout=20)
        (tmp_path / FIRST).write_text(first_article("Seen in the recreated folder."), encoding="utf-8")
        assert wait_until(lambda: preview.pending, timeout=5), "an edit in the recreated folder was not seen"
        assert b"Seen in the recreated folder." in get(preview, "/desk/articles/first.html")[2]


def test_polling_notices_edits_too(tmp_path):
    write_small_site(tmp_path)
    with running_preview(tmp_path, poll=True) as preview:
        (tmp_path / FIRST).write_text(first_article("Seen by polling."), encoding="utf-8")
        assert wait_until(lambda: b"Seen by polling." in preview.state.snapshot(wait=0).files["articles/first.html"],
                          timeout=10)


# --- the command: default bind address, warning, Ctrl-C ------------------------------------------------------

def start_command(root: Path, *args: str) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "site_gen", "serve", "--config", str(root / "config.yaml"),
                             "--port", "0", *args], stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env=env, cwd=root)
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        lines.append(line)
        if line.startswith("Serving ") or not line:
            break
    return proc, "".join(lines)


def children_of(pid: int) -> set[str]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= set((task / "children").read_text().split())
    return found


def test_the_command_binds_loopback_by_default_and_stops_cleanly_on_ctrl_c(tmp_path):
    write_small_site(tmp_path)
    proc, head = start_command(tmp_path)
    try:
        match = re.search(r"Serving http://127\.0\.0\.1:(\d+)/desk/ ", head)
        assert match, head
        assert "warning" not in head
        port = int(match.group(1))
        stream = EventStream("127.0.0.1", port, "index.html")
        assert stream.next().name == "hello"
        assert children_of(proc.pid) == set(), "serve must not start other processes"
        started = time.monotonic()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=5)
        took = time.monotonic() - started
        stream.close()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert took < 1.0, f"Ctrl-C took {took:.2f} s"
    assert "Traceback" not in err and "Stopped." in err


CHARTED = """\
    title: Charted article {n}
    date: 2024-07-{day:02d}
    sources:
      - {{id: mod, name: MoD, url: 'https://example.org/mod/{n}', accessed: 2024-07-06}}
    claims:
      - id: groups
        claimant: ru-mod
        category: casualties
        measure: killed
        claimed_on: 2024-07-05
        text: over 1,000 killed, by group
        total: over 1,000
        by_group:
          North: up to {a}
          South: about {b}
          East: more than {c}
        sources: [mod]
    """


def test_ctrl_c_during_a_build_still_stops_within_a_second(tmp_path):
    """A build cannot be interrupted; the command must end anyway, at once and without a crash."""
    articles = {f"a{n:02d}.md": article(CHARTED.format(n=n, day=1 + n % 28, a=100 + n, b=200 + n, c=300 + n))
                for n in range(40)}
    write_site(tmp_path, articles)
    proc, head = start_command(tmp_path)
    try:
        assert "Serving " in head, head
        time.sleep(0.5)  # drawing 40 charts takes seconds: the first build is under way
        started = time.monotonic()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=5)
        took = time.monotonic() - started
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    out, err = proc.communicate()
    assert "Built " not in err, "the build finished before Ctrl-C: make the site bigger"
    assert proc.returncode == 0 and "terminate called" not in err and "Traceback" not in err, err
    assert took < 1.0, f"Ctrl-C took {took:.2f} s"


def test_a_non_loopback_host_prints_a_warning(tmp_path):
    write_small_site(tmp_path)
    proc, head = start_command(tmp_path, "--host", "0.0.0.0")
    try:
        assert "warning: serving on 0.0.0.0 makes the preview reachable from other machines" in head
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=5)
        proc.communicate()


def test_a_busy_port_is_a_message_not_a_traceback(tmp_path):
    write_small_site(tmp_path)
    with running_preview(tmp_path) as preview:
        result = subprocess.run([sys.executable, "-m", "site_gen", "serve", "--config", str(tmp_path / "config.yaml"),
                                 "--port", str(preview.server.port)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"error: cannot listen on 127.0.0.1:{preview.server.port}" in result.stderr
    assert "Traceback" not in result.stderr
