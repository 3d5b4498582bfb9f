# A mistake: tf.where(cond) with ONE argument does not pick values, it returns the indices where cond is True.
import tensorflow as tf

a = tf.constant([1, 2, 3, 1, 1])
b = tf.constant([0, 1, 3, 4, 5])
cond = tf.greater(a, b)

wrong = tf.where(cond)  # meant: "the elements of a where a > b"
print("tf.where(cond)          :", wrong.numpy().tolist(), "shape", wrong.shape, wrong.dtype.name)

# what was meant: the elements themselves
print("tf.gather_nd(a, ...)    :", tf.gather_nd(a, wrong).numpy())  # look the indices up in a
print("tf.boolean_mask(a, cond):", tf.boolean_mask(a, cond).numpy())  # or keep a where cond is True
# and the three-argument form keeps every position, filling the others from b
print("tf.where(cond, a, b)    :", tf.where(cond, a, b).numpy())
