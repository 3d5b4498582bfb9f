# decay_tf2.py for three decay rates: at which epoch does w first get within 0.01 of -1?
import tensorflow as tf

LR_BASE = 0.2
LR_DECAYS = [1.0, 0.99, 0.9]  # 1.0: no decay, a constant rate of 0.2
EPOCHS = 200       # far more than 40, to see where w ends up
W0 = 5.0           # w at the start
TOLERANCE = 0.01   # "within 0.01 of -1": |w + 1| < TOLERANCE


def descend(lr_decay):
    # Return w and lr of every epoch, as decay_tf2.py computes them (LR_STEP = 1, no staircase).
    w = tf.Variable(tf.constant(W0, dtype=tf.float32))
    ws, lrs = [], []
    for epoch in range(EPOCHS):
        lr = LR_BASE * lr_decay ** epoch
        with tf.GradientTape() as tape:
            loss = tf.square(w + 1)
        w.assign_sub(lr * tape.gradient(loss, w))
        ws.append(float(w.numpy()))
        lrs.append(lr)
    return ws, lrs


print(f"LR_BASE = {LR_BASE}, w starts at {W0}; first epoch with |w + 1| < {TOLERANCE}:")
runs = {}
for lr_decay in LR_DECAYS:
    ws, lrs = runs[lr_decay] = descend(lr_decay)
    first = next((epoch for epoch, w in enumerate(ws) if abs(w + 1) < TOLERANCE), None)
    found = f"epoch {first}, w is {ws[first]:.6f}" if first is not None else f"never in {EPOCHS} epochs"
    print(f"  LR_DECAY = {lr_decay}: {found}")

SHOWN = 0.9  # the decay rate to look at closely
ws, lrs = runs[SHOWN]
print()
print(f"LR_DECAY = {SHOWN}:")
print("epoch          w         lr  sum of lr so far")
for epoch in (0, 5, 10, 20, 39, 100, EPOCHS - 1):
    print(f"{epoch:5d}  {ws[epoch]:9.6f}  {lrs[epoch]:9.6f}  {sum(lrs[:epoch + 1]):16.6f}")

# every epoch multiplies w + 1 by 1 - 2*lr: the product of all the factors is the part of the distance left
product = 1.0
for lr in lrs:
    product *= 1 - 2 * lr
print()
print(f"product of all factors 1 - 2*lr: {product:.6f}; (W0 + 1) times it: {(W0 + 1) * product:.6f}")
print(f"sum of all rates for ever, LR_BASE / (1 - LR_DECAY): {LR_BASE / (1 - SHOWN):.6f}")
