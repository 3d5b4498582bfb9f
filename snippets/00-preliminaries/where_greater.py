# tf.where(cond, a, b): element by element, take a where cond is True and b where it is False.
import tensorflow as tf

a = tf.constant([1, 2, 3, 1, 1])
b = tf.constant([0, 1, 3, 4, 5])

bigger = tf.greater(a, b)  # True where a > b
c = tf.where(bigger, a, b)  # so c is the element-wise maximum of a and b

print("a            :", a.numpy())
print("b            :", b.numpy())
print("greater(a, b):", bigger.numpy())
print("where(...)   :", c.numpy())
print("maximum(a, b):", tf.maximum(a, b).numpy())
