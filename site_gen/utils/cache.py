"""The build cache (default `.sitegen-cache/` next to config.yaml): content-hash keyed stores that never trust mtimes.

Each store is one file: a header naming the format and the code fingerprint, the SHA-256 of the payload,
then the pickled payload. A file from another sitegen version or code (a *foreign* file) or whose bytes do
not match their hash (a *corrupt* file) is ignored with a warning and rebuilt. Keys are SHA-256 digests of
every input (file bytes, config, templates, code), so a restored cache (e.g. `actions/cache`) is safe.
Deleting the folder is always safe. The cache is trusted like the site's own files: do not restore one
from an untrusted source.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from site_gen import __version__

CACHE_DIR = ".sitegen-cache"
MAGIC = b"sitegen-cache 2 "


def digest(*parts: object) -> str:
    """SHA-256 over the parts (bytes as they are, everything else by its repr)."""
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """sitegen's version and the bytes of its own modules and theme: any change invalidates every entry."""
    package = Path(__file__).parent.parent
    files = sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in {".py", ".html", ".json"})
    return digest(__version__, *[(p.relative_to(package).as_posix(), p.read_bytes()) for p in files])


class CacheStore:
    """A key → value store kept in one file; `save()` writes only the entries used since `load`."""

    def __init__(self, path: Path | None):
        self.path = path
        self.warnings: list[str] = []
        self._old: dict[str, Any] = {}
        self._new: dict[str, Any] = {}
        self.hits = 0
        self.misses = 0
        if path is not None:
            self._old = self._read(path)

    def get(self, key: str) -> Any:
        if key in self._new:
            return self._new[key]
        if key in self._old:
            self.hits += 1
            self._new[key] = self._old[key]
            return self._new[key]
        self.misses += 1
        return None

    def put(self, key: str, value: Any) -> None:
        self._new[key] = value

    def save(self) -> None:
        """Write atomically; a cache that cannot be written is not an error, only a slower next build."""
        if self.path is None:
            return
        payload = pickle.dumps(self._new, protocol=pickle.HIGHEST_PROTOCOL)
        header = MAGIC + code_fingerprint().encode() + b" " + hashlib.sha256(payload).hexdigest().encode() + b"\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(header + payload)
            os.replace(tmp, self.path)
        except OSError as exc:
            self.warnings.append(f"{self.path}: cannot write the build cache ({exc.strerror or exc}); "
                                 "the next build will be slower")

    def _read(self, path: Path) -> dict[str, Any]:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            self.warnings.append(f"{path}: cannot read the build cache ({exc.strerror or exc}); rebuilding")
            return {}
        header, _, payload = raw.partition(b"\n")
        parts = header.split(b" ")
        if not header.startswith(MAGIC) or len(parts) != 4:
            self.warnings.append(f"{path}: not a sitegen cache file; ignored and rebuilt")
            return {}
        if parts[2].decode(errors="replace") != code_fingerprint():
            self.warnings.append(f"{path}: written by another version of sitegen; ignored and rebuilt")
            return {}
        if parts[3].decode(errors="replace") != hashlib.sha256(payload).hexdigest():
            self.warnings.append(f"{path}: corrupt cache file (its bytes do not match their hash); ignored and rebuilt")
            return {}
        try:
            data = pickle.loads(payload)
        except Exception as exc:  # noqa: BLE001 - any unpickling failure means the same: do not trust it
            self.warnings.append(f"{path}: unreadable cache file ({type(exc).__name__}); ignored and rebuilt")
            return {}
        return data if isinstance(data, dict) else {}
