"""Vector claims: a printed list (`a_1 = ... = [0.8808, 0.9084]`) bound element by element to the
step its label names, when that step holds a vector of the list's length."""

from __future__ import annotations

import re

import numpy as np

from .binder import _State
from .chains import _Chain
from .givens import _vector_rows
from .model import _fits, _g, _Model
from .numbers import _key
from .result import Outcome


def bind_vectors(
    model: _Model, chains: list[_Chain], state: _State, lines: list[str] | None = None
) -> dict[str, list[Outcome]]:
    """{step: one claim Outcome per element} for each chain whose last segment is a flat list of
    numbers and whose label names one vector step of that length (the first such list a step gets
    is its claim; a later one with the same values restates it), and for each printed matrix whose
    rows the worksheet keeps as one vector step each (`dW_0`, `dW_1` for `dW = [[..], [..]]`); a
    list its label names again, after a code name (`lines`: the article's) of a step it also
    matches, is that step's. The elements' outcomes replace what the binder made of them."""
    out: dict[str, list[Outcome]] = {}
    cs = model.chains(state.printed(), state.operand_values())
    for chain in chains:
        label = chain.label
        if label is None and chain.form:  # `h1^T dloss/dscores = ...`: the step its structure names
            by_form = model.names.by_structure(chain.form)
            label = by_form[0] if len(by_form) == 1 else None
        if label is None or len(chain.segments) < 2:
            continue
        last = [s for s in chain.segments if not s.part_of][-1]  # a matrix over lines: its first
        rows = last.rows or _vector_rows(
            last.text.strip().rstrip('"`.').rstrip(),  # `"out = [3, 6]"` (quoted in code), `[..].`
            last.start + (len(last.text) - len(last.text.lstrip())),
            last.numbers,
        )
        if rows and len(rows) == 1 and isinstance(rows[0], list):
            rows = rows[0]
        elif rows and isinstance(rows[0], list) and all(len(r) == 1 for r in rows):
            rows = [r[0] for r in rows]  # a column vector
        if not rows or len(rows) < 2:
            continue
        if isinstance(rows[0], list):
            width = len(rows[0])
            vectors = {s for s in model.vector if s in model.ws.steps and _size(cs.exact.get(s)) == width}
            split = model.names.rows(label, len(rows), among=vectors) or []
            if not split:  # a matrix step of the printed shape: one claim per element, `dW[0,1]`
                shape = (len(rows), width)
                named = [s for s in model.names.resolve(label)[0] if _shape(cs.exact.get(s)) == shape]
                if len(named) == 1 and named[0] in model.ws.steps:
                    flat = [n for r in rows for n in r]
                    _bind_one(named[0], flat, f"{_said(chain, label)} names", cs, state, out, width=width)
            for i, (step, row) in enumerate(zip(split, rows)):
                why = f"row {i + 1} of the matrix under {_said(chain, label)} is"
                _bind_one(step, row, why, cs, state, out)
            if len(split) == len(rows):
                _inputs_inside(model, cs, chain, last, split, state, out)
            continue
        names, _ = model.names.resolve(label)
        fits = [
            s
            for s in names
            if s in model.vector and s in model.ws.steps and _size(cs.exact.get(s)) == len(rows)
        ]
        why = f"{_said(chain, label)} names"
        if len(fits) > 1:  # several vectors by label (`updated_weights` after each epoch): by value
            by_value = [s for s in fits if any(_matches(rows, v.get(s)) for v in (cs.exact, cs.author))]
            if len(by_value) == 1:
                why = f"{_said(chain, label)} fits {', '.join(fits)}; only {by_value[0]} matches by value:"
            fits = by_value
        if len(fits) == 1 and fits[0] in out and lines is not None:
            # `So the array stored in \`grad['b2']\` is dloss/dscores = [...]`: printed again under
            # its label, as the value of the one the sentence before it names
            named = _named_before(model, cs, chain, rows, lines, out)
            if named is not None:
                fits, why = [named[0]], named[1]
        if len(fits) == 1:
            _bind_one(fits[0], rows, why, cs, state, out)
            _inputs_inside(model, cs, chain, last, fits, state, out)
    return out


def _named_before(model: _Model, cs, chain: _Chain, rows, lines: list[str], out) -> tuple[str, str] | None:
    """The vector step a code name quoted just before the chain names (on its line, else on the
    line above it), when it is not printed yet and the list matches it by value."""
    head = chain.segments[0]
    before = lines[head.line - 1][: head.start]
    quoted = re.findall(r"`([^`]+)`", before)
    if not quoted and head.line >= 2 and not before.strip():
        quoted = re.findall(r"`([^`]+)`", lines[head.line - 2])
    if not quoted:
        return None
    names, tier = model.names.resolve(quoted[-1])
    fits = [
        s
        for s in names
        if s in model.vector and s in model.ws.steps and s not in out and _size(cs.exact.get(s)) == len(rows)
        and any(_matches(rows, v.get(s)) for v in (cs.exact, cs.author))
    ]
    if tier != "name" or len(fits) != 1:  # not a verdict: a label-match tier
        return None
    return fits[0], f"printed again under its label {chain.label}, after `{quoted[-1]}`, which names"


def _inputs_inside(model: _Model, cs, chain: _Chain, result, steps: list[str], state: _State, out) -> None:
    """A list (or matrix) of expressions before the result (`[0.9-0.0042, 0.1-0.0043]` for
    `W(new) = W - eta dW`): element by element, its numbers are the step's vector inputs, each
    matched by value at that element (or, the one number left, by its place as the one input left);
    an input step printed nowhere else is claimed with them, as printed inside the expression."""
    for seg in chain.segments:
        grid = None if seg is result or seg.part_of or not seg.numbers else _element_grid(seg)
        if grid is None or len(grid) != len(steps):
            continue
        for step, elements in zip(steps, grid):
            picked = _by_element(model, cs, step, elements, out)
            for inp, nums in picked.items():
                if inp in model.ws.steps and inp not in out and inp not in state.claims:
                    why = f"printed inside {step}'s expression element by element, as its input"
                    _bind_one(inp, nums, why, cs, state, out)


def _by_element(model: _Model, cs, step: str, elements: list[list], out) -> dict[str, list]:
    """{vector input of `step`: its number in each element}; {} when an element cannot be read."""
    n = len(elements)
    ins = [i for i in model.ws.steps[step].inputs if _size(cs.exact.get(i, model.exact.get(i))) == n]
    if not ins or any(len(e) != len(ins) for e in elements):
        return {}
    picked: dict[str, list] = {i: [] for i in ins}
    for k, e in enumerate(elements):
        left, free = list(e), list(ins)
        for inp in ins:
            vals = [_element(v, inp, k) for v in (cs.exact, cs.author, model.exact)]
            if inp in out:
                vals.append(out[inp][k].number.printed.value)
            hits = [x for x in left if any(v is not None and _fits(x.printed, v) for v in vals)]
            if len(hits) == 1:
                picked[inp].append(hits[0])
                left.remove(hits[0])
                free.remove(inp)
        if len(left) == 1 and len(free) == 1:  # by place: the one number left is the one input left
            picked[free[0]].append(left[0])
        elif left:
            return {}
    return picked


def _element(values: dict, name: str, k: int) -> float | None:
    v = values.get(name)
    if v is None:
        return None
    flat = np.asarray(v, dtype=np.float64).reshape(-1)
    return float(flat[k]) if k < flat.size else None


def _element_grid(seg) -> list[list[list]] | None:
    """The rows of a list or matrix whose elements are expressions (`[0.9-0.0042, 0.1-0.0043]`,
    `\\begin{bmatrix}0.5-0.0005 & ...\\end{bmatrix}`), each element's numbers; None otherwise."""
    text = seg.text
    m = re.search(r"\\begin\s*\{[pbvB]?matrix\}(.*?)\\end\s*\{[pbvB]?matrix\}", text)
    if m is not None:
        pieces = []
        for rm in re.finditer(r"(?:[^\\]|\\(?!\\))+", m.group(1)):
            row = [(m.start(1) + rm.start() + em.start(), m.start(1) + rm.start() + em.end())
                   for em in re.finditer(r"[^&]+", rm.group(0))]
            pieces.append(row)
    else:
        a, b = text.find("["), text.rfind("]")
        if a < 0 or b < a:
            return None
        cuts, depth = [a], 0
        for i in range(a + 1, b):
            depth += text[i] in "([{"
            depth -= text[i] in ")]}"
            if text[i] == "," and depth == 0 and text[i - 1] != "\\":  # `\\,` is a thin space
                cuts.append(i)
        pieces = [[(x + 1, y) for x, y in zip(cuts, cuts[1:] + [b])]]
    grid = [[[n for n in seg.numbers if x <= n.col - 1 - seg.start < y] for x, y in row] for row in pieces]
    grid = [row for row in grid if any(row)]
    flat = [e for row in grid for e in row]
    if not flat or not all(flat) or all(len(e) < 2 for e in flat) or len({len(r) for r in grid}) != 1:
        return None
    return grid


def _bind_one(
    step: str, rows, why: str, cs, state: _State, out: dict[str, list[Outcome]], width: int = 0
) -> None:
    """The numbers `rows` as the elements of the vector step `step` (or a restatement of it); with
    `width`, of the matrix step `step` row by row (elements `step[i,j]`)."""

    def at(i: int) -> str:
        return f"{step}[{i // width},{i % width}]" if width else f"{step}[{i}]"

    kind = f"a {len(rows) // width}x{width} matrix" if width else f"a vector of {len(rows)}"

    exact = np.asarray(cs.exact[step], dtype=np.float64).reshape(-1)
    author = cs.author.get(step)
    author = None if author is None else np.asarray(author, dtype=np.float64).reshape(-1)
    if step in out:
        again = [o.number.printed.value for o in out[step]] == [n.printed.value for n in rows]
        for i, n in enumerate(rows):
            state.outcomes[_key(n)] = Outcome(
                n,
                "repeat" if again else "ambiguous",
                target=at(i),
                candidates=[] if again else [step],
                text=n.plain,
                reason=(
                    f"{step} again (line {out[step][0].number.line})"
                    if again
                    else f"{step} is already printed on line {out[step][0].number.line} with other values"
                ),
            )
        return
    elements = []
    for i, n in enumerate(rows):
        if _fits(n.printed, float(exact[i])):
            how = f"exact {_g(float(exact[i]))}"
        elif author is not None and _fits(n.printed, float(author[i])):
            how = f"author's chain {_g(float(author[i]))}"
        else:
            how = f"exact {_g(float(exact[i]))}; printed {n.text} fits no rule, so the runner judges it"
        o = Outcome(
            n,
            "claim",
            target=at(i),
            text=n.plain,
            reason=f"{why} {step}, {kind}; element {at(i)[len(step) + 1 : -1]}: {how}",
        )
        state.outcomes[_key(n)] = o
        elements.append(o)
    out[step] = elements


def _said(chain: _Chain, label: str) -> str:
    if chain.label is not None:
        return f"label {chain.label}"
    return f"the expression {chain.form.strip()} (the inputs of {label})"


def _matches(rows, value) -> bool:
    """Every printed element fits the vector's value (None: no value)."""
    if value is None:
        return False
    flat = np.asarray(value, dtype=np.float64).reshape(-1)
    return flat.size == len(rows) and all(_fits(n.printed, float(v)) for n, v in zip(rows, flat))


def _shape(v) -> tuple[int, ...]:
    return () if v is None else tuple(np.asarray(v).shape)


def _size(v) -> int:
    return 0 if v is None else int(np.asarray(v).size)
