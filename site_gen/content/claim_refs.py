"""Resolves `supersedes:` claim references across articles (§8.5): links both ways and the derived `superseded`."""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
from dataclasses import replace

from site_gen.content.markdown import relative_md_target
from site_gen.core.model import Article, Claim, ClaimLink, ClaimRef, Status
from site_gen.core.problems import Problem, some_of

Key = tuple[str, str]  # (content path, claim id)


def resolve_claim_refs(articles: list[Article]) -> tuple[list[Article], list[Problem]]:
    """The articles with every `supersedes` resolved: the replacing claim links to the replaced one, the replaced one
    to each that replaces it, and takes the status `superseded` unless it states a verdict. A reference to a claim
    that does not exist, to itself, or in a circle is a located error with a did-you-mean."""
    by_path = {a.content_path: a for a in articles}
    problems: list[Problem] = []
    edges: dict[Key, Key] = {}
    for article in articles:
        for claim in article.claims:
            if claim.supersedes is not None:
                target = _target(article, claim, claim.supersedes, by_path, problems)
                if target is not None:
                    edges[(article.content_path, claim.id)] = target
    _drop_circles(edges, by_path, problems)
    successors: dict[Key, list[Key]] = {}
    for source, target in edges.items():
        successors.setdefault(target, []).append(source)
    links = {key: _link(by_path[key[0]], _claim(by_path, key)) for pair in edges.items() for key in pair}
    resolved = [_with_links(a, edges, successors, links) for a in articles]
    return resolved, problems + _unexplained_superseded(resolved)


def _unexplained_superseded(articles: list[Article]) -> list[Problem]:
    """`status: superseded` needs a later claim that `supersedes` it, or evidence of the revision."""
    return [Problem(a.path, c.line, f"claims.{c.id}.status", "status superseded, but no claim supersedes it",
                    f"give the later claim `supersedes: {c.id}` (path/to/this.md#{c.id} from another article), "
                    "or cite `evidence` and `as_of` for the revision")
            for a in articles for c in a.claims
            if c.status is Status.SUPERSEDED and not c.superseded_by and not (c.evidence and c.as_of)]


def _target(article: Article, claim: Claim, ref: ClaimRef, by_path: dict[str, Article],
            problems: list[Problem]) -> Key | None:
    path, _, claim_id = ref.target.rpartition("#")
    content_path = relative_md_target(article.content_path, path) if path else article.content_path
    field = f"claims.{claim.id}.supersedes"
    target = by_path.get(content_path)
    if target is None:
        guess = difflib.get_close_matches(content_path, list(by_path), n=1, cutoff=0.5)
        hint = f"did you mean `{_relative(article, guess[0])}#{claim_id}`?" if guess else (
            "the path is relative to this article's folder, like a Markdown link")
        problems.append(Problem(article.path, ref.line, field, f'no article "{path}"', hint))
        return None
    ids = [c.id for c in target.claims]
    if claim_id not in ids:
        guess = difflib.get_close_matches(claim_id, ids, n=1, cutoff=0.5)
        where = "this article" if target is article else target.path
        hint = (f"did you mean `{(path + '#') if path else ''}{guess[0]}`?" if guess else
                f"claims there: {some_of(ids)}" if ids else "that article has no claims")
        problems.append(Problem(article.path, ref.line, field, f'no claim "{claim_id}" in {where}', hint))
        return None
    if target is article and claim_id == claim.id:
        problems.append(Problem(article.path, ref.line, field, "a claim cannot supersede itself",
                                "name the earlier claim this one replaces"))
        return None
    return (content_path, claim_id)


def _relative(article: Article, content_path: str) -> str:
    return posixpath.relpath(content_path, posixpath.dirname(article.content_path) or ".")


def _drop_circles(edges: dict[Key, Key], by_path: dict[str, Article], problems: list[Problem]) -> None:
    """A chain that comes back to where it started is an error at the reference that closes it."""
    state: dict[Key, int] = {}
    for start in list(edges):
        path, node = [], start
        while node in edges and state.get(node, 0) == 0:
            state[node] = 1
            path.append(node)
            node = edges[node]
        if state.get(node) == 1 and node in edges:
            article = by_path[node[0]]
            claim = _claim(by_path, node)
            problems.append(Problem(article.path, claim.supersedes.line if claim.supersedes else claim.line,
                                    f"claims.{claim.id}.supersedes", "claims supersede each other in a circle",
                                    "a later claim supersedes an earlier one; remove one of the references"))
            del edges[node]
        for visited in path:
            state[visited] = 2


def _claim(by_path: dict[str, Article], key: Key) -> Claim:
    return next(c for c in by_path[key[0]].claims if c.id == key[1])


def _link(article: Article, claim: Claim) -> ClaimLink:
    wording = claim.total.wording if claim.total is not None else ""
    return ClaimLink(article.slug, article.url, article.title, claim.id, wording,
                     claim.claimed_on or article.date.date())


def _with_links(article: Article, edges: dict[Key, Key], successors: dict[Key, list[Key]],
                links: dict[Key, ClaimLink]) -> Article:
    claims = tuple(_claim_with_links(c, (article.content_path, c.id), edges, successors, links) for c in article.claims)
    return replace(article, claims=claims) if claims != article.claims else article


def _claim_with_links(claim: Claim, key: Key, edges: dict[Key, Key], successors: dict[Key, list[Key]],
                      links: dict[Key, ClaimLink]) -> Claim:
    supersedes = links[edges[key]] if key in edges else None
    later = tuple(sorted((links[k] for k in successors.get(key, ())),
                         key=lambda link: (link.date or dt.date.min, link.article_slug, link.claim_id)))
    if supersedes is None and not later:
        return claim
    status = claim.status
    if later and not (claim.status_given and claim.status is not Status.UNVERIFIED):
        status = Status.SUPERSEDED
    return replace(claim, supersedes_link=supersedes, superseded_by=later, status=status)
