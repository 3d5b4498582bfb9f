"""Accessibility, in headless Chromium (see tests/test_browser.py) with axe-core.

axe-core comes from npm (devDependencies, pinned in package-lock.json). The test adds it to the page it
checks; the site never serves it. Every page (docs pages and notebook pages, both languages) is checked in
the light and the dark colour scheme (Material follows prefers-color-scheme): no critical and no serious
violation. Glossary terms can be reached by keyboard and by touch and show a readable translation; the
glossary page tells readers how, without repository paths.
"""

from __future__ import annotations

import re

import pytest

from tests.test_browser import DESKTOP, PAGES, Page, browser, let_through  # noqa: F401 (browser: a fixture)
from tools import snippets as runner

pytestmark = pytest.mark.xdist_group("site")  # the site is built and served once (tests/conftest.py)

AXE = runner.ROOT / "node_modules" / "axe-core" / "axe.min.js"
FAILING = ("critical", "serious")
SHOWN_TARGETS = 4  # selectors named in a failure message, per rule
MIN_TOOLTIP_PX = 13
GLOSSARY_PAGES = [Page(runner.DOCS / lang / "glossary.md") for lang in runner.LANGUAGES]
TERM_PAGE = "02-learning-rate.md"  # a lesson whose text has glossary terms
# what a repository path looks like in a reader's text: a file of the repository or one of its folders
REPOSITORY_PATH = re.compile(r"[\w./-]+\.(?:ya?ml|py|md|txt|json|ipynb)\b|\b(?:docs|snippets|hooks|tools|tests)/")
# the glossary page must offer more than a mouse: the keyboard (Tab) and touch
OTHER_THAN_HOVER = {"zh": ("Tab", "点一下"), "en": ("Tab", "tap")}

# The schemes differ only in colours (Material swaps CSS variables; the page is the same): the light scheme
# runs every rule, the dark one the rules about colour, which keeps the 72 runs within about a minute.
RULES = {"light": None, "dark": ["color-contrast", "link-in-text-block"]}
RUN_AXE = """(rules) => axe.run(document, {resultTypes: ["violations"],
                                        ...(rules ? {runOnly: {type: "rule", values: rules}} : {})})
  .then((result) => result.violations.map(
  (rule) => ({id: rule.id, impact: rule.impact, help: rule.help, count: rule.nodes.length,
              targets: rule.nodes.map((node) => node.target.join(" ")),
              summary: (rule.nodes[0].failureSummary || "").split("\\n").slice(0, 2).join(" ")})))"""


@pytest.fixture(scope="module")
def scheme_tabs(browser, site, site_server):  # noqa: F811 (browser is the fixture imported above)
    """tab(scheme) -> a page in a browser context with that colour scheme, one context per scheme reused
    for every page (its cache makes the 72 visits fast); only 127.0.0.1 is let through."""
    assert AXE.is_file(), f"{AXE} is missing: run `make setup` (npm ci installs axe-core)"
    contexts, tabs = [], {}

    def tab(scheme: str):
        if scheme not in tabs:
            context = browser.new_context(color_scheme=scheme, viewport=DESKTOP)
            blocked = let_through(context, lambda url: url.startswith("http://127.0.0.1:"))
            contexts.append(context)
            tabs[scheme] = context.new_page(), blocked
        return tabs[scheme]

    yield tab
    for context in contexts:
        context.close()


def test_axe_is_not_part_of_the_site(site):
    folder, _ = site
    served = [path.relative_to(folder).as_posix() for path in folder.rglob("*axe*")]
    assert not served, f"axe-core is a test tool, but the built site contains {served}"


def open_checked(tab, url: str):
    """Open a page and wait until it is what a reader sees: formulas rendered, fonts loaded (the
    page's scripts measure the formulas again then)."""
    response = tab.goto(url, wait_until="load")
    assert response.status == 200, f"{url}: HTTP {response.status}"
    tab.evaluate("document.fonts.ready.then(() => new Promise(requestAnimationFrame))")


def describe(violations: list[dict]) -> str:
    lines = []
    for rule in violations:
        targets = ", ".join(rule["targets"][:SHOWN_TARGETS]) + (" ..." if rule["count"] > SHOWN_TARGETS else "")
        lines.append(f"  {rule['id']} ({rule['impact']}, {rule['count']} elements): {rule['help']}\n"
                     f"    e.g. {targets}\n    {rule['summary']}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", RULES)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_axe_finds_no_serious_violation(scheme_tabs, site_server, page, scheme):
    tab, blocked = scheme_tabs(scheme)
    open_checked(tab, site_server.url + page.path())
    tab.add_script_tag(path=str(AXE))
    violations = tab.evaluate(RUN_AXE, RULES[scheme])
    failing = [rule for rule in violations if rule["impact"] in FAILING]
    assert not failing, (
        f"{page} ({runner.rel(page.source)}), {scheme} scheme: axe-core finds "
        f"{len(failing)} critical or serious rules violated:\n{describe(failing)}"
    )
    assert not blocked, f"{page}: requests outside 127.0.0.1 were blocked: {blocked}"


TOOLTIP = """(term) => {  // the tooltip that describes the term, once Material shows it
  const tip = document.getElementById(term.getAttribute("aria-describedby") || "-");
  if (!tip || !tip.classList.contains("md-tooltip2--active")) return null;
  const inner = tip.querySelector(".md-tooltip2__inner");
  return {text: inner.textContent.trim(), px: parseFloat(getComputedStyle(inner).fontSize)};
}"""


def tooltip_of(tab, term) -> dict:
    """What Material's tooltip shows for a term (an element handle): its text and font size."""
    return tab.wait_for_function(TOOLTIP, arg=term, timeout=5_000).json_value()


TERMS = "terms => terms.map((term) => ({text: term.textContent, title: term.title, tabIndex: term.tabIndex}))"
FOCUSED_TERM = "[...document.querySelectorAll('.md-content abbr')].indexOf(document.activeElement)"


@pytest.mark.parametrize("lang", runner.LANGUAGES)
def test_glossary_terms_are_reached_by_keyboard_with_a_readable_tooltip(scheme_tabs, site_server, lang):
    page = Page(runner.DOCS / lang / TERM_PAGE)
    tab, _ = scheme_tabs("light")
    open_checked(tab, site_server.url + page.path())
    terms = tab.eval_on_selector_all(".md-content abbr", TERMS)
    assert terms, f"{page}: no glossary terms (<abbr>) on the page"
    unreachable = [term["text"] for term in terms if term["tabIndex"] < 0]
    assert not unreachable, f"{page}: glossary terms the Tab key skips (no tabindex): {unreachable}"
    for _ in range(300):  # Tab through the page until the first term has the focus
        tab.keyboard.press("Tab")
        if (index := tab.evaluate(FOCUSED_TERM)) >= 0:
            break
    else:
        pytest.fail(f"{page}: 300 presses of Tab never reached a glossary term")
    term = terms[index]
    try:
        tooltip = tooltip_of(tab, tab.evaluate_handle("document.activeElement"))
    except Exception:  # playwright's TimeoutError
        pytest.fail(f"{page}: the focused term {term['text']!r} shows no tooltip that describes it")
    assert tooltip["text"] == term["title"], f"{page}: {term['text']!r} focused shows {tooltip['text']!r}"
    assert tooltip["px"] >= MIN_TOOLTIP_PX, (
        f"{page}: the tooltip of {term['text']!r} is {tooltip['px']} px, under {MIN_TOOLTIP_PX} px"
    )


@pytest.mark.parametrize("lang", runner.LANGUAGES)
def test_glossary_terms_show_their_translation_on_a_tap(browser, site, site_server, lang):  # noqa: F811
    page = Page(runner.DOCS / lang / TERM_PAGE)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        let_through(context, lambda url: url.startswith("http://127.0.0.1:"))
        tab = context.new_page()
        open_checked(tab, site_server.url + page.path())
        term = tab.locator(".md-content abbr").first
        title = term.get_attribute("title")
        term.scroll_into_view_if_needed()
        term.tap()
        tooltip = tooltip_of(tab, term.element_handle())
        assert tooltip["text"] == title, f"{page}: tapping {term.text_content()!r} shows {tooltip['text']!r}"
        assert tooltip["px"] >= MIN_TOOLTIP_PX, f"{page}: the tooltip is {tooltip['px']} px on a phone"
    finally:
        context.close()


@pytest.mark.parametrize("page", GLOSSARY_PAGES, ids=str)
def test_glossary_page_speaks_to_readers_not_to_contributors(scheme_tabs, site_server, page):
    tab, _ = scheme_tabs("light")
    open_checked(tab, site_server.url + page.path())
    text = tab.inner_text("article")
    paths = REPOSITORY_PATH.findall(text)
    assert not paths, f"{page} ({runner.rel(page.source)}) shows readers repository paths: {paths}"
    missing = [way for way in OTHER_THAN_HOVER[page.lang] if way not in text]
    assert not missing, (
        f"{page} ({runner.rel(page.source)}) must tell readers how to see a translation without a mouse; "
        f"it never mentions {missing}"
    )
