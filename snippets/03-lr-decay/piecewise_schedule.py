# Keras' PiecewiseConstantDecay next to a hand-written lookup, over 400 steps.
import matplotlib.pyplot as plt
import tensorflow as tf

BOUNDARIES = [100, 200, 300]
VALUES = [0.1, 0.05, 0.025, 0.001]  # one more value than boundaries
STEPS = range(400)


def by_hand(step):
    # values[i] holds while step <= boundaries[i]; past the last boundary, the last value
    for boundary, value in zip(BOUNDARIES, VALUES):
        if step <= boundary:
            return value
    return VALUES[-1]


schedule = tf.keras.optimizers.schedules.PiecewiseConstantDecay(BOUNDARIES, VALUES)
keras_lr = [float(schedule(step)) for step in STEPS]
hand_lr = [by_hand(step) for step in STEPS]
gap = max(abs(k - h) for k, h in zip(keras_lr, hand_lr))
print(f"largest |Keras - lookup| over {len(STEPS)} steps = {gap:.1e}")
print()
print(" step  learning rate")
for step in (0, 99, 100, 101, 200, 201, 300, 301, 399):
    print(f"{step:5d}  {keras_lr[step]:.6f}")

fig, ax = plt.subplots(figsize=(7, 3.8))
ax.step(STEPS, keras_lr, where="post")
ax.set(xlabel="step", ylabel="learning rate",
       title="PiecewiseConstantDecay([100, 200, 300], [0.1, 0.05, 0.025, 0.001])")
fig.tight_layout()
fig.savefig("piecewise_schedule.svg")
