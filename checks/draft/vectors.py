"""Vector claims: a printed list (`a_1 = ... = [0.8808, 0.9084]`) bound element by element to the
step its label names, when that step holds a vector of the list's length."""

from __future__ import annotations

import re

import numpy as np

from .binder import _finer, _State
from .chains import _Chain, _Segment
from .givens import _vector_rows
from .model import _fits, _g, _Model, _scalar
from .numbers import Number, _key
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
        label = _chain_label(model, chain)
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
        if rows and any(n.exponent for r in rows for n in (r if isinstance(r, list) else [r])):
            continue  # `[e^{0.05} \\ e^{0.17}]`: what is raised, not the list's values
        if not rows or len(rows) < 2:
            if chain.matrices:
                _input_matrices(model, cs, chain, label, state, out)
            continue
        is_list = not isinstance(rows[0], list)
        if is_list and chain.label and _by_element_labels(model, chain, rows, cs, state):
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
        vector_steps = [s for s in names if s in model.vector and s in model.ws.steps]
        fits = [s for s in vector_steps if _size(cs.exact.get(s)) == len(rows)]
        why = f"{_said(chain, label)} names"
        restated = [
            g for g in names if g not in model.ws.steps and model.given.get(g) is not None
            and _matches(rows, model.given[g])
        ]
        if restated and not any(_matches(rows, v.get(s)) for s in fits for v in (cs.exact, cs.author)):
            continue  # `c = [0.25, 0.25]` under the label an update of c goes by: c restated
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
            _input_matrices(model, cs, chain, label, state, out, skip=last)
    _iteration_of_statement(model, chains, state, out, cs)
    return out


def _chain_label(model: _Model, chain: _Chain) -> str | None:
    """The chain's label; without one, the step its expression names: by its structure (`h1^T
    dloss/dscores = ...`) or spelled as the step's label is (`e^{Z[4]} = ...`, `W[2]^T dZ[2] = ...`)."""
    if chain.label is not None or not chain.form:
        return chain.label
    by_form = model.names.by_structure(chain.form)
    if not by_form:
        hit, tier = model.names.resolve(chain.form, among=set(model.ws.steps))
        by_form = hit if tier == "name" else []  # not a verdict: a label-match tier
    return by_form[0] if len(by_form) == 1 else None


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
        if grid is not None and len(steps) == 1 and len(grid) > 1 and all(len(r) == 1 for r in grid):
            grid = [[r[0] for r in grid]]  # a column of expressions (`[0.5 + 0.1 \\ -0.2 - 0.1]`): one vector
        if grid is None or len(grid) != len(steps):
            continue
        for step, elements in zip(steps, grid):
            picked = _by_element(model, cs, step, elements, out)
            for inp, nums in picked.items():
                if inp in model.ws.steps and inp not in out and inp not in state.claims:
                    why = f"printed inside {step}'s expression element by element, as its input"
                    _bind_one(inp, nums, why, cs, state, out)


def _input_matrices(
    model: _Model, cs, chain: _Chain, label: str, state: _State, out, skip: _Segment | None = None
) -> None:
    """Matrices printed as the operands of the one vector step the label names (`z_1 = [3.8, 4.8] +
    [0.5, 0.5]`, over lines or on one): one that matches an input step of that step by value,
    element by element, and that input printed nowhere else, is that input's claim (`a_0 W_1`,
    printed only here). `skip`: the segment that holds the step's own value."""
    names, _ = model.names.resolve(label)
    steps = [s for s in names if s in model.vector and s in model.ws.steps]
    if len(steps) != 1:
        return
    on_line = [
        g
        for seg in chain.segments
        if seg is not skip and not seg.part_of and seg.numbers
        for g in _bracketed(seg)
    ]
    for mat in chain.matrices + on_line:
        flat = mat[0] if len(mat) == 1 else [r[0] for r in mat] if len(mat[0]) == 1 else None
        if flat is None or len(flat) < 2:
            continue
        # `[1, 0]` (x) fits [0.5, -0.2] at no decimals: integers stand for an input only exactly
        exactly = all(n.is_integer for n in flat)
        fits = [
            i
            for i in model.ws.steps[steps[0]].inputs
            if i in model.vector and _size(cs.exact.get(i)) == len(flat)
            and any(_matches(flat, v.get(i), exactly) for v in (cs.exact, cs.author))
        ]
        if len(fits) == 1 and fits[0] in model.ws.steps and not (fits[0] in out or fits[0] in state.claims):
            why = f"printed as an operand of {steps[0]} ({_said(chain, label)}), matching by value"
            _bind_one(fits[0], flat, why, cs, state, out)


def _bracketed(seg: _Segment) -> list[list[list[Number]]]:
    """The lists and matrices a segment prints whole (`[4.5, 1.5] + [0.25, 0.25]`), each a list of
    rows of numbers; one whose elements are expressions is none of them."""
    out = []
    pat = r"\\begin\s*\{[pbvB]?matrix\}.*?\\end\s*\{[pbvB]?matrix\}|\[[^\[\]]*\]"
    for m in re.finditer(pat, seg.text):
        rows = _vector_rows(m.group(0), seg.start + m.start(), seg.numbers)
        if rows:
            out.append(rows if isinstance(rows[0], list) else [rows])
    return out


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
        again = [o.number.printed.value for o in out[step]] == [n.printed.value for n in rows] or (
            len(out[step]) == len(rows)
            and all(_finer(o.number.printed, n.printed) for o, n in zip(out[step], rows))
        )
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


def _matches(rows, value, exactly: bool = False) -> bool:
    """Every printed element fits the vector's value (None: no value); `exactly`: is it."""
    if value is None:
        return False
    flat = np.asarray(value, dtype=np.float64).reshape(-1)
    if exactly:
        return flat.size == len(rows) and all(
            abs(n.printed.value - float(v)) <= 1e-9 * max(1.0, abs(float(v))) for n, v in zip(rows, flat)
        )
    return flat.size == len(rows) and all(_fits(n.printed, float(v)) for n, v in zip(rows, flat))


def _shape(v) -> tuple[int, ...]:
    return () if v is None else tuple(np.asarray(v).shape)


def _size(v) -> int:
    return 0 if v is None else int(np.asarray(v).size)
