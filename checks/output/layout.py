"""Text that fits the reader's terminal: the width to write to, tables whose wide columns wrap,
and arrays shown by shape and worst element (their full values stay in the JSON report).

Width: `COLUMNS` if set, else the terminal's, else 100 (a file, a pipe, CI logs).
"""

from __future__ import annotations

import os
import re
import sys
import textwrap
from typing import Any, Sequence

import numpy as np

DEFAULT_WIDTH = 100
MIN_WIDTH = 40  # narrower than this, tables are unreadable whatever we do
_GAP = "  "
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_MIN_WRAPPED = 16  # a wrapped column narrower than this reads as a list of fragments
_LAST_RESORT = 6  # the narrowest any column gets on a very narrow terminal
_MIN_BESIDE = 44  # a sentence column narrower than this goes under its row instead


def terminal_width() -> int:
    """`COLUMNS`, else the terminal of stdout, else 100."""
    env = os.environ.get("COLUMNS", "").strip()
    if env.isdigit() and int(env) > 0:
        return max(int(env), MIN_WIDTH)
    try:
        return max(os.get_terminal_size(sys.stdout.fileno()).columns, MIN_WIDTH)
    except (OSError, ValueError, AttributeError):
        return DEFAULT_WIDTH


def visible_len(text: str) -> int:
    return len(_ANSI.sub("", text))


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Lines of at most `width` characters (a word longer than that is broken)."""
    if not text:
        return [indent] if indent else [""]
    return textwrap.wrap(
        text,
        width=max(width, 1),
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=True,
    ) or [indent]


def _fit(widths: list[int], floors: list[int], wrappable: list[bool], width: int) -> list[int] | None:
    """Shrink the widest wrappable columns, one character at a time, until the row fits."""
    widths = list(widths)
    total = sum(widths) + len(_GAP) * (len(widths) - 1)
    while total > width:
        candidates = [i for i, w in enumerate(widths) if wrappable[i] and w > floors[i]]
        if not candidates:
            return None
        i = max(candidates, key=lambda k: (widths[k], k))
        widths[i] -= 1
        total -= 1
    return widths


def table(
    body: Sequence[Sequence[Any]],
    headers: Sequence[str],
    width: int,
    wrap_columns: Sequence[str] = ("explanation",),
    below: str | None = "explanation",
    quiet: Sequence[bool] | None = None,
) -> str:
    """A plain table no wider than `width` where it can be: the columns named in `wrap_columns`
    wrap inside their cells; when the column named `below` (a sentence) would be narrower than
    44 characters, it leaves the table and is printed, wrapped and indented, under its row
    (except for rows marked `quiet`, whose sentence only restates their cells). Cells may hold
    ANSI colour."""
    headers = list(headers)
    rows = [["" if c is None else str(c) for c in row] for row in body]
    wrappable = [h in wrap_columns for h in headers]
    natural = [
        max([visible_len(h)] + [max(visible_len(ln) for ln in (r[i].splitlines() or [""])) for r in rows])
        for i, h in enumerate(headers)
    ]
    floors = [
        min(natural[i], max(_MIN_BESIDE if h == below else _MIN_WRAPPED, len(h)))
        for i, h in enumerate(headers)
    ]
    widths = _fit(natural, floors, wrappable, width)
    if widths is None and below in headers and len(headers) > 1:
        k = headers.index(below)
        rest_headers = headers[:k] + headers[k + 1 :]
        rest_rows = [r[:k] + r[k + 1 :] for r in rows]
        rest_wrap = wrappable[:k] + wrappable[k + 1 :]
        rest_natural = natural[:k] + natural[k + 1 :]
        rest_floors = floors[:k] + floors[k + 1 :]
        widths, rest_wrap = _fit_any(rest_natural, rest_floors, rest_wrap, width)
        notes = [("" if quiet and quiet[n] else r[k]) for n, r in enumerate(rows)]
        return _render(rest_headers, rest_rows, widths, rest_wrap, notes, width)
    if widths is None:
        widths, wrappable = _fit_any(natural, floors, wrappable, width)
    return _render(headers, rows, widths, wrappable, None, width)


def _fit_any(natural, floors, wrappable, width) -> tuple[list[int], list[bool]]:
    """The wrappable columns first; if that is not enough, every column (headers too) down to
    `_LAST_RESORT` characters; if even that is not enough, as narrow as that."""
    widths = _fit(natural, floors, wrappable, width)
    if widths is not None:
        return widths, list(wrappable)
    every = [True] * len(natural)
    last = [min(n, _LAST_RESORT) for n in natural]
    return _fit(natural, last, every, width) or last, every


def _pad(text: str, w: int) -> str:
    return text + " " * max(w - visible_len(text), 0)


def _render(headers, rows, widths, wrappable, notes, width) -> str:
    head = [wrap(h, w) if visible_len(h) > w else [h] for h, w in zip(headers, widths)]
    out = [
        _GAP.join(_pad(c[k] if k < len(c) else "", w) for c, w in zip(head, widths)).rstrip()
        for k in range(max(len(c) for c in head))
    ]
    out.append(_GAP.join("-" * w for w in widths))
    for n, row in enumerate(rows):
        cells = []
        for text, w, wraps in zip(row, widths, wrappable):
            lines = []
            for part in text.splitlines() or [""]:
                lines += wrap(part, w) if wraps and visible_len(part) > w else [part]
            cells.append(lines)
        for k in range(max(len(c) for c in cells)):
            out.append(_GAP.join(_pad(c[k] if k < len(c) else "", w) for c, w in zip(cells, widths)).rstrip())
        if notes is not None and notes[n]:
            out += wrap(notes[n], width - 4, indent="    ")
    return "\n".join(out)


def array_summary(x: Any, digits: int = 4) -> str:
    """An array as its shape and its largest element by magnitude: `(5, 4) max |x| 1.023 at [3, 2]`."""
    a = np.asarray(x, dtype=np.float64)
    if a.size == 0:
        return f"{tuple(a.shape)} empty"
    finite = np.where(np.isfinite(a), np.abs(a), -1.0)
    if (~np.isfinite(a)).any():
        k = np.unravel_index(int(np.argmax(~np.isfinite(a))), a.shape)
        return f"{tuple(a.shape)} non-finite {a[k]} at {list(map(int, k))}"
    k = np.unravel_index(int(np.argmax(finite)), a.shape)
    return f"{tuple(a.shape)} max |x| {abs(float(a[k])):.{digits}g} at {list(map(int, k))}"


def short_number(x: Any, digits: int = 7, full_up_to: int = 4) -> str:
    """A number at `digits` significant digits; a small array in full, a larger one summarised."""
    if x is None:
        return ""
    if np.ndim(x) > 0:
        a = np.asarray(x)
        if a.size <= full_up_to:
            return "[" + ", ".join(short_number(v, digits) for v in a.ravel()) + "]"
        return array_summary(a)
    x = float(x) + 0.0  # a -0.0 reads 0, as a person writes it
    return str(x) if not np.isfinite(x) else f"{x:.{digits}g}"
