"""Layouts of given values: the same numbers in another shape, when the worksheet takes them so.

The text gives a list or a matrix in its own layout (numpy's `np.array([[1, 0, 1]])` is a row of
one row, `[[0.1], [0.2]]` a column), and the draft first reads it with its singleton dimensions
dropped, as most worksheets keep a row or a column as a plain list. A worksheet written in the
notebook's own shapes (`X @ W1 + b1` with X 1 x 3 and `a1.T @ g`) cannot be evaluated with those
lists. Then each list given value is tried in the other layouts of the same numbers in the same
order (as printed in the text, a row, a column, a plain list; a single number as a 1 x 1 matrix or
a scalar), fewest changes first: the first set of layouts the worksheet can be evaluated at is
taken, and each reshape is said in that given value's reason. Nothing is reshaped when the values
as read already evaluate.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import numpy as np

from ..core.vocab import Worksheet
from ..evaluating.worksheet import WorksheetError
from .givens import bracketed_literal
from .model import _Model

_TRIES = 48  # sets of layouts tried at most (each is one evaluation of the worksheet)
def printed_layout(lines: list[str], lineno: int, name_text: str, value) -> Any:
    """The nested list the text prints at line `lineno` for a given value read as `value` (the
    code literal after `=` or `<-`, continued below while its brackets are open), when it holds the
    same numbers in another shape; None otherwise."""
    line = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
    for m in re.finditer(r"(?:=|<-)\s*", line):
        got = bracketed_literal(lines, lineno, line[m.end() :])
        if got is None:
            continue
        if _same_numbers(got, value) and np.shape(got) != np.shape(value):
            return got
    return None


def _same_numbers(a, b) -> bool:
    try:
        x, y = np.asarray(a, dtype=np.float64).reshape(-1), np.asarray(b, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        return False
    return x.size == y.size and bool(np.all(x == y))


def _layouts(value, printed) -> list:
    """The other layouts of `value`'s numbers: as printed first, then row, column, list, scalar."""
    flat = np.asarray(value, dtype=np.float64).reshape(-1).tolist()
    if any(isinstance(v, int) for v in _leaves(value)):  # keep integers as the text gives them
        flat = [int(v) if float(v).is_integer() else v for v in flat]
    out = [printed] if printed is not None else []
    out += [[flat], [[v] for v in flat], flat]
    if len(flat) == 1:
        out.append(flat[0])
    shape = np.shape(value)
    seen, unique = {shape}, []
    for v in out:
        if np.shape(v) not in seen:
            seen.add(np.shape(v))
            unique.append(v)
    return unique


def _leaves(v):
    if isinstance(v, list):
        for x in v:
            yield from _leaves(x)
    else:
        yield v


def reshaped(ws: Worksheet, gv, lines: list[str]) -> _Model | None:
    """The model at the first set of layouts of the list given values (`gv`, as givens._Givens)
    the worksheet can be evaluated at, `gv` updated with the reshapes and why; None when none is."""
    options: dict[str, list] = {}
    as_printed: dict[str, Any] = {}
    for g in ws.given_names:
        value = gv.values.get(g)
        if not isinstance(value, list):
            continue
        m = re.match(r"line (\d+):", gv.source.get(g, ""))
        printed = printed_layout(lines, int(m.group(1)), g, value) if m else None
        if printed is not None:
            as_printed[g] = printed
        options[g] = _layouts(value, printed)
    keys = [g for g in ws.given_names if options.get(g)]
    if not keys:
        return None
    for combo in itertools.islice(_combos(keys, options, as_printed), _TRIES):
        values = dict(gv.values, **combo)
        try:
            model = _Model(ws, values)
        except WorksheetError:
            continue
        for g, v in combo.items():
            before = np.shape(gv.values[g])
            gv.values[g] = v
            gv.text[g] = _text(v)
            gv.source[g] = (
                f"{gv.source.get(g, '')}; the same numbers reshaped from {before} to {np.shape(v)} "
                "(the layout the worksheet takes)"
            )
        return model
    return None


def _combos(keys: list[str], options: dict[str, list], as_printed: dict[str, Any]):
    """Sets of reshapes: first every given value the text prints in another layout, as printed;
    then fewest reshapes first, each given value's layouts in their order (the printed one first)."""
    if as_printed:
        yield dict(as_printed)
    for k in range(1, len(keys) + 1):
        for subset in itertools.combinations(keys, k):
            for choice in itertools.product(*(options[g] for g in subset)):
                combo = dict(zip(subset, choice))
                if combo != as_printed:
                    yield combo


def _text(v) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(_text(x) for x in v) + "]"
    return repr(v)
