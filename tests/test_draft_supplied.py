"""Given values supplied by a case (`gradaudit draft --given`, checks/draft/supplied.py): the draft
reads the part of the article that states them, so supplying the values the text states costs no
binding the text alone makes. Synthetic articles; the values are worked by hand in the comments."""

from __future__ import annotations

from helpers import draft_claims
from helpers import write_article as _write

from gradaudit.draft import draft

MODULE = """\
    from gradaudit.core.vocab import Worksheet, grad, update

    ws = Worksheet("supplied", loss="E")

    @ws.step
    def a(w, x):
        return w * x

    @ws.step
    def E(a, t):
        return 0.5 * (a - t) ** 2

    @ws.step(label="dE/dw", means=grad("E", wrt="w"))
    def dE_dw(a, t, x):
        return (a - t) * x

    @ws.step(label="w(new)", means=update("w", lr="lr"))
    def w_new(w, lr, dE_dw):
        return w - lr * dE_dw
    """

SOURCE = 'source: {publisher: p, title: t, url: "https://www.example.org/notes/"}'


def _case(tmp_path, **given) -> str:
    """A case file supplying `given` (its one claim is not what the test reads); its `--given` spec."""
    values = ", ".join(f"{k}: {v}" for k, v in given.items())
    (tmp_path / "hand.yaml").write_text(
        f"- id: hand\n  title: hand\n  {SOURCE}\n  reference: reference.supplied_ref:ws\n"
        f"  given: {{{values}}}\n  claims:\n    a: 1.0\n",
        encoding="utf-8",
    )
    return f"{tmp_path / 'hand.yaml'}::hand"


# w = 0.5, x = 2, t = 0.4, lr = 0.1: a = 1.0 (printed 1.1, a slip), E = 0.18 (printed 0.26: the
# author's chain 0.5 x 0.7^2 = 0.245 does not give it either), dE/dw = 0.6 x 2 = 1.2,
# w(new) = 0.5 - 0.12 = 0.38. The last line restates w at its new value: the sections state w
# with two values, so the draft weighs its passages.
RESTATED = """\
    # One weight, one step

    ## Setup
    We take w = 0.5, x = 2, t = 0.4 and a learning rate lr = 0.1.

    ## Forward
    $$a = w x = 0.5 \\times 2 = 1.1$$
    $$E = \\frac{1}{2}(1.1 - 0.4)^2 = 0.26$$

    ## Backward
    $$dE/dw = (1.0 - 0.4) \\times 2 = 1.2$$

    ## Update
    $$w(new) = 0.5 - 0.1 \\times 1.2 = 0.38$$
    So now w = 0.38.
    """


def test_supplied_values_the_text_states_read_the_passage_the_text_alone_reads(tmp_path, monkeypatch):
    # From the text, the whole article (w: 0.5 at line 4, 0.38 only restated at line 16). With the
    # same values supplied, every passage is read at them: the Update section alone binds w(new) and
    # no wrong number, the whole article two wrong ones (1.1, 0.26); by that fit alone the draft
    # took the Update section and lost a, E and dE/dw. The whole article states all four supplied
    # values as supplied, the Update section w otherwise: the whole article is read.
    article = _write(tmp_path, monkeypatch, "supplied_ref", MODULE, RESTATED)
    from_text = draft(article, "reference.supplied_ref:ws", verify=False)
    given = _case(tmp_path, w=0.5, x=2, t=0.4, lr=0.1)
    supplied = draft(article, "reference.supplied_ref:ws", given_case=given, verify=False)
    claims = {"a": "1.1", "E": "0.26", "dE_dw": "1.2", "w_new": "0.38"}
    assert draft_claims(from_text) == claims
    assert draft_claims(supplied) == claims
    assert "several examples" not in supplied.summary


# The first example as above but right (a = 1.0, E = 0.5 x 0.6^2 = 0.18); the second at w = 1.5,
# x = 1, t = 0.5: a = 1.5, E = 0.5 x 1^2 = 0.5, dE/dw = 1.0 x 1 = 1.0, w(new) = 1.5 - 0.1 = 1.4.
TWICE = """\
    # One weight, one step, twice

    ## First example
    We take w = 0.5, x = 2, t = 0.4 and a learning rate lr = 0.1.
    $$a = w x = 0.5 \\times 2 = 1.0$$
    $$E = \\frac{1}{2}(1.0 - 0.4)^2 = 0.18$$
    $$dE/dw = (1.0 - 0.4) \\times 2 = 1.2$$
    $$w(new) = 0.5 - 0.1 \\times 1.2 = 0.38$$

    ## Second example
    Now w = 1.5, x = 1, t = 0.5 and lr = 0.1.
    $$a = w x = 1.5 \\times 1 = 1.5$$
    $$E = \\frac{1}{2}(1.5 - 0.5)^2 = 0.5$$
    $$dE/dw = (1.5 - 0.5) \\times 1 = 1.0$$
    $$w(new) = 1.5 - 0.1 \\times 1.0 = 1.4$$
    """


def test_supplied_values_keep_the_printing_that_states_them(tmp_path, monkeypatch):
    # From the text, each printing is drafted at its own values. With one example's values
    # supplied, the printing that states them all as supplied is drafted (at the supplied values),
    # the other not: before, no printing was drafted with --given at all.
    article = _write(tmp_path, monkeypatch, "supplied_ref", MODULE, TWICE)
    from_text = draft(article, "reference.supplied_ref:ws", verify=False)
    assert [p.passage.first for p in from_text.printings] == [4, 11]
    second = {"a": "1.5", "E": "0.5", "dE_dw": "1.0", "w_new": "1.4"}
    given = _case(tmp_path, w=1.5, x=1, t=0.5, lr=0.1)
    supplied = draft(article, "reference.supplied_ref:ws", given_case=given, verify=False)
    (printing,) = supplied.printings
    assert printing.passage.first == 11 and printing.givens == {"w": 1.5, "x": 1, "t": 0.5, "lr": 0.1}
    assert {k: o.number.text for k, o in printing.claims.items()} == second
    assert draft_claims(supplied) == second  # the main draft reads the second example's section
    assert "4 of the given values supplied are stated there (0 otherwise)" in supplied.summary
    # values stated nowhere as supplied (w = 0.7): no printing states them
    given = _case(tmp_path, w=0.7, x=1, t=0.5, lr=0.1)
    assert draft(article, "reference.supplied_ref:ws", given_case=given, verify=False).printings == []


def test_agreement_counts_values_stated_otherwise_and_the_same():
    from gradaudit.draft.supplied import agreement

    supplied = {"w": 0.5, "X": [[1, 2], [3, 4]], "lr": None}
    # X stated flat with the same elements agrees; lr is not supplied, so it does not count
    assert agreement(supplied, {"w": "0.5", "X": "[1, 2, 3, 4]", "lr": "0.1"}) == (0, 2)
    assert agreement(supplied, {"w": 0.38, "X": [1, 2, 3]}) == (-2, 0)
    assert agreement(supplied, {}) == (0, 0)

