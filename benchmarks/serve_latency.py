"""Edit-to-reload latency of `sitegen serve`: edit one article of a generated site N times, time each push event.

Usage: python benchmarks/serve_latency.py [--articles 1000] [--edits 25] [--poll]

A real `sitegen serve` process serves a corpus written by benchmarks/corpus.py into a temporary folder.
For each edit the clock starts just before the article file is written and stops when this script's
Server-Sent Events client receives the `change` event naming that article's page, which is the moment
an open browser would start reloading. Prints the median and p95 (nearest rank) in milliseconds.
This is a benchmark, not a test: it asserts nothing about the figures.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import queue
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import write_corpus  # noqa: E402

MARK = "This could not be independently verified."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=25)
    parser.add_argument("--poll", action="store_true", help="run the server with --poll")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitegen-serve-bench-") as tmp:
        run(Path(tmp), args.articles, max(20, args.edits), args.poll)


def run(root: Path, count: int, edits: int, poll: bool) -> None:
    print(f"Writing {count} articles ...", flush=True)
    config = write_corpus(root, count)
    articles = sorted((root / "content" / "articles").glob("*.md"))
    target = articles[len(articles) // 2]
    page = f"articles/{target.stem}.html"
    original = target.read_text(encoding="utf-8")
    assert MARK in original, "the corpus changed: pick another sentence to edit"

    server = Server(config, poll)
    try:
        started = time.perf_counter()
        built = server.wait_for(lambda line: line.startswith(("Built ", "Build failed")), timeout=1800)
        print(f"First build: {time.perf_counter() - started:.1f} s: {built}", flush=True)
        if built.startswith("Build failed"):
            raise SystemExit("the generated site did not build; see the lines above")
        events = EventStream(server.port, page)
        latencies, fetched, whole = [], [], []
        for i in range(edits):
            events.drain()
            text = f"{MARK} Edit number {i}."
            clock = time.perf_counter()
            target.write_text(original.replace(MARK, text, 1), encoding="utf-8")
            received, partial = events.wait_for_change(page, timeout=300)
            latencies.append(1000 * (received - clock))
            fetched.append(1000 * (fetch_containing(server.port, page, text) - clock))
            finished = events.wait_for_final(timeout=300) if partial else received
            whole.append(1000 * (finished - clock))
            time.sleep(0.3)  # let the server go idle, so that each edit is measured alone
        report(count, edits, latencies, fetched, whole, server.rebuild_seconds(), poll)
    finally:
        server.stop()


def fetch_containing(port: int, page: str, text: str) -> float:
    """GET the page as the reloading browser would; the time it arrived (it must hold the edit)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        conn.request("GET", f"/bench/{page}")
        body = conn.getresponse().read()
    finally:
        conn.close()
    arrived = time.perf_counter()
    if text.encode("utf-8") not in body:
        raise SystemExit(f"the page served after the change event does not show the edit: {page}")
    return arrived


def report(count: int, edits: int, latencies: list[float], fetched: list[float], whole: list[float],
           rebuilds: list[float], poll: bool) -> None:
    print()
    print(f"sitegen serve, {count} articles, {edits} one-article text edits{' (--poll)' if poll else ''}")
    for label, figures in (("edit -> change event for the open page", latencies),
                           ("edit -> edited page fetched (what a reload shows)", fetched),
                           ("edit -> whole site rebuilt (final event)", whole)):
        ordered = sorted(figures)
        p95 = ordered[math.ceil(0.95 * len(ordered)) - 1]
        print(f"  {label}: median {statistics.median(ordered):.0f} ms, p95 {p95:.0f} ms, "
              f"min {ordered[0]:.0f} ms, max {ordered[-1]:.0f} ms")
    if rebuilds:
        print(f"  rebuild alone (server log): median {1000 * statistics.median(rebuilds):.0f} ms over {len(rebuilds)}")
    print(f"  machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


class Server:
    """`sitegen serve --port 0` as a child process, its stderr collected line by line."""

    def __init__(self, config: Path, poll: bool):
        command = [sys.executable, "-m", "site_gen", "serve", "--config", str(config), "--port", "0"]
        self.proc = subprocess.Popen(command + (["--poll"] if poll else []), stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"}, cwd=config.parent)
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        serving = self.wait_for(lambda line: line.startswith("Serving "), timeout=120)
        self.port = int(re.search(r":(\d+)/", serving).group(1))

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.log.append(line.rstrip("\n"))
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, predicate, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                if self.proc.poll() is not None:
                    raise SystemExit("sitegen serve exited:\n" + "\n".join(self.log))
                continue
            if predicate(line):
                return line
        raise SystemExit(f"timed out after {timeout} s; the server said:\n" + "\n".join(self.log))

    def rebuild_seconds(self) -> list[float]:
        return [float(m.group(1)) for line in self.log if (m := re.match(r"Rebuilt in ([\d.]+) s", line))]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class EventStream:
    """A minimal Server-Sent Events client for /__sitegen__/events, read in a thread."""

    def __init__(self, port: int, page: str):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self.conn.request("GET", f"/__sitegen__/events?page={page}")
        self.response = self.conn.getresponse()
        self.events: queue.Queue[tuple[str, dict, float]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        name, data = "message", []
        for raw in iter(self.response.fp.readline, b""):
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
            elif not line and data:
                self.events.put((name, json.loads("\n".join(data)), time.perf_counter()))
                name, data = "message", []

    def drain(self) -> None:
        while not self.events.empty():
            self.events.get_nowait()

    def wait_for_change(self, page: str, timeout: float) -> tuple[float, bool]:
        """When the change event naming `page` arrived, and whether it was partial (more of the rebuild follows)."""
        deadline = time.monotonic() + timeout
        while True:
            name, data, received = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            if name == "failed":
                raise SystemExit("a rebuild failed: " + "; ".join(data["lines"]))
            if name == "change" and page in data["changed"]:
                return received, bool(data.get("partial"))

    def wait_for_final(self, timeout: float) -> float:
        """Until the event that ends a rebuild (a partial event is followed by a final one)."""
        deadline = time.monotonic() + timeout
        while True:
            name, data, received = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            if name == "change" and not data.get("partial"):
                return received


if __name__ == "__main__":
    main()
