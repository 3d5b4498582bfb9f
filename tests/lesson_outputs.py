"""Read committed snippet outputs for the independent numerical checks (tests/test_lesson_*.py).

test_snippets.py proves each output is what its snippet prints today; the lesson tests recompute the
same numbers another way (NumPy, closed forms), so an output that is stable but wrong cannot pass.
"""

from __future__ import annotations

import re

from tools import snippets as runner

NUMBER = r"(-?\d+(?:\.\d+)?)"


def lines(name: str) -> list[str]:
    """The committed output of snippets/<name>.py, line by line."""
    return (runner.SNIPPETS / f"{name}.out").read_text(encoding="utf-8").splitlines()


def rows(name: str, pattern: str) -> list[tuple[float, ...]]:
    """Every output line that matches pattern (with {n} standing for a number), as floats."""
    regex = re.compile(pattern.replace("{n}", NUMBER))
    found = [tuple(float(g) for g in m.groups()) for line in lines(name) if (m := regex.fullmatch(line))]
    assert found, f"no line of snippets/{name}.out matches {pattern!r}"
    return found
