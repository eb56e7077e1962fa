"""The pytest plugin end to end (pytester): case files collected as items, failures shown as the
report table with the unexpected rows first, bad files as located collection errors."""

from __future__ import annotations

import pytest
from helpers import TINY_REFERENCE

pytest_plugins = ["pytester"]

MODULE = "reference.tiny_plugin"  # in the test project's reference/ folder

REFERENCE = TINY_REFERENCE


def case(case_id: str, y: str, expect: str, reference: str = f"{MODULE}:ws") -> str:
    # exact z = 0.5 * 2 = 1 and y = sigmoid(1) = 0.7310586; dw_half is half of dE/dw by construction
    return f"""\
- id: {case_id}
  title: "{case_id}"
  source: {{publisher: test, title: "tiny"}}
  reference: {reference}
  given: {{w: 0.5, x: 2.0, t: 1.0, eta: 0.1}}
  claims:
    z: 1.0
    y: {y}
  draws: {{n: 4, seed: 0}}
  expect:
{expect}"""


HALF = '    formula:dw_half: {verdict: scale, factor: "1/2"}\n'
PASSING = case("tiny-pass", "0.731", HALF)  # 0.731 is sigmoid(1) at its printed precision
# y printed with its sign flipped and not expected to be a finding; formula:gone names no row
FAILING = case("tiny-fail", "-0.731", HALF + "    formula:gone: ok\n")


@pytest.fixture
def project(pytester):
    # the plugin comes from gradaudit's pytest11 entry point: no conftest, no PYTHONPATH
    pytester.mkdir("reference")
    (pytester.path / "reference" / "tiny_plugin.py").write_text(REFERENCE, encoding="utf-8")
    pytester.mkdir("cases")
    return pytester


def write(pytester, path: str, text: str) -> None:
    target = pytester.path / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def test_cases_are_collected_as_file_and_case_ids_only_from_the_root_cases_folder(project):
    write(project, "cases/x.yaml", PASSING + FAILING)
    write(project, "tests/data/cases/fixture.yaml", case("data-only", "0.731", HALF))  # test data, not a case
    write(project, "other/y.yaml", case("elsewhere", "0.731", HALF))
    result = project.runpytest("--collect-only", "-q")
    assert result.ret == 0
    assert [ln for ln in result.outlines if "::" in ln] == [
        "cases/x.yaml::tiny-pass",
        "cases/x.yaml::tiny-fail",
    ]


def test_a_case_passes_and_a_wrong_expectation_fails_with_the_table_unexpected_rows_first(
    project, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "200")  # the failure's tables wrap to the terminal: wide enough here
    write(project, "cases/x.yaml", PASSING + FAILING)
    result = project.runpytest("-rf")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ case tiny-fail _*",
            "case tiny-fail: 1 row(s) not as expected",
            "  y: sign [expected ok]",
            "stale expectations (no such row): formula:gone",
            "",
            "== tiny-fail: tiny-fail (cases/x.yaml)",
            "2 numbers checked: 1 ok, 1 sign; 3 formulas checked: 2 ok, 1 scale (1 not as expected, "
            "1 stale expectation(s): formula:gone)",
            "",
            "Printed numbers:",
            "quantity*printed*exact*author's chain*verdict*explanation",
            "---*",
            # (fnmatch: "[[]" is a literal "[")
            "y * -0.731 * 0.7310586 * 0.7310586 * sign [[]expected ok] * exact 0.73106; printed -0.731 "
            "has the sign flipped",
            "z * 1.0 * 1 * 1 * ok *",  # step order is z, y: the unexpected row comes first
            "",
            "Formulas:",
            "*",
            "*",
            "formula:dw_half * scale (1/2) *",
            "",
            "If the change is intended, `gradaudit report --update-expect` rewrites expect: for review.",
            "*short test summary info*",
            "FAILED cases/x.yaml::tiny-fail - case tiny-fail: 1 row(s) not as expected",
        ]
    )
    assert "== Summary" not in result.stdout.str()  # one case: no summary across cases
    assert "Traceback" not in result.stdout.str()


def test_a_malformed_case_fails_with_file_line_col_and_the_others_still_run(project):
    write(project, "cases/good.yaml", PASSING)
    write(project, "cases/bad.yaml", case("bad-case", "O.731", HALF) + "  expct: {y: ok}\n")
    result = project.runpytest()
    result.assert_outcomes(passed=1, failed=1)  # a collection error would interrupt the session
    result.stdout.fnmatch_lines(
        [
            "*_ case bad-case (not loaded) _*",
            "cases/bad.yaml:8:8: error: case 'bad-case': claims.y: expected a number (or printed text "
            "like '87%'), "
            "found 'O.731'",
            "        y: O.731",
            "           ^",
            "cases/bad.yaml:12:3: error: case 'bad-case': unknown field 'expct'; did you mean 'expect'?",
            "      expct: {y: ok}",
            "      ^",
            "*short test summary info*",
            "FAILED cases/bad.yaml::bad-case - cases/bad.yaml:8:8: error: *",
        ]
    )
    out = result.stdout.str()
    assert "Traceback" not in out and "pytest_plugin.py" not in out and "CollectError" not in out


def test_a_case_whose_reference_does_not_resolve_fails_with_its_location(project):
    write(project, "cases/x.yaml", case("no-ref", "0.731", HALF, reference=f"{MODULE}:nope"))
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ case no-ref _*",
            f"cases/x.yaml:4:14: error: case 'no-ref': reference: module '{MODULE}' has no attribute 'nope'*",
        ]
    )


def test_case_files_named_on_the_command_line_or_under_the_ini_folders_are_collected(project):
    write(project, "tutorials/a.yaml", case("named", "0.731", HALF))
    write(project, "more/b.yaml", case("by-ini", "0.731", HALF))
    write(project, "cases/c.yaml", case("default-folder", "0.731", HALF))
    # a file named on the command line is a case file wherever it is
    result = project.runpytest("--collect-only", "-q", "tutorials/a.yaml")
    assert [ln for ln in result.outlines if "::" in ln] == ["tutorials/a.yaml::named"]
    # the ini option replaces the default `cases` folder
    project.makeini("[pytest]\ngradaudit_cases = more\n")
    result = project.runpytest("--collect-only", "-q")
    assert [ln for ln in result.outlines if "::" in ln] == ["more/b.yaml::by-ini"]


def test_last_failed_reruns_only_the_failing_case(project):
    write(project, "cases/x.yaml", PASSING + FAILING)
    project.runpytest()
    result = project.runpytest("--lf", "-q")
    result.assert_outcomes(failed=1)  # tiny-pass is not run again
