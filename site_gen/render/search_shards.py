"""The search index in shards: the indexed pages split by a hash of their path, each shard indexed by its own
Pagefind run (at most `jobs` at once) or reused whole when its pages are the same as when it was last made.

A site of up to SHARD_PAGES indexed pages has one shard, the primary bundle in `pagefind/` (with the UI). A
bigger one has a power of two of them, so that the count changes rarely, and a page stays in its shard as pages
come and go (a page moves only when the count doubles or halves). The lowest-numbered shard that has pages is
the primary bundle; every other is `pagefind/shard-N/`, merged into it by the UI (`mergeIndex`), and listed in
MANIFEST for assets/search.js. A shard's key is a digest of its pages (paths and SHA-256 of what Pagefind is
handed of each, `search_view`: the page without the footer and navigation Pagefind skips), where it is written
and the Pagefind version: a shard made from the same key is the same bytes, and a footer edited in a template
indexes no shard again.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
from collections.abc import Callable, Iterator, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from site_gen.render.search import SEARCH_DIR, SearchFacts, indexed_pages, pagefind_index, search_facts

#: Indexed pages per shard, at most (and more than half of it, once there are several shards).
SHARD_PAGES = 256
#: The bundles the UI merges into the primary one, as paths relative to SEARCH_DIR (a JSON list; [] for one).
MANIFEST = f"{SEARCH_DIR}/sitegen-shards.json"


@dataclass(frozen=True)
class Shard:
    """One Pagefind bundle: its number, its pages (in path order), whether it is the primary one, and its key."""

    number: int
    pages: tuple[str, ...]
    primary: bool
    key: str

    @property
    def folder(self) -> str:
        return SEARCH_DIR if self.primary else f"{SEARCH_DIR}/shard-{self.number}"


def shard_count(pages: int, per_shard: int | None = None) -> int:
    """The smallest power of two of shards that holds `pages` pages at `per_shard` (SHARD_PAGES) each."""
    per_shard = per_shard or SHARD_PAGES
    count = 1
    while count * per_shard < pages:
        count *= 2
    return count


def shard_of(path: str, count: int) -> int:
    """The shard of a page: a hash of its output path, so that it does not depend on any other page."""
    return int.from_bytes(hashlib.sha256(path.encode("utf-8")).digest()[:8], "big") % count


@functools.cache
def pagefind_version() -> str:
    try:
        return importlib.metadata.version("pagefind_bin")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def plan_shards(pages: list[str], sha_of: Callable[[str], str]) -> list[Shard]:
    """The shards of these indexed pages that have any (`sha_of`: the SHA-256 hex of what Pagefind is handed of a
    page, its `search_view`), in number order."""
    count = shard_count(len(pages))
    groups: dict[int, list[str]] = {}
    for path in sorted(pages):
        groups.setdefault(shard_of(path, count), []).append(path)
    shards = []
    for index, number in enumerate(sorted(groups)):
        primary = index == 0
        members = tuple(groups[number])
        key = hashlib.sha256(json.dumps(["search-shard", pagefind_version(), number, primary,
                                         [[p, sha_of(p)] for p in members]]).encode("utf-8")).hexdigest()
        shards.append(Shard(number, members, primary, key))
    return shards


def write_search_index(files: MutableMapping[str, bytes], jobs: int = 1,
                       link: Callable[[str], tuple[str, ...] | None] | None = None,
                       kept: dict[str, dict[str, bytes]] | None = None,
                       known: dict[str, str] | None = None) -> dict[str, str]:
    """Put the search index of the HTML pages among `files` into `files`, and return each of its files' key (its
    shard's). A shard is taken from `kept` (key -> its files; `serve` keeps the last ones, pruned here to this
    index's) or linked from the last build by `link(key)` (the paths it linked, or None) if made from the same
    key; the rest are indexed, `jobs` Pagefind runs at a time. Pages are read when a run needs them, and to learn
    their `SearchFacts` unless `known` has them (SHA-256 of a page's bytes -> encoded facts; replaced here by
    this site's)."""
    pages, view_sha = indexed_views(files, known)
    shards = plan_shards(pages, view_sha.__getitem__)
    if not shards:
        files.update(pagefind_index(files, []))  # Pagefind fails here, saying it found no page to index
        return {}
    keys: dict[str, str] = {}
    missing = []
    for shard in shards:
        found = _reuse(files, shard, link, kept)
        if found is None:
            missing.append(shard)
        else:
            keys.update(dict.fromkeys(found, shard.key))
    for shard, made in _index(files, missing, jobs):
        files.update(made)
        keys.update(dict.fromkeys(made, shard.key))
        if kept is not None:
            kept[shard.key] = made
    if kept is not None:
        for key in set(kept) - {shard.key for shard in shards}:
            del kept[key]
    files[MANIFEST] = manifest(shards)
    return keys


def indexed_views(files: MutableMapping[str, bytes], known: dict[str, str] | None = None
                  ) -> tuple[list[str], dict[str, str]]:
    """The indexed pages (`indexed_pages`) and the SHA-256 of each one's view, from each HTML page's
    `SearchFacts`: looked up in `known` by the SHA-256 of its bytes (`files.hashes` when the output folder knows
    them, else hashed here) or read from the page; `known` is left holding these pages' facts only."""
    hashes = getattr(files, "hashes", None)
    sha_of = {path: hashes[path] if isinstance(hashes, dict) else hashlib.sha256(files[path]).hexdigest()
              for path in sorted(p for p in files if p.endswith(".html"))}
    known = {} if known is None else known
    facts = {path: SearchFacts.decode(known.get(sha)) or search_facts(files[path], with_view=False)
             for path, sha in sha_of.items()}
    pages = indexed_pages(files, facts)
    for path in pages:
        if facts[path].view_sha is None:
            facts[path] = search_facts(files[path])
    known.clear()
    known.update((sha, facts[path].encode()) for path, sha in sha_of.items())
    return pages, {path: str(facts[path].view_sha) for path in pages}


def manifest(shards: list[Shard]) -> bytes:
    """MANIFEST's bytes: the folders of the bundles merged into the primary one, relative to SEARCH_DIR."""
    merged = [shard.folder.removeprefix(SEARCH_DIR + "/") + "/" for shard in shards if not shard.primary]
    return json.dumps(merged).encode("utf-8") + b"\n"


def _reuse(files: MutableMapping[str, bytes], shard: Shard, link: Callable[[str], tuple[str, ...] | None] | None,
           kept: dict[str, dict[str, bytes]] | None) -> tuple[str, ...] | None:
    """The paths of a shard put into `files` unchanged (from `kept`, else linked), or None: index it."""
    if kept is not None and shard.key in kept:
        files.update(kept[shard.key])
        return tuple(kept[shard.key])
    return link(shard.key) if link is not None else None


def _index(files: MutableMapping[str, bytes], shards: list[Shard],
           jobs: int) -> Iterator[tuple[Shard, dict[str, bytes]]]:
    """Each shard with its index, in shard order, from at most `jobs` Pagefind runs at a time."""
    if not shards:
        return
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(shards)))) as pool:
        runs = pool.map(lambda shard: pagefind_index(files, shard.pages, shard.folder, shard.primary), shards)
        yield from zip(shards, runs)
