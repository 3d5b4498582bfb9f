"""The glossary (glossary.yml) is well formed, drives the Chinese search dictionary, and is used
consistently: a course term on an English page has its Chinese term on the Chinese page of the same name.
Also checks what hooks/glossary.py renders.

(The reverse check, Chinese term -> English term, is not made: Chinese writes the full term, 损失函数,
where English often says just "the loss", so it would flag good translations.)"""

from __future__ import annotations

import re

import markdown
import pytest

from hooks import glossary
from tools import jieba_terms
from tools import snippets as runner

ZH, EN = (runner.DOCS / lang for lang in runner.LANGUAGES)
FENCED = re.compile(r"^\s*(```|~~~).*?^\s*\1\s*$", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]+`")
PAGES = sorted(p.name for p in EN.glob("*.md") if (ZH / p.name).exists() and p.name != glossary.GLOSSARY_PAGE)


def prose(path) -> str:
    """A page without its code: fenced blocks and inline code spans removed."""
    return INLINE_CODE.sub(" ", FENCED.sub(" ", path.read_text(encoding="utf-8")))


def terms_used(path, lang: str) -> dict[str, dict]:
    return {entry[lang]: entry for _, entry in glossary.find_terms(prose(path), lang)}


def test_every_entry_has_both_languages_and_no_duplicates():
    entries = glossary.load_terms()
    assert len(entries) >= 30
    for entry in entries:
        assert set(entry) <= {"zh", "en", "note"} and entry["zh"].strip() and entry["en"].strip(), entry
        assert not re.search(r"\s", entry["zh"]), f"{entry['zh']!r}: jieba's dictionary format allows no spaces"
        assert set(entry.get("note", {"zh": "", "en": ""})) == {"zh", "en"}, f"{entry}: a note needs both languages"
    for lang in glossary.LANGUAGES:
        names = [entry[lang].lower() for entry in entries]
        assert len(names) == len(set(names)), f"duplicate {lang} terms"


def test_jieba_dictionary_is_generated_from_the_glossary():
    assert jieba_terms.TERMS_FILE.read_text(encoding="utf-8") == jieba_terms.expected_text(), (
        "tools/jieba_terms.txt is out of date: run `python tools/jieba_terms.py`"
    )
    # every term is cut into words, none into a lone character (which a reader could not search for)
    tokenizer = jieba_terms.jieba.Tokenizer()
    tokenizer.load_userdict(str(jieba_terms.TERMS_FILE))
    pieces = {entry["zh"]: list(tokenizer.cut(entry["zh"])) for entry in glossary.load_terms()}
    assert not {term: cut for term, cut in pieces.items() if any(len(piece) == 1 for piece in cut)}


@pytest.mark.parametrize("name", PAGES)
def test_english_terms_have_their_chinese_term_on_the_chinese_page(name):
    zh_text = prose(ZH / name)
    missing = [f"{en!r} -> {entry['zh']!r}" for en, entry in terms_used(EN / name, "en").items()
               if entry["zh"] not in zh_text]
    assert not missing, f"docs/en/{name} uses glossary terms whose Chinese term docs/zh/{name} lacks: {missing}"


def test_the_check_sees_terms():
    """Guard against a matcher that finds nothing, which would let the two tests above pass vacuously."""
    assert {"学习率", "激活函数", "交叉熵"} <= set(terms_used(ZH / "04-activation.md", "zh"))
    assert {"learning rate", "activation function", "cross entropy"} <= set(terms_used(EN / "04-activation.md", "en"))


@pytest.mark.parametrize(("text", "found"), [
    ("Over-fitting, overfitting and over fitting", ["over-fitting"] * 3),
    ("Two hidden layers; a Learning Rate; regularisation or regularization", ["hidden layer", "learning rate",
                                                                              "regularization", "regularization"]),
    ("TensorFlow, a tensor, weighted, weights", ["tensor", "weight", "weight"]),
    ("exponential learning rate decay; exponential decay", ["exponential learning-rate decay", "exponential decay"]),
])
def test_english_matching(text, found):
    assert [entry["en"] for _, entry in glossary.find_terms(text, "en")] == found


def test_chinese_matching_inside_running_text_longest_term_first():
    text = "调整学习率的方法：超参数与参数，梯度消失使梯度下降变慢"
    found = [match.group(0) for match, _ in glossary.find_terms(text, "zh")]
    assert found == ["学习率", "超参数", "参数", "梯度消失", "梯度下降"]


def render(text: str, lang: str) -> str:
    return markdown.markdown(text, extensions=["abbr", "pymdownx.arithmatex", glossary.GlossaryExtension(lang)])


def test_first_appearance_gets_a_tooltip_and_code_headings_links_math_do_not():
    text = ("## 学习率\n\n调整`学习率`的方法：[学习率](x.md)、\\(学习率\\)，先说学习率的作用，再说学习率的大小。\n\n"
            "```\n学习率\n```\n")
    html = render(text, "zh")
    assert html.count("<abbr") == 1
    assert '先说<abbr tabindex="0" title="learning rate">学习率</abbr>的作用，再说学习率的大小' in html


def test_python_markdown_abbr_misses_chinese_terms_which_is_why_the_hook_exists():
    """If this starts failing, Python-Markdown's abbr matches inside Chinese text and could replace the hook."""
    html = markdown.markdown("调整学习率的方法\n\n*[学习率]: learning rate", extensions=["abbr"])
    assert "<abbr" not in html
    assert '<abbr tabindex="0" title="学习率">learning rate</abbr>' in render("The learning rate is small.", "en")


@pytest.mark.parametrize("lang", glossary.LANGUAGES)
def test_glossary_page_has_the_marker_and_the_table_lists_every_term(lang):
    page = (runner.DOCS / lang / glossary.GLOSSARY_PAGE).read_text(encoding="utf-8")
    assert page.count(glossary.MARKER) == 1
    rows = glossary.table(lang).splitlines()[2:]
    assert len(rows) == len(glossary.load_terms())
    for row, entry in zip(rows, glossary.load_terms()):
        assert row.startswith(f"| {entry[lang]} | {entry[glossary.other(lang)]} |")
