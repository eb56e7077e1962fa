"""Tables of iterations: a header that starts with the iteration (`Iteration x_1 x_2 ∇f`), then one
row per iteration that starts with its number (`2 0 - 1*0 -3 - 1*3 (0, 3)`); rows of `...` are
skipped. A worksheet that unrolls the iterations names each step with the iteration as a suffix
(`x1_2`, `g1_2`); a row's cell in a column is about the step of that column's family whose name
ends with the row's iteration:

- one number: that step's value;
- an update (`0 - 1*0`: old - lr * gradient) of a step declared `means=update(of, lr=...)`: its
  first number is the value it updates (`of`, the step of the iteration before), printed;
- a tuple under a gradient (`∇f`: `(0, 3)`): the steps of that iteration that declare
  `means=grad(f, wrt=...)`, in the worksheet's order.

A claim is made only for a step not printed elsewhere; a row whose cells cannot be told apart
(more or fewer than the header's columns) is left to the binder.
"""

from __future__ import annotations

import dataclasses
import re

from ..core.printed import parse_printed
from .binder import _State
from .model import _fits, _g, _Model
from .numbers import Number, Scan, _key
from .result import Outcome

_INDEX_WORDS = {"iteration", "iter", "epoch", "step", "round", "k", "t", "n", "#"}
_TOKEN = re.compile(r"\([^()]*\)|\S+")
_UPDATE = re.compile(r"^\s*\S+\s*-\s*\S+\s*\*\s*\S+\s*$")


def bind_tables(model: _Model, scan: Scan, state: _State) -> None:
    """Claims from every table of iterations in `scan` (see the module's docstring)."""
    by_line = scan.by_line()
    for lineno, line in enumerate(scan.lines, 1):
        words = line.split()
        if len(words) < 3 or words[0].lower() not in _INDEX_WORDS or re.search(r"[=;]", line):
            continue
        if by_line.get(lineno):  # a header holds names, not numbers
            continue
        columns = words[1:]
        k = lineno + 1
        while k <= len(scan.lines) and scan.lines[k - 1].strip():
            row = scan.lines[k - 1]
            m = re.match(r"\s*(\d+)\s+(.*)$", row)
            if m is not None:
                cells = _cells(row, m.start(2), len(columns))
                for col, span in zip(columns, cells or []):
                    found = [n for n in by_line.get(k, []) if span[0] <= n.col - 1 < span[1]]
                    nums = [(n, _key(n)) for n in found]
                    if found and found[0].col - 2 == span[0] and row[span[0]] in "-\u2212":
                        nums[0] = (_signed(found[0]), nums[0][1])  # `-3 - 1*3`: the cell's sign
                    _cell(model, state, col, int(m.group(1)), row[span[0] : span[1]], nums, lineno)
            elif set(row.split()) != {"..."}:
                break
            k += 1


def _cells(row: str, start: int, count: int) -> list[tuple[int, int]] | None:
    """The spans of a row's `count` cells: operators standing alone join the tokens around them;
    with one cell too many, a signed cell joins the one before it (`-30 -1*3` is one)."""
    toks = [(m.start(), m.end()) for m in _TOKEN.finditer(row, start)]
    cells: list[list[int]] = []
    join = False
    for a, b in toks:
        t = row[a:b]
        if t in ("-", "+", "*", "/", "\u2212"):
            if cells:
                cells[-1][1] = b
                join = True
            continue
        if join or (cells and (t[0] in "*/" or row[cells[-1][1] - 1] in "*/+-")):
            cells[-1][1] = b
        else:
            cells.append([a, b])
        join = False
    for i in range(len(cells) - 1, 0, -1):
        if len(cells) <= count:
            break
        if row[cells[i][0]] in "-\u2212":
            cells[i - 1][1] = cells.pop(i)[1]
    return [(a, b) for a, b in cells] if len(cells) == count else None


def _cell(model: _Model, state: _State, column: str, k: int, text: str, nums: list[tuple], header: int):
    """The claims of one cell: `nums` are its (number, key of the number the finder read)."""
    ws = model.ws
    at_k = re.compile(rf"(?<![0-9]){k}$")
    where = f"row {k} of the table of iterations under line {header}, column {column}"
    if column.startswith(("\u2207", "\\nabla")) and text.strip().startswith("("):
        fn = re.sub(r"^(?:\u2207|\\nabla)\s*", "", column)
        losses = set(model.names.resolve(fn)[0])  # the function whose gradient the column holds
        grads = [
            s
            for s, st in ws.steps.items()
            if st.means is not None
            and st.means.kind == "grad"
            and at_k.search(s)
            and (st.means.loss or ws.loss) in losses
        ]
        if len(grads) == len(nums):
            for s, n in zip(grads, nums):
                _claim(model, state, s, n, f"{where} (the gradient of {fn}: {', '.join(grads)})")
        return
    family = [s for s in model.names.resolve(column)[0] if s in ws.steps and at_k.search(s)]
    if len(family) != 1:
        return
    step = ws.steps[family[0]]
    if len(nums) == 1 and text.strip() == nums[0][0].text:
        _claim(model, state, family[0], nums[0], where)
    elif len(nums) == 3 and _UPDATE.match(text) and step.means is not None and step.means.kind == "update":
        of = step.means.of
        if of in ws.steps:
            _claim(model, state, of, nums[0], f"{where}: the value {family[0]} updates (old - lr * gradient)")


def _signed(n: Number) -> Number:
    """`n` with the minus sign printed just before it (read as binary by the finder, across the
    space between two cells)."""
    text = "-" + n.text
    return dataclasses.replace(n, text=text, printed=parse_printed(text), col=n.col - 1, canonical="")


def _claim(model: _Model, state: _State, step: str, number: tuple, why: str) -> None:
    if step not in state.claims:
        put_claim(model, state, step, number, why)


def put_claim(model: _Model, state: _State, step: str, number: tuple, why: str) -> None:
    """`number` (a Number and its key) as the claim of `step`, its reason `why` and the exact value
    (or that the printed value fits no rule, for the runner to judge)."""
    n, key = number
    v = model.exact.get(step)
    how = f"exact {_g(v)}"
    if not _fits(n.printed, v):
        how += f"; printed {n.text} fits no rule, so the runner judges it"
    o = Outcome(n, "claim", target=step, reason=f"{why}; {how}", text=n.plain)
    state.claims[step] = o
    state.outcomes[key] = o
