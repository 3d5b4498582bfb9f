# One neuron, one sample x = 1 with label y_ = 1, squared error: loss(w) = (f(w * x) - y_)^2.
# Is this loss convex in w? A convex loss has loss''(w) >= 0 at every w. Ask tf.GradientTape for
# loss'' (a tape inside a tape), once with the sigmoid and once with no activation at all, f(z) = z.
import tensorflow as tf

X, Y_ = 1.0, 1.0


def loss_and_derivatives(activation, w):
    w = tf.constant(w, dtype=tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(w)
        with tf.GradientTape() as inner:
            inner.watch(w)
            output = activation(w * X)  # the neuron's output moves in one direction as w grows
            loss = tf.square(output - Y_)
        first = inner.gradient(loss, w)
    second = outer.gradient(first, w)
    return float(output), float(loss), float(first), float(second)


weights = [-4.0, -2.0, -1.0, -0.5, 0.0, 2.0]
for name, activation in (("sigmoid", tf.nn.sigmoid), ("none (f(z) = z)", tf.identity)):
    print(f"activation: {name}")
    print("".join(f"{title:>11}" for title in ("w", "output", "loss", "loss'", "loss''")))
    for w in weights:
        output, loss, first, second = loss_and_derivatives(activation, w)
        print(f"{w:11.1f}" + "".join(f"{v:11.6f}" for v in (output, loss, first, second)))
    print()
