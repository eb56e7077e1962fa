"""gradaudit.core._interp: small programs run from their jaxpr in numpy, against `jax.jit`.

The oracle is `jax.jit` of the same function (XLA). Integer and bit-level results (random
draws, comparisons, shapes) must be equal; float results agree to a few units in the last place
(XLA's float64 exp/tanh/log1p are its own approximations, and XLA contracts a*b+c into one fused
multiply-add), hence rtol 1e-13.
"""

from __future__ import annotations

import weakref

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from gradaudit.core import _interp, _jax
from gradaudit.core._jax import precise

RTOL = 1e-13  # a few ulp (see the module docstring), far below any tolerance a verdict uses


def _leaves(tree):
    return [np.asarray(x) for x in jax.tree_util.tree_leaves(tree)]


def _same(fn, *args, exact=False, atol=1e-300):
    """fast_jit(fn) interprets (no XLA fallback) and agrees with jax.jit(fn)."""
    with precise():
        fast = _interp.fast_jit(fn)
        got = fast(*args)
        want = jax.jit(fn)(*args)
        assert list(fast._traced.values()) != [None], "interpreted, not handed to XLA"
    assert jax.tree_util.tree_structure(got) == jax.tree_util.tree_structure(want)
    for g, w in zip(_leaves(got), _leaves(want)):
        assert g.shape == w.shape and g.dtype == w.dtype
        if exact or not np.issubdtype(w.dtype, np.floating):
            np.testing.assert_array_equal(g, w)
        else:
            np.testing.assert_allclose(g, w, rtol=RTOL, atol=atol)


def _draws(seed, *shape):
    return np.random.default_rng(seed).normal(size=shape)


def _net_loss(p, x, t):
    h = jax.nn.sigmoid(x @ p["W1"] + p["b1"])
    y = jnp.tanh(h @ p["W2"])
    return 0.5 * jnp.sum((y - t) ** 2) + jnp.mean(jax.nn.relu(h)) + jnp.max(jax.nn.softplus(y))


def test_a_small_nets_value_and_gradient_at_many_points():
    # the shape of gradients.py's programs: vmap(value_and_grad(loss)) over draws of the params
    p = {"W1": _draws(1, 8, 3, 4), "b1": _draws(2, 8, 1, 4), "W2": _draws(3, 8, 4, 2)}
    x, t = _draws(4, 5, 3), _draws(5, 5, 2)
    _same(jax.vmap(jax.value_and_grad(_net_loss), in_axes=(0, None, None)), p, x, t)


def test_elementary_functions_and_selects():
    def f(x, y):
        a = jnp.exp(x) + jnp.log(jnp.abs(y) + 1) + jnp.log1p(x**2) - jnp.expm1(y / 4)
        b = jnp.where(x > y, x**3, -(y**-2)) + jnp.maximum(x, 0.5) * jnp.minimum(y, -0.5)
        c = jnp.sqrt(jnp.abs(x)) + jnp.abs(y) ** 1.5 + jnp.sin(x) * jnp.cos(y) + jnp.sign(x)
        d = jnp.clip(x, -0.3, 0.3) + jnp.floor(y) + (x >= 0).astype(jnp.float64) + jnp.fmod(x, 0.7)
        d = d + jnp.round(x * 2) + jax.lax.round(y * 2, jax.lax.RoundingMethod.AWAY_FROM_ZERO)
        k = (x * 10).astype(jnp.int64)
        return a, b, c, d, x == y, jnp.argmax(x), jnp.isfinite(x / y), k // 3, k % 3, jax.lax.div(k, 3)

    _same(f, _draws(6, 7), _draws(7, 7))


def test_shapes_products_and_reductions():
    def f(a, b):
        c = jnp.einsum("bij,bjk->bik", a, b)  # dot_general with a batch dimension
        d = jnp.concatenate([a.reshape(3, -1), jnp.transpose(b, (0, 2, 1)).reshape(3, -1)], axis=1)
        e = jnp.stack([a[:, 0, :], a[:, 1, :]], axis=0)[::-1, :, 1:]
        return c, d, e, jnp.sum(c, axis=(0, 2)), jnp.max(d, axis=1), jnp.prod(e), jnp.outer(a[0, 0], b[0, 0])

    _same(f, _draws(8, 3, 2, 4), _draws(9, 3, 4, 5))


def test_one_element_moved_and_dynamic_slices():
    # worksheet.py's finite-difference stencils: v0.at[0].add(d) under vmap
    def f(v, d, i):
        moved = jax.vmap(lambda dd: v.at[1].add(dd))(d)
        return moved, v.at[2].set(7.0), jax.lax.dynamic_slice(v, (i,), (2,)), v[i]

    _same(f, _draws(10, 4), _draws(11, 6), 3)


def test_seeded_draws_are_bit_identical():
    # statements.py's draws: one key per draw, then normal, uniform and bernoulli per key; the
    # bits are the same (threefry in uint32), so are the normals (XLA's own erf_inv, by `bind`)
    def draw(key):
        k1, k2, k3 = jax.random.split(key, 3)
        return (
            jax.random.normal(k1, (3, 2)),
            jax.random.uniform(k2, (4,), minval=-1.0, maxval=1.0),
            jax.random.bernoulli(k3, 0.3, (5,)),
            jax.random.randint(k3, (2,), 0, 10),
            jax.random.bits(k2, (3,)),
        )

    with precise():
        keys = np.asarray(jax.random.split(jax.random.PRNGKey(3), 500))
    _same(jax.vmap(draw), keys, exact=True)
    _same(lambda seed: jax.random.split(jax.random.PRNGKey(seed), 7), np.int64(12345), exact=True)
    # minval + u * (maxval - minval): XLA fuses the multiply and add into one rounding, numpy
    # rounds twice, so these may differ in the last place of the range's scale (a quarter do):
    # atol 1e-15, two ulp of 3.0
    _same(jax.vmap(lambda k: jax.random.uniform(k, (4,), minval=-2.0, maxval=3.0)), keys, atol=1e-15)


def test_a_loop_is_one_xla_program_whatever_its_rounds(monkeypatch):
    # fori_loop with static bounds traces to a scan of fixed length; the interpreter hands the
    # loop to XLA as a loop whose rounds are an argument: the same bits as jax.jit's, and one
    # program for 50 and 70 rounds
    def loop(rounds):
        def f(w):
            return jax.lax.fori_loop(0, rounds, lambda i, v: v - 0.1 * jnp.tanh(v) * i, w)

        return f

    def dynamic(w, n):  # a while loop (bounds known only at run time): XLA's too
        return jax.lax.fori_loop(0, n, lambda i, v: v * 0.9 + 0.01, w)

    asked = []  # the rounds each run of the loop program is asked for
    real = _interp._rounds_program

    def spy(body, n_consts):
        program = real(body, n_consts)

        def run(n, *ins):
            asked.append(int(n))
            return program(n, *ins)

        return run

    monkeypatch.setattr(_interp, "_rounds_program", spy)
    w = np.asarray([0.3, -2.0, 0.7])
    before = len(_interp._LOOPS)
    _same(loop(50), w, exact=True)
    _same(loop(70), w, exact=True)  # 20 rounds on from the 50 before: the same bits as 70 from w
    _same(loop(30), w, exact=True)  # fewer than kept: from w again
    assert len(_interp._LOOPS) == before + 1
    assert asked == [50, 20, 30]
    _same(dynamic, w, np.int64(40), exact=True)


def test_untraceable_steps_are_called_as_they_are():
    def branchy(x):  # Python control flow on a value: cannot be traced
        return x * 2 if float(x) > 0 else -x

    with precise():
        assert float(_interp.call(branchy, jnp.asarray(3.0))) == 6.0
        assert float(_interp.call(branchy, jnp.asarray(-3.0))) == 3.0


def test_a_numpy_function_is_traced_once_per_signature():
    calls = []

    def numpy_code(x):  # numpy on a traced value: cannot be traced, by make_jaxpr nor by jax.jit
        calls.append(1)
        return np.tanh(x)

    program = _interp.fast_jit(numpy_code)
    with precise():
        with pytest.raises(jax.errors.TracerArrayConversionError):
            program(np.ones(3))
        with pytest.raises(_interp.Untraceable, match="TracerArrayConversionError"):
            program(np.zeros(3))  # the same signature: the failure is remembered, not traced again
        assert len(calls) == 1
        with pytest.raises(jax.errors.TracerArrayConversionError):
            program(np.ones(4))  # another signature is traced
    assert len(calls) == 2


def test_aligned_host_arrays_are_read_in_place():
    for shape in [(), (3,), (9, 1000)]:
        a = _jax.aligned(shape)
        assert a.shape == shape and a.dtype == np.float64 and a.ctypes.data % _jax.ALIGNMENT == 0
    a = _jax.aligned((1000,))
    a[...] = 1.0
    on_device = jax.device_put(a)
    a[0] = 5.0  # no copy was made: the device array is this memory (why it is filled first)
    assert float(on_device[0]) == 5.0
    moved = _jax.on_device((np.arange(3.0), None, {"k": np.ones((2, 2), dtype=np.float32)}))
    assert moved[1] is None and moved[2]["k"].dtype == np.float32
    assert np.array_equal(np.asarray(moved[0]), np.arange(3.0))


def test_a_large_host_buffer_is_reused_only_when_nothing_references_it():
    shape = (9, 100_000)  # 7.2 MB: pooled (> POOL_MIN)
    a = _jax.aligned(shape)
    where, memory = a.ctypes.data, weakref.ref(a.base)
    del a
    b = _jax.aligned(shape)
    # freed: the same memory again (kept, not returned to the system), no fresh pages to fault in
    assert memory() is not None and b.base is memory() and b.ctypes.data == where
    view = b[3]
    del b
    c = _jax.aligned(shape)
    assert c.ctypes.data != where  # a view of it is alive: never handed out
    del view
    on_device = jax.device_put(c)  # read in place: the device array holds the memory
    where_c = c.ctypes.data
    del c
    d = _jax.aligned(shape)
    assert d.ctypes.data not in (where_c,)
    assert float(on_device[0, 0]) == float(on_device[0, 0])  # still alive and readable
    small = _jax.aligned((10,))
    assert small.ctypes.data % _jax.ALIGNMENT == 0


def test_pooled_copies_a_backward_keeps_are_never_overwritten():
    # A numpy backward that keeps its arguments (a cache, a debugging list): a later check must
    # not write its points into memory those arrays still use.
    p, x, y = (
        {"W": np.random.default_rng(0).standard_normal((300, 200))},
        np.random.default_rng(1).standard_normal((4, 300)),
        np.random.default_rng(2).standard_normal((4, 200)),
    )
    kept = []

    def loss(q, x, y):
        return 0.5 * jnp.sum((x @ q["W"] - y) ** 2)

    def backward(q, x, y):  # numpy: called point by point on the pooled copies
        w = np.asarray(q["W"])
        kept.append(w)
        return {"W": x.T @ (x @ w - y)}

    from gradaudit import check_gradients

    first = check_gradients(backward, loss, p, x, y, draws=2)
    snapshot = [np.array(w) for w in kept]
    second = check_gradients(backward, loss, {"W": 2.0 * p["W"]}, x, y, draws=2)
    assert first.ok and second.ok and len(kept) == 6
    for w, s in zip(kept[:3], snapshot):
        assert np.array_equal(w, s)


def test_off_switch_compiles_with_xla(monkeypatch):
    monkeypatch.setenv("GRADAUDIT_INTERPRET", "off")
    with precise():
        fast = _interp.fast_jit(jnp.tanh)
        assert float(fast(np.float64(0.4))) == float(jax.jit(jnp.tanh)(np.float64(0.4)))
    assert fast._traced == {}  # never traced


@pytest.mark.parametrize("y", [0, 1, 2, 3, 5, -1, -4])
def test_integer_powers_multiply_in_jaxs_order(y):
    # exact: the same products in the same order as jax's lowering (lax._integer_pow)
    _same(lambda x: x**y, _draws(12, 9) + 2.0, exact=True)


def test_work_traced_twice_is_evaluated_once(monkeypatch):
    """A check and its metrics that differentiate the same function both trace it (JAX merges
    nothing): the interpreter computes the repeated equations once, to the same values as
    computing each, and keeps apart what differs only in a parameter or an input."""

    def loss(w, x):
        return jnp.sum(jnp.tanh(x @ w) ** 2)

    def twice(w, x):
        g1 = jax.grad(loss)(w, x)
        g2 = jax.grad(loss)(w, x)  # the same work again
        return g1, g2, jnp.sum(x, axis=0), jnp.sum(x, axis=1), jnp.tanh(w), jnp.tanh(w + 0.0)

    w = np.linspace(-1.0, 1.0, 6).reshape(3, 2)
    x = np.linspace(0.5, 2.0, 12).reshape(4, 3)
    calls = {"tanh": 0}
    real = _interp.TABLE["tanh"]

    def counted(*a, **k):
        calls["tanh"] += 1
        return real(*a, **k)

    monkeypatch.setitem(_interp.TABLE, "tanh", counted)
    with precise():
        g1, g2, s0, s1, t1, t2 = _interp.fast_jit(twice)(w, x)
        alone = _interp.fast_jit(jax.grad(loss))(w, x)
    # exact: tanh of x @ w once for both gradients, of w once, of w + 0.0 once; alone: once
    assert calls["tanh"] == 3 + 1
    np.testing.assert_array_equal(np.asarray(g1), np.asarray(alone))
    np.testing.assert_array_equal(np.asarray(g2), np.asarray(alone))
    np.testing.assert_array_equal(np.asarray(s0), x.sum(axis=0))  # axes differ: two sums
    np.testing.assert_array_equal(np.asarray(s1), x.sum(axis=1))
    np.testing.assert_array_equal(np.asarray(t1), np.tanh(w))
    np.testing.assert_array_equal(np.asarray(t2), np.tanh(w + 0.0))
