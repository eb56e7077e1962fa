"""Printouts: values a program printed, named by what printed them rather than by a label beside them.

- a row of names over a row of values (R's named vectors `## z1 h1 y` / `## -0.70 0.33 0.57`,
  pandas and numpy prints with an index column, a header line `=forward: h1, h2, o1, o2=` then a
  line of bare numbers): each value is about the step its column's name names;
- an output under a code cell whose last line is a bare name (`a2` then `Out [7]:` and
  `array([[0.4738889]])`, or R's `Etotal` then `## [1] 0.09095176`): the step that name names,
  element by element for a list or a matrix. A name the code set again from itself above
  (`W2 = W2 - learning_rate * ...`, then a cell `W2`) is the step that updates it.

A name that names no step, or several, binds nothing; a step printed already keeps its first
claim (a later printing of the same values restates it). These readings replace what the binder
made of a number by its value alone, since the printout names it.
"""

from __future__ import annotations

import re

import numpy as np

from .binder import _State
from .model import _Model
from .numbers import Number, Scan, _key
from .result import Outcome
from .tables import _signed, put_claim
from .vectors import _bind_one

_NAME = r"[A-Za-z_][A-Za-z0-9_.]*(?:\[[^\[\]]*\])?"
_PREFIX = re.compile(r"^\s*(?:#+\s*)?(?:\[\d+\]\s+)?")  # knitr's `## `, R's `[1] `
_NUMBER_TOKEN = re.compile(r"^[-\u2212]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")
_SKIP_LINE = re.compile(r"^\s*(?:Out\s*\[\s*\d*\s*\]\s*:?|```\w*|~~~\w*|-{3,}.*)\s*$")


def bind_printouts(model: _Model, scan: Scan, state: _State) -> None:
    """Claims from the printouts of `scan` (see the module's docstring)."""
    by_line = scan.by_line()
    for lineno, line in enumerate(scan.lines, 1):
        found = None
        if not by_line.get(lineno):  # the header's own names, else those of the print call after its
            whys = (
                "in the row of names on line {}",
                "printed by the print call after the one of line {}'s header",
            )
            found = next(
                (
                    (ns, why.format(lineno))
                    for ns, why in zip((_header(line), _printed_by(scan.lines, line)), whys)
                    if ns and _names_a_step(model, ns)
                ),
                None,
            )
        k = _next_line(scan.lines, lineno) if found else None
        if found and k is not None:
            _row(model, state, scan.lines, found, k, by_line.get(k, []))
        name = _bare_name(line)
        if name is not None:
            _output(model, state, scan, by_line, name, lineno)


def _header(line: str) -> list[str] | None:
    """The names a header line lists (two or more, nothing else), or None."""
    text = _PREFIX.sub("", line).strip().strip("=").strip()
    text = re.split(r"[:\uff1a]", text)[-1]  # `=forward: h1, h2=`: the names after the colon
    tokens = [t for t in re.split(r"[\s,\uff0c]+", text.strip().strip("=")) if t]
    if len(tokens) < 2 or not all(re.fullmatch(_NAME, t) for t in tokens):
        return None
    return tokens


def _printed_by(lines: list[str], header: str) -> list[str] | None:
    """The names a program prints on the line after the one that prints `header` (its output's
    header line, `=forward=` printed by `print("=====forward=====")`), from the next `print(...)`
    call (over lines while its parentheses are open): each argument's name, inside `round(x, 2)`."""
    key = _bare(header)
    if len(key) < 2:
        return None
    for i, line in enumerate(lines):
        m = re.match(r"""\s*print\s*\(\s*[fr]?(["'])(.*)\1\s*\)\s*$""", line)
        if m is None or _bare(m.group(2)) != key:
            continue
        j = next((k for k in range(i + 1, min(i + 4, len(lines))) if lines[k].strip()), None)
        if j is None or not re.match(r"\s*print\s*\(", lines[j]):
            return None
        call, k = lines[j].split("#")[0], j + 1
        while call.count("(") > call.count(")") and k < min(len(lines), j + 10):
            call += " " + lines[k].split("#")[0].strip()
            k += 1
        if call.count("(") != call.count(")"):
            return None  # a call the text cuts off
        args = _arguments(call[call.index("(") + 1 : call.rindex(")")])
        names = [_inner_name(a) for a in args]
        return names if len(names) >= 2 and all(names) else None
    return None


def _bare(text: str) -> str:
    return re.sub(r"[\s=*#\-]+", "", text)


def _arguments(text: str) -> list[str]:
    """The top-level arguments of a call's text."""
    out, depth, cur = [], 0, ""
    for c in text:
        if c == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
            continue
        depth += (c in "([{") - (c in ")]}")
        cur += c
    return [a for a in out + [cur.strip()] if a]


def _inner_name(arg: str) -> str | None:
    """`round(d_w1, 2)`, `float(x)`, `np.round(x, 4)`, `x`: the name printed; None otherwise."""
    while True:
        m = re.fullmatch(r"(?:np\.|numpy\.)?(?:round|float|abs|np\.squeeze|item)\s*\((.*)\)", arg.strip())
        if m is None:
            break
        arg = _arguments(m.group(1))[0]
    return arg.strip() if re.fullmatch(r"[A-Za-z_]\w*", arg.strip()) else None


def _next_line(lines: list[str], lineno: int) -> int | None:
    """The next line that is not blank (within two lines), as a 1-based number."""
    for k in range(lineno + 1, min(lineno + 3, len(lines)) + 1):
        if lines[k - 1].strip():
            return k
    return None


def _row(model: _Model, state: _State, lines, found: tuple[list[str], str], k: int, nums: list[Number]):
    """The values of line `k` under the header's names (`found`: the names and where they come
    from): one bare number per name (an index column before them is dropped)."""
    names, where = found
    tokens = _PREFIX.sub("", lines[k - 1]).split()
    if not tokens or not all(_NUMBER_TOKEN.match(t) for t in tokens) or len(nums) < len(names):
        return
    nums = sorted(nums, key=lambda n: n.col)[-len(names) :]
    if len(tokens) not in (len(names), len(names) + 1):
        return
    line = lines[k - 1]
    for name, n in zip(names, nums):
        number = (_signed(n), _key(n)) if n.col >= 2 and line[n.col - 2] in "-\u2212" else (n, _key(n))
        step = _step_named(model, name)
        if step is not None and step not in model.vector:
            why = f"the value under {name} {where}"
            _claim(model, state, step, number, why)


def _names_a_step(model: _Model, names: list[str]) -> bool:
    return any(_step_named(model, n) is not None for n in names)


def _step_named(model: _Model, name: str) -> str | None:
    hits, _ = model.names.resolve(name, among=set(model.ws.steps))
    return hits[0] if len(hits) == 1 else None


def _claim(model: _Model, state: _State, step: str, number: tuple[Number, tuple], why: str) -> None:
    """`number` as the claim of `step`, replacing a binding by value; a restatement when the step
    is claimed already with the same value."""
    n, key = number
    old = state.outcomes.get(key)
    first = state.claims.get(step)
    if first is not None and _key(first.number) != key:
        if first.number.printed.value == n.printed.value:
            state.outcomes[key] = Outcome(
                n, "repeat", target=step, text=n.plain, reason=f"{why}: {step} again"
            )
        return
    if old is not None and old.kind == "claim" and state.claims.get(old.target) is old:
        if old.target == step and old.number.printed.value == n.printed.value:
            old.reason = f"{why}; {old.reason}"  # the binder's reading of it, a slip it proposes kept
            return
        del state.claims[old.target]
    put_claim(model, state, step, number, why)


def _bare_name(line: str) -> str | None:
    """The name a line of code consists of (`a2`, `print(a2)`, `W1`), or None."""
    m = re.fullmatch(r"\s*(?:print\s*\(\s*)?([A-Za-z_]\w*)\s*\)?\s*;?\s*", line)
    if m is None or (line.strip().startswith("print") != line.strip().endswith(")")):
        return None
    return m.group(1)


def _output(model: _Model, state: _State, scan: Scan, by_line, name: str, lineno: int) -> None:
    """The output printed under the code line `lineno` (a bare name): its numbers, as the step."""
    k = lineno + 1
    while k <= len(scan.lines) and (not scan.lines[k - 1].strip() or _SKIP_LINE.match(scan.lines[k - 1])):
        k += 1
    rows, k0 = [], k
    while k <= len(scan.lines) and k < k0 + 40:
        body = _PREFIX.sub("", scan.lines[k - 1])
        if (
            not re.fullmatch(r"\s*(?:array\(|tensor\()?[\s\[\],\-\u2212\d.eE+]*\)?\s*", body)
            or not body.strip()
        ):
            break
        skip = len(scan.lines[k - 1]) - len(body)  # R's `[1]` is no value
        rows.append(sorted((n for n in by_line.get(k, []) if n.col > skip), key=lambda n: n.col))
        k += 1
    nums = [n for r in rows for n in r]
    if not nums or k == k0:
        return
    step = _updated(model, scan.lines, name, lineno) or _step_named(model, name)
    if step is None:
        return
    cs = model.chains(state.printed(), state.operand_values())
    exact = cs.exact.get(step)
    shape = np.shape(exact) if exact is not None else ()
    why = f"printed under the code line `{name}` (line {lineno}), which names"
    if len(nums) == 1 and shape == ():
        _claim(model, state, step, (nums[0], _key(nums[0])), f"{why} {step}")
    elif exact is not None and int(np.prod(shape)) == len(nums) and len(shape) >= 1:
        width = shape[-1] if len(shape) == 2 else 0
        _bind_one(step, nums, why, cs, state, state.vectors, width=width)


def _updated(model: _Model, lines: list[str], name: str, lineno: int) -> str | None:
    """The step that updates the given value `name` when the code above last set it from itself
    (`W2 = W2 - lr * g`)."""
    # (the notation's reading writes `W2 = W2 - ...` as `W2(new) = W2 - ...`)
    set_again = re.compile(rf"^\s*{re.escape(name)}\s*(?:\(new\))?\s*(?:=|<-)(?!=)(.*)$")
    for k in range(lineno - 1, 0, -1):
        m = set_again.match(lines[k - 1])
        if m is None:
            continue
        if not re.search(rf"\b{re.escape(name)}\b", m.group(1)):
            return None
        givens, _ = model.names.resolve(name, among=set(model.ws.given_names))
        ups = [
            s
            for s, st in model.ws.steps.items()
            if st.means is not None and st.means.kind == "update" and st.means.of in givens
        ]
        return ups[0] if len(ups) == 1 else None
    return None
