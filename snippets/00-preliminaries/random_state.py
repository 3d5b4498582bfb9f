# np.random.RandomState(seed): a random number generator of its own, started from a seed.
import numpy as np

rdm = np.random.RandomState(seed=1)
a = rdm.rand()  # one number in [0, 1)
b = rdm.rand(2, 3)  # a 2 x 3 array of numbers in [0, 1); the generator continues where it stopped

print("a =", a)
print("b =")
print(b)

again = np.random.RandomState(seed=1)  # the same seed starts the same sequence again
print("same seed, same a:", again.rand() == a)
print("same seed, same b:", np.array_equal(again.rand(2, 3), b))
