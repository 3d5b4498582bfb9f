"""Every snippet runs, prints exactly its committed output and draws exactly its committed figures. Failures
name the snippet, the pages that use it and a diff.

Each snippet runs once per test run, in a fresh process, as a reader runs it (`python name.py`). That run and
the run that wrote the committed files (`make regen`, which itself saves only when two runs agree) are two
independent processes with the same output: a snippet that is not seeded differs from its committed output."""

from __future__ import annotations

import pytest

from tools import snippets as runner

SNIPPETS = runner.all_snippets()
ADVICE = "If the change is intended, run `make regen` and commit the result."


def describe(snippet) -> str:
    pages = ", ".join(runner.pages_using(snippet)) or "no page"
    return f"{runner.rel(snippet)} (used by {pages})"


def differences(snippet, run, expected_out: str, expected_figures: dict[str, bytes], label: str) -> list[str]:
    """Human-readable differences between a run and what it is compared with."""
    problems = []
    out_name = runner.rel(runner.output_path(snippet))
    if run.stdout != expected_out:
        diff = runner.unified_diff(expected_out, run.stdout, f"{out_name} ({label})", f"{out_name} (this run)")
        problems.append(f"printed output differs from {label}:\n{diff}")
    for name in sorted(set(expected_figures) | set(run.figures)):
        path = runner.rel(snippet.parent / name)
        if name not in run.figures:
            problems.append(f"{path}: in {label} but not drawn by this run")
        elif name not in expected_figures:
            problems.append(f"{path}: drawn by this run but not in {label}")
        elif run.figures[name] != expected_figures[name]:
            diff = runner.unified_diff(
                expected_figures[name].decode("utf-8", "replace"),
                run.figures[name].decode("utf-8", "replace"),
                f"{path} ({label})",
                f"{path} (this run)",
            )
            problems.append(f"{path}: figure differs from {label} (first lines of the diff):\n"
                            + "\n".join(diff.splitlines()[:40]))
    return problems


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[runner.rel_to_snippets(s) for s in SNIPPETS])
def test_snippet_prints_its_committed_output(snippet, record_property):
    out_file = runner.output_path(snippet)
    assert out_file.exists(), f"{describe(snippet)} has no committed output {runner.rel(out_file)}. {ADVICE}"

    run = runner.run_snippet(snippet)
    record_property("snippet_seconds", run.seconds)
    if not run.ok:
        pytest.fail(f"{describe(snippet)} {run.problem()}", pytrace=False)

    committed = {name: path.read_bytes() for name, path in runner.committed_figures(snippet).items()}
    problems = differences(snippet, run, out_file.read_text(encoding="utf-8"), committed, "committed")
    if problems:
        pytest.fail(f"{describe(snippet)}:\n" + "\n".join(problems) + f"\n{ADVICE} (If it changes from run "
                    "to run, seed everything random: `make regen` refuses a snippet whose two runs differ.)",
                    pytrace=False)


def test_there_are_snippets():
    assert len(SNIPPETS) >= 9, "the snippet folder looks empty: nothing would be checked"


def test_every_snippet_is_shown_on_a_page():
    unused = [runner.rel(s) for s in SNIPPETS if not runner.pages_using(s)]
    assert not unused, f"snippets that no page includes: {unused}"


def test_no_output_or_figure_without_its_snippet():
    stems = {(s.parent, s.stem) for s in SNIPPETS}
    orphans = [
        runner.rel(path)
        for path in sorted(runner.SNIPPETS.rglob("*"))
        if path.suffix in (".out", ".svg") and (path.parent, runner.figure_owner(path.name)) not in stems
    ]
    assert not orphans, f"outputs or figures whose snippet is gone (delete them or restore the snippet): {orphans}"

