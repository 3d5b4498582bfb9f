"""Turn a lesson page into a Jupyter notebook, so the notebook can never disagree with the page.

- prose becomes Markdown cells (tabs become bold titles, boxes become quotes, math uses $ and $$);
- every included snippet ``<page>/<name>.py`` becomes a code cell holding that file, commented in the page's
  language (tools/translations.py), with the committed ``<name>.out`` as its output (tests/test_snippets.py
  checks that the file prints exactly that);
- every figure ``figures/<page>/<name>.svg`` is embedded as a cell attachment (the committed SVG, its words
  in the page's language), or,
  for the copy the site shows, linked to the site's own copy of that file (a far lighter page);
- links to other pages point to the site;
- a widget (``<div data-widget=...>``, hooks/widgets.py) becomes a line that links to it on the site;
- the exercises (tools/exercises.py) come first, each with an empty code cell to try it in; their solutions
  follow, after a marker heading that asks the learner to try first.

A lesson is a page whose file name starts with two digits and a dash (``03-lr-decay.md``).
hooks/notebooks.py builds the notebooks into the site; tests/test_notebooks.py executes them.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import nbformat

from tools import chinese_text, exercises, translations
from tools import snippets as runner

LESSON = re.compile(r"^\d\d-[^/]+\.md$")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*(.*)$")
TAB = re.compile(r'^===\+?\s+"([^"]*)"\s*$')
BOX = re.compile(r'^(?:!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+"([^"]*)")?\s*$')
HEADING = re.compile(r"^#{1,6}\s")
HEADING_ID = re.compile(r"^(#{1,6}\s.*?)\s*\{\s*#([\w-]+)\s*\}\s*$")  # `## Title {#id}` (attr_list)
PAGE_LINK = re.compile(r"(\]\()(?!\w+:)([^)\s#]*\.md)(#[^)\s]*)?\)")
CODE_SPAN = re.compile(r"(`+).*?\1")
WIDGET = re.compile(r'^\s*<div data-widget="([\w-]+)"></div>\s*$')  # hooks/widgets.py: on the web page only
INDENT = "    "

INTRO = {
    "en": (
        "*This notebook is generated from the lesson page [{title}]({url}). Every code cell is a complete "
        "program, the same file as on the page, and shows what that file prints. Each cell is meant to run on "
        "its own, like `python name.py`: restart the kernel before you run a cell to get exactly that output.*"
    ),
    "zh": (
        "*本笔记本由课程页面[{title}]({url})自动生成。每个代码单元都是一个完整的程序，和页面上的文件一字不差，"
        "下面显示的就是它打印的结果。每个单元都应当单独运行，就像 `python 文件名.py` 那样："
        "先重启内核再运行一个单元，才能得到与页面完全相同的输出。*"
    ),
}
WIDGET_NOTE = {
    "en": "*On the [web page]({url}), a widget recomputes this output in the browser for any settings you type.*",
    "zh": "*在[网页]({url})上，有一个小工具会按你输入的参数，直接在浏览器里重新算出这段输出。*",
}
SOLUTIONS = {  # the marker between the exercises and their solutions
    "en": ("## Solutions {#" + exercises.SOLUTIONS_ID + "}",
           "*Try the exercises above before you read on: the solutions follow.*",
           "### Solution to exercise {n} {{#solution-{n}}}"),
    "zh": ("## 答案 {#" + exercises.SOLUTIONS_ID + "}",
           "*请先自己做完上面的练习，再往下看：下面是答案。*",
           "### 练习 {n} 的答案 {{#solution-{n}}}"),
}
ATTEMPT = {"en": "# Exercise {n}: your code", "zh": "# 练习 {n}：在这里写你的代码"}
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def lessons(docs_dir: Path) -> list[Path]:
    """The lesson pages of one language, in file-name order."""
    return sorted(p for p in docs_dir.glob("*.md") if LESSON.match(p.name))


def is_lesson(src_uri: str) -> bool:
    return bool(LESSON.match(src_uri))


def page_url(target: str, site_url: str | None, html_pages: bool = False) -> str:
    """The address of a page given as `other.md`: below site_url (for a downloaded notebook), or else
    relative to the notebook's own page in the site, notebooks/<page>/ (notebooks/<page>.html offline)."""
    stem = target.removesuffix(".md")
    if site_url:
        return site_url.rstrip("/") + "/" + ("" if stem == "index" else f"{stem}/")
    if html_pages:
        return f"../{stem}.html"
    return "../../" + ("" if stem == "index" else f"{stem}/")


def dedent(lines: list[str]) -> list[str]:
    return [line[len(INDENT):] if line.startswith(INDENT) else line.lstrip() for line in lines]


def container_body(lines: list[str], start: int) -> tuple[list[str], int]:
    """The indented lines after a tab or box title at `start`, dedented; and the index after them."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(INDENT)):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():  # trailing blank lines belong outside
        end -= 1
    body = dedent(lines[start + 1 : end])
    while body and not body[0].strip():
        body.pop(0)
    return body, end


def prose(line: str) -> str:
    """A Markdown line for Jupyter: $-math instead of arithmatex's \\( \\[ delimiters, outside code spans."""
    parts = []
    last = 0
    for span in CODE_SPAN.finditer(line):
        parts.append(_math(line[last : span.start()]))
        parts.append(span.group(0))
        last = span.end()
    parts.append(_math(line[last:]))
    return "".join(parts)


def _math(text: str) -> str:
    text = re.sub(r"(?<!\\)\$", r"\\$", text)  # a literal dollar would open math in Jupyter
    for old, new in ((r"\(", "$"), (r"\)", "$"), (r"\[", "$$"), (r"\]", "$$")):
        text = text.replace(old, new)
    return text


class MissingInclude(Exception):
    """A page includes a snippet, an output or a figure that does not exist."""


class Converter:
    """Walks a page's Markdown and collects notebook cells."""

    def __init__(self, page: Path, site_url: str | None, figures_url: str | None, html_pages: bool):
        self.page = page
        self.lang = page.relative_to(runner.DOCS).parts[0]  # comments and figure text in the page's language
        self.site_url = site_url
        self.html_pages = html_pages
        self.figures_url = figures_url
        self.cells: list = []
        self.markdown: list[str] = []
        self.attachments: dict[str, dict[str, str]] = {}
        self.last_snippet: str | None = None  # the snippet of the last code cell, whose output is attached

    # cells
    def flush(self) -> None:
        text = "\n".join(self.markdown).strip("\n")
        if text:
            cell = nbformat.v4.new_markdown_cell(text)
            if self.attachments:
                cell.attachments = self.attachments
            self.cells.append(cell)
        self.markdown, self.attachments = [], {}

    def included(self, name: str) -> Path:
        """The file below snippets/ that the page includes, which must exist."""
        path = runner.SNIPPETS / name
        if not path.is_file():
            raise MissingInclude(f"{runner.rel(self.page)} includes snippets/{name}, which does not exist")
        return path

    def text_of(self, name: str) -> str:
        """An included file as the page shows it: a snippet commented in the page's language."""
        path = self.included(name)
        return translations.code(path, self.lang) if path.suffix == ".py" else path.read_text(encoding="utf-8")

    def code_cell(self, snippet: str) -> None:
        self.flush()
        path = self.included(snippet)
        out = runner.output_path(path)  # missing only before its first `make regen`: test_snippets.py says so
        outputs = []
        if out.exists():
            outputs.append(nbformat.v4.new_output("stream", name="stdout", text=out.read_text(encoding="utf-8")))
        cell = nbformat.v4.new_code_cell(self.text_of(snippet).rstrip("\n"), outputs=outputs)
        cell.metadata["snippet"] = snippet
        self.cells.append(cell)
        self.last_snippet = snippet

    # Markdown
    def page_url(self, target: str) -> str:
        return page_url(target, self.site_url, self.html_pages)

    def line(self, text: str) -> None:
        if HEADING.match(text):
            self.flush()
            # Jupyter has no {#id}: an empty anchor keeps the page's own id for links such as (#id)
            text = HEADING_ID.sub(r'\1 <a id="\2"></a>', text)
        text = PAGE_LINK.sub(lambda m: f"{m[1]}{self.page_url(m[2])}{m[3] or ''})", text)
        text = runner.FIGURE.sub(self.figure, text)
        self.markdown.append(prose(text))
        if text.strip():
            self.last_snippet = None

    def figure(self, match: re.Match) -> str:
        svg = self.included(match["path"])
        if self.figures_url is not None:
            return f"{match['prefix']}{self.figures_url}{match['path']})"
        content = translations.figure(svg, self.lang)
        self.attachments[svg.name] = {"image/svg+xml": base64.b64encode(content).decode("ascii")}
        return f"{match['prefix']}attachment:{svg.name})"

    def fence(self, lines: list[str], start: int, quote: str) -> int:
        """A fenced block at `start`: a code cell, an output already shown, or Markdown. Returns the next index."""
        indent, marker, info = FENCE.match(lines[start]).groups()
        end = start + 1
        while end < len(lines) and not (
            lines[end].strip().startswith(marker) and not lines[end].strip().strip(marker[0])
        ):
            end += 1
        body = [line.removeprefix(indent) for line in lines[start + 1 : end]]
        includes = [m.group(1) for m in map(runner.INCLUDE.match, body) if m]
        if includes and len(includes) == sum(1 for line in body if line.strip()):
            if len(includes) == 1 and includes[0].endswith(".py"):
                self.code_cell(includes[0])
                return end + 1
            if self.last_snippet and includes == [Path(self.last_snippet).with_suffix(".out").as_posix()]:
                return end + 1  # the output of the code cell just above: already attached to it
            body = [line for name in includes for line in self.text_of(name).splitlines()]
        language = info.split()[0].lstrip("{.") if info else ""
        for text in [marker + language, *body, marker]:
            self.markdown.append(quote + indent + text if text else quote.rstrip())
        self.last_snippet = None
        return end + 1

    def block(self, lines: list[str], quote: str = "") -> None:
        i = 0
        while i < len(lines):
            text = lines[i]
            tab, box = TAB.match(text), BOX.match(text)
            if FENCE.match(text):
                i = self.fence(lines, i, quote)
            elif widget := WIDGET.match(text):  # a notebook runs the snippet itself: point to the widget
                url = f"{self.page_url(self.page.name)}#widget-{widget[1]}"
                self.line(quote + WIDGET_NOTE[self.lang].format(url=url))
                i += 1
            elif tab or box:
                body, i = container_body(lines, i)
                if tab:  # a tab becomes a bold title over its content
                    self.line(f"{quote}**{tab[1]}**")
                    self.line(quote.rstrip())
                    self.block(body, quote)
                else:  # a box becomes a quote with its title in bold
                    self.line(f"{quote}> **{box[2] or box[1].capitalize()}**")
                    self.line(f"{quote}>")
                    self.block(body, quote + "> ")
            else:
                self.line(quote + text if text.strip() else quote.rstrip())
                i += 1

    def convert(self) -> list:
        text = self.page.read_text(encoding="utf-8")
        if self.page.parent.name == "zh":  # as on the zh site: no line break between two Chinese characters
            text = chinese_text.join_lines(text)
        lines = text.splitlines()
        if lines[:1] == ["---"] and "---" in lines[1:]:  # YAML front matter (e.g. a search boost): not prose
            lines = lines[lines.index("---", 1) + 1 :]
        title_at = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
        if title_at is not None:
            self.block(lines[: title_at + 1] + [""])
            lang = self.page.parent.name
            url = self.page_url(self.page.name)
            self.line(INTRO[lang].format(title=lines[title_at][2:].strip(), url=url))
            self.flush()
            lines = lines[title_at + 1 :]
        found = exercises.section(self.page, lines)
        if found is None:
            self.block(lines)
        else:
            self.block(lines[: found.start + 1] + found.intro)
            for exercise in found.exercises:
                self.block([exercise.heading, "", *exercise.statement])
                self.attempt_cell(exercise.number)
            marker, note, heading = SOLUTIONS[self.lang]
            self.block([marker, "", note])
            for exercise in found.exercises:
                self.block([heading.format(n=exercise.number), "", *exercise.solution])
        self.flush()
        return self.cells

    def attempt_cell(self, number: int) -> None:
        """An empty code cell under an exercise, to try it in before reading the solution."""
        self.flush()
        cell = nbformat.v4.new_code_cell(ATTEMPT[self.lang].format(n=number))
        cell.metadata["exercise"] = number
        self.cells.append(cell)
        self.last_snippet = None


def notebook(
    page: Path, site_url: str | None = None, figures_url: str | None = None, html_pages: bool = False
) -> nbformat.NotebookNode:
    """The notebook of one lesson page. `site_url`: the site the page belongs to, for its links (None:
    links relative to the notebook's page in the site, whose pages are .html files if `html_pages`);
    `figures_url`: link the figures below this address instead of embedding them."""
    nb = nbformat.v4.new_notebook()
    nb.cells = Converter(page, site_url, figures_url, html_pages).convert()
    for number, cell in enumerate(nb.cells, 1):
        cell.id = f"cell-{number}"  # stable ids: the same page always gives the same file
    nb.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    nbformat.validate(nb)
    return nb


def text(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"

