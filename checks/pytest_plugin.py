"""pytest collects `cases/*.yaml`: one item per case, id `cases/<file>.yaml::<case id>`.

Only the `cases/` folder at the root of the project is collected, so YAML test data kept in
folders of the same name elsewhere (`tests/data/cases/`) stays data.

A case passes when every verdict equals its `expect:`; a failure shows the report table with
the unexpected rows first. A bad case file is a collection error with its file:line messages.
"""

from __future__ import annotations

import os

import pytest

from checks import _jax


def pytest_configure(config) -> None:
    _jax.strict_broadcasting()


def pytest_collect_file(parent, file_path):
    if file_path.suffix in (".yaml", ".yml") and file_path.parent == parent.config.rootpath / "cases":
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFailure(Exception):
    def __init__(self, result):
        super().__init__(result.id)
        self.result = result


class CaseFile(pytest.File):
    def collect(self):
        from checks.cases import load_file

        rel = os.path.relpath(self.path, self.config.rootpath)
        cases, errors = load_file(rel if not rel.startswith("..") else str(self.path))
        if errors:  # every error of the file at once, located, without a traceback
            raise self.CollectError("\n".join(str(e) for e in errors))
        for case in cases:
            yield CaseItem.from_parent(self, name=case.spec.id, case=case)


class CaseItem(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        from checks.runner import run_case

        result = run_case(self.case)
        if not result.passed:
            raise CaseFailure(result)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CaseFailure):
            from checks.report import render_text, verdict_text

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
            lines.append("If the change is intended, `gradaudit report --update-expect` rewrites expect: for review.")
            return "\n".join(lines)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, self.case.line - 1, f"case {self.name}"
