"""The Chinese pages' snippets and figures (tools/translations.py): every comment and every figure text has
its Chinese, nothing stale is kept, and the code that runs is the same in both languages."""

from __future__ import annotations

import io
import re
import tokenize
import xml.etree.ElementTree as ElementTree

import pytest

from tools import snippets as runner
from tools import translations

SNIPPETS = runner.all_snippets()
FIGURES = runner.all_figures()
CJK = re.compile(r"[\u4e00-\u9fff]")


def code_tokens(source: str) -> list[tuple[int, str]]:
    """What Python runs: the tokens without comments and the line breaks that only comments fill."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [(t.type, t.string) for t in tokens if t.type not in (tokenize.COMMENT, tokenize.NL)]


@pytest.mark.parametrize("snippet", SNIPPETS, ids=runner.rel_to_snippets)
def test_every_comment_is_translated(snippet):
    try:
        translations.code(snippet, "zh")
    except translations.TranslationError as error:
        pytest.fail(str(error), pytrace=False)
    where = translations.translation_file(snippet, "zh").relative_to(runner.ROOT)
    for en, zh in translations.load(snippet, "zh")["comments"]:
        assert CJK.search(zh), f"{where}: the Chinese of {en!r} is {zh!r}, which has no Chinese in it"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=runner.rel_to_snippets)
def test_chinese_page_runs_the_same_code(snippet):
    english = snippet.read_text(encoding="utf-8")
    chinese = translations.code(snippet, "zh")
    assert code_tokens(chinese) == code_tokens(english), runner.unified_diff(english, chinese, "en", "zh")
    compile(chinese, f"{snippet.name} (zh)", "exec")  # and it is Python


@pytest.mark.parametrize("svg", FIGURES, ids=runner.rel_to_snippets)
def test_every_figure_text_is_translated(svg):
    try:
        chinese = translations.figure(svg, "zh").decode("utf-8")
    except translations.TranslationError as error:
        pytest.fail(str(error), pytrace=False)
    ElementTree.fromstring(chinese)  # still a well-formed SVG
    english_words = translations.figure_words(svg.read_text(encoding="utf-8"))
    assert not [w for w in english_words if CJK.search(w)], f"{svg.name}: the committed figure must be English"
    table = translations.load(runner.figure_snippet(svg), "zh")["figure"]
    # kept as written: names and code (Adam, staircase=True, lr 1 eps 0); English prose is not
    untranslated = [w for w in english_words
                    if w == table[w] and len(re.findall(r"[A-Za-z]{3,}", w)) >= 2 and not re.search(r"[=()_.]", w)]
    assert not untranslated, f"{svg.name}: words kept in English on the Chinese pages: {untranslated}"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=runner.rel_to_snippets)
def test_no_stale_figure_text(snippet):
    table = translations.load(snippet, "zh")["figure"]
    figures = runner.committed_figures(snippet).values()
    shown = {w for svg in figures for w in translations.figure_words(svg.read_text("utf-8"))}
    stale = sorted(set(table) - shown)
    where = translations.translation_file(snippet, "zh").relative_to(runner.ROOT)
    assert not stale, f"{where}: `figure` translates text no figure of {snippet.name} shows: {stale}"


def test_every_translation_file_has_its_snippet():
    orphans = [runner.rel(p) for p in runner.SNIPPETS.rglob("*.zh.yml")
               if not p.with_name(p.name.removesuffix(".zh.yml") + ".py").exists()]
    assert not orphans, f"translation files without a snippet: {orphans}"
