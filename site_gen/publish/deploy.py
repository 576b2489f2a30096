"""The one home of git and ghp-import: publish a successful build to the gh-pages branch, keeping the custom domain."""

from __future__ import annotations

import contextlib
import subprocess
from dataclasses import dataclass
from pathlib import Path

import ghp_import

from site_gen import __version__
from site_gen.pipeline.build import BuildOptions, build, configure
from site_gen.core.problems import SitegenError


class DeployError(SitegenError):
    """Deployment refused or failed; nothing was published."""


@dataclass(frozen=True)
class DeployOptions:
    build: BuildOptions
    remote: str = "origin"
    branch: str = "gh-pages"
    push: bool = True
    run_build: bool = True


@dataclass(frozen=True)
class DeployResult:
    branch: str
    commit: str
    cname: str
    pushed: bool
    message: str


def deploy(options: DeployOptions) -> DeployResult:
    """Check the repository, build (a failed build raises before anything is committed), commit, push."""
    config = configure(options.build)
    repo = repository_root(config.root)
    if options.push:
        require_remote(repo, options.remote)
        _git(repo, "fetch", "--quiet", options.remote, f"{options.branch}:refs/remotes/{options.remote}/{options.branch}",
             check=False)
    refuse_source_branch(repo, options.remote, options.branch)
    out_dir = build(options.build).out_dir if options.run_build else existing_build(config.output_dir)
    cname = config.cname or existing_cname(repo, options.remote, options.branch)
    message = f"Deploy {config.title} from {source_commit(repo)} with sitegen {__version__}"
    before = _git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{options.branch}", check=False)
    with contextlib.chdir(repo):
        try:
            ghp_import.ghp_import(str(out_dir), mesg=message, nojekyll=True, cname=cname or None,
                                  push=False, remote=options.remote, branch=options.branch)
        except ghp_import.GhpError as exc:
            raise DeployError(f"could not commit the site to {options.branch}: {exc.message}") from None
    after = _git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{options.branch}", check=False)
    if not after or after == before:
        raise DeployError(f"git did not record a new commit on {options.branch}; nothing was published")
    if options.push:
        _push(repo, options.remote, options.branch)
    return DeployResult(options.branch, after[:12], cname, options.push, message)


def repository_root(path: Path) -> Path:
    top = _git(path, "rev-parse", "--show-toplevel", check=False)
    if not top:
        raise DeployError(f"{path.resolve()} is not in a git repository "
                          "(run `git init` and add a remote, or deploy from your site's repository)")
    return Path(top)


def require_remote(repo: Path, remote: str) -> None:
    if not _git(repo, "remote", "get-url", remote, check=False):
        raise DeployError(f"git remote '{remote}' does not exist "
                          f"(add it with `git remote add {remote} URL`, pass --remote NAME, or use --no-push)")


def refuse_source_branch(repo: Path, remote: str, branch: str) -> None:
    """Refuse to publish onto the checked-out branch, or onto a branch (local, or on the remote) that shares any
    commit with HEAD: such a branch holds the sources, and a deploy would replace their tree with the site.
    A branch made by ghp-import has history of its own (it starts from an orphan commit), so it passes."""
    hint = "(deploy to a branch of its own, e.g. --branch gh-pages)"
    if _git(repo, "symbolic-ref", "--quiet", "--short", "HEAD", check=False) == branch:
        raise DeployError(f"refusing to deploy to {branch}: it is the branch checked out here, "
                          f"and the site would replace your sources {hint}")
    head = _git(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
    for ref in (f"refs/heads/{branch}", f"refs/remotes/{remote}/{branch}"):
        tip = _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
        if head and tip and _git(repo, "merge-base", head, tip, check=False):
            where = branch if ref.startswith("refs/heads/") else f"{remote}/{branch}"
            raise DeployError(f"refusing to deploy to {branch}: {where} shares history with the sources checked "
                              f"out here, so it is a source branch, not a published site {hint}")


def existing_build(out_dir: Path) -> Path:
    if not (out_dir / "index.html").is_file():
        raise DeployError(f"{out_dir} has no index.html to deploy (run `sitegen build` first, or drop --no-build)")
    return out_dir


def existing_cname(repo: Path, remote: str, branch: str) -> str:
    """The CNAME already published on the branch, so that a deploy never drops a custom domain."""
    for ref in (f"{remote}/{branch}", branch):
        text = _git(repo, "show", f"{ref}:CNAME", check=False)
        if text:
            return text.strip()
    return ""


def source_commit(repo: Path) -> str:
    sha = _git(repo, "rev-parse", "--short=12", "HEAD", check=False)
    if not sha:
        return "an uncommitted tree"
    dirty = _git(repo, "status", "--porcelain", "--untracked-files=no", check=False)
    return f"{sha}{' (with uncommitted changes)' if dirty else ''}"


def _push(repo: Path, remote: str, branch: str) -> None:
    result = subprocess.run(["git", "push", remote, branch], cwd=repo, capture_output=True, text=True)
    if result.returncode != 0:
        raise DeployError(f"git push {remote} {branch} failed: {result.stderr.strip()} "
                          f"(the commit is on the local {branch} branch; fix access and push it, or deploy again)")


def _git(repo: Path, *args: str, check: bool = True) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    if result.returncode != 0:
        if check:
            raise DeployError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
        return ""
    return result.stdout.strip()
