"""A draft proposes `copies:` when its article prints the source URL of a case of its project
(checks/draft/copies.py; DESIGN section 3 row 3b), and its verification run judges the copy against
that case as the runner does a case written by hand.

A synthetic project whose names resemble no tutorial: a two-step sheet u = k * m, v = u + n, kept
twice under two module names (a copy's worksheet goes by its own name, with the original's steps),
an original case and a revision of it from one made-up URL, and short articles that cite it.
"""

from __future__ import annotations

import textwrap

import pytest

from gradaudit.draft import draft
from gradaudit.draft.copies import normal_url
from gradaudit.judging.runner import run_case
from gradaudit.loading.cases import load_file

SHEET = textwrap.dedent("""\
    from gradaudit import Worksheet

    sheet = Worksheet("two steps", loss="v")


    @sheet.step
    def u(k, m):
        return k * m


    @sheet.step
    def v(u, n):
        return u + n
    """)

# exact u = 1.5 * 0.4 = 0.6 and v = 0.6 + 0.25 = 0.85 (by hand). The first version prints u = 0.66
# (no rule gives it: arithmetic, a hard finding) and v = 0.91 = 0.66 + 0.25 (inherited); the
# revision prints both right.
ORIGINALS = textwrap.dedent("""\
    - id: plain-notes-v1
      title: the first version
      source: {publisher: p, title: t, url: "https://www.example.org/notes/two-steps/"}
      reference: reference.orig_sheet:sheet
      given: {k: 1.5, m: 0.4, n: 0.25}
      claims:
        u: 0.66      # exact 0.6: no rule gives 0.66
        v: 0.91      # 0.66 + 0.25 from the printed u
      expect:
        u: arithmetic
        v: inherited
    - id: plain-notes-v2
      title: the revision
      revises: plain-notes-v1
      source: {publisher: p, title: t, url: "https://www.example.org/notes/two-steps/"}
      reference: reference.orig_sheet:sheet
      given: {k: 1.5, m: 0.4, n: 0.25}
      claims:
        u: 0.6
        v: 0.85
      expect:
        u: ok
        v: ok
    """)


def article(url_line: str, u: str, v: str) -> str:
    return textwrap.dedent(f"""\
        # Two steps, retold
        {url_line}
        We take k = 1.5, m = 0.4 and n = 0.25.
        u = k * m = 1.5 * 0.4 = {u}
        v = u + n = {u} + 0.25 = {v}
        """)


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "orig_sheet.py").write_text(SHEET, encoding="utf-8")
    (tmp_path / "reference" / "retold_sheet.py").write_text(SHEET, encoding="utf-8")  # same steps
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "plain_notes.yaml").write_text(ORIGINALS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the draft's project: the folder it runs in that holds reference/
    return tmp_path


def test_urls_compare_without_scheme_www_query_fragment_or_trailing_slash():
    same = {
        normal_url(u)
        for u in (
            "https://www.example.org/notes/two-steps/",
            "http://example.org/notes/two-steps",
            "www.EXAMPLE.org/notes/two-steps/?utm=x#part-2",
            "https://example.org/notes/two-steps/.",  # a full stop after it in a sentence
        )
    }
    assert same == {"example.org/notes/two-steps"}
    assert normal_url("https://example.org/notes/two-steps-b") != "example.org/notes/two-steps"
    assert normal_url("https://example.org/Notes/two-steps") != "example.org/notes/two-steps"  # a path's case


def test_an_article_printing_its_sources_url_copies_the_case_that_agrees(project):
    text = article("Adapted from http://example.org/notes/two-steps?ref=feed, with thanks.", "0.66", "0.91")
    (project / "retold.md").write_text(text, encoding="utf-8")
    result = draft(project / "retold.md", "reference.retold_sheet:sheet")
    assert "  copies: plain-notes-v1\n" in result.yaml
    # both cases come from that URL; v1 prints both of the draft's numbers, v2 neither
    assert "line 2 of the article prints the URL https://www.example.org/notes/two-steps/" in result.summary
    assert "2 of the draft's 2 claims print its number of the same row" in result.summary
    assert "plain-notes-v2: 0)" in result.summary
    # the verification run judges the copy against v1, as for a case written by hand
    rows = {r.quantity: r for r in result.run.rows}
    assert rows["u"].verdict == "copied" and "plain-notes-v1" in rows["u"].explanation
    # the draft, saved into the project, loads and runs with the same verdicts
    path = project / "cases" / "retold.yaml"
    path.write_text(result.yaml, encoding="utf-8")
    cases, errors = load_file(path)
    assert errors == [] and cases[0].spec.copies == "plain-notes-v1"
    saved = {r.quantity: r.verdict for r in run_case(cases[0], draws=2).rows}
    assert saved == {r.quantity: r.verdict for r in result.run.rows}


def test_of_two_revisions_the_one_whose_numbers_the_article_prints(project):
    (project / "retold.md").write_text(
        article("Source: <https://www.example.org/notes/two-steps/>", "0.6", "0.85"), encoding="utf-8"
    )
    result = draft(project / "retold.md", "reference.retold_sheet:sheet")
    assert "  copies: plain-notes-v2\n" in result.yaml
    assert "plain-notes-v1: 0)" in result.summary


def test_no_copies_without_the_url(project):
    for url_line in ("Adapted from the two-steps notes.", "See https://www.example.org/notes/two-steps-b/"):
        (project / "retold.md").write_text(article(url_line, "0.66", "0.91"), encoding="utf-8")
        result = draft(project / "retold.md", "reference.retold_sheet:sheet")
        assert "copies:" not in result.yaml and "copies" not in result.summary
        assert {r.verdict for r in result.run.rows if r.quantity == "u"} == {"arithmetic"}


def test_a_case_naming_the_drafts_own_worksheet_is_its_own_case_not_a_source(project):
    # an article that prints its own address, re-drafted with the worksheet its case names
    (project / "retold.md").write_text(
        article("https://www.example.org/notes/two-steps/", "0.66", "0.91"), encoding="utf-8"
    )
    result = draft(project / "retold.md", "reference.orig_sheet:sheet")
    assert "copies:" not in result.yaml
    assert "which names the draft's own reference reference.orig_sheet:sheet" in result.summary
