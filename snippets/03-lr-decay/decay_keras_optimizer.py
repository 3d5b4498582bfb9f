# The decay table again, this time letting Keras compute the learning rate:
# an ExponentialDecay schedule handed to the SGD optimizer.
import tensorflow as tf

schedule = tf.keras.optimizers.schedules.ExponentialDecay(
    initial_learning_rate=0.2,  # LR_BASE
    decay_steps=1,              # LR_STEP
    decay_rate=0.99,            # LR_DECAY
)
optimizer = tf.keras.optimizers.SGD(learning_rate=schedule)

w = tf.Variable(tf.constant(5, dtype=tf.float32))

for epoch in range(40):
    lr = schedule(optimizer.iterations)  # the rate this update will use
    with tf.GradientTape() as tape:
        loss = tf.square(w + 1)
    grad = tape.gradient(loss, w)
    optimizer.apply_gradients([(grad, w)])  # also adds 1 to optimizer.iterations
    print("After %s epoch,w is %f,loss is %f,lr is %f" % (epoch, w.numpy(), loss, lr))
