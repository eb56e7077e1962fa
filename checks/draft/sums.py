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
from .result import Outcome
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


_ELEMENT_LABEL = (
    re.compile(r"(?P<base>.+?_)\{(?P<layer>[^{},]+),\s*(?P<k>\d+)\s*\}"),  # `z_{1,2}`: z_1's element 2
    re.compile(r"(?P<base>[A-Za-z]\w*?)_?\{?(?P<k>\d+)\}?"),  # `y_2`, `y2`: y's element 2
)


def bind_element_sums(model: _Model, chains, state) -> None:
    """`z^{(1)}_1 = 0.5(0.3) + (-0.2)(0.2) + 0.1 = 0.15 - 0.04 + 0.10 = 0.21`, where z1 = u + v + b1
    (vectors) is printed whole elsewhere: a chain whose label is an element of a vector step
    (`z_{1,1}`, `y_2`: from 1) and whose result restates that element has, in its expression that
    is only a sum of as many signed terms as the step has inputs, each input's element (by value
    at that element, the one left by its place); an input step whose every element is so printed
    is claimed with them."""
    cs = model.chains(state.printed(), state.operand_values())
    collected: dict[str, dict[int, Number]] = {}
    for chain in chains:
        hit = _element_of(model, chain.label, state) if chain.label and chain.results else None
        if hit is None:
            continue
        step, k = hit
        first, r = state.vectors[step][k], chain.results[-1]
        if first.number.printed.value != r.printed.value:
            continue
        if state.outcomes.get(_key(r)) is None or state.outcomes[_key(r)].kind == "unbound":
            why = f"{step}[{k}] again (label {chain.label}; line {first.number.line})"
            state.outcomes[_key(r)] = Outcome(r, "repeat", target=f"{step}[{k}]", text=r.plain, reason=why)
        inputs = model.ws.steps[step].inputs
        for seg in chain.segments:
            terms = _pure_sum(seg)
            if terms is None or len(terms) != len(inputs):
                continue
            picked = _by_value(model, cs, inputs, k, terms)
            for inp, n in (picked or {}).items():
                if inp in model.ws.steps:
                    collected.setdefault(inp, {})[k] = n
            if picked:
                break
    for inp, by_k in collected.items():
        size = np.size(cs.exact.get(inp))
        if inp in state.vectors or inp in state.claims or sorted(by_k) != list(range(size)):
            continue
        why = "each element's sum (one line per element, by its label) prints, in order, the elements of"
        _bind_one(inp, [by_k[i] for i in range(size)], why, cs, state, state.vectors)


def _element_of(model: _Model, label: str, state) -> tuple[str, int] | None:
    for pat in _ELEMENT_LABEL:
        m = pat.fullmatch(label.strip())
        if m is None:
            continue
        base = m.group("base") + ("{" + m.group("layer") + "}" if "layer" in m.groupdict() else "")
        hit = [s for s in model.names.resolve(base.rstrip("_"))[0] if s in state.vectors]
        k = int(m.group("k")) - 1
        if len(hit) == 1 and 0 <= k < len(state.vectors[hit[0]]):
            return hit[0], k
    return None


def _pure_sum(seg) -> list[Number] | None:
    """The signed numbers of a segment that is only a sum of numbers (`0.15 - 0.04 + 0.10`)."""
    nums = sorted(seg.numbers, key=lambda n: n.col)
    if len(nums) < 2:
        return None
    out = []
    for a, b in zip([None, *nums], nums):
        start = a.end - seg.start if a is not None else 0
        between = seg.text[start : b.col - 1 - seg.start]
        if a is not None and re.fullmatch(r"\s*[-+\u2212]\s*", between) is None:
            return None
        if a is None and re.search(r"[^\s=]", between):
            return None
        neg = a is not None and re.search(r"[-\u2212]", between) and b.printed.value > 0
        out.append(_negative(b) if neg else b)
    rest = seg.text[nums[-1].end - seg.start :]
    return out if not re.search(r"[^\s=,.\\]", rest) else None


def _by_value(model: _Model, cs, inputs, k: int, terms: list[Number]) -> dict[str, Number] | None:
    """Each input's term at element k: by value (exact, author's chain, given), the one left by place."""
    left, free, out = list(terms), list(inputs), {}
    for inp in inputs:
        vals = [v for v in (cs.exact.get(inp), cs.author.get(inp), model.exact.get(inp)) if v is not None]
        vals = [float(np.asarray(v, dtype=np.float64).reshape(-1)[k]) for v in vals if np.size(v) > k]
        hits = [n for n in left if any(_fits(n.printed, v) for v in vals)]
        if len(hits) == 1:
            out[inp] = hits[0]
            left.remove(hits[0])
            free.remove(inp)
    if len(left) == 1 and len(free) == 1:
        out[free[0]] = left[0]
    elif left:
        return None
    return out


def bind_row_sums(model: _Model, chains, state) -> None:
    """`[0.2 - 1.0 & -0.3 + 1.4 & 0.5 - 0.4] = [-0.8 & 1.1 & 0.1]`, where logits = u + v (vectors of
    3) is bound: a list of sums right before a list that is a bound vector step's value (as printed
    there, or its exact value) gives each of the step's vector inputs, element by element (signed as
    printed, by value at that element, the one left by place); an input printed nowhere else is
    claimed with them."""
    from .vectors import _bracketed, _element_grid

    cs = model.chains(state.printed(), state.operand_values())
    for chain in chains:
        segs = [s for s in chain.segments if not s.part_of]
        for seg, nxt in zip(segs, segs[1:]):
            grid = _element_grid(seg) if seg.numbers else None
            lists = _bracketed(nxt)
            if grid is None or not lists:
                continue
            column = all(len(r) == 1 for r in grid)
            elements = grid[0] if len(grid) == 1 else [r[0] for r in grid] if column else []
            flat = [n for r in lists[0] for n in r]
            step = _vector_of(model, cs, state, flat)
            if step is None or len(elements) != len(flat):
                continue
            inputs = model.ws.steps[step].inputs
            picked = [_by_value(model, cs, inputs, k, _signed(seg, e)) for k, e in enumerate(elements)]
            if any(p is None or len(p) != len(inputs) for p in picked):
                continue
            for inp in inputs:
                if inp in model.ws.steps and inp not in state.vectors and inp not in state.claims:
                    why = f"the list of sums before {step}'s value (line {nxt.line}) prints, by element,"
                    _bind_one(inp, [p[inp] for p in picked], why, cs, state, state.vectors)


def _vector_of(model: _Model, cs, state, flat: list[Number]) -> str | None:
    """The one bound vector step whose printed or exact value the list is."""
    hits = [
        s
        for s, outs in state.vectors.items()
        if len(outs) == len(flat) and "[" in outs[0].target and "," not in outs[0].target
        and (
            all(o.number.printed.value == n.printed.value for o, n in zip(outs, flat))
            or all(_fits(n.printed, float(x)) for n, x in zip(flat, np.asarray(cs.exact.get(s)).reshape(-1)))
        )
    ]
    return hits[0] if len(hits) == 1 else None


def _signed(seg, element: list[Number]) -> list[Number]:
    """An element's numbers, signed as printed (`0.2 - 1.0`: -1.0)."""
    out = []
    for a, b in zip([None, *element], element):
        between = seg.text[a.end - seg.start : b.col - 1 - seg.start] if a is not None else ""
        neg = re.fullmatch(r"\s*[-\u2212]\s*", between) is not None and b.printed.value > 0
        out.append(_negative(b) if neg else b)
    return out


def bind_scalar_operands(model: _Model, chains, state) -> None:
    """`[-0.8, 1.1, 0.1] - 1.1 = [-1.9, 0, -1.0]`, where shifted = logits - logits_max (a scalar
    step): in a chain whose lists bind one vector step, a number outside its lists, not bound
    otherwise, that is the exact or author's-chain value of just one scalar input step of it (printed
    nowhere else) is that input's claim."""
    from .vectors import _bracketed

    cs = model.chains(state.printed(), state.operand_values())
    for chain in chains:
        outs = [state.outcomes.get(_key(n)) for n in chain.numbers]
        claimed = [o.target for o in outs if o is not None and o.kind == "claim" and "[" in o.target]
        vec = {t.split("[")[0] for t in claimed}
        vec = {v for v in vec if v in state.vectors}
        # the step the chain computes: the one whose inputs are the others (`logits - 1.1 = shifted`)
        tops = [v for v in vec if vec - {v} <= set(model.ws.steps[v].inputs)]
        if len(tops) != 1:
            continue
        step = tops[0]
        scalars = [
            i for i in model.ws.steps[step].inputs
            if i in model.ws.steps and i not in model.vector and i not in state.claims
        ]
        listed = {_key(n) for seg in chain.segments for m in _bracketed(seg) for r in m for n in r}
        for n, o in zip(chain.numbers, outs):
            if _key(n) in listed or (o is not None and o.kind != "unbound"):
                continue
            fits = [i for i in scalars if any(_fits_scalar(n, cs.exact.get(i), cs.author.get(i)))]
            if len(fits) == 1:
                why = f"a number outside the lists of {step}'s expression, the value of its input {fits[0]}"
                claim = Outcome(n, "claim", target=fits[0], text=n.plain, reason=why)
                state.outcomes[_key(n)] = claim
                state.claims[fits[0]] = claim
                scalars.remove(fits[0])


def _fits_scalar(n: Number, *values) -> list[bool]:
    """For each value: a scalar that the printed number fits."""
    return [v is not None and np.size(v) == 1 and _fits(n.printed, float(np.ravel(v)[0])) for v in values]
