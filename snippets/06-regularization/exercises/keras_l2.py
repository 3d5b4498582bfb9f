# Porting the course's penalty to Keras: 0.03 * tf.nn.l2_loss(w) next to the regularizer
# tf.keras.regularizers.L2(0.03), which some ports use as "the same 0.03". Value and gradient of each.
import tensorflow as tf

w = tf.Variable([[3.0, -4.0], [1.0, 2.0]])  # small enough to check by hand: sum of w^2 = 30
LR = 0.01  # the course's learning rate
STEPS = 400 * 10  # the course's training: 400 epochs of 10 batches
print(f"sum of w^2 = {float(tf.reduce_sum(tf.square(w))):g}, tf.nn.l2_loss(w) = {float(tf.nn.l2_loss(w)):g}")

PENALTIES = {
    "0.03 * tf.nn.l2_loss(w)": lambda: 0.03 * tf.nn.l2_loss(w),  # the course
    "tf.keras.regularizers.L2(0.03)(w)": lambda: tf.keras.regularizers.L2(0.03)(w),
    "tf.keras.regularizers.L2(0.015)(w)": lambda: tf.keras.regularizers.L2(0.015)(w),
}
print(f"\n{'penalty':36}{'value':>8}{'gradient / w':>14}{'one step keeps':>16}{'4000 steps keep':>17}")
for name, penalty in PENALTIES.items():
    with tf.GradientTape() as tape:
        value = penalty()
    per_unit = tape.gradient(value, w) / w  # the same for every entry: the gradient is c * w
    keeps = 1 - LR * float(per_unit[0, 0])  # a step of lr 0.01 multiplies w by this
    print(f"{name:36}{float(value):8.4f}{float(per_unit[0, 0]):14.4f}{keeps:16.4f}{keeps ** STEPS:17.4f}")
