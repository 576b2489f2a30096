"""Content keys for rendered pages (pure): a page whose key is unchanged renders to the same bytes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, fields
from pathlib import Path

from site_gen.utils.cache import code_fingerprint, digest
from site_gen.core.model import Article
from site_gen.core.site import Site
from site_gen.render.pages import Page, tags_in


def templates_fingerprint(site_templates: Path) -> str:
    """The site's own templates (the theme's are part of the code fingerprint)."""
    files = sorted(p for p in site_templates.rglob("*") if p.is_file()) if site_templates.is_dir() else []
    return digest(code_fingerprint(), *[(p.relative_to(site_templates).as_posix(), p.read_bytes()) for p in files])


@dataclass(frozen=True)
class KeyParts:
    """The digests page keys are made of, one per article (`article_digests`), dataset and series finding."""

    articles: dict[str, tuple[str, str]]
    datasets: list[str]
    series_findings: list[str]


def key_parts(site: Site, charts: dict) -> KeyParts:
    """The parts of the site's page keys, all computed here (a rebuild reuses those of unchanged objects)."""
    by_article = charts_by_article(charts)
    return KeyParts({a.slug: article_digests(a, tuple(by_article[a.slug])) for a in site.articles},
                    [digest(d) for d in site.datasets], [digest(f) for f in site.series_findings])


def data_key(site: Site, parts: KeyParts, series_charts: dict, build_time: dt.datetime | None) -> str:
    """The key of what exports and feeds are made from: sitegen's code, the config, every article but its body
    (whatever the site's templates read: these files are made by code, never by a template), the findings,
    datasets and series. Same key, same bytes."""
    return digest(code_fingerprint(), site.config, build_time, [parts.articles[a.slug][1] for a in site.articles],
                  site.findings, parts.datasets, parts.series_findings, sorted(series_charts))


def charts_by_article(charts: dict) -> dict[str, list]:
    """Article slug -> its chart jobs, in claim id order."""
    article_charts = defaultdict(list)
    for (slug, _), job in sorted(charts.items()):
        article_charts[slug].append(job)
    return article_charts


def page_keys(site: Site, pages: list[Page], charts: dict, series_charts: dict, build_time: dt.datetime | None,
              templates: str, parts: KeyParts | None = None) -> dict[str, str]:
    """Output path -> key. An article page depends on its article, its findings and charts, and the site-wide
    lists every page may show; any other page (index, timeline, claimant, tag, series, figures) on everything
    those pages can show of the articles: all but the bodies, unless the site's own templates use bodies."""
    site_wide = digest(templates, site.config, build_time, len(site.findings),
                       sorted((c.claimant.id, c.claimant.name, c.claimant.side) for a in site.articles for c in a.claims),
                       {tag: [a.slug for a in articles] for tag, articles in tags_in(site.articles).items()},
                       sorted(series_charts))
    parts = parts if parts is not None else key_parts(site, charts)
    findings = defaultdict(list)
    for finding in site.findings:
        findings[finding.article].append(finding)
    article_keys = {a.url: digest(site_wide, parts.articles[a.slug][0], findings[a.slug]) for a in site.articles}
    with_bodies = bodies_listed(site.config.templates_dir)
    listings = [article_keys[a.url] if with_bodies else parts.articles[a.slug][1] for a in site.articles]
    everything = digest(site_wide, listings, site.findings, parts.datasets, parts.series_findings, sorted(series_charts))
    if has_own_templates(site.config.templates_dir):
        # The site's own templates may read any article from any page (through `tags`, `findings_for`...):
        # an article page is then keyed on everything list pages are, as well as on its own article.
        article_keys = {url: digest(key, everything) for url, key in article_keys.items()}
    return {p.path: article_keys.get(p.path) if p.template == "article.html" and p.path in article_keys
            else digest(everything, p.path, p.template) for p in pages}


#: What only an article's own page shows of it; list pages, feeds and exports may show every other field.
BODY_FIELDS = ("body", "body_html", "body_line")


def article_digests(article: Article, charts: tuple) -> tuple[str, str]:
    """(what its own page shows, what list pages can show) of an article with its charts; list pages show
    every field but the body (a field added to Article is listed unless named in BODY_FIELDS), so a text edit
    after the first paragraph changes only the article's page. Each field is written out once for both."""
    shown = {f.name: repr(getattr(article, f.name)).encode("utf-8") for f in fields(article)}
    listing = digest(*[text for name, text in shown.items() if name not in BODY_FIELDS], repr(charts).encode("utf-8"))
    return digest(listing, *[shown[name] for name in BODY_FIELDS]), listing


def has_own_templates(site_templates: Path) -> bool:
    return site_templates.is_dir() and any(p.is_file() for p in site_templates.rglob("*"))


def bodies_listed(site_templates: Path) -> bool:
    """Whether the site's own templates may read article bodies, on any page (the theme's read only the page's
    own): they name a body, or read an attribute or item by a name computed when the page renders."""
    if not site_templates.is_dir():
        return False
    return any(may_read_body(p.read_bytes()) for p in site_templates.rglob("*") if p.is_file())


def may_read_body(source: bytes) -> bool:
    """Whether a template names "body" anywhere in its code, or reads an attribute or item whose name is not
    written in it; text around the code (`<body>`) does not count. A template Jinja cannot parse may do anything."""
    from jinja2 import Environment, TemplateSyntaxError, nodes

    try:
        tree = Environment().parse(source.decode("utf-8", errors="replace"))
    except TemplateSyntaxError:
        return True
    for node in tree.find_all((nodes.Const, nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Call,
                               nodes.Keyword)):
        named = {nodes.Const: "value", nodes.Name: "name", nodes.Getattr: "attr"}.get(type(node))
        if named and isinstance(getattr(node, named), str) and "body" in getattr(node, named):
            return True
        if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
            return True
        by_name = ("attr", "map", "selectattr", "rejectattr", "sort", "groupby", "sum", "unique", "min", "max", "join")
        if isinstance(node, nodes.Filter) and node.name in by_name and (
                any(not isinstance(arg, nodes.Const) for arg in node.args)
                or any(not isinstance(kw.value, nodes.Const) for kw in node.kwargs)):
            return True
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == "attribute":
            return True
    return False
