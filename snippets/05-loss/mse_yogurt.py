# Predict daily yogurt sales y from two factors x1, x2 with y = x1*w1[0] + x2*w1[1],
# trained with the mean squared error on 32 made-up days where sales were x1 + x2 plus a little noise.
import numpy as np
import tensorflow as tf

SEED = 23455
EPOCHS = 15000
LR = 0.002

rdm = np.random.RandomState(seed=SEED)
x = rdm.rand(32, 2)  # 32 days, two factors in [0, 1)
y_ = [[x1 + x2 + (rdm.rand() / 10 - 0.05)] for (x1, x2) in x]  # true sales: x1 + x2, noise in [-0.05, 0.05)
x = tf.cast(x, dtype=tf.float32)

w1 = tf.Variable(tf.random.normal([2, 1], stddev=1, seed=1))
print("Initial w1 =", w1.numpy().ravel())

for epoch in range(EPOCHS):
    with tf.GradientTape() as tape:
        y = tf.matmul(x, w1)
        loss_mse = tf.reduce_mean(tf.square(y_ - y))
    grads = tape.gradient(loss_mse, w1)
    w1.assign_sub(LR * grads)
    if epoch % 500 == 0:
        print("After %5d epochs, w1 = %s" % (epoch, w1.numpy().ravel()))

print("Final w1 =", w1.numpy().ravel())
y = tf.matmul(x, w1)
print("final loss, reduce_mean(square):", tf.reduce_mean(tf.square(y_ - y)).numpy())
print("final loss, keras.losses.MSE   :", tf.reduce_mean(tf.keras.losses.MSE(y_, y)).numpy())

# the best w1 for these 32 days (smallest possible MSE), solved directly instead of by training
best, *_ = np.linalg.lstsq(x.numpy(), np.array(y_, dtype=np.float32), rcond=None)
print("least-squares w1 =", best.ravel())
