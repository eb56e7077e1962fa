"""The seed report, byte for byte, in all four formats.

The golden files in tests/data/golden/ were written by `gradaudit report` over the five seed
tutorials' case files before the engine was reorganised into the `gradaudit` package (issue 15):
a refactor that moves code must not move a byte of what users see. When a report changes on
purpose, rewrite them with the command in `_regenerate` below and review the diff. (Regenerated
on purpose for issue 18: summary first, rows not as expected next, text wrapped to 100 columns,
arrays summarised, failing draws in full, the HTML page rebuilt with pictures.)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gradaudit.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "golden"
WIDTH = "100"  # the text report wraps to COLUMNS: the golden one is what a 100-column terminal shows
SEEDS = [
    f"cases/{name}.yaml"
    for name in ("analyticsvidhya", "devforum", "geeksforgeeks", "medium", "sapiencespace")
]


def _regenerate() -> (
    None
):  # pragma: no cover - run by hand: python -c "from tests.test_golden import _regenerate as r; r()"
    os.environ["COLUMNS"] = WIDTH
    for fmt in ("text", "markdown", "json", "html"):
        main(
            [
                "report",
                *SEEDS,
                "--format",
                fmt,
                "--output",
                str(GOLDEN / f"seeds.{fmt}"),
                "--fail-on",
                "never",
            ]
        )


# Half the formats run one case at a time, half two at a time on threads (`--jobs`): the same
# golden bytes from both is the test that the number of jobs changes nothing in a report.
@pytest.mark.parametrize("fmt, jobs", [("text", "1"), ("markdown", "2"), ("json", "1"), ("html", "2")])
def test_seed_report_is_byte_identical(fmt, jobs, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the report names files as given on the command line
    monkeypatch.setenv("COLUMNS", WIDTH)
    out = tmp_path / f"seeds.{fmt}"
    argv = ["report", *SEEDS, "--format", fmt, "--output", str(out), "--fail-on", "never", "--jobs", jobs]
    code = main(argv)
    assert code == 0
    expected = (GOLDEN / f"seeds.{fmt}").read_bytes()
    got = out.read_bytes()
    if got != expected:
        exp_lines, got_lines = expected.decode().splitlines(), got.decode().splitlines()
        first = next(
            (i for i, (a, b) in enumerate(zip(exp_lines, got_lines)) if a != b),
            min(len(exp_lines), len(got_lines)),
        )
        pytest.fail(
            f"{fmt} report differs from tests/data/golden/seeds.{fmt} at line {first + 1}:\n"
            f"  golden: {exp_lines[first] if first < len(exp_lines) else '(end)'}\n"
            f"  now:    {got_lines[first] if first < len(got_lines) else '(end)'}"
        )
