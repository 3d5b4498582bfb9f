"""What the three snippets behind the page widgets print for any settings, recomputed without TensorFlow.

The widgets (overrides/javascripts/widgets.js) emulate TensorFlow's float32 arithmetic in the browser.
This module is the independent second implementation the browser tests compare them with: NumPy float32,
one operation at a time in the order of the snippet, and the Python-side arithmetic (the decayed learning
rate, Adam's bias corrections) done by Python itself, as in the snippet. Two things TensorFlow's CPU kernels
do that NumPy does not are applied by hand: a result below float32's smallest normal number becomes zero
(flush to zero), and so does a subnormal input (denormals are zero).

`with_settings` and `run_in_tensorflow` run the snippets' own code with other settings, for the few
settings the tests also check against TensorFlow itself.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable

import numpy as np

from hooks import widgets as widget_forms
from tools import snippets as runner

F32 = np.float32
TINY = np.finfo(F32).tiny  # the smallest normal float32


def flushed(x) -> np.float32:
    """x as a float32 after one TensorFlow CPU operation: subnormals flushed to (signed) zero."""
    with np.errstate(over="ignore"):  # a Python float beyond float32's range becomes inf, as in TensorFlow
        x = F32(x)
    return F32(np.copysign(F32(0), x)) if x != 0 and abs(x) < TINY else x


def op(function: Callable, *args) -> np.float32:
    """One float32 operation: inputs and result flushed as TensorFlow's kernels do."""
    with np.errstate(all="ignore"):  # overflow to inf and inf - inf = nan are part of what is printed
        return flushed(function(*(flushed(a) for a in args)))


def add(a, b):
    return op(np.add, a, b)


def sub(a, b):
    return op(np.subtract, a, b)


def mul(a, b):
    return op(np.multiply, a, b)


def div(a, b):
    return op(np.divide, a, b)


def sqrt(a):
    return op(np.sqrt, a)


def square(a):
    return op(np.multiply, a, a)


def square_grad(upstream, x):
    """TensorFlow's gradient of tf.square(x): upstream * (x * 2)."""
    return mul(upstream, mul(x, F32(2)))


def f(x: float) -> str:
    return "%f" % float(x)


def gradient_step(w, lr):
    """One step of both 1-D snippets on loss = (w + 1)^2: the new w, and the loss computed before it."""
    x = add(w, F32(1))
    loss = square(x)
    grad = square_grad(F32(1), x)
    return sub(w, mul(lr, grad)), loss


# --- learning-rate: 02-learning-rate/gradient_descent_tf2.py -------------------------------------------

def learning_rate(lr: float, w0: float, steps: int) -> list[str]:
    w, lines = F32(w0), []
    for step in range(steps):
        w, loss = gradient_step(w, lr)
        lines.append(f"After {step} steps: w is {f(w)}, loss is {f(loss)}")
    return lines


# --- lr-decay: 03-lr-decay/decay_tf2.py ----------------------------------------------------------------

def lr_decay(lr_base: float, lr_decay: float, lr_step: float, staircase: bool, epochs: int,
             w0: float) -> list[str]:
    """The printed lines; if Python raises (LR_DECAY ** exponent out of range), its last line follows them."""
    w, lines = F32(w0), []
    for epoch in range(epochs):
        try:
            lr = lr_base * lr_decay ** (epoch // lr_step if staircase else epoch / lr_step)
        except (OverflowError, ZeroDivisionError) as error:
            return lines + [f"{type(error).__name__}: {error}"]
        w, loss = gradient_step(w, lr)
        lines.append(f"After {epoch} epoch,w is {f(w)},loss is {f(loss)},lr is {f(lr)}")
    return lines


# --- optimizer-path: 07-optimizers/optimizer_path.py -----------------------------------------------------

A1, A2 = 0.02, 2.0
START = (-9.0, 1.5)


def optimizer_path(optimizer: str, lr: float, beta: float, beta1: float, beta2: float, rho: float,
                   eps: float, steps: int) -> list[str]:
    x = [F32(v) for v in START]  # tf.Variable([-9.0, 1.5])
    s = {key: [F32(0), F32(0)] for key in ("m", "V", "U")}

    def loss(x):
        return add(mul(A1, square(x[0])), mul(A2, square(x[1])))

    def step(i, g, t):
        """Component i of the step of optimizers.py's update functions, which work on whole vectors."""
        if optimizer == "sgd":
            return mul(lr, g)
        if optimizer in ("sgdm", "nesterov"):
            s["m"][i] = add(mul(beta, s["m"][i]), mul(1 - beta, g))
            if optimizer == "sgdm":
                return mul(lr, s["m"][i])
            return mul(lr, add(mul(beta, s["m"][i]), mul(1 - beta, g)))
        if optimizer == "adagrad":
            s["V"][i] = add(s["V"][i], square(g))
            return div(mul(lr, g), add(sqrt(s["V"][i]), eps))
        if optimizer == "rmsprop":
            s["V"][i] = add(mul(beta, s["V"][i]), mul(1 - beta, square(g)))
            return div(mul(lr, g), add(sqrt(s["V"][i]), eps))
        if optimizer == "adadelta":
            s["V"][i] = add(mul(rho, s["V"][i]), mul(1 - rho, square(g)))
            delta = mul(div(sqrt(add(s["U"][i], eps)), sqrt(add(s["V"][i], eps))), g)
            s["U"][i] = add(mul(rho, s["U"][i]), mul(1 - rho, square(delta)))
            return mul(lr, delta)
        if optimizer == "adam":
            s["m"][i] = add(mul(beta1, s["m"][i]), mul(1 - beta1, g))
            s["V"][i] = add(mul(beta2, s["V"][i]), mul(1 - beta2, square(g)))
            m_hat = div(s["m"][i], 1 - beta1 ** t)  # beta ** t in Python (double), as the snippet
            v_hat = div(s["V"][i], 1 - beta2 ** t)
            return div(mul(lr, m_hat), add(sqrt(v_hat), eps))
        raise ValueError(f"unknown optimizer {optimizer!r}")

    lines = [f"Start: x1 is {f(x[0])}, x2 is {f(x[1])}, f is {f(loss(x))}"]
    for t in range(1, steps + 1):
        # the gradients of the two slices x[0] and x[1] are added into one vector: d + 0 on each side
        g = [add(square_grad(A1, x[0]), F32(0)), add(F32(0), square_grad(A2, x[1]))]
        x = [sub(x[i], step(i, g[i], t)) for i in range(2)]
        lines.append(f"After {t} steps: x1 is {f(x[0])}, x2 is {f(x[1])}, f is {f(loss(x))}")
    return lines


# --- the snippets themselves, with other settings ----------------------------------------------------------

WIDGET_SNIPPETS = {widget: snippet for widget, (snippet, _) in widget_forms.WIDGETS.items()}  # hooks/widgets.py's
REFERENCE = {"learning-rate": learning_rate, "lr-decay": lr_decay, "optimizer-path": optimizer_path}


def with_settings(source: str, settings: dict) -> str:
    """The snippet's source with its settings (`NAME = value` lines, NAME the setting in upper case) changed;
    the comment after a value stays."""
    for name, value in settings.items():
        line = f"{name.upper()} = {value!r}"
        pattern = re.compile(rf"^{name.upper()} = [^#\n]*?(\s*#.*)?$", re.M)
        source, count = pattern.subn(lambda m, line=line: line + (m.group(1) or ""), source)
        assert count == 1, f"the snippet has no single line `{name.upper()} = ...`"
    return source


RUN_ALL = """
import contextlib, io, json, sys, traceback
results = []
for source in json.load(sys.stdin):
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(source, "snippet", "exec"), {"__name__": "__main__"})
        error = None
    except Exception as exc:
        error = traceback.format_exception_only(exc)[-1].strip()
    results.append(out.getvalue().splitlines() + ([error] if error else []))
json.dump(results, sys.stdout)
"""


def run_in_tensorflow(widget: str, settings: list[dict]) -> list[list[str]]:
    """The lines the widget's snippet prints with each of these settings (a raised exception's last line
    after them), all run by one Python process in the snippets' environment."""
    source = (runner.SNIPPETS / WIDGET_SNIPPETS[widget]).read_text(encoding="utf-8")
    sources = [with_settings(source, s) for s in settings]
    proc = subprocess.run([sys.executable, "-c", RUN_ALL], input=json.dumps(sources), capture_output=True,
                          text=True, env=runner.run_environment(), timeout=runner.TIMEOUT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)
