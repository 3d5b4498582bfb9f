# "tf.keras.layers.LeakyReLU() is the same as tf.nn.leaky_relu": is it? Compare values and slopes
# (from tf.GradientTape) on the same inputs, and read each API's default slope for x < 0.
import inspect

import tensorflow as tf

X = tf.constant([-3.0, -1.0, 0.0, 1.0, 3.0])
CANDIDATES = {
    "tf.nn.leaky_relu(x)": tf.nn.leaky_relu,  # what dead_relu.py uses
    "LeakyReLU()": tf.keras.layers.LeakyReLU(),  # the Keras layer with its default
    "LeakyReLU(negative_slope=0.2)": tf.keras.layers.LeakyReLU(negative_slope=0.2),
    "tf.nn.leaky_relu(x, alpha=0.01)": lambda x: tf.nn.leaky_relu(x, alpha=0.01),  # many textbooks' alpha
}

print(f"{'x':>32}" + "".join(f"{v:8.1f}" for v in X.numpy()))
for name, f in CANDIDATES.items():
    with tf.GradientTape() as tape:
        tape.watch(X)
        y = f(X)
    slope = tape.gradient(y, X)
    print(f"{name:>32}" + "".join(f"{v:8.3f}" for v in y.numpy()))
    print(f"{'slope':>32}" + "".join(f"{v:8.3f}" for v in slope.numpy()))

print()
print("default alpha of tf.nn.leaky_relu:", inspect.signature(tf.nn.leaky_relu).parameters["alpha"].default)
keras_default = tf.keras.layers.LeakyReLU().get_config()["negative_slope"]
print("default negative_slope of tf.keras.layers.LeakyReLU:", keras_default)
