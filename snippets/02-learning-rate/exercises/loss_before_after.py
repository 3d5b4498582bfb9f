# The TensorFlow 1 and TensorFlow 2 loss columns side by side: TensorFlow 2 prints the loss
# before each update, TensorFlow 1 after it, while w takes exactly the same values.
import tensorflow as tf

LR = 0.2
W0 = 5.0    # w at the start
STEPS = 6

# TensorFlow 2, as in gradient_descent_tf2.py, also computing the loss after each update
w = tf.Variable(W0)
tf2_w, tf2_before, tf2_after = [], [], []
for _ in range(STEPS):
    with tf.GradientTape() as tape:
        loss = tf.square(w + 1)
    w.assign_sub(LR * tape.gradient(loss, w))
    tf2_w.append(float(w.numpy()))
    tf2_before.append(float(loss))
    tf2_after.append(float(tf.square(w + 1)))

# TensorFlow 1, as in gradient_descent_tf1.py, in a graph of its own (eager mode stays on)
graph = tf.Graph()
with graph.as_default():
    w1 = tf.Variable(W0)
    loss1 = tf.square(w1 + 1)
    train_step = tf.compat.v1.train.GradientDescentOptimizer(LR).minimize(loss1)
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        tf1_w, tf1_loss = [], []
        for _ in range(STEPS):
            sess.run(train_step)
            tf1_w.append(float(sess.run(w1)))
            tf1_loss.append(float(sess.run(loss1)))  # evaluated with the updated w

print("step      TF1 w      TF2 w   TF1 loss  TF2 loss (before)  TF2 loss (after)")
for step in range(STEPS):
    print(f"{step:4d}  {tf1_w[step]:9.6f}  {tf2_w[step]:9.6f}  {tf1_loss[step]:9.6f}"
          f"  {tf2_before[step]:17.6f}  {tf2_after[step]:16.6f}")
print("w columns equal:", tf1_w == tf2_w)
print("TF1 loss equals TF2 loss after the update:", tf1_loss == tf2_after)
print("TF1 loss of row t equals TF2 loss of row t + 1:", tf1_loss[:-1] == tf2_before[1:])
