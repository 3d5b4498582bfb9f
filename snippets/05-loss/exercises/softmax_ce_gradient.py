# The gradient of softmax + cross entropy with respect to the logits, derived by hand as p - y_,
# checked with tf.GradientTape on the course's batch of 5 samples x 3 classes.
import numpy as np
import tensorflow as tf

y_ = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0]], dtype=np.float64)  # one-hot labels
LOGITS = np.array([[12, 3, 2], [3, 10, 1], [1, 2, 5], [4, 6.5, 1.2], [3, 6, 1]])  # raw outputs of a network

# by hand: softmax in NumPy, then p - y_
p = np.exp(LOGITS) / np.exp(LOGITS).sum(axis=1, keepdims=True)
by_hand = p - y_

# by the tape: the gradient of each sample's loss with respect to its own logits
logits = tf.Variable(LOGITS)
with tf.GradientTape() as tape:
    loss = tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=logits)
from_tape = tape.gradient(loss, logits).numpy()  # of the sum of the 5 losses: each row is one sample's gradient

print("p = softmax(logits):")
print(np.array2string(p, precision=6, suppress_small=True))
print("p - y_, by hand:")
print(np.array2string(by_hand, precision=6, suppress_small=True))
print("d loss / d logits, from the tape:")
print(np.array2string(from_tape, precision=6, suppress_small=True))
print("largest difference:", np.abs(by_hand - from_tape).max())
print("largest row sum, in absolute value:", np.abs(from_tape.sum(axis=1)).max())  # each row sums to 0
print("d loss / d p for the true class of sample 4, -1 / p:", round(-1 / p[3, 0], 4))
