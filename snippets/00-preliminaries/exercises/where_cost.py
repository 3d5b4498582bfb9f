# tf.where(cond, a, b) with a different formula on each side of the condition: tf.maximum cannot do this.
import tensorflow as tf

COST = 1  # changed: the cost of one unit stocked but not sold (a > b)
PROFIT = 99  # changed: the profit lost on one unit that was asked for but not stocked (a <= b)

a = tf.constant([1, 2, 3, 1, 1])  # units stocked
b = tf.constant([0, 1, 3, 4, 5])  # units asked for

bigger = tf.greater(a, b)  # True where a > b
c = tf.where(bigger, COST * (a - b), PROFIT * (b - a))  # changed: two formulas instead of a and b themselves

print("a            :", a.numpy())
print("b            :", b.numpy())
print("greater(a, b):", bigger.numpy())
print("where(...)   :", c.numpy())
print("sum of c     :", tf.reduce_sum(c).numpy())  # changed: the total, instead of tf.maximum(a, b)
