"""What a CI run shows besides the log: GitHub workflow annotations (`::error file=,line=::`) on
the case file's line for every row not as expected, and the step summary (markdown) written to
`$GITHUB_STEP_SUMMARY` whatever format the log gets. Annotations go to stderr, never into a
report on stdout."""

from __future__ import annotations

import re

from ..judging.runner import CaseResult
from ..loading.cases import LoadedCase
from .report import expected_text, verdict_text


def _escape(text: str, prop: bool = False) -> str:
    """GitHub's workflow-command escaping (%, CR, LF; in properties also : and ,)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def row_line(case: LoadedCase, name: str) -> int:
    """The line a row is best read at: its `expect:` entry, else its printed claim (an element
    `out[1]` or an operand `a3<-y3` at its step's claim), else its statement, else the case."""
    step = re.split(r"\[|<-", name.removeprefix("formula:"), maxsplit=1)[0]
    for path in (("expect", name), ("claims", step), ("claims", step, "printed"), ("statements", name)):
        loc = case.loc(*path) or case.key_locs.get(path)
        if loc:
            return loc[0]
    return case.line


def annotations(cases: list[LoadedCase], results: list[CaseResult]) -> list[str]:
    """One `::error` line per row not as expected and per stale expectation."""
    by_id = {c.spec.id: c for c in cases}
    out = []
    for res in results:
        case = by_id.get(res.id)
        if res.error:
            first = res.error.splitlines()[0]
            m = re.match(r"(.+?):(\d+):", first)
            where = (
                f"file={_escape(m.group(1), True)},line={m.group(2)}"
                if m
                else f"file={_escape(res.file, True)}"
            )
            out.append(f"::error {where},title=gradaudit::{_escape(first)}")
            continue
        if case is None:
            continue
        for r in res.unexpected:
            want = expected_text(r) or "no finding"
            msg = f"case {res.id}: {r.quantity}: expected {want}, got {verdict_text(r).split(' [')[0]}: "
            msg += r.explanation
            line = row_line(case, r.quantity)
            out.append(
                f"::error file={_escape(case.file, True)},line={line},"
                f"title={_escape(f'gradaudit: {r.quantity}', True)}::{_escape(msg)}"
            )
        for name in res.stale:
            line = row_line(case, name)
            out.append(
                f"::error file={_escape(case.file, True)},line={line},title=gradaudit stale expectation::"
                + _escape(f"case {res.id}: expect: names {name}, which is no row of the case")
            )
    return out
