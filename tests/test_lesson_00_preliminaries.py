"""Independent checks of the preliminaries lesson's outputs (plain Python and NumPy, no TensorFlow)."""

from __future__ import annotations

import ast
import random

import numpy as np

from tests.lesson_outputs import lines, rows

STEM = "00-preliminaries"


def int_list(text: str) -> list[int]:
    """'[1 2 3]' (NumPy's way of printing) -> [1, 2, 3]."""
    return [int(v) for v in text.strip().strip("[]").split()]


def printed(name: str, label: str) -> str:
    """The text after `label` on the first line of snippets/<STEM>/<name>.out that starts with it."""
    found = [line[len(label):] for line in lines(f"{STEM}/{name}") if line.startswith(label)]
    assert found, f"no line starts with {label!r}"
    return found[0]


def test_where_takes_a_where_greater_else_b():
    a, b = int_list(printed("where_greater", "a            :")), int_list(printed("where_greater", "b            :"))
    assert (a, b) == ([1, 2, 3, 1, 1], [0, 1, 3, 4, 5])
    assert printed("where_greater", "greater(a, b):").strip(" []").split() == [str(x > y) for x, y in zip(a, b)]
    expected = [x if x > y else y for x, y in zip(a, b)]
    assert int_list(printed("where_greater", "where(...)   :")) == expected
    assert int_list(printed("where_greater", "maximum(a, b):")) == [max(x, y) for x, y in zip(a, b)]


def mt19937_seeded(seed: int) -> random.Random:
    """Python's own Mersenne Twister, seeded the way NumPy's RandomState(seed) seeds it (init_genrand)."""
    state = [seed & 0xFFFFFFFF]
    for i in range(1, 624):
        previous = state[-1]
        state.append((1812433253 * (previous ^ (previous >> 30)) + i) & 0xFFFFFFFF)
    generator = random.Random()
    generator.setstate((3, tuple(state) + (624,), None))
    return generator


def test_random_state_numbers_come_from_the_mersenne_twister():
    generator = mt19937_seeded(1)  # both draw doubles from two 32-bit outputs (53-bit resolution)
    expected = [generator.random() for _ in range(7)]
    a = float(printed("random_state", "a = "))
    text = lines(f"{STEM}/random_state")
    start = text.index("b =") + 1
    b = [float(v) for v in " ".join(text[start:start + 2]).replace("[", " ").replace("]", " ").split()]
    assert a == expected[0]  # printed with all 15 significant digits
    assert np.allclose(b, expected[1:], rtol=0, atol=5e-9)  # printed with 9 significant digits
    assert all(0 <= v < 1 for v in [a, *b])
    assert printed("random_state", "same seed, same a: ") == "True"
    assert printed("random_state", "same seed, same b: ") == "True"


def test_vstack_makes_rows_and_a_column():
    text = lines(f"{STEM}/vstack")
    assert text[1:3] == ["[[1 2 3]", " [4 5 6]]"]
    assert printed("vstack", "shape: ") == str((2, 3))
    assert text[-1] == "np.vstack(labels) has shape (4, 1) and its first column is [1 0 1 1]"


def test_grid_lists_every_point_row_by_row():
    text = lines(f"{STEM}/grid_points")
    start = text.index("grid =") + 1
    points = [tuple(float(v) for v in line.strip(" []").split()) for line in text[start:start + 8]]
    xs = [1.0, 2.0]  # 1 up to 3, step 1, 3 excluded
    ys = [2.0, 2.5, 3.0, 3.5]  # 2 up to 4, step 0.5, 4 excluded
    assert points == [(x, y) for x in xs for y in ys]
    assert printed("grid_points", "shape: ") == str((len(xs) * len(ys), 2))
    assert [float(v) for v in printed("grid_points", "x.ravel() = ").strip("[]").split()] == [x for x in xs for _ in ys]
    assert [float(v) for v in printed("grid_points", "y.ravel() = ").strip("[]").split()] == [y for _ in xs for y in ys]


def test_decision_grid_counts_the_points_inside_the_circle():
    assert printed("decision_boundary", "xx.shape: ") == "(60, 60)  grid.shape: (3600, 2)  probs.shape: (60, 60)"
    (count, total), = rows(f"{STEM}/decision_boundary", "grid points with probability > 0.5: {n} of {n}")
    assert total == 3600
    # grid values are k/10 for k = -30 .. 29; p > 0.5 exactly where x1^2 + x2^2 < 2, i.e. i^2 + j^2 < 200.
    # The 12 grid points exactly on the circle have p = 0.5 up to rounding, so they may fall either way.
    inside = sum(i * i + j * j < 200 for i in range(-30, 30) for j in range(-30, 30))
    on_circle = sum(i * i + j * j == 200 for i in range(-30, 30) for j in range(-30, 30))
    assert (inside, on_circle) == (621, 12)
    assert inside <= count <= inside + on_circle
    first_rows = ast.literal_eval(printed("decision_boundary", "first rows of grid: "))
    assert first_rows == [[-3.0, -3.0], [-3.0, -2.9], [-3.0, -2.8]]
