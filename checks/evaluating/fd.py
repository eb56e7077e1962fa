"""Finite differences: the independent second opinion on autodiff.

Central differences at two steps, Richardson-extrapolated, with an error estimate and a
rounding-noise floor, so a correct tiny element is never a false alarm. Second-order one-sided
differences on either side tell a kink (ReLU at 0, |x| at 0, a max tie) from a smooth point.
A disagreement with autodiff counts only if it persists at 16x and 256x smaller steps (a kink
just off the point can spoil one step's stencil). Given autodiff's values, a probe first tries
the plain central difference and adds the rest of the stencil only where that disagrees.

All evaluations go through jitted functions of the flat parameter vector with a fixed batch
shape (a traced count says how many rows are real), so probing costs one compile per function
and shape however many elements and directions it probes; the compiled functions are keyed by
the scalar function itself, so a second check of the same loss at the same shapes compiles
nothing. Single elements are perturbed on the device (`theta.at[i].add(d)`), never as dense
one-hot vectors built on the host.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable

import jax
import jax.numpy as jnp
import numpy as np

from ..core import _jax
from ..core.tolerances import Tolerance

BATCH = 32  # perturbed points per compiled call; fixed so the shape (and the compile) is one
OFFSETS = np.array([1.0, -1.0, 0.5, -0.5])  # in units of the step h, per probe
_PER_CALL = BATCH // len(OFFSETS)  # probes per compiled call
# Smooth points: the two one-sided estimates share their leading error term (-s^2/3 f'''), so
# they differ only by s^3/2 |f''''| (about 6e-11 |f''''| at the float64 step) and rounding; a
# kink makes them differ by the derivative's jump.
KINK_RTOL = 1e-6
RESCALES = (1 / 16, 1 / 256)  # smaller steps that must confirm an autodiff disagreement


@dataclass
class Probe:
    """The directional derivative of a function along one direction (a unit element or a vector)."""

    central: float  # Richardson-extrapolated central difference
    error: float  # its error estimate plus the rounding-noise floor
    left: float  # second-order one-sided differences
    right: float
    step: float = 0.0

    @property
    def jump(self) -> float:
        return abs(self.right - self.left)

    @property
    def kink(self) -> bool:
        """Left and right derivatives disagree beyond what smoothness and rounding allow."""
        # 20 x the error estimate: any jump big enough to make the central difference disagree
        # with autodiff (allowed 10 x the estimate, see FlatProber.allowed) counts as a kink.
        return self.jump > KINK_RTOL * (abs(self.right) + abs(self.left)) + 20 * self.error + 1e-11


# A loop, not `vmap`: a vmapped perturbation materialises a full copy of theta per point and
# turns every matmul into a batched one, 3-5x slower on CPU than evaluating the points in turn
# (measured on a 784-128-10 MLP: 34 ms vs 7 ms for 32 points). The loop runs `n` times, a
# traced count, so a padded last batch costs nothing and the compiled shape stays one.
def _elements_loop(f, theta, idx, delta, n, args):
    def body(k, out):
        return out.at[k].set(f(theta.at[idx[k]].add(delta[k]), *args))

    return jax.lax.fori_loop(0, n, body, jnp.zeros(idx.shape, theta.dtype))


def _directions_loop(f, theta, dirs, row, delta, n, args):
    def body(k, out):
        return out.at[k].set(f(theta + delta[k] * dirs[row[k]], *args))

    return jax.lax.fori_loop(0, n, body, jnp.zeros(row.shape, theta.dtype))


# The compiled evaluators of each function, the least recently used dropped past EVALUATORS_KEPT
# (with their programs): a jit with the function as a static argument would keep every function
# it ever saw, and what it closes over, for the life of the process.
EVALUATORS_KEPT = 64
_EVALUATORS: OrderedDict[Any, tuple[Any, Any]] = OrderedDict()
_EVALUATORS_LOCK = threading.Lock()


def _evaluators(f: Callable[..., Any]) -> tuple[Any, Any]:
    """(elements, directions): `_elements_loop` and `_directions_loop` of `f`, jitted."""
    with _EVALUATORS_LOCK:  # cases run on threads (`report --jobs`) share it
        try:
            hit = _EVALUATORS.get(f)
        except TypeError:  # an unhashable callable: compiled afresh, never kept
            return _jit_loops(f)
        if hit is None:
            hit = _EVALUATORS[f] = _jit_loops(f)
            while len(_EVALUATORS) > EVALUATORS_KEPT:
                _EVALUATORS.popitem(last=False)
        else:
            _EVALUATORS.move_to_end(f)
        return hit


def _jit_loops(f: Callable[..., Any]) -> tuple[Any, Any]:
    def _eval_elements(theta, idx, delta, n, args):
        return _elements_loop(f, theta, idx, delta, n, args)

    def _eval_directions(theta, dirs, row, delta, n, args):
        return _directions_loop(f, theta, dirs, row, delta, n, args)

    return jax.jit(_eval_elements), jax.jit(_eval_directions)


def stencil_probes(h: np.ndarray, f0: float, vals: np.ndarray) -> list[Probe]:
    """Probes from the values at offsets `OFFSETS` x h (+h, -h, +h/2, -h/2), one row per
    direction, and the value `f0` at the point itself."""
    h = np.asarray(h, dtype=np.float64)
    vals = np.asarray(vals, dtype=np.float64)
    fp, fm, fph, fmh = vals.T
    d1 = (fp - fm) / (2 * h)
    d2 = (fph - fmh) / h
    rich = (4 * d2 - d1) / 3
    noise = 64 * np.finfo(np.float64).eps * (abs(f0) + np.abs(vals).max(axis=1)) / h
    err = np.abs(rich - d2) + noise
    right = (-3 * f0 + 4 * fph - fp) / h
    left = (3 * f0 - 4 * fmh + fm) / h
    return [
        Probe(float(r), float(e), float(lft), float(rt), float(s))
        for r, e, lft, rt, s in zip(rich, err, left, right, h)
    ]


def screened(outer: np.ndarray, h: np.ndarray, screen: np.ndarray, tol: Tolerance):
    """The plain central difference of each row of `outer` (the values at +h and -h), its
    rounding noise, and whether it agrees with `screen` (autodiff's value) within fd_atol +
    fd_rtol (no error estimate: at least as strict as `FlatProber.agrees`)."""
    d1 = (outer[:, 0] - outer[:, 1]) / (2 * h)
    noise = 64 * np.finfo(np.float64).eps * np.abs(outer).max(axis=1) / h
    agree = np.abs(d1 - screen) <= tol.fd_atol + tol.fd_rtol * np.abs(screen)
    return d1, noise, agree


class FlatProber:
    """Derivatives of `f_flat(v, *args) -> scalar` at `theta` by finite differences.

    `f_flat` should be one long-lived function (not a fresh closure per check) so its compiled
    evaluators are reused; `args` are extra traced arguments (inputs, targets). With
    `batch_eval(thetas) -> values` (one row per point, made on the host as the compiled loops
    make them: theta[i] + d, theta + d * direction) the points go to that instead, and nothing
    is compiled for `f_flat` (a small problem reuses a program it already has).
    """

    def __init__(
        self,
        f_flat: Callable[..., Any],
        theta: np.ndarray,
        tol: Tolerance,
        args: tuple = (),
        batch_eval: Callable[[np.ndarray], np.ndarray] | None = None,
    ):
        self.f = f_flat
        self.theta = np.asarray(theta, dtype=np.float64).reshape(-1)
        self.tol = tol
        self.args = tuple(args)
        self.batch_eval = batch_eval
        if batch_eval is None:
            self._theta_dev = _jax.on_device(self.theta)
            self.args = _jax.on_device(self.args)  # once, not at every call
            self._eval_elements, self._eval_directions = _evaluators(f_flat)
        self.evaluations = 0
        self._f0: float | None = None  # on first use: one evaluation (the loop runs n times)
        self._f0_ahead = False  # dispatched ahead (`prefetch_elements(..., full=True)`)
        # Values dispatched ahead (`prefetch_elements`, `prefetch_directions`): device arrays
        # until first needed, then by (flat index or direction key, step) in `_memo`.
        self._pending: list[tuple[list, Any]] = []
        self._memo: dict[tuple[Any, float], float] = {}

    @property
    def f0(self) -> float:
        if self._f0 is None:
            self._f0 = float(self._elements(np.zeros(1, dtype=np.int64), np.zeros(1))[0])
        return self._f0

    # -- evaluation in fixed-size batches ---------------------------------------------------

    def _batched(self, call, rows: np.ndarray, delta: np.ndarray) -> np.ndarray:
        out = []
        for start in range(0, len(rows), BATCH):
            r, d = rows[start : start + BATCH], delta[start : start + BATCH]
            pad = BATCH - len(r)
            if pad:
                r = np.concatenate([r, np.repeat(r[-1:], pad)])
                d = np.concatenate([d, np.zeros(pad)])
            out.append(np.asarray(call(r, d, BATCH - pad))[: BATCH - pad])
            self.evaluations += BATCH - pad
        return np.concatenate(out) if out else np.zeros(0)

    def _host_points(self, thetas: np.ndarray) -> np.ndarray:
        self.evaluations += len(thetas)
        out = np.asarray(self.batch_eval(thetas), dtype=np.float64) if len(thetas) else np.zeros(0)
        return out.reshape(len(thetas))

    def _remembered(self, keys: list) -> tuple[np.ndarray, np.ndarray]:
        """The values at `keys` (each `(element or direction key, step)`) that were dispatched
        ahead, and which keys were (a value may itself be NaN)."""
        for ks, out in self._pending:  # the first probe that needs them waits for them
            self._memo.update(zip(ks, np.asarray(out)[: len(ks)].tolist()))
        self._pending.clear()
        have = np.array([k in self._memo for k in keys], dtype=bool)
        return np.array([self._memo.get(k, np.nan) for k in keys], dtype=np.float64), have

    def prefetch_elements(self, indices, full: bool = False) -> None:
        """Dispatches the plain central difference's two evaluations (+-h at step scale 1) of
        each of `indices`, without waiting: a probe of those elements later takes them from
        here. They are the very values it would compute (the same compiled loop, row by row),
        so a check that dispatches them while it does other work gives the same result, sooner.
        With `full`, the whole stencil (`OFFSETS`) and the value at the point itself (`f0`).
        """
        indices = np.asarray(indices, dtype=np.int64).reshape(-1)
        if self.batch_eval is not None or indices.size == 0:
            return
        offsets = OFFSETS if full else OFFSETS[:2]
        h = self.tol.step * np.maximum(1.0, np.abs(self.theta[indices]))
        rows = np.repeat(indices, len(offsets))
        delta = (h[:, None] * offsets[None, :]).reshape(-1)
        if full and self._f0 is None and not self._f0_ahead:  # f0: element 0 moved by 0
            rows, delta = np.concatenate([[0], rows]), np.concatenate([[0.0], delta])
            self._f0_ahead = True
        for start in range(0, len(rows), BATCH):
            r, d = rows[start : start + BATCH], delta[start : start + BATCH]
            n = len(r)
            r = np.concatenate([r, np.repeat(r[-1:], BATCH - n)])
            d = np.concatenate([d, np.zeros(BATCH - n)])
            out = self._eval_elements(self._theta_dev, r, d, n, self.args)
            self._pending.append((list(zip(r[:n].tolist(), d[:n].tolist())), out))
            self.evaluations += n

    def prefetch_directions(self, pieces: list, scales: np.ndarray, keys: list) -> np.ndarray:
        """As `prefetch_elements`, along directions given as `pieces`, each `(start, values)`:
        a direction that is `values` on `theta[start : start + len(values)]` and 0 elsewhere.
        The step is set by `scales` as `probe` sets it; `keys` name the directions (equal keys
        must mean equal directions), so a later `probe(..., keys=...)` takes its plain central
        differences from here. Returns the directions as rows of the flat vector (for `probe`).
        """
        h = self.tol.step * np.maximum(1.0, np.asarray(scales, dtype=np.float64))
        rows_out = []
        for start in range(0, len(pieces), _PER_CALL):
            part = np.arange(start, min(start + _PER_CALL, len(pieces)))
            dirs = _jax.aligned((_PER_CALL, self.theta.size))  # read in place by XLA
            for i, j in enumerate(part):  # rows past the last piece are never read
                at, values = pieces[j]
                dirs[i, :at] = 0.0
                dirs[i, at : at + len(values)] = values
                dirs[i, at + len(values) :] = 0.0
            rows_out.append(dirs[: len(part)])
            if self.batch_eval is not None:
                continue
            n = 2 * len(part)
            rows = np.concatenate([np.repeat(np.arange(len(part)), 2), np.zeros(BATCH - n, dtype=np.int64)])
            delta = np.concatenate([(h[part, None] * OFFSETS[None, :2]).reshape(-1), np.zeros(BATCH - n)])
            out = self._eval_directions(self._theta_dev, dirs, rows, delta, n, self.args)
            ks = [(keys[j], float(d)) for j, d in zip(np.repeat(part, 2), delta[:n])]
            self._pending.append((ks, out))
            self.evaluations += n
        if len(rows_out) == 1:
            return rows_out[0]
        return np.concatenate(rows_out) if rows_out else np.zeros((0, self.theta.size))

    def _values_in(self) -> bool:
        """Every value dispatched ahead computed (reading them waits for nothing)?"""
        return all(out.is_ready() for _, out in self._pending)

    def prefetch_unscreened(self, directions: np.ndarray, scales: np.ndarray, keys: list, screen) -> None:
        """After `prefetch_directions(..., scales, keys)`: where its values are in and a
        direction's plain central difference disagrees with `screen` (autodiff along it), the
        rest of that direction's stencil (and `f0`) dispatched now, without waiting: the
        values `probe(directions, scales=scales, screen=screen, keys=keys)` will ask for (it
        screens with the same values, `screened`). Nothing if those values are not all in."""
        if self.batch_eval is not None or not self._values_in():
            return
        h = self.tol.step * np.maximum(1.0, np.asarray(scales, dtype=np.float64))
        delta = (h[:, None] * OFFSETS[None, :2]).reshape(-1)
        ks = [(keys[j], float(d)) for j, d in zip(np.repeat(np.arange(len(keys)), 2), delta)]
        outer, have = self._remembered(ks)
        if not have.all():
            return
        _, _, agree = screened(outer.reshape(-1, 2), h, np.asarray(screen, dtype=np.float64), self.tol)
        todo, rest = np.flatnonzero(~agree), OFFSETS[2:]
        for start in range(0, len(todo), _PER_CALL):
            part = todo[start : start + _PER_CALL]
            dirs = _jax.aligned((_PER_CALL, self.theta.size))  # rows past len(part) are never read
            dirs[: len(part)] = directions[part]
            n = len(part) * len(rest)
            rows = np.zeros(BATCH, dtype=np.int64)
            rows[:n] = np.repeat(np.arange(len(part)), len(rest))
            d = np.zeros(BATCH)
            d[:n] = (h[part, None] * rest[None, :]).reshape(-1)
            out = self._eval_directions(self._theta_dev, dirs, rows, d, n, self.args)
            self._pending.append(([(keys[j], float(x)) for j, x in zip(np.repeat(part, len(rest)), d)], out))
            self.evaluations += n
        if todo.size and self._f0 is None and not self._f0_ahead:  # f0: element 0 moved by 0, as `f0`
            self._f0_ahead = True
            zero = np.zeros(BATCH, dtype=np.int64)
            out = self._eval_elements(self._theta_dev, zero, np.zeros(BATCH), 1, self.args)
            self._pending.append(([(0, 0.0)], out))
            self.evaluations += 1

    def _elements(self, idx: np.ndarray, delta: np.ndarray) -> np.ndarray:
        if self.batch_eval is not None:
            thetas = np.repeat(self.theta[None, :], len(idx), axis=0)
            rows = np.arange(len(idx))
            thetas[rows, idx] = thetas[rows, idx] + delta
            return self._host_points(thetas)
        vals, have = np.full(len(idx), np.nan), np.zeros(len(idx), dtype=bool)
        if self._memo or self._pending:  # only the values not dispatched ahead are computed now
            vals, have = self._remembered(list(zip(np.asarray(idx).tolist(), np.asarray(delta).tolist())))
        todo = np.flatnonzero(~have)
        if todo.size:
            vals[todo] = self._batched(
                lambda i, d, n: self._eval_elements(self._theta_dev, i, d, n, self.args),
                np.asarray(idx)[todo],
                np.asarray(delta)[todo],
            )
        return vals

    # -- probes ----------------------------------------------------------------------------

    def _finish(self, h: np.ndarray, vals: np.ndarray) -> list[Probe]:
        return stencil_probes(h, self.f0, vals)

    def _probes(self, evaluate, h: np.ndarray, screen) -> list[Probe]:
        """Probes along k directions; `evaluate(sel, offsets)` gives the values at
        theta + offset * h along each selected direction, shape (len(sel), len(offsets)).

        With `screen` (autodiff's value per direction), a first pass at +-h only: where the
        plain central difference already agrees with autodiff within fd_atol + fd_rtol (no
        error estimate, so at least as strict as `agrees`) the probe is done, a smooth point
        that confirms autodiff; the rest get the full stencil (Richardson, error, kinks). On a
        smooth loss this halves the evaluations and can only hide a disagreement smaller than
        the tolerance itself.
        """
        k = len(h)
        probes: list[Probe | None] = [None] * k
        todo = np.arange(k)
        outer = None
        if screen is not None:
            screen = np.asarray(screen, dtype=np.float64)
            outer = evaluate(todo, OFFSETS[:2])
            d1, noise, agree = screened(outer, h, screen, self.tol)
            for i in np.flatnonzero(agree):
                probes[i] = Probe(float(d1[i]), float(noise[i]), float(d1[i]), float(d1[i]), float(h[i]))
            todo, outer = todo[~agree], outer[~agree]
        if todo.size:
            if outer is None:
                vals = evaluate(todo, OFFSETS)
            else:
                vals = np.concatenate([outer, evaluate(todo, OFFSETS[2:])], axis=1)
            for i, pr in zip(todo, self._finish(h[todo], vals)):
                probes[i] = pr
        return probes  # type: ignore[return-value]

    def probe_elements(self, indices, step_scale: float = 1.0, screen=None) -> list[Probe]:
        """Partial derivatives with respect to the flat elements `indices` (see `_probes` for
        `screen`)."""
        indices = np.asarray(indices, dtype=np.int64).reshape(-1)
        if indices.size == 0:
            return []
        h = step_scale * self.tol.step * np.maximum(1.0, np.abs(self.theta[indices]))

        def evaluate(sel, offsets):
            rows = np.repeat(indices[sel], len(offsets))
            delta = (h[sel, None] * offsets[None, :]).reshape(-1)
            return self._elements(rows, delta).reshape(len(sel), len(offsets))

        return self._probes(evaluate, h, screen)

    def probe(
        self, directions: np.ndarray, step_scale: float = 1.0, scales=None, screen=None, keys=None
    ) -> list[Probe]:
        """Directional derivatives along each row of `directions` (shape (k, P)).

        The step is relative to max(1, `scales`): by default the largest |theta| a direction
        moves (pass it when known, to save a pass over a large `directions`). See `_probes`
        for `screen`; `keys` (one per row) find values dispatched by `prefetch_directions`.
        """
        directions = np.asarray(directions, dtype=np.float64)
        if len(directions) == 0:
            return []
        scale = (
            np.max(np.abs(self.theta[None, :]) * (directions != 0), axis=1)
            if scales is None
            else np.asarray(scales, dtype=np.float64)
        )
        h = step_scale * self.tol.step * np.maximum(1.0, scale)

        def evaluate(sel, offsets):
            if self.batch_eval is not None:
                rows = np.repeat(sel, len(offsets))
                delta = (h[sel, None] * offsets[None, :]).reshape(-1)
                thetas = self.theta[None, :] + delta[:, None] * directions[rows]
                return self._host_points(thetas).reshape(len(sel), len(offsets))
            if keys is not None:
                delta = (h[sel, None] * offsets[None, :]).reshape(-1)
                known, have = self._remembered(
                    [(keys[j], float(d)) for j, d in zip(np.repeat(sel, len(offsets)), delta)]
                )
                if have.all():
                    return known.reshape(len(sel), len(offsets))
            out = []
            for start in range(0, len(sel), _PER_CALL):
                part = sel[start : start + _PER_CALL]
                dirs = _jax.aligned((_PER_CALL, directions.shape[1]))  # read in place by XLA
                dirs[: len(part)] = directions[part]
                dirs[len(part) :] = 0.0
                rows = np.repeat(np.arange(len(part)), len(offsets))
                delta = (h[part, None] * offsets[None, :]).reshape(-1)
                dirs_dev = jax.device_put(dirs)

                def call(r, d, n, dirs_dev=dirs_dev):
                    return self._eval_directions(self._theta_dev, dirs_dev, r, d, n, self.args)

                out.append(self._batched(call, rows, delta).reshape(len(part), len(offsets)))
            return np.concatenate(out) if out else np.zeros((0, len(offsets)))

        return self._probes(evaluate, h, screen)

    def allowed(self, probe: Probe, autodiff: float) -> float:
        """How far finite differences may lie from a correct derivative `autodiff`."""
        return self.tol.fd_atol + self.tol.fd_rtol * abs(autodiff) + 10 * probe.error

    def agrees(self, probe: Probe, autodiff: float) -> bool:
        return abs(probe.central - autodiff) <= self.allowed(probe, autodiff)

    def confirm_disagreement(self, elements, directions, autodiff, first) -> list[Probe | None]:
        """Re-probe disagreements at smaller steps: which are real (not a nearby kink)?

        A kink a little off the point, inside the stencil, can spoil the central difference
        without showing in the one-sided ones (a kink at 1/6 of the step does exactly that).
        Shrinking the step by 16 moves the stencil off any kink not at the point itself, so a
        disagreement is real only if it persists, without a kink, at every step in RESCALES.
        `elements` is a list of flat indices or None, `directions` the matching rows (or None),
        `autodiff` the values to compare, `first` the probes that disagreed. Returns the last
        probe of each real disagreement, else None.
        """
        pending = list(range(len(autodiff)))
        last: list[Probe | None] = list(first)
        for scale in RESCALES:
            el = [k for k in pending if elements[k] is not None]
            dr = [k for k in pending if elements[k] is None]
            probes = dict(zip(el, self.probe_elements([elements[k] for k in el], scale)))
            if dr:
                probes.update(zip(dr, self.probe(np.stack([directions[k] for k in dr]), scale)))
            pending = [k for k in pending if not probes[k].kink and not self.agrees(probes[k], autodiff[k])]
            for k in pending:
                last[k] = probes[k]
        return [last[k] if k in pending else None for k in range(len(autodiff))]
