"""Every verdict in one place (DESIGN.md sections 3, 4, 5): its name, whether it passes, is a
soft or hard finding or something else, which rows it applies to, its place in section 3's order
and how reports show it. Nothing else restates any of that: code names a verdict as `V.OK`, and
asks this module what the verdict is.

Verdicts stay plain strings on rows (the JSON report's contract); `V` only names them once.
"""

from __future__ import annotations

from dataclasses import dataclass

# Categories. Everything but PASSING is a finding (shown in a report's findings, never `ok`).
PASSING = "passing"
SOFT = "soft"  # a finding that is rounding, not a slip (truncated, carried-rounding, loose)
HARD = "hard"  # a slip
UNKNOWN = "unknown"  # nothing to judge: a value the row needs is not known
ORACLE = "oracle"  # the oracle failed, not the hand-written code (DESIGN section 1)

# Row kinds (DESIGN section 7's JSON report).
CLAIM, OPERAND, FORMULA, STATEMENT = "claim", "operand", "formula", "statement"
_NUMBERS = frozenset({CLAIM, OPERAND})
_FORMULAS = frozenset({FORMULA})
_STATEMENTS = frozenset({STATEMENT})


class V:
    """The verdicts' names, so code never spells one as a string (tests/test_verdicts.py checks)."""

    UNVERIFIABLE = "unverifiable"
    OK = "ok"
    TRUNCATED = "truncated"
    CARRIED_ROUNDING = "carried-rounding"
    COPIED = "copied"
    INHERITED = "inherited"
    SIGN = "sign"
    DECIMAL_SLIP = "decimal-slip"
    FACTOR = "factor"
    WRONG_OPERAND = "wrong-operand"
    PROCEDURE = "procedure"
    TRANSCRIPTION = "transcription"
    ARITHMETIC = "arithmetic"
    SCALE = "scale"
    TRANSPOSE = "transpose"
    PARTIAL = "partial"
    ZERO = "zero"
    SHAPE = "shape"
    MISSING = "missing"
    EXTRA = "extra"
    NON_FINITE = "non-finite"
    KINK = "kink"
    MISMATCH = "mismatch"
    ORACLE_ERROR = "oracle-error"
    HOLDS = "holds"
    LOOSE = "loose"
    COUNTEREXAMPLE = "counterexample"
    PLAUSIBLE = "plausible"
    IMPLAUSIBLE = "implausible"


@dataclass(frozen=True)
class Verdict:
    name: str
    category: str  # PASSING, SOFT, HARD, UNKNOWN or ORACLE
    kinds: frozenset[str]  # the rows it applies to
    rule: str | None = None  # its place in DESIGN section 3's order ("0", "3b", ...), claims only
    pins_factor: bool = False  # `expect:` may pin its factor ({verdict: scale, factor: 1/2})
    produced: bool = True  # False: in the contract, not yet produced by the engine

    @property
    def is_finding(self) -> bool:
        return self.category != PASSING

    @property
    def style(self) -> str:
        """How reports show it: the HTML row class and the terminal colour (ok, soft, hard)."""
        return {PASSING: "ok", SOFT: "soft"}.get(self.category, "hard")


_ALL = _NUMBERS | _FORMULAS

# Claim verdicts in DESIGN section 3's order (the order the rules are tried), then the formula
# verdicts of section 4 that claims do not have, then the statement verdicts of section 5.
REGISTRY: tuple[Verdict, ...] = (
    Verdict(V.UNVERIFIABLE, UNKNOWN, _NUMBERS, rule="0"),
    Verdict(V.OK, PASSING, _ALL, rule="1"),
    Verdict(V.TRUNCATED, SOFT, _NUMBERS, rule="2"),
    Verdict(V.CARRIED_ROUNDING, SOFT, _NUMBERS, rule="3"),
    Verdict(V.COPIED, HARD, _NUMBERS, rule="3b"),
    Verdict(V.INHERITED, HARD, _NUMBERS, rule="4"),
    Verdict(V.SIGN, HARD, _ALL, rule="5"),
    Verdict(V.DECIMAL_SLIP, HARD, _NUMBERS, rule="6"),
    Verdict(V.FACTOR, HARD, _NUMBERS, rule="7", pins_factor=True),
    Verdict(V.WRONG_OPERAND, HARD, _NUMBERS, rule="8"),
    Verdict(V.PROCEDURE, HARD, _NUMBERS, rule="8b"),
    Verdict(V.TRANSCRIPTION, HARD, _NUMBERS, rule="9"),
    Verdict(V.ARITHMETIC, HARD, _NUMBERS, rule="10"),
    Verdict(V.SCALE, HARD, _FORMULAS, pins_factor=True),
    Verdict(V.TRANSPOSE, HARD, _FORMULAS),
    Verdict(V.PARTIAL, HARD, _FORMULAS),
    Verdict(V.ZERO, HARD, _FORMULAS),
    Verdict(V.SHAPE, HARD, _FORMULAS),
    Verdict(V.MISSING, HARD, _FORMULAS),
    Verdict(V.EXTRA, HARD, _FORMULAS),
    Verdict(V.NON_FINITE, HARD, _FORMULAS),
    # A pass with a note: the hand-written value lies between the one-sided derivatives.
    Verdict(V.KINK, PASSING, _FORMULAS),
    Verdict(V.MISMATCH, HARD, _FORMULAS),
    Verdict(V.ORACLE_ERROR, ORACLE, _FORMULAS),
    Verdict(V.HOLDS, PASSING, _STATEMENTS),
    Verdict(V.LOOSE, SOFT, _STATEMENTS),
    Verdict(V.COUNTEREXAMPLE, HARD, _STATEMENTS),
    Verdict(V.PLAUSIBLE, PASSING, _STATEMENTS),
    Verdict(V.IMPLAUSIBLE, HARD, _STATEMENTS),
)
BY_NAME: dict[str, Verdict] = {v.name: v for v in REGISTRY}

# What a row of each kind must be when `expect:` does not name it (DESIGN section 6).
DEFAULT_EXPECTED: dict[str, str] = {CLAIM: V.OK, OPERAND: V.OK, FORMULA: V.OK, STATEMENT: V.HOLDS}


def get(name: str) -> Verdict:
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValueError(f"{name!r} is not a verdict (verdicts: {', '.join(BY_NAME)})") from None


def names(kind: str | None = None, *, produced_only: bool = False) -> tuple[str, ...]:
    """Verdict names in the registry's order, of one row kind or all; optionally only those the
    engine produces today (what `expect:` may name)."""
    return tuple(
        v.name
        for v in REGISTRY
        if (kind is None or kind in v.kinds) and (v.produced or not produced_only)
    )


def is_finding(name: str) -> bool:
    return get(name).is_finding


def is_passing(name: str) -> bool:
    return not get(name).is_finding


def is_soft(name: str) -> bool:
    return get(name).category == SOFT


def is_hard(name: str) -> bool:
    return get(name).category == HARD


def style(name: str) -> str:
    return get(name).style


def is_default(name: str) -> bool:
    """The verdict a row is expected to have when `expect:` does not name it (ok, holds)."""
    return name in DEFAULT_EXPECTED.values()


def pins_factor(name: str) -> bool:
    return get(name).pins_factor
