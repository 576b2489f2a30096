"""Static files: the theme's, overridden file by file by the site's own `static/` folder."""

from __future__ import annotations

from pathlib import Path

from site_gen.model import SiteConfig
from site_gen.problems import ContentErrors, Problem
from site_gen.sources import display_path
from site_gen.templates import THEME_DIR


def static_files(config: SiteConfig, generated: set[str]) -> dict[str, bytes]:
    """Output path -> bytes for every static file; a site file may not replace a generated page."""
    files: dict[str, bytes] = {}
    problems = []
    for folder in (THEME_DIR / "static", config.static_dir):
        for path in _walk(folder):
            rel = path.relative_to(folder).as_posix()
            if rel in generated:
                problems.append(Problem(display_path(path, config.root), 0, "",
                                        f"static file would overwrite the generated page {rel}", "rename or remove it"))
                continue
            files[rel] = path.read_bytes()
    if problems:
        raise ContentErrors(problems)
    return files


def _walk(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.rglob("*") if p.is_file() and not any(s.startswith(".") for s in p.relative_to(folder).parts)),
        key=lambda p: p.relative_to(folder).as_posix(),
    )
