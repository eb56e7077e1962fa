"""One base error class: every error gradaudit raises on purpose is a GradauditError."""

from __future__ import annotations

import pytest

import gradaudit
from gradaudit.cli import _BadInput, main
from gradaudit.core.errors import GradauditError
from gradaudit.core.printed import PrintedError, parse_printed
from gradaudit.evaluating.worksheet import WorksheetError
from gradaudit.judging.conventions import ConventionError
from gradaudit.judging.runner import RunError
from gradaudit.loading.cases import CaseError
from gradaudit.loading.resolve import ReferenceNotAllowed
from gradaudit.pytest_plugin import BadCaseFile, CaseFailure


@pytest.mark.parametrize(
    "cls",
    [CaseError, PrintedError, WorksheetError, RunError, ConventionError, ReferenceNotAllowed, _BadInput,
     BadCaseFile, CaseFailure],
)  # fmt: skip
def test_every_error_derives_from_the_base(cls):
    assert issubclass(cls, GradauditError)


def test_the_base_is_public():
    assert gradaudit.GradauditError is GradauditError


def test_value_errors_stay_value_errors():
    # code that caught ValueError before (a bad printed number) still does
    with pytest.raises(ValueError):
        parse_printed("0.5.6")
    with pytest.raises(GradauditError):
        parse_printed("0.5.6")


def test_cli_reports_any_gradaudit_error_in_one_line(capsys):
    assert main(["check", "no-such-case", "--paths", "tests/data/cases"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gradaudit: error: no case 'no-such-case'") and err.count("\n") == 1
