"""The Chinese and English sites are the same course: same pages, and on each page the same
sections, tabs, boxes, snippets, outputs, figures and inline code, in the same order."""

from __future__ import annotations

import re

import pytest

from tools import snippets as runner

ZH, EN = (runner.DOCS / lang for lang in runner.LANGUAGES)
FENCE = re.compile(r"^(\s*)(```+|~~~+)(.*)$")


def page_names(folder) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.glob("**/*.md")}


def outline(text: str) -> list[str]:
    """The language-independent skeleton of a page, one entry per structural element."""
    items = []
    fence = None  # the opening marker while inside a fenced block
    for line in text.splitlines():
        match = FENCE.match(line)
        if fence:
            if match and match.group(2).startswith(fence) and not match.group(3).strip():
                fence = None
            elif (include := runner.INCLUDE.match(line)):
                items.append(f"include {include.group(1)}")
            continue
        if match:
            fence = match.group(2)
            info = match.group(3).strip()
            language = info.split()[0].lstrip("{.") if info else ""
            items.append(f"fence {language}" + (" (indented)" if match.group(1) else ""))
            continue
        if heading := re.match(r"^(#{1,6})\s", line):
            items.append(f"heading level {len(heading.group(1))}")
        elif re.match(r"^\s*===\s", line):
            items.append("tab")
        elif admonition := re.match(r"^\s*(!!!|\?\?\?\+?)\s+(\w+)", line):
            items.append(f"box {admonition.group(2)}")
        items += [f"figure {match['path']}" for match in runner.FIGURE.finditer(line)]
    return items


def test_both_languages_have_the_same_pages():
    zh, en = page_names(ZH), page_names(EN)
    assert zh, "docs/zh has no pages"
    problems = [f"docs/zh/{p} has no English version docs/en/{p}" for p in sorted(zh - en)]
    problems += [f"docs/en/{p} has no Chinese version docs/zh/{p}" for p in sorted(en - zh)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(page_names(ZH) & page_names(EN)))
def test_page_structure_matches_across_languages(name):
    zh = outline((ZH / name).read_text(encoding="utf-8"))
    en = outline((EN / name).read_text(encoding="utf-8"))
    diff = runner.unified_diff("\n".join(zh) + "\n", "\n".join(en) + "\n", f"docs/zh/{name}", f"docs/en/{name}")
    assert zh == en, f"docs/zh/{name} and docs/en/{name} differ in structure:\n{diff}"


@pytest.mark.parametrize("path", runner.pages(), ids=runner.rel)
def test_inline_python_is_not_indented(path):
    """pytest-markdown-docs only sees top-level fences: indented Python must be a snippet include."""
    items = outline(path.read_text(encoding="utf-8"))
    hidden = [i for i, item in enumerate(items) if item == "fence python (indented)"
              and not (i + 1 < len(items) and items[i + 1].startswith("include "))]
    assert not hidden, (
        f"{runner.rel(path)}: a Python fence inside a tab or box holds inline code, which the test run "
        "would never execute. Move the code into a snippet file and include it."
    )


def test_outline_sees_what_it_compares():
    """Guard against an outline that is always empty, which would make the parity test pass vacuously."""
    items = outline((EN / "03-lr-decay.md").read_text(encoding="utf-8"))
    kinds = {item.split()[0] for item in items}
    assert {"heading", "tab", "box", "include", "figure", "fence"} <= kinds


def test_markdown_docs_runs_inline_fences_but_not_includes():
    """The parser handed to pytest-markdown-docs keeps inline Python and drops snippet includes."""
    from conftest import pytest_markdown_docs_markdown_it

    text = (EN / "02-learning-rate.md").read_text(encoding="utf-8")
    fences = [t for t in pytest_markdown_docs_markdown_it().parse(text) if t.type == "fence"]
    assert any(t.info == "python" and "for lr in" in t.content for t in fences)
    assert not any("--8<--" in t.content for t in fences)
