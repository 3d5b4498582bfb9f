"""Every lesson ends with 3-5 exercises of mixed kinds (tools/exercises.py), the same in both languages, each
with a solution whose code is a snippet of snippets/<lesson>/exercises/ and whose numbers are that code's.

Running the solutions' snippets and comparing their outputs is tests/test_snippets.py's job, as for every
snippet; this file checks that what a solution says is what its snippets print."""

from __future__ import annotations

import difflib
import html
import io
import json
import re
import tokenize
from pathlib import Path

import pytest

from tools import exercises, notebooks
from tools import snippets as runner

LESSONS = [page for lang in runner.LANGUAGES for page in notebooks.lessons(runner.DOCS / lang)]
NAMES = sorted({page.name for page in LESSONS})
# a number as prose writes it: 101,770 · −0.995731 · 1e-07 · 4.2×10⁻²⁰; a minus sign only where no word or
# digit precedes it (784-128-10 is three numbers, none negative)
NUMBER = re.compile(r"(?<![\w.,])(?:(?<![\w)])[-−])?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
                    r"(?:e[-+]?\d+|\s?×\s?10[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?(?!\w|\.\d)", re.IGNORECASE)
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
OUTPUT_NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?(?:e[-+]?\d+)?", re.IGNORECASE)
FENCED = re.compile(r"^\s*(```|~~~).*?^\s*\1\s*$", re.MULTILINE | re.DOTALL)
MIN_CHECKED = 100  # integers from here up are quoted results (counts, epochs); smaller ones are left to review
MAX_CHANGED_LINES = 6  # a "change the snippet" solution is a lesson snippet with at most this many lines changed


def section_of(page: Path) -> exercises.Section:
    try:
        found = exercises.section(page)
    except exercises.FormatError as error:
        pytest.fail(str(error), pytrace=False)
    if found is None:
        pytest.fail(f"{runner.rel(page)} has no `## … {{#{exercises.SECTION_ID}}}` section at its end", pytrace=False)
    return found


def parts(text: str) -> tuple[float, int, int]:
    """A quoted number as (mantissa, power of ten, decimals written): "4.2×10⁻²⁰" -> (4.2, -20, 1)."""
    text = text.replace("−", "-").replace(",", "").replace(" ", "")
    mantissa, _, power = (re.split(r"(e|×10)", text, maxsplit=1, flags=re.IGNORECASE) + ["", ""])[:3]
    exponent = int(power.translate(SUPERSCRIPTS)) if power else 0
    return float(mantissa), exponent, len(mantissa.split(".")[1]) if "." in mantissa else 0


def value(text: str) -> float:
    mantissa, exponent, _ = parts(text)
    return mantissa * 10.0**exponent


def matches(quoted: str, number: float) -> bool:
    """Equal at the precision written: 0.0669 matches 0.066897; 1.1e-08 matches 1.1234e-08 but not 0."""
    mantissa, exponent, places = parts(quoted)
    return round(number / 10.0**exponent, places) == round(mantissa, places)


def checked(text: str) -> bool:
    """A number a reader would compare with an output: one with decimals or a power of ten, or a large integer."""
    return parts(text)[1] != 0 or parts(text)[2] > 0 or abs(value(text)) >= MIN_CHECKED


def quoted_numbers(lines: list[str]) -> list[str]:
    prose = FENCED.sub("", "\n".join(lines))
    return [n for n in NUMBER.findall(prose) if checked(n)]


def code_numbers(source: str) -> list[float]:
    """The numbers in the code that runs (comments aside), with either sign: `-1` is two tokens."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NUMBER:
            number = float(token.string.replace("_", "").rstrip("jJ"))
            found += [number, -number]
    return found


def available_numbers(names: list[str]) -> list[float]:
    """The numbers a solution may quote: those its outputs print and its snippets' code holds."""
    found = []
    for name in names:
        text = (runner.SNIPPETS / name).read_text(encoding="utf-8")
        if name.endswith(".py"):
            found += code_numbers(text)
        else:
            found += [value(n) for n in OUTPUT_NUMBER.findall(text)]
    return found


def unbacked(quoted: list[str], available: list[float]) -> list[str]:
    return [q for q in quoted if not any(matches(q, a) for a in available)]


def code_lines(source: str) -> list[str]:
    """The snippet's lines without comments and blank lines: what a change to the code changes."""
    lines = source.splitlines()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            row, col = token.start
            lines[row - 1] = lines[row - 1][:col]
    return [line.rstrip() for line in lines if line.strip()]


def changed_lines(base: list[str], changed: list[str]) -> int:
    matcher = difflib.SequenceMatcher(a=base, b=changed, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def test_every_language_has_lessons():
    assert len(NAMES) == 8 and len(LESSONS) == 16, f"expected lessons 00-07 in both languages, found {NAMES}"


@pytest.mark.parametrize("page", LESSONS, ids=runner.rel)
def test_lesson_ends_with_three_to_five_exercises_of_mixed_kinds(page):
    found = section_of(page)
    where = runner.rel(page)
    kinds = [e.kind for e in found.exercises]
    assert 3 <= len(kinds) <= 5, f"{where}: {len(kinds)} exercises; a lesson has 3 to 5"
    assert len(set(kinds)) >= 3, f"{where}: exercises of kinds {kinds}; mix at least three kinds"
    assert "mistake" in kinds, f"{where}: no exercise on a mistake of the course notes or a pitfall of the page"


@pytest.mark.parametrize("name", NAMES)
def test_both_languages_have_the_same_exercises(name):
    zh, en = (section_of(runner.DOCS / lang / name) for lang in runner.LANGUAGES)
    assert [e.kind for e in zh.exercises] == [e.kind for e in en.exercises], (
        f"docs/zh/{name} and docs/en/{name}: exercise kinds differ")
    for z, e in zip(zh.exercises, en.exercises):
        where = f"{name} exercise {e.number}"
        assert z.solution_includes == e.solution_includes, f"{where}: the solutions include different files"
        assert z.statement_includes == e.statement_includes, f"{where}: the exercises include different files"
        zq, eq = sorted(quoted_numbers(z.solution), key=value), sorted(quoted_numbers(e.solution), key=value)
        assert [value(q) for q in zq] == [value(q) for q in eq], (
            f"{name} exercise {e.number}: the solutions quote different numbers: zh {zq}, en {eq}")


@pytest.mark.parametrize("page", LESSONS, ids=runner.rel)
def test_solutions_use_the_exercise_snippets_of_their_lesson(page):
    """A solution's code is a snippet of snippets/<lesson>/exercises/, shown nowhere but in the exercises; the
    lesson's other snippets stay the lesson's."""
    found, where = section_of(page), runner.rel(page)
    folder = f"{page.stem}/exercises/"
    for exercise in found.exercises:
        code = [n for n in exercise.solution_includes + exercise.statement_includes if n.endswith(".py")]
        foreign = [n for n in code if not n.startswith(folder)]
        assert not foreign, f"{where} exercise {exercise.number}: code from outside snippets/{folder}: {foreign}"
    before = "\n".join(page.read_text(encoding="utf-8").splitlines()[: found.start])
    leaked = [n for n in runner.INCLUDE.findall(before) + runner.figures_of_text(before) if "/exercises/" in n]
    assert not leaked, f"{where}: exercise snippets or figures shown before the exercises: {leaked}"
    ours = {runner.rel_to_snippets(s) for s in runner.all_snippets() if runner.rel_to_snippets(s).startswith(folder)}
    shown = {n for e in found.exercises for n in e.solution_includes + e.statement_includes}
    assert ours <= shown, f"{where}: exercise snippets that no exercise shows: {sorted(ours - shown)}"


@pytest.mark.parametrize("page", LESSONS, ids=runner.rel)
def test_numbers_in_solutions_are_printed_by_their_snippets(page):
    """Every number a solution quotes (with decimals, or 100 and up) is in an output it includes or in the
    code of a snippet it includes, at the precision written: change a digit of an output and this fails."""
    where = runner.rel(page)
    for exercise in section_of(page).exercises:
        quoted = quoted_numbers(exercise.solution)
        names = exercise.solution_includes
        if quoted and not names:
            pytest.fail(f"{where} exercise {exercise.number}: the solution quotes {quoted} but includes no "
                        "snippet or output that prints them", pytrace=False)
        missing = unbacked(quoted, available_numbers(names))
        assert not missing, (
            f"{where} exercise {exercise.number}: the solution quotes {missing}, which none of "
            f"{', '.join('snippets/' + n for n in names)} contains. Print them from the solution's snippet, "
            "or correct the text.")


@pytest.mark.parametrize("page", [p for p in LESSONS if p.parent.name == "en"], ids=runner.rel)
def test_change_the_snippet_solutions_are_a_lesson_snippet_changed(page):
    """A "change the snippet" solution shows a lesson snippet with a few lines changed, not a new program."""
    lesson = runner.SNIPPETS / page.stem
    bases = {s: code_lines(s.read_text(encoding="utf-8")) for s in sorted(lesson.glob("*.py"))}
    for exercise in section_of(page).exercises:
        if exercise.kind != "modify":
            continue
        code = [n for n in exercise.solution_includes if n.endswith(".py")]
        assert code, f"{runner.rel(page)} exercise {exercise.number}: the solution shows no changed snippet"
        changed = code_lines((runner.SNIPPETS / code[0]).read_text(encoding="utf-8"))
        counts = {base: changed_lines(lines, changed) for base, lines in bases.items()}
        base = min(counts, key=counts.get)
        assert 1 <= counts[base] <= MAX_CHANGED_LINES, (
            f"snippets/{code[0]} ({runner.rel(page)} exercise {exercise.number}) differs from its closest lesson "
            f"snippet, {runner.rel(base)}, in {counts[base]} lines of code; a changed snippet changes 1 to "
            f"{MAX_CHANGED_LINES}")


@pytest.mark.parametrize("page", LESSONS, ids=runner.rel)
def test_built_page_shows_each_solution_collapsed_under_its_exercise(site, page):
    from tests.test_site import built_page

    where, lang = runner.rel(page), exercises.language(page)
    built = built_page(site[0], page)
    parts = re.split(r'<h3 id="exercise-\d+"', built.split('<h2 id="exercises"', 1)[-1])[1:]
    found = section_of(page).exercises
    assert len(parts) == len(found), f"{where}: {len(parts)} exercises on the built page, {len(found)} in the source"
    summary = f'<details class="success" data-search-exclude>\n<summary>{exercises.SOLUTION_TITLE[lang]}</summary>'
    for exercise, part in zip(found, parts):
        assert part.count("<details") == 1 and summary in part, (
            f"{where} exercise {exercise.number}: not one closed solution box titled "
            f"{exercises.SOLUTION_TITLE[lang]!r}, kept out of search (hooks/search_index.py), under it")
        solution = part.split(summary, 1)[1]
        shown = len(re.findall(r'<div class="highlight"', solution))
        assert shown == len(exercise.solution_includes), (
            f"{where} exercise {exercise.number}: {shown} code blocks in the solution box, "
            f"{len(exercise.solution_includes)} included")


def bare(text: str) -> str:
    """Text without markup, spaces and the zero-width spaces that Material's search puts between Chinese words."""
    return re.sub(r"<[^>]+>|[`\s\u200b]", "", html.unescape(text))


@pytest.mark.parametrize("lang", runner.LANGUAGES)
def test_search_finds_the_exercises_but_not_their_solutions(site, lang):
    """Search finds an exercise by its title, and shows nothing of it: a preview would give an answer away
    (hooks/search_index.py)."""
    index = json.loads((site[0] / lang / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    entries = {entry["location"]: entry for entry in index}
    for page in notebooks.lessons(runner.DOCS / lang):
        for exercise in section_of(page).exercises:
            entry = entries.get(f"{page.stem}/#exercise-{exercise.number}")
            where = f"{runner.rel(page)} exercise {exercise.number}"
            assert entry and bare(exercise.title) in bare(entry["title"]), f"{where}: its title is not in the index"
            assert not entry["text"].strip(), f"{where}: search shows its text: {entry['text'][:200]}"


# guards: the checks above must be able to fail

def test_number_check_catches_a_changed_digit():
    available = available_numbers(["03-lr-decay/decay_tf2.out"])
    assert not unbacked(["−0.999999", "0.135146", "0.1351"], available)
    assert unbacked(["0.135147"], available) == ["0.135147"]
    assert unbacked(["0.999999"], available) == ["0.999999"], "a lost minus sign must count as a change"
    assert unbacked(["1.1e-08", "2×10⁻²²", "2.0×10⁻²²"], [1.1234e-08, 2.4e-22]) == ["2.0×10⁻²²"]
    assert unbacked(["1.1e-08"], [0.0]) == ["1.1e-08"], "a small number must not match 0"


def test_number_pattern_reads_prose_as_a_reader_does():
    text = ["A 784-128-10 net has 101,770 parameters; w reaches −0.995731 (1e-07 apart) after epoch 3 of 40.",
            "At the end of a sentence: 2.000000. In Chinese: 0.135146。 Tiny: ≈4×10⁻²⁰, 10⁻¹⁶ is an order."]
    assert quoted_numbers(text) == ["784", "128", "101,770", "−0.995731", "1e-07", "2.000000", "0.135146", "4×10⁻²⁰"]


def test_format_errors_name_the_page_and_line():
    page = runner.DOCS / "en" / "03-lr-decay.md"
    broken = page.read_text(encoding="utf-8").replace("### 1. ", "### 2. ", 1).splitlines()
    with pytest.raises(exercises.FormatError, match=r"docs/en/03-lr-decay.md:\d+: exercise 1 is numbered 2"):
        exercises.section(page, broken)


def test_change_count_sees_a_changed_line():
    base = ["a = 1", "b = 2", "print(a + b)"]
    assert changed_lines(base, base) == 0
    assert changed_lines(base, ["a = 1", "b = 3", "print(a + b)"]) == 1
    assert changed_lines(base, ["a = 1", "b = 3", "print(a + b)", "print(b)"]) == 2
