"""Join the source lines of Chinese prose that break between two Chinese characters.

The zh pages are wrapped at about 110 columns, often in the middle of a sentence. HTML turns a line break
into a space, and Chrome shows that space between two Chinese characters ("在一小批样本上 算出来的"): a
gap that is not in the text. hooks/chinese_text.py joins such lines for the zh site, tools/notebooks.py for
the zh notebooks; tests/test_site.py and tests/test_notebooks.py check that none is left.
"""

from __future__ import annotations

import re

# CJK punctuation, ideographs and full-width forms
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# a line ending in a Chinese character, maybe inside emphasis (…的**, …的*)
ENDS_CHINESE = re.compile(rf"[{CJK}][*_]*$")
# a continuation line starting with a Chinese character, maybe after emphasis or a link's bracket; a list
# marker ("- ", "* ", "1. ") or a table row never matches
STARTS_CHINESE = re.compile(rf"^[ \t]*[*_\[]*[{CJK}]")
# lines that the next line never continues: headings, table rows, admonition and tab titles
NOT_A_PARAGRAPH = re.compile(r"^[ \t]*(#|\||!!!|\?\?\?|===)")
FENCE = re.compile(r"^[ \t]*(```|~~~)")

# for the checks: a line break between two Chinese characters, with inline Markdown or HTML around it
INLINE = r"(?:[*_\[]|</?(?:strong|em|a|abbr|span|b|i)\b[^>]*>)*"
BROKEN = re.compile(rf".{{0,8}}[{CJK}]{INLINE}\n[ \t]*{INLINE}[{CJK}].{{0,8}}")


def join_lines(markdown: str) -> str:
    lines: list[str] = []
    in_fence = False
    for line in markdown.split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
        elif (
            not in_fence
            and lines
            and ENDS_CHINESE.search(lines[-1])
            and not NOT_A_PARAGRAPH.match(lines[-1])
            and STARTS_CHINESE.match(line)
        ):
            lines[-1] += line.lstrip(" \t")
            continue
        lines.append(line)
    return "\n".join(lines)


def broken_lines(text: str) -> list[str]:
    """Where Markdown or HTML text (code fences and <pre> blocks aside) breaks a line between two Chinese
    characters, each with a few characters of context."""
    text = re.sub(r"<(pre|script|style)\b.*?</\1>", "", text, flags=re.DOTALL)
    text = re.sub(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", "", text, flags=re.DOTALL | re.MULTILINE)
    return [match[0] for match in BROKEN.finditer(text)]
