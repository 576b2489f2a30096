"""The record of the last good build (`.sitegen-cache/build.json`): every input and output file by stat and digest,
so that `sitegen build` proves nothing changed without importing the build (no YAML, Markdown, Jinja, matplotlib).

The record is data (JSON), never code, signed like the article store (HMAC-SHA256 under this user's key, see
utils/cache.py); one that is missing, unreadable, signed elsewhere or of the wrong shape only means "build".
Nothing changed when, for the same code (sitegen's version and the bytes of its package), the same versions of
its dependencies, the same options and SOURCE_DATE_EPOCH: the site's folders hold the same files, each with the
recorded content, and the output folder holds exactly the files the build wrote, each with the bytes it wrote.
A file's recorded digest is trusted without reading the file only while its stat (inode, size, mtime, ctime) is
unchanged and its timestamps were already RACY_NS older than the moment it was hashed (the racy-git rule the
preview's memo uses); otherwise it is read and hashed again. For output files only the mtime must be settled:
sitegen links unchanged outputs into each new build and then removes the old one, which moves their ctime (the
link count changed) but never their bytes or mtime; an edit would move the mtime, and putting the mtime back
moves the ctime, which must still equal the recorded one.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import json
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_gen.pipeline.options import BuildOptions
from site_gen.pipeline.output import MARKER, is_build, leftovers
from site_gen.utils.cache import (
    CACHE_DIR,
    CacheFileRefused,
    code_fingerprint,
    read_cache_file,
    signing_key,
)

FORMAT = 1
RECORD = "build.json"
MAGIC = b"sitegen-build-record 1 "
MAX_RECORD = 256 * 1024 * 1024
#: Timestamps this close to a hash are not trusted to reveal a later edit (2 s: FAT, some network mounts).
RACY_NS = 2_000_000_000
#: The packages whose code shapes the output besides sitegen's own (their versions are part of the record).
DEPENDENCIES = ("jinja2", "markupsafe", "markdown_it", "mdit_py_plugins", "matplotlib", "numpy", "PIL", "yaml",
                "anyascii", "pagefind_bin", "pagefind")

#: A file as recorded: [inode, size, mtime_ns, ctime_ns, SHA-256 hex or None, settled].
Entry = list


@dataclass(frozen=True)
class Inputs:
    """The site's input files as they were when a build started: which folders were walked, and every file."""

    folders: tuple[str, ...]
    files: dict[str, Entry]


@dataclass(frozen=True)
class Unchanged:
    """What the last build reported, for a build that found nothing to do."""

    findings: tuple[str, ...]
    warnings: tuple[str, ...]
    counts: dict[str, int]
    out_dir: str
    files_checked: int


def cache_root(options: BuildOptions) -> Path | None:
    """The build cache folder, or None with --no-cache."""
    if not options.chart_cache:
        return None
    return options.cache_dir or options.config_path.parent / CACHE_DIR


def environment(options: BuildOptions) -> dict[str, Any]:
    """Everything but the site's files that decides the output: code, dependencies, options, SOURCE_DATE_EPOCH."""
    return {
        "format": FORMAT,
        "code": code_fingerprint(),
        "python": sys.version,
        "dependencies": {name: _package_stat(name) for name in DEPENDENCIES},
        "config": str(options.config_path.resolve()),
        "out": str(options.out_dir.resolve()) if options.out_dir is not None else None,
        "base_url": options.base_url,
        "drafts": options.drafts,
        "strict": options.strict,
        "search": options.search,
        "epoch": os.environ.get("SOURCE_DATE_EPOCH"),
    }


def _package_stat(name: str) -> list | None:
    """Where a package's code is and its size and mtime (an upgrade rewrites it), without importing it."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    origin = spec.origin if spec is not None else None
    if origin is None:
        return None
    try:
        st = os.stat(origin)
    except OSError:
        return None
    return [origin, st.st_size, st.st_mtime_ns]


def input_folders(content: Path, templates: Path, static: Path) -> tuple[str, ...]:
    return tuple(str(p.resolve()) for p in (content, templates, static))


def take_inputs(options: BuildOptions, folders: tuple[str, ...], out_dir: Path) -> Inputs:
    """The site's input files now, before the build reads them (digests of settled, unchanged files reused)."""
    previous = _read(cache_root(options))
    known = previous.get("inputs", {}) if previous else {}
    extra = [p for p in (previous or {}).get("extra", []) if isinstance(p, str)]
    paths = _input_paths(options, folders, out_dir, extra)
    return Inputs(folders, snapshot(paths, known if isinstance(known, dict) else {}))


def _input_paths(options: BuildOptions, folders: Iterable[str], out_dir: Path, extra: Iterable[str]) -> list[str]:
    skip = {str(out_dir.resolve()), str((cache_root(options) or out_dir).resolve())}
    return sorted({str(options.config_path.resolve()), *walk_files(folders, skip), *extra})


def walk_files(folders: Iterable[str], skip: set[str]) -> list[str]:
    """Every file under the folders (links followed, each folder once), as absolute paths; missing folders hold none."""
    found: list[str] = []
    seen: set[str] = set()
    pending = [f for f in folders if f not in skip]
    while pending:
        folder = pending.pop()
        real = os.path.realpath(folder)
        if real in seen:
            continue
        seen.add(real)
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir():
                    if entry.path not in skip:
                        pending.append(entry.path)
                else:
                    found.append(entry.path)
            except OSError:
                found.append(entry.path)
    return found


def snapshot(paths: Iterable[str], known: dict[str, Entry]) -> dict[str, Entry]:
    """Each path's entry now; a recorded digest is reused while the stat is the same and the file was settled."""
    now = time.time_ns()
    entries = {}
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            entries[path] = [0, 0, 0, 0, None, False]
            continue
        signature = [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
        old = known.get(path)
        if isinstance(old, list) and len(old) == 6 and old[:4] == signature and old[5] is True:
            entries[path] = old
            continue
        found = _file_sha256(path) if stat.S_ISREG(st.st_mode) else None
        entries[path] = signature + [found, max(st.st_mtime_ns, st.st_ctime_ns) < now - RACY_NS]
    return entries


def _file_sha256(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def up_to_date(options: BuildOptions) -> Unchanged | None:
    """What the last build reported if nothing it depends on changed since (its output included); else None."""
    root = cache_root(options)
    record = _read(root)
    try:
        if record is None or record.get("environment") != environment(options):
            return None
        out_dir = Path(record["out"])
        inputs, outputs = record["inputs"], record["outputs"]
        paths = _input_paths(options, record["folders"], out_dir, record["extra"])
        if paths != sorted(inputs) or not is_build(out_dir) or leftovers(out_dir):
            return None
        now_inputs = snapshot(paths, inputs)
        if not _same(now_inputs, inputs):
            return None
        prefix = len(str(out_dir)) + 1
        written = sorted(p[prefix:] for p in walk_files([str(out_dir)], set()) if p[prefix:] != MARKER)
        if written != sorted(outputs):
            return None
        now_outputs = {rel: entry for rel, entry in zip(written, snapshot((f"{out_dir}/{r}" for r in written),
                       {f"{out_dir}/{r}": e for r, e in outputs.items()}).values())}
        if not _same(now_outputs, outputs):
            return None
        if now_inputs != inputs or now_outputs != outputs:  # hashed again: next time the stat is enough
            _write(root, {**record, "inputs": now_inputs, "outputs": now_outputs})
        report = record["report"]
        return Unchanged(tuple(report["findings"]), tuple(report["warnings"]), dict(report["counts"]), str(out_dir),
                         len(paths) + len(written))
    except (KeyError, TypeError, ValueError, AttributeError, OSError):
        return None


def _same(now: dict[str, Entry], recorded: dict[str, Entry]) -> bool:
    return all(entry[4] is not None and isinstance(recorded.get(path), list) and len(recorded[path]) == 6
               and recorded[path][4] == entry[4] for path, entry in now.items())


def save(options: BuildOptions, inputs: Inputs, extra: Iterable[Path], out_dir: Path,
         written: dict[str, str], report: dict[str, Any], keys: dict[str, str] | None = None) -> None:
    """Record a good build: its inputs (as they were when it started), its output files (path -> SHA-256 of the
    bytes written) as they are now, and what it reported. Files read besides the site's folders (series data
    elsewhere) are recorded unhashed, so the next build rebuilds once and hashes them before it reads them.
    `keys`: output path -> the key it was made from (pages, charts), for the next build to link unchanged files."""
    root = cache_root(options)
    if root is None:
        return
    out_dir = out_dir.resolve()
    files = dict(inputs.files)
    extras = sorted(str(p.resolve()) for p in extra)
    for path in extras:
        files.setdefault(path, [0, 0, 0, 0, None, False])
    now = time.time_ns()
    outputs = {}
    folder = str(out_dir)
    for rel, sha in written.items():
        try:
            st = os.stat(f"{folder}/{rel}")  # a string, not a Path: 8,000 outputs at 1,000 articles
        except OSError:
            return
        outputs[rel] = [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, sha, st.st_mtime_ns < now - RACY_NS]
    _write(root, {"environment": environment(options), "folders": list(inputs.folders), "extra": extras,
                  "inputs": files, "out": str(out_dir), "outputs": outputs, "report": report, "keys": keys or {}})


def previous_outputs(options: BuildOptions, out_dir: Path) -> tuple[dict[str, Entry], dict[str, str]]:
    """The last build's output files (path -> entry) if it wrote `out_dir`, and the key each was made from if the
    same code and dependencies made it (a key says what a file is made from, not how); ({}, {}) otherwise."""
    record = _read(cache_root(options))
    if record is None or record.get("out") != str(out_dir.resolve()) or not isinstance(record.get("outputs"), dict):
        return {}, {}
    made_by = {name: record.get("environment", {}).get(name) for name in ("code", "python", "dependencies")}
    now = environment(options)
    same_code = made_by == {name: now[name] for name in made_by}
    keys = record.get("keys") if same_code and isinstance(record.get("keys"), dict) else {}
    return record["outputs"], keys


def _read(root: Path | None) -> dict | None:
    """The record, if it is signed with this user's key (one restored from elsewhere, e.g. from a pull
    request's CI cache together with a build folder, could otherwise vouch for that folder)."""
    key = signing_key() if root is not None else None
    if root is None or key is None:
        return None
    try:
        raw = read_cache_file(root / RECORD, MAX_RECORD)
    except CacheFileRefused:
        return None
    raw = raw or b""
    start = raw.find(b"\n") + 1 or len(raw)
    payload = memoryview(raw)[start:]  # not a copy of the file's payload beside the file
    if not hmac.compare_digest(raw[:start].rstrip(b"\n"), MAGIC + _sign(key, payload)):
        return None
    try:
        record = json.loads(str(payload, "utf-8"))
    except (ValueError, RecursionError):
        return None
    return record if isinstance(record, dict) else None


def _sign(key: bytes, payload: bytes | memoryview) -> bytes:
    """HMAC-SHA256 of MAGIC and the payload (fed in turn: the payload is not copied)."""
    signer = hmac.new(key, MAGIC, hashlib.sha256)
    signer.update(payload)
    return signer.hexdigest().encode()


def _write(root: Path, record: dict) -> None:
    """Write atomically; a record that cannot be written only makes the next build slower."""
    key = signing_key()
    if key is None:
        return
    payload = json.dumps(record, separators=(",", ":")).encode("utf-8")
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=root)
        with os.fdopen(fd, "wb") as handle:  # the header, then the payload: never a copy of both joined
            handle.write(MAGIC + _sign(key, payload) + b"\n")
            handle.write(payload)
        os.replace(tmp, root / RECORD)
    except OSError:
        pass
