"""A vector summed into a scalar step, printed term by term: `z^{(2)} = 0.6 × 0.6457 + (-0.4) ×
0.4256 + 0.2 = 0.3874 - 0.1702 + 0.2 = 0.4172`, where z2 = sum(W2_terms) + b2 and W2_terms is a
step of two elements. In the expression of a scalar step the draft binds, a run of numbers joined
only by `+` and `-` (signed as printed: `- 0.1702` is -0.1702) whose values are, in order, the
elements of a vector input step (its exact or author's-chain values) is that input's printed value,
element by element, when the input is printed nowhere else. In an expression that is only that sum
(the vector's terms and the step's other inputs, `0.36 - 0.13 + 0.2` for sum(v_terms) + c), the
terms bind by their place when all but one fit and the other numbers are the other inputs: a wrong
term is bound to be judged."""

from __future__ import annotations

import dataclasses
import re

import numpy as np

from ..core.printed import parse_printed
from .model import _fits, _Model
from .numbers import Number, _key
from .vectors import _bind_one


def bind_vector_terms(model: _Model, chains, state) -> None:
    """Bind each such run (see the module's docstring) in `state.vectors`."""
    cs = model.chains(state.printed(), state.operand_values())
    for chain in chains:
        steps = {state.outcomes[_key(r)].target for r in chain.results if _key(r) in state.outcomes}
        steps = {s for s in steps if s in model.ws.steps and state.claims.get(s) is not None}
        for step in sorted(steps):
            for inp in model.ws.steps[step].inputs:
                if inp not in model.ws.steps or inp in state.vectors or inp in state.claims:
                    continue
                got = (cs.exact.get(inp), cs.author.get(inp))
                values = [np.asarray(v, dtype=np.float64).reshape(-1) for v in got if v is not None]
                if not values or values[0].size < 2:
                    continue
                others = [
                    v for o in model.ws.steps[step].inputs if o != inp
                    for v in [model.exact.get(o) if o not in model.ws.steps else cs.exact.get(o)]
                ]
                run = _run(chain, values, others)
                if run is not None:
                    why = f"the terms of {step}'s sum (line {run[0].line}), in order, are"
                    _bind_one(inp, run, why, cs, state, state.vectors)


def _run(chain, values: list[np.ndarray], others: list) -> list[Number] | None:
    """The first run of signed numbers joined by `+`/`-` only, in one segment, that fits one of
    `values` element by element; or, in a segment that is only such a sum, of the vector's
    elements and the step's other inputs (`others`: their values), whose other numbers fit those
    inputs, the run that fits all but one element (a wrong term binds by its place)."""
    k = values[0].size
    for seg in chain.segments:
        nums = sorted(seg.numbers, key=lambda n: n.col)
        if len(nums) < k:
            continue
        signed, joins = [], []
        for a, b in zip([None, *nums], nums):
            start = a.end - seg.start if a is not None else b.col - 1 - seg.start
            between = seg.text[start : b.col - 1 - seg.start]
            joins.append(a is not None and re.fullmatch(r"\s*[-+\u2212]\s*\(?\s*", between) is not None)
            neg = a is not None and re.search(r"[-\u2212]", between) and b.printed.value > 0
            signed.append(_negative(b) if neg else b)
        pure = all(joins[1:]) and len(nums) == k + len(others)
        for i in range(len(nums) - k + 1):
            if not all(joins[i + 1 : i + k]):
                continue
            run, rest = signed[i : i + k], signed[:i] + signed[i + k :]
            best = max(sum(_fits(n.printed, float(x)) for n, x in zip(run, v)) for v in values)
            if best == k:
                return run
            if pure and best >= k - 1 and _all_fit(rest, others):
                return run
    return None


def _all_fit(nums: list[Number], values: list) -> bool:
    """Each number fits one of `values` (scalars), each value taken once."""
    left = [v for v in values if v is not None and np.size(v) == 1]
    if len(left) != len(values):
        return False
    for n in nums:
        hit = next((v for v in left if _fits(n.printed, float(np.asarray(v).reshape(-1)[0]))), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def _negative(n: Number) -> Number:
    return dataclasses.replace(n, text="-" + n.text, printed=parse_printed("-" + n.text))
