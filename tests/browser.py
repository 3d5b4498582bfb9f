"""The built site in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright): one visit per page
per view, shared by every test that reads that page.

A test module registers what it wants to see of a page with @probe(view): a function (tab, page, url) ->
data, run during the page's visit in that view. visit(page, view) opens the page once per viewport (a fresh
browser context: empty cache, only 127.0.0.1 let through), runs every probe registered for it, closes it and
keeps what each probe returned; the tests assert on that. The views:

    desktop  1280 px, the light scheme, the clipboard allowed; the first visit's transfers are counted
    dark     the same visit, after the reader switched to the dark scheme with the header's toggle
    phone    390 px, a touch screen, the light scheme

(That a browser preferring the dark scheme opens pages in it is checked once per language, in test_browser.py.)

Tests that visit a page are grouped by page (tests/conftest.py), so one pytest-xdist worker visits it, once
per view, while the other worker visits other pages.
"""

from __future__ import annotations

import gzip
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tools import notebooks
from tools import snippets as runner

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [  # no background traffic: this machine's network is closed, and the tests count requests
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWS = {  # a browser context each; "dark" is part of the desktop visit
    "desktop": {"viewport": DESKTOP, "permissions": ["clipboard-read", "clipboard-write"]},
    "phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True},
}
LEAVES_THE_PAGE = 100  # probes from this order on navigate away: what happens there is not the page's
# the header's toggle: its label checks this input, and Material switches on the input's change event (a click
# on the label would also leave the focus on it, and its tooltip fading in over the page)
DARK_SCHEME = """() => {
  const dark = document.querySelector('input[name="__palette"][data-md-color-scheme="slate"]');
  dark.checked = true;
  dark.dispatchEvent(new Event("change", { bubbles: true }));
}"""
SCREENSHOTS = runner.ROOT / "screenshots"  # written only when SCREENSHOTS=1 (`make test SCREENSHOTS=1`)

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
NOTEBOOK_PAGES = [p for p in PAGES if p.notebook]

# counted by an init script when the page's DOMContentLoaded fires: any formula rendered later by a script is missed
MATH_AT_DOM_CONTENT_LOADED = """document.addEventListener("DOMContentLoaded", () => {
  window.mathAtDOMContentLoaded = {
    rendered: document.querySelectorAll(".arithmatex .katex").length,
    notebookFormulas: document.querySelectorAll(".jupyter-wrapper .katex").length,
  };
});"""


@dataclass
class Probe:
    name: str
    view: str
    run: object  # (tab, page, site_url) -> data
    applies: object  # page -> bool
    order: int


PROBES: list[Probe] = []


def probe(view: str, order: int = 0, applies=lambda page: True):
    """Register a function (tab, page, site_url) -> data to run on every visit of a page in `view` for which
    applies(page) is true, in `order` (probes that change the page come after those that read it; the dark
    ones after every desktop one that stays on the page)."""
    assert view in (*VIEWS, "dark"), view

    def register(function):
        PROBES.append(Probe(function.__name__, view, function, applies, order))
        return function

    return register


@dataclass
class Visit:
    """What one visit of a page in one view saw."""

    page: Page
    view: str
    status: int = 0
    blocked: list[str] = field(default_factory=list)  # requests outside 127.0.0.1, aborted
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    transfers: dict[str, int] = field(default_factory=dict)  # URL -> gzip-compressed body size (desktop)
    results: dict[str, object] = field(default_factory=dict)  # probe name -> what it returned
    failures: dict[str, str] = field(default_factory=dict)  # probe name -> its traceback

    def __getitem__(self, name: str):
        if name in self.failures:
            pytest.fail(f"{self.page} ({self.view}): looking at the page failed in {name}:\n{self.failures[name]}",
                        pytrace=False)
        if name not in self.results:
            pytest.fail(f"{self.page} ({self.view}): no probe {name} ran on this page", pytrace=False)
        return self.results[name]


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


def from_this_machine(url: str) -> bool:
    return urlsplit(url).hostname == "127.0.0.1"


def open_visit(browser, site_url: str, page: Page, view: str) -> Visit:
    context = browser.new_context(**VIEWS[view])
    try:
        return run_visit(context, site_url, page, view)
    finally:
        context.close()


def steps(page: Page, view: str) -> list:
    """The probes of a visit in the order they run, with the switch to the dark scheme where it belongs."""
    def mine(kind):
        return sorted((p for p in PROBES if p.view == kind and p.applies(page)), key=lambda p: p.order)

    staying = [p for p in mine(view) if p.order < LEAVES_THE_PAGE]
    leaving = [p for p in mine(view) if p.order >= LEAVES_THE_PAGE]
    dark = mine("dark") if view == "desktop" else []
    return staying + (["dark"] + dark if dark else []) + ["leave"] + leaving


def run_visit(context, site_url: str, page: Page, view: str) -> Visit:
    visit = Visit(page, view)
    blocked = let_through(context, from_this_machine)
    responses, errors = [], []
    context.on("response", lambda answer: responses.append(answer))
    context.add_init_script(MATH_AT_DOM_CONTENT_LOADED)
    tab = context.new_page()
    tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
    tab.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    # desktop: until the network is idle, to count everything a first visit loads; the phone: the load event
    response = tab.goto(site_url + page.path(), wait_until="networkidle" if view == "desktop" else "load")
    visit.status = response.status
    tab.evaluate("document.fonts.ready.then(() => new Promise(requestAnimationFrame))")  # laid out in its fonts
    if view == "desktop":
        for answer in list(responses):  # the first visit: what loads before the reader scrolls
            body = answer.body() if answer.status < 300 else b""
            visit.transfers[answer.url] = visit.transfers.get(answer.url, 0) + len(gzip.compress(body, 6))
    screenshot(tab, page, view)
    for step in steps(page, view):
        if step == "dark":
            tab.evaluate(DARK_SCHEME)
            tab.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
            tab.evaluate("document.fonts.ready.then(() => new Promise(requestAnimationFrame))")
            screenshot(tab, page, "dark")
        elif step == "leave":  # what follows happens on other pages
            visit.blocked, visit.errors = list(blocked), list(errors)
        else:
            try:
                visit.results[step.name] = step.run(tab, page, site_url)
            except Exception:  # reported by the tests that read this probe's result
                visit.failures[step.name] = traceback.format_exc(limit=4)
    return visit


def screenshot(tab, page: Page, view: str) -> None:
    """Only when asked for (SCREENSHOTS=1): a whole page costs about a second."""
    if os.environ.get("SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(exist_ok=True)
        tab.screenshot(path=SCREENSHOTS / f"{str(page).replace('/', '-')}.{view}.png", full_page=True)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make setup` (it installs Debian's chromium with apt-get)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def visit(browser, site, site_server):
    """visit(page, view) -> Visit: the page's one visit in that view (made on first use, then remembered)."""
    seen: dict[tuple[str, str], Visit] = {}

    def get(page: Page, view: str) -> Visit:
        view = "desktop" if view == "dark" else view
        key = (str(page), view)
        if key not in seen:
            seen[key] = open_visit(browser, site_server.url, page, view)
        return seen[key]

    return get


@pytest.fixture(scope="session")
def new_page(browser, site, site_server):
    """new_page(...) -> (context, page, blocked URLs): a fresh context (empty cache) that lets only
    127.0.0.1 through, for the tests that are not about one page (the root page, 404s, search). Opening one
    closes the previous one: the tests use one at a time."""
    contexts = []

    def open_page(viewport=DESKTOP, **options):
        while contexts:
            contexts.pop().close()
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        blocked = let_through(context, from_this_machine)
        return context, context.new_page(), blocked

    yield open_page
    while contexts:
        contexts.pop().close()
