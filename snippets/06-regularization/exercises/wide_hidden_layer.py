# regularization.py with a wider hidden layer, 40 ReLU neurons instead of 11 (changed: the shapes of w1, b1
# and w2), so that the network has the room to over-fit. Does L2 regularization pay off now? No figure here:
# the accuracies at the end tell the story.
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

# The dot data set (see dot_data.py): label 1 inside the circle x1^2 + x2^2 < 2.
x_data = np.random.RandomState(2).randn(300, 2)
y_data = (x_data[:, 0] ** 2 + x_data[:, 1] ** 2 < 2).astype(int)

x_train = tf.cast(x_data, tf.float32)
y_train = tf.cast(y_data.reshape(-1, 1), tf.float32)
# 300 points in order, as the course does (no shuffling): 9 batches of 32 and a last one of 12
batches = list(tf.data.Dataset.from_tensor_slices((x_train, y_train)).batch(32))

LR = 0.01
EPOCHS = 400
L2_WEIGHT = 0.03  # gradient of 0.03 * l2_loss(w) = 0.03 * w: each step shrinks w by a factor 1 - LR * 0.03 = 0.9997
SEED = 3  # the course sets no seed; we do, so that every run prints the same numbers


def train(l2_weight):
    # Train the 2-40-1 network; return the final weights and the losses of every epoch.
    tf.random.set_seed(SEED)  # the same initial weights for both runs
    w1 = tf.Variable(tf.random.normal([2, 40]))  # changed: 40 hidden neurons, not 11
    b1 = tf.Variable(tf.constant(0.01, shape=[40]))
    w2 = tf.Variable(tf.random.normal([40, 1]))
    b2 = tf.Variable(tf.constant(0.01, shape=[1]))
    params = [w1, b1, w2, b2]

    @tf.function  # traced once into a graph and then run as a whole: see the page
    def train_epoch():
        # One pass over the 10 batches, in order; returns each batch's loss and mse.
        record = []
        for x, y in batches:  # a Python loop: the graph holds the 10 steps one after another
            with tf.GradientTape() as tape:
                h1 = tf.nn.relu(tf.matmul(x, w1) + b1)
                y_pred = tf.matmul(h1, w2) + b2  # linear output, read as "inside" when above 0.5
                mse = tf.reduce_mean(tf.square(y - y_pred))
                # l2_loss(w) = sum(w^2) / 2, so 0.03 * l2_loss(w) = 0.015 * sum(w^2);
                # only the weight matrices are penalised, not the biases
                penalty = tf.nn.l2_loss(w1) + tf.nn.l2_loss(w2)
                loss = mse + l2_weight * penalty
            grads = tape.gradient(loss, params)
            for p, g in zip(params, grads):
                p.assign_sub(LR * g)
            record.append((loss, mse))
        return record

    sizes = np.array([len(x) for x, _ in batches])  # 32, ..., 32, 12
    history = []  # per epoch: loss of the last batch (what the course prints), mean loss, mean mse
    for _ in range(EPOCHS):
        losses, mses = np.array([[float(loss), float(mse)] for loss, mse in train_epoch()]).T
        # the mean over the 300 points: each batch weighs by its size
        history.append((losses[-1], losses @ sizes / sizes.sum(), mses @ sizes / sizes.sum()))
    return params, history


def predict(params, points):
    w1, b1, w2, b2 = params
    return tf.matmul(tf.nn.relu(tf.matmul(tf.cast(points, tf.float32), w1) + b1), w2) + b2


runs = {"without regularization": train(0.0), "with L2 regularization": train(L2_WEIGHT)}
(plain, plain_history), (l2, l2_history) = runs.values()

print(f"{'':6}{'without regularization':>24}   {'with L2: loss = mse + 0.03 * penalty':>36}")
print(f"{'epoch':>5} {'last batch':>11} {'epoch mean':>11}   {'last batch':>11} {'epoch mean':>11} {'mean mse':>11}")
for epoch in list(range(0, EPOCHS, 20)) + [EPOCHS - 1]:
    p, r = plain_history[epoch], l2_history[epoch]
    print(f"{epoch:5d} {p[0]:11.6f} {p[1]:11.6f}   {r[0]:11.6f} {r[1]:11.6f} {r[2]:11.6f}")

# New points drawn the same way, never seen in training: how well does each boundary generalise?
x_new = np.random.RandomState(7).randn(10000, 2)
y_new = (x_new[:, 0] ** 2 + x_new[:, 1] ** 2 < 2).astype(int)
print()
print(f"{'after 400 epochs':38}{'without':>10}{'with L2':>10}")
rows = {
    "sum of squared weights (w1 and w2)": lambda p: float(tf.reduce_sum(p[0] ** 2) + tf.reduce_sum(p[2] ** 2)),
    "accuracy on the 300 training points": lambda p: np.mean((predict(p, x_data)[:, 0] > 0.5) == y_data),
    "accuracy on 10000 new points": lambda p: np.mean((predict(p, x_new)[:, 0] > 0.5) == y_new),
}
for name, measure in rows.items():
    print(f"{name:38}{measure(plain):10.4f}{measure(l2):10.4f}")
_, l2_mean, l2_mse = l2_history[-1]
print(f"with L2, epoch 399: mean loss - mean mse = {l2_mean - l2_mse:.6f}; "
      f"0.015 * sum of squared weights = {0.015 * rows['sum of squared weights (w1 and w2)'](l2):.6f}")

# The decision boundary: the 0.5 contour of the prediction over a grid of points.
xx, yy = np.mgrid[-3:3:.1, -3:3:.1]
grid = np.c_[xx.ravel(), yy.ravel()]
fig, axes = plt.subplots(1, 2, figsize=(10, 5))
for ax, (title, (params, _)) in zip(axes, runs.items()):
    probs = predict(params, grid).numpy().reshape(xx.shape)
    ax.scatter(x_data[:, 0], x_data[:, 1], s=12, color=np.where(y_data == 1, "red", "blue"))
    ax.contour(xx, yy, probs, levels=[0.5], colors="black")
    ax.add_patch(plt.Circle((0, 0), np.sqrt(2), fill=False, linestyle="--", color="gray"))  # the true boundary
    ax.set(title=title, xlabel="x1", ylabel="x2", xlim=(-3, 3), ylim=(-3, 3), aspect="equal")
fig.tight_layout()
plt.close(fig)  # changed: no figure saved
