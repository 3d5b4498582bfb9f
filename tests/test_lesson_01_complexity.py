"""Independent checks of the network-complexity lesson: the printed counts, recounted by walking a
forward pass, and a property test of the snippet's general function against real Keras models."""

from __future__ import annotations

import functools
import importlib.util
import random
import re

import pytest

from tests.lesson_outputs import rows
from tools import snippets as runner

STEM = "01-complexity"
TABLE_ROW = r"\[([\d, ]+)\]\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)"


@functools.cache
def load_snippet():
    """Import snippets/01-complexity/count_complexity.py as a module (its printing is under __main__)."""
    path = runner.SNIPPETS / STEM / "count_complexity.py"
    spec = importlib.util.spec_from_file_location("count_complexity", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def forward_pass_counts(sizes: list[int]) -> tuple[int, int, int]:
    """Run one sample through the network in plain Python, counting what is stored and done."""
    layers = parameters = multiply_adds = 0
    activations = [0.5] * sizes[0]  # the inputs: stored, but nothing is computed for them
    for n_out in sizes[1:]:
        layers += 1
        outputs = []
        for _ in range(n_out):
            total = 0.1  # the bias
            parameters += 1
            for a in activations:
                total += 0.2 * a  # one weight, one multiply-add
                parameters += 1
                multiply_adds += 1
            outputs.append(max(total, 0.0))
        activations = outputs
    return layers, parameters, multiply_adds


def table() -> dict[tuple[int, ...], tuple[int, ...]]:
    found = {}
    for line in (runner.SNIPPETS / STEM / "count_complexity.out").read_text(encoding="utf-8").splitlines():
        if match := re.fullmatch(TABLE_ROW, line):
            sizes = tuple(int(v) for v in match.group(1).split(","))
            found[sizes] = tuple(int(match.group(i)) for i in range(2, 6))
    assert found, "the summary table of count_complexity.out was not found"
    return found


def test_the_course_example_has_26_parameters_and_20_multiply_adds():
    assert table()[(3, 4, 2)] == (2, 26, 20, 26)
    per_layer = rows(f"{STEM}/count_complexity", r"layer {n} -> {n}: .* = {n} parameters, {n} multiply-adds")
    assert per_layer == [(3, 4, 16, 12), (4, 2, 10, 8)]


def test_every_printed_row_matches_a_counted_forward_pass():
    for sizes, (layers, params, mult_adds, keras_params) in table().items():
        assert (layers, params, mult_adds) == forward_pass_counts(list(sizes)), sizes
        assert keras_params == params, sizes


def test_the_figure_snippet_counts_the_same_network():
    (neurons, computing), = rows(f"{STEM}/network_figure", r"drew {n} neurons, {n} of which compute .*")
    (connections,), = rows(f"{STEM}/network_figure", r"drew {n} connections, .*")
    assert (neurons, computing, connections) == (9, 6, 20)
    (weights, biases, total), = rows(f"{STEM}/network_figure", r"parameters = {n} weights \+ {n} biases = {n}")
    assert (weights, biases, total) == (20, 6, forward_pass_counts([3, 4, 2])[1])


def random_layer_lists(count: int = 50, seed: int = 2024) -> list[list[int]]:
    generator = random.Random(seed)
    return [[generator.randint(1, 64) for _ in range(generator.randint(2, 6))] for _ in range(count)]


def test_random_layer_lists_are_varied():
    """Guard for the property test below: it must see short and deep networks, and size-1 layers."""
    lists = random_layer_lists()
    assert len({len(sizes) for sizes in lists}) == 5 and any(1 in sizes for sizes in lists)


@pytest.mark.parametrize("sizes", random_layer_lists(), ids=str)
def test_general_function_agrees_with_keras(sizes):
    snippet = load_snippet()
    layers, params, mult_adds = snippet.complexity(sizes)
    model = snippet.keras_model(sizes)
    assert layers == len(model.layers) == len(sizes) - 1
    assert params == model.count_params()
    # every weight of a Dense kernel is used in exactly one multiply-add per sample
    kernels = [layer.kernel for layer in model.layers]
    assert mult_adds == sum(int(k.shape[0]) * int(k.shape[1]) for k in kernels)
    assert (layers, params, mult_adds) == forward_pass_counts(sizes)
