"""The seed report, byte for byte, in all four formats.

The golden files in tests/data/golden/ were written by `gradaudit report` over the five seed
tutorials' case files before the engine was reorganised into the `gradaudit` package (issue 15):
a refactor that moves code must not move a byte of what users see. When a report changes on
purpose, rewrite them with the command in `_regenerate` below and review the diff. (Regenerated
on purpose for issue 18: summary first, rows not as expected next, text wrapped to 100 columns,
arrays summarised, failing draws in full, the HTML page rebuilt with pictures.)

Byte for byte on the machine that wrote them; across machines, floating-point noise is let through:
XLA compiles for the host's CPU and numpy picks SIMD kernels by it, so an ok row's max rel err of
1.58e-11 on one machine (the 2-core Intel Xeon these files were written on) is 1.61e-11 on another
(a 2-core AMD EPYC with AVX2, 2026-12-07), and the worst index of an ok row, the argmax of round-off, can
be another element with other values shown at it. `_platform_neutral` writes every number below
1e-7 in magnitude as `~0` and every other one at 12 significant digits, collapses runs of spaces, and
of an ok row whose max rel err is below 1e-7 keeps only its name, `~0` and `ok` (the JSON's numbers,
written at full precision, are read at 9 significant digits first); on both sides. Any
other difference (a verdict, a word, a value above the noise, a failing row's index) still fails.
Run-to-run and across-jobs byte identity on one machine is tested in tests/test_cli.py and
tests/test_html_report.py.
"""

from __future__ import annotations

import json
import os
import re
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


_NUMBER = re.compile(r"(?<![\w.])-?\d+\.\d+(?:e[-+]?\d+)?|(?<![\w.])-?\d+e[-+]?\d+")


def _neutral_number(match: re.Match) -> str:
    x = float(match.group())
    return "~0" if abs(x) < 1e-7 else f"{x:.12g}"


# an ok row whose max rel err is noise, in the text, Markdown and HTML reports
_NOISE_ROW = [
    re.compile(r"^(\S+) .*? ~0 ok(?: \[[\d, ]*\])?$", re.M),
    re.compile(r"^\| (\S+) \|.*?\| ~0 \| ok \|(?: \[[\d, ]*\] \|)?", re.M),
    re.compile(r"<tr class='passing' (id='[^']*')>(?:(?!</tr>).)*?>~0</td>(?:(?!</tr>).)*?</tr>"),
]


def _neutral_json(text: str) -> str:
    report = json.loads(text)

    def walk(x):
        if isinstance(x, dict):
            if x.get("verdict") == "ok" and isinstance(x.get("rel_error"), float) and x["rel_error"] < 1e-7:
                return {"quantity": x.get("quantity"), "verdict": "ok", "noise": True}
            return {k: walk(v) for k, v in x.items()}
        if isinstance(x, float):  # full precision: a finite difference's last digits are noise
            return float(f"{x:.9g}")
        return [walk(v) for v in x] if isinstance(x, list) else x

    return json.dumps(walk(report), indent=1, ensure_ascii=False)


def _platform_neutral(text: str) -> str:
    """`text` with floating-point noise written the same on every machine (module docstring)."""
    if text.lstrip().startswith("{"):
        text = _neutral_json(text)
    text = re.sub(r" {2,}", " ", _NUMBER.sub(_neutral_number, text))
    for row in _NOISE_ROW:
        text = row.sub(lambda m: f"{m.group(1)} ~0 ok", text)
    return text


def test_platform_neutral_lets_noise_through_and_nothing_else():
    # the two machines' cells of analyticsvidhya's formula:update:W2 (tests/data/golden/seeds.text)
    assert _platform_neutral("W2  -0.001880422  1.58e-11     ok") == _platform_neutral(
        "W2  -0.001880422  1.61e-11 ok"
    )
    assert _platform_neutral('"rel_error": 1.2705586463472286e-13') == _platform_neutral(
        '"rel_error": 1.270558646347532e-13'
    )
    assert _platform_neutral("0.30000000000000004") == _platform_neutral("0.3")
    # a value above the noise, a verdict and an index still differ
    assert _platform_neutral("1.58e-06 ok") != _platform_neutral("1.58e-03 ok")
    assert _platform_neutral("-0.001880422 ok") != _platform_neutral("-0.001880423 ok")
    assert _platform_neutral("1.58e-11 ok") != _platform_neutral("1.58e-11 sign")
    assert _platform_neutral("[3, 2]") != _platform_neutral("[3, 1]")
    # an ok row's worst index at noise level is round-off's argmax: it may move with its values
    assert _platform_neutral("W1  0.01116833  0.01116833  0.01116833  8.6e-13  ok  [1, 3]") == (
        _platform_neutral("W1  0.0154279  0.0154279  0.0154279  9.1e-13  ok  [5, 3]")
    )
    assert _platform_neutral("W1  0.01116833  0.01116833  0.5  0.5  scale  [1, 3]") != (
        _platform_neutral("W1  0.0154279  0.0154279  0.5  0.5  scale  [5, 3]")
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
    expected = _platform_neutral((GOLDEN / f"seeds.{fmt}").read_text(encoding="utf-8"))
    got = _platform_neutral(out.read_text(encoding="utf-8"))
    if got != expected:
        exp_lines, got_lines = expected.splitlines(), got.splitlines()
        first = next(
            (i for i, (a, b) in enumerate(zip(exp_lines, got_lines)) if a != b),
            min(len(exp_lines), len(got_lines)),
        )
        pytest.fail(
            f"{fmt} report differs from tests/data/golden/seeds.{fmt} at line {first + 1}:\n"
            f"  golden: {exp_lines[first] if first < len(exp_lines) else '(end)'}\n"
            f"  now:    {got_lines[first] if first < len(got_lines) else '(end)'}"
        )
