"""Figures as a reader meets them: in the page's language, readable when enlarged on a phone, no glare in the
dark scheme (overrides/javascripts/figures.js, overrides/stylesheets/figures.css, tools/translations.py)."""

from __future__ import annotations

import re
import urllib.request

import pytest

from tests.browser import LESSON_PAGES, probe
from tools import snippets as runner
from tools import translations

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


@probe("phone", order=30, applies=lambda page: page in FIGURE_PAGES)
def enlarged(tab, page, site_url):
    """Each figure opened by keyboard: its width in the page and enlarged, whether the enlarged one fits or
    scrolls, and whether the focus returns to it when it closes."""
    buttons, seen = tab.locator("article button.figure-zoom"), []
    for index in range(buttons.count()):
        button = buttons.nth(index)
        shown = button.locator("img").evaluate("(img) => img.getBoundingClientRect().width")
        button.focus()
        tab.keyboard.press("Enter")  # by keyboard: a screen reader's user can open it too
        large = tab.locator("dialog.figure-dialog[open] img")
        large.wait_for()
        width = large.evaluate("(img) => img.getBoundingClientRect().width")
        frame = tab.locator("dialog.figure-dialog[open] .figure-dialog__frame")
        fits = frame.evaluate("(el) => el.scrollWidth <= el.clientWidth || getComputedStyle(el).overflowX === 'auto'")
        tab.keyboard.press("Escape")
        tab.locator("dialog.figure-dialog").wait_for(state="detached")
        seen.append({"shown": shown, "width": width, "fits": fits,
                     "focused": tab.evaluate("document.activeElement.outerHTML.slice(0, 80)"),
                     "back": tab.evaluate("document.activeElement.classList.contains('figure-zoom')")})
    return seen


@pytest.mark.parametrize("page", FIGURE_PAGES, ids=str)
def test_phone_reader_can_enlarge_every_figure(visit, site_server, page):
    opened = visit(page, "phone")["enlarged"]
    figures = runner.figures_of(page.source)
    assert len(opened) == len(figures), f"{page}: {len(opened)} enlargeable figures of {len(figures)}"
    for path, seen in zip(figures, opened):
        size, view_width = smallest_text(served(f"{site_server.url}{page.lang}/figures/{path}"))
        assert size * seen["width"] / view_width >= MIN_TEXT_PX, (
            f"{page}: figures/{path} enlarged to {seen['width']:.0f} px shows text of "
            f"{size * seen['width'] / view_width:.1f} px (in the page: {size * seen['shown'] / view_width:.1f} px); "
            f"at least {MIN_TEXT_PX} px wanted"
        )
        assert seen["fits"], f"{page}: figures/{path} enlarged is cut off instead of scrolling"
        assert seen["back"], f"{page}: closing figures/{path} left the focus on {seen['focused']}"


@probe("dark", order=20, applies=lambda page: page in FIGURE_PAGES)
def figure_filters(tab, page, site_url):
    return {"scheme": tab.evaluate("document.body.dataset.mdColorScheme"),
            "filters": tab.eval_on_selector_all('article img[src*="figures/"]',
                                                "all => all.map((img) => getComputedStyle(img).filter)")}


@pytest.mark.parametrize("page", FIGURE_PAGES, ids=str)
def test_figures_do_not_glare_in_the_dark(visit, site_server, page):
    seen = visit(page, "dark")["figure_filters"]
    assert seen["scheme"] == "slate", f"{page}: not in the dark scheme"
    for path in runner.figures_of(page.source):
        svg = served(f"{site_server.url}{page.lang}/figures/{path}")
        background = re.search(r'<g id="patch_1">\s*<path d="[^"]*"\s*style="([^"]*)"', svg)
        assert background and "fill: none" in background[1], f"figures/{path}: the figure has a filled background"
    filters = seen["filters"]
    assert filters and all(f.startswith("invert") for f in filters), f"{page}: figures not re-coloured: {filters}"
