"""The build cache is data, never code: a poisoned, misshapen or hostile cache is ignored with a warning."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURE_CONFIG
from helpers import read_tree, write_site
from series_site import series_site
from site_gen.pipeline.build import BuildOptions, build, compile_site
from site_gen.utils.cache import code_fingerprint, key_file
from site_gen.cli import main
from site_gen.pipeline.last_build import RECORD
from site_gen.charts.svg_check import unsafe_svg

ARTICLE = """---
title: "Report {n}"
date: 2024-03-0{n}
sources:
  - {{id: s, name: Wire, url: "https://example.org/{n}", accessed: 2024-04-01}}
claims:
  - id: c
    claimant: ru-mod
    claimed_on: 2024-03-0{n}
    text: up to {total} killed, by group
    total: up to {total}
    by_group: {{North: about 100, South: 200}}
    sources: [s]
---
Body {n}.
"""


@pytest.fixture
def site(tmp_path) -> Path:
    config = write_site(tmp_path / "site", {f"a{n}.md": ARTICLE.format(n=n, total=300 + n) for n in (1, 2)})
    return config.parent


def sitegen_build(root: Path):
    """A build that reads the caches: without the last build's record, which would prove nothing changed and
    read none of them (tests/test_last_build.py tests that record)."""
    with contextlib.suppress(OSError):  # also where the cache folder is a file
        (root / ".sitegen-cache" / RECORD).unlink(missing_ok=True)
    return CliRunner().invoke(main, ["build", "--config", str(root / "config.yaml")])


def clean(root: Path, out: Path) -> dict[str, bytes]:
    build(BuildOptions(root / "config.yaml", out_dir=out, chart_cache=False, jobs=1))
    return read_tree(out)


def forge_entry(entry: Path, svg: bytes) -> None:
    """Replace a chart cache entry's SVG and recompute the hash in its header, as anyone can."""
    header = entry.read_bytes().partition(b"\n")[0].split(b" ")
    header[-1] = hashlib.sha256(svg).hexdigest().encode()
    entry.write_bytes(b" ".join(header) + b"\n" + svg)


class RunsCode:
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_crafted_articles_cache_with_a_valid_header_runs_no_code(site, tmp_path):
    assert sitegen_build(site).exit_code == 0
    marker = tmp_path / "pwned"
    payload = pickle.dumps({"x": RunsCode(marker)})
    header = b"sitegen-cache 2 " + code_fingerprint().encode() + b" " + hashlib.sha256(payload).hexdigest().encode()
    (site / ".sitegen-cache" / "articles.pickle").write_bytes(header + b"\n" + payload)
    result = sitegen_build(site)
    assert result.exit_code == 0, result.output
    assert not marker.exists(), "loading the cache ran code"


def resign(store: Path, payload: bytes, key: bytes) -> None:
    head = store.read_bytes().partition(b"\n")[0].rpartition(b" ")[0]
    signature = hmac.new(key, head + b"\n" + payload, hashlib.sha256).hexdigest().encode()
    store.write_bytes(head + b" " + signature + b"\n" + payload)


def test_a_forged_article_entry_is_not_published(site, tmp_path):
    assert sitegen_build(site).exit_code == 0
    store = site / ".sitegen-cache" / "articles.json"
    payload = store.read_bytes().partition(b"\n")[2]
    assert b"Body 1." in payload
    forged = payload.replace(b"Body 1.", b"<script>alert(document.domain)</script>")
    resign(store, forged, b"a key the attacker chose".ljust(32, b"\0"))
    result = sitegen_build(site)
    assert result.exit_code == 0, result.output
    assert f"articles.json: not signed with this user's key {key_file()}" in result.output
    built = read_tree(site / "build")
    assert not any(b"alert(document.domain)" in data for data in built.values())
    assert built == clean(site, tmp_path / "clean")


def test_signed_entries_of_the_wrong_shape_are_one_warning(site, tmp_path):
    assert sitegen_build(site).exit_code == 0
    store = site / ".sitegen-cache" / "articles.json"
    keys = [line.partition(b"\t")[0] for line in store.read_bytes().partition(b"\n")[2].splitlines()]
    assert len(keys) > 2
    bad = b"".join(key + b"\t" + json.dumps({"record": ["system", {"command": "touch pwned"}]}).encode() + b"\n"
                   for key in keys)
    resign(store, bad, key_file().read_bytes())
    result = sitegen_build(site)
    assert result.exit_code == 0, result.output
    assert result.output.count("articles.json: entries of the wrong shape; ignored and rebuilt") == 1
    assert read_tree(site / "build") == clean(site, tmp_path / "clean")


def test_a_warm_build_takes_articles_from_the_signed_store(site, monkeypatch):
    assert sitegen_build(site).exit_code == 0
    assert stat.S_IMODE(key_file().stat().st_mode) == 0o600
    parsed, checked = [], []
    monkeypatch.setattr("site_gen.pipeline.memo.read_article", lambda *args: parsed.append(args))
    monkeypatch.setattr("site_gen.charts.cache.unsafe_svg", lambda data: checked.append(data))
    result = sitegen_build(site)
    assert result.exit_code == 0 and "warning:" not in result.output, result.output
    assert parsed == [], "every article came from the store"
    assert checked == [], "charts drawn here before are not parsed again"


def test_plain_data_round_trips_every_stored_value_and_names_no_other_type(tmp_path):
    from site_gen.pipeline.memo import BuildMemo
    from site_gen.pipeline.plain import NotPlain, from_plain, to_plain

    memo = BuildMemo()
    compile_site(BuildOptions(FIXTURE_CONFIG, chart_cache=False, jobs=1), memo)
    compile_site(BuildOptions(series_site(tmp_path / "series"), chart_cache=False, jobs=1), memo)
    assert memo.size > 4
    for value in memo._entries.values():
        back = from_plain(json.loads(json.dumps(to_plain(value))))
        assert back == value and repr(back) == repr(value)
    for forged in ({"record": ["Popen", {"args": "id"}]}, {"enum": ["Signals", 9]}, {"module": "os"},
                   {"record": ["Article", {"path": {"path": 1}}]}, {"tuple": 3}, [1, 2]):
        with pytest.raises(NotPlain):
            from_plain(forged)


def test_an_article_store_from_another_sitegen_is_foreign(site):
    assert sitegen_build(site).exit_code == 0
    store = site / ".sitegen-cache" / "articles.json"
    header, _, payload = store.read_bytes().partition(b"\n")
    parts = header.split(b" ")
    parts[2] = b"0" * 64
    store.write_bytes(b" ".join(parts) + b"\n" + payload)
    result = sitegen_build(site)
    assert result.exit_code == 0 and "articles.json: written by another version of sitegen" in result.output


def test_no_unpickling_is_left_in_sitegen():
    package = Path(__file__).parents[1] / "site_gen"
    for module in package.rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert "pickle.load" not in text and "Unpickler" not in text, module


def test_a_chart_entry_with_a_script_and_a_recomputed_hash_is_not_published(site, tmp_path):
    assert sitegen_build(site).exit_code == 0
    for entry in (site / ".sitegen-cache" / "charts").rglob("*.svg"):
        svg = entry.read_bytes().partition(b"\n")[2]
        forge_entry(entry, svg.replace(b"<metadata>", b"<script>alert(document.domain)</script><metadata>", 1))
    result = sitegen_build(site)
    assert result.exit_code == 0, result.output
    assert "chart cache entry refused (it holds a script element); ignored and redrawn" in result.output
    built = read_tree(site / "build")
    assert not any(b"<script" in data for path, data in built.items() if path.endswith(".svg"))
    assert built == clean(site, tmp_path / "clean")
    assert "warning:" not in sitegen_build(site).output, "the redrawn entries are trusted again"


def test_a_chart_entry_moved_under_another_key_is_not_served(site, tmp_path):
    assert sitegen_build(site).exit_code == 0
    first, second, *_ = sorted((site / ".sitegen-cache" / "charts").rglob("*.svg"))  # wide and narrow charts
    first_bytes = first.read_bytes()
    first.write_bytes(second.read_bytes())
    second.write_bytes(first_bytes)
    result = sitegen_build(site)
    assert result.exit_code == 0 and result.output.count("corrupt or foreign chart cache entry") == 2
    assert read_tree(site / "build") == clean(site, tmp_path / "clean")


def test_fifos_devices_and_huge_files_in_the_cache_are_skipped_without_a_hang(site, tmp_path):
    assert sitegen_build(site).exit_code == 0
    cache = site / ".sitegen-cache"
    for name in ("pages.json", "articles.json", "articles.pickle", RECORD):  # articles.pickle: what earlier versions read
        (cache / name).unlink(missing_ok=True)
        os.mkfifo(cache / name)
    zero, huge, *_ = sorted((cache / "charts").rglob("*.svg"))
    zero.unlink()
    zero.symlink_to("/dev/zero")
    with huge.open("r+b") as handle:
        handle.truncate(17 * 1024 * 1024)  # sparse: costs no disk
    result = subprocess.run([sys.executable, "-m", "site_gen", "build", "--config", str(site / "config.yaml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{cache / 'pages.json'}: page manifest ignored and rebuilt: not a regular file" in result.stderr
    assert f"{zero}: chart cache entry ignored and redrawn: not a regular file" in result.stderr
    assert f"{cache / 'articles.json'}: build cache ignored and rebuilt: not a regular file" in result.stderr
    assert f"{huge}: chart cache entry ignored and redrawn: larger than 16,777,216 bytes" in result.stderr
    assert read_tree(site / "build") == clean(site, tmp_path / "clean")


@pytest.mark.parametrize("manifest", ["[1, 2]", '{"out": "x", "pages": [1]}', "{not json", "\xff"])
def test_a_page_manifest_of_the_wrong_shape_is_a_warning_not_a_traceback(site, tmp_path, manifest):
    assert sitegen_build(site).exit_code == 0
    (site / ".sitegen-cache" / "pages.json").write_bytes(manifest.encode("latin-1"))
    result = sitegen_build(site)
    assert result.exit_code == 0, result.output
    assert "pages.json: page manifest is not" in result.output and "ignored and rebuilt" in result.output
    assert read_tree(site / "build") == clean(site, tmp_path / "clean")


@pytest.fixture(scope="module")
def real_chart(tmp_path_factory) -> bytes:
    root = tmp_path_factory.mktemp("chart")
    config = write_site(root, {"a1.md": ARTICLE.format(n=1, total=301)})
    build(BuildOptions(config, out_dir=root / "build", chart_cache=False, jobs=1))
    return next((root / "build" / "charts").glob("*.svg")).read_bytes()


def test_sitegen_charts_are_plain_charts(real_chart):
    assert unsafe_svg(real_chart) is None


@pytest.mark.parametrize(("old", "new", "problem"), [
    (b"<metadata>", b"<script>alert(1)</script><metadata>", "it holds a script element"),
    (b'<g id="figure_1">', b'<g id="figure_1" onload="alert(1)">', "it holds a onload attribute"),
    (b"<metadata>", b"<foreignObject><p>hi</p></foreignObject><metadata>", "it holds a foreignObject element"),
    (b"<metadata>", b'<image href="https://evil.example/x.png"/><metadata>', "it holds a image element"),
    (b'<g id="figure_1">', b'<g id="figure_1"><use xlink:href="https://evil.example/x.svg#a"/>',
     "it links outside the file"),
    (b'<g id="figure_1">', b'<g id="figure_1" style="fill: url(https://evil.example/)">',
     "its style attribute refers outside the file"),
    (b"*{stroke-linejoin", b"@import 'https://evil.example/x.css';*{stroke-linejoin",
     "its style sheet refers outside the file"),
    (b"<metadata>", b"<!-- x --><metadata>", "it holds a declaration, comment or processing instruction"),
    (b"<?xml", b"<?xml-stylesheet href='x'?><?xml", "it does not start the way sitegen's charts do"),
    (b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
     b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [<!ENTITY a "b">]>',
     "it does not start the way sitegen's charts do"),
    (b"</svg>", b"", "it is not well-formed XML"),
])
def test_anything_but_a_plain_chart_is_refused(real_chart, old, new, problem):
    assert old in real_chart
    assert unsafe_svg(real_chart.replace(old, new, 1)) == problem


@pytest.mark.parametrize("kind", ["file", "device"])
def test_a_cache_folder_that_is_a_file_or_a_device_is_one_warning(site, tmp_path, kind):
    cache = site / ".sitegen-cache"
    if kind == "file":
        cache.write_text("not a folder")
    else:
        cache.symlink_to("/dev/zero")
    result = sitegen_build(site)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    names = [line.split(": ")[1].rpartition("/")[2] for line in warnings]
    assert sorted(names) == ["articles.json", "articles.json", "charts", "pages.json"], warnings  # read, write
    assert f"warning: {cache / 'charts'}: not a folder; building without the chart cache" in warnings
    assert read_tree(site / "build") == clean(site, tmp_path / "clean")


def test_a_chart_with_an_arabic_row_label_is_a_plain_chart():
    """Its label carries xml:lang, direction and unicode-bidi (charts/breakdown.py): a cached copy is still served."""
    from site_gen.charts.breakdown import draw_breakdown
    from site_gen.core.chart_specs import Bar, BreakdownSpec
    from site_gen.core.quantities import parse_quantity

    spec = BreakdownSpec("T", "S", (Bar("الخرطوم", parse_quantity(12), "ar"), Bar("Bahir Dar", parse_quantity(5), "am")),
                         None, 17, 17, True, "F")
    chart = draw_breakdown(spec)
    assert b'xml:lang="ar"' in chart and b'direction="rtl"' in chart and b'xml:lang="am"' in chart
    assert unsafe_svg(chart) is None


def test_a_store_saves_entries_read_back_unchanged_without_encoding_them_again(tmp_path):
    from site_gen.utils.cache import CacheStore

    encoded = []

    def encode(value):
        encoded.append(value)
        return list(value)

    path, key = tmp_path / "store.json", b"k" * 32
    first = CacheStore(path, key, encode=encode, decode=tuple)
    first.put("a", (1, 2))
    first.put("b", (3,))
    first.save()
    assert encoded == [(1, 2), (3,)]
    written = path.read_bytes()

    encoded.clear()
    again = CacheStore(path, key, encode=encode, decode=tuple)
    assert again.get("a") == (1, 2) and again.get("b") == (3,)
    again.put("a", again.get("a"))  # the same value handed back, as BuildMemo does for entries it holds
    again.save()
    assert encoded == [] and path.read_bytes() == written, "nothing changed: nothing encoded or rewritten"

    edited = CacheStore(path, key, encode=encode, decode=tuple)
    assert edited.get("a") == (1, 2)
    edited.put("b", (4,))
    edited.save()
    assert encoded == [(4,)], "only the new value is encoded"
    assert CacheStore(path, key, decode=tuple).get("a") == (1, 2)
    assert CacheStore(path, key, decode=tuple).get("b") == (4,)

    unused = CacheStore(path, key, encode=encode, decode=tuple)
    assert unused.get("b") == (4,)
    unused.save()
    assert CacheStore(path, key, decode=tuple).get("a") is None, "an entry not used since the load is dropped"


def test_a_signed_store_with_a_line_that_is_not_an_entry_is_one_warning(tmp_path):
    from site_gen.utils.cache import CacheStore

    path, key = tmp_path / "store.json", b"k" * 32
    store = CacheStore(path, key, encode=list, decode=tuple)
    store.put("a", (1,))
    store.save()
    payload = path.read_bytes().partition(b"\n")[2]
    resign(path, payload + b"no tab on this line\n", key)
    again = CacheStore(path, key, decode=tuple)
    assert again.get("a") is None
    assert [w.split(": ", 1)[1] for w in again.warnings] == ["not of the expected shape; ignored and rebuilt"]
    with pytest.raises(ValueError):
        store.put("a\tkey", (2,))


def test_a_store_holds_its_file_once_while_it_is_read_and_saved(tmp_path):
    """Reading the store used to hold the file, its payload, its lines and their values at once (four copies),
    and saving it the payload twice more; a store of S bytes now costs about S while it is read or saved."""
    import tracemalloc

    from site_gen.utils.cache import CacheStore

    path, key = tmp_path / "store.json", b"k" * 32
    writer = CacheStore(path, key)
    for n in range(2000):
        writer.put(f"entry-{n}", {"body": f"{n} " + "x" * 1000})
    writer.save()
    size = path.stat().st_size
    del writer

    tracemalloc.start()
    try:
        store = CacheStore(path, key)
        read_peak = tracemalloc.get_traced_memory()[1]
        assert all(store.get(f"entry-{n}")["body"].startswith(f"{n} ") for n in range(0, 2000, 2))
        store.put("entry-new", {"body": "new"})
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        store.save()
        save_peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert read_peak < 1.3 * size, (read_peak, size)
    assert save_peak < 0.3 * size, (save_peak, size)
    again = CacheStore(path, key)
    assert again.get("entry-1998")["body"].startswith("1998 ") and again.get("entry-new") == {"body": "new"}
    assert again.get("entry-1") is None  # not used since the load: dropped


def test_a_cache_file_that_grows_while_it_is_read_is_read_whole_or_refused_past_its_limit(tmp_path, monkeypatch):
    from site_gen.utils import cache

    path = tmp_path / "entry"
    path.write_bytes(b"a" * 3_000_000)
    real_fstat = os.fstat

    class Smaller:  # what fstat said before another process appended to the file
        def __init__(self, found):
            self.st_mode, self.st_size = found.st_mode, 1000

    monkeypatch.setattr(cache.os, "fstat", lambda fd: Smaller(real_fstat(fd)))
    assert cache.read_cache_file(path, 4_000_000) == b"a" * 3_000_000
    with pytest.raises(cache.CacheFileRefused, match="larger than 2,000,000 bytes"):
        cache.read_cache_file(path, 2_000_000)
