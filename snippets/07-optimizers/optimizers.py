# Seven optimizers written out by hand, first on three made-up gradients, then on the course's
# iris experiment. Every optimizer fits one pattern: from the gradient g_t (and its memory of
# past gradients) it computes the step eta_t, and the training loop does w <- w - eta_t.
import sys
import time

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn import datasets

LR = 0.1
EPOCHS = 500
BETA = 0.9  # SGDM, Nesterov and RMSProp
BETA1, BETA2 = 0.9, 0.999  # Adam
RHO = 0.95  # AdaDelta


# The optimizers. g: the gradient of one variable; s: that variable's memory, entries "m", "V"
# and "U" that start at 0; t: the number of this batch, counted from 1; lr: the learning rate;
# eps: the small constant that the course leaves out (0 here, except for AdaDelta).
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


OPTIMIZERS = {  # name: (update, lr, eps) as the course runs them
    "SGD": (sgd, LR, 0.0),
    "SGDM": (sgdm, LR, 0.0),
    "Nesterov": (nesterov, LR, 0.0),
    "Adagrad": (adagrad, LR, 0.0),
    "RMSProp": (rmsprop, LR, 0.0),
    "AdaDelta": (adadelta, 1.0, 1e-6),  # no learning rate, and it cannot start without eps
    "Adam": (adam, LR, 0.0),
}

# Part 1: three steps on made-up gradients of a weight with 3 components. The second
# component's first gradient is exactly 0.
GRADIENTS = [[0.5, 0.0, -2.0], [0.4, 0.1, -1.0], [0.3, 0.2, 0.5]]
print("Part 1: the steps eta_1, eta_2, eta_3 for the gradients")
for t, g in enumerate(GRADIENTS, start=1):
    print(f"  g_{t} = {g}")
print(f"{'optimizer':9} {'lr':>4} {'eps':>6}  t  {'eta_t':>12}")
EPS_SHOWN = {"Adagrad": (0.0, 1e-7), "RMSProp": (0.0, 1e-7), "AdaDelta": (0.0, 1e-6), "Adam": (0.0, 1e-7)}
for name, (update, lr, course_eps) in OPTIMIZERS.items():
    for eps in EPS_SHOWN.get(name, [course_eps]):  # with and without eps where eps is in the formula
        memory = {key: tf.Variable(tf.zeros(3)) for key in ("m", "V", "U")}  # a fresh start
        for t, g in enumerate(GRADIENTS, start=1):
            eta = update(tf.constant(g), memory, tf.constant(t, tf.float32), lr, eps)
            print(f"{name:9} {lr:4g} {eps:6g}  {t}  " + "  ".join(f"{v:12.8f}" for v in eta.numpy()))

# Part 2: the iris experiment, with the data prepared exactly as the course does.
x_data = datasets.load_iris().data  # 150 flowers, 4 features
y_data = datasets.load_iris().target  # 3 classes
np.random.seed(116)  # the same seed before each shuffle keeps every flower with its label
np.random.shuffle(x_data)
np.random.seed(116)
np.random.shuffle(y_data)
tf.random.set_seed(116)

x_train, y_train = tf.cast(x_data[:-30], tf.float32), y_data[:-30]  # first 120 rows
x_test, y_test = tf.cast(x_data[-30:], tf.float32), y_data[-30:]  # last 30 rows
train_batches = list(tf.data.Dataset.from_tensor_slices((x_train, y_train)).batch(32))  # 32 + 32 + 32 + 24

# One layer, 4 inputs -> 3 outputs. Every optimizer starts from these same numbers.
W1_START = tf.random.truncated_normal([4, 3], stddev=0.1, seed=1)
B1_START = tf.random.truncated_normal([3], stddev=0.1, seed=1)


def train(update, lr, eps):
    # Train from the common start. Returns the mean loss and the test accuracy of every epoch, and
    # the first batch t whose step is not a finite number (None if there is none).
    w1, b1 = tf.Variable(W1_START), tf.Variable(B1_START)
    memory = [{k: tf.Variable(tf.zeros_like(v)) for k in ("m", "V", "U")} for v in (w1, b1)]

    @tf.function  # traced once into a graph, then run as a whole: see the page
    def train_epoch(t):
        # One pass over the 4 batches (t counts the batches before it), then the test.
        losses, finite = [], []
        for x, y in train_batches:  # a Python loop: the graph holds the 4 steps one after another
            t += 1
            with tf.GradientTape() as tape:
                y_pred = tf.nn.softmax(tf.matmul(x, w1) + b1)
                loss = tf.reduce_mean(tf.square(tf.one_hot(y, depth=3) - y_pred))  # MSE, as the course
            grads = tape.gradient(loss, [w1, b1])
            for var, g, s in zip([w1, b1], grads, memory):
                step = update(g, s, t, lr, eps)
                finite.append(tf.reduce_all(tf.math.is_finite(step)))  # no inf and no NaN in this step
                var.assign_sub(step)
            losses.append(loss)
        pred = tf.argmax(tf.nn.softmax(tf.matmul(x_test, w1) + b1), axis=1)
        correct = tf.reduce_sum(tf.cast(tf.equal(pred, y_test), tf.int32))
        return tf.stack(losses), correct, tf.stack(finite)

    losses, accuracies, first_bad = [], [], None
    for epoch in range(EPOCHS):
        t = epoch * len(train_batches)
        batch_losses, correct, finite = train_epoch(tf.constant(t, tf.float32))
        losses.append(float(batch_losses.numpy().sum() / 4))  # the course divides by a hard-coded 4
        accuracies.append(int(correct) / len(y_test))
        bad = [t + 1 + i // 2 for i, ok in enumerate(finite.numpy()) if not ok]  # 2 steps (w1, b1) per batch
        if bad and first_bad is None:
            first_bad = bad[0]
    return losses, accuracies, first_bad


print("\nPart 2: the iris experiment. Common start (float32 values, printed exactly):")
for row in W1_START.numpy().tolist():
    print("  w1 row", row)
print("  b1    ", B1_START.numpy().tolist())
results = {}
for name, (update, lr, eps) in OPTIMIZERS.items():
    start = time.perf_counter()
    results[name] = train(update, lr, eps)
    print(f"{name}: {time.perf_counter() - start:.2f} s", file=sys.stderr)  # wall time varies: not in the output

for title, column, fmt in (("mean loss of the epoch", 0, "10.6f"), ("test accuracy", 1, "10.4f")):
    print(f"\n{title}\n{'epoch':>5}" + "".join(f"{name:>10}" for name in results))
    for epoch in (0, 10, 20, 50, 100, 150, 200, 300, 400, 499):
        print(f"{epoch:5d}" + "".join(f"{results[name][column][epoch]:{fmt}}" for name in results))


def first_epoch(values, condition):
    return next((str(i) for i, v in enumerate(values) if condition(v)), "never")


print(f"\n{'optimizer':10}{'final loss':>11}{'final acc':>10}{'acc = 1.0 at epoch':>20}{'NaN loss from epoch':>21}"
      f"{'first inf/NaN step':>20}")
for name, (losses, accs, first_bad) in results.items():
    print(f"{name:10}{losses[-1]:11.6f}{accs[-1]:10.4f}{first_epoch(accs, lambda a: a == 1.0):>20}"
          f"{first_epoch(losses, np.isnan):>21}{'never' if first_bad is None else f't = {first_bad}':>20}")

# Smaller SVG files for the web page: text kept as text, lines simplified below half a pixel.
plt.rcParams.update({"svg.fonttype": "none", "path.simplify_threshold": 0.5})
# One figure per optimizer, and one with all of them.
COLORS = dict(zip(OPTIMIZERS, plt.rcParams["axes.prop_cycle"].by_key()["color"]))
for name, (losses, accs, _) in results.items():
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 3.6))
    ax_loss.plot(losses, color=COLORS[name])
    ax_loss.set(title=f"{name}: loss", xlabel="epoch", ylabel="mean MSE of the epoch", ylim=(0, 0.4))
    ax_acc.plot(accs, color=COLORS[name])
    ax_acc.set(title=f"{name}: test accuracy", xlabel="epoch", ylabel="accuracy", ylim=(0, 1.05))
    fig.tight_layout()
    fig.savefig(f"optimizers.{name.lower()}.svg")
    plt.close(fig)

fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(11, 4.2))
epochs = np.arange(1, EPOCHS + 1)  # counted from 1 on the logarithmic axis
for name, (losses, accs, _) in results.items():
    ax_loss.plot(epochs, losses, color=COLORS[name], label=name)
    ax_acc.plot(epochs, accs, color=COLORS[name], label=name)
ax_loss.set(title="loss", xlabel="epoch (log scale)", ylabel="mean MSE of the epoch", xscale="log", yscale="log")
ax_acc.set(title="test accuracy", xlabel="epoch (log scale)", ylabel="accuracy", xscale="log", ylim=(0, 1.05))
ax_acc.legend(loc="upper left")
fig.tight_layout()
fig.savefig("optimizers.svg")
