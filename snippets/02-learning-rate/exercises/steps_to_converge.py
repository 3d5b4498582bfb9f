# How many updates until w is within TOLERANCE of the optimum -1: first by hand from the
# factor 1 - 2*lr, then counted by running gradient descent in TensorFlow.
import math

import tensorflow as tf

W0 = 5.0          # w at the start: 6 away from -1
TOLERANCE = 0.01  # "close enough": |w + 1| < TOLERANCE
LEARNING_RATES = [0.2, 0.0001]


def by_hand(lr):
    # |w_n + 1| = |1 - 2*lr|**n * |W0 + 1| < TOLERANCE  <=>  n > ln(|W0 + 1| / TOLERANCE) / -ln|1 - 2*lr|
    return math.log(abs(W0 + 1) / TOLERANCE) / -math.log(abs(1 - 2 * lr))


@tf.function  # a graph: tens of thousands of steps take a moment, not minutes
def count_updates(lr):
    # Update w until it is within TOLERANCE of -1; return the number of updates and w.
    w = tf.constant(W0)
    n = tf.constant(0)
    while tf.abs(w + 1) >= TOLERANCE:
        with tf.GradientTape() as tape:
            tape.watch(w)
            loss = tf.square(w + 1)
        w = w - lr * tape.gradient(loss, w)
        n += 1
    return n, w


print(f"ln(|W0 + 1| / TOLERANCE) = ln({abs(W0 + 1)} / {TOLERANCE}) = {math.log(abs(W0 + 1) / TOLERANCE):.6f}")
for lr in LEARNING_RATES:
    factor = 1 - 2 * lr
    bound = by_hand(lr)
    n, w = count_updates(tf.constant(lr))
    print(f"lr = {lr}: factor 1 - 2*lr = {factor:g}, -ln|factor| = {-math.log(abs(factor)):.6f}")
    print(f"    by hand: n > {bound:.2f}, so {math.floor(bound) + 1} updates")
    print(f"    TensorFlow: {int(n)} updates, then w = {float(w):.6f}")
