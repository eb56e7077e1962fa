"""Issue 17: every bad input gets a located error, and every size a case can ask for has a ceiling.

Each test mutates one real case file of cases/ (in a temporary project whose reference/ is the
repository's own) and runs the real CLI in-process: the error must name file:line:col and the
field, exit 2, and never come with a traceback.
"""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import jax.numpy as jnp
import numpy as np
import pytest

from gradaudit import check_gradients
from gradaudit.cli import main
from gradaudit.core.verdicts import V
from gradaudit.judging import expectations
from gradaudit.judging.runner import run_case
from gradaudit.loading import limits
from gradaudit.loading.cases import load_paths

ROOT = Path(__file__).resolve().parent.parent
ADILCE = (ROOT / "cases" / "adilce_toy.yaml").read_text(encoding="utf-8")
# The first case alone (lines 1-36 of the file): a small worksheet, every row ok.
LINEAR = ADILCE[: ADILCE.index("- id: adilce-toy-sigmoid")]
DEVFORUM = (ROOT / "cases" / "devforum.yaml").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    (tmp_path / "reference").symlink_to(ROOT / "reference", target_is_directory=True)
    (tmp_path / "cases").mkdir()
    return tmp_path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def mutate(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def report_error(project, capsys, text: str) -> tuple[int, int, str]:
    """Run `gradaudit report` on one case file; its one located error: (line, col, message)."""
    path = project / "cases" / "c.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "report", str(path))
    assert code == 2, err
    lines = [ln for ln in err.splitlines() if ln.startswith(str(path))]
    assert len(lines) == 1, err
    m = re.match(re.escape(str(path)) + r":(\d+):(\d+): error: (.*)$", lines[0])
    assert m, lines[0]  # file:line:col, not only the case's first line
    return int(m.group(1)), int(m.group(2)), m.group(3)


# ------------------------------------------------------------------------------------------------
# (1) located errors


CLAIM_LINE = "    yhat: {printed: 6, operands: {w: 3, x: 2}}"
DRAWS = "draws: {n: 32, seed: 0}"

LOCATED = [
    # (name, old, new, the text the column points at, field, words in the message)
    ("unknown claim", CLAIM_LINE, "    nosuch: 1\n" + CLAIM_LINE, "nosuch: 1", "claims.nosuch", "no step"),
    (
        "unknown operand",
        "operands: {w: 3, x: 2}",
        "operands: {w: 3, zz: 2}",
        "zz: 2",
        "operands.zz",
        "no input",
    ),
    ("negative seed", DRAWS, "draws: {n: 32, seed: -1}", "-1}", "draws.seed", "from 0 to"),
    (
        "ragged given",
        "given: {x: 2, w: 3, y: 10, eta: 0.1}",
        "given: {x: 2, w: 3, y: 10, eta: 0.1, i: [[1, 2], [3]]}",
        "[3]]",
        "given.i[1]",
        "same length",
    ),
    (
        "list claim on a scalar step",
        "    dL_dyhat: -8 ",
        "    dL_dyhat: [-8, 1] ",
        "[-8, 1]",
        "claims.dL_dyhat",
        "one number",
    ),
    (
        "Arabic-Indic digits",
        "    dL_dyhat: -8 ",
        "    dL_dyhat: '٠.٥٩' ",
        "'٠.٥٩'",
        "claims.dL_dyhat",
        "expected a number",
    ),
    (
        "fullwidth digits",
        "    dL_dyhat: -8 ",
        "    dL_dyhat: '０.５９' ",
        "'０.５９'",
        "claims.dL_dyhat",
        "expected a number",
    ),
    ("negative draws", DRAWS, "draws: {n: -1, seed: 0}", "-1,", "draws.n", "from 0 to"),
    ("negative tolerance", DRAWS, DRAWS + "\n  tolerances: {atol: -1}", "-1}", "tolerances.atol", ">= 0"),
    ("negative scale", DRAWS, "draws: {n: 32, seed: 0, scale: -1e300}", "-1e300}", "draws.scale", "above 0"),
    ("huge scale", DRAWS, "draws: {n: 32, seed: 0, scale: 1e300}", "1e300}", "draws.scale", "at most"),
    ("zero scale", DRAWS, "draws: {n: 32, seed: 0, scale: 0}", "0}", "draws.scale", "above 0"),
    (
        "fixed names nothing",
        DRAWS,
        "draws: {n: 32, seed: 0, fixed: [nosuch]}",
        "nosuch]",
        "draws.fixed[0]",
        "given",
    ),
    (
        "empty given list",
        "given: {x: 2, w: 3, y: 10, eta: 0.1}",
        "given: {x: 2, w: 3, y: 10, eta: []}",
        "[]}",
        "given.eta",
        "empty list",
    ),
    ("zero fd step", DRAWS, DRAWS + "\n  tolerances: {step: 0}", "0}", "tolerances.step", "above 0"),
]


@pytest.mark.parametrize("name, old, new, at, field, words", LOCATED, ids=[x[0] for x in LOCATED])
def test_bad_input_is_a_located_error(project, capsys, name, old, new, at, field, words):
    text = mutate(LINEAR, old, new)
    line, col, message = report_error(project, capsys, text)
    assert text.splitlines()[line - 1][col - 1 :].startswith(at), (text.splitlines()[line - 1], col)
    assert f"{field}" in message and words in message, message


def test_statement_of_an_unknown_name_is_located_at_of(project, capsys):
    text = mutate(DEVFORUM, "      method: converges\n", "      method: converges\n      of: nosuch\n")
    line, col, message = report_error(project, capsys, text)
    assert line == line_of(text, "of: nosuch") and text.splitlines()[line - 1][col - 1 :] == "nosuch"
    assert "statements.converges.of" in message and "no statement 'nosuch'" in message


def test_a_statement_setting_the_method_cannot_use_is_located_at_the_statement(project, capsys):
    text = mutate(DEVFORUM, "      steps: 60", "      steps: 1")
    line, _, message = report_error(project, capsys, text)
    assert line == line_of(text, "    converges:") and "`steps` is 1" in message


# ------------------------------------------------------------------------------------------------
# (2) ceilings


CEILINGS = [
    (DRAWS, f"draws: {{n: {limits.MAX_DRAWS + 1}, seed: 0}}", "draws.n"),
    (DRAWS, "draws: {n: 1000000000, seed: 0}", "draws.n"),
    (DRAWS, f"draws: {{n: 32, seed: {limits.MAX_SEED + 1}}}", "draws.seed"),
    (
        "given: {x: 2, w: 3, y: 10, eta: 0.1}",
        "given: {x: 2, w: 3, y: 10, eta: 0.1, big: [" + ", ".join(["1"] * (limits.MAX_ELEMENTS + 1)) + "]}",
        "given.big",
    ),
    (
        "    dL_dyhat: -8 ",
        "    dL_dyhat: [" + ", ".join(["1"] * (limits.MAX_ELEMENTS + 1)) + "] ",
        "claims.dL_dyhat",
    ),
    (
        "given: {x: 2, w: 3, y: 10, eta: 0.1}",
        "given: {x: 2, w: 3, y: 10, eta: 0.1, big: [" + ", ".join(["1"] * 2000) + "]}\n  draws: {n: 10000}",
        "draws.n",
    ),
]


@pytest.mark.parametrize("old, new, field", CEILINGS, ids=[c[2] + str(i) for i, c in enumerate(CEILINGS)])
def test_sizes_past_their_ceiling_are_located_errors_at_load_time(project, capsys, old, new, field):
    text = mutate(LINEAR, old, new)
    if "\n  draws: {n: 10000}" in new:
        text = text.replace("  " + DRAWS + "\n", "")
    _, _, message = report_error(project, capsys, text)
    assert message.split(": ")[1] == field, message


STATEMENT_CEILINGS = [
    ("      steps: 60", f"      steps: {limits.MAX_STEPS + 1}", "statements.converges.steps"),
    ("      steps: 60", "      steps: 60\n      seed: -3", "statements.converges.seed"),
]


@pytest.mark.parametrize("old, new, field", STATEMENT_CEILINGS)
def test_statement_sizes_have_ceilings(project, capsys, old, new, field):
    _, _, message = report_error(project, capsys, mutate(DEVFORUM, old, new))
    assert field in message


@pytest.mark.parametrize("option", ["--draws", "--seed"])
def test_command_line_sizes_have_ceilings(project, capsys, option):
    most = {"--draws": limits.MAX_DRAWS, "--seed": limits.MAX_SEED}[option]
    code, out, err = run(capsys, "report", str(project / "cases"), option, str(most + 1))
    assert code == 2 and out == "" and f"at most {most:,}" in err and len(err.splitlines()) == 1


def test_conventions_limit_has_a_ceiling(project, capsys):
    code, _, err = run(capsys, "conventions", "x", "--limit", str(limits.MAX_CONVENTION_LIMIT + 1))
    assert code == 2 and "at most" in err


def test_command_line_draws_within_the_ceiling_still_respect_the_batch_budget(project, capsys):
    text = mutate(
        LINEAR,
        "given: {x: 2, w: 3, y: 10, eta: 0.1}",
        "given: {x: 2, w: 3, y: 10, eta: 0.1, big: [" + ", ".join(["1"] * 2000) + "]}",
    )
    path = project / "cases" / "c.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "report", str(path), "--draws", "10000")
    assert code == 2 and re.search(r"c\.yaml:\d+:\d+: error: .*given: 10,000 draws", err), err


def test_a_case_file_past_the_size_limit_is_refused_before_reading_it(project, capsys):
    path = project / "cases" / "c.yaml"
    path.write_text(LINEAR + "#" * limits.MAX_FILE_BYTES, encoding="utf-8")
    code, _, err = run(capsys, "report", str(path))
    assert code == 2 and f"{path}:1:1: error: " in err and "larger than" in err


def test_a_count_past_its_ceiling_is_located_at_the_given(tmp_path, capsys):
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "counted.py").write_text(
        "from gradaudit import Worksheet\n"
        "ws = Worksheet('a loop', loss='L', counts=['k'])\n"
        "@ws.step\n"
        "def L(w, k): return w * k\n",
        encoding="utf-8",
    )
    text = (
        "- id: counted\n  title: t\n  source: {publisher: p, title: t}\n"
        "  reference: reference.counted:ws\n  given:\n    w: 0.5\n"
        f"    k: {limits.MAX_COUNT + 1}\n"
    )
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "report", str(path))
    assert code == 2 and f"{path}:7:8: error: case 'counted': given.k: " in err and "a count" in err, err


# ------------------------------------------------------------------------------------------------
# (3) nothing to report


@pytest.mark.parametrize("content", [None, "notes.txt", "empty-list.yaml"])
def test_report_of_a_folder_without_cases_says_so_and_exits_2(tmp_path, capsys, content):
    if content == "notes.txt":
        (tmp_path / content).write_text("not a case\n", encoding="utf-8")
    elif content:
        (tmp_path / content).write_text("[]\n", encoding="utf-8")
    code, out, err = run(capsys, "report", str(tmp_path))
    assert code == 2 and len(err.splitlines()) == 1
    if content == "empty-list.yaml":  # a file of no cases is an error at its `[`
        assert err.startswith(f"{tmp_path / content}:1:1: error: ") and "found an empty list" in err
        return
    assert out == "" and err.startswith("gradaudit: error: ")
    assert "nothing to report" in err and str(tmp_path) in err


# ------------------------------------------------------------------------------------------------
# (4) check_gradients: the oracle's failures are not the user's, a kink excuses only subgradients


def _naive_sigmoid_loss(p, x, t):
    y = 1.0 / (1.0 + jnp.exp(-(x @ p["w"])))  # exp overflows for z < -709: autodiff gives inf/inf
    return 0.5 * jnp.sum((y - t) ** 2)


def _stable_backward(p, x, t):
    z = np.asarray(x) @ np.asarray(p["w"])
    e = np.exp(-np.abs(z))
    y = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return {"w": np.asarray(x).T @ ((y - t) * y * (1 - y))}


@pytest.mark.parametrize(
    "w", [[-325.0, 325.0], [-1e6, 1e6]], ids=["nan-at-a-draw", "nan-at-the-given-values"]
)
def test_autodiff_nan_where_finite_differences_are_finite_is_an_oracle_error(w):
    x, t = np.array([[1.0, -1.0], [0.5, 2.0]]), np.array([0.3, 0.7])
    with np.errstate(all="ignore"):
        res = check_gradients(_stable_backward, _naive_sigmoid_loss, {"w": np.array(w)}, x, t, draws=16)
    leaf = res.leaves["w"]
    assert leaf.verdict == V.ORACLE_ERROR, leaf.explanation
    assert (
        np.isnan(leaf.autodiff) and np.isfinite(leaf.finite_diff) and "autodiff gives nan" in leaf.explanation
    )


def _relu_loss(p, x, t):
    return jnp.sum(jnp.maximum(p["w"], 0.0) * x)


@pytest.mark.parametrize(
    "slope, verdict", [(0.0, V.KINK), (1.0, V.KINK), (0.5, V.OK), (7.0, V.PARTIAL), (-1.0, V.PARTIAL)]
)
def test_a_kink_excuses_only_slopes_between_the_one_sided_derivatives(slope, verdict):
    def backward(p, x, t):
        w = np.asarray(p["w"])
        return {"w": np.where(w > 0, x, np.where(w == 0, slope * x, 0.0))}

    res = check_gradients(
        backward, _relu_loss, {"w": np.array([0.0, 1.0])}, np.array([1.0, 1.0]), None, draws=4
    )
    assert res.leaves["w"].verdict == verdict, res.leaves["w"].explanation
    if verdict == V.PARTIAL:
        assert "outside its one-sided derivatives" in res.leaves["w"].explanation


# ------------------------------------------------------------------------------------------------
# (5) the machine's failures: a read-only compile cache, a job summary, a full disk, a FIFO


def test_a_read_only_compile_cache_is_one_warning_not_a_flood(project):
    """In a process of its own: the compile cache is process-wide JAX configuration. /proc is a
    folder no one can create files in."""
    case = project / "cases" / "c.yaml"
    case.write_text(LINEAR, encoding="utf-8")
    env = {**os.environ, "GRADAUDIT_CACHE_DIR": "/proc"}
    with open("/dev/full", "w") as dev_full:  # both processes at once: each imports JAX
        report = subprocess.Popen(
            [sys.executable, "-m", "gradaudit", "report", str(case)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        full = subprocess.Popen(
            [sys.executable, "-m", "gradaudit", "schema"], stdout=dev_full, stderr=subprocess.PIPE, text=True
        )
        _, report_err = report.communicate()
        _, full_err = full.communicate()
    assert report.returncode == 0, report_err
    assert report_err.splitlines() == [
        "gradaudit: warning: the compile cache /proc is not writable; compiles are not kept"
    ]
    assert full.returncode == 2
    assert full_err.splitlines() == [
        "gradaudit: error: cannot write the report to stdout: No space left on device"
    ]


def test_an_unwritable_job_summary_is_one_warning_and_the_run_goes_on(project, capsys, monkeypatch):
    case = project / "cases" / "c.yaml"
    case.write_text(LINEAR, encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(project / "no" / "such" / "summary.md"))
    code, out, err = run(capsys, "report", str(case), "--format", "markdown")
    assert code == 0 and "adilce-toy-linear" in out
    assert err.splitlines() == [
        f"gradaudit: warning: cannot append to $GITHUB_STEP_SUMMARY ({project}/no/such/summary.md): "
        "No such file or directory; the job summary is left out"
    ]


def test_a_failed_update_expect_write_is_one_located_line_and_keeps_the_file(project, capsys, monkeypatch):
    case = project / "cases" / "c.yaml"
    text = mutate(LINEAR, "    dL_dyhat: -8 ", "    dL_dyhat: -9 ")  # arithmetic: expect: gets a row
    case.write_text(text, encoding="utf-8")

    def full_disk(*args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(expectations.os, "replace", full_disk)
    code, _, err = run(capsys, "report", str(case), "--update-expect")
    assert code == 2
    assert err.splitlines()[-1] == (
        f"gradaudit: error: {case}: error: cannot rewrite the expect: blocks: No space left on device"
    )
    assert case.read_text(encoding="utf-8") == text and [p.name for p in case.parent.iterdir()] == ["c.yaml"]


def test_a_fifo_given_as_a_case_file_is_named_as_one(tmp_path, capsys):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "report", str(fifo))
    assert code == 2 and f"{fifo}:1:1: error: the case file is a FIFO" in err and "no such file" not in err


# ------------------------------------------------------------------------------------------------
# (6) numpy's floating-point errors never decide a verdict


def test_a_1e308_given_gives_the_same_findings_under_warnings_as_errors_and_the_cli(project, capsys):
    case = project / "cases" / "c.yaml"
    case.write_text(mutate(LINEAR, "given: {x: 2, w: 3,", "given: {x: 1e308, w: 3,"), encoding="utf-8")
    code, out, err = run(capsys, "report", str(case), "--format", "json")
    assert code == 1 and "Warning" not in err, err
    cli = {r["quantity"]: r["verdict"] for r in json.loads(out)["cases"][0]["rows"]}
    assert cli["formula:dL_dw"] == V.NON_FINITE

    (loaded,), errors = load_paths([str(case)])
    assert errors == []
    # as under pytest's filterwarnings = error, with numpy's own defaults (warn on overflow)
    with warnings.catch_warnings(), np.errstate(all="warn"):
        warnings.simplefilter("error")
        result = run_case(loaded)
    assert result.error is None, result.error
    assert {r.quantity: r.verdict for r in result.rows} == cli
