"""Given values set by program statements beyond Python's one-per-line: R's `x1 <- 0; x2 <- 1`
(several statements on a line, split at `;`), `alpha <- 0.25 # comment`, and `a = 1; b = 2` in any
language that separates statements with `;`.

Each statement sets the given value its name names (the name's own spelling, as in code) to a
number; ranked with the other program text below what the prose gives.
"""

from __future__ import annotations

import re

from .labels import _Names
from .numbers import Scan, _excerpt

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_STATEMENT = re.compile(
    rf"^\s*(?P<name>[A-Za-z_][A-Za-z0-9_.]*)\s*(?P<op><-|=|:=)\s*"
    rf"(?P<value>{_NUMBER})\s*$"
)


def in_statements(names: _Names, givens: set[str], scan: Scan) -> list[tuple]:
    """(given, value, text, line, how) for each statement of a line with R's `<-` or several
    statements split at `;` that sets a given value to a number."""
    out = []
    for lineno, line in enumerate(scan.lines, 1):
        code = line.split("#")[0]
        pieces = [p for p in code.split(";") if p.strip()]
        if "<-" not in code and len(pieces) < 2:
            continue  # one Python statement a line: givens.py reads it
        for piece in pieces:
            m = _STATEMENT.match(piece)
            if m is None:
                continue
            hit, tier = names.resolve(m.group("name"), among=givens)
            if len(hit) != 1 or tier != "name":  # not a verdict: a label-match tier
                continue
            text = m.group("value")
            value = _number(text)
            how = f"set in the program text: `{_excerpt(scan.lines, lineno, 60)}`"
            out.append((hit[0], value, text, lineno, how))
    return out


def _number(text: str):
    return int(text) if re.fullmatch(r"[-+]?\d+", text) else float(text)
