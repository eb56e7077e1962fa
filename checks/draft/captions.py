"""Lists under a caption: a printed list after a label and a colon on a line of prose
(`**Feature Map:** `[0, 5]``, `=> Output: [0.2, 0.8].`, `- New filter: (1.5, -0.5)`), bound element
by element to the vector step the label names, when it names exactly one step holding a vector of
the list's length. A chain (`label = [...]`) is `vectors`' to read; this is the same list written
as a caption instead of an equation, in any language the worksheet's labels are written in.

The list must follow the colon directly (markup aside: bold, backticks, math dollars, an arrow or
a bullet before the label), its numbers must be all the line's numbers after the colon, and none of
them bound to anything else already; the label is what stands between the line's start (or its
last sentence break) and the colon, at most six words."""

from __future__ import annotations

import re

from .binder import _State
from .model import _Model
from .numbers import Scan, _key
from .vectors import _bind_one, _size

# markup around a caption: bold, italics, code, math dollars, arrows, bullets
_MARKUP = re.compile(r"\*\*|__|`|\$|\\Rightarrow|\\to|\u21d2|=>|->|^\s*(?:[-*+>]|\d+\.)\s+")
_CAPTION = re.compile(
    r"(?:^|[.!?;]\s)(?P<label>[^.!?;:=]{1,60}?)\s*:[\s`*_$]*[\[(](?P<body>[^\[\]()]*)[\])][\s`*_$]*\.?\s*$"
)
_LIST_BODY = re.compile(r"^\s*-?\d[\d.]*(?:\s*[,;]\s*-?\d[\d.]*)+\s*$")


def bind_captioned_lists(model: _Model, scan: Scan, state: _State) -> None:
    """Bind each captioned list (see the module's docstring) into `state.vectors`."""
    by_line = scan.by_line()
    cs = None
    for lineno, raw in enumerate(scan.lines, 1):
        if ":" not in raw or "[" not in raw and "(" not in raw:
            continue
        m = _CAPTION.search(raw)
        if m is None or not _LIST_BODY.match(_MARKUP.sub("", m.group("body"))):
            continue
        label = " ".join(_MARKUP.sub(" ", m.group("label")).split())
        if not label or len(label.split()) > 6:
            continue
        colon = raw.index(":", m.start("label"))
        nums = [n for n in by_line.get(lineno, []) if n.col - 1 > colon]
        inside = [n for n in nums if m.start("body") <= n.col - 1 < m.end("body")]
        if len(inside) < 2 or len(inside) != len(nums):
            continue
        if any((o := state.outcomes.get(_key(n))) is not None and o.bound for n in inside):
            continue
        if cs is None:
            cs = model.chains(state.printed(), state.operand_values())
        names, _ = model.names.resolve(label)
        steps = [s for s in names if s in model.ws.steps and s in model.vector]
        fits = [s for s in steps if _size(cs.exact.get(s)) == len(inside)]
        if len(fits) == 1:
            why = f"the caption `{label}:` before the list (line {lineno}) names"
            _bind_one(fits[0], inside, why, cs, state, state.vectors)
