# The yogurt example with a loss that knows money: a yogurt made but not sold loses its COST,
# a yogurt that could have been sold but was not made loses its PROFIT. Train twice, costs swapped.
import os

os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"  # before importing TensorFlow; the page explains why

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

SEED = 23455
EPOCHS = 10000
LR = 0.002

rdm = np.random.RandomState(seed=SEED)
x = rdm.rand(32, 2)
y_ = [[x1 + x2 + (rdm.rand() / 10 - 0.05)] for (x1, x2) in x]  # the same 32 days as for the MSE
x = tf.cast(x, dtype=tf.float32)
y_ = tf.constant(y_, dtype=tf.float32)

# Drawn once, so that both runs start from the same weights: calling tf.random.normal(..., seed=1)
# a second time in the same program gives different numbers.
W1_START = tf.random.normal([2, 1], stddev=1, seed=1)


def train(cost, profit):
    w1 = tf.Variable(W1_START)

    @tf.function  # traced once into a graph: much faster than 10000 eager steps, same arithmetic
    def train_step():
        with tf.GradientTape() as tape:
            y = tf.matmul(x, w1)
            # predicted more than was sold: pay COST per unit; predicted less: lose PROFIT per unit
            loss = tf.reduce_sum(tf.where(tf.greater(y, y_), (y - y_) * cost, (y_ - y) * profit))
        w1.assign_sub(LR * tape.gradient(loss, w1))

    print(f"COST = {cost}, PROFIT = {profit}")
    history = []
    for epoch in range(EPOCHS):
        train_step()
        history.append(w1.numpy().ravel())
        if epoch % 500 == 0:
            print("After %5d epochs, w1 = %s" % (epoch, w1.numpy().ravel()))
    print("Final w1 =", w1.numpy().ravel())
    above = int(tf.reduce_sum(tf.cast(tf.matmul(x, w1) > y_, tf.int32)))
    print(f"days where the final model predicts more than was sold: {above} of 32")
    print()
    return np.array(history)


runs = {(1, 99): train(1, 99), (99, 1): train(99, 1)}

fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True)
last = np.arange(EPOCHS - 100, EPOCHS)
for ax, ((cost, profit), history) in zip(axes, runs.items()):
    ax.plot(last, history[-100:, 0], marker=".", label="w1[0]")
    ax.plot(last, history[-100:, 1], marker=".", label="w1[1]")
    ax.axhline(1, color="gray", linestyle="--", linewidth=1, label="1 (what the MSE learns)")
    ax.set(xlabel="epoch", title=f"COST = {cost}, PROFIT = {profit}: the last 100 epochs")
axes[0].set_ylabel("weight")
axes[0].legend()
fig.tight_layout()
fig.savefig("custom_loss.svg")
