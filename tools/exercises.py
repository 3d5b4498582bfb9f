"""The exercises that end every lesson page: their format, read in one place.

A lesson page (docs/<lang>/NN-name.md) ends with

    ## Exercises {#exercises}                          ## 练习 {#exercises}

    ### 1. Predict, then run: <title> {#exercise-1}    ### 1. 先预测，再运行：<标题> {#exercise-1}

    <the exercise>

    ??? success "Solution"                            ??? success "答案"

        <the reasoning; its code is a snippet, its numbers that snippet's output>

        ```python
        --8<-- "03-lr-decay/exercises/<name>.py"
        ```

- the kind of an exercise is the label that opens its title (KINDS);
- a solution's code lives in snippets/<lesson>/exercises/, apart from the lesson's own snippets, and is
  run and compared like every snippet (tests/test_snippets.py);
- tests/test_exercises.py checks the format, the kinds, both languages against each other, and every
  number a solution quotes against the files that solution includes;
- tools/notebooks.py puts the exercises first and their solutions after a marker, so a learner can try
  first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tools import snippets as runner

SECTION_ID = "exercises"
SOLUTIONS_ID = "solutions"  # the notebooks' marker heading
# kind -> the label that opens an exercise's title, per language
KINDS = {
    "predict": {"en": "Predict, then run", "zh": "先预测，再运行"},
    "modify": {"en": "Change the snippet", "zh": "改动代码"},
    "derive": {"en": "Derive by hand", "zh": "动手推导"},
    "mistake": {"en": "Find the mistake", "zh": "找出错误"},
}
LABEL_END = {"en": ": ", "zh": "："}
SOLUTION_TITLE = {"en": "Solution", "zh": "答案"}
SECTION_HEADING = re.compile(r"^## (.+?) \{#" + SECTION_ID + r"\}$", re.MULTILINE)
EXERCISE_HEADING = re.compile(r"^### (\d+)\. (.+?) \{#exercise-(\d+)\}$")
SOLUTION_BOX = re.compile(r'^\?\?\? success "([^"]*)"$')
INDENT = "    "


class FormatError(Exception):
    """A page's exercises do not follow the format above (the message names the page and line)."""


@dataclass
class Exercise:
    number: int
    kind: str
    title: str  # after the kind's label
    heading: str  # the heading line as written
    statement: list[str] = field(default_factory=list)  # the lines between the heading and the solution
    solution: list[str] = field(default_factory=list)  # the solution box's body, dedented

    @property
    def solution_includes(self) -> list[str]:
        return runner.INCLUDE.findall("\n".join(self.solution))

    @property
    def statement_includes(self) -> list[str]:
        return runner.INCLUDE.findall("\n".join(self.statement))


@dataclass
class Section:
    start: int  # index of the `## Exercises` line in the page's lines
    heading: str
    intro: list[str]  # lines between the section heading and the first exercise
    exercises: list[Exercise]


def language(page: Path) -> str:
    return page.relative_to(runner.DOCS).parts[0]


def section(page: Path, lines: list[str] | None = None) -> Section | None:
    """The page's exercises, or None if it has no exercises section. `lines`: the page's lines, if already
    read (tools/notebooks.py passes them without front matter)."""
    lang = language(page)
    lines = page.read_text(encoding="utf-8").splitlines() if lines is None else lines
    where = runner.rel(page)
    start = next((i for i, line in enumerate(lines) if SECTION_HEADING.match(line)), None)
    if start is None:
        return None
    later = [i for i in range(start + 1, len(lines)) if re.match(r"^#{1,2} ", lines[i])]
    if later:
        raise FormatError(f"{where}:{later[0] + 1}: the exercises must be the page's last section")

    exercises: list[Exercise] = []
    intro: list[str] = []
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if line.startswith("### "):
            exercises.append(_exercise(lines, i, lang, where, len(exercises) + 1))
            i += 1
        elif exercises:
            current = exercises[-1]
            if SOLUTION_BOX.match(line):
                if current.solution:
                    raise FormatError(f"{where}:{i + 1}: exercise {current.number} has a second solution")
                i = _solution(lines, i, lang, where, current)
                continue
            if current.solution and line.strip():
                raise FormatError(f"{where}:{i + 1}: text after the solution of exercise {current.number}: "
                                  "the solution box must close the exercise")
            current.statement.append(line)
            i += 1
        else:
            intro.append(line)
            i += 1
    for exercise in exercises:
        while exercise.statement and not exercise.statement[-1].strip():
            exercise.statement.pop()
        while exercise.statement and not exercise.statement[0].strip():
            exercise.statement.pop(0)
        if not exercise.solution:
            raise FormatError(f'{where}: exercise {exercise.number} has no `??? success "{SOLUTION_TITLE[lang]}"` '
                              "box after it")
    return Section(start, lines[start], intro, exercises)


def _exercise(lines: list[str], i: int, lang: str, where: str, expected: int) -> Exercise:
    match = EXERCISE_HEADING.match(lines[i])
    if not match:
        raise FormatError(f"{where}:{i + 1}: an exercise title reads `### N. <kind>{LABEL_END[lang]}<title> "
                          f"{{#exercise-N}}`, not {lines[i]!r}")
    number, text, anchor = int(match[1]), match[2], int(match[3])
    if number != expected or anchor != expected:
        raise FormatError(f"{where}:{i + 1}: exercise {expected} is numbered {number} with id exercise-{anchor}")
    for kind, labels in KINDS.items():
        if text.startswith(labels[lang] + LABEL_END[lang]):
            return Exercise(number, kind, text[len(labels[lang] + LABEL_END[lang]) :], lines[i])
    known = ", ".join(repr(labels[lang]) for labels in KINDS.values())
    raise FormatError(f"{where}:{i + 1}: exercise {number}'s title must open with its kind ({known}) "
                      f"and {LABEL_END[lang].strip()!r}")


def _solution(lines: list[str], i: int, lang: str, where: str, exercise: Exercise) -> int:
    title = SOLUTION_BOX.match(lines[i])[1]
    if title != SOLUTION_TITLE[lang]:
        raise FormatError(f'{where}:{i + 1}: a solution box is titled "{SOLUTION_TITLE[lang]}", not "{title}"')
    end = i + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(INDENT)):
        end += 1
    body = [line.removeprefix(INDENT) for line in lines[i + 1 : end]]
    while body and not body[0].strip():
        body.pop(0)
    while body and not body[-1].strip():
        body.pop()
    if not body:
        raise FormatError(f"{where}:{i + 1}: the solution of exercise {exercise.number} is empty")
    exercise.solution = body
    return end


def includes_in_notebook_order(page: Path) -> list[str]:
    """The files a page includes, in the order its notebook shows them: the exercises before all solutions."""
    found = section(page)
    if found is None:
        return runner.includes_of(page)
    lines = page.read_text(encoding="utf-8").splitlines()
    before = runner.INCLUDE.findall("\n".join(lines[: found.start]))
    return (before + [name for e in found.exercises for name in e.statement_includes]
            + [name for e in found.exercises for name in e.solution_includes])
