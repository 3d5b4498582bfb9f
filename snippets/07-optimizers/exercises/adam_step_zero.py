# Adam as the course writes it, once with the line global_step += 1 and once without it, as in some
# notes. Without it t stays 0, 1 - BETA^0 = 0, and both bias corrections divide by zero.
import tensorflow as tf

LR, BETA1, BETA2 = 0.1, 0.9, 0.999
G = tf.constant([0.5, -2.0])  # the same gradient at every step


def adam(count_steps):
    w = tf.Variable([1.0, 1.0])
    m, V = tf.zeros(2), tf.zeros(2)
    global_step = 0
    for _ in range(3):
        if count_steps:
            global_step += 1  # the line that some notes leave out
        m = BETA1 * m + (1 - BETA1) * G
        V = BETA2 * V + (1 - BETA2) * tf.square(G)
        m_hat = m / (1 - tf.pow(BETA1, global_step))  # the first moment, corrected
        V_hat = V / (1 - tf.pow(BETA2, global_step))  # the second moment, corrected
        w.assign_sub(LR * m_hat / tf.sqrt(V_hat))
        line = "with" if count_steps else "without"
        print(f"{line:>8}{global_step:3d}" + "".join(f"{v:10.4f}" for v in (*m_hat, *V_hat, *w)))


print(f"{'line':>8}{'t':>3}{'m_hat':>20}{'V_hat':>20}{'w':>20}")
adam(count_steps=True)
adam(count_steps=False)
