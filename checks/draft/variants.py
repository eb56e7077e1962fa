"""Variants of a given value: the same name set to another value for another purpose (issue 20).

An article may state one name with several values: a line guessed for illustration (`w = 2`, `c =
1`) before the method's run starts from `w = 0.5`, `c = 0.25`. A worksheet that keeps both names the
second by the first and a word (`w_try`, `c_try`: `<name>_<word>`, `<name>` a given value too).
When such variants are left NEEDED and the text gives their `<name>` other values than the one
its reading took, the variants of one word are tried together: each variant at each other value
of its name (the name keeping the value taken), or the name at that value and the variant at the
one taken (which of the two the text gives first says nothing of which is the guess); the
combination under which the most printed numbers agree with the worksheet is taken, under
by_fit's rule (`_GAIN` more than leaving them NEEDED, and no other combination as many), and
said in the sources of both.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

_VARIANT = re.compile(r"(?P<name>.+?)_(?P<word>[A-Za-z][A-Za-z0-9]*)")
_VALUES = 6  # values tried per name
_COMBINATIONS = 64  # combinations tried per word


def _groups(given_names: list[str], gv) -> dict[str, list[tuple[str, str]]]:
    """Word -> (variant, its name) of the NEEDED variants whose name the text gives other values."""
    out: dict[str, list[tuple[str, str]]] = {}
    for g in gv.needed:
        m = _VARIANT.fullmatch(g)
        if m is None or m.group("name") not in given_names:
            continue
        name = m.group("name")
        if gv.values.get(name) is not None and _values(gv, name):
            out.setdefault(m.group("word"), []).append((g, name))
    return out


def _values(gv, name: str) -> list:
    """The other scalar values the text gives `name` (its reading's `also_said`), first said first."""
    out: list = []
    for f in gv.also_said.get(name, []):
        if isinstance(f.value, (int, float)) and not any(f.value == o.value for o in out):
            out.append(f)
    return out[:_VALUES]


def _pairs(gv, name: str) -> list[tuple]:
    """(the name's value, its variant's) to try: the value taken and each other, then swapped."""
    from .givens import _GivenFound

    taken = _GivenFound(gv.values[name], gv.text.get(name, str(gv.values[name])), 0, "")
    line = re.match(r"line (\d+):", gv.source.get(name, ""))
    taken.line = int(line.group(1)) if line else 0
    others = _values(gv, name)
    return [(taken, f) for f in others] + [(f, taken) for f in others]


def fill_variants(given_names: list[str], gv, score: Callable[[dict[str, Any]], int], base: int) -> int:
    """Fill the NEEDED variants of `gv` (givens._Givens) by fit (see the module's docstring);
    `score(values)` counts the printed numbers that agree at the given values `values`. The new
    count of agreeing numbers is returned."""
    from .by_fit import _GAIN

    for word, members in _groups(given_names, gv).items():
        options = [_pairs(gv, name) for _, name in members]
        scores = []
        for combo in itertools.islice(itertools.product(*options), _COMBINATIONS):
            values = dict(gv.values)
            for (g, name), (a, b) in zip(members, combo):
                values[name], values[g] = a.value, b.value
            scores.append((score(values), combo))
        scores.sort(key=lambda t: -t[0])
        if not scores or scores[0][0] < base + _GAIN or (len(scores) > 1 and scores[1][0] == scores[0][0]):
            continue
        got, combo = scores[0]
        together = ", ".join(f"{g} and {name}" for g, name in members)
        how = (
            f"found by fit (the values the text gives {', '.join(n for _, n in members)}, for {together} "
            f"together): with them {got} printed numbers agree with the worksheet at their printed "
            f"precision, {base} leaving {', '.join(g for g, _ in members)} NEEDED"
        )
        for (g, name), (a, b) in zip(members, combo):
            for q, f in ((name, a), (g, b)):
                if gv.values.get(q) != f.value or q == g:
                    gv.values[q], gv.text[q], gv.source[q] = f.value, f.text, f"line {f.line}: {how}"
                    gv.notes.append(f"{q}: took {f.text} (line {f.line}), {how}")
            gv.needed.remove(g)
        base = got
    return base
