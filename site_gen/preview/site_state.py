"""The site the preview serves (pure state, no sockets): the last good build, the early part of a running
rebuild, the current failure, which pages browsers show, and the change events pushed to them."""

from __future__ import annotations

import queue
import secrets
import threading
from dataclasses import dataclass
from urllib.parse import quote, unquote

#: How long a request waits for a running rebuild before it gets the last good build.
WAIT_SECONDS = 30.0


@dataclass(frozen=True)
class Snapshot:
    """What one request sees: a whole build, never a partial one."""

    files: dict[str, bytes]
    base_path: str
    generation: int
    built: bool


@dataclass(frozen=True)
class Change:
    generation: int
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    recovered: bool
    #: Handed over before the rebuild finished (pages open in a browser); a final event follows.
    partial: bool = False

    def as_event(self) -> dict:
        return {"generation": self.generation, "changed": list(self.changed), "removed": list(self.removed),
                "recovered": self.recovered, "partial": self.partial}


class SiteState:
    """The site being served: the last good files, the current failure, whether a rebuild is due, and listeners."""

    def __init__(self) -> None:
        self.instance = secrets.token_hex(8)
        self._cond = threading.Condition()
        self._files: dict[str, bytes] = {}
        self._base_path = "/"
        self._generation = 0
        self._changed_at: dict[str, int] = {}
        self._error: tuple[str, ...] | None = None
        self._built = False
        self._stale = True
        self._closed = False
        self._listeners: dict[queue.SimpleQueue, str] = {}
        #: Files of the running rebuild handed over early (pages open in a browser, charts, static files).
        self._early: dict[str, bytes] = {}
        #: Which of those differ from the last good build (what browsers were told reloads).
        self._early_changed: set[str] = set()

    def mark_stale(self) -> None:
        """A source changed: requests wait for the rebuild from now on."""
        with self._cond:
            self._stale = True

    def open_pages(self) -> frozenset[str]:
        """The output paths of the pages open in a browser (each event stream names its page)."""
        with self._cond:
            return frozenset(self._listeners.values())

    def publish_early(self, files: dict[str, bytes], base_path: str) -> Change | None:
        """Part of a running rebuild, before the rest is rendered: requests for these paths get them at once
        and pages among them reload; every other request still waits for the whole build."""
        with self._cond:
            if base_path != self._base_path or not self._built or self._error is not None:
                return None  # a moved site or a recovery reloads everything at the end
            current = {**self._files, **self._early}
            changed = tuple(sorted(p for p, data in files.items() if current.get(p) != data))
            self._early.update(files)
            self._early_changed.update(changed)
            if not changed:
                return None
            self._generation += 1
            for path in changed:
                self._changed_at[path] = self._generation
            change = Change(self._generation, changed, (), False, partial=True)
            self._broadcast("change", change.as_event())
            self._cond.notify_all()
        return change

    def publish(self, files: dict[str, bytes], base_path: str, stale: bool = False) -> Change:
        """Swap in a good build, tell listeners which output paths changed, and release waiting requests."""
        with self._cond:
            early, self._early, self._early_changed = self._early, {}, set()
            old = {**self._files, **early} if base_path == self._base_path else {}
            changed = tuple(sorted(p for p, data in files.items() if old.get(p) != data))
            removed = tuple(sorted(p for p in self._files if p not in files))
            recovered = self._error is not None
            if changed or removed or recovered or not self._built:
                self._generation += 1
                for path in changed + removed:
                    self._changed_at[path] = self._generation
            change = Change(self._generation, changed, removed, recovered)
            self._files, self._base_path, self._error, self._built = files, base_path, None, True
            self._stale = stale
            if changed or removed or recovered:
                self._broadcast("change", change.as_event())
            self._cond.notify_all()
        return change

    def fail(self, lines: list[str], stale: bool = False) -> None:
        """A rebuild failed: keep the last good build (dropping any early part of the failed one), show
        `lines` in every open page."""
        with self._cond:
            if self._early_changed:
                self._generation += 1  # pages served from the failed build's early part reload to the good one
                for path in self._early_changed:
                    self._changed_at[path] = self._generation
                self._broadcast("change", Change(self._generation, tuple(sorted(self._early_changed)), (), False,
                                                 partial=True).as_event())
            self._early, self._early_changed = {}, set()
            self._error = tuple(lines)
            self._stale = stale
            self._broadcast("failed", {"lines": list(lines)})
            self._cond.notify_all()

    def snapshot(self, wait: float = WAIT_SECONDS, raw_path: str | None = None) -> Snapshot:
        """The current build, after waiting (up to `wait` seconds) for a rebuild that is due or running;
        a request for `raw_path` that the running rebuild has already handed over early waits no more."""
        with self._cond:
            early = lambda: raw_path is not None and route(raw_path, self._base_path, self._early).rel is not None
            self._cond.wait_for(lambda: not self._stale or self._closed or early(), timeout=wait)
            files = {**self._files, **self._early} if self._stale and self._early else self._files
            return Snapshot(files, self._base_path, self._generation, self._built)

    @property
    def error(self) -> tuple[str, ...] | None:
        with self._cond:
            return self._error

    @property
    def generation(self) -> int:
        with self._cond:
            return self._generation

    @property
    def closed(self) -> bool:
        return self._closed

    def subscribe(self, since: int | None, page: str = "") -> queue.SimpleQueue:
        """A queue of (event, data) for the browser showing `page`; it first gets what it missed since
        generation `since`."""
        events: queue.SimpleQueue = queue.SimpleQueue()
        with self._cond:
            events.put(("hello", {"generation": self._generation, "instance": self.instance,
                                  "error": self._error is not None}))
            if since is not None and since < self._generation:
                missed = sorted(p for p, g in self._changed_at.items() if g > since)
                events.put(("change", Change(self._generation, tuple(missed), (), False).as_event()))
            if self._error is not None:
                events.put(("failed", {"lines": list(self._error)}))
            self._listeners[events] = page
        return events

    def unsubscribe(self, events: queue.SimpleQueue) -> None:
        with self._cond:
            self._listeners.pop(events, None)

    @property
    def listeners(self) -> int:
        with self._cond:
            return len(self._listeners)

    def close(self) -> None:
        """Release every waiting request and event stream (the server is stopping)."""
        with self._cond:
            self._closed = True
            self._broadcast("close", None)
            self._cond.notify_all()

    def _broadcast(self, event: str, data: dict | None) -> None:
        for listener in self._listeners:
            listener.put((event, data))


@dataclass(frozen=True)
class Route:
    """Where a request path leads: an output file (`rel`), a redirect (`location`), or neither (404)."""

    rel: str | None = None
    location: str | None = None


def route(raw_path: str, base_path: str, files: dict[str, bytes]) -> Route:
    """Map a request path to an output file under `base_path`; anything that could leave the site is a 404."""
    if not raw_path.startswith("/"):
        return Route()
    try:
        path = unquote(raw_path, errors="strict")
    except UnicodeDecodeError:
        return Route()
    if "\x00" in path or "\\" in path:
        return Route()
    segments = path.split("/")[1:]
    if any(s in (".", "..") for s in segments) or "" in segments[:-1]:
        return Route()
    base = unquote(base_path)
    if path + "/" == base or (path == "/" and base != "/"):
        return Route(location=quote(base))
    if not path.startswith(base):
        return Route()
    rel = path[len(base):]
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    if rel in files:
        return Route(rel=rel)
    if f"{rel}/index.html" in files:
        return Route(location=quote(path + "/"))
    return Route()
