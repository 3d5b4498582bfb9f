"""Independent checks of the learning-rate decay lesson's numbers."""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pytest

from tests.lesson_outputs import lines, rows

# The course's published table begins and ends with these lines (syllabus §3).
PUBLISHED_FIRST = "After 0 epoch,w is 2.600000,loss is 36.000000,lr is 0.200000"
PUBLISHED_LAST = "After 39 epoch,w is -0.999999,loss is 0.000000,lr is 0.135146"
DECAY_ROW = "After {n} epoch,w is {n},loss is {n},lr is {n}"

# The notes' TensorFlow 1 decay table (CPU run): its print statement, first three and last five lines.
TF1_FORMAT = "After %s steps: global_step is %f, w is %f, learning rate is %f, loss is %f"
PUBLISHED_TF1_FIRST = [
    "After 0 steps: global_step is 1.000000, w is 3.800000, learning rate is 0.099000, loss is 23.040001",
    "After 1 steps: global_step is 2.000000, w is 2.849600, learning rate is 0.098010, loss is 14.819419",
    "After 2 steps: global_step is 3.000000, w is 2.095001, learning rate is 0.097030, loss is 9.579033",
]
PUBLISHED_TF1_LAST = [
    "After 35 steps: global_step is 36.000000, w is -0.992297, learning rate is 0.069641, loss is 0.000059",
    "After 36 steps: global_step is 37.000000, w is -0.993369, learning rate is 0.068945, loss is 0.000044",
    "After 37 steps: global_step is 38.000000, w is -0.994284, learning rate is 0.068255, loss is 0.000033",
    "After 38 steps: global_step is 39.000000, w is -0.995064, learning rate is 0.067573, loss is 0.000024",
    "After 39 steps: global_step is 40.000000, w is -0.995731, learning rate is 0.066897, loss is 0.000018",
]


def test_decay_table_matches_the_published_ends():
    table = lines("03-lr-decay/decay_tf2")
    assert len(table) == 40
    assert table[0] == PUBLISHED_FIRST and table[-1] == PUBLISHED_LAST


def test_decay_table_equals_numpy_float32_line_for_line():
    w = np.float32(5)
    for epoch, line in enumerate(lines("03-lr-decay/decay_tf2")):
        lr = 0.2 * 0.99 ** (epoch / 1)
        loss = np.square(w + np.float32(1))
        w = np.float32(w - np.float32(lr) * (np.float32(2) * (w + np.float32(1))))
        assert line == "After %s epoch,w is %f,loss is %f,lr is %f" % (epoch, w, loss, lr)


def test_decay_table_follows_the_closed_form():
    distance = 6.0  # w + 1, in float64
    for epoch, w, _, lr in rows("03-lr-decay/decay_tf2", DECAY_ROW):
        distance *= 1 - 2 * (0.2 * 0.99**epoch)  # w_{t+1} + 1 = (1 - 2 lr_t)(w_t + 1)
        assert w == pytest.approx(distance - 1, abs=2e-6) and lr == pytest.approx(0.2 * 0.99**epoch, abs=1e-6)


def test_tf1_table_prints_the_next_steps_rate():
    w = 5.0
    table = rows(
        "03-lr-decay/decay_tf1",
        "After {n} steps: global_step is {n}, w is {n}, learning rate is {n}, loss is {n}",
    )
    assert len(table) == 40
    for i, step, w_printed, lr_printed, loss in table:
        w -= 0.1 * 0.99**i * 2 * (w + 1)  # the update of step i uses the rate of step i
        assert step == i + 1
        assert lr_printed == pytest.approx(0.1 * 0.99 ** (i + 1), abs=1e-6)  # ... the print shows step i + 1's
        assert w_printed == pytest.approx(w, abs=2e-6) and loss == pytest.approx((w + 1) ** 2, abs=2e-6)


def test_tf1_table_is_the_published_table_in_the_notes_format():
    table = lines("03-lr-decay/decay_tf1")
    assert len(table) == 40
    assert table[:3] == PUBLISHED_TF1_FIRST and table[-5:] == PUBLISHED_TF1_LAST
    # every line, recomputed in float32 as TensorFlow does it, printed with the course's format string
    w = np.float32(5)
    for i, line in enumerate(table):
        rate = np.float32(0.1) * np.power(np.float32(0.99), np.float32(i))
        w = np.float32(w - rate * (np.float32(2) * (w + np.float32(1))))
        next_rate = np.float32(0.1) * np.power(np.float32(0.99), np.float32(i + 1))
        assert line == TF1_FORMAT % (i, i + 1, w, next_rate, np.square(w + np.float32(1)))


def test_tf1_table_starts_from_w_5_not_10():
    # the page's erratum: the script's comments say 10, its code (and so its first line) says 5
    first_w = rows("03-lr-decay/decay_tf1", r"After 0 steps: global_step is {n}, w is {n}, .*")[0][1]
    assert first_w == pytest.approx(5 - 0.1 * 2 * (5 + 1)) and first_w != pytest.approx(10 - 0.1 * 2 * (10 + 1))


def test_keras_schedule_differs_from_the_hand_loop_only_in_the_last_digit_of_epochs_7_and_8():
    hand = lines("03-lr-decay/decay_tf2")
    keras = lines("03-lr-decay/decay_keras_optimizer")
    differing = [epoch for epoch, (a, b) in enumerate(zip(hand, keras)) if a != b]
    assert differing == [7, 8], "the page names the epochs whose lines differ"
    for a, b in zip(rows("03-lr-decay/decay_tf2", DECAY_ROW), rows("03-lr-decay/decay_keras_optimizer", DECAY_ROW)):
        assert a == pytest.approx(b, abs=1.5e-6)


def test_exponential_schedule_values():
    gaps = rows("03-lr-decay/exponential_schedule", r"\s*\w+: largest \|Keras - formula\| over 400 steps = {n}e-?\d+")
    assert len(gaps) == 2
    for line in lines("03-lr-decay/exponential_schedule"):
        if "largest" in line:
            assert float(line.rsplit("= ", 1)[1]) < 1e-7  # float32 rounding only
    for step, continuous, staircase in rows("03-lr-decay/exponential_schedule", r"\s*{n}\s+{n}\s+{n}"):
        assert continuous == pytest.approx(0.5 * 0.9 ** (step / 10), abs=1e-6)
        assert staircase == pytest.approx(0.5 * 0.9 ** math.floor(step / 10), abs=1e-6)


def test_piecewise_schedule_values():
    expected = {0: 0.1, 99: 0.1, 100: 0.1, 101: 0.05, 200: 0.05, 201: 0.025, 300: 0.025, 301: 0.001, 399: 0.001}
    table = rows("03-lr-decay/piecewise_schedule", r"\s*{n}\s+{n}")
    assert {int(step): lr for step, lr in table} == expected
    gap = lines("03-lr-decay/piecewise_schedule")[0]
    assert float(gap.rsplit("= ", 1)[1]) < 1e-8


# The mini-batch experiment (decay_vs_constant.py), recomputed in float64 from the update rule split
# into its two parts: w + 1 <- (1 - 2 lr)(w + 1) + 2 lr (batch mean + 1).
SAMPLES, BATCH, EPOCHS = 256, 8, 30
MINIBATCH = "03-lr-decay/decay_vs_constant"
SCHEDULES = {
    "constant 0.2": lambda step: 0.2,
    "constant 0.01": lambda step: 0.01,
    "decay": lambda step: 0.2 * 0.8 ** (step / (SAMPLES // BATCH)),
}


def noisy_targets():
    noise = np.random.RandomState(0).normal(0.0, 2.0, SAMPLES)
    return (-1.0 + noise - noise.mean()).astype(np.float32).astype(np.float64)


@cache
def minibatch_rms(name: str) -> tuple[float, ...]:
    """RMS of |w + 1| over the 32 steps of each of the 30 epochs, for one schedule."""
    targets, shuffle, lr_of = noisy_targets(), np.random.RandomState(1), SCHEDULES[name]
    distance, step, rms = 6.0, 0, []
    for _ in range(EPOCHS):
        order = shuffle.permutation(SAMPLES)
        squares = []
        for start in range(0, SAMPLES, BATCH):
            batch_noise = targets[order[start:start + BATCH]].mean() + 1
            lr = lr_of(step)
            distance = (1 - 2 * lr) * distance + 2 * lr * batch_noise
            squares.append(distance**2)
            step += 1
        rms.append(math.sqrt(sum(squares) / len(squares)))
    return tuple(rms)


def test_minibatch_targets_have_their_optimum_at_minus_1():
    assert noisy_targets().mean() == pytest.approx(-1, abs=1e-6)
    assert lines(MINIBATCH)[0] == "256 samples, batch size 8: 32 steps per epoch, LR_STEP = 32"
    assert SAMPLES // BATCH == 32  # the page: LR_STEP = samples / batch size


def test_minibatch_table_equals_the_recomputation():
    table = rows(MINIBATCH, r"\s*{n}\s+{n}\s+{n}\s+{n}\s+{n}")
    assert [int(r[0]) for r in table] == [1, 2, 5, 10, 15, 20, 25, 30]
    for epoch, large, small, decay, decay_lr in table:
        i = int(epoch) - 1
        assert large == pytest.approx(minibatch_rms("constant 0.2")[i], abs=2e-6), f"epoch {i + 1}"
        assert small == pytest.approx(minibatch_rms("constant 0.01")[i], abs=2e-6), f"epoch {i + 1}"
        assert decay == pytest.approx(minibatch_rms("decay")[i], abs=2e-6), f"epoch {i + 1}"
        assert decay_lr == pytest.approx(0.2 * 0.8**i, abs=1e-6)  # one whole factor 0.8 per epoch


def test_minibatch_orderings_the_page_states():
    large, small, decay = (np.array(minibatch_rms(name)) for name in SCHEDULES)
    epoch = np.arange(1, EPOCHS + 1)
    # the large constant rate is ahead of the small one for the first five epochs, and only then
    assert list(epoch[large < small]) == [1, 2, 3, 4, 5]
    # after epoch 1 the two runs that start at 0.2 are still together
    assert decay[0] == pytest.approx(large[0], abs=0.02)
    # from epoch 2 on the constant 0.2 run hovers between 0.26 and 0.53 and gets no closer
    assert 0.26 <= large[1:].min() and large[1:].max() <= 0.54
    # from epoch 8 on the constant 0.01 run stays between 0.01 and 0.06, about ten times below 0.2's floor
    assert 0.01 <= small[7:].min() and small[7:].max() <= 0.06
    assert 8 <= large[1:].mean() / small[7:].mean() <= 13
    # decay is never farther than the constant 0.2; the small constant rate is closer in epochs 7 to 14 only
    assert (decay < large).all()
    assert list(epoch[small < decay]) == list(range(7, 15))
    # ... because decay's rate falls below 0.01 during epoch 14 (its steps 13 * 32 to 14 * 32 - 1)
    assert 0.2 * 0.8**13 > 0.01 > 0.2 * 0.8**14
    # decay shrinks about tenfold every ten epochs and ends far closer than either constant rate
    assert 7 <= decay[9] / decay[19] <= 14 and 7 <= decay[19] / decay[29] <= 14
    assert 20 <= small[-1] / decay[-1] <= 30 and 400 <= large[-1] / decay[-1] <= 600


def test_noise_floor_grows_like_the_square_root_of_lr_for_independent_kicks():
    # the page: kicks of random sign add up like a random walk; a kick is erased within about 1 / (2 lr) steps;
    # for independent kicks the RMS of |w + 1| is sigma_e * sqrt(lr / (1 - lr)), about 5 times higher at 0.2
    assert (1 - 2 * 0.01) ** 50 == pytest.approx(math.exp(-1), rel=0.02)  # after 1 / (2 lr) steps a kick is ~1/e
    e = noisy_targets() + 1  # each sample's noise
    sigma_e = e.std() / math.sqrt(BATCH)  # standard deviation of a batch's mean noise
    draws = np.random.RandomState(5).randint(0, SAMPLES, (100_000, BATCH))  # batches drawn independently
    kicks = e[draws].mean(axis=1)
    floors = {}
    for lr in (0.2, 0.01):
        distance, squares = 0.0, []
        for kick in kicks:
            distance = (1 - 2 * lr) * distance + 2 * lr * kick
            squares.append(distance**2)
        floors[lr] = math.sqrt(np.mean(squares[1000:]))
        assert floors[lr] == pytest.approx(sigma_e * math.sqrt(lr / (1 - lr)), rel=0.05)
    assert 4.5 <= floors[0.2] / floors[0.01] <= 5.5
    assert math.sqrt((0.2 / 0.8) / (0.01 / 0.99)) == pytest.approx(5, abs=0.1)


def test_one_epochs_kicks_add_up_to_0_and_that_lowers_the_small_rates_floor():
    # the page: each epoch uses every sample once and the targets average exactly -1, so an epoch's kicks
    # add up to exactly 0; lr = 0.01 remembers a kick for about 50 steps, longer than an epoch of 32
    e, shuffle = noisy_targets() + 1, np.random.RandomState(1)
    for _ in range(EPOCHS):
        kicks = e[shuffle.permutation(SAMPLES)].reshape(-1, BATCH).mean(axis=1)
        assert len(kicks) == 32 and abs(kicks.sum()) < 1e-5
    assert 1 / (2 * 0.01) == 50 > SAMPLES // BATCH
    # measured floors (0.2 from epoch 2 on, 0.01 from epoch 8 on) against the independent-kick formula:
    # 0.2 stays close to it, 0.01 sits far below it, so the ratio is about ten instead of about 5
    sigma_e = e.std() / math.sqrt(BATCH)
    large, small = np.array(minibatch_rms("constant 0.2")), np.array(minibatch_rms("constant 0.01"))
    assert large[1:].mean() == pytest.approx(sigma_e * math.sqrt(0.2 / 0.8), rel=0.1)
    assert small[7:].mean() < 0.5 * sigma_e * math.sqrt(0.01 / 0.99)
