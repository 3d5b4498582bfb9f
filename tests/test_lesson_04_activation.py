"""Independent checks of the activation-function lesson: closed-form derivatives in NumPy float64,
the chain rule written out, the curvature of one sigmoid neuron's loss, NumPy re-runs of the dead-ReLU
experiments, and the variance formula behind He initialization (and the notes' 2 / sqrt(n_in))."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from tests.lesson_outputs import lines, rows

STEM = "04-activation"
ALPHA = 0.2  # tf.nn.leaky_relu's default


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


# closed forms: f and f'. At x = 0, TensorFlow's ReLU gradient is 0 and Leaky ReLU's is alpha (the left slope).
CLOSED_FORMS = {
    "sigmoid": (sigmoid, lambda x: sigmoid(x) * (1 - sigmoid(x))),
    "tanh": (np.tanh, lambda x: 1 - np.tanh(x) ** 2),
    "relu": (lambda x: np.maximum(x, 0), lambda x: (x > 0).astype(float)),
    "leaky_relu": (lambda x: np.where(x > 0, x, ALPHA * x), lambda x: np.where(x > 0, 1.0, ALPHA)),
}


def activation_table() -> dict[str, np.ndarray]:
    table = {}
    for line in filter(None, lines(f"{STEM}/activations")):
        name, *values = line.split()
        if len(values) == 5 and (name in CLOSED_FORMS or name.rstrip("'") in CLOSED_FORMS or name == "x"):
            table[name] = np.array([float(v) for v in values])
    return table


def test_values_and_tape_derivatives_match_the_closed_forms():
    table = activation_table()
    x = table["x"]
    assert list(x) == [-3, -1, 0, 1, 3]
    for name, (f, derivative) in CLOSED_FORMS.items():
        assert table[name] == pytest.approx(f(x), abs=1e-6), name
        assert table[name + "'"] == pytest.approx(derivative(x), abs=1e-6), name + "'"


def test_derivative_maxima():
    (sig_max, sig_at), = rows(f"{STEM}/activations", r"largest sigmoid'\(x\) on \[-6, 6\]: {n} at x = {n}")
    (tanh_max, tanh_at), = rows(f"{STEM}/activations", r"largest tanh'\(x\) on \[-6, 6\]: {n} at x = {n}")
    grid = np.linspace(-6, 6, 100001)
    assert sig_max == pytest.approx(CLOSED_FORMS["sigmoid"][1](grid).max(), abs=1e-6) and sig_max == 0.25
    assert tanh_max == pytest.approx(CLOSED_FORMS["tanh"][1](grid).max(), abs=1e-6) and tanh_max == 1.0
    assert sig_at == tanh_at == 0.0


def test_softmax_values():
    def numbers(line):
        return [float(v) for v in line.split("= [", 1)[1].split("]")[0].split()]

    scores = np.array([1.0, 2.0, 3.0])
    expected = np.exp(scores - np.log(np.exp(scores).sum()))  # softmax through the log-sum-exp
    softmax_lines = [line for line in lines(f"{STEM}/activations") if line.startswith("softmax(")]
    assert len(softmax_lines) == 2
    for line in softmax_lines:
        assert numbers(line) == pytest.approx(expected, abs=1e-6)
    assert softmax_lines[0].endswith("sum = 1.0")


def test_linear_layers_collapse_and_relu_breaks_the_collapse():
    text = lines(f"{STEM}/linear_collapse")
    assert float(text[0].rsplit(": ", 1)[1]) < 1e-12
    rdm = np.random.RandomState(0)
    w1, w2, x = rdm.randn(4, 3), rdm.randn(2, 4), rdm.randn(3, 5)
    hidden = np.einsum("ij,jk->ik", w1, x)
    gap = np.abs(np.einsum("ij,jk->ik", w2, np.where(hidden > 0, hidden, 0)) - np.einsum("ij,jk,kl->il", w2, w1, x))
    assert float(text[1].rsplit(": ", 1)[1]) == pytest.approx(gap.max(), abs=1e-6)


def test_sigmoid_chain_is_the_product_of_sigmoid_derivatives():
    table = [line.split() for line in lines(f"{STEM}/vanishing_gradient")[1:]]
    assert [int(r[0]) for r in table] == [1, 2, 3, 5, 10, 20, 30]
    for depth, sigmoid_chain, bound, relu_chain in ((int(r[0]), float(r[1]), float(r[2]), float(r[3])) for r in table):
        h, product = 0.0, 1.0
        for _ in range(depth):  # chain rule: multiply sigmoid'(input of each layer)
            product *= sigmoid(h) * (1 - sigmoid(h))
            h = sigmoid(h)
        assert sigmoid_chain == pytest.approx(product, rel=1e-5), depth
        assert bound == pytest.approx(0.25**depth, rel=1e-6) and sigmoid_chain <= bound
        assert relu_chain == 1.0


PRINTED_STEPS = [0, 1, 2, 3, 100, 200, 300]  # dead_relu.py prints the first three updates, then every 100th step
DEAD_RELU_RUNS = {  # header line -> (leaky, starting b, learning rate), as in dead_relu.py
    "relu, b starts at -10, learning rate 0.1": (False, -10.0, 0.1),
    "leaky_relu, b starts at -10, learning rate 0.1": (True, -10.0, 0.1),
    "relu, b starts at 0, learning rate 0.1": (False, 0.0, 0.1),
    "relu, b starts at 0, learning rate 3": (False, 0.0, 3.0),
}


def dead_relu_rows(header: str) -> list[tuple[float, ...]]:
    text = lines(f"{STEM}/dead_relu")
    block = text[text.index(header) + 1:text.index(header) + 1 + len(PRINTED_STEPS)]
    pattern = r"\s*step\s+(\d+): samples with w.x\+b > 0:\s+(\d+)/100, b =\s+(\S+), dloss/db =\s+(\S+), loss = (\S+)"
    return [tuple(float(g) for g in re.fullmatch(pattern, line).groups()) for line in block]


def numpy_neuron(leaky: bool, b_start: float, lr: float, steps: int = 300):
    """The same experiment in NumPy float64 with the gradients written out by hand."""
    x = np.random.RandomState(0).randn(100, 2)
    y_ = np.maximum(x[:, 0] + x[:, 1] + 1, 0)
    w, b = np.array([0.5, 0.5]), b_start
    slope = ALPHA if leaky else 0.0
    for step in range(steps + 1):
        z = x @ w + b
        out = np.where(z > 0, z, slope * z)
        d_out = np.where(z > 0, 1.0, slope)
        error = out - y_
        grad_z = 2 * error * d_out / len(y_)
        if step in PRINTED_STEPS:
            yield step, int((z > 0).sum()), b, grad_z.sum(), float(np.mean(error**2))
        w, b = w - lr * (x.T @ grad_z), b - lr * grad_z.sum()


def test_dead_relu_output_has_the_four_runs_in_order():
    headers = [line for line in lines(f"{STEM}/dead_relu") if not line.startswith(" ")]
    assert headers == list(DEAD_RELU_RUNS)


@pytest.mark.parametrize("header", list(DEAD_RELU_RUNS))
def test_dead_relu_experiment_matches_numpy(header):
    printed = dead_relu_rows(header)
    assert [row[0] for row in printed] == PRINTED_STEPS
    for (step, active, b, grad_b, loss), expected in zip(printed, numpy_neuron(*DEAD_RELU_RUNS[header]), strict=True):
        assert step == expected[0]
        assert active == expected[1]
        assert b == pytest.approx(expected[2], abs=1e-4)
        assert grad_b == pytest.approx(expected[3], abs=1e-4, rel=1e-2)
        assert loss == pytest.approx(expected[4], abs=1e-4, rel=1e-5)


def test_dead_relu_runs_do_what_the_page_says():
    dead, leaky, centred, too_fast = (dead_relu_rows(header) for header in DEAD_RELU_RUNS)
    # started dead: exactly zero gradient, nothing ever changes
    assert {row[1:] for row in dead} == {(0, -10.0, 0.0, dead[0][4])}
    # Leaky ReLU wakes up: 80 of 100 samples active at the end, loss down to 0.00696
    assert leaky[-1][1] == 80 and leaky[-1][4] == 0.00696 and leaky[-1][4] < leaky[0][4] / 1000
    # a centred start with lr 0.1: 52 samples active at first, then b reaches 1 and the loss 0
    assert centred[0][1] == 52 and centred[0][2] == 0.0
    assert centred[-1][2] == pytest.approx(1.0, abs=1e-5) and centred[-1][4] == 0.0
    # the same start with lr 3: the first update throws b up to 5.04291, the second down to -24.32825, and after the
    # third no sample is active any more: dead from step 3 on, frozen at b = -30.11728 with the dead run's loss
    assert too_fast[0][1:3] == centred[0][1:3]
    assert too_fast[1][2] == 5.04291 and too_fast[1][1] > 0 and too_fast[2][2] == -24.32825 and too_fast[2][1] > 0
    assert {row[1:] for row in too_fast[3:]} == {(0, -30.11728, 0.0, dead[0][4])}


def test_he_initialization_keeps_the_activations_at_their_size():
    (he_std,), = rows(f"{STEM}/he_init", r"He initialization: std = sqrt\(2 / 256\) = {n}")
    assert he_std == round(math.sqrt(2 / 256), 6)
    (notes_std,), = rows(f"{STEM}/he_init", r"the notes' formula: std = 2 / sqrt\(256\) = {n}")
    assert notes_std == 2 / math.sqrt(256) == 0.125 and notes_std == pytest.approx(math.sqrt(2) * he_std, rel=1e-5)
    (mean, std), = rows(f"{STEM}/he_init", r"inputs: mean {n}, std {n}")
    assert abs(mean) < 0.01 and abs(std - 1) < 0.01
    table = rows(f"{STEM}/he_init", r"\s*{n}" + r"\s+{n}e([-+]\d+)" * 4)
    assert [int(r[0]) for r in table] == list(range(1, 11))
    # A layer's input z = sum of n products w_i h_i has mean square n * s^2 * E[h^2]; ReLU keeps the positive
    # half of this symmetric z, halving the mean square. So each layer multiplies the root mean square by
    # sqrt(n * s^2 / 2): 0.113 for s = 0.01, 11.3 for s = 1, exactly 1 for He's s = sqrt(2 / n), and
    # sqrt(2) for the notes' s = 2 / sqrt(n), whose mean square doubles at every layer.
    for column, s in ((1, 0.01), (3, 1.0), (5, he_std), (7, notes_std)):
        factor = math.sqrt(256 * s * s / 2)
        previous, ratios = std, []  # the inputs' root mean square is their std, as their mean is about 0
        for row in table:
            value = row[column] * 10 ** row[column + 1]
            ratios.append(value / previous)
            previous = value
        # one random weight matrix per layer: each ratio fluctuates around the factor by up to ~12 %, both ways
        assert ratios == pytest.approx([factor] * len(table), rel=0.2), s
        assert min(ratios) < factor < max(ratios), s
        # over ten layers the fluctuations largely average out
        assert (previous / std) ** (1 / len(table)) == pytest.approx(factor, rel=0.05), s
    assert math.sqrt(256 * notes_std**2 / 2) == pytest.approx(math.sqrt(2))
    last = table[-1]
    # "sqrt(2) ten times makes 32; the table ends at about 43", above 32, while the He column drifts to 0.91, below 1
    assert round(math.sqrt(2) ** 10) == 32
    assert round(last[7] * 10 ** last[8]) == 43 and last[7] * 10 ** last[8] > 32
    assert round(last[5] * 10 ** last[6], 2) == 0.91
    (kernel_mean, kernel_std, largest), = rows(
        f"{STEM}/he_init", r"Keras HeNormal kernel \(256x256\): mean {n}, std {n}, largest \|w\| {n}"
    )
    assert abs(kernel_mean) < 0.002 and kernel_std == pytest.approx(he_std, rel=0.01)
    # truncated at two standard deviations of the untruncated normal, whose std is he_std / 0.8796...
    assert largest <= 2 * he_std / 0.87962566103423978 + 1e-5


def single_neuron_tables() -> dict[str, np.ndarray]:
    text = lines(f"{STEM}/single_neuron_loss")
    tables, name = {}, None
    for line in text:
        if line.startswith("activation: "):
            name = line.removeprefix("activation: ")
            tables[name] = []
        elif line.split() and line.split()[0] != "w":
            tables[name].append([float(v) for v in line.split()])
    return {name: np.array(table) for name, table in tables.items()}


def sigmoid_neuron_loss(w):
    """loss(w) = (sigmoid(w) - 1)^2 and its first two derivatives, worked out by hand (the page's formula)."""
    s = sigmoid(w)
    ds = s * (1 - s)
    return (s - 1) ** 2, -2 * ds * (1 - s), -2 * ds * (1 - s) * (1 - 3 * s)


def test_single_sigmoid_neuron_loss_is_not_convex():
    tables = single_neuron_tables()
    assert list(tables) == ["sigmoid", "none (f(z) = z)"]
    sig, ident = tables["sigmoid"], tables["none (f(z) = z)"]
    w = sig[:, 0]
    assert list(w) == [-4, -2, -1, -0.5, 0, 2] and list(ident[:, 0]) == list(w)
    loss, first, second = sigmoid_neuron_loss(w)
    np.testing.assert_allclose(sig[:, 1:], np.c_[sigmoid(w), loss, first, second], rtol=0, atol=1e-6)
    # the hand-worked loss'' agrees with central differences of the loss itself
    grid, h = np.linspace(-8, 4, 241), 1e-4
    loss_at = [sigmoid_neuron_loss(grid + step)[0] for step in (-h, 0, h)]
    numeric = (loss_at[0] - 2 * loss_at[1] + loss_at[2]) / h**2
    np.testing.assert_allclose(numeric, sigmoid_neuron_loss(grid)[2], atol=1e-6)
    # negative exactly where w < -ln 2: at -4, -2 and -1, not at -0.5, 0 or 2
    assert ((sigmoid_neuron_loss(grid)[2] < 0) == (grid < -math.log(2))).all()
    assert list(sig[:, 4] < 0) == [True, True, True, False, False, False]
    assert sig[1, 4] == -0.118814 and sig[0, 3] == -0.03469
    # monotonic: the output rises with w and the loss falls; the loss stays in (0, 1)
    assert (np.diff(sig[:, 1]) > 0).all() and (np.diff(sig[:, 2]) < 0).all()
    assert ((sig[:, 2] > 0) & (sig[:, 2] < 1)).all()
    # no activation: loss (w - 1)^2, loss'' = 2 everywhere
    np.testing.assert_allclose(ident[:, 1:], np.c_[w, (w - 1) ** 2, 2 * (w - 1), np.full_like(w, 2)], atol=1e-6)
