"""A case's printed numbers, read against its worksheet: one row per printed number (`delta_4`,
`out[1]`) and per operand printed inside a step's expression (`a3<-y3`), with the values the
author's chain takes from them (DESIGN.md section 2)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from ..core.errors import GradauditError
from ..core.printed import Printed, PrintedError, parse_printed
from ..core.vocab import Worksheet
from .schema import Case, ClaimDetail


class RunError(GradauditError, ValueError):
    """A case that names what its reference does not have (a claim on no step, ...)."""


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

    def scalar_text(self, step: str) -> str:
        """The printed text of a scalar claim on `step`."""
        return next(c.printed.text for c in self.claims if c.step == step and c.idx == ())


def printed_of(case: CaseSource, path: tuple, value: Any) -> Printed:
    text = case.text(*path)
    try:
        return parse_printed(text if text is not None else value)
    except PrintedError as exc:
        raise RunError(f"{'.'.join(map(str, path))}: {exc}") from exc


def element_name(name: str, idx: tuple[int, ...]) -> str:
    return name if not idx else f"{name}[{','.join(map(str, idx))}]"


def _flatten_printed(
    case: CaseSource, path: tuple, value: Any, idx: tuple[int, ...] = ()
) -> list[tuple[tuple[int, ...], Printed]]:
    if isinstance(value, list):
        out = []
        for i, v in enumerate(value):
            out.extend(_flatten_printed(case, path + (i,), v, idx + (i,)))
        return out
    return [(idx, printed_of(case, path, value))]


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
    step = ws.steps.get(key)
    for inp, op in detail.operands.items():
        if step is None or inp not in step.inputs:
            raise RunError(
                f"claims.{key}.operands.{inp}: {key!r} has no input {inp!r}"
                + (f" (its inputs: {list(step.inputs)})" if step else "")
            )
        p = printed_of(case, ("claims", key, "operands", inp), op)
        out.operands.setdefault(key, {})[inp] = p.value
        out.operand_claims.setdefault(key, []).append(
            PrintedClaim(f"{key}<-{inp}", inp, (), p, operand_of=key)
        )


def parse_claims(case: CaseSource, ws: Worksheet) -> PrintedClaims:
    """The case's printed numbers as rows, in the order of its `claims:`."""
    spec = case.spec
    known = set(ws.steps) | set(ws.given_names) | set(spec.given)
    out = PrintedClaims()
    for key, value in spec.claims.items():
        name, at = _element_key(key)  # `W1[0,1]: 0.5` claims one element of W1
        if name not in known:
            raise RunError(f"claims.{key}: no step or given value of {ws!r} is named {name!r}")
        if at and isinstance(value, ClaimDetail) and value.operands:
            raise RunError(f"claims.{key}: operands belong to a claim on the whole step {name!r}")
        path: tuple = ("claims", key)
        raw, precision = value, None
        if isinstance(value, ClaimDetail):
            path, raw, precision = ("claims", key, "printed"), value.printed, value.precision
            if raw is None and not value.operands:
                raise RunError(f"claims.{key}: give `printed:`, `operands:` or both")
            _operand_claims(case, ws, name, value, out)
            if raw is None:  # an expression printed without its result: only its operands
                continue
        for idx, p in _flatten_printed(case, path, raw, at):
            if precision is not None:
                p = p.with_decimals(precision)
            out.claims.append(PrintedClaim(element_name(name, idx), name, idx, p))
            out.printed.setdefault(name, {})[idx] = p.value
    return out


_ELEMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\[(\d+(?:\s*,\s*\d+)*)\]$")


def _element_key(key: str) -> tuple[str, tuple[int, ...]]:
    """`W1[0,1]` -> ("W1", (0, 1)); any other key names a whole step."""
    m = _ELEMENT.match(key)
    if m is None:
        return key, ()
    return m.group(1), tuple(int(i) for i in m.group(2).split(","))
