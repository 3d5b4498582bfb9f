# gradient_descent_tf2.py with a loss ten times steeper, loss = 10 * (w + 1)^2,
# and the same learning rate 0.2 (changed: the loss line and STEPS).
import tensorflow as tf

LR = 0.2
W0 = 5.0    # w at the start
STEPS = 8   # changed from 40: eight steps are enough to see what happens
w = tf.Variable(tf.constant(W0, dtype=tf.float32))

for step in range(STEPS):
    with tf.GradientTape() as tape:
        loss = 10 * tf.square(w + 1)  # changed: ten times steeper than (w + 1)^2
    grad = tape.gradient(loss, w)  # d loss / d w = 20 * (w + 1)
    w.assign_sub(LR * grad)        # w <- w - LR * grad
    # loss was computed before the update, w is printed after it
    print("After %s steps: w is %f, loss is %f" % (step, w.numpy(), loss))
