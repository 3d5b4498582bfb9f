"""MkDocs hook: every lesson also as a Jupyter notebook, generated from the page at build time.

- notebooks/<page>.ipynb          the notebook (tools/notebooks.py), shown by mkdocs-jupyter as the page
                                  notebooks/<page>/, kept out of the navigation and the search index;
                                  its figures and links are relative links into the site (the page stays
                                  light and works at any address, offline too)
- notebooks/<page>/<page>.ipynb   the notebook to download, with its figures embedded
- under the title of each lesson page, a line links to both (so no page has to be edited by hand);
- notebook pages keep Jupyter's $...$ math: javascripts/notebook-math.js renders it with KaTeX, and
  nbconvert's MathJax loader is removed;
- notebook pages get the heading ids of their lesson page (mkdocs-jupyter's slugger drops Chinese
  characters, leaving id=""), and a table of contents that links to them.

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
from pathspec.gitignore import GitIgnoreSpec

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `mkdocs` run as a script does not put the working directory on the path
    sys.path.insert(0, str(ROOT))

from tools import notebooks  # noqa: E402

NOTEBOOK_PAGE = re.compile(r"^notebooks/[^/]+\.ipynb$")
# nbconvert's MathJax loader (a <script> from a CDN, or with an empty src): the site renders math with KaTeX
MATHJAX_LOADER = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
# a heading as nbconvert writes it, with mkdocs-jupyter's anchor link (¶) at its end
HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)
ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="[^"]*">.*?</a>', re.S)
OWN_ID = re.compile(r'<a id="([^"]+)"\s*(?:/>|>\s*</a>)')  # `{#id}` of the page (tools/notebooks.py)
TAG = re.compile(r"<[^>]+>")
MATH_SCRIPT = "javascripts/notebook-math.js"
MATH_JS = """\
// Notebook pages (mkdocs-jupyter) keep the notebook's $...$ and $$...$$ math: render it with KaTeX.
document$.subscribe(() => {
  for (const notebook of document.querySelectorAll(".jupyter-wrapper")) {
    renderMathInElement(notebook, {
      delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "$", right: "$", display: false },
      ],
      ignoredClasses: ["clipboard-copy-txt"],  // the hidden copy of a code cell that its copy button copies
      throwOnError: false,
    });
  }
});
"""
LINKS = {
    "en": "This lesson as a Jupyter notebook: [view it]({view}) · [download {name}]({download})",
    "zh": "本节的 Jupyter 笔记本：[在线查看]({view}) · [下载 {name}]({download})",
}

_workdir: tempfile.TemporaryDirectory | None = None


def on_config(config):
    config.extra_javascript.append(MATH_SCRIPT)
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
        except notebooks.MissingInclude as missing:  # MkDocs would say so too, but only after this hook
            raise PluginError(str(missing)) from None
        # a File with a real source folder: mkdocs-jupyter reads the notebook from abs_src_path
        files.append(File(uri, _workdir.name, config.site_dir, config.use_directory_urls))
        files.append(File.generated(config, f"notebooks/{page.stem}/{page.stem}.ipynb", content=download))
    files.append(File.generated(config, MATH_SCRIPT, content=MATH_JS))
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


def on_page_content(html, page, config, files):
    if NOTEBOOK_PAGE.match(page.file.src_uri):
        page.meta["search"] = {"exclude": True}  # the lesson page is the one to find
        html = MATHJAX_LOADER.sub("", html)
        html = heading_ids(page, html, config.mdx_configs["toc"]["slugify"])
    return html


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
        return f'<h{level} id="{anchor}">{inner}<a class="anchor-link" href="#{anchor}">¶</a></h{level}>'

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
