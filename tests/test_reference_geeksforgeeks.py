"""reference/geeksforgeeks.py: the worked example's values and the XOR code's two versions."""

from __future__ import annotations

import jax
import numpy as np
import pytest

from gradaudit import check_gradients
from reference import geeksforgeeks as gfg

GIVEN = {
    "x1": 0.35,
    "x2": 0.7,
    "w11": 0.2,
    "w21": 0.2,
    "w12": 0.3,
    "w22": 0.3,
    "w13": 0.3,
    "w23": 0.9,
    "target": 0.5,
    "eta": 1.0,
}  # RECOVERED.md 002


def walk(ws, given):
    values = dict(given)
    for step in ws.steps.values():
        values[step.name] = float(step.fn(*[values[name] for name in step.inputs]))
    return values


def test_worked_example_exact_values_match_recovered_md():
    v = walk(gfg.worked_example, GIVEN)
    # RECOVERED.md 002, "Exact values", to the digits it prints.
    assert v["y3"] == pytest.approx(0.5523, abs=5e-5)
    assert v["y4"] == pytest.approx(0.5781, abs=5e-5)
    assert v["a3"] == pytest.approx(0.6860, abs=5e-5)
    assert v["y5"] == pytest.approx(0.6651, abs=5e-5)
    assert v["delta_5"] == pytest.approx(-0.03677, abs=5e-6)
    assert v["delta_3"] == pytest.approx(-0.002728, abs=5e-7)
    assert v["delta_4"] == pytest.approx(-0.008071, abs=5e-7)
    for name, value in {
        "w11_new": 0.199045,
        "w21_new": 0.198091,
        "w12_new": 0.297175,
        "w22_new": 0.294350,
        "w13_new": 0.279691,
        "w23_new": 0.878743,
    }.items():
        assert v[name] == pytest.approx(value, abs=5e-7), name
    # second forward pass (0.5519, 0.5769, 0.6596)
    assert v["y3_pass2"] == pytest.approx(0.5519, abs=5e-5)
    assert v["y4_pass2"] == pytest.approx(0.5769, abs=5e-5)
    assert v["y5_pass2"] == pytest.approx(0.6596, abs=5e-5)


def test_jax_training_loop_reproduces_the_numpy_class_step_for_step():
    rng = np.random.default_rng(7)
    params, X, y = gfg.xor_start(rng)
    nn = gfg.network_from(params)
    p = jax.tree_util.tree_map(np.asarray, params)
    step = jax.jit(gfg.train_step)
    for _ in range(200):
        nn.feedforward(X)
        nn.backward(X, y, gfg.XOR_LR)
        p = step(p)
        for name in gfg.PARAMS:
            np.testing.assert_allclose(np.asarray(p[name]), getattr(nn, name), rtol=0, atol=1e-12)


def test_jax_and_numpy_printed_loss_agree_after_training():
    rng = np.random.default_rng(3)
    params, X, y = gfg.xor_start(rng)
    nn = gfg.network_from(params)
    for _ in range(500):
        nn.feedforward(X)
        nn.backward(X, y, gfg.XOR_LR)
    trained = gfg.train(jax.tree_util.tree_map(np.asarray, params), 500)
    expected = np.mean(np.square(y - nn.feedforward(X)))  # the class's own printout formula
    assert float(gfg.printed_loss(trained)) == pytest.approx(expected, abs=1e-12)


def test_xor_update_is_minus_the_gradient_of_half_sse_and_n_over_2_of_mse():
    params, X, y = gfg.xor_start(np.random.default_rng(0))
    half = check_gradients(gfg.xor_update_direction, gfg.half_sse, params, X, y, draws=8, lr=gfg.XOR_LR)
    assert set(half.verdicts.values()) == {"ok"}
    mse = check_gradients(gfg.xor_update_direction, gfg.mse, params, X, y, draws=8, lr=gfg.XOR_LR)
    for leaf in mse.leaves.values():
        assert leaf.verdict == "scale"
        assert leaf.factor_value == pytest.approx(2.0)  # N/2 with N = 4 samples
