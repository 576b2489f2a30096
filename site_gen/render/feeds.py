"""Atom feed.xml of articles and sitemap.xml (pure, xml.etree): both need an absolute base_url, else they are skipped."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from html import escape

from site_gen.core.interface import interface_string, interface_text
from site_gen.core.langs import lang_attributes
from site_gen.core.model import Article, Claim
from site_gen.core.site import Site
from site_gen.core.problems import Problem, Severity
from site_gen.content.sources import display_path
from site_gen.core.urls import claimant_url, is_absolute_base, site_url, tag_url

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_PATH, SITEMAP_PATH = "feed.xml", "sitemap.xml"
#: Pages that are not content and stay out of the sitemap.
NOT_IN_SITEMAP = ("404.html",)
#: Embed pages (a chart alone, for an <iframe>) are `noindex`, so they stay out of the sitemap too.
EMBED_PAGES = "embed/"


def feed_files(site: Site, pages: list[str]) -> tuple[dict[str, bytes], tuple[Problem, ...]]:
    """feed.xml and sitemap.xml, or nothing and a notice saying why (base_url is only a path)."""
    config = site.config
    if not is_absolute_base(config.base_url):
        path = display_path(config.config_path, config.root) if config.config_path else "config.yaml"
        notice = Problem(path, 0, "base_url",
                         f'"{config.base_url}" is not an absolute URL, so feed.xml and sitemap.xml were not written',
                         "they need absolute links: set `base_url: https://…/` or pass --base-url", Severity.WARNING)
        return {}, (notice,)
    files = {SITEMAP_PATH: sitemap(site, pages)}
    entries: dict[str, ET.Element] = {}  # each article's entry, made once for every feed it is in
    if site.articles:
        files[FEED_PATH] = atom_feed(site, entries=entries)
    for path, page, title, articles in subset_feeds(site):
        files[path] = atom_feed(site, articles, path, page, title, entries)
    return files, ()


def feed_paths(site: Site) -> set[str]:
    """The output paths feed_files writes, without building them."""
    if not is_absolute_base(site.config.base_url):
        return set()
    subsets = {path for path, *_ in subset_feeds(site)}
    return ({SITEMAP_PATH, FEED_PATH} if site.articles else {SITEMAP_PATH}) | subsets


def claimant_feed_path(claimant_id: str) -> str:
    return claimant_url(claimant_id).removesuffix(".html") + ".xml"


def tag_feed_path(tag: str) -> str:
    return tag_url(tag).removesuffix(".html") + ".xml"


def subset_feeds(site: Site) -> list[tuple[str, str, str, tuple[Article, ...]]]:
    """(feed path, page path, feed title, articles) of each claimant's feed (articles quoting the claimant) and each
    tag's feed; tags that slugify alike share one feed, as they share one page."""
    by_claimant: dict[str, list[Article]] = {}
    names: dict[str, str] = {}
    for article in site.articles:
        for claimant in (c for c in article.claimants if c.has_page):
            by_claimant.setdefault(claimant.id, []).append(article)
            names.setdefault(claimant.id, claimant.name)
    table, site_title = dict(site.config.translations), site.config.title
    feeds = [(claimant_feed_path(cid), claimant_url(cid),
              interface_text("claimant.feed_title", table, site=site_title, name=names[cid]), tuple(articles))
             for cid, articles in sorted(by_claimant.items())]
    by_tag: dict[str, tuple[str, dict[str, Article]]] = {}
    for article in site.articles:
        for tag in article.tags:
            path = tag_feed_path(tag)
            by_tag.setdefault(path, (tag, {}))[1].setdefault(article.path, article)
    feeds += [(path, tag_url(tag), interface_text("tag.feed_title", table, site=site_title, tag=tag),
               tuple(members.values()))
              for path, (tag, members) in sorted(by_tag.items())]
    return feeds


def atom_feed(site: Site, articles: tuple[Article, ...] | None = None, self_path: str = FEED_PATH,
              page: str = "index.html", title: str = "", entries: dict[str, ET.Element] | None = None) -> bytes:
    """Articles newest first; `updated` is the newest article date (or `updated`), never the build time.
    With `articles`, the feed of a claimant's or tag's page (`page`): the same entries, fewer of them, taken
    from `entries` (article path -> entry) when an earlier feed made them."""
    config = site.config
    articles = site.articles if articles is None else articles
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": config.language})
    _text(root, "id", site_url(config.base_url, page if self_path != FEED_PATH else "index.html"))
    _text(root, "title", title or config.title)
    if config.description:
        _text(root, "subtitle", config.description)
    _text(root, "updated", _stamp(max(last_change(a) for a in articles)))
    _link(root, "self", site_url(config.base_url, self_path), "application/atom+xml")
    _link(root, "alternate", site_url(config.base_url, page), "text/html")
    author = ET.SubElement(root, "author")
    _text(author, "name", config.author or config.title)
    _text(root, "generator", "sitegen")
    entries = {} if entries is None else entries
    for article in articles:
        if article.path not in entries:
            entries[article.path] = _entry(site, article)
        root.append(entries[article.path])
    return _serialise(root)


def last_change(article: Article) -> dt.datetime:
    """The article's `updated` (else its date), or its latest correction when that is later (§8.6)."""
    changed = article.updated or article.date
    corrected = [dt.datetime.combine(c.date, dt.time(), changed.tzinfo) for c in article.corrections]
    return max([changed, *corrected])


def _entry(site: Site, article: Article) -> ET.Element:
    url = site_url(site.config.base_url, article.url)
    entry = ET.Element("entry", {"xml:lang": article.lang} if _differs(article.lang, site.config.language) else {})
    _text(entry, "id", url)
    _text(entry, "title", article.title)
    _link(entry, "alternate", url, "text/html")
    _text(entry, "published", _stamp(article.date))
    _text(entry, "updated", _stamp(last_change(article)))
    if article.summary:
        _text(entry, "summary", article.summary)
    content = ET.SubElement(entry, "content", {"type": "html"})
    content.text = entry_html(article, site.config.language, dict(site.config.translations))
    for tag in article.tags:
        ET.SubElement(entry, "category", {"term": tag})
    return entry


def entry_html(article: Article, language: str = "", table: Mapping[str, str] | None = None) -> str:
    """The summary, then every claim with its claimant, wording and status in words (`language`: the site's;
    `table`: the site's translations of the interface strings, else English)."""
    table = table or {}
    parts = [f"<p>{escape(article.summary, quote=False)}</p>"] if article.summary else []
    parts += [f"<p>{_words(table, 'feed.corrected', date=c.date.isoformat(), text=escape(c.text, quote=False))}</p>"
              for c in article.corrections]
    if article.claims:
        items = "".join(f"<li>{claim_line(c, article.lang or language, table)}</li>" for c in article.claims)
        parts.append(f"<p>{_words(table, 'feed.claims')}</p><ul>{items}</ul>")
    return "".join(parts)


def _words(table: Mapping[str, str], key: str, **html: str) -> str:
    """The interface string `key` in the site's wording (else English), escaped, with `{name}` filled from `html`
    (already escaped)."""
    return escape(interface_string(key, table), quote=False).format(**html)


def _differs(tag: str, context: str) -> bool:
    return bool(lang_attributes(tag, context))


def _in_language(html: str, tag: str, context: str) -> str:
    """`html` in a span carrying `lang` (and `dir`) when its language is not the context's."""
    attrs = "".join(f' {k}="{escape(v)}"' for k, v in lang_attributes(tag, context).items())
    return f"<span{attrs}>{html}</span>" if attrs else html


def claim_line(claim: Claim, context: str, table: Mapping[str, str] | None = None) -> str:
    """Claimant, text, the figure as worded with its unit (our reading beside an `as_worded` one) and caveat, status;
    the text carries `lang`/`dir` when it is not in the entry's language `context`; interface words from `table`."""
    table = table or {}
    who = escape(claim.claimant.display, quote=False)
    if claim.claimant.unnamed:
        who = _words(table, "claimant.unnamed", name=who)
    figure = (" " + _words(table, "feed.figure", figure=escape(figure_words(claim, "", table), quote=False))
              if claim.total else "")
    label = escape(interface_string(f"status.{claim.status.value}", table), quote=False)
    status = _words(table, "feed.not_verified", status=label) if claim.status.not_verified else label
    text = _in_language(escape(claim.text.rstrip('.'), quote=False), claim.lang, context)
    line = _words(table, "feed.claim", claimant=who, text=text, figure=figure, status=f"<strong>{status}</strong>")
    return line + (" " + retraction_words(claim, table) if claim.retracted else "")


def retraction_words(claim: Claim, table: Mapping[str, str]) -> str:
    """"Retracted by the claimant on 2023-10-20 (source). Note as written." (HTML, escaped)."""
    retracted = claim.retracted
    source = f" ({escape(retracted.source.name or retracted.source.url, quote=False)})" if retracted.source else ""
    note = f" {escape(retracted.note, quote=False)}" if retracted.note else ""
    return f"<strong>{_words(table, 'feed.retracted', date=retracted.on.isoformat(), source=source, note=note)}</strong>"


def figure_words(claim: Claim, measure: str = "", table: Mapping[str, str] | None = None) -> str:
    """The total verbatim with its unit and measure ("12 tanks destroyed", "more than 70 per cent"), our reading
    beside an `as_worded` one ("(read as: more than 1,100)"), then any caveat; interface words from `table`."""
    table = table or {}
    q = claim.total
    read_as = f" ({interface_string('figure.read_as', table)}: {q.read_as})" if q.read_as else ""
    caveats = "; ".join(c.rstrip(".") for c in (q.caveat, claim.caveat) if c)
    said = f"{q.in_words} {measure}".rstrip()
    return f"{said}{read_as}" + (f" ({interface_string('figure.caveat', table)}: {caveats})" if caveats else "")


def sitemap(site: Site, pages: list[str]) -> bytes:
    """Every HTML page but 404.html and the embed pages; articles carry `lastmod` (their date, or `updated`)."""
    by_url = {a.url: a for a in site.articles}
    root = ET.Element("urlset", {"xmlns": SITEMAP})
    for page in sorted(p for p in pages if p.endswith(".html") and p not in NOT_IN_SITEMAP
                       and not p.startswith(EMBED_PAGES)):
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = site_url(site.config.base_url, page)
        if page in by_url:
            ET.SubElement(url, "lastmod").text = last_change(by_url[page]).date().isoformat()
    return _serialise(root)


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _link(parent: ET.Element, rel: str, href: str, media: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": media, "href": href})


def _stamp(value: dt.datetime) -> str:
    """RFC 3339 with seconds and offset, as Atom requires."""
    return value.isoformat(timespec="seconds")


def _serialise(root: ET.Element) -> bytes:
    """The tree as UTF-8 XML; elements are plain names under the root's literal `xmlns` (no ET namespace state)."""
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def feed_link(site: Site) -> str:
    """The feed's absolute URL for <link rel="alternate"> in page heads ("" when there is no feed)."""
    return site_url(site.config.base_url, FEED_PATH) if site.articles else ""
