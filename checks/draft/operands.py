"""Operands: the numbers inside a printed expression, each mapped to the input of the step it stands for."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..judging.claims import negated as _neg
from .chains import _Chain, _Segment, _slots
from .model import _Model, _scalar
from .numbers import Number, _key

if TYPE_CHECKING:
    from .binder import _State


def input_values(model: _Model, step: str, state: _State, chains) -> dict[str, list[tuple[float, str]]]:
    printed = state.printed()
    out = {}
    for a in model.ws.steps[step].inputs:
        vals = []
        if model.exact.get(a) is not None:
            vals.append((model.exact[a], "the given value" if a not in model.ws.steps else "the exact value"))
        av = _scalar(chains.author.get(a))
        if av is not None and a in model.ws.steps:
            vals.append((av, "the author's-chain value"))
        if a in printed and a in model.ws.steps:
            o = state.claims[a]
            vals.append((printed[a], f"{a} as printed on line {o.number.line}"))
        for p, ln in state.op_seen.get(a, []):
            vals.append((p.value, f"the number printed for {a} on line {ln}"))
        out[a] = vals
    return out


def map_operands(model: _Model, step: str, chain: _Chain, state: _State, chains):
    """{number key: (input | None, how)}; how "constant" marks a formula constant."""
    inputs = model.ws.steps[step].inputs
    values = input_values(model, step, state, chains)
    out: dict[tuple[int, int], tuple[str | None, str, list[str], bool]] = {}
    for group in chain.groups:
        _map_group(model, group, chain, inputs, values, out, _upstream_givens(model, step))
    # `\frac{1}{1+e^{-1.0}}` with a = 1.0: where a decimal-printed number stands for an input,
    # an integer mapped to the same input is the formula's constant.
    by_input: dict[str, list[Number]] = {}
    for n in chain.operands:
        if out.get(_key(n), (None,))[0] is not None:
            by_input.setdefault(out[_key(n)][0], []).append(n)
    for inp, ns in by_input.items():
        if any(not n.is_integer for n in ns):
            for n in ns:
                if n.is_integer:
                    out[_key(n)] = (None, "constant", [], False)
    return out


def _upstream_givens(model: _Model, step: str) -> list[float]:
    """The values of the given values the step's own inputs are computed from (not its inputs)."""
    ins = set(model.ws.steps[step].inputs)
    names = {g for s in model.anc.get(step, ()) for g in model.ws.steps[s].inputs if g in model.given} - ins
    return [v for g in sorted(names) if isinstance(v := model.given.get(g), (int, float))]


def _map_group(model: _Model, group: _Segment, chain: _Chain, inputs, values, out, upstream=()) -> None:
    nums = group.numbers
    if group in chain.symbolic:  # `y_5(1-y_5)`: the formula's own constants
        for n in nums:
            out[_key(n)] = (None, "constant", [], False)
        return
    align = None
    for seg in chain.symbolic:
        slots = _slots(seg)
        if len(slots) == len(nums) and all(
            kind == "atom" or abs(val - n.printed.value) < 1e-12 for (kind, val), n in zip(slots, nums)
        ):
            align = (slots, seg)
            break
    for i, n in enumerate(nums):
        p = n.printed
        slot = align[0][i] if align else None
        if slot is not None and slot[0] == "literal":
            out[_key(n)] = (None, "constant", [], False)
            continue
        # An integer stands for an input only when it is that input's value exactly (eta = 1):
        # at no decimals, "1" would pass anything from 0.5 to 1.5.
        if n.is_integer:

            def ok(q, v):
                return abs(v - q.value) <= 1e-9 * max(1.0, abs(v))
        else:

            def ok(q, v):
                return q.passes(v)

        fits = [a for a in inputs if any(ok(p, v) for v, _ in values[a])]
        negated = False
        if not fits and n.exponent:  # `e^{-1.3}` for z = 1.3
            fits = [a for a in inputs if any(ok(_neg(p), v) for v, _ in values[a])]
            negated = bool(fits)
        elif _subtracted(group, n):
            # `5 - 5 = 0` for p1 + p2 with p2 = -5: a negative term written as a subtraction, when
            # the number as printed fits no input, or only inputs the expression already gave
            taken = {out[_key(m)][0] for m in nums[:i] if _key(m) in out}
            turned = [a for a in inputs if a not in taken and any(ok(_neg(p), v) for v, _ in values[a])]
            if turned and all(a in taken for a in fits):
                fits, negated = turned, True
        q = _neg(p) if negated else p
        if n.exponent:  # `1+e^{-1.3}`: 1.3 is z1 substituted, not 1 + e^{-z1} = 1.2725 at one decimal
            fits = [a for a in fits if not _upstream_closer(model, a, q.value)]
        exact = [a for a in fits if any(abs(v - q.value) <= 1e-9 * max(1.0, abs(v)) for v, _ in values[a])]
        if fits and not exact and any(abs(v - q.value) <= 1e-9 * max(1.0, abs(v)) for v in upstream):
            # `(0.4750)(-0.1) + ...` for a sum of products: -0.1 is the weight v1 exactly, a factor
            # of the first product, not the product -0.1425 at one decimal
            fits = []
        if len(fits) > 1 and len(exact) == 1:
            # 0.1 is lr = 0.1 to every printed digit, and dE/dw = 0.067 only at one decimal
            fits = exact
        place: list[str] = []
        if slot is not None:  # one number is no vector's value: a place never maps it to one
            place, _ = model.names.resolve(slot[1], among=set(inputs) - model.vector)
        how_val = lambda a: next(w for v, w in values[a] if ok(_neg(p) if negated else p, v))  # noqa: E731
        if len(fits) == 1:
            extra = "" if not negated else _NEGATED[n.exponent]
            out[_key(n)] = (fits[0], f"matches {how_val(fits[0])}{extra}", [], negated)
        elif len(fits) > 1:
            both = [a for a in place if a in fits]
            if len(both) == 1:
                out[_key(n)] = (
                    both[0],
                    f"matches {', '.join(fits)} by value; its place in "
                    f"`{align[1].text.strip()}` (line {align[1].line}) says {both[0]}",
                    [],
                    negated,
                )
            else:
                out[_key(n)] = (None, "ambiguous", fits, negated)
        elif len(place) == 1:
            where = f"`{align[1].text.strip()}` (line {align[1].line})"
            out[_key(n)] = (place[0], f"no input by value; its place in {where}", [], False)
        elif n.is_integer:
            out[_key(n)] = (None, "constant", [], False)
        else:
            out[_key(n)] = (None, "unmapped", [], False)


_NEGATED = {
    True: " (the minus belongs to the exponent)",
    False: " (a negative term written as a subtraction)",
}
# a binary minus just before a number: an operand (digit, closing bracket, letter) and then `-`
_MINUS_BEFORE = re.compile(r"(?:[\w.)\]}]|\\right\))\s*[-\u2212]\s*$")


def _subtracted(group: _Segment, n: Number) -> bool:
    """The number (printed without a sign) follows a binary minus in its segment (`5 - 5`)."""
    if n.line != group.line or n.text[:1] in "-\u2212+":
        return False
    return bool(_MINUS_BEFORE.search(group.text[: n.col - 1 - group.start]))


def negated_text(plain: str) -> str:
    """The text of a number with its sign turned (`-0.21` -> `0.21`, `5` -> `-5`)."""
    return plain[1:] if plain.startswith("-") else "-" + plain


def _upstream_closer(model: _Model, inp: str, value: float) -> bool:
    """Whether a step `inp` is computed from does hold `value` closer than `inp` does: a number in
    an exponent is then that step's value substituted into the expression (an operand of exp), not
    `inp`'s value at the few digits it is printed to."""
    mine = model.exact.get(inp)
    if mine is None or inp not in model.anc:
        return False
    return any(
        model.exact.get(a) is not None and abs(model.exact[a] - value) < abs(mine - value)
        for a in model.anc[inp]
    )
