"""Accessibility, in headless Chromium (the visits of tests/browser.py) with axe-core.

axe-core comes from npm (devDependencies, pinned in package-lock.json). The test adds it to the page it
checks; the site never serves it. Every page (docs pages and notebook pages, both languages) is checked in
the light and the dark colour scheme (Material follows prefers-color-scheme): no critical and no serious
violation. Glossary terms can be reached by keyboard and by touch and show a readable translation; the
glossary page tells readers how, without repository paths.
"""

from __future__ import annotations

import re

import pytest

from tests.browser import PAGES, Page, probe
from tools import snippets as runner

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
# runs every rule (on the desktop visit), the dark one the rules about colour (on the dark visit).
RULES = {"light": None, "dark": ["color-contrast", "link-in-text-block"]}
RUN_AXE = """(rules) => axe.run(document, {resultTypes: ["violations"],
                                        ...(rules ? {runOnly: {type: "rule", values: rules}} : {})})
  .then((result) => result.violations.map(
  (rule) => ({id: rule.id, impact: rule.impact, help: rule.help, count: rule.nodes.length,
              targets: rule.nodes.map((node) => node.target.join(" ")),
              summary: (rule.nodes[0].failureSummary || "").split("\\n").slice(0, 2).join(" ")})))"""


def test_axe_is_not_part_of_the_site(site):
    folder, _ = site
    served = [path.relative_to(folder).as_posix() for path in folder.rglob("*axe*")]
    assert not served, f"axe-core is a test tool, but the built site contains {served}"


def run_axe(tab, rules) -> list[dict]:
    assert AXE.is_file(), f"{AXE} is missing: run `make setup` (npm ci installs axe-core)"
    tab.add_script_tag(path=str(AXE))
    return tab.evaluate(RUN_AXE, rules)


@probe("desktop", order=10)  # after the page's own facts, before anything clicks or types
def axe_light(tab, page, site_url):
    return run_axe(tab, RULES["light"])


@probe("dark", order=10)
def axe_dark(tab, page, site_url):
    return run_axe(tab, RULES["dark"])


def describe(violations: list[dict]) -> str:
    lines = []
    for rule in violations:
        targets = ", ".join(rule["targets"][:SHOWN_TARGETS]) + (" ..." if rule["count"] > SHOWN_TARGETS else "")
        lines.append(f"  {rule['id']} ({rule['impact']}, {rule['count']} elements): {rule['help']}\n"
                     f"    e.g. {targets}\n    {rule['summary']}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", RULES)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_axe_finds_no_serious_violation(visit, page, scheme):
    seen = visit(page, "desktop" if scheme == "light" else "dark")
    failing = [rule for rule in seen[f"axe_{scheme}"] if rule["impact"] in FAILING]
    assert not failing, (
        f"{page} ({runner.rel(page.source)}), {scheme} scheme: axe-core finds "
        f"{len(failing)} critical or serious rules violated:\n{describe(failing)}"
    )
    assert not seen.blocked, f"{page}: requests outside 127.0.0.1 were blocked: {seen.blocked}"


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


TERM_PAGES = [Page(runner.DOCS / lang / TERM_PAGE) for lang in runner.LANGUAGES]


@probe("desktop", order=20, applies=lambda page: page in TERM_PAGES)
def term_by_keyboard(tab, page, site_url):
    """The page's glossary terms, and the first one the Tab key reaches with the tooltip it shows then."""
    terms = tab.eval_on_selector_all(".md-content abbr", TERMS)
    for _ in range(300):  # Tab through the page until a term has the focus
        tab.keyboard.press("Tab")
        if (index := tab.evaluate(FOCUSED_TERM)) >= 0:
            break
    else:
        return {"terms": terms, "reached": None}
    try:
        tooltip = tooltip_of(tab, tab.evaluate_handle("document.activeElement"))
    except Exception:  # playwright's TimeoutError
        tooltip = None
    return {"terms": terms, "reached": index, "tooltip": tooltip}


@pytest.mark.parametrize("page", TERM_PAGES, ids=str)
def test_glossary_terms_are_reached_by_keyboard_with_a_readable_tooltip(visit, page):
    seen = visit(page, "desktop")["term_by_keyboard"]
    terms = seen["terms"]
    assert terms, f"{page}: no glossary terms (<abbr>) on the page"
    unreachable = [term["text"] for term in terms if term["tabIndex"] < 0]
    assert not unreachable, f"{page}: glossary terms the Tab key skips (no tabindex): {unreachable}"
    assert seen["reached"] is not None, f"{page}: 300 presses of Tab never reached a glossary term"
    term, tooltip = terms[seen["reached"]], seen["tooltip"]
    assert tooltip, f"{page}: the focused term {term['text']!r} shows no tooltip that describes it"
    assert tooltip["text"] == term["title"], f"{page}: {term['text']!r} focused shows {tooltip['text']!r}"
    assert tooltip["px"] >= MIN_TOOLTIP_PX, (
        f"{page}: the tooltip of {term['text']!r} is {tooltip['px']} px, under {MIN_TOOLTIP_PX} px"
    )


@probe("phone", order=20, applies=lambda page: page in TERM_PAGES)
def term_by_touch(tab, page, site_url):
    """The first glossary term's title, and what its tooltip shows after a tap."""
    term = tab.locator(".md-content abbr").first
    title = term.get_attribute("title")
    term.scroll_into_view_if_needed()
    term.tap()
    return {"text": term.text_content(), "title": title, "tooltip": tooltip_of(tab, term.element_handle())}


@pytest.mark.parametrize("page", TERM_PAGES, ids=str)
def test_glossary_terms_show_their_translation_on_a_tap(visit, page):
    seen = visit(page, "phone")["term_by_touch"]
    tooltip = seen["tooltip"]
    assert tooltip["text"] == seen["title"], f"{page}: tapping {seen['text']!r} shows {tooltip['text']!r}"
    assert tooltip["px"] >= MIN_TOOLTIP_PX, f"{page}: the tooltip is {tooltip['px']} px on a phone"


@probe("desktop", applies=lambda page: page in GLOSSARY_PAGES)
def article_text(tab, page, site_url):
    return tab.inner_text("article")


@pytest.mark.parametrize("page", GLOSSARY_PAGES, ids=str)
def test_glossary_page_speaks_to_readers_not_to_contributors(visit, page):
    text = visit(page, "desktop")["article_text"]
    paths = REPOSITORY_PATH.findall(text)
    assert not paths, f"{page} ({runner.rel(page.source)}) shows readers repository paths: {paths}"
    missing = [way for way in OTHER_THAN_HOVER[page.lang] if way not in text]
    assert not missing, (
        f"{page} ({runner.rel(page.source)}) must tell readers how to see a translation without a mouse; "
        f"it never mentions {missing}"
    )
