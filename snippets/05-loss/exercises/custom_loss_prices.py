# The variant of the notes (sales x1 + 2*x2 plus the same small noise) with other prices: first
# COST = PROFIT = 1, then a missed sale costing 9 times an unsold yogurt, COST : PROFIT = 1 : 9.
# The course's recipe otherwise: same seeds, learning rate 0.002, 10000 epochs of the summed custom loss.
import os

os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"  # before importing TensorFlow, as in custom_loss.py

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from sklearn.linear_model import QuantileRegressor  # noqa: E402

SEED = 23455
EPOCHS = 10000
LR = 0.002

rdm = np.random.RandomState(seed=SEED)
x = rdm.rand(32, 2)
y_ = [[x1 + 2 * x2 + (rdm.rand() / 10 - 0.05)] for (x1, x2) in x]  # x2 counts twice; noise in [-0.05, 0.05)
x = tf.cast(x, dtype=tf.float32)
y_ = tf.constant(y_, dtype=tf.float32)

W1_START = tf.random.normal([2, 1], stddev=1, seed=1)  # drawn once: the course's starting weights
w1 = tf.Variable(W1_START)


@tf.function  # the whole loop becomes one graph: 10000 epochs in less than a second
def train(cost, profit):
    w1.assign(W1_START)
    for _ in tf.range(EPOCHS):
        with tf.GradientTape() as tape:
            y = tf.matmul(x, w1)
            loss = tf.reduce_sum(tf.where(tf.greater(y, y_), (y - y_) * cost, (y_ - y) * profit))
        w1.assign_sub(LR * tape.gradient(loss, w1))


print("sales y_ = x1 + 2*x2 + noise; the perfect fit is w1 = [1, 2]")
for cost, profit in ((1, 1), (1, 9)):  # changed: the prices
    train(cost, profit)
    over = int(tf.reduce_sum(tf.cast(tf.matmul(x, w1) > y_, tf.int32)))
    # This loss is (COST + PROFIT) times the "pinball" loss of quantile regression with
    # q = PROFIT / (COST + PROFIT). Solved directly, its exact minimum is the best training can reach.
    q = profit / (cost + profit)
    best = QuantileRegressor(quantile=q, alpha=0, fit_intercept=False, solver="highs")
    best.fit(x.numpy(), y_.numpy().ravel())
    print(f"COST = {cost}, PROFIT = {profit}")
    print("  final w1 after %d epochs =" % EPOCHS, w1.numpy().ravel())
    print(f"  days predicted above the sales: {over} of 32")
    print(f"  best w1 for this loss (quantile {q:.2f}) = [{best.coef_[0]:.4f}, {best.coef_[1]:.4f}]")

least_squares, *_ = np.linalg.lstsq(x.numpy(), y_.numpy(), rcond=None)
print(f"for reference, the MSE's best w1 (least squares) = [{least_squares[0, 0]:.4f}, {least_squares[1, 0]:.4f}]")
