"""Given values the readings leave NEEDED, found by fit (issue 20): whatever the notation the
article states them in, a given value is the one that makes the article's printed numbers agree with
the worksheet.

Each given value left NEEDED is tried, one at a time (greedy, in the worksheet's order), at the
numbers of the passage read: first those near a spelling of its name (`w 11 ... 2.0`, `e 1 = 1.5`:
the name's letters and digits as tokens in any spacing, the numbers after it on its line, nearest
first, then those before it), then each list or matrix printed as a chain's value (rows over lines
too: a value for a vector or matrix given), then every number in order of appearance; at most
`_TRIES` distinct values each. For each value the worksheet is evaluated (its exact chain) and the
printed numbers of two or more significant digits that agree with some step's value at their printed
precision are counted. The value under which the most agree is taken when it makes at least `_GAIN`
more agree than leaving the given NEEDED and no other value makes as many agree; its source says so
(how many agree with it, without it and with the next best). A given the text states by name is
never replaced by another number: only NEEDED ones are tried; but when the text states it several
times with different values, the value taken is chosen among those by the same rule
(`prefer_by_fit`). Before that, the NEEDED given values of one letter stem (W_trai, W_phai; w3, w4)
are tried together at each flat list of their size the text prints (`_fill_families`), under the
same rule. Given values that fit only together across stems (z = w1 x1 + w3 x2, all four NEEDED) are
not found: one at a time, none makes a number agree (and together, products are symmetric: w1 = x1's
value and x1 = w1's fit as well).
"""

from __future__ import annotations

import bisect
import math
import re
from typing import Any

import numpy as np

from ..core.vocab import Worksheet
from ..evaluating.worksheet import Evaluator, WorksheetError, evaluate
from .chains import _Chain
from .fit_values import NAMED_CLASS, fit_key, named_classes, one_hots, prose_lists
from .givens import _as_given as _as_value
from .labels import _Names
from .model import non_scalar_losses
from .numbers import Number, Scan
from .prose_givens import _runs
from .variants import fill_variants

_TRIES = 24  # values tried per given value
_GAIN = 2  # printed numbers a value must make agree beyond leaving it NEEDED (one can be chance)
_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?")


def fill_by_fit(ws: Worksheet, gv, scan: Scan, chains: list[_Chain]) -> None:
    """Fill the given values `gv` (givens._Givens) leaves NEEDED by fit (see the module's docstring)."""
    if not gv.needed:
        return
    ev = Evaluator(ws)
    names = _Names(ws, ws.given_names)
    counted = [n for n in scan.numbers if n.printed.sig >= 2 and not n.printed.ellipsis]
    base = _agree(ws, ev, gv.values, counted)
    base = _fill_families(ws, ev, gv, scan, chains, counted, base)
    base = fill_variants(ws.given_names, gv, lambda values: _agree(ws, ev, values, counted), base)
    for g in list(gv.needed):
        scores: dict[str, tuple[int, Any, str, int, str]] = {}
        tried = {False: 0, True: 0}  # scalars and lists, each at most _TRIES
        for value, text, line, why in _candidates(names, g, scan, chains, gv.values):
            key, shaped = fit_key(value), isinstance(value, list)
            if key in scores or tried[shaped] >= _TRIES:
                continue
            tried[shaped] += 1
            scores[key] = (_agree(ws, ev, dict(gv.values, **{g: value}), counted), value, text, line, why)
        ranked = sorted(scores.values(), key=lambda t: -t[0])
        gain = 1 if ranked and ranked[0][4].startswith(NAMED_CLASS) else _GAIN  # the words say half
        if not ranked or ranked[0][0] < base + gain or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            continue
        got, value, text, line, why = ranked[0]
        nxt = f", {ranked[1][0]} with the next best, {ranked[1][2]}" if len(ranked) > 1 else ""
        how = (
            f"found by fit ({why}): with it {got} printed numbers agree with the worksheet at their "
            f"printed precision, {base} without it{nxt}; no reading of the text names it"
        )
        where = f"line {line}: " if line else ""
        gv.values[g], gv.text[g], gv.source[g] = value, text, where + how
        gv.needed.remove(g)
        gv.notes.append(f"{g}: took {text}" + (f" (line {line})" if line else "") + f", {how}")
        base = got


def _fill_families(
    ws: Worksheet, ev: Evaluator, gv, scan: Scan, chains: list[_Chain], counted, base: int
) -> int:
    """Given values left NEEDED that go together (one letter stem: W_trai, W_phai; w3, w4), each
    family of two or more tried at once at each flat list of its size the text prints (a chain's
    value, a list said in prose), element by element in the worksheet's order: one at a time, a
    weight of a product summed with another unknown makes nothing agree. Taken as `fill_by_fit` takes
    one value; the new count of agreeing numbers is returned."""
    families: dict[str, list[str]] = {}
    for g in gv.needed:
        m = re.match(r"[A-Za-z]+?(?=_|\d|$)", g)
        if m:
            families.setdefault(m.group(0).lower(), []).append(g)
    lists = [(r, c.line) for c in chains if (r := _value_rows(c)) is not None and len(r) == 1]
    lists = [(r[0], line) for r, line in lists] + [(run, run[0].line) for run in _runs(scan)]
    for fam in (f for f in families.values() if len(f) >= 2):
        scores: dict[str, tuple[int, list, int]] = {}
        for row, line in lists:
            value = [_as_value(n) for n in row]
            if len(row) == len(fam) and repr(value) not in scores:
                scores[repr(value)] = (
                    _agree(ws, ev, dict(gv.values, **dict(zip(fam, value))), counted),
                    value,
                    line,
                )
        ranked = sorted(scores.values(), key=lambda t: -t[0])
        if not ranked or ranked[0][0] < base + _GAIN or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            continue
        got, value, line = ranked[0]
        how = (
            f"found by fit (a list printed in the passage, for {', '.join(fam)} together): with it {got} "
            f"printed numbers agree with the worksheet at their printed precision, {base} without it"
        )
        for g, v in zip(fam, value):
            gv.values[g], gv.text[g], gv.source[g] = v, str(v), f"line {line}: {how}"
            gv.needed.remove(g)
        gv.notes.append(f"{', '.join(fam)}: took {value} (line {line}), {how}")
        base = got
    return base


def _agree(ws: Worksheet, ev: Evaluator, given: dict[str, Any], counted: list[Number]) -> int:
    """How many of the numbers `counted` agree at their printed precision with some step's exact
    value at `given`; -1 when the worksheet cannot be evaluated there."""
    try:
        exact = evaluate(ws, given, {}, {}, ev).exact
    except (WorksheetError, ValueError, TypeError):
        return -1
    if non_scalar_losses(ws, exact):
        return -1
    values: list[float] = []
    for name in ws.steps:
        v = exact.get(name)
        if v is not None:
            values += [float(x) for x in np.asarray(v, dtype=np.float64).ravel() if math.isfinite(x)]
    values.sort()
    out = 0
    for n in counted:
        p = n.printed
        reach = p.unit + 1e-12 * max(1.0, abs(p.value))
        lo = bisect.bisect_left(values, p.value - reach)
        hi = bisect.bisect_right(values, p.value + reach)
        out += any(p.passes(v) for v in values[lo:hi])
    return out


def _candidates(names: _Names, g: str, scan: Scan, chains: list[_Chain], values: dict[str, Any]):
    """(value, text, line, why) to try for the given `g`, best first (see the module's docstring)."""
    keys = {k for k, ns in names.keys.items() if g in ns}
    by_line = scan.by_line()
    for line, start, end in _spellings(scan.lines, keys):
        nums = sorted(by_line.get(line, []), key=lambda n: n.col)
        after = [n for n in nums if n.col - 1 >= end]
        before = [n for n in reversed(nums) if n.end <= start]
        for n in after[:3] + before[:2]:
            yield _as_value(n), n.plain, line, f"printed near `{scan.lines[line - 1][start:end]}`"
    for c in chains:
        rows = _value_rows(c)
        if rows is not None:
            value = [[_as_value(n) for n in r] for r in rows]
            value = value[0] if len(value) == 1 else value
            if len(rows) > 1 and all(len(r) == 1 for r in rows):
                value = [r[0] for r in value]  # a column: a vector
            text = str(value).replace("'", "")
            yield value, text, c.line, "a list printed in the passage"
    yield from prose_lists(scan)
    yield from named_classes(scan.lines, values)
    yield from one_hots(values)
    for n in scan.numbers:
        yield _as_value(n), n.plain, n.line, "a number of the passage, in order"


def _value_rows(c: _Chain) -> list[list[Number]] | None:
    """The rows of a list or matrix a chain prints as a value (a matrix over lines: its rows)."""
    for seg in c.segments:
        if seg.rows and len({len(r) for r in seg.rows}) == 1:
            return seg.rows
    return None


def _spellings(lines: list[str], keys: set[str]):
    """(line, start, end) of each place a key (a normalised spelling) is printed as consecutive
    tokens of letters and whole numbers (`w 11`, `e_1`, `W_{1}`)."""
    if not keys:
        return
    longest = max(len(k) for k in keys)
    for i, text in enumerate(lines, 1):
        toks = [m for m in _TOKEN.finditer(text) if "." not in m.group(0)]
        for a, first in enumerate(toks):
            if not first.group(0)[0].isalpha():
                continue
            joined = ""
            for b in range(a, min(a + 4, len(toks))):
                if b > a and toks[b].start() - toks[b - 1].end() > 3:
                    break
                joined += toks[b].group(0).lower()
                if len(joined) > longest:
                    break
                if joined in keys:
                    yield i, first.start(), toks[b].end()
                    break


def prefer_by_fit(ws: Worksheet, gv, scan: Scan) -> None:
    """A given value the text gives several times with different values, as plainly each time (an
    algorithm's defaults, `\\alpha = 0.001`, then its example's, `\\alpha = 0.1`): the value taken is
    the first printed, unless another makes at least `_GAIN` more of the printed numbers agree with
    the worksheet at their printed precision and no other as many (said in its source and notes)."""
    if not gv.others or gv.needed:
        return
    ev = Evaluator(ws)
    counted = [n for n in scan.numbers if n.printed.sig >= 2 and not n.printed.ellipsis]
    for g in [g for g in ws.given_names if g in gv.others]:
        base = _agree(ws, ev, gv.values, counted)
        values = {fit_key(f.value): f for f in reversed(gv.others[g])}  # each value at its first printing
        values.pop(fit_key(gv.values[g]), None)
        scored = [(_agree(ws, ev, dict(gv.values, **{g: f.value}), counted), f) for f in values.values()]
        ranked = sorted(scored, key=lambda t: (-t[0], t[1].line))
        if not ranked or ranked[0][0] < base + _GAIN or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            continue
        got, f = ranked[0]
        how = (
            f"printed as `{f.text}`, taken over {gv.text.get(g, gv.values[g])} (printed first): with it "
            f"{got} printed numbers agree with the worksheet at their printed precision, "
            f"{base} with that"
        )
        gv.values[g], gv.text[g], gv.source[g] = f.value, f.text, f"line {f.line}: {how}"
        gv.notes.append(f"{g}: took {f.text} (line {f.line}), {how}")
