"""Statement verdicts (contract: DESIGN.md section 5): claims that are not one number.

One public function, `check_statement`, turns a statement of the reference (a `Bound`,
`Iteration`, `Quantity`, `Predicate` or `Sampler` from `gradaudit.core.vocab`) and its settings in the
case (`gradaudit.loading.schema.StatementSpec`) into one report row. Every method states how it checked and
with what tolerance; a setting the method needs and the case does not give is an error, never a
default (the one default is `seed: 0`, which every explanation names).

Methods and their verdicts:

- `bound`: `fn(x)` on a grid, seeded uniform draws and the powers of ten inside the domain,
  refined near its extremes: `holds` (inside, and the claimed ends are the tight ones), `loose`
  (inside, a tight end differs: "max 0.25 at x = 0, not 0.5"), `counterexample` (the smallest
  one: smallest |x|, then fewest decimals, as hypothesis shrinks).
- `converges`: the iteration run for `steps`; fixed point (Aitken's estimate) and contraction
  factor: `holds` or `counterexample` (a different limit, or no convergence).
- `near`: one derived number within a declared tolerance: `holds` or `counterexample`.
- `predicate`: a property over N seeded draws in one jitted, vmapped call: `holds` or
  `counterexample` (fractions, and the smallest failing draw). With `about: random_start`:
  `plausible` if at least 1% of the seeded starts satisfy it, else `implausible`.
- `percentile`: a printed value placed among N seeded starts: `plausible` inside the 1st to
  99th percentile widened by half a unit of its printed precision, else `implausible`.

Seeded draws use `jax.random.split(jax.random.PRNGKey(seed), N)`, one key per draw, in order.
"""

from __future__ import annotations

import contextvars
import difflib
import functools
import inspect
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
from jax.flatten_util import ravel_pytree

from ..core import _interp, _jax
from ..core.printed import Printed, parse_printed
from ..core.verdicts import V
from ..core.vocab import Backward, Bound, Iteration, Predicate, Quantity, Sampler, Worksheet
from ..loading.printed_claims import CaseSource, RunError
from ..loading.schema import StatementSpec
from .rows import Row

__all__ = ["check_statement"]

TRAJECTORY_POINTS = 1000  # iterates kept for a picture of an iteration

_KINDS = {
    "bound": Bound,
    "converges": Iteration,
    "near": Quantity,
    "predicate": Predicate,
    "percentile": Sampler,
}

# Settings each method reads, besides method/of/text/note/chosen. Any other setting in the case
# is an error: a `start` on a bound is a typo, not something to ignore silently.
_USES = {
    "bound": ("lower", "upper", "domain", "points", "draws", "seed", "tolerance"),
    "converges": ("claimed", "start", "steps", "tolerance"),
    "near": ("claimed", "tolerance"),
    "predicate": ("draws", "seed", "about"),
    "percentile": ("claimed", "draws", "seed", "about", "tolerance"),
}
_SETTINGS = (
    "claimed",
    "lower",
    "upper",
    "tolerance",
    "domain",
    "points",
    "draws",
    "seed",
    "start",
    "steps",
    "about",
)

# A random start is plausible when at least this fraction of the seeded starts shows it.
RANDOM_START_MIN_FRACTION = 0.01
# The decimals tried when shrinking a bound's counterexample to its simplest form.
_SHRINK_DECIMALS = 16
_ZOOM_ROUNDS = 3
# Iterations up to this many steps run as a plain loop (no compile); longer ones in a jitted scan.
_PLAIN_LOOP_STEPS = 2000


@_jax.scoped
def check_statement(
    row_name: str,
    obj: Any,
    spec: StatementSpec,
    given: dict[str, object],
    claimed_text: str | None,
) -> Row:
    """Check one statement and return its row (kind "statement", quantity and label `row_name`).

    `obj` is the reference's statement (its kind must match `spec.method`); `given` holds the
    case's given values (a `start` may name one; functions take the ones they name as
    parameters); `claimed_text` is the printed text of `spec.claimed` (its precision matters:
    "0.3333..." is an ellipsis claim), or None to read `spec.claimed` itself.

    Raises ValueError, naming the statement and the setting, for a kind/method mismatch, a
    missing or unused setting, or a function that returns the wrong shape.
    """
    kind = _KINDS.get(spec.method)
    if kind is None:
        raise ValueError(
            f"statement {row_name!r}: unknown method {spec.method!r}; expected one of {', '.join(_KINDS)}."
        )
    if not isinstance(obj, tuple(_KINDS.values())):
        raise ValueError(
            f"statement {row_name!r}: the reference gives a {type(obj).__name__}, which is not a "
            f"statement kind; expected one of {', '.join(k.__name__ for k in _KINDS.values())}."
        )
    if not isinstance(obj, kind):
        raise ValueError(
            f"statement {row_name!r}: the case checks it with method {spec.method!r}, but the "
            f"reference declares a {type(obj).__name__}, which is checked with method "
            f"{obj.method!r}; set `method: {obj.method}` in the case, or point `of:` at a "
            f"{kind.__name__} of the reference."
        )
    unused = [s for s in _SETTINGS if getattr(spec, s) is not None and s not in _USES[spec.method]]
    if unused:
        raise ValueError(
            f"statement {row_name!r} (method {spec.method}) sets {', '.join(unused)}, which "
            f"method {spec.method} does not use; it reads {', '.join(_USES[spec.method])}."
        )
    check = {
        "bound": _check_bound,
        "converges": _check_converges,
        "near": _check_near,
        "predicate": _check_predicate,
        "percentile": _check_percentile,
    }[spec.method]
    row = check(row_name, obj, spec, given, claimed_text)
    if spec.chosen:
        row.explanation += f" (chosen by the case, not the text: {', '.join(spec.chosen)})"
        row.details["chosen"] = list(spec.chosen)
    row.details.setdefault("method", spec.method)
    if spec.text is not None:
        row.details.setdefault("text", spec.text)
    return row


# --------------------------------------------------------------------------------------------
# Shared helpers


def _require(name: str, spec: StatementSpec, *settings: str) -> None:
    missing = [s for s in settings if getattr(spec, s) is None]
    if missing:
        what = " and ".join(f"`{s}`" for s in missing)
        hints = "; ".join(_HINTS[s] for s in missing if s in _HINTS)
        raise ValueError(
            f"statement {name!r} (method {spec.method}) needs {what} in the case: a method's "
            f"settings are declared, never implied" + (f" ({hints})." if hints else ".")
        )


_HINTS = {
    "domain": "domain: [a, b], the interval of x to check",
    "points": "points: the size of the grid over the domain, e.g. 20001",
    "draws": "draws: the number of seeded random draws, e.g. 1000",
    "tolerance": "tolerance: the absolute slack of the comparison",
    "claimed": "claimed: the printed value the statement makes",
    "start": "start: a number, or the name of a given value",
    "steps": "steps: how many times to apply the iteration",
}


def _convert(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return jnp.asarray(value)
    return value


def _bind(
    name: str, fn: Callable[..., Any], given: dict[str, object], skip: int, role: str
) -> Callable[..., Any]:
    """`fn` with the given values it names (after its first `skip` positional parameters)."""
    params = list(inspect.signature(fn).parameters.values())
    bound: dict[str, Any] = {}
    positional = 0
    for p in params:
        if p.kind is p.VAR_KEYWORD:
            for k, v in given.items():
                if k not in bound and all(k != q.name for q in params[:skip]):
                    bound[k] = _convert(v)
            continue
        if p.kind is p.VAR_POSITIONAL:
            continue
        if positional < skip and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            positional += 1
            continue
        if p.name in given:
            if given[p.name] is None:
                raise ValueError(
                    f"statement {name!r}: the {role} needs the given value {p.name!r}, which the "
                    f"case gives as null (unknown)."
                )
            bound[p.name] = _convert(given[p.name])
        elif p.default is p.empty:
            raise ValueError(
                f"statement {name!r}: the {role} takes a parameter {p.name!r}, which is not a "
                f"given value of the case (given: {', '.join(given) or 'none'})."
            )
    return functools.partial(fn, **bound) if bound else fn


def _printed(name: str, spec: StatementSpec, claimed_text: str | None) -> Printed:
    text = claimed_text if claimed_text is not None else spec.claimed
    try:
        return parse_printed(text)
    except ValueError as err:
        raise ValueError(f"statement {name!r}: `claimed` is not a printed number: {err}") from None


def _num(x: float) -> str:
    """A setting as the case wrote it (ints stay ints)."""
    if isinstance(x, int) or (isinstance(x, float) and x.is_integer() and abs(x) < 1e15):
        return str(int(x))
    return f"{x:g}"


def _g(x: float, sig: int = 6) -> str:
    if x is None or not math.isfinite(x):
        return str(x)
    if x == 0:
        return "0"
    return f"{x:.{sig}g}"


def _fraction_hint(x: float) -> str:
    """ " (1/3)" when x is a simple fraction to float64 precision, else ""."""
    if not math.isfinite(x) or x == 0 or x.is_integer():
        return ""
    fr = Fraction(x).limit_denominator(1000)
    if fr.denominator > 1 and abs(float(fr) - x) <= 1e-12 * max(1.0, abs(x)):
        return f" ({fr.numerator}/{fr.denominator})"
    return ""


def _keys(seed: int, n: int):
    return _keys_program(n)(np.int64(seed))


@functools.lru_cache(maxsize=16)
def _keys_program(n: int):
    """`jax.random.split(jax.random.PRNGKey(seed), n)` as one program of the seed (no compile:
    `_interp` runs its threefry hash in numpy, to the same bits)."""
    return _interp.fast_jit(lambda seed: jax.random.split(jax.random.PRNGKey(seed), n))


# Compiled statement programs, kept by the functions they run (with the given values bound to
# them) and the number of draws: predicates that share a draw function (analyticsvidhya's W1, W2
# and W3 statements) compile their draws once, and a second check of a statement (a copy of a
# case, a test) compiles nothing. Only programs are kept, never a value or a verdict; the least
# recently used go past PROGRAMS_KEPT.
PROGRAMS_KEPT = 64
_PROGRAMS: OrderedDict[tuple, tuple[Any, Any]] = OrderedDict()
_PROGRAMS_LOCK = threading.Lock()


def _fn_key(fn: Callable[..., Any]) -> tuple:
    """A function's identity, with the values a `functools.partial` binds by their bytes."""
    if isinstance(fn, functools.partial):
        bound = tuple(
            (k, np.asarray(v).dtype.str, np.shape(v), np.asarray(v).tobytes())
            for k, v in sorted(fn.keywords.items())
        )
        return (id(fn.func), bound)
    return (id(fn),)


def _program(kind: str, fns: tuple, n: int, make: Callable[[], Any]) -> Any:
    key = (kind, n) + tuple(_fn_key(f) for f in fns)
    with _PROGRAMS_LOCK:  # cases run on threads (`report --jobs`) share it
        if key in _PROGRAMS:
            _PROGRAMS.move_to_end(key)
        else:
            _PROGRAMS[key] = (fns, make())  # the functions stay alive: their ids are not reused
            while len(_PROGRAMS) > PROGRAMS_KEPT:
                _PROGRAMS.popitem(last=False)
        return _PROGRAMS[key][1]


def _seed(spec: StatementSpec) -> int:
    return 0 if spec.seed is None else spec.seed


def _positive(name: str, spec: StatementSpec, setting: str, minimum: int) -> int:
    value = getattr(spec, setting)
    if value < minimum:
        raise ValueError(
            f"statement {name!r} (method {spec.method}): `{setting}` is {value}; it must be at "
            f"least {minimum}."
        )
    return value


def _row(
    name: str,
    verdict: str,
    printed: str | None,
    exact: float | None,
    explanation: str,
    details: dict[str, Any],
    abs_error: float | None = None,
    series: dict[str, Any] | None = None,
) -> Row:
    """A statement's report row: kind "statement", quantity and label the statement's name;
    `series` holds what a report pictures (an iteration's trajectory, draws, starts)."""
    return Row(
        quantity=name,
        label=name,
        kind="statement",
        verdict=verdict,
        printed=printed,
        exact=exact,
        abs_error=abs_error,
        explanation=explanation,
        details=details,
        series=series,
    )


def _ordinal(p: float) -> str:
    if 1 <= p <= 99 or p in (0, 100):
        n = int(round(p))
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return f"{p:.1f}th"


# --------------------------------------------------------------------------------------------
# bound


class _Samples:
    """Every (x, value) a bound check evaluated, so a refinement can never hide a counterexample."""

    def __init__(self, name: str, fn: Callable[[Any], Any]):
        self.name, self.fn = name, fn
        self.x = np.zeros(0)
        self.v = np.zeros(0)

    def eval(self, xs: np.ndarray) -> np.ndarray:
        out = np.asarray(_interp.call(self.fn, np.asarray(xs, dtype=np.float64)), dtype=np.float64)
        if out.shape != xs.shape:
            raise ValueError(
                f"statement {self.name!r}: the Bound function returned shape {out.shape} for a "
                f"1-D array of {xs.shape[0]} x values; it must be vectorised (one value per x, "
                f"written with jax.numpy operations)."
            )
        self.x = np.concatenate([self.x, xs])
        self.v = np.concatenate([self.v, out])
        return out


def _outside(v: np.ndarray, lower: float | None, upper: float | None, tol: float) -> np.ndarray:
    bad = ~np.isfinite(v)
    if lower is not None:
        bad |= v < lower - tol
    if upper is not None:
        bad |= v > upper + tol
    return bad


@dataclass
class _BoundRun:
    """One bound check: its settings as numbers, every sample so far, and its report's wording."""

    name: str
    samples: _Samples
    a: float  # the domain [a, b]
    b: float
    lower: float | None
    upper: float | None
    tol: float
    points: int
    ndraws: int
    seed: int
    h: float  # the grid step
    where: str  # how it was checked, for the explanation
    rendered: str  # the claimed range as the row prints it: "<= 0.25", "[0, 1]"
    details: dict[str, Any]

    def fails(self, v: np.ndarray) -> np.ndarray:
        """Which of these values fall outside the claimed range, beyond the tolerance (or are not finite)."""
        return _outside(v, self.lower, self.upper, self.tol)

    def at(self, x: float) -> str:
        """`x = 0.5`, saying so when x is an end of the domain."""
        end = " (an end of the domain)" if x in (self.a, self.b) else ""
        return f"x = {_g(x)}{end}"


class _Side(NamedTuple):
    """One claimed end of a bound against the extreme the samples reached on that side."""

    side: str  # "max" (the upper end) or "min" (the lower end)
    claimed: float
    value: float  # the largest (smallest) value found
    x: float  # where it was found
    tight: bool  # within the tolerance of the claimed end
    reached: bool  # equal to the claimed end up to rounding


def _check_bound(name: str, obj: Bound, spec: StatementSpec, given: dict, claimed_text) -> Row:
    """`holds`, `loose` or `counterexample` for a claimed range of `fn(x)` over a domain."""
    run = _bound_run(name, obj, spec, given)
    n_main = _sample_bound(run)
    bad = run.fails(run.samples.v)
    if bad.any():
        return _bound_counterexample(run, bad, n_main)
    return _bound_inside(run)


def _bound_settings(name: str, spec: StatementSpec) -> tuple[int, int]:
    """The bound's `(points, draws)`, once every setting it reads is present and well formed;
    raises ValueError naming the first that is not."""
    _require(name, spec, "domain", "points", "draws", "tolerance")
    if spec.lower is None and spec.upper is None:
        raise ValueError(
            f"statement {name!r} (method bound) needs `lower` or `upper` (or both) in the case: "
            f"the claimed range of the values."
        )
    if (
        len(spec.domain) != 2
        or not all(math.isfinite(d) for d in spec.domain)
        or not spec.domain[0] < spec.domain[1]
    ):
        raise ValueError(
            f"statement {name!r} (method bound): `domain` is {spec.domain}; it must be [a, b] "
            f"with finite a < b."
        )
    points = _positive(name, spec, "points", 3)
    ndraws = _positive(name, spec, "draws", 0)
    if spec.tolerance < 0:
        raise ValueError(f"statement {name!r}: `tolerance` is {spec.tolerance}; it must be >= 0.")
    return points, ndraws


def _bound_run(name: str, obj: Bound, spec: StatementSpec, given: dict) -> _BoundRun:
    """The check's settings as numbers, its function bound to the given values, no samples yet."""
    points, ndraws = _bound_settings(name, spec)
    a, b = float(spec.domain[0]), float(spec.domain[1])
    lower = None if spec.lower is None else float(spec.lower)
    upper = None if spec.upper is None else float(spec.upper)
    tol, seed = float(spec.tolerance), _seed(spec)
    fn = _bind(name, obj.fn, given, 1, "Bound function")
    where = (
        f"on a grid of {points} points in [{_num(spec.domain[0])}, {_num(spec.domain[1])}]"
        f", {ndraws} seeded draws (seed {seed}) and the powers of ten inside it"
    )
    details: dict[str, Any] = {
        "domain": [a, b],
        "points": points,
        "draws": ndraws,
        "seed": seed,
        "tolerance": tol,
        "lower": lower,
        "upper": upper,
    }
    return _BoundRun(
        name=name,
        samples=_Samples(name, fn),
        a=a,
        b=b,
        lower=lower,
        upper=upper,
        tol=tol,
        points=points,
        ndraws=ndraws,
        seed=seed,
        h=(b - a) / (points - 1),
        where=where,
        rendered=_render_bound(lower, upper),
        details=details,
    )


def _sample_bound(run: _BoundRun) -> int:
    """Evaluate the grid, the seeded draws and the powers of ten inside the domain; when all of
    them lie inside, refine near the extremes of the bounded sides (a refinement may still find
    a point outside). Returns how many points the first pass checked."""
    grid = np.linspace(run.a, run.b, run.points)
    draws = np.random.default_rng(run.seed).uniform(run.a, run.b, run.ndraws)
    powers = 10.0 ** np.arange(-3, 16)
    # the powers of ten inside the domain probe a wide domain where the grid is coarse; clipped,
    # not dropped, so the array's shape (one compile) does not depend on the domain
    probes = np.clip(np.concatenate([-powers, powers]), run.a, run.b)
    main = np.concatenate([grid, draws, probes])
    run.samples.eval(main)
    if not run.fails(run.samples.v).any():
        for sign, bounded in ((1.0, run.upper is not None), (-1.0, run.lower is not None)):
            if bounded:
                _refine_extreme(run.samples, sign, run.points)
    return main.size


def _bound_inside(run: _BoundRun) -> Row:
    """Every sample inside the claimed range: `holds` when each claimed end is tight (the extreme
    found lies within the tolerance of it), else `loose`."""
    samples = run.samples
    i_max, i_min = int(np.argmax(samples.v)), int(np.argmin(samples.v))
    vmax, xmax = float(samples.v[i_max]), float(samples.x[i_max])
    vmin, xmin = float(samples.v[i_min]), float(samples.x[i_min])
    run.details.update(max=vmax, argmax=xmax, min=vmin, argmin=xmin, checked=int(samples.x.size))
    sides = _bound_sides(run, vmax, xmax, vmin, xmin)
    loose = [s for s in sides if not s.tight]
    verdict = V.LOOSE if loose else V.HOLDS
    values = f"all values in [{_g(vmin)}, {_g(vmax)}]"
    parts = "; ".join(_side_texts(run, sides, loose))
    explanation = f"checked {run.where}, refined near the extremes: {values}; {parts}: {verdict}"
    deciding = loose[0] if loose else sides[0]
    return _row(run.name, verdict, run.rendered, float(deciding.value), explanation, run.details)


def _bound_sides(run: _BoundRun, vmax: float, xmax: float, vmin: float, xmin: float) -> list[_Side]:
    """Each claimed end (upper first) against the extreme found: tight and reached, recorded in
    the details."""
    sides = []
    if run.upper is not None:
        reached = vmax >= run.upper - 4 * np.spacing(abs(run.upper))
        sides.append(_Side("max", run.upper, vmax, xmax, abs(vmax - run.upper) <= run.tol, reached))
    if run.lower is not None:
        reached = vmin <= run.lower + 4 * np.spacing(abs(run.lower))
        sides.append(_Side("min", run.lower, vmin, xmin, abs(vmin - run.lower) <= run.tol, reached))
    for s in sides:
        key = "upper" if s.side == "max" else "lower"
        run.details[f"{key}_tight"] = bool(s.tight)
        run.details[f"{key}_reached"] = bool(s.reached)
    return sides


def _side_texts(run: _BoundRun, sides: list[_Side], loose: list[_Side]) -> list[str]:
    """What the explanation says of each end: the loose ones first, then whether each tight one
    is reached or only approached."""
    parts = [f"{s.side} {_g(s.value)} at {run.at(s.x)}, not {_num(s.claimed)}" for s in loose]
    for s in sides:
        if not s.tight:
            continue
        if s.reached:
            parts.append(f"{s.side} {_g(s.value)} at {run.at(s.x)} reaches {_num(s.claimed)}")
        else:
            parts.append(
                f"{s.side} {_g(s.value)} at {run.at(s.x)} approaches {_num(s.claimed)} within "
                f"{run.tol:g} but never reaches it"
            )
    return parts


def _render_bound(lower: float | None, upper: float | None) -> str:
    if lower is None:
        return f"<= {_num(upper)}"
    if upper is None:
        return f">= {_num(lower)}"
    return f"[{_num(lower)}, {_num(upper)}]"


def _refine_extreme(samples: _Samples, sign: float, points: int) -> None:
    """Zoom into the neighbours of the largest (sign +1) or smallest (-1) value, twice."""
    order = np.argsort(samples.x, kind="stable")
    xs, vs = samples.x[order], samples.v[order]
    for _ in range(2):
        k = int(np.argmax(sign * vs))
        if k == 0 or k == xs.size - 1 or not xs[k - 1] < xs[k + 1]:
            return
        xs = np.linspace(xs[k - 1], xs[k + 1], points)
        vs = samples.eval(xs)
        if not np.isfinite(vs).all():
            return


def _bound_counterexample(run: _BoundRun, bad: np.ndarray, n_main: int) -> Row:
    """Some sample outside the claimed range: `counterexample`, with the smallest one (smallest
    |x|, then fewest decimals, as hypothesis shrinks)."""
    n_bad_main = int(bad[:n_main].sum())
    xs_bad = run.samples.x[bad]
    # smallest |x|; on a tie the positive one (hypothesis shrinks towards 0, then positive)
    x_star = float(min(xs_bad, key=lambda x: (abs(x), x < 0)))
    f = _failure_edge(run, x_star)
    x_ce, v_ce = _simplest_failure(run, x_star, f)
    if not math.isfinite(v_ce):
        side, how = "non-finite", f"is not finite ({v_ce})"  # a side of the bound: not a verdict
    elif run.upper is not None and v_ce > run.upper + run.tol:
        side, how = "upper", f"is above the claimed upper {_num(run.upper)}"
    else:
        side, how = "lower", f"is below the claimed lower {_num(run.lower)}"
    run.details.update(
        counterexample={"x": x_ce, "value": v_ce, "side": side},
        outside=n_bad_main,
        checked=int(n_main),
    )
    explanation = (
        f"checked {run.where}, tolerance {run.tol:g}: {n_bad_main} of {n_main} points fall outside "
        f"{run.rendered}; smallest counterexample (smallest |x|, then fewest decimals): "
        f"x = {_g(x_ce, 12)} gives {_g(v_ce)}, which {how}: counterexample"
    )
    return _row(run.name, V.COUNTEREXAMPLE, run.rendered, v_ce, explanation, run.details)


def _failure_edge(run: _BoundRun, x_star: float) -> float:
    """The failing x nearest to where the values pass, between x_star and its sampled neighbour
    towards 0: zoomed into when that neighbour passes, else x_star itself (0 stays 0)."""
    if x_star == 0.0:
        return 0.0
    samples = run.samples
    xs_sorted = np.unique(samples.x)
    toward = -1 if x_star > 0 else 1
    k = int(np.searchsorted(xs_sorted, x_star))
    j = k + toward
    f = x_star
    if 0 <= j < xs_sorted.size:
        p = float(xs_sorted[j])
        if not run.fails(samples.v[samples.x == p]).any():
            # zoom into the pass -> fail transition between p and x_star
            for _ in range(_ZOOM_ROUNDS):
                zs = np.linspace(p, f, run.points)
                vz = samples.eval(zs)
                first = int(np.argmax(run.fails(vz)))  # zs[-1] == f fails, so one exists
                if first == 0:
                    break
                p, f = float(zs[first - 1]), float(zs[first])
                if p == f:
                    break
    return float(f)


def _simplest_failure(run: _BoundRun, x_star: float, f: float) -> tuple[float, float]:
    """`(x, value)` of the simplest failing number (fewest decimals, then smallest |x|) within one
    grid step beyond the transition `f`, on its failing side; `f` itself when none fails."""
    direction = 1.0 if f > 0 or (f == 0 and x_star >= 0) else -1.0
    lo, hi = sorted((f, f + direction * run.h))
    lo, hi = max(lo, run.a), min(hi, run.b)
    candidates = np.full(_SHRINK_DECIMALS, f)
    exists = np.zeros(_SHRINK_DECIMALS, dtype=bool)
    for d in range(_SHRINK_DECIMALS):
        scale = 10.0**d
        k_lo, k_hi = math.ceil(lo * scale), math.floor(hi * scale)
        if k_lo <= k_hi:
            k = 0 if k_lo <= 0 <= k_hi else (k_lo if k_lo > 0 else k_hi)
            candidates[d], exists[d] = k / scale, True
    vc = run.samples.eval(candidates)
    ok = exists & run.fails(vc)
    if ok.any():
        d = int(np.argmax(ok))
        return float(candidates[d]), float(vc[d])
    return f, float(run.samples.v[run.samples.x == f][0])


# --------------------------------------------------------------------------------------------
# converges


@dataclass
class _Trajectory:
    """What an iteration's trajectory says about its limit."""

    traj: np.ndarray  # w_0, then each of the steps' iterates
    last: float
    finite: bool
    contraction: float | None  # the last ratio of successive steps (signed)
    rate: float | None  # geometric mean of the last (up to five) |ratios| of successive steps
    converged: bool
    limit: float  # Aitken's estimate of the fixed point when it applies, else the last iterate


def _check_converges(name: str, obj: Iteration, spec: StatementSpec, given: dict, claimed_text) -> Row:
    """`holds` when the iteration converges to the claimed limit, else `counterexample` (another
    limit, or no convergence)."""
    _require(name, spec, "start", "steps", "claimed")
    steps = _positive(name, spec, "steps", 2)
    if spec.tolerance is not None and spec.tolerance < 0:
        raise ValueError(f"statement {name!r}: `tolerance` is {spec.tolerance}; it must be >= 0.")
    printed = _printed(name, spec, claimed_text)
    w0, start_desc = _iteration_start(name, spec, given)
    fn = _bind(name, obj.fn, given, 1, "Iteration function")
    tr = _summarise(_iterate(name, fn, w0, steps))
    details: dict[str, Any] = {
        "start": float(w0),
        "steps": steps,
        "last": tr.last,
        "fixed_point": tr.limit if tr.converged else None,
        "contraction": tr.contraction,
        "rate": tr.rate,
        "converged": tr.converged,
        "claimed": printed.value,
        "tolerance": spec.tolerance,
        "iterates": [float(t) for t in tr.traj[:6]]
        + ([float(t) for t in tr.traj[-3:]] if tr.traj.size > 9 else [float(t) for t in tr.traj[6:]]),
    }
    # at most TRAJECTORY_POINTS iterates for a picture: every one of a short run, else evenly
    # spaced steps (the first and the last always among them)
    at = np.unique(np.linspace(0, steps, min(steps + 1, TRAJECTORY_POINTS)).round().astype(np.int64))
    series = {"kind": "trajectory", "step": at, "value": tr.traj[at], "claimed": printed.value}
    doc = (inspect.getdoc(obj.fn) or "").split("\n")[0].strip()
    head = f"{doc}: " if doc and len(doc) <= 80 else ""
    run = f"{head}iterated {steps} steps from {start_desc}"
    contr = f", contraction {_g(tr.contraction, 4)}" if tr.contraction is not None else ""
    if not tr.converged:
        row = _no_limit(name, printed, tr, steps, run, contr, details)
        row.series = series
        return row
    passes, how = _limit_matches(printed, tr.limit, spec.tolerance)
    fixed = f"fixed point {_g(tr.limit, 7)}{_fraction_hint(tr.limit)}"
    after = f"after {steps} steps {_g(tr.last, 7)}"
    if passes:
        verdict = V.HOLDS
        tail_text = f"{how}: holds"
    else:
        verdict = V.COUNTEREXAMPLE
        tail_text = f"converges to {_g(tr.limit, 7)}, not {printed.text}: counterexample"
    explanation = f"{run}: {fixed}{contr}; {after}; {tail_text}"
    return _row(
        name,
        verdict,
        printed.text,
        tr.limit,
        explanation,
        details,
        abs_error=abs(tr.limit - printed.value),
        series=series,
    )


def _iteration_start(name: str, spec: StatementSpec, given: dict) -> tuple[Any, str]:
    """`(w0, how the explanation names it)`: `start` as a number, or the given value it names;
    raises ValueError when it names nothing known or is not one number."""
    if isinstance(spec.start, str):
        if spec.start not in given:
            raise ValueError(
                f"statement {name!r}: `start` names {spec.start!r}, which is not a given value "
                f"of the case (given: {', '.join(given) or 'none'})."
            )
        if given[spec.start] is None:
            raise ValueError(
                f"statement {name!r}: `start` names {spec.start!r}, which the case gives as null (unknown)."
            )
        start_value, start_desc = given[spec.start], f"{spec.start} = {given[spec.start]}"
    else:
        start_value, start_desc = spec.start, _num(spec.start)
    w0 = jnp.asarray(start_value, dtype=jnp.float64)
    if w0.shape != ():
        raise ValueError(
            f"statement {name!r}: the start has shape {w0.shape}; a claimed limit is one number, "
            f"so the iteration must run on one number."
        )
    return w0, start_desc


def _one_number(name: str, nxt):
    """`nxt`, the iteration's next w, once it is one number (else a ValueError)."""
    if nxt.shape != ():
        raise ValueError(
            f"statement {name!r}: the Iteration function returned shape {nxt.shape} for one "
            f"number; it must map w to the next w."
        )
    return nxt


def _iterate(name: str, fn: Callable[[Any], Any], w0, steps: int) -> np.ndarray:
    """`w0` and the `steps` iterates after it, as float64: a plain loop up to `_PLAIN_LOOP_STEPS`
    steps, a jitted scan beyond."""
    if steps <= _PLAIN_LOOP_STEPS:
        # a plain loop on float64 scalars: no compile, and pure-Python arithmetic stays Python;
        # overflow is a finding (divergence), not a warning
        traj = np.empty(steps + 1)
        traj[0] = w = np.float64(w0)
        with np.errstate(all="ignore"):
            for k in range(1, steps + 1):
                w = np.float64(_one_number(name, np.asarray(fn(w), dtype=np.float64)))
                traj[k] = w
        return traj

    def body(w, _):
        nxt = _one_number(name, jnp.asarray(fn(w), dtype=jnp.float64))
        return nxt, nxt

    _, tail = jax.jit(lambda w: jax.lax.scan(body, w, None, length=steps))(w0)
    return np.concatenate([[float(w0)], np.asarray(tail, dtype=np.float64)])


def _summarise(traj: np.ndarray) -> _Trajectory:
    """Whether the trajectory converges (it settles, or its steps shrink by a factor below 1),
    and its limit (Aitken's estimate from the last three iterates when it has not settled)."""
    last = float(traj[-1])
    finite = bool(np.isfinite(traj).all())
    d = np.diff(traj) if finite else np.zeros(0)
    contraction = rate = None
    settled = False
    if finite:
        noise = 4 * np.spacing(np.maximum(np.abs(traj[:-1]), np.abs(traj[1:])))
        settled, contraction, rate = _step_ratios(d, noise)
    converged = finite and (settled or (rate is not None and rate < 1.0))
    limit = last
    if converged and not settled and d.size >= 2 and d[-1] != d[-2]:
        aitken = last - d[-1] ** 2 / (d[-1] - d[-2])
        if math.isfinite(aitken):
            limit = float(aitken)
    return _Trajectory(traj, last, finite, contraction, rate, converged, limit)


def _step_ratios(d: np.ndarray, noise: np.ndarray) -> tuple[bool, float | None, float | None]:
    """`(settled, contraction, rate)` of a finite trajectory's steps `d`: settled when its last
    step is rounding noise; the ratios of successive steps taken well above the noise when there
    are such pairs, else above it, else none."""
    valid = np.abs(d) > noise
    settled = not bool(valid[-1])
    clean = np.abs(d) > 1e6 * noise
    for usable in (clean, valid):
        pairs = [k for k in range(1, d.size) if usable[k] and usable[k - 1]]
        if pairs:
            contraction = float(d[pairs[-1]] / d[pairs[-1] - 1])
            ratios = [abs(d[k] / d[k - 1]) for k in pairs[-5:]]
            rate = float(np.exp(np.mean(np.log(ratios))))
            return settled, contraction, rate
    return settled, None, None


def _no_limit(
    name: str, printed: Printed, tr: _Trajectory, steps: int, run: str, contr: str, details: dict
) -> Row:
    """The iteration does not converge (it diverges, or its steps do not shrink): `counterexample`."""
    if not tr.finite:
        k = int(np.argmax(~np.isfinite(tr.traj)))
        why = f"diverges: not finite after {k} steps ({tr.traj[k]})"
    else:
        why = (
            f"does not converge: the step size changes by a factor {_g(tr.rate, 4)} per "
            f"step (not below 1){contr}; after {steps} steps {_g(tr.last, 7)}"
        )
    explanation = f"{run}: {why}, so no limit {printed.text}: counterexample"
    return _row(name, V.COUNTEREXAMPLE, printed.text, tr.last if tr.finite else None, explanation, details)


def _limit_matches(printed: Printed, limit: float, tolerance: float | None) -> tuple[bool, str]:
    """`(passes, how)`: whether the limit matches the printed one, within `tolerance` when the
    case gives one, else at the printed precision (an ellipsis claim stands for the interval its
    digits truncate)."""
    if tolerance is None:
        how = (
            f"printed {printed.text} truncates it"
            if printed.ellipsis
            else f"printed {printed.text} matches it at its printed precision"
        )
        return printed.passes(limit), how
    if printed.ellipsis:
        lo, hi = sorted((printed.value, printed.value + math.copysign(printed.unit, printed.value or 1)))
        distance = max(lo - limit, limit - hi, 0.0)
        how = (
            f"it lies within {tolerance:g} of [{_g(lo, 12)}, {_g(hi, 12)}), the "
            f"values printed {printed.text} stands for"
        )
    else:
        distance = abs(limit - printed.value)
        how = f"it lies within {tolerance:g} of printed {printed.text}"
    return distance <= tolerance, how


# --------------------------------------------------------------------------------------------
# near


def _check_near(name: str, obj: Quantity, spec: StatementSpec, given: dict, claimed_text) -> Row:
    _require(name, spec, "claimed", "tolerance")
    if spec.tolerance < 0:
        raise ValueError(f"statement {name!r}: `tolerance` is {spec.tolerance}; it must be >= 0.")
    printed = _printed(name, spec, claimed_text)
    fn = _bind(name, obj.fn, given, 0, "Quantity function")
    out = np.asarray(fn(), dtype=np.float64)
    if out.shape != ():
        raise ValueError(
            f"statement {name!r}: the Quantity function returned shape {out.shape}; a `near` "
            f"statement compares one number."
        )
    value = float(out)
    distance = abs(value - printed.value)
    tol = float(spec.tolerance)
    shown = f"value {_g(value, 7)}{_fraction_hint(value)}"
    if math.isfinite(value) and distance <= tol:
        verdict = V.HOLDS
        text = f"{shown} is within {tol:g} of {printed.text} (distance {_g(distance, 3)}): holds"
    else:
        verdict = V.COUNTEREXAMPLE
        text = (
            f"{shown} is {_g(distance, 3)} from {printed.text}, more than the tolerance "
            f"{tol:g}: counterexample"
        )
    details = {"value": value, "claimed": printed.value, "distance": distance, "tolerance": tol}
    return _row(name, verdict, printed.text, value, text, details, abs_error=distance)


# --------------------------------------------------------------------------------------------
# predicate


def _default_size(sample: Any):
    flat, _ = ravel_pytree(sample)
    return jnp.max(jnp.abs(flat)) if flat.size else jnp.zeros(())


def _compact(sample: Any, limit: int | None = None) -> str:
    """A sample on one line: arrays at 4 significant digits, pytree leaves with their paths."""

    def show(leaf: Any) -> str:
        arr = np.asarray(leaf)
        text = np.array2string(
            arr,
            separator=", ",
            max_line_width=10**9,
            threshold=10**9,
            formatter={"float_kind": lambda v: f"{v:.4g}"},
        )
        return " ".join(text.split())

    leaves, _ = jax.tree_util.tree_flatten_with_path(sample)
    if len(leaves) == 1 and not leaves[0][0]:
        text = show(leaves[0][1])
    else:
        text = (
            "{"
            + ", ".join(
                f"{jax.tree_util.keystr(path).strip('[]').strip(chr(39))}: {show(leaf)}"
                for path, leaf in leaves
            )
            + "}"
        )
    if limit is not None and len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


@dataclass
class _Draws:
    """A predicate's seeded draws: the samples, whether each satisfies the check, their sizes and
    the fraction of draws each metric holds on."""

    n: int
    seed: int
    samples: Any  # a pytree whose leaves have one leading axis of n draws
    ok: np.ndarray  # bool, one per draw
    sizes: np.ndarray  # float64, one per draw
    fractions: dict[str, float]

    @property
    def n_ok(self) -> int:
        return int(self.ok.sum())

    @property
    def hold(self) -> float:
        """The fraction of draws that satisfy the check."""
        return self.n_ok / self.n

    @property
    def over(self) -> str:
        return f"over {self.n} seeded draws (seed {self.seed})"

    @property
    def metric_text(self) -> str:
        return "".join(f"; {k}: {100 * f:.1f}%" for k, f in self.fractions.items())


def _shapes(sample: Any) -> str:
    """A sample in a few words: each leaf's shape and largest element (the values in full are in
    the row's details, `smallest_failure.sample`, which reports print whole)."""

    def show(leaf: Any) -> str:
        arr = np.asarray(leaf, dtype=np.float64)
        if arr.size <= 4:
            return _compact(arr)
        k = np.unravel_index(int(np.argmax(np.where(np.isfinite(arr), np.abs(arr), np.inf))), arr.shape)
        return f"shape {arr.shape}, largest |x| {abs(float(arr[k])):.4g} at {list(map(int, k))}"

    leaves, _ = jax.tree_util.tree_flatten_with_path(sample)
    if len(leaves) == 1 and not leaves[0][0]:
        return show(leaves[0][1])
    return "; ".join(
        f"{jax.tree_util.keystr(path).strip('[]').strip(chr(39))} {show(leaf)}" for path, leaf in leaves
    )


def _check_predicate(name: str, obj: Predicate, spec: StatementSpec, given: dict, claimed_text) -> Row:
    """`holds` or `counterexample` for a property over seeded draws; with `about: random_start`,
    `plausible` or `implausible` by the fraction of the seeded starts that show it."""
    _require(name, spec, "draws")
    random_start = spec.about == "random_start"
    n = _positive(name, spec, "draws", 100 if random_start else 1)
    seed = _seed(spec)
    draw = _bind(name, obj.draw, given, 1, "Predicate draw")
    drawn = _draw_predicate(name, obj, draw, n, seed)
    n_ok, hold = drawn.n_ok, drawn.hold
    details: dict[str, Any] = {
        "draws": n,
        "seed": seed,
        "hold_fraction": hold,
        "fail_fraction": 1 - hold,
        "failures": n - n_ok,
        "metrics": drawn.fractions,
    }
    series = {"kind": "draws", "size": drawn.sizes, "ok": drawn.ok, "random_start": random_start}
    if random_start:
        row = _random_start(name, claimed_text, drawn, details)
    elif n_ok == n:
        explanation = f"{drawn.over}: the check holds on all {n}{drawn.metric_text}: holds"
        row = _row(name, V.HOLDS, claimed_text, 0.0, explanation, details)
    else:
        row = _predicate_counterexample(name, claimed_text, drawn, details)
    row.series = series
    return row


# The predicates of the case being run, with their draws and seeds (set by `statement_rows`),
# and the draws and checks already computed for a group of them: predicates of one case over the
# same draw function, draws and seed (analyticsvidhya's W1, W2 and W3 statements) share their
# draws and are checked in one program, so the work they share is traced, compiled and run once.
# Both hold for one case's statements only: nothing computed is kept past them.
_CASE_PREDICATES: contextvars.ContextVar[tuple] = contextvars.ContextVar("predicates", default=())
_GROUP_CHECKS: contextvars.ContextVar[dict | None] = contextvars.ContextVar("group_checks", default=None)


def _judge(obj: Predicate) -> Callable[[Any], Any]:
    size = obj.size or _default_size

    def judge(sample):
        ok = jnp.asarray(obj.check(sample))
        metrics = obj.metrics(sample) if obj.metrics is not None else {}
        metrics = {k: jnp.asarray(v) for k, v in metrics.items()}
        return ok, metrics, jnp.asarray(size(sample), dtype=jnp.float64)

    return judge


def _checks(obj: Predicate) -> tuple:
    return (obj.check, obj.metrics, obj.size or _default_size)


def _group_checks(obj: Predicate, draw, n: int, seed: int, samples) -> Any:
    """This predicate's (ok, metrics, sizes), from one program for every predicate of the case
    over the same draw function, draws and seed; None when it has no such sibling or the group
    does not trace together (each is then checked on its own)."""
    group = tuple(p for p, pn, ps in _CASE_PREDICATES.get() if p.draw is obj.draw and (pn, ps) == (n, seed))
    done = _GROUP_CHECKS.get()
    if len(group) < 2 or obj not in group or done is None:
        return None
    key = (tuple(map(id, group)), _fn_key(draw), n, seed)
    if key not in done:
        judges = [_judge(p) for p in group]

        def judge_group(sample):
            return [j(sample) for j in judges]

        def make():
            return _interp.fast_jit(jax.vmap(judge_group))

        checks = tuple(f for p in group for f in _checks(p))
        try:
            done[key] = _program("checks", checks, n, make)(samples)
        except Exception:  # noqa: BLE001  (one that does not trace is reported by its own call)
            done[key] = None
    return None if done[key] is None else done[key][group.index(obj)]


def _samples(draw: Callable[[Any], Any], n: int, seed: int) -> Any:
    """The n seeded draws. Two programs: the draws (often the costly compile: every random call
    is one) and the check, so predicates over the same draws share the first; within one case's
    statements the draws themselves are made once (analyticsvidhya's W1, W2 and W3 statements:
    the same 10,000 draws), never kept past them."""
    done = _GROUP_CHECKS.get()
    key = ("samples", _fn_key(draw), n, seed)
    if done is not None and key in done:
        return done[key]
    samples = _program("draw", (draw,), n, lambda: _interp.fast_jit(jax.vmap(draw)))(_keys(seed, n))
    if done is not None:
        done[key] = samples
    return samples


def _draw_predicate(name: str, obj: Predicate, draw: Callable[[Any], Any], n: int, seed: int) -> _Draws:
    """The n seeded draws, checked and measured in one jitted, vmapped call; raises ValueError
    when the check, size or a metric does not give one value per draw."""
    samples = _samples(draw, n, seed)
    checked = _group_checks(obj, draw, n, seed, samples)
    if checked is None:
        checked = _program("check", _checks(obj), n, lambda: _interp.fast_jit(jax.vmap(_judge(obj))))(samples)
    ok, metrics, sizes = checked
    ok, sizes = np.asarray(ok), np.asarray(sizes)
    if ok.shape != (n,):
        raise ValueError(
            f"statement {name!r}: the Predicate check returned shape {ok.shape[1:]} per draw; "
            f"it must return one bool."
        )
    if sizes.shape != (n,):
        raise ValueError(
            f"statement {name!r}: the Predicate size returned shape {sizes.shape[1:]} per draw; "
            f"it must return one number."
        )
    ok = ok.astype(bool)
    fractions = {}
    for k, v in metrics.items():
        v = np.asarray(v)
        if v.shape != (n,):
            raise ValueError(
                f"statement {name!r}: the Predicate metric {k!r} returned shape {v.shape[1:]} per "
                f"draw; it must return one bool."
            )
        fractions[k] = float(v.astype(bool).mean())
    return _Draws(n, seed, samples, ok, sizes, fractions)


def _random_start(name: str, claimed_text: str | None, drawn: _Draws, details: dict) -> Row:
    """`plausible` when at least `RANDOM_START_MIN_FRACTION` of the seeded starts satisfy the
    check, else `implausible`."""
    n, n_ok = drawn.n, drawn.n_ok
    hold = drawn.hold
    verdict = V.PLAUSIBLE if hold >= RANDOM_START_MIN_FRACTION else V.IMPLAUSIBLE
    need = ">=" if verdict == V.PLAUSIBLE else "<"
    explanation = (
        f"{drawn.over}: {n_ok} of {n} seeded starts ({100 * hold:.1f}%) satisfy it{drawn.metric_text}; "
        f"{100 * hold:.1f}% {need} {100 * RANDOM_START_MIN_FRACTION:g}% of starts: {verdict}"
    )
    return _row(name, verdict, claimed_text, hold, explanation, details)


def _predicate_counterexample(name: str, claimed_text: str | None, drawn: _Draws, details: dict) -> Row:
    """Some draw fails the check: `counterexample`, showing the smallest failing draw (by size;
    the lowest draw index among equal sizes)."""
    n, n_ok, sizes = drawn.n, drawn.n_ok, drawn.sizes
    hold = drawn.hold
    failing = np.flatnonzero(~drawn.ok)
    i = int(failing[np.argmin(sizes[failing])])  # the first of equal sizes: lowest draw index
    sample = jax.tree_util.tree_map(lambda leaf: np.asarray(leaf)[i], drawn.samples)
    details["smallest_failure"] = {
        "index": i,
        "size": float(sizes[i]),
        "sample": jax.tree_util.tree_map(lambda leaf: np.asarray(leaf).tolist(), sample),
    }
    explanation = (
        f"{drawn.over}: the check fails on {n - n_ok} ({100 * (1 - hold):.1f}%){drawn.metric_text}; "
        f"smallest failing draw #{i} (size {_g(float(sizes[i]), 4)}): {_shapes(sample)}: "
        f"counterexample"
    )
    return _row(name, V.COUNTEREXAMPLE, claimed_text, 1 - hold, explanation, details)


# --------------------------------------------------------------------------------------------
# percentile


def _check_percentile(name: str, obj: Sampler, spec: StatementSpec, given: dict, claimed_text) -> Row:
    _require(name, spec, "claimed", "draws")
    # the 1st and 99th percentiles need at least 100 starts to mean anything
    n = _positive(name, spec, "draws", 100)
    if spec.tolerance is not None and spec.tolerance < 0:
        raise ValueError(f"statement {name!r}: `tolerance` is {spec.tolerance}; it must be >= 0.")
    seed = _seed(spec)
    printed = _printed(name, spec, claimed_text)
    fn = _bind(name, obj.fn, given, 1, "Sampler function")

    def one(key):
        return jnp.asarray(fn(key), dtype=jnp.float64)

    program = _program("sample", (fn,), n, lambda: _interp.fast_jit(jax.vmap(one)))
    values = np.asarray(program(_keys(seed, n)))
    if values.shape != (n,):
        raise ValueError(
            f"statement {name!r}: the Sampler function returned shape {values.shape[1:]} per "
            f"start; it must return one number."
        )
    nan = np.isnan(values)
    vals = values[~nan]
    if vals.size < 100:
        raise ValueError(
            f"statement {name!r}: only {vals.size} of {n} seeded starts give a number (the rest "
            f"are NaN); a percentile needs at least 100."
        )
    widen = float(spec.tolerance) if spec.tolerance is not None else 0.5 * printed.unit
    q01, q50, q99 = (float(q) for q in np.percentile(vals, [1, 50, 99]))
    p = printed.value
    pct = 100.0 * (np.sum(vals < p) + 0.5 * np.sum(vals == p)) / vals.size
    plausible = q01 - widen <= p <= q99 + widen
    verdict = V.PLAUSIBLE if plausible else V.IMPLAUSIBLE
    how = (
        "widened by the tolerance"
        if spec.tolerance is not None
        else "widened by half a unit of the printed digits"
    )
    nan_text = f"; {int(nan.sum())} starts give NaN, left out" if nan.any() else ""
    explanation = (
        f"printed {printed.text} is at the {_ordinal(pct)} percentile of {vals.size} seeded "
        f"starts (seed {seed}; 1%-99%: {_g(q01, 3)} to {_g(q99, 3)}, {how}, {widen:g}; median "
        f"{_g(q50, 3)}){nan_text}: {verdict}"
    )
    return _row(
        name,
        verdict,
        printed.text,
        float(pct),
        explanation,
        {
            "draws": n,
            "seed": seed,
            "percentile": float(pct),
            "q01": q01,
            "median": q50,
            "q99": q99,
            "widen": widen,
            "low": q01 - widen,
            "high": q99 + widen,
            "non_finite": int(nan.sum()),
            "claimed": p,
        },
        series={"kind": "starts", "value": vals, "claimed": p, "low": q01 - widen, "high": q99 + widen},
    )


def statement_rows(case: CaseSource, ref: Worksheet | Backward, given: dict[str, Any]) -> list[Row]:
    """The case's `statements:`, each checked on the reference's statement of that name."""
    predicates = tuple(
        (ref.statements[st.of or sid], st.draws, _seed(st))
        for sid, st in case.spec.statements.items()
        if st.method == "predicate" and isinstance(ref.statements.get(st.of or sid), Predicate)
    )
    tokens = (_CASE_PREDICATES.set(predicates), _GROUP_CHECKS.set({}))
    try:
        return _statement_rows(case, ref, given)
    finally:
        _GROUP_CHECKS.reset(tokens[1])
        _CASE_PREDICATES.reset(tokens[0])


def _statement_rows(case: CaseSource, ref: Worksheet | Backward, given: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for sid, st in case.spec.statements.items():
        name = st.of or sid
        obj = ref.statements.get(name)
        if obj is None:
            close = difflib.get_close_matches(name, sorted(ref.statements), n=1)
            raise RunError(
                f"the reference {ref!r} has no statement {name!r} "
                + (
                    f"(did you mean {close[0]!r}?)"
                    if close
                    else f"(it has {sorted(ref.statements) or 'none'})"
                ),
                ("statements", sid, "of") if st.of is not None else ("statements", sid),
                at_key=st.of is None,
            )
        claimed_text = case.text("statements", sid, "claimed")
        if claimed_text is None and st.claimed is not None:
            claimed_text = str(st.claimed)
        try:
            rows.append(check_statement(sid, obj, st, given, claimed_text))
        except RunError:
            raise
        except ValueError as exc:  # a setting the method cannot use: located at the statement
            raise RunError(str(exc), ("statements", sid), at_key=True) from exc
    return rows
