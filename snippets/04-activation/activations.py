# Sigmoid, tanh, ReLU and Leaky ReLU: values f(x) and derivatives f'(x) on a few inputs, with the
# derivative computed by tf.GradientTape; then a figure of f and f' for each, and softmax.
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

ACTIVATIONS = {
    "sigmoid": tf.nn.sigmoid,
    "tanh": tf.math.tanh,
    "relu": tf.nn.relu,
    "leaky_relu": tf.nn.leaky_relu,  # alpha = 0.2 unless you pass another value
}


def value_and_derivative(f, x):
    # f(x) and f'(x) element by element: the gradient of sum(f(x)) with respect to each x_i.
    x = tf.constant(x, dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(x)  # x is a constant, not a Variable: ask the tape to follow it
        y = f(x)
    return y.numpy(), tape.gradient(y, x).numpy()


inputs = [-3.0, -1.0, 0.0, 1.0, 3.0]
print(f"{'x':>12}" + "".join(f"{v:10.1f}" for v in inputs))
for name, f in ACTIVATIONS.items():
    y, dy = value_and_derivative(f, inputs)
    prime = name + "'"
    print(f"{name:>12}" + "".join(f"{v:10.6f}" for v in y))
    print(f"{prime:>12}" + "".join(f"{v:10.6f}" for v in dy))

# softmax turns a vector of scores into probabilities that add up to 1
logits = tf.constant([1.0, 2.0, 3.0])
probs = tf.nn.softmax(logits)
print()
print("softmax([1, 2, 3])       =", probs.numpy().round(6), " sum =", round(float(tf.reduce_sum(probs)), 6))
shifted = tf.nn.softmax(logits + 100)  # add the same constant to every score
print("softmax([101, 102, 103]) =", shifted.numpy().round(6), " (the same probabilities)")

# figures: f and f' on [-6, 6]
print()
x = np.linspace(-6, 6, 241)
for name, f in ACTIVATIONS.items():
    y, dy = value_and_derivative(f, x)
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot(x, y, label=f"{name}(x)")
    ax.plot(x, dy, "--", label=f"{name}'(x)  (GradientTape)")
    ax.axhline(0, color="gray", linewidth=0.5)
    ax.axvline(0, color="gray", linewidth=0.5)
    ax.set(xlabel="x", title=name)
    ax.legend()
    fig.tight_layout()
    fig.savefig(f"activations.{name}.svg")
    if name in ("sigmoid", "tanh"):
        print(f"largest {name}'(x) on [-6, 6]: {dy.max():.6f} at x = {x[dy.argmax()]:.2f}")


def first_probability(z):
    # p1 of softmax([z, 1, 0]) for every z: how the first score moves the first probability.
    scores = tf.stack([z, tf.ones_like(z), tf.zeros_like(z)], axis=1)
    return tf.nn.softmax(scores)[:, 0]


p1, dp1 = value_and_derivative(first_probability, x)
fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(x, p1, label="p1 of softmax([x, 1, 0])")
ax.plot(x, dp1, "--", label="d p1 / dx  (GradientTape)")
ax.set(xlabel="x", title="softmax")
ax.legend()
fig.tight_layout()
fig.savefig("activations.softmax.svg")
