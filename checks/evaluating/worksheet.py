"""Evaluate a worksheet: the exact chain, the author's chain, and what each meaning should be.

- Exact chain: every step from the given values.
- Author's chain (DESIGN.md section 2): an input takes the operand printed in this step's
  expression if there is one, else the printed claim for that input if there is one, else the
  input's own author's-chain value (transitively, through steps the author never printed).
- Meanings: autodiff of the worksheet's own forward steps and loss, with the differentiated
  value injected as an input of everything downstream, at the given values and at seeded random
  draws around them (one `vmap`ped, jitted call), with finite differences as second opinion
  (their stencils at the given values traced into the same program: one compile per worksheet).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

import jax
import jax.numpy as jnp
import numpy as np

from ..core import _interp, _jax
from ..core.errors import GradauditError
from ..core.printed import operand_fits
from ..core.tolerances import Tolerance
from ..core.verdicts import V
from ..core.vocab import Meaning, Step, Worksheet
from .classify import FormulaVerdict, classify
from .fd import OFFSETS, FlatProber, stencil_probes


class WorksheetError(GradauditError, ValueError):
    """A worksheet that cannot be evaluated as declared (a cycle, an unknown name, a step that raises)."""


def topological_order(ws: Worksheet) -> list[str]:
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(name: str, trail: tuple[str, ...]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            raise WorksheetError(f"{ws!r}: steps form a cycle: {' -> '.join(trail + (name,))}")
        state[name] = 1
        for arg in ws.steps[name].inputs:
            if arg in ws.steps:
                visit(arg, trail + (name,))
        state[name] = 2
        order.append(name)

    for name in ws.steps:
        visit(name, ())
    return order


def ancestors(ws: Worksheet, name: str) -> set[str]:
    seen: set[str] = set()
    stack = [name]
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        if n in ws.steps:
            stack.extend(ws.steps[n].inputs)
    return seen


def _key(value: Any) -> tuple:
    arr = np.asarray(value, dtype=np.float64)
    return (arr.shape, arr.tobytes())


class Evaluator:
    """Calls steps with memoised results, so identical inputs (a 10^6-epoch loop) run once.

    Results are kept by the step's function and its inputs, not by the step's name: the variant
    worksheets of one case (a procedure search changes one step at a time) share an evaluator
    with the case's own, and a step a variant leaves alone is not run again. Steps are pure
    functions of their inputs (DESIGN.md section 2), so this is the same value."""

    def __init__(self, ws: Worksheet):
        self.ws = ws
        self._cache: dict[tuple, tuple[Any, np.ndarray]] = {}

    def call(self, step: Step, args: list[Any]) -> np.ndarray:
        key = (id(step.fn),) + tuple(_key(a) for a in args)
        if key not in self._cache:
            try:
                out = _interp.call(step.fn, *[np.asarray(a, dtype=np.float64) for a in args])
            except Exception as exc:  # noqa: BLE001  (reported as an error row with the step)
                raise WorksheetError(f"step {step.name!r} raised {type(exc).__name__}: {exc}") from exc
            # the function stays alive beside its results: its id is not reused
            self._cache[key] = (step.fn, np.asarray(out, dtype=np.float64))
        return self._cache[key][1]


@dataclass
class Chains:
    exact: dict[str, np.ndarray | None]
    author: dict[str, np.ndarray | None]
    # For each step, the inputs the author's chain used: (input, source) with source
    # "operand", "printed" or "chain".
    author_inputs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    author_args: dict[str, list[np.ndarray | None]] = field(default_factory=dict)
    missing: dict[str, list[str]] = field(default_factory=dict)


def printed_value(base: np.ndarray | None, printed: dict[tuple[int, ...], float] | None) -> np.ndarray | None:
    """`base` with its printed elements put in (a scalar claim has the key ())."""
    if printed is None:
        return base
    if () in printed:
        return np.asarray(printed[()], dtype=np.float64)
    if base is None:
        return None
    out = np.array(base, dtype=np.float64)
    for idx, v in printed.items():
        if fits(idx, out.shape):  # a claim that does not fit the value is the case's error, said later
            out[idx] = v
    return out


def fits(idx: tuple[int, ...], shape: tuple[int, ...]) -> bool:
    """Whether `idx` names one element of a value of `shape` (() names a scalar)."""
    return len(idx) == len(shape) and all(0 <= i < n for i, n in zip(idx, shape))


@_jax.scoped
def evaluate(
    ws: Worksheet,
    given: dict[str, Any],
    printed: dict[str, dict[tuple[int, ...], float]],
    operands: dict[str, dict[str, float]],
    evaluator: Evaluator | None = None,
) -> Chains:
    """Both chains. `given` values may be None (a lost figure); `printed[name][index]` holds the
    printed claims' values; `operands[step][input]` the operands printed in a step's expression."""
    ev = evaluator or Evaluator(ws)
    order = topological_order(ws)
    exact: dict[str, np.ndarray | None] = {}
    author: dict[str, np.ndarray | None] = {}
    missing: dict[str, list[str]] = {}
    for name in ws.given_names:
        if name not in given:
            raise WorksheetError(f"{ws!r} needs the given value {name!r}; the case gives {sorted(given)}")
    for name, value in given.items():
        exact[name] = None if value is None else np.asarray(value, dtype=np.float64)
        author[name] = exact[name]
        if value is None:
            missing[name] = [name]
    chains = Chains(exact, author, missing=missing)
    for name in order:
        step = ws.steps[name]
        lost = sorted({m for a in step.inputs for m in missing.get(a, [])})
        args_a: list[np.ndarray | None] = []
        used: list[tuple[str, str]] = []
        for arg in step.inputs:
            if arg in operands.get(name, {}) and operand_fits(operands[name][arg], author.get(arg)):
                # (another shape is a located error of the case, raised after evaluation)
                args_a.append(np.asarray(operands[name][arg], dtype=np.float64))
                used.append((arg, "operand"))
            elif arg in printed and arg in ws.steps:
                # A printed claim on a given value is a restatement of an input the case already
                # gives (devforum's "the value of 4" for y = 0.5), not a number the author computed
                # with: it does not feed the chain.
                args_a.append(printed_value(author.get(arg), printed[arg]))
                used.append((arg, "printed"))
            else:
                args_a.append(author.get(arg))
                used.append((arg, "chain"))
        chains.author_inputs[name] = used
        chains.author_args[name] = args_a
        if lost:
            missing[name] = lost
            exact[name] = None
        else:
            exact[name] = ev.call(step, [exact[a] for a in step.inputs])
        if any(a is None for a in args_a):
            author[name] = None
        else:
            author[name] = ev.call(step, args_a)
    return chains


# --------------------------------------------------------------------------------------------
# Meanings: what a derivative or update step should be


@dataclass
class MeaningResult:
    step: str
    meaning: Meaning
    verdict: FormulaVerdict
    hand: float | None  # at the given values (first element for arrays)
    autodiff: float | None
    finite_diff: float | None
    points: int
    explanation: str


def _forward(
    ws: Worksheet, order: list[str], values: dict[str, Any], overrides: dict[str, Any], wanted: set[str]
) -> dict[str, Any]:
    """Evaluate the steps in `wanted` (traceable): `overrides` replace a value and cut its inputs."""
    env = dict(values)
    env.update(overrides)
    for name in order:
        if name not in wanted or name in overrides:
            continue
        step = ws.steps[name]
        env[name] = step.fn(*[env[a] for a in step.inputs])
    return env


def _lr_value(ws: Worksheet, m: Meaning, env: dict[str, Any]) -> Any:
    if m.lr is None:
        return None
    if isinstance(m.lr, str):
        return env[m.lr]
    return jnp.asarray(float(m.lr))


def learning_rate_name(ws: Worksheet) -> str | float | None:
    for step in ws.steps.values():
        if step.means is not None and step.means.lr is not None:
            return step.means.lr
    return None


def as_reals(ws: Worksheet, given: dict[str, Any]) -> dict[str, Any]:
    """Every given that is not a declared count as float64 (`w: 2` in a case is the real 2.0)."""
    out = {}
    for k, v in given.items():
        if v is None or k in ws.counts:
            out[k] = v
        else:
            out[k] = np.asarray(v, dtype=np.float64)
    return out


def draw_givens(
    given: dict[str, Any], n: int, seed: int, scale: float, fixed: set[str]
) -> list[dict[str, np.ndarray]]:
    """The given point, then `n` seeded draws: each float given moves by `scale` x (|v| + 0.1)."""
    rng = np.random.default_rng(seed)
    base = {k: np.asarray(0.5 if v is None else v, dtype=np.float64) for k, v in given.items()}
    points = [base]
    for _ in range(n):
        point = {}
        for k, v in base.items():
            if k in fixed:
                point[k] = v
            else:
                point[k] = v + scale * (np.abs(v) + 0.1) * rng.standard_normal(v.shape)
        points.append(point)
    return points


@_jax.scoped
def check_meanings(
    ws: Worksheet,
    given: dict[str, Any],
    tol: Tolerance,
    *,
    draws: int = 32,
    seed: int = 0,
    scale: float = 0.25,
    fixed: set[str] | None = None,
) -> dict[str, MeaningResult]:
    """Formula verdicts for every step that declares a meaning."""
    meaning_steps = [s for s in ws.steps.values() if s.means is not None]
    if not meaning_steps:
        return {}
    order = topological_order(ws)
    _check_meaning_names(ws, meaning_steps, given)
    given, points, float_names, int_givens = _meaning_points(
        ws, meaning_steps, given, draws, seed, scale, fixed or set()
    )
    int_values = {k: np.asarray(points[0][k]).tolist() for k in sorted(int_givens)}
    program = _program(ws, order, meaning_steps, tuple(float_names), int_values, tol.step)
    stacked = {k: np.stack([p[k] for p in points]).astype(np.float64) for k in float_names}
    hands, trues, lrs, stencils = program(stacked)

    results: dict[str, MeaningResult] = {}
    # One finite-difference probe per (loss, variable): a change, its update and a gradient of
    # the same weight share it.
    fd_cache: dict[tuple[str, str], Any] = {}
    for s in meaning_steps:
        h, t = np.asarray(hands[s.name]), np.asarray(trues[s.name])
        fv = _classify_meaning(ws, s, h, t, lrs, stacked, tol)
        lr0 = float(np.asarray(lrs[s.name]).reshape(-1)[0])
        fd_value = _fd_second_opinion(ws, order, points[0], s, tol, fd_cache, stencils, lr0)
        hand0 = float(h.reshape(h.shape[0], -1)[0, 0]) if h.size else None
        true0 = float(t.reshape(t.shape[0], -1)[0, 0]) if t.size else None
        fv = _unsound_oracle(fv, fd_value, true0, tol)
        results[s.name] = MeaningResult(
            step=s.name,
            meaning=s.means,
            verdict=fv,
            hand=hand0,
            autodiff=true0,
            finite_diff=None if fd_value is None else fd_value[0],
            points=len(points),
            explanation=_meaning_explanation(ws, s, fv, hand0, true0),
        )
    return results


def _check_meaning_names(ws: Worksheet, meaning_steps: list[Step], given: dict[str, Any]) -> None:
    """Every loss and variable a meaning names is a step or a given value."""
    for s in meaning_steps:
        m = s.means
        loss = m.loss or ws.loss
        for name in (loss, m.of):
            if name not in ws.steps and name not in ws.given_names and name not in given:
                raise WorksheetError(
                    f"step {s.name!r} means {m.describe(ws.loss)}, but {name!r} is neither a step "
                    f"nor a given value of {ws!r}"
                )


def _meaning_points(ws, meaning_steps, given, draws, seed, scale, fixed):
    """(the givens as reals, the given point and its draws, the drawn names, the integer givens)."""
    # A learning rate is drawn like any float given even when the case writes it as an integer
    # (`eta: 1`, as tutorials do): a formula right only because eta = 1 must be caught. Other
    # integer givens (step counts) are never drawn.
    lr_givens = {s.means.lr for s in meaning_steps if isinstance(s.means.lr, str)} & set(given)
    given = {
        k: (np.asarray(v, dtype=np.float64) if k in lr_givens and v is not None else v)
        for k, v in given.items()
    }
    int_givens = {k for k in as_reals(ws, given) if k in ws.counts and given[k] is not None}
    given = as_reals(ws, given)
    points = draw_givens(given, draws, seed, scale, fixed | int_givens)
    float_names = [k for k in given if k not in int_givens]
    return given, points, float_names, int_givens


def _classify_meaning(ws, s: Step, h, t, lrs, stacked, tol: Tolerance) -> FormulaVerdict:
    """The hand-written values against autodiff's over every point (DESIGN.md section 4)."""
    m = s.means
    if h.shape != t.shape:
        return classify(h, t, tol, sizes=ws.sizes, name=s.name)
    lr_name = learning_rate_name(ws)
    lr_arr = np.asarray(lrs[s.name]) if m.lr is not None or lr_name is not None else None
    if m.lr is None and lr_name is not None and isinstance(lr_name, str) and lr_name in stacked:
        lr_arr = np.asarray(stacked[lr_name])
    return classify(h, t, tol, sizes=ws.sizes, lr=lr_arr, name=s.name)


def _unsound_oracle(fv: FormulaVerdict, fd_value, true0, tol: Tolerance) -> FormulaVerdict:
    """`oracle error` when finite differences confirm that autodiff is off at the given values."""
    if fd_value is None or true0 is None:
        return fv
    fd0, err0, kink, confirm = fd_value
    allowed = tol.fd_atol + tol.fd_rtol * abs(true0) + 10 * err0
    if abs(fd0 - true0) > allowed and not kink and confirm(true0):
        return FormulaVerdict(
            V.ORACLE_ERROR,
            explanation=f"autodiff {true0:.6g} vs finite differences {fd0:.6g}: the "
            f"worksheet's own forward steps do not differentiate soundly",
        )
    return fv


def _meaning_explanation(ws: Worksheet, s: Step, fv: FormulaVerdict, hand0, true0) -> str:
    """A scale or a sign said in the meaning's own terms; other verdicts keep classify's words."""
    m = s.means
    explanation = fv.explanation
    if fv.verdict == V.SCALE and fv.factor is not None:
        explanation = (
            f"{s.name} = {fv.factor} x {m.describe(ws.loss)} (hand-written "
            f"{hand0:.6g}, autodiff {true0:.6g} at the given values)"
        )
        if m.kind == "update":
            explanation = (
                f"the change {s.name} - {m.of} = {fv.factor} x (-{m.lr} * d{m.loss or ws.loss}/d{m.of})"
                + explanation[explanation.index(" (hand") :]
            )
    elif fv.verdict == V.SIGN:
        explanation = f"{s.name} = -({m.describe(ws.loss)}) at every point checked"
        if m.kind == "update":
            explanation = (
                f"the change {s.name} - {m.of} = -(-{m.lr} * d{m.loss or ws.loss}/d{m.of}) at "
                f"every point checked (hand-written {hand0:.6g}, autodiff {true0:.6g} at the given "
                f"values)"
            )
    return explanation


# Compiled programs, shared by every case (and every run) on the same worksheet object: the
# meaning program (with the finite-difference stencils) by drawn names, integer givens and the
# step (the drawn values are its arguments); the finite-difference loss that confirms a
# disagreement at smaller steps, made only then, by variable and the values it holds fixed (see
# `_fd_loss`). A revision
# case, a copy of a case or a second run compiles nothing new. The worksheet is kept alive beside
# its programs, so its id is never reused for another worksheet while the entry exists; the least
# recently used entries go past PROGRAMS_KEPT (a convention search builds a worksheet per
# reading), so the caches do not grow with the number of cases. Only programs are kept: every
# call computes its values and verdicts afresh.
PROGRAMS_KEPT = 64
_PROGRAMS: OrderedDict[tuple, tuple[Worksheet, Any]] = OrderedDict()
_FD_LOSSES: OrderedDict[tuple, tuple[Worksheet, Any]] = OrderedDict()


_KEPT_LOCK = threading.RLock()  # cases run on threads (`report --jobs`) share these caches


def _kept(cache: OrderedDict, key: tuple, ws: Worksheet, make: Callable[[], Any]) -> Any:
    with _KEPT_LOCK:
        if key in cache:
            cache.move_to_end(key)
        else:
            cache[key] = (ws, make())
            while len(cache) > PROGRAMS_KEPT:
                cache.popitem(last=False)
        return cache[key][1]


def _program(ws: Worksheet, order, meaning_steps, float_names: tuple, int_values: dict, step: float):
    wanted_all: set[str] = set()
    for s in meaning_steps:
        m = s.means
        wanted_all |= ancestors(ws, s.name) | ancestors(ws, m.loss or ws.loss) | ancestors(ws, m.of)
        if isinstance(m.lr, str):
            wanted_all |= ancestors(ws, m.lr)
    key = (id(ws), float_names, repr(int_values), step)
    return _kept(
        _PROGRAMS,
        key,
        ws,
        lambda: _meaning_program(ws, order, meaning_steps, wanted_all, int_values, step),
    )


def _meaning_program(ws, order, meaning_steps, wanted_all, int_values, step: float):
    """One compiled program per worksheet: vmap(one point), every meaning step's hand-written
    value and autodiff's and the lr at every point; and the finite-difference stencils of every
    (loss, variable) at the given point (`_stencils`)."""
    ints = {k: jnp.asarray(v) for k, v in int_values.items()}

    def one_point(floats: dict[str, Any]):
        values = {**floats, **ints}
        env = _forward(ws, order, values, {}, wanted_all)
        hands, trues = {}, {}
        grads = _meaning_grads(ws, order, env, meaning_steps)
        for s in meaning_steps:
            m = s.means
            loss = m.loss or ws.loss
            v0 = env[m.of]
            g = grads[loss, m.of]
            lr = _lr_value(ws, m, env)
            hand = env[s.name]
            if m.kind == "grad":
                true = m.sign * g
            elif m.kind == "change":
                true = m.sign * (-lr * g)
            else:  # update: compared on its change
                true = m.sign * (-lr * g)
                hand = hand - v0
            hands[s.name] = jnp.asarray(hand, dtype=jnp.float64)
            trues[s.name] = jnp.asarray(true, dtype=jnp.float64)
        lrs = {
            s.name: (_lr_value(ws, s.means, env) if s.means.lr is not None else jnp.asarray(1.0))
            for s in meaning_steps
        }
        return hands, trues, lrs

    def program(floats: dict[str, Any]):
        hands, trues, lrs = jax.vmap(one_point)(floats)
        at_given = {**{k: v[0] for k, v in floats.items()}, **ints}
        return hands, trues, lrs, _stencils(ws, order, meaning_steps, at_given, step)

    return _interp.fast_jit(program)


def _meaning_grads(ws: Worksheet, order, env: dict[str, Any], meaning_steps) -> dict[tuple[str, str], Any]:
    """d loss / d v for every (loss, v) a meaning names (a change, its update and a gradient
    share one), traced inside the meaning program. The given values of one loss (the weights and
    biases a worksheet updates) take one `jax.grad` together: the forward steps between them and
    the loss are traced once, not once per value, and each value's gradient is the same sum of
    the same products as alone. An intermediate (`wrt="a3"`) stands in for its own inputs, so it
    takes a `jax.grad` of its own."""
    pairs = list(dict.fromkeys((s.means.loss or ws.loss, s.means.of) for s in meaning_steps))
    groups: dict[tuple, list[str]] = {}
    for loss, of in pairs:
        groups.setdefault((loss, "given") if of not in ws.steps else (loss, of), []).append(of)
    grads: dict[tuple[str, str], Any] = {}
    for (loss, _), ofs in groups.items():
        want = set().union(*(_fd_want(ws, loss, of) for of in ofs))

        def loss_of(vs, loss=loss, ofs=ofs, want=want):
            return _forward(ws, order, env, dict(zip(ofs, vs)), want)[loss]

        vs = tuple(jnp.asarray(env[of], dtype=jnp.float64) for of in ofs)
        grads.update(((loss, of), g) for of, g in zip(ofs, jax.grad(loss_of)(vs)))
    return grads


def _stencils(ws: Worksheet, order, meaning_steps, values: dict[str, Any], step: float) -> dict:
    """For each (loss, variable) of a meaning: (h, the loss at the variable's first element moved
    by 0 and by `OFFSETS` x h), h = step x max(1, |element|) as `FlatProber.probe_elements` takes
    it. Traced inside the meaning program, so the second opinion of a worksheet compiles nothing
    of its own. A pair whose steps do not trace is left out (no second opinion, as before)."""
    out: dict[tuple[str, str], Any] = {}
    for s in meaning_steps:
        loss, of = s.means.loss or ws.loss, s.means.of
        if (loss, of) in out:
            continue
        try:
            env = _forward(ws, order, values, {}, ancestors(ws, loss) | ancestors(ws, of) | lr_names(ws))
            v0 = jnp.reshape(jnp.asarray(env[of], dtype=jnp.float64), (-1,))
            shape = jnp.shape(env[of])
            want = _fd_want(ws, loss, of)
            h = step * jnp.maximum(1.0, jnp.abs(v0[0]))
            deltas = jnp.asarray(np.concatenate([[0.0], OFFSETS])) * h

            def f(d, env=env, v0=v0, shape=shape, want=want, loss=loss, of=of):
                return _forward(ws, order, env, {of: v0.at[0].add(d).reshape(shape)}, want)[loss]

            out[(loss, of)] = (h, jax.vmap(f)(deltas))
        except Exception:  # noqa: BLE001  (the check goes on without this second opinion)
            continue
    return out


def _fd_second_opinion(ws, order, point, s: Step, tol: Tolerance, cache: dict, stencils: dict, lr: float):
    """Finite differences of the loss in the meaning's variable at the given point (first
    element), from the meaning program's stencil values; a disagreement with autodiff is
    re-probed at smaller steps by a `FlatProber` made only then (`_fd_scaled`)."""
    m = s.means
    loss = m.loss or ws.loss
    key = (loss, m.of)
    if key not in cache:
        if key in stencils:
            h, vals = stencils[key]
            vals = np.asarray(vals, dtype=np.float64)
            probe = stencil_probes(np.asarray([h]), float(vals[0]), vals[None, 1:])[0]
            cache[key] = (probe, lambda: _fd_prober(ws, order, point, m, tol))
        else:
            cache[key] = (None, None)
    probe, make_prober = cache[key]
    if probe is None:
        return None
    return _fd_scaled(m, probe, lr, make_prober)


def _fd_prober(ws, order, point, m: Meaning, tol: Tolerance) -> FlatProber:
    """A `FlatProber` of the loss in `m.of` at the given point (compiled only when a
    disagreement with autodiff must be confirmed at smaller steps)."""
    loss = m.loss or ws.loss
    values = {k: jnp.asarray(v) for k, v in point.items()}
    env = _forward(ws, order, values, {}, ancestors(ws, loss) | ancestors(ws, m.of) | lr_names(ws))
    v0 = np.asarray(env[m.of], dtype=np.float64).reshape(-1)
    shape = tuple(np.shape(env[m.of]))
    want = _fd_want(ws, loss, m.of)
    reads = sorted({a for n in want for a in ws.steps[n].inputs} - want - {m.of})
    f_flat = _fd_loss(ws, order, loss, m.of, shape, {k: env[k] for k in reads}, want)
    return FlatProber(f_flat, v0, tol)


def _fd_want(ws: Worksheet, loss: str, of: str) -> set[str]:
    """The steps between `of` and `loss`: what a change of `of` recomputes."""
    desc = {n for n in ws.steps if of in ancestors(ws, n) and n != of}
    return (ancestors(ws, loss) & (desc | {loss})) | {loss}


def _fd_loss(ws: Worksheet, order, loss: str, of: str, shape: tuple, env: dict[str, Any], want: set[str]):
    """`f(theta)`: the loss with `of` set to the flat `theta`, the other values it reads fixed.

    The values are constants of the compiled evaluators, not arguments: XLA rewrites arithmetic
    around a constant (it hoists `theta + d - c` to `(theta - c) + d` out of the loop), and the
    confirmations are those of the constant form, to the last digit. So one function, and its
    compiled evaluators, per worksheet, variable and values: copies of a case and second runs
    share them; other values compile their own. Only a disagreement with autodiff (an oracle
    error, or a kink just off the point) gets here: the first probe is `_stencils`'."""
    values = tuple((k, np.asarray(v).dtype.str, np.shape(v), np.asarray(v).tobytes()) for k, v in env.items())

    def f_flat(theta):
        out = _forward(ws, order, env, {of: theta.reshape(shape)}, want)
        return out[loss]

    return _kept(_FD_LOSSES, (id(ws), loss, of, shape, values), ws, lambda: f_flat)


def lr_names(ws: Worksheet) -> set[str]:
    """Every learning rate a meaning names (their ancestors, if a step computes one)."""
    out: set[str] = set()
    for step in ws.steps.values():
        if step.means is not None and isinstance(step.means.lr, str):
            out |= ancestors(ws, step.means.lr)
    return out


def _fd_scaled(m: Meaning, probe, lr: float, make_prober: Callable[[], FlatProber]):
    """(finite difference, its error, kink?, confirm) in the meaning's own scale (`lr`: the
    meaning's learning rate at the given point, 1 without one); `confirm(true)` re-probes at
    smaller steps and says whether a disagreement with autodiff is real (a kink just off the
    point spoils a central difference without showing in the one-sided ones)."""
    lr = 1.0 if m.lr is None else lr
    scale = m.sign * (1.0 if m.kind == "grad" else -lr)

    def confirm(true_scaled: float) -> bool:
        if scale == 0:
            return True
        prober = make_prober()
        return prober.confirm_disagreement([0], [None], [true_scaled / scale], [probe])[0] is not None

    return scale * probe.central, abs(scale) * probe.error, probe.kink, confirm
