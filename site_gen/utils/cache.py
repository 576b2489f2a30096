"""The build cache (default `.sitegen-cache/` next to config.yaml): digests of inputs, a safe reader, the article store.

The cache holds data, never code: nothing in it is unpickled or evaluated. Charts are SVG text (chart_cache.py:
each entry is checked against a whitelist of the elements and attributes sitegen's charts use before it is
published); `pages.json` holds hashes of pages in the previous build folder (page_manifest.py); `articles.json`
holds parsed articles and rendered bodies as plain JSON, one line per entry (its codec, pipeline/plain.py, decodes only known record types). Article
values reach pages as HTML and cannot be checked short of computing them again, so that file is signed with
HMAC-SHA256 under a key kept outside the site and its cache (`$XDG_CACHE_HOME/sitegen/cache-key`, made on
first use, readable by the user only): a file signed elsewhere, e.g. restored in CI from a pull request's
cache, is ignored (one warning) and the articles are parsed again. A cache file that is not a regular file (a
FIFO, a device, a link to one), larger than its cap, or of the wrong shape is ignored with a one-line warning
and rebuilt; nothing is read from a file that is not a regular file. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

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
    package = Path(__file__).parent.parent
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
        data = handle.read(min(opened.st_size, limit) + 1)  # a buffer the file's size, not the limit's
        while opened.st_size < len(data) <= limit:  # grown since fstat: read on, a megabyte at a time
            more = handle.read(min(1 << 20, limit + 1 - len(data)))
            if not more:
                break
            data += more
    if len(data) > limit:
        raise CacheFileRefused(f"larger than {limit:,} bytes")
    return data


#: Format 4: after the signed header, one line per entry: its key, a tab, its value as JSON.
MAGIC = b"sitegen-cache 4 "
#: The largest article store read (about 10 KB per article: half a million articles).
MAX_STORE = 4 * 1024 * 1024 * 1024


def key_file() -> Path:
    """Where this user's cache signing key lives: outside every site, so no checkout or restored cache holds it."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitegen" / "cache-key"


def signing_key() -> bytes | None:
    """This user's 32-byte key (made on first use, mode 0600), or None if it cannot be read or made."""
    path = key_file()
    found = _read_key(path)
    if found is not None or path.exists():
        return found
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # made meanwhile by another build
        return _read_key(path)
    except OSError:
        return None
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def _read_key(path: Path) -> bytes | None:
    try:
        found = read_cache_file(path, 64)
    except CacheFileRefused:
        return None
    return found if found is not None and len(found) == 32 else None


class CacheStore:
    """A key → value store kept in one signed file of JSON lines; `save()` writes only the entries used since
    `load` (those read back unchanged as the line they were read from, not encoded again), and nothing at all
    when that is exactly what the file holds. The file's bytes are held once: each entry is a span of them,
    parsed only when asked for, so the file's values are never all in memory as JSON trees at once, and no
    entry's line is copied until it is read."""

    def __init__(self, path: Path | None, key: bytes | None = None,
                 encode: Callable[[Any], Any] = lambda value: value, decode: Callable[[Any], Any] = lambda raw: raw):
        """`encode`/`decode` turn values into JSON data and back; they raise ValueError for what they cannot."""
        self.encode, self.decode = encode, decode
        self.key = key if key is not None else (signing_key() if path is not None else None)
        self.path = path if self.key is not None else None
        self.warnings: list[str] = []
        #: The file as read, and where each entry not asked for yet lies in it.
        self._file = memoryview(b"")
        self._spans: dict[str, tuple[int, int]] = {}
        self._new: dict[str, Any] = {}
        #: The JSON form (bytes, or a view of the file) each entry was read in, while its value is the one
        #: decoded from it.
        self._raw: dict[str, Any] = {}
        if self.path is not None:
            self._file, self._spans = self._read(self.path)
        self._stored = frozenset(self._spans)

    def get(self, key: str) -> Any:
        """The stored value, decoded on first use (None if absent or not decodable)."""
        if key in self._new:
            return self._new[key]
        span = self._spans.pop(key, None)
        if span is None:
            return None
        raw = self._file[span[0]:span[1]]
        try:
            value = self.decode(json.loads(bytes(raw)))
        except (ValueError, RecursionError):
            warning = f"{self.path}: entries of the wrong shape; ignored and rebuilt"
            if warning not in self.warnings:
                self.warnings.append(warning)
            return None
        self._new[key] = value
        self._raw[key] = raw
        return value

    def put(self, key: str, value: Any) -> None:
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a cache key: {key!r}")
        if self._new.get(key) is not value:
            self._raw.pop(key, None)
        self._new[key] = value

    def save(self) -> None:
        """Write atomically; a cache that cannot be written is not an error, only a slower next build. The
        entries are signed and written one by one, never joined into one payload."""
        if self.path is None or (self._new.keys() == self._stored == self._raw.keys() and self.path.is_file()):
            return
        try:
            entries = {k: self._raw[k] if k in self._raw else _json(self.encode(v)) for k, v in sorted(self._new.items())}
        except ValueError as exc:
            self.warnings.append(f"{self.path}: not saved ({exc}); the next build will be slower")
            return
        head = MAGIC + code_fingerprint().encode()
        signature = self._signer(head)
        for line in _lines(entries):
            signature.update(line)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(head + b" " + signature.hexdigest().encode() + b"\n")
                handle.writelines(_lines(entries))
            os.replace(tmp, self.path)
            self._raw, self._stored = entries, frozenset(entries)
        except OSError as exc:
            self.warnings.append(f"{self.path}: cannot write the build cache ({exc.strerror or exc}); "
                                 "the next build will be slower")

    def _signer(self, head: bytes):
        """HMAC-SHA256 of the header's head and its line break, to be fed the payload."""
        return hmac.new(self.key or b"", head + b"\n", hashlib.sha256)

    def _read(self, path: Path) -> tuple[memoryview, dict[str, tuple[int, int]]]:
        """The file, and each entry's span in it; nothing if the file is missing, refused or not signed here."""
        nothing = memoryview(b""), {}
        try:
            raw = read_cache_file(path, MAX_STORE)
        except CacheFileRefused as exc:
            self.warnings.append(f"{path}: build cache ignored and rebuilt: {exc}")
            return nothing
        if raw is None:
            return nothing
        start = raw.find(b"\n") + 1 or len(raw)
        head, _, signature = raw[:start].rstrip(b"\n").rpartition(b" ")
        if not head.startswith(MAGIC) or len(head.split(b" ")) != 3:
            self.warnings.append(f"{path}: not a sitegen cache file; ignored and rebuilt")
            return nothing
        if head[len(MAGIC):].decode(errors="replace") != code_fingerprint():
            self.warnings.append(f"{path}: written by another version of sitegen; ignored and rebuilt")
            return nothing
        data = memoryview(raw)
        expected = self._signer(head)
        expected.update(data[start:])
        if not hmac.compare_digest(signature, expected.hexdigest().encode()):
            self.warnings.append(f"{path}: not signed with this user's key {key_file()} (written elsewhere, "
                                 "or altered); ignored and rebuilt")
            return nothing
        spans = _spans(raw, start)
        if spans is None:
            self.warnings.append(f"{path}: not of the expected shape; ignored and rebuilt")
            return nothing
        return data, spans


def _spans(raw: bytes, start: int) -> dict[str, tuple[int, int]] | None:
    """Each line's key and the span of its value, from `start` (every line ends in a line break; what follows
    the last one is not an entry); None if a line has no key."""
    spans: dict[str, tuple[int, int]] = {}
    while (end := raw.find(b"\n", start)) != -1:
        tab = raw.find(b"\t", start, end)
        key = raw[start:tab].decode("ascii", "replace") if tab != -1 else ""
        if not _KEY.fullmatch(key):
            return None
        spans[key] = (tab + 1, end)
        start = end + 1
    return spans


def _lines(entries: dict[str, Any]):
    """The store's lines, in pieces: each key, a tab, its value, a line break."""
    for key, value in entries.items():
        yield key.encode("ascii") + b"\t"
        yield value
        yield b"\n"


#: Store keys: digests and names, never a tab or a line break (the file's separators).
_KEY = re.compile(r"[A-Za-z0-9._-]+")


def _json(value: Any) -> bytes:
    """One entry's value as compact UTF-8 JSON on one line (JSON escapes every tab and line break in strings)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

