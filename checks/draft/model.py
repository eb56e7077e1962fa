"""The model: a worksheet with its given values, evaluated on both chains."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..claims import candidate_factors
from ..printed import Printed
from ..vocab import Worksheet
from ..worksheet import Evaluator, WorksheetError, ancestors, evaluate, topological_order
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


def _neg(p: Printed) -> Printed:
    return Printed(p.text, -p.value, p.decimals, p.sig, p.ellipsis, p.percent)


def _g(x: float | None) -> str:
    if x is None:
        return "unknown"
    return f"{x:.6g}"


class _Model:
    def __init__(self, ws: Worksheet, given: dict[str, Any]):
        self.ws = ws
        self.given = given
        self.ev = Evaluator(ws)
        self.order = topological_order(ws)
        chains = evaluate(ws, given, {}, {}, self.ev)
        self.exact = {k: _scalar(v) for k, v in chains.exact.items()}
        self.names = _Names(ws, ws.given_names)
        self.anc = {s: (ancestors(ws, s) - {s}) & set(ws.steps) for s in ws.steps}
        lr = next(
            (s.means.lr for s in ws.steps.values() if s.means is not None and s.means.lr is not None), None
        )
        lr_value = _scalar(given.get(lr)) if isinstance(lr, str) else (float(lr) if lr is not None else None)
        self.factors = {k: v for k, v in candidate_factors(ws.sizes, lr_value).items() if abs(v) != 1.0}
        self._chains: dict[tuple, Any] = {}

    def chains(self, printed: dict[str, float], operands: dict[str, dict[str, float]]):
        key = (
            tuple(sorted(printed.items())),
            tuple(sorted((k, tuple(sorted(v.items()))) for k, v in operands.items())),
        )
        if key not in self._chains:
            self._chains[key] = evaluate(
                self.ws, self.given, {k: {(): v} for k, v in printed.items()}, operands, self.ev
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
        """The first known slip (sign, decimal-slip, factor) that explains printed, as DESIGN.md 3."""
        if p.ellipsis:
            return None
        vals = [("exact", exact), ("author's chain", author)]
        s = self.ws.steps[step]
        changes = []
        if s.means is not None and s.means.kind == "update":
            old_exact = self.exact.get(s.means.of)
            if exact is not None and old_exact is not None:
                changes.append(("exact", p.value - old_exact, exact - old_exact))
            if author is not None and old_author is not None:
                changes.append(("author's chain", p.value - old_author, author - old_author))
        for chain, v in vals:
            if v is not None and _neg(p).passes(v):
                return "sign", None, f"{chain} {_g(v)}; printed {p.text} has the sign flipped"
        for chain, pc, vc in changes:
            if abs(-pc - vc) <= p.tolerance(vc) and abs(vc) > p.tolerance(vc):
                return "sign", None, f"the change on the {chain} is {_g(vc)}; printed {p.text} flips its sign"
        for chain, v in vals:
            if v is None or v == 0:
                continue
            for k in range(-9, 10):
                if k and Printed(p.text, p.value * 10.0**k, p.decimals - k, p.sig).passes(v):
                    if k < 0:
                        times = str(10**-k) if -k <= 3 else f"10^{-k}"
                    else:
                        times = f"1/{10**k}" if k <= 3 else f"10^-{k}"
                    return "decimal-slip", None, f"{chain} {_g(v)}; printed {p.text} = {times} x that"
        for chain, v in vals:
            if v is None:
                continue
            for name, c in self.factors.items():
                if abs(p.value - c * v) <= p.tolerance(c * v):
                    return "factor", name, f"{chain} {_g(v)}; printed {p.text} = {name} x that"
        for chain, pc, vc in changes:
            for name, c in self.factors.items():
                if abs(pc - c * vc) <= p.tolerance(vc) and abs(vc) > p.tolerance(vc):
                    return (
                        "factor",
                        name,
                        (
                            f"the change on the {chain} is {_g(vc)}; printed {p.text} "
                            f"is the old value plus {name} x that"
                        ),
                    )
        return None
