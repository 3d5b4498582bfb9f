# Space and time complexity of a fully connected network, counted by hand and checked with Keras.
# Changed from count_complexity.py: the network taken apart layer by layer is now 784-128-128-10, and the table
# compares 784-128-10 with a wider network (256 hidden neurons) and a deeper one (a second hidden layer of 128).
import tensorflow as tf


def complexity(sizes):
    # For layer sizes [inputs, hidden..., outputs], return (layers, parameters, multiply-adds).
    #
    # The input layer does no computation, so it is not counted as a layer.
    # A layer with n_in inputs and n_out neurons has n_in * n_out weights and n_out biases,
    # and it does n_in * n_out multiply-adds for one sample.
    pairs = list(zip(sizes[:-1], sizes[1:]))  # (n_in, n_out) of every layer that computes
    weights = sum(n_in * n_out for n_in, n_out in pairs)
    biases = sum(n_out for _, n_out in pairs)
    return len(pairs), weights + biases, weights


def keras_model(sizes):
    # The same network built with Keras: one Dense layer per computing layer.
    layers = [tf.keras.Input(shape=(sizes[0],))]
    layers += [tf.keras.layers.Dense(n, activation="relu") for n in sizes[1:-1]]
    layers.append(tf.keras.layers.Dense(sizes[-1]))
    return tf.keras.Sequential(layers)


if __name__ == "__main__":
    sizes = [784, 128, 128, 10]  # changed: was [3, 4, 2]
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        print(f"layer {n_in} -> {n_out}: {n_in}*{n_out} weights + {n_out} biases = {n_in * n_out + n_out} "
              f"parameters, {n_in * n_out} multiply-adds")
    layers, params, mult_adds = complexity(sizes)
    print(f"network {sizes}: {layers} layers, {params} parameters, {mult_adds} multiply-adds")

    model = keras_model(sizes)
    print("Keras, per layer:", [layer.count_params() for layer in model.layers])
    print("Keras count_params():", model.count_params())

    print()
    print(f"{'network':<21}{'layers':>7}{'parameters':>12}{'multiply-adds':>15}{'count_params()':>16}")
    for sizes in ([784, 128, 10], [784, 256, 10], [784, 128, 128, 10]):  # changed: base, wider, deeper
        layers, params, mult_adds = complexity(sizes)
        keras_params = keras_model(sizes).count_params()
        print(f"{str(sizes):<21}{layers:>7}{params:>12}{mult_adds:>15}{keras_params:>16}")
