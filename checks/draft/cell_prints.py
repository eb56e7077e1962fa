"""A program's prints, line by line: the output block under a code block names each value by the
print call that printed it.

A fenced code block whose print calls all stand at its top level, one call a line, each printing
one name (`print(y)`, `print("Loss:", loss)`, `print(f"W = {W}")`), followed by a fenced output
block (a notebook cell's output, or a bare fence under `Output:`) that holds as many printed items
(a number, or a list over lines while its brackets are open) as the block has print calls: the
k-th item is what the k-th call printed. Each item is rewritten as an assignment to the name
printed (`Hidden states: [0.05 0.12]` -> `hidden_states = [0.05 0.12]`, `[-0.1 -0.18]` under
`print(dL_dy)` -> `dL_dy = [-0.1 -0.18]`), and as the updated value (`W_x(new) = 0.5016`) when
the program last set that name from itself above the call (`W_x -= learning_rate * dL_dWx`,
`w = w - lr * g`): a value printed after an update is the updated value, not the given one.

A block with a print inside a loop or a function, a call printing anything else, or an item count
that differs is left as it is, and so is an item that is a matrix (`[[1.1]]`: the readings of
printed matrices take it); so is a name whose last setting above the call is indented (in a
loop: the value after several updates, not one)."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s*(?:```|~~~)")
# what may stand between a code block and its output: a notebook's cell line, `Output:`, `Out[3]:`
_BETWEEN = re.compile(r"^\s*(?:-{3,}[^`]*output[^`]*|(?:Output|Out\s*\[\s*\d*\s*\]|Result)\s*:?)\s*$", re.I)
_PRINT = re.compile(r"^print\s*\((?P<args>.*)\)\s*;?\s*(?:#.*)?$")
_IDENT = r"[A-Za-z_]\w*"
_STR = re.compile(r"""^(?P<f>[fF]?)(?P<q>["'])(?P<s>.*)(?P=q)$""")
# a number or a flat list (a matrix, `[[1.1]]`, is left to the readings of printed matrices)
_ITEM = re.compile(r"^[-\u2212]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$|^\[[-\u2212\d.eE+,\s]*\]$")


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) 0-based line indices of each fenced block's body."""
    out, start = [], None
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            if start is None:
                start = i + 1
            else:
                out.append((start, i - 1))
                start = None
    return out


def _printed(call_args: str) -> tuple[str, str, str] | None:
    """(prefix, name, suffix) a print call's output reads as: `"Loss:", loss` -> ("Loss: ", "loss",
    ""), `f"W = {W:.4f}"` -> ("W = ", "W", ""), `y` -> ("", "y", ""); None for anything else."""
    from .printouts import _arguments

    args = _arguments(call_args)
    if len(args) == 1 and re.fullmatch(_IDENT, args[0]):
        return "", args[0], ""
    if len(args) == 2 and re.fullmatch(_IDENT, args[1]):
        s = _STR.match(args[0])
        if s is None or s.group("f") or "{" in s.group("s"):
            return None
        return s.group("s") + " ", args[1], ""
    s = _STR.match(args[0]) if len(args) == 1 else None
    if s is None or not s.group("f"):
        return None
    m = re.fullmatch(r"([^{}]*)\{(" + _IDENT + r")(?:\s*:[^{}]*)?\}([^{}]*)", s.group("s"))
    return (m.group(1), m.group(2), m.group(3)) if m else None


def _items(lines: list[str], first: int, last: int) -> list[tuple[int, str]] | None:
    """(index, text) of each printed item of an output block: a line, or a list continued over lines
    while its brackets are open (the text of its first line)."""
    out, open_ = [], 0
    for i in range(first, last + 1):
        line = lines[i]
        if not line.strip():
            continue
        if open_ == 0:
            out.append((i, line))
        open_ += line.count("[") - line.count("]")
        if open_ < 0:
            return None
    return out if open_ == 0 else None


def _last_set(code: list[str], name: str) -> str | None:
    """How the program lines `code` (in order) last set `name`: "update" (from itself: `w -= ...`,
    `w = w - ...`), "indented" (inside a block), "set" (otherwise), or None (not set)."""
    update = re.compile(rf"^(\s*){re.escape(name)}\s*(?:[-+*/]=|=(?!=)\s*{re.escape(name)}\s*[-+*/])")
    assign = re.compile(rf"^(\s*){re.escape(name)}\s*(?:[-+*/]?=)(?!=)")
    for line in reversed(code):
        m = update.match(line) or assign.match(line)
        if m is None:
            continue
        if m.group(1):
            return "indented"
        return "update" if update.match(line) else "set"
    return None


def name_printed_items(lines: list[str]) -> list[str]:
    """`lines` with each printed item of an output block written as an assignment to the name its
    print call printed (see the module's docstring)."""
    out = list(lines)
    blocks = _blocks(lines)
    code_so_far: list[str] = []
    outputs: set[int] = set()  # the output blocks read (no program text)
    for (a, b), (c, d) in zip(blocks, blocks[1:] + [(None, None)]):
        code = lines[a : b + 1] if a not in outputs else []
        if c is None or any(not _BETWEEN.match(ln) and ln.strip() for ln in lines[b + 2 : c - 1]):
            code_so_far += code
            continue
        calls = [j for j, ln in enumerate(code) if re.match(r"\s*print\s*\(", ln)]
        prints = [_PRINT.match(code[j].strip()) for j in calls]
        items = _items(lines, c, d)
        if not calls or any(code[j][:1] in " \t" for j in calls) or not all(prints):
            items = None
        if items and len(items) == len(calls):
            outputs.add(c)
        for j, m, (i, text) in zip(calls, prints, items if items and len(items) == len(calls) else []):
            read = _printed(m.group("args"))
            body = text.strip()
            if read is None or not body.startswith(read[0].strip()) or not body.endswith(read[2]):
                continue
            value = body[len(read[0].strip()) : len(body) - len(read[2])].strip()
            how = _last_set(code_so_far + code[:j], read[1])
            if _ITEM.match(value) and how != "indented":
                lead = text[: len(text) - len(text.lstrip())]
                out[i] = f"{lead}{read[1]}{'(new)' if how == 'update' else ''} = {value}"
        code_so_far += code
    return out
