# Cross entropy H(y_, y) = -sum(y_ * ln y): which prediction is closer to the truth (1, 0)?
import numpy as np
import tensorflow as tf

y_true = [1.0, 0.0]
for y_pred in ([0.6, 0.4], [0.8, 0.2]):
    by_hand = -tf.reduce_sum(tf.constant(y_true) * tf.math.log(tf.constant(y_pred)))
    keras = tf.losses.categorical_crossentropy(y_true, y_pred)
    print(f"prediction {y_pred}: formula {by_hand.numpy():.6f}, categorical_crossentropy {keras.numpy():.6f}")


# Cross entropy = entropy of the truth + KL divergence. Is it a distance between the distributions?
def entropy(p):
    p = np.array(p)
    return float(np.sum(p[p > 0] * np.log(1 / p[p > 0])))  # 0 * ln 0 counts as 0


def kl_divergence(p, q):
    p, q = np.array(p), np.array(q)
    return float(np.sum(p[p > 0] * np.log(p[p > 0] / q[p > 0])))


print()
print(f"entropy of the truth {y_true}: {entropy(y_true):.6f}")
print(f"KL({y_true} || [0.6, 0.4]) = {kl_divergence(y_true, [0.6, 0.4]):.6f}, the cross entropy itself")
print(f"KL([0.6, 0.4] || [0.8, 0.2]) = {kl_divergence([0.6, 0.4], [0.8, 0.2]):.6f}")
print(f"KL([0.8, 0.2] || [0.6, 0.4]) = {kl_divergence([0.8, 0.2], [0.6, 0.4]):.6f}  (not symmetric)")
