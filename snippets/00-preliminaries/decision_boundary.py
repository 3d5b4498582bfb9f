# Why later lessons need the grid: ask a classifier about every grid point, then draw the line
# where its answer changes from one class to the other (the decision boundary).
import matplotlib.pyplot as plt
import numpy as np


def predict(points):
    # Stands in for a trained network: the probability of class 1 for each row (x1, x2).
    x1, x2 = points[:, 0], points[:, 1]
    return 1 / (1 + np.exp(-(2 - x1**2 - x2**2)))  # exactly 0.5 on the circle x1^2 + x2^2 = 2


xx, yy = np.mgrid[-3:3:.1, -3:3:.1]
grid = np.c_[xx.ravel(), yy.ravel()]
probs = predict(grid).reshape(xx.shape)  # back to the grid's shape, so contour() can use it

print("xx.shape:", xx.shape, " grid.shape:", grid.shape, " probs.shape:", probs.shape)
print(f"grid values along each axis: {xx[0, 0]:.1f}, {xx[1, 0]:.1f}, ..., {xx[-1, 0]:.1f} ({xx.shape[0]} values)")
print("first rows of grid:", grid[:3].round(1).tolist())
print("grid points with probability > 0.5:", int((probs > 0.5).sum()), "of", probs.size)

fig, ax = plt.subplots(figsize=(5, 4.4))
filled = ax.contourf(xx, yy, probs, levels=10, cmap="RdBu_r", alpha=0.6)
ax.contour(xx, yy, probs, levels=[0.5], colors="black")  # the decision boundary
fig.colorbar(filled, ax=ax, label="probability of class 1")
ax.set(xlabel="x1", ylabel="x2", title="contour(xx, yy, probs, levels=[0.5])", aspect="equal")
fig.tight_layout()
fig.savefig("decision_boundary.svg")
