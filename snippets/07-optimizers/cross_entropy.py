# The course's iris experiment (plain SGD, lr 0.1) trained once on the mean squared error of the
# softmax outputs, as the course does, and once on the cross entropy; and why the cross
# entropy's gradient suits a softmax classifier better.
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn import datasets

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

# One layer, 4 inputs -> 3 outputs. Both runs start from these same numbers.
W1_START = tf.random.truncated_normal([4, 3], stddev=0.1, seed=1)
B1_START = tf.random.truncated_normal([3], stddev=0.1, seed=1)


LR = 0.1
EPOCHS = 500
N_TRAIN = len(y_train)  # 120


def mse(labels, logits):
    # The course's loss: mean of (one-hot - softmax)^2 over the batch and the 3 classes.
    return tf.reduce_mean(tf.square(labels - tf.nn.softmax(logits)))


def cross_entropy(labels, logits):
    # -ln(softmax probability of the true class), averaged over the batch.
    return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))


def train(loss_fn):
    # Plain SGD from the common start; per epoch: mean loss, mean probability given to the
    # true class on the training set, and test accuracy.
    w1, b1 = tf.Variable(W1_START), tf.Variable(B1_START)

    @tf.function
    def train_epoch():
        loss_sum = 0.0
        for x, y in train_batches:
            with tf.GradientTape() as tape:
                loss = loss_fn(tf.one_hot(y, depth=3), tf.matmul(x, w1) + b1)
            grads = tape.gradient(loss, [w1, b1])
            w1.assign_sub(LR * grads[0])
            b1.assign_sub(LR * grads[1])
            loss_sum += loss * tf.cast(tf.shape(x)[0], tf.float32)  # weight each batch by its size
        return loss_sum / N_TRAIN  # the mean over the 120 samples, whatever the batch size

    history = []
    for _ in range(EPOCHS):
        loss = float(train_epoch())
        p_train = tf.nn.softmax(tf.matmul(x_train, w1) + b1).numpy()
        p_true = float(np.mean(p_train[np.arange(N_TRAIN), y_train]))
        accuracy = float(np.mean(tf.argmax(tf.matmul(x_test, w1) + b1, axis=1).numpy() == y_test))
        history.append((loss, p_true, accuracy))
    return history


runs = {"MSE": train(mse), "cross entropy": train(cross_entropy)}

print(f"{'':6}{'MSE on softmax (the course)':>32}   {'cross entropy':>32}")
print(f"{'epoch':>5}" + "   ".join([f"{'loss':>11}{'p(true)':>10}{'test acc':>11}"] * 2))
for epoch in (0, 10, 20, 50, 100, 200, 300, 400, 499):
    print(f"{epoch:5d}" + "   ".join(f"{loss:11.6f}{p:10.4f}{acc:11.4f}" for loss, p, acc in
                                     (runs[name][epoch] for name in runs)))
for name, history in runs.items():
    first = next((i for i, (_, _, acc) in enumerate(history) if acc == 1.0), "never")
    print(f"{name}: test accuracy first reaches 1.0 at epoch {first}")

# The gradient with respect to the true class's logit, for a sample of class 0 whose logits
# are (0, d, 0): the larger d, the more confidently the network picks the wrong class 1.
gaps = np.linspace(-4, 8, 121)
logits = tf.Variable(np.stack([np.zeros_like(gaps), gaps, np.zeros_like(gaps)], axis=1), dtype=tf.float32)
labels = tf.one_hot(np.zeros(len(gaps), dtype=int), depth=3)
slopes = {}
for name, per_sample in (("MSE", lambda: tf.reduce_mean(tf.square(labels - tf.nn.softmax(logits)), axis=1)),
                         ("cross entropy", lambda: tf.nn.softmax_cross_entropy_with_logits(labels, logits))):
    with tf.GradientTape() as tape:
        total = tf.reduce_sum(per_sample())  # the sum, so that each row gets its own sample's gradient
    slopes[name] = tape.gradient(total, logits).numpy()[:, 0]
print("\ngradient of one sample's loss with respect to its true-class logit, logits (0, d, 0)")
print(f"{'d':>5}{'p(true)':>10}{'MSE':>12}{'cross entropy':>15}")
p_true = tf.nn.softmax(logits).numpy()[:, 0]
for d in (-4, -2, 0, 2, 4, 6, 8):
    i = int(np.argmin(abs(gaps - d)))
    print(f"{d:5d}{p_true[i]:10.4f}{slopes['MSE'][i]:12.6f}{slopes['cross entropy'][i]:15.6f}")

# Smaller SVG files for the web page: text kept as text, lines simplified below half a pixel.
plt.rcParams.update({"svg.fonttype": "none", "path.simplify_threshold": 0.5})
fig, (ax_p, ax_g) = plt.subplots(1, 2, figsize=(11, 4))
for name, history in runs.items():
    ax_p.plot([p for _, p, _ in history], label=name)
    ax_g.plot(gaps, -slopes[name], label=name)
ax_p.set(title="training: mean probability of the true class", xlabel="epoch", ylim=(0, 1))
ax_g.set(title="how hard one sample pulls its true-class logit up", xlabel="d (logits 0, d, 0; true class first)",
         ylabel="−∂ loss / ∂z_true")
ax_p.legend()
ax_g.legend()
fig.tight_layout()
fig.savefig("cross_entropy.svg")
