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

from ..core.printed import Printed, PrintedError, parse_printed
from ..core.verdicts import V, is_hard, is_soft
from ..evaluating.classify import factor_candidates


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
    # the printed text of each value (None for a computed one): a short printed operand fits a
    # substitution only by the same printed digits (4.0 for w21 where w22 is printed 4.0)
    texts: list[str | None] = field(default_factory=list)

    def text_of(self, i: int) -> str | None:
        return self.texts[i] if i < len(self.texts) else None


# (name of a procedure change, exact value, author's-chain value, count of the other printed
# numbers it reproduces)
Procedure = tuple[str, "float | None", "float | None", Callable[[], "int | None"]]


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
    # an operand row (`a3<-y3`): the printed number stands for one input, so a wrong operand is
    # that number being the value of another quantity
    operand_of: str | None = None
    # a claim of a case that `copies:` another: (original case id, its printed text, its verdict)
    original: tuple[str, str | None, str] | None = None
    # `procedure` (DESIGN row 8b), computed only when a number reaches that row: (name of the
    # change, exact value, author's-chain value, how many other printed numbers it reproduces:
    # counted when called, None if the change's whole worksheet does not evaluate), in the
    # contract's order of changes
    procedures: Callable[[], list[Procedure]] | None = None


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


def _digit_slip(t: str, s: str, shown: str) -> str | None:
    """How the printed digits `t` differ from the digits `s` (of `shown`) by one slip of the pen:
    two adjacent digits swapped, one digit wrong that is not the last, one digit dropped or
    repeated (DESIGN row 9). Digit strings without sign or point, of the same magnitude."""
    if len(s) == len(t):
        diff = [i for i in range(len(s)) if s[i] != t[i]]
        swap = len(diff) == 2 and diff[1] == diff[0] + 1
        if swap and s[diff[0]] == t[diff[1]] and s[diff[1]] == t[diff[0]]:
            return f"digits {t[diff[0]]}{t[diff[1]]} swapped (value {shown})"
        first_sig = len(t) - len(t.lstrip("0"))
        if len(diff) == 1 and diff[0] != len(t) - 1 and diff[0] >= first_sig:
            return f"one digit wrong: {t[diff[0]]} where {shown} has {s[diff[0]]}"
        return None
    # A digit dropped from, or repeated in, a run of equal significant digits (0.69996 written
    # 0.6996, 0.552 written 0.5552): a leading zero more or less is a decimal slip (row 6), and a
    # digit lost or doubled at the end is rounding, not a slip of the pen.
    first = len(s) - len(s.lstrip("0"))
    if len(s) == len(t) + 1:  # one digit dropped from s (not its last)
        for i in range(first + 1, len(s) - 1):
            if s[i] == s[i - 1] and s[:i] + s[i + 1 :] == t:
                return f"one digit dropped: {shown} written with one {s[i]} too few"
    if len(t) == len(s) + 1:  # one digit of s written twice (not into the last place)
        for i in range(first + 1, len(t) - 1):
            if t[i] == t[i - 1] and t[:i] + t[i + 1 :] == s:
                return f"one digit repeated: {t[i]} written twice in {shown}"
    return None


def _transcription(p: Printed, value: float | None) -> str | None:
    """One slip of the pen between the printed digits and `value`'s, or None."""
    if value is None or p.sig < 3 or p.decimals < 0 or not math.isfinite(value):
        return None
    if (value < 0) != (p.value < 0):
        return None
    t = f"{abs(p.value):.{p.decimals}f}".replace(".", "")
    # the value at the printed decimals, and with one decimal more or fewer (a digit dropped from
    # the value's digits, or one repeated in them)
    for d in (p.decimals, p.decimals + 1, p.decimals - 1):
        if d < 0:
            continue
        shown = f"{value:.{d}f}"
        found = _digit_slip(t, shown.lstrip("-").replace(".", ""), shown)
        if found:
            return found
    return None


def _transcription_of_text(p: Printed, original: str) -> str | None:
    """One slip of the pen between the printed text and another printed text (a copied number)."""
    if p.sig < 3:
        return None
    a, b = p.text.strip().replace("\u2212", "-"), original.strip().replace("\u2212", "-")
    if a.startswith("-") != b.startswith("-"):
        return None
    return _digit_slip(a.lstrip("+-").replace(".", ""), b.lstrip("+-").replace(".", ""), b)


def _same_digits(a: str, b: str) -> bool:
    """The same printed number, digit for digit ("4.0" and "4.0"; not "4" and "4.0")."""
    return a.strip().replace("\u2212", "-") == b.strip().replace("\u2212", "-")


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


@dataclass
class RuleNotes:
    """What a rule that did not apply leaves for the explanation of a later verdict."""

    n_fit: tuple[int, int] | None = None  # wrong-operand: (substitutions that fit, tried)


# A rule: (explanation, factor name or None) when it applies, else None.
Found = tuple[str, str | None] | None
Rule = Callable[[ClaimInput, RuleNotes], Found]


def _source(c: ClaimInput) -> str:
    return f" ({c.operand_source})" if c.operand_source else ""


def _ok(c: ClaimInput, notes: RuleNotes) -> Found:
    p = c.printed
    if p.passes(c.exact):
        note = ""
        if c.author is not None and not p.passes(c.author):
            note = f"; the author's own operands give {fmt_like(p, c.author)}"
        return f"exact {fmt_like(p, c.exact)}; printed {p.text} agrees at its precision{note}", None
    return None


def _truncated(c: ClaimInput, notes: RuleNotes) -> Found:
    p = c.printed
    # Row 2 comes before rows 3 and 4 (DESIGN section 3): a chain whose value the printed digits
    # cut, where that same chain does not round to them, is a truncation; when the author's chain
    # also rounds to the printed digits, the explanation names that second fit.
    if p.ellipsis:
        return None
    for chain, v in _chains(c):
        if v is not None and p.cut_from(v) and not p.passes(v):
            return f"{chain} {fmt_like(p, v)} truncated (not rounded) to {p.text}", None
    return None


def _carried(c: ClaimInput, notes: RuleNotes) -> Found:
    p = c.printed
    src = _source(c)
    if c.author is None or not p.passes(c.author):
        return None
    hard = [(n, v) for n, v in c.upstream if v != V.OK and not is_soft(v)]
    if hard:
        return None
    used = ", ".join(n for n, _ in c.upstream) or "its printed inputs"
    return (
        f"exact {fmt_like(p, c.exact)}; author's chain {fmt_like(p, c.author)}{src} from the rounded "
        f"printed values ({used}) gives {p.text}: rounding carried along",
        None,
    )


def _copied(c: ClaimInput, notes: RuleNotes) -> Found:
    """DESIGN row 3b: the number as the original printed it, where it is a hard finding."""
    p = c.printed
    if c.original is None:
        return None
    oid, otext, overdict = c.original
    if not is_hard(overdict) or otext is None:
        return None
    try:
        same = _same_digits(otext, p.text) or parse_printed(otext).value == p.value
    except PrintedError:
        same = False
    if not same:
        return None
    return (
        f"printed {p.text} as {oid} printed it, where it is {overdict}: the slip came with the copy "
        f"(exact {fmt_like(p, c.exact)})",
        None,
    )


def _inherited(c: ClaimInput, notes: RuleNotes) -> Found:
    p = c.printed
    src = _source(c)
    if c.author is None or not p.passes(c.author):
        return None
    hard = [(n, v) for n, v in c.upstream if v != V.OK and not is_soft(v)]
    if not hard:
        return None
    named = ", ".join(f"{n} ({v})" for n, v in hard)
    return (
        f"exact {fmt_like(p, c.exact)}; from the author's own numbers{src}: "
        f"{fmt_like(p, c.author)}, as printed: inherited from {named}",
        None,
    )


# Rules 5 to 7 (sign, decimal-slip, factor) as facts: which chain, which value, which k or factor.
# `judge` words them for a report row; `gradaudit draft` words them for a drafted case's comments.


@dataclass(frozen=True)
class Slip:
    """A slip rules 5 to 7 find: printed is `value` (on `chain`) with its sign flipped, x 10^-k, or x
    `factor`. On the change of an update step, `value` is the change and `change` (printed change,
    old value)."""

    verdict: str  # V.SIGN, V.DECIMAL_SLIP or V.FACTOR
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
            return Slip(V.SIGN, chain, v)
    for chain, pc, vc, old in _changes(c):
        if vc is not None and abs(-pc - vc) <= p.tolerance(vc) and abs(vc) > p.tolerance(vc):
            return Slip(V.SIGN, chain, vc, change=(pc, old))
    return None


def decimal_slip(c: ClaimInput) -> Slip | None:
    """Rule 6: printed x 10^k passes a chain for some k != 0 in -9..9, at 2 significant digits or
    more (0.1 printed where 0.8 belongs is no decimal slip)."""
    if c.printed.sig < 2:
        return None
    for chain, v in _chains(c):
        if v is None or v == 0:
            continue
        for k in range(-9, 10):
            if k != 0 and shifted(c.printed, k).passes(v):
                return Slip(V.DECIMAL_SLIP, chain, v, k=k)
    return None


def factor_slip(c: ClaimInput) -> Slip | None:
    """Rule 7: printed passes factor x a chain, or (update steps) the printed change is factor x it,
    at 2 significant digits or more (a one-digit number fits too many factors by coincidence)."""
    p = c.printed
    if p.sig < 2:
        return None
    cands = slip_factors(c.factors)
    for chain, v in _chains(c):
        for name, cv in cands.items():
            if _passes_scaled(p, float(cv), v):
                return Slip(V.FACTOR, chain, v, factor=name)
    for chain, pc, vc, old in _changes(c):
        for name, cv in cands.items():
            # the factor must move the printed value by a printed unit at least (a change far
            # below the printed digits fits a whole range of factors by coincidence); the change
            # itself may be below them (0.7 - 0.00004 printed 0.6996: the gradient without its
            # rate 0.1)
            if (
                vc is not None
                and abs(pc - float(cv) * vc) <= p.tolerance(vc)
                and abs((float(cv) - 1.0) * vc) >= p.unit
            ):
                return Slip(V.FACTOR, chain, vc, change=(pc, old), factor=name)
    return None


def first_slip(c: ClaimInput) -> Slip | None:
    """The first of rules 5 to 7 that explains the printed number, in the contract's order."""
    return sign_slip(c) or decimal_slip(c) or factor_slip(c)


def _sign(c: ClaimInput, notes: RuleNotes) -> Found:
    p = c.printed
    s = sign_slip(c)
    if s is None:
        return None
    if s.change is None:
        src = _source(c) if s.chain != "exact" else ""
        return f"{s.chain} {fmt_like(p, s.value)}{src}; printed {p.text} has the sign flipped", None
    _, old = s.change
    return (
        f"the change {c.name} - {c.old_name} on the {_chain_name(s.chain)} is {fmt_like(p, s.value)}; "
        f"printed {p.text} = {fmt(old)} - ({fmt_like(p, s.value)}), the old value minus the change: "
        f"the sign of the change flipped",
        None,
    )


def _decimal(c: ClaimInput, notes: RuleNotes) -> Found:
    p = c.printed
    s = decimal_slip(c)
    if s is None:
        return None
    src = _source(c) if s.chain != "exact" else ""
    return (
        f"{s.chain} {fmt_like(shifted(p, s.k), s.value)}{src}; printed "
        f"{p.text} = {times_ten(s.k)} x that: a decimal slip",
        None,
    )


def _factor(c: ClaimInput, notes: RuleNotes) -> Found:
    p = c.printed
    s = factor_slip(c)
    if s is None:
        return None
    if s.change is None:
        src = _source(c) if s.chain != "exact" else ""
        return f"{s.chain} {fmt_like(p, s.value)}{src}; printed {p.text} = {s.factor} x that", s.factor
    pc, old = s.change
    return (
        f"the change {c.name} - {c.old_name} on the {_chain_name(s.chain)} is {fmt_like(p, s.value)}; "
        f"printed {p.text} = {fmt(old)} + ({fmt_like(p, pc)}), the old value plus {s.factor} x that",
        s.factor,
    )


def _wrong_operand(c: ClaimInput, notes: RuleNotes) -> Found:
    p = c.printed
    if c.substitute is None:
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

    def fits_printed(out: float | None, text: str | None) -> bool:
        if out is None or not p.passes(out) or restates(out):
            return False
        # at least 3 significant digits, or the substituted value printed with the same digits
        return p.sig >= 3 or (text is not None and _same_digits(text, p.text))

    for sub in c.substitutions:
        for chain in chains:
            hit = False
            for i, val in enumerate(sub.values):
                out = c.substitute(sub.input, val, chain)
                # digits are compared only for an operand row: its number stands for a value
                if fits_printed(out, sub.text_of(i) if c.operand_of is not None else None):
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
        if c.operand_of is not None:
            return (
                f"printed {p.text} for {sub.input} in {c.operand_of} is the value of {sub.source} "
                f"({fmt(val)}), not of {sub.input} (exact {fmt_like(p, c.exact)}): a wrong operand",
                None,
            )
        chain_word = "exact" if chain == "exact" else "author's"
        return (
            f"with {sub.source} ({fmt(val)}) in place of {sub.input}, the {chain_word} chain gives "
            f"{fmt_like(p, out)} = printed {p.text}: a wrong operand",
            None,
        )
    if len(distinct) > 1:
        tried = {(sub.input, float(v)) for sub in c.substitutions for v in sub.values}
        notes.n_fit = (len(distinct), len(tried))
    return None


def _procedure(c: ClaimInput, notes: RuleNotes) -> Found:
    """DESIGN row 8b: one generic change of the whole procedure reproduces the printed number."""
    p = c.printed
    if p.sig < 2 or c.procedures is None:
        return None
    fits = []
    for name, exact, author, others in c.procedures():
        for chain, v, base in (("exact chain", exact, c.exact), ("author's chain", author, c.author)):
            # a change that moves the value by less than one printed unit explains nothing a
            # last-digit slip would not
            moved = base is None or (v is not None and abs(v - base) >= p.unit)
            if v is not None and moved and p.passes(v):
                n = others()
                if n is not None:  # a change whose whole worksheet does not evaluate is no change
                    fits.append((name, chain, v, n))
                break
    if not fits:
        return None
    most = max(f[3] for f in fits)
    top = [f for f in fits if f[3] == most]  # the one that reproduces the most other numbers
    name, chain, v, others = top[0]
    text = f"with {name}, the {chain} gives {fmt_like(p, v)} = printed {p.text}: a procedure slip"
    if others:
        text += f" (the same change reproduces {others} other printed number{'s' if others > 1 else ''})"
    if len(top) > 1:
        text += "; as well: " + "; ".join(f[0] for f in top[1:])
    return text, None


def _transcription_rule(c: ClaimInput, notes: RuleNotes) -> Found:
    p = c.printed
    for chain, v in _chains(c):
        t = _transcription(p, v)
        if t:
            return f"{chain} {p.show(v)}; printed {p.text}: {t}", None
    if c.original is not None and c.original[1] is not None:
        oid, otext, _ = c.original
        t = _transcription_of_text(p, otext)
        if t:
            return f"{oid} printed {otext}; the copy prints {p.text}: {t}", None
    return None


RULES: tuple[tuple[str, Rule], ...] = (
    (V.OK, _ok),
    (V.TRUNCATED, _truncated),
    (V.CARRIED_ROUNDING, _carried),
    (V.COPIED, _copied),
    (V.INHERITED, _inherited),
    (V.SIGN, _sign),
    (V.DECIMAL_SLIP, _decimal),
    (V.FACTOR, _factor),
    (V.WRONG_OPERAND, _wrong_operand),
    (V.PROCEDURE, _procedure),
    (V.TRANSCRIPTION, _transcription_rule),
)
"""DESIGN section 3's rules from 1 to 9, in its order (0 and 10 are `judge`'s own)."""


def _arithmetic(c: ClaimInput, notes: RuleNotes) -> str:
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
    n_fit = notes.n_fit
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
        return ClaimVerdict(V.UNVERIFIABLE, f"needs {lost}, {which}{author}")
    abs_err = abs(p.value - c.exact)
    rel_err = abs_err / abs(c.exact) if c.exact != 0 else (math.inf if abs_err else 0.0)
    notes = RuleNotes()
    verdict = None
    for i, (name, rule) in enumerate(RULES):
        got = rule(c, notes)
        if got is not None:
            verdict = (i, name, got)
            break
    if verdict is None:
        return ClaimVerdict(V.ARITHMETIC, _arithmetic(c, notes), abs_error=abs_err, rel_error=rel_err)
    i, name, (text, factor) = verdict
    also = None
    if is_hard(name):  # a second reading is worth naming only for a hard finding
        for later_name, later in RULES[i + 1 :]:
            # procedure applies only where no single-step rule fits (row 8b): never a second reading
            if later_name in (V.CARRIED_ROUNDING, V.COPIED, V.INHERITED, V.PROCEDURE):
                continue
            got = later(c, notes)
            if got is not None:
                also = later_name + (f" ({got[1]})" if got[1] else "")
                text += f"; also fits {also}: {got[0]}"
                break
    elif name == V.TRUNCATED:  # the author may have rounded from their own numbers: say so
        for later_name, later in RULES[i + 1 :]:
            if later_name in (V.CARRIED_ROUNDING, V.INHERITED):
                got = later(c, notes)
                if got is not None:
                    also = later_name
                    text += f"; also fits {also}: {got[0]}"
                    break
    return ClaimVerdict(name, text, also=also, factor=factor, abs_error=abs_err, rel_error=rel_err)


def candidate_factors(sizes: dict[str, float], lr: float | None) -> dict[str, float]:
    cands = factor_candidates(sizes, lr)
    return {k: float(np.asarray(v)) for k, v in cands.items() if np.ndim(v) == 0}
