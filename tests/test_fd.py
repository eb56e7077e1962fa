"""Unit tests of the finite-difference prober: derivatives, error estimates, kinks."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from gradaudit.core.tolerances import tolerance
from gradaudit.evaluating.fd import FlatProber

TOL = tolerance()
THETA = np.array([0.3, -1.2, 2.5, 0.0])


def smooth(v):
    return jnp.sum(jnp.sin(v) * jnp.exp(0.3 * v)) + v[0] * v[1] ** 3


def absolute(v):
    return jnp.sum(jnp.abs(v))


def tiny(v):
    return 1e-14 * jnp.sum(v**2) + 1.0  # gradients ~1e-14 on top of a loss of 1


def shifted_abs(v, c):
    return jnp.sum(jnp.abs(v - c))  # c: an extra traced argument


def test_smooth_derivatives_match_autodiff_with_a_small_error():
    prober = FlatProber(smooth, THETA, TOL)
    grad = np.asarray(jax.grad(smooth)(jnp.asarray(THETA)))
    probes = prober.probe_elements(range(4))
    for g, pr in zip(grad, probes):
        assert pr.central == pytest.approx(g, rel=1e-9, abs=1e-9)
        assert pr.error < 1e-6  # Richardson at h = 1e-3: the estimate is O(h^2 f''') ~ 1e-7
        assert abs(pr.central - g) <= 10 * pr.error + 1e-12  # the estimate bounds the error
        assert not pr.kink
        assert prober.agrees(pr, float(g))
    assert prober.f0 == pytest.approx(float(smooth(jnp.asarray(THETA))))


def test_directions_match_autodiff():
    prober = FlatProber(smooth, THETA, TOL)
    grad = np.asarray(jax.grad(smooth)(jnp.asarray(THETA)))
    u = np.random.default_rng(0).standard_normal((10, 4))  # 10 directions: two compiled calls
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    for row, pr in zip(u, prober.probe(u)):
        assert prober.agrees(pr, float(row @ grad))
        assert not pr.kink


def test_a_wrong_derivative_disagrees():
    prober = FlatProber(smooth, THETA, TOL)
    grad = np.asarray(jax.grad(smooth)(jnp.asarray(THETA)))
    pr = prober.probe_elements([2])[0]
    assert not prober.agrees(pr, float(grad[2]) * (1 + 1e-3))


def test_abs_at_zero_is_a_kink():
    prober = FlatProber(absolute, THETA, TOL)
    pr0, pr1 = prober.probe_elements([3, 1])
    assert pr0.kink
    assert (pr0.left, pr0.right) == (pytest.approx(-1.0), pytest.approx(1.0))
    assert pr0.central == pytest.approx(0.0, abs=1e-12)
    assert not pr1.kink and pr1.central == pytest.approx(-1.0)


def test_next_to_a_kink_is_a_kink():
    # |v - c| with the kink 1e-5 from THETA[0]: inside the step (1e-3), so the central difference
    # straddles it and left and right disagree.
    c = np.array([0.3 + 1e-5, 5.0, 5.0, 5.0])
    prober = FlatProber(shifted_abs, THETA, TOL, args=(jnp.asarray(c),))
    pr0, pr1 = prober.probe_elements([0, 1])
    assert pr0.kink
    assert not pr1.kink and pr1.central == pytest.approx(-1.0)


def test_tiny_gradients_are_not_false_alarms():
    prober = FlatProber(tiny, THETA, TOL)
    grad = 2e-14 * THETA
    for g, pr in zip(grad, prober.probe_elements(range(4))):
        assert prober.agrees(pr, float(g))
        assert not pr.kink


def test_many_elements_in_fixed_batches():
    theta = np.random.default_rng(1).standard_normal(50)
    prober = FlatProber(smooth, theta, TOL)
    probes = prober.probe_elements(range(50))  # 200 evaluations + f0: seven batches of 32
    grad = np.asarray(jax.grad(smooth)(jnp.asarray(theta)))
    assert all(prober.agrees(pr, float(g)) for pr, g in zip(probes, grad))
    assert prober.evaluations == 4 * 50 + 1


def test_a_kink_just_inside_the_stencil_is_confirmed_away():
    # |v - c| with the kink 0.165 x step left of THETA[0]: the central difference is spoiled
    # (it disagrees with the true slope +1) and the one-sided ones do not flag a kink; at a
    # 16 x smaller step the stencil clears the kink and agrees.
    c = np.array([0.3 - 0.165e-3, 5.0, 5.0, 5.0])
    prober = FlatProber(shifted_abs, THETA, TOL, args=(jnp.asarray(c),))
    first = prober.probe_elements([0])[0]
    assert not first.kink and not prober.agrees(first, 1.0)
    assert prober.confirm_disagreement([0], [None], [1.0], [first]) == [None]


def test_a_real_disagreement_is_confirmed():
    prober = FlatProber(smooth, THETA, TOL)
    wrong = float(jax.grad(smooth)(jnp.asarray(THETA))[1]) + 0.01
    first = prober.probe_elements([1])[0]
    u = np.zeros((1, 4))
    u[0, 1] = 1.0
    (confirmed,) = prober.confirm_disagreement([None], [u[0]], [wrong], [first])
    assert confirmed is not None and not prober.agrees(confirmed, wrong)


def _host_batches(f):
    """A `batch_eval`: the loss at each row, one eager vmap (what a small problem gets from its
    autodiff program)."""
    return lambda thetas: np.asarray(jax.vmap(f)(jnp.asarray(thetas)))


@pytest.mark.parametrize("f", [smooth, absolute])
def test_points_made_on_the_host_give_the_compiled_loops_probes(f):
    # The same stencil either way: elements and directions, kinks included; only the last
    # digits of the loss values may differ between programs.
    loops = FlatProber(f, THETA, TOL)
    host = FlatProber(f, THETA, TOL, batch_eval=_host_batches(f))
    u = np.random.default_rng(1).standard_normal((3, 4))
    first = loops.probe_elements(range(4)) + loops.probe(u)
    for a, b in zip(first, host.probe_elements(range(4)) + host.probe(u)):
        assert b.central == pytest.approx(a.central, rel=1e-8, abs=1e-9)
        assert b.kink == a.kink
    assert host.evaluations == loops.evaluations  # the same points, counted alike


def test_a_small_check_compiles_no_finite_difference_evaluators_of_its_own():
    from gradaudit.evaluating import fd
    from gradaudit.evaluating.gradients import check_gradients

    def loss(p, x, y):  # a fresh function: nothing cached for it yet
        return 0.5 * jnp.sum((jnp.tanh(x @ p["w"]) - y) ** 2)

    def backward(p, x, y):
        h = jnp.tanh(x @ p["w"])
        return {"w": x.T @ ((h - y) * (1 - h**2))}

    before = set(map(id, fd._EVALUATORS))
    params = {"w": np.array([[0.3, -0.2], [0.1, 0.4]])}
    res = check_gradients(backward, loss, params, np.array([[1.0, 2.0]]), np.array([[0.5, -0.5]]))
    assert {k: v.verdict for k, v in res.leaves.items()} == {"w": "ok"}
    assert res.leaves["w"].finite_diff is not None and res.fd_evaluations > 0
    assert set(map(id, fd._EVALUATORS)) == before
