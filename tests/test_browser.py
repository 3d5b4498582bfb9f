"""The site as a reader meets it, in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright),
published under a path (http://127.0.0.1:<port>/nn-optimization/, see tests/conftest.py).

For every page in both languages (and every lesson's notebook page): nothing is requested outside
127.0.0.1, the console stays free of errors, every formula is KaTeX's HTML already at DOMContentLoaded (rendered
when the site is built, hooks/formulas.py) and styled by KaTeX's CSS, which only pages with formulas load, and
no KaTeX script is loaded; every figure loads when the reader scrolls near it (loading="lazy"), every link into
the site leads to a page that exists and to an anchor on it, the language switcher leads to the same page in the
other language, and its first visit fits the transfer budget without the search index (fetched when search opens).
For every lesson page:
each snippet's copy button copies exactly the snippet, and screenshots at desktop and phone width are written to
screenshots/ (the phone layout must not scroll sideways). The site's root page sends a reader to the
language their browser prefers, and a missing address gets the site's 404 page. Search: tests/test_search.py.
"""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tools import notebooks, translations
from tools import snippets as runner

pytestmark = pytest.mark.xdist_group("site")  # the site is built and served once (tests/conftest.py)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [  # no background traffic: this machine's network is closed, and the tests count requests
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# a page and everything its first visit loads, gzip-compressed as a static host sends it (phones on slow networks)
BUDGET_KB = 250
NOTEBOOK_BUDGET_KB = 300
KATEX_ASSETS = "/assets/katex/"  # hooks/shared_files.py: KaTeX's CSS and fonts, no script
SEARCH_INDEX = "/search/search_index.json"
SCREENSHOTS = runner.ROOT / "screenshots"
COPIED_AND_RUN = "03-lr-decay/decay_tf2.py"  # its copied text is saved to a file and run
ANCHOR = re.compile(r"""\s(?:id|name)=["']?([^"'\s>]+)""")  # what a link's #fragment can point at
ANNOTATION = re.compile(r"\s*# \(\d+\)!?$", re.M)  # Material's code annotation markers, not copied

LESSONS = [page for lang in runner.LANGUAGES for page in notebooks.lessons(runner.DOCS / lang)]


@dataclass(frozen=True)
class Page:
    """A page of the built site: a docs/ page, or the notebook page of a lesson."""

    source: Path
    notebook: bool = False

    @property
    def lang(self) -> str:
        return self.source.relative_to(runner.DOCS).parts[0]

    def path(self, lang: str | None = None) -> str:
        """The page's address below the site's, e.g. en/03-lr-decay/ (in `lang`, default its own)."""
        stem = self.source.relative_to(runner.DOCS / self.lang).with_suffix("").as_posix()
        if self.notebook:
            stem = f"notebooks/{stem}"
        stem = stem.removesuffix("index").rstrip("/")
        return f"{lang or self.lang}/" + (f"{stem}/" if stem else "")

    def __str__(self) -> str:
        return self.path().strip("/")


PAGES = [Page(p) for p in runner.pages()] + [Page(p, notebook=True) for p in LESSONS]
LESSON_PAGES = [Page(p) for p in LESSONS]
LESSON_AND_NOTEBOOK_PAGES = [p for p in PAGES if p.source in LESSONS]


@dataclass
class Visit:
    """What one first visit of a page (fresh browser context, empty cache) saw, ending with a click on
    the language switcher."""

    blocked: list[str]
    errors: list[str] = field(default_factory=list)
    transfers: dict[str, int] = field(default_factory=dict)  # URL -> gzip-compressed body size
    dom: dict = field(default_factory=dict)
    copied: list[str] = field(default_factory=list)  # clipboard text of each snippet's copy button
    switched_to: str = ""  # where the switcher to the other language led


# counted by an init script when the page's DOMContentLoaded fires: any formula rendered later by a script is missed
MATH_AT_DOM_CONTENT_LOADED = """document.addEventListener("DOMContentLoaded", () => {
  window.mathAtDOMContentLoaded = {
    rendered: document.querySelectorAll(".arithmatex .katex").length,
    notebookFormulas: document.querySelectorAll(".jupyter-wrapper .katex").length,
  };
});"""

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


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make setup` (it installs Debian's chromium with apt-get)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def let_through(context, allowed) -> list[str]:
    """Let the requests of a browser context that `allowed(url)` accepts through; abort the others and
    list them in the returned list (which the tests assert is empty)."""
    blocked = []

    def route(request_route):
        url = request_route.request.url
        if allowed(url):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort("blockedbyclient")

    context.route("**/*", route)
    context.set_default_timeout(20_000)
    return blocked


@pytest.fixture(scope="module")
def new_page(browser, site, site_server):
    """new_page(...) -> (context, page, blocked URLs): a fresh context (empty cache) that lets only
    127.0.0.1 through. Opening one closes the previous one: the tests use one at a time."""
    contexts = []

    def open_page(viewport=DESKTOP, **options):
        while contexts:
            contexts.pop().close()
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        blocked = let_through(context, lambda url: urlsplit(url).hostname == "127.0.0.1")
        return context, context.new_page(), blocked

    yield open_page
    while contexts:
        contexts.pop().close()


@pytest.fixture(scope="module")
def screenshots():
    SCREENSHOTS.mkdir(exist_ok=True)  # overwritten on each run; `make clean` removes the folder
    return SCREENSHOTS


def screenshot_path(page: Page, label: str) -> Path:
    return SCREENSHOTS / f"{str(page).replace('/', '-')}.{label}.png"


def copy_buttons(tab, page: Page):
    if page.notebook:  # mkdocs-jupyter: one copy button per code cell
        return tab.locator(".jp-CodeCell clipboard-copy")
    # Material: the code blocks titled with a file name ending in .py
    return tab.locator('.highlight:has(.filename:text-matches("\\.py$")) button[data-md-type="copy"]')


@pytest.fixture(scope="module")
def visit(new_page, site_server, screenshots):
    """visit(page) -> Visit: one first visit per page, shared by the tests below (each checks one thing)."""
    seen: dict[str, Visit] = {}

    def load(page: Page) -> Visit:
        if str(page) in seen:
            return seen[str(page)]
        context, tab, blocked = new_page(permissions=["clipboard-read", "clipboard-write"])
        result = seen[str(page)] = Visit(blocked)
        responses, errors = [], result.errors
        context.on("response", lambda answer: responses.append(answer))
        context.add_init_script(MATH_AT_DOM_CONTENT_LOADED)
        tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
        tab.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
        response = tab.goto(site_server.url + page.path(), wait_until="networkidle")
        assert response.status == 200, f"{page}: HTTP {response.status}"
        for answer in list(responses):  # the first visit: what loads before the reader scrolls
            body = answer.body() if answer.status < 300 else b""
            result.transfers[answer.url] = result.transfers.get(answer.url, 0) + len(gzip.compress(body, 6))
        result.dom = tab.evaluate(DOM_FACTS)
        if page.source in LESSONS:
            if not page.notebook:
                tab.screenshot(path=screenshot_path(page, "desktop"), full_page=True)
            buttons = copy_buttons(tab, page)
            # a reader opens a solution before copying its code (a closed box copies nothing)
            tab.evaluate("document.querySelectorAll('article details').forEach((box) => { box.open = true; })")
            for index in range(buttons.count()):
                tab.evaluate("navigator.clipboard.writeText('')")
                buttons.nth(index).evaluate("(button) => button.click()")  # also in a tab that is not shown
                result.copied.append(tab.evaluate("navigator.clipboard.readText()"))

        # the page in the other language is visited on its own: keep what it does out of this page's record
        result.blocked, result.errors = list(blocked), list(errors)
        other = next(lang for lang in runner.LANGUAGES if lang != page.lang)
        tab.hover(".md-header__option .md-select")
        tab.click(f'a.md-select__link[hreflang="{other}"]')
        try:
            tab.wait_for_url(site_server.url + page.path(other))
        except Exception:  # playwright's TimeoutError: the test reports where the switcher went instead
            pass
        result.switched_to = tab.url.removeprefix(site_server.url)
        return result

    return load


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_loads_nothing_from_outside(visit, page):
    blocked = visit(page).blocked
    assert not blocked, f"{page} tried to load from outside 127.0.0.1 (blocked):\n" + "\n".join(blocked)


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_has_no_console_errors(visit, page):
    errors = visit(page).errors
    assert not errors, f"{page}: console errors:\n" + "\n".join(errors)


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_every_formula_renders(visit, page, record_property):
    dom = visit(page).dom
    assert not dom["katexErrors"], f"{page}: KaTeX could not render: {dom['katexErrors']}"
    if page.notebook:  # the same prose as the lesson page, so the same formulas
        expected = visit(Page(page.source)).dom["arithmatex"]
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
    dom = visit(page).dom
    key = "notebookFormulas" if page.notebook else "rendered"
    at_load = (dom["atDOMContentLoaded"] or {}).get(key)
    assert at_load == dom[key], f"{page}: {at_load} formulas rendered at DOMContentLoaded, {dom[key]} later"
    if dom[key]:
        assert "KaTeX_Main" in dom["katexFont"], f"{page}: KaTeX's CSS is not applied (font {dom['katexFont']!r})"


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_katex_assets_only_where_formulas_are(visit, page):
    """A page with formulas loads KaTeX's CSS (and the fonts it uses), a page without loads nothing of KaTeX;
    no page loads KaTeX's JavaScript."""
    visited = visit(page)
    katex = [urlsplit(url).path.split(KATEX_ASSETS)[-1] for url in visited.transfers if KATEX_ASSETS in url]
    scripts = [url for url in visited.transfers if re.search(r"katex|auto-render", url) and url.endswith(".js")]
    assert not scripts, f"{page} loads KaTeX scripts: {scripts}"
    formulas = visited.dom["notebookFormulas" if page.notebook else "rendered"]
    if formulas:
        assert "katex.min.css" in katex, f"{page}: {formulas} formulas, but KaTeX's CSS was not loaded: {katex}"
    else:
        assert not katex, f"{page} has no formula but loads KaTeX's {katex}"


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_search_index_waits_for_search(visit, page):
    """The search index is fetched when the reader opens search (tests/test_search.py), not on a first visit."""
    fetched = [url for url in visit(page).transfers if SEARCH_INDEX in url]
    assert not fetched, f"{page} fetched the search index before search was opened: {fetched}"


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_every_figure_loads(visit, page):
    images = visit(page).dom["images"]
    broken = [src for src, width in images if not width > 0]
    assert not broken, f"{page}: figures that did not load: {broken}"
    assert len(images) == len(runner.figures_of(page.source)), f"{page}: {len(images)} images shown"
    lazy = visit(page).dom["lazyImages"]
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
    links = visit(page).dom["links"]
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
    transfers = visit(page).transfers
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
    landed = visit(page).switched_to
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
    copied = visit(page).copied
    assert len(copied) == len(shown), f"{page}: {len(copied)} copy buttons for {len(shown)} code blocks"
    for (name, expected), text in zip(shown, copied):
        diff = runner.unified_diff(expected, text, name, "clipboard")
        assert text.rstrip("\n") == expected.rstrip("\n"), f"{page}: the copy button of {name} copies:\n{diff}"


@pytest.mark.parametrize("lang", runner.LANGUAGES)
def test_copied_decay_snippet_prints_its_output(visit, tmp_path, lang):
    """What a reader copies, commented in the page's language, runs and prints the page's output."""
    page = next(p for p in LESSON_PAGES if p.lang == lang and COPIED_AND_RUN in runner.includes_of(p.source))
    snippets = [name for name in runner.includes_of(page.source) if name.endswith(".py")]
    text = visit(page).copied[snippets.index(COPIED_AND_RUN)]
    saved = tmp_path / Path(COPIED_AND_RUN).name
    saved.write_text(text, encoding="utf-8")
    run = runner.run_snippet(saved)
    assert run.ok, f"{page}: the copied {COPIED_AND_RUN} {run.problem()}"
    committed = runner.output_path(runner.SNIPPETS / COPIED_AND_RUN).read_text(encoding="utf-8")
    assert run.stdout == committed, runner.unified_diff(committed, run.stdout, "committed", "copied and run")


@pytest.mark.parametrize("page", LESSON_PAGES, ids=str)
def test_screenshots_and_phone_layout(visit, new_page, site_server, page):
    visit(page)  # takes the desktop screenshot
    assert screenshot_path(page, "desktop").exists(), f"{page}: no desktop screenshot"
    _, tab, _ = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    tab.goto(site_server.url + page.path(), wait_until="networkidle")
    tab.screenshot(path=screenshot_path(page, "phone"), full_page=True)
    # a phone's browser widens its layout to fit whatever sticks out, so compare with the phone's width
    width = PHONE["width"]
    scroll_width = tab.evaluate("Math.max(innerWidth, document.scrollingElement.scrollWidth)")
    wide = tab.evaluate("""(width) => [...document.querySelectorAll('article *')]
        .filter((el) => el.getBoundingClientRect().right > width + 1)
        .filter((el) => !el.closest('pre, .highlight, .md-typeset__scrollwrap, .katex-display, .tabbed-labels'))
        .slice(0, 5).map((el) => el.tagName + '.' + el.className)""", width)
    assert scroll_width <= width, (
        f"{page} scrolls sideways on a phone: {scroll_width} px wide in a {width} px window; "
        f"elements sticking out: {wide}"
    )
