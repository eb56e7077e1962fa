"""Given values the text never states, solved from the printed values they determine (issue 20).

A tutorial may give some of its starting values only in a figure (Mazur's w3, w4, w7, w8) while it
prints values computed from them: a net input, an output, an updated weight. When the givens left
NEEDED after every reading and `by_fit` are real numbers (not counts) and the draft has bound
printed numbers by label to steps whose value depends on them (so the first binding could not
check them: "exact unknown"), those numbers are equations in the unknown givens. They are solved
together by least squares (Levenberg-Marquardt, a finite-difference Jacobian, relative residuals),
from the mean of the known givens of the same letter stem (w1, w2, w5 for w3), then from seeded
draws around it; the equation that disagrees most is dropped and the rest solved again while some
disagree (a printed wrong number must not pull the solution), so the solution rests on the many
that agree, not on one.

The solution is then rounded to the fewest decimals (0 to 10) at which as many printed numbers
agree at their printed precision as at any precision (an author picks 0.25, not 0.2500000013).
It is taken only when it makes at least `_GAIN` more printed numbers agree than there are
unknowns, and twice as many (each unknown rests on more than one number), the Jacobian of the agreeing ones
has full rank (every unknown is determined by them, not only a sum of them), and no other start
reaches a different rounded solution with as many agreeing (no guess between two; the starts stop
when two reach the same one). The draft says
so in each given's source and in `inferred:`, for a person to confirm.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from ..core.printed import Printed
from ..core.vocab import Worksheet
from ..evaluating.worksheet import Evaluator, WorksheetError, ancestors, topological_order

_GAIN = 2  # agreeing printed numbers beyond the number of unknowns
_STARTS = 4  # starting points (the first from the known givens, the rest seeded draws around it)
_ITERATIONS = 40  # Levenberg-Marquardt iterations per solve
_DECIMALS = range(0, 11)  # the roundings tried
_BUDGET = 4000  # worksheet evaluations one solve may take (a draft stays quick): then none is taken


class _OverBudget(Exception):
    pass


class _Problem:
    """The unknown givens, the printed numbers that depend on them, and the worksheet's values."""

    def __init__(
        self, ws: Worksheet, given: dict[str, Any], unknown: list[str], eqs: list[tuple[str, Printed]]
    ):
        self.ws, self.given, self.unknown, self.eqs = ws, given, unknown, eqs
        self.ev = Evaluator(ws)
        wanted: set[str] = set()
        for step, _ in eqs:
            wanted |= ancestors(ws, step) & set(ws.steps)
        self.order = [s for s in topological_order(ws) if s in wanted]
        self.evaluations = 0

    def values(self, x: np.ndarray) -> np.ndarray:
        """Each equation's step at the unknowns `x` (nan where it cannot be evaluated)."""
        self.evaluations += 1
        if self.evaluations > _BUDGET:
            raise _OverBudget
        env: dict[str, Any] = {
            k: None if v is None else np.asarray(v, dtype=np.float64) for k, v in self.given.items()
        }
        env.update({g: np.asarray(v, dtype=np.float64) for g, v in zip(self.unknown, x)})
        for s in self.order:
            step = self.ws.steps[s]
            args = [env.get(a) for a in step.inputs]
            try:
                env[s] = None if any(a is None for a in args) else self.ev.call(step, args)
            except WorksheetError:
                env[s] = None
        out = []
        for step, _ in self.eqs:
            v = env.get(step)
            one = v is not None and np.size(v) == 1 and np.isfinite(v).all()
            out.append(float(np.ravel(v)[0]) if one else math.nan)
        return np.array(out)

    def agreeing(self, x: np.ndarray) -> list[int]:
        vals = self.values(x)
        return [i for i, (_, p) in enumerate(self.eqs) if not math.isnan(vals[i]) and p.passes(vals[i])]


def solve_needed(ws: Worksheet, gv, model, claims: dict) -> list[str]:
    """Solve the NEEDED real givens of `gv` (givens._Givens) from the printed numbers `claims`
    (step -> Outcome) binds to steps that depend on them; the names solved (gv updated)."""
    unknown = [g for g in gv.needed if g not in ws.counts]
    if not unknown:
        return []
    needed = set(gv.needed)
    eqs, lines = [], []
    for step, o in claims.items():
        p = o.number.printed
        if model.exact.get(step) is not None or p.ellipsis or p.sig < 2 or step not in ws.steps:
            continue
        lost = ancestors(ws, step) & needed
        if lost and lost <= set(unknown):
            eqs.append((step, p))
            lines.append(o.number.line)
    used = (
        sorted(set().union(*(ancestors(ws, s) for s, _ in eqs)) & set(unknown), key=unknown.index)
        if eqs
        else []
    )
    if not used or len(eqs) < _enough(len(used)):
        return []
    prob = _Problem(ws, dict(gv.values), used, eqs)
    try:
        found = _best(prob, _start(gv.values, used))
    except _OverBudget:
        gv.notes.append(f"{', '.join(used)}: not solved within {_BUDGET} evaluations of the worksheet")
        return []
    if found is None:
        return []
    x, agree, why = found
    return _take(gv, prob, x, agree, [lines[i] for i in agree], why)


def _enough(unknowns: int) -> int:
    """Agreeing printed numbers a solution needs: `_GAIN` beyond the unknowns, and two for each."""
    return max(unknowns + _GAIN, 2 * unknowns)


def _start(values: dict[str, Any], unknown: list[str]) -> np.ndarray:
    """Each unknown at the mean of the known scalar givens of its letter stem (w1, w2 for w3), else
    of all known scalar givens, else 0.5."""
    known = {
        k: float(v) for k, v in values.items() if isinstance(v, (int, float)) and not isinstance(v, bool)
    }

    def stem(name: str) -> str:
        m = re.match(r"[A-Za-z]+?(?=_|\d|$)", name)
        return (m.group(0) if m else name).lower()

    out = []
    for g in unknown:
        same = [v for k, v in known.items() if stem(k) == stem(g)]
        pool = same or list(known.values())
        out.append(float(np.mean(pool)) if pool else 0.5)
    return np.array(out)


def _best(prob: _Problem, x0: np.ndarray):
    """(rounded solution, the agreeing equations, why) of the best start, or None when none
    reaches the gain, the rank, or two starts reach different solutions equally."""
    rng = np.random.default_rng(0)
    results: list[tuple[np.ndarray, list[int]]] = []
    for k in range(_STARTS):
        start = x0 if k == 0 else x0 + (np.abs(x0) + 0.1) * rng.normal(size=x0.size) * 0.5
        x = _robust(prob, start)
        if x is None:
            continue
        x, agree = _rounded(prob, x)
        if len(agree) >= _enough(len(prob.unknown)) and _full_rank(prob, x, agree):
            results.append((x, agree))
            if sum(np.array_equal(x, y) for y, _ in results) >= 2:
                break  # two starts reach it: enough (the others cost time, not information)
    if not results:
        return None
    top = max(len(a) for _, a in results)
    best = [(x, a) for x, a in results if len(a) == top]
    if any(not np.array_equal(best[0][0], x) for x, _ in best[1:]):
        return None
    same = sum(np.array_equal(best[0][0], x) for x, _ in results)
    why = f"{same} of the {k + 1} starts tried reached it"
    return best[0][0], best[0][1], why


def _robust(prob: _Problem, x: np.ndarray) -> np.ndarray | None:
    """Least squares on all equations, dropping the worst one and solving again while some disagree
    (and more than the unknowns plus the gain remain)."""
    active = list(range(len(prob.eqs)))
    while True:
        x = _lm(prob, x, active)
        if x is None:
            return None
        vals = prob.values(x)
        bad = [i for i in active if math.isnan(vals[i]) or not prob.eqs[i][1].passes(vals[i])]
        if not bad or len(active) <= _enough(len(prob.unknown)):
            return x
        worst = max(bad, key=lambda i: math.inf if math.isnan(vals[i]) else abs(_residual(prob, i, vals[i])))
        active.remove(worst)


def _residual(prob: _Problem, i: int, v: float) -> float:
    p = prob.eqs[i][1]
    return (v - p.value) / max(abs(p.value), p.unit)


def _lm(prob: _Problem, x: np.ndarray, active: list[int]) -> np.ndarray | None:
    """Levenberg-Marquardt on the relative residuals of the equations `active`."""

    def res(z):
        vals = prob.values(z)
        return np.array([_residual(prob, i, vals[i]) for i in active])

    r = res(x)
    if not np.isfinite(r).all():
        return None
    lam = 1e-3
    for _ in range(_ITERATIONS):
        h = 1e-7 * np.maximum(1.0, np.abs(x))
        J = np.empty((len(active), x.size))
        for j in range(x.size):
            e = np.zeros_like(x)
            e[j] = h[j]
            J[:, j] = (res(x + e) - r) / h[j]
        if not np.isfinite(J).all():
            return None
        A, b = J.T @ J, J.T @ r
        while lam < 1e12:
            step = np.linalg.solve(A + lam * np.diag(np.diag(A) + 1e-12), -b)
            r_new = res(x + step)
            if np.isfinite(r_new).all() and r_new @ r_new < r @ r:
                if r_new @ r_new > (1 - 1e-9) * (r @ r):
                    return x + step  # no longer moving
                x, r, lam = x + step, r_new, max(lam / 10, 1e-9)
                break
            lam *= 10
        else:
            return x
        if np.max(np.abs(step)) <= 1e-13 * np.maximum(1.0, np.max(np.abs(x))) or r @ r < 1e-24:
            return x
    return x


def _rounded(prob: _Problem, x: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """`x` at the fewest decimals where as many equations agree as at any (and unrounded)."""
    tries = [(np.round(x, d), d) for d in _DECIMALS] + [(x, 99)]
    scored = [(len(a), -d, z, a) for z, d in tries for a in [prob.agreeing(z)]]
    top = max(s[0] for s in scored)
    _, _, z, a = next(s for s in scored if s[0] == top)
    return z, a


def _full_rank(prob: _Problem, x: np.ndarray, agree: list[int]) -> bool:
    """Whether the agreeing equations determine every unknown (their Jacobian has full rank)."""
    base = prob.values(x)
    J = np.empty((len(agree), x.size))
    for j in range(x.size):
        h = 1e-6 * max(1.0, abs(x[j]))
        e = np.zeros_like(x)
        e[j] = h
        J[:, j] = (prob.values(x + e)[agree] - base[agree]) / h
    if not np.isfinite(J).all():
        return False
    J = J / np.maximum(np.abs([prob.eqs[i][1].value for i in agree]), 1e-12)[:, None]
    s = np.linalg.svd(J, compute_uv=False)
    return s.size == x.size and s[-1] > 1e-8 * s[0]


def _take(gv, prob: _Problem, x: np.ndarray, agree: list[int], lines: list[int], why: str) -> list[str]:
    """Write the solved values into `gv`, each with its source and an `inferred:` note."""
    names = ", ".join(f"{g} = {_text(v)}" for g, v in zip(prob.unknown, x))
    at = ", ".join(f"{prob.eqs[i][0]} (line {ln})" for i, ln in zip(agree, lines))
    count = f"{len(agree)} of the {len(prob.eqs)} printed numbers that depend on them agree with them"
    gv.notes.append(
        f"{', '.join(prob.unknown)}: not in the text; solved together ({names}; {why}): {count}: {at}"
    )
    for g, v in zip(prob.unknown, x):
        others = [u for u in prob.unknown if u != g]
        together = f" with {', '.join(others)}" if others else ""
        gv.values[g], gv.text[g] = float(v), _text(v)
        gv.source[g] = f"not in the text: solved{together} from the printed numbers ({count}); confirm it"
        gv.inferred[g] = (
            f"not printed in the text: solved from the printed values that depend on it ({names}; {count})"
        )
        gv.needed.remove(g)
    return list(prob.unknown)


def _text(v: float) -> str:
    """The shortest text of `v` (0.25, not 0.25000000000000006)."""
    return repr(float(v)) if float(v) != int(v) else str(int(v))
