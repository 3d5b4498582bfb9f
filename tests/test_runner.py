"""The snippet runner itself: failures are reported clearly and never damage committed outputs."""

from __future__ import annotations

import pytest

from tools import snippets as runner


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A throw-away snippets/ and docs/ tree for the runner to work on."""
    (tmp_path / "snippets" / "demo").mkdir(parents=True)
    for lang in runner.LANGUAGES:
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "demo.md").write_text('```python\n--8<-- "demo/bad.py"\n```\n')
    monkeypatch.setattr(runner, "ROOT", tmp_path)
    monkeypatch.setattr(runner, "SNIPPETS", tmp_path / "snippets")
    monkeypatch.setattr(runner, "DOCS", tmp_path / "docs")
    return tmp_path / "snippets" / "demo"


def test_regen_writes_output_and_figure(tree):
    (tree / "good.py").write_text(
        "import matplotlib.pyplot as plt\nprint('hello')\nplt.plot([1, 2])\nplt.savefig('good.svg')\n"
    )
    assert runner.regen(["good"]) == 0
    assert (tree / "good.out").read_text() == "hello\n"
    assert (tree / "good.svg").read_bytes().startswith(b"<?xml")
    # the fixed hash salt and date make the figure byte-identical on the next run
    again = runner.run_snippet(tree / "good.py")
    assert again.figures["good.svg"] == (tree / "good.svg").read_bytes()


def test_failing_snippet_keeps_old_output_and_names_its_pages(tree, capsys):
    (tree / "bad.py").write_text("print('partial')\nraise ValueError('boom')\n")
    (tree / "bad.out").write_text("old output\n")
    assert runner.regen(["bad"]) == 1
    assert (tree / "bad.out").read_text() == "old output\n"
    report = capsys.readouterr().out
    assert "snippets/demo/bad.py" in report and "ValueError: boom" in report
    assert "docs/zh/demo.md" in report and "docs/en/demo.md" in report
    assert not list(tree.glob(".*.tmp")), "a temporary file was left behind"


def test_hanging_snippet_is_stopped(tree, monkeypatch):
    monkeypatch.setattr(runner, "TIMEOUT", 2)
    (tree / "slow.py").write_text("import time\nprint('start')\ntime.sleep(60)\n")
    run = runner.run_snippet(tree / "slow.py")
    assert run.timed_out and not run.ok and run.seconds < 30
    assert "did not finish within 2 s" in run.problem()


def test_silent_snippet_and_stray_figure_are_refused(tree):
    (tree / "quiet.py").write_text("x = 1\n")
    assert "printed nothing" in runner.run_snippet(tree / "quiet.py").problem()
    (tree / "stray.py").write_text(
        "import matplotlib.pyplot as plt\nprint(1)\nplt.plot([1])\nplt.savefig('other.svg')\n"
    )
    assert "other.svg" in runner.run_snippet(tree / "stray.py").problem()


def test_save_refuses_a_failed_run(tree):
    (tree / "bad.py").write_text("raise SystemExit(3)\n")
    run = runner.run_snippet(tree / "bad.py")
    with pytest.raises(AssertionError):
        runner.save(run)


def test_regen_removes_a_figure_the_snippet_no_longer_draws(tree):
    (tree / "plain.py").write_text("print('no figure any more')\n")
    (tree / "plain.svg").write_text("<svg/>")
    (tree / "plain.old.svg").write_text("<svg/>")
    assert runner.regen(["plain"]) == 0
    assert not (tree / "plain.svg").exists() and not (tree / "plain.old.svg").exists()


def test_regen_refuses_a_snippet_whose_two_runs_differ(tree, capsys):
    """The committed output stands for every run (tests/test_snippets.py runs each snippet once)."""
    (tree / "unseeded.py").write_text("import os\nprint(os.urandom(8).hex())\n")
    (tree / "unseeded.out").write_text("old output\n")
    assert runner.regen(["unseeded"]) == 1
    assert (tree / "unseeded.out").read_text() == "old output\n"
    report = capsys.readouterr().out
    assert "snippets/demo/unseeded.py: two runs differ" in report and "(second run)" in report
