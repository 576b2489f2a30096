"""The Python floor: read + libyaml + markdown-it-py + one Jinja2 page per article, one process, no charts."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import jinja2
import yaml
from markdown_it import MarkdownIt

PAGE = jinja2.Template(
    "<!doctype html><html lang=en><title>{{ meta.title }}</title><h1>{{ meta.title }}</h1>{{ body | safe }}",
    autoescape=True,
)


def render_floor(content: Path, out: Path) -> int:
    md = MarkdownIt("commonmark").enable("table")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    count = 0
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.load(front, Loader=loader)
        target = out / (path.stem + ".html")
        target.write_text(PAGE.render(meta=meta, body=md.render(body)), encoding="utf-8")
        count += 1
    return count


if __name__ == "__main__":
    started = time.perf_counter()
    out = Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    pages = render_floor(Path(sys.argv[1]), out)
    print(f"floor: {pages} pages in {time.perf_counter() - started:.3f} s")
