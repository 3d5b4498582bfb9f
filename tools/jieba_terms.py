"""Write tools/jieba_terms.txt, the user dictionary of Material's Chinese search, from glossary.yml.

    python tools/jieba_terms.py

jieba cuts Chinese text into words before indexing, and a search matches the beginnings of those words
(the search box appends `*` to what the reader types). A term that jieba cuts so that one piece is a single
character cannot be found as a whole (学习率 -> 学习 / 率, 过拟合 -> 过 / 拟合): those terms are listed with a
high frequency, so that jieba keeps them whole. A term it cuts into words is left to it, because each word
must stay findable on its own: 指数衰减学习率 -> 指数 / 衰减 / 学习率 lets "学习率衰减" find lesson 03,
梯度消失 -> 梯度 / 消失 lets "消失" find the vanishing gradient. tests/test_glossary.py fails when the file
is out of date.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import jieba
import yaml

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "glossary.yml"
TERMS_FILE = ROOT / "tools" / "jieba_terms.txt"
FREQUENCY, TAG = 100, "n"  # jieba's user-dictionary format: word, frequency, part of speech

jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict ..." lines


def cut_into_a_character(tokenizer: jieba.Tokenizer, term: str) -> bool:
    return any(len(piece) == 1 for piece in tokenizer.cut(term))


def glossary_terms() -> list[str]:
    """The glossary's Chinese terms, in its order (hooks/search_index.py indexes them whole too)."""
    return [entry["zh"] for entry in yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]]


def listed_terms() -> list[str]:
    """The glossary's Chinese terms that jieba must be told about, in the glossary's order."""
    terms = glossary_terms()
    tokenizer = jieba.Tokenizer()  # jieba's own dictionary, plus the terms listed so far
    listed = set()
    for term in sorted(terms, key=len):  # shorter first: 学习率 is known before 指数衰减学习率 is cut
        if cut_into_a_character(tokenizer, term):
            tokenizer.add_word(term, FREQUENCY, TAG)
            listed.add(term)
    return [term for term in terms if term in listed]


def expected_text() -> str:
    return "".join(f"{term} {FREQUENCY} {TAG}\n" for term in listed_terms())


def main() -> int:
    text = expected_text()
    if TERMS_FILE.exists() and TERMS_FILE.read_text(encoding="utf-8") == text:
        print(f"{TERMS_FILE.relative_to(ROOT)} is up to date")
    else:
        TERMS_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {TERMS_FILE.relative_to(ROOT)}: {text.count(chr(10))} terms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
