"""Reports: the run's summary first, then the rows not as expected, then each case (those that
need a look first): a claims table, a formula table and a statements table, unexpected rows
first, then findings, then the rest; revisions side by side. Formats: text (wrapped to the
terminal, colour only on a terminal without NO_COLOR), markdown, json (the contract: every row,
file order) and html (`html_report`)."""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any, Iterable

import numpy as np
from tabulate import tabulate

from ..core import verdicts
from ..judging.expectations import row_as_expected
from ..judging.rows import Row
from ..judging.runner import CaseResult
from ..loading.cases import LoadedCase
from ..loading.printed_claims import CaseSource
from . import layout
from .layout import short_number

REPORT_VERSION = 1
FORMATS = ("text", "markdown", "json", "html")

_GREEN, _YELLOW, _RED, _BOLD, _RESET = "\033[32m", "\033[33m", "\033[31m", "\033[1m", "\033[0m"
_COLOURS = {"ok": _GREEN, "soft": _YELLOW, "hard": _RED}  # by verdicts.style


def _num(x: Any, digits: int = 7) -> str:
    """A number for a table; an array by its shape and largest element (JSON keeps it whole)."""
    return short_number(x, digits)


def _with_factor(row: Row) -> str:
    return row.verdict + (f" ({row.details['factor']})" if row.details.get("factor") else "")


def expected_text(row: Row) -> str:
    """What `expect:` said this row would be (`scale (1/2)`), or "" in an audit."""
    if row.expected_verdict is None:
        return ""
    pinned = row.details.get("expected_factor")
    return row.expected_verdict + (f" ({pinned})" if pinned else "")


def verdict_text(row: Row) -> str:
    """`scale (1/2)`, and `[expected ...]` after a verdict that is not as expected."""
    text = _with_factor(row)
    if row.expected_verdict is not None and not row_as_expected(row):
        text += f" [expected {expected_text(row)}]"
    return text


def _verdict_cell(row: Row, color: bool) -> str:
    text = verdict_text(row)
    if not color:
        return text
    code = _COLOURS[verdicts.style(row.verdict)]
    if not row_as_expected(row):
        code = _BOLD + _RED
    return f"{code}{text}{_RESET}"


def _md_cell(value: Any) -> str:
    """A GitHub table cell: a `|` would end the cell and a line break the row."""
    return str(value).replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")


def _table(
    body: list[list[Any]],
    headers: list[str],
    fmt: str,
    width: int | None = None,
    rows: list[Row] | None = None,
    below: str = "explanation",
) -> str:
    """Text: a plain table wrapped to `width` (an explanation that does not fit beside its row goes
    under it; an ok row's, which restates its cells, is then left out); other formats through
    tabulate with number parsing off, so printed text is shown as printed ("0.560")."""
    if fmt == "simple":
        quiet = [row_rank(r) == 2 for r in rows] if rows is not None else None
        return layout.table(
            body, headers, width or layout.DEFAULT_WIDTH, wrap_columns=_WRAPPED, below=below, quiet=quiet
        )
    if fmt == "github":
        body = [[_md_cell(c) for c in row] for row in body]
        headers = [_md_cell(h) for h in headers]
    return tabulate(body, headers=headers, tablefmt=fmt, disable_numparse=True)


# Columns that wrap inside their cells when a table is wider than the terminal.
_WRAPPED = (
    "explanation",
    "findings",
    "inputs (for the author's chain)",
    "title",
    "reference",
    "quantity",
    "worst index",
)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def row_rank(r: Row) -> int:
    """0 not as expected, 1 a finding (as expected), 2 the rest: the order rows are read in."""
    return 0 if not row_as_expected(r) else (1 if r.is_finding else 2)


def _ordered(rows: Iterable[Row]) -> list[Row]:
    """Unexpected rows first, then findings, then the rest; step order kept within each."""
    return sorted(rows, key=row_rank)


def case_rank(res: CaseResult) -> int:
    """0 an error or something not as expected, 1 findings as expected, 2 nothing to see."""
    if res.error or not res.passed:
        return 0
    return 1 if res.findings else 2


def reading_order(results: list[CaseResult]) -> list[CaseResult]:
    """Cases that need a look first (errors, rows not as expected), then cases with findings,
    then the rest; file order within each. (JSON keeps file order.)"""
    return sorted(results, key=case_rank)


def summary_line(result: CaseResult) -> str:
    parts = []
    for kind, noun in (("claim", "number"), ("formula", "formula"), ("statement", "statement")):
        rows = [r for r in result.rows if r.kind == kind or (kind == "claim" and r.kind == "operand")]
        if not rows:
            continue
        counts = Counter(r.verdict for r in rows)
        ordered = sorted(counts.items(), key=lambda kv: (not verdicts.is_default(kv[0]), -kv[1], kv[0]))
        parts.append(f"{_plural(len(rows), noun)} checked: " + ", ".join(f"{n} {v}" for v, n in ordered))
    if not parts:
        parts.append("0 rows checked")
    unexpected = len(result.unexpected)
    tail = "all as expected" if not unexpected and not result.stale else f"{unexpected} not as expected"
    if result.audit:  # DESIGN section 7: findings shown as findings; none recorded yet
        n = len(result.findings)
        tail = f"audit: {_plural(n, 'finding')}, no expect: block recorded yet"
    if result.stale:
        tail += f", {len(result.stale)} stale expectation(s): {', '.join(result.stale)}"
    return "; ".join(parts) + f" ({tail})"


def _kind_rows(res: CaseResult) -> tuple[list[Row], list[Row], list[Row]]:
    return (
        [r for r in res.rows if r.kind in ("claim", "operand")],
        [r for r in res.rows if r.kind == "formula"],
        [r for r in res.rows if r.kind == "statement"],
    )


def claim_table(rows: list[Row], fmt: str, color: bool, width: int | None = None) -> str:
    body = [
        [
            r.quantity,
            r.printed or "",
            _num(r.exact),
            _num(r.author_chain),
            _verdict_cell(r, color),
            r.explanation,
        ]
        for r in _ordered(rows)
    ]
    return _table(
        body,
        ["quantity", "printed", "exact", "author's chain", "verdict", "explanation"],
        fmt,
        width,
        _ordered(rows),
    )


def formula_table(rows: list[Row], fmt: str, color: bool, width: int | None = None) -> str:
    body = []
    for r in _ordered(rows):
        d = r.details
        idx = d.get("worst_index")
        body.append(
            [
                r.quantity,
                _num(d.get("autodiff")),
                _num(d.get("finite_diff")),
                _num(d.get("hand")),
                _num(r.rel_error, 3),
                _verdict_cell(r, color),
                "" if not idx else str(idx),
                r.explanation,
            ]
        )
    return _table(
        body,
        [
            "quantity",
            "autodiff",
            "finite diff",
            "hand-written",
            "max rel err",
            "verdict",
            "worst index",
            "explanation",
        ],
        fmt,
        width,
        _ordered(rows),
    )


def statement_table(rows: list[Row], fmt: str, color: bool, width: int | None = None) -> str:
    body = [
        [r.quantity, r.printed or "", _num(r.exact), _verdict_cell(r, color), r.explanation]
        for r in _ordered(rows)
    ]
    return _table(
        body, ["statement", "claimed", "value", "verdict", "explanation"], fmt, width, _ordered(rows)
    )


def _counts(rows: list[Row]) -> str:
    c = Counter(r.verdict for r in rows if r.is_finding)
    return ", ".join(f"{n} {v}" for v, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))


def expect_cell(res: CaseResult) -> str:
    if res.error:
        return "error"
    if not res.passed:
        return f"{len(res.unexpected) + len(res.stale)} unexpected"
    return "audit" if res.audit else "as expected"


def summary_table(results: list[CaseResult], fmt: str, width: int | None = None) -> str:
    """One line per case: what was checked, its findings by kind, and how it compares with
    `expect:`."""
    body = []
    for res in results:
        if res.error:
            lines = res.error.splitlines()
            shown = lines[0] + (f" (and {len(lines) - 1} more)" if len(lines) > 1 else "")
            body.append([res.id, "", "", "", expect_cell(res), f"error: {shown}"])
            continue
        claims, formulas, statements = _kind_rows(res)
        found = []
        for rows, noun in ((claims, "number"), (formulas, "formula"), (statements, "statement")):
            if _counts(rows):
                found.append(f"{noun}s: {_counts(rows)}" if noun != "number" else _counts(rows))
        body.append([res.id, len(claims), len(formulas), len(statements), expect_cell(res), "; ".join(found)])
    return _table(
        body,
        ["case", "numbers", "formulas", "statements", "expect", "findings"],
        fmt,
        width,
        below="findings",
    )


def unexpected_table(
    results: list[CaseResult], fmt: str, color: bool, width: int | None = None
) -> str | None:
    """Every row not as expected across the run, and every stale expectation: what to look at."""
    body = []
    for res in reading_order(results):
        for r in _ordered(res.unexpected):
            got = _with_factor(r)
            if color:
                got = f"{_BOLD}{_RED}{got}{_RESET}"
            body.append([res.id, r.quantity, expected_text(r) or "(no finding)", got, r.explanation])
        for name in res.stale:
            body.append([res.id, name, "", "(no such row)", "stale expectation: expect: names no row"])
    if not body:
        return None
    return _table(body, ["case", "row", "expected", "got", "explanation"], fmt, width)


def revision_table(new: CaseResult, old: CaseResult, fmt: str, width: int | None = None) -> str | None:
    """Rows whose verdict or printed text changed between two revisions, side by side ("then" is
    `old`, named in the section's title; "now" is `new`)."""
    old_rows = {r.quantity: r for r in old.rows}
    new_names = {r.quantity for r in new.rows}
    body = []
    for r in new.rows:
        o = old_rows.get(r.quantity)
        if o is None:
            body.append([r.quantity, "", "(no such row)", r.printed or "", _with_factor(r)])
        elif _with_factor(o) != _with_factor(r) or o.printed != r.printed:
            body.append([r.quantity, o.printed or "", _with_factor(o), r.printed or "", _with_factor(r)])
    for q, o in old_rows.items():
        if q not in new_names:
            body.append([q, o.printed or "", _with_factor(o), "", "(no such row)"])
    if not body:
        return None
    return _table(
        body,
        ["quantity", "printed then", "verdict then", "printed now", "verdict now"],
        fmt,
        width,
    )


def failing_draws(res: CaseResult) -> list[tuple[Row, dict]]:
    """Statements that failed on a seeded draw, with that draw (details.smallest_failure)."""
    return [(r, r.details["smallest_failure"]) for r in res.rows if r.details.get("smallest_failure")]


def draw_lines(row: Row, failure: dict, width: int | None) -> list[str]:
    """The smallest failing draw in full, every number as Python prints it (round-trips exactly),
    so it can be pasted back into the statement's check and replayed."""
    seed = row.details.get("seed")
    head = (
        f"Smallest failing draw of {row.quantity} (draw #{failure['index']} of seed {seed}, "
        f"size {failure['size']:.6g}), in full:"
    )
    sample = failure["sample"]
    leaves = sample.items() if isinstance(sample, dict) else [("sample", sample)]
    lines = layout.wrap(head, width) if width else [head]
    for name, value in leaves:
        text = f"{name} = {json.dumps(_clean(value))}"
        lines += (
            layout.wrap(text, (width or layout.DEFAULT_WIDTH) - 2, indent="  ") if width else ["  " + text]
        )
    return lines


def _sections(
    res: CaseResult,
    fmt: str,
    color: bool,
    by_id: dict[str, CaseResult],
    width: int | None = None,
    findings_only: bool = False,
) -> list[tuple[str, str]]:
    out = []
    keep = (lambda r: row_rank(r) < 2) if findings_only else (lambda r: True)
    claims, formulas, statements = ([r for r in rows if keep(r)] for rows in _kind_rows(res))
    if claims:
        out.append(("Printed numbers", claim_table(claims, fmt, color, width)))
    if formulas:
        out.append(("Formulas", formula_table(formulas, fmt, color, width)))
    if statements:
        table = statement_table(statements, fmt, color, width)
        for row, failure in failing_draws(res):
            if keep(row):
                lines = draw_lines(row, failure, width if fmt == "simple" else None)
                table += "\n\n" + ("\n".join(lines) if fmt == "simple" else _md_draw(lines))  # md: width None
        out.append(("Statements", table))
    if res.revises and res.revises in by_id and not by_id[res.revises].error:
        t = revision_table(res, by_id[res.revises], fmt, width)
        if t:
            out.append((f"Changed since {res.revises}", t))
    return out


def _md_draw(lines: list[str]) -> str:
    return lines[0] + "\n\n```\n" + "\n".join(ln.strip() for ln in lines[1:]) + "\n```"


def render_text(
    results: list[CaseResult],
    color: bool = False,
    tablefmt: str = "simple",
    summary: bool = True,
    width: int | None = None,
    findings_only: bool = False,
) -> str:
    """The run's summary, the rows not as expected, then each case (those that need a look first;
    in each table unexpected rows, then findings, then the rest), wrapped to `width` (default:
    the terminal's, `layout.terminal_width`). `findings_only` leaves out ok rows and the cases
    that have nothing else."""
    width = width or layout.terminal_width()
    by_id = {r.id: r for r in results}
    chunks = []
    bold = (lambda t: _BOLD + t + _RESET) if color else (lambda t: t)
    if summary:
        chunks.append(bold("== Summary"))
        chunks.append(overall_line(results))
        chunks.append("")
        chunks.append(summary_table(reading_order(results), tablefmt, width))
        chunks.append("")
        unexpected = unexpected_table(results, tablefmt, color, width)
        if unexpected:
            chunks.append(bold("== Not as expected"))
            chunks.append(unexpected)
            chunks.append("")
    for res in reading_order(results):
        if findings_only and not res.error and case_rank(res) == 2:
            continue
        chunks.append(bold("\n".join(layout.wrap(f"== {res.id}: {res.title} ({res.file})", width))))
        if res.error:
            chunks.append(
                "".join(
                    "\n".join(layout.wrap(f"error: {line}", width, indent="")) + "\n"
                    for line in res.error.splitlines()
                )
            )
            continue
        chunks.append("\n".join(layout.wrap(summary_line(res), width)))
        for title, table in _sections(res, tablefmt, color, by_id, width, findings_only):
            chunks.append(f"\n{title}:\n{table}")
        chunks.append("")
    return "\n".join(chunks).rstrip("\n") + "\n"


def overall_line(results: list[CaseResult]) -> str:
    errors = sum(1 for r in results if r.error)
    failed = sum(1 for r in results if not r.error and not r.passed)
    rows = sum(len(r.rows) for r in results)
    return (
        f"{_plural(len(results), 'case')}, {_plural(rows, 'row')}: {len(results) - errors - failed} as "
        f"expected, "
        f"{failed} not as expected, {_plural(errors, 'error')}"
    )


def render_markdown(results: list[CaseResult], findings_only: bool = False) -> str:
    """The same order as text: summary, rows not as expected, then the cases."""
    by_id = {r.id: r for r in results}
    chunks = ["# gradaudit report", "", overall_line(results), ""]
    chunks.append(summary_table(reading_order(results), "github") + "\n")
    unexpected = unexpected_table(results, "github", False)
    if unexpected:
        chunks.append("## Not as expected\n")
        chunks.append(unexpected + "\n")
    for res in reading_order(results):
        if findings_only and not res.error and case_rank(res) == 2:
            continue
        chunks.append(f"## {res.id}: {res.title}")
        chunks.append(f"`{res.file}`\n")
        if res.error:
            chunks.append("".join(f"**error:** `{line}`  \n" for line in res.error.splitlines()))
            continue
        chunks.append(summary_line(res) + "\n")
        for title, table in _sections(res, "github", False, by_id, findings_only=findings_only):
            chunks.append(f"### {title}\n\n{table}\n")
    return "\n".join(chunks).rstrip("\n") + "\n"


def step_summary(results: list[CaseResult]) -> str:
    """What CI shows on the run's page ($GITHUB_STEP_SUMMARY), whatever --format the log gets:
    the overall line, the summary table and the rows not as expected."""
    chunks = [
        "## gradaudit",
        "",
        overall_line(results),
        "",
        summary_table(reading_order(results), "github"),
        "",
    ]
    unexpected = unexpected_table(results, "github", False)
    if unexpected:
        chunks += ["### Not as expected", "", unexpected, ""]
    return "\n".join(chunks)


def _json_num(x: Any) -> Any:
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def _clean(obj: Any) -> Any:
    """Plain JSON values: numpy scalars and arrays as numbers and lists, NaN and inf as null."""
    if isinstance(obj, bool) or obj is None or isinstance(obj, (str, int)):
        return obj
    if isinstance(obj, float):
        return _json_num(obj)
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if hasattr(obj, "tolist"):  # numpy arrays and scalars (a size-1 array's .item() would hide its shape)
        return _clean(obj.tolist())
    if hasattr(obj, "item"):
        return _clean(obj.item())
    return str(obj)  # anything else a row may carry is shown, never a crash of the whole report


def report_dict(results: list[CaseResult]) -> dict[str, Any]:
    cases = []
    totals: Counter = Counter()
    for res in results:
        rows = []
        for r in res.rows:
            rows.append(
                _clean(
                    {
                        "quantity": r.quantity,
                        "label": r.label,
                        "kind": r.kind,
                        "verdict": r.verdict,
                        "expected_verdict": r.expected_verdict,
                        "as_expected": row_as_expected(r),
                        "printed": r.printed,
                        "exact": r.exact,
                        "author_chain": r.author_chain,
                        "abs_error": r.abs_error,
                        "rel_error": r.rel_error,
                        "explanation": r.explanation,
                        "details": {k: v for k, v in r.details.items()},
                    }
                )
            )
            totals[r.verdict] += 1
        cases.append(
            {
                "id": res.id,
                "file": res.file,
                "title": res.title,
                "revises": res.revises,
                "rows": rows,
                "error": res.error,
                "stale_expectations": res.stale,
                "passed": res.passed,
                **({"audit": True} if res.audit else {}),  # no expect: block: findings, none recorded
            }
        )
    summary = {
        "cases": len(results),
        "rows": sum(len(r.rows) for r in results),
        "errors": sum(1 for r in results if r.error),
        "not_as_expected": sum(1 for r in results if not r.error and not r.passed),
        "verdicts": dict(sorted(totals.items())),
    }
    return {"version": REPORT_VERSION, "cases": cases, "summary": summary}


def render_json(results: list[CaseResult]) -> str:
    return json.dumps(report_dict(results), indent=2, sort_keys=False, allow_nan=False) + "\n"


def steps_table(case: CaseSource, res: CaseResult, width: int | None = None) -> str:
    """Every step of a worksheet in order: its inputs (and where the author's chain took each
    from), the exact and the author's value, and the verdicts of its rows."""

    def show(v):
        if v is None:
            return "unknown"
        a = np.asarray(v)
        return f"{float(a):.7g}" if a.ndim == 0 else short_number(a)

    def source(step: str, arg: str, how: str) -> str:
        if how == "printed":
            return (
                f"{arg} = {case.text('claims', arg) or case.text('claims', arg, 'printed') or '?'} (printed)"
            )
        if how == "operand":
            return f"{arg} = {case.text('claims', step, 'operands', arg) or '?'} (operand)"
        if arg in case.spec.given and np.ndim(case.spec.given[arg]) == 0 and case.spec.given[arg] is not None:
            return f"{arg} = {case.text('given', arg) or case.spec.given[arg]}"
        return arg

    body = []
    for name, label, _inputs, used, exact, author in res.trace:
        rows = res.rows
        verdicts = [verdict_text(r) for r in rows if r.quantity == name]  # its own printed value first
        verdicts += [f"{r.quantity}: {verdict_text(r)}" for r in rows if r.quantity.startswith(name + "[")]
        verdicts += [f"{r.quantity}: {verdict_text(r)}" for r in rows if r.quantity.startswith(name + "<-")]
        verdicts += [f"formula: {verdict_text(r)}" for r in rows if r.quantity == f"formula:{name}"]
        body.append(
            [
                name if label == name else f"{name} ({label})",
                ", ".join(source(name, a, s) for a, s in used),
                show(exact),
                show(author),
                "; ".join(verdicts),
            ]
        )
    return f"Steps of {res.id}, in order:\n" + layout.table(
        body,
        ["step", "inputs (for the author's chain)", "exact", "author's chain", "verdict"],
        width or layout.terminal_width(),
        wrap_columns=("inputs (for the author's chain)", "verdict", "exact", "author's chain"),
        below=None,
    )


def case_list_table(cases: list[LoadedCase]) -> str:
    """`gradaudit list`: one line per case."""
    body = [
        [c.spec.id, c.file, c.spec.reference, len(c.spec.claims), len(c.spec.statements), c.spec.title]
        for c in cases
    ]
    return layout.table(
        body,
        ["case", "file", "reference", "claims", "statements", "title"],
        layout.terminal_width(),
        wrap_columns=("title", "reference", "file"),
        below=None,
    )


def render(
    results: list[CaseResult],
    fmt: str = "text",
    color: bool = False,
    *,
    width: int | None = None,
    findings_only: bool = False,
) -> str:
    if fmt == "text":
        return render_text(results, color=color, width=width, findings_only=findings_only)
    if fmt == "markdown":
        return render_markdown(results, findings_only=findings_only)
    if fmt == "json":
        return render_json(results)  # always every row, in file order: the contract
    if fmt == "html":
        from .html_report import render_html

        return render_html(results)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def report_json_schema() -> dict[str, Any]:
    num = {"type": ["number", "null"]}
    row = {
        "type": "object",
        "required": [
            "quantity",
            "label",
            "kind",
            "verdict",
            "expected_verdict",
            "printed",
            "exact",
            "author_chain",
            "abs_error",
            "rel_error",
            "explanation",
        ],
        "properties": {
            "quantity": {"type": "string"},
            "label": {"type": "string"},
            "kind": {"enum": ["claim", "operand", "formula", "statement"]},
            "verdict": {"type": "string"},
            "expected_verdict": {"type": ["string", "null"]},
            "as_expected": {"type": "boolean"},
            "printed": {"type": ["string", "null"], "description": "the printed text, as printed"},
            "exact": num,
            "author_chain": num,
            "abs_error": num,
            "rel_error": num,
            "explanation": {"type": "string"},
            "details": {"type": "object"},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "gradaudit JSON report",
        "type": "object",
        "required": ["version", "cases", "summary"],
        "properties": {
            "version": {"const": REPORT_VERSION},
            "cases": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "file", "title", "rows", "error"],
                    "properties": {
                        "id": {"type": "string"},
                        "file": {"type": "string"},
                        "title": {"type": "string"},
                        "revises": {"type": ["string", "null"]},
                        "rows": {"type": "array", "items": row},
                        "error": {"type": ["string", "null"]},
                        "passed": {"type": "boolean"},
                        "stale_expectations": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
            "summary": {"type": "object"},
        },
    }
