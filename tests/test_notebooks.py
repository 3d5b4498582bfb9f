"""Every lesson's notebook (tools/notebooks.py) is the page itself: the page's snippets as code cells with
their committed outputs, its figures embedded; the built site links every lesson page to its notebook.

A code cell is its snippet's code, commented in the notebook's language: tests/test_snippets.py runs that code
and compares it with the output the cell holds. The cells that do not use TensorFlow also run here, each in
a fresh Jupyter kernel, and print exactly that output: the kernel runs a cell as Python runs the file. The
TensorFlow cells are not run a second time: importing TensorFlow alone takes ~4 s of CPU, and each snippet
runs at most twice per test run (README, "How long the checks take")."""

from __future__ import annotations

import base64
import re
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.test_translations import code_tokens
from tools import chinese_text, exercises, notebooks, translations
from tools import snippets as runner

LESSONS = [page for lang in runner.LANGUAGES for page in notebooks.lessons(runner.DOCS / lang)]


def code_cells(nb) -> list:
    """The code cells that hold a snippet (not the empty ones under the exercises)."""
    return [cell for cell in nb.cells if cell.cell_type == "code" and "snippet" in cell.metadata]


def stdout_of(cell) -> str:
    return "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def executed_cells() -> list[tuple[Path, str]]:
    """(lesson page, snippet of one of its code cells that does not import TensorFlow); one language is
    enough, the code is the same in both, only its comments differ (test_both_languages_have_the_same_code_cells)."""
    pages = {page.name: page for page in reversed(LESSONS)}  # the Chinese page when both exist
    return [(page, name) for _, page in sorted(pages.items())
            for name in dict.fromkeys(runner.includes_of(page))
            if name.endswith(".py") and not uses_tensorflow(runner.SNIPPETS / name)]


def uses_tensorflow(snippet: Path) -> bool:
    return bool(USES_TENSORFLOW.search(snippet.read_text(encoding="utf-8")))


USES_TENSORFLOW = re.compile(r"^\s*(?:import|from)\s+tensorflow\b", re.M)


CELLS = executed_cells()


def test_there_are_lessons():
    assert LESSONS, "no lesson pages (docs/<lang>/NN-*.md) found: no notebook would be checked"
    assert len(CELLS) >= 5, f"only {len(CELLS)} code cells without TensorFlow to run in a kernel"


@pytest.mark.parametrize("page", LESSONS, ids=runner.rel)
def test_notebook_mirrors_its_page(page):
    nb = notebooks.notebook(page)  # validated against the notebook schema
    code = code_cells(nb)
    snippets = [name for name in exercises.includes_in_notebook_order(page) if name.endswith(".py")]
    assert [cell.metadata["snippet"] for cell in code] == snippets, f"{runner.rel(page)}: code cells != snippets"
    tries = [cell.metadata["exercise"] for cell in nb.cells if "exercise" in cell.metadata]
    numbers = [e.number for e in exercises.section(page).exercises]
    assert tries == numbers, f"{runner.rel(page)}: empty cells to try exercises {tries}, not {numbers}"
    ids = re.findall(r'<a id="([\w-]+)"></a>', "\n".join(c.source for c in nb.cells if c.cell_type == "markdown"))
    assert ids.index(exercises.SOLUTIONS_ID) > max(ids.index(f"exercise-{n}") for n in numbers), (
        f"{runner.rel(page)}: a solution comes before an exercise in the notebook")
    for cell in code:
        snippet = runner.SNIPPETS / cell.metadata["snippet"]
        shown = translations.code(snippet, page.parent.name)  # commented in the page's language
        assert cell.source + "\n" == shown, f"cell differs from {runner.rel(snippet)}"
        assert stdout_of(cell) == runner.output_path(snippet).read_text(encoding="utf-8")

    markdown = [cell for cell in nb.cells if cell.cell_type == "markdown"]
    attachments = {name: data for cell in markdown for name, data in cell.get("attachments", {}).items()}
    figures = runner.figures_of(page)
    assert sorted(attachments) == sorted(Path(f).name for f in figures), f"{runner.rel(page)}: figures"
    for figure in figures:
        embedded = base64.b64decode(attachments[Path(figure).name]["image/svg+xml"])
        expected = translations.figure(runner.SNIPPETS / figure, page.parent.name)
        assert embedded == expected, f"{figure}: not the committed figure in the page's language"

    text = "\n".join(cell.source for cell in markdown)
    leftovers = [mark for mark in ("--8<--", "](figures/", ".md)", '=== "', "!!! ", "\\(", "\\[") if mark in text]
    assert not leftovers, f"{runner.rel(page)}: page syntax left in the notebook's Markdown: {leftovers}"
    gaps = [gap for cell in markdown for gap in chinese_text.broken_lines(cell.source)]  # shown as spaces too
    assert not gaps, f"{runner.rel(page)}: line breaks between Chinese characters in the notebook: {gaps[:3]}"


def test_both_languages_have_the_same_code_cells():
    """The same code; only the comments are in the notebook's language (tools/translations.py)."""
    by_name = {}
    for page in LESSONS:
        cells = code_cells(notebooks.notebook(page))
        by_name.setdefault(page.name, []).append([code_tokens(c.source) for c in cells])
    differ = [name for name, versions in by_name.items() if len(versions) == 2 and versions[0] != versions[1]]
    assert not differ, f"the Chinese and English notebooks hold different code: {differ}"


def test_notebook_is_reproducible():
    page = LESSONS[0]
    assert notebooks.text(notebooks.notebook(page)) == notebooks.text(notebooks.notebook(page))


@pytest.mark.parametrize("page, name", CELLS, ids=[name for _, name in CELLS])
def test_code_cell_prints_its_committed_output(page, name, tmp_path, record_property):
    """Run one code cell in a fresh kernel (each cell is a complete program: the legacy TF1 cells switch
    TensorFlow to graph mode for the rest of a kernel's life)."""
    cell = next(cell for cell in code_cells(notebooks.notebook(page)) if cell.metadata["snippet"] == name)
    snippet = runner.SNIPPETS / name
    committed = stdout_of(cell)
    cell.outputs = []
    nb = nbformat.v4.new_notebook(cells=[cell], metadata={"kernelspec": notebooks.KERNELSPEC})

    start = time.perf_counter()
    NotebookClient(nb, timeout=runner.TIMEOUT, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute(env=runner.run_environment())
    record_property("notebook_cell_seconds", time.perf_counter() - start)

    errors = [f"{o.ename}: {o.evalue}" for o in cell.outputs if o.output_type == "error"]
    assert not errors, f"{runner.rel(snippet)} failed in a notebook kernel: {errors}"
    printed = stdout_of(cell)
    diff = runner.unified_diff(committed, printed, f"{runner.rel(runner.output_path(snippet))}", "notebook kernel")
    assert printed == committed, f"{runner.rel(snippet)} prints differently in a notebook kernel:\n{diff}"
    drawn = {p.name: p.read_bytes() for p in tmp_path.glob("*.svg")}
    expected = {name: path.read_bytes() for name, path in runner.committed_figures(snippet).items()}
    assert drawn == expected, f"{runner.rel(snippet)}: figures drawn in the kernel differ from the committed ones"


@pytest.mark.parametrize("page", LESSONS, ids=runner.rel)
def test_lesson_page_links_its_notebook(site, site_server, page):
    dest, _ = site
    lang = page.parent.name
    stem = page.stem
    html = (dest / lang / stem / "index.html").read_text(encoding="utf-8")
    view, download = f"../notebooks/{stem}/", f"../notebooks/{stem}/{stem}.ipynb"
    assert f'href="{view}"' in html and f'href="{download}"' in html, f"{runner.rel(page)}: no notebook links"
    assert html.count('href="../notebooks/') == 2, f"{runner.rel(page)}: notebook pages are in the navigation"
    assert "jupyter-wrapper" in (dest / lang / "notebooks" / stem / "index.html").read_text(encoding="utf-8")

    with urllib.request.urlopen(f"{site_server.url}{lang}/notebooks/{stem}/{stem}.ipynb") as response:
        served = response.read().decode("utf-8")
    site_url = f"{site_server.url}{lang}/"
    assert served == notebooks.text(notebooks.notebook(page, site_url)), "the download is not the page's notebook"
    assert "notebooks/" not in (dest / lang / "search" / "search_index.json").read_text(encoding="utf-8"), (
        "notebook pages are in the search index: searching would list them beside the lessons"
    )


@pytest.mark.parametrize("page", LESSONS, ids=runner.rel)
def test_notebook_page_has_the_lesson_headings_and_ids(site, page):
    """mkdocs-jupyter's own slugger drops Chinese characters (id=""); hooks/notebooks.py gives the notebook
    page the lesson page's ids, so a link to a section works on both, and its table of contents links to them.
    The notebook has one section more: the solutions, after the exercises that end the lesson."""
    dest, _ = site
    lang, stem = page.parent.name, page.stem
    heading_ids = re.compile(r'<h[1-6] id="([^"]*)"')
    lesson = heading_ids.findall((dest / lang / stem / "index.html").read_text(encoding="utf-8"))
    solutions = [exercises.SOLUTIONS_ID] + [f"solution-{e.number}" for e in exercises.section(page).exercises]
    shown = (dest / lang / "notebooks" / stem / "index.html").read_text(encoding="utf-8")
    ids = heading_ids.findall(shown)
    assert ids == lesson + solutions, f"{runner.rel(page)}: the notebook page's heading ids differ"
    toc = re.findall(r'<a href="#([^"]*)" class="md-nav__link">', shown)
    assert toc and set(toc) <= set(ids), f"{runner.rel(page)}: table-of-contents links {toc} vs ids {ids}"
