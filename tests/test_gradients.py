"""A catalogue of deliberately broken backwards: each slip gets its verdict, leaf, index, factor.

Each broken backward differs from the correct one (tests/helpers.py) in the line marked `# slip`.
Backwards in `jax.numpy` go through the vmapped path, those in `numpy` through the loop; both
are checked at the given point and 16 seeded random draws around it.
"""

from __future__ import annotations

import re

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from helpers import (
    CORRECT,
    LOSSES,
    SHAPES,
    act_fn,
    act_grad,
    example,
    forward,
    grads_from,
    parts,
    sse_mean_sigmoid,
)
from hypothesis import given
from hypothesis import strategies as st

from gradaudit import assert_gradients, check_gradients
from gradaudit.core.tolerances import tolerance
from gradaudit.evaluating import fd, gradients

P, X, Y = example(0)  # shape (3, 3, 2), batch N = 5
LOSS = LOSSES["sigmoid"]


def check(backward, loss=LOSS, point=None, **kw):
    p, x, y = point if point is not None else (P, X, Y)
    return check_gradients(backward, loss, p, x, y, **kw)


def only_finding(result, leaf, verdict):
    """`leaf` has `verdict`; every other leaf is ok."""
    assert result.verdicts[leaf] == verdict, result.table()
    others = {k: v for k, v in result.verdicts.items() if k != leaf}
    assert set(others.values()) == {"ok"}, result.table()
    return result.leaves[leaf]


# --------------------------------------------------------------------------------------------
# Correct backwards: no finding, on both paths


@pytest.mark.parametrize("act", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("xp", [jnp, np], ids=["jnp", "numpy"])
def test_correct_backward_is_ok(act, xp):
    result = check(CORRECT[(act, xp.__name__)], LOSSES[act])
    assert result.ok, result.table()
    assert result.traced is (xp is jnp)
    assert result.points == 17  # the given point and 16 draws
    for leaf in result.leaves.values():
        # all three values at the shown element agree (finite differences to ~1e-9)
        assert leaf.finite_diff == pytest.approx(leaf.autodiff, rel=1e-6, abs=1e-9)


# --------------------------------------------------------------------------------------------
# sign, scale


def test_sign_flipped_on_one_leaf():
    def backward(p, x, y):
        g = grads_from(parts(p, x, y, "sigmoid"), x)
        g["b2"] = -g["b2"]  # slip: y - o instead of o - y for the bias only
        return g

    leaf = only_finding(check(backward), "b2", "sign")
    assert leaf.factor is None


def test_factor_2_forgetting_the_half():
    # The loss is 1/2 * SSE, but the backward differentiates SSE: do = 2 (o - y) / N.
    def backward(p, x, y):
        q = parts(p, x, y, "tanh")
        q["do"] = 2 * q["do"]  # slip
        q["dz1"] = (q["do"] @ p["W2"].T) * act_grad("tanh", q["z1"], q["h"])
        return grads_from(q, x)

    result = check(backward, LOSSES["tanh"])
    assert set(result.verdicts.values()) == {"scale"}, result.table()
    for leaf in result.leaves.values():
        assert (leaf.factor, leaf.factor_value) == ("2", pytest.approx(2.0))


def test_factor_half_against_a_loss_without_the_half():
    # The loss is SSE (no 1/2); the backward's (o - y) / N is half its gradient.
    result = check(CORRECT[("sigmoid", "jax.numpy")], sse_mean_sigmoid)
    assert set(result.verdicts.values()) == {"scale"}, result.table()
    assert {leaf.factor for leaf in result.leaves.values()} == {"1/2"}


def test_factor_1_over_n_averaging_twice():
    def backward(p, x, y):
        q = parts(p, x, y, "sigmoid")
        g = grads_from(q, x)
        g["b2"] = q["do"].mean(axis=0)  # slip: do is already divided by N
        return g

    leaf = only_finding(check(backward), "b2", "scale")
    assert leaf.factor == "1/N"
    assert leaf.factor_value == pytest.approx(1 / 5)  # N = 5


def test_factor_n_forgetting_the_mean_numpy():
    def backward(p, x, y):
        q = parts(p, x, y, "sigmoid", np)
        g = grads_from(q, x)
        g["W2"] = q["h"].T @ (q["o"] - y)  # slip: no 1/N
        return g

    result = check(backward)
    assert not result.traced
    leaf = only_finding(result, "W2", "scale")
    assert (leaf.factor, leaf.factor_value) == ("N", pytest.approx(5.0))


def test_learning_rate_folded_into_the_gradient():
    # A "gradient" that is really the step lr * dE/dw: right only when lr = 1.
    def step_for(lr):
        def backward(p, x, y):
            grads = grads_from(parts(p, x, y, "sigmoid"), x)
            return jax.tree_util.tree_map(lambda g: lr * g, grads)

        return backward

    result = check(step_for(0.1), lr=0.1)
    assert set(result.verdicts.values()) == {"scale"}, result.table()
    assert {leaf.factor for leaf in result.leaves.values()} == {"lr"}
    assert check(step_for(1.0), lr=1.0).ok


# --------------------------------------------------------------------------------------------
# transpose, shape


def test_transposed_square_weight_gradient():
    def backward(p, x, y):
        q = parts(p, x, y, "sigmoid")
        g = grads_from(q, x)
        g["W1"] = q["dz1"].T @ x  # slip: (hidden x input), W1 is (input x hidden); 3 x 3 here
        return g

    leaf = only_finding(check(backward), "W1", "transpose")
    assert "transposed" in leaf.explanation


def test_transposed_non_square_weight_gradient():
    def backward(p, x, y):
        q = parts(p, x, y, "sigmoid")
        g = grads_from(q, x)
        g["W2"] = q["do"].T @ q["h"]  # slip: shape (2, 3) for W2 of shape (3, 2)
        return g

    leaf = only_finding(check(backward), "W2", "transpose")
    assert "(2, 3)" in leaf.explanation and "(3, 2)" in leaf.explanation


def test_wrong_shape_keepdims():
    def backward(p, x, y):
        q = parts(p, x, y, "sigmoid")
        g = grads_from(q, x)
        g["b2"] = q["do"].sum(axis=0, keepdims=True)  # slip: (1, 2) for b2 of shape (2,)
        return g

    leaf = only_finding(check(backward), "b2", "shape")
    assert "(1, 2)" in leaf.explanation


# --------------------------------------------------------------------------------------------
# partial, zero, mismatch


def test_one_element_wrong_numpy():
    def backward(p, x, y):
        g = grads_from(parts(p, x, y, "tanh", np), x)
        g["W1"][2, 0] = -g["W1"][2, 0]  # slip: one sign wrong in one element
        return g

    result = check(backward, LOSSES["tanh"])
    assert not result.traced
    leaf = only_finding(result, "W1", "partial")
    assert leaf.indices == [(2, 0)]
    assert leaf.worst_index == (2, 0)
    assert "sign flipped there" in leaf.explanation


def test_one_element_wrong_jnp():
    def backward(p, x, y):
        g = grads_from(parts(p, x, y, "sigmoid"), x)
        g["W2"] = g["W2"].at[1, 1].add(0.01)  # slip: one element off by 0.01
        return g

    leaf = only_finding(check(backward), "W2", "partial")
    assert leaf.indices == [(1, 1)]
    assert leaf.max_abs == pytest.approx(0.01)


def test_term_left_out_is_zero():
    def backward(p, x, y):
        g = grads_from(parts(p, x, y, "relu"), x)
        g["b1"] = jnp.zeros_like(p["b1"])  # slip: the hidden bias's term left out
        return g

    leaf = only_finding(check(backward, LOSSES["relu"]), "b1", "zero")
    assert "term left out" in leaf.explanation


@pytest.mark.parametrize("act", ["sigmoid", "tanh"])
def test_activation_derivative_of_the_pre_activation(act):
    def backward(p, x, y):
        q = parts(p, x, y, act)
        z = q["z1"]
        q["dz1"] = q["dh"] * act_grad(act, z, z)  # slip: h(1-h) / 1-h^2 evaluated at z, not h
        return grads_from(q, x)

    result = check(backward, LOSSES[act])
    assert result.verdicts == {"W1": "mismatch", "b1": "mismatch", "W2": "ok", "b2": "ok"}, result.table()


def test_right_at_the_given_values_only():
    _, h_given, _ = forward(P, X, "sigmoid", np)

    def backward(p, x, y):
        q = parts(p, x, y, "sigmoid")
        q["h"] = h_given  # slip: activations cached from the given point, stale at any other
        return grads_from(q, x)

    result = check(backward)
    leaf = only_finding(result, "W2", "mismatch")
    assert leaf.worst_point > 0
    assert "right at the given values but not in general" in leaf.explanation
    # finite differences at that draw side with autodiff
    assert leaf.finite_diff == pytest.approx(leaf.autodiff, rel=1e-6, abs=1e-9)


# --- `=` instead of `+=`: a weight used twice (tied autoencoder), h = act(x W + b1), o = h W^T + b2


def tied_loss(p, x, y):
    h = act_fn("sigmoid", x @ p["W"] + p["b1"][None, :])
    o = h @ p["W"].T + p["b2"][None, :]
    return 0.5 * jnp.mean(jnp.sum((o - y) ** 2, axis=1))


def tied_backward(accumulate: bool):
    def backward(p, x, y):
        n = x.shape[0]
        h = 1.0 / (1.0 + np.exp(-(x @ p["W"] + p["b1"][None, :])))
        o = h @ p["W"].T + p["b2"][None, :]
        do = (o - y) / n
        dz = (do @ p["W"]) * h * (1 - h)
        g = {"W": np.zeros_like(p["W"]), "b1": dz.sum(axis=0), "b2": do.sum(axis=0)}
        g["W"] = do.T @ h  # W's use in the decoder
        if accumulate:
            g["W"] += x.T @ dz  # and in the encoder
        else:
            g["W"] = x.T @ dz  # slip: = instead of +=, the decoder's term is lost
        return g

    return backward


def tied_example(seed=0):
    rng = np.random.default_rng(seed)
    p = {
        "W": 0.5 * rng.standard_normal((4, 3)),
        "b1": 0.1 * rng.standard_normal(3),
        "b2": 0.1 * rng.standard_normal(4),
    }
    x = rng.standard_normal((5, 4))
    return p, x, x  # an autoencoder's target is its input


def test_assignment_instead_of_accumulation_for_a_shared_weight():
    assert check(tied_backward(True), tied_loss, tied_example()).ok
    result = check(tied_backward(False), tied_loss, tied_example())
    assert not result.traced
    leaf = only_finding(result, "W", "mismatch")
    assert leaf.worst_index is not None


# --------------------------------------------------------------------------------------------
# non-finite, missing, extra, raising


def test_nan_in_one_leaf_numpy():
    def backward(p, x, y):
        g = grads_from(parts(p, x, y, "sigmoid", np), x)
        g["b1"][1] = np.nan  # slip: 0/0 in one unit
        return g

    leaf = only_finding(check(backward), "b1", "non-finite")
    assert leaf.indices == [(1,)]
    assert leaf.worst_index == (1,)
    assert "NaN or inf at the given values" in leaf.explanation


def test_leaf_left_out_is_missing():
    def backward(p, x, y):
        g = grads_from(parts(p, x, y, "sigmoid"), x)
        del g["b2"]  # slip
        return g

    leaf = only_finding(check(backward), "b2", "missing")
    assert "no leaf 'b2'" in leaf.explanation


def test_misnamed_leaf_is_missing_and_extra():
    def backward(p, x, y):
        g = grads_from(parts(p, x, y, "sigmoid"), x)
        g["B2"] = g.pop("b2")  # slip: a typo in the key
        return g

    result = check(backward)
    assert result.verdicts == {"W1": "ok", "b1": "ok", "W2": "ok", "b2": "missing", "B2": "extra"}


def test_backward_that_raises_is_reported():
    def backward(p, x, y):
        q = parts(p, x, y, "sigmoid", np)
        g = grads_from(q, x)
        g["W2"] = q["h"] @ q["do"]  # slip: (5, 3) @ (5, 2) does not multiply
        return g

    result = check(backward)
    assert not result.ok
    assert "ValueError" in result.error and "matmul" in result.error
    assert set(result.verdicts) == {"W1", "b1", "W2", "b2"}
    assert "backward raised: ValueError" in result.table()


def test_backward_that_raises_at_a_draw_only():
    calls = []

    def backward(p, x, y):
        g = grads_from(parts(p, x, y, "sigmoid", np), x)  # numpy: tracing fails before this line
        calls.append(1)
        if len(calls) == 4:  # the given point and draws 1, 2 pass; draw 3 raises
            raise FloatingPointError("overflow in a draw")
        return g

    result = check(backward)
    assert "FloatingPointError" in result.error and "random draw 3" in result.error
    assert result.points == 3
    assert set(result.verdicts.values()) == {"ok"}  # the points reached are still compared
    assert not result.ok


# --------------------------------------------------------------------------------------------
# oracle-error: the loss's own differentiation is broken, the hand-written backward is right


def stop_gradient_loss(p, x, y):
    z1 = x @ p["W1"] + p["b1"][None, :]
    h = jax.lax.stop_gradient(act_fn("sigmoid", z1))  # autodiff sees no path to W1, b1
    o = h @ p["W2"] + p["b2"][None, :]
    return 0.5 * jnp.mean(jnp.sum((o - y) ** 2, axis=1))


@jax.custom_vjp
def bad_sigmoid(z):
    return 1.0 / (1.0 + jnp.exp(-z))


def _bad_sigmoid_fwd(z):
    s = bad_sigmoid(z)
    return s, s


def _bad_sigmoid_bwd(s, g):
    return (g * s,)  # wrong: s (1 - s) is the derivative


bad_sigmoid.defvjp(_bad_sigmoid_fwd, _bad_sigmoid_bwd)


def bad_vjp_loss(p, x, y):
    h = bad_sigmoid(x @ p["W1"] + p["b1"][None, :])
    o = h @ p["W2"] + p["b2"][None, :]
    return 0.5 * jnp.mean(jnp.sum((o - y) ** 2, axis=1))


@pytest.mark.parametrize("loss", [stop_gradient_loss, bad_vjp_loss], ids=["stop_gradient", "custom_vjp"])
def test_broken_loss_differentiation_is_oracle_error(loss):
    result = check(CORRECT[("sigmoid", "jax.numpy")], loss)
    expected = {"W1": "oracle-error", "b1": "oracle-error", "W2": "ok", "b2": "ok"}
    assert result.verdicts == expected, result.table()
    leaf = result.leaves["b1"]
    # the hand-written value agrees with finite differences, autodiff does not
    assert leaf.hand == pytest.approx(leaf.finite_diff, rel=1e-6, abs=1e-9)
    assert leaf.autodiff != pytest.approx(leaf.finite_diff, rel=1e-3)
    assert "stop_gradient or a wrong custom_vjp" in leaf.explanation


def test_oracle_error_on_a_large_leaf_is_found_by_sampling():
    # 40 x 30 = 1200 elements in W1 (> SMALL_LEAF): its wrong elements and its random directions.
    p, x, y = example(1, shape=(40, 30, 2))
    result = check(CORRECT[("sigmoid", "jax.numpy")], bad_vjp_loss, (p, x, y), draws=2)
    assert result.verdicts["W1"] == "oracle-error", result.table()
    assert result.verdicts["W2"] == "ok"


def test_a_large_ok_leafs_second_opinion_is_directional():
    # W1 is 40 x 30 = 1,200 numbers (> SMALL_LEAF): its second opinion is DIRECTIONS random
    # directions, 2 loss evaluations each (the plain central difference agrees, so no more), and
    # no element of it alone; the small leaves b1 (30), W2 (30 x 2 = 60) and b2 (2) keep one
    # probe per element, 2 evaluations each: 2 x 2 + 2 x 92 = 188. (Before: W1's 4 sampled
    # elements, its largest and its worst too, 12 more.)
    p, x, y = example(1, shape=(40, 30, 2))
    result = check(CORRECT[("sigmoid", "numpy")], LOSS, (p, x, y), draws=2)
    assert result.ok, result.table()
    assert gradients.DIRECTIONS == 2 and result.fd_evaluations == 2 * 2 + 2 * 92


def test_in_a_large_problem_every_leafs_second_opinion_is_directional():
    # 70 x 60 = 4,200 numbers in W1: the problem (4,382) is over ELEMENTWISE_PROBLEM, so the small
    # leaves b1 (60), W2 (120) and b2 (2) get DIRECTIONS directions too, not one probe per element:
    # 4 leaves x 2 directions x 2 evaluations = 16 (per element, as in a small problem, the three
    # small leaves alone would cost 2 x 182 = 364).
    p, x, y = example(1, shape=(70, 60, 2))
    assert 4382 > gradients.ELEMENTWISE_PROBLEM
    result = check(CORRECT[("sigmoid", "numpy")], LOSS, (p, x, y), draws=2)
    assert result.ok, result.table()
    assert gradients.DIRECTIONS == 2 and result.fd_evaluations == 4 * 2 * 2


def test_in_a_large_problem_a_flipped_element_of_a_small_leaf_is_named_with_its_finite_difference():
    p, x, y = example(1, shape=(70, 60, 2))
    grad = CORRECT[("sigmoid", "numpy")]
    g = grad(p, x, y)
    i = int(np.argmax(np.abs(g["b1"])))
    assert abs(g["b1"][i]) > 1e-3  # a flip there is well beyond the tolerance

    def backward(p, x, y):
        out = grad(p, x, y)
        out["b1"][i] *= -1.0
        return out

    leaf = only_finding(check(backward, LOSS, (p, x, y), draws=2), "b1", "partial")
    assert leaf.indices == [(i,)] and leaf.worst_point == 0
    # the wrong element is probed on its own: finite differences side with autodiff there
    assert leaf.finite_diff == pytest.approx(leaf.autodiff, rel=1e-6)
    assert leaf.hand == pytest.approx(-leaf.autodiff, rel=1e-12)


def test_one_flipped_element_of_a_large_leaf_is_named_with_its_finite_difference():
    p, x, y = example(1, shape=(40, 30, 2))
    grad = CORRECT[("sigmoid", "numpy")]
    g = grad(p, x, y)
    i = (17, 4)
    assert abs(g["W1"][i]) > 1e-3  # a flip there is well beyond the tolerance

    def backward(p, x, y):
        out = grad(p, x, y)
        out["W1"][i] *= -1.0
        return out

    leaf = only_finding(check(backward, LOSS, (p, x, y), draws=2), "W1", "partial")
    assert leaf.indices == [i] and leaf.worst_index == i and leaf.worst_point == 0
    # the wrong element is probed on its own: finite differences side with autodiff there
    assert leaf.finite_diff == pytest.approx(leaf.autodiff, rel=1e-6)
    assert leaf.hand == pytest.approx(-leaf.autodiff, rel=1e-12)


def test_a_large_leaf_off_by_a_factor_shows_the_finite_difference_at_its_worst_element():
    p, x, y = example(1, shape=(40, 30, 2))
    grad = CORRECT[("sigmoid", "numpy")]

    def backward(p, x, y):
        out = grad(p, x, y)
        out["W1"] = 2.0 * out["W1"]
        return out

    leaf = only_finding(check(backward, LOSS, (p, x, y), draws=2), "W1", "scale")
    assert leaf.factor == "2" and leaf.worst_point == 0
    assert leaf.finite_diff == pytest.approx(leaf.autodiff, rel=1e-6)  # probed: not ok


def test_autodiff_broken_at_one_element_of_a_large_leaf_is_caught_along_a_direction():
    # Autodiff of this loss is 0 at W1[5, 6] (a stop_gradient), and the hand-written gradient is
    # that same autodiff, so no element disagrees: only the finite differences can tell, and
    # they see W1[5, 6] only along a direction (one of 1,200 elements: a sample of a few would
    # almost never hold it).
    p, x, y = example(1, shape=(40, 30, 2))

    def loss(q, x, y):
        w = q["W1"].at[5, 6].set(jax.lax.stop_gradient(q["W1"][5, 6]))
        return LOSS({**q, "W1": w}, x, y)

    result = check(jax.grad(loss), loss, (p, x, y), draws=2)
    leaf = only_finding(result, "W1", "oracle-error")
    assert "along a random direction" in leaf.explanation


# --------------------------------------------------------------------------------------------
# kinks: ReLU with a pre-activation exactly 0


def relu_at_kink():
    p, x, y = example(2)
    p["W1"][:, 1] = 0.0  # unit 1's pre-activation is exactly 0 for every sample
    p["b1"][1] = 0.0
    return p, x, y


def relu_backward(mask):
    def backward(p, x, y):
        q = parts(p, x, y, "relu")
        q["dz1"] = q["dh"] * mask(q["z1"])
        return grads_from(q, x)

    return backward


def test_relu_at_zero_same_convention_as_autodiff_is_ok():
    p, x, y = relu_at_kink()
    z1, _, _ = forward(p, x, "relu", np)
    assert np.all(z1[:, 1] == 0.0)  # exactly 0: 0 * x + 0
    result = check(relu_backward(lambda z: jnp.where(z > 0, 1.0, 0.0)), LOSSES["relu"], (p, x, y))
    assert result.ok and set(result.verdicts.values()) == {"ok"}, result.table()


def test_relu_at_zero_other_one_sided_slope_is_kink():
    p, x, y = relu_at_kink()
    # relu'(0) = 1 here, 0 in jax.nn.relu: both are one-sided slopes; never a mismatch
    result = check(relu_backward(lambda z: jnp.where(z >= 0, 1.0, 0.0)), LOSSES["relu"], (p, x, y))
    assert result.verdicts == {"W1": "kink", "b1": "kink", "W2": "ok", "b2": "ok"}, result.table()
    assert result.leaves["b1"].indices == [(1,)]
    assert {i[1] for i in result.leaves["W1"].indices} == {1}  # column of unit 1 only
    assert result.ok  # a kink does not fail a backward


def test_kink_does_not_hide_a_real_slip():
    p, x, y = relu_at_kink()

    def backward(p, x, y):
        g = relu_backward(lambda z: jnp.where(z >= 0, 1.0, 0.0))(p, x, y)
        g["b1"] = g["b1"].at[0].multiply(3.0)  # slip elsewhere in the same leaf
        return g

    result = check(backward, LOSSES["relu"], (p, x, y))
    leaf = result.leaves["b1"]
    assert leaf.verdict == "partial", result.table()
    assert leaf.indices == [(0,)]
    assert "at a kink" in leaf.explanation
    assert leaf.finite_diff == pytest.approx(leaf.autodiff, rel=1e-6)  # b1[0] is smooth


def test_relu_next_to_a_kink_is_not_an_oracle_error(monkeypatch):
    # Sample 0's pre-activation of unit 1 sits 1.65e-4 from 0: inside the finite-difference
    # stencil of b1[1] (step 1e-3), at the distance where the central difference is spoiled but
    # the one-sided ones do not show a kink (found by scanning the distance; 0.158-0.176 x step).
    p, x, y = example(2)
    z1, _, _ = forward(p, x, "relu", np)
    p["b1"][1] -= z1[0, 1] - 0.165e-3
    backward = CORRECT[("relu", "jax.numpy")]
    result = check(backward, LOSSES["relu"], (p, x, y))
    assert result.ok and set(result.verdicts.values()) == {"ok"}, result.table()
    # The trap is real: without re-probing at smaller steps it reads as a broken autodiff.
    monkeypatch.setattr("gradaudit.evaluating.fd.RESCALES", ())
    assert check(backward, LOSSES["relu"], (p, x, y)).verdicts["b1"] == "oracle-error"


# --------------------------------------------------------------------------------------------
# gradient with respect to the inputs (a custom layer's vector-Jacobian product)


def with_inputs(dx_of):
    def backward(p, x, y):
        q = parts(p, x, y, "tanh")
        return grads_from(q, x), dx_of(q, p)

    return backward


def test_input_gradient_ok():
    result = check(with_inputs(lambda q, p: q["dz1"] @ p["W1"].T), LOSSES["tanh"], wrt_inputs=True)
    assert result.verdicts == {"W1": "ok", "b1": "ok", "W2": "ok", "b2": "ok", "inputs": "ok"}


def test_input_gradient_without_the_activation_derivative():
    slip = with_inputs(lambda q, p: q["dh"] @ p["W1"].T)  # slip: dh, not dz1
    result = check(slip, LOSSES["tanh"], wrt_inputs=True)
    assert result.verdicts["inputs"] == "mismatch", result.table()
    assert {v for k, v in result.verdicts.items() if k != "inputs"} == {"ok"}


def test_input_gradient_sign():
    slip = with_inputs(lambda q, p: -(q["dz1"] @ p["W1"].T))  # slip: sign
    result = check(slip, LOSSES["tanh"], wrt_inputs=True)
    assert result.verdicts["inputs"] == "sign", result.table()


# --------------------------------------------------------------------------------------------
# assert_gradients


def test_assert_gradients_returns_on_a_correct_backward():
    result = assert_gradients(CORRECT[("sigmoid", "jax.numpy")], LOSS, P, X, Y)
    assert result.ok


def test_assert_gradients_raises_with_the_table():
    def backward(p, x, y):
        g = grads_from(parts(p, x, y, "sigmoid"), x)
        g["b2"] = -g["b2"]  # slip
        return g

    with pytest.raises(AssertionError) as info:
        assert_gradients(backward, LOSS, P, X, Y)
    message = str(info.value)
    assert check(backward).table() in message
    assert re.search(r"^b2\s+sign\s", message, flags=re.M)


# --------------------------------------------------------------------------------------------
# No false alarms: correct backwards over random values and a few shapes


@given(
    seed=st.integers(0, 2**32 - 1),
    shape=st.sampled_from(SHAPES),
    act=st.sampled_from(["sigmoid", "tanh", "relu"]),
    w_scale=st.floats(0.05, 3.0),
    x_scale=st.floats(0.1, 10.0),
)
def test_correct_backwards_never_raise_a_finding(seed, shape, act, w_scale, x_scale):
    p, x, y = example(seed, shape, w_scale=w_scale, x_scale=x_scale)
    result = check_gradients(CORRECT[(act, "jax.numpy")], LOSSES[act], p, x, y, seed=seed)
    assert result.ok and set(result.verdicts.values()) == {"ok"}, result.table()


def test_a_leaf_that_is_not_numbers_is_reported():
    def backward(p, x, y):
        g = grads_from(parts(p, x, y, "sigmoid", np), x)
        g["b2"] = np.array(["todo", "todo"])  # slip: a placeholder left in
        return g

    leaf = only_finding(check(backward), "b2", "mismatch")
    assert "not an array of numbers" in leaf.explanation


def float32_backward(slip: float = 1.0):
    def backward(p, x, y):
        p32 = {k: v.astype(np.float32) for k, v in p.items()}
        x32, y32 = x.astype(np.float32), y.astype(np.float32)
        g = grads_from(parts(p32, x32, y32, "tanh", np), x32)
        g["b1"] = slip * g["b1"]
        return g

    return backward


def test_a_float32_backward_is_judged_at_float32_precision():
    # float32 rounding (~1e-7 relative) would fail float64's rtol 1e-7; float32's row allows 1e-4
    result = check(float32_backward(), LOSSES["tanh"])
    assert result.ok and set(result.verdicts.values()) == {"ok"}, result.table()
    assert result.leaves["b1"].max_rel > 1e-7  # the rounding is really there
    leaf = only_finding(check(float32_backward(slip=0.5), LOSSES["tanh"]), "b1", "scale")
    assert leaf.factor == "1/2"


def test_losses_checked_together_give_what_each_gives_alone():
    # One autodiff program for both losses (a Backward case's losses): the same verdicts and,
    # value for value, the same autodiff and finite differences as a program per loss.
    backward = CORRECT[("sigmoid", "jax.numpy")]
    together = (LOSS, sse_mean_sigmoid)
    for loss in together:
        alone, joint = check(backward, loss), check(backward, loss, together=together)
        assert joint.verdicts == alone.verdicts, joint.table()
        for path, leaf in alone.leaves.items():
            assert joint.leaves[path].autodiff == pytest.approx(leaf.autodiff, rel=1e-14, abs=0)
            assert joint.leaves[path].finite_diff == pytest.approx(leaf.finite_diff, rel=1e-9, abs=1e-12)


# --------------------------------------------------------------------------------------------
# What makes a large check quick must not change what it finds


def cbrt_loss(p, x, y):
    """Autodiff of cbrt is inf at 0, where finite differences stay finite."""
    return jnp.sum(jnp.cbrt(p["w"]) * x)


def test_an_infinite_autodiff_value_is_not_taken_for_agreement():
    # d cbrt(w)/dw = 1/(3 cbrt(w)^2) is inf at w = 0, where the hand-written value says 0: the
    # allowed error there is infinite too, so the element passes classify; finite differences
    # (finite at any step) decide that autodiff failed there.
    def backward(p, x, y):
        w = np.asarray(p["w"])
        with np.errstate(divide="ignore"):
            return {"w": np.where(w == 0, 0.0, x / (3 * np.cbrt(w) ** 2))}

    result = check_gradients(backward, cbrt_loss, {"w": np.array([0.0, 1.0])}, np.array([1.0, 2.0]), None)
    assert result.verdicts == {"w": "oracle-error"}, result.table()
    assert np.isinf(result.leaves["w"].autodiff) and np.isfinite(result.leaves["w"].finite_diff)


def test_infinite_autodiff_values_on_two_leaves_are_each_an_oracle_error():
    # Both leaves meet cbrt at 0 (autodiff inf, finite differences finite): the second leaf is
    # judged like the first (the first one's message once took the name of the program the
    # second one's finite differences reuse, and the check crashed there).
    def loss(p, x, y):
        return jnp.sum(jnp.cbrt(p["u"]) * x) + jnp.sum(jnp.cbrt(p["w"]) * x)

    def backward(p, x, y):
        with np.errstate(divide="ignore"):
            return {k: np.where(v == 0, 0.0, x / (3 * np.cbrt(v) ** 2)) for k, v in p.items()}

    params = {"u": np.array([0.0, 1.0]), "w": np.array([0.0, 2.0])}
    result = check_gradients(backward, loss, params, np.array([1.0, 2.0]), None)
    assert result.verdicts == {"u": "oracle-error", "w": "oracle-error"}, result.table()
    assert all(np.isfinite(leaf.finite_diff) for leaf in result.leaves.values())


def test_a_few_wrong_elements_of_a_large_leaf_are_probed_before_they_are_needed(monkeypatch):
    # One flipped element of a 40 x 30 W1: its full stencil and the loss at the point are
    # dispatched before the leaves are classified, so the second opinion, which probes that
    # element in full (partial: a kink?), waits for values under way and asks for none.
    p, x, y = example(1, shape=(40, 30, 2))
    grad = CORRECT[("sigmoid", "numpy")]

    def backward(p, x, y):
        out = grad(p, x, y)
        out["W1"][17, 4] *= -1.0
        return out

    asked = []
    batched = fd.FlatProber._batched
    monkeypatch.setattr(fd.FlatProber, "_batched", lambda self, *a: asked.append(a) or batched(self, *a))
    leaf = only_finding(check(backward, LOSS, (p, x, y), draws=2), "W1", "partial")
    assert leaf.indices == [(17, 4)] and leaf.finite_diff == pytest.approx(leaf.autodiff, rel=1e-6)
    assert asked == []


def test_a_direction_its_plain_difference_does_not_settle_is_probed_before_it_is_needed(monkeypatch):
    # Steeper weights and inputs (w_scale 2, x_scale 3): along one of the seeded random
    # directions the plain central difference misses autodiff by more than fd_atol + fd_rtol,
    # so the second opinion needs that direction's full stencil and the loss at the point. Both
    # are dispatched before the leaves are classified, once those +-h values are in: a correct
    # backward's check waits for values under way and asks for none, with the same verdicts
    # and the same number of loss evaluations as when the probe computed them itself.
    p, x, y = example(1, shape=(40, 30, 2), w_scale=2.0, x_scale=3.0)
    ahead = []
    unscreened = fd.FlatProber.prefetch_unscreened

    def record(self, *a):
        n = self.evaluations
        unscreened(self, *a)
        ahead.append(self.evaluations - n)

    monkeypatch.setattr(fd.FlatProber, "prefetch_unscreened", record)
    # the +-h values taken as in (read, they are waited for): the test does not hang on timing
    monkeypatch.setattr(fd.FlatProber, "_values_in", lambda self: True)
    asked = []
    batched = fd.FlatProber._batched
    monkeypatch.setattr(fd.FlatProber, "_batched", lambda self, *a: asked.append(a) or batched(self, *a))
    result = check(CORRECT[("sigmoid", "numpy")], LOSS, (p, x, y), draws=2)
    assert result.ok, result.table()
    assert ahead == [3] and asked == []  # one direction's +-h/2, and f0
    monkeypatch.setattr(fd.FlatProber, "prefetch_unscreened", lambda self, *a: None)
    again = check(CORRECT[("sigmoid", "numpy")], LOSS, (p, x, y), draws=2)  # the probe computes them
    assert len(asked) > 0 and again.fd_evaluations == result.fd_evaluations
    assert again.verdicts == result.verdicts


@given(st.integers(0, 2**32 - 1), st.sampled_from([0.0, 1e-16, 1e-13, 1e-11, 1e-7]))
def test_the_quick_none_wrong_test_never_hides_a_wrong_element(seed, noise):
    # `_none_wrong` lets the wrong elements' early dispatch skip a big leaf: it must say so only
    # where `_wrong_at_given` finds none (errors near atol, floor x max and rtol, both sides).
    rng = np.random.default_rng(seed)
    t0 = rng.standard_normal(200) * 10.0 ** rng.integers(-14, 2)
    h0 = t0 + noise * rng.standard_normal(200) * np.abs(t0).max()
    lt = tolerance(np.float64)
    if gradients._none_wrong(h0, t0, lt):
        assert gradients._wrong_at_given(h0, t0, lt) == []


def test_autodiff_overflow_is_found_in_a_leaf_that_is_also_wrong_elsewhere():
    # Autodiff of cbrt at 0 is inf; the hand-written value there is finite, and another element
    # is wrong too (a partial leaf, not ok): its largest |hand - autodiff| is inf, so the oracle
    # is still asked, and finite differences (finite at 0) say autodiff failed.
    def backward(p, x, y):
        w = np.asarray(p["w"])
        with np.errstate(divide="ignore"):
            g = np.where(w == 0, 0.0, x / (3 * np.cbrt(w) ** 2))
        g[2] *= -1.0  # a slip elsewhere
        return {"w": g}

    w = np.array([0.0, 1.0, 2.0])
    result = check_gradients(backward, cbrt_loss, {"w": w}, np.array([1.0, 2.0, 3.0]), None, draws=0)
    assert result.verdicts == {"w": "oracle-error"}, result.table()
    assert np.isinf(result.leaves["w"].autodiff) and np.isfinite(result.leaves["w"].finite_diff)


def test_a_big_leaf_is_drawn_point_by_point_with_the_same_numbers(monkeypatch):
    p, x, y = example(2, shape=(90, 60, 2))  # W1: 5,400 numbers > ROW_BY_ROW
    quick = gradients._draw_points(3, (p, x, y), 5, False)
    monkeypatch.setattr(gradients, "ROW_BY_ROW", 10**12)  # all draws of a leaf at once
    plain = gradients._draw_points(3, (p, x, y), 5, False)
    for a, b in zip(jax.tree_util.tree_leaves(quick), jax.tree_util.tree_leaves(plain)):
        assert a.shape[0] == 6 and np.array_equal(a, b)


def test_a_large_draw_on_its_own_thread_gives_the_same_points_and_errors():
    p, x, y = example(2, shape=(90, 60, 2))
    n = gradients.DRAW_AHEAD
    ahead = gradients._drawing(3, (p, x, y), 5, False, n)  # a thread
    inline = gradients._drawing(3, (p, x, y), 5, False, n - 1)  # when called, on this thread
    for a, b in zip(jax.tree_util.tree_leaves(ahead()), jax.tree_util.tree_leaves(inline())):
        assert a.shape[0] == 6 and np.array_equal(a, b)
    broken = gradients._drawing(3, ({"w": np.zeros(3)}, None, object()), 5, False, n)
    with pytest.raises(TypeError):  # the thread's failure is raised here, as inline
        gradients._drawing(3, ({"w": np.zeros(3)}, None, object()), 5, False, 0)()
    with pytest.raises(TypeError):
        broken()


def test_a_large_problems_finite_differences_are_dispatched_before_they_are_needed(monkeypatch):
    # 40 x 30 = 1,200 numbers in W1 (> SMALL_PROBLEM): the seeded probes (W1's random directions,
    # every element of the small leaves) are dispatched before the backward runs, so a correct
    # backward's second opinion waits for values already under way and asks for none.
    p, x, y = example(1, shape=(40, 30, 2))
    asked = []
    batched = fd.FlatProber._batched
    monkeypatch.setattr(fd.FlatProber, "_batched", lambda self, *a: asked.append(a) or batched(self, *a))
    result = check(CORRECT[("sigmoid", "numpy")], LOSS, (p, x, y), draws=2)
    assert result.ok and result.fd_evaluations > 0, result.table()
    assert asked == []
    # W1 (large) is ok: no element of it is probed one by one, its second opinion is directional
    assert result.leaves["W1"].finite_diff is None and result.leaves["W2"].finite_diff is not None
