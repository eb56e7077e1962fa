"""pytest collects case files: one item per case, id `<file>.yaml::<case id>`.

Registered through the `pytest11` entry point, so a project that installs gradaudit gets it. The
files collected are the YAML files named on the command line and those under the folders of the
ini option `gradaudit_cases` (default `cases`, relative to the rootdir); YAML test data kept in
other folders (`tests/data/cases/`) stays data.

A case passes when every verdict equals its `expect:`; a failure shows the report table with the
unexpected rows first. A bad case file is one failing item that shows every located error of the
file; the other files still run (a collection error would interrupt the whole session).
Each item runs inside `precise()` (float64, strict rank promotion) and `compile_cache()` (the
programs it compiles are kept in gradaudit's cache folder, so the next run, and every other
pytest-xdist worker, reuses them); collection and the rest of the session keep the user's JAX
settings and cache.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .core import _jax
from .core.errors import GradauditError


def pytest_addoption(parser) -> None:
    parser.addini(
        "gradaudit_cases",
        type="args",
        default=["cases"],
        help="gradaudit: folders (relative to the rootdir) whose *.yaml files are case files",
    )


def _explicit(config) -> set[Path]:
    named = set()
    for arg in config.args:
        path = Path(str(arg).split("::")[0])
        path = path if path.is_absolute() else Path(config.invocation_params.dir) / path
        named.add(path.resolve())
    return named


def pytest_collect_file(parent, file_path):
    if file_path.suffix not in (".yaml", ".yml"):
        return None
    config = parent.config
    folders = [(config.rootpath / f).resolve() for f in config.getini("gradaudit_cases")]
    resolved = file_path.resolve()
    if resolved in _explicit(config) or any(resolved.is_relative_to(f) for f in folders):
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFailure(GradauditError):
    """A case whose verdicts are not as expected (the item fails with its report table)."""

    def __init__(self, result):
        super().__init__(result.id)
        self.result = result


class BadCaseFile(GradauditError):
    """The located errors of a case file that did not load."""


class CaseFile(pytest.File):
    def collect(self):
        from .loading.cases import load_file

        rel = os.path.relpath(self.path, self.config.rootpath)
        cases, errors = load_file(rel if not rel.startswith("..") else str(self.path))
        by_case: dict[str, list[str]] = {}
        for e in errors:  # every error at once, located, without a traceback: one item per bad case
            by_case.setdefault(e.case_id or "(file)", []).append(str(e))
        for name, messages in by_case.items():
            yield BadFileItem.from_parent(self, name=name, message="\n".join(messages))
        for case in cases:
            yield CaseItem.from_parent(self, name=case.spec.id, case=case)


class BadFileItem(pytest.Item):
    """Stands for a case that did not load (or for the whole file, `(file)`, when it is not YAML):
    it fails with the located errors."""

    def __init__(self, *, message: str, **kwargs):
        super().__init__(**kwargs)
        self.message = message

    def runtest(self) -> None:
        raise BadCaseFile(self.message)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, BadCaseFile):
            return self.message
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"case {self.name} (not loaded)"


class CaseItem(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        from .judging.runner import run_case

        with _jax.precise(), _jax.compile_cache():
            result = run_case(self.case)
        if not result.passed:
            raise CaseFailure(result)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CaseFailure):
            from .output.report import render_text, verdict_text

            res = excinfo.value.result
            if res.error:
                return res.error
            lines = [f"case {res.id}: {len(res.unexpected)} row(s) not as expected"]
            lines += [f"  {r.quantity}: {verdict_text(r)}" for r in res.unexpected]
            if res.stale:
                lines.append(f"stale expectations (no such row): {', '.join(res.stale)}")
            lines.append("")
            lines.append(render_text([res], summary=False).rstrip("\n"))
            lines.append("")
            lines.append(
                "If the change is intended, `gradaudit report --update-expect` rewrites expect: for review."
            )
            return "\n".join(lines)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, self.case.line - 1, f"case {self.name}"
