# A naive count of the 3-4-2 network (the input layer as a layer, a bias on every neuron) against Keras.
import tensorflow as tf

SIZES = [3, 4, 2]

weights = sum(n_in * n_out for n_in, n_out in zip(SIZES[:-1], SIZES[1:]))
print(f"naive count: {len(SIZES)} layers, {weights} weights + {sum(SIZES)} biases = {weights + sum(SIZES)} parameters")

model = tf.keras.Sequential([
    tf.keras.Input(shape=(SIZES[0],)),  # describes the inputs; it holds no weights and computes nothing
    tf.keras.layers.Dense(SIZES[1], activation="relu"),
    tf.keras.layers.Dense(SIZES[2]),
])
print("Keras: len(model.layers) =", len(model.layers))
for number, layer in enumerate(model.layers, start=1):
    print(f"  layer {number}: kernel {tuple(layer.kernel.shape)}, bias {tuple(layer.bias.shape)}, "
          f"count_params() = {layer.count_params()}")
print("Keras: model.count_params() =", model.count_params())
print(f"the naive count has {sum(SIZES) - sum(SIZES[1:])} biases too many: one per input, and inputs compute nothing")
