"""Independent checks of the loss-function lesson: the course's published numbers, NumPy re-runs of
both trainings (float64 for the smooth MSE, float32 for the piecewise loss), and closed forms."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from tests.lesson_outputs import lines

STEM = "05-loss"
ROW = re.compile(r"After\s+(\d+) epochs, w1 = \[\s*(\S+)\s+(\S+)\s*\]")

# Published in the course's materials (TensorFlow 2 edition, lecture 2), as printed by w1.numpy().
PUBLISHED_MSE = {14000: "[[0.9993659]\n [0.999166 ]]", 14500: "[[1.0002553 ]\n [0.99838644]]",
                 "final": "[[1.0009792]\n [0.9977485]]"}
PUBLISHED_CUSTOM = {
    (1, 99): {9000: "[[1.1707956]\n [1.0338644]]", 9500: "[[1.1611756]\n [1.0651482]]",
              "final": "[[1.1626335]\n [1.1191947]]"},
    (99, 1): {9000: "[[0.8042901]\n [0.7632218]]", 9500: "[[0.8998995 ]\n [0.82509875]]",
              "final": "[[0.9205433]\n [0.9186459]]"},
}
PUBLISHED_SOFTMAX_CE = ["[1.68795487e-04 1.03475622e-03 6.58839038e-02 2.58349207e+00", " 5.49852354e-02]"]


def yogurt_data() -> tuple[np.ndarray, np.ndarray]:
    """The course's 32 days, drawn in the same order as the snippet: all of x first, then one noise per day."""
    rdm = np.random.RandomState(23455)
    x = rdm.rand(32, 2)
    noise = np.array([rdm.rand() / 10 - 0.05 for _ in range(32)])
    return x, x.sum(axis=1) + noise


def as_course_prints(w0: str, w1: str) -> str:
    """Our one-line w1 (a flat array) in the course's two-line format of the [2, 1] array."""
    column = np.array([[w0], [w1]], dtype=np.float32)
    return np.array2string(column)


def training_rows(text: list[str]) -> dict[object, tuple[str, str]]:
    found = {int(m.group(1)): (m.group(2), m.group(3)) for line in text if (m := ROW.fullmatch(line))}
    finals = [line for line in text if line.startswith("Final w1 = ")]
    assert len(finals) == 1
    found["final"] = tuple(finals[0].split("[", 1)[1].rstrip("]").split())
    return found


def runs_of_custom_loss() -> dict[tuple[int, int], list[str]]:
    text = lines(f"{STEM}/custom_loss")
    starts = [i for i, line in enumerate(text) if line.startswith("COST = ")]
    assert len(starts) == 2
    runs = {}
    for start, end in zip(starts, [*starts[1:], len(text)]):
        cost, profit = (int(v) for v in re.findall(r"\d+", text[start]))
        runs[(cost, profit)] = text[start:end]
    return runs


def test_mse_run_reproduces_the_published_lines():
    printed = training_rows(lines(f"{STEM}/mse_yogurt"))
    for key, published in PUBLISHED_MSE.items():
        assert as_course_prints(*printed[key]) == published, key


def test_mse_run_follows_gradient_descent_in_float64():
    x, y_ = yogurt_data()
    text = lines(f"{STEM}/mse_yogurt")
    w = np.array([float(v) for v in text[0].split("[", 1)[1].rstrip("]").split()])  # TensorFlow's initial w1
    printed = training_rows(text)
    assert sorted(k for k in printed if k != "final") == list(range(0, 15000, 500))
    for epoch in range(15000):
        w = w - 0.002 * (2 / 32) * x.T @ (x @ w - y_)  # gradient of mean((x w - y_)^2)
        if epoch in printed:  # TensorFlow works in float32: its rounding errors add up to a few 1e-6
            assert [float(v) for v in printed[epoch]] == pytest.approx(w, abs=1e-5), epoch
    assert [float(v) for v in printed["final"]] == pytest.approx(w, abs=1e-5)
    losses = [float(line.rsplit(":", 1)[1]) for line in text if line.startswith("final loss")]
    assert losses == pytest.approx([np.mean((x @ w - y_) ** 2)] * 2, rel=1e-4)


def test_least_squares_solution_solves_the_normal_equations():
    x, y_ = yogurt_data()
    (line,) = [line for line in lines(f"{STEM}/mse_yogurt") if line.startswith("least-squares w1 = ")]
    printed = [float(v) for v in line.split("[", 1)[1].rstrip("]").split()]
    assert printed == pytest.approx(np.linalg.solve(x.T @ x, x.T @ y_), abs=1e-6)


def numpy_float32_custom_loss(cost: int, profit: int, w_start: np.ndarray, epochs: int = 10000):
    """Gradient descent on sum(where(y > y_, cost (y - y_), profit (y_ - y))) in float32, gradient by hand:
    each day contributes +cost * x (over-predicted) or -profit * x (under-predicted)."""
    x, y_ = (a.astype(np.float32) for a in yogurt_data())
    w = w_start.astype(np.float32)
    for epoch in range(epochs):
        slope = np.where(x @ w > y_, np.float32(cost), np.float32(-profit))
        w = w - np.float32(0.002) * (x.T @ slope)
        yield epoch, w


def test_custom_loss_runs_reproduce_the_published_lines():
    for setting, run in runs_of_custom_loss().items():
        printed = training_rows(run)
        for key, published in PUBLISHED_CUSTOM[setting].items():
            assert as_course_prints(*printed[key]) == published, (setting, key)


@pytest.mark.parametrize("setting", [(1, 99), (99, 1)], ids=["COST=1,PROFIT=99", "COST=99,PROFIT=1"])
def test_custom_loss_runs_follow_numpy_float32(setting):
    run = runs_of_custom_loss()[setting]
    printed = training_rows(run)
    start = np.array([-0.8113182, 1.4845988])  # initial w1, printed by mse_yogurt.py (same seed)
    assert lines(f"{STEM}/mse_yogurt")[0] == "Initial w1 = [-0.8113182  1.4845988]"
    w = None
    for epoch, w in numpy_float32_custom_loss(*setting, start):
        if epoch in printed:
            # float32 sums rounded in another order differ in the last digit, and stay that close
            assert [float(v) for v in printed[epoch]] == pytest.approx(w, abs=2e-6), (setting, epoch)
    assert [float(v) for v in printed["final"]] == pytest.approx(w, abs=2e-6)


def test_custom_loss_over_and_under_predicts_as_the_page_says():
    x, y_ = yogurt_data()
    for (cost, profit), run in runs_of_custom_loss().items():
        final = np.array([float(v) for v in training_rows(run)["final"]])
        (line,) = [line for line in run if line.startswith("days where the final model predicts more")]
        above = int(re.search(r": (\d+) of 32", line).group(1))
        assert above == int((x @ final > y_).sum())
        if profit > cost:  # a missed sale costs more: weights above 1, nearly every day over-predicted
            assert (final > 1).all() and above >= 31
        else:
            assert (final < 1).all() and above == 0


def test_cross_entropy_of_the_two_predictions():
    text = lines(f"{STEM}/cross_entropy")
    for line, p_true in zip(text, (0.6, 0.8)):
        numbers = [float(v) for v in re.findall(r"(?:formula|categorical_crossentropy) (\d\.\d+)", line)]
        assert numbers == pytest.approx([-math.log(p_true)] * 2, abs=1e-6)
    assert round(-math.log(0.6), 3) == 0.511 and round(-math.log(0.8), 3) == 0.223  # the course's H1, H2


def test_softmax_cross_entropy_equals_log_sum_exp_minus_the_true_logit():
    text = lines(f"{STEM}/softmax_cross_entropy")
    logits = np.array([[12, 3, 2], [3, 10, 1], [1, 2, 5], [4, 6.5, 1.2], [3, 6, 1]])
    labels = np.array([0, 1, 2, 0, 1])
    top = logits.max(axis=1)
    expected = top + np.log(np.exp(logits - top[:, None]).sum(axis=1)) - logits[np.arange(5), labels]
    blocks = [i + 1 for i, line in enumerate(text) if line.endswith("crossentropy:") or line.endswith("logits:")]
    assert len(blocks) == 3  # step by step, in one call, sparse
    for start in blocks:
        assert text[start:start + 2] == PUBLISHED_SOFTMAX_CE
        values = [float(v) for v in " ".join(text[start:start + 2]).strip("[] ").split()]
        assert values == pytest.approx(expected, rel=1e-8)
    probabilities = [[float(v) for v in line.strip(" []").split()] for line in text[1:6]]
    softmax = np.exp(logits - top[:, None]) / np.exp(logits - top[:, None]).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(probabilities, softmax, rtol=0, atol=1e-6)
    assert "class numbers: [0 1 2 0 1]" in text
    assert float(text[-2].rsplit(":", 1)[1]) < 1e-12 and float(text[-1].rsplit(":", 1)[1]) == 0.0
