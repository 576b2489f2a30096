"""Reads one article file (front matter + Markdown) into an Article, recording every problem with its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

from site_gen.content.claims import read_claim, read_lang, read_number_locale
from site_gen.content.relations import read_corrections
from site_gen.content.fields import describe, Fields, ID_RE, parse_mapping, SLUG_RE, too_long
from site_gen.core.model import Article, Claim, SiteConfig, Source
from site_gen.core.problems import Collector
from site_gen.core.slugs import slugify
from site_gen.content.sources import OUTSIDE_HINT, outside_site, read_text, split_front_matter
from site_gen.content.yamlsrc import LMap

ARTICLE_KEYS = ("title", "date", "updated", "slug", "summary", "tags", "draft", "sources", "claims", "number_locale", "lang",
                "corrections")
SOURCE_KEYS = ("id", "name", "title", "url", "published", "accessed", "archived_url", "language", "lang")


#: Stands in for a missing or bad `date` (an error is recorded, so no page is ever built with it).
UNKNOWN_DATE = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def read_article(path: Path, content_path: str, config: SiteConfig, out: Collector) -> Article | None:
    """Parse and validate one article; None when it cannot be built (problems recorded in `out`)."""
    if path.is_symlink() and (target := outside_site(path, config.root)):
        out.error(0, "", f"is a symbolic link outside the site folder, to {target}", OUTSIDE_HINT)
        return None
    text = read_text(path, out)
    if text is None:
        return None
    front = split_front_matter(text, out)
    if front is None:
        return None
    data = parse_mapping(front.yaml, out, "front matter", "write `title: ...`, `date: ...` lines",
                         line_offset=front.yaml_line - 1)
    if data is None:
        return None
    return _article(data, front.body, front.body_line, path, content_path, config, out)


def _article(data: LMap, body: str, body_line: int, path: Path, content_path: str, config: SiteConfig,
             out: Collector) -> Article:
    """Every field is read (and every problem recorded) even when an earlier one is broken.

    An article whose `date` is missing or bad still comes back, dated at the epoch, so that its body is
    checked too; the recorded error fails the build before anything uses that date.
    """
    f = Fields(data, out)
    required = ("title", "date") + (("sources",) if data.get("claims") else ())
    f.check_keys(ARTICLE_KEYS, required=required)
    sources = _sources(f)
    lang = read_lang(f)
    claims = _claims(f, {s.id: s for s in sources}, config, lang)
    date = f.datetime("date", config.timezone)
    title = f.str("title")
    return Article(
        path=out.path,
        slug=_slug(f, path, content_path, title),
        title=title,
        date=date if date is not None else UNKNOWN_DATE,
        body=body,
        body_line=body_line,
        summary=f.str("summary"),
        summary_given=f.has("summary"),
        updated=f.datetime("updated", config.timezone),
        tags=f.str_list("tags"),
        draft=f.bool("draft"),
        sources=sources,
        claims=claims,
        content_path=content_path,
        lang=lang,
        slug_line=f.line("slug") if f.has("slug") else 0,
        corrections=read_corrections(f),
    )


def _slug(f: Fields, path: Path, content_path: str, title: str) -> str:
    """`slug:` as given, else from the file name (its folder's for index.md), else from the title."""
    if f.has("slug"):
        slug = f.str("slug")
        if not SLUG_RE.match(slug):
            f.error("slug", f'bad slug "{slug}"', f'use lowercase a-z, 0-9 and -, e.g. "{slugify(slug) or "my-article"}"')
        elif too_long(slug):
            f.error("slug", f"slug {too_long(slug)}", f'shorten it, e.g. "{slugify(slug)}"')
        return slug
    if path.stem == "index":
        stem = path.parent.name if "/" in content_path else ""
    else:
        stem = path.stem
    return slugify(stem) or slugify(title) or "article"


def _sources(f: Fields) -> tuple[Source, ...]:
    items = f.seq("sources")
    if items is None:
        return ()
    found: dict[str, Source] = {}
    for i, item in enumerate(items):
        if not isinstance(item, LMap):
            f.out.error(items.line_of(i), f"sources[{i}]", f"expected a source record, got {describe(item)}",
                        "write `- id: ...`, `url: ...`")
            continue
        source = _source(Fields(item, f.out, f"sources[{i}]."))
        if source.id in found:
            f.out.error(item.line_of("id"), f"sources[{i}].id", f'duplicate source id "{source.id}"', "give each source its own id")
        elif source.id:
            found[source.id] = source
    return tuple(found.values())


def read_sources(f: Fields) -> tuple[Source, ...]:
    """The `sources:` list of a YAML mapping; articles and series declarations share the format."""
    return _sources(f)


def _source(f: Fields) -> Source:
    source_id = f.ident("id")
    if source_id and ID_RE.match(source_id):
        f.prefix = f"sources.{source_id}."
    f.check_keys(SOURCE_KEYS, required=("id", "url"))
    url = _web_url(f, "url")
    archived = _web_url(f, "archived_url")
    accessed = f.date("accessed")
    if accessed is None and not f.has("accessed"):
        f.out.warn(f.map.line, f.name("accessed"), "source has no `accessed` date", "add the date you last opened it")
    return Source(
        id=source_id, url=url, name=f.str("name"), title=f.str("title"), published=f.date("published"),
        accessed=accessed, archived_url=archived, language=_source_language(f),
    )


def _source_language(f: Fields) -> str:
    """`lang` (as on articles and claims) or `language` (Part I's name); both are one field."""
    if f.has("lang") and f.has("language"):
        f.error("lang", "`lang` and `language` are the same field", "keep one of them")
    return read_lang(f) or f.str("language")


def _web_url(f: Fields, key: str) -> str:
    """An http(s) URL field; one that does not start so, or cannot be split into parts, is an error."""
    url = f.str(key)
    try:
        scheme = urlsplit(url).scheme
    except ValueError:  # "http://[::1": an unclosed IPv6 address
        f.error(key, f'not a valid URL: "{url}"', "check the host part (brackets, port)")
        return url
    if url and scheme not in ("http", "https"):
        f.error(key, f'URL must start with http:// or https://, got "{url}"')
    return url


def _claims(f: Fields, sources: dict[str, Source], config: SiteConfig, lang: str = "") -> tuple[Claim, ...]:
    items = f.seq("claims")
    if items is None:
        return ()
    claims: list[Claim] = []
    number_locale = read_number_locale(f)
    seen_ids: set[str] = set()
    for i, item in enumerate(items):
        claim = read_claim(item, items.line_of(i), i, sources, config, f.out, number_locale, lang)
        if claim is None:
            continue
        if claim.id in seen_ids:
            f.out.error(claim.line, f"claims.{claim.id}.id", f'duplicate claim id "{claim.id}"',
                        "claim ids must be unique within the article")
            continue
        if claim.id:
            seen_ids.add(claim.id)
        claims.append(claim)
    return tuple(claims)
