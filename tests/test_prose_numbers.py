"""A precise number quoted in a page's text must be one that its included files really contain.

Numbers with three or more decimals (0.135146, -0.999999, 4.952) are the ones a reader compares with
an output; each must equal, at the precision written, a number in one of the snippets or outputs the
page includes. Short numbers (0.2, 40, 36) are hyper-parameters and counts, left to review.
"""

from __future__ import annotations

import re

import pytest

from tools import snippets as runner

PRECISE = re.compile(r"(?<![\w.])[-−]?\d+\.\d{3,}(?![\d])")
ANY_NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?(?:e[-+]?\d+)?", re.IGNORECASE)
FENCED = re.compile(r"^\s*(```|~~~).*?^\s*\1\s*$", re.MULTILINE | re.DOTALL)


def as_float(text: str) -> float:
    return float(text.replace("−", "-"))


def decimals(text: str) -> int:
    return len(text.split(".")[1])


@pytest.mark.parametrize("page", runner.pages(), ids=runner.rel)
def test_quoted_numbers_come_from_included_files(page):
    source = page.read_text(encoding="utf-8")
    prose = FENCED.sub("", source)
    available = [
        as_float(n)
        for target in runner.includes_of(page)
        for n in ANY_NUMBER.findall((runner.SNIPPETS / target).read_text(encoding="utf-8"))
    ]
    unbacked = [
        quoted
        for quoted in PRECISE.findall(prose)
        if not any(round(value, decimals(quoted)) == as_float(quoted) for value in available)
    ]
    assert not unbacked, (
        f"{runner.rel(page)} quotes numbers that none of its snippets or outputs contain: {unbacked}. "
        "Print them from a snippet (and include its output), or correct the text."
    )


def test_the_check_sees_numbers():
    """Guard: the decay page quotes outputs, so the check must find some precise numbers there."""
    page = runner.DOCS / "en" / "03-lr-decay.md"
    assert len(PRECISE.findall(FENCED.sub("", page.read_text(encoding="utf-8")))) >= 4
