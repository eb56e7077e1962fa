"""`expect:` (DESIGN.md section 6): what each row of a case is expected to be, whether it is, and
the expectations a run would write back (`gradaudit report --update-expect`)."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.verdicts import DEFAULT_EXPECTED, is_finding, pins_factor
from ..evaluating.classify import factor_names
from ..loading.cases import CaseError, update_expect
from ..loading.printed_claims import CaseSource
from .rows import Row

if TYPE_CHECKING:
    from .runner import CaseResult


def row_as_expected(row: Row) -> bool:
    if row.expected_verdict is None:  # an audit's row: as expected when it is no finding
        return not is_finding(row.verdict)
    if row.expected_verdict != row.verdict:
        return False
    pinned = row.details.get("expected_factor")
    return pinned is None or pinned in factor_names(row.details.get("factor"))


def is_audit(case: CaseSource) -> bool:
    """A case with no `expect:` block at all (DESIGN section 7); `expect: {}` says every row is ok."""
    return "expect" not in case.spec.model_fields_set


def apply_expectations(case: CaseSource, rows: list[Row]) -> list[str]:
    """Fill `expected_verdict` on every row from `expect:`; return the stale expect keys.
    An audit records no expectation: every row's `expected_verdict` stays None."""
    if is_audit(case):
        return []
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


def new_expectations(rows: list[Row]) -> dict[str, object]:
    """The `expect:` block that makes every row as expected: each row that is not its kind's
    default, with its factor pinned where the verdict has one."""
    new: dict[str, object] = {}
    for r in rows:
        if r.verdict == DEFAULT_EXPECTED[r.kind]:
            continue
        new[r.quantity] = _entry(r)
    return new


def _entry(r: Row) -> object:
    if r.details.get("factor") and pins_factor(r.verdict):
        return {"verdict": r.verdict, "factor": r.details["factor"]}
    return r.verdict


def updated_expectations(case: CaseSource, rows: list[Row]) -> dict[str, object] | None:
    """The case's `expect:` block with only the rows whose verdict changed rewritten, and stale
    names dropped; None when nothing changes (the file is then not touched). A row that is as
    expected keeps its entry as written (an explicit `ok`, `factor: N/2` as spelled); an audit
    gets the block `new_expectations` writes."""
    if is_audit(case):
        return new_expectations(rows) or None
    old = dict(case.spec.expect)
    names = {r.quantity for r in rows}
    out: dict[str, object] = {}
    changed = any(k not in names for k in old)
    for r in rows:
        if r.quantity in old and row_as_expected(r):
            e = old[r.quantity]
            out[r.quantity] = e if isinstance(e, str) else e.model_dump(exclude_none=True)
        elif not row_as_expected(r):
            changed = True
            if r.verdict != DEFAULT_EXPECTED[r.kind]:
                out[r.quantity] = _entry(r)
    return out if changed else None


def rewrite_expectations(cases: list[CaseSource], results: list[CaseResult]) -> list[str]:
    """Rewrite the `expect:` rows whose verdict changed (keeping every other line and comment;
    cases that did not run or are as expected are left alone); return the files whose text
    changed. A suite that passes stays byte-identical."""
    by_file: dict[str, dict[str, dict]] = {}
    for case, res in zip(cases, results):
        if not res.error:
            new = updated_expectations(case, res.rows)
            if new is not None:
                by_file.setdefault(case.file, {})[case.spec.id] = new
    changed = []
    for file, new in by_file.items():
        text = update_expect(file, new)
        if text.encode("utf-8") != Path(file).read_bytes():
            _replace(file, text.encode("utf-8"))
            changed.append(file)
    return changed


def _replace(file: str, data: bytes) -> None:
    """Write `data` to a new file beside `file`, then rename it over `file`: a full disk or a
    read-only folder leaves the case file as it was, and says so as a CaseError at the file."""
    path = Path(file)
    tmp = path.with_name(f".{path.name}.gradaudit-tmp")
    try:
        tmp.write_bytes(data)
        with contextlib.suppress(OSError):
            shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise CaseError(
            file, None, None, None, None, f"cannot rewrite the expect: blocks: {exc.strerror or exc}"
        ) from None
