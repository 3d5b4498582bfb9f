# Feature maps grow with the batch, parameters do not: the 784-128-10 network on batches of several sizes.
import tensorflow as tf

SIZES = [784, 128, 10]
BATCHES = [1, 32, 737, 738]

model = tf.keras.Sequential([
    tf.keras.Input(shape=(SIZES[0],)),
    tf.keras.layers.Dense(SIZES[1], activation="relu"),
    tf.keras.layers.Dense(SIZES[2], activation="softmax"),
])
per_sample = sum(SIZES[1:])  # the outputs of the layers that compute, kept for backpropagation
mult_adds = sum(n_in * n_out for n_in, n_out in zip(SIZES[:-1], SIZES[1:]))
print(f"per sample: {per_sample} feature-map numbers, {mult_adds} multiply-adds")

print(f"{'batch':>6}{'feature maps':>14}{'count_params()':>16}{'multiply-adds':>15}")
for batch in BATCHES:
    x = tf.zeros((batch, SIZES[0]))
    stored = 0
    for layer in model.layers:  # run the batch through, layer by layer, and measure every output
        x = layer(x)
        stored += int(tf.size(x))
    print(f"{batch:>6}{stored:>14}{model.count_params():>16}{batch * mult_adds:>15}")

first = model.count_params() // per_sample + 1
print(f"from a batch of {first} on, the feature maps hold more numbers than the {model.count_params()} parameters")
