"""The one write path: whole-folder swap, and refusal to overwrite anything that is not an earlier build."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from helpers import read_tree

from site_gen.pipeline import output
from site_gen.pipeline.output import COMPLETE, INCOMPLETE, MARKER, OutputError, is_build, write_site


def test_write_site_replaces_the_previous_build(tmp_path):
    out = tmp_path / "build"
    write_site({"index.html": b"one", "old.html": b"x"}, out)
    write_site({"index.html": b"two", "sub/page.html": b"p"}, out)
    assert (out / "index.html").read_bytes() == b"two"
    assert (out / "sub" / "page.html").read_bytes() == b"p"
    assert not (out / "old.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


@pytest.mark.parametrize("name", ["content", "."])
def test_refuses_a_source_folder_or_the_site_root(tmp_path, name):
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("keep")
    with pytest.raises(OutputError):
        write_site({"index.html": b"x"}, tmp_path / name, (tmp_path, content))
    assert (content / "a.md").read_text() == "keep"


def test_refuses_an_output_folder_inside_a_source_folder(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(OutputError, match="replace or mix"):
        write_site({"index.html": b"x"}, content / "build", (tmp_path, content))


def test_refuses_a_non_empty_folder_that_is_not_a_build(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "losses.csv").write_text("date,n\n")
    with pytest.raises(OutputError, match="not an earlier build"):
        write_site({"index.html": b"x"}, data)
    assert (data / "losses.csv").exists()


def test_refuses_a_file_and_a_path_below_a_file(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("mine")
    with pytest.raises(OutputError, match="not a folder"):
        write_site({"index.html": b"x"}, afile)
    with pytest.raises(OutputError, match="cannot create"):
        write_site({"index.html": b"x"}, afile / "build")
    assert afile.read_text() == "mine"


@pytest.mark.parametrize("bad", ["../escape.html", "/abs.html", "a/../../b.html"])
def test_refuses_paths_outside_the_output_folder(tmp_path, bad):
    with pytest.raises(OutputError):
        write_site({bad: b"x"}, tmp_path / "build")
    assert not (tmp_path / "escape.html").exists()
    assert not (tmp_path / "build").exists()


def test_the_build_command_refuses_to_write_over_a_source_folder_even_with_an_index(tmp_path):
    import shutil

    from click.testing import CliRunner

    from site_gen.cli import main

    site = tmp_path / "site"
    shutil.copytree(Path(__file__).parent / "fixtures" / "site", site)
    template = '{% extends "base.html" %}{% block content %}<p>my own landing page</p>{% endblock %}\n'
    (site / "templates").mkdir()
    (site / "templates" / "index.html").write_text(template)
    result = CliRunner().invoke(main, ["build", "--config", str(site / "config.yaml"), "--out", str(site / "templates")])
    assert result.exit_code == 1
    assert "refusing to write the site" in result.output
    assert (site / "templates" / "index.html").read_text() == template


def test_every_build_carries_the_marker_and_may_replace_only_a_marked_folder(tmp_path):
    out = tmp_path / "build"
    write_site({"index.html": b"one"}, out)
    assert is_build(out) and (out / MARKER).read_bytes() == COMPLETE
    write_site({"index.html": b"two"}, out)
    assert (out / "index.html").read_bytes() == b"two" and is_build(out)


def test_refuses_a_folder_with_an_index_and_private_files_it_did_not_make(tmp_path):
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / "index.html").write_text("my page")
    (home / ".ssh" / "id_rsa").write_text("secret")
    before = read_tree(home)
    with pytest.raises(OutputError, match=f"holds no {MARKER} file.*delete the folder yourself once"):
        write_site({"index.html": b"x"}, home)
    assert read_tree(home) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_an_incomplete_marker_is_not_a_build(tmp_path):
    out = tmp_path / "build"
    out.mkdir()
    (out / MARKER).write_bytes(INCOMPLETE)
    (out / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match="not an earlier build"):
        write_site({"index.html": b"x"}, out)
    assert (out / "notes.txt").read_text() == "mine"


def test_the_build_command_refuses_out_data_and_an_unmarked_folder_in_one_line(tmp_path):
    from click.testing import CliRunner

    from series_site import series_site
    from site_gen.cli import main

    config = series_site(tmp_path / "site")
    data = config.parent / "data"
    assert any(data.iterdir())
    before = read_tree(config.parent)
    for out in (data, tmp_path / "home"):
        if out.name == "home":
            (out / ".ssh").mkdir(parents=True)
            (out / "index.html").write_text("mine")
            (out / ".ssh" / "id_rsa").write_text("secret")
        kept = read_tree(out)
        result = CliRunner().invoke(main, ["build", "--config", str(config), "--out", str(out)])
        assert result.exit_code == 1
        assert result.output.count("\n") == 1 and "refusing to replace" in result.output, result.output
        assert "Traceback" not in result.output
        assert read_tree(out) == kept
    after = read_tree(config.parent)
    assert {k: v for k, v in after.items() if not k.startswith(".sitegen-cache/")} == before


def interrupt_on(monkeypatch, target: str, call: int) -> None:
    """Make the `call`-th call of `target` (a dotted name) raise KeyboardInterrupt, as a signal would."""
    module, _, name = target.rpartition(".")
    real = getattr(importlib.import_module(module), name)
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(args)
        if len(calls) == call:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(target, interrupted)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "build")


def test_an_interruption_after_the_swap_leaves_the_new_build_and_the_next_run_cleans_up(tmp_path, monkeypatch):
    out = tmp_path / "build"
    write_site({"index.html": b"one"}, out)
    with monkeypatch.context() as patch:
        interrupt_on(patch, "shutil.rmtree", 1)
        with pytest.raises(KeyboardInterrupt):
            write_site({"index.html": b"two"}, out)
    assert (out / "index.html").read_bytes() == b"two" and is_build(out)
    assert len(leftovers(tmp_path)) == 1
    write_site({"index.html": b"three"}, out)
    assert leftovers(tmp_path) == []


def test_the_swap_is_one_atomic_exchange_where_linux_offers_it(tmp_path, monkeypatch):
    out = tmp_path / "build"
    write_site({"index.html": b"one"}, out)
    if not output._exchange(tmp_path / "build", tmp_path / "build"):
        pytest.fail("renameat2(RENAME_EXCHANGE) is not available here")
    interrupt_on(monkeypatch, "os.rename", 1)  # no rename at all: one exchange
    write_site({"index.html": b"two"}, out)
    assert (out / "index.html").read_bytes() == b"two" and leftovers(tmp_path) == []


@pytest.mark.parametrize("fails_next", [False, True])
def test_an_interruption_between_the_two_renames_is_recovered_by_the_next_run(tmp_path, monkeypatch, fails_next):
    from helpers import VALID_FRONT, article, write_site as write_source
    from site_gen.pipeline.build import BuildOptions, build
    from site_gen.core.problems import ContentErrors

    config = write_source(tmp_path / "site", {"a.md": article(VALID_FRONT)})
    out = tmp_path / "site" / "build"
    build(BuildOptions(config, jobs=1))
    first = read_tree(out)
    with monkeypatch.context() as patch:
        patch.setattr(output, "_exchange", lambda a, b: False, raising=False)  # a system without renameat2
        interrupt_on(patch, "os.rename", 2)
        with pytest.raises(KeyboardInterrupt):
            write_site({"index.html": b"new"}, out)
    assert not out.exists() and len(leftovers(out.parent)) >= 2
    if fails_next:
        (config.parent / "content" / "articles" / "a.md").write_text("---\ntitle: [\n---\n")
        with pytest.raises(ContentErrors):
            build(BuildOptions(config, jobs=1))
        assert read_tree(out) == {"index.html": b"new", MARKER: COMPLETE}, "the newer complete build is put back"
    else:
        build(BuildOptions(config, jobs=1))
        assert read_tree(out) == first
    assert leftovers(out.parent) == [".sitegen-cache", "config.yaml", "content"]


def test_cleanup_leaves_folders_that_only_look_like_leftovers(tmp_path):
    out = tmp_path / "build"
    mine = tmp_path / ".build.old-abcdefgh"
    mine.mkdir()
    (mine / "keep.txt").write_text("not sitegen's")
    write_site({"index.html": b"one"}, out)
    assert (mine / "keep.txt").read_text() == "not sitegen's"
