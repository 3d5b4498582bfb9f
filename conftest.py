"""pytest-markdown-docs runs the Python fences written inline in docs/. A fence that only includes a
snippet file (`--8<-- "..."`) is skipped here: tests/test_snippets.py runs that file and checks its output.
(The site fixtures and the run's summaries are in tests/conftest.py.)
"""

from __future__ import annotations

import re

import pytest

INCLUDE_ONLY = re.compile(r'^(\s*--8<--\s+"[^"]+"\s*\n?)+$')


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path, parent):
    """Fences in docs/*.md only: pytest-markdown-docs would also import every .py file and walk its objects'
    docstrings (~4 s on each worker) for fences that our Python files do not have."""
    collected = yield
    if file_path.suffix == ".py":
        return [c for c in collected if type(c).__name__ != "MarkdownDocstringCodeModule"]
    return collected


@pytest.hookimpl
def pytest_markdown_docs_markdown_it():
    from markdown_it import MarkdownIt

    def drop_snippet_includes(state):
        state.tokens = [t for t in state.tokens if not (t.type == "fence" and INCLUDE_ONLY.match(t.content))]

    parser = MarkdownIt("commonmark")
    parser.core.ruler.push("drop_snippet_includes", drop_snippet_includes)
    return parser

