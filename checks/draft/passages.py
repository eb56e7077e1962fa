"""Passages: the part of an article that holds the worked example the worksheet describes.

An article may hold several examples (a single neuron, then a 2-2-1 net, then an exercise), each
giving its own values to names the worksheet shares. The draft then reads one passage: the lines
`--lines A-B` names, or the one it finds. A passage starts at a section (under any heading level
that occurs at least twice, or once with text before it; a heading holds a letter) that gives given
values, and runs on until a section gives one of them again with another value (the next example).
With no heading between the examples, passages end where a given value is given again with another
value, the next one starting at that line's paragraph (`restatements`). Each candidate is bound in
full; one that gives every given value comes before one that leaves some NEEDED (nothing read there
could be verified); then the one with the most claims that match a step's exact value, less the
claims that fit no value of their step (another example's numbers), then by value, then the most
given values, wins over the whole article only when it scores strictly more, and the draft says
which passage it took and why. With given values supplied (`--given`), the passage that states them
comes first (supplied.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import Scan, Skipped
from .result import DraftError

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+\S")


@dataclass(frozen=True)
class Passage:
    first: int  # 1-based, inclusive
    last: int
    why: str
    first_col: int = 0  # a printing may start or end inside a line (printings.py)
    last_col: int = 1 << 30

    def holds(self, line: int, col: int) -> bool:
        return (self.first, self.first_col) <= (line, col) <= (self.last, self.last_col)


def parse_lines(spec: str, n_lines: int) -> Passage:
    """`A-B` (1-based, inclusive; `A-` runs to the end) as a Passage; DraftError when malformed."""
    m = re.fullmatch(r"\s*(\d+)\s*-\s*(\d*)\s*", spec or "")
    if not m:
        raise DraftError(f"--lines {spec!r}: expected A-B, the first and last line (e.g. 40-95)")
    a, b = int(m.group(1)), int(m.group(2) or n_lines)
    if not 1 <= a <= b:
        raise DraftError(f"--lines {spec}: expected 1 <= A <= B")
    if a > n_lines:
        raise DraftError(f"--lines {spec}: the article has {n_lines} lines")
    return Passage(a, min(b, n_lines), f"lines {a}-{min(b, n_lines)}, as --lines says")


def restrict(scan: Scan, p: Passage) -> Scan:
    """The scan with the numbers outside the passage moved to the skipped ones (kind "passage")."""
    inside = [n for n in scan.numbers if p.holds(n.line, n.col)]
    outside = [Skipped(n.text, n.line, n.col, "passage") for n in scan.numbers if not p.holds(n.line, n.col)]
    skipped = sorted(scan.skipped + outside, key=lambda s: (s.line, s.col))
    return Scan(inside, skipped, scan.lines)


def heading_levels(lines: list[str]) -> dict[int, list[int]]:
    """Heading level -> the lines (1-based) of its headings. A heading holds a letter: `# ------`
    (a rule in a program's comments) is none."""
    levels: dict[int, list[int]] = {}
    fenced = False
    for i, line in enumerate(lines, 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        m = None if fenced else _HEADING.match(line)
        if m and re.search(r"[^\W\d_]", line[m.end(1) :]):
            levels.setdefault(len(m.group(1)), []).append(i)
    return levels


def sections(lines: list[str], level: int | None = None) -> list[tuple[int, int, str]]:
    """(first, last, heading) of the sections under a heading level that occurs at least twice (the
    shallowest such level, or `level`), the text before the first included; [] when there are
    fewer than two."""
    usable = {lv: at for lv, at in heading_levels(lines).items() if _splits(lines, at)}
    if level is None and usable:
        level = min(usable)  # the shallowest level that splits the article
    if level not in usable:
        return []
    starts = usable[level]
    out = []
    if starts[0] > 1:
        out.append((1, starts[0] - 1, "the text before the first heading"))
    for a, b in zip(starts, starts[1:] + [len(lines) + 1]):
        out.append((a, b - 1, lines[a - 1].strip().lstrip("#").strip()))
    return out


def split_levels(lines: list[str]) -> list[int]:
    """The heading levels that split the article, shallowest first: those of two headings or more,
    then those of one with text before it (of passages that tie, the first is taken)."""
    levels = heading_levels(lines)
    return sorted(
        (lv for lv, at in levels.items() if _splits(lines, at)), key=lambda lv: (len(levels[lv]) < 2, lv)
    )


def _splits(lines: list[str], at: list[int]) -> bool:
    """Whether headings at the lines `at` split the article in two parts or more: two of them, or
    one with text before it (a notebook's first example under no heading, its second under one)."""
    return len(at) >= 2 or any(line.strip() for line in lines[: at[0] - 1])


def candidates(secs: list[tuple[int, int, str]], given_at: dict[int, dict[str, float]]) -> list[Passage]:
    """From each section that gives a given value, up to the section that gives one of the same
    given values again with another value. `given_at`: section index -> {given: value}."""
    out = []
    for i, (a, _, head) in enumerate(secs):
        if not given_at.get(i):
            continue
        seen = dict(given_at[i])
        last = i
        for j in range(i + 1, len(secs)):
            g = given_at.get(j, {})
            if any(k in seen and seen[k] != v for k, v in g.items()):
                break
            seen.update(g)
            last = j
        end = secs[last][1]
        why = f"lines {a}-{end} (from '{head[:50]}'"
        why += (
            f" to the section before '{secs[last + 1][2][:50]}')" if last + 1 < len(secs) else " to the end)"
        )
        out.append(Passage(a, end, why))
    return out


def misfits(model, state) -> int:
    """The claims a passage's binding makes that fit neither the step's exact nor its author's-chain
    value, nor a slip the draft proposes (`model`, `state`: pipeline's). A passage that holds
    another example's numbers binds them so; a passage's score takes them off its exact matches,
    so the whole article does not win a tie it gets by binding numbers of another example. A claim
    whose step has no value on either chain (a given value it needs is not found) is no misfit:
    an unknown value is no evidence of another example, and counting it would make the passage
    that binds the fewest claims win."""
    from .model import _fits, _scalar

    cs = model.chains(state.printed(), state.operand_values())
    out = 0
    for k, o in state.claims.items():
        p, exact, author = o.number.printed, model.exact.get(k), _author(cs, k)
        if _scalar(exact) is None and author is None:
            continue
        if o.proposed is None and not _fits(p, exact) and not _fits(p, author):
            out += 1
    return out


def _author(cs, step: str):
    from .model import _scalar

    return _scalar(cs.author.get(step))


def restatements(lines: list[str], given: list[tuple[int, str, str]]) -> list[Passage]:
    """An article with no heading between its examples: passages that end where a given value is
    given again with another value (`given`: (line, name, value) of each value the text gives),
    each from the paragraph that holds the new value's line; [] when no value is given twice
    differently. A later value of the same example (an updated weight) splits it too: the whole
    article then scores more than its parts."""
    cuts: list[tuple[int, str]] = [(1, "")]
    seen: dict[str, str] = {}
    for line, name, value in sorted(given):
        if name in seen and seen[name] != value:
            start = _paragraph(lines, line)
            if start > cuts[-1][0]:
                cuts.append((start, f"where {name} is given again, as {value} on line {line}"))
                seen = {}
        seen[name] = value
    if len(cuts) < 2:
        return []
    out = []
    for (a, why), (nxt, then) in zip(cuts, cuts[1:] + [(len(lines) + 1, "")]):
        reason = f"from {why}" if why else "from the start"
        out.append(Passage(a, nxt - 1, f"lines {a}-{nxt - 1} ({reason}" + (f", to {then})" if then else ")")))
    return out


def _paragraph(lines: list[str], line: int) -> int:
    """The first line (1-based) of the paragraph that holds `line`: after the blank line above it, or
    the fence that opens the code block it is in."""
    fence = None
    fenced = False
    for i, text in enumerate(lines[: line - 1], 1):
        if text.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            fence = i if fenced else None
    if fence is not None:
        return fence
    k = line
    while k > 1 and lines[k - 2].strip():
        k -= 1
    return k
