"""Small real sites on disk for tests: a config.yaml and articles given as strings, written under tmp_path."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

from site_gen.pipeline.build import BuildOptions, BuildResult, build
from site_gen.core.problems import ContentErrors, Problem

CONFIG = """\
title: Test Desk
description: A site written by a test.
base_url: https://example.org/desk/
language: en
timezone: Europe/Kyiv
claimants:
  ru-mod: {name: Russian Ministry of Defence, side: Russia, kind: government}
  ua-gs: {name: General Staff of the Armed Forces of Ukraine, side: Ukraine, kind: military}
"""

#: Front matter of an article with one source and one claim that builds without errors or warnings.
VALID_FRONT = """\
title: A valid article
date: 2024-07-05
tags: [casualties]
sources:
  - id: mod
    name: Russian Ministry of Defence
    url: https://example.org/mod
    accessed: 2024-07-06
claims:
  - id: total
    claimant: ru-mod
    category: casualties
    measure: killed
    claimed_on: 2024-07-05
    text: over 2,000 killed in 24 hours
    total: over 2,000
    sources: [mod]
"""


def article(front: str, body: str = "Body text.\n") -> str:
    """An article file: `---`, the YAML front matter (dedented), `---`, then the Markdown body."""
    return f"---\n{textwrap.dedent(front).strip()}\n---\n{textwrap.dedent(body)}"


def write_site(root: Path, articles: dict[str, str | bytes], config: str = CONFIG,
               files: dict[str, str | bytes] | None = None) -> Path:
    """Write config.yaml, content/articles/<name> for each article and any extra files; return config.yaml."""
    root.mkdir(parents=True, exist_ok=True)
    config_path = root / "config.yaml"
    config_path.write_text(textwrap.dedent(config), encoding="utf-8")
    everything = {f"content/articles/{name}": text for name, text in articles.items()}
    everything.update(files or {})
    for rel, data in everything.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    return config_path


def build_site(config_path: Path, out: Path | None = None, **options) -> BuildResult:
    """Build a site written by `write_site` into `out` (default: <root>/build)."""
    out = out if out is not None else config_path.parent / "build"
    return build(BuildOptions(config_path=config_path, out_dir=out, **options))


def problems_of(config_path: Path, **options) -> list[Problem]:
    """The problems a failing build reports; fails the test if the build succeeds."""
    try:
        build_site(config_path, **options)
    except ContentErrors as exc:
        return exc.problems
    raise AssertionError("expected the build to fail with content errors")


def messages(problems: list[Problem]) -> list[str]:
    return [p.format() for p in problems]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line number in `text` of the `occurrence`-th line containing `needle`."""
    seen = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found {occurrence} time(s) in the text")


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under `folder`."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def read_tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
