"""Text that fits the terminal (checks/output/layout.py) and the reading order of reports, from
synthetic rows: no case runs. The rows' numbers are made up for the renderer."""

from __future__ import annotations

import json

import numpy as np
from test_report import case_a, case_b, claim, errored, statement

from gradaudit.judging.runner import CaseResult
from gradaudit.output import layout
from gradaudit.output.report import render, render_text, step_summary

LONG = (
    "exact 0.68599; from the author's own numbers (from the operands y3 = 0.57, y4 = 0.59): 0.70200, "
    "as printed: inherited from a3<-y3 (arithmetic), a3<-y4 (arithmetic)"
)


def test_width_is_columns_else_the_terminal_else_100(monkeypatch):
    monkeypatch.setenv("COLUMNS", "123")
    assert layout.terminal_width() == 123
    monkeypatch.delenv("COLUMNS")
    # under pytest stdout is captured: no terminal, so the fallback
    assert layout.terminal_width() == 100


def test_tables_fit_the_width_and_a_long_sentence_goes_under_its_row():
    res = case_a()
    res.rows[1].explanation = LONG
    for width in (60, 80, 100, 140):
        text = render_text([res, case_b(), errored()], width=width)
        assert max(len(line) for line in text.splitlines()) <= width, width
    narrow = render_text([res], width=100)
    # at 100 columns the claims table has no room for its explanation beside the numbers
    assert "\n    exact 0.68599; from the author's own numbers" in narrow
    wide = render_text([res], width=250)
    assert any(line.startswith("b ") and line.endswith(LONG) for line in wide.splitlines())


def test_an_ok_rows_sentence_is_left_out_only_when_it_would_go_under_the_row():
    res = case_a()
    res.rows[0].explanation = "exact 0.5601; printed 0.560 agrees at its precision"
    assert "agrees at its precision" not in render_text([res], width=100)
    assert "agrees at its precision" in render_text([res], width=250)
    assert "agrees at its precision" in render([res], "json")


def test_arrays_are_summarised_in_text_and_whole_in_json():
    res = case_a()
    w = np.zeros((5, 4))
    w[3, 2] = -1.023  # the largest by magnitude
    res.rows[4].details["hand"] = w
    text = render_text([res], width=200)
    assert "(5, 4) max |x| 1.023 at [3, 2]" in text
    data = json.loads(render([res], "json"))
    assert data["cases"][0]["rows"][4]["details"]["hand"][3][2] == -1.023
    assert layout.short_number(np.array([0.5, 0.25])) == "[0.5, 0.25]"  # small arrays in full
    # a hand-written 0 * -lr is -0.0 in IEEE arithmetic; a table shows it as a person writes it
    assert layout.short_number(-0.0) == "0" and layout.short_number(np.array([-0.0, 1.0])) == "[0, 1]"


def test_summary_then_unexpected_rows_then_cases_that_need_a_look_first():
    quiet = CaseResult(id="quiet", file="cases/q.yaml", title="Q", rows=[claim("z", "ok", "1.0", 1.0)])
    text = render_text([quiet, case_b(), case_a()], width=200)
    lines = text.splitlines()
    assert lines[0] == "== Summary"
    order = [text.index(h) for h in ("== Not as expected", "== case-a:", "== case-b:", "== quiet:")]
    assert order == sorted(order)  # unexpected rows; then case-a (unexpected), case-b (findings), quiet
    block = text.split("== Not as expected\n")[1].split("\n\n")[0].splitlines()
    assert block[0].split() == ["case", "row", "expected", "got", "explanation"]
    assert block[2].split()[:4] == ["case-a", "d", "ok", "sign"]
    # JSON keeps file order
    assert [c["id"] for c in json.loads(render([quiet, case_b(), case_a()], "json"))["cases"]] == [
        "quiet",
        "case-b",
        "case-a",
    ]


def test_findings_only_leaves_out_ok_rows_and_quiet_cases():
    quiet = CaseResult(id="quiet", file="cases/q.yaml", title="Q", rows=[claim("z", "ok", "1.0", 1.0)])
    text = render([case_a(), quiet], "text", width=200, findings_only=True)
    assert "== quiet:" not in text and "quiet" in text.split("== case-a")[0]  # still in the summary
    table = text.split("Printed numbers:\n")[1].split("\n\n")[0]
    assert [ln.split()[0] for ln in table.splitlines()[2:]] == ["d", "b"]  # not a or c (ok)
    md = render([case_a(), quiet], "markdown", findings_only=True)
    assert "## quiet" not in md and "| a " not in md.split("### Printed numbers")[1].split("###")[0]


def test_a_failing_draw_is_printed_in_full_so_it_can_be_replayed():
    row = statement("descent", "counterexample")
    sample = {"W1": [[0.1234567890123, -1.0e-17], [2.5, 3.0]], "b": [0.30000000000000004]}
    row.details = {"seed": 7, "smallest_failure": {"index": 4195, "size": 2.889, "sample": sample}}
    res = CaseResult(id="c", file="cases/c.yaml", title="C", rows=[row])
    for fmt in ("text", "markdown", "html"):
        out = render([res], fmt, width=60)
        assert "draw #4195 of seed 7" in out, fmt
        for number in ("0.1234567890123", "-1e-17", "0.30000000000000004"):  # exact round trips
            assert number in out, (fmt, number)


def test_step_summary_is_markdown_with_the_unexpected_rows():
    md = step_summary([case_a(), case_b()])
    assert md.startswith("## gradaudit\n\n2 cases, 14 rows: 1 as expected, 1 not as expected, 0 errors")
    assert "### Not as expected" in md and "| case-a | d " in md
