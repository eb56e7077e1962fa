"""Small programs run in numpy float64 from their jaxpr, without an XLA compile.

Most of gradaudit's programs are small: a worksheet's scalar steps, its autodiff at a few dozen
points, a statement's checks over a thousand draws. Compiling each with XLA costs from 0.05 to
several seconds; tracing it to a jaxpr (`jax.make_jaxpr`) costs milliseconds, and running that
jaxpr's equations one by one on numpy arrays costs a few microseconds each. `fast_jit(fn)` is a
drop-in for `jax.jit(fn)` that does so when every equation is one this module knows (arithmetic,
the elementary functions tutorials use, comparisons and selects, shape changes, `dot_general`,
reductions, simple scatters and slices, and the calls that nest another jaxpr) and no value is
larger than `MAX_ELEMENTS`; anything else (a loop, a random draw, an unknown primitive) is
compiled by `jax.jit` exactly as before. Autodiff stays JAX's: `jax.grad` and `jax.vmap` are
traced into the jaxpr, and only its evaluation moves.

Results agree with XLA's to the last few units in the last place: XLA's float64 `exp`, `log1p`,
`tanh` and `pow` are its own approximations and its sums and dot products may add in another
order, numpy's are libm's and pairwise. Both are deterministic, so two runs give the same bytes.
`GRADAUDIT_INTERPRET=off` compiles every program with XLA (to compare the two); `=log` says on
stderr which programs still go to XLA, and why.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from collections import OrderedDict
from typing import Any, Callable

import jax
import jax.extend.core
import numpy as np

MAX_ELEMENTS = 1 << 20  # a larger value (a big net's activations) is XLA's to compute
# A product of more multiply-adds than this (a 784-128-10 MLP's layers at a few points) is XLA's:
# numpy's einsum would spend longer on it than XLA's compile.
MAX_DOT_WORK = 1 << 22


class Unsupported(Exception):
    """An equation this interpreter does not run: the program goes to `jax.jit`."""


def enabled() -> bool:
    return os.environ.get("GRADAUDIT_INTERPRET", "").strip().lower() not in ("off", "0", "false", "no")


# --------------------------------------------------------------------------------------------
# The table: primitive name -> fn(*operands, **params) on numpy arrays


def _div(x, y, **_):
    """XLA's division: an integer quotient rounds toward zero (C's, not Python's floor)."""
    if not np.issubdtype(x.dtype, np.integer):
        return np.divide(x, y)
    if np.any(y == 0):
        raise Unsupported("integer division by zero")
    q = np.floor_divide(x, y)
    return q + ((np.remainder(x, y) != 0) & ((x < 0) != (y < 0)))


def _rem(x, y, **_):
    """XLA's remainder has the dividend's sign (C's fmod)."""
    if np.issubdtype(x.dtype, np.integer) and np.any(y == 0):
        raise Unsupported("integer remainder by zero")
    return np.fmod(x, y)


def _integer_pow(x, *, y):
    """By repeated squaring, in the order of jax's own lowering (`lax._integer_pow`)."""
    if y == 0:
        return np.ones_like(x)
    recip, n, acc = y < 0, abs(y), None
    while n > 0:
        if n & 1:
            acc = x if acc is None else acc * x
        n >>= 1
        if n > 0:
            x = x * x
    return np.divide(1, acc).astype(acc.dtype) if recip else acc


def _logistic(x, **_):
    one = np.ones((), dtype=x.dtype)
    return one / (one + np.exp(-x))  # jax's lowering (`lax.logistic_impl`)


def _broadcast_in_dim(x, *, shape, broadcast_dimensions, **_):
    x = np.asarray(x)
    expanded = [1] * len(shape)
    for src, dst in enumerate(broadcast_dimensions):
        expanded[dst] = x.shape[src]
    return np.broadcast_to(x.reshape(expanded), shape)


def _reshape(x, *, new_sizes, dimensions=None, **_):
    if dimensions is not None:
        x = np.transpose(x, dimensions)
    return np.reshape(x, new_sizes)


def _slice(x, *, start_indices, limit_indices, strides=None):
    strides = strides or (1,) * len(start_indices)
    return x[tuple(slice(a, b, s) for a, b, s in zip(start_indices, limit_indices, strides))]


def _clamped_starts(shape, sizes, starts) -> tuple[slice, ...]:
    """XLA clamps a dynamic slice's start so the slice stays inside the array."""
    out = []
    for n, size, start in zip(shape, sizes, starts):
        begin = int(min(max(int(start), 0), n - size))
        out.append(slice(begin, begin + size))
    return tuple(out)


def _dynamic_slice(x, *starts, slice_sizes):
    if len(starts) != x.ndim:
        raise Unsupported("dynamic_slice with dynamic sizes")
    return x[_clamped_starts(x.shape, slice_sizes, starts)]


def _dynamic_update_slice(x, update, *starts):
    out = np.array(x)
    out[_clamped_starts(x.shape, update.shape, starts)] = update
    return out


def _dot_general(x, y, *, dimension_numbers, preferred_element_type=None, **_):
    """As (batch, rows, k) @ (batch, k, columns): numpy's matmul, several times faster than
    einsum on the statements' 10,000 small products."""
    (cx, cy), (bx, by) = dimension_numbers
    fx = [d for d in range(x.ndim) if d not in cx and d not in bx]
    fy = [d for d in range(y.ndim) if d not in cy and d not in by]
    batch = [x.shape[d] for d in bx]
    rows, cols = [x.shape[d] for d in fx], [y.shape[d] for d in fy]
    k = int(np.prod([x.shape[d] for d in cx], dtype=np.int64))
    nb, nr, nc = (int(np.prod(v, dtype=np.int64)) for v in (batch, rows, cols))
    xm = np.transpose(x, [*bx, *fx, *cx]).reshape(nb, nr, k)
    ym = np.transpose(y, [*by, *cy, *fy]).reshape(nb, k, nc)
    out = np.matmul(xm, ym).reshape(*batch, *rows, *cols)
    return out if preferred_element_type is None else out.astype(preferred_element_type)


def _select_n(which, *cases):
    if which.dtype == np.bool_:
        return np.where(which, cases[1], cases[0]) if len(cases) == 2 else cases[0]
    return np.choose(which, np.broadcast_arrays(*cases))


def _reduce(fn):
    def run(x, *, axes, **_):
        return fn(x, axis=tuple(axes))

    return run


def _arg(fn):
    def run(x, *, axes, index_dtype):
        return fn(x, axis=axes[0]).astype(index_dtype)

    return run


def _scatter(combine):
    """`x.at[i].add(v)` / `.set(v)` at one index (no batch of indices): an element or a window."""

    def run(x, indices, updates, *, dimension_numbers, **_):
        dn = dimension_numbers
        if dn.operand_batching_dims or indices.ndim != 1:
            raise Unsupported("scatter with batched indices")
        window = [d for d in range(x.ndim) if d not in dn.inserted_window_dims]
        if len(window) != len(dn.update_window_dims) or updates.ndim != len(window):
            raise Unsupported("scatter with scatter dimensions in the update")
        starts = dict(zip(dn.scatter_dims_to_operand_dims, indices.tolist()))
        where, shape = [], []
        for d in range(x.ndim):
            size = 1 if d in dn.inserted_window_dims else updates.shape[window.index(d)]
            begin = starts.get(d, 0)
            if not 0 <= begin <= x.shape[d] - size:
                raise Unsupported("scatter outside the array")
            where.append(slice(begin, begin + size))
            shape.append(size)
        out = np.array(x)
        block = updates.reshape(shape)
        out[tuple(where)] = combine(out[tuple(where)], block) if combine else block
        return out

    return run


def _round(x, *, rounding_method, **_):
    """`lax.round`: method 0 rounds halves away from zero, 1 to the nearest even."""
    if int(rounding_method) == 1:
        return np.rint(x)
    t = np.trunc(x)
    return np.where(np.abs(x - t) >= 0.5, t + np.sign(x), t)


def _unary(fn):
    return lambda x, **_: fn(x)


def _nary(fn):
    """An elementwise numpy function; the equation's parameters (`out_dtype`: the outvar's
    dtype, which every result is cast to) are not its."""
    return lambda *xs, **_: fn(*xs)


TABLE: dict[str, Callable[..., Any]] = {
    "add": _nary(np.add),
    "add_any": _nary(np.add),
    "sub": _nary(np.subtract),
    "mul": _nary(np.multiply),
    "div": _div,
    "rem": _rem,
    "neg": _nary(np.negative),
    "sign": _nary(np.sign),
    "abs": _nary(np.abs),
    "max": _nary(np.maximum),
    "min": _nary(np.minimum),
    "exp": _unary(np.exp),
    "exp2": _unary(np.exp2),
    "log": _unary(np.log),
    "log1p": _unary(np.log1p),
    "expm1": _unary(np.expm1),
    "tanh": _unary(np.tanh),
    "logistic": _logistic,
    "sin": _unary(np.sin),
    "cos": _unary(np.cos),
    "sqrt": _unary(np.sqrt),
    "rsqrt": _unary(lambda x: 1 / np.sqrt(x)),
    "pow": _nary(np.power),
    "integer_pow": _integer_pow,
    "square": _unary(lambda x: x * x),
    "floor": _nary(np.floor),
    "round": _round,
    "ceil": _nary(np.ceil),
    "is_finite": _nary(np.isfinite),
    "eq": _nary(np.equal),
    "ne": _nary(np.not_equal),
    "lt": _nary(np.less),
    "le": _nary(np.less_equal),
    "gt": _nary(np.greater),
    "ge": _nary(np.greater_equal),
    "and": _nary(np.bitwise_and),
    "or": _nary(np.bitwise_or),
    "not": _nary(np.invert),
    "xor": _nary(np.bitwise_xor),
    "select_n": _select_n,
    "clamp": lambda lo, x, hi: np.minimum(np.maximum(x, lo), hi),
    "convert_element_type": lambda x, *, new_dtype, **_: np.asarray(x).astype(new_dtype),
    "copy": _nary(np.array),
    "copy_p": _nary(np.array),
    "broadcast_in_dim": _broadcast_in_dim,
    "reshape": _reshape,
    "squeeze": lambda x, *, dimensions: np.squeeze(x, axis=tuple(dimensions)),
    "expand_dims": lambda x, *, dimensions: np.expand_dims(x, tuple(dimensions)),
    "transpose": lambda x, *, permutation: np.transpose(x, permutation),
    "rev": lambda x, *, dimensions: np.flip(x, tuple(dimensions)),
    "concatenate": lambda *xs, dimension: np.concatenate(xs, axis=dimension),
    "stack": lambda *xs, axis: np.stack(xs, axis=axis),
    "slice": _slice,
    "dynamic_slice": _dynamic_slice,
    "dynamic_update_slice": _dynamic_update_slice,
    "dot_general": _dot_general,
    "reduce_sum": _reduce(np.sum),
    "reduce_max": _reduce(np.max),
    "reduce_min": _reduce(np.min),
    "reduce_prod": _reduce(np.prod),
    "reduce_and": _reduce(np.all),
    "reduce_or": _reduce(np.any),
    "argmax": _arg(np.argmax),
    "argmin": _arg(np.argmin),
    "iota": lambda *, dtype, shape, dimension, **_: _broadcast_in_dim(
        np.arange(shape[dimension], dtype=dtype), shape=shape, broadcast_dimensions=(dimension,)
    ),
    "scatter-add": _scatter(np.add),
    "scatter": _scatter(None),
    "stop_gradient": _nary(np.asarray),
}
# --------------------------------------------------------------------------------------------
# Seeded draws: threefry keys as their raw uint32 data (`key_data`: shape (..., 2))


def _threefry2x32(k1, k2, x1, x2):
    """The Threefry-2x32 hash, 20 rounds, as `jax._src.random.threefry2x32._threefry2x32_lowering`
    computes it (uint32 arithmetic wraps: every bit is the same)."""
    k1, k2, x1, x2 = np.broadcast_arrays(*(np.asarray(a, dtype=np.uint32) for a in (k1, k2, x1, x2)))
    rotations = ((13, 15, 26, 6), (17, 29, 16, 24))
    ks = [k1, k2, k1 ^ k2 ^ np.uint32(0x1BD11BDA)]
    x = [x1 + ks[0], x2 + ks[1]]
    for i in range(5):
        for r in rotations[i % 2]:
            x[0] = x[0] + x[1]
            x[1] = (x[1] << np.uint32(r)) | (x[1] >> np.uint32(32 - r))
            x[1] = x[0] ^ x[1]
        x[0] = x[0] + ks[(i + 1) % 3]
        x[1] = x[1] + ks[(i + 2) % 3] + np.uint32(i + 1)
    return x


def _iota_2x32_shape(*, shape):
    """The flat index of every element of `shape`, as (high, low) uint32 halves."""
    counts = np.arange(int(np.prod(shape, dtype=np.int64)), dtype=np.uint64).reshape(shape)
    return [(counts >> np.uint64(32)).astype(np.uint32), counts.astype(np.uint32)]


def _shift(op):
    def run(x, y):
        bits = x.dtype.itemsize * 8
        y = np.asarray(y)
        safe = np.where(y >= bits, 0, y).astype(x.dtype)
        out = op(x, safe)
        return np.where(y >= bits, np.zeros_like(out), out)

    return run


def _bitcast(x, *, new_dtype, **_):
    if np.dtype(new_dtype).itemsize != x.dtype.itemsize:
        raise Unsupported("bitcast_convert_type between sizes")
    return np.ascontiguousarray(x).view(new_dtype)


def _threefry_impl(params: dict, key: str = "impl"):
    impl = params.get(key)
    if getattr(impl, "name", None) != "threefry2x32":
        raise Unsupported(f"random numbers of {impl}")
    return impl


_IMPLS: dict[tuple, Any] = {}  # (what, parameters, shapes) -> the traced jaxpr of jax's own impl
_IMPLS_LOCK = threading.Lock()


def _through_impl(what: tuple, f: Callable[..., Any], *args):
    """`f(*args)` by interpreting the jaxpr of jax's own implementation (`impl.split`,
    `impl.random_bits` over the keys' batch dimensions): its threefry hash is `_threefry2x32`."""
    key = (what, tuple((np.shape(a), np.asarray(a).dtype.str) for a in args))
    with _IMPLS_LOCK:
        if key not in _IMPLS:
            specs = [jax.ShapeDtypeStruct(np.shape(a), np.asarray(a).dtype) for a in args]
            _IMPLS[key] = jax.make_jaxpr(f)(*specs)
    closed = _IMPLS[key]
    return _eval(closed.jaxpr, list(closed.consts), list(args))[0]


def _random_seed(seeds, *, impl):
    from jax._src.random import prng

    _threefry_impl({"impl": impl})
    return _through_impl(("seed", seeds.ndim), prng.iterated_vmap_unary(seeds.ndim, impl.seed), seeds)


def _random_split(keys, *, shape, impl=None):
    from jax._src.random import prng
    from jax._src.random.threefry2x32 import threefry_prng_impl as fry

    n = keys.ndim - 1
    return _through_impl(
        ("split", n, tuple(shape)), prng.iterated_vmap_unary(n, lambda k: fry.split(k, shape)), keys
    )


def _random_bits(keys, *, bit_width, shape):
    from jax._src.random import prng
    from jax._src.random.threefry2x32 import threefry_prng_impl as fry

    n = keys.ndim - 1
    f = prng.iterated_vmap_unary(n, lambda k: fry.random_bits(k, bit_width, shape))
    return _through_impl(("bits", n, bit_width, tuple(shape)), f, keys)


def _random_wrap(x, *, impl):
    _threefry_impl({"impl": impl})
    return x


TABLE.update(
    {
        "threefry2x32": lambda k1, k2, x1, x2: _threefry2x32(k1, k2, x1, x2),
        "iota_2x32_shape": _iota_2x32_shape,
        "shift_left": _shift(np.left_shift),
        "shift_right_logical": _shift(np.right_shift),
        "bitcast_convert_type": _bitcast,
        "random_seed": _random_seed,
        "random_split": _random_split,
        "random_bits": _random_bits,
        "random_wrap": _random_wrap,
        "random_unwrap": lambda x: x,
    }
)
# Elementwise primitives without a numpy twin here (`erf_inv`: the normal draws' inverse error
# function): each such equation alone is handed to XLA (`_by_xla`), so its value is XLA's own.
CHUNK = 4096


def _by_xla(primitive, ins: list, params: dict):
    """An elementwise primitive computed by XLA on flat pieces of `CHUNK` numbers (the last one
    padded with zeros): one small program for every shape of its operands."""
    shape = np.broadcast_shapes(*(x.shape for x in ins))
    flat = [np.broadcast_to(x, shape).reshape(-1) for x in ins]
    size = flat[0].size
    padded = [np.concatenate([f, np.zeros(-size % CHUNK, dtype=f.dtype)]) for f in flat]
    pieces = [
        np.asarray(primitive.bind(*[jax.device_put(p[i : i + CHUNK]) for p in padded], **params))
        for i in range(0, max(size, 1), CHUNK)
    ]
    return np.concatenate(pieces)[:size].reshape(shape)


BY_XLA = {
    "erf_inv",
    "erf",
    "erfc",
    "lgamma",
    "digamma",
    "atan2",
    "tan",
    "asin",
    "acos",
    "atan",
    "sinh",
    "cosh",
}


# --------------------------------------------------------------------------------------------
# Loops: the loop alone is XLA's (interpreting 10^4 rounds one equation at a time would be slow),
# compiled once per body, whatever the number of rounds


def _body_key(closed) -> tuple:
    """A loop body by what it computes: its printed jaxpr and its constants' bytes (two traces of
    one function print the same)."""
    consts = []
    for c in closed.consts:
        arr = np.asarray(c)
        if not isinstance(arr.dtype, np.dtype) or arr.dtype == object:
            raise Unsupported("a loop body with a constant that is no array")
        consts.append((arr.shape, arr.dtype.str, arr.tobytes()))
    return (str(closed.jaxpr), tuple(consts))


def _rounds_program(body, n_consts: int):
    """A `scan` over no sequence (`fori_loop` with static bounds) as a loop whose number of
    rounds is an argument: `loss after 8000 epochs` and `after 10000 epochs` share one compile."""
    f = jax.extend.core.jaxpr_as_fun(body)

    def rounds(n, *ins):
        consts, carry = ins[:n_consts], ins[n_consts:]
        return jax.lax.fori_loop(0, n, lambda _, c: tuple(f(*consts, *c)), tuple(carry))

    return jax.jit(rounds)


def _while_program(primitive, params: dict):
    return jax.jit(lambda *ins: primitive.bind(*ins, **params))


LOOPS_KEPT = 64
_LOOPS: OrderedDict[tuple, Any] = OrderedDict()
_LOOPS_LOCK = threading.Lock()


# Each loop equation's key, by the equation (kept alive beside it, so its id is not reused): a
# traced program's loop is keyed when it is checked and again at every run, and printing its body
# costs milliseconds.
class _ByIdentity:
    """What `compute(obj)` gave, by the object's identity, the `limit` most recently used kept; the
    object is kept beside its value so its id is not reused while the entry lives."""

    def __init__(self, limit: int):
        self.limit, self._kept, self._lock = limit, OrderedDict(), threading.Lock()

    def get(self, obj, compute: Callable[[Any], Any]):
        with self._lock:
            kept = self._kept.get(id(obj))
            if kept is not None:
                self._kept.move_to_end(id(obj))
                return kept[1]
        value = compute(obj)  # outside the lock; what it raises is not kept
        with self._lock:
            self._kept[id(obj)] = (obj, value)
            while len(self._kept) > self.limit:
                self._kept.popitem(last=False)
        return value


_KEYS = _ByIdentity(4 * LOOPS_KEPT)


def _loop_key(eqn) -> tuple:
    """Raise `Unsupported` unless the loop can run as a kept program; else that program's key."""
    return _KEYS.get(eqn, _loop_key_of)


def _loop_key_of(eqn) -> tuple:
    p = eqn.params
    if eqn.primitive.name == "scan":
        if p["reverse"] or len(eqn.invars) != p["num_consts"] + p["num_carry"]:
            raise Unsupported("a scan over a sequence")
        if len(eqn.outvars) != p["num_carry"]:
            raise Unsupported("a scan that stacks its results")
        return ("scan", p["num_consts"], _body_key(p["jaxpr"]))
    return (
        "while",
        p["cond_nconsts"],
        p["body_nconsts"],
        _body_key(p["cond_jaxpr"]),
        _body_key(p["body_jaxpr"]),
    )


# The last states of the longest runs of a loop body from given inputs: a run of the same body
# from the same inputs (every byte) for more rounds continues from there (`loss after 8000
# epochs`, then `predictions after 10000`: 2000 rounds, not 10000). Each round is the same
# compiled body on the state the last one left, so the state after N rounds is the same bits
# either way. Kept for STATES_KEPT runs, in this process only.
STATES_KEPT = 8
_STATES: OrderedDict[tuple, tuple[int, list]] = OrderedDict()


def _inputs_digest(ins: list) -> bytes:
    h = hashlib.blake2b(digest_size=32)
    for x in ins:
        h.update(repr((x.shape, x.dtype.str)).encode())
        h.update(np.ascontiguousarray(x).tobytes())
    return h.digest()


def _rounds(key: tuple, program, rounds: int, n_consts: int, ins: list) -> list:
    """`rounds` rounds of a kept loop program, continued from a kept shorter run if there is one."""
    state_key = (key, _inputs_digest(ins))
    with _LOOPS_LOCK:
        done, state = _STATES.get(state_key, (0, None))
    if state is None or done > rounds:
        done, state = 0, ins[n_consts:]
    out = [np.asarray(x) for x in program(np.int64(rounds - done), *ins[:n_consts], *state)]
    with _LOOPS_LOCK:
        if rounds >= _STATES.get(state_key, (0, None))[0]:
            _STATES[state_key] = (rounds, out)
            _STATES.move_to_end(state_key)
            while len(_STATES) > STATES_KEPT:
                _STATES.popitem(last=False)
    return out


def _loop(eqn, ins: list) -> list:
    key = (_loop_key(eqn), tuple((x.shape, x.dtype.str) for x in ins))
    with _LOOPS_LOCK:
        if key in _LOOPS:
            _LOOPS.move_to_end(key)
        else:
            if eqn.primitive.name == "scan":
                _LOOPS[key] = _rounds_program(eqn.params["jaxpr"], eqn.params["num_consts"])
            else:
                _LOOPS[key] = _while_program(eqn.primitive, dict(eqn.params))
            while len(_LOOPS) > LOOPS_KEPT:
                _LOOPS.popitem(last=False)
        program = _LOOPS[key]
    if eqn.primitive.name == "scan":
        return _rounds(key, program, int(eqn.params["length"]), eqn.params["num_consts"], ins)
    return [np.asarray(x) for x in program(*ins)]


# Calls that nest a jaxpr, by the parameter that holds it (run by `_eval` itself).
NESTED = {
    "pjit": "jaxpr",
    "jit": "jaxpr",
    "closed_call": "call_jaxpr",
    "core_call": "call_jaxpr",
    "custom_jvp_call": "call_jaxpr",
    "custom_vjp_call": "call_jaxpr",
    "custom_vjp_call_jaxpr": "fun_jaxpr",
    "remat": "jaxpr",
    "checkpoint": "jaxpr",
}


# --------------------------------------------------------------------------------------------
# Checking and evaluating a jaxpr


def _jaxpr_of(param: Any):
    """(the open jaxpr, its constants) of a nested call's parameter."""
    if hasattr(param, "jaxpr") and hasattr(param, "consts"):
        return param.jaxpr, list(param.consts)
    return param, []


def _is_fry(dtype) -> bool:
    """A threefry key (held here as its raw uint32 data)."""
    return getattr(getattr(dtype, "_impl", None), "name", None) == "threefry2x32"


def _check_dot(eqn) -> None:
    (contract, _), _ = eqn.params["dimension_numbers"]
    x_shape = eqn.invars[0].aval.shape
    work = int(np.prod(eqn.outvars[0].aval.shape, dtype=np.int64)) * int(
        np.prod([x_shape[d] for d in contract], dtype=np.int64)
    )
    if work > MAX_DOT_WORK:
        raise Unsupported(f"a product of {work} multiply-adds")


def _check(jaxpr, seen: set[int]) -> None:
    """Raise `Unsupported` unless every equation (nested ones too) is in the table and every
    value is an array of at most `MAX_ELEMENTS` numbers."""
    if id(jaxpr) in seen:
        return
    seen.add(id(jaxpr))
    for eqn in jaxpr.eqns:
        name = eqn.primitive.name
        if name in NESTED:
            _check(_jaxpr_of(eqn.params[NESTED[name]])[0], seen)
        elif name in ("scan", "while"):
            _loop_key(eqn)
        elif name not in TABLE and name not in BY_XLA:
            raise Unsupported(name)
        elif name == "dot_general":
            _check_dot(eqn)
        for v in eqn.outvars:
            try:
                size, dtype = int(np.prod(v.aval.shape, dtype=np.int64)), v.aval.dtype
            except AttributeError:  # a token, a reference: not an array
                raise Unsupported(f"{name} gives a {v.aval}") from None
            if not (isinstance(dtype, np.dtype) or _is_fry(dtype)) or size > MAX_ELEMENTS:
                raise Unsupported(f"{name} gives {v.aval}")


# Each jaxpr's repeated equations (kept by the jaxpr, alive beside them): `_eval` takes their
# values from the first. JAX does not merge the same work traced twice (a statement's check and
# its metrics both differentiating the same net, three losses sharing one forward pass), and the
# same primitive with the same parameters on the same values gives the same bits.
_REPEATS = _ByIdentity(256)  # as many as _EAGER keeps programs (KEPT)


def _atom_key(v, canon: dict) -> Any:
    if hasattr(v, "val"):  # a literal
        arr = np.asarray(v.val)
        return ("literal", arr.dtype.str, arr.shape, arr.tobytes())
    return canon.get(v, v)


def _find_repeats(jaxpr) -> dict[int, list]:
    """{index of an equation: the outputs of an earlier one that computes the same}: same
    primitive, equal parameters, same inputs (after merging), no effects."""
    canon: dict[Any, Any] = {}
    seen: dict[tuple, int] = {}
    repeats: dict[int, list] = {}
    for k, eqn in enumerate(jaxpr.eqns):
        if eqn.effects:
            continue
        try:
            ins = tuple(_atom_key(v, canon) for v in eqn.invars)
            key = (eqn.primitive, tuple(sorted(eqn.params.items())), ins)
            first = seen.setdefault(key, k)
        except TypeError:  # a parameter that cannot be compared as a key (an array): computed
            continue
        if first == k:
            continue
        earlier = jaxpr.eqns[first].outvars
        if any(_dropped(w) and not _dropped(v) for v, w in zip(eqn.outvars, earlier)):
            continue
        repeats[k] = earlier
        canon.update((v, canon.get(w, w)) for v, w in zip(eqn.outvars, earlier) if not _dropped(v))
    return repeats


def _dropped(v) -> bool:
    return type(v).__name__ == "DropVar"


def _repeats(jaxpr) -> dict[int, list]:
    return _REPEATS.get(jaxpr, _find_repeats)


def _eval(jaxpr, consts: list, args: list) -> list:
    env: dict[Any, Any] = {}

    def read(v):
        return np.asarray(v.val) if hasattr(v, "val") else env[v]

    for v, x in zip(jaxpr.constvars, consts):
        env[v] = np.asarray(x)
    for v, x in zip(jaxpr.invars, args):
        env[v] = np.asarray(x)
    repeats = _repeats(jaxpr)
    for k, eqn in enumerate(jaxpr.eqns):
        if k in repeats:
            env.update((v, env[w]) for v, w in zip(eqn.outvars, repeats[k]) if not _dropped(v))
            continue
        ins = [read(v) for v in eqn.invars]
        name = eqn.primitive.name
        if name in NESTED:
            inner, inner_consts = _jaxpr_of(eqn.params[NESTED[name]])
            outs = _eval(inner, inner_consts, ins[len(ins) - len(inner.invars) :])
        elif name in ("scan", "while"):
            outs = _loop(eqn, ins)
        elif name in BY_XLA:
            outs = [_by_xla(eqn.primitive, ins, eqn.params)]
        else:
            params = {k: v for k, v in eqn.params.items() if k not in ("accuracy", "sharding")}
            out = TABLE[name](*ins, **params)
            outs = list(out) if eqn.primitive.multiple_results else [out]
        for v, x in zip(eqn.outvars, outs):
            if type(v).__name__ != "DropVar":
                dtype = v.aval.dtype
                env[v] = np.asarray(x, dtype=dtype if isinstance(dtype, np.dtype) else np.uint32)
    return [read(v) for v in jaxpr.outvars]


def _signature(leaves: list) -> tuple:
    """What a jaxpr is traced for: each argument's shape, dtype and weak type (a Python float
    is traced as a weakly typed float64, a numpy array as a strong one)."""
    out = []
    for x in leaves:
        if isinstance(x, np.ndarray):
            out.append((x.shape, x.dtype.name, False))
        else:
            aval = jax.typeof(x)
            out.append((tuple(aval.shape), str(aval.dtype), bool(getattr(aval, "weak_type", False))))
    return tuple(out)


def _note(fn: Callable[..., Any], exc: Exception) -> None:
    """`GRADAUDIT_INTERPRET=log`: say on stderr which programs go to XLA, and why."""
    if os.environ.get("GRADAUDIT_INTERPRET", "").strip().lower() == "log":
        name = getattr(fn, "__name__", type(fn).__name__)
        print(f"gradaudit: {name} compiled by XLA: {type(exc).__name__}: {str(exc)[:100]}", file=sys.stderr)


# Failures of tracing itself (numpy code given a traced value, a Python `if` on one): `jax.jit(fn)`
# traces the same way and fails the same way, so it is not asked to (a numpy backward's second
# failed trace cost about 1 ms a call).
_UNTRACEABLE = (
    jax.errors.TracerArrayConversionError,
    jax.errors.ConcretizationTypeError,
    jax.errors.TracerIntegerConversionError,
)


class Untraceable(TypeError):
    """`fn` cannot be traced at this argument signature: the error its trace met (raised as it
    was the first time; a failure is remembered per signature, as `jax.jit` remembers a trace)."""


class FastJit:
    """`jax.jit(fn)` that runs small programs in numpy (see the module's docstring). One jaxpr
    per argument signature, traced on the first call with it and kept with the object; a
    signature whose jaxpr the interpreter cannot run goes to `jax.jit(fn)`, compiled as before.
    Without a `fallback`, a signature whose trace fails (`_UNTRACEABLE`) raises that failure,
    then `Untraceable` at every later call, without tracing again."""

    def __init__(self, fn: Callable[..., Any], fallback: Callable[..., Any] | None = None):
        self._fn = fn
        self._jit: Any = fallback
        self._own_fallback = fallback is not None
        self._traced: dict[tuple, Any] = {}
        self._lock = threading.Lock()
        self.__wrapped__ = fn

    def _compiled(self):
        if self._jit is None:
            self._jit = jax.jit(self._fn)
        return self._jit

    def _trace(self, args: tuple, key: tuple):
        with self._lock:
            if key not in self._traced:
                try:
                    closed, shapes = jax.make_jaxpr(self._fn, return_shape=True)(*args)
                    _check(closed.jaxpr, set())
                    self._traced[key] = (closed, jax.tree_util.tree_structure(shapes))
                except _UNTRACEABLE as exc:
                    if self._own_fallback:
                        self._traced[key] = None
                    else:  # only the message is kept: a traceback would keep the arguments alive
                        self._traced[key] = Untraceable(f"{type(exc).__name__}: {str(exc)[:2000]}")
                        raise
                except Exception as exc:  # noqa: BLE001  (Unsupported, or what the fallback raises again)
                    _note(self._fn, exc)
                    self._traced[key] = None
            return self._traced[key]

    def __call__(self, *args: Any) -> Any:
        if not enabled():
            return self._compiled()(*args)
        leaves, tree = jax.tree_util.tree_flatten(args)
        try:
            key = (tree, _signature(leaves), bool(jax.config.jax_enable_x64))
        except Exception:  # noqa: BLE001  (an argument that is no array: jit's to take or refuse)
            return self._compiled()(*args)
        traced = self._traced.get(key, False)
        if traced is False:
            traced = self._trace(args, key)
        if traced is None:
            return self._compiled()(*args)
        if isinstance(traced, Untraceable):
            raise Untraceable(*traced.args)
        closed, out_tree = traced
        try:
            with np.errstate(all="ignore"):  # an overflow is a value, as in XLA
                outs = _eval(closed.jaxpr, list(closed.consts), leaves)
        except Exception as exc:  # noqa: BLE001  (Unsupported at run time: XLA computes it, as before)
            _note(self._fn, exc)
            with self._lock:
                self._traced[key] = None
            return self._compiled()(*args)
        return jax.tree_util.tree_unflatten(out_tree, outs)


def fast_jit(fn: Callable[..., Any]) -> FastJit:
    return FastJit(fn)


# Step functions run eagerly (a worksheet's exact and author's chains), kept by the function: the
# least recently used go past KEPT. The function stays alive beside its program, so its id is not
# reused while the entry exists.
KEPT = 256
_EAGER: OrderedDict[int, tuple[Callable[..., Any], FastJit]] = OrderedDict()
_EAGER_LOCK = threading.Lock()


def _on_device(fn: Callable[..., Any]) -> Callable[..., Any]:
    """`fn` called with its numpy arguments as jax arrays (`device_put`: no program compiled, as
    `jnp.asarray` compiles one per shape), as a step called eagerly always had them."""

    def run(*args: Any) -> Any:
        return fn(*[jax.device_put(a) if isinstance(a, (np.ndarray, np.generic)) else a for a in args])

    return run


def call(fn: Callable[..., Any], *args: Any) -> Any:
    """`fn(*args)`, through a kept `FastJit` of `fn`: no per-primitive XLA compiles for a step
    that traces; one that does not (Python control flow on a value) is called as it is, with
    its arguments as jax arrays."""
    if not enabled():
        return _on_device(fn)(*args)
    with _EAGER_LOCK:
        entry = _EAGER.get(id(fn))
        if entry is None:
            entry = _EAGER[id(fn)] = (fn, FastJit(fn, fallback=_on_device(fn)))
            while len(_EAGER) > KEPT:
                _EAGER.popitem(last=False)
        else:
            _EAGER.move_to_end(id(fn))
    return entry[1](*args)
