"""The site as a reader meets it, in headless Chromium (tests/browser.py: one visit per page per view),
published under a path (http://127.0.0.1:<port>/nn-optimization/, see tests/conftest.py).

For every page in both languages (and every lesson's notebook page), on its desktop visit: nothing is
requested outside 127.0.0.1, the console stays free of errors, every formula is KaTeX's HTML already at
DOMContentLoaded (rendered when the site is built, hooks/formulas.py) and styled by KaTeX's CSS, which only
pages with formulas load, and no KaTeX script is loaded; every figure loads when the reader scrolls near it
(loading="lazy"), every link into the site leads to a page that exists and to an anchor on it, the language
switcher leads to the same page in the other language, and its first visit fits the transfer budget without
the search index (fetched when search opens). For every lesson page: each snippet's copy button copies
exactly the snippet, the code tests/test_snippets.py ran, and at phone width the page does not scroll
sideways. The site's root page sends a reader to the language their browser prefers, and a missing address
gets the site's 404 page. Search: tests/test_search.py.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser import LEAVES_THE_PAGE, LESSON_AND_NOTEBOOK_PAGES, LESSON_PAGES, LESSONS, PAGES, PHONE, Page, probe
from tests.test_translations import code_tokens
from tools import notebooks, translations
from tools import snippets as runner

# a page and everything its first visit loads, gzip-compressed as a static host sends it (phones on slow networks)
BUDGET_KB = 250
NOTEBOOK_BUDGET_KB = 300
KATEX_ASSETS = "/assets/katex/"  # hooks/shared_files.py: KaTeX's CSS and fonts, no script
SEARCH_INDEX = "/search/search_index.json"
COPIED_AND_COMPARED = "03-lr-decay/decay_tf2.py"  # its copied text is compared with the file that ran
ANCHOR = re.compile(r"""\s(?:id|name)=["']?([^"'\s>]+)""")  # what a link's #fragment can point at
ANNOTATION = re.compile(r"\s*# \(\d+\)!?$", re.M)  # Material's code annotation markers, not copied

DOM_FACTS = """async () => {
  const all = (selector) => [...document.querySelectorAll(selector)];
  const lazy = all("article img, .jupyter-wrapper img").filter((img) => img.loading === "lazy").length;
  // the figures below the first screen wait for the reader to scroll (loading="lazy"): load them all now
  await Promise.all(all("article img, .jupyter-wrapper img").map((img) => {
    img.loading = "eager";
    return img.decode().catch(() => null);
  }));
  const katex = document.querySelector(".katex");
  return {
    atDOMContentLoaded: window.mathAtDOMContentLoaded,
    katexFont: katex ? getComputedStyle(katex).fontFamily : null,  // KaTeX's CSS applied
    arithmatex: all(".arithmatex").length,
    rendered: all(".arithmatex").filter((el) => el.querySelector(".katex")).length,
    notebookFormulas: all(".jupyter-wrapper .katex").length,
    katexErrors: all(".katex-error").map((el) => el.title || el.textContent),
    images: all("article img, .jupyter-wrapper img").map((img) => [img.getAttribute("src").slice(0, 80),
                                                                   img.complete ? img.naturalWidth : 0]),
    lazyImages: lazy,
    links: all("a[href]").map((a) => a.href),  // as the browser resolves them
  };
}"""


@probe("desktop")
def dom(tab, page, site_url):
    return tab.evaluate(DOM_FACTS)


def copy_buttons(tab, page: Page):
    if page.notebook:  # mkdocs-jupyter: one copy button per code cell
        return tab.locator(".jp-CodeCell clipboard-copy")
    # Material: the code blocks titled with a file name ending in .py
    return tab.locator('.highlight:has(.filename:text-matches("\\.py$")) button[data-md-type="copy"]')


@probe("desktop", order=50, applies=lambda page: page.source in LESSONS)
def copied(tab, page, site_url):
    """The clipboard's text after each snippet's copy button."""
    # a reader opens a solution before copying its code (a closed box copies nothing)
    tab.evaluate("document.querySelectorAll('article details').forEach((box) => { box.open = true; })")
    buttons, texts = copy_buttons(tab, page), []
    for index in range(buttons.count()):
        tab.evaluate("navigator.clipboard.writeText('')")
        buttons.nth(index).evaluate("(button) => button.click()")  # also in a tab that is not shown
        texts.append(tab.evaluate("navigator.clipboard.readText()"))
    return texts


@probe("desktop", order=LEAVES_THE_PAGE)
def switched_to(tab, page, site_url):
    """Where the language switcher leads (the other language's page, if all is well)."""
    other = next(lang for lang in runner.LANGUAGES if lang != page.lang)
    tab.hover(".md-header__option .md-select")
    tab.click(f'a.md-select__link[hreflang="{other}"]')
    try:
        tab.wait_for_url(site_url + page.path(other), wait_until="commit")  # there: where it loads is not ours
    except Exception:  # playwright's TimeoutError: the test reports where the switcher went instead
        pass
    return tab.url.removeprefix(site_url)


SIDEWAYS = """(width) => ({
  scrollWidth: Math.max(innerWidth, document.scrollingElement.scrollWidth),
  wide: [...document.querySelectorAll('article *')]
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .filter((el) => !el.closest('pre, .highlight, .md-typeset__scrollwrap, .katex-display, .tabbed-labels'))
    .slice(0, 5).map((el) => el.tagName + '.' + el.className),
})"""


@probe("phone", applies=lambda page: page.source in LESSONS and not page.notebook)
def sideways(tab, page, site_url):
    return tab.evaluate(SIDEWAYS, PHONE["width"])


@pytest.mark.parametrize("view", ["desktop", "phone"])
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_is_served(visit, page, view):
    status = visit(page, view).status
    assert status == 200, f"{page} ({runner.rel(page.source)}) at {view} width: HTTP {status}"


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_loads_nothing_from_outside(visit, page):
    blocked = visit(page, "desktop").blocked
    assert not blocked, f"{page} tried to load from outside 127.0.0.1 (blocked):\n" + "\n".join(blocked)


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_has_no_console_errors(visit, page):
    errors = visit(page, "desktop").errors
    assert not errors, f"{page}: console errors:\n" + "\n".join(errors)


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_every_formula_renders(visit, site, page, record_property):
    dom = visit(page, "desktop")["dom"]
    assert not dom["katexErrors"], f"{page}: KaTeX could not render: {dom['katexErrors']}"
    if page.notebook:  # the same prose as the lesson page, so the same formulas
        lesson = site[0] / Page(page.source).path() / "index.html"
        expected = lesson.read_text(encoding="utf-8").count('class="arithmatex"')
        found = dom["notebookFormulas"]
    else:
        expected, found = dom["arithmatex"], dom["rendered"]
        if re.search(r"\\\(|\\\[", page.source.read_text(encoding="utf-8")):
            assert expected, f"{page}: the page has \\( or \\[ math, but no arithmatex formula was built"
    record_property("formulas", f"{found}/{expected}")
    assert found == expected, f"{page}: {found} of {expected} formulas rendered"


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_formulas_are_html_from_the_start(visit, page):
    """No script renders a formula: the page arrives with every formula rendered, styled by KaTeX's CSS."""
    dom = visit(page, "desktop")["dom"]
    key = "notebookFormulas" if page.notebook else "rendered"
    at_load = (dom["atDOMContentLoaded"] or {}).get(key)
    assert at_load == dom[key], f"{page}: {at_load} formulas rendered at DOMContentLoaded, {dom[key]} later"
    if dom[key]:
        assert "KaTeX_Main" in dom["katexFont"], f"{page}: KaTeX's CSS is not applied (font {dom['katexFont']!r})"


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_katex_assets_only_where_formulas_are(visit, page):
    """A page with formulas loads KaTeX's CSS (and the fonts it uses), a page without loads nothing of KaTeX;
    no page loads KaTeX's JavaScript."""
    visited = visit(page, "desktop")
    katex = [urlsplit(url).path.split(KATEX_ASSETS)[-1] for url in visited.transfers if KATEX_ASSETS in url]
    scripts = [url for url in visited.transfers if re.search(r"katex|auto-render", url) and url.endswith(".js")]
    assert not scripts, f"{page} loads KaTeX scripts: {scripts}"
    formulas = visited["dom"]["notebookFormulas" if page.notebook else "rendered"]
    if formulas:
        assert "katex.min.css" in katex, f"{page}: {formulas} formulas, but KaTeX's CSS was not loaded: {katex}"
    else:
        assert not katex, f"{page} has no formula but loads KaTeX's {katex}"


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_search_index_waits_for_search(visit, page):
    """The search index is fetched when the reader opens search (tests/test_search.py), not on a first visit."""
    fetched = [url for url in visit(page, "desktop").transfers if SEARCH_INDEX in url]
    assert not fetched, f"{page} fetched the search index before search was opened: {fetched}"


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_every_figure_loads(visit, page):
    images = visit(page, "desktop")["dom"]["images"]
    broken = [src for src, width in images if not width > 0]
    assert not broken, f"{page}: figures that did not load: {broken}"
    assert len(images) == len(runner.figures_of(page.source)), f"{page}: {len(images)} images shown"
    lazy = visit(page, "desktop")["dom"]["lazyImages"]
    assert lazy == len(images), (
        f"{page}: {len(images) - lazy} of {len(images)} figures load with the page instead of when the reader "
        'scrolls near them (hooks/shared_files.py gives them loading="lazy")')


class Targets:
    """What a link into the site finds: the HTTP status of each address and the anchors of each page
    (ids and names in the HTML as served), fetched once per address."""

    def __init__(self):
        self.seen: dict[str, tuple[int, set[str]]] = {}

    def __call__(self, url: str) -> tuple[int, set[str]]:
        if url not in self.seen:
            try:
                with urllib.request.urlopen(url) as answer:
                    status, body = answer.status, answer.read()
            except urllib.error.HTTPError as error:
                status, body = error.code, b""
            text = body.decode("utf-8", "replace") if b"<html" in body[:1000].lower() else ""
            self.seen[url] = status, set(ANCHOR.findall(text))
        return self.seen[url]


@pytest.fixture(scope="module")
def targets():
    return Targets()


def broken_links(links: list[str], site_url: str, targets: Targets) -> list[str]:
    """Links into the site (same host) that leave its path, lead to no file, or to no such anchor."""
    broken = []
    for link in dict.fromkeys(links):
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(site_url).netloc:
            continue  # another site: a link to follow, not a page of ours
        if not link.startswith(site_url):
            broken.append(f"{link} (outside the site's address {site_url})")
            continue
        status, anchors = targets(link.split("#")[0])
        if status != 200:
            broken.append(f"{link} (HTTP {status})")
        elif parts.fragment and unquote(parts.fragment) not in anchors:
            broken.append(f"{link} (no such anchor on that page)")
    return broken


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_every_link_into_the_site_resolves(visit, site_server, targets, page):
    links = visit(page, "desktop")["dom"]["links"]
    assert links, f"{page}: no links found at all"
    broken = broken_links(links, site_server.url, targets)
    assert not broken, f"{page} ({runner.rel(page.source)}) links to what does not exist:\n" + "\n".join(broken)


@pytest.mark.parametrize("locale, lang", [("zh-CN", "zh"), ("zh-TW", "zh"), ("en-US", "en"), ("fr-FR", "en")])
def test_root_sends_the_reader_to_their_language(new_page, site_server, locale, lang):
    _, tab, blocked = new_page(locale=locale)
    tab.goto(site_server.url)
    tab.wait_for_url(f"{site_server.url}{lang}/")
    assert not blocked, f"the root page loaded from outside: {blocked}"


def test_root_offers_both_languages_without_javascript(new_page, site_server, targets):
    _, tab, _ = new_page(java_script_enabled=False)
    tab.goto(site_server.url, wait_until="load")
    assert tab.url == site_server.url, f"without JavaScript the root page moved on to {tab.url}"
    links = tab.eval_on_selector_all("a[href]", "links => links.map((a) => a.href)")
    assert {f"{site_server.url}zh/", f"{site_server.url}en/"} <= set(links), f"root page links: {links}"
    assert not broken_links(links, site_server.url, targets)


@pytest.mark.parametrize("lang", runner.LANGUAGES)
def test_a_browser_that_prefers_dark_opens_the_dark_scheme(new_page, site_server, lang):
    """The other pages are checked dark after the header's toggle (tests/browser.py): the same scheme."""
    _, tab, _ = new_page(color_scheme="dark")
    tab.goto(f"{site_server.url}{lang}/03-lr-decay/", wait_until="load")
    scheme = tab.evaluate("document.body.dataset.mdColorScheme")
    assert scheme == "slate", f"{lang}/03-lr-decay/ opens in the {scheme!r} scheme in a browser that prefers dark"


@pytest.mark.parametrize("missing", ["en/no-such-page/", "zh/notebooks/no-such-notebook/", "no/such/folder/deep/"])
def test_missing_address_gets_the_404_page(new_page, site_server, targets, missing):
    _, tab, blocked = new_page()
    response = tab.goto(site_server.url + missing, wait_until="load")
    assert response.status == 404, f"{missing}: HTTP {response.status}"
    links = tab.eval_on_selector_all("a[href]", "links => links.map((a) => a.href)")
    assert {f"{site_server.url}zh/", f"{site_server.url}en/"} <= set(links), f"{missing}: 404 page links {links}"
    assert not broken_links(links, site_server.url, targets)
    assert not blocked, f"the 404 page loaded from outside: {blocked}"


@pytest.mark.parametrize("lang", runner.LANGUAGES)
def test_material_404_page_works_under_the_path(new_page, site_server, targets, lang):
    """Each language's own 404.html (served by hosts that look for one per folder) links and styles by
    absolute paths below the site's address."""
    _, tab, blocked = new_page()
    tab.goto(f"{site_server.url}{lang}/404.html", wait_until="networkidle")
    styled = tab.evaluate("[...document.styleSheets].filter((sheet) => sheet.cssRules.length > 0).length")
    assert styled >= 2, f"{lang}/404.html: its style sheets did not load ({styled})"
    links = tab.eval_on_selector_all("a[href]", "links => links.map((a) => a.href)")
    assert not broken_links(links, site_server.url, targets), f"{lang}/404.html has broken links"
    assert not blocked, f"{lang}/404.html loaded from outside: {blocked}"


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_first_visit_fits_the_budget(visit, page, record_property):
    transfers = visit(page, "desktop").transfers
    total_kb = sum(transfers.values()) / 1024
    record_property("weight_kb", round(total_kb, 1))
    budget = NOTEBOOK_BUDGET_KB if page.notebook else BUDGET_KB
    largest = sorted(transfers.items(), key=lambda item: -item[1])[:8]
    detail = "\n".join(f"  {size / 1024:7.1f} KB  {urlsplit(url).path}" for url, size in largest)
    assert total_kb <= budget, (
        f"{page}: a first visit transfers {total_kb:.1f} KB (gzip), over the {budget} KB budget. Largest:\n{detail}"
    )


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_language_switcher_keeps_the_page(visit, page):
    other = next(lang for lang in runner.LANGUAGES if lang != page.lang)
    landed = visit(page, "desktop")["switched_to"]
    assert landed == page.path(other), f"{page}: the {other} switcher led to {landed}, not {page.path(other)}"


@pytest.mark.parametrize("page", LESSON_AND_NOTEBOOK_PAGES, ids=str)
def test_copy_button_copies_the_snippet(visit, page):
    """Each code block copies its snippet, commented in the page's language; on a notebook page, each code
    cell (the empty cells under the exercises too) copies its source."""
    if page.notebook:
        cells = [c for c in notebooks.notebook(page.source).cells if c.cell_type == "code"]
        shown = [(cell.metadata.get("snippet", f"the cell of exercise {cell.metadata.get('exercise')}"), cell.source)
                 for cell in cells]
    else:
        shown = [(name, ANNOTATION.sub("", translations.code(runner.SNIPPETS / name, page.lang)))
                 for name in runner.includes_of(page.source) if name.endswith(".py")]
    copied = visit(page, "desktop")["copied"]
    assert len(copied) == len(shown), f"{page}: {len(copied)} copy buttons for {len(shown)} code blocks"
    for (name, expected), text in zip(shown, copied):
        diff = runner.unified_diff(expected, text, name, "clipboard")
        assert text.rstrip("\n") == expected.rstrip("\n"), f"{page}: the copy button of {name} copies:\n{diff}"


@pytest.mark.parametrize("page", [p for p in LESSON_PAGES if COPIED_AND_COMPARED in runner.includes_of(p.source)],
                         ids=str)
def test_copied_decay_snippet_is_the_code_that_ran(visit, page):
    """What a reader copies, commented in the page's language, is token for token the file that
    tests/test_snippets.py ran and compared with the page's output: only comments differ."""
    snippets = [name for name in runner.includes_of(page.source) if name.endswith(".py")]
    text = visit(page, "desktop")["copied"][snippets.index(COPIED_AND_COMPARED)]
    ran = (runner.SNIPPETS / COPIED_AND_COMPARED).read_text(encoding="utf-8")
    assert code_tokens(text.rstrip("\n") + "\n") == code_tokens(ran), (
        f"{page}: the copied {COPIED_AND_COMPARED} is not the code that ran")


@pytest.mark.parametrize("page", LESSON_PAGES, ids=str)
def test_phone_layout_does_not_scroll_sideways(visit, page):
    # a phone's browser widens its layout to fit whatever sticks out, so compare with the phone's width
    found, width = visit(page, "phone")["sideways"], PHONE["width"]
    assert found["scrollWidth"] <= width, (
        f"{page} scrolls sideways on a phone: {found['scrollWidth']} px wide in a {width} px window; "
        f"elements sticking out: {found['wide']}"
    )
