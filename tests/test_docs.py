"""The user docs do what they say: the quick start's commands run as written, every example marked as
building builds (in this repository's site and in a `sitegen new` site, with --strict), links resolve,
and the content reference names every field, status, category and quantity word the code accepts.

Marker convention: a fenced example that builds is preceded by the line `<!-- builds as PATH -->`
(PATH: where it goes in a site, e.g. content/articles/x.md), and its text says "it builds as it is".
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from site_gen.content.articles import ARTICLE_KEYS, SOURCE_KEYS
from site_gen.content.claims import CLAIM_KEYS
from site_gen.content.locations import LOCATION_KEYS, PRECISIONS
from site_gen.content.config import CONFIG_KEYS
from site_gen.render.jsonld import PERSON_KINDS
from site_gen.core.model import CATEGORIES, Status
from site_gen.core.quantities import VAGUE_WORDS, _PREFIXES
from site_gen.publish.scaffold import create_site

DOCS = sorted((REPO / "docs").glob("*.md"))
USER_DOCS = [REPO / "README.md", *DOCS]
MARKED = re.compile(r"^<!-- builds as (?P<path>\S+) -->\n```\w*\n(?P<text>.*?)^```$", re.M | re.S)
FENCE = re.compile(r"^```.*?^```$", re.M | re.S)

#: What the quick start leaves to the reader, and what the test puts there instead.
INSTALL_PATH = "/path/to/sitegen"
REMOTE_URL = "https://github.com/YOUR-NAME/my-desk.git"
SERVE_LINE = "sitegen serve"

#: Stands in for `sitegen serve` (which runs until stopped): start it on a free port, fetch the quick
#: start's article from 127.0.0.1, stop it with SIGTERM (a background job ignores SIGINT) and wait.
SERVE_CHECK = """\
serve_check() {
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  sitegen serve --port "$port" >"$QS_LOGS/serve.log" 2>&1 &
  pid=$!
  python3 - "$port" "$QS_LOGS/served.html" <<'PY'
import sys, time, urllib.request
port, out = sys.argv[1:]
for _ in range(1200):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/articles/first-claim.html", timeout=10) as page:
            open(out, "wb").write(page.read())
            break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("sitegen serve did not answer")
PY
  kill -TERM "$pid"
  wait "$pid"
}
"""


def marked_examples() -> list[tuple[str, str, str]]:
    """(doc, path in the site, text) for every fenced example marked as building."""
    return [(doc.name, m["path"], m["text"]) for doc in USER_DOCS for m in MARKED.finditer(doc.read_text("utf-8"))]


def quick_start_script() -> str:
    """The quick start's ```sh blocks in order, with the install path, remote URL and serve line stood in for."""
    text = (REPO / "docs/quickstart.md").read_text("utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```$", text, re.M | re.S)
    script = "".join(blocks)
    for placeholder in (INSTALL_PATH, REMOTE_URL):
        assert script.count(placeholder) == 1, f"the quick start should use {placeholder} once"
    assert script.splitlines().count(SERVE_LINE) == 1
    script = script.replace(INSTALL_PATH, '"$QS_SITEGEN"').replace(REMOTE_URL, '"$QS_REMOTE"')
    script = "\n".join("serve_check" if line == SERVE_LINE else line for line in script.splitlines())
    return "set -euo pipefail\n" + SERVE_CHECK + script + "\n"


def copy_sitegen(dest: Path) -> Path:
    """What `pip install /path/to/sitegen` needs, copied, so that pip's build never writes into the repo."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(REPO / "site_gen", dest / "site_gen", ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE", "setup.cfg"):
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, dest / name)
    return dest


@pytest.mark.timeout(900)  # a fresh venv and `pip install` (from the local index) on a busy machine
def test_the_quick_start_runs_as_written(tmp_path):
    work, logs, home = tmp_path / "work", tmp_path / "logs", tmp_path / "home"
    for folder in (work, logs, home):
        folder.mkdir()
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    env = {k: v for k, v in os.environ.items()
           if k not in ("SOURCE_DATE_EPOCH", "VIRTUAL_ENV", "PYTHONPATH") and not k.startswith("GIT_")}
    env.update(HOME=str(home), QS_SITEGEN=str(copy_sitegen(tmp_path / "sitegen")), QS_REMOTE=str(remote),
               QS_LOGS=str(logs), GIT_AUTHOR_NAME="Quick Start", GIT_AUTHOR_EMAIL="qs@example.invalid",
               GIT_COMMITTER_NAME="Quick Start", GIT_COMMITTER_EMAIL="qs@example.invalid")
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if Path(p) != Path(sys.executable).parent)
    proc = subprocess.run(["bash", "-c", quick_start_script()], cwd=work, env=env, capture_output=True, text=True,
                          timeout=900)
    serve_log = (logs / "serve.log").read_text() if (logs / "serve.log").exists() else ""
    assert proc.returncode == 0, proc.stdout + proc.stderr + serve_log
    site = work / "my-desk"
    assert (site / "sitegen-env").exists() is False and (work / "sitegen-env/bin/sitegen").is_file()
    page = (site / "build/articles/first-claim.html").read_text("utf-8")
    assert "Air Force of the Armed Forces of Ukraine" in page and "Unverified claim" in page
    served = (logs / "served.html").read_text("utf-8")
    assert "Example: the Air Force says it shot down over 20 drones overnight" in served
    assert "Stopped." in serve_log
    published = subprocess.run(["git", "--git-dir", str(remote), "ls-tree", "--name-only", "gh-pages"],
                               capture_output=True, text=True, check=True).stdout.split()
    assert {"index.html", ".nojekyll", "articles"} <= set(published)


def test_the_quick_starts_error_example_is_what_sitegen_prints(tmp_path, monkeypatch):
    text = (REPO / "docs/quickstart.md").read_text("utf-8")
    article = re.search(r"cat > content/articles/first-claim.md <<'EOF'\n(.*?)^EOF$", text, re.M | re.S)[1]
    registry = re.search(r"cat > content/claimants.yaml <<'EOF'\n(.*?)^EOF$", text, re.M | re.S)[1]
    [shown] = re.findall(r"^content/articles/first-claim.md:.*$", text, re.M)
    create_site(tmp_path / "site")
    (tmp_path / "site/content/claimants.yaml").write_text(registry)
    (tmp_path / "site/content/articles/first-claim.md").write_text(article.replace("total: over 20", "total: 20-ish"))
    monkeypatch.chdir(tmp_path / "site")
    result = run_cli(["build", "--strict"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(shown.removesuffix("…)"))


def test_every_example_that_says_it_builds_is_marked():
    for doc in USER_DOCS:
        text = doc.read_text("utf-8")
        assert text.count("builds as it is") == len(MARKED.findall(text)), doc.name
    assert {path for _, path, _ in marked_examples()} >= {"content/articles/readme-example.md"}


@pytest.fixture(scope="module")
def examples_site_roots(tmp_path_factory) -> dict[str, Path]:
    """This repository's site (copied) and a `sitegen new` site, each with every marked example written in."""
    base = tmp_path_factory.mktemp("examples")
    repo_site = base / "repo"
    repo_site.mkdir()
    shutil.copy2(REPO / "config.yaml", repo_site / "config.yaml")
    for folder in ("content", "data", "templates", "static"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, repo_site / folder)
    new_site = base / "new"
    create_site(new_site)
    for root in (repo_site, new_site):
        for _, path, text in marked_examples():
            target = root / path
            assert not target.exists(), f"{path} would replace a file of the site"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return {"this repository's site": repo_site, "a sitegen new site": new_site}


@pytest.mark.parametrize("where", ["this repository's site", "a sitegen new site"])
def test_marked_examples_build_with_strict(examples_site_roots, where):
    root = examples_site_roots[where]
    result = run_cli(["build", "--strict", "--config", str(root / "config.yaml"), "--out", str(root / "build")])
    assert result.exit_code == 0, result.output
    for _, path, _ in marked_examples():
        if path.startswith("content/articles/"):
            assert (root / "build/articles" / f"{Path(path).stem}.html").is_file()


def test_docs_links_resolve():
    for doc in USER_DOCS:
        prose = re.sub(r"`[^`\n]*`", "", FENCE.sub("", doc.read_text("utf-8")))
        for target in re.findall(r"\]\(([^)\s]+)\)", prose):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            linked = (doc.parent / file).resolve() if file else doc
            assert linked.is_file(), f"{doc.name}: link to missing {target}"
            if anchor:
                assert anchor in anchors(linked), f"{doc.name}: no heading #{anchor} in {linked.name}"


def anchors(doc: Path) -> set[str]:
    """GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens."""
    headings = re.findall(r"^#+ (.+)$", FENCE.sub("", doc.read_text("utf-8")), re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_readme_points_to_docs_not_to_files_outside_the_repository():
    readme = (REPO / "README.md").read_text("utf-8")
    assert "shared/design" not in readme
    assert "docs/quickstart.md" in readme.split("---", 1)[0], "the quick start is linked before anything else"


def test_the_content_reference_names_everything_the_code_accepts():
    reference = (REPO / "docs/content.md").read_text("utf-8")
    names = [*ARTICLE_KEYS, *SOURCE_KEYS, *CLAIM_KEYS, *LOCATION_KEYS, *PRECISIONS, *CATEGORIES,
             *(s.value for s in Status), *PERSON_KINDS, *VAGUE_WORDS]
    missing = [name for name in names if f"`{name}`" not in reference and f"`{name}:" not in reference]
    assert missing == []
    words = [w for pattern, _ in _PREFIXES for w in pattern.split("|")]
    assert [w for w in words if w not in reference] == []
    config_reference = (REPO / "docs/configuration.md").read_text("utf-8")
    assert [k for k in CONFIG_KEYS if f"`{k}`" not in config_reference] == []
