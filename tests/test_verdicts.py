"""The verdict registry (DESIGN.md sections 3 to 5): the one place that says what a verdict is.

The scan below fails when engine code spells a verdict's name as a string value instead of
naming it through the registry (`V.OK`), so the registry cannot be restated (and drift, as `kink`
did: passing in one module, a red finding in another) without a test noticing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from gradaudit.core import verdicts
from gradaudit.core.verdicts import REGISTRY, V
from gradaudit.evaluating.gradients import GradientResult, LeafResult
from gradaudit.judging.claims import RULES
from gradaudit.judging.rows import Row
from gradaudit.loading.schema import VERDICTS, ExpectDetail

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ROOT / "checks"
REGISTRY_FILE = Path(verdicts.__file__).resolve()
# draft.py is being split into a subpackage in another branch (issue 15); its verdict names move
# to the registry there. Remove this entry when that lands (test_pending_exclusions says when).
PENDING: tuple[str, ...] = ()
MARKER = "not a verdict"  # a comment on the line: an ordinary word that happens to be a name
KEY_LOOKUPS = ("get", "pop", "setdefault")


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def _keys(tree: ast.AST) -> set[int]:
    """String constants used as keys, not values: `{"factor": ...}`, `d["factor"]`, `d.get("factor")`."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            out.update(id(k) for k in node.keys if k is not None)
        elif isinstance(node, ast.Subscript):
            out.add(id(node.slice))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in KEY_LOOKUPS
            and node.args
        ):
            out.add(id(node.args[0]))
    return out


def verdict_literals(source: str, names: set[str]) -> list[tuple[int, str]]:
    """(line, name) of every string constant equal to a verdict name and used as a value."""
    tree = ast.parse(source)
    lines = source.splitlines()
    skip = _docstrings(tree) | _keys(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value in names
            and id(node) not in skip
            and MARKER not in lines[node.lineno - 1]
        ):
            found.append((node.lineno, node.value))
    return sorted(found)


def _engine_files() -> list[Path]:
    return [
        p
        for p in sorted(CHECKS.rglob("*.py"))
        if p.resolve() != REGISTRY_FILE and p.relative_to(CHECKS).parts[0] not in PENDING
    ]


def test_no_verdict_name_is_spelled_outside_the_registry():
    names = set(verdicts.BY_NAME)
    hits = [
        f"{p.relative_to(ROOT)}:{line}: {name!r} (use V.{name.upper().replace('-', '_')})"
        for p in _engine_files()
        for line, name in verdict_literals(p.read_text(encoding="utf-8"), names)
    ]
    assert not hits, "verdict names spelled outside checks' verdict registry:\n" + "\n".join(hits)


def test_pending_exclusions():
    # Tells when an exclusion above has become unnecessary (then delete it).
    names = set(verdicts.BY_NAME)
    for entry in PENDING:
        files = [CHECKS / entry] if entry.endswith(".py") else sorted((CHECKS / entry).rglob("*.py"))
        for p in files:
            if p.exists() and not verdict_literals(p.read_text(encoding="utf-8"), names):
                pytest.fail(f"{p.relative_to(ROOT)} no longer spells verdicts: remove it from PENDING")


def test_the_scan_sees_values_and_ignores_keys_docstrings_and_marked_words():
    src = '''
"""ok: a docstring"""
def f(d, r):
    """kink in a docstring"""
    a = "kink"
    b = d["factor"] + d.get("scale", 0) + {"sign": 1}["sign"]
    c = r.verdict == "partial"
    e = "zero"  # not a verdict
    return [a, b, c, e, f"{'ok'}"]
'''
    assert verdict_literals(src, set(verdicts.BY_NAME)) == [(5, "kink"), (7, "partial"), (9, "ok")]


def test_registry_is_complete_and_ordered():
    names = [v.name for v in REGISTRY]
    assert len(names) == len(set(names))
    assert {n for k, n in vars(V).items() if k.isupper()} == set(names)
    # DESIGN section 3's table, in its order (the order the rules are tried)
    assert [v.rule for v in REGISTRY if v.rule] == [
        "0", "1", "2", "3", "3b", "4", "5", "6", "7", "8", "8b", "9", "10",
    ]  # fmt: skip
    statements = (V.HOLDS, V.LOOSE, V.COUNTEREXAMPLE, V.PLAUSIBLE, V.IMPLAUSIBLE)
    assert verdicts.names(verdicts.STATEMENT) == statements
    categories = (verdicts.PASSING, verdicts.SOFT, verdicts.HARD, verdicts.UNKNOWN, verdicts.ORACLE)
    for v in REGISTRY:
        assert v.category in categories
        assert v.kinds <= {verdicts.CLAIM, verdicts.OPERAND, verdicts.FORMULA, verdicts.STATEMENT}
        assert v.style in ("ok", "soft", "hard")


def test_soft_and_hard_claim_verdicts_as_design_section_3_says():
    # "truncated and carried-rounding are soft findings; the rest from 3b on are hard findings"
    claim = [v for v in REGISTRY if v.rule]
    soft = [v.name for v in claim if v.category == verdicts.SOFT]
    assert soft == [V.TRUNCATED, V.CARRIED_ROUNDING]
    from_3b = claim[[v.rule for v in claim].index("3b") :]
    assert all(v.category == verdicts.HARD for v in from_3b)


def test_claim_rules_are_tried_in_the_registry_order():
    order = verdicts.names(verdicts.CLAIM)
    tried = [name for name, _ in RULES]
    assert tried == [n for n in order if n in tried]


def test_kink_passes_everywhere():
    # DESIGN section 4: the hand-written value lies between the one-sided derivatives
    assert verdicts.is_passing(V.KINK) and verdicts.style(V.KINK) == "ok"
    assert not Row("W1", "W1", "formula", V.KINK).is_finding
    assert GradientResult({"W1": LeafResult("W1", V.KINK)}, points=1, traced=True).ok


@pytest.mark.parametrize("name", [v.name for v in REGISTRY])
def test_every_layer_reads_the_registry(name):
    finding = verdicts.is_finding(name)
    assert Row("q", "q", "formula", name).is_finding == finding
    if verdicts.FORMULA in verdicts.get(name).kinds:
        assert GradientResult({"q": LeafResult("q", name)}, points=1, traced=True).ok == (not finding)
    assert (name in VERDICTS) == verdicts.get(name).produced
    if name in VERDICTS:
        assert ExpectDetail(verdict=name).verdict == name


def test_an_unknown_name_is_not_a_verdict():
    with pytest.raises(ValueError, match="'kinky' is not a verdict"):
        verdicts.get("kinky")
