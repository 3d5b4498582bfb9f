# decay_tf2.py started with a learning rate that is far too large: LR_BASE = 1.2 (changed: LR_BASE and EPOCHS).
import tensorflow as tf

LR_BASE = 1.2      # changed from 0.2: learning rate at epoch 0
LR_DECAY = 0.99    # each epoch multiplies the rate by LR_DECAY ** (1 / LR_STEP)
LR_STEP = 1        # the epochs over which the rate shrinks by one whole factor LR_DECAY
STAIRCASE = False  # True: the rate drops only every LR_STEP epochs, by a whole factor LR_DECAY
EPOCHS = 60        # changed from 40: epoch = 0, 1, ..., EPOCHS - 1
W0 = 5.0           # w at the start

w = tf.Variable(tf.constant(W0, dtype=tf.float32))

for epoch in range(EPOCHS):
    exponent = epoch // LR_STEP if STAIRCASE else epoch / LR_STEP
    lr = LR_BASE * LR_DECAY ** exponent
    with tf.GradientTape() as tape:
        loss = tf.square(w + 1)
    grad = tape.gradient(loss, w)
    w.assign_sub(lr * grad)
    # w is printed after the update, loss as computed before it
    print("After %s epoch,w is %f,loss is %f,lr is %f" % (epoch, w.numpy(), loss, lr))
