"""MkDocs hook: add files that live outside docs/<lang>/ to both sites.

- snippets/<page>/<name>.svg -> figures/<page>/<name>.svg   figures drawn by the snippets (and by
                                                          snippets/<page>/exercises/), their words in
                                                          the site's language (tools/translations.py)
- node_modules/katex/dist/*  -> assets/katex/*              KaTeX's CSS and fonts, served locally (no CDN), for the
                                                          formulas hooks/formulas.py renders at build time

Pages refer to a figure as ![...](figures/<page>/<name>.svg), so the strict build checks the link. The browser
fetches a figure when the reader scrolls near it (loading="lazy"): a first visit on a slow network pays only for
the figures it shows.
"""

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `mkdocs` run as a script does not put the working directory on the path
    sys.path.insert(0, str(ROOT))

from tools import snippets as runner  # noqa: E402
from tools import translations  # noqa: E402

KATEX = ROOT / "node_modules" / "katex" / "dist"
# no JavaScript: the formulas are HTML already. woff2 only: every browser that runs Material reads it, so the
# other font formats are never fetched
KATEX_FILES = ["katex.min.css", "fonts/*.woff2"]
FIGURE_IMG = re.compile(r'<img (?=[^>]*\bsrc="[^"]*figures/[^"]+\.svg")(?![^>]*\bloading=)')


def on_files(files, config):
    lang = config.theme["language"]
    for svg in runner.all_figures():
        try:
            content = translations.figure(svg, lang)
        except translations.TranslationError as error:
            raise PluginError(str(error)) from None
        files.append(File.generated(config, f"figures/{runner.rel_to_snippets(svg)}", content=content))

    if not (KATEX / "katex.min.css").is_file():
        raise PluginError(f"KaTeX is missing from {KATEX}: run `make setup` (npm ci) first")
    for pattern in KATEX_FILES:
        for path in sorted(KATEX.glob(pattern)):
            uri = "assets/katex/" + path.relative_to(KATEX).as_posix()
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def on_page_content(html, page, config, files):
    return FIGURE_IMG.sub('<img loading="lazy" ', html)
