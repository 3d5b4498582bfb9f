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
# One convention, as on the page: loss = MSE + lam * sum(|w|) and loss = MSE + lam * sum(w^2),
# with MSE = mean((X w - y)^2).

N, LAM = 40, 0.3
LAMS = np.linspace(0, 4, 81)
L1_OUT = "06-regularization/l1_vs_l2"


def regression_data():
    rng = np.random.RandomState(0)
    X = rng.randn(N, 5)
    return X, 3 * X[:, 0] - 2 * X[:, 1] + rng.randn(N)


def least_squares(X, y):
    return np.linalg.solve(X.T @ X, X.T @ y)


def ridge(X, y, lam):
    """Minimiser of mean((Xw - y)^2) + lam |w|^2: the gradient 2 X^T(Xw - y)/N + 2 lam w is 0."""
    return np.linalg.solve(X.T @ X / N + lam * np.eye(5), X.T @ y / N)


def lasso(X, y, lam):
    """scikit-learn minimises (1/2N)|Xw - y|^2 + alpha |w|_1 by coordinate descent; that is half of
    mean((Xw - y)^2) + lam |w|_1 when alpha = lam / 2."""
    if lam == 0:
        return least_squares(X, y)
    return Lasso(alpha=lam / 2, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y).coef_


def orthogonalized(X):
    """x3, x4, x5 minus their least-squares fit on x1 and x2."""
    out = X.copy()
    out[:, 2:] -= X[:, :2] @ np.linalg.lstsq(X[:, :2], X[:, 2:], rcond=None)[0]
    return out


def row(label: str) -> list[str]:
    """The columns after the 28-character label of the output line that starts with label."""
    (line,) = [line for line in lines(L1_OUT) if line.startswith(label)]
    return line[28:].split()


def fitted(label: str) -> np.ndarray:
    return np.array([float(v) for v in row(label)[:5]])


def test_correlations():
    X, _ = regression_data()
    r = np.corrcoef(X, rowvar=False)
    printed = rows(L1_OUT, r"x{n}\s+{n}\s+{n}")
    assert [int(p[0]) for p in printed] == [3, 4, 5]
    for j, with_x1, with_x2 in printed:
        assert (with_x1, with_x2) == pytest.approx((r[int(j) - 1, 0], r[int(j) - 1, 1]), abs=5e-4)
    # the page: x4 and x5 are correlated with x1 (+, -), x3 with x2 (+); the others are below 0.05 in size
    assert r[3, 0] > 0.25 and r[4, 0] < -0.25 and r[2, 1] > 0.15
    assert max(abs(r[2, 0]), abs(r[3, 1]), abs(r[4, 1])) < 0.05


def test_least_squares_and_ridge_rows():
    X, y = regression_data()
    assert fitted("no penalty") == pytest.approx(least_squares(X, y), abs=2e-6)
    l2 = fitted("L2, gradient steps")
    assert l2 == pytest.approx(ridge(X, y, LAM), abs=2e-6)
    # the page's formula for the L2 minimum: lam * w_j = mean(x_j * (y - X w)) for every weight
    assert LAM * l2 == pytest.approx(X.T @ (y - X @ l2) / N, abs=1e-5)


def test_sum_of_squares_and_exact_zero_columns():
    X, y = regression_data()
    for label in ("true weights", "no penalty", "L2, gradient steps", "L1, sub-gradient steps", "L1, proximal steps"):
        values = [float(v) for v in row(label)]
        assert int(values[5]) == sum(v == 0 for v in values[:5])
        assert values[6] == pytest.approx(sum(v * v for v in values[:5]), abs=1e-5)
    # the page: L2 lowers the sum of squares (12.541519 -> 7.347578), and does so all along the path
    assert float(row("L2, gradient steps")[6]) < float(row("no penalty")[6])
    squares = [np.sum(ridge(X, y, lam) ** 2) for lam in LAMS]
    assert np.all(np.diff(squares) < 0)


def test_l2_against_least_squares_every_direction_the_page_names():
    X, y = regression_data()
    expected = ridge(X, y, LAM) / least_squares(X, y)
    printed = np.array([float(v) for v in row("L2 / least squares")])
    assert printed == pytest.approx(expected, abs=5e-4)
    assert printed == pytest.approx(fitted("L2, gradient steps") / fitted("no penalty"), abs=5e-4)
    assert 0 < expected[0] < 1 and 0 < expected[1] < 1, "w1 and w2 shrink"
    assert expected[2] > 1, "w3 grows a little"
    assert expected[2] < 1.05
    assert expected[3] < -1 and expected[4] < -1, "w4 and w5 change sign and end up larger in size"
    assert np.argmin(expected) == 4, "w5 changes the most"


def test_l2_redundant_weights_take_the_signs_of_their_correlations():
    """The page's cause: x4, x5 stand in for x1 and x3 for x2, with the signs of their correlations."""
    X, y = regression_data()
    w = ridge(X, y, LAM)
    r = np.corrcoef(X, rowvar=False)
    assert np.sign(w[3]) == np.sign(r[3, 0]) > 0 and np.sign(w[4]) == np.sign(r[4, 0]) < 0
    # w2 is negative: x3 (correlated + with x2) takes a more negative weight than without the penalty
    assert w[1] < 0 < r[2, 1] and w[2] < least_squares(X, y)[2] < 0
    # part of x1's signal is left in the error: the error correlates positively with x1
    residual = y - X @ w
    assert np.mean(X[:, 0] * residual) > 0 and w[0] < least_squares(X, y)[0]


def test_l2_only_shrinks_once_the_redundant_features_are_orthogonal():
    X, y = regression_data()
    Xo = orthogonalized(X)
    assert Xo[:, :2].T @ Xo[:, 2:] == pytest.approx(np.zeros((2, 3)), abs=1e-10)
    ratio = np.linalg.solve(Xo.T @ Xo / N + LAM * np.eye(5), Xo.T @ y / N) / least_squares(Xo, y)
    printed = np.array([float(v) for v in row("same, x3-x5 orthogonalized")])
    assert printed == pytest.approx(ratio, abs=5e-4)
    assert np.all((ratio > 0) & (ratio < 1)), "L2 shrinks every weight"
    assert (ratio.min(), ratio.max()) == pytest.approx((0.552, 0.793), abs=5e-4)


def test_l2_path_crossings_peaks_and_no_zeros():
    X, y = regression_data()
    path = np.array([ridge(X, y, lam) for lam in LAMS])
    k = np.abs(path).argmax(axis=0)
    assert np.array([float(v) for v in row("L2: largest |w|")]) == pytest.approx(path[k, range(5)], abs=2e-6)
    assert [float(v) for v in row("L2:   at lambda")] == pytest.approx(LAMS[k])
    # the page: w1, w2 largest at 0; w3 at 0.45; w5 at 0.95 and w4 at 1.35, and then they shrink
    assert list(LAMS[k]) == pytest.approx([0, 0, 0.45, 1.35, 0.95])
    assert abs(path[-1, 3]) < abs(path[k[3], 3]) and abs(path[-1, 4]) < abs(path[k[4], 4])
    # w5 and w4 change sign once (before the page's lambda = 0.3), then keep growing in size up to their peak
    # (on a grid 40 times finer, within one printed step of 0.95 and 1.35) and only then shrink
    fine = np.linspace(0, 4, 3201)
    fine_path = np.array([ridge(X, y, lam) for lam in fine])
    for j in (3, 4):
        flips = np.flatnonzero(np.diff(np.sign(fine_path[:, j])))
        assert len(flips) == 1 and fine[flips[0]] < LAM
        size = np.abs(fine_path[flips[0] + 1:, j])
        peak = size.argmax()
        assert fine[flips[0] + 1 + peak] == pytest.approx(LAMS[k[j]], abs=0.05)
        assert np.all(np.diff(size[:peak + 1]) > 0) and np.all(np.diff(size[peak:]) < 0)
    assert np.all(path != 0)
    assert row("L2: exactly 0 from lambda") == ["never"] * 5


def test_proximal_l1_row_is_the_lasso_solution_with_exact_zeros():
    X, y = regression_data()
    expected = lasso(X, y, LAM)
    got = fitted("L1, proximal steps")
    assert got == pytest.approx(expected, abs=1e-5)
    assert list(got == 0) == list(expected == 0) == [False, False, True, True, True]
    # optimality of the printed weights: the MSE's slope is -lam * sign(w) where w != 0, at most lam in size
    # where w = 0 (strictly less: the zeros are not borderline)
    slope = -2 * X.T @ (y - X @ got) / N
    assert slope[:2] == pytest.approx(-LAM * np.sign(got[:2]), abs=1e-4)
    assert np.all(np.abs(slope[2:]) < LAM - 0.02)


def test_proximal_step_is_the_minimiser_of_l1_plus_the_proximity_term():
    """The snippet's comment: soft thresholding minimises lam |w| + (w - z)^2 / (2 lr), weight by weight."""
    lr, lam = 0.1, LAM
    grid = np.linspace(-1, 1, 200_001)
    for z in (-0.5, -0.03, -0.01, 0.0, 0.02, 0.7):
        soft = np.sign(z) * max(abs(z) - lr * lam, 0.0)
        best = grid[np.argmin(lam * np.abs(grid) + (grid - z) ** 2 / (2 * lr))]
        assert soft == pytest.approx(best, abs=2e-5)


def test_subgradient_l1_row_hovers_near_the_lasso_solution_without_zeros():
    X, y = regression_data()
    got, expected = fitted("L1, sub-gradient steps"), lasso(X, y, LAM)
    assert np.all(got != 0)
    assert np.abs(got - expected).max() < 0.05
    assert np.abs(got[2:]).max() < 0.05


def test_both_penalties_shrink_w1_and_l2_pulls_harder_on_the_large_weights():
    X, y = regression_data()
    ls, l1, l2 = least_squares(X, y), lasso(X, y, LAM), ridge(X, y, LAM)
    assert abs(l2[0]) < abs(l1[0]) < abs(ls[0]) and abs(l2[1]) < abs(l1[1]) < abs(ls[1])
    # the L2 pull 2 lam |w| is the stronger one above |w| = 0.5: true of w1 and w2 at both fits
    assert min(abs(l1[:2]).min(), abs(l2[:2]).min()) > 0.5


def test_l1_path_zero_points_and_no_weight_ever_grows():
    X, y = regression_data()
    coefs = np.array([lasso(X, y, lam) for lam in LAMS])
    expected = [next((f"{lam:.2f}" for lam, c in zip(LAMS, coefs[:, j]) if c == 0), "never") for j in range(5)]
    assert row("L1: exactly 0 from lambda") == expected == ["never", "3.75", "0.25", "0.15", "0.05"]
    for j, first in enumerate(expected):  # once 0, a weight stays 0 (the page: "and stay there")
        if first != "never":
            zero = coefs[:, j] == 0
            assert zero[LAMS >= float(first) - 1e-9].all() and not zero[LAMS < float(first) - 1e-9].any()
    # no |w| grows along the L1 path, on a grid ten times finer than the printed one
    fine = np.array([lasso(X, y, lam) for lam in np.linspace(0, 4, 801)])
    assert np.all(np.diff(np.abs(fine), axis=0) <= 1e-9)
    assert np.array([float(v) for v in row("L1: largest |w|")]) == pytest.approx(least_squares(X, y), abs=2e-6)
    assert [float(v) for v in row("L1:   at lambda")] == [0.0] * 5


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
