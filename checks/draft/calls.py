"""Calls: an article that defines a function and prints what calls of it return (a problem's test
cases: `print(train(np.array([1, 2]), 0.1, 2))` and then `([0.4943, -0.2155], 0.0013)`).

The text is rewritten (before numbers are found, like `notation`) so that the draft reads such a
printing as it reads prose: a call of a function the article defines (`def train(features, lr,
epochs):`) with numbers among its arguments becomes `input: features = [1, 2], lr = 0.1, epochs = 2 ;`,
and a printed tuple of numbers and lists with as many elements as the function returns (`return
weights.tolist(), bias`, as most of its definitions spell it) becomes `output: weights = [...],
bias = ... ;`. `np.array([...])` around a list of numbers is the list. Numbers inside an `input:`
or `output:` statement are printed values even on a line of code (numbers.py)."""

from __future__ import annotations

import re
from collections import Counter

_DEF = re.compile(r"\bdef\s+([A-Za-z_]\w*)\s*\(([^()]*)\)")
_RETURN = re.compile(r"\breturn\s+((?:[A-Za-z_][\w.]*(?:\(\))?\s*,\s*)+[A-Za-z_]\w*)")
_ARRAY = re.compile(r"\b(?:np|numpy|jnp|torch)\.(?:array|asarray|tensor)\(\s*(?=\[)")
_NUMBER = r"\s*[-\u2212]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\s*"
_LIST = re.compile(
    r"\s*\[(?:" + _NUMBER + r"|\s*\[[^\[\]]*\]\s*)(?:,(?:" + _NUMBER + r"|\s*\[[^\[\]]*\]\s*))*,?\s*\]\s*"
)
_TUPLE = re.compile(
    r"(?<![\w)\]])\((?:" + _NUMBER + r"|\s*\[[^()]*?\]\s*)(?:,(?:" + _NUMBER + r"|\s*\[[^()]*?\]\s*))+\)"
)


def _params(text: str) -> list[str]:
    out = []
    for p in text.split(","):
        name = re.split(r"[:=]", p)[0].strip()
        if name and name != "self":
            out.append(name)
    return out


def signatures(lines: list[str]) -> dict[str, tuple[list[str], list[str]]]:
    """name -> (parameters, returned names) of the functions the article defines; the returned
    names as most of a function's definitions spell them (a garbled copy loses the vote)."""
    params: dict[str, list[str]] = {}
    returns: dict[str, Counter] = {}
    current = None
    for line in lines:
        for m in _DEF.finditer(line):
            current = m.group(1)
            params.setdefault(current, _params(m.group(2)))
        if current is None:
            continue
        for m in _RETURN.finditer(line):
            names = tuple(re.match(r"[A-Za-z_]\w*", x.strip()).group(0) for x in m.group(1).split(","))
            returns.setdefault(current, Counter())[names] += 1
    out = {}
    for name, ps in params.items():
        ret = returns.get(name)
        best = list(max(ret.items(), key=lambda t: (t[1], -len(str(t[0]))))[0]) if ret else []
        out[name] = (ps, best)
    return out


def _strip_arrays(line: str) -> str:
    """`np.array([1, 2])` -> `[1, 2]` (the wrapper around a literal list only)."""
    while True:
        m = _ARRAY.search(line)
        if not m:
            return line
        body = _LIST.match(line, m.end())
        if not body or not line.startswith(")", body.end()):
            return line[: m.start()] + line[m.start() :].replace(m.group(0), m.group(0).replace("(", "\0"), 1)
        line = line[: m.start()] + line[m.end() : body.end()] + line[body.end() + 1 :]


def _args(line: str, start: int) -> tuple[list[str], int] | None:
    """The arguments of the call whose `(` is at `start`, and the index after its `)`."""
    depth, parts, cur = 0, [], start + 1
    for i in range(start, len(line)):
        c = line[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                parts.append(line[cur:i])
                return [p.strip() for p in parts], i + 1
        elif c == "," and depth == 1:
            parts.append(line[cur:i])
            cur = i + 1
    return None


def _calls(line: str, sigs, assigned: list[tuple[str, str]]) -> str:
    for name, (params, _) in sigs.items():
        pos = 0
        while True:
            m = re.compile(r"(?<![\w.])" + re.escape(name) + r"\s*\(").search(line, pos)
            if not m:
                break
            pos = m.end()
            if re.search(r"\bdef\s+$", line[: m.start()]):
                continue
            got = _args(line, m.end() - 1)
            if got is None:
                break
            args, end = got
            pairs = []
            args = [_strip_arrays(a).replace("\0", "(") for a in args]
            named = [
                (a, params[i])
                for i, a in enumerate(args)
                if i < len(params) and re.fullmatch(r"[A-Za-z_]\w*", a)
            ]
            if len(named) == len(args) == len(params):
                assigned.extend(named)  # test code: the arguments were assigned just above
                continue
            for i, a in enumerate(args):
                k = re.match(r"([A-Za-z_]\w*)\s*=(?!=)\s*(.*)$", a, re.S)
                pairs.append((k.group(1), k.group(2)) if k else (params[i] if i < len(params) else None, a))
            if (
                len(args) > len(params)
                or any(p is None for p, _ in pairs)
                or not any(re.search(r"\d", a) for _, a in pairs)
            ):
                continue
            text = " input: " + ", ".join(f"{p} = {a}" for p, a in pairs) + " ;"
            start = m.start()
            wrap = re.search(r"print\s*\(\s*$", line[:start])  # `print(f(...))`: the call is the statement
            if wrap and line[end:].lstrip().startswith(")"):
                start, end = wrap.start(), end + line[end:].index(")") + 1
            line = line[:start] + text + line[end:]
            pos = start + len(text)
    return line


def _outputs(line: str, sigs) -> str:
    by_arity: dict[int, list[list[str]]] = {}
    for _, ret in sigs.values():
        if len(ret) >= 2 and ret not in by_arity.get(len(ret), []):
            by_arity.setdefault(len(ret), []).append(ret)

    def swap(m: re.Match) -> str:
        inner = m.group(0)[1:-1]
        got = _args("(" + inner + ")", 0)
        if got is None:
            return m.group(0)
        items = got[0]
        rets = by_arity.get(len(items), [])
        if len(rets) != 1:
            return m.group(0)
        return " output: " + ", ".join(f"{r} = {v}" for r, v in zip(rets[0], items)) + " ;"

    line = _TUPLE.sub(swap, line)
    # the tuple a call prints right after it (`input: ... ;z3([0.49, -0.21], 0.0013)`): its output
    # even where stray characters before it make it look like a call
    return re.sub(
        r"(?<=input: )([^;]*;.{0,3}?)(" + _TUPLE.pattern[len(r"(?<![\w)\]])") :] + ")",
        lambda m: m.group(1) + _TUPLE.sub(swap, " " + m.group(2))[1:],
        line,
    )


def rewrite_calls(lines: list[str]) -> list[str]:
    """The lines with calls of the article's own functions and their printed results rewritten
    (see the module's docstring); the line count never changes."""
    sigs = signatures(lines)
    out: list[str] = []
    for line in lines:
        if sigs and "(" in line:
            assigned: list[tuple[str, str]] = []
            line = _outputs(_calls(line, sigs, assigned), sigs)
            for arg, param in assigned:
                _input_above(out, arg, param)
        elif sigs and "=" in line and re.search(r"[\[(]", line):
            line = _outputs(line, sigs)  # `expected_output = ([0.1035, -0.1426], -0.0056)`
        out.append(line)
    return out


def _input_above(out: list[str], arg: str, param: str) -> None:
    """`features = np.array([[1.0, 2.0]])` a few lines above a call `f(features, ...)`: the
    call's input, rewritten as `input: features = [[1.0, 2.0]] ;` (the nearest such line)."""
    pat = re.compile(r"^(\s*)" + re.escape(arg) + r"\s*=\s*(.+?)\s*$")
    for j in range(len(out) - 1, max(len(out) - 16, -1), -1):
        m = pat.match(out[j])
        if not m:
            continue
        value = _strip_arrays(m.group(2)).replace("\0", "(")
        if _LIST.fullmatch(value) or re.fullmatch(_NUMBER, value):
            out[j] = f"{m.group(1)} input: {param} = {value.strip()} ;"
        return
