"""Printings: an article that prints the same worked example several times with its own given
values each time (a problem's example, then its test cases; a first printing and a corrected one).

A printing starts where the given values are stated again: a given value the current printing
already states, stated once more, starts the next one (and so does a section: a Markdown heading
or a `=== title ===` banner); one that does not state them all is part of the printing before it
(`a = w x = 0.5 * 2` restates two). Each printing that states every given value runs to the next
one (or to the end of its section) and is drafted on its own, so that
every printing of the example can be reviewed as its own case; the draft names each by its
lines and the given values it states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.vocab import Worksheet
from .chains import chains_and_prose
from .givens import _in_chain, _in_prose, _vectors
from .labels import _Names
from .numbers import Scan
from .passages import Passage, heading_levels

_BANNER = re.compile(r"^\s*(={2,})\s*\S.*?\s*\1\s*$")


@dataclass
class Printing:
    passage: Passage
    givens: dict  # given name -> value, as the printing states them
    claims: dict = field(default_factory=dict)  # step (`w_2[0]` for an element) -> Outcome
    yaml: str = ""  # the printing's own draft case
    case_id: str = ""


def _boundaries(lines: list[str]) -> list[int]:
    out = {i for at in heading_levels(lines).values() for i in at}
    out |= {i for i, ln in enumerate(lines, 1) if _BANNER.match(ln)}
    return sorted(out)


def _hits(ws: Worksheet, scan: Scan) -> list[tuple[int, int, str]]:
    """(line, col, given) of every place the text states a given value."""
    names = _Names(ws, ws.given_names)
    givens = set(ws.given_names)
    chains, prose = chains_and_prose(scan)
    out = [(n.line, n.col, g) for c in chains for g, n, _, _ in _in_chain(ws, names, givens, scan, c)]
    out += [(n.line, n.col, g) for p in prose for g, n, _, _ in _in_prose(names, givens, scan, p)]
    for g, rows, _, _ in _vectors(names, givens, scan):
        # a list or rows; one number for an element kept as its own given value; a row for a row
        first = rows if not isinstance(rows, list) else rows[0][0] if isinstance(rows[0], list) else rows[0]
        out.append((first.line, first.col, g))
    return sorted(set(out))


def _section(bounds: list[int], line: int) -> int:
    return max([b for b in bounds if b <= line], default=0)


def find_printings(ws: Worksheet, scan: Scan) -> list[Passage]:
    """The printings of the example (see the module's docstring); [] when there are fewer than two."""
    bounds = _boundaries(scan.lines)
    starts: list[tuple[int, int, set[str]]] = []  # (line, col, givens stated)
    for line, col, g in _hits(ws, scan):
        if not starts or g in starts[-1][2] or _section(bounds, starts[-1][0]) != _section(bounds, line):
            starts.append((line, col, set()))
        starts[-1][2].add(g)
    # a printing states every given value; a partial restatement (`a = w x = 0.5 * 2`) is part of
    # the printing it is in
    full = set(ws.given_names)
    merged: list[tuple[int, int, set[str]]] = []
    for st in starts:
        if merged and st[2] != full and _section(bounds, st[0]) == _section(bounds, merged[-1][0]):
            merged[-1][2].update(st[2])
        else:
            merged.append(st)
    out = []
    for i, (line, col, stated) in enumerate(merged):
        if stated != full:
            continue
        nxt = merged[i + 1] if i + 1 < len(merged) else None
        section_end = min([b - 1 for b in bounds if b > line], default=len(scan.lines))
        if nxt is not None and (nxt[0], nxt[1]) <= (section_end, 1 << 30):
            last, last_col = nxt[0], nxt[1] - 1
        else:
            last, last_col = section_end, 1 << 30
        why = f"the printing at line {line} (given values {', '.join(sorted(stated))})"
        out.append(Passage(line, last, why, first_col=col, last_col=last_col))
    return out if len(out) >= 2 else []
