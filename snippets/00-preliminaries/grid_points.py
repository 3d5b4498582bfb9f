# np.mgrid builds coordinate grids, .ravel() flattens them, np.c_ pairs them up into points.
import matplotlib.pyplot as plt
import numpy as np

# first axis: 1 up to 3 (3 itself excluded) in steps of 1; second axis: 2 up to 4 (excluded) in steps of 0.5
x, y = np.mgrid[1:3:1, 2:4:0.5]
print("x =")
print(x)
print("y =")
print(y)
print("x.ravel() =", x.ravel())
print("y.ravel() =", y.ravel())

grid = np.c_[x.ravel(), y.ravel()]  # column 0 from x, column 1 from y: one (x, y) point per row
print("grid =")
print(grid)
print("shape:", grid.shape)

fig, ax = plt.subplots(figsize=(5, 3.2))
ax.scatter(grid[:, 0], grid[:, 1], s=40)
for row, (px, py) in enumerate(grid):
    ax.annotate(f"row {row}", (px, py), textcoords="offset points", xytext=(6, 4))
ax.set(xlabel="x (column 0)", ylabel="y (column 1)", title="np.c_[x.ravel(), y.ravel()] for np.mgrid[1:3:1, 2:4:0.5]")
ax.set_xlim(0.5, 2.8)
ax.set_ylim(1.7, 3.8)
fig.tight_layout()
fig.savefig("grid_points.svg")
