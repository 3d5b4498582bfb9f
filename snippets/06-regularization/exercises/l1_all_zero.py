# From which lambda does the L1 penalty set all five weights of l1_vs_l2.py to exactly 0? At w = 0 the slope
# of the MSE towards w_j is -2 * mean(x_j * y); a weight stays at 0 while that slope is at most lambda in size.
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)  # the data of l1_vs_l2.py
N = 40
X = rng.randn(N, 5)
y = 3 * X[:, 0] - 2 * X[:, 1] + rng.randn(N)
LR, STEPS = 0.1, 1000

# The slope by hand, and by tf.GradientTape at w = 0.
by_hand = -2 * X.T @ y / N
w = tf.Variable(tf.zeros(5, tf.float64))
with tf.GradientTape() as tape:
    mse = tf.reduce_mean(tf.square(tf.linalg.matvec(X, w) - y))
by_tape = tape.gradient(mse, w).numpy()
print(f"{'':28}" + "".join(f"{'w' + str(j + 1):>11}" for j in range(5)))
print(f"{'slope at w = 0, by hand':28}" + "".join(f"{v:11.6f}" for v in by_hand))
print(f"{'slope at w = 0, GradientTape':28}" + "".join(f"{v:11.6f}" for v in by_tape))
lam_zero = np.abs(by_hand).max()
print(f"all weights stay 0 for lambda >= max |slope| = {lam_zero:.6f}")


def l1_proximal_descent(lam):
    # As in l1_vs_l2.py: a gradient step on the MSE, then the soft threshold of the L1 term.
    w = np.zeros(5)
    for _ in range(STEPS):
        z = w - LR * 2 * X.T @ (X @ w - y) / N
        w = np.sign(z) * np.maximum(np.abs(z) - LR * lam, 0.0)
    return w + 0.0  # + 0.0 turns -0.0 into 0.0 for printing


print(f"\n{'lambda':>8}" + "".join(f"{'w' + str(j + 1):>11}" for j in range(5)) + f"{'w1 by formula':>15}")
for lam in (lam_zero, 0.99 * lam_zero, 4.0, 3.75, 3.7):
    w_prox = l1_proximal_descent(lam)
    w1_formula = max(abs(by_hand[0]) - lam, 0.0) / (2 * np.mean(X[:, 0] ** 2))  # only w1 away from 0
    print(f"{lam:8.4f}" + "".join(f"{v:11.6f}" for v in w_prox) + f"{w1_formula:15.6f}")
