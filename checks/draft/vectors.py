"""Vector claims: a printed list (`a_1 = ... = [0.8808, 0.9084]`) bound element by element to the
step its label names, when that step holds a vector of the list's length."""

from __future__ import annotations

import numpy as np

from .binder import _State
from .chains import _Chain
from .givens import _vector_rows
from .model import _fits, _g, _Model, _scalar
from .numbers import _key
from .result import Outcome


def bind_vectors(model: _Model, chains: list[_Chain], state: _State) -> dict[str, list[Outcome]]:
    """{step: one claim Outcome per element} for each chain whose last segment is a flat list of
    numbers and whose label names one vector step of that length (the first such list a step gets
    is its claim; a later one with the same values restates it). The elements' outcomes replace
    what the binder made of those numbers."""
    out: dict[str, list[Outcome]] = {}
    cs = model.chains(state.printed(), state.operand_values())
    for chain in chains:
        if chain.label is None or len(chain.segments) < 2:
            continue
        last = chain.segments[-1]
        rows = _vector_rows(
            last.text.strip().rstrip('"`').rstrip(),  # `"out = [3, 6]"`: a list quoted in code
            last.start + (len(last.text) - len(last.text.lstrip())),
            last.numbers,
        )
        if not rows or isinstance(rows[0], list) or len(rows) < 2:
            continue
        if _by_element_labels(model, chain, rows, cs, state):
            continue
        names, _ = model.names.resolve(chain.label)
        fits = [
            s
            for s in names
            if s in model.vector and s in model.ws.steps and _size(cs.exact.get(s)) == len(rows)
        ]
        why = f"label {chain.label} names"
        if len(fits) > 1:  # several vectors by label (`updated_weights` after each epoch): by value
            by_value = [s for s in fits if any(_matches(rows, v.get(s)) for v in (cs.exact, cs.author))]
            if len(by_value) == 1:
                why = f"label {chain.label} fits {', '.join(fits)}; only {by_value[0]} matches by value:"
            fits = by_value
        if len(fits) != 1:
            continue
        (step,) = fits
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
            continue
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
    _iteration_of_statement(model, chains, state, out, cs)
    return out


def _group_positions(ws) -> dict[str, tuple[str, int]]:
    members: dict[str, list[str]] = {}
    for name, st in ws.steps.items():
        if st.group:
            members.setdefault(st.group, []).append(name)
    return {m: (g, i) for g, ms in members.items() for i, m in enumerate(ms)}


def _iteration_of_statement(model: _Model, chains: list[_Chain], state: _State, out, cs) -> None:
    """A run's final values printed beside its history (`updated_bias = -0.0214, mse_values =
    [0.2386, 0.2348]`): a label that fits one member of a group per iteration (b_1, b_2, b_3) and
    takes the iteration of the last member of another group the same line prints as a list (mse_1,
    mse_2: b_2), also over a sibling it matches by value (b_1), when the line's lists agree on it."""
    pos = _group_positions(model.ws)
    history: dict[int, dict[str, set[int]]] = {}  # line -> group -> iterations its claims report
    for o in state.outcomes.values():
        step = o.target.split("[")[0]
        if o.kind == "claim" and step in pos and o.proposed is None:
            g, i = pos[step]
            history.setdefault(o.number.line, {}).setdefault(g, set()).add(i)
    for chain in chains:
        if chain.label is None or len(chain.segments) < 2 or not chain.numbers:
            continue
        names, _ = model.names.resolve(chain.label)
        groups = {pos[n][0] for n in names if n in pos}
        if len(names) < 2 or len(groups) != 1 or any(n not in pos for n in names):
            continue
        (g,) = groups
        # the history: another group of which the line prints two iterations or more (a list)
        its = {max(i) for h, i in history.get(chain.line, {}).items() if h != g and len(i) >= 2}
        nums = chain.numbers
        bound = [state.outcomes.get(_key(n)) for n in nums]
        if len(its) != 1 or any(_bound_by_value(o) and o.target.split("[")[0] not in names for o in bound):
            continue
        (k,) = its
        step = next((n for n in names if pos[n][1] == k), None)
        if step is None or step in state.claims or step in out:
            continue  # (a sibling's by-value match, b_1 = -0.0083 for b_2, gives way to the line's iteration)
        size = _size(cs.exact.get(step))
        if size != len(nums) or (size > 1 and len(chain.segments[-1].numbers) != size):
            continue
        why = (
            f"label {chain.label} fits {', '.join(names)}; the line reports iteration {k + 1} (its list "
            f"runs to iteration {k + 1} of its group), so {step}"
        )
        for o in list(state.claims.values()):
            if any(o.number is n for n in nums):
                del state.claims[o.target]
        elements = []
        for i, n in enumerate(nums):
            target = f"{step}[{i}]" if size > 1 else step
            o = Outcome(
                n,
                "claim",
                target=target,
                text=n.plain,
                reason=f"{why}; printed {n.text}, judged by the runner",
            )
            state.outcomes[_key(n)] = o
            elements.append(o)
        if size > 1:
            out[step] = elements
        else:
            state.claims[step] = elements[0]


def _bound_by_value(o: Outcome | None) -> bool:
    return o is not None and o.kind in ("claim", "repeat", "given", "operand") and o.proposed is None


def _by_element_labels(model: _Model, chain: _Chain, rows, cs, state: _State) -> bool:
    """`mse_values = [0.3033, 0.2942]` where the steps are labelled `mse_values[0]`, `mse_values[1]`:
    each element binds to the one scalar step its indexed label names (True when all do)."""
    steps = []
    for i in range(len(rows)):
        hit, _ = model.names.resolve(f"{chain.label}[{i}]")
        if len(hit) != 1 or hit[0] not in model.ws.steps or hit[0] in model.vector:
            return False
        steps.append(hit[0])
    if len(set(steps)) != len(steps):
        return False
    for i, (n, step) in enumerate(zip(rows, steps)):
        prev = state.claims.get(step)
        if prev is not None and prev.number is not n:
            same = prev.number.printed.value == n.printed.value
            state.outcomes[_key(n)] = Outcome(
                n,
                "repeat" if same else "ambiguous",
                target=step if same else "",
                candidates=[] if same else [step],
                text=n.plain,
                reason=f"label {chain.label}[{i}] names {step}, "
                + (
                    f"printed again (line {prev.number.line})"
                    if same
                    else f"already printed {prev.number.text} on line {prev.number.line}"
                ),
            )
            continue
        exact = cs.exact.get(step)
        how = (
            f"exact {_g(_scalar(exact))}"
            if _fits(n.printed, _scalar(exact))
            else (f"exact {_g(_scalar(exact))}; printed {n.text} fits no rule, so the runner judges it")
        )
        o = Outcome(
            n, "claim", target=step, text=n.plain, reason=f"label {chain.label}[{i}] names {step}: {how}"
        )
        state.claims[step] = o
        state.outcomes[_key(n)] = o
    return True


def _matches(rows, value) -> bool:
    """Every printed element fits the vector's value (None: no value)."""
    if value is None:
        return False
    flat = np.asarray(value, dtype=np.float64).reshape(-1)
    return flat.size == len(rows) and all(_fits(n.printed, float(v)) for n, v in zip(rows, flat))


def _size(v) -> int:
    return 0 if v is None else int(np.asarray(v).size)
