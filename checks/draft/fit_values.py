"""More values `by_fit` tries for a given value the readings leave NEEDED (issue 20): the lists the
text says in prose, and one-hot vectors.

- A flat list said in prose (`The true label: `[1, 0, 0]``, "inputs 0.05 and 0.10", a
  `prose_givens._runs` run) is a vector value, whatever words stand before it.
- A one-hot vector (a class label: `y = [0, 0, 1, 0]` said as "the correct class is the third")
  of the size of each vector the givens already hold, its 1 at each place in turn: the fit says
  which place; first at the class the words name ("the correct class is index 3"), from 0 and
  from 1 (`named_classes`: the words and one agreeing number suffice there).

`fit_key` is the key under which two candidates are the same value (`[1, 0, 0]` printed and the
one-hot `[1.0, 0.0, 0.0]` are one candidate, not a tie)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import numpy as np

from .givens import _as_given
from .numbers import Scan
from .prose_givens import _runs

_MAX_SIZE = 16  # one-hot vectors are tried up to this size (a class label of a few classes)


def prose_lists(scan: Scan) -> Iterator[tuple[Any, str, int, str]]:
    """(value, text, line, why) of each flat list said in prose, in reading order."""
    for run in _runs(scan):
        value = [_as_given(n) for n in run]
        yield value, "[" + ", ".join(n.plain for n in run) + "]", run[0].line, "a list said in prose"


def one_hots(values: dict[str, Any]) -> Iterator[tuple[Any, str, int, str]]:
    """(value, text, line, why) of each one-hot vector of the size of a flat vector in `values`
    (the given values found so far), smallest size first, its 1 at place 0, 1, ... in turn."""
    for size in _sizes(values):
        for i in range(size):
            value = [0] * size
            value[i] = 1
            yield value, str(value), 0, f"a one-hot vector of {size}, its 1 at place {i + 1}"


# "the correct class is index 3", "true label: class 2", "the target class is 0": a class by its number
_CLASS = re.compile(
    r"(?i)\b(?:class|category|label)\b[^.\d\n]{0,20}?\b(?:index\s+|number\s+|no\.\s*)?(\d{1,2})\b"
)
NAMED_CLASS = "the class the text names"  # a candidate's `why` when the words name its place


def named_classes(lines: list[str], values: dict[str, Any]) -> Iterator[tuple[Any, str, int, str]]:
    """(value, text, line, why) of the one-hot vectors whose 1 stands at a class the words name
    ("the correct class is index 3"), of the size of each flat vector the givens hold: at the place
    counted from 0 and from 1 (the fit says which; `by_fit` takes one of these with one printed
    number more agreeing, the words being the other half of the evidence)."""
    sizes = _sizes(values)
    for i, line in enumerate(lines, 1):
        for m in _CLASS.finditer(line):
            k = int(m.group(1))
            for size in sizes:
                for place, counted in ((k, "from 0"), (k - 1, "from 1")):
                    if 0 <= place < size:
                        value = [0] * size
                        value[place] = 1
                        yield value, str(value), i, f"{NAMED_CLASS} (`{m.group(0)}`, counted {counted})"


def _sizes(values: dict[str, Any]) -> list[int]:
    return sorted(
        {
            len(v)
            for v in values.values()
            if isinstance(v, list) and 2 <= len(v) <= _MAX_SIZE and not any(isinstance(x, list) for x in v)
        }
    )


def fit_key(value: Any) -> str:
    """The key of a candidate value: equal numbers, equal keys (1 and 1.0 alike)."""
    try:
        return repr(np.asarray(value, dtype=np.float64).tolist())
    except (TypeError, ValueError):
        return repr(value)
