# The course's iris experiment (plain SGD, lr 0.1) trained once on the mean squared error of the
# softmax outputs, as the course does, and once on the cross entropy; then the same comparison
# with the step sizes matched; and why the cross entropy's gradient suits a softmax classifier better.
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

# One layer, 4 inputs -> 3 outputs. Every run starts from these same numbers.
W1_START = tf.random.truncated_normal([4, 3], stddev=0.1, seed=1)
B1_START = tf.random.truncated_normal([3], stddev=0.1, seed=1)


LR = 0.1
EPOCHS = 500
N_TRAIN = len(y_train)  # 120
SWEEP = (0.05, 0.1, 0.2, 0.5)  # the learning rates tried for each loss


# Both losses return one value per copy of the model (see train): the mean over the batch.
def mse(labels, logits):
    # The course's loss: mean of (one-hot - softmax)^2 over the batch and the 3 classes.
    return tf.reduce_mean(tf.square(labels - tf.nn.softmax(logits)), axis=[-2, -1])


def cross_entropy(labels, logits):
    # -ln(softmax probability of the true class), averaged over the batch.
    labels = tf.broadcast_to(labels, tf.shape(logits))  # the same labels for every copy
    return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits), axis=-1)


def train(loss_fn, rates):
    # Plain SGD from the common start, one copy of the model per learning rate, trained side by side:
    # w1 holds one [4, 3] matrix per copy. Each copy's loss depends on its own weights only, so the
    # gradient of the sum of the losses gives every copy its own gradient. Returns, per copy and
    # epoch: mean loss, mean probability given to the true class on the training set, test accuracy.
    copies = len(rates)
    w1 = tf.Variable(tf.stack([W1_START] * copies))  # [copies, 4, 3]
    b1 = tf.Variable(tf.stack([B1_START[None, :]] * copies))  # [copies, 1, 3]
    lr = tf.constant(rates, tf.float32)[:, None, None]
    true_class = tf.one_hot(y_train, depth=3)

    @tf.function
    def train_epoch():
        loss_sum = tf.zeros(copies)
        for x, y in train_batches:
            with tf.GradientTape() as tape:
                losses = loss_fn(tf.one_hot(y, depth=3), tf.matmul(x, w1) + b1)  # one loss per copy
                total = tf.reduce_sum(losses)
            grad_w1, grad_b1 = tape.gradient(total, [w1, b1])
            w1.assign_sub(lr * grad_w1)
            b1.assign_sub(lr * grad_b1)
            loss_sum += losses * tf.cast(tf.shape(x)[0], tf.float32)  # weight each batch by its size
        p_true = tf.reduce_sum(tf.nn.softmax(tf.matmul(x_train, w1) + b1) * true_class, axis=-1)
        correct = tf.cast(tf.equal(tf.argmax(tf.matmul(x_test, w1) + b1, axis=-1), y_test), tf.float32)
        # the mean over the 120 samples, whatever the batch size
        return tf.stack([loss_sum / N_TRAIN, tf.reduce_mean(p_true, axis=-1), tf.reduce_mean(correct, axis=-1)], 1)

    return np.stack([train_epoch().numpy() for _ in range(EPOCHS)], axis=1)  # [copy, epoch, 3]


def first_perfect(history):
    return next((i for i, (_, _, acc) in enumerate(history) if acc == 1.0), "never")


# How long are the first steps? The gradient of each loss over the 120 training samples at the
# common start, w1 and b1 together; the first step of SGD is lr times a gradient like it.
start_norms = {}
for name, loss_fn in (("MSE", mse), ("cross entropy", cross_entropy)):
    w1, b1 = tf.Variable(W1_START[None]), tf.Variable(B1_START[None, None])  # one copy
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(loss_fn(tf.one_hot(y_train, depth=3), tf.matmul(x_train, w1) + b1))
    start_norms[name] = float(tf.linalg.global_norm(tape.gradient(loss, [w1, b1])))
ratio = start_norms["cross entropy"] / start_norms["MSE"]
matched = LR / ratio  # the cross entropy's rate whose first steps are as long as MSE's at LR

mse_rates = list(SWEEP)
ce_rates = [matched] + list(SWEEP)
histories = dict(zip([("MSE", lr) for lr in mse_rates], train(mse, mse_rates)))
histories |= dict(zip([("cross entropy", lr) for lr in ce_rates], train(cross_entropy, ce_rates)))

print(f"Same learning rate, {LR}")
print(f"{'':6}{'MSE on softmax (the course)':>32}   {'cross entropy':>32}")
print(f"{'epoch':>5}" + "   ".join([f"{'loss':>11}{'p(true)':>10}{'test acc':>11}"] * 2))
runs = {name: histories[(name, LR)] for name in ("MSE", "cross entropy")}
for epoch in (0, 10, 20, 50, 100, 200, 300, 400, 499):
    print(f"{epoch:5d}" + "   ".join(f"{loss:11.6f}{p:10.4f}{acc:11.4f}" for loss, p, acc in
                                     (runs[name][epoch] for name in runs)))
for name, history in runs.items():
    print(f"{name}: test accuracy first reaches 1.0 at epoch {first_perfect(history)}")

print("\nGradient at the common start, over the 120 training samples (w1 and b1 together)")
for name, norm in start_norms.items():
    print(f"  |g| {name:14}{norm:10.6f}")
print(f"  ratio {ratio:.2f}: at the same lr the cross entropy's first steps are {ratio:.2f} times longer")
print(f"  cross entropy at lr {LR} / {ratio:.2f} = {matched:.4f} starts with steps as long as MSE's at lr {LR}")

print(f"\n{'loss':14}{'lr':>7}{'lr*|g|':>8}{'p(true) at epoch 10':>21}{'50':>7}{'100':>7}{'499':>7}"
      f"{'acc = 1.0 at':>14}{'largest rise':>14}")
for (name, lr), history in histories.items():
    p_true = history[:, 1]
    rise = max(0.0, float(np.max(np.diff(history[:, 0]))))  # the largest rise of the loss from one epoch to the next
    print(f"{name:14}{lr:7.4g}{lr * start_norms[name]:8.4f}{p_true[10]:21.4f}{p_true[50]:7.4f}{p_true[100]:7.4f}"
          f"{p_true[499]:7.4f}{first_perfect(history):>14}{rise:14.6f}")

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
colors = {"MSE": "C0", "cross entropy": "C1"}
for (name, lr), style in ((("MSE", LR), "-"), (("cross entropy", LR), "-"), (("MSE", 0.2), "--"),
                          (("cross entropy", matched), ":")):
    ax_p.plot(histories[(name, lr)][:, 1], style, color=colors[name], label=f"{name}, lr {lr:.4g}")
for name in colors:
    ax_g.plot(gaps, -slopes[name], color=colors[name], label=name)
ax_p.set(title="training: mean probability of the true class", xlabel="epoch", ylim=(0, 1))
ax_g.set(title="how hard one sample pulls its true-class logit up", xlabel="d (logits 0, d, 0; true class first)",
         ylabel="−∂ loss / ∂z_true")
ax_p.legend(loc="lower right")
ax_g.legend()
fig.tight_layout()
fig.savefig("cross_entropy.svg")
