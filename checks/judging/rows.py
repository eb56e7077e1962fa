"""A report row: one printed number, operand, formula or statement, with its verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core import verdicts


@dataclass
class Row:
    quantity: str  # the row's name (contract): "delta_4", "a3<-y3", "out[1]", "formula:W1", an id
    label: str  # the article's own label, for display
    kind: str  # "claim" | "operand" | "formula" | "statement"
    verdict: str
    expected_verdict: str | None = None
    printed: str | None = None
    exact: float | None = None
    author_chain: float | None = None
    abs_error: float | None = None
    rel_error: float | None = None
    explanation: str = ""
    details: dict[str, Any] = field(default_factory=dict)  # factor, indices, fd values, ...
    # What a picture of the row needs and the JSON report does not carry (a trajectory, the values
    # over the draws): plain numpy arrays, never serialised. Pictures are drawn by the output layer.
    series: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    @property
    def is_finding(self) -> bool:
        return verdicts.is_finding(self.verdict)
