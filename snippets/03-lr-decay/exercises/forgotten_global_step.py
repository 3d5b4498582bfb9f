# decay_tf1.py run twice: once as written, once with global_step left out of minimize(),
# a slip that raises no error.
import tensorflow as tf

STEPS = 40


def run(pass_global_step):
    # Build decay_tf1.py's graph and return its printed lines; pass_global_step=False drops global_step.
    graph = tf.Graph()
    with graph.as_default():
        # global_step counts the training steps; it must not be trained itself
        global_step = tf.Variable(0, trainable=False)
        learning_rate = tf.compat.v1.train.exponential_decay(0.1, global_step, 1, 0.99, staircase=True)
        w = tf.Variable(tf.constant(5, dtype=tf.float32))
        loss = tf.square(w + 1)
        optimizer = tf.compat.v1.train.GradientDescentOptimizer(learning_rate)
        if pass_global_step:
            train_step = optimizer.minimize(loss, global_step=global_step)
        else:
            train_step = optimizer.minimize(loss)  # the slip: nothing adds 1 to global_step
        lines = []
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            for i in range(STEPS):
                sess.run(train_step)
                step_val, lr_val, w_val, loss_val = sess.run([global_step, learning_rate, w, loss])
                lines.append("After %s steps: global_step is %f, w is %f, learning rate is %f, loss is %f"
                             % (i, step_val, w_val, lr_val, loss_val))
    return lines


for title, pass_global_step in (("as written", True), ("without global_step", False)):
    lines = run(pass_global_step)
    print(f"{title}:")
    for line in lines[:3] + ["..."] + lines[-1:]:
        print(line)
    print()
