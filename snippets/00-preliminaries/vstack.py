# np.vstack stacks arrays on top of each other: each 1-D array becomes one row.
import numpy as np

a = np.array([1, 2, 3])
b = np.array([4, 5, 6])
c = np.vstack((a, b))

print("c =")
print(c)
print("shape:", c.shape)

# Given ONE 1-D array, vstack treats each element as a row of its own: the result is a column.
# The regularization lesson turns its labels into shape (n, 1) this way.
labels = np.array([1, 0, 1, 1])
column = np.vstack(labels)
print("np.vstack(labels) has shape", column.shape, "and its first column is", column[:, 0])
