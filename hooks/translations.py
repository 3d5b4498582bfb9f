"""MkDocs hook: each site shows the snippets commented in its own language and its figures labelled in it.

The committed snippets and figures are English; snippets/<page>/<name>.zh.yml holds the Chinese of their
comments and figure text, applied by tools/translations.py.

- `--8<-- "<page>/<name>.py"` in a page becomes the snippet as tools/translations.code() gives it for the
  site's language, indented like the include line (pymdownx.snippets still includes the printed outputs,
  and reports a snippet that does not exist);
- figures/<page>/<name>.svg (hooks/shared_files.py) are passed through tools/translations.figure().
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `mkdocs` run as a script does not put the working directory on the path
    sys.path.insert(0, str(ROOT))

from tools import snippets as runner  # noqa: E402
from tools import translations  # noqa: E402


def on_page_markdown(markdown, page, config, files):
    lang = config.theme["language"]

    def include(match):
        line, name = match[0], match[1]
        snippet = runner.SNIPPETS / name
        if not name.endswith(".py") or not snippet.is_file():
            return line  # an output, or a missing file: pymdownx.snippets includes or reports it
        try:
            code = translations.code(snippet, lang)
        except translations.TranslationError as error:
            raise PluginError(f"docs/{lang}/{page.file.src_uri}: {error}") from None
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        return "\n".join(indent + text for text in code.rstrip("\n").split("\n"))

    return runner.INCLUDE.sub(include, markdown)
