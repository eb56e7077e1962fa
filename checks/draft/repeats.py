"""A worksheet's repeated rounds (`ws.repeat`) in an article (issue 20): their counts and the values
they print. "After this first round ... the total error is now down to 0.291027924 ... after
repeating this process 10,000 times ... the error plummets to 0.000035085".

Counts (`fill_counts`): a count a repeat step takes as its rounds, left NEEDED, is one of the counts
the passage says (`10,000 times`, `50 iterations`, `the first round`, `once`). The NEEDED counts
are tried together at each assignment of those (at most `_MAX_COUNT` rounds each), and the one
taken is the one under which the most printed numbers lie near (within `_NEAR`, relative) the
value of one repeat step that uses them (and no other repeat's), each count near at least one, and
no other assignment as many; said in its source for a person to confirm.

Values (`bind_repeat_values`): a number left unbound (no step matches it at its printed precision)
with three significant digits or more, near the value of exactly one repeat step, is that step's
claim: what a tutorial prints after many rounds is seldom its own worksheet's value to every
digit (old or updated values, a rounding carried through the rounds), and the runner judges the
difference (a procedure change, or arithmetic). A later printing of the same number restates it.
"""

from __future__ import annotations

import itertools
import math
import re

from ..core.vocab import Worksheet
from ..evaluating.worksheet import Evaluator, WorksheetError, evaluate
from .model import _g
from .numbers import Scan, _key
from .result import Outcome

_NEAR = 1e-3  # relative distance of a printed value from a repeat step's
_MAX_COUNT = 100_000  # rounds tried at most (a draft evaluates each assignment)
_MAX_CANDIDATES = 4
_COUNT_RE = re.compile(
    r"(?i)\b(\d{1,3}(?:,\d{3})+|\d+)\s+(?:more\s+)?(?:times|rounds|iterations|epochs|passes|updates)\b"
)
_ORDINAL_RE = re.compile(
    r"(?i)\b(first|second|third|fourth|fifth)\s+(?:round|iteration|epoch|pass|update)\b|\b(once|twice)\b"
)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "once": 1, "twice": 2}


def _rounds_of(ws: Worksheet) -> dict[str, list[str]]:
    """count given -> the repeat steps that take it as their rounds."""
    out: dict[str, list[str]] = {}
    for name, st in ws.steps.items():
        if st.repeat is not None:
            out.setdefault(st.repeat.rounds, []).append(name)
    return out


def _said_counts(lines: list[str]) -> dict[int, int]:
    """count -> the first line that says it."""
    out: dict[int, int] = {}
    for i, line in enumerate(lines, 1):
        for m in _COUNT_RE.finditer(line):
            k = int(m.group(1).replace(",", ""))
            if 0 < k <= _MAX_COUNT:
                out.setdefault(k, i)
        for m in _ORDINAL_RE.finditer(line):
            out.setdefault(_ORDINALS[(m.group(1) or m.group(2)).lower()], i)
    return out


def _near(p, v) -> float | None:
    """The relative distance of printed `p` from `v` when within `_NEAR`, else None."""
    if v is None or not math.isfinite(v) or p.value == 0:
        return None
    d = abs(v - p.value) / abs(p.value)
    return d if d <= _NEAR else None


def fill_counts(ws: Worksheet, gv, scan: Scan) -> bool:
    """Fill the NEEDED counts of `gv` (givens._Givens) that repeats take (module's docstring);
    whether it did."""
    rounds = _rounds_of(ws)
    needed = [g for g in gv.needed if g in ws.counts and g in rounds]
    said = _said_counts(scan.lines)
    if not needed or not said or len(needed) > 3:
        return False
    cands = sorted(said)[:_MAX_CANDIDATES]
    printed = [n for n in scan.numbers if n.printed.sig >= 3 and not n.is_integer and not n.printed.ellipsis]
    ev = Evaluator(ws)
    scores = []
    for combo in itertools.product(cands, repeat=len(needed)):
        try:
            exact = evaluate(ws, dict(gv.values, **dict(zip(needed, combo))), {}, {}, ev).exact
        except (WorksheetError, ValueError, TypeError):
            continue
        hit = {g: 0 for g in needed}
        for n in printed:
            near = [
                (g, s)
                for g in needed
                for s in rounds[g]
                if _near(n.printed, _float(exact.get(s))) is not None
            ]
            if len(near) == 1:  # near one repeat's value only, as `bind_repeat_values` binds it
                hit[near[0][0]] += 1
        if all(hit.values()):
            scores.append((sum(hit.values()), combo))
    scores.sort(key=lambda t: -t[0])
    if not scores or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return False
    got, combo = scores[0]
    taken = ", ".join(f"{a} = {b}" for a, b in zip(needed, combo))
    for g, k in zip(needed, combo):
        gv.values[g], gv.text[g] = k, str(k)
        gv.source[g] = (
            f"line {said[k]}: a count the text says; with {taken} {got} printed numbers lie near the "
            "values of the repeats that use them; confirm it"
        )
        gv.needed.remove(g)
    return True


def _float(v) -> float | None:
    try:
        return None if v is None else float(v)
    except (TypeError, ValueError):
        return None


def bind_repeat_values(model, scan: Scan, state) -> None:
    """Bind the unbound numbers near one repeat step's value as its claims (module's docstring)."""
    repeats = [
        s for s, st in model.ws.steps.items() if st.repeat is not None and model.exact.get(s) is not None
    ]
    if not repeats:
        return
    for n in scan.numbers:
        o = state.outcomes.get(_key(n))
        if (o is not None and o.kind != "unbound") or n.printed.sig < 3 or n.is_integer or n.printed.ellipsis:
            continue
        near = [(d, s) for s in repeats if (d := _near(n.printed, model.exact[s])) is not None]
        if len(near) != 1:
            continue
        d, s = near[0]
        prev = state.claims.get(s)
        if prev is not None:
            if prev.number.printed.value == n.printed.value:
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "repeat",
                    target=s,
                    text=n.plain,
                    reason=f"{s} again (printed on line {prev.number.line})",
                )
            continue
        rounds = model.ws.steps[s].repeat.rounds
        c = Outcome(
            n,
            "claim",
            target=s,
            text=n.plain,
            reason=(
                f"near {s} ({_g(model.exact[s])}, {model.given.get(rounds)} rounds; {d:.1e} apart) and no "
                "other step: a value after repeated rounds, the runner judges the difference"
            ),
        )
        state.claims[s] = c
        state.outcomes[_key(n)] = c
