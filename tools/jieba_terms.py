"""Write tools/jieba_terms.txt, the user dictionary of Material's Chinese search, from glossary.yml.

    python tools/jieba_terms.py

jieba segments Chinese text into words before indexing; a course term it does not know may be cut in
pieces (学习率 -> 学习 / 率) and then cannot be found as a whole. Every Chinese term of the glossary is
listed with a high frequency so that jieba keeps it whole. tests/test_glossary.py fails when the file is
out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "glossary.yml"
TERMS_FILE = ROOT / "tools" / "jieba_terms.txt"
FREQUENCY, TAG = 100, "n"  # jieba's user-dictionary format: word, frequency, part of speech


def expected_text() -> str:
    entries = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]
    return "".join(f"{entry['zh']} {FREQUENCY} {TAG}\n" for entry in entries)


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
