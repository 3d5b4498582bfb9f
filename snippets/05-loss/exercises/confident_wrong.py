# The truth is class 0, and the network puts its logit for class 1 higher by GAP: the more
# confident it is, the more wrong. Three ways to compute the cross entropy, their losses and gradients.
import numpy as np
import tensorflow as tf

LABELS = tf.constant([[1.0, 0.0]])  # one-hot: class 0
GAPS = [10.0, 20.0, 50.0, 200.0]  # logits (0, GAP)


def three_losses(logits):
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(logits)
        probs = tf.nn.softmax(logits)  # float32: a probability below about 1e-45 becomes exactly 0
        by_hand = -tf.reduce_sum(LABELS * tf.math.log(probs))
        keras = tf.reduce_sum(tf.losses.categorical_crossentropy(LABELS, probs))
        with_logits = tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits(labels=LABELS, logits=logits))
    losses = [float(v) for v in (by_hand, keras, with_logits)]
    slope = float(tape.gradient(keras, logits)[0, 1])  # d loss / d logit of class 1
    slope_with_logits = float(tape.gradient(with_logits, logits)[0, 1])
    return float(probs[0, 0]), losses, slope, slope_with_logits


print(f"{'logits':>10}  {'p(class 0)':>11}  {'-ln p':>9}  {'categorical':>11}  {'with_logits':>11}"
      f"  {'grad, categorical':>17}  {'grad, with_logits':>17}")
for gap in GAPS:
    p0, (by_hand, keras, with_logits), slope, slope_with_logits = three_losses(tf.constant([[0.0, gap]]))
    print(f"{'(0, %g)' % gap:>10}  {p0:11.4g}  {by_hand:9.6f}  {keras:11.6f}  {with_logits:11.6f}"
          f"  {slope:17.6f}  {slope_with_logits:17.6f}")

# Keras clips every probability into [1e-7, 1 - 1e-7] before taking the logarithm
print("-ln(1e-7) =", round(-np.log(1e-7), 4))
