"""Weights named by where they connect: a from-to table and an arrow name, read against the worksheet.

- a Markdown table whose header names a quantity per column (`| Dari \\ Ke | Z₁ | Z₂ |`, any corner)
  and each of whose rows names a source in its first cell and holds a number per column (`| X₁ |
  -0.3 | 0.3 |`) is a weight matrix from rows to columns: each cell is the given value that
  connects its row's quantity to its column's (below);
- `w(X₁→Z₁)` (also `->`, `\\to`, `\\rightarrow`) names the given value that connects X₁ to Z₁ the same
  way, the arrows a text prints to one target read together as the rows of a table.

The given value that connects a source R to a target T: among the steps T depends on (T itself and
its inputs' steps, not going past a source), the given input next to R in a step that takes R
(`Z1_in(X1, w11, X2, w21, bias1)`: w11 for X1; `Z1v1(Z1, v1)`: v1 for Z1). A row whose label names
no input there (`bias (1)`) takes the one given value left over once the other rows have theirs.
A table is read only when every cell finds a weight of its own; its rows are then written as
assignments (`| w11 = -0.3 | w12 = 0.3 |`), and a table that sets weights an earlier one set is
their updated values (`w11(new) = -0.2993`: the table printed again after the update)."""

from __future__ import annotations

import re

from ..core.vocab import Worksheet
from .labels import _Names

_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_SEP = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
_NUMBER = re.compile(r"\s*\$?\s*[-\u2212]?(?:\d+\.?\d*|\.\d+)\s*\$?\s*")
_ARROW = re.compile(
    r"(?P<name>(?<![\w\\])[A-Za-z]+)\s*\(\s*(?P<a>[^()→]+?)\s*(?:→|->|\\to\b|\\rightarrow\b)\s*(?P<b>[^()→]+?)\s*\)"
)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _ROW.match(line).group(1).split("|")]


def _one(names: _Names, label: str) -> str | None:
    from .notation import normalise_line

    text = normalise_line(re.sub(r"\s*\(\s*\d+\s*\)\s*$", "", label)).strip().strip(";").strip()
    hits, _ = names.resolve(text) if text else ([], "")
    return hits[0] if len(hits) == 1 else None


def _region(ws: Worksheet, target: str, sources: set[str]) -> list[str]:
    """The steps `target` depends on, not going past a source (target first)."""
    out, todo = [], [target]
    while todo:
        s = todo.pop(0)
        if s in out or s not in ws.steps:
            continue
        out.append(s)
        todo += [i for i in ws.steps[s].inputs if i not in sources]
    return out


def _weights(ws: Worksheet, target: str, sources: list[str | None]) -> list[str] | None:
    """The given value connecting each source (None: a label that names nothing) to `target`, or
    None when one is not found, or not one of its own."""
    known = {s for s in sources if s is not None}
    givens = set(ws.given_names)
    region = _region(ws, target, known)
    out: list[str | None] = []
    for src in sources:
        found = set()
        for s in region:
            ins = list(ws.steps[s].inputs)
            if src is not None and src in ins:
                k = ins.index(src)
                after = [i for i in ins[k + 1 : k + 2] + ins[k - 1 : k] if i in givens and i not in known]
                found |= set(after[:1])
        out.append(found.pop() if len(found) == 1 else None)
    left = {
        i for s in region for i in ws.steps[s].inputs if i in givens and i not in known and i not in out
    }
    missing = [k for k, w in enumerate(out) if w is None]
    if len(missing) == 1 and sources[missing[0]] is None and len(left) == 1:
        out[missing[0]] = left.pop()
    if any(w is None for w in out) or len(set(out)) != len(out):
        return None
    return out  # type: ignore[return-value]


def _table(ws: Worksheet, names: _Names, lines: list[str], i: int) -> tuple[int, dict] | None:
    """(last line, {(line, column): weight}) of a from-to table whose header is line i, or None."""
    head = _cells(lines[i])
    targets = [_one(names, c) for c in head[1:]]
    if not targets or any(t is None or t not in names.ws.steps for t in targets):
        return None
    k, rows = i + 2, []
    while k < len(lines) and _ROW.match(lines[k]):
        cells = _cells(lines[k])
        if len(cells) != len(head) or not all(_NUMBER.fullmatch(c) for c in cells[1:]):
            return None
        if _NUMBER.fullmatch(cells[0]) or not cells[0]:
            return None  # an iteration's or a sample's row: no source named
        rows.append((k, cells[0]))
        k += 1
    if len(rows) < 2:
        return None
    sources = [_one(names, label) for _, label in rows]
    cells: dict = {}
    for j, t in enumerate(targets):
        ws_ = _weights(ws, t, sources)
        if ws_ is None:
            return None
        for (line, _), w in zip(rows, ws_):
            cells[(line, j + 1)] = w
    return k - 1, cells


def name_weights(raw: str, ws: Worksheet, names: _Names) -> str:
    """`raw` with its from-to tables' cells and its arrow names written as the worksheet's given
    values (see the module's docstring)."""
    lines = raw.split("\n")
    seen: set[str] = set()
    i = 0
    while i + 2 < len(lines):
        found = _table(ws, names, lines, i) if _ROW.match(lines[i]) and _SEP.match(lines[i + 1]) else None
        if found is None:
            i += 1
            continue
        last, cells = found
        again = set(cells.values()) & seen
        for k in range(i + 2, last + 1):
            values = _cells(lines[k])[1:]
            marks = [cells[(k, j + 1)] for j in range(len(values))]
            pairs = [f"{w}{'(new)' if w in again else ''} = {v.strip('$ ')}" for w, v in zip(marks, values)]
            lines[k] = "| " + " | ".join(pairs) + " |"
        seen |= set(cells.values())
        i = last + 1
    return "\n".join(_arrows(lines, ws, names))


def _arrows(lines: list[str], ws: Worksheet, names: _Names) -> list[str]:
    """`w(X₁→Z₁)` as the given value connecting X₁ to Z₁, the arrows to one target read together."""
    by_target: dict[str, list[str]] = {}
    for line in lines:
        for m in _ARROW.finditer(line):
            by_target.setdefault(m.group("b"), [])
            if m.group("a") not in by_target[m.group("b")]:
                by_target[m.group("b")].append(m.group("a"))
    named: dict[tuple[str, str], str] = {}
    for b, sources in by_target.items():
        target = _one(names, b)
        if target is None or target not in ws.steps or len(sources) < 2:
            continue
        weights = _weights(ws, target, [_one(names, a) for a in sources])
        if weights is not None:
            named.update({(a, b): w for a, w in zip(sources, weights)})
    if not named:
        return lines
    sub = lambda m: named.get((m.group("a"), m.group("b")), m.group(0))  # noqa: E731
    return [_ARROW.sub(sub, line) for line in lines]
