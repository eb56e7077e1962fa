"""The report's exact column against independent arithmetic.

Each `tests/independent/<name>.py` computes the exact value of every printed quantity of
`cases/<name>.yaml` with mpmath (30 digits) from the article's own procedure, importing nothing
from gradaudit or reference/. This test runs each case through gradaudit and compares every claim
row's exact value with the script's (float64 against 30 digits: a relative 1e-9 is room for
rounding in long chains and nothing else). A test also checks that the scripts import nothing of
ours, so the two computations stay independent.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

from gradaudit.judging.runner import run_case
from gradaudit.loading.cases import load_file

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted((ROOT / "tests" / "independent").glob("*.py"))


def _exact_of(script: Path) -> dict:
    spec = importlib.util.spec_from_file_location(f"independent_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.exact()


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_the_scripts_import_nothing_of_ours(script):
    tree = ast.parse(script.read_text(encoding="utf-8"))
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not names & {"gradaudit", "checks", "reference", "jax", "numpy"}, names


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_the_reports_exact_column_equals_the_independent_values(script, monkeypatch):
    monkeypatch.chdir(ROOT)
    expected = _exact_of(script)
    cases, errors = load_file(f"cases/{script.stem}.yaml")
    assert not errors, errors
    by_id = {c.spec.id: c for c in cases}
    assert set(expected) <= set(by_id), (
        f"the script names cases the file does not have: {set(expected) - set(by_id)}"
    )
    compared = 0
    for case_id, values in expected.items():
        res = run_case(by_id[case_id], draws=1)  # the exact column does not depend on the draws
        assert res.error is None, res.error
        rows = {r.quantity: r for r in res.rows if r.kind == "claim" and r.exact is not None}
        uncovered = set(rows) - set(values)  # every printed number has its independent value
        assert not uncovered, f"{case_id}: no independent value for {sorted(uncovered)}"
        for row in rows:  # the script may compute steps no number is printed for: not compared
            got, value = rows[row].exact, values[row]
            assert got == pytest.approx(float(value), rel=1e-9, abs=1e-12), (case_id, row, got, value)
            compared += 1
    assert compared > 0 or not any(expected.values())
