"""Shared by the serve tests: a running preview of a small site in tmp_path, and a Server-Sent Events client."""

from __future__ import annotations

import contextlib
import http.client
import json
import queue
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from helpers import VALID_FRONT, article, write_site
from site_gen.pipeline.build import BuildOptions
from site_gen.preview.serve import Preview, SiteBuilder

FIRST = "content/articles/first.md"
SECOND = "content/articles/second.md"
CSS = "static/assets/sitegen.css"


def first_article(text: str = "The first body says hello.") -> str:
    return article(VALID_FRONT.replace("A valid article", "First article"), f"{text}\n")


def second_article(text: str = "The second body stays the same.") -> str:
    front = VALID_FRONT.replace("A valid article", "Second article").replace("2024-07-05", "2024-07-06", 1)
    return article(front, f"{text}\n")


def broken_article() -> str:
    """first.md with a YAML error on line 3 of the file (a second colon in `date:`)."""
    return "---\ntitle: First article\ndate: 2024-07-05: oops\n---\nBody.\n"


def write_small_site(root: Path) -> Path:
    return write_site(root, {"first.md": first_article(), "second.md": second_article()})


@contextlib.contextmanager
def running_preview(root: Path, poll: bool = False, **kwargs) -> Iterator[Preview]:
    """A Preview of the site at `root` on 127.0.0.1, port 0, after its first build; always stopped."""
    builder = SiteBuilder(BuildOptions(config_path=root / "config.yaml"))
    preview = Preview(builder, builder.folders, builder.source_filter(), poll=poll, log=lambda line: None, **kwargs)
    preview.start()
    try:
        assert preview.wait_idle(120), "the first build did not finish"
        yield preview
    finally:
        preview.stop()


def get(preview: Preview, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One request with the path sent exactly as given (no client-side normalising)."""
    conn = http.client.HTTPConnection(preview.server.host, preview.server.port, timeout=60)
    try:
        conn.request(method, path)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.01) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


@dataclass(frozen=True)
class Event:
    name: str
    data: dict | None
    received: float


class EventStream:
    """Reads /__sitegen__/events in a thread; `next()` returns the next event (or fails after a timeout)."""

    def __init__(self, host: str, port: int, page: str = "index.html", generation: int | None = None):
        query = f"page={page}" + (f"&generation={generation}" if generation is not None else "")
        self.conn = http.client.HTTPConnection(host, port, timeout=60)
        self.conn.request("GET", f"/__sitegen__/events?{query}")
        self.sock = self.conn.sock
        self.response = self.conn.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type", "").startswith("text/event-stream")
        self.events: queue.Queue[Event] = queue.Queue()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        name, data = "message", []
        try:
            for raw in iter(self.response.fp.readline, b""):
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
                elif line == "" and data:
                    self.events.put(Event(name, json.loads("\n".join(data)), time.perf_counter()))
                    name, data = "message", []
        except (OSError, ValueError):
            pass

    def next(self, timeout: float = 20.0) -> Event:
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no server-sent event within {timeout} s") from None

    def next_named(self, name: str, timeout: float = 20.0) -> Event:
        deadline = time.monotonic() + timeout
        while True:
            event = self.next(max(0.01, deadline - time.monotonic()))
            if event.name == name:
                return event

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.thread.join(2)
        self.response.close()
        self.conn.close()
        self.sock.close()
