"""Check a hand-written gradient against JAX autodiff and finite differences, per leaf.

`check_gradients(backward, loss, params, inputs, targets)` compares the hand-written gradient
with `jax.grad(loss)` at the given values and at seeded random draws around them, element by
element, and asks finite differences for a second opinion on autodiff itself. Each leaf gets a
formula verdict (DESIGN.md section 4) with the worst element and the three values there.

Compiled functions (the vmapped autodiff gradient, the vmapped hand-written backward, the
finite-difference evaluators) are cached by the user's function and the shapes, so checking the
same loss again (another backward, other values, more tests) compiles nothing new.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import threading
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

import jax
import numpy as np

from ..core import _interp, _jax
from ..core.tolerances import Tolerance, tolerance
from ..core.verdicts import V, is_passing
from .classify import FormulaVerdict, classify
from .fd import FlatProber, Probe

# Parameters x points held at once: caps the random draws on big nets. At 1M a 100k-parameter
# MLP gets 9 points (the given one and 8 draws), a tutorial-size net every draw asked for.
POINT_BUDGET = 1_000_000
SMALL_LEAF = 64  # leaves up to this size get finite differences on every element
# ... in a problem of at most this many differentiated numbers: in a larger one each loss evaluation
# costs as much as the whole problem, and every leaf, small ones too, gets the directional second
# opinion of a large leaf (below; 4 evaluations instead of 2 per element: the MLP's b2, 10 numbers,
# cost 20 of its 32). Its elements are still probed one by one where they name something.
ELEMENTWISE_PROBLEM = 4096
# Problems up to this many differentiated numbers evaluate their finite differences with the
# autodiff program they already compiled (its loss values, in batches of its own point count),
# instead of compiling evaluators of their own; larger ones use `fd.FlatProber`'s loops (a
# vmapped point costs 3-5x a looped one on a big net, see fd.py).
SMALL_PROBLEM = 256
ROW_BY_ROW = 4096  # leaves larger than this get their random draws one point at a time
# A large leaf's second opinion on autodiff is directional: the finite difference of the loss
# along `DIRECTIONS` seeded random-sign unit directions, each against autodiff's dot product with
# it (as `jax.test_util.check_grads` does), so every element of the leaf takes part in 2 loss
# evaluations per direction. Its elements are probed one by one only where they name something:
# those the hand-written value gets wrong (a kink, or a slip to localise) and, when the verdict is
# not ok, the worst one (the table's three values there).
DIRECTIONS = 2  # random directions per large leaf
KINK_PROBES = 64  # wrong elements probed for kinks per leaf, worst first
CONFIRM = 8  # autodiff disagreements per leaf re-probed at smaller steps, worst first
# No finite differences for these: there is no hand-written element to line up with.
_NO_SECOND_OPINION = (V.MISSING, V.EXTRA, V.SHAPE)
# Verdicts the finite differences cannot change: they do not depend on autodiff's values.
_KEEP_VERDICT = (V.NON_FINITE,)
_KINK_CANDIDATES = (V.PARTIAL, V.MISMATCH)


@dataclass
class LeafResult:
    path: str
    verdict: str
    factor: str | None = None
    factor_value: float | None = None
    indices: list[tuple[int, ...]] = field(default_factory=list)
    worst_index: tuple[int, ...] | None = None
    worst_point: int = 0
    hand: float | None = None
    autodiff: float | None = None
    finite_diff: float | None = None
    max_abs: float = 0.0
    max_rel: float = 0.0
    explanation: str = ""

    @classmethod
    def from_formula(cls, path: str, fv: FormulaVerdict) -> LeafResult:
        return cls(
            path=path,
            verdict=fv.verdict,
            factor=fv.factor,
            factor_value=fv.factor_value,
            indices=fv.indices,
            worst_index=fv.worst_index,
            worst_point=fv.worst_point,
            hand=fv.hand,
            autodiff=fv.true,
            max_abs=fv.max_abs,
            max_rel=fv.max_rel,
            explanation=fv.explanation,
        )


@dataclass
class GradientResult:
    leaves: dict[str, LeafResult]
    points: int
    traced: bool
    error: str | None = None
    title: str = ""
    fd_evaluations: int = 0

    @property
    def verdicts(self) -> dict[str, str]:
        return {path: leaf.verdict for path, leaf in self.leaves.items()}

    @property
    def ok(self) -> bool:
        """No error and every leaf `ok` (or `kink`: right up to the choice of a one-sided slope)."""
        return self.error is None and all(is_passing(v) for v in self.verdicts.values())

    def table(self, tablefmt: str = "simple") -> str:
        """The verdict table, worst leaves first (rendered by the output layer)."""
        from ..output.leaf_table import format_leaves  # the one upward import: see tests/test_layers.py

        return format_leaves(self, tablefmt)

    def __str__(self) -> str:
        return self.table()

    def __repr__(self) -> str:
        from ..output.leaf_table import short_repr

        return short_repr(self)

    def _repr_html_(self) -> str:  # Jupyter
        from ..output.leaf_table import leaves_html

        return leaves_html(self)


# --------------------------------------------------------------------------------------------
# Leaves and their names


def _path_str(path: tuple) -> str:
    parts = []
    for key in path:
        if isinstance(key, jax.tree_util.DictKey):
            parts.append(str(key.key))
        elif isinstance(key, jax.tree_util.SequenceKey):
            parts.append(str(key.idx))
        elif isinstance(key, jax.tree_util.GetAttrKey):
            parts.append(str(key.name))
        else:
            parts.append(str(key))
    return ".".join(parts) or "value"


def leaf_paths(tree: Any) -> dict[str, Any]:
    flat, _ = jax.tree_util.tree_flatten_with_path(tree)
    return {_path_str(path): leaf for path, leaf in flat}


def _named_leaves(tree: Any, wrt_inputs: bool) -> dict[str, Any]:
    """Leaves by name. With `wrt_inputs`, `tree` is `(params, inputs)`: parameters keep their own
    names (`W1`) and the inputs' leaves are `inputs` or `inputs.<path>`."""
    if not wrt_inputs or not (isinstance(tree, (tuple, list)) and len(tree) == 2):
        return leaf_paths(tree)
    out = dict(leaf_paths(tree[0]))
    for p, v in leaf_paths(tree[1]).items():
        out["inputs" if p == "value" else f"inputs.{p}"] = v
    return out


def _as_float(tree: Any) -> Any:
    def conv(x):
        arr = np.asarray(x)
        # no copy of what is float64 already: nothing writes into it (points are copies)
        return arr.astype(np.float64, copy=False) if np.issubdtype(arr.dtype, np.floating) else arr

    return jax.tree_util.tree_map(conv, tree)


def _draw_points(seed: int, point: Any, n_draws: int, perturb_targets: bool) -> Any:
    """The given point and `n_draws` seeded random points around it, stacked on a leading axis.

    Each float leaf moves by about its own size (0.5 x its RMS, plus 0.1 so a zero leaf moves
    too), with uniform noise of unit variance (5x cheaper than normal noise in numpy, which on a
    100k-parameter net cost more than the gradients); integer leaves (class labels) and, unless
    asked, the targets stay fixed.
    """
    rng = np.random.default_rng(seed)

    def around(tree: Any, move: bool) -> Any:
        def one(a):
            a = np.asarray(a)
            out = _jax.aligned((n_draws + 1,) + a.shape, a.dtype)  # read in place by XLA
            out[0] = a
            if move and n_draws and a.size and np.issubdtype(a.dtype, np.floating):
                half_width = np.sqrt(3.0) * (0.5 * float(np.sqrt(np.mean(a**2))) + 0.1)
                # float32: faster. A big leaf's draws one at a time, through one small buffer
                # (the same numbers: the generator's stream is read in the same order).
                rows = [slice(1, None)] if a.size <= ROW_BY_ROW else list(range(1, n_draws + 1))
                shape = out[rows[0]].shape
                noise = np.empty(shape, dtype=np.float32)
                low = a - half_width
                for r in rows:
                    rng.random(shape, dtype=np.float32, out=noise)
                    np.multiply(noise, 2.0 * half_width, out=out[r])
                    out[r] += low
            else:
                out[1:] = a
            return out

        return jax.tree_util.tree_map(one, tree)

    params, inputs, targets = point
    return around(params, True), around(inputs, True), around(targets, perturb_targets)


DRAW_AHEAD = 100_000  # numbers drawn at least, for the draws to go to a thread of their own


def _drawing(seed: int, point: Any, n_draws: int, perturb_targets: bool, numbers: int) -> Callable[[], Any]:
    """`_draw_points(...)`, as a call that returns it. With `numbers` >= DRAW_AHEAD the points
    are drawn on a thread started now: numpy's random numbers and arithmetic release Python's
    lock, so they run beside the caller's own work (the same generator and order: the same
    numbers). Smaller draws are made when called, on the caller's thread."""
    if numbers < DRAW_AHEAD:
        return lambda: _draw_points(seed, point, n_draws, perturb_targets)
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            with np.errstate(all="ignore"):  # as `precise()` on the caller's thread
                box["points"] = _draw_points(seed, point, n_draws, perturb_targets)
        except BaseException as exc:  # noqa: BLE001  (raised again on the caller's thread)
            box["error"] = exc

    worker = threading.Thread(target=run, name="gradaudit-draws", daemon=True)
    worker.start()

    def result() -> Any:
        worker.join()
        if "error" in box:
            raise box["error"]
        return box["points"]

    return result


class _Points:
    """The stacked points (numpy, leading axis = point) and each point on its own."""

    def __init__(self, stacked: Any):
        self.stacked = stacked
        leaves = jax.tree_util.tree_leaves(stacked)
        self.n = int(leaves[0].shape[0]) if leaves else 1

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, k: int) -> Any:
        # a copy: a backward may (wrongly) modify its arguments in place
        return jax.tree_util.tree_map(lambda a: _jax.copied(a[k]), self.stacked)

    def __iter__(self):
        return (self[k] for k in range(self.n))


def _stack(points: list[Any]) -> Any:
    return jax.tree_util.tree_map(_stacked, *points)


def _stacked(*xs: Any) -> np.ndarray:
    """`np.stack(xs)`, into an `aligned` buffer (reused memory for a large one) where the
    arrays share one numeric dtype and shape; else by `np.stack`, its errors included."""
    arrays = [np.asarray(x) for x in xs]
    first = arrays[0]
    if first.dtype.hasobject or any(a.dtype != first.dtype or a.shape != first.shape for a in arrays):
        return np.stack(arrays)
    out = _jax.aligned((len(arrays),) + first.shape, first.dtype)
    for k, a in enumerate(arrays):
        out[k] = a
    return out


def _describe_exception(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" ({frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


# --------------------------------------------------------------------------------------------
# Compiled functions, cached by the user's function (one compile per function and shape)


def _cached(factory: Callable[..., Any]) -> Callable[..., Any]:
    """`functools.lru_cache`, except for unhashable arguments (built fresh then)."""
    cached = functools.lru_cache(maxsize=256)(factory)
    lock = threading.Lock()  # one factory call per key, also from threads (`report --jobs`)

    def get(*key):
        try:
            with lock:
                return cached(*key)
        except TypeError:  # an unhashable callable (e.g. an eq-dataclass instance)
            return factory(*key)

    return get


@_cached
def _vgrad(loss: Callable[..., Any], argnums: Any) -> Callable[..., Any]:
    """(loss values, gradients) at every point: the values serve small problems' finite
    differences (`_prober`)."""
    return _interp.fast_jit(jax.vmap(jax.value_and_grad(loss, argnums=argnums)))


@_cached
def _vgrad_together(losses: tuple, argnums: Any) -> Callable[..., Any]:
    """(loss values, gradients) of every loss in `losses` at every point, in one program."""

    def each(*args):
        return tuple(jax.value_and_grad(f, argnums=argnums)(*args) for f in losses)

    return _interp.fast_jit(jax.vmap(each))


def _autodiff(loss: Callable[..., Any], argnums: Any, together: tuple) -> Callable[..., Any]:
    """`_vgrad(loss)`, or its part of `_vgrad_together(together)` when `loss` is one of several
    losses checked at the same points (a Backward case's losses): one compile for all of them."""
    if len(together) < 2 or loss not in together:
        return _vgrad(loss, argnums)
    program, k = _vgrad_together(together, argnums), together.index(loss)
    return lambda *args: program(*args)[k]


@_cached
def _vhand(backward: Callable[..., Any]) -> Callable[..., Any]:
    return _interp.fast_jit(jax.vmap(backward))


@_cached
def _flat_loss(loss: Callable[..., Any], wrt_inputs: bool, treedef: Any, shapes: tuple) -> Callable[..., Any]:
    """`f(v, inputs, targets)`: the loss of the flat vector `v` of the differentiated leaves."""
    sizes = [int(np.prod(s, dtype=np.int64)) for s in shapes]
    starts = np.concatenate([[0], np.cumsum(sizes)]).tolist()

    def unravel(v):
        leaves = [v[a:b].reshape(s) for a, b, s in zip(starts[:-1], starts[1:], shapes)]
        return jax.tree_util.tree_unflatten(treedef, leaves)

    if wrt_inputs:

        def f(v, inputs, targets):
            p, x = unravel(v)
            return loss(p, x, targets)
    else:

        def f(v, inputs, targets):
            return loss(unravel(v), inputs, targets)

    return f


def _prober(loss, wrt_inputs: bool, treedef, shapes: tuple, theta, tol, inputs, targets, points: tuple):
    """A FlatProber of the loss of the flat `theta` (the differentiated leaves) at fixed
    `inputs` and `targets`. A small problem (`SMALL_PROBLEM`) gets its loss values from the
    autodiff program (`points`: it and the number of points it was compiled for), so it
    compiles nothing."""
    program, n_points = points
    args = (None if wrt_inputs else inputs, targets)
    f_flat = _flat_loss(loss, wrt_inputs, treedef, shapes)
    if np.size(theta) > SMALL_PROBLEM:
        return FlatProber(f_flat, theta, tol, args=args)
    bounds = np.concatenate([[0], np.cumsum([int(np.prod(s, dtype=np.int64)) for s in shapes])]).tolist()

    def repeat(tree):
        return jax.tree_util.tree_map(lambda a: np.repeat(np.asarray(a)[None], n_points, axis=0), tree)

    fixed_inputs, fixed_targets = repeat(inputs), repeat(targets)

    def batch_eval(thetas: np.ndarray) -> np.ndarray:
        out = []
        for start in range(0, len(thetas), n_points):
            chunk = thetas[start : start + n_points]
            real = len(chunk)
            chunk = np.concatenate([chunk, np.repeat(chunk[-1:], n_points - real, axis=0)])
            leaves = [
                chunk[:, a:b].reshape((n_points,) + tuple(s)) for a, b, s in zip(bounds, bounds[1:], shapes)
            ]
            tree = jax.tree_util.tree_unflatten(treedef, leaves)
            params, x = tree if wrt_inputs else (tree, fixed_inputs)
            values, _ = program(params, x, fixed_targets)
            out.append(np.asarray(values)[:real])
        return np.concatenate(out)

    return FlatProber(f_flat, theta, tol, args=args, batch_eval=batch_eval)


# --------------------------------------------------------------------------------------------


def _default_sizes(inputs: Any) -> dict[str, float]:
    """N, the inputs' leading dimension, when the first input leaf has one of more than 2."""
    first = jax.tree_util.tree_leaves(inputs)
    if first and np.ndim(first[0]) >= 1 and np.shape(first[0])[0] > 2:
        return {"N": float(np.shape(first[0])[0])}
    return {}


@_jax.scoped
def check_gradients(
    backward: Callable[..., Any],
    loss: Callable[..., Any],
    params: Any,
    inputs: Any = None,
    targets: Any = None,
    *,
    draws: int = 16,
    seed: int = 0,
    wrt_inputs: bool = False,
    lr: float | None = None,
    sizes: dict[str, float] | None = None,
    tolerances: Tolerance | dict[str, float] | None = None,
    perturb_targets: bool = False,
    title: str = "",
    together: tuple = (),
) -> GradientResult:
    """Check `backward(params, inputs, targets)` against `jax.grad(loss)`, leaf by leaf.

    With `wrt_inputs=True` the backward returns `(param_grads, input_grads)` and both are checked
    (a custom layer's vector-Jacobian product); the inputs' leaves are named `inputs` (or
    `inputs.<path>`). `draws` random points around the given one are checked too (fewer on very
    large nets: see POINT_BUDGET); `lr` and `sizes` name factors (N defaults to the inputs'
    leading dimension); `tolerances` overrides the float64 table (`{"rtol": 1e-6}`).
    `together`: the losses checked at the same points (this one among them), whose gradients a
    small problem computes in one program.
    """
    tol = tolerances if isinstance(tolerances, Tolerance) else tolerance(np.float64, **(tolerances or {}))
    params, inputs, targets = _as_float(params), _as_float(inputs), _as_float(targets)
    argnums = (0, 1) if wrt_inputs else 0
    expected_tree = (params, inputs) if wrt_inputs else params
    expected = _named_leaves(expected_tree, wrt_inputs)
    sizes = _default_sizes(inputs) if sizes is None else sizes

    # Points: the given values first, then seeded draws around them (a large problem's drawn on
    # a thread of its own while the second opinion's seeded probes are planned and dispatched).
    n_params = sum(int(np.size(x)) for x in expected.values()) or 1
    n_draws = max(0, min(draws, POINT_BUDGET // n_params - 1))
    drawn = _drawing(seed, (params, inputs, targets), n_draws, perturb_targets, n_params * n_draws)
    early = _early_second_opinion(loss, expected_tree, wrt_inputs, inputs, targets, tol, seed)
    points = _Points(drawn())
    stacked = points.stacked
    autodiff = _autodiff(loss, argnums, together if n_params <= SMALL_PROBLEM else ())
    # Dispatched first: JAX computes autodiff's values while the hand-written backward runs;
    # the second opinion's seeded elements after it, so it is not waited for behind them.
    pending = _dispatch(autodiff, stacked)
    hand_traced = _hand_traced(backward, stacked)  # a traceable backward's values, under way too
    if early is not None:
        early.prober.prefetch_elements(early.elements)
    traced, hand_all, error = _hand_over_points(backward, points, hand_traced)
    if hand_all is None:
        # The backward raised at the given values: a finding, not a crash of the check.
        leaves = {p: LeafResult(p, V.MISMATCH, explanation=f"backward raised {error}") for p in expected}
        return GradientResult(leaves, points=1, traced=False, error=error, title=title)
    hand_paths = _named_leaves(hand_all, wrt_inputs)

    _, true_all = autodiff(*stacked) if pending is None else pending  # a failure raises here, as before
    at = (autodiff, len(points))  # the program and its point count, for small problems' probes
    true_paths = {p: np.asarray(v) for p, v in _named_leaves(true_all, wrt_inputs).items()}
    if early is not None:  # computed while the leaves are classified
        _prefetch_wrong(early, hand_paths, true_paths, tol, tolerances)
    leaves, leaf_tols = _classify_leaves(expected, hand_paths, true_paths, tol, tolerances, sizes, lr)
    oracle_evaluations = _non_finite_oracle(loss, wrt_inputs, points, leaves, hand_paths, true_paths, tol, at)

    evaluations = _second_opinion(
        loss, expected_tree, wrt_inputs, inputs, targets, hand_paths, true_paths, leaves, tol, leaf_tols,
        seed, sizes, lr, at, early,
    )
    evaluations += _fd_at_draws(loss, wrt_inputs, points, leaves, tol, at) + oracle_evaluations
    points_checked = min([len(points)] + [np.shape(v)[0] for v in hand_paths.values()])
    return GradientResult(
        leaves, points=points_checked, traced=traced, error=error, title=title, fd_evaluations=evaluations
    )


def _classify_leaves(
    expected: dict[str, Any],
    hand_paths: dict[str, Any],
    true_paths: dict[str, np.ndarray],
    tol: Tolerance,
    tolerances: Any,
    sizes: dict[str, float],
    lr: float | None,
) -> tuple[dict[str, LeafResult], dict[str, Tolerance]]:
    """Each leaf's verdict against autodiff (missing, not numbers, classified, extra), and the
    hand-vs-autodiff tolerance of each by the hand-written dtype."""
    leaf_tols: dict[str, Tolerance] = {}
    leaves: dict[str, LeafResult] = {}
    for path in expected:
        if path not in hand_paths:
            leaves[path] = LeafResult(
                path, V.MISSING, explanation=f"the hand-written gradient has no leaf {path!r}"
            )
            continue
        try:
            h_raw = np.asarray(hand_paths[path])
            h = np.asarray(h_raw, dtype=np.float64)  # no copy when already float64
        except (TypeError, ValueError) as exc:  # not numbers: a finding, not a crash
            leaves[path] = LeafResult(
                path,
                V.MISMATCH,
                explanation=f"{path}: the hand-written value is not an array of "
                f"numbers ({type(exc).__name__}: {exc})",
            )
            continue
        leaf_tols[path] = _tolerance_for(h_raw.dtype, tol, tolerances)
        # A loop stopped early by an exception at a draw compares the points it reached.
        t = true_paths[path][: h.shape[0]]
        fv = classify(h, t, leaf_tols[path], sizes=sizes, lr=lr, name=path)
        leaves[path] = LeafResult.from_formula(path, fv)
    for path in hand_paths:
        if path not in expected:
            leaves[path] = LeafResult(
                path,
                V.EXTRA,
                explanation=f"{path!r} is not a parameter (parameters: {sorted(expected)})",
            )
    return leaves, leaf_tols


def _unfiltered_tracebacks() -> Any:
    """JAX's traceback filtering off in this thread (JAX's own thread-local setting, restored
    on the way out): the failed trace of a numpy backward is swallowed, and filtering its
    traceback cost more than the trace itself (a few ms on every check of a numpy backward)."""
    state = getattr(getattr(jax, "_src", None), "config", None)
    setting = getattr(state, "traceback_filtering", None)
    return setting("off") if callable(setting) else contextlib.nullcontext()


def _dispatch(program: Callable[..., Any], stacked: Any) -> Any:
    """`program(*stacked)`, dispatched without waiting for its values; None if it raised (the
    caller calls it again where its failure belongs)."""
    try:
        return program(*stacked)
    except Exception:  # noqa: BLE001  (raised again, in order, by the caller's own call)
        return None


def _hand_traced(backward, stacked):
    """The hand-written gradient at every point by one vmapped call, dispatched without waiting
    for its values; None if the backward cannot be traced (numpy code: `_hand_over_points`
    loops)."""
    try:
        with _unfiltered_tracebacks():
            return _vhand(backward)(*stacked)
    except Exception:  # noqa: BLE001  (numpy code cannot be traced: fall back to a loop)
        return None


def _hand_over_points(backward, points, traced_values):
    """The hand-written gradient at every point: `traced_values` (`_hand_traced`) if the backward
    traced, else a loop over the points.

    Returns (traced, stacked gradient or None if it raised at the given point, error message).
    """
    if traced_values is not None:
        return True, jax.tree_util.tree_map(np.asarray, traced_values), None
    outs = []
    error = None
    for k, point in enumerate(points):
        try:
            outs.append(backward(*point))
        except Exception as exc:  # noqa: BLE001  (any failure of user code is reported)
            if k == 0:
                return False, None, _describe_exception(exc)
            error = f"at random draw {k}: {_describe_exception(exc)}"
            break
    try:
        return False, _stack(outs), error
    except Exception:  # noqa: BLE001  (ragged output across points: keep the given point only)
        return False, _stack(outs[:1]), error


def _flat_index(i: int, shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(int(a) for a in np.unravel_index(i, shape)) if shape else ()


@dataclass
class _LeafPlan:
    path: str
    start: int
    shape: tuple[int, ...]
    t0: np.ndarray  # autodiff at the given point, flat
    h0: np.ndarray | None  # hand-written at the given point, flat (None if its shape differs)
    elements: list[int]  # flat indices probed one by one
    wrong0: list[int]  # elements the hand-written value gets wrong at the given point
    directions: np.ndarray  # (k, size) unit vectors within the leaf


def _second_opinion(
    loss,
    expected_tree,
    wrt_inputs,
    inputs,
    targets,
    hand_paths,
    true_paths,
    leaves,
    tol,
    leaf_tols,
    seed,
    sizes,
    lr,
    at,
    early: _Early | None = None,
) -> int:
    """Finite differences at the given point: kinks, and autodiff's own soundness.

    Per leaf: every element of a small leaf; on a large leaf `DIRECTIONS` random directions (and
    its worst element when the verdict is not ok). Where the verdict is `partial` or `mismatch`,
    the wrong elements too (worst first), to tell a kink from a slip. All probes of
    all leaves go through the prober together, in full batches. `early`: the seeded probes
    dispatched ahead (`_early_second_opinion`). Returns the loss evaluations.
    """
    given = _flat_given(expected_tree, wrt_inputs)
    if given is None:
        return 0
    treedef, shapes, theta, names = given
    rng = np.random.default_rng([seed, 1])
    plans, ahead = _plan_leaves(names, shapes, leaves, hand_paths, true_paths, tol, leaf_tols, rng, early)
    if not plans:
        return early.prober.evaluations if early else 0

    prober = (
        early.prober if early else _prober(loss, wrt_inputs, treedef, shapes, theta, tol, inputs, targets, at)
    )
    elem_probes = _probe_elements(prober, plans)
    dir_probes = _probe_directions(prober, plans, theta, early if ahead else None)
    per_leaf, n_first, cands = _oracle_candidates(prober, plans, elem_probes, dir_probes, leaves)
    broken = _confirm_candidates(prober, plans, cands, theta.size)
    for pl, by_elem, br, n in zip(plans, per_leaf, broken, n_first):
        _judge_leaf(
            pl, by_elem, br, n, leaves, true_paths, hand_paths, leaf_tols.get(pl.path, tol), sizes, lr
        )
    return prober.evaluations


def _plan_leaves(
    names, shapes, leaves, hand_paths, true_paths, tol, leaf_tols, rng, early=None
) -> tuple[list[_LeafPlan], bool]:
    """A `_LeafPlan` per leaf that gets a second opinion, in leaf order (the order `rng` is drawn
    in). Skipped: empty leaves, leaves without a result, and verdicts that need none
    (`_NO_SECOND_OPINION`, or already an oracle error). When the leaves planned are those
    `early` planned ahead, its seeded samples are theirs (the same draws of the same `rng`):
    the second value says so."""
    todo = []
    offset = 0
    for path, shape in zip(names, shapes):
        size = int(np.prod(shape, dtype=np.int64))
        start, offset = offset, offset + size
        result = leaves.get(path)
        if result is None or size == 0 or result.verdict in _NO_SECOND_OPINION + (V.ORACLE_ERROR,):
            continue
        todo.append((path, shape, start, size, result))
    ahead = early is not None and [t[0] for t in todo] == early.names
    plans = []
    for k, (path, shape, start, size, result) in enumerate(todo):
        sample = early.samples[k] if ahead else _sample_leaf(size, rng, offset)
        lt = leaf_tols.get(path, tol)
        plans.append(_plan_leaf(path, shape, start, size, result, hand_paths, true_paths, lt, sample))
    return plans, ahead


def _elementwise(size: int, total: int) -> bool:
    """A leaf whose second opinion probes every element: a small leaf of a small problem."""
    return size <= SMALL_LEAF and total <= ELEMENTWISE_PROBLEM


def _sample_leaf(size: int, rng: np.random.Generator, total: int) -> tuple[set[int], np.ndarray]:
    """The seeded part of a leaf's plan: every element of a small leaf of a problem of `total`
    numbers (no random numbers, `_elementwise`); otherwise `DIRECTIONS` random-sign unit
    directions (and no element)."""
    if _elementwise(size, total):
        return set(range(size)), np.zeros((0, size))
    return set(), _random_signs(rng, (DIRECTIONS, size), 1.0 / np.sqrt(size))


def _random_signs(rng: np.random.Generator, shape: tuple[int, int], size: float) -> np.ndarray:
    """+`size` or -`size` per element, one random bit each: as good a direction as a Gaussian
    one, and 60x cheaper to draw than a uniform float per element."""
    count = int(np.prod(shape))
    bits = np.unpackbits(np.frombuffer(rng.bytes((count + 7) // 8), dtype=np.uint8), count=count)
    return np.array([-size, size])[bits.reshape(shape)]


def _plan_leaf(path, shape, start, size, result, hand_paths, true_paths, lt, sample) -> _LeafPlan:
    """What to probe on one leaf (see `_second_opinion`): its seeded `sample` (`_sample_leaf`),
    and on a large leaf whose verdict is not ok its worst element at the given point (where the
    table shows the three values); on either, the elements the hand-written value gets wrong
    where the verdict may be a kink."""
    t0 = true_paths[path][0].reshape(-1)
    h0 = _hand_at_given(hand_paths.get(path), shape)
    wrong0: list[int] = []
    if h0 is not None and result.verdict in _KINK_CANDIDATES:
        wrong0 = _wrong_at_given(h0, t0, lt)
    elements, directions = set(sample[0]), sample[1]
    worst = result.worst_index
    if not len(sample[0]) and result.verdict != V.OK and result.worst_point == 0 and worst is not None:
        if h0 is not None and len(worst) == len(shape):
            elements.add(int(np.ravel_multi_index(worst, shape)))
    elements |= set(wrong0)
    return _LeafPlan(path, start, shape, t0, h0, sorted(elements), wrong0, directions)


@dataclass
class _Early:
    """The second opinion's seeded probes, dispatched before the check's other work."""

    prober: FlatProber
    names: list[str]  # the leaves planned ahead, in order
    samples: list[tuple[set[int], np.ndarray]]  # their `_sample_leaf`s
    dense: np.ndarray  # every direction as a row of the flat vector, in plan order
    scales: np.ndarray  # per direction, the largest |theta| of its leaf (sets the step)
    keys: list  # per direction, its name for the prober
    elements: np.ndarray  # the small leaves' elements' flat indices, dispatched after autodiff
    spans: dict[str, tuple[int, tuple[int, ...]]]  # per leaf planned ahead: (start, shape)
    total: int = 0  # the problem's differentiated numbers


def _flat_given(expected_tree, wrt_inputs):
    """(treedef, shapes, flat float64 vector, leaf names) of the differentiated values, or None
    when there is nothing to differentiate by finite differences (no leaves, no floats)."""
    flat, treedef = jax.tree_util.tree_flatten(expected_tree)
    arrays = [np.asarray(x) for x in flat]
    if not arrays or any(a.dtype.kind != "f" for a in arrays):
        return None
    shapes = tuple(tuple(a.shape) for a in arrays)
    theta = np.concatenate([a.reshape(-1) for a in arrays]).astype(np.float64)
    if theta.size == 0:
        return None
    names = list(_named_leaves(jax.tree_util.tree_unflatten(treedef, list(range(len(arrays)))), wrt_inputs))
    return treedef, shapes, theta, names


def _early_second_opinion(loss, expected_tree, wrt_inputs, inputs, targets, tol, seed) -> _Early | None:
    """On a large problem, the seeded part of the second opinion (`_sample_leaf` of every
    non-empty leaf, as `_plan_leaves` draws it when every leaf gets one, the usual case), its
    plain central differences dispatched to JAX at once: they are computed while the check
    draws its points, runs the backward and classifies. `_second_opinion` takes them from the
    prober (the same values it would compute), and computes as before what they do not cover."""
    given = _flat_given(expected_tree, wrt_inputs)
    if given is None or given[2].size <= SMALL_PROBLEM:
        return None
    treedef, shapes, theta, names = given
    rng = np.random.default_rng([seed, 1])
    prober = _prober(loss, wrt_inputs, treedef, shapes, theta, tol, inputs, targets, (None, 0))
    planned, samples, elements, rows, scales, keys = [], [], [], [], [], []
    spans: dict[str, tuple[int, tuple[int, ...]]] = {}
    offset = 0
    for path, shape in zip(names, shapes):
        size = int(np.prod(shape, dtype=np.int64))
        start, offset = offset, offset + size
        if size == 0:
            continue
        sample = _sample_leaf(size, rng, theta.size)
        planned.append(path)
        spans[path] = (start, shape)
        samples.append(sample)
        elements.extend(start + np.array(sorted(sample[0]), dtype=np.int64))
        scale = np.max(np.abs(theta[start : start + size]))
        for j, d in enumerate(sample[1]):
            rows.append((start, d))
            scales.append(scale)
            keys.append((path, j))
    dense = prober.prefetch_directions(rows, np.array(scales), keys)
    elements = np.array(elements, dtype=np.int64)
    return _Early(prober, planned, samples, dense, np.array(scales), keys, elements, spans, theta.size)


FEW_WRONG = 8  # a leaf with this many wrong elements or fewer at the given point is partial or mismatch


def _prefetch_wrong(early: _Early, hand_paths: dict, true_paths: dict, tol: Tolerance, overrides) -> None:
    """Dispatches, before the leaves are classified, the full finite-difference stencils (and the
    loss at the point) of the elements the hand-written value gets wrong at the given point, on
    leaves with 1 to `FEW_WRONG` of them: such a leaf is `partial` or `mismatch`, whose wrong
    elements the second opinion probes in full for kinks (`_plan_leaf`), so JAX computes them
    while the leaves are classified. Only a head start: the probes ask for the same values. (A
    small leaf's plain central differences are under way already: its full stencils wait.)"""
    todo: list[int] = []
    for path, (start, shape) in early.spans.items():
        h_all, t_all = hand_paths.get(path), true_paths.get(path)
        h0 = _hand_at_given(h_all, shape)
        if h0 is None or t_all is None or np.shape(t_all)[1:] != shape or _elementwise(h0.size, early.total):
            continue
        lt, t0 = _tolerance_for(np.asarray(h_all).dtype, tol, overrides), t_all[0].reshape(-1)
        if _none_wrong(h0, t0, lt):
            continue
        wrong = _wrong_at_given(h0, t0, lt, limit=FEW_WRONG + 1)
        if len(wrong) <= FEW_WRONG:
            todo += [start + i for i in wrong]
    early.prober.prefetch_elements(np.array(todo, dtype=np.int64), full=True)
    _prefetch_unscreened(early, true_paths)


def _prefetch_unscreened(early: _Early, true_paths: dict) -> None:
    """The rest of the stencil of each random direction whose plain central difference, if in
    already, disagrees with autodiff along it (`FlatProber.prefetch_unscreened`): with the
    screen `_probe_directions` computes, so the second opinion finds the values under way."""
    screens = []
    for path, sample in zip(early.names, early.samples):
        t_all = true_paths.get(path)
        if t_all is None or np.shape(t_all)[1:] != early.spans[path][1]:
            return
        screens.append(sample[1] @ t_all[0].reshape(-1))
    if screens:
        early.prober.prefetch_unscreened(early.dense, early.scales, early.keys, np.concatenate(screens))


def _hand_at_given(h_all, shape: tuple[int, ...]) -> np.ndarray | None:
    """The hand-written leaf at the given point, flat; None if its shape differs or it is not
    numbers."""
    if h_all is None or np.shape(h_all)[1:] != shape:
        return None
    try:
        return np.asarray(h_all, dtype=np.float64)[0].reshape(-1)
    except (TypeError, ValueError):
        return None


def _none_wrong(h0: np.ndarray, t0: np.ndarray, lt: Tolerance) -> bool:
    """A quick sufficient test that `_wrong_at_given` finds nothing: every error within the
    smallest allowance of any element, atol + floor x max |t0| (the rtol term only adds to it,
    and rounding is monotone), in 4 passes and no temporary but one reused buffer."""
    err = _jax.aligned(h0.shape)
    np.abs(np.subtract(h0, t0, out=err), out=err)
    t_max = max(float(np.max(t0)), -float(np.min(t0))) if t0.size else 0.0
    return bool(err.max() <= lt.atol + lt.floor * t_max) if err.size else True


def _wrong_at_given(h0: np.ndarray, t0: np.ndarray, lt: Tolerance, limit: int = KINK_PROBES) -> list[int]:
    """The flat indices where the hand-written value misses autodiff beyond the leaf's tolerance
    at the given point, worst first, at most `limit`."""
    err = np.abs(h0 - t0)
    allowed = lt.atol + lt.rtol * np.abs(t0) + lt.floor * np.max(np.abs(t0))
    bad = np.flatnonzero(err > allowed)
    return bad[np.argsort(-err[bad], kind="stable")][:limit].tolist()


def _probe_elements(prober: FlatProber, plans: list[_LeafPlan]) -> list[Probe]:
    """Finite differences on every planned element of every leaf, in one batch, in plan order.

    Screened (a plain central difference first, the full stencil only where it disagrees),
    except the elements the hand-written gradient gets wrong: those need the kink test."""
    screen = np.concatenate(
        [np.array([np.nan if i in pl.wrong0 else pl.t0[i] for i in pl.elements]) for pl in plans]
    )
    return prober.probe_elements(
        np.concatenate([pl.start + np.asarray(pl.elements, dtype=np.int64) for pl in plans]),
        screen=screen,
    )


def _probe_directions(
    prober: FlatProber, plans: list[_LeafPlan], theta: np.ndarray, early=None
) -> list[Probe]:
    """Finite differences along every planned random direction, in one batch, in plan order;
    each direction's step is set by the largest |theta| of its leaf, its screen is autodiff's
    directional derivative. With `early` (whose plan this is), its rows, steps and keys: the
    prober has their values already."""
    n_dirs = sum(len(pl.directions) for pl in plans)
    dir_screen = np.concatenate([pl.directions @ pl.t0 for pl in plans]) if n_dirs else None
    if early is not None:
        return prober.probe(early.dense, scales=early.scales, screen=dir_screen, keys=early.keys)
    dense = np.zeros((n_dirs, theta.size))
    row = 0
    for pl in plans:
        k = len(pl.directions)
        dense[row : row + k, pl.start : pl.start + pl.t0.size] = pl.directions
        row += k
    support = None  # per direction, the largest |theta| it moves (sets the step)
    if n_dirs:
        support = np.concatenate(
            [
                np.full(len(pl.directions), np.max(np.abs(theta[pl.start : pl.start + pl.t0.size])))
                for pl in plans
            ]
        )
    return prober.probe(dense, scales=support, screen=dir_screen)


def _oracle_candidates(prober, plans, elem_probes, dir_probes, leaves):
    """Autodiff vs finite differences, away from kinks: is the oracle itself sound? (first round)

    Returns, per leaf, its element probes by flat index and the number of elements that disagree,
    and the candidates to confirm at smaller steps (a nearby kink is not an oracle error): per
    leaf the `CONFIRM` worst, each `(leaf, element or None, direction or None, autodiff, excess,
    probe)`. Leaves whose verdict stands (`_KEEP_VERDICT`) get no candidates."""
    per_leaf: list[dict[int, Probe]] = []
    n_first: list[int] = []  # elements that disagree in the first round, per leaf
    cands: list[tuple[int, int | None, int | None, float, float, Probe]] = []
    e_at = d_at = 0
    for k, pl in enumerate(plans):
        by_elem = dict(zip(pl.elements, elem_probes[e_at : e_at + len(pl.elements)]))
        by_dir = dir_probes[d_at : d_at + len(pl.directions)]
        e_at += len(pl.elements)
        d_at += len(pl.directions)
        per_leaf.append(by_elem)
        n_first.append(0)
        if leaves[pl.path].verdict in _KEEP_VERDICT:
            continue
        mine = _disagreements(prober, k, pl, by_elem, by_dir)
        n_first[k] = sum(1 for c in mine if c[1] is not None)
        cands.extend(sorted(mine, key=lambda c: -c[4])[:CONFIRM])
    return per_leaf, n_first, cands


def _disagreements(prober: FlatProber, k: int, pl: _LeafPlan, by_elem: dict[int, Probe], by_dir) -> list:
    """Leaf `k`'s probes (elements, then directions) that are no kink and disagree with autodiff,
    as candidates in the form `_oracle_candidates` describes."""
    mine = []
    for i, pr in by_elem.items():
        ad = float(pl.t0[i])
        if not pr.kink and not prober.agrees(pr, ad):
            mine.append((k, i, None, ad, abs(pr.central - ad) / prober.allowed(pr, ad), pr))
    for j, pr in enumerate(by_dir):
        ad = float(np.dot(pl.directions[j], pl.t0))
        if not pr.kink and not prober.agrees(pr, ad):
            mine.append((k, None, j, ad, abs(pr.central - ad) / prober.allowed(pr, ad), pr))
    return mine


def _confirm_candidates(prober: FlatProber, plans: list[_LeafPlan], cands: list, n_theta: int) -> list[list]:
    """Re-probes the candidates at smaller steps; per leaf, the confirmed disagreements, each
    `(excess, autodiff, probe, element or None)`."""
    rows = []
    for k, i, j, *_ in cands:
        if j is None:
            rows.append(None)
        else:
            pl = plans[k]
            row = np.zeros(n_theta)
            row[pl.start : pl.start + pl.t0.size] = pl.directions[j]
            rows.append(row)
    confirmed = prober.confirm_disagreement(
        [None if i is None else plans[k].start + i for k, i, *_ in cands],
        rows,
        [c[3] for c in cands],
        [c[5] for c in cands],
    )
    broken: list[list] = [[] for _ in plans]
    for (k, i, _, ad, *_), pr in zip(cands, confirmed):
        if pr is not None:
            broken[k].append((abs(pr.central - ad) / prober.allowed(pr, ad), ad, pr, i))
    return broken


def _judge_leaf(
    pl: _LeafPlan,
    by_elem: dict[int, Probe],
    broken: list,
    n_disagree: int,
    leaves,
    true_paths,
    hand_paths,
    tol,
    sizes,
    lr,
) -> None:
    """The second opinion's findings on one leaf, written into `leaves[pl.path]`: the finite
    difference at the worst element; an oracle error where autodiff's disagreement was confirmed;
    else the wrong elements at a kink, excused or noted (`_kinks_of`)."""
    result = leaves[pl.path]
    _fd_at_worst(result, pl.shape, by_elem)
    if broken:
        _mark_oracle_error(result, pl, broken, n_disagree, len(by_elem))
        return
    kinks, outside = _kinks_of(pl, by_elem, tol)
    if outside and result.verdict in _KINK_CANDIDATES:
        _note_outside_kinks(result, pl, by_elem, outside)
    if not kinks or result.verdict not in _KINK_CANDIDATES:
        return
    leaves[pl.path] = _rejudged_at_kinks(pl, by_elem, kinks, result, true_paths, hand_paths, tol, sizes, lr)


def _fd_at_worst(result: LeafResult, shape: tuple[int, ...], by_elem: dict[int, Probe]) -> None:
    """Sets `result.finite_diff` from the probe of its worst element, when that is at the given
    point and was probed."""
    if result.worst_index is not None and result.worst_point == 0 and len(result.worst_index) == len(shape):
        flat_worst = int(np.ravel_multi_index(result.worst_index, shape)) if shape else 0
        if flat_worst in by_elem:
            result.finite_diff = by_elem[flat_worst].central


def _mark_oracle_error(
    result: LeafResult, pl: _LeafPlan, broken: list, n_disagree: int, n_probed: int
) -> None:
    """Turns `result` into an oracle error, explained by its worst confirmed disagreement."""
    shape = pl.shape
    _, ad, pr, i = max(broken, key=lambda b: b[0])
    where = (
        "along a random direction" if i is None else (f"at {list(_flat_index(i, shape))}" if shape else "")
    )
    hand_note = f"; hand-written {pl.h0[i]:.6g}" if i is not None and pl.h0 is not None else ""
    count = f" ({n_disagree} of {n_probed} elements probed disagree)" if n_disagree else ""
    result.verdict = V.ORACLE_ERROR
    result.factor = result.factor_value = None
    result.indices = sorted(_flat_index(b[3], shape) for b in broken if b[3] is not None)[:20]
    if i is not None:
        result.worst_index = _flat_index(i, shape)
        result.worst_point = 0
        result.autodiff = ad
        result.hand = float(pl.h0[i]) if pl.h0 is not None else None
    result.finite_diff = pr.central
    result.explanation = (
        f"autodiff {ad:.6g} vs finite differences {pr.central:.6g} (+-{pr.error:.2g}) "
        f"{where}{hand_note}{count}: the loss's own differentiation is broken (a "
        f"stop_gradient or a wrong custom_vjp?), so autodiff cannot judge the hand-written "
        f"gradient"
    ).replace("  ", " ")


def _kinks_of(pl: _LeafPlan, by_elem: dict[int, Probe], tol: Tolerance) -> tuple[list[int], list[int]]:
    """The wrong elements at a kink: those excused, and those outside its one-sided derivatives.

    Wrong elements where left and right differences disagree are not mismatches, when the
    hand-written value lies between the one-sided derivatives (DESIGN section 4: a subgradient);
    a slope outside them is a finding like any other."""
    kinks = [i for i in pl.wrong0 if by_elem[i].kink and _between_sides(pl.h0[i], by_elem[i], tol)]
    outside = [i for i in pl.wrong0 if by_elem[i].kink and i not in kinks]
    return kinks, outside


def _note_outside_kinks(
    result: LeafResult, pl: _LeafPlan, by_elem: dict[int, Probe], outside: list[int]
) -> None:
    """Adds to the explanation that some wrong elements sit at a kink the kink does not excuse."""
    o = by_elem[outside[0]]
    result.explanation += (
        f"; {len(outside)} wrong element(s) sit at a kink but outside its one-sided derivatives "
        f"(at {list(_flat_index(outside[0], pl.shape))}: hand-written {pl.h0[outside[0]]:.6g}, left "
        f"{o.left:.6g}, right {o.right:.6g}), so the kink does not excuse them"
    ).replace("at []: ", "")


def _rejudged_at_kinks(pl, by_elem, kinks, result, true_paths, hand_paths, tol, sizes, lr) -> LeafResult:
    """The leaf judged again with its excused kink elements taken as autodiff's values: `kink`
    if the rest agrees, else the new verdict with the kinks noted."""
    path, shape = pl.path, pl.shape
    h_all = np.array(hand_paths[path], dtype=np.float64)
    t_all = true_paths[path][: h_all.shape[0]]
    flat_h = h_all.reshape(h_all.shape[0], -1)
    flat_h[0, kinks] = t_all.reshape(t_all.shape[0], -1)[0, kinks]
    fv = classify(flat_h.reshape(h_all.shape), t_all, tol, sizes=sizes, lr=lr, name=path)
    idx = [_flat_index(i, shape) for i in sorted(kinks)]
    k0 = kinks[0]  # the worst
    pr = by_elem[k0]
    note = (
        f"{len(kinks)} element(s) at a kink ({', '.join(str(list(x)) for x in idx[:5])}"
        f"{' ...' if len(idx) > 5 else ''}): left derivative {pr.left:.6g}, right "
        f"{pr.right:.6g}; hand-written {pl.h0[k0]:.6g}, autodiff {pl.t0[k0]:.6g}"
    )
    if fv.verdict == V.OK:
        return LeafResult(
            path,
            V.KINK,
            indices=idx,
            worst_index=_flat_index(k0, shape),
            worst_point=0,
            hand=float(pl.h0[k0]),
            autodiff=float(pl.t0[k0]),
            finite_diff=pr.central,
            max_abs=result.max_abs,
            max_rel=result.max_rel,
            explanation=note + "; every other element and draw agrees",
        )
    new = LeafResult.from_formula(path, fv)
    new.explanation = f"{fv.explanation}; {note}"
    _fd_at_worst(new, shape, by_elem)
    return new


def _between_sides(h: float, pr: Probe, tol: Tolerance) -> bool:
    """Whether `h` lies between a kink's one-sided derivatives, within the slack of the
    hand-vs-autodiff tolerance and the differences' own error estimate.

    One element may move several kinks at once (a ReLU unit at 0 for a whole batch: a weight
    moves some samples' pre-activations up and others down), so each side's derivative sums the
    samples it switches on, and a per-sample choice of slope (relu'(0) = 1 for all, or 0 for all)
    gives their sum or 0. So the span of left, right, their sum and 0 is excused: for one ReLU or
    |x| kink exactly the values between its one-sided derivatives (a slope of 7 where they are 0
    and 1 is a finding); for a kink whose sides share a sign (max(x, 2x)) it is wider than that."""
    ends = (pr.left, pr.right, pr.left + pr.right, 0.0)
    lo, hi = min(ends), max(ends)
    slack = tol.atol + tol.rtol * max(abs(lo), abs(hi)) + pr.error
    return bool(np.isfinite(h)) and lo - slack <= h <= hi + slack


def _tolerance_for(dtype: np.dtype, tol: Tolerance, overrides: Any) -> Tolerance:
    """Hand-vs-autodiff tolerance for a hand-written leaf of `dtype`: a float32 backward is
    judged at float32's precision (the table's row), while finite differences stay float64
    (the loss is always evaluated in float64). An explicit Tolerance object applies as given."""
    if (
        isinstance(overrides, Tolerance)
        or not np.issubdtype(dtype, np.floating)
        or np.dtype(dtype).itemsize >= 8
    ):
        return tol
    low = tolerance(dtype, **(overrides or {}))
    return dataclasses.replace(tol, atol=low.atol, rtol=low.rtol, floor=low.floor)


def _point_prober(loss, wrt_inputs, point, tol, at):
    """A FlatProber of the loss at one point, with each leaf's offset and shape in its flat vector."""
    params, inputs, targets = point
    tree = (params, inputs) if wrt_inputs else params
    flat, treedef = jax.tree_util.tree_flatten(tree)
    arrays = [np.asarray(x, dtype=np.float64) for x in flat]
    shapes = tuple(a.shape for a in arrays)
    names = list(_named_leaves(jax.tree_util.tree_unflatten(treedef, list(range(len(arrays)))), wrt_inputs))
    offsets = np.concatenate([[0], np.cumsum([a.size for a in arrays])]).astype(int).tolist()
    theta = np.concatenate([a.reshape(-1) for a in arrays]) if arrays else np.zeros(0)
    prober = _prober(loss, wrt_inputs, treedef, shapes, theta, tol, inputs, targets, at)
    return prober, dict(zip(names, offsets)), dict(zip(names, shapes))


def _non_finite_oracle(loss, wrt_inputs, points, leaves, hand_paths, true_paths, tol, at) -> int:
    """A leaf whose autodiff is NaN or inf where the hand-written value is finite: finite
    differences at the first such element decide. Finite there, the oracle failed (`oracle-error`,
    DESIGN section 4), not the hand-written code, which is then neither `mismatch` nor `zero`.
    Returns the loss evaluations."""
    evaluations = 0
    for path, leaf in leaves.items():
        if leaf.verdict in _NO_SECOND_OPINION + _KEEP_VERDICT or path not in true_paths:
            continue
        if np.isfinite(leaf.max_abs):
            # every element a finite distance from autodiff (max |hand - autodiff| over all of
            # them, whatever the verdict; left at 0 only where nothing was compared elementwise:
            # shapes differ, or not numbers): no NaN or inf on its side, no pass to look for one
            continue
        try:
            h = np.asarray(hand_paths[path], dtype=np.float64)
        except (TypeError, ValueError, KeyError):
            continue
        t = true_paths[path][: h.shape[0]]
        if h.shape != t.shape:
            continue
        bad = (~np.isfinite(t) & np.isfinite(h)).reshape(t.shape[0], -1)
        if not bad.any():
            continue
        k, e = (int(x) for x in np.argwhere(bad)[0])
        if not all(np.all(np.isfinite(np.asarray(x))) for x in jax.tree_util.tree_leaves(points[k])):
            continue
        prober, starts, shapes = _point_prober(loss, wrt_inputs, points[k], tol, at)
        if path not in starts:
            continue
        (pr,) = prober.probe_elements([starts[path] + e])
        evaluations += prober.evaluations
        if not np.isfinite(pr.central):
            continue  # neither oracle gives a number here: the classification stands
        shape = shapes[path]
        where = "at the given values" if k == 0 else f"at random draw {k}"
        element = f", element {list(_flat_index(e, shape))}," if shape else ""
        n_bad = int(bad.any(axis=0).sum())
        leaves[path] = LeafResult(
            path,
            V.ORACLE_ERROR,
            indices=[_flat_index(int(i), shape) for i in np.flatnonzero(bad.any(axis=0))[:20]],
            worst_index=_flat_index(e, shape),
            worst_point=k,
            hand=float(h.reshape(h.shape[0], -1)[k, e]),
            autodiff=float(t.reshape(t.shape[0], -1)[k, e]),
            finite_diff=pr.central,
            explanation=(
                f"autodiff gives {float(t.reshape(t.shape[0], -1)[k, e])} {where}{element} where finite "
                f"differences give {pr.central:.6g} (hand-written "
                f"{float(h.reshape(h.shape[0], -1)[k, e]):.6g}; {n_bad} element(s)): the loss's own "
                f"differentiation overflows (an exp or a division that a stable form avoids?), so "
                f"autodiff cannot judge the hand-written gradient"
            ),
        )
    return evaluations


def _fd_at_draws(loss, wrt_inputs, points, leaves, tol, at) -> int:
    """Finite differences at the worst element of leaves whose worst point is a random draw
    (right at the given values, wrong in general), so the table shows all three values there."""
    todo: dict[int, list[LeafResult]] = {}
    for leaf in leaves.values():
        if (
            leaf.worst_point > 0
            and leaf.finite_diff is None
            and leaf.worst_index is not None
            and leaf.verdict not in _NO_SECOND_OPINION + (V.ORACLE_ERROR,)
        ):
            todo.setdefault(leaf.worst_point, []).append(leaf)
    evaluations = 0
    for k, todo_leaves in todo.items():
        params, inputs, targets = points[k]
        tree = (params, inputs) if wrt_inputs else params
        flat, treedef = jax.tree_util.tree_flatten(tree)
        arrays = [np.asarray(x, dtype=np.float64) for x in flat]
        shapes = tuple(a.shape for a in arrays)
        names = list(
            _named_leaves(jax.tree_util.tree_unflatten(treedef, list(range(len(arrays)))), wrt_inputs)
        )
        offsets = np.concatenate([[0], np.cumsum([a.size for a in arrays])]).tolist()
        starts = dict(zip(names, offsets))
        shape_of = dict(zip(names, shapes))
        theta = np.concatenate([a.reshape(-1) for a in arrays])
        prober = _prober(loss, wrt_inputs, treedef, shapes, theta, tol, inputs, targets, at)
        chosen = [
            lf for lf in todo_leaves if lf.path in starts and len(lf.worst_index) == len(shape_of[lf.path])
        ]
        idx = [
            int(starts[lf.path])
            + (int(np.ravel_multi_index(lf.worst_index, shape_of[lf.path])) if shape_of[lf.path] else 0)
            for lf in chosen
        ]
        for lf, pr in zip(chosen, prober.probe_elements(idx)):
            lf.finite_diff = pr.central
        evaluations += prober.evaluations
    return evaluations


@_jax.scoped
def assert_gradients(backward, loss, params, inputs=None, targets=None, **kwargs) -> GradientResult:
    """`check_gradients`, raising an AssertionError whose message is the verdict table."""
    __tracebackhide__ = True
    result = check_gradients(backward, loss, params, inputs, targets, **kwargs)
    if not result.ok:
        raise AssertionError("hand-written gradient differs from autodiff\n" + result.table())
    return result
