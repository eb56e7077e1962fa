"""The engine's layers (DESIGN.md section 8): checks/ holds one subpackage per layer, and each
imports only the layers below it, so the folder tree is the dependency graph.

    core < loading < evaluating < nets < judging < output < the top (cli, pytest_plugin, draft, __init__)

nets (the built-in networks a case names as `gradaudit.nets:dense`) builds worksheets: it sits
above evaluating and below judging. loading/resolve.py imports it by name at resolve time
(importlib, only the names in its BUILTINS registry), which is no import statement.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ROOT / "checks"
LAYERS = ["core", "loading", "evaluating", "nets", "judging", "output"]
# Top-level modules may import any layer. draft becomes a subpackage of the top in another branch.
TOP = {"__init__", "__main__", "_version", "cli", "pytest_plugin", "draft"}
# Upward imports with a reason, as (importing file, imported layer): GradientResult.table(), its
# notebook reprs and assert_gradients render with the output layer's leaf table, and
# CaseResult._repr_html_ with the HTML report, inside the call (not at import).
ALLOWED_UP = {("evaluating/gradients.py", "output"), ("judging/runner.py", "output")}


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported module as `gradaudit.<...>`) of every gradaudit import in the file,
    including those inside functions and under TYPE_CHECKING."""
    package = ["gradaudit", *path.relative_to(CHECKS).parent.parts]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                if node.module:
                    out.append((node.lineno, ".".join([*base, node.module])))
                else:
                    out += [(node.lineno, ".".join([*base, a.name])) for a in node.names]
            elif node.module and node.module.split(".")[0] in ("gradaudit", "checks"):
                out.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            out += [
                (node.lineno, a.name) for a in node.names if a.name.split(".")[0] in ("gradaudit", "checks")
            ]
    return out


def _layer_of(module: str) -> str | None:
    """The layer of `gradaudit.<layer>.<...>`, or None for the top level."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_is_in_a_layer_or_at_the_top():
    stray = [
        str(p.relative_to(CHECKS))
        for p in CHECKS.rglob("*.py")
        if p.relative_to(CHECKS).parts[0] not in LAYERS
        and p.relative_to(CHECKS).parts[0] not in ("draft",)
        and p.stem not in TOP
    ]
    assert not stray, f"modules in no layer: {stray} (put each in one of {LAYERS})"


def test_each_layer_imports_only_the_layers_below_it():
    bad = []
    for layer in LAYERS:
        for path in sorted((CHECKS / layer).rglob("*.py")):
            rel = str(path.relative_to(CHECKS))
            for line, module in _imports(path):
                if module.split(".")[0] == "checks":
                    bad.append(f"checks/{rel}:{line}: imports {module} (the package is gradaudit)")
                    continue
                target = _layer_of(module)
                if target is None:
                    bad.append(f"checks/{rel}:{line}: imports {module}, from the top level above every layer")
                elif LAYERS.index(target) > LAYERS.index(layer) and (rel, target) not in ALLOWED_UP:
                    bad.append(f"checks/{rel}:{line}: imports {module}, from a layer above {layer}")
    assert not bad, "\n".join(bad)


def test_the_allowed_upward_imports_are_still_needed():
    for rel, target in ALLOWED_UP:
        assert any(_layer_of(m) == target for _, m in _imports(CHECKS / rel)), (
            f"{rel} no longer imports {target}"
        )


def test_the_scan_resolves_relative_imports():
    # checks/judging/runner.py: `from ..core.verdicts import V` and `from .rows import Row`
    modules = {m for _, m in _imports(CHECKS / "judging" / "runner.py")}
    assert {"gradaudit.core.verdicts", "gradaudit.judging.rows"} <= modules


LONGEST = 80  # lines of one function in checks/, signature and docstring included (the house limit)


def test_no_function_in_the_engine_is_longer_than_the_house_limit():
    long = []
    for path in sorted(CHECKS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > LONGEST:
                    long.append(f"{path.relative_to(CHECKS)}:{node.lineno} {node.name} ({lines} lines)")
    assert long == [], long
