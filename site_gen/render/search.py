"""The one home of Pagefind: a static search index of the built pages, made by the binary that `pagefind-bin` ships.

The pages are written to a private temporary folder, Pagefind indexes them there (run in that folder, with no
PAGEFIND_* variables, so that no stray pagefind.yml or environment changes the index), and its files come back
as output paths under `pagefind/`; the build writes them with everything else, in the one atomic swap.
Pagefind's output is byte-identical for identical pages (tests/test_search.py indexes the same pages again and
again and compares) as long as no page uses `data-pagefind-filter`: Pagefind 1.5 writes filter values in varying
order, so the theme gives results their claimant and status as `data-pagefind-meta` only.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

from site_gen.core.problems import SitegenError

#: The folder of the index and of Pagefind's UI scripts in the output.
SEARCH_DIR = "pagefind"
#: The search page; it loads the Pagefind UI and explains itself to readers without JavaScript.
SEARCH_PAGE = "search.html"
#: Index files written but not needed by the site (the playground is off by default; these are the other UIs).
UNUSED = ("pagefind-component-ui.css", "pagefind-component-ui.js", "pagefind-modular-ui.css", "pagefind-modular-ui.js")


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


def pages_digest(files: dict[str, bytes]) -> str:
    """SHA-256 of every HTML page (path and bytes): equal digests give equal indexes."""
    sha = hashlib.sha256()
    for path in sorted(p for p in files if p.endswith(".html")):
        sha.update(path.encode("utf-8") + b"\0" + hashlib.sha256(files[path]).digest())
    return sha.hexdigest()


def search_files(files: dict[str, bytes]) -> dict[str, bytes]:
    """Output path -> bytes of the Pagefind index (and its UI) of the HTML pages among `files`."""
    binary = pagefind_executable()
    with tempfile.TemporaryDirectory(prefix="sitegen-search-") as folder:
        site = Path(folder) / "site"
        for rel in sorted(p for p in files if p.endswith(".html")):
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[rel])
        out = Path(folder) / "index"
        env = {k: v for k, v in os.environ.items() if not k.upper().startswith("PAGEFIND")}
        try:
            run = subprocess.run([str(binary), "--site", str(site), "--output-path", str(out), "--quiet"],
                                 cwd=folder, env=env, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.SubprocessError) as exc:
            raise SearchIndexError(f"search index: Pagefind could not run: {exc} (or build with --no-search)") from None
        if run.returncode != 0:
            said = " ".join((run.stderr or run.stdout).split())[:400]
            raise SearchIndexError(f"search index: Pagefind failed: {said} (or build with --no-search)")
        return {f"{SEARCH_DIR}/{p.relative_to(out).as_posix()}": p.read_bytes()
                for p in sorted(out.rglob("*")) if p.is_file() and p.name not in UNUSED}
