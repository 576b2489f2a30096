"""Which page each file of the last build was rendered from: path -> (page key, SHA-256 of its bytes).

A page whose key is unchanged is taken from the previous build folder, after checking its bytes against the
recorded hash, so a hand-edited or damaged output file is rendered again rather than trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

MANIFEST = "pages.json"


def previous_pages(cache_root: Path, out_dir: Path, keys: dict[str, str]) -> dict[str, bytes]:
    """Bytes of every page of the previous build whose key matches and whose file is intact."""
    try:
        manifest = json.loads((cache_root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(manifest, dict) or manifest.get("out") != str(out_dir.resolve()):
        return {}
    entries = manifest.get("pages", {})
    reused = {}
    for path, key in keys.items():
        entry = entries.get(path)
        if not isinstance(entry, list) or len(entry) != 2 or entry[0] != key:
            continue
        try:
            data = (out_dir / path).read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() == entry[1]:
            reused[path] = data
    return reused


def save_page_manifest(cache_root: Path, files: dict[str, bytes], keys: dict[str, str], out_dir: Path) -> None:
    pages = {path: [key, hashlib.sha256(files[path]).hexdigest()] for path, key in sorted(keys.items())}
    text = json.dumps({"out": str(out_dir.resolve()), "pages": pages}, sort_keys=True)
    try:
        cache_root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=cache_root)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, cache_root / MANIFEST)
    except OSError:
        pass  # only the next build's speed depends on it
