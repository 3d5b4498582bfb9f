"""Independent checks of the regularization lesson's numbers: NumPy, closed forms, scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso

from tests.lesson_outputs import lines, rows

# --- the dot data set -------------------------------------------------------------------------


def dot_data():
    x = np.random.RandomState(2).randn(300, 2)
    return x, (np.sum(x**2, axis=1) < 2).astype(int)


def test_dot_data_label_counts():
    x, y = dot_data()
    counts = rows("06-regularization/dot_data",
                  r"points: {n}, label 1 \(inside, red\): {n}, label 0 \(outside, blue\): {n}")
    assert counts == [(300, np.count_nonzero(y == 1), np.count_nonzero(y == 0))]
    assert counts == [(300, 188, 112)], "the page quotes 188 and 112"


def test_dot_data_first_rows_and_batches():
    x, _ = dot_data()
    table = rows("06-regularization/dot_data", r"\s*{n}\s+{n}\s+{n}\s+{n}")
    assert len(table) == 5
    for (x1, x2, r2, label), (a, b) in zip(table, x[:5]):
        assert (x1, x2) == pytest.approx((a, b), abs=5e-7)
        assert r2 == pytest.approx(a * a + b * b, abs=5e-7) and label == (a * a + b * b < 2)
    assert rows("06-regularization/dot_data", "batches of 32: {n} full batches and one of {n}") == [divmod(300, 32)]


# --- L1 and L2 on a linear regression --------------------------------------------------------

N, LAM = 40, 0.3


def regression_data():
    rng = np.random.RandomState(0)
    X = rng.randn(N, 5)
    return X, 3 * X[:, 0] - 2 * X[:, 1] + rng.randn(N)


def ridge(X, y, lam):
    """Minimiser of (1/2N)|Xw - y|^2 + (lam/2)|w|^2 from the normal equations."""
    return np.linalg.solve(X.T @ X / N + lam * np.eye(5), X.T @ y / N)


def lasso(X, y, lam):
    """scikit-learn minimises (1/2N)|Xw - y|^2 + alpha |w|_1 by coordinate descent: alpha = lam."""
    return Lasso(alpha=lam, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y).coef_


def fitted(name: str) -> np.ndarray:
    row = next(line for line in lines("06-regularization/l1_vs_l2") if line.startswith(name))
    return np.array([float(v) for v in row[28:].split()[:5]])


def test_least_squares_and_ridge_rows():
    X, y = regression_data()
    assert fitted("no penalty") == pytest.approx(np.linalg.solve(X.T @ X, X.T @ y), abs=2e-6)
    assert fitted("L2, gradient steps") == pytest.approx(ridge(X, y, LAM), abs=2e-6)
    assert np.all(ridge(X, y, LAM) != 0)


def test_proximal_l1_row_is_the_lasso_solution_with_exact_zeros():
    X, y = regression_data()
    expected = lasso(X, y, LAM)
    got = fitted("L1, proximal steps")
    assert got == pytest.approx(expected, abs=1e-5)
    assert list(got == 0) == list(expected == 0) == [False, False, True, True, True]


def test_subgradient_l1_row_hovers_near_the_lasso_solution_without_zeros():
    X, y = regression_data()
    got, expected = fitted("L1, sub-gradient steps"), lasso(X, y, LAM)
    assert np.all(got != 0)
    assert np.abs(got - expected).max() < 0.05
    assert np.abs(got[2:]).max() < 0.05


def test_exact_zero_counts_column():
    for line in lines("06-regularization/l1_vs_l2")[2:7]:
        values = [float(v) for v in line[28:].split()]
        assert int(values[5]) == sum(v == 0 for v in values[:5])


def test_regularization_path_zero_points():
    X, y = regression_data()
    lams = np.linspace(0, 3, 61)
    l1_line, l2_line = lines("06-regularization/l1_vs_l2")[-2:]
    coefs = np.array([lasso(X, y, lam) if lam > 0 else np.linalg.solve(X.T @ X, X.T @ y) for lam in lams])
    expected = [next((f"{lam:.2f}" for lam, c in zip(lams, coefs[:, j]) if c == 0), "never") for j in range(5)]
    assert l1_line == "L1: weight first exactly 0 at lambda = " + ", ".join(
        f"w{j + 1} {z}" for j, z in enumerate(expected))
    assert all(np.all(ridge(X, y, lam) != 0) for lam in lams)
    assert l2_line.endswith("w1 never, w2 never, w3 never, w4 never, w5 never")


# --- the 2-11-1 network, retrained in NumPy ---------------------------------------------------

SEED, LR, EPOCHS = 3, 0.01, 400


@pytest.fixture(scope="module")
def numpy_runs():
    """Both runs of regularization.py with forward and backward passes written out in NumPy
    (float64). Only the initial weights come from TensorFlow's seeded generator."""
    import tensorflow as tf

    tf.random.set_seed(SEED)
    w1_start = tf.random.normal([2, 11]).numpy().astype(float)
    w2_start = tf.random.normal([11, 1]).numpy().astype(float)
    x, labels = dot_data()
    y = labels.reshape(-1, 1).astype(float)
    runs = {}
    for l2_weight in (0.0, 0.03):
        w1, w2, b1, b2 = w1_start.copy(), w2_start.copy(), np.full(11, 0.01), np.full(1, 0.01)
        history = []
        for _ in range(EPOCHS):
            loss_sum = mse_sum = 0.0
            for start in range(0, 300, 32):
                xb, yb = x[start:start + 32], y[start:start + 32]
                z1 = xb @ w1 + b1
                h1 = np.maximum(z1, 0)
                out = h1 @ w2 + b2
                mse = np.mean((yb - out) ** 2)
                loss = mse + l2_weight * (np.sum(w1**2) + np.sum(w2**2)) / 2
                d_out = 2 * (out - yb) / len(xb)
                d_z1 = (d_out @ w2.T) * (z1 > 0)
                grads = [xb.T @ d_z1 + l2_weight * w1, d_z1.sum(0), h1.T @ d_out + l2_weight * w2, d_out.sum(0)]
                w1, b1, w2, b2 = (p - LR * g for p, g in zip((w1, b1, w2, b2), grads))
                loss_sum += loss * len(xb)
                mse_sum += mse * len(xb)
            history.append((loss, loss_sum / 300, mse_sum / 300))
        runs[l2_weight] = (history, (w1, b1, w2, b2))
    return runs


def predict(params, points):
    w1, b1, w2, b2 = params
    return (np.maximum(points @ w1 + b1, 0) @ w2 + b2)[:, 0]


def test_loss_table(numpy_runs):
    table = rows("06-regularization/regularization", r"\s*{n}\s+{n}\s+{n}\s+{n}\s+{n}\s+{n}")
    assert [int(r[0]) for r in table] == list(range(0, 400, 20)) + [399]
    for epoch, last, mean, l2_last, l2_mean, l2_mse in table:
        plain, with_l2 = numpy_runs[0.0][0][int(epoch)], numpy_runs[0.03][0][int(epoch)]
        assert (last, mean) == pytest.approx(plain[:2], abs=3e-6)
        assert (l2_last, l2_mean, l2_mse) == pytest.approx(with_l2, abs=3e-6)


def test_last_batch_is_12_points_and_its_loss_is_not_the_epoch_loss(numpy_runs):
    assert 300 - 9 * 32 == 12
    last, mean, _ = numpy_runs[0.0][0][-1]
    assert last < mean / 2, "the page says the last batch's loss is far below the epoch's mean"


def test_weights_and_accuracies(numpy_runs):
    x, y = dot_data()
    x_new = np.random.RandomState(7).randn(10000, 2)
    y_new = (np.sum(x_new**2, axis=1) < 2).astype(int)
    printed = {name: (a, b) for name, a, b in
               ((line[:38].strip(), *map(float, line[38:].split())) for line in
                lines("06-regularization/regularization")[-4:-1])}
    params = [numpy_runs[w][1] for w in (0.0, 0.03)]
    squares = [np.sum(p[0] ** 2) + np.sum(p[2] ** 2) for p in params]
    assert printed["sum of squared weights (w1 and w2)"] == pytest.approx(squares, abs=2e-4)
    assert printed["accuracy on the 300 training points"] == pytest.approx(
        [np.mean((predict(p, x) > 0.5) == y) for p in params], abs=5e-5)
    assert printed["accuracy on 10000 new points"] == pytest.approx(
        [np.mean((predict(p, x_new) > 0.5) == y_new) for p in params], abs=5e-5)


def test_weight_decay_factor_in_the_comment():
    assert 1 - 0.01 * 0.03 == pytest.approx(0.9997)


def test_l1_zeros_stay_zero_as_lambda_grows():
    """The page: w3, w4, w5 reach 0 at lambda 0.15, 0.10, 0.05 and stay there."""
    X, y = regression_data()
    lams = np.linspace(0, 3, 61)
    coefs = np.array([lasso(X, y, lam) for lam in lams[1:]])
    for j, first in ((2, 0.15), (3, 0.10), (4, 0.05)):
        zero = coefs[:, j] == 0
        assert zero[lams[1:] >= first - 1e-9].all() and not zero[lams[1:] < first - 1e-9].any()


def test_penalty_part_is_half_of_003_times_the_squared_weights(numpy_runs):
    history, (w1, _, w2, _) = numpy_runs[0.03]
    _, mean, mse = history[-1]
    ((part, expected),) = rows("06-regularization/regularization", "with L2, epoch 399: mean loss - mean mse = {n}; "
                               "0.015 \\* sum of squared weights = {n}")
    assert part == pytest.approx(mean - mse, abs=2e-6)
    assert expected == pytest.approx(0.015 * (np.sum(w1**2) + np.sum(w2**2)), abs=2e-6)
    assert part == pytest.approx(expected, abs=2e-4)


def test_l2_boundary_lies_outside_the_true_circle(numpy_runs):
    """The page: the L2 boundary lies outside the true circle along most of it."""
    angles = np.linspace(0, 2 * np.pi, 360, endpoint=False)
    circle = np.sqrt(2) * np.c_[np.cos(angles), np.sin(angles)]
    assert np.mean(predict(numpy_runs[0.03][1], circle) > 0.5) > 0.75
