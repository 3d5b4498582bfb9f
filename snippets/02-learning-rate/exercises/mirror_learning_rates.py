# Gradient descent on loss = (w + 1)^2 with lr = 0.4 and with lr = 0.6:
# which one gets closer to the optimum w = -1?
import tensorflow as tf

LEARNING_RATES = [0.4, 0.6]
W0 = 5.0    # w at the start
STEPS = 8


def descend(lr):
    # Return w after each of STEPS updates, starting from W0.
    w = tf.Variable(W0)
    ws = []
    for _ in range(STEPS):
        with tf.GradientTape() as tape:
            loss = tf.square(w + 1)
        w.assign_sub(lr * tape.gradient(loss, w))
        ws.append(float(w.numpy()))
    return ws


runs = {lr: descend(lr) for lr in LEARNING_RATES}

for lr in LEARNING_RATES:
    print(f"lr = {lr}: every step multiplies w + 1 by 1 - 2*lr = {1 - 2 * lr:.1f}")
print()
print("step  w (lr=0.4)  w (lr=0.6)  |w + 1| (lr=0.4)  |w + 1| (lr=0.6)")
for step in range(STEPS):
    w_a, w_b = runs[0.4][step], runs[0.6][step]
    print(f"{step:4d}  {w_a:10.6f}  {w_b:10.6f}  {abs(w_a + 1):16.6f}  {abs(w_b + 1):16.6f}")
