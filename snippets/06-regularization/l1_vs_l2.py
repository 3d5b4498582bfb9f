# L1 sets weights to exactly zero, L2 spreads them over correlated features: a linear regression with
# five input features of which only the first two matter, fitted with each penalty.
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.RandomState(0)
N = 40
X = rng.randn(N, 5)  # features x1 ... x5
y = 3 * X[:, 0] - 2 * X[:, 1] + rng.randn(N)  # only x1 and x2 matter; x3, x4, x5 are redundant

# x3, x4, x5 are drawn independently of x1 and x2, but 40 samples are few: by chance some of them
# are correlated with x1 or x2, so they can stand in for part of their signal.
r = np.corrcoef(X, rowvar=False)
print("sample correlation    with x1   with x2")
for j in (2, 3, 4):
    print(f"x{j + 1}                  {r[j, 0]:9.3f} {r[j, 1]:9.3f}")
print()

LR, STEPS = 0.1, 1000


def mse_gradient(X, w):
    # Gradient of the data loss, the mean squared error mean((X w - y)^2).
    return 2 * X.T @ (X @ w - y) / N


def l2_descent(X, lam):
    # loss = MSE + lam * sum(w^2); the penalty's gradient 2 * lam * w weakens as w shrinks
    w = np.zeros(5)
    for _ in range(STEPS):
        w = w - LR * (mse_gradient(X, w) + 2 * lam * w)
    return w


def l1_subgradient_descent(X, lam):
    # loss = MSE + lam * sum(|w|), differentiated as tf.abs is: the slope of |w| is sign(w)
    w = np.zeros(5)
    for _ in range(STEPS):
        w = w - LR * (mse_gradient(X, w) + lam * np.sign(w))
    return w


def l1_proximal_descent(X, lam):
    # A gradient step on the MSE gives z; then the proximal step of the L1 term: the w that minimises
    # lam * sum(|w|) + sum((w - z)^2) / (2 * LR). That w is the "soft threshold" of z: every weight
    # moves LR * lam towards 0, and is set to 0 if it would cross 0.
    w = np.zeros(5)
    for _ in range(STEPS):
        z = w - LR * mse_gradient(X, w)
        w = np.sign(z) * np.maximum(np.abs(z) - LR * lam, 0.0)
    return w + 0.0  # + 0.0 turns -0.0 into 0.0 for printing


LAM = 0.3
least_squares = np.linalg.lstsq(X, y, rcond=None)[0]
fits = {
    "true weights": np.array([3.0, -2.0, 0.0, 0.0, 0.0]),
    "no penalty (least squares)": least_squares,
    "L2, gradient steps": l2_descent(X, LAM),
    "L1, sub-gradient steps": l1_subgradient_descent(X, LAM),
    "L1, proximal steps": l1_proximal_descent(X, LAM),
}
COLUMNS = "".join(f"{'w' + str(i + 1):>11}" for i in range(5))
print(f"lambda = {LAM}, {STEPS} steps of learning rate {LR} from w = 0")
print(f"{'':28}{COLUMNS}  exact zeros  sum of w^2")
for name, w in fits.items():
    print(f"{name:28}" + "".join(f"{v:11.6f}" for v in w) + f"  {np.sum(w == 0):11d}  {np.sum(w**2):10.6f}")
# Each L2 weight divided by the least-squares weight: below 1 it shrank, above 1 it grew,
# negative means it changed sign.
print(f"{'L2 / least squares':28}" + "".join(f"{v:11.3f}" for v in fits["L2, gradient steps"] / least_squares))
# The same ratio after taking out of x3, x4, x5 the part a least-squares fit on x1 and x2 explains:
# what is left is orthogonal to x1 and x2 (mean(xj * x1) = mean(xj * x2) = 0), and now L2 shrinks every weight.
X_orth = X.copy()
X_orth[:, 2:] -= X[:, :2] @ np.linalg.lstsq(X[:, :2], X[:, 2:], rcond=None)[0]
ratio_orth = l2_descent(X_orth, LAM) / np.linalg.lstsq(X_orth, y, rcond=None)[0]
print(f"{'same, x3-x5 orthogonalized':28}" + "".join(f"{v:11.3f}" for v in ratio_orth))

# How the weights change as the penalty grows: the regularization path.
lams = np.linspace(0, 4, 81)
paths = {"L1": np.array([l1_proximal_descent(X, lam) for lam in lams]),
         "L2": np.array([l2_descent(X, lam) for lam in lams])}
largest = {name: np.abs(path).argmax(axis=0) for name, path in paths.items()}  # row of the largest |w|
print(f"\n{f'lambda {lams[0]:g} to {lams[-1]:g}, step {lams[1]:g}':28}{COLUMNS}")
for name, path in paths.items():
    zero_from = [next((f"{lam:.2f}" for lam, wj in zip(lams, path[:, j]) if wj == 0), "never") for j in range(5)]
    print(f"{name + ': exactly 0 from lambda':28}" + "".join(f"{z:>11}" for z in zero_from))
    print(f"{name + ': largest |w|':28}" + "".join(f"{path[k, j]:11.6f}" for j, k in enumerate(largest[name])))
    print(f"{name + ':   at lambda':28}" + "".join(f"{lams[k]:11.2f}" for k in largest[name]))

fig, axes = plt.subplots(2, 2, figsize=(10, 6.4), sharex=True, sharey="row")
for col, (name, path) in enumerate(paths.items()):
    for row, group in enumerate(([0, 1], [2, 3, 4])):
        ax = axes[row, col]
        for j in group:
            ax.plot(lams, path[:, j], color=f"C{j}", label=f"w{'₁₂₃₄₅'[j]}")
        ax.plot(np.zeros(len(group)), least_squares[group], "ko", markersize=4, label="least squares (λ = 0)")
        if name == "L2" and row == 1:  # where each redundant weight is largest
            k = largest[name][group]
            ax.plot(lams[k], path[k, group], "o", color="black", fillstyle="none", markersize=8, label="largest |w|")
        ax.axhline(0, color="gray", linewidth=0.8)
    axes[0, col].set_title(f"{name} penalty")
    axes[1, col].set_xlabel("λ")
# one legend per row, where the curves leave room for it
axes[0, 1].legend(fontsize="small", loc="upper right")
axes[1, 0].legend(*axes[1, 1].get_legend_handles_labels(), fontsize="small", loc="upper right")
axes[0, 0].set_ylabel("weights of x₁ and x₂")
axes[1, 0].set_ylabel("weights of x₃, x₄, x₅")
fig.tight_layout()
fig.savefig("l1_vs_l2.svg")
