"""Reuse between builds: parsed articles by file content and bodies by text, in memory and optionally on disk."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Hashable, TypeVar

from site_gen.content.articles import read_article
from site_gen.utils.cache import CacheStore, digest
from site_gen.content.markdown import ClaimBadge, RenderedBody, make_parser, render_body
from site_gen.core.model import Article, SiteConfig
from site_gen.core.problems import Collector
from site_gen.utils.reuse import ByIdentity
from site_gen.render.templates import make_environment

#: Timestamps this close to a read are not trusted to reveal a later edit (2 s: FAT, some network mounts).
RACY_NS = 2_000_000_000

if TYPE_CHECKING:  # only for annotations: jinja2 and markdown-it-py have their own home modules
    from jinja2 import Environment
    from markdown_it import MarkdownIt

    from site_gen.content.series_decl import Declaration

T = TypeVar("T")


class BuildMemo:
    """Results of pure build steps, reused while their inputs are unchanged; `commit()` drops unused ones.

    Parsing an article depends only on its bytes, its paths and the site config; its body's HTML only on
    its text, claim badges, the parser's one setting (raw HTML) and the links it resolves. Nothing else
    is cached, so a reused result is always the one a fresh build would compute. With a `store` (the
    signed disk cache, see cache.py), entries also survive between `sitegen build` runs, keyed by a digest of
    the same inputs.
    """

    def __init__(self, store: CacheStore | None = None) -> None:
        self.store = store
        self._entries: dict[Hashable, Any] = {}
        self._used: set[Hashable] = set()
        self._pages: dict[str, tuple[str, bytes]] = {}
        self._environment: tuple[tuple[Path, str], Environment] | None = None
        #: Results computed from articles the memo handed back unchanged (summaries, page keys, JSON-LD ...).
        self.reuse = ByIdentity()
        self._stats: dict[Path, tuple[tuple[int, ...], bytes, bool]] = {}
        self._stats_used: set[Path] = set()
        self._config: tuple[SiteConfig, str] | None = None
        self._parsers: dict[bool, MarkdownIt] = {}
        self._series: dict[tuple, Any] = {}
        self._series_next: dict[tuple, Any] = {}
        #: Chart bytes by chart key, as the last good build used them (`serve` skips the disk cache).
        self.charts: dict[str, bytes] = {}
        #: Share card bytes by key, likewise.
        self.cards: dict[str, bytes] = {}
        #: The last search index's shards by key (`serve` indexes again only the shards whose pages changed).
        self.search: dict[str, dict[str, bytes]] = {}
        #: Each page's search facts by the SHA-256 of its bytes (`render/search.py: SearchFacts`, encoded).
        self.search_facts: dict[str, str] = {}
        #: Every data file a series declaration named, in any build so far (what `serve` watches besides folders).
        self.declared_files: set[Path] = set()
        self.hits = 0
        self.misses = 0

    def read_article(self, path: Path, content_path: str, config: SiteConfig, out: Collector) -> Article | None:
        """`articles.read_article`, reused while the file's bytes (and config, paths) are unchanged."""
        file_digest = self._file_digest(path)
        if file_digest is None:
            return read_article(path, content_path, config, out)
        key = ("article", str(path), content_path, out.path, file_digest, self._config_digest(config))
        found = self._get(key)
        if found is not None:
            article, problems = found
            out.problems.extend(problems)
            return article
        sub = Collector(out.path)
        article = read_article(path, content_path, config, sub)
        out.problems.extend(sub.problems)
        if _digest_or_none(path) == file_digest:  # not edited while it was being read
            self._put(key, (article, tuple(sub.problems)))
        return article

    def _file_digest(self, path: Path) -> bytes | None:
        """SHA-256 of the file, or None if unreadable. An unchanged stat (inode, size, ctime, mtime) reuses
        the last digest, but only for a file whose timestamps were already older than the filesystem's
        coarsest granularity when it was last hashed (the "racy git" rule): an edit within that window
        could keep every stat field, so such a file is always read again."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        signature = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        known = self._stats.get(path)
        if known is not None and known[0] == signature and known[2]:
            self._stats_used.add(path)
            return known[1]
        started = time.time_ns()
        found = _digest_or_none(path)
        if found is not None:
            settled = max(st.st_mtime_ns, st.st_ctime_ns) < started - RACY_NS
            self._stats[path] = (signature, found, settled)
            self._stats_used.add(path)
        return found

    def _config_digest(self, config: SiteConfig) -> str:
        """The config's digest, computed once per config object (hashing it per article is slow)."""
        if self._config is None or self._config[0] is not config:
            self._config = (config, digest(config))
        return self._config[1]

    def render_body(self, md: MarkdownIt, text: str, body_line: int, badges: dict[str, ClaimBadge],
                    resolve_link: Callable[[str], str | None]) -> RenderedBody:
        """`markdown.render_body`, reused for the same text and badges while every link it resolved still
        resolves to the same URL (the links asked for are recorded with the result and checked again)."""
        key = ("body", bool(md.options.get("html")), text, body_line, tuple(sorted(badges.items())))
        found = self._get(key)
        if found is not None:
            links, body = found
            if all(resolve_link(href) == url for href, url in links):
                return body
        asked: list[tuple[str, str | None]] = []

        def recording(href: str) -> str | None:
            url = resolve_link(href)
            asked.append((href, url))
            return url

        body = render_body(md, text, body_line, badges, recording)
        self._put(key, (tuple(asked), body))
        return body

    def dataset(self, decl: Declaration, config: SiteConfig, load: Callable[[], T]) -> T:
        """`load()` of a series dataset, reused (in memory only) while the declaration, its data file's
        bytes and the config are unchanged; the same Dataset object lets later steps reuse their results."""
        self.declared_files.add(decl.file)
        key = ("dataset", digest(decl), self._file_digest(decl.file), self._config_digest(config))
        found = self._series_next.get(key) or self._series.get(key)
        if found is None:
            found = load()
            if self._file_digest(decl.file) != key[2]:
                return found  # the data file changed while it was read: do not keep this result
        self._series_next[key] = found
        return found

    def keyed(self, name: Hashable, obj: Any, args: tuple, compute: Callable[[], T]) -> T:
        """`compute()`, or its result from an earlier build for the very same `obj` and equal `args` (`ByIdentity.keyed`)."""
        return self.reuse.keyed(name, obj, args, compute)

    def parser(self, allow_html: bool) -> MarkdownIt:
        """The Markdown parser for this setting, made once per session."""
        if allow_html not in self._parsers:
            self._parsers[allow_html] = make_parser(allow_html)
        return self._parsers[allow_html]

    def environment(self, site_templates: Path, fingerprint: str) -> Environment:
        """The Jinja environment (with its compiled templates) of the last build while the site's templates
        are the same files with the same bytes; a template added, removed or edited makes a new one."""
        if self._environment is None or self._environment[0] != (site_templates, fingerprint):
            self._environment = ((site_templates, fingerprint), make_environment(site_templates))
        return self._environment[1]

    def keep_build(self, keys: dict[str, str], files: dict[str, bytes]) -> None:
        """After a good build (serve): `commit()`, and every page's bytes under its page key, for the next
        build to reuse."""
        self.commit()
        self._pages = {path: (key, files[path]) for path, key in keys.items() if path in files}

    @property
    def has_pages(self) -> bool:
        return bool(self._pages)

    def previous_pages(self, keys: dict[str, str]) -> dict[str, bytes]:
        """The remembered pages whose key is unchanged (see page_keys: same key, same bytes)."""
        return {path: data for path, (key, data) in self._pages.items() if keys.get(path) == key}

    def commit(self) -> None:
        """After a good build: forget every entry no build has used since the last commit."""
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        self._used = set()
        self.reuse.prune()
        self._series, self._series_next = self._series_next, {}
        self._stats = {p: v for p, v in self._stats.items() if p in self._stats_used}
        self._stats_used = set()
        if self.store is not None:
            self.store.save()

    @property
    def size(self) -> int:
        """Entries held (not `__len__`: an empty memo must still be truthy where callers write `if memo`)."""
        return len(self._entries)

    def _get(self, key: Hashable) -> Any:
        found = self._entries.get(key)
        if self.store is not None:
            if found is None:
                found = self.store.get(digest(key))
                if found is not None:
                    self._entries[key] = found
            else:
                self.store.put(digest(key), found)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
            self._used.add(key)
        return found

    def _put(self, key: Hashable, value: Any) -> None:
        self._entries[key] = value
        self._used.add(key)
        if self.store is not None:
            self.store.put(digest(key), value)


def _digest_or_none(path: Path) -> bytes | None:
    if not path.is_file():  # a FIFO or /dev/zero would never finish reading; load() reports the path
        return None
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None
