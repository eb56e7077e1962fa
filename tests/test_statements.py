"""Statement verdicts (DESIGN.md section 5): bound, converges, near, predicate, percentile."""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gradaudit.core.vocab import Bound, Iteration, Predicate, Quantity, Sampler, sigmoid
from gradaudit.judging.statements import check_statement
from gradaudit.loading.schema import StatementSpec

N = 1000  # seeded draws in predicate/percentile tests: one shape, one compile per function


def slope(x):
    """sigmoid'(x) = sigmoid(x) (1 - sigmoid(x))."""
    return sigmoid(x) * (1 - sigmoid(x))


def bound_spec(**kw):
    settings_ = dict(method="bound", domain=[-30, 30], points=20001, draws=1000, seed=0, tolerance=1e-12)
    settings_.update(kw)
    return StatementSpec(**settings_)


def keys(n=N, seed=0):
    # the documented key scheme of checks.statements: one split key per draw, in order
    return jax.random.split(jax.random.PRNGKey(seed), n)


# ------------------------------------------------------------------------------------------
# bound


def test_bound_that_holds_tightly_reports_both_ends():
    row = check_statement("slope_range", Bound(slope), bound_spec(lower=0, upper=0.25), {}, None)
    assert row.kind == "statement" and row.quantity == row.label == "slope_range"
    assert row.verdict == "holds"
    assert row.printed == "[0, 0.25]"
    assert row.exact == 0.25  # sigmoid'(0) = 0.5 * 0.5 = 0.25, exactly in float64
    assert row.details["argmax"] == 0.0
    assert row.details["upper_reached"] is True
    # sigmoid'(30) = e^-30 / (1 + e^-30)^2 ~ 9.36e-14 > 0: within the 1e-12 tolerance of 0, never 0
    assert row.details["lower_tight"] is True and row.details["lower_reached"] is False
    assert 0 < row.details["min"] < 1e-13
    assert "max 0.25 at x = 0 reaches 0.25" in row.explanation
    assert "approaches 0 within 1e-12 but never reaches it" in row.explanation
    assert "20001 points in [-30, 30], 1000 seeded draws (seed 0)" in row.explanation
    assert row.explanation.endswith(": holds")


def test_sigmoid_slope_claimed_between_0_and_half_is_loose_with_tight_max_quarter():
    # analyticsvidhya: "sigmoid(x)(1 - sigmoid(x)) will always lie between 0 and 0.5"
    row = check_statement("slope_range", Bound(slope), bound_spec(lower=0, upper=0.5), {}, None)
    assert row.verdict == "loose"
    assert row.exact == 0.25  # the tight max: sigmoid'(0) = 0.25
    assert row.details["upper_tight"] is False
    assert row.details["argmax"] == 0.0
    assert "max 0.25 at x = 0, not 0.5" in row.explanation
    assert "never reaches" in row.explanation  # the lower end 0 is approached, not attained
    assert row.explanation.endswith(": loose")


def test_false_bound_gives_counterexample_at_zero():
    # sigmoid'(x) > 0.2 for |x| < ln((1 + sqrt(0.2)) / (1 - sqrt(0.2))) ~ 0.9624: x = 0 fails first
    row = check_statement("slope_range", Bound(slope), bound_spec(lower=0, upper=0.2), {}, None)
    assert row.verdict == "counterexample"
    assert row.details["counterexample"] == {"x": 0.0, "value": 0.25, "side": "upper"}
    assert row.exact == 0.25
    assert "x = 0 gives 0.25, which is above the claimed upper 0.2" in row.explanation


def test_counterexample_shrinks_to_smallest_then_simplest_x():
    # tanh(x) > 0.9 iff x > atanh(0.9) = ln(19) / 2 = 1.4722195; the shortest decimal above it
    # is 1.473 (1.47 < 1.4722 passes; 1.48 is beyond one grid step 0.005 of the boundary)
    spec = bound_spec(upper=0.9, domain=[-5, 5], points=2001, draws=200)
    row = check_statement("tanh_below", Bound(jnp.tanh), spec, {}, None)
    assert row.verdict == "counterexample"
    ce = row.details["counterexample"]
    assert ce["x"] == 1.473
    assert ce["value"] == pytest.approx(math.tanh(1.473), abs=1e-15)  # 0.900148
    assert ce["value"] > 0.9
    assert row.printed == "<= 0.9"
    assert "x = 1.473 gives 0.900148" in row.explanation


def test_counterexample_on_the_negative_side_of_a_lower_bound():
    # x^3 >= -1 fails for x < -1; the shortest decimal below -1 within a grid step is -1.001,
    # (-1.001)^3 = -1.003003001
    spec = bound_spec(lower=-1, domain=[-3, 3], points=2001, draws=0)
    row = check_statement("cube", Bound(lambda x: x**3), spec, {}, None)
    assert row.verdict == "counterexample"
    assert row.details["counterexample"]["x"] == -1.001
    assert row.details["counterexample"]["value"] == pytest.approx(-1.003003001, abs=1e-15)
    assert row.details["counterexample"]["side"] == "lower"


def test_bound_refines_a_maximum_between_grid_points():
    # grid step 0.01: the closest grid point to pi/2 is 1.57, sin(1.57) = 0.99999968, which is
    # 3.2e-7 below 1 (loose at tolerance 1e-12 without refinement); sin attains 1 at pi/2
    spec = bound_spec(lower=-1, upper=1, domain=[-10, 10], points=2001, draws=0)
    row = check_statement("sine", Bound(jnp.sin), spec, {}, None)
    assert row.verdict == "holds"
    assert abs(row.details["max"] - 1) <= 1e-12
    assert abs(math.cos(row.details["argmax"])) < 1e-5  # argmax at an odd multiple of pi/2


def test_bound_function_takes_given_values_by_name():
    # c * sigmoid'(x) with c = 4 has max 4 * 0.25 = 1
    fn = Bound(lambda x, c: c * slope(x))
    row = check_statement("scaled", fn, bound_spec(lower=0, upper=1), {"c": 4.0}, None)
    assert row.verdict == "holds" and row.exact == 1.0
    with pytest.raises(ValueError, match="parameter 'c', which is not a given value"):
        check_statement("scaled", fn, bound_spec(lower=0, upper=1), {}, None)
    with pytest.raises(ValueError, match="given value 'c', which the case gives as null"):
        check_statement("scaled", fn, bound_spec(lower=0, upper=1), {"c": None}, None)


# ------------------------------------------------------------------------------------------
# converges


def converges_spec(**kw):
    settings_ = dict(method="converges", claimed="0.3333...", start="w0", steps=15)
    settings_.update(kw)
    return StatementSpec(**settings_)


def devforum_step(w):
    """w -> 0.55 w + 0.15"""
    # devforum: w - r * 2 (i w - y) i at i = 1.5, y = 0.5, r = 0.1
    return 0.55 * w + 0.15


def test_devforum_iteration_converges_to_one_third():
    row = check_statement("converges", Iteration(devforum_step), converges_spec(), {"w0": 0.8}, "0.3333...")
    assert row.verdict == "holds"
    assert row.exact == pytest.approx(1 / 3, abs=1e-14)  # fixed point 0.15 / (1 - 0.55) = 1/3
    assert row.details["contraction"] == pytest.approx(0.55, abs=1e-9)
    # RECOVERED.md 003: 0.8, 0.59, 0.4745, 0.410975, ... 0.3333928 at step 15
    assert row.details["iterates"][:4] == pytest.approx([0.8, 0.59, 0.4745, 0.410975], abs=1e-15)
    assert row.details["last"] == pytest.approx(1 / 3 + (0.8 - 1 / 3) * 0.55**15, abs=1e-15)
    assert (
        row.explanation
        == "w -> 0.55 w + 0.15: iterated 15 steps from w0 = 0.8: fixed point 0.3333333 (1/3), "
        "contraction 0.55; after 15 steps 0.3333928; printed 0.3333... truncates it: holds"
    )


def test_iteration_that_converges_elsewhere_is_a_counterexample():
    # the limit 1/3 rounds to 0.33, not 0.35
    row = check_statement(
        "converges", Iteration(devforum_step), converges_spec(claimed="0.35"), {"w0": 0.8}, "0.35"
    )
    assert row.verdict == "counterexample"
    assert row.abs_error == pytest.approx(0.35 - 1 / 3, abs=1e-12)
    assert "converges to 0.3333333, not 0.35: counterexample" in row.explanation


def test_declared_tolerance_replaces_the_printed_precision():
    # |1/3 - 0.3| = 0.0333: within half a unit of "0.3" (0.05), not within a tolerance of 0.01
    it = Iteration(devforum_step)
    loose_print = check_statement("c", it, converges_spec(claimed=0.3), {"w0": 0.8}, "0.3")
    tight = check_statement("c", it, converges_spec(claimed=0.3, tolerance=0.01), {"w0": 0.8}, "0.3")
    assert loose_print.verdict == "holds"
    assert tight.verdict == "counterexample"
    # an ellipsis claim with a tolerance: distance to the interval [0.3333, 0.3334) it stands for
    ell = check_statement("c", it, converges_spec(tolerance=1e-12, steps=60), {"w0": 0.8}, "0.3333...")
    assert ell.verdict == "holds"
    assert "[0.3333, 0.3334)" in ell.explanation


def test_diverging_iterations_are_counterexamples():
    grows = check_statement(
        "c", Iteration(lambda w: 1.5 * w + 0.15), converges_spec(start=0.8), {}, "0.3333..."
    )
    assert grows.verdict == "counterexample"
    assert grows.details["converged"] is False
    assert grows.details["contraction"] == pytest.approx(1.5, abs=1e-9)  # slope of the map
    assert "does not converge" in grows.explanation
    # w -> w^2 + 2 from 0.8 overflows float64 after 11 steps (2, 6, 38, 1446, ... ~1e307)
    blows_up = check_statement(
        "c", Iteration(lambda w: w * w + 2), converges_spec(start=0.8, steps=30, claimed="1"), {}, "1"
    )
    assert blows_up.verdict == "counterexample"
    assert "diverges: not finite after 11 steps" in blows_up.explanation


@settings(max_examples=20, deadline=None)
@given(q=st.floats(-0.9, 0.9), c=st.floats(-10, 10))
def test_linear_iterations_hold_at_their_fixed_point_and_fail_one_digit_off(q, c):
    fixed = c / (1 - q)
    it = Iteration(lambda w: q * w + c)
    text = f"{fixed:.6f}"
    assert (
        check_statement("c", it, converges_spec(start=0.0, steps=20, claimed=text), {}, text).verdict
        == "holds"
    )
    off = f"{fixed + 1e-5:.6f}"  # 10 units of the last digit away
    assert (
        check_statement("c", it, converges_spec(start=0.0, steps=20, claimed=off), {}, off).verdict
        == "counterexample"
    )


# ------------------------------------------------------------------------------------------
# near


def test_near_holds_within_its_tolerance_and_fails_outside():
    # devforum "w needs to be near 0.3": the weight with a = y is y / i = 0.5 / 1.5 = 1/3
    weight = Quantity(lambda i, y: y / i)
    given_ = {"i": 1.5, "y": 0.5, "w0": 0.8}
    near = check_statement(
        "w_near", weight, StatementSpec(method="near", claimed=0.3, tolerance=0.05), given_, "0.3"
    )
    assert near.verdict == "holds"
    assert near.exact == pytest.approx(1 / 3, abs=1e-15)
    assert near.abs_error == pytest.approx(1 / 3 - 0.3, abs=1e-15)  # 0.0333
    assert near.explanation == ("value 0.3333333 (1/3) is within 0.05 of 0.3 (distance 0.0333): holds")
    far = check_statement(
        "w_near", weight, StatementSpec(method="near", claimed=0.3, tolerance=0.02), given_, "0.3"
    )
    assert far.verdict == "counterexample"
    assert "is 0.0333 from 0.3, more than the tolerance 0.02" in far.explanation


def test_near_quantity_with_var_keywords_receives_every_given_value():
    q = Quantity(lambda i, y, **_: y / i)
    row = check_statement(
        "w_near",
        q,
        StatementSpec(method="near", claimed=0.3, tolerance=0.05),
        {"i": 1.5, "y": 0.5, "r": 0.1},
        None,
    )
    assert row.verdict == "holds"


# ------------------------------------------------------------------------------------------
# predicate


def normal_pair(key):
    return jax.random.normal(key, (2,))


def same_sign_as_a(s):
    return jnp.sign(s[0] + s[1]) == jnp.sign(s[0])


def test_predicate_that_holds_on_every_draw():
    # |a + b| <= |a| + |b| holds exactly in floating point (rounding is monotone)
    pred = Predicate(
        normal_pair,
        lambda s: jnp.abs(s[0] + s[1]) <= jnp.abs(s[0]) + jnp.abs(s[1]),
        metrics=lambda s: {"a_larger": jnp.abs(s[0]) > jnp.abs(s[1])},
    )
    row = check_statement("triangle", pred, StatementSpec(method="predicate", draws=N), {}, None)
    assert row.verdict == "holds"
    assert row.exact == 0.0
    samples = np.asarray(jax.vmap(normal_pair)(keys()))
    a_larger = float(np.mean(np.abs(samples[:, 0]) > np.abs(samples[:, 1])))  # about 1/2
    assert row.details["metrics"] == {"a_larger": a_larger}
    assert f"the check holds on all {N}; a_larger: {100 * a_larger:.1f}%" in row.explanation


def test_predicate_counterexample_reports_fractions_and_smallest_failing_draw():
    # for independent normals a, b: P(sign(a + b) != sign(a)) = P(|b| > |a|, opposite signs) = 1/4
    pred = Predicate(
        normal_pair,
        same_sign_as_a,
        metrics=lambda s: {"same_sign_as_b": jnp.sign(s[0] + s[1]) == jnp.sign(s[1])},
    )
    row = check_statement("keeps_sign", pred, StatementSpec(method="predicate", draws=N, seed=0), {}, None)
    assert row.verdict == "counterexample"
    # an independent recomputation from the same keys
    samples = np.asarray(jax.vmap(normal_pair)(keys()))
    fails = np.sign(samples.sum(1)) != np.sign(samples[:, 0])
    assert row.details["failures"] == int(fails.sum())
    assert row.exact == pytest.approx(fails.mean(), abs=1e-15)
    assert 0.2 < row.exact < 0.3  # 1/4 within 3.6 binomial sd (0.0137) at N = 1000
    same_b = float(np.mean(np.sign(samples.sum(1)) == np.sign(samples[:, 1])))  # about 3/4
    assert row.details["metrics"] == {"same_sign_as_b": same_b}
    size = np.abs(samples).max(1)
    smallest = int(np.flatnonzero(fails)[np.argmin(size[fails])])
    worst = row.details["smallest_failure"]
    assert worst["index"] == smallest
    assert worst["sample"] == samples[smallest].tolist()
    assert f"smallest failing draw #{smallest}" in row.explanation
    assert f"same_sign_as_b: {100 * same_b:.1f}%" in row.explanation


def test_predicate_size_orders_counterexamples():
    # ordered by |a| alone: the failing draw with the smallest |a|
    pred = Predicate(normal_pair, same_sign_as_a, size=lambda s: jnp.abs(s[0]))
    row = check_statement("keeps_sign", pred, StatementSpec(method="predicate", draws=N), {}, None)
    samples = np.asarray(jax.vmap(normal_pair)(keys()))
    fails = np.sign(samples.sum(1)) != np.sign(samples[:, 0])
    expected = int(np.flatnonzero(fails)[np.argmin(np.abs(samples[fails, 0]))])
    assert row.details["smallest_failure"]["index"] == expected


def uniform(key):
    return jax.random.uniform(key)


def test_random_start_is_plausible_when_at_least_one_percent_satisfy_it():
    # P(u < 0.05) = 5% >= 1%
    row = check_statement(
        "lucky_start",
        Predicate(uniform, lambda u: u < 0.05),
        StatementSpec(method="predicate", draws=N, about="random_start"),
        {},
        None,
    )
    u = np.asarray(jax.vmap(uniform)(keys()))
    assert row.verdict == "plausible"
    assert row.exact == pytest.approx(np.mean(u < 0.05), abs=1e-15)
    assert ">= 1% of starts: plausible" in row.explanation


def test_random_start_is_implausible_below_one_percent():
    # P(u < 0.002) = 0.2% < 1%
    row = check_statement(
        "lucky_start",
        Predicate(uniform, lambda u: u < 0.002),
        StatementSpec(method="predicate", draws=N, about="random_start"),
        {},
        None,
    )
    u = np.asarray(jax.vmap(uniform)(keys()))
    assert row.verdict == "implausible"
    assert row.exact == pytest.approx(np.mean(u < 0.002), abs=1e-15)
    assert row.exact < 0.01


# ------------------------------------------------------------------------------------------
# percentile


def normal(key):
    return jax.random.normal(key)


def test_printed_value_inside_the_central_range_is_plausible():
    # Phi(0.1) = 0.54: about the 54th percentile of standard normal starts
    row = check_statement(
        "loss_epoch0", Sampler(normal), StatementSpec(method="percentile", claimed="0.1", draws=N), {}, "0.1"
    )
    v = np.asarray(jax.vmap(normal)(keys()))
    assert row.verdict == "plausible"
    assert row.exact == pytest.approx(100 * np.mean(v < 0.1), abs=1e-12)
    assert 45 < row.exact < 63
    assert row.printed == "0.1"
    assert row.explanation.startswith(
        f"printed 0.1 is at the {round(row.exact)}th percentile of {N} seeded starts (seed 0; 1%-99%: "
    )


def test_printed_value_beyond_the_99th_percentile_is_implausible():
    # the 99th percentile of a standard normal is 2.33; 3.5 is far beyond it
    row = check_statement(
        "loss_epoch0", Sampler(normal), StatementSpec(method="percentile", claimed="3.5", draws=N), {}, "3.5"
    )
    assert row.verdict == "implausible"
    assert row.details["q99"] < 3.0


def test_percentile_range_widens_by_half_a_unit_of_the_printed_digits():
    # uniform starts in [0, 1): the 99th percentile is about 0.99. "1" widens by 0.5 (plausible);
    # "1.000" widens by 0.0005 and needs a 99th percentile >= 0.9995 (implausible)
    spec = lambda text: StatementSpec(method="percentile", claimed=text, draws=N)  # noqa: E731
    coarse = check_statement("u", Sampler(uniform), spec("1"), {}, "1")
    fine = check_statement("u", Sampler(uniform), spec("1.000"), {}, "1.000")
    assert coarse.verdict == "plausible" and coarse.details["widen"] == 0.5
    assert fine.verdict == "implausible" and fine.details["widen"] == pytest.approx(5e-4)
    assert coarse.details["q99"] == fine.details["q99"] < 0.9995


# ------------------------------------------------------------------------------------------
# settings and kinds


@pytest.mark.parametrize(
    "obj, spec, missing",
    [
        (
            Bound(slope),
            StatementSpec(method="bound", upper=0.5, points=11, draws=0, tolerance=0.0),
            "`domain`",
        ),
        (
            Bound(slope),
            StatementSpec(method="bound", upper=0.5, domain=[-1, 1], points=11, draws=0),
            "`tolerance`",
        ),
        (
            Bound(slope),
            StatementSpec(method="bound", domain=[-1, 1], points=11, draws=0, tolerance=0.0),
            "`lower` or `upper`",
        ),
        (Iteration(devforum_step), StatementSpec(method="converges", claimed="0.3", start=0.8), "`steps`"),
        (Quantity(lambda: 1.0), StatementSpec(method="near", claimed=0.3), "`tolerance`"),
        (Predicate(uniform, lambda u: u < 1), StatementSpec(method="predicate"), "`draws`"),
        (Sampler(uniform), StatementSpec(method="percentile", draws=N), "`claimed`"),
    ],
)
def test_missing_setting_is_an_error_naming_it(obj, spec, missing):
    with pytest.raises(ValueError, match=f"statement 'st' \\(method {spec.method}\\) needs {missing}"):
        check_statement("st", obj, spec, {}, None)


def test_kind_and_method_mismatch_is_an_error():
    with pytest.raises(
        ValueError,
        match="statement 'slope_range': the case checks it with method "
        "'converges', but the reference declares a Bound",
    ):
        check_statement("slope_range", Bound(slope), converges_spec(), {"w0": 0.8}, None)


def test_setting_the_method_does_not_use_is_an_error():
    with pytest.raises(ValueError, match="sets start, which method bound does not use"):
        check_statement("slope_range", Bound(slope), bound_spec(upper=0.5, start=0.0), {}, None)


def test_chosen_settings_are_named_in_the_explanation():
    row = check_statement(
        "converges", Iteration(devforum_step), converges_spec(chosen=["steps"]), {"w0": 0.8}, "0.3333..."
    )
    assert row.explanation.endswith("(chosen by the case, not the text: steps)")


def test_long_iteration_runs_in_one_compiled_scan_with_given_learning_rate():
    # analyticsvidhya: gradient descent on y = (x + 2)^2 from x = 0; x -> x - lr * 2 (x + 2) is
    # linear with slope 1 - 2 lr = 0.998 at lr = 0.001 and fixed point -2
    descent = Iteration(lambda x, lr: x - lr * 2 * (x + 2))
    spec = StatementSpec(method="converges", claimed=-2, start=0, steps=5000, chosen=["lr", "steps"])
    row = check_statement("descent", descent, spec, {"lr": 0.001}, "-2")
    assert row.verdict == "holds"
    assert row.exact == pytest.approx(-2, abs=1e-9)
    assert row.details["contraction"] == pytest.approx(0.998, abs=1e-6)
    # after 5000 steps: -2 + 2 * 0.998^5000 = -2 + 9.0e-5
    assert row.details["last"] == pytest.approx(-2 + 2 * 0.998**5000, abs=1e-10)


def test_predicates_of_one_case_over_the_same_draws_are_checked_in_one_program():
    # analyticsvidhya's drop_sigmoid_terms_W1, _W2 and _W3: one draw function, 10,000 draws,
    # seed 0. One program checks all three (the golden seed report pins that their rows are
    # byte for byte those of a program each).
    from pathlib import Path

    from gradaudit.core import _jax
    from gradaudit.judging import statements
    from gradaudit.loading.cases import load_paths, resolve_reference

    root = Path(__file__).resolve().parents[1]
    cases, errors = load_paths([str(root / "cases" / "analyticsvidhya.yaml")])
    assert not errors
    (case,) = [c for c in cases if c.spec.id == "analyticsvidhya-matrix-sigmoid-output"]
    ref = resolve_reference(case)
    statements._PROGRAMS.clear()
    with _jax.precise():
        rows = statements.statement_rows(case, ref, {})
    assert [r.quantity for r in rows] == [f"drop_sigmoid_terms_W{k}" for k in (1, 2, 3)]
    kinds = [key[0] for key in statements._PROGRAMS]
    assert kinds.count("checks") == 1 and "check" not in kinds, kinds
