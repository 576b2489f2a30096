"""Article bodies to safe HTML (site_gen.content.markdown; pure, no disk), plus `.md` links through a real build."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from helpers import VALID_FRONT, article, build_site, write_site
from site_gen.content.markdown import ClaimBadge, make_parser, relative_md_target, render_body

BADGES = {
    "daily-total": ClaimBadge("Unverified claim", "unverified", "Russian Ministry of Defence"),
    "stepova": ClaimBadge("Disputed claim", "disputed", "Russian Ministry of Defence"),
}
SAFE = make_parser(allow_html=False)
RAW = make_parser(allow_html=True)


def render(text: str, md=SAFE, resolve=lambda href: None, body_line: int = 1):
    return render_body(md, text, body_line, BADGES, resolve)


class Tags(HTMLParser):
    """Every start tag with its attributes, as the browser would see them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


# --- raw HTML ---------------------------------------------------------------------------------------------

def test_raw_html_is_escaped_by_default():
    body = render('Hi <b onclick="x()">there</b>\n\n<script>alert("x")</script>\n\n<div class="box">block</div>\n')
    assert "<script" not in body.html and "<b " not in body.html and "<div" not in body.html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body.html
    assert "&lt;b onclick=&quot;x()&quot;&gt;" in body.html
    assert [tag for tag, _ in Tags(body.html).tags] == ["p", "p", "p"]


def test_raw_html_passes_when_allowed():
    body = render('Hi <b class="x">there</b>\n\n<div class="box">block</div>\n', md=RAW)
    assert '<b class="x">there</b>' in body.html
    assert '<div class="box">block</div>' in body.html


# --- CommonMark extensions --------------------------------------------------------------------------------

def test_tables():
    body = render("| Group | Claimed |\n|---|--:|\n| Western | 475 |\n| Centre | 405 |\n")
    tags = [tag for tag, _ in Tags(body.html).tags]
    assert tags.count("table") == 1 and tags.count("tr") == 3 and tags.count("th") == 2 and tags.count("td") == 4
    assert re.search(r"<td[^>]*>475</td>", body.html)


def test_footnotes():
    body = render("The groups sum to 1,940.[^sum]\n\n[^sum]: 475 + 405 + 120 + 620 + 320.\n")
    assert '<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>' in body.html
    assert '<li id="fn1" class="footnote-item"><p>475 + 405 + 120 + 620 + 320.' in body.html


# --- claim marks ------------------------------------------------------------------------------------------

def test_claim_mark_links_to_the_claim_card_with_status_in_words_and_claimant():
    body = render("The ministry said [over 2,000 were killed]{claim=daily-total}.\n")
    assert body.issues == ()
    links = [attrs for tag, attrs in Tags(body.html).tags if tag == "a"]
    assert [a["href"] for a in links] == ["#claim-daily-total", "#claim-daily-total"]
    assert 'data-claim="daily-total"' in body.html
    badge = re.search(r'<a class="claim-badge[^"]*"[^>]*>(.*?)</a>', body.html).group(1)
    assert re.sub(r"<[^>]+>", "", badge) == "Unverified claim: Russian Ministry of Defence"
    assert ">over 2,000 were killed</a>" in body.html


def test_claim_mark_shows_the_claims_own_status():
    body = render("[took the village]{claim=stepova}\n")
    assert "Disputed claim" in body.html and "status-disputed" in body.html
    assert "Unverified" not in body.html


def test_unknown_claim_mark_is_an_issue_on_the_paragraph_line():
    body = render("Intro.\n\nA paragraph\nwith [a mark]{claim=nope} inside.\n", body_line=20)
    assert [(i.line, i.field, i.message) for i in body.issues] == [
        (22, "body", 'claim mark names unknown claim id "nope"')]
    assert "claims in this article: daily-total, stepova" == body.issues[0].hint
    assert "claim-badge" not in body.html and "a mark" in body.html


@pytest.mark.parametrize(("text", "line"), [
    ("# Heading [x]{claim=bad}\n", 1),
    ("Intro.\n\n| a | b |\n|---|---|\n| 1 | [x]{claim=bad} |\n", 5),
    ("Note.[^1]\n\n[^1]: See [x]{claim=bad}.\n", 3),
    ("- one\n- two [x]{claim=bad}\n", 2),
])
def test_unknown_claim_marks_are_found_everywhere(text, line):
    body = render(text, body_line=1)
    assert [i.line for i in body.issues] == [line]


# --- attribute syntax cannot inject script ----------------------------------------------------------------

INJECTIONS = [
    '[x]{onclick="alert(1)"}',
    '[x]{claim=daily-total onclick="alert(1)" onmouseover="alert(2)"}',
    '[x](https://example.org){onclick="alert(1)"}',
    '[x](https://example.org){href="javascript:alert(1)"}',
    '[x](https://example.org){href="JaVaScRiPt:alert(1)"}',
    '![chart](chart.svg){onerror="alert(1)" src="javascript:alert(1)"}',
    '[x](javascript:alert(1))',
    '[x](vbscript:msgbox(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '[x]{style="background:url(javascript:alert(1))" #id .cls}',
    '`code`{onclick="alert(1)"}',
    '<https://example.org>{onfocus="alert(1)" autofocus=""}',
    'Note.[^1]\n\n[^1]: [x](https://example.org){onclick="alert(1)"}',
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_attribute_syntax_cannot_inject_handlers_or_script_urls(text):
    for md in (SAFE, RAW):
        html = render(text + "\n", md=md).html
        for tag, attrs in Tags(html).tags:
            assert not [k for k in attrs if k.startswith("on") or k in ("style", "autofocus")], (tag, attrs)
            for key in ("href", "src"):
                value = (attrs.get(key) or "").strip().lower()
                assert not value.startswith(("javascript:", "vbscript:", "data:text")), (tag, attrs)


def test_only_safe_attributes_survive():
    html = render('[x](https://example.org){title="More" .external style="color:red" data-x="1" target="_top"}\n').html
    [(tag, attrs)] = [t for t in Tags(html).tags if t[0] == "a"]
    assert attrs == {"href": "https://example.org", "title": "More", "class": "external"}


def test_claim_attribute_on_a_link_is_dropped():
    html = render("[x](https://example.org){claim=daily-total}\n").html
    assert "claim" not in html


def test_claim_id_is_escaped_when_unknown_and_never_rendered():
    body = render('[x]{claim="a\\" onclick=\\"y"}\n')
    assert len(body.issues) == 1
    assert "onclick" not in body.html


# --- links between articles -------------------------------------------------------------------------------

def test_md_links_are_rewritten_by_the_resolver_keeping_the_fragment():
    seen = []

    def resolve(href):
        seen.append(href)
        return "other-article.html" if href == "other.md" else None

    body = render("See [the other](other.md#claim-x) and [site](https://example.org/readme.md).\n", resolve=resolve)
    assert seen == ["other.md"]
    assert body.issues == ()
    hrefs = [attrs["href"] for tag, attrs in Tags(body.html).tags if tag == "a"]
    assert hrefs == ["other-article.html#claim-x", "https://example.org/readme.md"]


def test_link_to_a_missing_article_is_an_issue():
    body = render("Para.\n\nSee [gone](gone.md).\n", body_line=10)
    assert [(i.line, i.message) for i in body.issues] == [(12, 'link to missing article "gone.md"')]


@pytest.mark.parametrize(("source", "href", "target"), [
    ("articles/a.md", "b.md", "articles/b.md"),
    ("articles/a.md", "../other/c.md", "other/c.md"),
    ("a.md", "sub/./d.md", "sub/d.md"),
])
def test_relative_md_target(source, href, target):
    assert relative_md_target(source, href) == target


def test_md_links_point_at_the_target_articles_page(tmp_path):
    config = write_site(tmp_path, {
        "2024/first.md": article(VALID_FRONT + "slug: first-report\n", "See [second](../second.md#claim-total).\n"),
        "second.md": article(VALID_FRONT.replace("A valid", "Second"), "Back to [first](2024/first.md).\n"),
    })
    build_site(config)
    first = (tmp_path / "build/articles/first-report.html").read_text()
    second = (tmp_path / "build/articles/second.html").read_text()
    assert '<a href="second.html#claim-total">second</a>' in first
    assert '<a href="first-report.html">first</a>' in second


# --- first paragraph --------------------------------------------------------------------------------------

def test_first_paragraph_is_plain_text():
    body = render("# Title\n\nThe ministry *said* [over 2,000]{claim=daily-total}\nwere `killed`.\n\nSecond.\n")
    assert body.first_paragraph == "The ministry said over 2,000 were killed."


# --- heading anchors --------------------------------------------------------------------------------------

def test_body_headings_get_stable_unique_ids_with_a_permalink_that_never_clash_with_claim_anchors():
    body = render("## Kharkiv region\n\nText.\n\n### Daily total\n\n## Kharkiv region\n\n#### claim daily-total\n")
    headings = [(tag, attrs) for tag, attrs in Tags(body.html).tags if tag in ("h2", "h3", "h4")]
    ids = [attrs["id"] for _, attrs in headings]
    assert ids == ["section-kharkiv-region", "section-daily-total", "section-kharkiv-region-1",
                   "section-claim-daily-total"]
    assert not any(i.startswith("claim-") for i in ids)
    links = [attrs for tag, attrs in Tags(body.html).tags if tag == "a" and attrs.get("class") == "header-anchor"]
    assert [a["href"] for a in links] == ["#" + i for i in ids]
    assert all(a["aria-label"] == "Link to this section" for a in links)
    assert render("## Kharkiv region\n").html == render("## Kharkiv region\n").html
