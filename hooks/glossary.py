"""MkDocs hook: the course's bilingual glossary, from glossary.yml at the repository root.

- On the glossary page (glossary.md), the line `<!-- glossary-table -->` becomes the table of all terms.
- On every other page, the first appearance of each term in the text becomes
  `<abbr tabindex="0" title="learning rate">学习率</abbr>`: pointing at it, tapping it or reaching it with
  the Tab key shows the translation (Material's `content.tooltips` feature shows a tooltip on hover and on
  focus; tabindex makes the term focusable, so touch and keyboard reach it too). Headings, code, links and
  formulas are left alone.

Python-Markdown's `abbr` extension cannot do the second part for Chinese: it only matches a term between
word boundaries (`\\b`), and Chinese text has none between characters, so 学习率 in 调整学习率的方法 is
never found. This hook matches Chinese terms anywhere, and English terms only as whole words.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import yaml
from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "glossary.yml"
GLOSSARY_PAGE = "glossary.md"
MARKER = "<!-- glossary-table -->"
LANGUAGES = ("zh", "en")
SKIPPED_TAGS = {"code", "pre", "kbd", "a", "abbr", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "label"}
TABLE_HEADINGS = {"zh": ("中文", "English", "说明"), "en": ("English", "中文", "Notes")}


@functools.cache
def load_terms() -> tuple[dict, ...]:
    """The entries of glossary.yml, in order: {"zh": ..., "en": ..., "note": {"zh": ..., "en": ...}?}."""
    entries = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]
    return tuple(entries)


def term_pattern(term: str, lang: str) -> str:
    """A regular expression for one term as it may appear in running text."""
    if lang == "zh":
        return re.escape(term)  # Chinese: anywhere, there are no word boundaries to respect
    parts = [re.escape(part).replace("iz", "i[sz]") for part in re.split(r"[- ]", term)]
    body = r"[-\s]?".join(parts)  # over-fitting, over fitting, overfitting
    return rf"(?<![\w-]){body}(?:s|es|d|ed)?(?![\w-])"  # whole words, plurals and -ed forms included


@functools.cache
def matcher(lang: str) -> tuple[re.Pattern, tuple[tuple[re.Pattern, dict], ...]]:
    """One pattern for all terms of a language (longest first), and one per term to tell which matched."""
    flags = re.IGNORECASE if lang == "en" else 0
    entries = sorted(load_terms(), key=lambda e: -len(e[lang]))
    each = tuple((re.compile(term_pattern(e[lang], lang), flags), e) for e in entries)
    combined = re.compile("|".join(term_pattern(e[lang], lang) for e in entries), flags)
    return combined, each


def find_terms(text: str, lang: str):
    """Yield (match, entry) for every glossary term in text, left to right, longest term first."""
    combined, each = matcher(lang)
    for match in combined.finditer(text):
        entry = next(e for pattern, e in each if pattern.fullmatch(match.group(0)))
        yield match, entry


def other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


class FirstUseTooltips(Treeprocessor):
    """Wrap the first appearance of every glossary term in <abbr title="translation">."""

    def __init__(self, md, lang: str):
        super().__init__(md)
        self.lang = lang

    def run(self, root):
        self.seen = set()
        self.visit(root)

    def visit(self, element):
        element.text, inserted = self.split(element.text)
        children = list(element)
        rebuilt = list(inserted)
        for child in children:
            if not self.skipped(child):
                self.visit(child)
            child.tail, after = self.split(child.tail)
            rebuilt += [child, *after]
        element[:] = rebuilt

    @staticmethod
    def skipped(element) -> bool:
        return element.tag in SKIPPED_TAGS or "arithmatex" in element.get("class", "")

    def split(self, text):
        """(text before the first new term, [abbr elements, each with the text that follows it])."""
        if not text or isinstance(text, AtomicString):
            return text, []
        head, inserted, end = text, [], 0
        for match, entry in find_terms(text, self.lang):
            if entry[self.lang] in self.seen:
                continue
            self.seen.add(entry[self.lang])
            abbr = etree.Element("abbr", {"title": entry[other(self.lang)], "tabindex": "0"})
            abbr.text = AtomicString(match.group(0))
            if inserted:
                inserted[-1].tail = text[end:match.start()]
            else:
                head = text[:match.start()]
            inserted.append(abbr)
            end = match.end()
        if inserted:
            inserted[-1].tail = text[end:]
        return head, inserted


class GlossaryExtension(Extension):
    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang
        self.enabled = True  # switched off while the glossary page itself is rendered

    def extendMarkdown(self, md):
        if self.enabled:
            md.treeprocessors.register(FirstUseTooltips(md, self.lang), "glossary_tooltips", 7)  # after inline


def table(lang: str) -> str:
    """The glossary as a Markdown table in the page's language."""
    first, second, notes = TABLE_HEADINGS[lang]
    rows = [f"| {first} | {second} | {notes} |", "|---|---|---|"]
    for entry in load_terms():
        note = entry.get("note", {}).get(lang, "")
        rows.append(f"| {entry[lang]} | {entry[other(lang)]} | {note} |")
    return "\n".join(rows)


def page_language(config) -> str:
    lang = config.theme["language"]
    if lang not in LANGUAGES:
        raise PluginError(f"hooks/glossary.py: theme language {lang!r} is neither zh nor en")
    return lang


_extension: GlossaryExtension | None = None


def on_config(config):
    global _extension
    load_terms.cache_clear()  # `mkdocs serve` rebuilds after glossary.yml changes
    matcher.cache_clear()
    _extension = GlossaryExtension(page_language(config))
    config.markdown_extensions.append(_extension)
    return config


def on_page_markdown(markdown, page, config, files):
    is_glossary = page.file.src_uri == GLOSSARY_PAGE
    _extension.enabled = not is_glossary
    if not is_glossary:
        return markdown
    if markdown.count(MARKER) != 1:
        raise PluginError(f"{page.file.src_uri} must contain the line {MARKER} exactly once")
    return markdown.replace(MARKER, table(page_language(config)))
