"""Independent checks of the learning-rate decay lesson's numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tests.lesson_outputs import lines, rows

# The course's published table begins and ends with these lines (syllabus §3).
PUBLISHED_FIRST = "After 0 epoch,w is 2.600000,loss is 36.000000,lr is 0.200000"
PUBLISHED_LAST = "After 39 epoch,w is -0.999999,loss is 0.000000,lr is 0.135146"
DECAY_ROW = "After {n} epoch,w is {n},loss is {n},lr is {n}"


def test_decay_table_matches_the_published_ends():
    table = lines("03-lr-decay/decay_tf2")
    assert len(table) == 40
    assert table[0] == PUBLISHED_FIRST and table[-1] == PUBLISHED_LAST


def test_decay_table_equals_numpy_float32_line_for_line():
    w = np.float32(5)
    for epoch, line in enumerate(lines("03-lr-decay/decay_tf2")):
        lr = 0.2 * 0.99 ** (epoch / 1)
        loss = np.square(w + np.float32(1))
        w = np.float32(w - np.float32(lr) * (np.float32(2) * (w + np.float32(1))))
        assert line == "After %s epoch,w is %f,loss is %f,lr is %f" % (epoch, w, loss, lr)


def test_decay_table_follows_the_closed_form():
    distance = 6.0  # w + 1, in float64
    for epoch, w, _, lr in rows("03-lr-decay/decay_tf2", DECAY_ROW):
        distance *= 1 - 2 * (0.2 * 0.99**epoch)  # w_{t+1} + 1 = (1 - 2 lr_t)(w_t + 1)
        assert w == pytest.approx(distance - 1, abs=2e-6) and lr == pytest.approx(0.2 * 0.99**epoch, abs=1e-6)


def test_tf1_table_prints_the_next_steps_rate():
    w = 5.0
    table = rows(
        "03-lr-decay/decay_tf1",
        "After {n} steps: global_step is {n}, w is {n}, learning rate is {n}, loss is {n}",
    )
    assert len(table) == 40
    for i, step, w_printed, lr_printed, loss in table:
        w -= 0.1 * 0.99**i * 2 * (w + 1)  # the update of step i uses the rate of step i
        assert step == i + 1
        assert lr_printed == pytest.approx(0.1 * 0.99 ** (i + 1), abs=1e-6)  # ... the print shows step i + 1's
        assert w_printed == pytest.approx(w, abs=2e-6) and loss == pytest.approx((w + 1) ** 2, abs=2e-6)


def test_keras_schedule_differs_from_the_hand_loop_only_in_the_last_digit_of_epochs_7_and_8():
    hand = lines("03-lr-decay/decay_tf2")
    keras = lines("03-lr-decay/decay_keras_optimizer")
    differing = [epoch for epoch, (a, b) in enumerate(zip(hand, keras)) if a != b]
    assert differing == [7, 8], "the page names the epochs whose lines differ"
    for a, b in zip(rows("03-lr-decay/decay_tf2", DECAY_ROW), rows("03-lr-decay/decay_keras_optimizer", DECAY_ROW)):
        assert a == pytest.approx(b, abs=1.5e-6)


def test_exponential_schedule_values():
    gaps = rows("03-lr-decay/exponential_schedule", r"\s*\w+: largest \|Keras - formula\| over 400 steps = {n}e-?\d+")
    assert len(gaps) == 2
    for line in lines("03-lr-decay/exponential_schedule"):
        if "largest" in line:
            assert float(line.rsplit("= ", 1)[1]) < 1e-7  # float32 rounding only
    for step, continuous, staircase in rows("03-lr-decay/exponential_schedule", r"\s*{n}\s+{n}\s+{n}"):
        assert continuous == pytest.approx(0.5 * 0.9 ** (step / 10), abs=1e-6)
        assert staircase == pytest.approx(0.5 * 0.9 ** math.floor(step / 10), abs=1e-6)


def test_piecewise_schedule_values():
    expected = {0: 0.1, 99: 0.1, 100: 0.1, 101: 0.05, 200: 0.05, 201: 0.025, 300: 0.025, 301: 0.001, 399: 0.001}
    table = rows("03-lr-decay/piecewise_schedule", r"\s*{n}\s+{n}")
    assert {int(step): lr for step, lr in table} == expected
    gap = lines("03-lr-decay/piecewise_schedule")[0]
    assert float(gap.rsplit("= ", 1)[1]) < 1e-8
