# The same descent in legacy TensorFlow 1 style, run through tf.compat.v1.
import tensorflow as tf

tf.compat.v1.disable_eager_execution()  # build a graph first, run it in a Session

w = tf.Variable(tf.constant(5, dtype=tf.float32))
loss = tf.square(w + 1)
train_step = tf.compat.v1.train.GradientDescentOptimizer(0.2).minimize(loss)

with tf.compat.v1.Session() as sess:
    sess.run(tf.compat.v1.global_variables_initializer())
    for i in range(40):
        sess.run(train_step)          # one update of w
        w_val = sess.run(w)
        loss_val = sess.run(loss)     # evaluated with the updated w
        print("After %s steps:w is %f , loss is %f." % (i, w_val, loss_val))
