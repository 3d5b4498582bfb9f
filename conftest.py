"""Shared pytest set-up.

- pytest-markdown-docs runs the Python fences written inline in docs/. A fence that only includes a
  snippet file (`--8<-- "..."`) is skipped here: tests/test_snippets.py runs that file and checks its output.
- After the run, print the slowest snippets (their single-run times).
"""

from __future__ import annotations

import re

import pytest

INCLUDE_ONLY = re.compile(r'^(\s*--8<--\s+"[^"]+"\s*\n?)+$')


@pytest.hookimpl
def pytest_markdown_docs_markdown_it():
    from markdown_it import MarkdownIt

    def drop_snippet_includes(state):
        state.tokens = [t for t in state.tokens if not (t.type == "fence" and INCLUDE_ONLY.match(t.content))]

    parser = MarkdownIt("commonmark")
    parser.core.ruler.push("drop_snippet_includes", drop_snippet_includes)
    return parser


def pytest_terminal_summary(terminalreporter):
    timings = []
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            for key, value in getattr(report, "user_properties", []):
                if key == "snippet_seconds":
                    timings.append((value, report.nodeid))
    if timings:
        terminalreporter.section("slowest snippets (one run each)")
        for seconds, nodeid in sorted(timings, reverse=True)[:10]:
            terminalreporter.write_line(f"{seconds:6.1f} s  {nodeid.split('[', 1)[-1].rstrip(']')}")
        terminalreporter.write_line(f"total snippet time: {sum(t for t, _ in timings):.1f} s")
