"""Sums written out term by term, one numbered item per element of a vector (issue 20):

    Calculating each element:
    1. 0.2 - 0.4 + 2.8 = 2.6
    2. 0.5 + 1.2 - 4.2 = -2.5

Item k's terms are row k of a matrix step T of the worksheet (the products `W_ij x_j`, signed as
printed: `- 0.4` is -0.4) and its result is element k of the vector step V that sums T's rows.
Which T: the one the name before the `=` of a line just above the list (within `_NEAR` lines: `Z[1]
= ...`, `W[2]^T dZ[2] = ...`) or just below it names (as V or as T), else the one of the list's shape whose
values most of the list's numbers fit, when no other fits as many. Every item is then bound by its
place, its wrong numbers too: T's elements row by row, V's element by element (a restatement when V
is printed elsewhere with the same values).
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np

from ..core.printed import parse_printed
from .binder import _State
from .model import _fits, _Model
from .numbers import Number, Scan, _key
from .vectors import _bind_one

_NEAR = 12  # lines between a list and the label that names its step
_ITEM = re.compile(r"^\s*(\d{1,2})[.)]\s")


def bind_term_lists(model: _Model, scan: Scan, state: _State) -> None:
    """Bind each numbered list of sums (see the module's docstring)."""
    by_line = scan.by_line()
    cs = model.chains(state.printed(), state.operand_values())
    for items in _lists(scan, by_line):
        k, m = len(items), len(items[0][0])
        pairs = [
            (t, v)
            for t, st in model.ws.steps.items()
            if np.shape(cs.exact.get(t)) == (k, m)
            for v in model.ws.steps
            if t in model.ws.steps[v].inputs and np.shape(cs.exact.get(v)) == (k,)
            and np.allclose(np.sum(cs.exact[t], axis=1), cs.exact[v])
        ]
        pick, why = _named(model, scan.lines, items, pairs)
        if pick is None:
            pick, why = _by_fit(cs, items, pairs)
        if pick is None:
            continue
        t, v = pick
        for n in [n for terms, r in items for n in terms] + [r for _, r in items]:
            o = state.outcomes.get(_key(n))
            if o is not None and o.kind == "claim" and state.claims.get(o.target) is o:
                del state.claims[o.target]  # a number of the list a scalar step took by its value
        terms = [n for row, _ in items for n in row]
        _bind_one(t, terms, f"{why}: the terms of", cs, state, state.vectors, width=m)
        _bind_one(v, [r for _, r in items], f"{why}: the sums of", cs, state, state.vectors)


def _lists(scan: Scan, by_line) -> list[list[tuple[list[Number], Number]]]:
    """Each numbered list (items 1, 2, ... on lines a few apart) whose every item is a sum of
    numbers and `=` one number, the same count of terms in each: [(signed terms, result)]."""
    out, run, want, last = [], [], 1, 0
    for i, line in enumerate(scan.lines, 1):
        m = _ITEM.match(line)
        item = _item(line, sorted(by_line.get(i, []), key=lambda n: n.col)) if m else None
        if item is not None and int(m.group(1)) == want and (want == 1 or i - last <= 3):
            run, want, last = run + [item], want + 1, i
            continue
        if run and (item is not None or line.strip() or i - last > 3):
            out.append(run)
            run, want = [], 1
            if item is not None and int(m.group(1)) == 1:
                run, want, last = [item], 2, i
    if run:
        out.append(run)
    return [r for r in out if len(r) >= 2 and len({len(t) for t, _ in r}) == 1]


def _item(line: str, nums: list[Number]) -> tuple[list[Number], Number] | None:
    """(signed terms, result) of `k. a + b - c = r`, or None."""
    if len(nums) < 3:
        return None
    rest = list(line)
    for n in nums:
        rest[n.col - 1 : n.end] = " " * len(n.text)
    rest = "".join(rest)
    body = _ITEM.sub(lambda mm: " " * len(mm.group(0)), rest, count=1)
    if re.search(r"[^\s$+\-=\u2212]", body) or body.count("=") != 1:
        return None
    eq = body.index("=")
    terms, results = [n for n in nums if n.col - 1 < eq], [n for n in nums if n.col - 1 > eq]
    if len(terms) < 2 or len(results) != 1:
        return None
    signed = []
    for a, b in zip([None, *terms], terms):
        op = line[a.end if a is not None else _ITEM.match(line).end() : b.col - 1]
        if a is not None and op.count("-") + op.count("\u2212") != 1 and "+" not in op:
            return None
        if re.search(r"[-\u2212]", op) and "+" not in op and b.printed.value > 0:
            b = _negative(b)  # `0.2 - 0.4`: the term is -0.4
        signed.append(b)
    return signed, results[0]


def _negative(n: Number) -> Number:
    return dataclasses.replace(n, text="-" + n.text, printed=parse_printed("-" + n.text))


def _named(model: _Model, lines: list[str], items, pairs):
    """The (T, V) of `pairs` named before the `=` of the nearest line above the list (or, failing
    that, below it) whose name names one of them: `Z[1] = ...`, `W[2]^T dZ[2] = ...`."""
    first, last = items[0][1].line, items[-1][1].line
    above = range(first - 1, max(first - _NEAR, 1) - 1, -1)
    near = [*above, *range(last + 1, min(last + _NEAR, len(lines)) + 1)]
    for i in near:
        head = lines[i - 1].split("=")[0].strip() if "=" in lines[i - 1] else ""
        hit = set(model.names.resolve(head)[0]) if head else set()
        named = [p for p in pairs if hit & set(p)]
        if len(named) == 1:
            return named[0], f"a numbered list of sums under `{head}` (line {i})"
    return None, ""


def _by_fit(cs, items, pairs):
    """The (T, V) of `pairs` whose exact values most of the list's numbers fit, when it is the only one."""
    scored = []
    for t, v in pairs:
        te, ve = np.asarray(cs.exact[t]), np.asarray(cs.exact[v])
        score = sum(_fits(n.printed, float(x)) for (row, _), xs in zip(items, te) for n, x in zip(row, xs))
        score += sum(_fits(r.printed, float(ve[i])) for i, (_, r) in enumerate(items))
        scored.append((score, (t, v)))
    scored.sort(key=lambda s: -s[0])
    total = sum(len(terms) + 1 for terms, _ in items)
    if not scored or 2 * scored[0][0] <= total or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None, ""
    return scored[0][1], f"a numbered list of sums whose numbers fit ({scored[0][0]} of {total})"
