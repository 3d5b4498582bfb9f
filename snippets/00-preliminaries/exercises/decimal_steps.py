# np.mgrid with a decimal step: two ranges of the same length and step can give different numbers of values.
import numpy as np

STEP = 0.1

xx, yy = np.mgrid[1:1.3:STEP, 2:2.3:STEP]  # both ranges are 0.3 long, both stepped by 0.1
print("np.mgrid[1:1.3:0.1, 2:2.3:0.1] has shape", xx.shape)
print("values along x:", [float(v) for v in xx[:, 0]])
print("values along y:", [float(v) for v in yy[0, :]])

# NumPy makes ceil((stop - start) / step) values, and that division is done in floating point
for start, stop in [(1, 1.3), (2, 2.3)]:
    ratio = (stop - start) / STEP
    print(f"({stop} - {start}) / {STEP} = {ratio!r} -> ceil gives {int(np.ceil(ratio))} values")

# the fix: give the number of points (3j), then both ends are included and the count is exact
xx, yy = np.mgrid[1:1.2:3j, 2:2.2:3j]
print("np.mgrid[1:1.2:3j, 2:2.2:3j] has shape", xx.shape)
print("values along x:", [float(v) for v in xx[:, 0]])
print("values along y:", [float(v) for v in yy[0, :]])
