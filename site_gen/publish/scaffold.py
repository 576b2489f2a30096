"""`sitegen new`: copy the packaged starter site (config, example article, workflows) into a new folder."""

from __future__ import annotations

from pathlib import Path

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
    return written
