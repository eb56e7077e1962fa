"""Tables with a row per point: the data a worksheet keeps as one given value per point.

A Markdown table whose first column names each row's point (`| p | 1 | 5 |`, `| 3 | 0.5 | 1 |`:
a short key, each row its own) under a header that names a quantity per column (`| Sample | $u$ |
$v$ |`) holds, in the column of a quantity and the row of a point, that quantity at that point.
Where the worksheet keeps the quantity as one given value per point, spelled as the column's name
with the point as its index (`x_a`, `y_a`; `x1` for the row `1`), the cell is that given value:
the row is written as assignments (`| a | x_a = 2 | y_a = 65 |`) and read as the text's own.

A column is read only when every one of its rows names a given value of its own (a column of
computed values, `$\\hat{y}$`, names none and is left as printed), and a table only with at least
two rows.

The same data set in a program (`U = np.array([1, 2, 4])`): a flat list assigned to a name that is
no given value, where the worksheet keeps exactly that many given values named by it and a point's
index (`u_p`, `u_q`, `u_r`, the case of the letters aside), gives them in the worksheet's order.
"""

from __future__ import annotations

import re

from .labels import _Names

_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_SEP = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
_NUMBER = re.compile(r"[-\u2212]?(?:\d+\.?\d*|\.\d+)")
_KEY = re.compile(r"[A-Za-z0-9]{1,3}")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _ROW.match(line).group(1).split("|")]


def _bare(cell: str) -> str:
    """A cell without its math delimiters and spaces (`$ 1$` is 1)."""
    return re.sub(r"\s+", "", cell.strip().strip("$"))


def _columns(names: _Names, head: list[str], rows: list[list[str]]) -> dict[int, list[str]]:
    """Column -> the given value of each row, for the columns whose every row names one of its own."""
    givens = set(names.givens)
    out: dict[int, list[str]] = {}
    for j in range(1, len(head)):
        quantity = _bare(head[j])
        if not quantity or _NUMBER.fullmatch(quantity):
            continue
        found = []
        for cells in rows:
            hit, tier = names.resolve(f"{quantity}_{_bare(cells[0])}", among=givens)
            if tier != "name" or len(hit) != 1 or not _NUMBER.fullmatch(_bare(cells[j])):
                break
            found.append(hit[0])
        else:
            if len(set(found)) == len(found):
                out[j] = found
    return out


def name_points(raw: str, names: _Names) -> str:
    """`raw` with the cells of its tables of points written as the given values they are (see the
    module's docstring)."""
    lines = raw.split("\n")
    i = 0
    while i + 2 < len(lines):
        if not (_ROW.match(lines[i]) and _SEP.match(lines[i + 1])):
            i += 1
            continue
        head = _cells(lines[i])
        k, rows = i + 2, []
        while k < len(lines) and _ROW.match(lines[k]) and len(_cells(lines[k])) == len(head):
            rows.append(_cells(lines[k]))
            k += 1
        keys = [_bare(r[0]) for r in rows]
        if len(rows) >= 2 and all(_KEY.fullmatch(c) for c in keys) and len(set(keys)) == len(keys):
            columns = _columns(names, head, rows)
            for r, cells in enumerate(rows):
                for j, given in columns.items():
                    cells[j] = f"{given[r]} = {_bare(cells[j])}"
                if columns:
                    lines[i + 2 + r] = "| " + " | ".join(cells) + " |"
        i = max(k, i + 1)
    return "\n".join(lines)


def per_point(names: _Names, target: str, values: list) -> list[tuple[str, object]]:
    """(given, value) for a flat list `values` a program assigns to `target` (see the module's
    docstring); [] when the worksheet keeps no such family of that size."""
    if not values or any(isinstance(v, (list, bool)) or not isinstance(v, (int, float)) for v in values):
        return []
    stem = re.compile(rf"{re.escape(target)}_[A-Za-z0-9]{{1,3}}", re.IGNORECASE)
    family = [g for g in names.givens if stem.fullmatch(g)]
    if len(family) != len(values) or names.resolve(target, among=set(names.givens))[0]:
        return []
    return list(zip(family, values))
