# The noise of the yogurt data, rdm.rand() / 10 - 0.05: its range, mean and spread, derived and measured.
import numpy as np

SEED = 23455  # the seed of the loss-function lesson's yogurt data
DRAWS = 100_000

# derived by hand: rand() is uniform on [0, 1), mean 1/2, variance 1/12;
# dividing by 10 divides the spread by 10, subtracting 0.05 moves the mean to 0
derived_std = 0.1 / np.sqrt(12)
print(f"derived : values in [-0.05, 0.05), mean 0, std 0.1 / sqrt(12) = {derived_std:.6f}")

rdm = np.random.RandomState(SEED)
x = rdm.rand(32, 2)  # the course draws the 32 inputs first ...
noise = np.array([rdm.rand() / 10 - 0.05 for _ in range(32)])  # ... then one noise value per sample
print(f"the 32 noise values of the yogurt data: min {noise.min():.7f}, max {noise.max():.7f}")

many = rdm.rand(DRAWS) / 10 - 0.05  # the generator continues: many more draws of the same formula
print(f"measured over {DRAWS} draws: min {many.min():.7f}, max {many.max():.7f}, "
      f"mean {many.mean():.6f}, std {many.std():.6f}")
