"""Operands one level down: `(6.0 - 1.0)^2 = 5.0^2 = 25.0`, where L's input is the step residual =
p - y, printed as 5.0 after the expression that computes it. The numbers of L's expression that
match none of L's inputs (6.0, 1.0), printed before a number bound as L's operand that is itself
a step (5.0 for residual), are that step's operands when each matches one of its inputs by value
(p = 6.0, y = 1.0), and only one such input of the steps printed so in that expression."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .numbers import _key
from .operands import input_values

if TYPE_CHECKING:
    from .binder import _Binder, _State


def bind_nested(b: _Binder, state: _State) -> None:
    """Bind the unbound numbers of each step's expression to the steps its operands stand for."""
    cs = b.m.chains(state.printed(), state.operand_values())
    for step, ops in list(state.operands.items()):
        # an operand that stands for a step: as an operand, or taken as the step's claim
        # (binder._operands_as_claims)
        inner = [(t, o) for t, o in ops.items() if t in b.ws.steps and o.kind == "operand"]
        if not inner:
            continue
        values = {t: input_values(b.m, t, state, cs) for t, _ in inner}
        said = f"in {step}'s expression"
        for n_key, out in sorted(state.outcomes.items()):
            if out.kind != "unbound" or not out.reason.startswith(said):
                continue
            n = out.number
            fits = [
                (t, a)
                for t, o in inner
                if o.number.line == n.line and o.number.col > n.col
                for a, vals in values[t].items()
                if any(_same(n, v) for v, _ in vals)
            ]
            if len(fits) != 1:
                continue
            t, a = fits[0]
            held = state.operands.get(t, {}).get(a)
            if held is not None and held.number.printed.value != n.printed.value:
                continue
            why = f"{said}, before {t}'s value {dict(inner)[t].number.text}: {t}'s input {a} by value"
            b._bind_operand(n, t, a, n.plain, why, state)
            assert _key(n) == n_key


def _same(n, v: float) -> bool:
    """An integer stands for an input only at its value exactly (as operands.py reads it)."""
    if n.is_integer:
        return abs(v - n.printed.value) <= 1e-9 * max(1.0, abs(v))
    return n.printed.passes(v)
