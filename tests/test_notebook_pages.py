"""Notebook pages (hooks/notebooks.py) as good as lesson pages; headings and in-page links of every page.

On every built page, both languages, lesson and notebook pages alike: no element has an empty id, every
in-page link (#...: contents, skip link, permalinks) leads to an element of the page, each contents entry
reads exactly as its heading, and no attribute-list syntax such as `{#id}` is left in the text.

On every notebook page: its footer leads where its lesson page's footer leads, each lesson swapped for its
notebook; its download link serves a valid notebook; it is styled by stylesheets/notebooks.css, not by
inlined JupyterLab CSS. In headless Chromium at phone width the page does not scroll sideways, code and
outputs keep their lines (a long line scrolls inside its box instead of breaking a number in two), the
"In [ ]:" prompts give the code the whole width, and code, outputs and prompts read at 4.5:1 or more in
both colour schemes.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import nbformat
import pytest
from bs4 import BeautifulSoup

from tests.browser import NOTEBOOK_PAGES, PAGES, PHONE, Page, probe
from tools import snippets as runner

LESSON_PATH = re.compile(r"^(\w+)/(\d\d-[^/]+)/$")  # zh/03-lr-decay/ -> its notebook zh/notebooks/03-lr-decay/
ATTRIBUTE_LIST = re.compile(r"\{:?\s*[#.][\w-][^{}]*\}")  # `{#id}`, `{ .class }`: attr_list syntax left as text
MIN_CONTRAST = 4.5  # WCAG AA for text
MIN_CODE_PX = 12  # code on a phone


def built(site, page: Page) -> BeautifulSoup:
    dest, _ = site
    return BeautifulSoup((dest / page.path() / "index.html").read_text(encoding="utf-8"), "html.parser")


def text_of(element) -> str:
    """An element's text as a reader sees it: without its permalink (¶), whitespace collapsed."""
    copy = BeautifulSoup(str(element), "html.parser")
    for link in copy.select(".headerlink, .anchor-link"):
        link.decompose()
    return " ".join(copy.get_text().split())


def site_path(page: Page, href: str) -> str:
    """A link on `page`, as an address below the site's (zh/notebooks/03-lr-decay/)."""
    return urlsplit(urljoin("http://site/" + page.path(), href)).path.removeprefix("/")


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_headings_and_in_page_links(site, page):
    html = built(site, page)
    empty = [f"<{el.name} class={el.get('class')}>" for el in html.select('[id=""]')]
    assert not empty, f"{page}: elements with an empty id (links to them go nowhere): {empty[:5]}"

    anchors = {el["id"] for el in html.select("[id]")} | {el["name"] for el in html.select("[name]")}
    broken = [a["href"] for a in html.select('a[href^="#"]') if unquote(a["href"][1:]) not in anchors]
    assert not broken, f"{page} ({runner.rel(page.source)}): in-page links that lead nowhere: {broken}"

    toc = html.select('.md-nav--secondary a.md-nav__link[href^="#"]')
    differ = [(text_of(a), text_of(html.find(id=unquote(a["href"][1:])))) for a in toc]
    differ = [(entry, heading) for entry, heading in differ if entry != heading]
    assert not differ, f"{page}: contents entries that do not read as their heading (entry, heading): {differ}"
    if page.source.name[:2].isdigit():
        assert toc, f"{page}: a lesson or notebook page without a table of contents"
        skip = html.select_one("a.md-skip")
        assert skip is not None and skip["href"] != "#", f"{page}: no skip link to the content"

    article = html.select_one("article")
    for code in article.select("pre, code, script, style"):
        code.decompose()
    left = ATTRIBUTE_LIST.findall(article.get_text())
    assert not left, f"{page}: attribute syntax shown as text: {left}"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES, ids=str)
def test_notebook_page_footer_follows_its_lesson(site, page):
    """Previous and next lead where the lesson page's do, a lesson swapped for its notebook: a reader going
    through the notebooks stays among them (the lesson page is linked at the top of each notebook)."""
    dest, _ = site

    def footer(of: Page) -> dict[str, str]:
        links = built(site, of).select("a.md-footer__link")
        return {("prev" if "md-footer__link--prev" in a["class"] else "next"): site_path(of, a["href"]) for a in links}

    expected = {
        direction: LESSON_PATH.sub(r"\1/notebooks/\2/", target)
        for direction, target in footer(Page(page.source)).items()
    }
    found = footer(page)
    assert found, f"{page}: no previous or next link"
    assert found == expected, f"{page}: footer leads to {found}, expected {expected} (the lesson's, as notebooks)"
    missing = [target for target in found.values() if not (dest / target / "index.html").is_file()]
    assert not missing, f"{page}: previous/next lead to pages that do not exist: {missing}"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES, ids=str)
def test_notebook_page_offers_its_download(site, site_server, page):
    html = built(site, page)
    link = html.select_one(".nb-download a[download]")
    assert link is not None, f"{page}: no download link (.nb-download a[download]) under the title"
    assert link.get_text().strip().endswith(".ipynb"), f"{page}: the download link reads {link.get_text()!r}"
    target = site_path(page, link["href"])
    lesson = built(site, Page(page.source))
    offered = [site_path(Page(page.source), a["href"]) for a in lesson.select('a[href$=".ipynb"]')]
    assert offered == [target], f"{page}: downloads {target}, its lesson page {offered}"
    with urllib.request.urlopen(site_server.url + target) as answer:
        nb = nbformat.reads(answer.read().decode("utf-8"), as_version=4)
    nbformat.validate(nb)
    assert any(cell.cell_type == "code" for cell in nb.cells), f"{page}: the downloaded {target} has no code"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES, ids=str)
def test_notebook_page_has_its_own_small_stylesheet(site, page):
    """mkdocs-jupyter inlines ~600 KB of JupyterLab CSS into every notebook page; notebooks.css replaces it."""
    dest, _ = site
    article = built(site, page).select_one("article")
    inline = [len(style.get_text()) for style in article.select("style")]
    assert not inline, f"{page}: inline <style> in the page ({sum(inline)} characters)"
    sheets = [site_path(page, link["href"]) for link in article.select('link[rel="stylesheet"]')]
    # and KaTeX's, for the formulas rendered at build time (hooks/formulas.py)
    expected = ["katex.min.css", "notebooks.css"] if article.select(".katex") else ["notebooks.css"]
    assert sorted(Path(sheet).name for sheet in sheets) == expected, f"{page}: style sheets {sheets}"
    missing = [sheet for sheet in sheets if not (dest / sheet).is_file()]
    assert not missing, f"{page}: {missing} not in the site"


LAYOUT = """(phone) => {
  const px = (el, property) => parseFloat(getComputedStyle(el)[property]);
  const article = document.querySelector("article");
  const width = article.clientWidth - px(article, "paddingLeft") - px(article, "paddingRight");
  const out = (el) => el && el.getBoundingClientRect().right > phone + 1;
  return {
    innerWidth, scrollWidth: document.scrollingElement.scrollWidth, contentWidth: width,
    wide: [...document.querySelectorAll("article *")].filter((el) => out(el) && !out(el.parentElement))
      .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className} ${el.textContent.slice(0, 30)}`),
    sheet: [...document.styleSheets].some((s) => (s.href || "").endsWith("/notebooks.css") && s.cssRules.length),
    blocks: [...document.querySelectorAll(".jupyter-wrapper pre")].map((pre) => {
      const style = getComputedStyle(pre), box = pre.getBoundingClientRect();
      const inner = pre.clientHeight - px(pre, "paddingTop") - px(pre, "paddingBottom");
      return {
        what: (pre.closest(".jp-OutputArea") ? "output " : "code ") + JSON.stringify(pre.textContent.slice(0, 30)),
        cell: Boolean(pre.closest(".jp-CodeCell")),  // not a code block in the text, which may sit in a quote
        whiteSpace: style.whiteSpace, overflowX: style.overflowX, fontSize: px(pre, "fontSize"),
        lines: pre.textContent.replace(/\\n$/, "").split("\\n").length,
        shown: Math.round(inner / px(pre, "lineHeight")),
        left: box.left, right: box.right, width: box.width, scrolls: pre.scrollWidth > pre.clientWidth,
      };
    }),
  };
}"""

CONTRAST = """(selector) => {
  const rgba = (color) => { const v = color.match(/[\\d.]+/g).map(Number); return [v[0], v[1], v[2], v[3] ?? 1]; };
  const over = (top, below) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3])).concat(1);
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const color = rgba(getComputedStyle(e).backgroundColor);
      if (color[3] > 0) layers.push(color);
      if (color[3] >= 1) break;
    }
    const base = rgba(getComputedStyle(document.body).backgroundColor);
    return layers.reverse().reduce((below, top) => over(top, below), base[3] >= 1 ? base : [255, 255, 255, 1]);
  };
  const luminance = (c) => c.slice(0, 3).map((v) => v / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const worst = {};
  for (const el of document.querySelectorAll(selector)) {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const below = background(el), text = over(rgba(getComputedStyle(el).color), below);
    const [light, dark] = [luminance(text), luminance(below)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const key = `${el.tagName.toLowerCase()}.${el.className} ${getComputedStyle(el).color}`;
    if (!(key in worst) || ratio < worst[key][0]) worst[key] = [ratio, el.textContent.trim().slice(0, 30)];
  }
  return Object.entries(worst).map(([key, [ratio, text]]) => [key, ratio, text]);
}"""
READ_TEXT = ".jupyter-wrapper pre, .jupyter-wrapper pre *, .jp-InputPrompt, .nb-download, .nb-download a"


def low_contrast(tab) -> list:
    return [(what, f"{ratio:.3f}", text) for what, ratio, text in tab.evaluate(CONTRAST, READ_TEXT)
            if ratio < MIN_CONTRAST]


def is_notebook(page) -> bool:
    return page.notebook


@probe("phone", applies=is_notebook)
def notebook_layout(tab, page, site_url):
    return {"layout": tab.evaluate(LAYOUT, PHONE["width"]), "low_contrast": low_contrast(tab)}


@pytest.mark.parametrize("page", NOTEBOOK_PAGES, ids=str)
def test_notebook_page_on_a_phone(visit, page):
    seen = visit(page, "phone")["notebook_layout"]
    layout = seen["layout"]
    assert layout["sheet"], f"{page}: stylesheets/notebooks.css did not load"
    # a mobile browser widens its layout viewport to fit what sticks out: compare with the phone's own width
    assert layout["innerWidth"] == PHONE["width"] and layout["scrollWidth"] <= PHONE["width"], (
        f"{page} scrolls sideways on a {PHONE['width']} px phone: laid out {layout['innerWidth']} px wide, "
        f"content {layout['scrollWidth']} px; sticking out: {layout['wide']}"
    )
    blocks = layout["blocks"]
    assert blocks, f"{page}: no code cells or outputs found"
    for block in blocks:
        where = f"{page}, {block['what']}"
        assert block["whiteSpace"] == "pre", f"{where}: white-space {block['whiteSpace']}, lines may break"
        assert block["shown"] == block["lines"], (
            f"{where}: {block['lines']} lines shown as {block['shown']}: lines wrap (a number may break in two)"
        )
        assert block["right"] <= PHONE["width"] + 0.5, f"{where}: sticks out to {block['right']:.0f} px"
        if block["scrolls"]:
            assert block["overflowX"] in ("auto", "scroll"), f"{where}: too wide but does not scroll"
        # no "In [ ]:" column beside a code cell: its code and output get the whole text width
        assert not block["cell"] or block["width"] >= layout["contentWidth"] - 1, (
            f"{where}: {block['width']:.0f} px wide in a {layout['contentWidth']:.0f} px column (prompts beside it?)"
        )
        assert block["fontSize"] >= MIN_CODE_PX, f"{where}: {block['fontSize']} px text"
    low = seen["low_contrast"]
    assert not low, f"{page}, light scheme: text under {MIN_CONTRAST}:1 (element, ratio, text): {low}"


@probe("dark", order=20, applies=is_notebook)
def notebook_in_the_dark(tab, page, site_url):
    return {
        "scheme": tab.evaluate("document.body.dataset.mdColorScheme"),
        "prompts": tab.eval_on_selector_all(".jp-InputPrompt", "els => els.filter((el) => el.offsetWidth).length"),
        "cells": tab.eval_on_selector_all(".jp-CodeCell .highlight-ipynb", "els => els.length"),
        "low_contrast": low_contrast(tab),
    }


@pytest.mark.parametrize("page", NOTEBOOK_PAGES, ids=str)
def test_notebook_page_in_the_dark(visit, page):
    seen = visit(page, "dark")["notebook_in_the_dark"]
    assert seen["scheme"] == "slate", f"{page}: the dark scheme was not applied ({seen['scheme']})"
    assert seen["prompts"] >= seen["cells"], (
        f"{page}: {seen['prompts']} prompts shown for {seen['cells']} code cells on a desktop")
    low = seen["low_contrast"]
    assert not low, f"{page}, dark scheme: text under {MIN_CONTRAST}:1 (element, ratio, text): {low}"
