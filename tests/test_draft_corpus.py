"""The draft against the hand-written corpus cases (issue 20), from the article's text alone.

For every case in cases/ whose article is in cases/texts/, the share of its claim rows the draft
binds to the same step with the same printed value (tests/draft_corpus.py; the table by hand:
`.venv/bin/python tests/draft_corpus.py [--verdicts]`; an article that prints its example several
times is drafted once per printing too, and each case is compared with the draft that agrees with
it best). The floors are what the draft reaches today (391 of 399 rows, 3 claims the cases do not
make, 387 rows with the case's verdict, measured with that command); a change that loses
agreement, or binds more numbers to steps the cases do not give them, fails here. Per tutorial
(all cases of one article together: `tests/draft_corpus.py --tutorials`, the table in README) every
article agrees on at least 80% of its rows, and the draft's counts of its printed numbers add up.

Per article, the matrix and vector ones (kaifeng 44 of 44, geoj 33 of 33, of which 5 through the
spellings geoj's reference gives grads['b2'] ... as its notebook's prose writes them), the table
of iterations (studyx 16 of 16) and the scalar ones keep their own floors below.

deepml's one text holds eight printings of the example and tests (an example, test calls and their
printed tuples, a test function, JSON); drafted as one, it bound the numbers of whichever
printing it met first. Each printing is now drafted on its own (checks/draft/printings.py), its
inputs read from the call of the problem's own function and its outputs named by that function's
return statement (checks/draft/calls.py): all 48 rows, 47 with the case's verdict.

sghosh_neuron, abdulrehman_bp222 and pythonandml_numerical were added after the draft work of
292 of 382 began and were held out from it: 9 of 12, 14 of 45 and 0 of 48 then (their given values
were not found: `learning rate (eta) = 0.1`, `w1, w2 = 0.20, 0.25` in code, `W_1 =
\\begin{bmatrix} ...` over several lines). Read by general mechanisms, each with a test on a
synthetic text (tests/test_draft_printouts.py), they reach 12 of 12, 45 of 45 and 48 of 48, every
row with the case's verdict; no other article lost a row.

mathse_backprop_check was added while that last work ran and held out from all of it: 0 of 2, its
given values said only in prose ("With all the weights set to 0.5, all the biases set to 1, and
the input set to 1"), which no mechanism read. sreekanth_tiny_bce was added after all the draft
work, held out from it too: 15 of 15 rows, 13 with the case's verdict (its learning rate, "With a
learning rate of `0.1`", was not found, so the two updates were not verified). Given values said in
words for a family of them (checks/draft/wording.py) and a number alone in backticks, each tested on
synthetic texts (tests/test_draft_wording.py), bring them to 2 of 2 and 15 of 15, every row with
the case's verdict (no other row moved).

gmyhf_gfg_copy bound all 22 of its case's rows but gave 7 of them the case's verdict: its case
declares `copies: geeksforgeeks-2025-07-01` (DESIGN row 3b), which the draft could not know. The
article prints GeeksforGeeks' URL, the source URL of that case; a draft now proposes `copies:` the
case of its project whose source URL the article prints (checks/draft/copies.py, tested on a
synthetic project in tests/test_draft_copies.py), and its run takes it into account: 22 of 22, and
355 -> 370 rows with the case's verdict over the corpus (no other row moved).
"""

from __future__ import annotations

import os

import pytest
from draft_corpus import ROOT, agreement, corpus_cases, tutorial_table, tutorials


@pytest.fixture(scope="module")
def pairs():
    return corpus_cases()


@pytest.fixture(scope="module")
def table(pairs):
    here = os.getcwd()
    os.chdir(ROOT)  # the draft resolves --reference in the project it runs in
    try:
        return [agreement(case, text) for case, text in pairs]
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def by_tutorial(pairs, table):
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return tutorials(pairs, table)
    finally:
        os.chdir(here)


# Articles held out from every draft change so far, with why they are below 80% (measured, not a goal)
HELD_OUT: dict[str, str] = {}


def test_every_tutorial_agrees_on_four_in_five_rows_and_its_counts_add_up(by_tutorial, table):
    assert len(by_tutorial) == 15  # the articles of cases/texts/
    assert sum(t.rows for t in by_tutorial) == sum(a.claims for a in table)
    assert sum(t.same for t in by_tutorial) == sum(a.same for a in table)
    for t in by_tutorial:
        if t.text not in HELD_OUT:
            assert t.same >= 0.8 * t.rows, t  # the "done when", per tutorial
        assert t.claims + t.other + t.constants + t.for_a_person + t.unbound == t.printed, t
    lines = tutorial_table(by_tutorial).splitlines()
    assert len(lines) == 2 + 15 + 1 and lines[-1].startswith("| all |")


def test_the_corpus_agreement_holds_its_floor(table):
    claims = sum(a.claims for a in table)
    same = sum(a.same for a in table)
    assert claims == 399  # the corpus's claim rows (a new case changes this: re-measure the floors)
    assert same / claims >= 391 / 399, [(a.case, a.same, a.claims) for a in table]
    assert sum(a.wrong for a in table) <= 3, [(a.case, a.wrong) for a in table if a.wrong]


def test_every_scalar_article_agrees_somewhere(table):
    # The articles whose steps hold single numbers: each draft binds most of its case's rows.
    by_case = {a.case: a for a in table}
    for case in ("adilce-toy-sigmoid", "gmyhf-gfg-copy-2025-07-27", "postnetwork-softmax", "mahfuzar-sgd"):
        assert by_case[case].fraction >= 0.7, by_case[case]


def test_each_tutorial_holds_its_floor(table):
    # per article (all its cases together), the rows bound today, with the command above
    floors = {"deepml-neuron": 48, "vetea-neurona": 13, "mahfuzar-sgd": 32, "adilce-toy": 23, "aiprimer": 29}
    for prefix, floor in floors.items():
        got = sum(a.same for a in table if a.case.startswith(prefix))
        assert got >= floor, (
            prefix,
            got,
            [(a.case, a.same, a.claims) for a in table if a.case.startswith(prefix)],
        )


def test_the_matrix_and_vector_articles_hold_their_floors(table):
    # measured with tests/draft_corpus.py (no --given): every given value is found in the text
    by_case = {a.case: a for a in table}
    floors = {
        "kaifeng-bp221": 44,
        "geoj-cs231n-twolayer": 33,
        "postnetwork-softmax": 9,
        "gmyhf-gfg-copy-2025-07-27": 22,
        "studyx-gd-ten-updates": 16,
        # held out from the work that reached 292 of 382 (see the module's docstring)
        "pythonandml-numerical": 48,
        "abdulrehman-bp222": 45,
        "sghosh-neuron": 12,
    }
    for case, floor in floors.items():
        a = by_case[case]
        assert a.same >= floor and not a.note, a  # (claims the case lacks: the total's floor above)


def test_the_copy_gets_its_cases_verdicts(pairs):
    # measured with tests/draft_corpus.py --verdicts: 7 of 22 before the draft proposed `copies:`
    ((case, text),) = [(c, t) for c, t in pairs if c.spec.id == "gmyhf-gfg-copy-2025-07-27"]
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        a = agreement(case, text, verdicts=True)
    finally:
        os.chdir(here)
    assert a.same == 22 and a.same_verdict == 22, a


@pytest.mark.parametrize("case_id, rows", [("mathse-backprop-check", 2), ("sreekanth-tiny-bce", 15)])
def test_the_held_out_articles_get_their_cases_verdicts(pairs, case_id, rows):
    # measured with tests/draft_corpus.py --verdicts: 0 of 2 and 13 of 15 before wording.py read
    # their given values ("all the weights set to 0.5", "a learning rate of `0.1`")
    ((case, text),) = [(c, t) for c, t in pairs if c.spec.id == case_id]
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        a = agreement(case, text, verdicts=True)
    finally:
        os.chdir(here)
    assert a.same == rows and a.same_verdict == rows, a
