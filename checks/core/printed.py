"""Printed numbers: their value and the precision their text shows (DESIGN.md section 3).

`0.560` has 3 decimals; `1.2e-3` has 4 decimals and 2 significant digits; `87%` is 0.87 with 2
decimals; `0.3333...` (an ellipsis) passes when its digits are a truncation of the value. A
printed number passes a value within half a unit of its last digit plus 2 ulp of the value.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from .errors import GradauditError

# ASCII digits only: `\d` would also read Arabic-Indic or fullwidth digits, which no given accepts.
_NUMBER = re.compile(r"^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$")


class PrintedError(GradauditError, ValueError):
    """The text is not a printed number."""


@dataclass(frozen=True)
class Printed:
    text: str
    value: float
    decimals: int
    sig: int
    ellipsis: bool = False
    percent: bool = False

    @property
    def unit(self) -> float:
        """One unit of the last printed digit (of the value, so 1% is 0.01)."""
        return 10.0 ** (-self.decimals)

    def tolerance(self, value: float) -> float:
        return 0.5 * self.unit + 2 * math.ulp(value)

    def passes(self, value: float | None) -> bool:
        if value is None or not math.isfinite(value):
            return False
        if self.ellipsis:
            return self.truncates(value)
        return abs(value - self.value) <= self.tolerance(value)

    def truncates(self, value: float) -> bool:
        """The printed digits are `value` cut (not rounded) after the last printed digit."""
        if value is None or not math.isfinite(value):
            return False
        if self.value != 0 and math.copysign(1, value) != math.copysign(1, self.value):
            return False
        gap = abs(value) - abs(self.value)
        return -2 * math.ulp(value) <= gap < self.unit + 2 * math.ulp(value)

    def cut_from(self, value: float) -> bool:
        """The printed digits are `value` cut, `value` not the next printed number within float noise
        (4 ulp): the exact 2.5 computed as 2.4999999999999996 cuts to 2.5000, not to 2.4999. Where
        `truncates` lets an ellipsis pass at that boundary, the truncated verdict needs a real cut."""
        if not self.truncates(value):
            return False
        return abs(value) - abs(self.value) < self.unit - 4 * math.ulp(value)

    def show(self, value: float) -> str:
        """`value` in the printed form: rounded to the printed decimals."""
        d = max(self.decimals, 0)
        return f"{value:.{d}f}"

    def with_decimals(self, decimals: int) -> Printed:
        """The same number read at another precision (a case's `precision:`): 0.001 printed by a
        program that rounds to 4 decimals is 0.0010, with 2 significant digits."""
        sig = max(self.sig + decimals - self.decimals, 1) if self.value != 0 else self.sig
        return Printed(self.text, self.value, decimals, sig, self.ellipsis, self.percent)


def parse_printed(text: str | int | float) -> Printed:
    """Read a printed number from its text (a YAML scalar's source text, or a number's repr)."""
    if isinstance(text, bool):
        raise PrintedError(f"expected a printed number, found {text!r}")
    raw = text if isinstance(text, str) else repr(text)
    s = raw.strip().replace("\u2212", "-")
    ellipsis = False
    percent = False
    # The marks may come in either order: "33.3%..." and "33.3...%".
    for _ in range(2):
        for mark in ("...", "\u2026"):
            if not ellipsis and s.endswith(mark):
                s, ellipsis = s[: -len(mark)].rstrip(), True
        if not percent and s.endswith("%"):
            s, percent = s[:-1].rstrip(), True
    m = _NUMBER.match(s)
    if not m or not (m.group(2) or m.group(3)):
        raise PrintedError(f"expected a printed number (like 0.56, -1.2e-3, 87% or 0.3333...), found {raw!r}")
    sign, whole, frac, exp = m.group(1), m.group(2) or "", m.group(3) or "", int(m.group(4) or 0)
    if percent:  # 87% = 0.87: shift the decimal exponent, so the value is the nearest float to 0.87
        exp -= 2
    value = float(f"{sign}{whole or '0'}.{frac or '0'}e{exp}")
    decimals = len(frac) - exp
    digits = (whole + frac).lstrip("0")
    sig = len(digits) if digits else 1
    if not math.isfinite(value):
        raise PrintedError(f"expected a finite printed number, found {raw!r}")
    return Printed(raw, value, decimals, sig, ellipsis, percent)


def operand_fits(operand: Any, value: Any) -> bool:
    """A printed operand can stand for a value: the same shape, or one number for a size-1 value
    (an unknown value takes any operand)."""
    if value is None:
        return True
    return np.shape(operand) == np.shape(value) or (np.ndim(operand) == 0 and np.size(value) == 1)
