"""The one home of Pagefind: a static search index of the built pages, made by the binary that `pagefind-bin` ships.

Each page is written, as its `search_view` (without the footer and navigation Pagefind skips anyway), to a
private temporary folder, and Pagefind indexes them there (run in that folder, with no
PAGEFIND_* variables, so that no stray pagefind.yml or environment changes the index), and its files come back
as output paths under `pagefind/` (or a shard's folder under it: render/search_shards.py splits a big site's
pages); the build writes them with everything else, in the one atomic swap.
Pagefind's output is byte-identical for identical pages (tests/test_search.py indexes the same pages again and
again and compares) as long as no page uses `data-pagefind-filter`: Pagefind 1.5 writes filter values in varying
order, so the theme gives results their claimant and status as `data-pagefind-meta` only.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from site_gen.core.problems import SitegenError

#: The folder of the index and of Pagefind's UI scripts in the output.
SEARCH_DIR = "pagefind"
#: The search page; it loads the Pagefind UI and explains itself to readers without JavaScript.
SEARCH_PAGE = "search.html"
#: Index files written but not needed by the site (the playground is off by default; these are the other UIs).
UNUSED = ("pagefind-component-ui.css", "pagefind-component-ui.js", "pagefind-modular-ui.css", "pagefind-modular-ui.js")
#: What else than pagefind-entry.json a bundle merged into the primary one (`mergeIndex`) is read for.
MERGED = (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")
#: The attribute that, once any page carries it, limits Pagefind's index to the pages that carry it.
BODY_ATTRIBUTE = "data-pagefind-body"
_MENTIONS_BODY = re.compile(re.escape(BODY_ATTRIBUTE).encode("ascii"), re.IGNORECASE)


class SearchIndexError(SitegenError):
    """Pagefind is missing or failed; the previous build is left as it was."""


def pagefind_executable() -> Path:
    """The Pagefind binary of the `pagefind-bin` package."""
    try:
        from pagefind_bin import get_executable

        return get_executable()
    except (ImportError, FileNotFoundError):
        raise SearchIndexError("search index: the Pagefind binary is not installed "
                               "(pip install 'pagefind[bin]', or build without search: --no-search "
                               "or `search: false` in config.yaml)") from None


#: Elements Pagefind skips wherever they are ("organizational elements such as <nav> and <footer> ... will be
#: skipped over automatically", pagefind.app/docs/indexing): a site's footer and navigation.
#: The content may not hold another such start tag, so that each start tag's search for its end stops at the next
#: one (linear in the page, however many unclosed ones it has).
_SKIPPED = re.compile(rb"<(footer|nav)(\s[^<>]*)?>((?:(?!<(?:footer|nav)[\s>/]).)*?)</\1\s*>",
                      re.DOTALL | re.IGNORECASE)
#: What Pagefind still reads inside a skipped element (metadata, filters, the default title and image), and what
#: would make this pattern's reading of it unsure (comments, scripts, raw text, nesting): such an element is kept.
_READ_OR_UNSURE = re.compile(rb"data-pagefind|<h1|<img|<!--|-->|<!\[cdata|</?script|</?style|</?textarea|"
                             rb"</?template|</?title|</?xmp|<plaintext|<svg|<math|<footer|<nav", re.IGNORECASE)


@dataclass(frozen=True)
class SearchFacts:
    """What the index needs of one page: whether it mentions `data-pagefind-body`, and the SHA-256 (hex) of its
    `search_view`, the bytes Pagefind is handed (None until it is needed: only for pages that are indexed)."""

    mentions_body: bool
    view_sha: str | None = None

    def encode(self) -> str:
        return f"{int(self.mentions_body)}{self.view_sha or ''}"

    @classmethod
    def decode(cls, text: object) -> "SearchFacts | None":
        if not isinstance(text, str) or not re.fullmatch(r"[01](?:[0-9a-f]{64})?", text):
            return None
        return cls(text[0] == "1", text[1:] or None)


def search_view(html: bytes) -> bytes:
    """The page as Pagefind is handed it: without the footer and navigation elements it skips anyway, unless one
    holds anything it reads (then it stays whole). The same index, and a footer edited in a template changes no
    page's view, so no search shard is indexed again (tests/test_search.py compares the index bytes)."""
    return _SKIPPED.sub(_dropped_unless_read, html)


def _dropped_unless_read(element: re.Match[bytes]) -> bytes:
    attributes, inside = element.group(2) or b"", element.group(3)
    return element.group(0) if _READ_OR_UNSURE.search(attributes) or _READ_OR_UNSURE.search(inside) else b""


def search_facts(html: bytes, with_view: bool = True) -> SearchFacts:
    view = hashlib.sha256(search_view(html)).hexdigest() if with_view else None
    return SearchFacts(bool(_MENTIONS_BODY.search(html)), view)


def indexed_pages(files: Mapping[str, bytes], facts: Mapping[str, SearchFacts] | None = None) -> list[str]:
    """The HTML pages Pagefind would index, in path order: once any page has an element with `data-pagefind-body`,
    Pagefind leaves out every page without one, so such pages need not be handed to it (parsing a 6 MB timeline
    only to drop it cost a 10,000-claim site 1.5 s). A page that merely mentions the name is still handed over.
    `facts` (each page's `search_facts`) saves reading every page: only mentioning ones are parsed, up to the
    first that has the attribute."""
    pages = sorted(p for p in files if p.endswith(".html"))
    if facts is not None:
        mentioning = [p for p in pages if facts[p].mentions_body]
    else:
        mentioning = [p for p in pages if _MENTIONS_BODY.search(files[p])]
    return mentioning if any(_has_body_attribute(files[p]) for p in mentioning) else pages


class _BodyFinder(HTMLParser):
    found = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found = self.found or any(name == BODY_ATTRIBUTE for name, _ in attrs)


def _has_body_attribute(html: bytes, chunk: int = 65536) -> bool:
    """Whether an element of the page has the attribute (not a mention in text, a comment or a script)."""
    finder = _BodyFinder(convert_charrefs=True)
    text = html.decode("utf-8", "replace")
    for start in range(0, len(text), chunk):
        finder.feed(text[start:start + chunk])
        if finder.found:
            return True
    finder.close()
    return finder.found


def search_files(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """Output path -> bytes of the Pagefind index (and its UI) of the HTML pages among `files`, in one bundle."""
    return pagefind_index(files, indexed_pages(files))


def pagefind_index(files: Mapping[str, bytes], paths: Iterable[str] | None = None, into: str = SEARCH_DIR,
                   primary: bool = True) -> dict[str, bytes]:
    """Output path (under `into`) -> bytes of Pagefind's index of exactly these pages (`paths` of `files`, each
    read when it is handed over; all of `files` by default). A bundle that is not `primary` is only merged into
    the primary one by the UI, so it keeps only what a merged index is read from (MERGED)."""
    with tempfile.TemporaryDirectory(prefix="sitegen-search-") as folder:
        site, out = Path(folder) / "site", Path(folder) / "index"
        for rel in sorted(files if paths is None else paths):
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(search_view(files[rel]))
        _run_pagefind(site, out)
        found = (p.relative_to(out).as_posix() for p in sorted(out.rglob("*")) if p.is_file())
        return {f"{into}/{rel}": (out / rel).read_bytes() for rel in found
                if (rel not in UNUSED if primary else _merged_needs(rel))}


def _run_pagefind(site: Path, out: Path) -> None:
    """Pagefind over the folder `site` into `out`, run next to them with no PAGEFIND_* variables."""
    binary = pagefind_executable()
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("PAGEFIND")}
    try:
        run = subprocess.run([str(binary), "--site", str(site), "--output-path", str(out), "--quiet"],
                             cwd=site.parent, env=env, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        raise SearchIndexError(f"search index: Pagefind could not run: {exc} (or build with --no-search)") from None
    if run.returncode != 0:
        said = " ".join((run.stderr or run.stdout).split())[:400]
        raise SearchIndexError(f"search index: Pagefind failed: {said} (or build with --no-search)")


def _merged_needs(rel: str) -> bool:
    """Whether a merged (not primary) bundle needs this file: Pagefind's script, worker and WebAssembly come from
    the primary bundle; a merged one is read for its entry, metadata, index chunks, fragments and filters."""
    return rel == "pagefind-entry.json" or rel.endswith(MERGED)
