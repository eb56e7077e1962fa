"""The model: a worksheet with its given values, evaluated on both chains."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..core.printed import Printed
from ..core.verdicts import V
from ..core.vocab import Worksheet
from ..evaluating.worksheet import Evaluator, WorksheetError, ancestors, evaluate, topological_order
from ..judging.claims import ClaimInput, Slip, candidate_factors, first_slip, times_ten
from .labels import _Names


def _scalar(v: Any) -> float | None:
    if v is None:
        return None
    a = np.asarray(v, dtype=np.float64)
    if a.size != 1:
        return None
    x = float(a.reshape(()))
    return x if math.isfinite(x) else None


def _fits(p: Printed, v: float | None) -> bool:
    if v is None:
        return False
    if p.passes(v):
        return True
    return p.sig >= 3 and not p.ellipsis and p.truncates(v)


def _g(x: float | None) -> str:
    if x is None:
        return "unknown"
    return f"{x:.6g}"


def non_scalar_losses(ws: Worksheet, exact: dict[str, Any]) -> list[str]:
    """The losses the steps' meanings differentiate (`grad("L", ...)`, an update's change; the
    worksheet's loss where a meaning names none) that are not one number at these values: a list read
    for a scalar given broadcasts through the worksheet, and no gradient is defined of what it gives.
    A worksheet whose steps mean no derivative may compute a list under its loss's name."""
    losses = {s.means.loss or ws.loss for s in ws.steps.values() if s.means is not None}
    return sorted(k for k in losses if k in exact and exact[k] is not None and np.size(exact[k]) != 1)


class _Model:
    def __init__(self, ws: Worksheet, given: dict[str, Any]):
        self.ws = ws
        self.given = given
        self.ev = Evaluator(ws)
        self.order = topological_order(ws)
        chains = evaluate(ws, given, {}, {}, self.ev)
        bad = non_scalar_losses(ws, chains.exact)
        if bad:
            raise WorksheetError(f"the loss {', '.join(bad)} is not one number at the given values read")
        self.exact = {k: _scalar(v) for k, v in chains.exact.items()}
        # every element of every step's exact value, for the value fit of a reading (`fits_values`)
        self.elements = np.array(
            [x for k, v in chains.exact.items() if k in ws.steps and v is not None for x in np.ravel(v)],
            dtype=np.float64,
        )
        # a single number printed for a step of one element in a shape (numpy's 1 x 1 `[[0.47]]`)
        # stands for that element: its index, () for a scalar
        self.at = {k: (0,) * np.ndim(v) for k, v in chains.exact.items() if v is not None and np.size(v) == 1}
        # steps and given values that hold more than one number: a single printed number is none of them
        self.vector = {k for k, v in chains.exact.items() if v is not None and np.asarray(v).size != 1}
        self.names = _Names(ws, ws.given_names)
        self.anc = {s: (ancestors(ws, s) - {s}) & set(ws.steps) for s in ws.steps}
        lr = next(
            (s.means.lr for s in ws.steps.values() if s.means is not None and s.means.lr is not None), None
        )
        lr_value = _scalar(given.get(lr)) if isinstance(lr, str) else (float(lr) if lr is not None else None)
        self.factors = candidate_factors(ws.sizes, lr_value)  # claims.slip_factors picks the rule's
        self._chains: dict[tuple, Any] = {}

    def fits_values(self, numbers) -> int:
        """How many of `numbers` (decimals with two significant digits or more) equal an element of
        some step's exact value at their printed precision: how well the given values read make the
        printed numbers agree with the worksheet, whatever their labels or layout."""
        if self.elements.size == 0:
            return 0
        out = 0
        for n in numbers:
            p = n.printed
            if n.is_integer or p.sig < 2:
                continue
            if np.any(np.abs(self.elements - p.value) <= 0.5 * p.unit * (1 + 1e-9) + 1e-12):
                out += 1
        return out

    def chains(self, printed: dict[str, float], operands: dict[str, dict[str, float]]):
        key = (
            tuple(sorted(printed.items())),
            tuple(sorted((k, tuple(sorted(v.items()))) for k, v in operands.items())),
        )
        if key not in self._chains:
            self._chains[key] = evaluate(
                self.ws,
                self.given,
                {k: {self.at.get(k, ()): v} for k, v in printed.items()},
                operands,
                self.ev,
            )
        return self._chains[key]

    def author_args(self, step: str, chains, printed: dict[str, float], ops: dict[str, float]) -> list:
        args = []
        for a in self.ws.steps[step].inputs:
            if a in ops:
                args.append(np.asarray(ops[a], dtype=np.float64))
            elif a in printed and a in self.ws.steps:
                args.append(np.asarray(printed[a], dtype=np.float64))
            else:
                args.append(chains.author.get(a))
        return args

    def author_value(self, step: str, chains, printed, ops) -> tuple[float | None, float | None]:
        """(the step's author's-chain value, the old value's author's chain for an update step)."""
        args = self.author_args(step, chains, printed, ops)
        s = self.ws.steps[step]
        old = None
        if s.means is not None and s.means.kind == "update":
            if s.means.of in s.inputs:
                old = _scalar(args[s.inputs.index(s.means.of)])
            else:
                old = _scalar(chains.author.get(s.means.of))
        if any(a is None for a in args):
            return None, old
        try:
            return _scalar(self.ev.call(s, args)), old
        except WorksheetError:
            return None, old

    def slip(
        self, step: str, p: Printed, exact: float | None, author: float | None, old_author: float | None
    ) -> tuple[str, str | None, str] | None:
        """(verdict, factor, reason) of the first slip of DESIGN.md 3 (sign, decimal-slip, factor)
        that explains printed, as checks/claims.py finds it; None for a number printed with an
        ellipsis or one no slip explains."""
        if p.ellipsis:
            return None
        s = self.ws.steps[step]
        of = s.means.of if s.means is not None and s.means.kind == "update" else None
        claim = ClaimInput(
            step,
            p,
            exact,
            author,
            old_exact=self.exact.get(of) if of is not None else None,
            old_author=old_author if of is not None else None,
            old_name=of,
            factors=self.factors,
        )
        found = first_slip(claim)
        return None if found is None else (found.verdict, found.factor, _slip_reason(found, p))


def _slip_reason(s: Slip, p: Printed) -> str:
    """A slip in the words of a drafted case's comments."""
    if s.change is not None:
        if s.verdict == V.SIGN:
            return f"the change on the {s.chain} is {_g(s.value)}; printed {p.text} flips its sign"
        return (
            f"the change on the {s.chain} is {_g(s.value)}; printed {p.text} "
            f"is the old value plus {s.factor} x that"
        )
    if s.verdict == V.SIGN:
        return f"{s.chain} {_g(s.value)}; printed {p.text} has the sign flipped"
    times = times_ten(s.k) if s.verdict == V.DECIMAL_SLIP else s.factor
    return f"{s.chain} {_g(s.value)}; printed {p.text} = {times} x that"
