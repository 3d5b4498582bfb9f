"""Search as a reader uses it: queries typed into the search box of the built site (headless Chromium,
tests/browser.py), and the search index the box searches.

- Every query of tests/search_queries.yml lists its page first (the page a reader looking for that term
  wants: the lesson that teaches it, the glossary, the home page).
- The result previews and the index they are cut from hold no LaTeX source (formulas are indexed in a
  readable form), no code blocks (the API names in them stay searchable) and no tab labels run together.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from urllib.parse import urlsplit

import pytest
import yaml

from tools import snippets as runner

QUERIES_FILE = runner.ROOT / "tests" / "search_queries.yml"
QUERIES = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))
# one tab per language types every query of that language: its tests run on one worker (pytest-xdist)
CASES = [pytest.param(lang, query, page, id=f"{lang}-{query}", marks=pytest.mark.xdist_group(f"search-{lang}"))
         for lang in runner.LANGUAGES for query, page in QUERIES[lang].items()]
BY_LANGUAGE = [pytest.param(lang, marks=pytest.mark.xdist_group(f"search-{lang}")) for lang in runner.LANGUAGES]
MINIMUM_QUERIES = 30  # per language
LATEX = re.compile(r"\\[\[\]()]|\\[A-Za-z]+")  # \[ \( and commands such as \frac, \nabla
TAB_LABELS = re.compile(r'<div class="tabbed-labels[^"]*">(.*?)</div>', re.S)
LABEL = re.compile(r"<label[^>]*>(.*?)</label>", re.S)
TAG = re.compile(r"<[^>]+>")

# Material renders the results into the list after the search worker answered; the meta line above the
# list says how many there are (or that there are none, or the placeholder while the box is empty).
RESULTS = """() => ({
  meta: document.querySelector(".md-search-result__meta").textContent,
  pages: [...document.querySelectorAll(".md-search-result__item > a")].map((a) => a.href),
  previews: [...document.querySelectorAll(".md-search-result__article")].map((article) => ({
    text: article.textContent,
    code: article.querySelectorAll("pre, .highlight").length,
  })),
})"""


def page_address(page: str, lang: str) -> str:
    """tests/search_queries.yml's page name -> its address below the site's, e.g. zh/03-lr-decay/."""
    if not (runner.DOCS / lang / f"{page}.md").exists():
        pytest.fail(f"{QUERIES_FILE.name}: {lang} page {page!r} does not exist (docs/{lang}/{page}.md)")
    return f"{lang}/" if page == "index" else f"{lang}/{page}/"


def type_query(tab, query: str, site_url: str) -> dict:
    """Type `query` into the search box of the open tab: {"pages": [addresses, best first, e.g.
    zh/03-lr-decay/], "previews": [{"text", "code"}], "meta": the line above the results}."""
    box = tab.locator("input.md-search__input")
    box.fill("")
    box.press("End")  # Material searches on key-up
    tab.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    box.fill(query)
    box.press("End")
    # done: results listed, or the meta line says there are none (it changes before the list is filled)
    tab.wait_for_function(
        """() => document.querySelector(".md-search-result__item") || document.querySelector(
             ".md-search-result__meta").textContent === JSON.parse(document.getElementById("__config")
             .textContent).translations["search.result.none"]""")
    answer = tab.evaluate(RESULTS)
    # e.g. .../nn-optimization/zh/03-lr-decay/?h=... (Material's highlight) -> zh/03-lr-decay/
    answer["pages"] = [urlsplit(href)._replace(query="", fragment="").geturl().removeprefix(site_url)
                       for href in answer["pages"]]
    return answer


@pytest.fixture(scope="module")
def search(new_page, site_server):  # noqa: F811  (the fixture imported above)
    """search(lang, query) -> type_query's answer for the query typed on the home page of `lang`.
    One tab per language, reused for all its queries; every answer is kept for the other tests."""
    tabs: dict[str, object] = {}
    answers: dict[tuple[str, str], dict] = {}

    def run(lang: str, query: str) -> dict:
        if (lang, query) not in answers:
            tab = tabs.get(lang)
            if tab is None or tab.is_closed():
                tabs.clear()  # new_page closes the previous context
                _, tab, _ = new_page()
                tab.goto(f"{site_server.url}{lang}/", wait_until="networkidle")
                tab.locator("input.md-search__input").click()
                # opening search fetches the index (hooks/search_index.py): until Material says it is ready, the
                # meta line says "Initializing search", and may flash "No matching documents" on the way
                tab.wait_for_function(
                    """() => document.querySelector(".md-search-result__meta").textContent.trim() === JSON.parse(
                         document.getElementById("__config").textContent).translations["search.result.placeholder"]""")
                tabs[lang] = tab
            answers[(lang, query)] = type_query(tab, query, site_server.url)
        return answers[(lang, query)]

    return run


def test_query_list_is_long_enough():
    for lang in runner.LANGUAGES:
        assert len(QUERIES[lang]) >= MINIMUM_QUERIES, f"{QUERIES_FILE.name}: only {len(QUERIES[lang])} {lang} queries"


@pytest.mark.parametrize("lang, query, page", CASES)
def test_query_lists_its_page_first(search, lang, query, page):
    expected = page_address(page, lang)
    answer = search(lang, query)
    assert answer["pages"], f"searching {query!r} on the {lang} site finds nothing ({answer['meta']!r})"
    assert answer["pages"][0] == expected, (
        f"searching {query!r} on the {lang} site lists {answer['pages'][:3]} first, not {expected}")


def glued_labels(built) -> set[str]:
    """Every pair of neighbouring tab labels of the built pages, run together: "TensorFlow 2TensorFlow 1"."""
    glued = set()
    for page in built.rglob("*.html"):
        for labels in TAB_LABELS.findall(page.read_text(encoding="utf-8")):
            names = [html.unescape(TAG.sub("", label)).strip() for label in LABEL.findall(labels)]
            glued |= {first + second for first, second in zip(names, names[1:])}
    return glued


@cache
def snippet_lines() -> frozenset[str]:
    """Long lines of the snippets' code: a preview that shows one shows a code block."""
    return frozenset(line.strip() for path in runner.SNIPPETS.rglob("*.py")
                     for line in path.read_text(encoding="utf-8").splitlines() if len(line.strip()) >= 30)


def source_in(text: str, glued: set[str]) -> list[str]:
    """What of LaTeX source, code and run-together tab labels the text shows."""
    text = text.replace("\u200b", "")  # the zero-width spaces that Material's index puts between Chinese words
    found = [f"LaTeX {match!r}" for match in sorted(set(LATEX.findall(text)))]
    found += [f"tab labels run together {pair!r}" for pair in sorted(glued) if pair in text]
    found += [f"code {line!r}" for line in sorted(snippet_lines()) if line in text][:3]
    return found


@pytest.mark.parametrize("lang", runner.LANGUAGES)
def test_index_holds_no_source(site, lang):
    built = site[0] / lang
    glued = glued_labels(built)
    docs = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    problems = []
    for doc in docs:
        shown = html.unescape(TAG.sub(" ", doc["title"] + " " + doc["text"]))
        found = source_in(shown, glued) + (["a code block (<pre>)"] if "<pre>" in doc["text"] else [])
        problems += [f"{lang}/{doc['location']}: {problem}" for problem in found]
    assert not problems, "the search index shows source to the reader:\n" + "\n".join(problems[:20])


@pytest.mark.parametrize("lang", BY_LANGUAGE)
def test_previews_show_no_source(search, site, lang):
    glued = glued_labels(site[0] / lang)
    problems = []
    for query in QUERIES[lang]:
        answer = search(lang, query)
        for preview in answer["previews"]:
            found = source_in(preview["text"], glued) + (["a code block"] if preview["code"] else [])
            problems += [f"searching {query!r}, a preview: {problem}" for problem in found]
    assert not problems, "search previews show source:\n" + "\n".join(problems[:20])
