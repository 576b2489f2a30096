"""`sitegen new`: the starter site builds at once, strictly, and refuses to overwrite."""

from __future__ import annotations


import json

from click.testing import CliRunner

from site_gen import __version__
from site_gen.publish import scaffold
from site_gen.cli import main


def test_new_site_builds_strictly(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["new", "mysite"])
    assert result.exit_code == 0, result.output
    site = tmp_path / "mysite"
    for rel in ("config.yaml", "content/articles/example-claim.md", ".gitignore",
                ".github/workflows/pages.yml", ".github/workflows/check.yml", "requirements.txt"):
        assert (site / rel).is_file(), rel
    assert "build/" in (site / ".gitignore").read_text()
    monkeypatch.chdir(site)
    built = runner.invoke(main, ["build", "--strict"])
    assert built.exit_code == 0, built.output
    page = (site / "build" / "articles" / "example-claim.html").read_text()
    assert "Unverified claim" in page and "Russian Ministry of Defence" in page


def test_new_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "keep.txt").write_text("mine")
    result = CliRunner().invoke(main, ["new", str(tmp_path / "taken")])
    assert result.exit_code == 1
    assert "not empty" in result.output
    assert (tmp_path / "taken" / "keep.txt").read_text() == "mine"
    assert not (tmp_path / "taken" / "config.yaml").exists()


def test_new_site_installs_exactly_this_sitegen_pinned(tmp_path, monkeypatch):
    monkeypatch.setattr(scaffold, "__version__", "9.8.7")  # written when `sitegen new` runs, not a copied file
    assert CliRunner().invoke(main, ["new", str(tmp_path / "s")]).exit_code == 0
    lines = (tmp_path / "s" / "requirements.txt").read_text().splitlines()
    assert [line for line in lines if not line.startswith("#")] == ["sitegen-claims==9.8.7"]
    for workflow in (tmp_path / "s" / ".github" / "workflows").glob("*.yml"):
        text = workflow.read_text()
        assert "pip install -r requirements.txt" in text
        assert "pip install sitegen" not in text and "sitegen>=" not in text


def test_new_site_pins_the_git_commit_this_sitegen_was_installed_from(tmp_path, monkeypatch):
    class FromGit:
        def read_text(self, name):
            return json.dumps({"url": "https://github.com/example/sitegen", "vcs_info": {
                "vcs": "git", "commit_id": "0123456789abcdef0123456789abcdef01234567", "requested_revision": "v1"}})

    monkeypatch.setattr(scaffold.metadata, "distribution", lambda name: FromGit())
    assert scaffold.requirement() == ("sitegen-claims @ git+https://github.com/example/sitegen"
                                      "@0123456789abcdef0123456789abcdef01234567")


def test_new_site_pins_the_version_when_sitegen_was_not_installed_from_git(monkeypatch):
    from importlib import metadata

    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(scaffold.metadata, "distribution", not_installed)
    assert scaffold.requirement() == f"sitegen-claims=={__version__}"
