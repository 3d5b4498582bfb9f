"""MkDocs hook: every lesson also as a Jupyter notebook, generated from the page at build time.

- notebooks/<page>.ipynb          the notebook (tools/notebooks.py), shown by mkdocs-jupyter as the page
                                  notebooks/<page>/, kept out of the navigation and the search index;
                                  its figures and links are relative links into the site (the page stays
                                  light and works at any address, offline too)
- notebooks/<page>/<page>.ipynb   the notebook to download, with its figures embedded
- under the title of each lesson page, a line links to both (so no page has to be edited by hand);
- notebook pages keep Jupyter's $...$ math, which hooks/formulas.py renders with KaTeX at build time, and
  nbconvert's MathJax loader is removed;
- notebook pages get the heading ids of their lesson page (mkdocs-jupyter's slugger drops Chinese
  characters, leaving id=""), and a table of contents that links to them;
- notebook pages are styled by stylesheets/notebooks.css (overrides/), one small cached file, instead of the
  ~600 KB of JupyterLab and nbconvert CSS that mkdocs-jupyter inlines into every notebook page;
- each notebook page links its download under the title, and its footer leads to the notebooks of the
  lessons before and after it: the lesson page's own neighbours, each lesson swapped for its notebook
  (a reader working through the notebooks stays among them; the lesson page is linked at the top).

Nothing is committed: the notebooks are written to a temporary folder during the build.
"""

from __future__ import annotations

import html
import re
import sys
import tempfile
from pathlib import Path

from markdown.extensions.toc import unique
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url
from pathspec.gitignore import GitIgnoreSpec

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `mkdocs` run as a script does not put the working directory on the path
    sys.path.insert(0, str(ROOT))

from tools import exercises, notebooks  # noqa: E402

NOTEBOOK_PAGE = re.compile(r"^notebooks/[^/]+\.ipynb$")
# nbconvert's MathJax loader (a <script> from a CDN, or with an empty src): hooks/formulas.py renders the math
MATHJAX_LOADER = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
# a heading as nbconvert writes it, with mkdocs-jupyter's anchor link (¶) at its end
HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)
ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="[^"]*">.*?</a>', re.S)
OWN_ID = re.compile(r'<a id="([^"]+)"\s*(?:/>|>\s*</a>)')  # `{#id}` of the page (tools/notebooks.py)
TAG = re.compile(r"<[^>]+>")
# what mkdocs-jupyter puts around the notebook: JupyterLab's and nbconvert's CSS (notebooks.css replaces it),
# and nbconvert's Mermaid loader (which would import Mermaid from a CDN; the notebooks draw no diagrams)
INLINE_STYLE = re.compile(r"<style\b[^>]*>.*?</style>\s*", re.S)
MERMAID_LOADER = re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid.*?</script>\s*'
                            r"|<!-- End of mermaid configuration -->", re.S)
# a code cell's copy button copies a hidden second copy of the code: point it at the shown code instead
COPY_TEXT = re.compile(r'<div (?:class="clipboard-copy-txt" id="([^"]+)"|id="([^"]+)" class="clipboard-copy-txt")>'
                       r"[^<]*</div>")
CODE_BLOCK = re.compile(r'(<div class="highlight-ipynb[^"]*">)<pre>((?:(?!</pre>).)*</pre></div>\s*)', re.S)
TEXT_CODE_BLOCK = '<div class="highlight"><pre>'  # a code block in a Markdown cell
# nbconvert makes an output's box focusable; the <pre> inside it is what scrolls (notebooks.css)
OUTPUT_BLOCK = re.compile(r'(<div class="[^"]*\bjp-OutputArea-output\b[^>]*?) tabindex="0"(>\s*<pre)>')
COPY_BUTTON = re.compile(r'<clipboard-copy\b[^>]*\bfor="([^"]+)"[^>]*>')
COPIED_NOTICE = re.compile(r'(<span class="notice" hidden(?:="")?>)Copied!(</span>)')
STYLESHEET = "stylesheets/notebooks.css"  # overrides/stylesheets/notebooks.css
LINKS = {
    "en": "This lesson as a Jupyter notebook: [view it]({view}) · [download {name}]({download})",
    "zh": "本节的 Jupyter 笔记本：[在线查看]({view}) · [下载 {name}]({download})",
}
WORDS = {  # on notebook pages
    "en": {"download": "Download this notebook: ", "notebook": " (Jupyter notebook)", "copy": "Copy to clipboard",
           "copied": "Copied!"},
    "zh": {"download": "下载本笔记本：", "notebook": "（Jupyter 笔记本）", "copy": "复制到剪贴板", "copied": "已复制"},
}

_workdir: tempfile.TemporaryDirectory | None = None


def on_config(config):
    # out of the navigation (mkdocs applies not_in_nav after on_files, also to mkdocs-jupyter's wrapped files)
    hidden = GitIgnoreSpec.from_lines(["/notebooks/"])
    config.not_in_nav = config.not_in_nav + hidden if config.not_in_nav else hidden
    return config


@event_priority(50)  # before mkdocs-jupyter looks for notebooks among the files
def on_files(files, config):
    global _workdir
    _cleanup()
    _workdir = tempfile.TemporaryDirectory(prefix="notebooks-")
    html_pages = not config.use_directory_urls  # offline: the page is notebooks/<page>.html
    figures = "../figures/" if html_pages else "../../figures/"  # the site's figures, seen from that page
    for page in notebooks.lessons(Path(config.docs_dir)):
        uri = f"notebooks/{page.stem}.ipynb"
        shown = Path(_workdir.name) / uri
        shown.parent.mkdir(exist_ok=True)
        try:
            shown.write_text(notebooks.text(notebooks.notebook(page, None, figures, html_pages)), "utf-8")
            download = notebooks.text(notebooks.notebook(page, config.site_url))
        # MkDocs would report a missing include too, but only after this hook
        except (notebooks.MissingInclude, exercises.FormatError) as missing:
            raise PluginError(str(missing)) from None
        # a File with a real source folder: mkdocs-jupyter reads the notebook from abs_src_path
        files.append(File(uri, _workdir.name, config.site_dir, config.use_directory_urls))
        files.append(File.generated(config, f"notebooks/{page.stem}/{page.stem}.ipynb", content=download))
    return files


def on_page_markdown(markdown, page, config, files):
    if not notebooks.is_lesson(page.file.src_uri):
        return markdown
    stem = page.file.src_uri.removesuffix(".md")
    links = LINKS[config.theme["language"]].format(
        view=f"notebooks/{stem}.ipynb", download=f"notebooks/{stem}/{stem}.ipynb", name=f"{stem}.ipynb"
    )
    # right under the title; kept out of the search index
    return re.sub(r"^# .*$", lambda m: f"{m[0]}\n\n{links}\n{{ data-search-exclude }}\n", markdown,
                  count=1, flags=re.M)


def on_nav(nav, config, files):
    """Previous and next of a notebook page: those of its lesson page, each lesson swapped for its notebook."""
    suffix = WORDS[config.theme["language"]]["notebook"]

    def notebook_of(page):
        if page is None or not notebooks.is_lesson(page.file.src_uri):
            return page
        return Notebook(files.get_file_from_path(notebook_uri(page)).page, suffix)

    for lesson in nav.pages:
        if notebooks.is_lesson(lesson.file.src_uri):
            shown = files.get_file_from_path(notebook_uri(lesson)).page
            shown.previous_page = notebook_of(lesson.previous_page)
            shown.next_page = notebook_of(lesson.next_page)
    return nav


def notebook_uri(lesson) -> str:
    return f"notebooks/{lesson.file.src_uri.removesuffix('.md')}.ipynb"


class Notebook:
    """A notebook page as the footer of another one shows it: its title says it is a notebook. Read when
    the footer is built, once every page has its title (mkdocs-jupyter sets it when it renders the page)."""

    def __init__(self, page, suffix: str):
        self.page, self.suffix = page, suffix

    @property
    def url(self) -> str:
        return self.page.url

    @property
    def title(self) -> str:
        return self.page.title + self.suffix


def on_page_content(html, page, config, files):
    if NOTEBOOK_PAGE.match(page.file.src_uri):
        page.meta["search"] = {"exclude": True}  # the lesson page is the one to find
        html = MATHJAX_LOADER.sub("", html)
        html = heading_ids(page, html, config.mdx_configs["toc"]["slugify"])
        html = notebook_page(page, html, config.theme["language"], files)
    return html


def notebook_page(page, content: str, lang: str, files) -> str:
    """The notebook page's own look and links: our stylesheet instead of the inlined CSS, the download link
    under the title, copy buttons in the page's language that copy the code shown."""
    words = WORDS[lang]
    content = MERMAID_LOADER.sub("", INLINE_STYLE.sub("", content))
    stem = Path(page.file.src_uri).stem
    download = files.get_file_from_path(f"notebooks/{stem}/{stem}.ipynb")
    stylesheet = get_relative_url(STYLESHEET, page.url)
    # in the content, not the <head>: Material's instant navigation swaps the content but keeps the <head>
    content = f'<link rel="stylesheet" href="{stylesheet}">\n' + content
    line = (f'<p class="nb-download">{words["download"]}'
            f'<a href="{download.url_relative_to(page.file)}" download>{Path(download.dest_uri).name}</a></p>')
    content, found = re.subn(r"(<h1\b.*?</h1>)", lambda m: m[1] + line, content, count=1, flags=re.S)
    if not found:
        raise PluginError(f"{page.file.src_uri}: the notebook page has no title (h1) to put its download link under")

    ids = [a or b for a, b in COPY_TEXT.findall(content)]
    content = COPY_TEXT.sub("", content)
    shown = iter(ids)
    # tabindex: code scrolls sideways inside its box, and the keyboard must be able to scroll it too
    content = CODE_BLOCK.sub(lambda m: f'{m[1]}<pre id="{next(shown)}" tabindex="0">{m[2]}', content)
    if next(shown, None) is not None:
        raise PluginError(f"{page.file.src_uri}: {len(ids)} copy buttons, but fewer code cells")
    content = content.replace(TEXT_CODE_BLOCK, '<div class="highlight"><pre tabindex="0">')
    content = OUTPUT_BLOCK.sub(r'\1\2 tabindex="0">', content)
    content = COPY_BUTTON.sub(lambda m: f'<clipboard-copy for="{m[1]}" aria-label="{words["copy"]}">', content)
    return COPIED_NOTICE.sub(lambda m: m[1] + words["copied"] + m[2], content)


def heading_ids(page, content: str, slugify) -> str:
    """Give every heading of a notebook page the id the lesson page gives it (the same slugify as
    mkdocs.yml's toc, or the page's own {#id}) and rebuild the page's table of contents from them."""
    ids, tokens = set(), []

    def fix(match: re.Match) -> str:
        level, inner = int(match[1]), ANCHOR_LINK.sub("", match[2])
        own = OWN_ID.search(inner)
        inner = OWN_ID.sub("", inner).rstrip()
        name = html.unescape(TAG.sub("", inner)).strip()
        anchor = unique(own[1] if own else slugify(name, "-"), ids)
        tokens.append({"level": level, "id": anchor, "name": html.escape(name), "children": []})
        # Material's own permalink, styled as on the lesson pages
        link = f'<a class="headerlink" href="#{anchor}" title="Permanent link">¶</a>'
        return f'<h{level} id="{anchor}">{inner}{link}</h{level}>'

    content = HEADING.sub(fix, content)
    page.toc = get_toc(nest(tokens))
    return content


def nest(tokens: list[dict]) -> list[dict]:
    """Flat heading tokens -> the tree that mkdocs' get_toc() reads (each heading under the last higher one)."""
    roots, open_ = [], []
    for token in tokens:
        while open_ and open_[-1]["level"] >= token["level"]:
            open_.pop()
        (open_[-1]["children"] if open_ else roots).append(token)
        open_.append(token)
    return roots


def on_post_build(config):
    _cleanup()


def on_build_error(error):
    _cleanup()


def _cleanup():
    global _workdir
    if _workdir is not None:
        _workdir.cleanup()
        _workdir = None
