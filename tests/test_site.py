"""Both sites build strictly and quietly for the address they are published at, show every included output,
and load nothing from outside. (tests/test_build.py breaks pages on purpose; tests/test_browser.py reads the
built site in a browser.)"""

from __future__ import annotations

import html
import json
import re

import pytest

from tools import chinese_text, translations
from tools import snippets as runner

BUILD_BUDGET_SECONDS = 60  # both languages, each counted from the start of the two side by side
# tags whose URL the browser fetches by itself (plain <a href> links to other sites are fine)
FETCHING_TAG = re.compile(
    r"""<(script|img|iframe|source|link)\b[^>]*?\b(?:src|href)\s*=\s*["']((?:https?:)?//[^"']+)["']""", re.I
)
LOCAL = ("http://127.0.0.1", "//127.0.0.1")


def address(page) -> tuple[str, str]:
    """(language, folder of the built page below the language's site): ("en", "03-lr-decay/"), ("zh", "")."""
    lang = page.relative_to(runner.DOCS).parts[0]
    stem = page.relative_to(runner.DOCS / lang).with_suffix("").as_posix().removesuffix("index")
    return lang, f"{stem}/" if stem else ""


def built_page(dest, page) -> str:
    lang, folder = address(page)
    target = dest / lang / folder / "index.html"
    assert target.exists(), f"{runner.rel(page)} was not built to {target}"
    return target.read_text(encoding="utf-8")


def test_builds_fit_the_time_budget(site):
    _, built = site
    total = sum(built.seconds.values())
    assert total < BUILD_BUDGET_SECONDS, f"the two builds took {total:.1f} s {built.seconds}"


def test_a_clean_build_prints_nothing(site):
    """INFO lines and jieba's start-up lines stay out of the terminal: what a build prints needs reading."""
    _, built = site
    assert not built.log, "a clean build printed:\n" + "\n".join(built.log)


@pytest.mark.parametrize("lang", runner.LANGUAGES)
def test_pages_and_sitemap_use_the_site_address(site, site_server, lang):
    dest, _ = site
    base = f"{site_server.url}{lang}/"
    sitemap = (dest / lang / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(loc.startswith(base) for loc in locations), f"{lang}/sitemap.xml: {locations[:3]}"
    for page in (runner.DOCS / lang).glob("**/*.md"):
        expected = base + address(page)[1]
        assert expected in locations, f"{lang}/sitemap.xml lacks {expected}"
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', built_page(dest, page))
        assert canonical and canonical[1] == expected, f"{runner.rel(page)}: canonical link {canonical}"


@pytest.mark.parametrize("page", runner.pages(), ids=runner.rel)
def test_page_shows_every_output_it_includes(site, page):
    dest, _ = site
    text = html.unescape(re.sub(r"<[^>]+>", "", built_page(dest, page)))
    for target in runner.includes_of(page):
        shown = runner.SNIPPETS / target  # a snippet is shown commented in the page's language
        source = translations.code(shown, page.parent.name) if shown.suffix == ".py" else shown.read_text("utf-8")
        lines = [line.strip() for line in source.splitlines()]
        for line in filter(None, lines):
            assert line in text, f"{runner.rel(page)}: the built page lacks a line of snippets/{target}: {line!r}"


@pytest.mark.parametrize("page", sorted((runner.DOCS / "zh").glob("**/*.md")), ids=runner.rel)
def test_chinese_text_has_no_line_break_between_characters(site, page):
    """A break there is shown as a space (tools/chinese_text.py); the pages' sources have plenty."""
    dest, _ = site
    gaps = chinese_text.broken_lines(built_page(dest, page))
    assert not gaps, f"{runner.rel(page)}: line breaks between Chinese characters, shown as spaces: {gaps[:3]}"


def test_nothing_is_loaded_from_outside(site):
    dest, _ = site
    offenders = []
    for path in sorted(dest.glob("**/*.html")):
        for tag, url in FETCHING_TAG.findall(path.read_text(encoding="utf-8")):
            if not url.startswith(LOCAL):
                offenders.append(f"{path.relative_to(dest)}: <{tag}> {url}")
    for path in sorted(dest.glob("**/*.css")):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(dest)}: url({url})")
    assert not offenders, "the site would fetch from outside 127.0.0.1:\n" + "\n".join(offenders)


@pytest.mark.parametrize("lang", runner.LANGUAGES)
def test_math_and_figures_are_served_locally(site, lang):
    dest, _ = site
    for asset in ("katex.min.css", "fonts/KaTeX_Main-Regular.woff2"):
        assert (dest / lang / "assets" / "katex" / asset).is_file(), f"{lang}: KaTeX file {asset} missing"
    # the formulas are rendered when the site is built (hooks/formulas.py): no KaTeX script is served
    scripts = sorted(path.name for path in (dest / lang).rglob("*.js") if re.search(r"katex|auto-render", path.name))
    assert not scripts, f"{lang}: KaTeX scripts in the site: {scripts}"
    for svg in runner.all_figures():
        served = dest / lang / "figures" / runner.rel_to_snippets(svg)
        expected = translations.figure(svg, lang)  # its words in the site's language
        assert served.read_bytes() == expected, f"{lang}: {runner.rel(svg)} not served as {served}"


@pytest.mark.parametrize("page", runner.pages(), ids=runner.rel)
def test_language_switcher_links_the_same_page(site, page):
    """Relative links, so they hold at any address, from file:// and without JavaScript."""
    dest, _ = site
    _, folder = address(page)
    up = "../" * folder.count("/")
    for other in runner.LANGUAGES:
        link = f'<a href="{up}../{other}/{folder}" hreflang="{other}"'
        assert link in built_page(dest, page), f"{runner.rel(page)}: no switcher link {link}"


def test_chinese_search_index_keeps_course_terms_whole(site):
    dest, _ = site
    index = json.loads((dest / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))
    tokens = set(re.split(index["config"]["separator"], " ".join(d["text"] for d in index["docs"])))
    for term in ("学习率", "优化器"):  # jieba alone cuts off a lone character (学习/率); compounds such as
        # 指数衰减 are indexed as their words (tools/jieba_terms.py) and found by tests/test_search.py
        assert term in tokens, f"jieba split {term!r}: the Chinese search would not find it"
