# Print the versions that produced every output on this site.
# Run it in your own environment and compare: other versions may round differently.
import platform

import keras
import matplotlib
import numpy as np
import tensorflow as tf

device = "GPU" if tf.config.list_physical_devices("GPU") else "CPU"
print("Python     ", platform.python_version())
print("TensorFlow ", tf.__version__)
print("Keras      ", keras.__version__)
print("NumPy      ", np.__version__)
print("Matplotlib ", matplotlib.__version__)
print("Platform   ", platform.system(), platform.machine(), device)
