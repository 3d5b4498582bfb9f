# A constant gradient g, step after step: the course's moving average m_t = BETA * m_(t-1) + (1 - BETA) * g
# starts at 0 and only slowly reaches g. Its size after t steps, by the formula and by running it, next to
# Keras' classic momentum (SGD with momentum=0.9) and to Adam's corrected m_t / (1 - BETA^t).
import math

import tensorflow as tf

BETA = 0.9
LR = 0.1
G = 1.0  # the constant gradient

t_90 = math.ceil(math.log(1 - 0.9) / math.log(BETA))  # the first t with 1 - BETA^t >= 0.9
print(f"1 - BETA^t >= 0.9 from t = log(0.1) / log(BETA) = {math.log(0.1) / math.log(BETA):.2f}, so t = {t_90}")

m = tf.Variable(0.0)  # the course's first moment
w = tf.Variable(0.0)  # a weight moved by Keras' SGD with momentum
keras_sgdm = tf.keras.optimizers.SGD(learning_rate=LR, momentum=BETA)
print(f"{'t':>3}{'1 - BETA^t':>12}{'course m_t':>12}{'Keras step / LR':>17}{'m_t / (1 - BETA^t)':>20}")
for t in range(1, 51):
    m.assign(BETA * m + (1 - BETA) * G)
    before = w.numpy()
    keras_sgdm.apply_gradients([(tf.constant(G), w)])
    if t in (1, 2, 5, 10, t_90, 50):
        print(f"{t:3d}{1 - BETA ** t:12.6f}{m.numpy():12.6f}{(before - w.numpy()) / LR:17.6f}"
              f"{m.numpy() / (1 - BETA ** t):20.6f}")
