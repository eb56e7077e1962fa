"""Diagrams: a fenced flowchart (```mermaid, ```dot) whose labels state values.

`Z -- "× 1 → dL/db = −1" --> Bb[b]`: the diagram's syntax (node ids, arrows, brackets) is no
arithmetic, but a label that holds `=` (`dL/db = −1`, `Loss (5 − y)² = 0.25`) states a value as
prose does; an operator that leads an edge's label (`× w2 = 1.0`, the edge multiplies by w2) is
the edge's, not the label's. Each line of such a block is rewritten, column for column, to its
labels that hold `=`, each a clause of its own (`;` between them); the rest of the line, and
labels that only name a node (`Hidden Layer 1`), become spaces.
"""

from __future__ import annotations

import re

_DIAGRAM = frozenset(("mermaid", "dot", "graphviz"))
# a quoted label (`"dL/dy = −1"`), an edge's `|label|`, or a node's text in brackets (`Y[y = ReLU z]`,
# `A(...)`, `B{...}`, `C((...))`)
_LABEL = re.compile(r'"([^"]*)"|\|([^|]*)\||[\[({]+([^\[\](){}"|]*)[\])}]+')


def _line(line: str) -> str:
    out = [" "] * len(line)
    for m in _LABEL.finditer(line):
        g = next(i for i in (1, 2, 3) if m.group(i) is not None)
        if "=" not in m.group(g):
            continue
        a, b = m.span(g)
        out[a:b] = line[a:b]
        lead = re.match(r"\s*[×*·⋅+]\s*", line[a:b])  # `× w2 = 1.0`: the edge multiplies by w2
        if lead is not None:
            out[a : a + lead.end()] = " " * lead.end()
        out[max(a - 1, 0)] = ";"
        if b < len(line):
            out[b] = ";"
    return "".join(out).rstrip()


def diagram_labels(lines: list[str]) -> list[str]:
    """The lines with each diagram block's lines rewritten to its labels that state values."""
    out = list(lines)
    tag = None  # the open fence's language, None outside fences
    for i, line in enumerate(lines):
        s = line.lstrip()
        if s.startswith(("```", "~~~")):
            tag = s[3:].strip().lower() if tag is None else None
            continue
        if tag in _DIAGRAM:
            out[i] = _line(line)
    return out
