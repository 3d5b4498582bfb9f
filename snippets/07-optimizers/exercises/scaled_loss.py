# tf.reduce_sum in place of the course's tf.reduce_mean: over a batch of 32 rows and 3 classes the loss, and
# every gradient, become 96 times larger. How does the first step of each optimizer change? The Keras
# classes with the settings that match the course's hand-written optimizers (the page's summary table).
import tensorflow as tf

SCALE = 32 * 3
G = tf.constant([0.5, -0.02, 3e-4])  # one gradient: a large, a small and a tiny component


def optimizers():
    return {
        "SGD": tf.keras.optimizers.SGD(learning_rate=0.1),
        "SGDM": tf.keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
        "Adagrad": tf.keras.optimizers.Adagrad(0.1, initial_accumulator_value=0.0, epsilon=0.0),
        "RMSProp": tf.keras.optimizers.RMSprop(0.1, epsilon=0.0),
        "AdaDelta": tf.keras.optimizers.Adadelta(learning_rate=1.0, epsilon=1e-6),
        "Adam": tf.keras.optimizers.Adam(0.1, epsilon=0.0),
    }


def first_step(optimizer, g):
    w = tf.Variable(tf.zeros(3))
    optimizer.apply_gradients([(g, w)])
    return -w.numpy()  # w started at 0, so -w is the step


print(f"{'':9}{'first step for the gradient g':>36}{'step for 96 g / step for g':>36}")
for (name, small), big in zip(optimizers().items(), optimizers().values()):
    step, step_big = first_step(small, G), first_step(big, SCALE * G)
    print(f"{name:9}" + "".join(f"{v:12.6f}" for v in step) + "".join(f"{v:12.4f}" for v in step_big / step))
