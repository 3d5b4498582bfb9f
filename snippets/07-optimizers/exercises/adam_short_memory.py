# optimizer_path.py with Adam's BETA2 = 0.9 instead of 0.999 (changed), so that V_t forgets the large early
# gradients after about ten steps; it prints every 10th step and the distance to the minimum (changed).
import tensorflow as tf

OPTIMIZER = "adam"  # sgd, sgdm, nesterov, adagrad, rmsprop, adadelta or adam
LR = 0.5
BETA = 0.9  # SGDM, Nesterov and RMSProp
BETA1 = 0.9  # Adam
BETA2 = 0.9  # Adam; changed from 0.999
RHO = 0.95  # AdaDelta
EPS = 0.0  # the small constant of Adagrad, RMSProp, AdaDelta and Adam (AdaDelta needs it above 0)
STEPS = 100


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


A1, A2 = 0.02, 2.0  # f = A1 * x1^2 + A2 * x2^2, the valley of trajectories.py


def f(x):
    return A1 * tf.square(x[0]) + A2 * tf.square(x[1])


update = {"sgd": sgd, "sgdm": sgdm, "nesterov": nesterov, "adagrad": adagrad,
          "rmsprop": rmsprop, "adadelta": adadelta, "adam": adam}[OPTIMIZER]
x = tf.Variable([-9.0, 1.5])  # the start, float32 like the course's weights
memory = {key: tf.Variable(tf.zeros(2)) for key in ("m", "V", "U")}
print("Start: x1 is %f, x2 is %f, f is %f" % (x[0], x[1], f(x)))
for t in range(1, STEPS + 1):  # t counts the steps from 1, as Adam's bias correction needs
    with tf.GradientTape() as tape:
        loss = f(x)
    g = tape.gradient(loss, x)  # (2 * A1 * x1, 2 * A2 * x2)
    x.assign_sub(update(g, memory, t, LR, EPS))
    if t % 10 == 0:  # changed: every 10th step, with the distance to the minimum (0, 0)
        print("After %s steps: x1 is %f, x2 is %f, f is %f, distance %f" % (t, x[0], x[1], f(x), tf.norm(x)))
