# Draw the 3-4-2 fully connected network: one line per weight, one circle per neuron.
import matplotlib.pyplot as plt

sizes = [3, 4, 2]
names = [("input layer", "(not counted)"), ("hidden layer", "(layer 1)"), ("output layer", "(layer 2)")]

# centre each column of neurons vertically
positions = [[(col, (n - 1) / 2 - row) for row in range(n)] for col, n in enumerate(sizes)]

fig, ax = plt.subplots(figsize=(6, 4))
lines = 0
for left, right in zip(positions[:-1], positions[1:]):
    for x0, y0 in left:
        for x1, y1 in right:
            ax.plot([x0, x1], [y0, y1], color="gray", linewidth=0.8, zorder=1)
            lines += 1
for col, column in enumerate(positions):
    colour = "white" if col == 0 else "tab:blue"
    for x, y in column:
        ax.scatter(x, y, s=600, facecolor=colour, edgecolor="black", zorder=2)
    for line, name in enumerate(names[col]):  # one text per line, so that each is centred on its column
        ax.text(col, -2.5 - 0.27 * line, name, ha="center", va="top")
    if col > 0:  # every neuron that computes has a bias
        ax.text(col, 1.9, f"{sizes[col]} biases", ha="center")
for col in range(len(sizes) - 1):
    n_in, n_out = sizes[col], sizes[col + 1]
    ax.text(col + 0.5, -2.0, f"{n_in}x{n_out} = {n_in * n_out} weights", ha="center", color="dimgray")
ax.set_xlim(-0.5, 2.5)
ax.set_ylim(-3.4, 2.3)
ax.axis("off")
fig.tight_layout()
fig.savefig("network_figure.svg")

neurons = sum(sizes[1:])
print(f"drew {sum(sizes)} neurons, {neurons} of which compute (each has one bias)")
print(f"drew {lines} connections, one weight and one multiply-add each")
print(f"parameters = {lines} weights + {neurons} biases = {lines + neurons}")
