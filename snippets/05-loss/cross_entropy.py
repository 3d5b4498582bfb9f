# Cross entropy H(y_, y) = -sum(y_ * ln y): which prediction is closer to the truth (1, 0)?
import tensorflow as tf

y_true = [1.0, 0.0]
for y_pred in ([0.6, 0.4], [0.8, 0.2]):
    by_hand = -tf.reduce_sum(tf.constant(y_true) * tf.math.log(tf.constant(y_pred)))
    keras = tf.losses.categorical_crossentropy(y_true, y_pred)
    print(f"prediction {y_pred}: formula {by_hand.numpy():.6f}, categorical_crossentropy {keras.numpy():.6f}")
