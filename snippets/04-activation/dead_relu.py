# A "dead" ReLU neuron: its input w.x + b is negative for every sample, so it outputs 0, its
# gradient is 0, and gradient descent can never bring it back. Leaky ReLU keeps a small gradient.
# Then the remedies for ReLU itself: a centred start (b = 0) with a small learning rate, and what
# too large a learning rate does to that same healthy start.
import numpy as np
import tensorflow as tf

rdm = np.random.RandomState(0)
x = tf.constant(rdm.randn(100, 2), dtype=tf.float32)  # 100 standardized samples
y_ = tf.nn.relu(x[:, :1] + x[:, 1:] + 1)  # a target one ReLU neuron can fit: w = [1, 1], b = 1

STEPS = 300
RUNS = [  # activation, starting b, learning rate
    ("relu", tf.nn.relu, -10.0, 0.1),  # b = -10, as if one overly large update had pushed it down
    ("leaky_relu", tf.nn.leaky_relu, -10.0, 0.1),
    ("relu", tf.nn.relu, 0.0, 0.1),  # centred start
    ("relu", tf.nn.relu, 0.0, 3.0),  # centred start, learning rate 30 times larger
]
for name, activation, b_start, lr in RUNS:
    w = tf.Variable([[0.5], [0.5]])  # the same w for every run
    b = tf.Variable([b_start])
    print(f"{name}, b starts at {b_start:g}, learning rate {lr:g}")
    for step in range(STEPS + 1):
        with tf.GradientTape() as tape:
            z = tf.matmul(x, w) + b
            loss = tf.reduce_mean(tf.square(y_ - activation(z)))
        grad_w, grad_b = tape.gradient(loss, [w, b])
        if step <= 3 or step % 100 == 0:  # the first three updates, then every 100th step
            active = int(tf.reduce_sum(tf.cast(z > 0, tf.int32)))
            print(f"  step {step:3d}: samples with w.x+b > 0: {active:3d}/100, b = {float(b[0]):9.5f}, "
                  f"dloss/db = {float(grad_b[0]):10.2e}, loss = {float(loss):.5f}")
        w.assign_sub(lr * grad_w)
        b.assign_sub(lr * grad_b)
