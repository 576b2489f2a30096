"""The preview's HTTP server (stdlib): the site state's files under the base path, and its events pushed to browsers."""

from __future__ import annotations

import html
import json
import mimetypes
import queue
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from site_gen.preview.live_script import LIVE_JS
from site_gen.preview.site_state import Route, SiteState, Snapshot, route
from site_gen.core.problems import SitegenError

PREFIX = "/__sitegen__/"
EVENTS_PATH = PREFIX + "events"
SCRIPT_PATH = PREFIX + "live.js"
HEARTBEAT_SECONDS = 10.0
TICK_SECONDS = 0.2
TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript",
    ".svg": "image/svg+xml", ".xml": "application/xml", ".json": "application/json", ".txt": "text/plain",
    ".webmanifest": "application/manifest+json", ".ico": "image/x-icon", ".csv": "text/csv",
}
TEXT_TYPES = ("text/", "image/svg+xml", "application/xml", "application/json", "application/manifest+json")


class ServeError(SitegenError):
    """The preview server could not start (for example, the port is in use)."""


def content_type(rel: str) -> str:
    ext = rel[rel.rfind("."):].lower() if "." in rel.rsplit("/", 1)[-1] else ""
    kind = TYPES.get(ext) or mimetypes.guess_type(rel)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith(TEXT_TYPES) else kind


def inject(page: bytes, tag: bytes) -> bytes:
    """`tag` inserted before the last </body> (or appended): only served HTML gets the live-reload script."""
    at = page.lower().rfind(b"</body>")
    return page[:at] + tag + page[at:] if at >= 0 else page + tag


def script_tag(page: str, base_path: str, generation: int, instance: str) -> bytes:
    attrs = {"page": page, "base": base_path, "generation": str(generation), "instance": instance}
    data = " ".join(f'data-{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
    return f'<script src="{SCRIPT_PATH}" {data}></script>\n'.encode("utf-8")


STAND_IN = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sitegen: {title}</title></head>
<body><main><h1>{title}</h1><p>{message}</p></main></body></html>
"""


class _Handler(BaseHTTPRequestHandler):
    server_version = "sitegen-serve"
    timeout = 60

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        return  # quiet: the console shows rebuilds, not every request

    @property
    def state(self) -> SiteState:
        return self.server.state  # type: ignore[attr-defined]

    def _respond(self, send_body: bool) -> None:
        raw_path, _, query = self.path.partition("?")
        raw_path = raw_path.partition("#")[0]
        if raw_path == EVENTS_PATH and send_body:
            return self._events(parse_qs(query))
        if raw_path == SCRIPT_PATH:
            return self._send(200, "text/javascript; charset=utf-8", LIVE_JS.encode("utf-8"), send_body)
        snap = self.state.snapshot(raw_path=raw_path)
        if not snap.built:
            return self._stand_in(raw_path, send_body)
        found = route(raw_path, snap.base_path, snap.files) if not raw_path.startswith(PREFIX) else Route()
        if found.location is not None:
            return self._send(302, "text/plain; charset=utf-8", b"", send_body, {"Location": found.location})
        if found.rel is None:
            return self._not_found(snap, send_body)
        body = snap.files[found.rel]
        kind = content_type(found.rel)
        if kind.startswith("text/html"):
            body = inject(body, script_tag(found.rel, snap.base_path, snap.generation, self.state.instance))
        self._send(200, kind, body, send_body)

    def _not_found(self, snap: Snapshot, send_body: bool) -> None:
        page = snap.files.get("404.html")
        if page is None:
            page = STAND_IN.format(title="Not found", message="No page at this address.").encode()
        tag = script_tag("404.html", snap.base_path, snap.generation, self.state.instance)
        self._send(404, "text/html; charset=utf-8", inject(page, tag), send_body)

    def _stand_in(self, raw_path: str, send_body: bool) -> None:
        """No good build yet: a page that shows the errors (if any) and reloads when the site builds."""
        if raw_path != "/" and not raw_path.endswith((".html", "/")):
            return self._send(503, "text/plain; charset=utf-8", b"The site has not been built yet.\n", send_body)
        page = STAND_IN.format(title="Building the site",
                               message="The site has not built yet; this page reloads when it does.").encode()
        tag = script_tag("*", "/", self.state.generation, self.state.instance)
        self._send(503, "text/html; charset=utf-8", inject(page, tag), send_body, {"Retry-After": "1"})

    def _send(self, status: int, kind: str, body: bytes, send_body: bool, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _events(self, query: dict[str, list[str]]) -> None:
        """Server-Sent Events: hello, then `change` / `failed` as rebuilds finish, until the server stops."""
        since_text = query.get("generation", [""])[0]
        events = self.state.subscribe(int(since_text) if since_text.isdigit() else None, query.get("page", [""])[0])
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(b"retry: 1000\n\n")
            last = time.monotonic()
            while not self.state.closed:
                try:
                    event, data = events.get(timeout=TICK_SECONDS)
                except queue.Empty:
                    if time.monotonic() - last > HEARTBEAT_SECONDS:
                        self.wfile.write(b": ping\n\n")
                        last = time.monotonic()
                    continue
                if event == "close":
                    break
                self.wfile.write(f"event: {event}\ndata: {json.dumps(data)}\n\n".encode("utf-8"))
                last = time.monotonic()
        except OSError:
            pass  # the browser went away
        finally:
            self.state.unsubscribe(events)
            self.close_connection = True


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    #: The listen backlog: a page with many assets, or a few browsers reloading at once, open dozens of
    #: connections together; with the default of 5 the rest wait for a SYN retry (a second) or time out.
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], state: SiteState):
        self.state = state
        self.active: set[threading.Thread] = set()
        self._active_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request_thread(self, request, client_address) -> None:
        me = threading.current_thread()
        with self._active_lock:
            self.active.add(me)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._active_lock:
                self.active.discard(me)

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        print(f"sitegen serve: a request from {client_address[0]} failed: {type(error).__name__}: {error}",
              file=sys.stderr)


class _HTTPServer6(_HTTPServer):
    address_family = socket.AF_INET6


class DevServer:
    """The HTTP side of `serve`: a threading HTTP server over a SiteState, run in a background thread."""

    def __init__(self, state: SiteState, host: str = "127.0.0.1", port: int = 0):
        self.state = state
        server_class = _HTTPServer6 if ":" in host else _HTTPServer
        try:
            self.httpd = server_class((host, port), state)
        except OSError as exc:
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}"
                             f"{' (try another --port)' if port else ''}") from None
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        return str(self.httpd.server_address[0])

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def url(self, path: str = "/") -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{path}"

    def start(self) -> None:
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="sitegen-http", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 0.8) -> None:
        """Close event streams, stop accepting, and wait (up to `timeout`) for request threads to end."""
        deadline = time.monotonic() + timeout
        self.state.close()
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(max(0.0, deadline - time.monotonic()))
        self.httpd.server_close()
        with self.httpd._active_lock:
            active = list(self.httpd.active)
        for thread in active:
            thread.join(max(0.0, deadline - time.monotonic()))
