"""Load stage: every article file read, validated and its body rendered, with every problem collected."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Hashable, Protocol, TypeVar

from site_gen.content.articles import read_article
from site_gen.utils.cache import digest
from site_gen.content.markdown import ClaimBadge, make_parser, relative_md_target, render_body, RenderedBody
from site_gen.core.interface import interface_string
from site_gen.core.langs import lang_attributes
from site_gen.core.model import Article, Claim, SiteConfig
from site_gen.core.problems import Collector, Problem
from site_gen.content.sources import display_path, find_articles
from site_gen.core.urls import relative_url
from site_gen.content.claimants import claimant_clashes
from site_gen.content.claim_refs import resolve_claim_refs

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

T = TypeVar("T")


class LoadMemo(Protocol):
    """What the load stage may reuse from earlier builds (pipeline/memo.py: BuildMemo provides it):
    parsed articles by file content, the Markdown parser, bodies by text, results by the article object."""

    def read_article(self, path: Path, content_path: str, config: SiteConfig, out: Collector) -> Article | None: ...

    def parser(self, allow_html: bool) -> MarkdownIt: ...

    def render_body(self, md: MarkdownIt, text: str, body_line: int, badges: dict[str, ClaimBadge],
                    resolve_link: Callable[[str], str | None]) -> RenderedBody: ...

    def keyed(self, name: Hashable, obj: Any, args: tuple, compute: Callable[[], T]) -> T: ...


def load_articles(config: SiteConfig, include_drafts: bool,
                  memo: LoadMemo | None = None) -> tuple[tuple[Article, ...], list[Problem]]:
    """Published articles (newest first) with rendered bodies, and every problem found on the way.

    `memo` (when `serve` rebuilds) reuses the parse and body of every file that did not change.
    """
    read = memo.read_article if memo is not None else read_article
    problems: list[Problem] = []
    articles: list[Article] = []
    for content_path, path in find_articles(config.content_dir):
        out = Collector(display_path(path, config.root))
        article = read(path, content_path, config, out)
        problems += out.problems
        if article is not None:
            articles.append(article)
    problems += duplicate_slugs(articles)
    problems += claimant_clashes(articles)
    published, unresolved = resolve_claim_refs([a for a in articles if include_drafts or not a.draft])
    problems += unresolved
    rendered = render_bodies(published, config, problems, memo)
    return tuple(sorted(rendered, key=lambda a: (-a.date.timestamp(), a.slug))), problems


def duplicate_slugs(articles: list[Article]) -> list[Problem]:
    """One error per clash, at the `slug:` line of the article that sets one (else at line 1 of the later file)."""
    first: dict[str, Article] = {}
    problems = []
    for article in articles:
        if article.slug in first:
            here, other = article, first[article.slug]
            if other.slug_line and not here.slug_line:
                here, other = other, here
            problems.append(Problem(here.path, here.slug_line or 1, "slug",
                                    f'duplicate slug "{article.slug}", also used by {other.path}',
                                    "rename one file or set `slug:` in its front matter"))
        else:
            first[article.slug] = article
    return problems


def render_bodies(articles: list[Article], config: SiteConfig, problems: list[Problem],
                  memo: LoadMemo | None = None) -> list[Article]:
    """Markdown to HTML for each article; claim marks and .md links are checked against the site.

    With a memo, an article handed back unchanged keeps last build's result while the site's set of
    articles (so every link target) is the same; otherwise the body memo checks each link again."""
    md = memo.parser(config.allow_raw_html) if memo is not None else make_parser(config.allow_raw_html)
    by_path = {a.content_path: a for a in articles}
    targets = digest(sorted((a.content_path, a.url) for a in articles)) if memo is not None else ""
    result = []
    for article in articles:
        def rendered(article: Article = article) -> tuple[Article, tuple[Problem, ...]]:
            return _with_rendered_body(article, md, by_path, memo, config)

        done, issues = (memo.keyed("body", article, (targets, config.allow_raw_html, config.language,
                                                     config.translations), rendered)
                        if memo is not None else rendered())
        problems += issues
        result.append(done)
    return result


def claim_badges(article: Article, config: SiteConfig) -> dict[str, ClaimBadge]:
    """What each inline claim mark shows, in the site's interface language (marked as such inside an article in
    another language)."""
    table = dict(config.translations)
    attrs = lang_attributes(config.language, article.lang or config.language)
    return {c.id: ClaimBadge(_badge_status(c, table), c.status.value, c.claimant.name,
                             attrs.get("lang", ""), attrs.get("dir", ""))
            for c in article.claims if c.id}


def _badge_status(claim: Claim, table: dict[str, str]) -> str:
    """The status in words, and that the claimant withdrew the claim when it did (§8.5)."""
    status = interface_string(f"status.{claim.status.value}", table)
    return interface_string("retraction.badge", table).format(status=status) if claim.retracted else status


def _with_rendered_body(article: Article, md: MarkdownIt, by_path: dict[str, Article],
                        memo: LoadMemo | None, config: SiteConfig) -> tuple[Article, tuple[Problem, ...]]:
    badges = claim_badges(article, config)

    def resolve(href: str) -> str | None:
        target = by_path.get(relative_md_target(article.content_path, href))
        return relative_url(target.url, article.url) if target else None

    render = memo.render_body if memo is not None else render_body
    body = render(md, article.body, article.body_line, badges, resolve)
    issues = tuple(Problem(article.path, i.line, i.field, i.message, i.hint) for i in body.issues)
    return with_body(article, body), issues


def with_body(article: Article, body: RenderedBody) -> Article:
    """The article with its body's HTML, and its first paragraph as summary unless one is given."""
    return replace(article, body_html=body.html, summary=article.summary or body.first_paragraph)
