"""The import names `checks` and `reference` are this repository's, not another package's."""

from pathlib import Path

import checks
import reference

ROOT = Path(__file__).resolve().parents[1]


def test_checks_is_this_repositorys():
    assert Path(checks.__file__).resolve().is_relative_to(ROOT / "checks")


def test_reference_is_this_repositorys():
    assert Path(reference.__file__).resolve().is_relative_to(ROOT / "reference")
