# softmax of the scores (1, 2, 3): shifted by a constant, then multiplied by 10 and by 0.1.
# Only the differences between the scores matter, so a shift changes nothing; does a scale?
import math

import tensorflow as tf

SCORES = tf.constant([1.0, 2.0, 3.0])
VARIANTS = {  # name -> the scores given to softmax
    "z": SCORES,
    "z + 100": SCORES + 100,
    "10 * z": 10 * SCORES,
    "0.1 * z": 0.1 * SCORES,
}

print(f"{'scores':>8}  {'p1':>12}  {'p2':>12}  {'p3':>12}  {'p3 / p2':>12}")
for name, z in VARIANTS.items():
    p = tf.nn.softmax(z).numpy()
    print(f"{name:>8}  " + "  ".join(f"{v:12.6g}" for v in p) + f"  {p[2] / p[1]:12.6g}")

# p3 / p2 = e^(z3 - z2): it depends on the gap between the two scores and on nothing else
for gap in (1.0, 10.0, 0.1):
    print(f"e^{gap:g} = {math.exp(gap):.6g}")
