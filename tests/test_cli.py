"""The `gradaudit` CLI: exit codes, stderr, formats, check/list/schema, --update-expect.

Most runs are in-process (`main([...])` with capsys) on tiny synthetic cases written to tmp_path,
so no test depends on a seed tutorial's numbers. Two subprocess runs (started together) check
the installed entry point, byte-identical JSON across hash seeds, and a quiet non-tty stderr.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import TINY_REFERENCE
from ruamel.yaml import YAML

from gradaudit.cli import main
from gradaudit.judging import runner as _runner

_REAL_RUN_CASE = _runner.run_case  # before the fixture below memoises it

GRADAUDIT = Path(sys.executable).with_name("gradaudit")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

REFERENCE = TINY_REFERENCE
MODULE = "reference.tiny_cli"  # written into each test project's reference/ folder

# Exact values (float64): z = 0.5 * 2 = 1; y = sigmoid(1) = 0.7310586;
# dw = (y - 1) y (1 - y) 2 = -0.2689414 * 0.1966119 * 2 = -0.1057542;
# w_new = 0.5 + 0.1 * 0.1057542 = 0.5105754.
TINY = f"""\
# Two revisions of a tiny worked example; tiny-b prints y with its sign flipped.
- id: tiny-a
  title: "Tiny A"
  source: {{publisher: test, title: "tiny"}}
  reference: {MODULE}:ws
  given: {{w: 0.5, x: 2.0, t: 1.0, eta: 0.1}}
  claims:
    z: 1.0        # exact 1
    y: 0.731      # exact sigmoid(1) = 0.7310586
    dw: -0.106    # exact -0.1057542
    w_new: 0.5106 # exact 0.5105754
  draws: {{n: 4, seed: 0}}
  expect:
    formula:dw_half: {{verdict: scale, factor: "1/2"}}   # half of dE/dw by construction
- id: tiny-b
  title: "Tiny B"
  revises: tiny-a
  source: {{publisher: test, title: "tiny"}}
  reference: {MODULE}:ws
  given: {{w: 0.5, x: 2.0, t: 1.0, eta: 0.1}}
  claims:
    z: 1.0
    y: -0.731     # exact 0.7310586: the sign flipped
    dw: -0.106
    w_new: 0.5106
  draws: {{n: 4, seed: 0}}
  expect:
    y: sign
    formula:dw_half: {{verdict: scale, factor: "1/2"}}
"""

# Out-of-date expectations: y is not expected to be a finding, and formula:gone names no row.
WRONG = f"""\
# A case whose expect: is out of date (this comment must survive --update-expect).
- id: tiny-wrong
  title: "Tiny, y with its sign flipped"
  source: {{publisher: test, title: "tiny"}}
  reference: {MODULE}:ws
  given: {{w: 0.5, x: 2.0, t: 1.0, eta: 0.1}}
  claims:
    y: -0.731   # exact sigmoid(1) = 0.7310586
  draws: {{n: 4, seed: 0}}
  expect:
    formula:dw_half: {{verdict: scale, factor: "1/2"}}   # half of dE/dw by construction
    formula:gone: ok   # stale: no such row
"""

# Two errors in one case: a printed number that is not one, and an unknown field.
BAD = f"""\
- id: bad-case
  title: "Bad"
  source: {{publisher: test, title: "tiny"}}
  reference: {MODULE}:ws
  given: {{w: 0.5, x: 2.0, t: 1.0, eta: 0.1}}
  claims:
    y: O.731
  expct: {{y: ok}}
"""
BAD_LINES = [
    "cases/bad.yaml:7:8: error: case 'bad-case': claims.y: expected a number (or printed text like '87%'), "
    "found 'O.731'",
    "cases/bad.yaml:8:3: error: case 'bad-case': unknown field 'expct'; did you mean 'expect'?",
]


_RUNS: dict = {}


@pytest.fixture(autouse=True)
def run_each_case_once(monkeypatch):
    """Run each distinct case (same file, same text, same settings) once per session.

    A run costs ~1 s of XLA compiles (the worksheet's meaning checks are compiled afresh on each
    run); these tests are about the surfaces, so a repeated case reuses a copy of its first result.
    """
    from gradaudit.judging import runner

    real = runner.run_case

    def memo(case, reference=None, *, draws=None, seed=None, trace=False):
        key = (case.file, case.spec.model_dump_json(), draws, seed, trace)
        if key not in _RUNS:
            _RUNS[key] = real(case, reference, draws=draws, seed=seed, trace=trace)
        return copy.deepcopy(_RUNS[key])

    monkeypatch.setattr(runner, "run_case", memo)


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "tiny_cli.py").write_text(REFERENCE, encoding="utf-8")
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "tiny.yaml").write_text(TINY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for var in ("GITHUB_STEP_SUMMARY", "NO_COLOR", "GITHUB_ACTIONS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "200")  # tables wide enough for the patterns below, on any terminal
    return tmp_path


def add(project: Path, name: str, text: str) -> Path:
    path = project / "cases" / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


# ------------------------------------------------------------------------------------------------
# A minimal JSON Schema validator (jsonschema is not a dependency): the keywords our schemas use.


def schema_errors(value, schema, root=None, where="$") -> list[str]:
    root = schema if root is None else root
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return schema_errors(value, target, root, where)
    errors = []
    if "anyOf" in schema and all(schema_errors(value, s, root, where) for s in schema["anyOf"]):
        errors.append(f"{where}: matches no branch of anyOf")
    types = schema.get("type")
    if types is not None:
        kinds = {
            "string": str,
            "integer": int,
            "number": (int, float),
            "boolean": bool,
            "null": type(None),
            "object": dict,
            "array": list,
        }
        names = types if isinstance(types, list) else [types]
        ok = any(
            isinstance(value, kinds[t]) and not (isinstance(value, bool) and t in ("integer", "number"))
            for t in names
        )
        if not ok:
            return errors + [f"{where}: expected {types}, found {type(value).__name__}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: expected {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in enum")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        errors += [f"{where}: missing {k!r}" for k in schema.get("required", []) if k not in value]
        props = schema.get("properties", {})
        for k, v in value.items():
            if k in props:
                errors += schema_errors(v, props[k], root, f"{where}.{k}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unknown key {k!r}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += schema_errors(v, schema["additionalProperties"], root, f"{where}.{k}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            errors += schema_errors(v, schema["items"], root, f"{where}[{i}]")
    return errors


# ------------------------------------------------------------------------------------------------
# Exit codes and stderr


def test_report_exits_0_when_every_verdict_is_as_expected(project, capsys):
    code, out, err = run(capsys, "report")  # default path: cases/
    assert (code, err) == (0, "")  # stderr is not a terminal: no progress, nothing else
    assert (
        "== tiny-a: Tiny A (cases/tiny.yaml)\n"
        "4 numbers checked: 4 ok; 3 formulas checked: 2 ok, 1 scale (all as expected)\n" in out
    )
    assert "4 numbers checked: 3 ok, 1 sign; 3 formulas checked: 2 ok, 1 scale (all as expected)" in out
    overall = "2 cases, 14 rows: 2 as expected, 0 not as expected, 0 errors"
    assert out.splitlines()[:2] == ["== Summary", overall]


def test_report_exits_1_when_a_verdict_differs_and_0_with_fail_on_never(project, capsys):
    add(project, "wrong.yaml", WRONG)
    code, out, err = run(capsys, "report", "cases")
    assert code == 1
    assert err.splitlines() == ["gradaudit: 1 of 3 case(s) not as expected: tiny-wrong"]
    assert "(1 not as expected, 1 stale expectation(s): formula:gone)" in out
    assert re.search(r"^y\s+-0\.731\s+0\.7310586\s+0\.7310586\s+sign \[expected ok\]", out, re.M)
    code, out2, err = run(capsys, "report", "cases", "--fail-on", "never")
    assert (code, err, out2) == (0, "", out)


# An audit: no expect: block at all. y printed with its sign flipped (exact sigmoid(1) = 0.7310586).
AUDIT = f"""\
- id: tiny-audit
  title: "Tiny, audited"
  source: {{publisher: test, title: "tiny"}}
  reference: {MODULE}:ws
  given: {{w: 0.5, x: 2.0, t: 1.0, eta: 0.1}}
  claims:
    y: -0.731   # exact sigmoid(1) = 0.7310586
  draws: {{n: 4, seed: 0}}
"""


def test_a_case_without_expect_is_an_audit_its_findings_never_tagged_expected(project, capsys):
    add(project, "audit.yaml", AUDIT)
    code, out, err = run(capsys, "report", "cases/audit.yaml")
    assert code == 1  # findings, under the default --fail-on findings
    # y: sign; formula:dw_half: scale (1/2) by construction in the tiny reference
    assert "(audit: 2 findings, no expect: block recorded yet)" in out
    assert "[expected" not in out
    assert re.search(r"^y\s+-0\.731\s+0\.7310586\s+0\.7310586\s+sign\s", out, re.M)
    code, out, err = run(capsys, "report", "cases/audit.yaml", "--format", "json")
    case = json.loads(out)["cases"][0]
    assert case["audit"] is True and {r["expected_verdict"] for r in case["rows"]} == {None}


def test_a_bad_case_file_is_an_error_row_and_exit_2_and_2_wins_over_1(project, capsys):
    add(project, "bad.yaml", BAD)
    add(project, "wrong.yaml", WRONG)
    code, out, err = run(capsys, "report", "cases")
    assert code == 2
    assert err.splitlines() == BAD_LINES  # one line per error, no traceback, no "not as expected" line
    assert "== bad-case: (not loaded) (cases/bad.yaml)\n" + "".join(f"error: {e}\n" for e in BAD_LINES) in out
    for good in ("tiny-a", "tiny-b", "tiny-wrong"):  # the others are still checked and reported
        assert re.search(rf"^== {good}: .*\n\d+ numbers? checked", out, re.M), good
    assert out.splitlines()[1] == "4 cases, 18 rows: 2 as expected, 1 not as expected, 1 error"


def test_a_case_whose_reference_does_not_resolve_is_an_error_row(project, capsys):
    add(
        project,
        "noref.yaml",
        TINY.replace("tiny-a", "noref-a")
        .replace("tiny-b", "noref-b")
        .replace(f"{MODULE}:ws", f"{MODULE}:nope", 1),
    )
    code, out, err = run(capsys, "report", "cases/noref.yaml", "cases/tiny.yaml")
    assert code == 2
    assert len(err.splitlines()) == 1
    assert err.startswith(
        "cases/noref.yaml:5:14: error: case 'noref-a': reference: module 'reference.tiny_cli' has no "
        "attribute 'nope'"
    )
    assert "error: cases/noref.yaml:5:14:" in out and "== tiny-a: Tiny A" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["report", "nope/"], "gradaudit: error: no such file or folder: nope/"),
        (
            ["check", "no-such-case"],
            "gradaudit: error: no case 'no-such-case' under cases (cases: tiny-a, tiny-b)",
        ),
        (["report", "--format", "xml"], "gradaudit: error: argument --format: invalid choice: 'xml'"),
        (
            ["report", "--draws", "-1"],
            "gradaudit: error: argument --draws: expected a whole number >= 0, found -1",
        ),
        (["report", "--seed", "x"], "gradaudit: error: argument --seed: expected a whole number, found 'x'"),
        (["report", "--bogus"], "gradaudit: error: unrecognized arguments: --bogus"),
        (["frobnicate"], "gradaudit: error: argument command: invalid choice: 'frobnicate'"),
        ([], "gradaudit: error: the following arguments are required: command"),
        (
            ["report", "--output", "no/such/folder/r.txt"],
            "gradaudit: error: cannot write --output no/such/folder/r.txt: No such file or directory",
        ),
    ],
)
def test_bad_usage_and_unknown_names_exit_2_with_one_line(project, capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith(message), err


def test_check_of_a_case_with_errors_exits_2_with_its_errors(project, capsys):
    add(project, "bad.yaml", BAD)
    code, out, err = run(capsys, "check", "bad-case")
    assert (code, out, err.splitlines()) == (2, "", BAD_LINES)


class ClosedPipe(io.StringIO):
    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_that_goes_away_is_not_an_error(project, capsys, monkeypatch):
    # `gradaudit report | head -1`: the exit code still says what the report found
    add(project, "wrong.yaml", WRONG)
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["report"]) == 1
    assert main(["schema"]) == 0
    assert capsys.readouterr().err.splitlines() == ["gradaudit: 1 of 3 case(s) not as expected: tiny-wrong"]


def test_help_exits_0(project, capsys):
    code, out, _ = run(capsys, "report", "--help")
    assert code == 0 and "--update-expect" in out and "--fail-on {findings,never}" in out


# ------------------------------------------------------------------------------------------------
# Formats and output


def test_json_report_validates_against_its_schema_and_keeps_the_contract(project, capsys):
    add(project, "bad.yaml", BAD)
    code, out, _ = run(capsys, "report", "--format", "json")
    assert code == 2
    report = json.loads(out)
    code, schema_text, _ = run(capsys, "schema", "--report")
    assert code == 0
    assert schema_errors(report, json.loads(schema_text)) == []
    assert report["version"] == 1 and set(report) >= {"version", "cases", "summary"}
    by_id = {c["id"]: c for c in report["cases"]}
    assert list(by_id) == ["tiny-a", "tiny-b", "bad-case"]
    assert by_id["bad-case"]["rows"] == [] and by_id["bad-case"]["error"] == "\n".join(BAD_LINES)
    rows = {r["quantity"]: r for r in by_id["tiny-a"]["rows"]}
    for r in rows.values():
        assert set(r) >= {
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
        }
    assert rows["z"]["printed"] == "1.0" and rows["y"]["printed"] == "0.731"  # the printed text
    assert rows["y"]["exact"] == pytest.approx(0.7310585786300049, rel=1e-12)  # sigmoid(1)
    assert rows["formula:dw_half"]["kind"] == "formula" and rows["formula:dw_half"]["printed"] is None
    assert (rows["formula:dw_half"]["verdict"], rows["formula:dw_half"]["expected_verdict"]) == (
        "scale",
        "scale",
    )
    assert report["summary"]["errors"] == 1


def test_output_file_instead_of_stdout(project, capsys):
    code, out, err = run(capsys, "report", "--format", "html", "--output", "report.html")
    assert (code, out, err) == (0, "", "")
    page = (project / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<h2>tiny-b: Tiny B</h2>" in page
    assert not re.search(r"<script|<link|src=|https?://", page, re.I)  # one self-contained file
    assert set(re.findall(r"href=['\"](.)", page)) == {"#"}  # links only within the page
    assert "exact 0.73106; printed -0.731 has the sign flipped" in page  # the explanation is visible
    assert "<h3>Changed since tiny-a</h3>" in page


def test_the_github_step_summary_gets_markdown_whatever_the_format(project, capsys, monkeypatch):
    summary = project / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    add(project, "wrong.yaml", WRONG)
    for fmt in ("json", "text", "markdown"):
        summary.write_text("earlier step\n", encoding="utf-8")
        code, out, _ = run(capsys, "report", "--format", fmt)
        assert code == 1
        written = summary.read_text(encoding="utf-8")
        assert written.startswith("earlier step\n## gradaudit\n\n3 cases, "), fmt
        assert re.search(r"^\| tiny-wrong +\| y +\| ok +\| sign +\| exact 0\.73106", written, re.M), fmt
        assert "## gradaudit" not in out  # the report itself is unchanged by CI


def test_annotations_under_github_actions_name_the_line_and_stay_off_stdout(project, capsys, monkeypatch):
    add(project, "wrong.yaml", WRONG)
    code, out, err = run(capsys, "report", "--format", "json")
    assert code == 1 and "::error" not in err
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out2, err = run(capsys, "report", "--format", "json")
    assert code == 1 and out2 == out  # JSON on stdout untouched
    notes = [ln for ln in err.splitlines() if ln.startswith("::error ")]
    # y is claimed on line 8 of WRONG (no expect: entry for it); formula:gone is expected on line 12
    assert notes == [
        "::error file=cases/wrong.yaml,line=8,title=gradaudit%3A y::case tiny-wrong: y: expected ok, got "
        "sign: " + json.loads(out)["cases"][2]["rows"][0]["explanation"],
        "::error file=cases/wrong.yaml,line=12,title=gradaudit stale expectation::case tiny-wrong: "
        "expect: names formula:gone, which is no row of the case",
    ]


def test_help_states_exit_codes_and_explains_positional_arguments(capsys):
    for argv in (["--help"], ["report", "--help"], ["check", "--help"]):
        code, out, _ = run(capsys, *argv)
        assert code == 0 and "exit status: 0 every verdict as expected; 1 some not" in " ".join(out.split())
    _, out, _ = run(capsys, "report", "--help")
    assert "case files or folders (default: cases/)" in " ".join(out.split())
    _, out, _ = run(capsys, "check", "--help")
    assert "the case's id" in out


def test_text_has_colour_only_on_a_terminal_without_no_color(project, capsys, monkeypatch):
    code, plain, _ = run(capsys, "report")
    assert code == 0 and not ANSI.search(plain)
    tty = FakeTTY()
    monkeypatch.setattr(sys, "stdout", tty)
    assert main(["report"]) == 0
    coloured = tty.getvalue()
    assert "\x1b[32mok\x1b[0m" in coloured and ANSI.sub("", coloured) == plain
    for value, colour in (("1", False), ("", True)):  # no-color.org: set and not empty
        monkeypatch.setenv("NO_COLOR", value)
        tty = FakeTTY()
        monkeypatch.setattr(sys, "stdout", tty)
        assert main(["report"]) == 0
        assert bool(ANSI.search(tty.getvalue())) is colour, value
    monkeypatch.delenv("NO_COLOR")
    assert main(["report", "--format", "markdown"]) == 0
    assert not ANSI.search(tty.getvalue().split("# gradaudit report")[1])  # colour is for text only


def test_progress_goes_to_stderr_only_when_it_is_a_terminal(project, capsys, monkeypatch):
    code, _, err = run(capsys, "report")
    assert (code, err) == (0, "")
    tty = FakeTTY()
    monkeypatch.setattr(sys, "stderr", tty)
    assert main(["report"]) == 0
    shown = tty.getvalue()
    assert "[1/2] tiny-a" in shown and "[2/2] tiny-b" in shown
    assert shown.endswith("\r")  # the progress line is cleared at the end


def test_report_is_the_same_whatever_the_number_of_jobs(project, capsys, monkeypatch):
    """`--jobs 3` runs the cases in forks, or on threads once JAX runs in this process (every
    case afresh here, not memoised): the same report bytes, the same stderr lines in the same
    order, the same exit code as `--jobs 1`."""
    monkeypatch.setattr(_runner, "run_case", _REAL_RUN_CASE)
    add(project, "wrong.yaml", WRONG)
    add(project, "bad.yaml", BAD)
    for argv in (["--format", "json"], ["--format", "text", "--conventions"]):
        one = run(capsys, "report", *argv, "--jobs", "1")
        three = run(capsys, "report", *argv, "--jobs", "3")
        assert one[0] == 2 and one == three
    tty = FakeTTY()
    monkeypatch.setattr(sys, "stderr", tty)
    main(["report", "--jobs", "2"])
    shown = tty.getvalue()
    assert shown.index("[1/3] tiny-a") < shown.index("[2/3] tiny-b") < shown.index("[3/3] tiny-wrong")


class _FakeCase:
    def __init__(self, case_id: str):
        self.spec = type("Spec", (), {"id": case_id})()


@pytest.mark.filterwarnings("ignore:os.fork")  # JAX warns at any fork once it runs; these forks run no JAX
def test_forked_jobs_give_every_result_in_case_order_even_when_a_fork_dies(capsys):
    """`_run_forked`: processes share one queue of cases; a case a fork never sent back (here
    the fork exits on it) runs in the first process; results and notes come in case order."""
    import time

    from gradaudit import cli

    first = os.getpid()
    ids = ["a", "b", "dies", "c", "d"]

    def one(case):
        if case.spec.id == "a":
            time.sleep(0.3)  # meanwhile the fork takes the next cases
        if case.spec.id == "dies" and os.getpid() != first:
            os._exit(3)
        return (case.spec.id, os.getpid()), f"note {case.spec.id}" if case.spec.id in ("b", "d") else None

    progress = cli._Progress(len(ids))
    results = cli._run_forked([_FakeCase(i) for i in ids], one, 2, progress)
    assert [r[0] for r in results] == ids
    assert {pid for _, pid in results} - {first}, "no case ran in the fork"
    assert results[2][1] == first  # the fork died on it: run again here
    assert capsys.readouterr().err.splitlines() == ["note b", "note d"]


def test_jobs_must_be_at_least_one(project, capsys):
    code, _, err = run(capsys, "report", "--jobs", "0")
    assert code == 2 and "--jobs: expected a whole number >= 1, found 0" in err


# ------------------------------------------------------------------------------------------------
# check, list, schema


def test_check_prints_every_step_in_order_with_inputs_values_and_verdicts(project, capsys):
    code, out, err = run(capsys, "check", "tiny-b")
    assert (code, err) == (0, "")
    steps, rest = out.split("\n\n", 1)
    lines = steps.splitlines()
    assert lines[0] == "Steps of tiny-b, in order:"
    assert lines[1].split() == [
        "step",
        "inputs",
        "(for",
        "the",
        "author's",
        "chain)",
        "exact",
        "author's",
        "chain",
        "verdict",
    ]
    body = [re.split(r"\s{2,}", ln.strip()) for ln in lines[3:]]
    assert [b[0] for b in body] == ["z", "y", "E", "dw", "dw_half", "w_new"]  # the worksheet's order
    assert body[0] == ["z", "w = 0.5, x = 2.0", "1", "1", "ok"]
    assert body[1] == ["y", "z = 1.0 (printed)", "0.7310586", "0.7310586", "sign"]  # exact sigmoid(1)
    # E has no claim and no meaning: no verdict;
    # 1/2 (0.7310586 - 1)^2 = 0.03616474, 1/2 (-0.731 - 1)^2 = 1.498180
    assert body[2] == ["E", "y = -0.731 (printed), t = 1.0", "0.03616474", "1.49818"]
    assert body[4][-1] == "formula: scale (1/2)"
    assert body[5][1:] == [
        "w = 0.5, eta = 0.1, dw = -0.106 (printed)",
        "0.5105754",
        "0.5106",
        "ok; formula: ok",
    ]
    assert rest.startswith("== tiny-b: Tiny B (cases/tiny.yaml)\n")


def test_seed_and_draws_reach_the_checks(project, capsys):
    code, out, _ = run(capsys, "report", "cases/tiny.yaml", "--draws", "2", "--seed", "3")
    assert code == 0
    assert re.search(r"^formula:dw .* matches autodiff at the given values and 2 random draws$", out, re.M)


def test_check_exits_1_with_a_reason_when_a_verdict_differs(project, capsys):
    add(project, "wrong.yaml", WRONG)
    code, out, err = run(capsys, "check", "tiny-wrong", "--format", "json")
    assert code == 1
    assert err.splitlines() == ["gradaudit: case tiny-wrong: 2 row(s) not as expected"]
    assert [c["id"] for c in json.loads(out)["cases"]] == ["tiny-wrong"]


def test_list_names_the_cases_and_exits_2_on_a_bad_file(project, capsys):
    code, out, err = run(capsys, "list")
    assert (code, err) == (0, "")
    assert [re.split(r"\s{2,}", ln)[:5] for ln in out.splitlines()[2:]] == [
        ["tiny-a", "cases/tiny.yaml", f"{MODULE}:ws", "4", "0"],
        ["tiny-b", "cases/tiny.yaml", f"{MODULE}:ws", "4", "0"],
    ]
    add(project, "bad.yaml", BAD)
    code, out, err = run(capsys, "list")
    assert code == 2 and err.splitlines() == BAD_LINES and "tiny-a" in out


def test_schema_is_a_json_schema_that_accepts_good_cases_and_rejects_bad(project, capsys):
    code, out, err = run(capsys, "schema")
    assert (code, err) == (0, "")
    schema = json.loads(out)
    assert schema["$schema"].startswith("https://json-schema.org/") and schema["type"] == "array"
    yaml = YAML(typ="safe")
    for text in (TINY, WRONG):
        assert schema_errors(yaml.load(text), schema) == []
    errors = schema_errors(yaml.load(BAD.replace("O.731", "0.731")), schema)
    assert errors == ["$[0]: unknown key 'expct'"]
    assert (
        schema_errors(
            [
                {
                    "id": "has space",
                    "title": "t",
                    "source": {"publisher": "p", "title": "t"},
                    "reference": "m:a",
                }
            ],
            schema,
        )
        != []
    )


# ------------------------------------------------------------------------------------------------
# --update-expect (on a copy in tmp_path, never on the repo's cases/)


def test_update_expect_rewrites_expect_keeping_comments_so_the_next_run_passes(project, capsys):
    path = add(project, "wrong.yaml", WRONG)
    code, out, _ = run(capsys, "report", "cases/wrong.yaml", "--format", "json")
    assert code == 1
    verdict = {r["quantity"]: r["verdict"] for r in json.loads(out)["cases"][0]["rows"]}["y"]
    code, _, err = run(capsys, "report", "cases/wrong.yaml", "--update-expect")
    assert code == 0
    assert err.splitlines() == ["gradaudit: rewrote the expect: blocks of cases/wrong.yaml (review the diff)"]
    new = path.read_text(encoding="utf-8")
    old_lines = WRONG.splitlines()
    assert new.splitlines() == [ln for ln in old_lines if "formula:gone" not in ln] + [f"    y: {verdict}"]
    code, _, err = run(capsys, "report", "cases/wrong.yaml")
    assert (code, err) == (0, "")
    code, _, err = run(capsys, "report", "cases/wrong.yaml", "--update-expect")  # nothing left to change
    assert (code, err) == (0, "")
    assert path.read_text(encoding="utf-8") == new


# A passing case whose expect: spells things its own way: an explicit `ok` with its comment, a
# comment-only line and a factor as quoted text. --update-expect must not touch a byte of it.
PASSING_SPELLED = f"""\
- id: tiny-spelled
  title: "Tiny, as expected, with its own spelling"
  source: {{publisher: test, title: "tiny"}}
  reference: {MODULE}:ws
  given: {{w: 0.5, x: 2.0, t: 1.0, eta: 0.1}}
  claims:
    y: 0.731      # exact sigmoid(1) = 0.7310586
  draws: {{n: 4, seed: 0}}
  expect:
    # every printed number ok (this comment-only line stays)
    y: ok         # an explicit ok stays
    formula:dw_half: {{verdict: scale, factor: "1/2"}}   # half of dE/dw by construction
"""


def test_update_expect_leaves_a_passing_file_byte_identical(project, capsys):
    path = add(project, "spelled.yaml", PASSING_SPELLED)
    code, _, err = run(capsys, "report", "cases/spelled.yaml", "--update-expect")
    assert (code, err) == (0, "")
    assert path.read_text(encoding="utf-8") == PASSING_SPELLED


# ------------------------------------------------------------------------------------------------
# The installed entry point, in subprocesses (each costs a JAX import and compiles)


def test_entry_point_json_is_byte_identical_across_runs_and_stderr_stays_quiet(project):
    add(project, "bad.yaml", BAD)
    procs = []
    # different set/dict hash orders must not change the report, nor cases run in one process
    # or in two (`--jobs 2` forks: JAX has not started in a new process)
    for hash_seed, jobs in (("1", "1"), ("2", "2")):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)  # no PYTHONPATH: the project resolves its reference/
        env.pop("PYTHONPATH", None)
        env.pop("GITHUB_STEP_SUMMARY", None)
        procs.append(
            subprocess.Popen(
                [str(GRADAUDIT), "report", "cases", "--format", "json", "--jobs", jobs],
                cwd=project,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )
    (out1, err1), (out2, err2) = (p.communicate(timeout=300) for p in procs)
    assert [p.returncode for p in procs] == [2, 2]
    assert out1 == out2
    for err in (err1, err2):  # a pipe is not a terminal: no progress, just the errors, no traceback
        assert err.decode().splitlines() == BAD_LINES
    assert [c["id"] for c in json.loads(out1)["cases"]] == ["tiny-a", "tiny-b", "bad-case"]
