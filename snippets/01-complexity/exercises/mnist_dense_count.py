# The 784-128-10 network: layers, parameters and multiply-adds counted by hand, then checked with Keras.
import tensorflow as tf

SIZES = [784, 128, 10]  # 28 x 28 = 784 pixels in, 128 hidden neurons, 10 classes out
BYTES_PER_NUMBER = 4  # a float32 parameter takes 4 bytes

params = mult_adds = 0
for n_in, n_out in zip(SIZES[:-1], SIZES[1:]):
    print(f"by hand, layer {n_in} -> {n_out}: {n_in}*{n_out} + {n_out} = {n_in * n_out + n_out} parameters, "
          f"{n_in * n_out} multiply-adds")
    params += n_in * n_out + n_out
    mult_adds += n_in * n_out
print(f"by hand: {len(SIZES) - 1} layers, {params} parameters, {mult_adds} multiply-adds per sample")

model = tf.keras.Sequential([
    tf.keras.Input(shape=(SIZES[0],)),
    tf.keras.layers.Dense(SIZES[1], activation="relu"),
    tf.keras.layers.Dense(SIZES[2], activation="softmax"),
])
for number, layer in enumerate(model.layers, start=1):
    print(f"Keras, layer {number}: kernel {tuple(layer.kernel.shape)}, bias {tuple(layer.bias.shape)}, "
          f"count_params() = {layer.count_params()}")
print(f"Keras: {len(model.layers)} layers, count_params() = {model.count_params()}")
print(f"as float32 the parameters take {model.count_params() * BYTES_PER_NUMBER} bytes")
