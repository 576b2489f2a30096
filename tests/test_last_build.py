"""`sitegen build` with nothing changed proves it from the last build's record, imports none of the heavy
libraries, and every change to an input, an option or the output is noticed (the build then equals a clean one)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import time
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_incremental import CONFIG, article, clean_build, tree

from site_gen.cli import main
from site_gen.pipeline.last_build import MAGIC, RECORD
from site_gen.utils.cache import signing_key

NOTHING = "Nothing changed since the last build"
HEAVY = ("jinja2", "markdown_it", "matplotlib", "yaml")


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "config.yaml").write_text(CONFIG + "search: false\n")
    for n in range(12):
        (root / "content" / f"a{n:02d}.md").write_text(article(n))
    return root


def cli_build(root: Path, *flags: str, env: dict | None = None) -> str:
    result = CliRunner().invoke(main, ["build", "--config", str(root / "config.yaml"), "--jobs", "1", *flags], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def clean(root: Path, tmp_path: Path) -> dict[str, bytes]:
    return clean_build(root, tmp_path / "clean")


def test_a_second_build_with_nothing_changed_does_nothing_and_says_so(site):
    first = cli_build(site)
    assert NOTHING not in first
    record = site / ".sitegen-cache" / RECORD
    before = tree(site / "build")
    second = cli_build(site)
    assert NOTHING in second and "Built " not in second
    assert second.count("\n") == 1 + second.count("finding: ")  # one line, after the findings it repeats
    assert tree(site / "build") == before
    assert json.loads(record.read_bytes().partition(b"\n")[2])["report"]["counts"]["articles"] == 12


def test_the_no_op_imports_none_of_the_heavy_libraries(site):
    cli_build(site)
    probe = ("import sys\n"
             f"sys.argv = ['sitegen', 'build', '--config', {str(site / 'config.yaml')!r}]\n"
             "from site_gen.cli import main\n"  # what `python -m site_gen` runs, but ending in SystemExit
             "try:\n    main()\n"
             "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
             f"print('HEAVY', sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert NOTHING in done.stdout
    assert "HEAVY []" in done.stdout, done.stdout
    # and the probe can see them: a build that has work to do imports them
    (site / "content" / "a01.md").write_text(article(1, "Edited."))
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert NOTHING not in done.stdout and "'jinja2'" in done.stdout and "'yaml'" in done.stdout


def edit_content(root: Path) -> None:
    (root / "content" / "a05.md").write_text(article(5, "An added sentence."))


def edit_template(root: Path) -> None:
    (root / "templates" / "partials").mkdir(parents=True)
    (root / "templates" / "partials" / "footer.html").write_text("<p>Our own footer for {{ site.title }}.</p>\n")


def edit_config(root: Path) -> None:
    (root / "config.yaml").write_text(CONFIG.replace("Incremental Desk", "Renamed Desk") + "search: false\n")


def edit_registry(root: Path) -> None:
    (root / "content" / "claimants.yaml").write_text(
        "claimants:\n  ua-air: {name: Air Force of Ukraine, side: Ukraine, kind: military}\n")
    text = (root / "content" / "a04.md").read_text()
    (root / "content" / "a04.md").write_text(text.replace("claimant: ua-gs", "claimant: ua-air"))


def edit_static(root: Path) -> None:
    (root / "static" / "assets").mkdir(parents=True)
    (root / "static" / "assets" / "extra.txt").write_text("hello\n")


def delete_article(root: Path) -> None:
    (root / "content" / "a11.md").unlink()


def rename_article(root: Path) -> None:
    (root / "content" / "a11.md").rename(root / "content" / "renamed.md")


def edit_same_size_keeping_mtime(root: Path) -> None:
    """An edit that keeps the size and puts the mtime back (ctime still moves)."""
    path = root / "content" / "a03.md"
    st = os.stat(path)
    path.write_text(path.read_text().replace("Report 3", "Report 8"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def tamper_output(root: Path) -> None:
    page = root / "build" / "articles" / "a02.html"
    page.write_bytes(page.read_bytes().replace(b"Report 2", b"Report X"))


def delete_output(root: Path) -> None:
    (root / "build" / "timeline.html").unlink()


def add_output(root: Path) -> None:
    (root / "build" / "stray.html").write_text("not ours")


CHANGES = [edit_content, edit_template, edit_config, edit_registry, edit_static, delete_article, rename_article,
           edit_same_size_keeping_mtime, tamper_output, delete_output, add_output]


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__)
def test_every_kind_of_change_is_noticed_and_the_build_then_equals_a_clean_one(site, tmp_path, change):
    cli_build(site)
    assert NOTHING in cli_build(site)
    change(site)
    output = cli_build(site)
    assert NOTHING not in output and "Built " in output
    assert tree(site / "build") == clean(site, tmp_path)
    assert NOTHING in cli_build(site), "after the rebuild, nothing changed again"
    assert tree(site / "build") == clean(site, tmp_path)


@pytest.mark.parametrize("flags", [["--base-url", "https://example.com/other/"], ["--drafts"], ["--strict"],
                                   ["--no-search"]])
def test_an_option_that_shapes_the_output_is_not_a_no_op(site, flags):
    cli_build(site)
    assert NOTHING not in cli_build(site, *flags)
    assert NOTHING in cli_build(site, *flags)


def test_source_date_epoch_and_code_are_part_of_the_record(site, monkeypatch):
    cli_build(site)
    assert NOTHING not in cli_build(site, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert NOTHING in cli_build(site, env={"SOURCE_DATE_EPOCH": "1700000000"})
    monkeypatch.setattr("site_gen.pipeline.last_build.code_fingerprint", lambda: "another sitegen")
    assert NOTHING not in cli_build(site, env={"SOURCE_DATE_EPOCH": "1700000000"})


def resigned(payload: bytes) -> bytes:
    key = signing_key()
    return MAGIC + hmac.new(key, MAGIC + payload, hashlib.sha256).hexdigest().encode() + b"\n" + payload


@pytest.mark.parametrize("damage, signed", [(b"", False), (b"{not json", False), (b"\x00" * 100, False),
                                            (b"{not json", True), (b"[]", True), (b'{"environment": 3}', True),
                                            (b'{"inputs": {}}', True)])
def test_a_damaged_record_only_means_build(site, tmp_path, damage, signed):
    cli_build(site)
    (site / ".sitegen-cache" / RECORD).write_bytes(resigned(damage) if signed else damage)
    output = cli_build(site)
    assert "Built " in output and "Traceback" not in output
    assert NOTHING in cli_build(site)


def test_a_record_signed_with_another_key_vouches_for_nothing(site):
    """A build folder and a record restored together from elsewhere (a pull request's CI cache) are rebuilt."""
    cli_build(site)
    record = site / ".sitegen-cache" / RECORD
    payload = record.read_bytes().partition(b"\n")[2]
    page = site / "build" / "index.html"
    page.write_bytes(page.read_bytes() + b"<script>planted</script>")
    entry = json.loads(payload)
    entry["outputs"]["index.html"][4] = hashlib.sha256(page.read_bytes()).hexdigest()
    forged = json.dumps(entry).encode()
    key = b"a key the attacker chose".ljust(32, b"\0")
    record.write_bytes(MAGIC + hmac.new(key, MAGIC + forged, hashlib.sha256).hexdigest().encode() + b"\n" + forged)
    assert NOTHING not in cli_build(site)
    assert b"planted" not in page.read_bytes()


def test_no_cache_never_skips(site):
    cli_build(site)
    assert NOTHING not in cli_build(site, "--no-cache")


def test_a_series_data_file_outside_the_content_folder_is_watched_too(tmp_path):
    from series_site import series_site

    config = series_site(tmp_path / "s")
    (config.parent / "config.yaml").write_text(config.read_text() + "search: false\n")
    root = config.parent
    cli_build(root)
    cli_build(root)  # the data file outside content/ is hashed before this build reads it
    assert NOTHING in cli_build(root)
    data = root / "data" / "losses.csv"
    data.write_text(data.read_text().replace("2024-01-05,18,", "2024-01-05,19,"))
    assert NOTHING not in cli_build(root)
    assert tree(root / "build") == clean(root, tmp_path)


def test_an_edit_within_the_racy_window_is_seen_even_with_every_stat_field_kept(site, monkeypatch):
    """A file hashed while its timestamps were recent is hashed again, even when its stat looks unchanged."""
    cli_build(site)
    path = site / "content" / "a03.md"
    frozen = os.stat(path)
    real_stat = os.stat
    monkeypatch.setattr("site_gen.pipeline.last_build.os.stat",
                        lambda p, *a, **k: frozen if Path(p) == path else real_stat(p, *a, **k))
    path.write_text(path.read_text().replace("Report 3", "Report 9"))
    assert NOTHING not in cli_build(site)


def test_settled_files_are_trusted_by_their_stat(site, monkeypatch):
    """Once hashed long after their last change, unchanged files are not read again (the proof is cheap)."""
    monkeypatch.setattr("site_gen.pipeline.last_build.RACY_NS", 0)
    cli_build(site)
    cli_build(site)  # every file hashed again, now settled
    read: list[str] = []
    real = __import__("hashlib").file_digest
    monkeypatch.setattr("site_gen.pipeline.last_build.hashlib.file_digest",
                        lambda handle, name: read.append(handle.name) or real(handle, name))
    assert NOTHING in cli_build(site)
    assert read == []


def test_profile_on_a_no_op_prints_the_check_time(site):
    cli_build(site)
    output = cli_build(site, "--profile")
    assert NOTHING in output and "profile: unchanged check" in output


def test_files_linked_from_the_last_build_are_trusted_by_their_stat_in_the_next(site, monkeypatch):
    """Linking a file into the new build and removing the old build change its ctime, never its bytes or mtime:
    a file linked unchanged is not read and hashed again by the build after (only files written anew are)."""
    monkeypatch.setattr("site_gen.pipeline.last_build.RACY_NS", 200_000_000)
    cli_build(site)
    time.sleep(0.3)  # the first build's files are now settled by their mtime
    (site / "content" / "a01.md").write_text(article(1, "First edit."))
    cli_build(site)
    written = set(json.loads((site / ".sitegen-cache" / RECORD).read_bytes().partition(b"\n")[2])["outputs"])
    read: list[str] = []
    real = hashlib.file_digest
    monkeypatch.setattr("site_gen.pipeline.output.hashlib.file_digest",
                        lambda handle, name: read.append(handle.name) or real(handle, name))
    (site / "content" / "a02.md").write_text(article(2, "Second edit."))
    output = cli_build(site, "--profile")
    assert "linked" in output or len(written) > 40, output
    assert len(read) <= 10, f"{len(read)} of {len(written)} previous files hashed again: {sorted(read)[:5]}"
    assert tree(site / "build") == clean(site, site.parent)
