# The seven optimizers of optimizers.py on a long, narrow valley, f(x1, x2) = 0.02 * x1^2 + 2 * x2^2,
# all from the same start: the path each one takes, and how far from the minimum (0, 0) it is after
# k steps. The update functions are those of optimizers.py, unchanged.
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

BETA = 0.9  # SGDM, Nesterov and RMSProp
BETA1, BETA2 = 0.9, 0.999  # Adam
RHO = 0.95  # AdaDelta


def sgd(g, s, t, lr, eps):
    return lr * g  # m_t = g_t, V_t = 1


def sgdm(g, s, t, lr, eps):
    s["m"].assign(BETA * s["m"] + (1 - BETA) * g)  # m_t: moving average of the gradients
    return lr * s["m"]


def nesterov(g, s, t, lr, eps):
    # The variable holds the look-ahead point w - lr * BETA * m, so g is the gradient taken there;
    # this step carries the look-ahead point to the next one.
    s["m"].assign(BETA * s["m"] + (1 - BETA) * g)
    return lr * (BETA * s["m"] + (1 - BETA) * g)


def adagrad(g, s, t, lr, eps):
    s["V"].assign(s["V"] + tf.square(g))  # V_t: sum of all squared gradients so far
    return lr * g / (tf.sqrt(s["V"]) + eps)


def rmsprop(g, s, t, lr, eps):
    s["V"].assign(BETA * s["V"] + (1 - BETA) * tf.square(g))  # V_t: moving average of g^2
    return lr * g / (tf.sqrt(s["V"]) + eps)


def adadelta(g, s, t, lr, eps):
    s["V"].assign(RHO * s["V"] + (1 - RHO) * tf.square(g))
    step = tf.sqrt(s["U"] + eps) / tf.sqrt(s["V"] + eps) * g  # U sets the size: no learning rate needed
    s["U"].assign(RHO * s["U"] + (1 - RHO) * tf.square(step))  # U_t: moving average of squared steps
    return lr * step  # lr = 1 is the original method


def adam(g, s, t, lr, eps):
    s["m"].assign(BETA1 * s["m"] + (1 - BETA1) * g)
    s["V"].assign(BETA2 * s["V"] + (1 - BETA2) * tf.square(g))
    m_hat = s["m"] / (1 - BETA1 ** t)  # bias corrections: t starts at 1 (t = 0 would divide by 0)
    V_hat = s["V"] / (1 - BETA2 ** t)
    return lr * m_hat / (tf.sqrt(V_hat) + eps)


A1, A2 = 0.02, 2.0  # f = A1 * x1^2 + A2 * x2^2: curvature 2 * A1 = 0.04 along x1, 2 * A2 = 4 along x2
START = (-9.0, 1.5)
STEPS = 100
RUNS = {  # name: (update, lr, eps); the page explains each rate
    "SGD": (sgd, 0.45, 0.0),  # just below 2 / 4 = 0.5: a larger rate makes the zig-zag across x2 grow
    "SGDM": (sgdm, 2.0, 0.0),
    "Nesterov": (nesterov, 2.0, 0.0),
    "Adagrad": (adagrad, 0.5, 0.0),
    "RMSProp": (rmsprop, 0.5, 0.0),
    "AdaDelta": (adadelta, 1.0, 1e-6),  # no learning rate: the multiplier 1 and the paper's eps
    "Adam": (adam, 0.5, 0.0),
}


def f(x):
    return A1 * x[0] ** 2 + A2 * x[1] ** 2


def descend(update, lr, eps):
    # STEPS steps of one optimizer from START; returns the STEPS + 1 points of the path.
    x = tf.Variable(START, dtype=tf.float64)  # float64: in float32 a few last printed digits would change
    memory = {key: tf.Variable(tf.zeros(2, tf.float64)) for key in ("m", "V", "U")}
    path = [x.numpy()]
    for t in range(1, STEPS + 1):
        with tf.GradientTape() as tape:
            loss = f(x)
        g = tape.gradient(loss, x)  # (2 * A1 * x1, 2 * A2 * x2)
        x.assign_sub(update(g, memory, tf.constant(t, tf.float64), lr, eps))
        path.append(x.numpy())
    return np.array(path)


paths = {name: descend(*run) for name, run in RUNS.items()}
distances = {name: np.hypot(path[:, 0], path[:, 1]) for name, path in paths.items()}

print(f"f(x1, x2) = {A1:g} * x1^2 + {A2:g} * x2^2, minimum at (0, 0); start {START}, {np.hypot(*START):.4f} away")
print(f"curvature {2 * A1:g} along x1 and {2 * A2:g} along x2: "
      f"the valley is {A2 / A1:g} times steeper across than along")

print(f"\n{'optimizer':10}{'lr':>6}{'first step dx1':>16}{'dx2':>9}{'largest |x2| from k = 10':>26}{'last step':>11}")
for name, path in paths.items():
    dx1, dx2 = path[1] - path[0]
    swing = np.abs(path[10:, 1]).max()  # how far the path still strays across the valley
    last = np.hypot(*(path[-1] - path[-2]))  # the length of step 100
    print(f"{name:10}{RUNS[name][1]:6g}{dx1:16.4f}{dx2:9.4f}{swing:26.4f}{last:11.4f}")

K = (1, 5, 10, 20, 50, 100)
print("\ndistance to the minimum after k steps")
columns = [f"{f'k = {k}' if k == 1 else k:>9}" for k in K] + [f"{'closest':>9}{'at k':>6}"]
print(f"{'optimizer':10}{'lr':>6}" + "".join(columns))
for name, d in distances.items():
    print(f"{name:10}{RUNS[name][1]:6g}" + "".join(f"{d[k]:9.4f}" for k in K) + f"{d.min():9.4f}{d.argmin():6d}")

# Smaller SVG files for the web page: text kept as text, lines simplified below half a pixel.
plt.rcParams.update({"svg.fonttype": "none", "path.simplify_threshold": 0.5})
COLORS = dict(zip(RUNS, plt.rcParams["axes.prop_cycle"].by_key()["color"]))  # the colours of optimizers.svg
x1, x2 = np.meshgrid(np.linspace(-10.5, 3, 100), np.linspace(-2.2, 2.2, 60))
fig, axes = plt.subplots(4, 2, figsize=(7.5, 9.5))
for ax, (name, path) in zip(axes.flat, paths.items()):
    ax.contour(x1, x2, f((x1, x2)), levels=[0.05, 0.2, 0.5, 1, 2, 4, 8], colors="0.75", linewidths=0.8)
    # a dot for each of the first 40 steps, where the paths differ most (fewer dots, a lighter page)
    ax.plot(path[:, 0], path[:, 1], "-o", color=COLORS[name], markersize=2.5, linewidth=1, markevery=slice(0, 41))
    ax.plot(*START, "s", color="black", markersize=5)  # the start
    ax.plot(0, 0, "*", color="black", markersize=9)  # the minimum
    ax.set(title=f"{name}, lr {RUNS[name][1]:g}", xlim=(-10.5, 3), ylim=(-2.2, 2.2), ylabel="x₂")
ax = axes.flat[-1]
for name, d in distances.items():
    ax.plot(d, color=COLORS[name], label=name)
ax.set(title="distance to the minimum", xlabel="step k", yscale="log")
axes.flat[-2].set(xlabel="x₁")
fig.legend(*ax.get_legend_handles_labels(), loc="lower center", ncol=4)
fig.tight_layout(rect=(0, 0.07, 1, 1))
fig.savefig("trajectories.svg")
