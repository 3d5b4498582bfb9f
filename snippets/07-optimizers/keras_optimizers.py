# Each hand-written optimizer next to the tf.keras.optimizers class that does the same job,
# from the same data and the same start: first the class with the course's settings, then
# with the settings that make it compute what the hand-written version computes.
import numpy as np
import tensorflow as tf
from sklearn import datasets

LR = 0.1
EPOCHS = 500
BETA = 0.9  # SGDM, Nesterov and RMSProp
BETA1, BETA2 = 0.9, 0.999  # Adam
RHO = 0.95  # AdaDelta



def sgd(g, s, t, lr, eps):
    return lr * g  # m_t = g_t, V_t = 1


def sgdm(g, s, t, lr, eps):
    s["m"].assign(BETA * s["m"] + (1 - BETA) * g)  # m_t: moving average of the gradients
    return lr * s["m"]


def nesterov(g, s, t, lr, eps):
    # The variable holds the look-ahead point w - lr * BETA * m, so g is the gradient taken there;
    # this step carries the look-ahead point to the next one.
    s["m"].assign(BETA * s["m"] + (1 - BETA) * g)
    return lr * (BETA * s["m"] + (1 - BETA) * g)


def adagrad(g, s, t, lr, eps):
    s["V"].assign(s["V"] + tf.square(g))  # V_t: sum of all squared gradients so far
    return lr * g / (tf.sqrt(s["V"]) + eps)


def rmsprop(g, s, t, lr, eps):
    s["V"].assign(BETA * s["V"] + (1 - BETA) * tf.square(g))  # V_t: moving average of g^2
    return lr * g / (tf.sqrt(s["V"]) + eps)


def adadelta(g, s, t, lr, eps):
    s["V"].assign(RHO * s["V"] + (1 - RHO) * tf.square(g))
    step = tf.sqrt(s["U"] + eps) / tf.sqrt(s["V"] + eps) * g  # U sets the size: no learning rate needed
    s["U"].assign(RHO * s["U"] + (1 - RHO) * tf.square(step))  # U_t: moving average of squared steps
    return lr * step  # lr = 1 is the original method


def adam(g, s, t, lr, eps):
    s["m"].assign(BETA1 * s["m"] + (1 - BETA1) * g)
    s["V"].assign(BETA2 * s["V"] + (1 - BETA2) * tf.square(g))
    m_hat = s["m"] / (1 - BETA1 ** t)  # bias corrections: t starts at 1 (t = 0 would divide by 0)
    V_hat = s["V"] / (1 - BETA2 ** t)
    return lr * m_hat / (tf.sqrt(V_hat) + eps)


# The iris data and the common start, exactly as in optimizers.py.
x_data = datasets.load_iris().data  # 150 flowers, 4 features
y_data = datasets.load_iris().target  # 3 classes
np.random.seed(116)  # the same seed before each shuffle keeps every flower with its label
np.random.shuffle(x_data)
np.random.seed(116)
np.random.shuffle(y_data)
tf.random.set_seed(116)

x_train, y_train = tf.cast(x_data[:-30], tf.float32), y_data[:-30]  # first 120 rows
x_test, y_test = tf.cast(x_data[-30:], tf.float32), y_data[-30:]  # last 30 rows
train_batches = list(tf.data.Dataset.from_tensor_slices((x_train, y_train)).batch(32))  # 32 + 32 + 32 + 24

# One layer, 4 inputs -> 3 outputs. Every optimizer starts from these same numbers.
W1_START = tf.random.truncated_normal([4, 3], stddev=0.1, seed=1)
B1_START = tf.random.truncated_normal([3], stddev=0.1, seed=1)



def train_side_by_side(makers):
    # Train one copy of the model per implementation, side by side, all from the common start.
    # Each maker turns [w1, b1] into update(grads, t), which changes w1 and b1 in place.
    # Returns, per copy: the weights after epoch 1 and at the end, the final loss, and the first
    # epoch with test accuracy 1.0.
    models = [[tf.Variable(W1_START), tf.Variable(B1_START)] for _ in makers]
    updates = [make(model) for make, model in zip(makers, models)]

    @tf.function
    def train_epoch(t):
        losses, correct = [], []
        for (w1, b1), update in zip(models, updates):  # the copies do not interact
            batch_losses = []
            for i, (x, y) in enumerate(train_batches):
                with tf.GradientTape() as tape:
                    y_pred = tf.nn.softmax(tf.matmul(x, w1) + b1)
                    loss = tf.reduce_mean(tf.square(tf.one_hot(y, depth=3) - y_pred))
                update(tape.gradient(loss, [w1, b1]), t + i + 1)
                batch_losses.append(loss)
            losses.append(tf.add_n(batch_losses) / 4)
            pred = tf.argmax(tf.nn.softmax(tf.matmul(x_test, w1) + b1), axis=1)
            correct.append(tf.reduce_sum(tf.cast(tf.equal(pred, y_test), tf.int32)))
        return tf.stack(losses), tf.stack(correct)

    snapshots, first_perfect = [], ["never"] * len(makers)
    for epoch in range(EPOCHS):
        losses, correct = train_epoch(tf.constant(epoch * len(train_batches), tf.float32))
        if epoch in (0, EPOCHS - 1):
            snapshots.append([np.concatenate([w1.numpy().ravel(), b1.numpy()]) for w1, b1 in models])
        for i, c in enumerate(correct.numpy()):
            if first_perfect[i] == "never" and c == len(y_test):
                first_perfect[i] = str(epoch)
    return [(w_1, w_end, float(loss), perfect) for w_1, w_end, loss, perfect
            in zip(snapshots[0], snapshots[1], losses.numpy(), first_perfect)]


def by_hand(function, lr, eps):
    def make_update(variables):
        memory = [{k: tf.Variable(tf.zeros_like(v)) for k in ("m", "V", "U")} for v in variables]

        def update(grads, t):
            for var, g, s in zip(variables, grads, memory):
                var.assign_sub(function(g, s, t, lr, eps))
        return update
    return make_update


def with_keras(optimizer):
    def make_update(variables):
        optimizer.build(variables)  # create its slots (momentum, accumulators) before tracing
        return lambda grads, t: optimizer.apply_gradients(zip(grads, variables))
    return make_update


K = tf.keras.optimizers
COMPARISONS = {  # name: (hand-written function, lr, eps), [(Keras class, its arguments), ...]
    "SGD": ((sgd, 0.1, 0.0), [(K.SGD, {"learning_rate": 0.1})]),
    "SGDM": ((sgdm, 0.1, 0.0), [(K.SGD, {"learning_rate": 0.1, "momentum": 0.9}),
                                (K.SGD, {"learning_rate": 0.01, "momentum": 0.9})]),
    "Nesterov": ((nesterov, 0.1, 0.0), [(K.SGD, {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
                                        (K.SGD, {"learning_rate": 0.01, "momentum": 0.9, "nesterov": True})]),
    "Adagrad": ((adagrad, 0.1, 0.0), [(K.Adagrad, {"learning_rate": 0.1}),
                                      (K.Adagrad, {"learning_rate": 0.1, "initial_accumulator_value": 0.0,
                                                   "epsilon": 0.0})]),
    "RMSProp": ((rmsprop, 0.1, 0.0), [(K.RMSprop, {"learning_rate": 0.1}),
                                      (K.RMSprop, {"learning_rate": 0.1, "epsilon": 0.0})]),
    "AdaDelta": ((adadelta, 1.0, 1e-6), [(K.Adadelta, {"learning_rate": 0.1}),
                                         (K.Adadelta, {"learning_rate": 1.0, "epsilon": 1e-6})]),
    "Adam": ((adam, 0.1, 0.0), [(K.Adam, {"learning_rate": 0.1}),
                                (K.Adam, {"learning_rate": 0.1, "epsilon": 0.0})]),
}

print("Defaults of the Keras classes (the arguments not passed below take these values):")
for cls in (K.SGD, K.Adagrad, K.RMSprop, K.Adadelta, K.Adam):
    config = cls().get_config()
    keys = [k for k in ("learning_rate", "momentum", "nesterov", "initial_accumulator_value", "rho",
                        "beta_1", "beta_2", "epsilon") if k in config]
    # np.floating too: Keras 2 reports rates as float32 (0.009999999776482582), which :g prints as 0.01
    print(f"  {cls.__name__:9}" + ", ".join(f"{k}={config[k]:g}" if isinstance(config[k], (float, np.floating))
                                          else f"{k}={config[k]}" for k in keys))

print(f"\n{'':82}{'largest |w - w by hand|':>24}")
print(f"{'':10}{'implementation':72}{'epoch 1':>12}{'epoch 500':>12}{'final loss':>12}{'acc = 1.0 at':>14}")
for name, ((function, lr, eps), keras_runs) in COMPARISONS.items():
    keras_optimizers = [cls(**kwargs) for cls, kwargs in keras_runs]
    results = train_side_by_side([by_hand(function, lr, eps)] + [with_keras(opt) for opt in keras_optimizers])
    (hand_1, hand_end, loss, perfect), keras_results = results[0], results[1:]
    label = f"by hand: {function.__name__}, lr={lr:g}, eps={eps:g}"
    print(f"{name:10}{label:72}{'':>12}{'':>12}{loss:12.6f}{perfect:>14}")
    for (cls, kwargs), (w_1, w_end, loss, perfect) in zip(keras_runs, keras_results):
        label = f"{cls.__name__}(" + ", ".join(f"{k}={v}" for k, v in kwargs.items()) + ")"
        gap_1, gap_end = np.abs(w_1 - hand_1).max(), np.abs(w_end - hand_end).max()
        print(f"{'':10}{label:72}{gap_1:12.1e}{gap_end:12.1e}{loss:12.6f}{perfect:>14}")
