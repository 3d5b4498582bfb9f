"""Figures as a reader meets them: in the page's language, readable when enlarged on a phone, no glare in the
dark scheme (overrides/javascripts/figures.js, overrides/stylesheets/figures.css, tools/translations.py)."""

from __future__ import annotations

import re
import urllib.request

import pytest

from tests.test_browser import LESSON_PAGES, PHONE, browser, new_page  # noqa: F401 (fixtures)
from tools import snippets as runner
from tools import translations

pytestmark = pytest.mark.xdist_group("site")

MIN_TEXT_PX = 11  # the smallest text of an enlarged figure, in CSS px
CJK = re.compile(r"[\u4e00-\u9fff]")
FIGURE_PAGES = [page for page in LESSON_PAGES if runner.figures_of(page.source)]
SVG_SIZE = re.compile(r'<svg[^>]*\bwidth="([\d.]+)pt"[^>]*\bviewBox="0 0 ([\d.]+) ')
FONT_SIZE = re.compile(r"font-size: ([\d.]+)px")


def served(url: str) -> str:
    with urllib.request.urlopen(url) as answer:
        return answer.read().decode("utf-8")


def smallest_text(svg: str) -> tuple[float, float]:
    """(smallest font size in the SVG's own units, width of its viewBox in those units)."""
    match = SVG_SIZE.search(svg)
    assert match, "not a matplotlib SVG: no width in pt and viewBox"
    return min(float(size) for size in FONT_SIZE.findall(svg)), float(match[2])


@pytest.mark.parametrize("page", FIGURE_PAGES, ids=str)
def test_figures_speak_the_page_language(site, site_server, page):
    """The site serves each language its own words (tools/translations.py; test_translations.py checks that
    every text has its Chinese)."""
    for path in runner.figures_of(page.source):
        expected = translations.figure(runner.SNIPPETS / path, page.lang).decode("utf-8")
        shown = served(f"{site_server.url}{page.lang}/figures/{path}")
        assert shown == expected, f"{page}: figures/{path} is not the {page.lang} figure"
        if page.lang == "en":
            assert not CJK.search(shown), f"{page}: figures/{path} has Chinese text"


@pytest.mark.parametrize("page", FIGURE_PAGES, ids=str)
def test_phone_reader_can_enlarge_every_figure(new_page, site_server, page):  # noqa: F811
    _, tab, _ = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    tab.goto(site_server.url + page.path(), wait_until="networkidle")
    buttons = tab.locator("article button.figure-zoom")
    figures = runner.figures_of(page.source)
    assert buttons.count() == len(figures), f"{page}: {buttons.count()} enlargeable figures of {len(figures)}"
    for index, path in enumerate(figures):
        button = buttons.nth(index)
        shown = button.locator("img").evaluate("(img) => img.getBoundingClientRect().width")
        button.focus()
        tab.keyboard.press("Enter")  # by keyboard: a screen reader's user can open it too
        large = tab.locator("dialog.figure-dialog[open] img")
        large.wait_for()
        width = large.evaluate("(img) => img.getBoundingClientRect().width")
        size, view_width = smallest_text(served(f"{site_server.url}{page.lang}/figures/{path}"))
        assert size * width / view_width >= MIN_TEXT_PX, (
            f"{page}: figures/{path} enlarged to {width:.0f} px shows text of {size * width / view_width:.1f} px "
            f"(in the page: {size * shown / view_width:.1f} px); at least {MIN_TEXT_PX} px wanted"
        )
        frame = tab.locator("dialog.figure-dialog[open] .figure-dialog__frame")
        assert frame.evaluate("(el) => el.scrollWidth <= el.clientWidth || getComputedStyle(el).overflowX === 'auto'")
        tab.keyboard.press("Escape")
        tab.locator("dialog.figure-dialog").wait_for(state="detached")
        focused = tab.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        assert tab.evaluate("document.activeElement.classList.contains('figure-zoom')"), (
            f"{page}: closing figures/{path} left the focus on {focused}"
        )


@pytest.mark.parametrize("page", FIGURE_PAGES, ids=str)
def test_figures_do_not_glare_in_the_dark(new_page, site_server, page):  # noqa: F811
    _, tab, _ = new_page(color_scheme="dark")
    tab.goto(site_server.url + page.path(), wait_until="networkidle")
    assert tab.evaluate("document.body.dataset.mdColorScheme") == "slate", f"{page}: not in the dark scheme"
    for path in runner.figures_of(page.source):
        svg = served(f"{site_server.url}{page.lang}/figures/{path}")
        background = re.search(r'<g id="patch_1">\s*<path d="[^"]*"\s*style="([^"]*)"', svg)
        assert background and "fill: none" in background[1], f"figures/{path}: the figure has a filled background"
    figures = 'article img[src*="figures/"]'
    filters = tab.eval_on_selector_all(figures, "all => all.map((img) => getComputedStyle(img).filter)")
    assert filters and all(f.startswith("invert") for f in filters), f"{page}: figures not re-coloured: {filters}"
