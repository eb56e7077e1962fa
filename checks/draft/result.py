"""What the draft made of each printed number, and of the article."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.errors import GradauditError
from .numbers import Number, Scan


class DraftError(GradauditError, ValueError):
    """The article, the reference or the given case cannot be used (one line, names the input)."""


@dataclass
class Outcome:
    """What the draft made of one printed number."""

    number: Number
    kind: str  # claim, repeat, operand, given, statement, noted, constant, ambiguous, unbound
    target: str = ""  # step or given name, statement row
    input: str | None = None  # operands: the input of `target` it stands for
    reason: str = ""
    proposed: str | None = None
    factor: str | None = None
    candidates: list[str] = field(default_factory=list)
    suggestion: str | None = None
    text: str = ""  # the text written to the case (an operand in an exponent loses its minus)

    @property
    def bound(self) -> bool:
        return self.kind in ("claim", "repeat", "operand", "given", "statement", "noted")


@dataclass
class DraftResult:
    yaml: str
    summary: str
    case_id: str
    scan: Scan
    outcomes: list[Outcome]
    givens: dict[str, Any]
    given_source: dict[str, str]
    needed: list[str]
    proposals: dict[str, tuple[str, str | None]]  # row -> (verdict, factor), as written
    dropped: list[str]  # proposals the runner did not confirm, with what it said
    run: Any = None  # gradaudit.runner.CaseResult of the verification run, or None
    printings: list = field(default_factory=list)  # printings.Printing: each printing drafted on its own

    def of_kind(self, *kinds: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind in kinds]

    @property
    def counts(self) -> dict[str, int]:
        bound = len(self.of_kind("claim", "repeat", "operand", "given", "statement", "noted"))
        return {
            "numbers": len(self.scan.numbers) + len(self.scan.skipped),
            "skipped": len(self.scan.skipped),
            "printed": len(self.scan.numbers),
            "bound": bound,
            "constants": len(self.of_kind("constant")),
            "ambiguous": len(self.of_kind("ambiguous")),
            "unbound": len(self.of_kind("unbound")),
        }
