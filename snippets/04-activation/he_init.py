# Ten ReLU layers of 256 neurons, fed standardized inputs. How big are the activations after each
# layer when the initial weights have standard deviation 0.01, 1, or sqrt(2 / fan_in) (He)?
# The last column uses 2 / sqrt(fan_in), the formula some notes give instead of He's.
import math

import tensorflow as tf

FAN_IN = WIDTH = 256
DEPTH = 10
gen = tf.random.Generator.from_seed(1)  # a seeded generator: the same numbers on every run

x = gen.normal([1000, WIDTH])  # 1000 samples, each feature with mean 0 and std 1
he_std = math.sqrt(2 / FAN_IN)
print(f"inputs: mean {float(tf.reduce_mean(x)):.4f}, std {float(tf.math.reduce_std(x)):.4f}")
print(f"He initialization: std = sqrt(2 / {FAN_IN}) = {he_std:.6f}")
notes_std = 2 / math.sqrt(FAN_IN)  # sqrt(2) times He's std: twice the variance
print(f"the notes' formula: std = 2 / sqrt({FAN_IN}) = {notes_std:.6f}")

columns = {"std 0.01": 0.01, "std 1": 1.0, "He": he_std, "2/sqrt(n)": notes_std}
rms = {}
for name, std in columns.items():
    h, rms[name] = x, []
    for _ in range(DEPTH):
        w = gen.normal([FAN_IN, WIDTH], mean=0.0, stddev=std)  # biases start at 0: left out
        h = tf.nn.relu(tf.matmul(h, w))
        rms[name].append(float(tf.sqrt(tf.reduce_mean(tf.square(h)))))  # root mean square

print()
print("root mean square of the activations after each layer")
print("layer" + "".join(f"{name:>14}" for name in columns))
for layer in range(DEPTH):
    print(f"{layer + 1:5d}" + "".join(f"{rms[name][layer]:14.4e}" for name in columns))

kernel = tf.keras.initializers.HeNormal(seed=0)(shape=(FAN_IN, WIDTH))
print()
print(f"Keras HeNormal kernel ({FAN_IN}x{WIDTH}): mean {float(tf.reduce_mean(kernel)):.5f}, "
      f"std {float(tf.math.reduce_std(kernel)):.5f}, largest |w| {float(tf.reduce_max(tf.abs(kernel))):.5f}")
