"""`sitegen new`: copy the packaged starter site (config, example article, workflows) into a new folder."""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

from site_gen import DISTRIBUTION, __version__
from site_gen.core.problems import SitegenError

SCAFFOLD_DIR = Path(__file__).parent.parent / "scaffold"
RENAMES = {"gitignore.txt": ".gitignore"}


class ScaffoldError(SitegenError):
    """The new site could not be created; nothing was overwritten."""


def create_site(target: Path) -> list[Path]:
    """Write the starter site into `target` (which must be missing or empty); return the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} already exists and is not empty (choose a new folder name)")
    written = []
    for source in sorted(p for p in SCAFFOLD_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        rel = source.relative_to(SCAFFOLD_DIR)
        dest = target / rel.parent / RENAMES.get(rel.name, rel.name)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(source.read_bytes())
        written.append(dest)
    requirements = target / "requirements.txt"
    requirements.write_text(requirements_text(), encoding="utf-8")
    return sorted(written + [requirements])


def requirements_text() -> str:
    """requirements.txt for the new site's workflows: exactly the sitegen that made it, pinned."""
    return (f"# What the GitHub workflows install: the sitegen that made this site ({DISTRIBUTION} {__version__}),\n"
            f"# pinned. (`sitegen` on PyPI is an unrelated project: never install that name.) To upgrade, change\n"
            f"# this line to the release you tested with; see sitegen's README, \"Publishing to GitHub Pages\".\n"
            f"{requirement()}\n")


def requirement() -> str:
    """`sitegen-claims @ git+https://…@<commit>` when this sitegen was installed from a git URL (pip's
    direct_url.json says which commit), else `sitegen-claims==<version>`."""
    try:
        direct = json.loads(metadata.distribution(DISTRIBUTION).read_text("direct_url.json") or "null")
    except (metadata.PackageNotFoundError, ValueError):
        direct = None
    if isinstance(direct, dict) and isinstance(direct.get("vcs_info"), dict):
        url, vcs = direct.get("url"), direct["vcs_info"]
        commit = vcs.get("commit_id")
        if vcs.get("vcs") == "git" and isinstance(url, str) and url.startswith("https://") and isinstance(commit, str):
            return f"{DISTRIBUTION} @ git+{url}@{commit}"
    return f"{DISTRIBUTION}=={__version__}"
