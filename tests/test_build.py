"""End to end: the fixture site built once per session (conftest.built_fixture), and small sites in tmp_path."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from html import unescape as html_unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import FIXTURE_CONFIG, FIXTURE_SITE
from helpers import CONFIG, VALID_FRONT, article, build_site, messages, problems_of, read_tree, snapshot, write_site
from site_gen.pipeline.build import build, BuildOptions
from site_gen.core.model import Status
from site_gen.core.problems import ContentErrors, SitegenError
from site_gen.core.slugs import slugify
from site_gen.render.templates import THEME_DIR

# --- reading the fixture's own content, so that expectations follow the files ------------------------------


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n"))


FIXTURE_ARTICLES = {
    fm.get("slug") or slugify(p.stem): fm
    for p in sorted((FIXTURE_SITE / "content").rglob("*.md")) if (fm := front_matter(p)) is not None
}
FIXTURE_CLAIMANTS = yaml.safe_load(FIXTURE_CONFIG.read_text(encoding="utf-8"))["claimants"]
BASE_PATH = urlsplit(yaml.safe_load(FIXTURE_CONFIG.read_text(encoding="utf-8"))["base_url"]).path


def html_pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


# --- HTML parsing -------------------------------------------------------------------------------------------

class PageParser(HTMLParser):
    """Links, ids, images and claim cards (<article class="claim-card ..."> blocks with their text) of a page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []   # (tag, attribute, value)
        self.ids: set[str] = set()
        self.images: list[dict[str, str | None]] = []
        self.cards: list[dict] = []
        self._article_depth = 0
        self._card_depth: int | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.links.append((tag, key, a[key]))
        if tag == "img":
            self.images.append(a)
        if tag == "article":
            self._article_depth += 1
            if "claim-card" in (a.get("class") or "").split() and self._card_depth is None:
                self._card_depth = self._article_depth
                self.cards.append({"id": a.get("id"), "class": a.get("class"), "text": "", "images": []})
        if self._card_depth is not None and tag == "img":
            self.cards[-1]["images"].append(a)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "article":
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "article":
            if self._card_depth == self._article_depth:
                self._card_depth = None
            self._article_depth -= 1

    def handle_data(self, data):
        if self._card_depth is not None:
            self.cards[-1]["text"] += data


def parse(path: Path) -> PageParser:
    return PageParser(path.read_text(encoding="utf-8"))


def words(text: str) -> str:
    return " ".join(text.split())


# --- the fixture site ---------------------------------------------------------------------------------------

def test_build_reports_success_and_counts(built_fixture):
    claims = sum(len(fm.get("claims", [])) for fm in FIXTURE_ARTICLES.values())
    assert built_fixture.exit_code == 0
    assert f"Built {len(FIXTURE_ARTICLES)} articles, {claims} claims" in built_fixture.stdout
    assert "Traceback" not in built_fixture.stdout + built_fixture.stderr


def test_every_page_exists(built_fixture):
    expected = {"index.html", "timeline.html", "404.html", "assets/sitegen.css", "assets/favicon.svg"}
    expected |= {f"articles/{slug}.html" for slug in FIXTURE_ARTICLES}
    for fm in FIXTURE_ARTICLES.values():
        expected |= {f"claimants/{c['claimant']}.html" for c in fm.get("claims", [])}
        expected |= {f"tags/{slugify(t)}.html" for t in fm.get("tags", [])}
    missing = sorted(p for p in expected if not (built_fixture.out / p).is_file())
    assert missing == []
    pages = {p.relative_to(built_fixture.out).as_posix() for p in html_pages(built_fixture.out)}
    per_item = ("articles/", "claimants/", "tags/")
    assert {p for p in pages if p.startswith(per_item)} == {p for p in expected if p.startswith(per_item)}


def test_every_claim_card_names_its_claimant_and_status_in_words(built_fixture):
    checked = 0
    for slug, fm in FIXTURE_ARTICLES.items():
        page = parse(built_fixture.out / f"articles/{slug}.html")
        claims = fm.get("claims", [])
        assert [card["id"] for card in page.cards] == [f"claim-{c['id']}" for c in claims]
        for card, claim in zip(page.cards, claims):
            status = Status(claim.get("status", "unverified"))
            text = words(card["text"])
            assert FIXTURE_CLAIMANTS[claim["claimant"]]["name"] in text, card["id"]
            assert status.label in text, card["id"]
            assert re.search(r"\b(Unverified|Unverifiable|Partially corroborated|Corroborated|Disputed|Refuted|"
                             r"Superseded) claim\b", text)
            assert f"status-{status.value}" in card["class"].split()
            checked += 1
    assert checked == sum(len(fm.get("claims", [])) for fm in FIXTURE_ARTICLES.values()) > 0


def test_timeline_entries_name_claimant_and_status(built_fixture):
    html = built_fixture.page("timeline.html")
    entries = re.findall(r'<li class="timeline-entry".*?</li>', html, flags=re.S)
    assert len(entries) == sum(len(fm.get("claims", [])) for fm in FIXTURE_ARTICLES.values())
    labels = {s.label for s in Status}
    names = {c["name"] for c in FIXTURE_CLAIMANTS.values()}
    for entry in entries:
        text = words(re.sub(r"<[^>]+>", " ", entry))
        assert any(label in text for label in labels), text
        assert any(name in text for name in names), text


def visible_text(html: str) -> str:
    """The words of the page's main part as a reader sees them (tags removed, not replaced by spaces)."""
    return words(html_unescape(re.sub(r"<[^>]+>", "", html.split("<main", 1)[1])))


def test_every_listed_claim_reads_as_a_claim_by_its_claimant(built_fixture):
    """Timeline, claimant and figures pages put "<claimant> claims:" before a claim's text, never the bare text."""
    claims = [c for fm in FIXTURE_ARTICLES.values() for c in fm.get("claims", [])]
    texts = {words(c["text"]): FIXTURE_CLAIMANTS[c["claimant"]]["name"] for c in claims}
    pages = ["timeline.html", "figures.html"] + [f"claimants/{c}.html" for c in {c["claimant"] for c in claims}]
    shown = 0
    for rel in pages:
        html = built_fixture.page(rel)
        for link in re.finditer(r'<a href="[^"#]*#claim-[\w-]+">([^<]+)</a>', html):
            name = texts.get(words(html_unescape(link.group(1))))
            if name is not None:
                shown += 1
                before = visible_text("<main>" + html[max(0, link.start() - 300):link.start()])
                assert re.search(re.escape(name) + r"( \([^)]*\))? claims:$", before), (rel, link.group(1), before[-80:])
    assert shown >= len(claims)


def test_list_pages_have_no_space_before_punctuation(built_fixture):
    for rel in ["timeline.html", "figures.html", "index.html"]:
        text = visible_text(built_fixture.page(rel))
        assert not re.findall(r".{20}\w [;,.)]", text), rel


def test_every_page_writes_dates_one_way(built_fixture):
    """Dates read "5 July 2024" everywhere (the default date_format): no ISO date as the text of a <time>."""
    for page in html_pages(built_fixture.out):
        html = page.read_text(encoding="utf-8")
        assert not re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">\1</time>', html), page.name
    assert "5 July 2024" in built_fixture.page("figures.html")


def test_date_format_in_config_changes_every_date_and_a_bad_one_is_an_error(site):
    config = site({"a.md": article(VALID_FRONT)})
    config.write_text(config.read_text(encoding="utf-8") + 'date_format: "%B %-d, %Y"\n', encoding="utf-8")
    out = build_site(config).out_dir
    assert "July 5, 2024" in (out / "timeline.html").read_text(encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace('"%B %-d, %Y"', '"%Y-%q"'), encoding="utf-8")
    message = messages(problems_of(config))
    assert any(re.match(r'\S*config\.yaml:\d+: date_format: unknown code "%q" \(', m) for m in message), message


def test_seed_article_shows_the_breakdown_finding(built_fixture):
    page = parse(built_fixture.out / "articles/russia-claims-over-2000-killed.html")
    [card] = [c for c in page.cards if c["id"] == "claim-daily-total"]
    text = words(card["text"])
    assert "Finding: breakdown does not add up to the stated total." in text
    assert "add up to 1,940 people (475 + 405 + 120 + 620 + 320), which cannot be “over 2,000”" in text
    others = [c for c in page.cards if c["id"] != "claim-daily-total"]
    assert all("Finding" not in c["text"] for c in others)


def test_build_output_prints_the_finding(built_fixture):
    [line] = [x for x in built_fixture.stdout.splitlines() if x.startswith("finding:")]
    assert "russia-claims-over-2000-killed.md:13: claim daily-total:" in line
    assert "1,940" in line and "over 2,000" in line
    assert "1 findings" in built_fixture.stdout


def test_charts_exist_with_alt_text_and_attributed_titles(built_fixture):
    charts = 0
    for slug, fm in FIXTURE_ARTICLES.items():
        page = parse(built_fixture.out / f"articles/{slug}.html")
        for card, claim in zip(page.cards, fm.get("claims", [])):
            if "by_group" not in claim:
                assert card["images"] == []
                continue
            [img] = card["images"]
            assert img["src"] == f"../charts/{slug}--{claim['id']}.svg"
            assert (img.get("alt") or "").strip()
            name = FIXTURE_CLAIMANTS[claim["claimant"]]["name"]
            assert name in img["alt"]
            svg = built_fixture.out / "articles" / img["src"]
            texts = [words("".join(t.itertext())) for t in ET.parse(svg).iter("{http://www.w3.org/2000/svg}text")]
            assert any(t.startswith(f"{name}:") for t in texts), texts
            assert any("not independently verified" in t for t in texts), texts
            charts += 1
    assert charts == len(list((built_fixture.out / "charts").glob("*.svg"))) > 0


def test_seed_chart_marks_the_mismatch(built_fixture):
    svg = (built_fixture.out / "charts/russia-claims-over-2000-killed--daily-total.svg").read_text()
    assert "The groups add up to 1,940 people, which does not match the stated total “over 2,000”." in svg


def test_all_internal_links_resolve(built_fixture):
    out = built_fixture.out
    pages = {p.relative_to(out).as_posix(): parse(p) for p in html_pages(out)}
    checked = 0
    for rel, page in pages.items():
        for tag, attr, value in page.links:
            parts = urlsplit(value)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            assert parts.scheme == "" and parts.netloc == "", (rel, value)
            if rel == "404.html":
                assert value.startswith(BASE_PATH) or value.startswith("#"), (rel, value)
                target = parts.path[len(BASE_PATH):] if parts.path else rel
            else:
                assert not value.startswith("/"), f"root-relative {attr} on {rel}: {value}"
                target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path))) \
                    if parts.path else rel
            if target == "" or target.endswith("/"):
                target += "index.html"
            assert (out / target).is_file(), f"{rel}: {attr}={value} -> {target} does not exist"
            if parts.fragment:
                assert target in pages and parts.fragment in pages[target].ids, f"{rel}: {value} has no anchor"
            checked += 1
    assert checked > 100


def test_404_links_start_with_the_base_path(built_fixture):
    page = parse(built_fixture.out / "404.html")
    internal = [v for _, _, v in page.links if not v.startswith(("http:", "https:", "#"))]
    assert internal and all(v.startswith("/claims/") for v in internal)


def test_two_builds_of_the_same_input_are_byte_identical(built_fixture, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build(BuildOptions(config_path=FIXTURE_CONFIG, out_dir=tmp_path / "again"))
    first, second = read_tree(built_fixture.out), read_tree(tmp_path / "again")
    assert sorted(first) == sorted(second)
    different = [p for p in first if first[p] != second[p]]
    assert different == []


def test_no_build_timestamp_without_source_date_epoch(built_fixture):
    for path in html_pages(built_fixture.out):
        html = path.read_text()
        assert "built with sitegen." in html
        assert "built with sitegen on" not in html


# --- small sites in tmp_path --------------------------------------------------------------------------------

@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)

    def make(articles: dict, **kwargs) -> Path:
        return write_site(tmp_path / "site", articles, **kwargs)

    return make


def test_source_date_epoch_puts_a_time_in_the_footer(site, monkeypatch):
    config = site({"a.md": article(VALID_FRONT)})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1720170000")
    build_site(config)
    html = (config.parent / "build/index.html").read_text()
    assert 'built with sitegen on <time datetime="2024-07-05T09:00:00+00:00">5 July 2024</time>.' in html


@pytest.mark.parametrize("epoch", ["", "soon", "-5"])
def test_unusable_source_date_epoch_is_ignored(site, monkeypatch, epoch):
    config = site({"a.md": article(VALID_FRONT)})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    build_site(config)
    assert "built with sitegen." in (config.parent / "build/index.html").read_text()


def test_a_failed_build_leaves_the_previous_build_untouched(site):
    config = site({"a.md": article(VALID_FRONT)})
    build_site(config)
    out = config.parent / "build"
    before, siblings = snapshot(out), sorted(p.name for p in config.parent.iterdir())
    assert "index.html" in before
    (config.parent / "content/articles/a.md").write_text(article(VALID_FRONT.replace("claimant: ru-mod", "claimant: nobody")))
    (config.parent / "content/articles/b.md").write_text(article(VALID_FRONT.replace("A valid", "B")))
    with pytest.raises(ContentErrors):
        build_site(config)
    assert snapshot(out) == before
    assert sorted(p.name for p in config.parent.iterdir()) == siblings  # no staging folder left behind


def test_a_new_build_replaces_stale_files(site):
    config = site({"a.md": article(VALID_FRONT), "b.md": article(VALID_FRONT.replace("A valid", "B"))})
    build_site(config)
    (config.parent / "content/articles/b.md").unlink()
    build_site(config)
    assert not (config.parent / "build/articles/b.html").exists()
    assert (config.parent / "build/articles/a.html").exists()


def test_content_is_html_escaped(site):
    evil = "<script>alert('x')</script> & <b>bold</b>"
    front = VALID_FRONT.replace("title: A valid article", f'title: "{evil}"').replace(
        "text: over 2,000 killed in 24 hours", f'text: "{evil}"').replace("tags: [casualties]", 'tags: ["<i>tag</i>"]')
    config = site({"a.md": article(front + f'summary: "{evil}"\n')})
    build_site(config)
    out = config.parent / "build"
    escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
    page = (out / "articles/a.html").read_text()
    assert f"<h1>{escaped}</h1>" in page
    assert f'<h3 id="claim-total-title" class="claim-title">{escaped}</h3>' in page
    for path in html_pages(out):
        html = path.read_text()
        assert "<script>alert" not in html and "<b>" not in html and "<i>" not in html, path.name
        # the only scripts are the site's own data blocks (and search.html's own script files), and the text
        # cannot close them early
        own = {'<script src="pagefind/pagefind-ui.js">', '<script src="assets/search.js">'} if path.name == "search.html" else set()
        for opening, inside in re.findall(r"(<script[^>]*>)(.*?)</script>", html, flags=re.S):
            assert opening == '<script type="application/ld+json">' or opening in own, (path.name, opening)
            assert "<" not in inside, path.name
        assert html.count("<script") == html.count("</script>"), path.name
    assert escaped in (out / "index.html").read_text()
    assert escaped in (out / "timeline.html").read_text()


def test_drafts_are_left_out_unless_asked_for(site):
    config = site({
        "published.md": article(VALID_FRONT),
        "unfinished.md": article(VALID_FRONT.replace("A valid article", "Unfinished draft") + "draft: true\n"),
    })
    result = build_site(config)
    out = config.parent / "build"
    assert result.articles == 1
    assert not (out / "articles/unfinished.html").exists()
    assert "Unfinished draft" not in "".join(p.read_text() for p in html_pages(out))
    result = build_site(config, drafts=True)
    assert result.articles == 2
    assert (out / "articles/unfinished.html").exists()
    assert "Unfinished draft" in (out / "index.html").read_text()


@pytest.mark.parametrize("path", [
    "Степова Новоселівка.md",
    "степова-новоселівка/index.md",
    "Степова Новоселівка/index.md",
])
def test_non_ascii_file_names_give_readable_slugs(site, path):
    config = site({path: article(VALID_FRONT.replace("A valid article", "Степова Новоселівка"))})
    build_site(config)
    assert (config.parent / "build/articles/stepova-novoselivka.html").is_file()


def test_index_md_at_the_content_root_takes_its_slug_from_the_cyrillic_title(site):
    config = site({}, files={"content/index.md": article(VALID_FRONT.replace("A valid article", "Степова Новоселівка"))})
    build_site(config)
    assert (config.parent / "build/articles/stepova-novoselivka.html").is_file()


@pytest.mark.parametrize(("title", "slug"), [
    ("Степова Новоселівка", "stepova-novoselivka"),
    ("Kupiansk: Russia's claim", "kupiansk-russias-claim"),
    ("  --Ükraïne 2024!!  ", "ukraine-2024"),
    ("***", ""),
])
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_packaged_theme_is_used_when_the_site_has_none(site):
    config = site({"a.md": article(VALID_FRONT)})
    assert not (config.parent / "templates").exists() and not (config.parent / "static").exists()
    build_site(config)
    out = config.parent / "build"
    for rel in ("assets/sitegen.css", "assets/favicon.svg"):
        assert (out / rel).read_bytes() == (THEME_DIR / "static" / rel).read_bytes()
    assert "built with sitegen" in (out / "index.html").read_text()


def test_site_templates_and_static_files_override_the_theme_file_by_file(site):
    config = site({"a.md": article(VALID_FRONT)}, files={
        "templates/partials/footer.html": "<p>Our own footer for {{ site.title }}.</p>\n",
        "static/assets/sitegen.css": "body { color: black; }\n",
        "static/extra/robots.txt": "User-agent: *\n",
    })
    build_site(config)
    out = config.parent / "build"
    for path in html_pages(out):
        html = path.read_text()
        assert "<p>Our own footer for Test Desk.</p>" in html
        assert "built with sitegen" not in html
    assert (out / "assets/sitegen.css").read_text() == "body { color: black; }\n"
    assert (out / "assets/favicon.svg").read_bytes() == (THEME_DIR / "static/assets/favicon.svg").read_bytes()
    assert (out / "extra/robots.txt").read_text() == "User-agent: *\n"
    page = (out / "articles/a.html").read_text()
    assert 'class="claim-card status-unverified"' in page  # the rest of the theme is still used


def test_a_static_file_may_not_replace_a_generated_page(site):
    config = site({"a.md": article(VALID_FRONT)}, files={"static/index.html": "<p>mine</p>"})
    [problem] = problems_of(config)
    assert problem.format() == ("site/static/index.html: static file would overwrite the generated page index.html "
                                "(rename or remove it)")


def test_output_dir_from_config_and_base_url_option(site):
    config = site({"a.md": article(VALID_FRONT)}, config=CONFIG + "output_dir: public\n")
    result = build(BuildOptions(config_path=config, base_url="https://example.org/repo/"))
    assert result.out_dir == config.parent / "public"
    page = (config.parent / "public/404.html").read_text()
    assert 'href="/repo/assets/sitegen.css"' in page
    assert 'href="../assets/sitegen.css"' in (config.parent / "public/articles/a.html").read_text()


def test_conflicting_figures_are_shown_on_both_claims(site):
    first = VALID_FRONT.replace("    sources: [mod]", "    period: 2024-07-04/2024-07-05\n    sources: [mod]")
    second = first.replace("A valid article", "Revised").replace("over 2,000", "1,200")
    config = site({"a.md": article(first), "b.md": article(second)})
    result = build_site(config)
    assert [(f.kind, f.article) for f in result.findings] == [("conflicting-figures", "a"), ("conflicting-figures", "b")]
    page = (config.parent / "build/articles/a.html").read_text()
    assert "Finding: same claimant, same period, different figures." in page
    assert "“over 2,000” here and “1,200” in claim total of “Revised”" in page


def test_a_static_symlink_may_lead_inside_the_site_but_not_out_of_it(site, tmp_path):
    config = site({"a.md": article(VALID_FRONT)}, files={"data/figures.csv": "a,b\n1,2\n",
                                                        "static/assets/real.css": "p { color: red; }\n"})
    root = config.parent
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text("not for publishing\n")
    (root / "static" / "figures.csv").symlink_to(root / "data" / "figures.csv")
    (root / "static" / "same").symlink_to(root / "static" / "assets", target_is_directory=True)
    result = build_site(config)
    assert (root / "build" / "figures.csv").read_text() == "a,b\n1,2\n", "a link inside the site is published"
    assert (root / "build" / "assets" / "real.css").is_file() and not (root / "build" / "same").exists()
    (root / "static" / "leak.txt").symlink_to(outside / "secret.txt")
    (root / "static" / "folder").symlink_to(outside, target_is_directory=True)
    (root / "static" / "broken.txt").symlink_to(root / "nowhere.txt")
    problems = problems_of(config)
    assert sorted(Path(p.path).name for p in problems) == ["broken.txt", "folder", "leak.txt"]
    assert all("symbolic link" in p.message and p.hint for p in problems)
    assert not any("not for publishing" in p.read_text(errors="replace")
                   for p in (root / "build").rglob("*") if p.is_file()), "the failed build left build/ as it was"
    assert result.pages


# --- Misuse (issue 11) ------------------------------------------------------------------------------------------

OUTSIDE_HINT = "keep it inside the site folder: sitegen reads nothing from outside it, so that no private file is published"


@pytest.fixture
def private(tmp_path) -> Path:
    """A folder outside the site holding a file that must never be published."""
    folder = tmp_path / "private"
    folder.mkdir()
    (folder / "secret.txt").write_text("not for publishing\n")
    return folder


def published(root: Path, text: str) -> bool:
    out = root / "build"
    return out.exists() and any(text in p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())


@pytest.mark.parametrize("key", ["static_dir", "templates_dir", "content_dir"])
def test_a_configured_folder_outside_the_site_is_refused(site, private, key):
    """Item 5: `static_dir: /elsewhere` published whatever it pointed at."""
    config = site({"a.md": article(VALID_FRONT)}, config=CONFIG + f"{key}: {private}\n")
    found = [p.format() for p in problems_of(config)]
    assert f'site/config.yaml:{len(CONFIG.splitlines()) + 1}: {key}: "{private}" leads outside the site folder, ' \
           f"to {private} ({OUTSIDE_HINT})" in found
    assert not published(config.parent, "not for publishing")


def test_a_static_folder_that_is_a_link_out_of_the_site_is_refused(site, private):
    """Item 5: `static/` as a symbolic link published whatever it pointed at."""
    config = site({"a.md": article(VALID_FRONT)})
    (config.parent / "static").symlink_to(private, target_is_directory=True)
    found = [p.format() for p in problems_of(config)]
    assert f'site/config.yaml:1: static_dir: "static" leads outside the site folder, to {private} ({OUTSIDE_HINT})' in found
    assert not published(config.parent, "not for publishing")


def test_a_folder_linked_inside_the_site_is_fine(site):
    config = site({"a.md": article(VALID_FRONT)}, files={"assets-src/extra.txt": "inside\n"})
    (config.parent / "static").symlink_to(config.parent / "assets-src", target_is_directory=True)
    build_site(config)
    assert (config.parent / "build/extra.txt").read_text() == "inside\n"


def test_an_article_linked_out_of_the_site_is_refused(site, private):
    (private / "a.md").write_text(article(VALID_FRONT.replace("A valid article", "not for publishing")))
    config = site({"b.md": article(VALID_FRONT)})
    (config.parent / "content/articles/a.md").symlink_to(private / "a.md")
    found = [p.format() for p in problems_of(config)]
    assert found == [f"site/content/articles/a.md: is a symbolic link outside the site folder, to {private / 'a.md'} "
                     f"({OUTSIDE_HINT})"]


def test_a_claimant_registry_linked_out_of_the_site_is_refused(site, private):
    (private / "claimants.yaml").write_text("claimants:\n  x: {name: not for publishing}\n")
    config = site({"b.md": article(VALID_FRONT)})
    (config.parent / "content/claimants.yaml").symlink_to(private / "claimants.yaml")
    found = [p.format() for p in problems_of(config)]
    assert found == [f"site/content/claimants.yaml: leads outside the site folder, to {private / 'claimants.yaml'} "
                     f"({OUTSIDE_HINT})"]


def test_a_site_template_linked_out_of_the_templates_folder_is_refused(site, private):
    (private / "base.html").write_text("not for publishing")
    config = site({"a.md": article(VALID_FRONT)})
    (config.parent / "templates").mkdir()
    (config.parent / "templates/base.html").symlink_to(private / "base.html")
    with pytest.raises(SitegenError, match=r"templates/base.html:0: template: is a symbolic link out of the templates"):
        build_site(config)
    assert not published(config.parent, "not for publishing")


def test_an_error_raised_in_a_site_template_is_located_not_a_traceback(site):
    """Item 9: `{{ 1 // 0 }}` in a template was a ZeroDivisionError traceback."""
    config = site({"a.md": article(VALID_FRONT)}, files={"templates/base.html": "<p>\nfine\n{{ 1 // 0 }}\n"})
    with pytest.raises(SitegenError) as info:
        build_site(config, jobs=1)
    assert str(info.value) == "site/templates/base.html:3: template: integer division or modulo by zero"


def test_a_glyph_missing_from_dejavu_sans_is_kept_as_text_without_a_warning(site):
    """Item 13: matplotlib's "Glyph missing" warnings reached stderr (an error here: filterwarnings = error)."""
    front = VALID_FRONT.replace("total: over 2,000", "total: 30\n    by_group: {東京: 10, 𝔉𝔯𝔞𝔨𝔱𝔲𝔯: 20}")
    config = site({"a.md": article(front)})
    build_site(config, jobs=1)
    svg = (config.parent / "build/charts/a--total.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    texts = "".join(t for el in root.iter() if el.tag.endswith("text") for t in el.itertext())
    assert "東京" in texts and "𝔉𝔯𝔞𝔨𝔱𝔲𝔯" in texts


def test_dollar_signs_in_chart_text_are_drawn_as_typed_never_as_mathtext(site):
    """Found by `benchmarks/fuzz.py`: two `$` in a chart's text (a source named "$" and a claimant "$x") made
    matplotlib parse mathtext: a ParseException traceback, and a "$a$" pair would have been drawn as math."""
    front = (VALID_FRONT.replace("name: Russian Ministry of Defence", 'name: "$5 Media"')
             .replace("claimant: ru-mod", 'claimant: "Fund $x$ press office"')
             .replace("total: over 2,000", 'total: 30\n    by_group: {"$a$ group": 10, "b$": 20}'))
    config = site({"a.md": article(front)})
    build_site(config, jobs=1)
    svg = (config.parent / "build/charts/a--total.svg").read_text(encoding="utf-8")
    texts = "".join(t for el in ET.fromstring(svg).iter() if el.tag.endswith("text") for t in el.itertext())
    assert "$a$ group" in texts and "$5 Media" in texts and "$x$" in texts
