"""Lines one print statement printed once per pass of a loop: iterations 1, 2, 3, ...

A program prints inside a loop (`for _ in range(3):` ... `print(f'thetas are now {params} with
loss {loss(Y, yhat)}')`); its output is that many lines of the same words with other numbers. Each
output line that the print's template matches (its words, a value for each `{...}`) is the
iteration of its rank among them, and each value is about the step of that iteration the
placeholder names: the name it prints (`params`) or the function it calls (`loss(Y, yhat)`), with
the iteration as a suffix (`params_2`, `loss_2`), as a worksheet that unrolls the iterations names
them. A list (`[1.13333333 0.26666667]`) binds element by element. Only a print after a `for` or
`while` line, and only when at least two output lines match, so one printout is not taken for a
loop's; a placeholder that names no such step binds nothing.
"""

from __future__ import annotations

import re

import numpy as np

from .binder import _State
from .model import _Model
from .numbers import Number, Scan, _key
from .printouts import _claim
from .result import Outcome
from .vectors import _bind_one

_PRINT = re.compile(r"""print\s*\(\s*f(?P<q>['"])(?P<template>.*?)(?P=q)\s*\)""")
_LOOP = re.compile(r"^\s*(?:for\s+\w+(?:\s*,\s*\w+)*\s+in\s+|while\s)")
_FIELD = re.compile(r"\{([^{}:!]+)(?:[:!][^{}]*)?\}")


def bind_loop_prints(model: _Model, scan: Scan, state: _State) -> None:
    """Claims from the lines each print in a loop printed (see the module's docstring)."""
    by_line = scan.by_line()
    for lineno, line in enumerate(scan.lines, 1):
        m = _PRINT.search(line)
        if m is None or not any(_LOOP.match(scan.lines[k - 1]) for k in range(max(1, lineno - 20), lineno)):
            continue
        fields = _FIELD.findall(m.group("template"))
        pattern = _pattern(m.group("template"))
        if not fields or pattern is None:
            continue
        hits = [
            (k, mm)
            for k in range(lineno + 1, min(len(scan.lines), lineno + 200) + 1)
            if (mm := pattern.fullmatch(scan.lines[k - 1].strip())) is not None
        ]
        if len(hits) < 2:
            continue
        for it, (k, mm) in enumerate(hits, 1):
            offset = len(scan.lines[k - 1]) - len(scan.lines[k - 1].lstrip())
            for f, field in enumerate(fields, 1):
                a, b = offset + mm.start(f), offset + mm.end(f)
                nums = sorted((n for n in by_line.get(k, []) if a <= n.col - 1 < b), key=lambda n: n.col)
                why = f"printed by the print of line {lineno} in a loop (output line {it}: {field.strip()})"
                _bind_field(model, state, _name(field), it, nums, why)


def _pattern(template: str) -> re.Pattern | None:
    """The output lines a print's f-string template prints: its words, a value per `{...}`."""
    parts = _FIELD.split(template)
    words = parts[0::2]
    if not any(w.strip() for w in words):
        return None  # `{a} {b}`: nothing tells its lines from other numbers
    body = r"(.+?)".join(r"\s+".join(re.escape(t) for t in w.split()) if w.strip() else r"\s*" for w in words)
    body = re.sub(r"(\\s\+)?\(\.\+\?\)(\\s\+)?", lambda m: r"\s*(.+?)\s*", body)
    return re.compile(body)


def _name(field: str) -> str:
    """`params` -> params; `loss(Y, yhat)` -> loss; `self.w` -> w; `params[0]` -> params."""
    m = re.match(r"\s*(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*)", field)
    return m.group(1) if m else ""


def _bind_field(model: _Model, state: _State, name: str, it: int, nums: list[Number], why: str) -> None:
    """The numbers a placeholder printed on output line `it`, as the step `name` of iteration `it`."""
    if not name or not nums:
        return
    hits, _ = model.names.resolve(f"{name}_{it}", among=set(model.ws.steps))
    if len(hits) != 1:
        return
    step = hits[0]
    cs = model.chains(state.printed(), state.operand_values())
    exact = cs.exact.get(step)
    shape = np.shape(exact) if exact is not None else ()
    if len(nums) == 1 and shape == ():
        _unclaim_by_value(state, step, nums[0])
        _claim(model, state, step, (nums[0], _key(nums[0])), f"{why}, names {step}")
    elif exact is not None and len(shape) == 1 and shape[0] == len(nums):
        _bind_one(step, nums, f"{why}, names", cs, state, state.vectors)


def _unclaim_by_value(state: _State, step: str, n: Number) -> None:
    """The step's claim made by its value alone (a `1` in prose that 0.667 rounds to) gives way to
    the number a printout names it with."""
    first = state.claims.get(step)
    if first is None or _key(first.number) == _key(n) or first.number.printed.value == n.printed.value:
        return
    if not re.search(r"matches by value|the only value it matches", first.reason):
        return
    del state.claims[step]
    state.outcomes[_key(first.number)] = Outcome(
        first.number, "unbound", reason=f"matches {step} by value, but a printout on line {n.line} names it"
    )
