"""Families of scalar steps, one per point, and the iterations that repeat them (issue 20).

A worksheet that works a quantity out point by point keeps it as one scalar step per point, and
when the article works several iterations (epochs) one after another, one such family per
iteration: `ue1_p ... ue1_r`, `ue2_p ... ue2_r`, all under the one label `u \\times e`. A family
is the steps whose names differ only in a last index (`_a`, `_b`, `_1`).

- a list printed as a chain's value under that label (`u \\times e = [...] = [120,340,560]`,
  the label spelled as the chain's expression) is one family's values, element by element in the
  family's order: of the families of the list's size the label names, the one whose values the most
  elements match (exact or author's chain); with none matching more, the first no element of which
  is printed yet (the iterations worked in order);
- a table with a row per point (`| p | 3 | 2 |`, see point_tables) holds in a column whose
  header is that label (`$\\hat{v}$`) one family's values, each row's at the point its first cell
  names, chosen the same way (a table is one iteration's).

A step printed already keeps its claim; the numbers then restate it or stay as the binder left them.
"""

from __future__ import annotations

import re

from .binder import _State
from .chains import _Chain
from .model import _fits, _Model
from .numbers import Number, Scan, _key
from .tables import put_claim

_INDEX = re.compile(r"_([A-Za-z0-9]{1,3})$")
# a Markdown table as the text reads once normalised (notation.py writes its pipes as `;`)
_ROW = re.compile(r"^\s*[|;](.*)[|;]\s*$")
_SEP = re.compile(r"^\s*[|;]?(?:\s*:?-{3,}:?\s*[|;])+\s*:?-*:?\s*[|;]?\s*$")


def _families(model: _Model, steps: list[str]) -> dict[str, dict[str, str]]:
    """Family -> {point index: step} of the scalar `steps`, in the worksheet's order."""
    out: dict[str, dict[str, str]] = {}
    for s in steps:
        m = _INDEX.search(s)
        if s in model.ws.steps and s not in model.vector and m is not None:
            out.setdefault(s[: m.start()], {})[m.group(1)] = s
    return out


def _choose(model: _Model, cs, state: _State, families: list[dict[str, str]], cells) -> tuple[int, str]:
    """The family (its place in `families`) that `cells` ((index, Number) pairs) report, and why;
    (-1, "") when none is singled out."""
    scores = []
    for fam in families:
        fit = sum(
            1
            for k, n in cells
            if k in fam
            and (
                _fits(n.printed, _scalar(cs.exact.get(fam[k])))
                or _fits(n.printed, _scalar(cs.author.get(fam[k])))
            )
        )
        scores.append(fit)
    best = max(scores, default=0)
    if best > 0 and scores.count(best) == 1:
        i = scores.index(best)
        return i, f"{best} of its {len(cells)} numbers match {_span(families[i])} by value"
    free = [
        i for i, fam in enumerate(families) if scores[i] == best and not set(fam.values()) & set(state.claims)
    ]
    if free:
        return free[0], f"the first of {', '.join(_span(f) for f in families)} not printed yet"
    return -1, ""


def _span(fam: dict[str, str]) -> str:
    steps = list(fam.values())
    return f"{steps[0]} ... {steps[-1]}" if len(steps) > 2 else ", ".join(steps)


def _scalar(v):
    from .model import _scalar

    return _scalar(v)


def _bind(model: _Model, state: _State, step: str, n: Number, why: str) -> None:
    o = state.outcomes.get(_key(n))
    if step in state.claims or (o is not None and o.kind in ("claim", "given", "operand", "repeat")):
        return
    put_claim(model, state, step, (n, _key(n)), why)


def bind_family_lists(model: _Model, chains: list[_Chain], state: _State) -> None:
    """A list under a label that names several families: one family's values (the docstring)."""
    cs = model.chains(state.printed(), state.operand_values())
    for chain in chains:
        label = chain.label or chain.form
        if not label or len(chain.segments) < 2:
            continue
        last = [s for s in chain.segments if not s.part_of][-1]
        text = last.text.strip()
        nums = last.numbers
        if not (text.startswith("[") and text.endswith("]")) or len(nums) < 2 or last.rows:
            continue
        hit, tier = model.names.resolve(label, among=set(model.ws.steps))
        if tier != "name":  # not a verdict: a label-match tier
            continue
        families = [f for f in _families(model, hit).values() if len(f) == len(nums)]
        if not families:
            continue
        i, why = _choose(model, cs, state, families, [(k, n) for k, n in zip(families[0], nums)])
        if i < 0:
            continue
        for k, n in zip(families[i], nums):
            fam = families[i]
            _bind(
                model, state, fam[k], n, f"line {chain.line}: the list under {label} is one family's ({why})"
            )


def _cells(line: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of a table row's cells."""
    bar = line.lstrip()[0]
    out, start = [], line.index(bar) + 1
    for part in _ROW.match(line).group(1).split(bar):
        out.append((start, start + len(part), part.strip()))
        start += len(part) + 1
    return out


def bind_family_tables(model: _Model, scan: Scan, state: _State) -> None:
    """The columns of tables with a row per point whose headers name several families (the docstring)."""
    cs = model.chains(state.printed(), state.operand_values())
    by_line = scan.by_line()
    lines = scan.lines
    i = 0
    while i + 2 < len(lines):
        if not (_ROW.match(lines[i]) and _SEP.match(lines[i + 1])):
            i += 1
            continue
        head = _cells(lines[i])
        k = i + 2
        rows = []
        while k < len(lines) and _ROW.match(lines[k]) and len(_cells(lines[k])) == len(head):
            rows.append((k + 1, _cells(lines[k])))
            k += 1
        for j in range(1, len(head)):
            _column(model, cs, state, head[j][2].strip("$ "), i + 1, rows, j, by_line)
        i = max(k, i + 1)


def _column(model: _Model, cs, state: _State, header: str, at: int, rows, j: int, by_line) -> None:
    if not header:
        return
    hit, tier = model.names.resolve(header, among=set(model.ws.steps))
    if tier != "name":  # not a verdict: a label-match tier
        return
    keys = [cells[0][2].strip("$ ") for _, cells in rows]
    families = [f for f in _families(model, hit).values() if set(keys) <= set(f)]
    cells = []
    for (line, row), key in zip(rows, keys):
        a, b, text = row[j]
        found = [n for n in by_line.get(line, []) if a <= n.col - 1 < b]
        if len(found) == 1 and "=" not in text:
            cells.append((key, found[0]))
    if not families or not cells:
        return
    f, why = _choose(model, cs, state, families, cells)
    if f < 0:
        return
    for key, n in cells:
        where = f"row {key} of the table under line {at}, column {header}"
        _bind(model, state, families[f][key], n, f"{where}: {families[f][key]} ({why})")
