"""The build cache (default `.sitegen-cache/` next to config.yaml): digests of inputs, and a safe reader for its files.

The cache holds data, never code: charts as SVG text (chart_cache.py, each one checked against a whitelist of
the elements and attributes sitegen's charts use before it is published) and `pages.json` (page_manifest.py,
hashes of pages in the previous build folder). Nothing in it is unpickled or evaluated. Parsed articles and
rendered bodies are not kept on disk: their values reach pages as HTML and cannot be checked short of
computing them again, so a build recomputes them (the preview server keeps them in memory). A cache file
that is missing, not a regular file (a FIFO, a device, a link to one), larger than its cap, or of the wrong
shape is ignored with a one-line warning and rebuilt. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
import stat
from functools import lru_cache
from pathlib import Path

from site_gen import __version__

CACHE_DIR = ".sitegen-cache"


class CacheFileRefused(Exception):
    """A cache file that was not read; str() says why, in words, for a one-line warning."""


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
    package = Path(__file__).parent
    files = sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in {".py", ".html", ".json"})
    return digest(__version__, *[(p.relative_to(package).as_posix(), p.read_bytes()) for p in files])


def read_cache_file(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes, or None if there is no file.

    Raises CacheFileRefused for anything else: a FIFO, socket or device (never opened, so reading can never
    block or run forever), a file larger than `limit` (only `limit + 1` bytes are ever read) or an I/O error.
    """
    try:
        before = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CacheFileRefused(f"cannot read it ({exc.strerror or exc})") from None
    if not stat.S_ISREG(before.st_mode):
        raise CacheFileRefused("not a regular file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise CacheFileRefused(f"cannot read it ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):  # replaced between stat and open
            raise CacheFileRefused("not a regular file")
        if opened.st_size > limit:
            raise CacheFileRefused(f"larger than {limit:,} bytes")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise CacheFileRefused(f"larger than {limit:,} bytes")
    return data
