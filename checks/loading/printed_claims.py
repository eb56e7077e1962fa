"""A case's printed numbers, read against its worksheet: one row per printed number (`delta_4`,
`out[1]`) and per operand printed inside a step's expression (`a3<-y3`), with the values the
author's chain takes from them (DESIGN.md section 2)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from ..core.errors import GradauditError
from ..core.printed import Printed, PrintedError, operand_fits, parse_printed
from ..core.vocab import Worksheet
from .schema import Case, ClaimDetail


class RunError(GradauditError, ValueError):
    """A case that names what its reference does not have (a claim on no step, ...).

    `path` is where in the case the problem is (`("claims", "y3")`), so the runner can locate it
    at the file's line and column (`LoadedCase.error`); `at_key` points at the key, not its value
    (an unknown name). Without a path the error is located at the case's first line."""

    def __init__(self, message: str, path: tuple | None = None, *, at_key: bool = False):
        super().__init__(message)
        self.message, self.path, self.at_key = message, path, at_key


class CaseSource(Protocol):
    """What running a case needs of it: its spec, where it is, and the text of each value as
    printed (`text("claims", "y3")` -> "0.560"; None where there is none). `cases.LoadedCase`."""

    spec: Case
    file: str
    line: int

    def text(self, *path: Any) -> str | None: ...


@dataclass
class PrintedClaim:
    row: str
    step: str  # the step or given value whose value it prints
    idx: tuple[int, ...]
    printed: Printed
    operand_of: str | None = None  # for an operand row: the step whose expression printed it
    path: tuple = ()  # where the printed number is in the case (`("claims", "out", 1)`)


@dataclass
class PrintedClaims:
    """`printed[step][index]` and `operands[step][input]` are the values the author's chain takes;
    `operand_claims[step]` the operand rows of a step's expression (`a3<-y3`)."""

    claims: list[PrintedClaim] = field(default_factory=list)
    printed: dict[str, dict[tuple[int, ...], float]] = field(default_factory=dict)
    operands: dict[str, dict[str, float]] = field(default_factory=dict)
    operand_claims: dict[str, list[PrintedClaim]] = field(default_factory=dict)

    def by_step(self) -> dict[str, list[PrintedClaim]]:
        out: dict[str, list[PrintedClaim]] = {}
        for c in self.claims:
            out.setdefault(c.step, []).append(c)
        return out

    def all_operands(self) -> list[PrintedClaim]:
        return [c for cs in self.operand_claims.values() for c in cs]


def printed_of(case: CaseSource, path: tuple, value: Any) -> Printed:
    text = case.text(*path)
    try:
        return parse_printed(text if text is not None else value)
    except PrintedError as exc:
        raise RunError(str(exc), path) from exc


def element_name(name: str, idx: tuple[int, ...]) -> str:
    return name if not idx else f"{name}[{','.join(map(str, idx))}]"


def _flatten_printed(
    case: CaseSource, path: tuple, value: Any, idx: tuple[int, ...] = ()
) -> list[tuple[tuple[int, ...], Printed, tuple]]:
    if isinstance(value, list):
        out = []
        for i, v in enumerate(value):
            out.extend(_flatten_printed(case, path + (i,), v, idx + (i,)))
        return out
    return [(idx, printed_of(case, path, value), path)]


def scalar(arr: np.ndarray | None, idx: tuple[int, ...]) -> float | None:
    """The element `idx` of a value as a float (a size-1 array counts as a scalar)."""
    if arr is None:
        return None
    a = np.asarray(arr)
    if idx == () and a.ndim > 0:
        if a.size == 1:
            return float(a.reshape(()))
        raise RunError(f"a scalar claim on a value of shape {a.shape}: give one printed number per element")
    try:
        return float(a[idx])
    except IndexError as exc:
        raise RunError(f"index {list(idx)} is outside a value of shape {a.shape}") from exc


def _operand_claims(
    case: CaseSource, ws: Worksheet, key: str, detail: ClaimDetail, out: PrintedClaims
) -> None:
    """One operand row per printed number (`z1<-a0W1[1]` for an element of an array input); the
    author's chain takes the whole printed value in place of the input."""
    step = ws.steps.get(key)
    for inp, op in detail.operands.items():
        where = ("claims", key, "operands", inp)
        if step is None or inp not in step.inputs:
            raise RunError(
                f"{key!r} has no input {inp!r}"
                + (f" (its inputs: {', '.join(step.inputs)})" if step else f" ({key!r} is a given value)"),
                where,
                at_key=True,
            )
        elements = _flatten_printed(case, where, op)
        if isinstance(op, list):
            try:
                value: Any = np.array(_nest(op, elements), dtype=np.float64)
            except ValueError as exc:  # rows of different lengths
                why = f"the operand {inp!r} is ragged: give every row as many numbers"
                raise RunError(why, where) from exc
        else:
            value = elements[0][1].value
        out.operands.setdefault(key, {})[inp] = value
        for idx, p, at in elements:
            out.operand_claims.setdefault(key, []).append(
                PrintedClaim(f"{key}<-{element_name(inp, idx)}", inp, idx, p, operand_of=key, path=at)
            )


def _nest(raw: list, elements: list[tuple[tuple[int, ...], Printed, tuple]]) -> list:
    """The printed values of a list operand, nested as written."""
    values = iter(p.value for _, p, _ in elements)
    return [[next(values) for _ in r] if isinstance(r, list) else next(values) for r in raw]


def parse_claims(case: CaseSource, ws: Worksheet) -> PrintedClaims:
    """The case's printed numbers as rows, in the order of its `claims:`."""
    spec = case.spec
    known = set(ws.steps) | set(ws.given_names) | set(spec.given)
    out = PrintedClaims()
    for key, value in spec.claims.items():
        name, at = _element_key(key)  # `W1[0,1]: 0.5` claims one element of W1
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise RunError(
                f"no step or given value of {ws!r} is named {name!r}{hint}", ("claims", key), at_key=True
            )
        if at and isinstance(value, ClaimDetail) and value.operands:
            raise RunError(
                f"operands belong to a claim on the whole step {name!r}", ("claims", key), at_key=True
            )
        path: tuple = ("claims", key)
        raw, precision = value, None
        if isinstance(value, ClaimDetail):
            path, raw, precision = ("claims", key, "printed"), value.printed, value.precision
            if raw is None and not value.operands:
                raise RunError("give `printed:`, `operands:` or both", ("claims", key))
            _operand_claims(case, ws, name, value, out)
            if raw is None:  # an expression printed without its result: only its operands
                continue
        for idx, p, where in _flatten_printed(case, path, raw, at):
            if precision is not None:
                p = p.with_decimals(precision)
            out.claims.append(PrintedClaim(element_name(name, idx), name, idx, p, path=where))
            out.printed.setdefault(name, {})[idx] = p.value
    return out


_ELEMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\[(\d+(?:\s*,\s*\d+)*)\]$")


def _element_key(key: str) -> tuple[str, tuple[int, ...]]:
    """`W1[0,1]` -> ("W1", (0, 1)); any other key names a whole step."""
    m = _ELEMENT.match(key)
    if m is None:
        return key, ()
    return m.group(1), tuple(int(i) for i in m.group(2).split(","))


def check_claim_shapes(claims: PrintedClaims, values: dict[str, Any]) -> None:
    """Each printed number names one element of its step's value: a RunError located at the
    claim otherwise (a list on a scalar step, an index past the end, a flat list on a matrix)."""
    for c in claims.claims:
        v = values.get(c.step)
        if v is None:
            continue
        shape = np.shape(v)
        if c.idx == () and int(np.prod(shape)) == 1:
            continue
        if len(c.idx) == len(shape) and all(0 <= i < n for i, n in zip(c.idx, shape)):
            continue
        at = c.path
        while at and isinstance(at[-1], int):  # the claim itself, not one of its list's elements
            at = at[:-1]
        if c.idx == () and int(np.prod(shape)) == 0:
            why = f"a number for {c.step!r}, whose value is empty (shape {shape})"
        elif c.idx == ():
            why = f"one printed number for {c.step!r}, whose value has shape {shape}: give one per element"
        elif shape == ():
            why = f"a list of printed numbers for {c.step!r}, whose value is one number: give that number"
        else:
            why = (
                f"the element {list(c.idx)} of {c.step!r}, whose value has shape {shape}: give "
                f"{'a list' if len(shape) == 1 else f'nested lists {len(shape)} deep'} of at most "
                f"{' x '.join(map(str, shape))} numbers"
            )
        raise RunError(f"this claim prints {why}", at)
    for step, by_input in claims.operands.items():
        for inp, value in by_input.items():
            v = values.get(inp)
            if operand_fits(value, v):
                continue
            raise RunError(
                f"the operand {inp!r} of {step!r} is printed with shape {np.shape(value)}, but {inp!r} "
                f"has shape {np.shape(v)}: give every element, as the value is laid out",
                ("claims", step, "operands", inp),
            )
