# What goes wrong without eps, batch by batch, and how eps fixes it: RMSProp and AdaDelta on
# the course's iris experiment. Data, start and update functions as in optimizers.py.
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn import datasets

EPOCHS = 500
BETA = 0.9  # RMSProp
RHO = 0.95  # AdaDelta
FLOAT32_TINY = np.finfo(np.float32).tiny  # the smallest normal float32 number, about 1.2e-38


def rmsprop(g, s, t, lr, eps):
    s["V"].assign(BETA * s["V"] + (1 - BETA) * tf.square(g))  # V_t: moving average of g^2
    return lr * g / (tf.sqrt(s["V"]) + eps)


def adadelta(g, s, t, lr, eps):
    s["V"].assign(RHO * s["V"] + (1 - RHO) * tf.square(g))
    step = tf.sqrt(s["U"] + eps) / tf.sqrt(s["V"] + eps) * g  # U sets the size: no learning rate needed
    s["U"].assign(RHO * s["U"] + (1 - RHO) * tf.square(step))  # U_t: moving average of squared steps
    return lr * step  # lr = 1 is the original method


# The iris data and the common start, exactly as in optimizers.py.
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



def train(update, lr, eps, watch=None):
    # Train from the common start; return the losses, the test accuracies and the final w1.
    # If given, watch(epoch, t, grads, V, steps, w1) is called after every batch.
    w1, b1 = tf.Variable(W1_START), tf.Variable(B1_START)
    memory = [{k: tf.Variable(tf.zeros_like(v)) for k in ("m", "V", "U")} for v in (w1, b1)]

    @tf.function
    def train_epoch(t):
        losses, record = [], []  # record, per batch: gradients, V after this batch, steps, w1 after
        for x, y in train_batches:
            t += 1
            with tf.GradientTape() as tape:
                y_pred = tf.nn.softmax(tf.matmul(x, w1) + b1)
                loss = tf.reduce_mean(tf.square(tf.one_hot(y, depth=3) - y_pred))
            grads = tape.gradient(loss, [w1, b1])
            steps = []
            for var, g, s in zip([w1, b1], grads, memory):
                steps.append(update(g, s, t, lr, eps))
                var.assign_sub(steps[-1])
            losses.append(loss)
            record.append((grads, [tf.identity(s["V"]) for s in memory], steps, tf.identity(w1)))
        pred = tf.argmax(tf.nn.softmax(tf.matmul(x_test, w1) + b1), axis=1)
        correct = tf.reduce_sum(tf.cast(tf.equal(pred, y_test), tf.int32))
        return tf.stack(losses), correct, record

    losses, accuracies = [], []
    for epoch in range(EPOCHS):
        t = epoch * len(train_batches)
        batch_losses, correct, record = train_epoch(tf.constant(t, tf.float32))
        losses.append(float(batch_losses.numpy().sum() / 4))
        accuracies.append(int(correct) / len(y_test))
        if watch:
            for batch, (grads, V, steps, w1_now) in enumerate(record):
                as_numpy = [[tensor.numpy() for tensor in pair] for pair in (grads, V, steps)]
                watch(epoch, t + batch + 1, *as_numpy, w1_now.numpy())
    return losses, accuracies, w1.numpy()


# 1. RMSProp as the course writes it (eps = 0), watched batch by batch. Column 0 of w1 and
#    entry 0 of b1 feed the logit of class 0 (setosa, the class that is easiest to separate).
V_before = [np.zeros([4, 3], np.float32), np.zeros([3], np.float32)]
failure = []


def watch_rmsprop(epoch, t, g, V, eta, w1):
    if epoch % 50 == 0 and t % 4 == 0:  # the last batch of every 50th epoch
        print(f"{epoch:5d} {max(abs(g[0][:, 0]).max(), abs(g[1][0])):12.2e} {min(V[0][:, 0].min(), V[1][0]):12.2e}"
              f" {max(abs(eta[0][:, 0]).max(), abs(eta[1][0])):10.4f} {abs(w1).max():9.2f}")
    for name, g_i, V_i, V_prev, eta_i in zip(("w1", "b1"), g, V, V_before, eta):
        bad = np.argwhere(~np.isfinite(eta_i))
        if len(bad) and not failure:
            i = tuple(int(k) for k in bad[0])
            failure.append((epoch, t, name, i, g_i[i], V_prev[i], V_i[i], eta_i[i]))
    V_before[:] = V


print("RMSProp, lr 0.1, eps 0: the class-0 entries of g, V and eta in the last batch of every 50th epoch")
print(f"{'epoch':>5} {'max |g|':>12} {'min V':>12} {'max |eta|':>10} {'max |w1|':>9}")
rmsprop_plain = train(rmsprop, 0.1, 0.0, watch=watch_rmsprop)
epoch, t, name, i, g, V_prev, V, eta = failure[0]
print(f"\nfirst step that is not a finite number: epoch {epoch}, t = {t} (batch {t - 4 * epoch} of 4), {name}{list(i)}")
print(f"  g                      = {g:.4e}   (an ordinary float32 number)")
print(f"  V before this batch    = {V_prev:.4e}")
print(f"  0.9 * V before         = {0.9 * float(V_prev):.4e}   (exact value)")
print(f"  0.1 * g^2              = {0.1 * float(g) ** 2:.4e}   (exact value)")
print(f"  V = the sum            = {V:.4e}   (as stored by TensorFlow)")
print(f"  eta = lr * g / sqrt(V) = {eta}")
print(f"TensorFlow on the CPU flushes float32 results closer to 0 than {FLOAT32_TINY:.4e} to 0.")
print(f"first epoch whose mean loss is NaN: {next(i for i, v in enumerate(rmsprop_plain[0]) if np.isnan(v))}")

# 2. The fixes, next to the runs without eps.
runs = {
    "RMSProp  lr 0.1   eps 0": rmsprop_plain,
    "RMSProp  lr 0.1   eps 1e-7": train(rmsprop, 0.1, 1e-7),
    "RMSProp  lr 0.01  eps 1e-7": train(rmsprop, 0.01, 1e-7),
    "AdaDelta lr 1     eps 0": train(adadelta, 1.0, 0.0),
    "AdaDelta lr 1     eps 1e-7": train(adadelta, 1.0, 1e-7),
    "AdaDelta lr 1     eps 1e-6": train(adadelta, 1.0, 1e-6),
}


def first_epoch(values, condition):
    return next((str(i) for i, v in enumerate(values) if condition(v)), "never")


print(f"\n{'run':28}{'final loss':>11}{'acc = 1.0 at':>13}{'NaN from':>10}{'largest rise':>14}{'max |w1 - start|':>18}")
for name, (losses, accs, w1) in runs.items():
    rise = max(np.nanmax(np.diff(losses)), 0.0)  # the largest increase of the loss from one epoch to the next
    moved = np.abs(w1 - W1_START.numpy()).max()
    print(f"{name:28}{losses[-1]:11.6f}{first_epoch(accs, lambda a: a == 1.0):>13}"
          f"{first_epoch(losses, np.isnan):>10}{rise:14.6f}{moved:18.6f}")

# Smaller SVG files for the web page: text kept as text, lines simplified below half a pixel.
plt.rcParams.update({"svg.fonttype": "none", "path.simplify_threshold": 0.5})
fig, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
for ax, optimizer in zip(axes, ("RMSProp", "AdaDelta")):
    for name, (losses, _, _) in runs.items():
        if name.startswith(optimizer):  # the run without eps drawn wide, so that it shows under the others
            ax.plot(losses, label=" ".join(name.split()[1:]), linewidth=4 if name.endswith("eps 0") else 1.5)
    ax.set(title=optimizer, xlabel="epoch", yscale="log")
    ax.legend()
axes[0].set_ylabel("mean MSE of the epoch")
fig.tight_layout()
fig.savefig("epsilon.svg")
