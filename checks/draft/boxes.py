"""`\\boxed{...}` (and `\\fbox`, `\\framebox`) around a result, its braces matched over the whole text.

`notation` drops a wrapper that only styles a value when it holds no braces of its own on one line
(`\\boxed{3.155}`); a boxed result often holds more: a name with a layer index and a list
(`\\boxed{\\mathbf{z}^{(1)} = [\\,0.21,\\; -0.33\\,]}`), or a chain that goes on over the next lines
of display math (`\\boxed{\\mathbf{h}^{(1)} = [\\tanh(0.21), ...]` then `= [0.2069, ...]}`). Here the
box's opening `\\boxed{` and its matching `}` become spaces of the same length, so every line and
column keeps its place and what the box holds reads as if it were not boxed.
"""

from __future__ import annotations

import re

_OPEN = re.compile(r"\\(?:boxed|fbox|framebox)\s*\{")
_MAX = 4000  # a box that does not close within this many characters is left as it is


def unbox(text: str) -> str:
    """The text with every box's opening and its matching closing brace blanked."""
    if "box" not in text:
        return text
    chars = list(text)
    for m in _OPEN.finditer(text):
        depth, end = 1, None
        for k in range(m.end(), min(len(text), m.end() + _MAX)):
            c = text[k]
            if c == "\\" and k + 1 < len(text) and text[k + 1] in "{}":
                continue  # `\{` is a printed brace, not a group
            if c == "{" and text[k - 1] != "\\":
                depth += 1
            elif c == "}" and text[k - 1] != "\\":
                depth -= 1
                if depth == 0:
                    end = k
                    break
        if end is None:
            continue
        chars[m.start() : m.end()] = " " * (m.end() - m.start())
        chars[end] = " "
    return "".join(chars)
