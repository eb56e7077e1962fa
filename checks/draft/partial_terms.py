"""Terms of a rewritten expression: `w_new = 0.5 - 0.1 * (-0.5) = 0.5 + 0.05 = 0.55`, where the
worksheet computes w's update from w, lr and dL/dw and keeps the change added, -lr dL/dw, as a step
of its own. A number of a step's expression that matches none of its inputs (0.05) is the
claim of the one step that is computed from some of that step's inputs only, is not claimed
elsewhere, and whose exact or author's-chain value it fits at its printed precision."""

from __future__ import annotations

from .model import _Model
from .numbers import _key
from .result import Outcome
from .sums import _fits_scalar

_NONE_OF_ITS_INPUTS = "but it matches none of its inputs"


def bind_partial_terms(model: _Model, chains, state) -> None:
    """Claims for the unbound numbers of a step's expression that are the value of a step computed
    from a part of its inputs (see the module's docstring)."""
    steps = model.ws.steps
    cs = None
    for chain in chains:
        for n in chain.numbers:
            o = state.outcomes.get(_key(n))
            if o is None or o.kind != "unbound" or _NONE_OF_ITS_INPUTS not in (o.reason or ""):
                continue
            of = o.reason.split("in ", 1)[1].split("'s expression", 1)[0]
            if of not in steps:
                continue
            inputs = set(steps[of].inputs)
            parts = [
                s for s, st in steps.items()
                if s != of and s not in inputs and s not in state.claims and set(st.inputs) < inputs
            ]
            if not parts:
                continue
            cs = cs or model.chains(state.printed(), state.operand_values())
            fits = [s for s in parts if any(_fits_scalar(n, cs.exact.get(s), cs.author.get(s)))]
            if len(fits) == 1:
                why = f"in {of}'s expression, the value of {fits[0]}, computed from {of}'s inputs"
                claim = Outcome(n, "claim", target=fits[0], text=n.plain, reason=why)
                state.outcomes[_key(n)] = claim
                state.claims[fits[0]] = claim
