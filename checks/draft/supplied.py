"""Given values supplied by a case (`gradaudit draft --given`): which part of the article prints them.

An article with several examples (passages.py) or that prints its example several times
(printings.py) is split by the given values each part states. From the text alone the draft reads
each part at its own values and keeps the one whose printed numbers fit best. With the values
supplied, every part would be read at the same values, and the fit alone favours a short part
(it binds fewer numbers that fit nothing). So the part is first the one whose stated given values
agree with the supplied ones: the fewest stated with another value, then the most stated with the
same; only among parts equal so far does the fit choose. Values the text states itself, supplied,
are read in the part the text alone would have read them in.
"""

from __future__ import annotations

import ast
from typing import Any

import numpy as np


def _same(supplied: Any, stated: Any) -> bool:
    """The same numbers, element by element (a list stated flat and supplied as rows agrees)."""
    try:
        a = np.asarray(supplied, dtype=float).ravel()
        b = np.asarray(stated, dtype=float).ravel()
    except (TypeError, ValueError):
        return False
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-9, atol=0.0))


def _value(text: str) -> Any:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None


def agreement(supplied: dict[str, Any], stated: dict[str, Any]) -> tuple[int, int]:
    """(minus the given values `stated` with another value than `supplied`, those stated the same).
    `stated`: given name -> value, or its repr (as pipeline's `_found_givens` keeps them)."""
    same = other = 0
    for name, v in stated.items():
        if supplied.get(name) is None:
            continue
        value = _value(v) if isinstance(v, str) else v
        if _same(supplied[name], value):
            same += 1
        else:
            other += 1
    return -other, same
