"""reference/medium.py: the article's chain-rule products against autodiff and finite differences.

The products are written with dE/dO3 = O3 - y, so they are the gradient of E = 1/2 (y - O3)^2
and half the gradient of E = (y - O3)^2; a product missing a factor is caught on its own leaf.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from ruamel.yaml import YAML

from gradaudit.core.vocab import Backward
from gradaudit.evaluating.gradients import check_gradients
from gradaudit.loading.schema import Case
from reference import medium

CASE_FILE = Path(__file__).resolve().parent.parent / "cases" / "medium.yaml"
NETS = {"sigmoid": medium.sigmoid_net, "tanh": medium.tanh_net}


def check(net, backward, loss_name, seed=0):
    params, x, y = net.example(np.random.default_rng(seed))
    return check_gradients(
        backward,
        net.losses[loss_name],
        params,
        x,
        y,
        draws=32,
        seed=seed,
        lr=net.lr,
        title=f"{net.title} @{loss_name}",
    )


@pytest.mark.parametrize("act", sorted(NETS))
def test_products_are_the_gradient_of_half_squared_error(act):
    net = NETS[act]
    result = check(net, net.backward, "half_se")
    assert set(result.leaves) == set(medium.LEAVES)
    assert result.ok, result.table()
    assert result.traced and result.points == 33


@pytest.mark.parametrize("act", sorted(NETS))
def test_products_are_half_the_gradient_of_squared_error(act):
    net = NETS[act]
    result = check(net, net.backward, "se")
    assert {leaf.verdict for leaf in result.leaves.values()} == {"scale"}, result.table()
    assert {leaf.factor for leaf in result.leaves.values()} == {"1/2"}, result.table()


def test_dropping_dO3_dO1_is_caught_on_w1_only():
    act, act_prime = medium.ACTIVATIONS["sigmoid"]

    def broken(params, x, y):
        d = medium.local_derivatives(params, x, y, act, act_prime)
        grads = medium.chain_rule(d)
        grads["w1"] = d["dE_dO3"] * d["dO1_dw1"]  # "O3 in turn is impacted by O1" left out
        return grads

    result = check(medium.sigmoid_net, broken, "half_se")
    assert result.verdicts["w1"] == "mismatch", result.table()
    assert {k: v for k, v in result.verdicts.items() if k != "w1"} == dict.fromkeys(
        set(medium.LEAVES) - {"w1"}, "ok"
    ), result.table()


def test_update_steps_against_the_gradient():
    params, x, y = medium.example(np.random.default_rng(1))
    grads = medium.sigmoid_net.backward(params, x, y)
    new = medium.update(params, grads, medium.ETA)
    for k in medium.LEAVES:
        # w_new - w_old = -eta * dE/dw, eta = 0.1 (chosen; the article gives none)
        change = float(new[k]) - params[k]
        assert change == pytest.approx(-0.1 * float(grads[k]), rel=1e-12, abs=1e-15)


def test_example_is_seeded_and_a_batch_of_one():
    a = medium.example(np.random.default_rng(3))
    b = medium.example(np.random.default_rng(3))
    assert a == b
    params, x, y = a
    assert set(params) == set(medium.LEAVES)
    assert all(np.ndim(v) == 0 for v in [*params.values(), x, y])
    assert medium.example(np.random.default_rng(4)) != a


def test_case_file_matches_the_reference():
    with CASE_FILE.open() as f:
        cases = [Case.model_validate(dict(c)) for c in YAML(typ="safe").load(f)]
    assert [c.reference for c in cases] == [
        "reference.medium:sigmoid_net",
        "reference.medium:tanh_net",
    ]
    for case in cases:
        net = getattr(medium, case.reference.split(":")[1])
        assert isinstance(net, Backward)
        rows = {f"formula:{leaf}@{loss}" for leaf in medium.LEAVES for loss in net.losses}
        rows |= {f"formula:update:{leaf}" for leaf in medium.LEAVES}
        assert set(case.expect) == rows
        for row, exp in case.expect.items():
            if row.endswith("@se"):
                assert (exp.verdict, exp.factor) == ("scale", "1/2"), row
            else:
                assert exp == "ok", row
