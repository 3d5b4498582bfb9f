"""Formulas and tables on a phone: every lesson page and its notebook page, both languages, 390 px wide
in headless Chromium (the phone visit of tests/browser.py).

A display formula either fits its column or scrolls sideways where the reader can see it (edge shadows)
and reach it by keyboard (focusable, with a name); none is cut off. Anything else that scrolls sideways
(a wide table, a code block, notebook output) can be reached by keyboard too. Code in a table cell stays
on one line instead of breaking letter by letter.
"""

from __future__ import annotations

import pytest

from tests.browser import LESSON_AND_NOTEBOOK_PAGES, LESSON_PAGES, LESSONS, PHONE, probe
from tools import snippets as runner

MEASURE = """() => {
  const focusable = (element) => element.tabIndex >= 0 ||
    element.querySelector("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])");
  const scroller = (element) => {  // the formula or nearest ancestor that clips what overflows
    for (let box = element; box && box !== document.body; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if (overflow !== "visible") return box;
    }
    return null;
  };
  const formulas = [], regions = [], code = [];
  for (const display of document.querySelectorAll(".md-content .katex-display")) {
    const tex = (display.querySelector("annotation")?.textContent || display.textContent).trim().slice(0, 70);
    const drawn = display.querySelector(".katex-html").getBoundingClientRect();
    const box = scroller(display);
    if (!box) {
      if (drawn.right > innerWidth + 1 || drawn.left < -1) {
        formulas.push(`${tex}: ${Math.round(drawn.width)} px wide, cut off at the screen's edge`);
      }
      continue;
    }
    if (box.scrollWidth <= box.clientWidth + 1) continue;  // fits its column
    const style = getComputedStyle(box);
    const problems = [];
    if (!["auto", "scroll"].includes(style.overflowX)) problems.push(`overflow-x ${style.overflowX}: cut off`);
    if (!focusable(box)) problems.push("not focusable, so the keyboard cannot scroll it");
    if (!box.getAttribute("aria-label")) problems.push("no accessible name");
    if (!style.boxShadow.includes("inset")) problems.push("no shadow on its edge shows that it scrolls");
    if (problems.length) {
      formulas.push(`${tex}: ${box.scrollWidth} px in a ${box.clientWidth} px column, ${problems.join("; ")}`);
    }
  }
  for (const element of document.querySelectorAll(".md-content *")) {  // what axe calls scrollable regions
    if (element.scrollWidth > element.clientWidth + 1 && !focusable(element) &&
        ["auto", "scroll"].includes(getComputedStyle(element).overflowX)) {
      const text = element.textContent.trim().replace(/\\s+/g, " ").slice(0, 50);
      regions.push(`${element.tagName.toLowerCase()}.${[...element.classList].join(".")} "${text}": ` +
                   `${element.scrollWidth} px in ${element.clientWidth} px`);
    }
  }
  for (const cell of document.querySelectorAll(".md-content :is(td, th) code")) {
    const lines = cell.getClientRects().length;
    if (lines > 1) code.push(`${cell.textContent} (${lines} lines)`);
  }
  return {formulas, regions, code, displays: document.querySelectorAll(".md-content .katex-display").length,
          cells: document.querySelectorAll(".md-content :is(td, th) code").length};
}"""


@probe("phone", applies=lambda page: page.source in LESSONS)
def formulas_and_tables(tab, page, site_url):
    """What MEASURE finds on the page at 390 px (formulas rendered, fonts loaded)."""
    return tab.evaluate(MEASURE)


@pytest.mark.parametrize("page", LESSON_AND_NOTEBOOK_PAGES, ids=str)
def test_formulas_and_tables_fit_a_phone(visit, page):
    seen = visit(page, "phone")
    found = seen["formulas_and_tables"]
    assert not seen.blocked, f"{page}: requests outside 127.0.0.1: {seen.blocked}"
    source = runner.rel(page.source)
    assert not found["formulas"], (
        f"{page} ({source}) at {PHONE['width']} px: display formulas wider than the column that are cut off "
        f"or not visibly, keyboard scrollable:\n  " + "\n  ".join(found["formulas"])
    )
    assert not found["regions"], (
        f"{page} ({source}) at {PHONE['width']} px: regions that scroll sideways but cannot be reached by "
        "keyboard (nothing in them is focusable):\n  " + "\n  ".join(found["regions"])
    )
    assert not found["code"], (
        f"{page} ({source}) at {PHONE['width']} px: code in table cells broken over lines "
        "(keep it on one line: white-space nowrap, the table scrolls):\n  " + "\n  ".join(found["code"])
    )


@pytest.mark.parametrize("page", [p for p in LESSON_PAGES if p.source.name.startswith("07-")], ids=str)
def test_the_phone_check_sees_formulas_and_table_code(visit, page):
    """Guard against a measurement that finds nothing, which would let the test above pass vacuously."""
    found = visit(page, "phone")["formulas_and_tables"]
    seen = f"{page}: {found['displays']} display formulas, {found['cells']} code spans in table cells"
    assert found["displays"] >= 9 and found["cells"] >= 10, seen
