"""Content-hash cache of drawn charts (default `.sitegen-cache/charts/` next to config.yaml): equal input, no redraw.

A chart's key is the SHA-256 of its specification (every number, label and title it is drawn from) and of
its style: the matplotlib version and the source of the module that draws it. Nothing depends on file
times. An entry is SVG text with a header naming its key and the hash of its bytes, so a truncated entry or
one moved under another key is redrawn. A cache may come from elsewhere (CI restores it), and checking that
an entry is the chart sitegen would draw means drawing it, so before an entry is published it must pass
svg_check: only the elements and attributes sitegen's charts use, nothing that runs or loads anything
(an entry whose hash the signed article store lists as drawn or checked here before is not parsed again).
Any other entry (or a file that is not a regular file, or one over MAX_ENTRY bytes) is ignored with a
warning and redrawn. What the check cannot see is a forged chart that shows other figures with plain SVG:
restore the cache only from your own default branch (actions/cache does not share a pull request's cache
with it), or build with --no-cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import os
import stat
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from site_gen.charts.draw import DRAWN_BY

from site_gen.charts.svg_check import unsafe_svg
from site_gen.utils.cache import CacheFileRefused, read_cache_file

HEADER = b"sitegen-chart 2 "
#: The largest chart entry read (a chart of thousands of points is well under 1 MB).
MAX_ENTRY = 16 * 1024 * 1024


@dataclass(frozen=True)
class CacheStats:
    """What the chart stage did: charts drawn, charts reused from the cache, seconds spent drawing."""

    drawn: int = 0
    reused: int = 0
    draw_seconds: float = 0.0

    @property
    def ms_per_drawn_chart(self) -> float:
        return 1000 * self.draw_seconds / self.drawn if self.drawn else 0.0


class ChartCache:
    """Charts by key: `lookup` before drawing, `record_drawn` after; `folder=None` stores nothing."""

    def __init__(self, folder: Path | None, memory: dict[str, bytes] | None = None,
                 checked: frozenset[str] = frozenset(), suffix: str = ".svg"):
        self.folder = folder
        #: SHA-256 (hex) of charts this user's sitegen drew or checked before (from the signed article
        #: store): an entry with those bytes is not parsed again.
        self.checked = checked
        #: The file name ending of entries: ".svg", or ".png" for share cards, which cannot be checked like
        #: SVG and so are taken from the folder only when `checked` lists their bytes (else redrawn).
        self.suffix = suffix
        self._reused = 0
        self._drawn = CacheStats()
        self.warnings: list[str] = []
        #: Charts held from the previous build (`serve`), looked up before the folder.
        self.memory = memory or {}
        #: Every chart this build looked up or drew, by key (what `serve` holds for the next build).
        self.used: dict[str, bytes] = {}
        if folder is not None and not _usable_folder(folder):
            self.warnings.append(f"{folder}: not a folder; building without the chart cache")
            self.folder = None

    def lookup(self, spec: Any, key: str | None = None) -> bytes | None:
        """The cached chart for this spec (counted as reused), or None; `key` is chart_key(spec) if known."""
        key = key or chart_key(spec)
        found = self.memory.get(key)
        if found is None:
            found = self.get(key)
        if found is not None:
            self.used[key] = found
            self._reused += 1
        return found

    def used_hashes(self) -> tuple[str, ...]:
        """SHA-256 (hex) of every chart this build used: all drawn here or checked (for the next `checked`)."""
        return tuple(sorted({hashlib.sha256(data).hexdigest() for data in self.used.values()}))

    @property
    def stats(self) -> CacheStats:
        return dataclasses.replace(self._drawn, reused=self._reused)

    def record_drawn(self, specs: list[Any], charts: list[bytes], seconds: float) -> None:
        """Store charts drawn elsewhere (e.g. in worker processes) and count them."""
        for spec, data in zip(specs, charts):
            key = chart_key(spec)
            self.used[key] = data
            self.put(key, data)
        self._drawn = dataclasses.replace(self._drawn, drawn=self._drawn.drawn + len(charts),
                                          draw_seconds=self._drawn.draw_seconds + seconds)

    def path(self, key: str) -> Path | None:
        return self.folder / key[:2] / f"{key}{self.suffix}" if self.folder is not None else None

    def get(self, key: str) -> bytes | None:
        """The entry's chart if it is one sitegen may publish, else None (with a warning if there was an entry)."""
        path = self.path(key)
        if path is None:
            return None
        try:
            raw = read_cache_file(path, MAX_ENTRY)
        except CacheFileRefused as exc:
            self.warnings.append(f"{path}: chart cache entry ignored and redrawn: {exc}")
            return None
        if raw is None:
            return None
        data = unpack(raw, key)
        if data is None:
            self.warnings.append(f"{path}: corrupt or foreign chart cache entry; ignored and redrawn")
            return None
        known = hashlib.sha256(data).hexdigest() in self.checked
        if self.suffix == ".png" and not known:
            return None  # a card this user's sitegen did not draw: draw it (a PNG's pixels cannot be checked)
        problem = None if known else unsafe_svg(data)
        if problem is not None:
            self.warnings.append(f"{path}: chart cache entry refused ({problem}); ignored and redrawn")
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        """Store atomically (temp file, then rename); a cache that cannot be written is simply not used."""
        path = self.path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(pack(data, key))
            os.replace(tmp, path)
        except OSError:
            self.folder = None


def _usable_folder(folder: Path) -> bool:
    """The folder is one, or does not exist yet (a file, a device or a path through a file is not)."""
    try:
        return stat.S_ISDIR(os.stat(folder).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False


def pack(data: bytes, key: str) -> bytes:
    return HEADER + f"{key} {hashlib.sha256(data).hexdigest()}\n".encode("ascii") + data


def unpack(raw: bytes, key: str) -> bytes | None:
    """The chart in a cache entry, or None when the entry is not one, is another key's, or its bytes do not
    match their hash."""
    header, sep, data = raw.partition(b"\n")
    if not sep or not header.startswith(HEADER):
        return None
    if header[len(HEADER):].decode("ascii", "replace") != f"{key} {hashlib.sha256(data).hexdigest()}":
        return None
    return data


def chart_key(spec: Any) -> str:
    """SHA-256 of the spec's content and the style fingerprint of the module that draws it."""
    payload = json.dumps(spec, sort_keys=True, ensure_ascii=False, default=_plain, separators=(",", ":"))
    drawn_by = DRAWN_BY.get(type(spec), type(spec).__module__)
    return hashlib.sha256((style_fingerprint(drawn_by) + payload).encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    """JSON for what json cannot encode itself: a dataclass as its fields (shallow; json recurses), else text."""
    names = _field_names(type(value))
    if names is not None:
        return {"@": type(value).__name__, **{name: getattr(value, name) for name in names}}
    return str(value)


@lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names, in order (looked up once per class: 20,000 lookups key 2,000 charts), else None."""
    return tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None


#: The drawing code every chart's look depends on, besides the module that draws its kind.
SHARED_SOURCES = ("breakdown.py", "measure.py", "extents.py", "plot.py", "text.py", "svg_renderer.py", "mpl.py",
                  "agg.py")


@lru_cache(maxsize=None)
def style_fingerprint(module_name: str) -> str:
    """What a chart's look depends on besides its spec: matplotlib's version and the drawing code itself
    (the module that draws the spec, plus breakdown.py, which holds the shared rc settings, measure.py and
    extents.py, which measure and wrap every text, plot.py, which places and draws a bar chart's parts, text.py,
    which lays texts out, svg_renderer.py, which writes the SVG, mpl.py, which chooses the fonts, and agg.py,
    which draws the share cards' text; tests/test_chart_plot.py checks that no drawing module is left out)."""
    module = importlib.import_module(module_name)
    source = Path(module.__file__).read_bytes() if getattr(module, "__file__", None) else b""
    shared = b"".join(Path(__file__).with_name(name).read_bytes() for name in SHARED_SOURCES)
    digest = hashlib.sha256(source + b"\0" + shared).hexdigest()
    return f"{module_name}|{metadata.version('matplotlib')}|{digest}|"
