"""The offline copy (`make offline`): unzipped and opened from the file system (file://, no server) in
headless Chromium, its root page leads to a language, and on its pages navigation, search, formulas,
figures and the language switcher work, with nothing fetched from anywhere but the unzipped folder.
Every link of every page is also checked on disk: it must lead to an existing file and anchor."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser import let_through
from tests.test_browser import ANCHOR, DOM_FACTS
from tools import build_site
from tools import snippets as runner

pytestmark = pytest.mark.xdist_group("offline")  # built once, on one worker

LINK = re.compile(r"""<a\s[^>]*?href="([^"]+)\"""")
# (language, page below the language folder, a word its search must find on some lesson page)
VISITED = [("zh", "02-learning-rate.html", "学习率"), ("en", "03-lr-decay.html", "decay"),
           ("zh", "notebooks/07-optimizers.html", "优化器")]


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    """The zip `make offline` writes, unzipped: (its folder, the zip's size in bytes)."""
    work = tmp_path_factory.mktemp("offline")
    archive = work / "nn-optimization-offline.zip"
    build_site.build_offline(archive)
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(work / "unzipped")
    return work / "unzipped" / build_site.OFFLINE_FOLDER, archive.stat().st_size


@pytest.fixture(scope="module")
def open_file(offline, browser):
    """open_file(path, **context options) -> (page, blocked): a fresh context that lets only file:// through."""
    contexts = []

    def open_page(path: Path, **options):
        context = browser.new_context(**options)
        contexts.append(context)
        blocked = let_through(context, lambda url: url.startswith("file://"))
        tab = context.new_page()
        tab.errors = []
        tab.on("console", lambda message: message.type == "error" and tab.errors.append(message.text))
        tab.on("pageerror", lambda error: tab.errors.append(f"uncaught: {error}"))
        tab.goto(path.as_uri())
        return tab, blocked

    yield open_page
    for context in contexts:
        context.close()


def test_the_zip_holds_both_languages(offline):
    folder, size = offline
    for lang in runner.LANGUAGES:
        for page in (runner.DOCS / lang).glob("*.md"):
            assert (folder / lang / f"{page.stem}.html").is_file(), f"the zip lacks {lang}/{page.stem}.html"
    assert size < 20e6, f"the offline zip is {size / 1e6:.1f} MB"


@pytest.mark.parametrize("lang", runner.LANGUAGES)
def test_every_link_on_disk_resolves(offline, lang):
    folder, _ = offline
    broken = []
    anchors: dict[Path, set[str]] = {}
    for page in sorted((folder / lang).rglob("*.html")):
        for href in LINK.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue  # another site
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            where = f"{page.relative_to(folder)}: {href}"
            if not target.is_file():
                broken.append(f"{where} (no such file{', a folder' if target.is_dir() else ''})")
            elif parts.fragment and target.suffix == ".html":
                if target not in anchors:
                    anchors[target] = set(ANCHOR.findall(target.read_text(encoding="utf-8")))
                if unquote(parts.fragment) not in anchors[target]:
                    broken.append(f"{where} (no such anchor)")
    assert not broken, f"links in the offline {lang} copy that lead nowhere:\n" + "\n".join(broken[:20])


@pytest.mark.parametrize("locale, lang", [("zh-CN", "zh"), ("en-GB", "en")])
def test_root_page_opens_a_language(offline, open_file, locale, lang):
    folder, _ = offline
    tab, blocked = open_file(folder / "index.html", locale=locale)
    tab.wait_for_url((folder / lang / "index.html").as_uri())
    assert not blocked, f"the offline root page fetched from outside: {blocked}"


@pytest.mark.parametrize("lang, path, word", VISITED, ids=[f"{lang}/{path}" for lang, path, _ in VISITED])
def test_offline_page_works_from_the_file_system(offline, open_file, lang, path, word):
    folder, _ = offline
    page = folder / lang / path
    tab, blocked = open_file(page)
    dom = tab.evaluate(DOM_FACTS)
    assert not dom["katexErrors"], f"{lang}/{path}: KaTeX errors {dom['katexErrors']}"
    formulas = dom["notebookFormulas"] if "notebooks/" in path else dom["rendered"]
    assert formulas > 0 and (dom["rendered"] == dom["arithmatex"]), f"{lang}/{path}: formulas {dom}"
    broken = [src for src, width in dom["images"] if not width > 0]
    assert dom["images"] and not broken, f"{lang}/{path}: figures that did not load: {broken}"

    # search, served from search/search_index.js through the iframe-worker shim
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill(word)
    box.press("End")  # Material searches on key-up
    tab.wait_for_selector(".md-search-result__item")
    first = tab.eval_on_selector(".md-search-result__item > a", "a => a.href")
    assert first.startswith((folder / lang).as_uri()) and ".html" in first, f"search for {word!r} led to {first}"
    tab.keyboard.press("Escape")

    # the language switcher: the same page in the other language
    other = next(code for code in runner.LANGUAGES if code != lang)
    tab.hover(".md-header__option .md-select")
    tab.click(f'a.md-select__link[hreflang="{other}"]')
    tab.wait_for_url((folder / other / path).as_uri())

    # navigation: the footer's next page
    tab.wait_for_load_state()
    next_link = tab.locator("a.md-footer__link--next")
    if next_link.count():
        target = next_link.first.get_attribute("href")
        next_link.first.click()
        tab.wait_for_url((folder / other / Path(path).parent / target).resolve().as_uri())
    assert not blocked, f"{lang}/{path} fetched from outside the unzipped folder: {blocked}"
    assert not tab.errors, f"{lang}/{path}: console errors: {tab.errors}"
