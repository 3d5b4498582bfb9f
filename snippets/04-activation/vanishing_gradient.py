# Stack n sigmoid layers, y = sigmoid(sigmoid(...sigmoid(x))), and let tf.GradientTape compute dy/dx.
# The chain rule multiplies one sigmoid'(.) per layer, and sigmoid' is never above 0.25.
import tensorflow as tf


def chain_gradient(activation, x, depth):
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        h = x
        for _ in range(depth):
            h = activation(h)
    return float(tape.gradient(h, x))


print(f"{'layers':>6}  {'sigmoid chain':>13}  {'0.25 ** layers':>14}  {'relu chain':>10}")
for depth in (1, 2, 3, 5, 10, 20, 30):
    sigmoid_grad = chain_gradient(tf.nn.sigmoid, 0.0, depth)  # start at 0, where sigmoid' is largest
    relu_grad = chain_gradient(tf.nn.relu, 1.0, depth)  # any positive start: relu' = 1 in every layer
    print(f"{depth:>6}  {sigmoid_grad:13.6e}  {0.25**depth:14.6e}  {relu_grad:10.6f}")
