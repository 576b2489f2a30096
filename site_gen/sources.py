"""Finds and reads content files: sorted walks, UTF-8 decoding, front-matter splitting with line offsets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_gen.problems import Collector


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
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        try:
            return str(path.relative_to(root))
        except ValueError:
            return str(path)


def find_articles(content_dir: Path) -> list[Path]:
    """Every `*.md` file under content_dir, in a stable sorted order, skipping hidden folders."""
    if not content_dir.is_dir():
        return []
    found = [
        p for p in content_dir.rglob("*.md")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(content_dir).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(content_dir).as_posix())


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
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
