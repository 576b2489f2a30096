"""The one home of markdown-it-py: article bodies to safe HTML, with claim marks and links between articles."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html import escape
from typing import Callable
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

from site_gen.core.problems import some_of
from site_gen.core.slugs import slugify

SAFE_ATTRS = {"href", "src", "alt", "title", "class", "id", "start", "colspan", "rowspan"}


@dataclass(frozen=True)
class ClaimBadge:
    """What an inline claim mark shows: the status in words and the claimant."""

    status_label: str
    status_value: str
    claimant: str
    lang: str = ""  # the site's language, when the article's is another
    dir: str = ""


@dataclass(frozen=True)
class BodyIssue:
    line: int
    field: str
    message: str
    hint: str


@dataclass(frozen=True)
class RenderedBody:
    html: str
    first_paragraph: str
    issues: tuple[BodyIssue, ...] = ()


@dataclass
class _Env:
    badges: dict[str, ClaimBadge]
    resolve_link: Callable[[str], str | None]
    body_line: int
    issues: list[BodyIssue] = field(default_factory=list)


def make_parser(allow_html: bool) -> MarkdownIt:
    """CommonMark + tables + footnotes + `[text]{claim=id}` spans; raw HTML only when allowed."""
    md = MarkdownIt("commonmark", {"html": allow_html}).enable("table").use(footnote_plugin)
    md.use(attrs_plugin, spans=True)
    md.core.ruler.push("sitegen_claims_and_links", _rewrite)
    md.add_render_rule("span_open", _render_span_open)
    md.add_render_rule("span_close", _render_span_close)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=section_id, permalink=True, permalinkSymbol="#")
    md.core.ruler.push("sitegen_anchor_labels", _label_anchors)
    return md


def section_id(heading: str) -> str:
    """A body heading's id: "section-" and its slug, so it never clashes with the page's own ids (claim-<id>, ...)."""
    return "section-" + (slugify(heading) or "untitled")


def _label_anchors(state) -> None:
    """Give each heading's permalink a name a screen reader can say."""
    for block in state.tokens:
        for token in block.children or ():
            if token.type == "link_open" and "header-anchor" in str(token.attrs.get("class", "")):
                token.attrs["aria-label"] = "Link to this section"


def render_body(md: MarkdownIt, text: str, body_line: int, badges: dict[str, ClaimBadge],
                resolve_link: Callable[[str], str | None]) -> RenderedBody:
    """Render one article body; unknown claim marks and links to missing articles become issues."""
    env = _Env(badges, resolve_link, body_line)
    tokens = md.parse(text, {"sitegen": env})
    html = md.renderer.render(tokens, md.options, {"sitegen": env})
    return RenderedBody(html, _first_paragraph(tokens), tuple(env.issues))


def _rewrite(state) -> None:
    env: _Env = state.env["sitegen"]
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        line = env.body_line + (block.map[0] if block.map else 0)
        for token in block.children:
            _sanitise(state.md, token)
            if token.type == "span_open":
                _check_claim_mark(token, env, line)
            elif token.type == "link_open":
                _rewrite_link(token, env, line)


def _sanitise(md: MarkdownIt, token: Token) -> None:
    """Attribute syntax must not smuggle event handlers or script URLs into the page."""
    for key in list(token.attrs):
        if key == "claim" and token.type == "span_open":
            continue
        if key not in SAFE_ATTRS:
            del token.attrs[key]
        elif key in ("href", "src") and not md.validateLink(str(token.attrs[key])):
            token.attrs[key] = "#"


def _check_claim_mark(token: Token, env: _Env, line: int) -> None:
    claim_id = token.attrs.get("claim")
    if claim_id is None:
        return
    if str(claim_id) not in env.badges:
        known = some_of(env.badges) or "none"
        env.issues.append(BodyIssue(line, "body", f'claim mark names unknown claim id "{claim_id}"',
                                    f"claims in this article: {known}"))
        del token.attrs["claim"]


def _rewrite_link(token: Token, env: _Env, line: int) -> None:
    href = str(token.attrs.get("href", ""))
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
        return
    target = env.resolve_link(parts.path)
    if target is None:
        env.issues.append(BodyIssue(line, "body", f'link to missing article "{href}"',
                                    "link to another article's .md file, relative to this one"))
        return
    token.attrs["href"] = target + (f"#{parts.fragment}" if parts.fragment else "")


def _render_span_open(self, tokens: list[Token], idx: int, options, env) -> str:
    token = tokens[idx]
    claim_id = token.attrs.get("claim")
    if claim_id is None:
        return "<span>"
    badge = env["sitegen"].badges[str(claim_id)]
    anchor = escape(f"claim-{claim_id}")
    return (f'<span class="claim-mark status-{escape(badge.status_value)}" data-claim="{escape(str(claim_id))}">'
            f'<a class="claim-mark-text" href="#{anchor}">')


def _render_span_close(self, tokens: list[Token], idx: int, options, env) -> str:
    opener = _matching_open(tokens, idx)
    if opener is None or opener.attrs.get("claim") is None:
        return "</span>"
    claim_id = str(opener.attrs["claim"])
    badge = env["sitegen"].badges[claim_id]
    marked = (f' lang="{escape(badge.lang)}"' if badge.lang else "") + (f' dir="{escape(badge.dir)}"' if badge.dir else "")
    return (f'</a> <a class="claim-badge status-{escape(badge.status_value)}" href="#claim-{escape(claim_id)}"{marked}>'
            f'<span class="badge-status">{escape(badge.status_label)}</span>'
            f'<span class="badge-claimant">: {escape(badge.claimant)}</span></a></span>')


def _matching_open(tokens: list[Token], idx: int) -> Token | None:
    depth = 0
    for i in range(idx - 1, -1, -1):
        if tokens[i].type == "span_close":
            depth += 1
        elif tokens[i].type == "span_open":
            if depth == 0:
                return tokens[i]
            depth -= 1
    return None


def _first_paragraph(tokens: list[Token]) -> str:
    for i, token in enumerate(tokens):
        if token.type == "paragraph_open" and i + 1 < len(tokens) and tokens[i + 1].children is not None:
            return plain_text(tokens[i + 1].children)
    return ""


def plain_text(children: list[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def relative_md_target(source_path: str, href_path: str) -> str:
    """The content-relative posix path that a `.md` link in `source_path` points at."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_path), href_path))
