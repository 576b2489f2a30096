"""`sitegen serve`: build in memory, serve, watch the sources, rebuild after a quiet moment, push what changed."""

from __future__ import annotations

import gc
import ipaddress
import math
import signal
import sys
import threading
import time
import webbrowser
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from site_gen.pipeline.build import BuildOptions, compile_site, configure
from site_gen.preview.devserver import DevServer
from site_gen.pipeline.memo import BuildMemo
from site_gen.core.model import SiteConfig
from site_gen.core.problems import ContentErrors, SitegenError
from site_gen.render.stage import EarlyPages
from site_gen.preview.site_state import SiteState
from site_gen.preview.watch import IGNORED_DIRS, SourceFilter, Watcher, is_editor_temp
from site_gen.utils.cache import CACHE_DIR

#: Changes closer together than this are one rebuild (editors save in bursts).
DEBOUNCE_SECONDS = 0.1
#: Every this many good builds, the collection after the build also scans the objects frozen before.
FULL_COLLECTION_EVERY = 10
Folders = Iterable[tuple[Path, bool]]


@dataclass(frozen=True)
class Built:
    """A good build handed to the server: output path -> bytes, the base path, and a line for the console."""

    files: dict[str, bytes]
    base_path: str
    summary: str = ""
    warnings: tuple[str, ...] = ()


class BuildFailed(Exception):
    """A rebuild failed; `lines` are what the console prints and the browser overlay shows."""

    def __init__(self, lines: list[str], summary: str):
        super().__init__(summary)
        self.lines = lines
        self.summary = summary


@dataclass
class SiteBuilder:
    """The sitegen side of the preview: compile_site with a memo, plus which folders to watch."""

    options: BuildOptions
    memo: BuildMemo = field(default_factory=BuildMemo)
    config: SiteConfig | None = None

    def __call__(self, early: EarlyPages | None = None) -> Built:
        try:
            compiled = compile_site(self.options, self.memo, early=early if early and early.wanted else None)
        except ContentErrors as error:
            self._reread_config()
            count = len(error.errors)
            raise BuildFailed([p.format() for p in error.problems],
                              f"Build failed: {count} error{'s' if count != 1 else ''}; still serving the last good build.")
        except SitegenError as error:
            raise BuildFailed([f"error: {error}"], "Build failed; still serving the last good build.")
        self.config = compiled.config
        self.memo.keep_build(compiled.page_keys, compiled.files)
        r = compiled.result
        summary = (f"Built {r.articles} articles, {r.claims} claims, {r.pages} pages, {r.charts} charts; "
                   f"{len(r.findings) + len(r.series_findings)} findings, {len(r.warnings)} warnings in {r.seconds:.2f} s")
        return Built(compiled.files, self.config.base_path, summary, tuple(w.format() for w in r.warnings))

    def _reread_config(self) -> None:
        """After failed content: the folders to watch come from the config if it reads (else the last good one)."""
        try:
            self.config = configure(self.options)
        except SitegenError:
            pass  # config.yaml itself is broken: its errors are what the failed build reports

    def folders(self) -> list[tuple[Path, bool]]:
        """What to watch: the config's folder (not recursively, for the config file), the content, templates and
        static folders, and the folder of each data file a series declared (not recursively)."""
        found = [(self.options.config_path.parent.resolve(), False)]
        found += [(folder, True) for folder in self.source_folders()]
        found += sorted({(path.parent, False) for path in self.input_files() if path != self.options.config_path})
        return list(dict.fromkeys(found))

    def source_folders(self) -> tuple[Path, ...]:
        """The folders whose every file the build may read (the defaults until a config has been read)."""
        if self.config is not None:
            folders = (self.config.content_dir, self.config.templates_dir, self.config.static_dir)
        else:
            root = self.options.config_path.parent
            folders = (root / "content", root / "templates", root / "static")
        return tuple(folder.resolve() for folder in folders)

    def input_files(self) -> set[Path]:
        """Single files the build reads outside those folders: the config and the data files series declared."""
        return {self.options.config_path.resolve()} | {path.resolve() for path in self.memo.declared_files}

    def ignored(self) -> list[Path]:
        """Output folders and the cache: a build written there by hand must not trigger a rebuild."""
        root = self.options.config_path.parent
        out = [self.options.out_dir] if self.options.out_dir is not None else []
        out.append(self.config.output_dir if self.config is not None else root / "build")
        out.append(self.options.cache_dir or root / CACHE_DIR)
        return out

    def source_filter(self) -> "InputFilter":
        return InputFilter(self)

    def base_path(self) -> str:
        try:
            return (self.config or configure(self.options)).base_path
        except SitegenError:
            return "/"


class Preview:
    """One running preview: HTTP server, watcher and rebuild thread, started and stopped together."""

    def __init__(self, builder: Callable[[EarlyPages], Built], folders: Callable[[], Folders] = lambda: (),
                 source_filter: SourceFilter | None = None, host: str = "127.0.0.1", port: int = 0,
                 poll: bool = False, debounce: float = DEBOUNCE_SECONDS, log: Callable[[str], None] | None = None):
        self.builder = builder
        self.folders = folders
        self.debounce = debounce
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.state = SiteState()
        self.server = DevServer(self.state, host, port)
        self.watcher = Watcher(self.changed, source_filter or SourceFilter(), poll=poll)
        self.builds = 0
        self._cond = threading.Condition()
        self._dirty = True
        self._building = False
        self._stopping = False
        self._last_change = -math.inf
        self._warnings: tuple[str, ...] | None = None
        self._failure: list[str] | None = None
        self._thread = threading.Thread(target=self._loop, name="sitegen-rebuild", daemon=True)

    def url(self, path: str = "/") -> str:
        return self.server.url(path)

    def start(self) -> "Preview":
        """Start serving at once; the first build runs in the background and requests wait for it."""
        self.server.start()
        self.watcher.start(self.folders())
        self._thread.start()
        return self

    def changed(self, paths: set[str] | None = None) -> None:
        """A source changed (called from the watcher): rebuild once changes pause for `debounce` seconds."""
        with self._cond:
            self._dirty = True
            self._last_change = time.monotonic()
            self._cond.notify_all()
        self.state.mark_stale()

    @property
    def busy(self) -> bool:
        """The rebuild thread is still alive (after `stop()`: a build was abandoned mid-way)."""
        return self._thread.is_alive()

    @property
    def pending(self) -> bool:
        """A rebuild is due (changes seen) or running."""
        with self._cond:
            return self._dirty or self._building

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Until no rebuild is due or running (tests and benchmarks)."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._dirty and not self._building, timeout)

    def stop(self, timeout: float = 0.6) -> None:
        """Stop watching and serving; a build in progress is abandoned, not awaited (its thread is a daemon)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            self._stopping = True
            building = self._building
            self._cond.notify_all()
        self.watcher.stop(timeout=0.4 * timeout)
        self.server.stop(timeout=max(0.05, deadline - time.monotonic()))
        if self._thread.is_alive() and not building:
            self._thread.join(max(0.0, deadline - time.monotonic()))

    def __enter__(self) -> "Preview":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _loop(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._dirty or self._stopping)
                while not self._stopping:
                    quiet = self._last_change + self.debounce - time.monotonic()
                    if quiet <= 0:
                        break
                    self._cond.wait(quiet)
                if self._stopping:
                    return
                self._dirty = False
                self._building = True
            try:
                self._rebuild()
            except Exception as error:  # never let the rebuild thread die
                self.log(f"internal error while rebuilding: {type(error).__name__}: {error}")
            finally:
                with self._cond:
                    self._building = False
                    self._cond.notify_all()

    def _rebuild(self) -> None:
        self.watcher.update(self.folders())
        started = time.perf_counter()
        try:
            built = self.builder(EarlyPages(self.state.open_pages(), self._deliver_early))
        except BuildFailed as failure:
            lines, summary = failure.lines, failure.summary
        except Exception as error:  # a bug, not the content: say so, keep serving the last good build
            lines = [f"internal error: {type(error).__name__}: {error}"]
            summary = "Build failed (a sitegen bug; please report it); still serving the last good build."
        else:
            with self._cond:
                change = self.state.publish(built.files, built.base_path, stale=self._dirty)
            self.builds += 1
            self._failure = None
            if built.warnings != self._warnings:
                for line in built.warnings:
                    self.log(line)
                self._warnings = built.warnings
            took = time.perf_counter() - started
            if self.builds == 1:
                self.log(built.summary)
            else:
                paths = change.changed + change.removed
                what = ", ".join(paths[:4]) + (", ..." if len(paths) > 4 else "")
                count = len(paths)
                self.log(f"Rebuilt in {took:.2f} s: " + (f"{count} file{'s' if count != 1 else ''} changed ({what})"
                                                           if count else "no output changed"))
            settle_memory(full=self.builds % FULL_COLLECTION_EVERY == 1)
            return
        with self._cond:
            self.state.fail(lines, stale=self._dirty)
        if lines == self._failure:
            self.log(f"Still failing with the same {len(lines)} line{'s' if len(lines) != 1 else ''} as above.")
            return
        self._failure = lines
        for line in lines:
            self.log(line)
        self.log(summary)


    def _deliver_early(self, files: dict[str, bytes], base_path: str) -> None:
        with self._cond:
            if self._dirty:
                return  # sources changed again: this build is already out of date, let requests wait
        self.state.publish_early(files, base_path)


def settle_memory(full: bool) -> None:
    """After a good build, with the new site published: collect its garbage now, then freeze what survives
    (the site the next rebuild reuses) so that collections during that rebuild scan only what it allocates.
    A `full` collection first unfreezes everything, so that cycles among old objects are freed too."""
    if full:
        gc.unfreeze()
    gc.collect()
    gc.freeze()


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(options: BuildOptions, host: str = "127.0.0.1", port: int = 8000, poll: bool = False,
          open_browser: bool = False, log: Callable[[str], None] | None = None) -> bool:
    """Run the preview until Ctrl-C (or SIGTERM); content errors never stop it once it runs.

    A config that is missing or broken at the start raises (ConfigMissing, ContentErrors): nothing is served.

    Returns False when a build was still running at the stop: its thread cannot be interrupted, so the
    caller should end the process at once rather than let interpreter shutdown meet it mid-build.
    """
    log = log or (lambda line: print(line, file=sys.stderr, flush=True))
    builder = SiteBuilder(options, config=configure(options))  # no site to configure: an error at once, not a preview
    if not is_loopback(host):
        log(f"warning: serving on {host} makes the preview reachable from other machines; "
            "it is a development server, so use it only on a network you trust.")
    preview = Preview(builder, builder.folders, builder.source_filter(), host, port, poll, log=log)
    url = preview.url(builder.base_path())
    previous = _on_sigterm_interrupt()
    try:
        preview.start()
        log(f"Serving {url} (watching {'by polling' if poll else 'for changes'}; Ctrl-C to stop)")
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        while True:
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        main = threading.current_thread() is threading.main_thread()
        if main:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the clean stop
        try:
            preview.stop()
        finally:
            if main:
                signal.signal(signal.SIGINT, signal.default_int_handler)
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
    log("Stopped.")
    return not preview.busy


class InputFilter(SourceFilter):
    """Only the build's inputs are sources: the config, files in the content, templates and static folders and
    the data files series declared; never the output, the cache, or anything else (a log file written into
    the site's folder must not start a rebuild that writes to it again)."""

    def __init__(self, builder: SiteBuilder):
        super().__init__()
        self.builder = builder

    def wanted(self, path: str | Path, folder: Path) -> bool:
        path = Path(path).resolve()
        if path in self.builder.input_files():
            return True
        if is_editor_temp(path.name):
            return False
        if any(path == out or out in path.parents for out in (p.resolve() for p in self.builder.ignored())):
            return False
        for source in self.builder.source_folders():
            if path == source or source in path.parents:
                parts = path.relative_to(source).parts
                return not any(part in IGNORED_DIRS or part.startswith(".") for part in parts)
        return False


def _on_sigterm_interrupt():
    """SIGTERM stops the preview like Ctrl-C (only possible from the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, interrupt)
