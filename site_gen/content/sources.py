"""Finds and reads content files: sorted walks, UTF-8 decoding, front-matter splitting with line offsets."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from site_gen.core.problems import Collector

#: Characters XML 1.0 forbids (C0 controls but tab, newline and CR; U+FFFE, U+FFFF; lone surrogates): a feed or
#: SVG holding one does not parse, so text holding one is refused where it is read (files here, YAML escapes in
#: yamlsrc, JSON escapes in series_data).
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
CONTROL_HINT = "remove it"


def control_character(text: str) -> str | None:
    """The first XML-forbidden control character in `text`, as "U+0007"; None when there is none."""
    found = CONTROL_RE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


OUTSIDE_HINT = "keep it inside the site folder: sitegen reads nothing from outside it, so that no private file is published"


def outside_site(path: Path, root: Path) -> Path | None:
    """Where `path` really leads (symbolic links followed) when that is outside the site folder `root`; else None."""
    target, fence = path.resolve(), root.resolve()
    return None if target == fence or fence in target.parents else target


@dataclass(frozen=True)
class SourceFile:
    """A content file as text, with the path shown in messages."""

    path: Path
    display: str
    text: str


@dataclass(frozen=True)
class FrontMatter:
    yaml: str
    yaml_line: int
    body: str
    body_line: int


def display_path(path: Path, root: Path) -> str:
    """The path as messages show it: relative to the working folder when under it, else to the site root."""
    return _display_path(str(path), str(root), os.getcwd())


@lru_cache(maxsize=65536)  # resolving is a syscall per path component; `serve` asks for every file on every rebuild
def _display_path(name: str, root_name: str, cwd: str) -> str:
    path, root = Path(name), Path(root_name)
    try:
        return str((_resolved(str(path.parent)) / path.name).relative_to(_resolved(cwd)))  # a link shows as itself
    except ValueError:
        try:
            return str(path.relative_to(root))
        except ValueError:
            return str(path)


@lru_cache(maxsize=4096)  # a site's articles share a few folders: each is resolved once, not once per file
def _resolved(name: str) -> Path:
    return Path(name).resolve()


def find_articles(content_dir: Path) -> list[tuple[str, Path]]:
    """(content-relative posix path, path) of every `*.md` file under content_dir, sorted by the former,
    skipping hidden files and folders (folders reached through a symlink are not walked; a symlinked file is)."""
    if not content_dir.is_dir():
        return []
    found: list[tuple[str, Path]] = []
    _walk_markdown(str(content_dir), "", found)
    return sorted(found)


def _walk_markdown(folder: str, prefix: str, found: list[tuple[str, Path]]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            _walk_markdown(entry.path, f"{prefix}{entry.name}/", found)
        elif entry.name.endswith(".md") and entry.is_file():
            found.append((prefix + entry.name, _path(entry.path)))


@lru_cache(maxsize=65536)  # the same Path objects on every rebuild: their str() and hash are computed once
def _path(name: str) -> Path:
    return Path(name)


def read_text(path: Path, out: Collector) -> str | None:
    """File contents as text, or None after recording why it could not be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        out.error(0, "", f"cannot read file: {exc.strerror or exc}", "check that it exists and is readable")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        out.error(line, "", f"not valid UTF-8 (byte {exc.start})", "save the file as UTF-8")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if found := CONTROL_RE.search(text):
        out.error(text.count("\n", 0, found.start()) + 1, "", f"contains a control character {control_character(found.group())}",
                  CONTROL_HINT)
        return None
    return text


def split_front_matter(text: str, out: Collector) -> FrontMatter | None:
    """Split `---` YAML `---` then Markdown; record a problem and return None when the block is missing."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        out.error(1, "", "missing front matter", "start the file with a line `---`, the YAML fields, then `---`")
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return FrontMatter(yaml_text, 2, body, index + 2)
    out.error(1, "", "front matter is not closed", "end the YAML block with a line `---`")
    return None
