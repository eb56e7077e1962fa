"""Check a hand-written gradient against JAX autodiff and finite differences, per leaf.

`check_gradients(backward, loss, params, inputs, targets)` compares the hand-written gradient
with `jax.grad(loss)` at the given values and at seeded random draws around them, element by
element, and asks finite differences for a second opinion on autodiff itself. Each leaf gets a
formula verdict (DESIGN.md section 4) with the worst element and the three values there.
"""

from __future__ import annotations


import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

import jax
import jax.numpy as jnp
import numpy as np
from jax.flatten_util import ravel_pytree
from tabulate import tabulate

from checks import _jax  # noqa: F401
from checks.classify import FormulaVerdict, classify
from checks.fd import FlatProber
from checks.tolerances import Tolerance, tolerance

POINT_BUDGET = 4_000_000  # parameters x points held at once: caps draws on big nets
SMALL_LEAF = 64  # leaves up to this size get finite differences on every element
SAMPLED_ELEMENTS = 16  # elements sampled per large leaf (plus the worst and the largest)
DIRECTIONS = 4  # random directions per large leaf


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

    @property
    def verdicts(self) -> dict[str, str]:
        return {path: leaf.verdict for path, leaf in self.leaves.items()}

    @property
    def ok(self) -> bool:
        return self.error is None and all(v == "ok" for v in self.verdicts.values())

    def table(self, tablefmt: str = "simple") -> str:
        return format_leaves(self, tablefmt)

    def __str__(self) -> str:
        return self.table()


def _num(x: float | None) -> str:
    return "" if x is None else f"{x:.6g}"


def format_leaves(result: GradientResult, tablefmt: str = "simple") -> str:
    rows = []
    order = sorted(result.leaves.values(), key=lambda lf: lf.verdict == "ok")
    for leaf in order:
        idx = "" if leaf.worst_index is None else str(list(leaf.worst_index))
        verdict = leaf.verdict + (f" ({leaf.factor})" if leaf.factor else "")
        rows.append(
            [
                leaf.path,
                verdict,
                idx,
                _num(leaf.hand),
                _num(leaf.autodiff),
                _num(leaf.finite_diff),
                _num(leaf.max_abs),
                _num(leaf.max_rel),
                leaf.explanation,
            ]
        )
    n_bad = sum(1 for leaf in result.leaves.values() if leaf.verdict != "ok")
    head = (
        f"{result.title + ': ' if result.title else ''}{len(result.leaves)} leaves checked at "
        f"{result.points} points ({'vmapped' if result.traced else 'loop'}): "
        f"{len(result.leaves) - n_bad} ok, {n_bad} findings"
    )
    if result.error:
        head += f"\nbackward raised: {result.error}"
    table = tabulate(
        rows,
        headers=["leaf", "verdict", "worst index", "hand-written", "autodiff", "finite diff",
                 "max abs err", "max rel err", "explanation"],
        tablefmt=tablefmt,
        disable_numparse=True,
    )
    return head + "\n" + table


# --------------------------------------------------------------------------------------------


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


def _as_float(tree: Any) -> Any:
    def conv(x):
        arr = np.asarray(x)
        return arr.astype(np.float64) if np.issubdtype(arr.dtype, np.floating) else arr

    return jax.tree_util.tree_map(conv, tree)


def _perturb(rng: np.random.Generator, tree: Any) -> Any:
    """A random point around `tree`: each float leaf moves by about its own size (and at least 0.1)."""

    def move(x):
        arr = np.asarray(x)
        if not np.issubdtype(arr.dtype, np.floating):
            return arr
        spread = 0.5 * float(np.sqrt(np.mean(arr**2))) + 0.1 if arr.size else 0.1
        return arr + spread * rng.standard_normal(arr.shape)

    return jax.tree_util.tree_map(move, tree)


def _stack(points: list[Any]) -> Any:
    return jax.tree_util.tree_map(lambda *xs: np.stack([np.asarray(x) for x in xs]), *points)


def _describe_exception(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" ({frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


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
) -> GradientResult:
    """Check `backward(params, inputs, targets)` against `jax.grad(loss)`, leaf by leaf.

    With `wrt_inputs=True` the backward returns `(param_grads, input_grads)` and both are checked
    (a custom layer's vector-Jacobian product). `draws` random points around the given one are
    checked too (fewer on very large nets); `lr` and `sizes` name factors; `tolerances` overrides
    the float64 table (`{"rtol": 1e-6}`).
    """
    tol = tolerances if isinstance(tolerances, Tolerance) else tolerance(np.float64, **(tolerances or {}))
    params, inputs, targets = _as_float(params), _as_float(inputs), _as_float(targets)
    argnums = (0, 1) if wrt_inputs else 0
    expected_tree = (params, inputs) if wrt_inputs else params
    expected = leaf_paths(expected_tree)
    if sizes is None:
        sizes = {}
        first = jax.tree_util.tree_leaves(inputs)
        if first and np.ndim(first[0]) >= 1 and np.shape(first[0])[0] > 2:
            sizes = {"N": float(np.shape(first[0])[0])}

    grad_fn = jax.jit(jax.grad(loss, argnums=argnums))

    # Points: the given values first, then seeded draws around them.
    n_params = sum(int(np.size(x)) for x in expected.values()) or 1
    n_draws = max(0, min(draws, POINT_BUDGET // n_params - 1))
    rng = np.random.default_rng(seed)
    points = [(params, inputs, targets)]
    for _ in range(n_draws):
        points.append(
            (
                _perturb(rng, params),
                _perturb(rng, inputs),
                _perturb(rng, targets) if perturb_targets else targets,
            )
        )

    # The hand-written gradient at the given point: a crash is a finding, not a crash.
    try:
        hand0 = backward(*points[0])
    except Exception as exc:  # noqa: BLE001  (any failure of user code is reported)
        msg = _describe_exception(exc)
        leaves = {
            p: LeafResult(p, "mismatch", explanation=f"backward raised {msg}") for p in expected
        }
        return GradientResult(leaves, points=1, traced=False, error=msg, title=title)

    stacked = _stack(points)
    true_all = jax.jit(jax.vmap(jax.grad(loss, argnums=argnums)))(*stacked)
    true_paths = {p: np.asarray(v) for p, v in leaf_paths(true_all).items()}

    traced, hand_all, error = _hand_over_points(backward, points, stacked, hand0)
    hand_paths = {p: v for p, v in leaf_paths(hand_all).items()} if hand_all is not None else {}

    leaves: dict[str, LeafResult] = {}
    for path in expected:
        if path not in hand_paths:
            leaves[path] = LeafResult(
                path, "missing", explanation=f"the hand-written gradient has no leaf {path!r}"
            )
            continue
        h = np.asarray(hand_paths[path], dtype=np.float64)
        fv = classify(h, true_paths[path], tol, sizes=sizes, lr=lr, name=path)
        leaves[path] = LeafResult.from_formula(path, fv)
    for path in hand_paths:
        if path not in expected:
            leaves[path] = LeafResult(
                path, "extra", explanation=f"{path!r} is not a parameter (parameters: {sorted(expected)})"
            )

    _second_opinion(loss, expected_tree, wrt_inputs, inputs, targets, grad_fn, hand_paths,
                    true_paths, leaves, tol, seed, sizes, lr)
    return GradientResult(leaves, points=len(points), traced=traced, error=error, title=title)


def _hand_over_points(backward, points, stacked, hand0):
    """The hand-written gradient at every point: one vmapped call if it traces, else a loop."""
    try:
        jax.eval_shape(backward, *points[0])
        hand_all = jax.jit(jax.vmap(backward))(*stacked)
        return True, jax.tree_util.tree_map(np.asarray, hand_all), None
    except Exception:  # noqa: BLE001  (numpy code cannot be traced: fall back to a loop)
        pass
    outs = [hand0]
    error = None
    for point in points[1:]:
        try:
            outs.append(backward(*point))
        except Exception as exc:  # noqa: BLE001
            error = f"at a random draw: {_describe_exception(exc)}"
            break
    try:
        return False, _stack(outs), error
    except Exception:  # noqa: BLE001  (ragged output across points: keep the given point only)
        return False, _stack([hand0]), error


def _second_opinion(loss, expected_tree, wrt_inputs, inputs, targets, grad_fn, hand_paths,
                    true_paths, leaves, tol, seed, sizes, lr):
    """Finite differences at the given point: kinks, and autodiff's own soundness."""
    theta, unravel = ravel_pytree(expected_tree)
    theta = np.asarray(theta, dtype=np.float64)
    if theta.dtype.kind != "f" or theta.size == 0:
        return

    if wrt_inputs:
        def f_flat(v):
            p, x = unravel(v)
            return loss(p, x, targets)
    else:
        def f_flat(v):
            return loss(unravel(v), inputs, targets)

    prober = FlatProber(f_flat, theta, tol)
    rng = np.random.default_rng(seed + 1)
    offset = 0
    for path, leaf in leaf_paths(expected_tree).items():
        size = int(np.size(leaf))
        shape = np.shape(leaf)
        start, offset = offset, offset + size
        result = leaves.get(path)
        if result is None or size == 0:
            continue
        t0 = true_paths[path][0].reshape(-1)
        h_all = hand_paths.get(path)
        h0 = None
        if h_all is not None and np.shape(h_all)[1:] == shape:
            h0 = np.asarray(h_all, dtype=np.float64)[0].reshape(-1)

        if size <= SMALL_LEAF:
            elements = list(range(size))
        else:
            elements = set(rng.choice(size, SAMPLED_ELEMENTS, replace=False).tolist())
            elements.add(int(np.argmax(np.abs(t0))))
            if h0 is not None:
                elements.add(int(np.argmax(np.abs(h0 - t0))))
            elements = sorted(elements)
        # Elements the hand-written value gets wrong at the given point: probed for kinks.
        wrong0: list[int] = []
        if h0 is not None:
            err = np.abs(h0 - t0)
            allowed = tol.atol + tol.rtol * np.abs(t0) + tol.floor * np.max(np.abs(t0))
            wrong0 = np.flatnonzero(err > allowed)[:SMALL_LEAF].tolist()
        probe_elems = sorted(set(elements) | set(wrong0))
        dirs = np.zeros((len(probe_elems), theta.size))
        dirs[np.arange(len(probe_elems)), start + np.asarray(probe_elems, dtype=int)] = 1.0
        n_dirs = DIRECTIONS if size > SMALL_LEAF else 0
        rand_dirs = np.zeros((n_dirs, theta.size))
        if n_dirs:
            u = rng.standard_normal((n_dirs, size))
            rand_dirs[:, start:offset] = u / np.linalg.norm(u, axis=1, keepdims=True)
        probes = prober.probe(np.concatenate([dirs, rand_dirs]))
        elem_probes = dict(zip(probe_elems, probes[: len(probe_elems)]))
        dir_probes = probes[len(probe_elems):]

        if result.worst_index is not None and result.worst_point == 0 and shape:
            flat_worst = int(np.ravel_multi_index(result.worst_index, shape)) if len(result.worst_index) == len(shape) else None
            if flat_worst in elem_probes:
                result.finite_diff = elem_probes[flat_worst].central
        elif result.worst_index == () and 0 in elem_probes:
            result.finite_diff = elem_probes[0].central

        # Autodiff vs finite differences, away from kinks: is the oracle itself sound?
        broken = []
        for i, pr in elem_probes.items():
            if not pr.kink and not prober.agrees(pr, float(t0[i])):
                broken.append((i, pr))
        for j, pr in enumerate(dir_probes):
            u = rand_dirs[j, start:offset]
            ad = float(np.dot(u, t0))
            if not pr.kink and not prober.agrees(pr, ad):
                broken.append((None, pr))
        if broken:
            i, pr = broken[0]
            where = f"[{', '.join(map(str, np.unravel_index(i, shape)))}]" if i is not None and shape else ("" if i is not None else "along a random direction")
            ad = float(t0[i]) if i is not None else float(np.dot(rand_dirs[0, start:offset], t0))
            hand_note = ""
            if i is not None and h0 is not None:
                hand_note = f"; hand-written {h0[i]:.6g}"
            result.verdict = "oracle-error"
            result.factor = None
            result.explanation = (
                f"autodiff {ad:.6g} vs finite differences {pr.central:.6g} "
                f"(+-{pr.error:.2g}) {where}{hand_note}: the loss's own differentiation is broken "
                f"(a stop_gradient or a wrong custom_vjp?), so the hand-written gradient cannot be judged by autodiff"
            )
            result.finite_diff = pr.central
            continue

        # Kinks: wrong elements where left and right differences disagree are not mismatches.
        kinks = [i for i in wrong0 if i in elem_probes and elem_probes[i].kink]
        if kinks and result.verdict not in ("ok", "missing", "extra", "shape", "non-finite", "transpose"):
            h_all_arr = np.array(h_all, dtype=np.float64)
            t_all = true_paths[path]
            flat_h = h_all_arr.reshape(h_all_arr.shape[0], -1)
            flat_h[0, kinks] = t_all.reshape(t_all.shape[0], -1)[0, kinks]
            fv = classify(flat_h.reshape(h_all_arr.shape), t_all, tol, sizes=sizes, lr=lr, name=path)
            idx = [tuple(int(a) for a in np.unravel_index(i, shape)) for i in kinks]
            pr = elem_probes[kinks[0]]
            note = (
                f"{len(kinks)} element(s) at a kink ({', '.join(str(list(x)) for x in idx[:5])}): "
                f"left derivative {pr.left:.6g}, right {pr.right:.6g}; hand-written "
                f"{h0[kinks[0]]:.6g}, autodiff {t0[kinks[0]]:.6g}"
            )
            if fv.verdict == "ok":
                leaves[path] = LeafResult(path, "kink", indices=idx, worst_index=idx[0],
                                          hand=float(h0[kinks[0]]), autodiff=float(t0[kinks[0]]),
                                          finite_diff=pr.central, explanation=note)
            else:
                new = LeafResult.from_formula(path, fv)
                new.explanation = f"{fv.explanation}; {note}"
                leaves[path] = new


def assert_gradients(backward, loss, params, inputs=None, targets=None, **kwargs) -> GradientResult:
    """`check_gradients`, raising an AssertionError whose message is the verdict table."""
    __tracebackhide__ = True
    result = check_gradients(backward, loss, params, inputs, targets, **kwargs)
    if not result.ok:
        raise AssertionError("hand-written gradient differs from autodiff\n" + result.table())
    return result


