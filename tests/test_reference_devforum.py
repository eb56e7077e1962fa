"""reference/devforum.py: the worksheet's values, meanings and statements, and its case file.

Steps are evaluated by walking the worksheet directly (the harness's evaluator is tested
elsewhere). Expected values come from RECOVERED.md 003 and hand arithmetic, stated per line.
"""

from __future__ import annotations

from pathlib import Path

import jax
import numpy as np
import pytest

from gradaudit.core.printed import parse_printed
from gradaudit.core.vocab import Iteration, Quantity, grad, update
from gradaudit.loading.cases import load_file
from reference import devforum

CASE_FILE = Path(__file__).resolve().parent.parent / "cases" / "devforum.yaml"


def walk(ws, given):
    """Every step's value from the given values, in declaration order."""
    values = dict(given)
    for step in ws.steps.values():
        values[step.name] = step.fn(*[values[name] for name in step.inputs])
    return values


def test_steps_at_the_given_values():
    v = walk(devforum.worked_example, devforum.GIVEN)
    # RECOVERED.md 003: at w0 = 0.8, a = 1.2, C = 0.49, dC/dw = 2.1, w1 = 0.59.
    assert v["a"] == pytest.approx(1.2, abs=1e-15)  # 1.5 * 0.8
    assert v["C"] == pytest.approx(0.49, abs=1e-15)  # (1.2 - 0.5)^2
    assert v["dC_da"] == pytest.approx(1.4, abs=1e-15)  # 2 * (1.2 - 0.5)
    assert v["da_dw"] == 1.5  # = i
    assert v["dC_dw"] == pytest.approx(2.1, abs=1e-15)  # 1.4 * 1.5
    assert v["w1"] == pytest.approx(0.59, abs=1e-15)  # 0.8 - 0.1 * 2.1


def test_steps_are_in_the_articles_order_and_notation():
    ws = devforum.worked_example
    assert list(ws.steps) == ["a", "C", "dC_da", "da_dw", "dC_dw", "w1"]
    assert ws.loss == "C"
    assert sorted(ws.given_names) == ["i", "r", "w0", "y"]
    assert ws.steps["dC_da"].means == grad("C", wrt="a")
    assert ws.steps["dC_dw"].means == grad("C", wrt="w0")
    assert ws.steps["w1"].means == update("w0", lr="r")


def test_meanings_hold_by_autodiff_at_seeded_draws():
    """dC/dw and the update agree with jax.grad of the worksheet's own a and C, at random
    values of every given (learning rate included), not only at r = 0.1."""
    ws = devforum.worked_example

    def cost(w0, i, y):
        return ws.steps["C"].fn(ws.steps["a"].fn(i, w0), y)

    dcost = jax.grad(cost)
    rng = np.random.default_rng(0)
    for _ in range(8):
        given = {k: float(rng.uniform(-2.0, 2.0)) for k in devforum.GIVEN}
        v = walk(ws, given)
        true = float(dcost(given["w0"], given["i"], given["y"]))
        assert v["dC_dw"] == pytest.approx(true, rel=1e-12, abs=1e-14)
        assert v["w1"] - given["w0"] == pytest.approx(-given["r"] * true, rel=1e-12, abs=1e-14)
        # dC/da = 2(a - y) against the derivative of C in its own argument a.
        da = float(jax.grad(ws.steps["C"].fn)(v["a"], given["y"]))
        assert v["dC_da"] == pytest.approx(da, rel=1e-12, abs=1e-14)


def test_the_repeated_update_follows_recovered_sequence():
    it = devforum.worked_example.statements["converges"]
    assert isinstance(it, Iteration)
    w = devforum.GIVEN["w0"]
    seq = [w]
    for _ in range(15):
        w = it.fn(w)
        seq.append(w)
    # RECOVERED.md 003: 0.8, 0.59, 0.4745, 0.410975, 0.37603625 (w -> 0.55 w + 0.15).
    np.testing.assert_allclose(seq[:5], [0.8, 0.59, 0.4745, 0.410975, 0.37603625], rtol=0, atol=1e-14)
    # RECOVERED.md 003: 0.3333928 at step 15 (1/3 + (0.8 - 1/3) * 0.55^15 = 0.33339282...).
    assert seq[15] == pytest.approx(0.3333928, abs=5e-8)


def test_the_iteration_contracts_by_055_towards_one_third():
    it = devforum.worked_example.statements["converges"].fn
    # Fixed point y / i = 0.5 / 1.5 = 1/3; contraction 1 - 2 r i^2 = 1 - 2 * 0.1 * 2.25 = 0.55.
    assert it(1 / 3) == pytest.approx(1 / 3, abs=1e-15)
    for w in (-3.0, 0.0, 0.8, 2.5):
        assert it(w) - 1 / 3 == pytest.approx(0.55 * (w - 1 / 3), abs=1e-14)
    w = devforum.GIVEN["w0"]
    for _ in range(60):
        w = it(w)
    # The text's "0.3333..." is a truncation of the limit (DESIGN.md section 3).
    assert parse_printed("0.3333...").passes(w)
    assert abs(it(w) - w) < 1e-12  # the case's convergence tolerance


def test_w_near_is_the_weight_that_gives_the_desired_output():
    q = devforum.worked_example.statements["w_near"]
    assert isinstance(q, Quantity)
    value = q.fn(**devforum.GIVEN)
    assert value == pytest.approx(1 / 3, abs=1e-15)  # y / i = 0.5 / 1.5
    assert abs(value - 0.3) <= 0.05  # "near 0.3": the case's declared tolerance
    # It is also where C is least: C(w) = (1.5 w - 0.5)^2 on a grid.
    grid = np.linspace(0.0, 1.0, 100_001)
    assert grid[np.argmin((1.5 * grid - 0.5) ** 2)] == pytest.approx(1 / 3, abs=1e-5)


def test_case_file_matches_the_reference():
    loaded, errors = load_file(str(CASE_FILE))
    assert errors == []
    (case,) = [c.spec for c in loaded]
    assert case.reference == "reference.devforum:worked_example"
    # The iteration statement closes over GIVEN: it must be the case's given.
    assert case.given == devforum.GIVEN
    ws = devforum.worked_example
    names = set(ws.steps) | set(ws.given_names)
    assert set(case.claims) <= names
    for spec_id, spec in case.statements.items():
        assert (spec.of or spec_id) in ws.statements
    formula_rows = {f"formula:{s.name}" for s in ws.steps.values() if s.means is not None}
    operand_rows = {"a<-w0", "a<-i"}
    assert set(case.expect) == set(case.claims) | operand_rows | formula_rows | set(case.statements)
