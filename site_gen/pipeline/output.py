"""The one write path: a whole site written to a temporary folder, then swapped in place of the old one.

Ownership: every build carries a marker file, `.sitegen-build`. sitegen replaces an output folder only when
it is missing, empty or carries that marker; anything else (a data folder, a home folder, a build made by
sitegen before the marker existed) is refused and left untouched.

The swap: the new site is written to `.<out>.new-<random>` next to the output folder, file by file as the
build makes them (`StagedOutput`; unchanged files hard-linked from the previous build), its marker saying
"incomplete" until the last file is written. On Linux it then trades places with the old folder in one
`renameat2(RENAME_EXCHANGE)` call, so at every instant `<out>` is a complete build; elsewhere, or on a file
system without that call, the old folder is renamed to `.<out>.old-<random>` and the new one into place,
and an interruption between those two renames leaves no `<out>` until the next run. Every run (build or
failed build) first recovers: with `<out>` missing, the newest complete leftover (new before old) is
renamed back into place; then leftovers named like ours and carrying our marker (or empty) are deleted.
Runs on the same output folder take a lock on its parent folder, so one never cleans up after another
that is still writing.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator, Mapping, MutableMapping
from pathlib import Path, PurePosixPath

from site_gen.core.problems import SitegenError

MARKER = ".sitegen-build"
COMPLETE = b"sitegen build output: `sitegen build` replaces this whole folder\n"
INCOMPLETE = b"sitegen build output: incomplete (being written, or interrupted)\n"


class OutputError(SitegenError):
    """The output folder could not be written; the previous build is left as it was."""


def write_site(files: Mapping[str, bytes], out_dir: Path, protected: tuple[Path, ...] = ()) -> None:
    """Write every file under a fresh folder next to `out_dir`, then replace `out_dir` with it.

    `protected` = (site root, source folders...): none may be the output folder or inside it, and the output
    folder may not be inside a source folder (it may be inside the root).
    """
    with StagedOutput(out_dir, protected) as staged:
        for rel in sorted(files):
            staged[rel] = files[rel]


class StagedOutput(MutableMapping[str, bytes]):
    """The next output folder as a mapping: each file is written when it is set (nothing holds the whole site),
    into a temporary folder next to `out_dir` made at the first file, and swapped in when the `with` block ends
    without an error (removed when it ends with one: the old build stays whole). A file the last build wrote
    with the same bytes (`previous`: path -> last_build entry) is hard-linked from it instead of written, once
    the old file is shown intact (its stat as recorded and settled, else its bytes hashed again); so is one made
    from the same key (`link_unchanged`), without making it. Reading a file
    back reads it from the temporary folder; `hashes` has the SHA-256 of every file's bytes."""

    def __init__(self, out_dir: Path, protected: tuple[Path, ...] = (), previous: Mapping[str, list] | None = None,
                 previous_keys: Mapping[str, str] | None = None):
        self.out_dir = out_dir.resolve()
        self.protected = protected
        self.previous = previous or {}
        self.previous_keys = previous_keys or {}
        self.hashes: dict[str, str] = {}
        self.linked = 0
        self._made_from: dict[str, list[str]] | None = None
        self._folder: Path | None = None
        self._hold = contextlib.ExitStack()
        check_output_dir(self.out_dir, protected)

    def __enter__(self) -> StagedOutput:
        return self

    def __exit__(self, kind, error, trace) -> None:
        try:
            if kind is None:
                self._finish()
            elif self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
        finally:
            self._hold.close()

    def __setitem__(self, rel: str, data: bytes) -> None:
        target = self._open() / safe_relative(rel)
        sha = hashlib.sha256(data).hexdigest()
        try:
            if rel in self.hashes:
                target.unlink()  # never write through: it may be a link to the previous build's file
            target.parent.mkdir(parents=True, exist_ok=True)
            if self._link(rel, sha, len(data), target):
                self.linked += 1
            else:
                target.write_bytes(data)
        except OSError as exc:
            raise OutputError(f"{self.out_dir}: cannot write the site: {exc}") from None
        self.hashes[rel] = sha

    def __getitem__(self, rel: str) -> bytes:
        if rel not in self.hashes:
            raise KeyError(rel)
        return (self._open() / rel).read_bytes()

    def __delitem__(self, rel: str) -> None:
        del self.hashes[rel]
        (self._open() / rel).unlink()

    def __contains__(self, rel: object) -> bool:
        return rel in self.hashes

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.hashes))

    def __len__(self) -> int:
        return len(self.hashes)

    def link_unchanged(self, rel: str, key: str) -> bool:
        """Link the previous build's file if it was made from the same key (`previous_keys`: a page key, a chart
        key) and is intact; False if it was not, and the caller makes the file."""
        entry = self.previous.get(rel)
        if self.previous_keys.get(rel) != key or not isinstance(entry, list) or len(entry) != 6:
            return False
        target = self._open() / safe_relative(rel)
        if rel in self.hashes:
            return False
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{self.out_dir}: cannot write the site: {exc}") from None
        if not isinstance(entry[4], str) or not isinstance(entry[1], int) or not self._link(rel, entry[4], entry[1], target):
            return False
        self.linked += 1
        self.hashes[rel] = entry[4]
        return True

    def link_made_from(self, key: str) -> tuple[str, ...] | None:
        """Link every file the previous build made from this key (a search shard's files share their shard's
        key), each as `link_unchanged` would; None, with none of them left linked, if it made none or one of
        them cannot be linked: the caller makes them all."""
        if self._made_from is None:
            self._made_from = {}
            for rel, made in sorted(self.previous_keys.items()):
                if isinstance(made, str):
                    self._made_from.setdefault(made, []).append(rel)
        paths = self._made_from.get(key, [])
        done: list[str] = []
        for rel in paths:
            if not self.link_unchanged(rel, key):
                for linked in done:
                    del self[linked]
                self.linked -= len(done)
                return None
            done.append(rel)
        return tuple(done) if done else None

    def _open(self) -> Path:
        """The temporary folder, made (under the lock on the output's parent, held until the end) at first use."""
        if self._folder is not None:
            return self._folder
        try:
            self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{self.out_dir}: cannot create the output folder: {exc}") from None
        self._hold.enter_context(_locked(self.out_dir.parent))
        try:
            _recover(self.out_dir)
            check_output_dir(self.out_dir, self.protected)
            folder = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.new-", dir=self.out_dir.parent))
        except OSError as exc:
            raise OutputError(f"{self.out_dir}: cannot create the output folder: {exc}") from None
        self._folder = folder
        try:
            (folder / MARKER).write_bytes(INCOMPLETE)
        except OSError as exc:
            raise OutputError(f"{self.out_dir}: cannot write the site: {exc}") from None
        return folder

    def _link(self, rel: str, sha: str, size: int, target: Path) -> bool:
        """Hard-link the previous build's file to `target` if it has exactly these bytes; False if not done."""
        entry = self.previous.get(rel)
        if not (isinstance(entry, list) and len(entry) == 6 and entry[4] == sha and entry[1] == size):
            return False
        old = self.out_dir / rel
        try:
            st = os.lstat(old)
            if not stat.S_ISREG(st.st_mode) or st.st_size != size:
                return False
            trusted = entry[5] is True and [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns] == entry[:4]
            if not trusted:
                with open(old, "rb") as handle:
                    if hashlib.file_digest(handle, "sha256").hexdigest() != sha:
                        return False
            os.link(old, target)
        except OSError:
            return False
        return True

    def _finish(self) -> None:
        folder = self._open()
        try:
            (folder / MARKER).write_bytes(COMPLETE)
            os.chmod(folder, 0o755)
            _swap(folder, self.out_dir)
        except OSError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            raise OutputError(f"{self.out_dir}: cannot write the site: {exc}") from None


def recover_output(out_dir: Path) -> None:
    """Put back the output folder an interrupted swap left missing, and delete leftovers of earlier runs."""
    out_dir = out_dir.resolve()
    if not out_dir.parent.is_dir():
        return
    try:
        with _locked(out_dir.parent):
            _recover(out_dir)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot recover the output folder: {exc}") from None


def check_output_dir(out_dir: Path, protected: tuple[Path, ...]) -> None:
    """Refuse an output folder that is, contains or sits inside a source folder (the site root may contain it),
    and any existing folder sitegen did not make."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir} exists and is not a folder (choose another --out)")
    for index, folder in enumerate(p.resolve() for p in protected):
        inside = folder in out_dir.parents and index > 0
        if out_dir == folder or out_dir in folder.parents or inside:
            raise OutputError(f"refusing to write the site to {out_dir}: it would replace or mix with {folder} "
                              "(choose an output folder outside the site's sources, e.g. build/)")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not is_build(out_dir):
        if (out_dir / "index.html").is_file():
            raise OutputError(f"refusing to replace {out_dir}: it holds no {MARKER} file, so sitegen cannot tell "
                              "it is a build (a build made before sitegen marked its builds? delete the folder "
                              "yourself once; every build from now on carries the marker)")
        raise OutputError(f"refusing to replace {out_dir}: it is not empty and is not an earlier build "
                          "(choose another --out, or empty the folder yourself)")


def is_build(folder: Path) -> bool:
    """Whether the folder carries the marker of a complete sitegen build."""
    return _marker(folder) == COMPLETE


def safe_relative(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts or path.parts[0] == MARKER:
        raise OutputError(f"refusing to write outside the output folder: {rel}")
    return path


def _marker(folder: Path) -> bytes | None:
    try:
        with open(folder / MARKER, "rb") as handle:
            return handle.read(len(COMPLETE) + len(INCOMPLETE) + 1)
    except OSError:
        return None


def leftovers(out_dir: Path) -> list[Path]:
    """Folders next to `out_dir` named the way write_site names its temporary folders."""
    pattern = re.compile(re.escape(f".{out_dir.name}.") + r"(new|old)-[A-Za-z0-9_]{8}")
    try:
        names = sorted(os.listdir(out_dir.parent))
    except OSError:
        return []
    return [out_dir.parent / name for name in names
            if pattern.fullmatch(name) and not os.path.islink(out_dir.parent / name)
            and (out_dir.parent / name).is_dir()]


def _recover(out_dir: Path) -> None:
    found = leftovers(out_dir)
    if not os.path.lexists(out_dir):
        complete = [p for p in found if is_build(p)]
        complete.sort(key=lambda p: (".new-" in p.name, _mtime(p / MARKER)), reverse=True)
        if complete:
            os.rename(complete[0], out_dir)
            found.remove(complete[0])
    for folder in found:
        if _marker(folder) in (COMPLETE, INCOMPLETE):
            shutil.rmtree(folder, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty: a folder of ours interrupted before its marker


def _mtime(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _swap(staging: Path, out_dir: Path) -> None:
    if not os.path.lexists(out_dir):
        os.rename(staging, out_dir)
        return
    if _exchange(staging, out_dir):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the old build
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    old.rmdir()
    os.rename(out_dir, old)
    try:
        os.rename(staging, out_dir)
    except OSError:
        os.rename(old, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux renameat2(RENAME_EXCHANGE); False where that is not available."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the folder (flock on its descriptor) for the block; no lock where there is no flock."""
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot open the output's parent folder: {exc}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


_RENAMEAT2: list = []


def _renameat2():
    """libc's renameat2, or None (not Linux, or a C library without it)."""
    if not _RENAMEAT2:
        try:
            function = ctypes.CDLL(None, use_errno=True).renameat2
            function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
            function.restype = ctypes.c_int
        except (AttributeError, OSError):
            function = None
        _RENAMEAT2.append(function)
    return _RENAMEAT2[0]
