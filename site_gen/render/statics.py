"""Static files: the theme's, overridden file by file by the site's own `static/` folder."""

from __future__ import annotations

import os
from pathlib import Path

from site_gen.core.model import SiteConfig
from site_gen.core.problems import ContentErrors, Problem
from site_gen.content.sources import display_path
from site_gen.render.templates import THEME_DIR

LINK_HINT = "copy the file into the site instead: a link out of the site folder could publish a private file"


def static_files(config: SiteConfig, generated: set[str]) -> dict[str, bytes]:
    """Output path -> bytes for every static file; a site file may not replace a generated page, and a
    symbolic link in the site's `static/` may only lead to a file inside the site's folder."""
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    for folder, fence in ((THEME_DIR / "static", None), (config.static_dir, config.root.resolve())):
        for rel, path in _walk(folder, fence, config, problems):
            if rel in generated:
                problems.append(Problem(display_path(path, config.root), 0, "",
                                        f"static file would overwrite the generated page {rel}", "rename or remove it"))
                continue
            files[rel] = path.read_bytes()
    if problems:
        raise ContentErrors(problems)
    return files


def _walk(folder: Path, fence: Path | None, config: SiteConfig, problems: list[Problem]) -> list[tuple[str, Path]]:
    """(output path, path) of each file under `folder`, sorted, hidden files and folders skipped. With a
    `fence`, symbolic links (to files or folders) are followed only to places inside it; others are problems."""
    if not folder.is_dir():
        return []
    found: list[tuple[str, Path]] = []
    seen = {folder.resolve()}
    for current, dirnames, filenames in os.walk(folder, followlinks=True):
        base = Path(current)
        kept = []
        for name in sorted(dirnames):
            child = base / name
            target = child.resolve()
            if name.startswith(".") or target in seen:
                continue  # hidden, or a link back to a folder already walked
            if fence is not None and child.is_symlink() and not _inside(target, fence):
                problems.append(_link_problem(child, target, config))
                continue
            seen.add(target)
            kept.append(name)
        dirnames[:] = kept
        for name in filenames:
            path = base / name
            if name.startswith("."):
                continue
            if path.is_symlink() and fence is not None:
                target = path.resolve()
                if not _inside(target, fence) or not target.is_file():
                    problems.append(_link_problem(path, target, config))
                    continue
            if path.is_file():
                found.append((path.relative_to(folder).as_posix(), path))
    return sorted(found)


def _inside(target: Path, fence: Path) -> bool:
    return target == fence or fence in target.parents


def _link_problem(link: Path, target: Path, config: SiteConfig) -> Problem:
    where = "does not exist" if not target.exists() else "is outside the site folder"
    shown = f"{display_path(link.parent, config.root)}/{link.name}"  # the link, not where it leads
    return Problem(shown, 0, "",
                   f"static file is a symbolic link to {target}, which {where}", LINK_HINT)
