"""The one write path: a whole site written to a temporary folder, then swapped in place of the old one."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from site_gen.core.problems import SitegenError


class OutputError(SitegenError):
    """The output folder could not be written; the previous build is left as it was."""


def write_site(files: dict[str, bytes], out_dir: Path, protected: tuple[Path, ...] = ()) -> None:
    """Write every file under a fresh folder next to `out_dir`, then replace `out_dir` with it.

    `protected` = (site root, source folders...): none may be the output folder or inside it, and the output
    folder may not be inside a source folder (it may be inside the root).
    """
    out_dir = out_dir.resolve()
    check_output_dir(out_dir, protected)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder: {exc}") from None
    try:
        for rel in sorted(files):
            target = staging / safe_relative(rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[rel])
        os.chmod(staging, 0o755)
        _swap(staging, out_dir)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(f"{out_dir}: cannot write the site: {exc}") from None


def check_output_dir(out_dir: Path, protected: tuple[Path, ...]) -> None:
    """Refuse an output folder that is, contains or sits inside a source folder (the site root may contain it)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir} exists and is not a folder (choose another --out)")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / "index.html").is_file():
        raise OutputError(f"{out_dir} is not empty and holds no index.html, so it is not an earlier build "
                          "(choose another --out, or empty the folder yourself)")
    for index, folder in enumerate(p.resolve() for p in protected):
        inside = folder in out_dir.parents and index > 0
        if out_dir == folder or out_dir in folder.parents or inside:
            raise OutputError(f"refusing to write the site to {out_dir}: it would replace or mix with {folder} "
                              "(choose an output folder outside the site's sources, e.g. build/)")


def safe_relative(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise OutputError(f"refusing to write outside the output folder: {rel}")
    return path


def _swap(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        staging.rename(out_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    old.rmdir()
    out_dir.rename(old)
    try:
        staging.rename(out_dir)
    except OSError:
        old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
