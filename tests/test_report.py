"""Reports (checks/report.py) from synthetic rows: no case runs, no JAX, so every line is pinned.

The rows below are made up for the renderer; their numbers are not claims about any tutorial.
"""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from gradaudit.judging.rows import Row
from gradaudit.judging.runner import CaseResult
from gradaudit.output.report import (
    REPORT_VERSION,
    render,
    render_text,
    report_dict,
    report_json_schema,
    revision_table,
    summary_line,
    summary_table,
)

ANSI = re.compile(r"\x1b\[[0-9;]*m")
ROW_KEYS = {
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
}  # DESIGN.md section 7
CASE_KEYS = {"id", "file", "title", "rows", "error"}


def claim(q, verdict, printed, exact, author=None, expected=None, explanation="", **details):
    return Row(
        quantity=q,
        label=q,
        kind="claim",
        verdict=verdict,
        printed=printed,
        exact=exact,
        author_chain=exact if author is None else author,
        expected_verdict=verdict if expected is None else expected,
        abs_error=None if exact is None else abs(float(printed.rstrip("%")) - exact),
        explanation=explanation or f"explanation of {q}",
        details=dict(details),
    )


def formula(q, verdict, expected=None, **details):
    d = {"hand": 0.5, "autodiff": 1.0, "finite_diff": 1.0}
    d.update(details)
    return Row(
        quantity=q,
        label=q,
        kind="formula",
        verdict=verdict,
        exact=1.0,
        rel_error=0.5,
        expected_verdict=verdict if expected is None else expected,
        explanation=f"formula {q}",
        details=d,
    )


def statement(q, verdict, expected=None):
    return Row(
        quantity=q,
        label=q,
        kind="statement",
        verdict=verdict,
        printed="[0, 0.5]",
        exact=0.25,
        expected_verdict=verdict if expected is None else expected,
        explanation=f"statement {q}",
    )


def case_a() -> CaseResult:
    """Step order a, b, c, d; b is a finding as expected, d a finding not as expected."""
    rows = [
        claim("a", "ok", "0.560", 0.5601),
        claim("b", "arithmetic", "0.57", 0.5523),
        claim("c", "ok", "1.0", 1.0),
        claim("d", "sign", "0.000945", -0.000945, expected="ok"),
        formula("formula:b", "scale", factor="1/2", expected_factor="1/2"),
        formula("formula:c", "ok"),
        statement("range", "loose"),
    ]
    return CaseResult(id="case-a", file="cases/a.yaml", title="Case A", rows=rows)


def case_b() -> CaseResult:
    """A later revision of case-a: d corrected, b reprinted, c gone, e new."""
    rows = [
        claim("a", "ok", "0.560", 0.5601),
        claim("b", "arithmetic", "0.58", 0.5523),
        claim("d", "ok", "-0.000945", -0.000945),
        claim("e", "ok", "2", 2.0),
        formula("formula:b", "scale", factor="2", expected_factor="2"),
        formula("formula:c", "ok"),
        statement("range", "loose"),
    ]
    return CaseResult(id="case-b", file="cases/a.yaml", title="Case B", rows=rows, revises="case-a")


def errored() -> CaseResult:
    return CaseResult(
        id="bad",
        file="cases/bad.yaml",
        title="(not loaded)",
        error="cases/bad.yaml:6:16: error: case 'bad': claims.y3: expected a number, found 'O.56'\n"
        "cases/bad.yaml:9:3: error: case 'bad': unknown field 'expct'",
    )


def lines_of(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def cells(table: str) -> tuple[list[str], list[list[str]]]:
    """A tabulate "simple" table as (header, rows of cells), columns cut where the dashes are."""
    lines = table.splitlines()
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]
    cut = [(a, spans[i + 1][0] if i + 1 < len(spans) else None) for i, (a, _) in enumerate(spans)]
    split = [[line[a:b].strip() for a, b in cut] for line in lines]
    return split[0], split[2:]


# ------------------------------------------------------------------------------------------------
# Summary line, order of rows


def test_summary_line_counts_every_kind_ok_first_then_by_count():
    # 4 claims (a, c ok; b arithmetic; d sign), 2 formulas (scale, ok), 1 statement (loose); d is
    # the one row not as expected.
    assert summary_line(case_a()) == (
        "4 numbers checked: 2 ok, 1 arithmetic, 1 sign; 2 formulas checked: 1 ok, 1 scale; "
        "1 statement checked: 1 loose (1 not as expected)"
    )
    assert summary_line(case_b()).endswith("(all as expected)")


def test_summary_line_names_stale_expectations_and_an_empty_case():
    res = case_b()
    res.stale = ["formula:gone"]
    assert summary_line(res).endswith("(0 not as expected, 1 stale expectation(s): formula:gone)")
    assert summary_line(CaseResult(id="e", file="f", title="t")) == "0 rows checked (all as expected)"


def test_text_report_puts_unexpected_rows_first_then_findings_then_the_rest():
    text = render_text([case_a()], width=200)
    header, body = cells(text.split("Printed numbers:\n")[1].split("\n\n")[0])
    assert header == ["quantity", "printed", "exact", "author's chain", "verdict", "explanation"]
    # d (not as expected), then b (a finding, as expected), then a and c in step order
    assert [r[0] for r in body] == ["d", "b", "a", "c"]
    assert body[0] == ["d", "0.000945", "-0.000945", "-0.000945", "sign [expected ok]", "explanation of d"]
    header, body = cells(text.split("Formulas:\n")[1].split("\n\n")[0])
    assert header == [
        "quantity",
        "autodiff",
        "finite diff",
        "hand-written",
        "max rel err",
        "verdict",
        "worst index",
        "explanation",
    ]
    assert [r[0] for r in body] == ["formula:b", "formula:c"]
    assert body[0][5] == "scale (1/2)"


def test_printed_text_is_shown_as_printed_in_every_format():
    # tabulate's number parsing would show "0.560" as "0.56" and "1.0" as "1"
    res = case_a()
    for fmt in ("text", "markdown", "html"):
        out = render([res], fmt)
        assert re.search(r"(^|[\s|>])0\.560([\s|<]|$)", out, re.M), fmt
        assert re.search(r"(^|[\s|>])1\.0([\s|<]|$)", out, re.M), fmt
    data = report_dict([res])
    assert [r["printed"] for r in data["cases"][0]["rows"][:4]] == ["0.560", "0.57", "1.0", "0.000945"]


# ------------------------------------------------------------------------------------------------
# Summary across cases, revisions, errors


def test_summary_table_counts_per_case():
    header, body = cells(summary_table([case_a(), case_b(), errored()], "simple", width=200))
    assert header == ["case", "numbers", "formulas", "statements", "expect", "findings"]
    found_a = "1 arithmetic, 1 sign; formulas: 1 scale; statements: 1 loose"
    assert body[0] == ["case-a", "4", "2", "1", "1 unexpected", found_a]
    found_b = "1 arithmetic; formulas: 1 scale; statements: 1 loose"
    assert body[1] == ["case-b", "4", "2", "1", "as expected", found_b]
    assert body[2] == ["bad", "", "", "", "error"] + [
        "error: cases/bad.yaml:6:16: error: case 'bad': claims.y3: expected a number, found 'O.56' (and "
        "1 more)"
    ]


def test_revision_table_shows_changed_rows_side_by_side():
    header, body = cells(revision_table(case_b(), case_a(), "simple", width=200))
    assert header == ["quantity", "printed then", "verdict then", "printed now", "verdict now"]
    assert body == [
        ["b", "0.57", "arithmetic", "0.58", "arithmetic"],  # same verdict, reprinted
        ["d", "0.000945", "sign", "-0.000945", "ok"],
        ["e", "", "(no such row)", "2", "ok"],
        ["formula:b", "", "scale (1/2)", "", "scale (2)"],  # the factor is part of the verdict
        ["c", "1.0", "ok", "", "(no such row)"],
    ]  # a (unchanged) and the statement are left out
    assert revision_table(case_a(), case_a(), "simple") is None  # nothing changed: no table


def test_report_shows_the_revision_only_when_both_cases_are_in_it():
    both = render_text([case_a(), case_b()], width=200)
    assert "Changed since case-a:" in both
    assert "Changed since case-a" not in render_text([case_b()], width=200)
    md = render([case_a(), case_b()], "markdown")
    assert "### Changed since case-a" in md
    assert "| d          | 0.000945" in md


def test_an_error_row_is_reported_with_every_error_and_the_others_still_are():
    results = [case_a(), errored()]
    text = render_text(results, width=200)
    assert (
        "== bad: (not loaded) (cases/bad.yaml)\n"
        "error: cases/bad.yaml:6:16: error: case 'bad': claims.y3: expected a number, found 'O.56'\n"
        "error: cases/bad.yaml:9:3: error: case 'bad': unknown field 'expct'\n" in text
    )
    assert "== case-a: Case A (cases/a.yaml)" in text
    assert lines_of(text)[:2] == ["== Summary", "2 cases, 7 rows: 0 as expected, 1 not as expected, 1 error"]
    for fmt in ("markdown", "html", "json"):
        out = render(results, fmt)
        assert "unknown field" in out and "case-a" in out, fmt


# ------------------------------------------------------------------------------------------------
# Formats


def test_text_has_colour_only_when_asked():
    assert not ANSI.search(render([case_a()], "text"))
    coloured = render([case_a()], "text", color=True)
    assert "\x1b[1m\x1b[31msign [expected ok]\x1b[0m" in coloured  # not as expected: bold red
    assert ANSI.sub("", coloured) == render([case_a()], "text")


def test_markdown_is_github_tables_and_escapes_pipes():
    res = case_a()
    res.rows[0].explanation = "smallest |x| first\nthen fewest decimals"
    md = render([res], "markdown")
    assert md.startswith("# gradaudit report\n\n1 case, 7 rows: 0 as expected, 1 not as expected, 0 errors\n")
    assert md.index("## Not as expected") < md.index("## case-a: Case A\n`cases/a.yaml`\n")
    table = [
        ln for ln in md.split("### Printed numbers")[1].split("###")[0].splitlines() if ln.startswith("|")
    ]
    assert re.fullmatch(r"\|(-+\|)+", table[1].replace(":", "-"))
    cells = [len(re.findall(r"(?<!\\)\|", ln)) for ln in table]
    assert len(set(cells)) == 1, table  # an escaped pipe does not add a column
    assert "smallest \\|x\\| first<br>then fewest decimals" in md


def test_json_keeps_the_contract_keys_and_writes_nan_as_null():
    res = case_a()
    res.rows[1].exact = float("nan")
    res.rows[1].author_chain = np.float64(0.57)
    res.rows[1].rel_error = float("inf")
    res.rows[4].details["worst_index"] = (np.int64(1), np.int64(0))
    res.rows[4].details["hand"] = np.array([[0.5, np.nan]])  # arrays become lists, NaN null
    res.rows[4].details["flags"] = {"tight": np.bool_(True), "n": np.int64(3)}
    text = render([res, errored()], "json")
    data = json.loads(text)  # strict: the writer refuses NaN (allow_nan=False)
    assert "NaN" not in text and "Infinity" not in text
    assert data["version"] == REPORT_VERSION == 1
    assert set(data) >= {"version", "cases", "summary"}
    for case in data["cases"]:
        assert set(case) >= CASE_KEYS
        for row in case["rows"]:
            assert set(row) >= ROW_KEYS
            assert row["kind"] in ("claim", "operand", "formula", "statement")
    b = data["cases"][0]["rows"][1]
    assert (b["quantity"], b["printed"], b["exact"], b["author_chain"], b["rel_error"]) == (
        "b",
        "0.57",
        None,
        0.57,
        None,
    )
    details = data["cases"][0]["rows"][4]["details"]
    assert (details["worst_index"], details["hand"], details["flags"]) == (
        [1, 0],
        [[0.5, None]],
        {"tight": True, "n": 3},
    )
    assert data["cases"][1]["rows"] == [] and data["cases"][1]["error"].startswith("cases/bad.yaml:6:16:")
    assert data["summary"]["errors"] == 1 and data["summary"]["not_as_expected"] == 1
    assert render([res, errored()], "json") == text


def test_json_report_schema_names_the_contract_keys():
    schema = report_json_schema()
    assert schema["properties"]["version"] == {"const": 1}
    case = schema["properties"]["cases"]["items"]
    assert set(case["required"]) >= CASE_KEYS
    assert set(case["properties"]["rows"]["items"]["required"]) >= ROW_KEYS


def test_html_is_one_self_contained_file_with_tables_and_explanations():
    page = render([case_a(), case_b(), errored()], "html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    # nothing outside the page: no scripts, images, stylesheets or addresses; links only within it
    assert not re.search(r"<script|<link|<img|<iframe|src=|url\((?!#)|@import|https?://", page, re.I)
    assert set(re.findall(r"href=['\"](.)", page)) == {"#"}
    assert "explanation of d" in page and "formula formula:b" in page and "statement range" in page
    # the row not as expected says what was expected and what came, and comes first in its table
    first = page.split("<h3>Printed numbers</h3>")[1].split("</tr>")[1]
    assert "class='unexpected'" in first and "<td class='q'>d</td>" in first
    assert "expected ok, got sign" in first
    assert "&#x27;O.56&#x27;" in page or "&#39;O.56&#39;" in page  # error text escaped


def test_html_escapes_what_a_case_says():
    res = case_a()
    res.title = "<b>bold</b> & co"
    res.rows[0].explanation = "<script>alert(1)</script>"
    page = render([res], "html")
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;bold" in page


def test_unknown_format_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown format 'xml'; expected one of text, markdown, json, html"):
        render([case_a()], "xml")


def test_non_finite_numbers_and_arrays_in_text_tables():
    res = case_a()
    res.rows[0].exact = math.nan
    res.rows[4].details["hand"] = np.array([0.5, 0.25])
    text = render_text([res], width=200)
    assert re.search(r"^a\s+0\.560\s+nan\s", text, re.M)
    assert re.search(r"^formula:b\s+1\s+1\s+\[0\.5, 0\.25\]\s+0\.5\s+scale \(1/2\)", text, re.M)
