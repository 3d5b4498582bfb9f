# Stack n tanh layers, y = tanh(tanh(...tanh(x))), and let tf.GradientTape compute dy/dx,
# next to the sigmoid chain of the lesson. The chain rule multiplies one tanh'(.) per layer.
import tensorflow as tf


def chain_gradient(activation, x, depth):
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        h = x
        for _ in range(depth):
            h = activation(h)
    return float(tape.gradient(h, x))


print(f"{'layers':>6}  {'sigmoid from 0':>14}  {'tanh from 0':>11}  {'tanh from 1':>11}")
for depth in (1, 2, 3, 5, 10, 20, 30):
    sigmoid_grad = chain_gradient(tf.nn.sigmoid, 0.0, depth)  # start at 0, where sigmoid' is largest
    tanh_from_0 = chain_gradient(tf.math.tanh, 0.0, depth)  # was the relu chain; now tanh from 0
    tanh_from_1 = chain_gradient(tf.math.tanh, 1.0, depth)  # new: tanh from 1
    print(f"{depth:>6}  {sigmoid_grad:14.6e}  {tanh_from_0:11.6f}  {tanh_from_1:11.6f}")
