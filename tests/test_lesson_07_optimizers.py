"""Independent checks of the optimizer lesson's numbers.

Every optimizer is written again here in NumPy, straight from its formula, and the course's iris
experiment is recomputed with gradients derived by hand (no TensorFlow).
"""

from __future__ import annotations

import ast
import re

import numpy as np
import pytest
from sklearn.datasets import load_iris

from tests.lesson_outputs import lines, rows
from tools import snippets as runner

STEM = "07-optimizers"
FUNCTIONS = ("sgd", "sgdm", "nesterov", "adagrad", "rmsprop", "adadelta", "adam")
F32 = np.float32


# --- the update rules, from the formulas --------------------------------------------------------


def make_step(name, lr, eps, dtype=float, beta=0.9, beta1=0.9, beta2=0.999, rho=0.95):
    """Return step(g, t) -> eta_t for one weight, keeping its own memory. With dtype=np.float32
    the constants are rounded to float32 as TensorFlow rounds the snippets' Python numbers."""
    mem = {"m": 0, "V": 0, "U": 0}
    one, lr, eps = dtype(1), dtype(lr), dtype(eps)
    a, c = dtype(beta), dtype(1 - beta)  # weights of the old value and of the new term
    a1, c1, a2, c2 = dtype(beta1), dtype(1 - beta1), dtype(beta2), dtype(1 - beta2)
    ar, cr = dtype(rho), dtype(1 - rho)

    def step(g, t):
        if name == "sgd":
            return lr * g
        if name in ("sgdm", "nesterov"):
            mem["m"] = a * mem["m"] + c * g
            return lr * mem["m"] if name == "sgdm" else lr * (a * mem["m"] + c * g)
        if name == "adagrad":
            mem["V"] = mem["V"] + g * g
            return lr * g / (np.sqrt(mem["V"]) + eps)
        if name == "rmsprop":
            mem["V"] = a * mem["V"] + c * g * g
            return lr * g / (np.sqrt(mem["V"]) + eps)
        if name == "adadelta":
            mem["V"] = ar * mem["V"] + cr * g * g
            delta = np.sqrt(mem["U"] + eps) / np.sqrt(mem["V"] + eps) * g
            mem["U"] = ar * mem["U"] + cr * delta * delta
            return lr * delta
        if name == "adam":
            mem["m"] = a1 * mem["m"] + c1 * g
            mem["V"] = a2 * mem["V"] + c2 * g * g
            m_hat = mem["m"] / (one - a1 ** dtype(t))  # bias corrections, t counted from 1
            v_hat = mem["V"] / (one - a2 ** dtype(t))
            return lr * m_hat / (np.sqrt(v_hat) + eps)
        raise ValueError(name)

    return step


def make_keras_step(kind, lr, eps=1e-7, momentum=0.9, rho=0.9, initial=0.1):
    """The update rules of the Keras classes, as their documentation and source define them."""
    mem = {"a": None, "b": None}

    def step(g, t):
        if mem["a"] is None:
            mem["a"], mem["b"] = np.zeros_like(g), np.zeros_like(g)
            if kind == "adagrad":
                mem["a"] = np.full_like(g, initial)
        if kind in ("momentum", "nesterov"):  # velocity v = momentum * v - lr * g
            mem["a"] = momentum * mem["a"] - lr * g
            return -mem["a"] if kind == "momentum" else -(momentum * mem["a"] - lr * g)
        if kind == "adagrad":
            mem["a"] = mem["a"] + g * g
            return lr * g / np.sqrt(mem["a"] + eps)
        if kind == "rmsprop":
            mem["a"] = rho * mem["a"] + (1 - rho) * g * g
            return lr * g / np.sqrt(mem["a"] + eps)
        if kind == "adadelta":
            mem["a"] = rho * mem["a"] + (1 - rho) * g * g
            delta = np.sqrt(mem["b"] + eps) / np.sqrt(mem["a"] + eps) * g
            mem["b"] = rho * mem["b"] + (1 - rho) * delta * delta
            return lr * delta
        if kind == "adam":
            mem["a"] = 0.9 * mem["a"] + 0.1 * g
            mem["b"] = 0.999 * mem["b"] + 0.001 * g * g
            alpha = lr * np.sqrt(1 - 0.999**t) / (1 - 0.9**t)
            return alpha * mem["a"] / (np.sqrt(mem["b"]) + eps)
        raise ValueError(kind)

    return step


# --- the same update functions in every snippet ------------------------------------------------


def function_sources(name: str) -> dict[str, str]:
    tree = ast.parse((runner.SNIPPETS / STEM / f"{name}.py").read_text(encoding="utf-8"))
    found = {n.name: ast.unparse(n) for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in FUNCTIONS}
    found |= {t.id: ast.unparse(n.value) for n in tree.body if isinstance(n, ast.Assign)
              for t in n.targets if isinstance(t, ast.Name) and t.id in ("BETA", "RHO", "EPOCHS")}
    return found


@pytest.mark.parametrize("other", ["epsilon", "keras_optimizers", "trajectories", "optimizer_path"])
def test_update_functions_are_copied_unchanged(other):
    reference, copy = function_sources("optimizers"), function_sources(other)
    assert copy, f"{other}.py defines none of the update functions"
    assert {k: reference[k] for k in copy} == copy, f"{other}.py must use optimizers.py's functions unchanged"


# --- part 1: three steps on made-up gradients ------------------------------------------------

GRADIENTS = np.array([[0.5, 0.0, -2.0], [0.4, 0.1, -1.0], [0.3, 0.2, 0.5]], dtype=F32)


def test_three_steps_of_every_optimizer_match_the_formulas():
    names = {"SGD": "sgd", "SGDM": "sgdm", "Nesterov": "nesterov", "Adagrad": "adagrad", "RMSProp": "rmsprop",
             "AdaDelta": "adadelta", "Adam": "adam"}
    part_1 = lines(f"{STEM}/optimizers")
    part_1 = part_1[:next(i for i, line in enumerate(part_1) if line.startswith("Part 2"))]
    table = [line.split() for line in part_1 if line.split()[:1] and line.split()[0] in names]
    assert len(table) == 33
    seen = set()
    for start in range(0, len(table), 3):
        block = table[start:start + 3]
        name, lr, eps = block[0][0], float(block[0][1]), float(block[0][2])
        seen.add((name, eps))
        step = make_step(names[name], lr, eps, dtype=F32)
        with np.errstate(invalid="ignore", divide="ignore"):
            for t, (row, g) in enumerate(zip(block, GRADIENTS), start=1):
                assert int(row[3]) == t
                got = np.array([float(v) for v in row[4:]])
                expected = step(g, t).astype(float)
                assert list(np.isnan(got)) == list(np.isnan(expected)), f"{name} eps={eps} t={t}"
                ok = ~np.isnan(got)
                assert got[ok] == pytest.approx(expected[ok], abs=1e-7), f"{name} eps={eps} t={t}"
    assert len(seen) == 11  # seven optimizers, four of them also with eps


def test_what_part_1_shows():
    def eta(name, eps, t):
        row = next(r for r in (line.split() for line in lines(f"{STEM}/optimizers"))
                   if r[:1] == [name] and len(r) == 7 and float(r[2]) == eps and r[3] == str(t))
        return [float(v) for v in row[4:]]

    for name in ("Adagrad", "RMSProp", "Adam"):  # 0 / 0 without eps, 0 / eps = 0 with it
        assert np.isnan(eta(name, 0.0, 1)[1]) and eta(name, 1e-7, 1)[1] == 0
    assert eta("AdaDelta", 0.0, 3)[0] == 0 and np.isnan(eta("AdaDelta", 0.0, 3)[1])  # never moves
    assert eta("RMSProp", 0.0, 1)[0] == pytest.approx(0.1 * np.sqrt(10), abs=1e-7)  # lr * g / sqrt(0.1 g^2)
    assert eta("Adagrad", 0.0, 1)[0] == pytest.approx(0.1)  # lr * g / |g|
    assert eta("AdaDelta", 1e-6, 1)[0] == pytest.approx(np.sqrt(1e-6) / np.sqrt(0.05 * 0.25 + 1e-6) * 0.5, abs=1e-8)
    # Adam's first step is lr * sign(g) exactly; the float32 constants make it 0.09999934:
    # m_hat / |g| = 0.1f / (1 - 0.9f) and V_hat / g^2 = 0.001f / (1 - 0.999f) are not exactly 1
    m_ratio = float(F32(0.1)) / float(F32(1) - F32(0.9))
    v_ratio = float(F32(0.001)) / float(F32(1) - F32(0.999))
    assert eta("Adam", 0.0, 1)[0] == pytest.approx(0.1 * m_ratio / np.sqrt(v_ratio), abs=2e-8)


# --- part 2: the iris experiment, recomputed ---------------------------------------------------


def iris():
    data = load_iris()
    x, y = data.data.copy(), data.target.copy()
    np.random.seed(116)
    np.random.shuffle(x)
    np.random.seed(116)
    np.random.shuffle(y)
    return x[:-30], y[:-30], x[-30:], y[-30:]


def common_start():
    found = [line.split("[", 1)[1].rstrip("]") for line in lines(f"{STEM}/optimizers")
             if line.startswith(("  w1 row", "  b1 "))]
    values = [[float(v) for v in row.split(",")] for row in found]
    return np.array(values[:4]), np.array(values[4])


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def mse_gradients(w, b, xb, yb):
    """Gradients of mean((one_hot - softmax(x w + b))^2) with respect to w and b."""
    p = softmax(xb @ w + b)
    d_p = 2 * (p - np.eye(3)[yb]) / (len(xb) * 3)
    d_z = p * (d_p - np.sum(d_p * p, axis=1, keepdims=True))  # through the softmax
    return xb.T @ d_z, d_z.sum(axis=0)


def numpy_train(make_steps, loss="mse", epochs=500):
    """The course's training loop in float64 NumPy with hand-derived gradients.
    Returns per epoch: the course's loss (mean of the 4 batch losses), the loss averaged over
    the 120 samples, the mean probability of the true class, and the test accuracy."""
    x_train, y_train, x_test, y_test = iris()
    w, b = common_start()
    step_w, step_b = make_steps()
    history, t = [], 0
    for _ in range(epochs):
        batch_losses, sizes = [], []
        for start in range(0, 120, 32):
            xb, yb = x_train[start:start + 32], y_train[start:start + 32]
            n, onehot = len(xb), np.eye(3)[yb]
            p = softmax(xb @ w + b)
            if loss == "mse":
                batch_losses.append(np.mean((onehot - p) ** 2))
                g_w, g_b = mse_gradients(w, b, xb, yb)
            else:
                batch_losses.append(np.mean(-np.log(p[np.arange(n), yb])))
                g_w, g_b = xb.T @ (p - onehot) / n, (p - onehot).sum(axis=0) / n
            t += 1
            w = w - step_w(g_w, t)
            b = b - step_b(g_b, t)
            sizes.append(n)
        p_train = softmax(x_train @ w + b)
        history.append((sum(batch_losses) / 4, np.dot(batch_losses, sizes) / 120,
                        p_train[np.arange(120), y_train].mean(),
                        np.mean(np.argmax(x_test @ w + b, axis=1) == y_test)))
    return history


def hand(name, lr, eps):
    return lambda: (make_step(name, lr, eps), make_step(name, lr, eps))


def keras(kind, lr, **kwargs):
    return lambda: (make_keras_step(kind, lr, **kwargs), make_keras_step(kind, lr, **kwargs))


COURSE_RUNS = {"SGD": ("sgd", 0.1, 0.0), "SGDM": ("sgdm", 0.1, 0.0), "Nesterov": ("nesterov", 0.1, 0.0),
               "Adagrad": ("adagrad", 0.1, 0.0), "RMSProp": ("rmsprop", 0.1, 0.0),
               "AdaDelta": ("adadelta", 1.0, 1e-6), "Adam": ("adam", 0.1, 0.0)}
STABLE = ["SGD", "SGDM", "Nesterov", "Adagrad", "AdaDelta", "Adam"]  # RMSProp at lr 0.1 is chaotic


@pytest.fixture(scope="module")
def course_runs():
    return {name: numpy_train(hand(*args)) for name, args in COURSE_RUNS.items()}


def first_perfect(history):
    return next((str(i) for i, h in enumerate(history) if h[3] == 1.0), "never")


def printed_tables():
    text = lines(f"{STEM}/optimizers")
    tables = {}
    for title in ("mean loss of the epoch", "test accuracy"):
        start = text.index(title) + 2
        tables[title] = [[float(v) for v in line.split()] for line in text[start:start + 10]]
    header = text[text.index("mean loss of the epoch") + 1].split()[1:]
    return header, tables


def test_loss_and_accuracy_tables(course_runs):
    header, tables = printed_tables()
    assert header == list(COURSE_RUNS)
    for column, name in enumerate(header, start=1):
        for loss_row, acc_row in zip(tables["mean loss of the epoch"], tables["test accuracy"]):
            epoch = int(loss_row[0])
            expected = course_runs[name][epoch]
            if name in STABLE or epoch == 0:
                assert loss_row[column] == pytest.approx(expected[0], abs=3e-6), (name, epoch)
                assert acc_row[column] == pytest.approx(expected[3], abs=5e-5), (name, epoch)


# Epoch 499 of the runs published in circulating notes of the course (loss as printed there).
PUBLISHED_FINAL_LOSS = {"SGD": 0.032300276681780815, "SGDM": 0.030630568508058786,
                        "Adagrad": 0.03173917159438133, "Adam": 0.013926223502494395}
PUBLISHED_RMSPROP_FINAL = ("nan", 0.36666666666666664)


def test_final_losses_match_the_published_runs():
    table = {line.split()[0]: line.split()[1:] for line in lines(f"{STEM}/optimizers")[-7:]}
    for name, published in PUBLISHED_FINAL_LOSS.items():
        assert table[name][0] == f"{published:.6f}", name
        assert table[name][1] == "1.0000"
    assert table["RMSProp"][:2] == [PUBLISHED_RMSPROP_FINAL[0], f"{PUBLISHED_RMSPROP_FINAL[1]:.4f}"]


def test_results_table(course_runs):
    table = {line.split()[0]: line.split()[1:] for line in lines(f"{STEM}/optimizers")[-7:]}
    assert list(table) == list(COURSE_RUNS)
    for name in STABLE:
        final_loss, final_acc, perfect, nan_from, first_bad = table[name]
        assert first_bad == "never", "no step of the other optimizers is inf or NaN"
        assert float(final_loss) == pytest.approx(course_runs[name][-1][0], abs=3e-6)
        assert float(final_acc) == course_runs[name][-1][3] == 1.0
        assert perfect == first_perfect(course_runs[name]) and nan_from == "never"
    assert table["RMSProp"][0] == "nan" and table["RMSProp"][3] == "370"
    assert table["RMSProp"][4:] == ["t", "=", str(4 * 370 + 1)], "the first batch of epoch 370"
    assert int(table["Adam"][2]) < int(table["Adagrad"][2]) < int(table["SGDM"][2]) < int(table["SGD"][2])


def test_ranking_by_first_perfect_epoch():
    """The page ranks all seven by the first epoch with test accuracy 1.0, RMSProp included (second, at 16)."""
    table = {line.split()[0]: line.split()[1:] for line in lines(f"{STEM}/optimizers")[-7:]}
    ranking = sorted(table, key=lambda name: int(table[name][2]))
    assert ranking == ["Adam", "RMSProp", "Adagrad", "SGDM", "Nesterov", "AdaDelta", "SGD"]
    assert [int(table[name][2]) for name in ranking] == [7, 16, 63, 101, 109, 136, 185]


# --- what goes wrong without eps ----------------------------------------------------------------


def test_rmsprop_failure_is_a_flush_to_zero_of_v():
    text = "\n".join(lines(f"{STEM}/epsilon"))
    number = r"(-?[\d.]+e[-+]\d+)"
    head = re.search(r"epoch (\d+), t = (\d+) \(batch (\d) of 4\), w1\[(\d), 0\]", text)
    epoch, t, batch, _ = map(int, head.groups())
    assert t == 4 * epoch + batch
    g, v_prev, part_v, part_g, v = (float(re.search(label + r"\s+= " + number, text).group(1)) for label in (
        "g", "V before this batch", r"0\.9 \* V before", r"0\.1 \* g\^2", "V = the sum"))
    tiny = float(np.finfo(F32).tiny)
    assert part_v == pytest.approx(0.9 * v_prev, rel=1e-3) and part_g == pytest.approx(0.1 * g * g, rel=1e-3)
    assert part_v < tiny and part_g < tiny < part_v + part_g  # each product is flushed, their sum would not be
    assert v == 0 and abs(g) > tiny and "eta = lr * g / sqrt(V) = inf" in text
    nan_epoch = int(re.search(r"first epoch whose mean loss is NaN: (\d+)", text).group(1))
    assert nan_epoch == epoch
    optimizers_row = next(line for line in lines(f"{STEM}/optimizers")[-7:] if line.startswith("RMSProp "))
    # optimizers.py and epsilon.py run the same computation
    assert optimizers_row.split()[4] == str(nan_epoch) and optimizers_row.split()[-1] == str(t)


def test_rmsprop_trace_first_row():
    """Epoch 0, last batch: the class-0 entries of g, V and eta, and the largest |w1|, recomputed."""
    x_train, y_train, _, _ = iris()
    w, b = common_start()
    v_w, v_b = np.zeros_like(w), np.zeros_like(b)
    for start in range(0, 120, 32):
        g_w, g_b = mse_gradients(w, b, x_train[start:start + 32], y_train[start:start + 32])
        v_w, v_b = 0.9 * v_w + 0.1 * g_w**2, 0.9 * v_b + 0.1 * g_b**2
        eta_w, eta_b = 0.1 * g_w / np.sqrt(v_w), 0.1 * g_b / np.sqrt(v_b)
        w, b = w - eta_w, b - eta_b
    row = rows(f"{STEM}/epsilon", r"\s+0\s+{n}e{n}\s+{n}e{n}\s+{n}\s+{n}")[0]
    assert row[0] * 10 ** row[1] == pytest.approx(max(np.abs(g_w[:, 0]).max(), abs(g_b[0])), rel=1e-2)
    assert row[2] * 10 ** row[3] == pytest.approx(min(v_w[:, 0].min(), v_b[0]), rel=1e-2)
    assert row[4] == pytest.approx(max(np.abs(eta_w[:, 0]).max(), abs(eta_b[0])), abs=6e-5)
    assert row[5] == pytest.approx(np.abs(w).max(), abs=6e-3)


def epsilon_table():
    text = lines(f"{STEM}/epsilon")
    return {line[:28].strip(): line[28:].split() for line in text[-6:]}


def test_epsilon_fixes_table(course_runs):
    table = epsilon_table()
    assert table["RMSProp  lr 0.1   eps 0"][:3] == ["nan", "16", "370"]
    # AdaDelta without eps never moves: its loss stays the loss of the start
    frozen = numpy_train(hand("adadelta", 1.0, 0.0), epochs=1)[0][0]
    assert table["AdaDelta lr 1     eps 0"] == [f"{frozen:.6f}", "never", "never", "0.000000", "0.000000"]
    # AdaDelta with eps = 1e-6 is the run of optimizers.py
    assert float(table["AdaDelta lr 1     eps 1e-6"][0]) == pytest.approx(course_runs["AdaDelta"][-1][0], abs=3e-6)
    assert table["AdaDelta lr 1     eps 1e-6"][1] == first_perfect(course_runs["AdaDelta"])
    for name, (kind, lr, eps) in {"AdaDelta lr 1     eps 1e-7": ("adadelta", 1.0, 1e-7),
                                  "RMSProp  lr 0.01  eps 1e-7": ("rmsprop", 0.01, 1e-7)}.items():
        history = numpy_train(hand(kind, lr, eps))
        assert float(table[name][0]) == pytest.approx(history[-1][0], abs=5e-6), name
        assert table[name][1] == first_perfect(history), name
        assert table[name][3] == "0.000000", "the page says this loss never rises"
    assert float(table["RMSProp  lr 0.1   eps 1e-7"][3]) > 0.05 and table["RMSProp  lr 0.1   eps 1e-7"][2] == "never"


# --- the Keras classes ------------------------------------------------------------------------


def keras_rows():
    text = lines(f"{STEM}/keras_optimizers")
    table, current = {}, None
    for line in text[next(i for i, line in enumerate(text) if "implementation" in line) + 1:]:
        if line[:10].strip() in COURSE_RUNS:
            current = line[:10].strip()
            table[current] = [("by hand", line[82:].split())]
        elif current and line.strip():
            table[current].append((line[10:82].strip(), line[82:].split()))
    return table


def test_keras_defaults_as_documented():
    defaults = "\n".join(lines(f"{STEM}/keras_optimizers")[1:6])
    for expected in ("SGD      learning_rate=0.01, momentum=0, nesterov=False",
                     "Adagrad  learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-07",
                     "RMSprop  learning_rate=0.001, momentum=0, rho=0.9, epsilon=1e-07",
                     "Adadelta learning_rate=0.001, rho=0.95, epsilon=1e-07",
                     "Adam     learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07"):
        assert expected in defaults


def test_by_hand_rows_repeat_optimizers_py(course_runs):
    for name, runs in keras_rows().items():
        loss, perfect = runs[0][1]
        if name in STABLE:
            assert float(loss) == pytest.approx(course_runs[name][-1][0], abs=3e-6)
            assert perfect == first_perfect(course_runs[name])


def test_matched_keras_settings_reproduce_the_hand_written_runs():
    table = keras_rows()
    matched = {"SGD": "SGD(learning_rate=0.1)", "SGDM": "SGD(learning_rate=0.01, momentum=0.9)",
               "Nesterov": "SGD(learning_rate=0.01, momentum=0.9, nesterov=True)",
               "Adagrad": "Adagrad(learning_rate=0.1, initial_accumulator_value=0.0, epsilon=0.0)",
               "AdaDelta": "Adadelta(learning_rate=1.0, epsilon=1e-06)", "Adam": "Adam(learning_rate=0.1, epsilon=0.0)"}
    for name, label in matched.items():
        (_, hand_values), *keras_runs = table[name]
        gap_1, gap_end, loss, perfect = dict(keras_runs)[label]
        assert float(gap_1) < 1e-7 and float(gap_end) < 2e-5, name
        assert [loss, perfect] == hand_values, name
    gap_1, gap_end, loss, perfect = dict(table["RMSProp"][1:])["RMSprop(learning_rate=0.1, epsilon=0.0)"]
    assert float(gap_1) == 0 and gap_end == loss == "nan" and perfect == table["RMSProp"][0][1][1]


@pytest.mark.parametrize("name, label, make", [
    ("SGDM", "SGD(learning_rate=0.1, momentum=0.9)", keras("momentum", 0.1)),
    ("SGDM", "SGD(learning_rate=0.1, momentum=0.9)", hand("sgdm", 1.0, 0.0)),  # = the course's form with lr 1
    ("Nesterov", "SGD(learning_rate=0.1, momentum=0.9, nesterov=True)", keras("nesterov", 0.1)),
    ("Adagrad", "Adagrad(learning_rate=0.1)", keras("adagrad", 0.1)),
    ("AdaDelta", "Adadelta(learning_rate=0.1)", keras("adadelta", 0.1, rho=0.95)),
    ("Adam", "Adam(learning_rate=0.1)", keras("adam", 0.1)),
])
def test_keras_with_the_course_settings_follows_its_own_formula(name, label, make):
    history = numpy_train(make)
    _, _, loss, perfect = dict(keras_rows()[name][1:])[label]
    assert float(loss) == pytest.approx(history[-1][0], abs=5e-6)
    assert perfect == first_perfect(history)


# --- cross entropy ------------------------------------------------------------------------------


def test_cross_entropy_against_mse():
    table = rows(f"{STEM}/cross_entropy", r"\s*{n}" + r"\s+{n}" * 6)
    runs = {"mse": numpy_train(hand("sgd", 0.1, 0.0)), "ce": numpy_train(hand("sgd", 0.1, 0.0), loss="ce")}
    for epoch, *values in table:
        for (loss, p_true, acc), history in zip((values[:3], values[3:]), runs.values()):
            _, sample_mean, p_expected, acc_expected = history[int(epoch)]
            assert (loss, p_true, acc) == pytest.approx((sample_mean, p_expected, acc_expected), abs=6e-5)
    firsts = rows(f"{STEM}/cross_entropy", r"[\w ]+: test accuracy first reaches 1\.0 at epoch {n}")
    assert [str(int(f[0])) for f in firsts] == [first_perfect(runs["mse"]), first_perfect(runs["ce"])]
    # the course's division by 4 and the mean over the 120 samples differ: the last batch has 24 samples
    assert runs["mse"][0][0] != pytest.approx(runs["mse"][0][1], abs=1e-4)


def test_gradient_with_respect_to_the_true_logit():
    for d, p_true, mse, ce in rows(f"{STEM}/cross_entropy", r"\s*{n}\s+{n}\s+{n}\s+{n}"):
        p = softmax(np.array([[0.0, d, 0.0]]))[0]
        y = np.array([1.0, 0.0, 0.0])
        jacobian_column = p * ((np.arange(3) == 0) - p[0])  # d p_k / d z_0 = p_k (delta_k0 - p_0)
        assert p_true == pytest.approx(p[0], abs=5e-5)
        assert mse == pytest.approx(2 / 3 * np.sum((p - y) * jacobian_column), abs=2e-6)
        assert ce == pytest.approx(p[0] - 1, abs=2e-6)


# --- cross entropy against MSE at matched step sizes ----------------------------------------------


def start_gradients(loss):
    """The gradient of the mean loss over the 120 training samples at the common start, as (w1, b1)."""
    x_train, y_train, _, _ = iris()
    w, b = common_start()
    if loss == "mse":
        return mse_gradients(w, b, x_train, y_train)
    p = softmax(x_train @ w + b) - np.eye(3)[y_train]
    return x_train.T @ p / 120, p.sum(axis=0) / 120


def global_norm(grads):
    return float(np.sqrt(sum(np.sum(g * g) for g in grads)))


def sweep_table():
    text = lines(f"{STEM}/cross_entropy")
    start = next(i for i, line in enumerate(text) if line.startswith("loss ") and "largest rise" in line) + 1
    table = {}
    for line in text[start:]:
        if not line.strip():
            break
        name, values = line[:14].strip(), line[14:].split()
        table[(name, values[0])] = [float(values[1]), *map(float, values[2:6]), values[6], float(values[7])]
    return table


def test_gradient_ratio_at_the_start():
    text = "\n".join(lines(f"{STEM}/cross_entropy"))
    norms = {name: float(re.search(rf"\|g\| {name}\s+([\d.]+)", text).group(1)) for name in ("MSE", "cross entropy")}
    assert norms["MSE"] == pytest.approx(global_norm(start_gradients("mse")), abs=2e-6)
    assert norms["cross entropy"] == pytest.approx(global_norm(start_gradients("ce")), abs=2e-6)
    ratio = global_norm(start_gradients("ce")) / global_norm(start_gradients("mse"))
    assert f"ratio {ratio:.2f}:" in text and f"{ratio:.2f} times longer" in text
    assert f"lr 0.1 / {ratio:.2f} = {0.1 / ratio:.4f} starts" in text
    # the course's MSE is averaged over the 3 classes too: summed over them, its gradient would be 3 times longer
    x_train, y_train, _, _ = iris()
    w, b = common_start()
    p = softmax(x_train @ w + b)
    d_p = 2 * (p - np.eye(3)[y_train]) / 120  # the loss summed over the classes, averaged over the samples
    d_z = p * (d_p - np.sum(d_p * p, axis=1, keepdims=True))
    assert global_norm((x_train.T @ d_z, d_z.sum(axis=0))) == pytest.approx(3 * global_norm(start_gradients("mse")))
    assert ("cross entropy", f"{0.1 / ratio:.4g}") in sweep_table()


@pytest.fixture(scope="module")
def sweep_runs():
    ratio = global_norm(start_gradients("ce")) / global_norm(start_gradients("mse"))
    runs = {}
    for (name, lr_text) in sweep_table():
        loss = "mse" if name == "MSE" else "ce"
        lr = 0.1 / ratio if lr_text == f"{0.1 / ratio:.4g}" else float(lr_text)
        history = numpy_train(hand("sgd", lr, 0.0), loss=loss)
        runs[(name, lr_text)] = (lr * global_norm(start_gradients(loss)), history)
    return runs


def largest_rise(history):
    return max(0.0, max(b[1] - a[1] for a, b in zip(history, history[1:])))


def test_sweep_table(sweep_runs):
    """Every smooth run of the sweep is recomputed to the printed precision; the erratic ones (their loss jumps
    up; their detailed numbers depend on rounding, as RMSProp's do) are checked to be erratic here too."""
    for key, (step, p10, p50, p100, p499, perfect, rise) in sweep_table().items():
        expected_step, history = sweep_runs[key]
        assert step == pytest.approx(expected_step, abs=6e-5), key
        if rise == 0:
            assert largest_rise(history) < 5e-7, key
            assert [p10, p50, p100, p499] == pytest.approx([history[e][2] for e in (10, 50, 100, 499)], abs=6e-5)
            assert perfect == first_perfect(history), key
        else:
            assert rise > 0.05 and largest_rise(history) > 0.05, key
            recomputed = [history[e][2] for e in (10, 50, 100, 499)]
            differences = [abs(a - b) for a, b in zip([p10, p50, p100, p499], recomputed)]
            assert max(differences) > 1e-3, f"{key}: chaotic, so float64 gives other numbers"


def test_what_the_matched_comparison_shows():
    table = sweep_table()
    matched = next(key for key in table if key[0] == "cross entropy" and key[1] not in ("0.05", "0.1", "0.2", "0.5"))
    mse_01, ce_01 = table[("MSE", "0.1")], table[("cross entropy", "0.1")]
    # equal first steps: the cross entropy is behind at every printed epoch and reaches accuracy 1.0 later
    assert table[matched][0] == mse_01[0]
    assert all(c < m for c, m in zip(table[matched][1:5], mse_01[1:5]))
    assert int(table[matched][5]) > int(mse_01[5])
    # the largest rate of the sweep at which the loss never rises: 0.2 for MSE, 0.1 for the cross entropy
    for name, best, above in (("MSE", "0.2", "0.5"), ("cross entropy", "0.1", "0.2")):
        smooth = [lr for (n, lr), row in table.items() if n == name and row[6] == 0]
        assert max(smooth, key=float) == best and table[(name, above)][6] > 0.05
    # each at that rate: the cross entropy is ahead at every printed epoch and reaches accuracy 1.0 sooner
    mse_best = table[("MSE", "0.2")]
    assert all(c > m for c, m in zip(ce_01[1:5], mse_best[1:5]))
    assert int(ce_01[5]) < int(mse_best[5]) < int(mse_01[5])
    # the sweep is coarse: each rate is 2 or 2.5 times the one before
    rates = sorted({float(lr) for n, lr in table if n == "MSE"})
    assert rates == sorted(float(lr) for n, lr in table if n == "cross entropy" and lr != matched[1])
    assert [round(b / a, 2) for a, b in zip(rates, rates[1:])] == [2, 2, 2.5]
    # so it only bounds the ratio: the cross entropy is steady with a first step of 0.2616, the squared error
    # already jumps with 0.1723, so the cross entropy's steady first steps are at least 1.5 times as long
    mse_jumps = table[("MSE", "0.5")]
    assert ce_01[6] == 0 < mse_jumps[6] and (ce_01[0], mse_jumps[0]) == (0.2616, 0.1723)
    assert ce_01[0] / mse_jumps[0] > 1.5 and round(ce_01[0] / mse_jumps[0], 1) == 1.5
    # between the largest steady rates of the sweep the ratio is 3.8 (0.2616 against 0.0689)
    assert mse_best[0] == 0.0689 and round(ce_01[0] / mse_best[0], 1) == 3.8


# --- paths in a narrow valley -----------------------------------------------------------------------

A1, A2, START = 0.02, 2.0, (-9.0, 1.5)
VALLEY_RUNS = {"SGD": ("sgd", 0.45, 0.0), "SGDM": ("sgdm", 2.0, 0.0), "Nesterov": ("nesterov", 2.0, 0.0),
               "Adagrad": ("adagrad", 0.5, 0.0), "RMSProp": ("rmsprop", 0.5, 0.0),
               "AdaDelta": ("adadelta", 1.0, 1e-6), "Adam": ("adam", 0.5, 0.0)}


def valley_path(name, lr, eps, a1=A1, a2=A2, steps=100, start=START):
    step = make_step(name, lr, eps)
    x, path = np.array(start), [np.array(start)]
    for t in range(1, steps + 1):
        x = x - step(np.array([2 * a1 * x[0], 2 * a2 * x[1]]), t)
        path.append(x)
    return np.array(path)


@pytest.fixture(scope="module")
def valley():
    return {name: valley_path(*run) for name, run in VALLEY_RUNS.items()}


def valley_tables():
    text = lines(f"{STEM}/trajectories")
    steps_start = next(i for i, line in enumerate(text) if "first step dx1" in line) + 1
    dist_start = next(i for i, line in enumerate(text) if line.startswith("optimizer") and "closest" in line) + 1
    steps = {line.split()[0]: line.split()[1:] for line in text[steps_start:steps_start + 7]}
    distances = {line.split()[0]: line.split()[1:] for line in text[dist_start:dist_start + 7]}
    return text, steps, distances


def test_valley_set_up():
    text, steps, distances = valley_tables()
    assert text[0].startswith(f"f(x1, x2) = {A1:g} * x1^2 + {A2:g} * x2^2, minimum at (0, 0); start {START}")
    assert f"{np.hypot(*START):.4f} away" in text[0]
    assert f"curvature {2 * A1:g} along x1 and {2 * A2:g} along x2" in text[1] and f"{A2 / A1:g} times" in text[1]
    assert list(steps) == list(distances) == list(VALLEY_RUNS)
    for name, (_, lr, _) in VALLEY_RUNS.items():
        assert float(steps[name][0]) == float(distances[name][0]) == lr


def test_valley_tables_recomputed(valley):
    """All seven update rules again in float64 NumPy: both tables, digit for digit."""
    _, steps, distances = valley_tables()
    for name, path in valley.items():
        d = np.hypot(path[:, 0], path[:, 1])
        first = path[1] - path[0]
        expected = [f"{first[0]:.4f}", f"{first[1]:.4f}", f"{np.abs(path[10:, 1]).max():.4f}",
                    f"{np.hypot(*(path[-1] - path[-2])):.4f}"]
        assert steps[name][1:] == expected, name
        expected = [f"{d[k]:.4f}" for k in (1, 5, 10, 20, 50, 100)] + [f"{d.min():.4f}", str(d.argmin())]
        assert distances[name][1:] == expected, name


def iteration_factors(kind, lr, curvature, beta=0.9):
    """Per-step factors (eigenvalue moduli) of the linear iteration of one axis of the quadratic."""
    c = lr * curvature
    if kind == "sgd":
        return np.array([abs(1 - c)])
    # state (x_t, m_t) of the course's forms; m_t = beta m + (1 - beta) h x_t
    if kind == "sgdm":  # x_{t+1} = x_t - lr m_{t+1}
        matrix = np.array([[1 - (1 - beta) * c, -lr * beta], [(1 - beta) * curvature, beta]])
    else:  # nesterov: x_{t+1} = x_t - lr (beta m_{t+1} + (1 - beta) h x_t)
        g_new = np.array([(1 - beta) * curvature, beta])  # m_{t+1} as a function of (x_t, m_t)
        row_x = np.array([1, 0]) - lr * (beta * g_new + np.array([(1 - beta) * curvature, 0]))
        matrix = np.array([row_x, g_new])
    return np.abs(np.linalg.eigvals(matrix))


def test_why_sgd_is_slow_in_the_valley():
    # x2 is multiplied by 1 - 4 lr each step: |.| < 1 needs lr < 2 / 4 = 0.5; at lr 0.45 the factor is -0.8
    assert 1 - 4 * 0.45 == pytest.approx(-0.8)
    assert abs(valley_path("sgd", 0.55, 0.0)[-1, 1]) > 1e3 > abs(valley_path("sgd", 0.49, 0.0)[-1, 1]) * 1e3
    # x1 is multiplied by 1 - 0.04 * 0.45 = 0.982 (about 0.98): after 100 steps it is 1.4635 from 0
    _, _, distances = valley_tables()
    assert float(distances["SGD"][6]) == pytest.approx(9 * (1 - 0.04 * 0.45) ** 100, abs=5e-5)
    # the first step goes mostly across the valley: 2.7 across, 0.162 along, about 17 times as much
    _, steps, _ = valley_tables()
    assert round(abs(float(steps["SGD"][2]) / float(steps["SGD"][1]))) == 17
    # SGD at the momentum runs' rate 2 would multiply x2 by 1 - 8 = -7 per step
    assert iteration_factors("sgd", 2.0, 4.0)[0] == pytest.approx(7)
    assert round(2.0 / 0.45, 1) == 4.4  # the momentum runs' steps along x1, about lr * g, against SGD's


def test_why_momentum_helps(valley):
    # along x1 the momentum forms at lr 2 shrink the distance by about 0.95 per step, SGD at 0.45 by 0.98
    assert iteration_factors("sgd", 0.45, 0.04)[0] == pytest.approx(0.982)
    assert iteration_factors("sgdm", 2.0, 0.04).max() == pytest.approx(np.sqrt(0.9), abs=5e-3)
    assert iteration_factors("nesterov", 2.0, 0.04).max() == pytest.approx(0.945, abs=5e-3)
    # across the valley SGDM's swing shrinks by only sqrt(0.9) = 0.95 per step, Nesterov's by 0.42
    assert iteration_factors("sgdm", 2.0, 4.0).max() == pytest.approx(np.sqrt(0.9))
    assert iteration_factors("nesterov", 2.0, 4.0).max() == pytest.approx(np.sqrt(0.18), abs=1e-9)
    assert round(np.sqrt(0.9), 2) == 0.95 and round(np.sqrt(0.18), 2) == 0.42
    # at SGD's rate 0.45 the course's momentum forms crawl about as slowly as SGD (within 25 % after 100 steps)
    sgd_100 = np.hypot(*valley["SGD"][-1])
    for name in ("sgdm", "nesterov"):
        assert 0.75 * sgd_100 < np.hypot(*valley_path(name, 0.45, 0.0)[-1]) < sgd_100
    # the course's rate 2 is Keras' SGD(learning_rate=0.2, momentum=0.9), plain and with nesterov=True
    for label, kind in (("SGDM", "momentum"), ("Nesterov", "nesterov")):
        keras_form, x = make_keras_step(kind, 0.2), np.array(START)
        for t in range(1, 101):
            x = x - keras_form(np.array([2 * A1 * x[0], 2 * A2 * x[1]]), t)
        assert np.allclose(x, valley[label][-1], atol=1e-12), label
    # the printed swings from step 10 on: SGDM still strays far across, Nesterov hardly at all
    _, steps, distances = valley_tables()
    assert float(steps["SGDM"][3]) > 0.8 and float(steps["Nesterov"][3]) < 0.001 < float(steps["SGD"][3])
    # and after 100 steps both momentum runs are more than 30 times closer than SGD
    for name in ("SGDM", "Nesterov"):
        assert float(distances["SGD"][6]) / float(distances[name][6]) > 30


def test_why_adaptive_rates_help(valley):
    _, steps, distances = valley_tables()
    # the first step is the same size on both axes: lr for Adagrad and Adam, sqrt(10) lr for RMSProp
    for name, size in (("Adagrad", 0.5), ("Adam", 0.5), ("RMSProp", np.sqrt(10) * 0.5)):
        assert [float(v) for v in steps[name][1:3]] == pytest.approx([size, -size], abs=5e-5)
    # without eps their paths from the same start do not depend on the curvatures: replace 0.02 or 2 (or both)
    # by any positive number and the path stays the same; with eps, or for SGD, it changes
    for name in ("adagrad", "rmsprop", "adam"):
        base = valley_path(name, 0.5, 0.0)
        for a1, a2 in ((0.1, A2), (7.0, A2), (A1, 0.003), (A1, 50.0), (0.1, 0.3), (5.0, 50.0)):
            assert np.allclose(valley_path(name, 0.5, 0.0, a1=a1, a2=a2), base, atol=1e-9), (name, a1, a2)
        assert not np.allclose(valley_path(name, 0.5, 0.1, a1=0.1), valley_path(name, 0.5, 0.1), atol=1e-3)
    assert not np.allclose(valley_path("sgd", 0.45, 0.0, a1=0.1), valley["SGD"], atol=1e-3)
    # after 20 steps RMSProp and Adam are within 0.41 of the minimum; momentum 2.1 to 2.3 away; SGD 6.26
    k20 = {name: float(row[4]) for name, row in distances.items()}
    assert max(k20["RMSProp"], k20["Adam"]) < 0.41 < 2.1 < min(k20["SGDM"], k20["Nesterov"])
    assert max(k20["SGDM"], k20["Nesterov"]) < 2.3 < k20["SGD"]
    # RMSProp comes within 0.05 but keeps steps of about lr: 0.26 away after 100 steps, last step 0.5367
    assert float(distances["RMSProp"][7]) < 0.05 and float(distances["RMSProp"][6]) > 0.25
    assert float(steps["RMSProp"][4]) == pytest.approx(0.5, abs=0.05)
    # Adam's steps shrink as it arrives: its last step is far shorter than RMSProp's
    assert float(steps["Adam"][4]) < 0.01 < 0.5 < float(steps["RMSProp"][4])
    # Adagrad's steps fade: after 100 steps it is farther away than SGD
    assert float(distances["Adagrad"][6]) > float(distances["SGD"][6])
    assert float(steps["Adagrad"][4]) < 0.05 * float(steps["Adagrad"][1])
    # AdaDelta's first steps are about sqrt(eps / 0.05) = 0.0045; in 100 steps it gets only 0.54 closer to the
    # minimum, 9.1241 -> 8.5815 (it moves a little more than that, but not towards the minimum)
    assert float(steps["AdaDelta"][1]) == pytest.approx(np.sqrt(1e-6 / 0.05), abs=5e-5)
    text, _, _ = valley_tables()
    start_distance = float(re.search(r"([\d.]+) away", text[0]).group(1))
    assert (start_distance, float(distances["AdaDelta"][6])) == (9.1241, 8.5815)
    assert round(start_distance - float(distances["AdaDelta"][6]), 2) == 0.54
    path = valley["AdaDelta"]
    assert round(np.hypot(*path[0]) - np.hypot(*path[-1]), 2) == 0.54
    assert np.hypot(*(path[-1] - path[0])) > 0.6


def rmsprop_in_the_valley(rates):
    """RMSProp without eps on the valley, with one learning rate per step."""
    x, v, path = np.array(START), np.zeros(2), [np.array(START)]
    for lr in rates:
        g = np.array([2 * A1 * x[0], 2 * A2 * x[1]])
        v = 0.9 * v + 0.1 * g * g
        x = x - lr * g / np.sqrt(v)
        path.append(x)
    return np.array(path)


def test_rmsprop_needs_a_decaying_rate(valley):
    """A decaying rate cures RMSProp's restlessness; a smaller constant rate only shrinks the jitter."""
    assert np.allclose(rmsprop_in_the_valley([0.5] * 100), valley["RMSProp"], atol=1e-12)
    for lr in (0.5, 0.05):  # with a constant rate it ends jumping back and forth, steps sqrt(2) lr long
        path = rmsprop_in_the_valley([lr] * 3000)
        last_steps = np.hypot(*np.diff(path[-100:], axis=0).T)
        assert last_steps == pytest.approx(np.sqrt(2) * lr, rel=1e-6), lr
        assert np.hypot(*path[-100:].T) == pytest.approx(lr / np.sqrt(2), rel=1e-6), lr  # never closer
    path = rmsprop_in_the_valley([0.5 * 0.96**t for t in range(300)])  # exponential decay of the rate
    assert np.hypot(*path[-1]) < 1e-5 and np.hypot(*(path[-1] - path[-2])) < 1e-5


def test_valley_ranking_after_100_steps():
    _, _, distances = valley_tables()
    ranking = sorted(distances, key=lambda name: float(distances[name][6]))
    assert ranking == ["Adam", "Nesterov", "SGDM", "RMSProp", "SGD", "Adagrad", "AdaDelta"]


def test_float32_path_ends_where_the_float64_path_does():
    """optimizer_path.py (float32, the page's widget) and trajectories.py (float64): Adam's last point is the
    same distance from the minimum to the 4 decimals that trajectories.out prints, as the page says."""
    *_, last = rows(f"{STEM}/optimizer_path", "After {n} steps: x1 is {n}, x2 is {n}, f is {n}")
    _, _, distances = valley_tables()
    assert last[0] == 100
    assert f"{np.hypot(last[1], last[2]):.4f}" == distances["Adam"][-3]  # the column k = 100
