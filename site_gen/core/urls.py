"""Page-relative URLs between output files, so one build works at / and under /repo/ (pure)."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import urlsplit

from site_gen.core.slugs import slugify


def relative_url(target: str, from_page: str) -> str:
    """URL of output path `target` (e.g. "articles/x.html#claim-a") as seen from output path `from_page`."""
    path, _, fragment = target.partition("#")
    rel = _relative_path(path, posixpath.dirname(from_page) or ".")
    return rel + (f"#{fragment}" if fragment else "")


@lru_cache(maxsize=65536)  # pages link to the same few thousand files over and over (claims: one page, many anchors)
def _relative_path(path: str, start: str) -> str:
    if path.endswith("/") or path == "":
        rel = posixpath.relpath(path or ".", start) + "/"
        return "./" if rel == "./" else rel
    return posixpath.relpath(path, start)


def absolute_url(target: str, base_path: str) -> str:
    """URL of `target` as an absolute path under the site's base path (for 404.html)."""
    return base_path + (target if target != "index.html" else "")


def claimant_url(claimant_id: str) -> str:
    return f"claimants/{claimant_id}.html"


def tag_url(tag: str) -> str:
    return f"tags/{slugify(tag) or 'tag'}.html"


def claim_url(article_url: str, claim_id: str) -> str:
    return f"{article_url}#claim-{claim_id}"


def series_url(claimant_id: str, anchor: str = "") -> str:
    """The page of a claimant's data series, optionally at one dataset or series (`anchor`)."""
    return f"series/{claimant_id}.html" + (f"#{anchor}" if anchor else "")


def is_absolute_base(base_url: str) -> bool:
    """True when base_url is a full http(s) URL, as feeds, sitemaps and exports need."""
    parts = urlsplit(base_url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def site_url(base_url: str, target: str) -> str:
    """Absolute URL of output path `target` under an absolute base_url ("" when base_url is only a path)."""
    if not is_absolute_base(base_url):
        return ""
    base = base_url if base_url.endswith("/") else base_url + "/"
    return base + (target if target != "index.html" else "")
