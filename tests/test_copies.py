"""Copies (DESIGN row 3b): a case that `copies:` another is judged against the original's printed
numbers; slips that came with the copy are `copied`, one digit away a `transcription` of it.

A synthetic two-step sheet whose names resemble no tutorial: p = k * m, q = p + n.
"""

from __future__ import annotations

import textwrap

import pytest

from gradaudit.core.printed import parse_printed
from gradaudit.judging.claims import ClaimInput, judge
from gradaudit.judging.runner import run_case
from gradaudit.loading.cases import CaseError, find_original, load_file

SHEET = """\
from gradaudit import Worksheet

sheet = Worksheet("two steps", loss="q")


@sheet.step
def p(k, m):
    return k * m


@sheet.step
def q(p, n):
    return p + n
"""

# exact p = 1.5 * 0.4 = 0.6; q = 0.6 + 0.25 = 0.85
ORIGINAL = """\
- id: orig
  title: original
  source: {publisher: t, title: t}
  reference: reference.sheet2:sheet
  given: {k: 1.5, m: 0.4, n: 0.25}
  claims:
    p: 0.66      # exact 0.6: 0.66 is no rule's (arithmetic)
    q: 0.91      # 0.66 + 0.25 = 0.91 from the printed p: inherited
  expect:
    p: arithmetic
    q: inherited
"""

COPY = """\
- id: the-copy
  title: a copy
  source: {publisher: t, title: t}
  reference: reference.sheet2:sheet
  copies: orig
  given: {k: 1.5, m: 0.4, n: 0.25}
  claims:
    p: 0.66      # as the original printed it, where it is arithmetic: copied
    q: 0.19      # the original's 0.91 with its digits swapped: transcription of the original
"""


@pytest.fixture
def project(tmp_path):
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "sheet2.py").write_text(SHEET, encoding="utf-8")
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "orig.yaml").write_text(ORIGINAL, encoding="utf-8")
    return tmp_path


def load(path):
    cases, errors = load_file(path)
    assert not errors, errors
    return cases[0]


def test_a_copied_slip_is_copied_and_a_digit_away_is_a_transcription_of_the_original(project):
    (project / "cases" / "copy.yaml").write_text(COPY, encoding="utf-8")
    res = run_case(load(project / "cases" / "copy.yaml"))
    assert res.error is None, res.error
    rows = {r.quantity: r for r in res.rows}
    assert rows["p"].verdict == "copied"
    assert rows["p"].explanation.startswith("printed 0.66 as orig printed it, where it is arithmetic")
    # 0.19 vs the original's 0.91 has two digits only: row 9 needs 3 significant digits, so no
    # transcription; it is arithmetic (exact 0.85)
    assert rows["q"].verdict == "arithmetic"


def test_transcription_of_the_original_needs_three_digits():
    # printed 0.0918 where the original printed 0.0981 (exact 0.5): two adjacent digits swapped
    c = ClaimInput("r", parse_printed("0.0918"), 0.5, 0.5, original=("orig", "0.0981", "arithmetic"))
    v = judge(c)
    assert v.verdict == "transcription"
    assert v.explanation == "orig printed 0.0981; the copy prints 0.0918: digits 18 swapped (value 0.0981)"


def test_copied_only_where_the_original_is_a_hard_finding():
    # the original's 0.6 was ok there; the copy printing it again is judged on its own (ok)
    c = ClaimInput("r", parse_printed("0.6"), 0.6, 0.6, original=("orig", "0.6", "ok"))
    assert judge(c).verdict == "ok"
    c = ClaimInput("r", parse_printed("0.62"), 0.6, 0.6, original=("orig", "0.62", "carried-rounding"))
    assert judge(c).verdict == "arithmetic"


def test_a_missing_or_circular_copies_is_a_located_error(project):
    bad = project / "cases" / "bad.yaml"
    bad.write_text(COPY.replace("copies: orig", "copies: nowhere"), encoding="utf-8")
    with pytest.raises(CaseError) as info:
        find_original(load(bad))
    assert (info.value.line, info.value.col, info.value.field) == (5, 11, "copies")
    assert "expected the id of a case in" in info.value.message and "found 'nowhere'" in info.value.message
    loop = project / "cases" / "loop.yaml"
    loop.write_text(
        textwrap.dedent(COPY.replace("copies: orig", "copies: loop-b"))
        + COPY.replace("the-copy", "loop-b").replace("copies: orig", "copies: the-copy"),
        encoding="utf-8",
    )
    with pytest.raises(CaseError, match=r"goes round in a circle \(the-copy -> loop-b -> the-copy\)"):
        find_original(load(loop))
    res = run_case(load(loop))
    assert res.error and "loop.yaml:5:11: error: case 'the-copy': copies: goes round in a circle" in res.error
