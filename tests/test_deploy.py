"""`sitegen deploy` against real git repositories in tmp_path (a bare 'origin' and a site checkout)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_gen.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "site"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(autouse=True)
def git_identity(monkeypatch):
    for var, value in (("GIT_AUTHOR_NAME", "Test"), ("GIT_AUTHOR_EMAIL", "test@example.invalid"),
                       ("GIT_COMMITTER_NAME", "Test"), ("GIT_COMMITTER_EMAIL", "test@example.invalid")):
        monkeypatch.setenv(var, value)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A site checkout with an 'origin' bare remote; its config sets a custom domain."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--bare", "-q", "-b", "main", str(origin))
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    config = site / "config.yaml"
    config.write_text(config.read_text() + 'cname: claims.example.org\n')
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "site")
    git(site, "remote", "add", "origin", str(origin))
    return site


def deploy(site: Path, *args: str):
    return CliRunner().invoke(main, ["deploy", "--config", str(site / "config.yaml"), *args])


def published(site: Path, tmp_path: Path, name: str = "check") -> Path:
    clone = tmp_path / name
    git(tmp_path, "clone", "-q", "-b", "gh-pages", str(site.parent / "origin.git"), str(clone))
    return clone


def test_deploy_publishes_nojekyll_cname_and_site(repo, tmp_path):
    result = deploy(repo)
    assert result.exit_code == 0, result.output
    clone = published(repo, tmp_path)
    assert (clone / ".nojekyll").read_bytes() == b""
    assert (clone / "CNAME").read_text().strip() == "claims.example.org"
    assert (clone / "index.html").is_file()
    assert (clone / "articles" / "ua-gs-daily.html").is_file()
    message = git(clone, "log", "-1", "--format=%s")
    assert git(repo, "rev-parse", "--short=12", "HEAD") in message


def test_second_deploy_replaces_deleted_files_and_keeps_cname(repo, tmp_path):
    assert deploy(repo).exit_code == 0
    (repo / "content" / "articles" / "ua-gs-daily.md").unlink()
    text = (repo / "content" / "articles" / "russia-claims-over-2000-killed.md").read_text()
    (repo / "content" / "articles" / "russia-claims-over-2000-killed.md").write_text(
        text.replace(" See also [the other report](ua-gs-daily.md).", ""))
    config = repo / "config.yaml"
    config.write_text(config.read_text().replace("cname: claims.example.org\n", ""))
    result = deploy(repo)
    assert result.exit_code == 0, result.output
    clone = published(repo, tmp_path)
    assert not (clone / "articles" / "ua-gs-daily.html").exists()
    assert (clone / "CNAME").read_text().strip() == "claims.example.org"
    assert int(git(clone, "rev-list", "--count", "HEAD")) == 2


def test_failed_build_publishes_nothing(repo, tmp_path):
    assert deploy(repo).exit_code == 0
    before = git(repo.parent / "origin.git", "rev-parse", "gh-pages")
    article = repo / "content" / "articles" / "ua-gs-daily.md"
    article.write_text(article.read_text().replace("title:", "titel:", 1))
    result = deploy(repo)
    assert result.exit_code == 1
    assert "did you mean `title`?" in result.output
    assert git(repo.parent / "origin.git", "rev-parse", "gh-pages") == before
    assert git(repo, "rev-parse", "gh-pages") == before


def test_refuses_outside_a_git_repository(tmp_path):
    site = tmp_path / "plain"
    shutil.copytree(FIXTURE, site)
    result = deploy(site)
    assert result.exit_code == 1
    assert "not in a git repository" in result.output and "git init" in result.output
    assert "Traceback" not in result.output


def test_refuses_when_the_remote_is_missing(repo):
    result = deploy(repo, "--remote", "upstream")
    assert result.exit_code == 1
    assert "remote 'upstream' does not exist" in result.output
    assert subprocess.run(["git", "rev-parse", "--verify", "gh-pages"], cwd=repo, capture_output=True).returncode != 0


def test_no_push_commits_locally_only(repo):
    result = deploy(repo, "--no-push", "--branch", "pages")
    assert result.exit_code == 0, result.output
    assert "CNAME" in git(repo, "ls-tree", "--name-only", "pages")
    remote_branches = git(repo.parent / "origin.git", "branch", "--list")
    assert "pages" not in remote_branches


def test_no_build_requires_an_existing_build(repo):
    result = deploy(repo, "--no-build", "--out", str(repo / "nothing-here"))
    assert result.exit_code == 1
    assert "no index.html" in result.output


def refs(repo: Path) -> str:
    return git(repo, "for-each-ref", "--format=%(refname) %(objectname)")


def test_refuses_the_checked_out_branch_and_publishes_nothing(repo):
    git(repo, "push", "-q", "origin", "main")
    before, origin_before = refs(repo), refs(repo.parent / "origin.git")
    result = deploy(repo, "--branch", "main")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "refusing to deploy to main: it is the branch checked out here" in result.output
    assert refs(repo) == before and refs(repo.parent / "origin.git") == origin_before
    assert not (repo / "build").exists(), "refused before building"


def test_refuses_branches_that_share_history_with_the_sources(repo):
    git(repo, "branch", "behind")                      # an ancestor of HEAD
    git(repo, "checkout", "-q", "-b", "ahead")
    (repo / "notes.txt").write_text("more")
    git(repo, "add", "notes.txt")
    git(repo, "commit", "-q", "-m", "ahead")           # HEAD (main, checked out below) is its ancestor
    git(repo, "checkout", "-q", "-b", "diverged", "main")
    (repo / "other.txt").write_text("other")
    git(repo, "add", "other.txt")
    git(repo, "commit", "-q", "-m", "diverged")        # shares only main's first commit
    git(repo, "checkout", "-q", "main")
    (repo / "main.txt").write_text("main moves on")
    git(repo, "add", "main.txt")
    git(repo, "commit", "-q", "-m", "main moves on")
    git(repo, "push", "-q", "origin", "main:release")  # only on the remote
    before, origin_before = refs(repo), refs(repo.parent / "origin.git")
    for branch, where in (("behind", "behind"), ("ahead", "ahead"), ("diverged", "diverged"),
                          ("release", "origin/release")):
        result = deploy(repo, "--branch", branch)
        assert result.exit_code == 1, (branch, result.output)
        assert f"refusing to deploy to {branch}: {where} shares history with the sources" in result.output
        assert "Traceback" not in result.output
    after = refs(repo)
    assert [line for line in after.splitlines() if "refs/remotes/" not in line] == \
        [line for line in before.splitlines() if "refs/remotes/" not in line]
    assert refs(repo.parent / "origin.git") == origin_before


def test_an_unrelated_existing_branch_and_the_sitegen_branch_are_accepted(repo):
    assert deploy(repo).exit_code == 0                 # a fresh gh-pages, made by ghp-import
    assert deploy(repo).exit_code == 0, "its own earlier gh-pages is not a source branch"
    empty_tree = subprocess.run(["git", "mktree"], cwd=repo, input="", check=True, capture_output=True,
                                text=True).stdout.strip()
    unrelated = git(repo, "commit-tree", empty_tree, "-m", "an older site, unrelated history")
    git(repo, "branch", "pages", unrelated)
    result = deploy(repo, "--no-push", "--branch", "pages")
    assert result.exit_code == 0, result.output
    assert "index.html" in git(repo, "ls-tree", "--name-only", "pages")
