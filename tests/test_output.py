"""The one write path: whole-folder swap, and refusal to overwrite anything that is not an earlier build."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.pipeline.output import OutputError, write_site


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
