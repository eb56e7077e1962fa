"""Claim verdicts: what kind of slip lies between a printed number and the truth (DESIGN.md 3).

Rules are tried in the contract's order; the first that applies is the verdict and a second
that also fits is named in the explanation. Every explanation carries numbers a reader can
check by hand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from .classify import factor_candidates
from .printed import Printed
from .schema import SOFT_VERDICTS

HARD_FROM = ("inherited", "sign", "decimal-slip", "factor", "wrong-operand", "transcription", "arithmetic")


def fmt(x: float | None, digits: int = 6) -> str:
    if x is None:
        return "unknown"
    if x == 0:
        return "0"
    return f"{x:.{digits}g}" if abs(x) >= 1e-4 else f"{x:.{digits - 1}e}"


def fmt_like(p: Printed, x: float | None) -> str:
    """A value shown with two more digits than the printed number, so a reader sees the rounding."""
    if x is None:
        return "unknown"
    d = max(p.decimals + 2, 1)
    if d > 12 or abs(x) >= 1e6:
        return repr(float(x))
    return f"{x:.{d}f}"


@dataclass
class Substitution:
    """One candidate for a wrong operand: `input` replaced by the value of `source`."""

    input: str
    source: str
    values: list[float]


@dataclass
class ClaimInput:
    """Everything the rules need about one printed number."""

    name: str  # row name
    printed: Printed
    exact: float | None
    author: float | None
    missing: list[str] = field(default_factory=list)
    # update steps: the old value on each chain (the change is new - old)
    old_exact: float | None = None
    old_author: float | None = None
    old_name: str | None = None
    # rows the author's chain used, with their verdicts (filled in topological order)
    upstream: list[tuple[str, str]] = field(default_factory=list)
    operand_source: str = ""  # "from the operand y4 = 0.59" for explanations
    factors: dict[str, Any] = field(default_factory=dict)  # name -> value (from sizes and lr)
    # wrong-operand: re-evaluate the step with one input substituted, on each chain
    substitute: Callable[[str, float, str], float | None] | None = None
    substitutions: list[Substitution] = field(default_factory=list)


@dataclass
class ClaimVerdict:
    verdict: str
    explanation: str
    also: str | None = None
    factor: str | None = None
    abs_error: float | None = None
    rel_error: float | None = None


def _passes_scaled(p: Printed, c: float, value: float | None) -> bool:
    """printed == c x value, within the printed precision scaled by c."""
    if value is None or c == 0:
        return False
    return abs(p.value - c * value) <= p.tolerance(c * value)


def _digits(p: Printed, value: float) -> str | None:
    d = max(p.decimals, 0)
    s = f"{abs(value):.{d}f}".replace(".", "")
    t = f"{abs(p.value):.{d}f}".replace(".", "")
    if len(s) != len(t) or (value < 0) != (p.value < 0):
        return None
    return s


def _transcription(p: Printed, value: float | None) -> str | None:
    """'two adjacent digits swapped' or 'one digit wrong (not the last)', or None."""
    if value is None or p.sig < 3 or p.decimals < 0:
        return None
    s = _digits(p, value)
    if s is None:
        return None
    t = f"{abs(p.value):.{max(p.decimals, 0)}f}".replace(".", "")
    diff = [i for i in range(len(s)) if s[i] != t[i]]
    if len(diff) == 2 and diff[1] == diff[0] + 1 and s[diff[0]] == t[diff[1]] and s[diff[1]] == t[diff[0]]:
        return f"digits {t[diff[0]]}{t[diff[1]]} swapped (value {p.show(value)})"
    first_sig = len(t) - len(t.lstrip("0"))
    if len(diff) == 1 and diff[0] != len(t) - 1 and diff[0] >= first_sig:
        return f"one digit wrong: {t[diff[0]]} where {p.show(value)} has {s[diff[0]]}"
    return None


def _chains(c: ClaimInput) -> list[tuple[str, float | None]]:
    return [("exact", c.exact), ("author's chain", c.author)]


def _changes(c: ClaimInput) -> list[tuple[str, float, float, float]]:
    """(chain, printed change, value's change, old value) for update steps."""
    out = []
    if c.old_name is None:
        return out
    if c.exact is not None and c.old_exact is not None:
        out.append(("exact", c.printed.value - c.old_exact, c.exact - c.old_exact, c.old_exact))
    if c.author is not None and c.old_author is not None:
        out.append(("author's chain", c.printed.value - c.old_author, c.author - c.old_author, c.old_author))
    return out


def _chain_name(chain: str) -> str:
    return "exact chain" if chain == "exact" else chain


# Rules 5 to 7 (sign, decimal-slip, factor) as facts: which chain, which value, which k or factor.
# `judge` words them for a report row; `gradaudit draft` words them for a drafted case's comments.


@dataclass(frozen=True)
class Slip:
    """A slip rules 5 to 7 find: printed is `value` (on `chain`) with its sign flipped, x 10^-k, or x
    `factor`. On the change of an update step, `value` is the change and `change` (printed change,
    old value)."""

    verdict: str  # "sign", "decimal-slip" or "factor"
    chain: str  # "exact" or "author's chain"
    value: float
    change: tuple[float, float] | None = None
    k: int = 0  # decimal-slip: printed x 10^k passes the value
    factor: str | None = None


def negated(p: Printed) -> Printed:
    """-printed at the same precision (rule 5 reads it against each chain)."""
    return Printed(p.text, -p.value, p.decimals, p.sig, p.ellipsis, p.percent)


def shifted(p: Printed, k: int) -> Printed:
    """printed x 10^k with its decimals moved along (rule 6)."""
    return Printed(p.text, p.value * 10.0**k, p.decimals - k, p.sig)


def times_ten(k: int) -> str:
    """How printed = 10^-k x value reads: "10", "1/100", "10^5", "10^-4"."""
    if k > 0:
        return f"1/{10**k}" if k <= 3 else f"10^-{k}"
    return str(10 ** (-k)) if -k <= 3 else f"10^{-k}"


def slip_factors(factors: dict[str, Any]) -> dict[str, Any]:
    """The factor candidates rule 7 tries: the scalar ones other than +-1."""
    return {k: v for k, v in factors.items() if np.ndim(v) == 0 and abs(float(v)) != 1.0}


def sign_slip(c: ClaimInput) -> Slip | None:
    """Rule 5: -printed passes a chain, or (update steps) the printed change is minus the change."""
    p = c.printed
    neg = negated(p)
    for chain, v in _chains(c):
        if v is not None and neg.passes(v):
            return Slip("sign", chain, v)
    for chain, pc, vc, old in _changes(c):
        if vc is not None and abs(-pc - vc) <= p.tolerance(vc) and abs(vc) > p.tolerance(vc):
            return Slip("sign", chain, vc, change=(pc, old))
    return None


def decimal_slip(c: ClaimInput) -> Slip | None:
    """Rule 6: printed x 10^k passes a chain for some k != 0 in -9..9."""
    for chain, v in _chains(c):
        if v is None or v == 0:
            continue
        for k in range(-9, 10):
            if k != 0 and shifted(c.printed, k).passes(v):
                return Slip("decimal-slip", chain, v, k=k)
    return None


def factor_slip(c: ClaimInput) -> Slip | None:
    """Rule 7: printed passes factor x a chain, or (update steps) the printed change is factor x it."""
    p = c.printed
    cands = slip_factors(c.factors)
    for chain, v in _chains(c):
        for name, cv in cands.items():
            if _passes_scaled(p, float(cv), v):
                return Slip("factor", chain, v, factor=name)
    for chain, pc, vc, old in _changes(c):
        for name, cv in cands.items():
            if vc is not None and abs(pc - float(cv) * vc) <= p.tolerance(vc) and abs(vc) > p.tolerance(vc):
                return Slip("factor", chain, vc, change=(pc, old), factor=name)
    return None


def first_slip(c: ClaimInput) -> Slip | None:
    """The first of rules 5 to 7 that explains the printed number, in the contract's order."""
    return sign_slip(c) or decimal_slip(c) or factor_slip(c)


def _rules(c: ClaimInput) -> list[tuple[str, Callable[[], tuple[str, str | None] | None]]]:
    p = c.printed
    src = f" ({c.operand_source})" if c.operand_source else ""

    def ok():
        if p.passes(c.exact):
            note = ""
            if c.author is not None and not p.passes(c.author):
                note = f"; the author's own operands give {fmt_like(p, c.author)}"
            return f"exact {fmt_like(p, c.exact)}; printed {p.text} agrees at its precision{note}", None
        return None

    def truncated():
        # "Truncated, not rounded": when the author's own chain rounds to the printed digits, the
        # author rounded (rules 3 and 4 decide), and a truncation of the exact value that happens
        # to give the same digits is a coincidence, not the explanation.
        if p.ellipsis or (c.author is not None and p.passes(c.author)):
            return None
        for chain, v in _chains(c):
            if v is not None and p.truncates(v) and not p.passes(v):
                return f"{chain} {fmt_like(p, v)} truncated (not rounded) to {p.text}", None
        return None

    def carried():
        if c.author is None or not p.passes(c.author):
            return None
        hard = [(n, v) for n, v in c.upstream if v not in ("ok",) + SOFT_VERDICTS]
        if hard:
            return None
        used = ", ".join(n for n, _ in c.upstream) or "its printed inputs"
        return (
            f"exact {fmt_like(p, c.exact)}; author's chain {fmt_like(p, c.author)}{src} from the rounded "
            f"printed values ({used}) gives {p.text}: rounding carried along",
            None,
        )

    def inherited():
        if c.author is None or not p.passes(c.author):
            return None
        hard = [(n, v) for n, v in c.upstream if v not in ("ok",) + SOFT_VERDICTS]
        if not hard:
            return None
        named = ", ".join(f"{n} ({v})" for n, v in hard)
        return (
            f"exact {fmt_like(p, c.exact)}; from the author's own numbers{src}: "
            f"{fmt_like(p, c.author)}, as printed: inherited from {named}",
            None,
        )

    def sign():
        s = sign_slip(c)
        if s is None:
            return None
        if s.change is None:
            return (
                f"{s.chain} {fmt_like(p, s.value)}{src if s.chain != 'exact' else ''}; printed {p.text} has "
                f"the sign flipped",
                None,
            )
        _, old = s.change
        return (
            f"the change {c.name} - {c.old_name} on the {_chain_name(s.chain)} is {fmt_like(p, s.value)}; "
            f"printed {p.text} = {fmt(old)} - ({fmt_like(p, s.value)}), the old value minus the change: "
            f"the sign of the change flipped",
            None,
        )

    def decimal():
        s = decimal_slip(c)
        if s is None:
            return None
        return (
            f"{s.chain} {fmt_like(shifted(p, s.k), s.value)}{src if s.chain != 'exact' else ''}; printed "
            f"{p.text} = {times_ten(s.k)} x that: a decimal slip",
            None,
        )

    def factor():
        s = factor_slip(c)
        if s is None:
            return None
        if s.change is None:
            return (
                f"{s.chain} {fmt_like(p, s.value)}{src if s.chain != 'exact' else ''}; printed {p.text} = "
                f"{s.factor} x that",
                s.factor,
            )
        pc, old = s.change
        return (
            f"the change {c.name} - {c.old_name} on the {_chain_name(s.chain)} is {fmt_like(p, s.value)}; "
            f"printed {p.text} = {fmt(old)} + ({fmt_like(p, pc)}), "
            f"the old value plus {s.factor} x that",
            s.factor,
        )

    def wrong_operand():
        if p.sig < 3 or c.substitute is None:
            return None
        fits = []
        # A substitution explains a chain that misses the printed number; on a chain that already
        # gives it (the author's, for an inherited value) it would only restate that chain, and so
        # would one that reproduces the author's chain from the exact one (the value the author's
        # chain already used for that input, printed again elsewhere).
        author_passes = p.passes(c.author)
        chains = [ch for ch, v in (("exact", c.exact), ("author", c.author)) if not p.passes(v)]

        def restates(out: float) -> bool:
            return author_passes and abs(out - c.author) <= 1e-12 * max(1.0, abs(c.author))

        for sub in c.substitutions:
            for chain in chains:
                hit = False
                for val in sub.values:
                    out = c.substitute(sub.input, val, chain)
                    if out is not None and p.passes(out) and not restates(out):
                        hit = True
                        fits.append((sub, val, chain, out))
                        break
                if hit:
                    break
        # One substitution is one value put in for one input: the same number printed in several
        # expressions (an operand repeated, a sibling's printed value) is one candidate, not many.
        distinct = {(f[0].input, float(f[1])) for f in fits}
        if len(distinct) == 1:
            sub, val, chain, out = fits[0]
            chain_word = "exact" if chain == "exact" else "author's"
            return (
                f"with {sub.source} ({fmt(val)}) in place of {sub.input}, the {chain_word} chain gives "
                f"{fmt_like(p, out)} = printed {p.text}: a wrong operand",
                None,
            )
        if len(distinct) > 1:
            tried = {(sub.input, float(v)) for sub in c.substitutions for v in sub.values}
            c.__dict__["_n_fit"] = (len(distinct), len(tried))
        return None

    def transcription():
        for chain, v in _chains(c):
            t = _transcription(p, v)
            if t:
                return f"{chain} {p.show(v)}; printed {p.text}: {t}", None
        return None

    return [
        ("ok", ok),
        ("truncated", truncated),
        ("carried-rounding", carried),
        ("inherited", inherited),
        ("sign", sign),
        ("decimal-slip", decimal),
        ("factor", factor),
        ("wrong-operand", wrong_operand),
        ("transcription", transcription),
    ]


def _arithmetic(c: ClaimInput) -> str:
    p = c.printed
    parts = [f"exact {fmt_like(p, c.exact)}"]
    if c.author is not None and (c.exact is None or abs(c.author - c.exact) > 1e-15):
        parts.append(
            f"author's chain "
            f"{fmt_like(p, c.author)}{' (' + c.operand_source + ')' if c.operand_source else ''}"
        )
    same = c.author is None or c.exact is None or abs(c.author - c.exact) <= 1e-15
    tail = f"printed {p.text} {'does not match' if same else 'matches neither'}"
    for chain, v in _chains(c):
        if v is None or p.decimals < 0:
            continue
        units = (p.value - round(v, p.decimals)) / p.unit
        if abs(abs(units) - 1) < 1e-6:
            tail = (
                f"printed {p.text} is one unit {'high' if units > 0 else 'low'} in the last digit "
                f"({chain} rounds to {p.show(v)})"
            )
            break
    n_fit = c.__dict__.get("_n_fit")
    if n_fit:
        tail += f"; {n_fit[0]} of {n_fit[1]} substitutions fit, so no single wrong operand"
    return "; ".join(parts) + "; " + tail


def judge(c: ClaimInput) -> ClaimVerdict:
    p = c.printed
    if c.exact is None:
        lost = ", ".join(c.missing) or "an input"
        author = f"; the author's chain gives {fmt_like(p, c.author)}" if c.author is not None else ""
        which = (
            "which are not known (lost figures)"
            if len(c.missing) > 1
            else "which is not known (a lost figure)"
        )
        return ClaimVerdict("unverifiable", f"needs {lost}, {which}{author}")
    abs_err = abs(p.value - c.exact)
    rel_err = abs_err / abs(c.exact) if c.exact != 0 else (math.inf if abs_err else 0.0)
    rules = _rules(c)
    verdict = None
    for i, (name, rule) in enumerate(rules):
        got = rule()
        if got is not None:
            verdict = (i, name, got)
            break
    if verdict is None:
        return ClaimVerdict("arithmetic", _arithmetic(c), abs_error=abs_err, rel_error=rel_err)
    i, name, (text, factor) = verdict
    also = None
    if name in HARD_FROM:  # a second reading is worth naming only for a hard finding
        for later_name, later in rules[i + 1 :]:
            if later_name in ("carried-rounding", "inherited"):
                continue
            got = later()
            if got is not None:
                also = later_name + (f" ({got[1]})" if got[1] else "")
                text += f"; also fits {also}: {got[0]}"
                break
    return ClaimVerdict(name, text, also=also, factor=factor, abs_error=abs_err, rel_error=rel_err)


def candidate_factors(sizes: dict[str, float], lr: float | None) -> dict[str, float]:
    cands = factor_candidates(sizes, lr)
    return {k: float(np.asarray(v)) for k, v in cands.items() if np.ndim(v) == 0}
