# Gradient descent on loss = (w + 1)^2 with a constant learning rate (TensorFlow 2).
import tensorflow as tf

LR = 0.2
W0 = 5.0    # w at the start
STEPS = 40
w = tf.Variable(tf.constant(W0, dtype=tf.float32))

for step in range(STEPS):
    with tf.GradientTape() as tape:
        loss = tf.square(w + 1)
    grad = tape.gradient(loss, w)  # d loss / d w = 2 * (w + 1)
    w.assign_sub(LR * grad)        # w <- w - LR * grad
    # loss was computed before the update, w is printed after it
    print("After %s steps: w is %f, loss is %f" % (step, w.numpy(), loss))
