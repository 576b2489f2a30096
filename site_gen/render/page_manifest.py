"""Which page each file of the last build was rendered from: path -> (page key, SHA-256 of its bytes).

A page whose key is unchanged is taken from the previous build folder, after checking its bytes against the
recorded hash, so a hand-edited or damaged output file is rendered again rather than trusted. A manifest that
is not a regular file, is over MAX_MANIFEST bytes or is not of this shape is ignored with a warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from site_gen.utils.cache import CacheFileRefused, read_cache_file

MANIFEST = "pages.json"
MAX_MANIFEST = 256 * 1024 * 1024
#: The largest page read back from the previous build (larger ones are rendered again).
MAX_PAGE = 256 * 1024 * 1024


def previous_pages(cache_root: Path, out_dir: Path, keys: dict[str, str],
                   warnings: list[str] | None = None) -> dict[str, bytes]:
    """Bytes of every page of the previous build whose key matches and whose file is intact; a manifest that
    cannot be used adds a one-line warning to `warnings`."""
    entries = _manifest_pages(cache_root / MANIFEST, out_dir, warnings if warnings is not None else [])
    reused = {}
    for path, key in keys.items():
        entry = entries.get(path)
        if not isinstance(entry, list) or len(entry) != 2 or entry[0] != key:
            continue
        try:
            data = read_cache_file(out_dir / path, MAX_PAGE)
        except CacheFileRefused:
            continue
        if data is not None and hashlib.sha256(data).hexdigest() == entry[1]:
            reused[path] = data
    return reused


def _manifest_pages(path: Path, out_dir: Path, warnings: list[str]) -> dict:
    """The manifest's pages for this output folder ({} if there is none, it is another folder's or unusable)."""
    try:
        raw = read_cache_file(path, MAX_MANIFEST)
        manifest = json.loads(raw) if raw is not None else {}
    except CacheFileRefused as exc:
        warnings.append(f"{path}: page manifest ignored and rebuilt: {exc}")
        return {}
    except (ValueError, RecursionError):
        warnings.append(f"{path}: page manifest is not JSON; ignored and rebuilt")
        return {}
    if not isinstance(manifest, dict) or not isinstance(manifest.get("pages", {}), dict):
        warnings.append(f"{path}: page manifest is not of the expected shape; ignored and rebuilt")
        return {}
    if manifest.get("out") != str(out_dir.resolve()):
        return {}
    return manifest.get("pages", {})


def save_page_manifest(cache_root: Path, hashes: Mapping[str, str], keys: dict[str, str], out_dir: Path) -> None:
    """Record each page's key and the SHA-256 (hex, from `hashes`) of the bytes written for it."""
    pages = {path: [key, hashes[path]] for path, key in sorted(keys.items())}
    text = json.dumps({"out": str(out_dir.resolve()), "pages": pages}, sort_keys=True)
    try:
        cache_root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=cache_root)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, cache_root / MANIFEST)
    except OSError:
        pass  # only the next build's speed depends on it
