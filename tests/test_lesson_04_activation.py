"""Independent checks of the activation-function lesson: closed-form derivatives in NumPy float64,
the chain rule written out, a NumPy re-run of the dead-ReLU experiment, and the variance formula
behind He initialization."""

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


def dead_relu_rows(name: str) -> list[tuple[float, ...]]:
    text = lines(f"{STEM}/dead_relu")
    block = text[text.index(name) + 1:text.index(name) + 5]
    pattern = r"\s*step\s+(\d+): samples with w.x\+b > 0:\s+(\d+)/100, b =\s+(\S+), dloss/db =\s+(\S+), loss = (\S+)"
    return [tuple(float(g) for g in re.fullmatch(pattern, line).groups()) for line in block]


def numpy_neuron(leaky: bool, steps: int = 300, lr: float = 0.1):
    """The same experiment in NumPy float64 with the gradients written out by hand."""
    x = np.random.RandomState(0).randn(100, 2)
    y_ = np.maximum(x[:, 0] + x[:, 1] + 1, 0)
    w, b = np.array([0.5, 0.5]), -10.0
    slope = ALPHA if leaky else 0.0
    for step in range(steps + 1):
        z = x @ w + b
        out = np.where(z > 0, z, slope * z)
        d_out = np.where(z > 0, 1.0, slope)
        error = out - y_
        grad_z = 2 * error * d_out / len(y_)
        if step % 100 == 0:
            yield step, int((z > 0).sum()), b, grad_z.sum(), float(np.mean(error**2))
        w, b = w - lr * (x.T @ grad_z), b - lr * grad_z.sum()


@pytest.mark.parametrize("leaky", [False, True], ids=["relu", "leaky_relu"])
def test_dead_relu_experiment_matches_numpy(leaky):
    printed = dead_relu_rows("leaky_relu" if leaky else "relu")
    for (step, active, b, grad_b, loss), expected in zip(printed, numpy_neuron(leaky)):
        assert step == expected[0]
        assert active == expected[1]
        assert b == pytest.approx(expected[2], abs=1e-4)
        assert grad_b == pytest.approx(expected[3], abs=1e-4, rel=1e-2)
        assert loss == pytest.approx(expected[4], abs=1e-4, rel=1e-5)
    if not leaky:  # the dead neuron: exactly zero gradient, nothing ever changes
        assert {row[1:] for row in printed} == {(0, -10.0, 0.0, printed[0][4])}


def test_he_initialization_keeps_the_activations_at_their_size():
    (he_std,), = rows(f"{STEM}/he_init", r"He initialization: std = sqrt\(2 / 256\) = {n}")
    assert he_std == round(math.sqrt(2 / 256), 6)
    (mean, std), = rows(f"{STEM}/he_init", r"inputs: mean {n}, std {n}")
    assert abs(mean) < 0.01 and abs(std - 1) < 0.01
    table = rows(f"{STEM}/he_init", r"\s*{n}\s+{n}e([-+]\d+)\s+{n}e([-+]\d+)\s+{n}e([-+]\d+)")
    assert [int(r[0]) for r in table] == list(range(1, 11))
    # A layer's input z = sum of n products w_i h_i has mean square n * s^2 * E[h^2]; ReLU keeps the positive
    # half of this symmetric z, halving the mean square. So each layer multiplies the root mean square by
    # sqrt(n * s^2 / 2): 0.113 for s = 0.01, 11.3 for s = 1 and exactly 1 for He's s = sqrt(2 / n).
    for column, s in ((1, 0.01), (3, 1.0), (5, he_std)):
        factor = math.sqrt(256 * s * s / 2)
        previous = std  # the inputs' root mean square is their std, as their mean is about 0
        for row in table:
            value = row[column] * 10 ** row[column + 1]
            # one random weight matrix per layer: each ratio fluctuates around the factor by up to ~12 %
            assert value / previous == pytest.approx(factor, rel=0.2), (s, int(row[0]))
            previous = value
        # over ten layers the fluctuations average out
        assert (previous / std) ** (1 / len(table)) == pytest.approx(factor, rel=0.05), s
    (kernel_mean, kernel_std, largest), = rows(
        f"{STEM}/he_init", r"Keras HeNormal kernel \(256x256\): mean {n}, std {n}, largest \|w\| {n}"
    )
    assert abs(kernel_mean) < 0.002 and kernel_std == pytest.approx(he_std, rel=0.01)
    # truncated at two standard deviations of the untruncated normal, whose std is he_std / 0.8796...
    assert largest <= 2 * he_std / 0.87962566103423978 + 1e-5
