"""MkDocs hook: every formula rendered by KaTeX when the site is built, so that no page runs KaTeX.

- Lesson pages: pymdownx.arithmatex (generic) marks formulas up as <span class="arithmatex">\\(...\\)</span>
  and <div class="arithmatex">\\[...\\]</div>; the KaTeX HTML goes inside that element (the markup KaTeX's
  auto-render used to make in the browser: site.css and site.js style and label it as before).
- Notebook pages (mkdocs-jupyter, hooks/notebooks.py): Jupyter's $...$ and $$...$$ in the text of the page,
  found as KaTeX's auto-render found them (in text, not in code, a delimiter inside braces or after a
  backslash does not close the formula).
- All the formulas of a build are rendered by one `node tools/katex_render.cjs` (KaTeX from the npm lock),
  with throwOnError: a formula KaTeX cannot parse fails the build, naming the page and the formula.
- A page with formulas links KaTeX's stylesheet (its fonts load on demand, as the formulas need them), in
  the content, not the <head>: Material's instant navigation swaps the content and keeps the <head>. A page
  without formulas loads nothing of KaTeX.
- The formulas are rendered after every page is converted (on_env) and put into a page after the search
  plugin has indexed it (on_page_context): the index keeps the formulas' TeX, which hooks/search_index.py
  turns into readable text.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
RENDERER = ROOT / "tools" / "katex_render.cjs"
STYLESHEET = "assets/katex/katex.min.css"  # copied from node_modules by hooks/shared_files.py
# (its attributes may include data-search-exclude, in the exercises: hooks/search_index.py)
ARITHMATEX = re.compile(r'<(span|div) class="arithmatex"[^>]*>\\([(\[])(.*?)\\[)\]]</\1>', re.S)
NOTEBOOK_PAGE = re.compile(r"^notebooks/[^/]+\.ipynb$")
# a tag or a run of text; math inside these elements is code, not math (as for KaTeX's auto-render)
HTML_PIECE = re.compile(r"<(/?)([A-Za-z][\w-]*)[^>]*>|<[^>]*>|[^<]+")
NOT_MATH = {"code", "pre", "script", "style", "textarea", "option", "noscript"}

_rendered: dict[str, str] = {}  # src_uri of a page -> its content with the formulas rendered


def arithmatex_formulas(content: str):
    """(start, end, TeX, display) of each formula that arithmatex marked up; start:end is its TeX with
    the delimiters, inside the element."""
    for match in ARITHMATEX.finditer(content):
        yield match.start(2) - 1, match.end(3) + 2, html.unescape(match[3]), match[2] == "["


def end_of_math(text: str, delimiter: str, start: int) -> int:
    """Where `delimiter` closes the formula that starts at text[start:], or -1 (auto-render's rule)."""
    depth, index = 0, start
    while index < len(text):
        if depth <= 0 and text.startswith(delimiter, index):
            return index
        char = text[index]
        if char == "\\":
            index += 1
        depth += {"{": 1, "}": -1}.get(char, 0)
        index += 1
    return -1


def dollar_formulas(content: str):
    """(start, end, TeX, display) of each $...$ or $$...$$ formula in the text of a notebook page."""
    skipped = 0  # how many elements that hold code the current text is inside
    for piece in HTML_PIECE.finditer(content):
        if piece[2] and piece[2].lower() in NOT_MATH:
            skipped = max(0, skipped + (-1 if piece[1] else 1))
            continue
        if skipped or piece[0].startswith("<"):
            continue
        text, index = piece[0], 0
        while (start := text.find("$", index)) >= 0:
            delimiter = "$$" if text.startswith("$$", start) else "$"
            end = end_of_math(text, delimiter, start + len(delimiter))
            if end < 0:
                break
            tex = html.unescape(text[start + len(delimiter):end])
            yield piece.start() + start, piece.start() + end + len(delimiter), tex, delimiter == "$$"
            index = end + len(delimiter)


def render(formulas: list[tuple[str, bool]]) -> list[dict]:
    """KaTeX's HTML ({"html": ...}) or error ({"error": ...}) for each (TeX, display), in one node process."""
    node = shutil.which("node")
    if node is None:
        raise PluginError("hooks/formulas.py: `node` is not on the PATH: install Node.js (see README.md)")
    run = subprocess.run(
        [node, str(RENDERER)], input=json.dumps([{"tex": tex, "display": display} for tex, display in formulas]),
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
    )
    if run.returncode != 0:  # e.g. KaTeX missing from node_modules
        raise PluginError(f"hooks/formulas.py: {RENDERER.name} failed (did `make setup` run?):\n{run.stderr.strip()}")
    return json.loads(run.stdout)


def page_name(page, lang: str) -> str:
    uri = page.file.src_uri
    if NOTEBOOK_PAGE.match(uri):  # generated from the lesson page by hooks/notebooks.py
        return f"docs/{lang}/{Path(uri).stem}.md (its notebook page {uri})"
    return f"docs/{lang}/{uri}"


def on_env(env, config, files):
    _rendered.clear()
    found = {}  # src_uri -> (page, [(start, end, TeX, display)])
    for file in files.documentation_pages():
        page = file.page
        if page is None or not page.content:
            continue
        find = dollar_formulas if NOTEBOOK_PAGE.match(file.src_uri) else arithmatex_formulas
        formulas = list(find(page.content))
        if formulas:
            found[file.src_uri] = page, formulas
    unique = list(dict.fromkeys((tex, display) for _, formulas in found.values() for *_, tex, display in formulas))
    results = dict(zip(unique, render(unique))) if unique else {}

    lang = config.theme["language"]
    failures = [
        f"{page_name(page, lang)}: KaTeX cannot render the formula {'$$' if display else '$'}{tex}"
        f"{'$$' if display else '$'}: {results[tex, display]['error']}"
        for page, formulas in found.values() for *_, tex, display in formulas if "error" in results[tex, display]
    ]
    if failures:
        raise PluginError("\n".join(dict.fromkeys(failures)))
    for uri, (page, formulas) in found.items():
        pieces, at = [], 0
        for start, end, tex, display in formulas:
            pieces += [page.content[at:start], results[tex, display]["html"]]
            at = end
        stylesheet = f'<link rel="stylesheet" href="{get_relative_url(STYLESHEET, page.url)}">\n'
        _rendered[uri] = stylesheet + "".join(pieces) + page.content[at:]
    return env


@event_priority(-100)  # after the search plugin has read the page (its formulas as TeX)
def on_page_context(context, page, config, nav):
    if page.file.src_uri in _rendered:
        page.content = _rendered[page.file.src_uri]
    return context
