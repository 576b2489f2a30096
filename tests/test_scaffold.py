"""`sitegen new`: the starter site builds at once, strictly, and refuses to overwrite."""

from __future__ import annotations


from click.testing import CliRunner

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
