"""Layer numbering by fit: is `W[1]` the worksheet's W1 (a layer index, as math writes it) or a
program's element 0 of W, named from 1 (`W_{2}`)?

An article that writes its layers in brackets (`W[1] = \\begin{bmatrix}`, `Z[4] = W[4] A[3] +
b[4]`) and a program that indexes an array from 0 (`b[0] = 0.1`) print the same form. Which one an
article means is decided over the whole article by fit: every single index printed after a name
without digits (`W[1]`, `A[0]`, `dZ[4]`) is read both ways, and the reading under which more of
them name a given value or step of the worksheet (`W[1]` ... `W[4]` for W1 ... W4: four as
printed, three from 0, W5 being none) is the article's. A tie keeps the program's reading.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # labels reads notation, which reads this module's LAYER_INDEX
    from .labels import _Names

LAYER_INDEX = re.compile(r"(?<![\w\]\[.'\"\\])(?P<name>[A-Za-z]+)\[\s*(?P<i>\d{1,2})\s*\](?!\s*\[)")


def indices_as_printed(text: str, names: _Names) -> bool:
    """True when the article's bracket indices on names without digits are layer numbers as the
    worksheet counts them (`W[1]` is W1), False when they read better as a program's indices from 0
    (`x[0]` is x1) or nothing tells (see the module's docstring)."""
    seen = {(m.group("name"), int(m.group("i"))) for m in LAYER_INDEX.finditer(text)}
    if not seen:
        return False

    def named(name: str, i: int) -> bool:
        return f"{name.lower()}{i}" in names.keys

    as_printed = sum(named(n, i) for n, i in seen)
    from_zero = sum(named(n, i + 1) for n, i in seen)
    return as_printed > from_zero
