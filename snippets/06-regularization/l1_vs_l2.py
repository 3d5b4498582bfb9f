# L1 sets weights to exactly zero, L2 only makes them small: a linear regression with five
# input features of which only the first two matter, fitted with each penalty.
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.RandomState(0)
N = 40
X = rng.randn(N, 5)  # features x1 ... x5
y = 3 * X[:, 0] - 2 * X[:, 1] + rng.randn(N)  # only x1 and x2 matter; x3, x4, x5 are redundant

LR, STEPS = 0.1, 1000


def mse_gradient(w):
    # Gradient of the data loss (1 / 2N) * sum((X w - y)^2).
    return X.T @ (X @ w - y) / N


def l2_descent(lam):
    # loss = data loss + lam * sum(w^2) / 2; the penalty's gradient lam * w shrinks as w shrinks
    w = np.zeros(5)
    for _ in range(STEPS):
        w = w - LR * (mse_gradient(w) + lam * w)
    return w


def l1_subgradient_descent(lam):
    # loss = data loss + lam * sum(|w|), differentiated as tf.abs is: the slope of |w| is sign(w)
    w = np.zeros(5)
    for _ in range(STEPS):
        w = w - LR * (mse_gradient(w) + lam * np.sign(w))
    return w


def l1_proximal_descent(lam):
    # a gradient step on the data loss, then the exact minimiser of the L1 part ("soft threshold"):
    # move every weight LR * lam towards 0, and set it to 0 if it would cross 0
    w = np.zeros(5)
    for _ in range(STEPS):
        z = w - LR * mse_gradient(w)
        w = np.sign(z) * np.maximum(np.abs(z) - LR * lam, 0.0)
    return w + 0.0  # + 0.0 turns -0.0 into 0.0 for printing


LAM = 0.3
fits = {
    "true weights": np.array([3.0, -2.0, 0.0, 0.0, 0.0]),
    "no penalty (least squares)": np.linalg.lstsq(X, y, rcond=None)[0],
    "L2, gradient steps": l2_descent(LAM),
    "L1, sub-gradient steps": l1_subgradient_descent(LAM),
    "L1, proximal steps": l1_proximal_descent(LAM),
}
print(f"lambda = {LAM}, {STEPS} steps of learning rate {LR} from w = 0")
print(f"{'':28}" + "".join(f"{'w' + str(i + 1):>11}" for i in range(5)) + "  exact zeros")
for name, w in fits.items():
    print(f"{name:28}" + "".join(f"{v:11.6f}" for v in w) + f"  {np.sum(w == 0):6d}")

# How the weights change as the penalty grows: the regularization path.
lams = np.linspace(0, 3, 61)
paths = {"L1": np.array([l1_proximal_descent(lam) for lam in lams]),
         "L2": np.array([l2_descent(lam) for lam in lams])}
print()
for name, path in paths.items():
    zero_from = [next((f"{lam:.2f}" for lam, wj in zip(lams, path[:, j]) if wj == 0), "never") for j in range(5)]
    print(f"{name}: weight first exactly 0 at lambda = " + ", ".join(f"w{j + 1} {z}" for j, z in enumerate(zero_from)))

fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), sharey=True)
for ax, (name, path) in zip(axes, paths.items()):
    for j in range(5):
        ax.plot(lams, path[:, j], label=f"w{j + 1}")
    ax.axhline(0, color="gray", linewidth=0.8)
    ax.set(xlabel="λ", title=f"{name} penalty")
axes[0].set_ylabel("fitted weight")
axes[1].legend()
fig.tight_layout()
fig.savefig("l1_vs_l2.svg")
