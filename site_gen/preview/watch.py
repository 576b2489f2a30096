"""The one home of watchdog: watches the site's source folders and reports changed paths, minus noise."""

from __future__ import annotations

import contextlib
import threading
import warnings
from pathlib import Path
from typing import Callable, Iterable

from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent, FileCreatedEvent,
                             FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileSystemEvent,
                             FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from site_gen.core.problems import SitegenError

#: Folders that never hold site sources (version control, caches, virtualenvs, packages).
IGNORED_DIRS = frozenset({
    ".git", ".hg", ".svn", ".sitegen-cache", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache",
    "node_modules", ".venv", "venv", ".tox", ".idea", ".vscode",
})
#: Events that mean a file changed ("closed" is a close after writing; reads give "opened", "closed_no_write").
CHANGE_EVENTS = frozenset({"created", "deleted", "modified", "moved", "closed"})
#: The same, as watchdog's filter: inotify is then not even asked about reads, so that a rebuild reading
#: a thousand files does not make the observer thread compete with it for the GIL.
EVENT_FILTER = [FileCreatedEvent, DirCreatedEvent, FileModifiedEvent, FileDeletedEvent, DirDeletedEvent,
                FileMovedEvent, DirMovedEvent, FileClosedEvent]
POLL_SECONDS = 0.3


def is_editor_temp(name: str) -> bool:
    """Swap, backup and lock files that editors write next to the file being edited."""
    return (
        name.startswith((".#", "#"))
        or name.endswith(("~", ".swp", ".swo", ".swx", ".swpx", ".tmp", ".crswap", ".kate-swp"))
        or name == "4913" or "___jb_" in name
    )


class WatchError(SitegenError):
    """The site's folders cannot be watched (for example, the system's limit on watches is reached)."""


class SourceFilter:
    """Decides whether a path is a site source: not ignored, not in a hidden or tool folder, not an editor temp file."""

    def __init__(self, ignore: Iterable[Path] = (), keep: Iterable[Path] = ()):
        self.ignore = tuple(p.resolve() for p in ignore)
        self.keep = frozenset(p.resolve() for p in keep)

    def wanted(self, path: str | Path, folder: Path) -> bool:
        """`path` as seen in the watched `folder`: hidden and tool folders count only below that folder."""
        path = Path(path).resolve()
        if path in self.keep:
            return True
        if any(path == ignored or ignored in path.parents for ignored in self.ignore):
            return False
        if is_editor_temp(path.name):
            return False
        try:
            parts = path.relative_to(folder).parts
        except ValueError:
            parts = path.parts[-1:]
        return not any(part in IGNORED_DIRS or part.startswith(".") for part in parts)


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: "Watcher", folder: Path):
        self.watcher = watcher
        self.folder = folder

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGE_EVENTS or (event.is_directory and event.event_type == "modified"):
            return
        paths = [_text(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        wanted = {p for p in paths if self.watcher.filter.wanted(p, self.folder)}
        if wanted:
            self.watcher.on_change(wanted)


class Watcher:
    """Watches folders (each recursively or not) and calls `on_change(paths)` from the observer's thread."""

    def __init__(self, on_change: Callable[[set[str]], None], source_filter: SourceFilter, poll: bool = False):
        self.on_change = on_change
        self.filter = source_filter
        self.poll = poll
        self._observer = PollingObserver(timeout=POLL_SECONDS) if poll else Observer()
        self._observer.daemon = True
        self._watches: dict[tuple[Path, bool], tuple[object, tuple[int, int]]] = {}
        self._lock = threading.Lock()

    def start(self, folders: Iterable[tuple[Path, bool]]) -> None:
        # inotify: a folder created and filled at once is registered twice, which watchdog warns about; harmless.
        warnings.filterwarnings("ignore", message="Callback with id .* already exists", category=RuntimeWarning)
        try:
            self.update(folders)
            self._observer.start()
        except OSError as exc:
            raise WatchError(f"cannot watch the site's folders for changes: {exc.strerror or exc}"
                             f"{'' if self.poll else ' (try --poll)'}") from None

    def update(self, folders: Iterable[tuple[Path, bool]]) -> None:
        """Watch exactly these (folder, recursive) pairs; folders that do not exist are skipped.

        A folder deleted and made again (a branch switch, say) is a new folder: its watch is renewed.
        """
        wanted = {}
        for folder, recursive in folders:
            try:
                info = folder.resolve().stat()
            except OSError:
                continue
            if folder.is_dir():
                wanted[(folder.resolve(), recursive)] = (info.st_dev, info.st_ino)
        with self._lock:
            for key, (watch, identity) in list(self._watches.items()):
                if wanted.get(key) != identity:
                    del self._watches[key]
                    with contextlib.suppress(KeyError, OSError):
                        self._observer.unschedule(watch)
            for key in sorted(set(wanted) - set(self._watches)):
                try:
                    watch = self._observer.schedule(_Handler(self, key[0]), str(key[0]), recursive=key[1],
                                                    event_filter=EVENT_FILTER)
                except OSError:  # removed since, or out of inotify watches: the next update retries
                    continue
                self._watches[key] = (watch, wanted[key])

    @property
    def folders(self) -> set[tuple[Path, bool]]:
        with self._lock:
            return set(self._watches)

    def stop(self, timeout: float = 1.0) -> None:
        self._observer.stop()
        if self._observer.is_alive():
            self._observer.join(timeout)


def _text(path: str | bytes) -> str:
    return path.decode(errors="surrogateescape") if isinstance(path, bytes) else path
