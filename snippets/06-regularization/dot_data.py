# The course's "dot" data set, generated in code: 300 points from a standard normal
# distribution, labelled 1 inside the circle x1^2 + x2^2 < 2 and 0 outside it.
import numpy as np

rdm = np.random.RandomState(2)  # the seed the course used to make dot.csv
x = rdm.randn(300, 2)  # 300 rows (x1, x2)
y_c = (x[:, 0] ** 2 + x[:, 1] ** 2 < 2).astype(int)  # 1 = inside the circle

print("first five points:")
print("      x1         x2     x1^2+x2^2  y_c")
for (x1, x2), label in zip(x[:5], y_c[:5]):
    print(f"{x1:10.6f} {x2:10.6f} {x1 ** 2 + x2 ** 2:10.6f}   {label}")
print()
print(f"points: {len(y_c)}, label 1 (inside, red): {np.sum(y_c == 1)}, label 0 (outside, blue): {np.sum(y_c == 0)}")
print(f"batches of 32: {len(y_c) // 32} full batches and one of {len(y_c) % 32}")
