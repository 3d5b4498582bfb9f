"""The build command is strict: a page with a dead link, a missing anchor, an unrecognised link, a missing
figure, a missing snippet, a misnumbered exercise or a formula KaTeX cannot parse stops `tools/build_site.py`
(what `make site`, `make serve`, `make offline` and the tests run), with a message naming the page. Each case
breaks one page of a copy of the project and builds that page's language; the unbroken build is the site
fixture (tests/test_site.py).

MkDocs reports every broken link of a build before it stops (strict mode counts warnings), so the link cases of
one language share one build, and each must be reported on a line of its own that names its page; an error
(a missing snippet or figure, a bad exercise, a bad formula) stops the build at once, so each has a build of its own."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tools import build_site, exercises

# what a build reads; node_modules (KaTeX) is linked, not copied
PROJECT_PARTS = ["docs", "hooks", "overrides", "snippets", "tools", "mkdocs.yml", "mkdocs.en.yml", "glossary.yml"]

# (page, line added to it, words the failure must show besides the page's path)
LINKS = {
    "link to a missing page": ("zh/02-learning-rate.md", "[看这里](no-such-page.md)", ["no-such-page.md"]),
    "missing anchor on another page": ("en/05-loss.md", "[see](02-learning-rate.md#nowhere)", ["#nowhere"]),
    "missing anchor on the same page": ("zh/glossary.md", "[见上文](#nowhere)", ["#nowhere"]),
    "unrecognised link": ("en/index.md", "[notes](notes/)", ["notes/"]),
}
ERRORS = {
    "missing figure": ("en/07-optimizers.md", "![lost](figures/07-optimizers/lost.svg)", ["lost.svg"]),
    "misnumbered exercise": ("en/04-activation.md", "### 9. Derive by hand: lost {#exercise-9}", ["numbered 9"]),
    # KaTeX renders every formula at build time (hooks/formulas.py) and cannot parse this one
    "malformed formula": ("zh/05-loss.md", r"损失 \(\frac{1}{2\) 的一半", [r"\frac{1}{2", "KaTeX"]),
    "missing snippet": (
        "zh/03-lr-decay.md", '```python\n--8<-- "03-lr-decay/no_such_snippet.py"\n```', ["no_such_snippet.py"]
    ),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of what the build reads, to break."""
    copy = tmp_path_factory.mktemp("project")
    for part in PROJECT_PARTS:
        source = build_site.ROOT / part
        if source.is_dir():
            shutil.copytree(source, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / part)
    (copy / "node_modules").symlink_to(build_site.ROOT / "node_modules")
    return copy


def broken(page: str, line: str) -> str:
    """The page with the line added: an exercise at its end, anything else before its exercises (which end a
    lesson page, tools/exercises.py)."""
    heading = exercises.SECTION_HEADING.search(page)
    at = heading.start() if heading and not line.startswith("### ") else len(page)
    return page[:at] + f"\n\n{line}\n\n" + page[at:]


def build_broken(project, tmp_path, cases: dict, lang: str) -> str:
    """Add each case's line to its page in the copy, build `lang`, restore the pages; what the build printed."""
    originals = {}
    for page, line, _ in cases.values():
        target = project / "docs" / page
        originals.setdefault(target, target.read_text(encoding="utf-8"))
        target.write_text(broken(target.read_text(encoding="utf-8"), line), encoding="utf-8")
    try:
        run = subprocess.run(
            [sys.executable, "tools/build_site.py", str(tmp_path / "site"), "--lang", lang],
            cwd=project, capture_output=True, text=True, timeout=300,
        )
    finally:
        for target, original in originals.items():
            target.write_text(original, encoding="utf-8")
    said = run.stdout + run.stderr
    assert run.returncode != 0, f"the {lang} build passed with {list(cases)}:\n{said}"
    assert "INFO" not in said, f"{list(cases)}: INFO lines in the failure report:\n{said}"
    return said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_broken_links_stop_the_build_and_each_is_named(project, tmp_path, lang):
    cases = {case: spec for case, spec in LINKS.items() if spec[0].startswith(f"{lang}/")}
    said = build_broken(project, tmp_path, cases, lang)
    for case, (page, line, words) in cases.items():
        named = [row for row in said.splitlines() if f"docs/{page}" in row and all(word in row for word in words)]
        assert named, f"{case}: no line of the failure names docs/{page} and {words} (`{line}` added):\n{said}"


@pytest.mark.parametrize("case", ERRORS)
def test_a_broken_page_stops_the_build_and_is_named(project, tmp_path, case):
    page, line, words = ERRORS[case]
    said = build_broken(project, tmp_path, {case: ERRORS[case]}, page.split("/")[0])
    assert f"docs/{page}" in said, f"{case}: the failure does not name docs/{page}:\n{said}"
    for word in words:
        assert word in said, f"{case}: the failure does not mention {word!r}:\n{said}"
