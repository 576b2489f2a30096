"""`sitegen serve` in real headless Chromium (Debian's, through Playwright): live reload, overlay, CSS swap."""

from __future__ import annotations

from pathlib import Path

import pytest

from serve_support import CSS, FIRST, broken_article, first_article, running_preview, wait_until, write_small_site
from site_gen.render.templates import THEME_DIR

TIMEOUT_MS = 20_000
OVERLAY = "#sitegen-error-overlay"


@pytest.fixture
def site(tmp_path):
    write_small_site(tmp_path)
    with running_preview(tmp_path) as preview:
        yield tmp_path, preview


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        yield page
    finally:
        context.close()


def open_live(page, url: str) -> None:
    """Open a page, wait until its event stream is connected, and mark the window to detect reloads."""
    page.goto(url)
    page.wait_for_function("() => window.__sitegen && window.__sitegen.connected")
    page.evaluate("() => { window.__notReloaded = true; }")


def reloaded(page) -> bool:
    return not page.evaluate("() => window.__notReloaded === true")


def write(root: Path, rel: str, text: str) -> None:
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def test_an_edited_article_shows_its_new_text_without_a_manual_reload(site, page):
    root, preview = site
    open_live(page, preview.url("/desk/articles/first.html"))
    assert "The first body says hello." in page.inner_text("main")
    write(root, FIRST, first_article("Freshly edited words."))
    page.wait_for_function("() => document.body.innerText.includes('Freshly edited words.')")
    assert reloaded(page)
    assert page.url == preview.url("/desk/articles/first.html")


def test_a_page_that_did_not_change_is_not_reloaded(site, page, browser):
    root, preview = site
    other = browser.new_context().new_page()
    try:
        open_live(page, preview.url("/desk/articles/second.html"))
        open_live(other, preview.url("/desk/articles/first.html"))
        write(root, FIRST, first_article("Only the first article changed."))
        other.wait_for_function("() => document.body.innerText.includes('Only the first article changed.')")
        page.wait_for_function("() => window.__sitegen.events >= 1")
        assert not reloaded(page), "the second article's page did not change and must not reload"
    finally:
        other.context.close()


def test_broken_yaml_shows_an_overlay_with_file_and_line_and_fixing_it_removes_it(site, page):
    root, preview = site
    open_live(page, preview.url("/desk/articles/first.html"))
    write(root, FIRST, broken_article())
    overlay = page.locator(OVERLAY)
    overlay.wait_for(state="visible")
    assert overlay.get_attribute("role") == "alert"
    text = overlay.inner_text()
    assert f"{FIRST}:3: YAML syntax error" in text, text
    assert list(preview.state.error)[0] in text, "the overlay shows the same lines the command prints"
    assert "The first body says hello." in page.inner_text("main"), "the last good page stays visible"
    write(root, FIRST, first_article("Repaired and rebuilt."))
    page.wait_for_function("() => document.body.innerText.includes('Repaired and rebuilt.')")
    assert page.locator(OVERLAY).count() == 0


def test_the_overlay_leaves_the_heading_visible_and_its_close_button_removes_it(site, page):
    root, preview = site
    open_live(page, preview.url("/desk/articles/first.html"))
    write(root, FIRST, broken_article())
    page.locator(OVERLAY).wait_for(state="visible")
    heading = page.locator("h1").bounding_box()
    box = page.locator(OVERLAY).bounding_box()
    assert heading["y"] + heading["height"] <= box["y"], "the overlay covers the page's heading"
    page.get_by_role("button", name="Close this message").click()
    assert page.locator(OVERLAY).count() == 0
    assert "The first body says hello." in page.inner_text("main")


def test_a_page_opened_while_the_site_is_broken_shows_the_overlay(site, page):
    root, preview = site
    write(root, FIRST, broken_article())
    assert wait_until(lambda: preview.state.error is not None, timeout=20), "the broken file was not rebuilt"
    open_live(page, preview.url("/desk/articles/second.html"))
    page.locator(OVERLAY).wait_for(state="visible")
    assert f"{FIRST}:3:" in page.inner_text(OVERLAY)


def test_a_stylesheet_edit_changes_the_computed_style_without_navigation(site, page):
    root, preview = site
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    open_live(page, preview.url("/desk/articles/first.html"))
    before = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    navigations.clear()
    theme_css = (THEME_DIR / "static" / CSS.removeprefix("static/")).read_text(encoding="utf-8")
    write(root, CSS, theme_css + "\nbody { background-color: rgb(1, 2, 3) !important; }\n")
    page.wait_for_function("() => getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'")
    assert before != "rgb(1, 2, 3)"
    assert not reloaded(page) and navigations == []
    assert page.evaluate("() => window.__sitegen.cssSwaps") >= 1
    assert page.locator('link[rel="stylesheet"]').count() == 1, "the old stylesheet is removed after the swap"
