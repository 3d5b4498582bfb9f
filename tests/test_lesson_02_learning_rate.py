"""Independent checks of the learning-rate lesson's numbers (NumPy float32 and the closed form)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.lesson_outputs import rows


def numpy_descent(lr: float, steps: int = 40):
    """Gradient descent on (w + 1)^2 from w = 5 in float32, as TensorFlow computes it."""
    w, lr = np.float32(5), np.float32(lr)
    for _ in range(steps):
        loss_before = np.square(w + np.float32(1))
        w = np.float32(w - lr * (np.float32(2) * (w + np.float32(1))))
        yield w, loss_before, np.square(w + np.float32(1))


def test_tf2_table_equals_numpy_float32():
    table = rows("02-learning-rate/gradient_descent_tf2", "After {n} steps: w is {n}, loss is {n}")
    assert len(table) == 40
    for (step, w, loss), (w_np, loss_before, _) in zip(table, numpy_descent(0.2)):
        assert f"{w:f}" == f"{w_np:f}" and f"{loss:f}" == f"{loss_before:f}", f"step {step:.0f}"


def test_tf1_table_has_the_same_w_and_the_loss_after_the_update():
    tf1 = rows("02-learning-rate/gradient_descent_tf1", "After {n} steps:w is {n} , loss is {n}.")
    tf2 = rows("02-learning-rate/gradient_descent_tf2", "After {n} steps: w is {n}, loss is {n}")
    assert [r[1] for r in tf1] == [r[1] for r in tf2], "the page says the w columns are identical"
    # the page says TensorFlow 1's loss in row t is TensorFlow 2's loss in row t + 1
    assert [r[2] for r in tf1[:-1]] == [r[2] for r in tf2[1:]]
    for (_, _, loss), (_, _, loss_after) in zip(tf1, numpy_descent(0.2)):
        assert loss == pytest.approx(float(loss_after), abs=1e-6)


def test_three_learning_rates_follow_the_closed_form():
    table = rows("02-learning-rate/three_learning_rates", r"\s*{n}\s+{n}\s+{n}\s+{n}")
    assert len(table) == 40
    for column, lr in enumerate((0.2, 1.0, 0.0001), start=1):
        float32_run = [w for w, _, _ in numpy_descent(lr)]
        for step, row in enumerate(table):
            closed_form = -1 + (1 - 2 * lr) ** (step + 1) * 6  # w_t + 1 = (1 - 2 lr)^t (w_0 + 1)
            assert f"{row[column]:f}" == f"{float32_run[step]:f}", f"lr={lr}, step {step}"
            # float32 rounding (about 5e-7 per step near w = 5) accumulates over 40 steps
            assert row[column] == pytest.approx(closed_form, abs=3e-5), f"lr={lr}, step {step}"
    # the page (and its erratum on the notes): with lr = 1 it is w that jumps between -7 and 5 for ever,
    # in turn; the loss (w + 1)^2 is 36 at both points, so it never changes
    lr_1 = [ws[1] for _, *ws in table]
    assert lr_1 == [-7.0, 5.0] * 20
    assert {(w + 1) ** 2 for w in lr_1} == {36.0}
    factors = rows(
        "02-learning-rate/three_learning_rates", r"lr = {n}: every step multiplies w \+ 1 by 1 - 2\*lr = {n}"
    )
    assert [(lr, 1 - 2 * lr) for lr, _ in factors] == factors
