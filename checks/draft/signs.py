"""Minus signs a text lost (issue 20): a PDF's text extraction may drop the glyph a typesetter drew
for the minus (matplotlib's mathtext, a math font's U+2212), leaving `= 0.091` for `= -0.091`,
`0.1( 0.054)` for `0.1(-0.054)`.

A text that prints no minus sign at all in its math (no `-` or `−` but a hyphen inside a word, a
Markdown rule, bullet or arrow) and in which numbers of two values or more (two significant digits
or more) fit no element of the worksheet's exact values but fit one with the opposite sign, lost
its minus signs:
every number of it that fits no element as printed and fits one negated is read negated, its text
kept as printed and its value written with the minus (`-0.091`), and the draft says so. One such
value (printed once or restated) is a slip of sign (the runner's `sign`), not evidence of a lost
glyph; a text that prints a minus anywhere prints its minus signs."""

from __future__ import annotations

import re

import numpy as np

from ..core.printed import parse_printed
from .numbers import Number, Scan

_EVIDENCE = 2  # distinct values of two significant digits or more that fit only negated
# what is not a minus: a hyphen between letters (`Step-by-Step`), a rule or a dash run (`---`), an
# arrow (`->`, `<-`), a bullet's marker at the start of a line
_NOT_MINUS = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])|-{2,}|<-|->|^\s*-(?=\s)", re.M)


def prints_a_minus(lines: list[str]) -> bool:
    """The text prints a minus sign somewhere (a `-` that is no hyphen, rule, arrow or bullet, or `−`)."""
    text = _NOT_MINUS.sub(" ", "\n".join(lines))
    return "-" in text or "\u2212" in text


def _fits(n: Number, elements: np.ndarray, sign: float) -> bool:
    p = n.printed
    return bool(np.any(np.abs(elements - sign * p.value) <= 0.5 * p.unit * (1 + 1e-9) + 1e-12))


def restore_signs(scan: Scan, elements: np.ndarray) -> tuple[Scan, str | None]:
    """The scan with the numbers that lost their minus read negated, and the note that says so (or
    the scan as it is and None). `elements`: every element of the worksheet's exact values."""
    if elements.size == 0 or prints_a_minus(scan.lines):
        return scan, None
    lost = [
        n
        for n in scan.numbers
        if n.printed.value > 0 and not n.printed.percent
        and not _fits(n, elements, 1) and _fits(n, elements, -1)
    ]  # fmt: skip
    if len({n.printed.value for n in lost if n.printed.sig >= 2}) < _EVIDENCE:
        return scan, None
    negated = {id(n) for n in lost}
    numbers = [_negated(n) if id(n) in negated else n for n in scan.numbers]
    where = ", ".join(f"{n.text} (line {n.line})" for n in lost)
    note = (
        f"the text prints no minus sign, and {len(lost)} numbers fit a value of the worksheet only "
        f"negated: its minus signs were lost (a PDF's text), so these are read negated: {where}"
    )
    return Scan(numbers, scan.skipped, scan.lines), note


def _negated(n: Number) -> Number:
    text = "-" + n.plain
    p = parse_printed(text)
    return Number(n.text, p, n.line, n.col, exponent=n.exponent, canonical=text)
