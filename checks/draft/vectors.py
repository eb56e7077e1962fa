"""Vector claims: a printed list (`a_1 = ... = [0.8808, 0.9084]`) bound element by element to the
step its label names, when that step holds a vector of the list's length."""

from __future__ import annotations

import numpy as np

from .binder import _State
from .chains import _Chain
from .givens import _vector_rows
from .model import _fits, _g, _Model
from .numbers import _key
from .result import Outcome


def bind_vectors(model: _Model, chains: list[_Chain], state: _State) -> dict[str, list[Outcome]]:
    """{step: one claim Outcome per element} for each chain whose last segment is a flat list of
    numbers and whose label names one vector step of that length (the first such list a step gets
    is its claim; a later one with the same values restates it), and for each printed matrix whose
    rows the worksheet keeps as one vector step each (`dW_0`, `dW_1` for `dW = [[..], [..]]`). The
    elements' outcomes replace what the binder made of those numbers."""
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
        if not rows or len(rows) < 2:
            continue
        if isinstance(rows[0], list):
            width = len(rows[0])
            vectors = {s for s in model.vector if s in model.ws.steps and _size(cs.exact.get(s)) == width}
            split = model.names.rows(label, len(rows), among=vectors) or []
            for i, (step, row) in enumerate(zip(split, rows)):
                why = f"row {i + 1} of the matrix under {_said(chain, label)} is"
                _bind_one(step, row, why, cs, state, out)
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
        if len(fits) == 1:
            _bind_one(fits[0], rows, why, cs, state, out)
    return out


def _bind_one(step: str, rows, why: str, cs, state: _State, out: dict[str, list[Outcome]]) -> None:
    """The numbers `rows` as the elements of the vector step `step` (or a restatement of it)."""
    exact = np.asarray(cs.exact[step], dtype=np.float64).reshape(-1)
    author = cs.author.get(step)
    author = None if author is None else np.asarray(author, dtype=np.float64).reshape(-1)
    if step in out:
        again = [o.number.printed.value for o in out[step]] == [n.printed.value for n in rows]
        for i, n in enumerate(rows):
            state.outcomes[_key(n)] = Outcome(
                n,
                "repeat" if again else "ambiguous",
                target=f"{step}[{i}]",
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
            target=f"{step}[{i}]",
            text=n.plain,
            reason=f"{why} {step}, a vector of {len(rows)}; element {i}: {how}",
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


def _size(v) -> int:
    return 0 if v is None else int(np.asarray(v).size)
