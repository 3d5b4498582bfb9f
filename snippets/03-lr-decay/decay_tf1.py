# The same idea in legacy TensorFlow 1 style, run through tf.compat.v1.
import tensorflow as tf

tf.compat.v1.disable_eager_execution()  # build a graph first, run it in a Session

# global_step counts the training steps; it must not be trained itself
global_step = tf.Variable(0, trainable=False)
learning_rate = tf.compat.v1.train.exponential_decay(
    0.1,          # initial learning rate
    global_step,  # current step
    1,            # decay every 1 step ...
    0.99,         # ... by a factor of 0.99
    staircase=True,
)
w = tf.Variable(tf.constant(5, dtype=tf.float32))
loss = tf.square(w + 1)
# passing global_step makes minimize() add 1 to it after each update
train_step = tf.compat.v1.train.GradientDescentOptimizer(learning_rate).minimize(
    loss, global_step=global_step
)

with tf.compat.v1.Session() as sess:
    sess.run(tf.compat.v1.global_variables_initializer())
    for i in range(40):
        sess.run(train_step)
        step_val, lr_val, w_val, loss_val = sess.run([global_step, learning_rate, w, loss])
        # %f for global_step too, as in the course: the counter prints as 1.000000
        print(
            "After %s steps: global_step is %f, w is %f, learning rate is %f, loss is %f"
            % (i, step_val, w_val, lr_val, loss_val)
        )
