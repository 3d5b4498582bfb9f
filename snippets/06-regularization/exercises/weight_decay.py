# The course's L2 penalty on its own, 0.03 * tf.nn.l2_loss(w) with no data term, trained with the course's
# plain gradient steps: how much of a weight is left when the data never pulls on it?
import math

import tensorflow as tf

LR = 0.01  # as in regularization.py
L2_WEIGHT = 0.03
STEPS = 400 * 10  # 400 epochs of 10 batches

w = tf.Variable([1.0, -2.0, 0.5], dtype=tf.float64)  # three weights, no data: only the penalty acts


@tf.function
def penalty_step():
    with tf.GradientTape() as tape:
        penalty = L2_WEIGHT * tf.nn.l2_loss(w)  # = 0.015 * sum(w^2); its gradient is 0.03 * w
    w.assign_sub(LR * tape.gradient(penalty, w))


factor = 1 - LR * L2_WEIGHT  # what one step multiplies every weight by
print(f"one step multiplies w by 1 - LR * L2_WEIGHT = {factor:.4f}")
print(f"{'step':>5} {'epoch':>6} {'w1':>10} {'w2':>10} {'w3':>10} {'w / start':>10} {'factor^step':>12}")
start = w.numpy()
for step in range(STEPS + 1):
    if step in (0, 10, 1000, 2000, 3000, 4000):
        print(f"{step:5d} {step // 10:6d} " + " ".join(f"{v:10.6f}" for v in w.numpy())
              + f" {w.numpy()[0] / start[0]:10.4f} {factor ** step:12.4f}")
    if step < STEPS:
        penalty_step()
print(f"sum of w^2 keeps {factor ** (2 * STEPS):.4f} of its start")
exponent = STEPS * LR * L2_WEIGHT  # (1 - x)^n is close to exp(-n * x) for a small x
print(f"exp(-STEPS * LR * L2_WEIGHT) = exp(-{exponent:.1f}) = {math.exp(-exponent):.4f}")
