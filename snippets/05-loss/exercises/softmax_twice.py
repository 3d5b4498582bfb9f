# A mistake: passing probabilities, already through softmax, to softmax_cross_entropy_with_logits.
# It applies softmax a second time. Compare with the right call on the course's batch of 5 samples.
import numpy as np
import tensorflow as tf

y_ = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0]])  # one-hot labels
logits = np.array([[12, 3, 2], [3, 10, 1], [1, 2, 5], [4, 6.5, 1.2], [3, 6, 1]])  # raw outputs of a network

probs = tf.nn.softmax(logits)
right = tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=logits)
wrong = tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=probs)  # the mistake: probabilities as logits

print("right, logits in:       ", np.array2string(right.numpy(), precision=6))
print("wrong, probabilities in:", np.array2string(wrong.numpy(), precision=6))
print("softmax(softmax(logits)) of sample 1:", np.array2string(tf.nn.softmax(probs)[0].numpy(), precision=6))
# the best the wrong loss can do: the true class gets probability 1, the other two 0
best = tf.nn.softmax_cross_entropy_with_logits(labels=[1.0, 0.0, 0.0], logits=[1.0, 0.0, 0.0])
print("smallest possible wrong loss, 3 classes:", round(float(best), 6))
print("ln(1 + 2/e) =", round(np.log(1 + 2 / np.e), 6))
