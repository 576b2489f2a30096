"""Content-hash cache of drawn charts (default `.sitegen-cache/charts/` next to config.yaml): equal input, no redraw.

A chart's key is the SHA-256 of its specification (every number, label and title it is drawn from) and of
its style: the matplotlib version and the source of the module that draws it. Nothing depends on file
times. An entry carries the hash of its own bytes; a truncated or edited entry is ignored and redrawn.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from site_gen.charts.draw import DRAWN_BY

HEADER = b"sitegen-chart 1 "


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

    def __init__(self, folder: Path | None, memory: dict[str, bytes] | None = None):
        self.folder = folder
        self._reused = 0
        self._drawn = CacheStats()
        self.warnings: list[str] = []
        #: Charts held from the previous build (`serve`), looked up before the folder.
        self.memory = memory or {}
        #: Every chart this build looked up or drew, by key (what `serve` holds for the next build).
        self.used: dict[str, bytes] = {}

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
        return self.folder / key[:2] / f"{key}.svg" if self.folder is not None else None

    def get(self, key: str) -> bytes | None:
        path = self.path(key)
        try:
            raw = path.read_bytes() if path is not None else None
        except OSError:
            return None
        if raw is None:
            return None
        data = unpack(raw)
        if data is None:
            self.warnings.append(f"{path}: corrupt or foreign chart cache entry; ignored and redrawn")
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
                handle.write(pack(data))
            os.replace(tmp, path)
        except OSError:
            self.folder = None


def pack(data: bytes) -> bytes:
    return HEADER + hashlib.sha256(data).hexdigest().encode("ascii") + b"\n" + data


def unpack(raw: bytes) -> bytes | None:
    """The chart in a cache entry, or None when the entry is not one or its bytes do not match their hash."""
    header, sep, data = raw.partition(b"\n")
    if not sep or not header.startswith(HEADER):
        return None
    if header[len(HEADER):].decode("ascii", "replace") != hashlib.sha256(data).hexdigest():
        return None
    return data


def chart_key(spec: Any) -> str:
    """SHA-256 of the spec's content and the style fingerprint of the module that draws it."""
    payload = json.dumps(spec, sort_keys=True, ensure_ascii=False, default=_plain, separators=(",", ":"))
    drawn_by = DRAWN_BY.get(type(spec), type(spec).__module__)
    return hashlib.sha256((style_fingerprint(drawn_by) + payload).encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    """JSON for what json cannot encode itself: a dataclass as its fields (shallow; json recurses), else text."""
    if dataclasses.is_dataclass(value):
        return {"@": type(value).__name__, **{f.name: getattr(value, f.name) for f in dataclasses.fields(value)}}
    return str(value)


@lru_cache(maxsize=None)
def style_fingerprint(module_name: str) -> str:
    """What a chart's look depends on besides its spec: matplotlib's version and the drawing code itself
    (the module that draws the spec, plus breakdown.py, which holds the shared rc settings, and measure.py, which
    measures and wraps every text)."""
    module = importlib.import_module(module_name)
    source = Path(module.__file__).read_bytes() if getattr(module, "__file__", None) else b""
    shared = b"".join(Path(__file__).with_name(name).read_bytes() for name in ("breakdown.py", "measure.py"))
    digest = hashlib.sha256(source + b"\0" + shared).hexdigest()
    return f"{module_name}|{metadata.version('matplotlib')}|{digest}|"
