# Run the same 40 steps of gradient descent with three constant learning rates
# and draw w and the loss after every step.
import matplotlib.pyplot as plt
import tensorflow as tf

STEPS = 40
LEARNING_RATES = [0.2, 1.0, 0.0001]
STYLES = {0.2: "-", 1.0: "-", 0.0001: "--"}  # dashed, so lr = 1 stays visible beneath it


def descend(lr):
    # Return w and loss after each of STEPS updates, starting from w = 5.
    w = tf.Variable(5.0)
    ws, losses = [], []
    for _ in range(STEPS):
        with tf.GradientTape() as tape:
            loss = tf.square(w + 1)
        w.assign_sub(lr * tape.gradient(loss, w))
        ws.append(float(w.numpy()))
        losses.append(float(tf.square(w + 1).numpy()))
    return ws, losses


runs = {lr: descend(lr) for lr in LEARNING_RATES}

for lr in LEARNING_RATES:
    print(f"lr = {lr}: every step multiplies w + 1 by 1 - 2*lr = {1 - 2 * lr:g}")
print()
print("step" + "".join(f"{'w (lr=' + str(lr) + ')':>16}" for lr in LEARNING_RATES))
for step in range(STEPS):
    print(f"{step:4d}" + "".join(f"{runs[lr][0][step]:16.6f}" for lr in LEARNING_RATES))

fig, (ax_w, ax_loss) = plt.subplots(1, 2, figsize=(10, 3.8))
steps = range(1, STEPS + 1)
for lr, (ws, losses) in runs.items():
    ax_w.plot(steps, ws, STYLES[lr], marker=".", label=f"lr = {lr}")
    ax_loss.plot(steps, losses, STYLES[lr], marker=".", label=f"lr = {lr}")
ax_w.axhline(-1, color="gray", linestyle="--", linewidth=1)  # the optimum w = -1
ax_w.set(xlabel="step", ylabel="w after the step", title="w")
ax_loss.set(xlabel="step", ylabel="(w + 1)² after the step", title="loss", yscale="log")
ax_loss.legend()
fig.tight_layout()
fig.savefig("three_learning_rates.svg")
