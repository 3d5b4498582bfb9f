# decay_steps counts updates, not epochs: the mini-batch experiment's schedule with
# decay_steps = 32 (one factor 0.8 per epoch of 32 batches) and, by mistake, decay_steps = 1.
import math

import tensorflow as tf

LR_BASE, LR_DECAY = 0.2, 0.8
STEPS_PER_EPOCH = 32   # 256 samples in batches of 8
THRESHOLD = 0.01       # the small constant rate of the experiment


def by_hand(step, decay_steps):
    return LR_BASE * LR_DECAY ** (step / decay_steps)


def first_step_below(decay_steps):
    # LR_BASE * LR_DECAY ** (n / decay_steps) < THRESHOLD
    # <=>  n > decay_steps * ln(LR_BASE / THRESHOLD) / ln(1 / LR_DECAY)
    bound = decay_steps * math.log(LR_BASE / THRESHOLD) / math.log(1 / LR_DECAY)
    return bound, math.floor(bound) + 1


schedules = {
    decay_steps: tf.keras.optimizers.schedules.ExponentialDecay(LR_BASE, decay_steps, LR_DECAY)
    for decay_steps in (STEPS_PER_EPOCH, 1)
}

print(" step  epoch  decay_steps=32  decay_steps=1")
gap = 0.0
for step in (0, 1, 14, 32, 64, 430):
    keras = [float(schedules[d](step)) for d in schedules]
    gap = max([gap] + [abs(k - by_hand(step, d)) for k, d in zip(keras, schedules)])
    print(f"{step:5d}  {step // STEPS_PER_EPOCH + 1:5d}  {keras[0]:14.6f}  {keras[1]:13.3e}")
print(f"largest |Keras - by hand| in this table: {gap:.1e}")

print()
for decay_steps, schedule in schedules.items():
    bound, n = first_step_below(decay_steps)
    keras_n = next(step for step in range(10_000) if float(schedule(step)) < THRESHOLD)
    print(f"decay_steps={decay_steps}: rate below {THRESHOLD} from step n > {bound:.2f}, so step {n} "
          f"(epoch {n // STEPS_PER_EPOCH + 1}); Keras: step {keras_n}")
