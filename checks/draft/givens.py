"""Given values: read from the article's text, or taken from a hand-written case."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..core.vocab import Worksheet
from .assignments import in_statements
from .chains import _Chain, _label_of, _slots
from .labels import _has_generic_index, _Names
from .numbers import _PROSE, Number, Scan, _excerpt
from .point_tables import per_point
from .prose_givens import is_operand_before, learning_rates, values_after_names, values_listed
from .result import DraftError
from .samples import outside_later, sample_at, sample_count, sample_of, sample_sections, within
from .wording import by_family

_PLACE = 3  # the rank of a number read in a given's place in a symbolic form


@dataclass
class _GivenFound:
    value: Any
    text: str
    line: int
    how: str
    # the other values the text gives it as plainly (an algorithm's defaults, then an example's)
    others: list[_GivenFound] = field(default_factory=list)
    # every other value the text gives the same name, however read, first said first (variants)
    also_said: list[_GivenFound] = field(default_factory=list)


def _givens_from_text(
    ws: Worksheet,
    names: _Names,
    scan: Scan,
    chains: list[_Chain],
    prose: list[Number],
    givens: set[str] | None = None,
) -> tuple[dict[str, _GivenFound], list[str]]:
    return _choose(every_given(ws, names, scan, chains, prose, givens))


def every_given(
    ws: Worksheet,
    names: _Names,
    scan: Scan,
    chains: list[_Chain],
    prose: list[Number],
    givens: set[str] | None = None,
) -> dict[str, list[tuple[int, _GivenFound]]]:
    """Every value the text gives each given (of `givens`, else the worksheet's), with its rank (the
    lower the surer) and line."""
    givens = set(ws.given_names) if givens is None else givens
    found: dict[str, list[tuple[int, _GivenFound]]] = {}
    hits = [h for c in chains for h in _in_chain(ws, names, givens, scan, c)]
    hits += [h for c in chains for h in _as_inputs(ws, givens, scan, c)]
    hits += [h for n in prose for h in _in_prose(names, givens, scan, n)]
    hits += learning_rates(names, givens, scan) + values_after_names(names, givens, scan)
    hits += values_listed(names, givens, scan)
    for name, n, how, rank in hits:
        found.setdefault(name, []).append((rank, _GivenFound(_as_given(n), n.plain, n.line, how)))
    for name, n, how in _tuples(names, givens, scan):
        found.setdefault(name, []).append((0, _GivenFound(_as_given(n), n.plain, n.line, how)))
    for name, rows, line, how in _vectors(names, givens, scan):
        # a list item (`- $W = [...]$`) may be a summary of updated values: below program text
        rank = 5 if how.startswith(_ITEM) else 0
        if isinstance(rows, Number):  # one element of a list
            found.setdefault(name, []).append((rank, _GivenFound(_as_given(rows), rows.plain, line, how)))
            continue
        value = (
            [[_as_given(n) for n in r] for r in rows]
            if isinstance(rows[0], list)
            else [_as_given(n) for n in rows]
        )
        if rank and len(value) == 1 and not isinstance(value[0], list):
            value = value[0]  # `* $W_2 = \begin{bmatrix} 1 \end{bmatrix}$ (1×1)`: the number it holds
        text = _yaml_list(rows) if not isinstance(value, (int, float)) else rows[0].plain
        found.setdefault(name, []).append((rank, _GivenFound(value, text, line, how)))
    for name, value, line, how in _counts(names, givens, scan):
        found.setdefault(name, []).append((1, _GivenFound(value, str(value), line, how)))
    for name, value, text, line, how in _in_code(names, givens, scan) + in_statements(names, givens, scan):
        found.setdefault(name, []).append((4, _GivenFound(value, text, line, how)))
    for name, g in _by_elements(names, givens - set(found), chains).items():
        found[name] = [(5, g)]
    for name, n, how in by_family(givens, scan, scan.numbers):  # "all the weights set to 0.5": the weakest
        # ... but an assignment further down that also names a step (`w3 = 0.50134` with the step
        # labelled w3 that updates it) is that step's value, not the given's
        found[name] = [(7 if r == 1 and f.line > n.line else r, f) for r, f in found.get(name, [])]
        found[name].append((6, _GivenFound(_as_given(n), n.plain, n.line, how)))
    return {name: _point_by_point(items) for name, items in found.items()}


def _point_by_point(items: list[tuple[int, _GivenFound]]) -> list[tuple[int, _GivenFound]]:
    """A name read in its place in several expressions with other values each (`(x=1, y=2)`, `(x=2,
    y=1)`: a data set listed point by point) is no one given value: those readings are dropped when
    another reading (the program's `X = np.array([1, 2, 3])`) gives it."""
    placed = [f for r, f in items if r == _PLACE]
    if len({repr(f.value) for f in placed}) < 2 or all(r == _PLACE for r, _ in items):
        return items
    return [(r, f) for r, f in items if r != _PLACE]


def _by_elements(names: _Names, missing: set[str], chains: list[_Chain]) -> dict[str, _GivenFound]:
    """A given value not found whole, printed element by element (`x_1 = 0.05, x_2 = 0.1` for the
    list x): the elements, when their indices run 1..K (or 0..K-1), K >= 2, each printed once,
    and no element's label names a step or given value of its own."""
    parts: dict[str, dict[int, Number]] = {}
    for c in chains:
        if c.label is None or len(c.results) != 1 or c.operands:
            continue
        m = re.fullmatch(r"(.+?)_\{?\s*(\d+)\s*\}?", c.label.strip())
        if m is None or names.resolve(c.label)[0]:
            continue
        hit, tier = names.resolve(m.group(1), among=missing)
        if len(hit) == 1 and tier == "name":  # not a verdict: a label-match tier
            parts.setdefault(hit[0], {}).setdefault(int(m.group(2)), c.results[0])
    out = {}
    for name, by_index in parts.items():
        idx = sorted(by_index)
        if len(idx) < 2 or idx not in (list(range(1, len(idx) + 1)), list(range(len(idx)))):
            continue
        nums = [by_index[i] for i in idx]
        how = "its elements printed one by one (" + ", ".join(f"line {n.line}" for n in nums) + ")"
        out[name] = _GivenFound([_as_given(n) for n in nums], _yaml_list(nums), nums[0].line, how)
    return out


_CODE_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_CODE_ASSIGN_RE = re.compile(
    r"^(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*=\s*(?P<value>.+?)\s*(?:#.*)?$"
)


def _in_code(names: _Names, givens: set[str], scan: Scan) -> list[tuple]:
    """(given, value, text, line, how) for program text that sets a given value (a line of code at
    the top level, or inline code in prose): `lr = 0.3`, `w1, w2 = 0.20, 0.25`, `x = np.array([[1,
    4, 5]])` (a literal over several lines too; singleton dimensions dropped, as a worksheet keeps
    a row or a column as a list). Ranked below what the prose and the printed values give."""
    code_lines = sorted({s.line for s in scan.skipped if s.kind == "code"} | _fenced_openers(scan.lines))
    out = []
    for lineno in code_lines:
        line = scan.lines[lineno - 1]
        pieces = [line] if line[:1] not in " \t" else []  # a function's body sets no given value
        pieces += [m.group(0)[1:-1] for m in re.finditer(r"`[^`]+`", line)]
        for piece in pieces:
            m = _CODE_ASSIGN_RE.match(piece.strip().strip("`"))
            if m is None:
                continue
            targets = [t.strip() for t in m.group("names").split(",")]
            value = m.group("value")
            if len(targets) > 1:
                values = [v.strip() for v in value.split(",")]
                if len(values) != len(targets) or not all(re.fullmatch(_CODE_NUMBER, v) for v in values):
                    continue
            elif re.fullmatch(_CODE_NUMBER, value.strip()):
                values = [value.strip()]
            else:
                lit = _code_literal(scan.lines, lineno, value)
                if lit is None:
                    continue
                values = [lit]
            if len(targets) == 1 and isinstance(values[0], list):  # `X = np.array([...])`: x_a, x_b, ...
                how = f"set in the program text, element by element: `{_excerpt(scan.lines, lineno, 60)}`"
                out += [(g, v, repr(v), lineno, how) for g, v in per_point(names, targets[0], values[0])]
            for t, v in zip(targets, values):
                hit, tier = names.resolve(t, among=givens)
                if len(hit) != 1 or tier != "name":  # not a verdict: a label-match tier
                    continue
                how = f"set in the program text: `{_excerpt(scan.lines, lineno, 60)}`"
                if isinstance(v, str):
                    out.append((hit[0], int(v) if re.fullmatch(r"[-+]?\d+", v) else float(v), v, lineno, how))
                else:
                    out.append((hit[0], v, repr(v), lineno, how))
    return out


def _fenced_openers(lines: list[str]) -> set[int]:
    """The lines inside a fenced code block (```) that open a literal continued below (`W = [` with
    its rows on the next lines): no digit on them, so no number marks them as code."""
    out, fenced = set(), False
    for i, line in enumerate(lines, 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif fenced and re.search(r"[\[(]\s*(?:#.*)?$", line):
            out.add(i)
    return out


_LITERAL = re.compile(r"(?:(?:np|numpy|jnp|torch)\.(?:array|tensor)\()?\s*(\[.*)")


def bracketed_literal(lines: list[str], lineno: int, value: str):
    """The nested list a code value at line `lineno` starts (`[0.1, 0.2]`, `np.array([[0.5],
    [0.5]])`), continued on the lines below while its brackets are open, as written; None when
    `value` starts no list or the text is no Python literal."""
    import ast

    m = _LITERAL.fullmatch(value.strip())
    if m is None:
        return None
    text, k = m.group(1), lineno
    while text.count("[") > text.count("]") and k < min(len(lines), lineno + 40):
        text += " " + lines[k].split("#")[0].strip()
        k += 1
    try:
        return ast.literal_eval(text[: text.rindex("]") + 1])
    except (ValueError, SyntaxError):
        return None


def _code_literal(lines: list[str], lineno: int, value: str):
    """The list a code literal holds (`bracketed_literal`), singleton dimensions dropped; None
    otherwise."""
    lit = bracketed_literal(lines, lineno, value)
    if lit is None:
        return None
    shape = _shape(lit)
    if not shape or 0 in shape:
        return None
    while isinstance(lit, list) and len(lit) == 1 and isinstance(lit[0], list):
        lit = lit[0]  # `[[1, 4, 5]]`: a row
    if isinstance(lit, list) and all(isinstance(r, list) and len(r) == 1 for r in lit):
        lit = [r[0] for r in lit]  # `[[0.5], [0.5]]`: a column
    return lit


_SHAPE_RE = re.compile(
    r"^\s*(?P<name>[A-Za-z_]\w*)\s*=\s*(?:(?P<var>[A-Za-z_]\w*)\.shape\s*\[\s*(?P<axis>\d)\s*\]"
    r"|len\(\s*(?P<lvar>[A-Za-z_]\w*)\s*\))\s*(?:#.*)?$"
)
_LITERAL_RE = re.compile(r"^\s*(?P<var>[A-Za-z_]\w*)\s*=\s*(?:(?:np|numpy|jnp)\.array\()?(?P<lit>\[.*)$")


def _counts(names: _Names, givens: set[str], scan: Scan) -> list[tuple]:
    """(given, count, line, how) for code that counts an array it sets (`m = y.shape[0]`,
    `n = len(X)` after `y = np.array([[0.1, 0.05]])`): the array's shape, from its literal."""
    import ast

    out = []
    for lineno, line in enumerate(scan.lines, 1):
        m = _SHAPE_RE.match(line)
        if m is None:
            continue
        var, axis = (m.group("var"), int(m.group("axis"))) if m.group("var") else (m.group("lvar"), 0)
        shape = None
        for k in range(lineno - 1, 0, -1):  # the last literal that sets it above
            lit = _LITERAL_RE.match(scan.lines[k - 1])
            if lit is None or lit.group("var") != var:
                continue
            text, j = lit.group("lit"), k
            while text.count("[") > text.count("]") and j < min(len(scan.lines), k + 40):
                text += scan.lines[j]
                j += 1
            try:
                shape = _shape(ast.literal_eval(text[: text.rindex("]") + 1]))
            except (ValueError, SyntaxError):
                shape = None
            break
        hit, _ = names.resolve(m.group("name"), among=givens)
        if shape is not None and axis < len(shape) and len(hit) == 1:
            how = f"counted in code as `{line.strip()}`, {var} set above with shape {tuple(shape)}"
            out.append((hit[0], shape[axis], lineno, how))
    return out


def _shape(value) -> list[int] | None:
    """The shape of a nested list of numbers (None when ragged)."""
    if not isinstance(value, list):
        return [] if isinstance(value, (int, float)) else None
    inner = [_shape(v) for v in value]
    if not inner:
        return [0]
    if any(i is None or i != inner[0] for i in inner):
        return None
    return [len(value), *inner[0]]


def _as_given(n: Number):
    return (
        int(n.printed.value) if n.is_integer and re.fullmatch(r"[-\u2212]?\d+", n.text) else n.printed.value
    )


def _yaml_list(rows) -> str:
    if isinstance(rows[0], list):
        return "[" + ", ".join(_yaml_list(r) for r in rows) + "]"
    return "[" + ", ".join(n.plain for n in rows) + "]"


# `X = [1, 2]`, `W = [[0.5, 0.6], [0.7, 0.8]]`, `x = [16 -6]`, `b = [0.1, 0.2]^T`, `x = (0.05, 0.1)`, a matrix
# `\begin{bmatrix}0.5 & 0.6 \\ 0.7 & 0.8\end{bmatrix}` (pmatrix, matrix, vmatrix alike)
_VEC_LABEL = r"(?P<label>\\?[A-Za-z][A-Za-z0-9]*(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?)\s*=\s*"
_VEC_BODY = (
    r"(?P<body>\[\s*\[[^\[\]]*\](?:\s*,?\s*\[[^\[\]]*\])*\s*\]|\[[^\[\]=]*\]"
    r"|\((?:\s*[-\u2212]?[\d.]+\s*,)+\s*[-\u2212]?[\d.]+\s*\)"
    r"|\\begin\s*\{[pbvB]?matrix\}.*?\\end\s*\{[pbvB]?matrix\})(?:\s*\^\s*\{?T\}?)?"
)
_VECTOR_RE = re.compile(_VEC_LABEL + _VEC_BODY)
_ITEM = "in a list item, "
_BULLET_RE = re.compile(r"\s*(?:[-*+\u2022\u25cf]|\d{1,2}[.)])")  # a list item's marker alone before it


def _vector_rows(body: str, start: int, numbers: list[Number]):
    """The numbers of a vector literal at `start`, as a list or a list of rows; None when it holds
    anything but numbers."""
    inside = [n for n in numbers if start <= n.col - 1 < start + len(body)]
    if not inside:
        return None
    rest = body
    for n in sorted(inside, key=lambda n: -n.col):
        a = n.col - 1 - start
        rest = rest[:a] + " " + rest[a + len(n.text) :]
    rest = re.sub(r"\\(?:begin|end)\s*\{[pbvB]?matrix\}", " ", rest)
    if re.search(r"[^\s\[\],;&\\]", rest.strip("()") if body.startswith("(") else rest):
        return None  # `(0.05, 0.10)`: a tuple of numbers under one name is a list too
    if "\\begin" in body:
        rows_text = re.split(r"\\\\", body)
    elif re.match(r"\[\s*\[", body):
        rows_text = re.findall(r"\[[^\[\]]*\]", body[1:-1])
    else:
        return inside
    rows, pos = [], 0
    for rt in rows_text:
        a = body.index(rt, pos)
        pos = a + len(rt)
        rows.append([n for n in inside if start + a <= n.col - 1 < start + pos])
    rows = [r for r in rows if r]
    if len(rows) == 1:
        return rows[0]
    if len({len(r) for r in rows}) != 1:
        return None
    return rows


def _vectors(names: _Names, givens: set[str], scan: Scan) -> list[tuple]:
    """(given, numbers as a list or rows, line, how) for each `name = [..]` or matrix that names one
    given value; (given, number, line, how) for each element of a list kept as one given value per
    element; (given, row, line, how) for each row of a matrix kept as one given value per row."""
    by_line = scan.by_line()
    out = []
    for lineno, line in enumerate(scan.lines, 1):
        if "[" not in line and "matrix" not in line:
            continue
        for m in _VECTOR_RE.finditer(line):
            before = line[: m.start()].rstrip()
            if before and not (
                before[-1] in ",;:.(&\"'\uff0c\uff1a\u3001"
                or ord(before[-1]) > 0x2E7F
                or (before[-1].isalpha() and before[-1].isascii() and line[m.start() - 1] == " ")
                or _BULLET_RE.fullmatch(before)  # `* $W_1 = \begin{bmatrix} ...$ (1×2)`: a list item
            ):
                continue  # `... + b_2 = [..]` inside an expression names no given value
            rows = _vector_rows(m.group("body"), m.start("body"), by_line.get(lineno, []))
            if rows is None:
                continue
            if isinstance(rows[0], list) and all(len(r) == 1 for r in rows):
                rows = [r[0] for r in rows]  # a column vector (one number per row)
            how = f"printed as `{_excerpt(scan.lines, lineno, 60, m.start() + 1)}`"
            if before and _BULLET_RE.fullmatch(before):
                how = _ITEM + how
            out += _named(names, givens, m.group("label"), rows, lineno, how)
    return out + _display_matrices(names, givens, scan, by_line)


def _named(names: _Names, givens: set[str], label: str, rows, lineno: int, how: str) -> list[tuple]:
    """The given values a list or matrix printed under `label` sets: (given, value, line, how)."""
    hit, _ = names.resolve(label, among=givens)
    if len(hit) == 1:
        return [(hit[0], rows, lineno, how)]
    if not isinstance(rows[0], list):
        # a list the worksheet keeps as one given value per element (`y = [1, 0]`: y1, y2)
        split = names.elements(label, len(rows), among=givens) or []
        return [
            (g, n, lineno, f"element {i + 1} of the list {how}") for i, (g, n) in enumerate(zip(split, rows))
        ]
    # a matrix the worksheet keeps as one given value per row (`W1_0`, `W1_1`)
    split = names.rows(label, len(rows), among=givens) or []
    return [(g, r, lineno, f"row {i + 1} of the matrix {how}") for i, (g, r) in enumerate(zip(split, rows))]


_OPEN_RE = re.compile(_VEC_LABEL + r"\\begin\s*\{(?P<kind>[pbvB]?matrix)\}")


def _display_matrices(names: _Names, givens: set[str], scan: Scan, by_line: dict[int, list[Number]]):
    """`W_1 = \\begin{bmatrix}` with its rows on the lines below (`0.1 & 0.2\\\\`) and
    `\\end{bmatrix}` closing it, nothing after it but a transpose: the given value the label names
    (a column vector, one number per row, is a list)."""
    out = []
    for lineno, line in enumerate(scan.lines, 1):
        m = _OPEN_RE.search(line)
        if m is None or re.search(r"\\end\s*\{", line[m.end() :]) or line[: m.start()].strip():
            continue
        pieces, end = [(lineno, m.end(), len(line))], None
        for k in range(lineno + 1, min(lineno + 40, len(scan.lines) + 1)):
            e = re.search(r"\\end\s*\{" + m.group("kind") + r"\}", scan.lines[k - 1])
            pieces.append((k, 0, e.start() if e else len(scan.lines[k - 1])))
            if e:
                end = (k, e.end())
                break
        if end is None or re.sub(r"\^\s*\{?\s*T\s*\}?", "", scan.lines[end[0] - 1][end[1] :]).strip():
            continue  # not closed, or an expression goes on after it (`... \\end{bmatrix} - 0.01 ...`)
        rows = _piece_rows(scan, by_line, pieces)
        if not rows or len({len(r) for r in rows}) != 1:
            continue
        value = rows[0] if len(rows) == 1 else [r[0] for r in rows] if len(rows[0]) == 1 else rows
        shown = _excerpt(scan.lines, lineno, 60, m.start() + 1)
        how = f"printed as a matrix from line {lineno} to {end[0]}: `{shown}`"
        out += _named(names, givens, m.group("label"), value, lineno, how)
    return out


def _piece_rows(scan: Scan, by_line: dict[int, list[Number]], pieces) -> list[list[Number]] | None:
    """The rows (split at `\\\\`) of the numbers in pieces of lines, None when they hold anything else."""
    rows: list[list[Number]] = [[]]
    for k, a, b in pieces:
        text = scan.lines[k - 1]
        inside = [n for n in by_line.get(k, []) if a <= n.col - 1 and n.end <= b]
        rest = list(text[a:b])
        for n in inside:
            rest[n.col - 1 - a : n.end - a] = " " * len(n.text)
        if re.search(r"[^\s&,\\]", "".join(rest)):
            return None
        for part_start, part in _split_rows(text, a, b):
            rows[-1] += [n for n in inside if part_start <= n.col - 1 < part_start + len(part)]
            rows.append([])
        rows.append([])
    return [r for r in rows if r]


def _split_rows(text: str, a: int, b: int):
    """(start, text) of each part of text[a:b] between `\\\\` (a row break)."""
    out, start = [], a
    for mm in re.finditer(r"\\\\", text[a:b]):
        out.append((start, text[start : a + mm.start()]))
        start = a + mm.end()
    out.append((start, text[start:b]))
    return out


_NAME = r"\\?[A-Za-z][A-Za-z0-9]*(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?"
_TUPLE_RE = re.compile(
    r"\(\s*(?P<names>" + _NAME + r"(?:\s*,\s*" + _NAME + r")+)\s*\)\s*=\s*\((?P<values>[^()=]*)\)"
)
# `w1, w2 = 0.20, 0.25`: code that sets several names at once, the whole line (a comment after it)
_BARE_TUPLE_RE = re.compile(
    r"^\s*(?P<names>" + _NAME + r"(?:\s*,\s*" + _NAME + r")+)\s*=\s*"
    r"(?P<values>[-\u2212]?[\d.]+(?:\s*,\s*[-\u2212]?[\d.]+)+)\s*(?:#.*)?$"
)


def _tuples(names: _Names, givens: set[str], scan: Scan) -> list[tuple]:
    """(given, number, how) for each name of `(x_1, x_2) = (0, 0)` or, in code, `w1, w2 = 0.2, 0.25`:
    a tuple of given values set at once."""
    out = []
    for lineno, line in enumerate(scan.lines, 1):
        if "," not in line:
            continue
        for m in [*_TUPLE_RE.finditer(line), *_BARE_TUPLE_RE.finditer(line)]:
            labels = [t.strip() for t in m.group("names").split(",")]
            a, b = m.start("values"), m.end("values")
            nums = [n for n in scan.numbers if n.line == lineno and a <= n.col - 1 < b]
            rest = m.group("values")
            for n in sorted(nums, key=lambda n: -n.col):
                k = n.col - 1 - a
                rest = rest[:k] + rest[k + len(n.text) :]
            if len(nums) != len(labels) or re.search(r"[^\s,]", rest):
                continue
            hits = [names.resolve(t, among=givens)[0] for t in labels]
            how = f"printed as `{_excerpt(scan.lines, lineno, 60, m.start() + 1)}`"
            out += [(h[0], n, how) for h, n in zip(hits, sorted(nums, key=lambda n: n.col)) if len(h) == 1]
    return out


def _in_chain(ws: Worksheet, names: _Names, givens: set[str], scan: Scan, c: _Chain) -> list[tuple]:
    """(given, number, how, rank) for `w = 0.8` and for a number in a given's place in a symbolic form."""
    out = []
    if c.label is not None and len(c.results) == 1 and not c.operands:
        hit, tier = names.resolve(c.label, among=givens)
        # `y_k = 1 if k = c`: a generic index names one element by a rule, not the given's value
        generic = tier == "loose" and _has_generic_index(c.label)  # not a verdict: a label-match tier
        if len(hit) == 1 and not generic:
            # `w = 0.8` may also read as a step w1: a bare assignment is taken as the given,
            # after any assignment that names only a given value
            steps_hit, _ = names.resolve(c.label, among=set(ws.steps))
            r = c.results[0]
            how = f"printed as `{_excerpt(scan.lines, r.line, 60, r.col)}`"
            out.append((hit[0], r, how, 0 if not steps_hit else 1))
            out += [(g, r, how, 0) for g in _assigned_at_once(names, givens, c)]
    matrix = any(g.part_of for g in c.groups)  # a matrix's numbers fill no place
    for seg, nums in _aligned(c) if not matrix else ():
        for (k, v), n in zip(_slots(seg), nums):
            if k != "atom":
                continue
            hit, tier = names.resolve(v, among=givens)
            if len(hit) == 1 and tier in ("name", "loose"):  # not a verdict: a label-match tier
                how = f"printed in the place of {v.strip()} in `{seg.text.strip()}` (line {seg.line})"
                out.append((hit[0], n, how, _PLACE))
        break
    return out


def _aligned(c: _Chain):
    """(symbolic segment, numbers) where the numbers stand slot for slot in the segment's form, its
    own constants equal (`-2(y_1 - y_hat) a_1` over `-2 (0.7 - 0.4943) 0.552`): the chain's operands
    together, else one segment's numbers (a chain that prints its formula's constants in a symbolic
    line of its own holds them twice among its operands), as `operands._map_group` aligns them."""
    runs = [c.operands] + [g.numbers for g in c.groups if g not in c.symbolic and g.numbers != c.operands]
    for seg in c.symbolic:
        slots = _slots(seg)
        for nums in runs:
            if len(slots) == len(nums) and all(
                k == "atom" or abs(v - n.printed.value) < 1e-12 for (k, v), n in zip(slots, nums)
            ):
                yield seg, nums
                break


_AS_INPUTS = 5  # the rank of a number read as a step's input by its formula's value (below a place)


def _as_inputs(ws: Worksheet, givens: set[str], scan: Scan, c: _Chain) -> list[tuple]:
    """(given, number, how, rank) for an expression printed without names (`(2.0 * 0.4) + (3.0 * 0.5)
    = 2.3`) whose numbers, in order, are the inputs of exactly one step that takes a given value:
    the step's formula at those numbers gives the printed result. Each number then gives the given
    value in its input's place (a text that names its given values nowhere else)."""
    if len(c.results) != 1 or not c.operands or c.symbolic or c.label is not None:
        return []
    values = [n.printed.value for n in c.operands]
    fits = []
    for name, st in ws.steps.items():
        if st.repeat is not None or len(st.inputs) != len(values) or not givens & set(st.inputs):
            continue
        try:
            v = float(np.asarray(st.fn(*values), dtype=np.float64))
        except Exception:  # noqa: BLE001  (a formula that does not take these numbers is no fit)
            continue
        if c.results[0].printed.passes(v):
            fits.append(name)
    if len(fits) != 1:
        return []
    st, r = ws.steps[fits[0]], c.results[0]
    how = (
        f"printed in the place of {{}} in `{_excerpt(scan.lines, r.line, 60, c.operands[0].col)}`: "
        f"{fits[0]}'s formula at these numbers gives the printed {r.text}"
    )
    return [(g, n, how.format(g), _AS_INPUTS) for g, n in zip(st.inputs, c.operands) if g in givens]


def _assigned_at_once(names: _Names, givens: set[str], c: _Chain) -> list[str]:
    """The other given values `w_1 = w_2 = w_3 = 0.5` sets at once: every segment between the label
    and the number the name of one given value (else it is an expression's chain)."""
    out = []
    for seg in c.segments[1:-1]:
        label = _label_of(seg.text) if not seg.numbers else None
        hit, tier = names.resolve(label, among=givens) if label else ([], "")
        if len(hit) != 1 or tier != "name":  # not a verdict: a label-match tier
            return []
        out.append(hit[0])
    return out


def _in_prose(names: _Names, givens: set[str], scan: Scan, n: Number) -> list[tuple]:
    """(given, number, how, rank) when the words before a number in prose name one given value."""
    line = scan.lines[n.line - 1]
    head = re.sub(r"[`*]+$", "", line[: n.col - 1])  # `0.1`, **0.1**: the marks around a number
    if re.search(r"\S\s*:\s*$", head):  # `Learning rate: 0.1`, `eta: 0.1`: the name before a colon
        head = head.rstrip()[:-1] + " = "
    clause = re.split(r"[.;:!?]\s|,\s|\d", head)[-1]
    if is_operand_before(clause):  # `eta * 0.06`, "eta times 0.06": an operand, not a value said
        return []
    cands: list[str] = []
    # `learning rate is`, `learning rate (eta) =`, "the chosen learning rate (0.1)": the value after them
    lead_in = r"(?i)(learning\s+rate|step\s+size)\s*(?:\([^()]*\))?\s*(?:is|of|=|:|was|equals|to|be)?"
    lead_in += r"\s*\(?\s*$"
    if re.search(lead_in, clause):
        cands += [g for g in names.lr_names if g in givens]
    # a name with its subscript is one word (`y_{hat,i}` is no y)
    tail = re.findall(r"[A-Za-z][A-Za-z0-9]*(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?", clause)[-4:]
    for w in tail:
        if w.lower() in _PROSE:
            continue
        hit, tier = names.resolve(w, among=givens)
        if tier == "name":
            cands += hit
    cands = list(dict.fromkeys(cands))
    if len(cands) == 1:
        return [(cands[0], n, f"named by the words before it: '{clause.strip()[-40:]}'", 2)]
    return []


def _choose(found: dict[str, list[tuple[int, _GivenFound]]]) -> tuple[dict[str, _GivenFound], list[str]]:
    """The best-ranked value of each given (the first printed among equals), and notes on the others."""
    chosen: dict[str, _GivenFound] = {}
    notes: list[str] = []
    for name, items in found.items():
        items.sort(key=lambda t: (t[0], t[1].line))
        best = items[0][1]
        chosen[name] = best
        best.also_said = [f for _, f in sorted(items, key=lambda t: t[1].line) if f.value != best.value]
        # in the order the text gives them (a set here made the order change from run to run)
        others = sorted(
            dict.fromkeys((f.text, f.line) for r, f in items if r == items[0][0] and f.value != best.value),
            key=lambda t: t[1],
        )
        best.others = [
            next(f for r, f in items if (f.text, f.line) == t and r == items[0][0]) for t in others
        ]
        if others:
            notes.append(
                f"{name}: took {best.text} (line {best.line}); the text also gives "
                + ", ".join(f"{t} (line {ln})" for t, ln in others)
            )
    return chosen, notes


def _givens_from_case(
    path: str, reference: str
) -> tuple[dict[str, Any], dict[str, str], dict[str, str], str]:
    from ..loading.cases import load_file

    file, _, wanted = str(path).partition("::")
    cases, errors = load_file(file)
    if not cases:
        why = f" ({str(errors[0]).splitlines()[0]})" if errors else ""
        raise DraftError(f"--given {path}: no case could be loaded{why}")
    if wanted:
        pick = [c for c in cases if c.spec.id == wanted]
    else:
        pick = [c for c in cases if c.spec.reference == reference]
    if not pick:
        what = f"no case with id {wanted!r}" if wanted else f"no case with reference {reference}"
        raise DraftError(f"--given {path}: {what} (cases: {', '.join(c.spec.id for c in cases)})")
    case = pick[0]
    texts = {k: case.text("given", k) for k in case.spec.given}
    texts = {k: t for k, t in texts.items() if t is not None}
    return dict(case.spec.given), dict(case.spec.inferred), texts, case.spec.id


@dataclass
class _Givens:
    """The given values the draft writes, with their texts, sources and what is still needed."""

    values: dict[str, Any]
    text: dict[str, str]
    source: dict[str, str]
    inferred: dict[str, str]
    notes: list[str]
    needed: list[str]
    others: dict[str, list[_GivenFound]] = field(default_factory=dict)  # the values not taken
    also_said: dict[str, list[_GivenFound]] = field(default_factory=dict)  # other values said per name


def _gather_givens(
    ws: Worksheet, reference: str, given_case, scan: Scan, chains: list[_Chain], prose: list[Number]
) -> _Givens:
    """From `given_case` when there is one, else from the text; a given neither gives is NEEDED."""
    inferred: dict[str, str] = {}
    given_text: dict[str, str] = {}
    notes: list[str] = []
    others: dict[str, list[_GivenFound]] = {}
    also_said: dict[str, list[_GivenFound]] = {}
    if given_case is not None:
        given, inferred, given_text, cid = _givens_from_case(given_case, reference)
        given_source = {k: f"from {Path(str(given_case).partition('::')[0]).name} ({cid})" for k in given}
    else:
        found, notes = _by_sample(ws, scan, chains, prose)
        given = {k: f.value for k, f in found.items()}
        given_text = {k: f.text for k, f in found.items()}
        given_source = {k: f"line {f.line}: {f.how}" for k, f in found.items()}
        others = {k: f.others for k, f in found.items() if f.others}
        also_said = {k: f.also_said for k, f in found.items()}
    needed = [g for g in ws.given_names if given.get(g) is None]
    for g in needed:
        given.setdefault(g, None)
        given_source[g] = "NEEDED: the text does not give it"
    return _Givens(given, given_text, given_source, inferred, notes, needed, others, also_said)


def _by_sample(
    ws: Worksheet, scan: Scan, chains: list[_Chain], prose: list[Number]
) -> tuple[dict[str, _GivenFound], list[str]]:
    """The given values the text states; when its sections are the worksheet's samples (samples.py),
    each later section's are that sample's (`x1 = 1` under `### Input 2`: x1_s2) and the first
    sample's are read outside the later sections."""
    secs = sample_sections(scan.lines, sample_count(ws.given_names))
    if not secs:
        return _givens_from_text(ws, _Names(ws, ws.given_names), scan, chains, prose)

    def _in(k: int):
        return (
            [c for c in chains if (sample_at(secs, c.numbers[0].line) or 1) == k],
            [n for n in prose if (sample_at(secs, n.line) or 1) == k],
        )

    found, notes = _givens_from_text(ws, _Names(ws, ws.given_names), outside_later(scan, secs), *_in(1))
    for k in sorted(secs)[1:]:
        bases = {sample_of(g)[0]: g for g in ws.given_names if sample_of(g)[1] == k}
        own, more = _givens_from_text(ws, _Names(ws, list(bases)), within(scan, secs, k), *_in(k), set(bases))
        for base, f in own.items():
            if base in bases and bases[base] not in found:
                f.how += f"; the section of sample {k} (a heading numbered {k}), so {bases[base]}"
                found[bases[base]] = f
        notes += more
    return found, notes
