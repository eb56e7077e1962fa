"""Reports: per case a claims table, a formula table and a statements table, findings first,
with a one-line summary; a summary table across cases; revisions side by side. Formats: text
(colour only on a terminal without NO_COLOR), markdown, json (the contract), html."""

from __future__ import annotations

import html
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

REPORT_VERSION = 1
FORMATS = ("text", "markdown", "json", "html")

_GREEN, _YELLOW, _RED, _BOLD, _RESET = "\033[32m", "\033[33m", "\033[31m", "\033[1m", "\033[0m"
_COLOURS = {"ok": _GREEN, "soft": _YELLOW, "hard": _RED}  # by verdicts.style


def _num(x: Any, digits: int = 7) -> str:
    if x is None:
        return ""
    if np.ndim(x) > 0:  # a row may carry a whole array: show it, never fail the report
        return "[" + ", ".join(_num(v, digits) for v in np.asarray(x)) + "]"
    x = float(x)
    return str(x) if not math.isfinite(x) else f"{x:.{digits}g}"


def _with_factor(row: Row) -> str:
    return row.verdict + (f" ({row.details['factor']})" if row.details.get("factor") else "")


def verdict_text(row: Row) -> str:
    """`scale (1/2)`, and `[expected ...]` after a verdict that is not as expected."""
    text = _with_factor(row)
    if row.expected_verdict is not None and not row_as_expected(row):
        want = row.expected_verdict + (
            f" ({row.details['expected_factor']})" if row.details.get("expected_factor") else ""
        )
        text += f" [expected {want}]"
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


def _table(body: list[list[Any]], headers: list[str], fmt: str) -> str:
    """tabulate with number parsing off, so printed text is shown as printed ("0.560")."""
    if fmt == "github":
        body = [[_md_cell(c) for c in row] for row in body]
        headers = [_md_cell(h) for h in headers]
    return tabulate(body, headers=headers, tablefmt=fmt, disable_numparse=True)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _ordered(rows: Iterable[Row]) -> list[Row]:
    """Unexpected rows first, then findings, then the rest; step order kept within each."""
    rows = list(rows)
    return sorted(rows, key=lambda r: (row_as_expected(r), not r.is_finding))


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


def claim_table(rows: list[Row], fmt: str, color: bool) -> str:
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
    return _table(body, ["quantity", "printed", "exact", "author's chain", "verdict", "explanation"], fmt)


def formula_table(rows: list[Row], fmt: str, color: bool) -> str:
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
    )


def statement_table(rows: list[Row], fmt: str, color: bool) -> str:
    body = [
        [r.quantity, r.printed or "", _num(r.exact), _verdict_cell(r, color), r.explanation]
        for r in _ordered(rows)
    ]
    return _table(body, ["statement", "claimed", "value", "verdict", "explanation"], fmt)


def summary_table(results: list[CaseResult], fmt: str) -> str:
    body = []
    for res in results:
        if res.error:
            lines = res.error.splitlines()
            shown = lines[0] + (f" (and {len(lines) - 1} more)" if len(lines) > 1 else "")
            body.append([res.id, "", "", "", "", "", "", "", f"error: {shown}"])
            continue
        claims = [r for r in res.rows if r.kind in ("claim", "operand")]
        formulas = [r for r in res.rows if r.kind == "formula"]
        statements = [r for r in res.rows if r.kind == "statement"]

        def kinds(rows):
            c = Counter(r.verdict for r in rows if r.is_finding)
            return ", ".join(f"{n} {v}" for v, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))

        body.append(
            [
                res.id,
                len(claims),
                sum(1 for r in claims if not r.is_finding),
                kinds(claims),
                len(formulas),
                kinds(formulas),
                len(statements),
                kinds(statements),
                "as expected" if res.passed else f"{len(res.unexpected) + len(res.stale)} unexpected",
            ]
        )
    return _table(
        body,
        [
            "case",
            "numbers",
            "ok",  # a column header, not a verdict
            "findings",
            "formulas",
            "formula findings",
            "statements",
            "statement findings",
            "expect",
        ],
        fmt,
    )


def revision_table(new: CaseResult, old: CaseResult, fmt: str) -> str | None:
    """Rows whose verdict or printed text changed between two revisions, side by side."""
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
        [
            "quantity",
            f"printed in {old.id}",
            f"verdict in {old.id}",
            f"printed in {new.id}",
            f"verdict in {new.id}",
        ],
        fmt,
    )


def _sections(res: CaseResult, fmt: str, color: bool, by_id: dict[str, CaseResult]) -> list[tuple[str, str]]:
    out = []
    claims = [r for r in res.rows if r.kind in ("claim", "operand")]
    formulas = [r for r in res.rows if r.kind == "formula"]
    statements = [r for r in res.rows if r.kind == "statement"]
    if claims:
        out.append(("Printed numbers", claim_table(claims, fmt, color)))
    if formulas:
        out.append(("Formulas", formula_table(formulas, fmt, color)))
    if statements:
        out.append(("Statements", statement_table(statements, fmt, color)))
    if res.revises and res.revises in by_id and not by_id[res.revises].error:
        t = revision_table(res, by_id[res.revises], fmt)
        if t:
            out.append((f"Changed since {res.revises}", t))
    return out


def render_text(
    results: list[CaseResult], color: bool = False, tablefmt: str = "simple", summary: bool = True
) -> str:
    """Each case (summary line, then its tables, findings first), then the summary across cases."""
    by_id = {r.id: r for r in results}
    chunks = []
    for res in results:
        head = f"== {res.id}: {res.title} ({res.file})"
        chunks.append(_BOLD + head + _RESET if color else head)
        if res.error:
            chunks.append("".join(f"error: {line}\n" for line in res.error.splitlines()))
            continue
        chunks.append(summary_line(res))
        for title, table in _sections(res, tablefmt, color, by_id):
            chunks.append(f"\n{title}:\n{table}")
        chunks.append("")
    if summary:
        chunks.append("== Summary")
        chunks.append(summary_table(results, tablefmt))
        chunks.append(overall_line(results))
    return "\n".join(chunks) + "\n"


def overall_line(results: list[CaseResult]) -> str:
    errors = sum(1 for r in results if r.error)
    failed = sum(1 for r in results if not r.error and not r.passed)
    rows = sum(len(r.rows) for r in results)
    return (
        f"{_plural(len(results), 'case')}, {_plural(rows, 'row')}: {len(results) - errors - failed} as "
        f"expected, "
        f"{failed} not as expected, {_plural(errors, 'error')}"
    )


def render_markdown(results: list[CaseResult]) -> str:
    by_id = {r.id: r for r in results}
    chunks = ["# gradaudit report", ""]
    for res in results:
        chunks.append(f"## {res.id}: {res.title}")
        chunks.append(f"`{res.file}`\n")
        if res.error:
            chunks.append("".join(f"**error:** `{line}`  \n" for line in res.error.splitlines()))
            continue
        chunks.append(summary_line(res) + "\n")
        for title, table in _sections(res, "github", False, by_id):
            chunks.append(f"### {title}\n\n{table}\n")
    chunks.append("## Summary\n")
    chunks.append(summary_table(results, "github"))
    chunks.append("\n" + overall_line(results))
    return "\n".join(chunks) + "\n"


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


_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:14px}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3} td.num{font-family:monospace;text-align:right}
tr.hard td.v{background:#fdd;font-weight:bold} tr.soft td.v{background:#ffe9b3}
tr.ok td.v{background:#e3f6e3} tr.unexpected{outline:2px solid #c00}
.summary{margin:.3em 0 1em;color:#444} .error{color:#c00}
"""


_HTML_NUMERIC = ("exact", "author's chain", "autodiff", "finite diff", "hand-written", "max rel err", "value")


def _html_rows(rows: list[Row], cols: list[tuple[str, Any]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c, _ in cols)
    body = []
    for r in _ordered(rows):
        cls = verdicts.style(r.verdict) + ("" if row_as_expected(r) else " unexpected")
        cells = []
        for name, get in cols:
            val = get(r)
            klass = ' class="v"' if name == "verdict" else (' class="num"' if name in _HTML_NUMERIC else "")
            cells.append(f"<td{klass}>{html.escape(str(val))}</td>")
        body.append(f'<tr class="{cls}">' + "".join(cells) + "</tr>")
    return f"<table>\n<tr>{head}</tr>\n" + "\n".join(body) + "\n</table>"


def _html_verdict(r: Row) -> str:
    return _verdict_cell(r, False)


def _html_sections(res: CaseResult) -> list[str]:
    """A case's claims, formulas and statements as HTML tables, each under its heading."""
    parts = []
    verdict = _html_verdict
    claims = [r for r in res.rows if r.kind in ("claim", "operand")]
    formulas = [r for r in res.rows if r.kind == "formula"]
    statements = [r for r in res.rows if r.kind == "statement"]
    if claims:
        parts.append(
            "<h3>Printed numbers</h3>"
            + _html_rows(
                claims,
                [
                    ("quantity", lambda r: r.quantity),
                    ("printed", lambda r: r.printed or ""),
                    ("exact", lambda r: _num(r.exact)),
                    ("author's chain", lambda r: _num(r.author_chain)),
                    ("verdict", verdict),
                    ("explanation", lambda r: r.explanation),
                ],
            )
        )
    if formulas:
        parts.append(
            "<h3>Formulas</h3>"
            + _html_rows(
                formulas,
                [
                    ("quantity", lambda r: r.quantity),
                    ("autodiff", lambda r: _num(r.details.get("autodiff"))),
                    ("finite diff", lambda r: _num(r.details.get("finite_diff"))),
                    ("hand-written", lambda r: _num(r.details.get("hand"))),
                    ("max rel err", lambda r: _num(r.rel_error, 3)),
                    ("verdict", verdict),
                    (
                        "worst index",
                        lambda r: str(r.details["worst_index"]) if r.details.get("worst_index") else "",
                    ),
                    ("explanation", lambda r: r.explanation),
                ],
            )
        )
    if statements:
        parts.append(
            "<h3>Statements</h3>"
            + _html_rows(
                statements,
                [
                    ("statement", lambda r: r.quantity),
                    ("claimed", lambda r: r.printed or ""),
                    ("value", lambda r: _num(r.exact)),
                    ("verdict", verdict),
                    ("explanation", lambda r: r.explanation),
                ],
            )
        )
    return parts


def render_html(results: list[CaseResult]) -> str:
    parts = [
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>gradaudit "
        f"report</title><style>{_CSS}</style></head><body>",
        "<h1>gradaudit report</h1>",
    ]
    by_id = {r.id: r for r in results}
    for res in results:
        parts.append(
            f"<h2>{html.escape(res.id)}: "
            f"{html.escape(res.title)}</h2><p><code>{html.escape(res.file)}</code></p>"
        )
        if res.error:
            parts.append(
                "".join(
                    f"<p class='error'><b>error:</b> {html.escape(line)}</p>"
                    for line in res.error.splitlines()
                )
            )
            continue
        parts.append(f"<p class='summary'>{html.escape(summary_line(res))}</p>")
        parts += _html_sections(res)
        if res.revises and res.revises in by_id and not by_id[res.revises].error:
            t = revision_table(res, by_id[res.revises], "html")
            if t:
                parts.append(f"<h3>Changed since {html.escape(res.revises)}</h3>{t}")
    parts.append("<h2>Summary</h2>" + summary_table(results, "html"))
    parts.append(f"<p class='summary'>{html.escape(overall_line(results))}</p></body></html>")
    return "\n".join(parts) + "\n"


def steps_table(case: CaseSource, res: CaseResult) -> str:
    """Every step of a worksheet in order: its inputs (and where the author's chain took each
    from), the exact and the author's value, and the verdicts of its rows."""

    def show(v):
        if v is None:
            return "unknown"
        a = np.asarray(v)
        return f"{float(a):.7g}" if a.ndim == 0 else np.array2string(a, precision=7, separator=", ")

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
    return f"Steps of {res.id}, in order:\n" + tabulate(
        body,
        headers=["step", "inputs (for the author's chain)", "exact", "author's chain", "verdict"],
        disable_numparse=True,
    )


def case_list_table(cases: list[LoadedCase]) -> str:
    """`gradaudit list`: one line per case."""
    body = [
        [c.spec.id, c.file, c.spec.reference, len(c.spec.claims), len(c.spec.statements), c.spec.title]
        for c in cases
    ]
    return tabulate(
        body, headers=["case", "file", "reference", "claims", "statements", "title"], disable_numparse=True
    )


def render(results: list[CaseResult], fmt: str = "text", color: bool = False) -> str:
    if fmt == "text":
        return render_text(results, color=color)
    if fmt == "markdown":
        return render_markdown(results)
    if fmt == "json":
        return render_json(results)
    if fmt == "html":
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
