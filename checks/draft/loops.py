"""Lines one print statement printed once per pass of a loop: iterations 1, 2, 3, ...

A program prints inside a loop (`for _ in range(3):` ... `print(f'thetas are now {params} with
loss {loss(Y, yhat)}')`); its output is that many lines of the same words with other numbers. Each
output line that the print's template matches (its words, a value for each `{...}`) is the
iteration of its rank among them, and each value is about the step of that iteration the
placeholder names: the name it prints (`params`) or the function it calls (`loss(Y, yhat)`), with
the iteration as a suffix (`params_2`, `loss_2`), as a worksheet that unrolls the iterations names
them. Words that print a value under a name of its own (`g = {w:.3f}`, a print statement's slip)
name the step: the line claims g, and the runner judges it. A list (`[1.13333333 0.26666667]`)
binds element by element. Only a print in a loop (a `for` or `while` line that opens a block
holding it, or among the 20 lines above it when a page lost its indentation), and only when at
least two output lines match, so one printout is not taken for a loop's; a placeholder that names
no such step binds nothing. A line's place names its iteration: the step's claim the binder made
by value (a wrong number fits another iteration's value) gives way to it.
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
# the binder's reasons for a claim it chose by value: among the steps a label fits, or none
_BY_VALUE = r"matches by value|the only value it matches|matches through a slip|no reading of them matches"
_FIELD = re.compile(r"\{([^{}:!]+)(?:[:!][^{}]*)?\}")


def bind_loop_prints(model: _Model, scan: Scan, state: _State) -> None:
    """Claims from the lines each print in a loop printed (see the module's docstring)."""
    by_line = scan.by_line()
    for lineno, line in enumerate(scan.lines, 1):
        m = _PRINT.search(line)
        if m is None or not _in_loop(scan.lines, lineno):
            continue
        fields = _FIELD.findall(m.group("template"))
        labels = _labels(m.group("template"))
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
                name = _name(field)
                if labels[f - 1] and labels[f - 1] != name and _step(model, labels[f - 1], it):
                    why += f", under the label {labels[f - 1]!r} (what the line says it is)"
                    name = labels[f - 1]
                _bind_field(model, state, name, it, nums, why)


def _in_loop(lines: list[str], lineno: int) -> bool:
    """Whether the print on line `lineno` runs in a loop: a `for` or `while` line among the 20 lines
    above it (a page that lost its indentation), or one that opens a block holding it (the lines
    above it indented less, however long the loop's body)."""
    if any(_LOOP.match(lines[k - 1]) for k in range(max(1, lineno - 20), lineno)):
        return True
    indent = len(lines[lineno - 1]) - len(lines[lineno - 1].lstrip())
    for k in range(lineno - 1, 0, -1):
        line = lines[k - 1]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.lstrip().startswith("```"):
            return False  # the code block's start: nothing above it holds the print
        own = len(line) - len(line.lstrip())
        if own < indent:
            if _LOOP.match(line):
                return True
            indent = own  # an `if`, a `def`: the block that holds it may sit in a loop
        if indent == 0:
            return False
    return False


def _labels(template: str) -> list[str]:
    """Per `{...}` of an f-string template, the name its words print it under (`g = {w:.3f}`: g;
    `w {w}`: w; `mean loss = {l:.2f}`: loss), or "" when the words before it end in none."""
    parts = _FIELD.split(template)
    out = []
    for words in parts[0:-1:2]:
        m = re.search(r"([A-Za-z_]\w*)\s*(?:=|:)?\s*$", words)
        out.append(m.group(1) if m else "")
    return out


def _step(model: _Model, name: str, it: int) -> str | None:
    """The one step `name` of iteration `it` names, or None."""
    hits, _ = model.names.resolve(f"{name}_{it}", among=set(model.ws.steps))
    return hits[0] if len(hits) == 1 else None


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
    step = _step(model, name, it)
    if step is None:
        return
    cs = model.chains(state.printed(), state.operand_values())
    exact = cs.exact.get(step)
    shape = np.shape(exact) if exact is not None else ()
    if len(nums) == 1 and shape == ():
        _unclaim_by_value(state, step, nums[0])
        _claim(model, state, step, (nums[0], _key(nums[0])), f"{why}, names {step}")
    elif exact is not None and len(shape) == 1 and shape[0] == len(nums):
        _bind_one(step, nums, f"{why}, names", cs, state, state.vectors)


def _unclaim_by_value(state: _State, step: str, n: Number) -> None:
    """The step's claim made by its value (a `1` in prose that 0.667 rounds to; of the iterations a
    label fits, the one whose value it matches, or matches through a slip) gives way to the number
    the loop printed on that iteration's line: a line's place names its iteration, a value only
    guesses it (a wrong number fits another iteration's value)."""
    first = state.claims.get(step)
    if first is None or _key(first.number) == _key(n) or first.number.printed.value == n.printed.value:
        return
    if not re.search(_BY_VALUE, first.reason):
        return
    del state.claims[step]
    state.outcomes[_key(first.number)] = Outcome(
        first.number, "unbound", reason=f"matches {step} by value, but a printout on line {n.line} names it"
    )
