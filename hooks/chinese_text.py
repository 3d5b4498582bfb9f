"""MkDocs hook: on the zh site, a source line break between two Chinese characters is removed, as
tools/chinese_text.py explains (Chrome would show it as a space)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `mkdocs` run as a script does not put the working directory on the path
    sys.path.insert(0, str(ROOT))

from tools import chinese_text  # noqa: E402


def on_page_markdown(markdown, page, config, files):
    if config.theme["language"] != "zh":
        return markdown
    return chinese_text.join_lines(markdown)
