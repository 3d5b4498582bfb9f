# Without an activation function, two layers are no better than one: W2 @ (W1 @ x) = (W2 @ W1) @ x.
import numpy as np

rdm = np.random.RandomState(0)
w1 = rdm.randn(4, 3)  # layer 1: 3 inputs -> 4 neurons
w2 = rdm.randn(2, 4)  # layer 2: 4 inputs -> 2 neurons
x = rdm.randn(3, 5)  # 5 samples, one per column

two_layers = w2 @ (w1 @ x)
one_layer = (w2 @ w1) @ x  # a single 3 -> 2 layer with the product matrix
print("largest difference, two linear layers vs one:", np.abs(two_layers - one_layer).max())

with_relu = w2 @ np.maximum(w1 @ x, 0)  # put ReLU between them
print("largest difference, with ReLU in between     :", np.abs(with_relu - one_layer).max().round(6))
