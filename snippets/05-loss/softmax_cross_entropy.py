# softmax followed by cross entropy, step by step and in one call, on a batch of 5 samples x 3 classes.
import numpy as np
import tensorflow as tf

y_ = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0]])  # one-hot labels
logits = np.array([[12, 3, 2], [3, 10, 1], [1, 2, 5], [4, 6.5, 1.2], [3, 6, 1]])  # raw outputs of a network

probs = tf.nn.softmax(logits)
step_by_step = tf.losses.categorical_crossentropy(y_, probs)
in_one_call = tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=logits)
print("softmax(logits):")
print(np.array2string(probs.numpy(), precision=6, suppress_small=True))
print("softmax, then categorical_crossentropy:")
print(step_by_step.numpy())
print("softmax_cross_entropy_with_logits:")
print(in_one_call.numpy())

# the sparse variant takes the class number instead of a one-hot row
labels = np.argmax(y_, axis=1)
sparse = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
print("class numbers:", labels)
print("sparse_softmax_cross_entropy_with_logits:")
print(sparse.numpy())
print("largest difference, step by step vs one call:", np.abs(step_by_step.numpy() - in_one_call.numpy()).max())
print("largest difference, sparse vs one call      :", np.abs(sparse.numpy() - in_one_call.numpy()).max())
