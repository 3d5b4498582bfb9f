# tanh is a sigmoid stretched and shifted: tanh(x) = 2 * sigmoid(2x) - 1, so tanh'(x) = 4 * sigmoid'(2x).
# Check both identities on a few inputs, with tanh' from tf.GradientTape.
import tensorflow as tf

X = tf.constant([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0], dtype=tf.float64)

with tf.GradientTape() as tape:
    tape.watch(X)
    tanh = tf.math.tanh(X)
tanh_prime = tape.gradient(tanh, X)  # from the tape: no formula typed in

s = tf.nn.sigmoid(2 * X)
from_sigmoid = 2 * s - 1
four_sigmoid_prime = 4 * s * (1 - s)  # 4 * sigmoid'(2x), with sigmoid' = sigmoid * (1 - sigmoid)

print("s = sigmoid")
print("".join(f"{title:>12}" for title in ("x", "tanh(x)", "2s(2x) - 1", "tanh'(x)", "4s'(2x)")))
for row in zip(X.numpy(), tanh.numpy(), from_sigmoid.numpy(), tanh_prime.numpy(), four_sigmoid_prime.numpy()):
    print(f"{row[0]:12.1f}" + "".join(f"{v:12.6f}" for v in row[1:]))
s0 = float(tf.nn.sigmoid(0.0))
print(f"sigmoid'(0) = {s0 * (1 - s0)}, so the largest tanh' is 4 * {s0 * (1 - s0)} = {4 * s0 * (1 - s0)}")
print("largest difference, values:     ", float(tf.reduce_max(tf.abs(tanh - from_sigmoid))))
print("largest difference, derivatives:", float(tf.reduce_max(tf.abs(tanh_prime - four_sigmoid_prime))))
