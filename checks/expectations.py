"""`expect:` (DESIGN.md section 6): what each row of a case is expected to be, and whether it is."""

from __future__ import annotations

from .classify import factor_names
from .printed_claims import CaseSource
from .rows import Row
from .verdicts import DEFAULT_EXPECTED


def row_as_expected(row: Row) -> bool:
    if row.expected_verdict != row.verdict:
        return False
    pinned = row.details.get("expected_factor")
    return pinned is None or pinned in factor_names(row.details.get("factor"))


def apply_expectations(case: CaseSource, rows: list[Row]) -> list[str]:
    """Fill `expected_verdict` on every row from `expect:`; return the stale expect keys."""
    expect = case.spec.expect
    names = {r.quantity for r in rows}
    for r in rows:
        e = expect.get(r.quantity)
        if e is None:
            r.expected_verdict = DEFAULT_EXPECTED[r.kind]
        elif isinstance(e, str):
            r.expected_verdict = e
        else:
            r.expected_verdict = e.verdict
            if e.factor is not None:
                r.details["expected_factor"] = e.factor
    return [k for k in expect if k not in names]

