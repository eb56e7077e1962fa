"""Statements: claims that are one number about a Quantity or an Iteration of the reference."""

from __future__ import annotations

import inspect
import math
import re
from typing import Any

import numpy as np

from ..schema import StatementSpec
from ..vocab import Iteration, Quantity, Worksheet
from .binder import _State
from .labels import _Names
from .model import _Model, _scalar
from .numbers import Number, Scan
from .result import Outcome

_NEAR_CUES = (
    "near",
    "around",
    "about",
    "approximately",
    "roughly",
    "close to",
    "nearly",
    "almost",
    "~",
    "\u2248",
)
_LIMIT_CUES = (
    "converge",
    "closer",
    "approach",
    "tends",
    "tending",
    "going to",
    "going closer",
    "limit",
    "continue",
    "eventually",
    "settle",
)


def _sentence(lines: list[str], n: Number) -> str:
    line = lines[n.line - 1]
    cut = n.col - 1
    starts = [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z])", line[:cut])]
    start = starts[-1] if starts else 0
    m = re.search(r"[.!?\u2026](?=\s+[A-Z]|\s*$)", line[n.end :])
    end = n.end + m.end() if m else len(line)
    return line[start:end].strip()


def _iteration_start(ws: Worksheet, names: _Names, obj: Iteration, given: dict) -> str | None:
    params = [p.name for p in inspect.signature(obj.fn).parameters.values()]
    if not params:
        return None
    scalars = {g for g in given if _scalar(given[g]) is not None}
    if params[0] in scalars:
        return params[0]
    hit, _ = names.resolve(params[0], among=scalars)
    return hit[0] if len(hit) == 1 else None


def _iteration_steps(obj: Iteration, start: float, given: dict) -> int | None:
    params = list(inspect.signature(obj.fn).parameters.values())
    kwargs = {}
    for p in params[1:]:
        if p.kind is p.VAR_KEYWORD:
            kwargs.update({k: v for k, v in given.items() if k != params[0].name})
        elif p.name in given:
            kwargs[p.name] = given[p.name]
    w = float(start)
    with np.errstate(all="ignore"):
        for k in range(1, 2001):
            try:
                nxt = _scalar(obj.fn(w, **kwargs))
            except Exception:  # noqa: BLE001  (a start the iteration cannot take: no statement)
                return None
            if nxt is None:
                return None
            if abs(nxt - w) <= 4 * np.spacing(max(abs(w), abs(nxt))):
                return int(min(2000, max(20, math.ceil((k + 10) / 10) * 10)))
            w = nxt
    return None


def _bind_statements(ws: Worksheet, model: _Model, scan: Scan, state: _State, given: dict) -> dict[str, dict]:
    """Statement specs for prose numbers no step took; fills `state.outcomes`."""
    kinds = {n: o for n, o in ws.statements.items() if isinstance(o, (Quantity, Iteration))}
    if not kinds:
        return {}
    specs: dict[str, dict] = {}
    counts: dict[str, int] = {}
    for key, o in sorted(state.outcomes.items()):
        if o.kind != "unbound" or o.number.is_integer:
            continue
        n = o.number
        fits = _holding(kinds, n, ws, model, given)
        if not fits:
            continue
        sentence = _sentence(scan.lines, n)
        low = scan.lines[n.line - 1][: n.col - 1].lower()
        clause = low[max(low.rfind(". "), 0) :]
        fits, cue = _by_cue(fits, clause) if len(fits) > 1 else (fits, None)
        if len(fits) > 1:
            state.outcomes[key] = Outcome(
                n,
                "ambiguous",
                candidates=[f[0] for f in fits],
                reason=f"holds for the statements {', '.join(f[0] for f in fits)}",
            )
            continue
        name, spec, row = fits[0]
        counts[name] = counts.get(name, 0) + 1
        row_id = name if counts[name] == 1 else f"{name}_{counts[name]}"
        while row_id in ws.statements and row_id != name:
            counts[name] += 1
            row_id = f"{name}_{counts[name]}"
        spec = dict(spec, text=sentence)
        if row_id != name:
            spec["of"] = name
        specs[row_id] = spec
        state.outcomes[key] = Outcome(
            n,
            "statement",
            target=row_id,
            text=n.plain,
            reason=f"{row.explanation}" + (f"; the sentence says '{cue}'" if cue else ""),
        )
    return specs


def _holding(
    kinds: dict, n: Number, ws: Worksheet, model: _Model, given: dict
) -> list[tuple[str, dict, Any]]:
    """(statement, drafted spec, its row) for each statement of the reference that holds for `n`."""
    from ..statements import check_statement

    fits = []
    for name, obj in kinds.items():
        spec = _spec(obj, n, ws, model, given)
        if spec is None:
            continue
        try:
            st = StatementSpec(**{k: v for k, v in spec.items() if k != "claimed"}, claimed=n.plain)
            row = check_statement(name, obj, st, given, n.plain)
        except (ValueError, TypeError):
            continue
        if row.verdict == "holds":
            fits.append((name, spec, row))
    return fits


def _spec(obj: Quantity | Iteration, n: Number, ws: Worksheet, model: _Model, given: dict) -> dict | None:
    """The statement spec `n` drafts for a Quantity (near) or an Iteration (converges), or None."""
    p = n.printed
    if isinstance(obj, Quantity):
        tol = 0.5 * p.unit if not p.ellipsis else p.unit
        return {
            "method": "near",
            "claimed": n.plain,
            "tolerance": float(f"{tol:.12g}"),
            "chosen": ["tolerance"],
            "note": "drafted: the tolerance is half a unit of the printed last digit",
        }
    start = _iteration_start(ws, model.names, obj, given)
    if start is None:
        return None
    steps = _iteration_steps(obj, given[start], given)
    if steps is None:
        return None
    return {
        "method": "converges",
        "claimed": n.plain,
        "start": start,
        "steps": steps,
        "chosen": ["steps"],
        "note": f"drafted: {steps} steps take the iteration from {start} to its fixed point in float64",
    }


def _by_cue(fits: list, clause: str) -> tuple[list, str | None]:
    """Several statements hold: a word of the clause ("near", "converges") may pick one."""
    near = [f for f in fits if f[1]["method"] == "near"]
    limit = [f for f in fits if f[1]["method"] == "converges"]
    cue_near = next((c for c in _NEAR_CUES if c in clause), None)
    cue_limit = next((c for c in _LIMIT_CUES if c in clause), None)
    if cue_limit and not cue_near and len(limit) == 1:
        return limit, cue_limit
    if cue_near and not cue_limit and len(near) == 1:
        return near, cue_near
    return fits, None
