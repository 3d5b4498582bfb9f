# Keras' ExponentialDecay schedule next to the hand-written formula,
# continuous and staircase, over 400 training steps.
import math

import matplotlib.pyplot as plt
import tensorflow as tf

INITIAL_LR, DECAY_STEPS, DECAY_RATE = 0.5, 10, 0.9
STEPS = range(400)


def by_hand(step, staircase):
    exponent = step / DECAY_STEPS
    if staircase:
        exponent = math.floor(exponent)  # the rate changes only every DECAY_STEPS steps
    return INITIAL_LR * DECAY_RATE ** exponent


curves = {}
for staircase in (False, True):
    schedule = tf.keras.optimizers.schedules.ExponentialDecay(
        INITIAL_LR, decay_steps=DECAY_STEPS, decay_rate=DECAY_RATE, staircase=staircase
    )
    keras_lr = [float(schedule(step)) for step in STEPS]
    hand_lr = [by_hand(step, staircase) for step in STEPS]
    name = "staircase" if staircase else "continuous"
    curves[name] = keras_lr
    gap = max(abs(k - h) for k, h in zip(keras_lr, hand_lr))
    print(f"{name:>10}: largest |Keras - formula| over {len(STEPS)} steps = {gap:.1e}")

print()
print(" step  continuous  staircase")
for step in (0, 5, 9, 10, 15, 20, 100, 200, 399):
    print(f"{step:5d}  {curves['continuous'][step]:10.6f}  {curves['staircase'][step]:9.6f}")

fig, ax = plt.subplots(figsize=(7, 3.8))
ax.plot(STEPS, curves["continuous"], label="staircase=False (continuous)")
ax.step(STEPS, curves["staircase"], where="post", label="staircase=True")
ax.set(xlabel="step", ylabel="learning rate", title="ExponentialDecay(0.5, decay_steps=10, decay_rate=0.9)")
ax.legend()
fig.tight_layout()
fig.savefig("exponential_schedule.svg")
