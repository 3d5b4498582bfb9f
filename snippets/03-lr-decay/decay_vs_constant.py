# Mini-batch gradient descent on noisy data: a large constant learning rate gets close fast
# and then jitters, a small one is slow, exponential decay gets both speed and precision.
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

SAMPLES, BATCH_SIZE, EPOCHS = 256, 8, 30
STEPS_PER_EPOCH = SAMPLES // BATCH_SIZE  # 32 batches per pass over the data

# 256 noisy measurements of -1, shifted so that their mean is exactly -1:
# the loss over all of them, mean((w - targets)^2), is (w + 1)^2 plus a constant, smallest at w = -1
noise = np.random.RandomState(0).normal(0.0, 2.0, SAMPLES)
targets = (-1.0 + noise - noise.mean()).astype(np.float32)

LR_BASE = 0.2
LR_DECAY = 0.8
LR_STEP = SAMPLES // BATCH_SIZE  # counted in batches: one full factor of LR_DECAY per epoch
SCHEDULES = {
    "constant lr = 0.2": lambda step: 0.2,
    "constant lr = 0.01": lambda step: 0.01,
    "decay from 0.2": lambda step: LR_BASE * LR_DECAY ** (step / LR_STEP),
}


def train(schedule):
    # Return the RMS of |w + 1| over the steps of each epoch, and the rate of every step.
    shuffle = np.random.RandomState(1)  # the same batches, in the same order, for every schedule
    w = tf.Variable(5.0)
    step, rms, rates = 0, [], []
    for _ in range(EPOCHS):
        order = shuffle.permutation(SAMPLES)
        squares = []
        for start in range(0, SAMPLES, BATCH_SIZE):
            batch = targets[order[start:start + BATCH_SIZE]]
            lr = schedule(step)
            rates.append(lr)
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(w - batch))  # the loss on this batch only
            w.assign_sub(lr * tape.gradient(loss, w))
            squares.append((float(w) + 1) ** 2)
            step += 1
        rms.append(np.sqrt(np.mean(squares)))
    return rms, rates


runs = {name: train(schedule) for name, schedule in SCHEDULES.items()}

print(f"{SAMPLES} samples, batch size {BATCH_SIZE}: {STEPS_PER_EPOCH} steps per epoch, LR_STEP = {LR_STEP}")
print("RMS of |w + 1| over the steps of each epoch, and the decaying rate at the start of the epoch")
print()
print("epoch  lr = 0.2  lr = 0.01  decay: |w + 1|  decay: lr")
decay_rms, decay_rates = runs["decay from 0.2"]
for epoch in (1, 2, 5, 10, 15, 20, 25, 30):
    i = epoch - 1
    print(
        f"{epoch:5d}  {runs['constant lr = 0.2'][0][i]:8.6f}  {runs['constant lr = 0.01'][0][i]:8.6f}"
        f"  {decay_rms[i]:14.6f}  {decay_rates[i * STEPS_PER_EPOCH]:9.6f}"
    )

fig, (ax_lr, ax_dist) = plt.subplots(1, 2, figsize=(10, 3.8), sharex=True)
epochs = range(1, EPOCHS + 1)
for name, (rms, rates) in runs.items():
    # the rate at the first step of each epoch, as in the table: the same epochs 1 to 30 in both panels
    ax_lr.plot(epochs, rates[::STEPS_PER_EPOCH], marker=".", label=name)
    ax_dist.plot(epochs, rms, marker=".", label=name)
ax_lr.set(xlabel="epoch", ylabel="learning rate at the start of the epoch", title="learning rate", yscale="log")
ax_dist.set(xlabel="epoch", ylabel="RMS of |w + 1| over the epoch", title="distance to the optimum", yscale="log")
ax_dist.legend()
fig.tight_layout()
fig.savefig("decay_vs_constant.svg")
