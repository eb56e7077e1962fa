"""The draft on weights named by where they connect (issue 20, `from_to`): a from-to table (a row per
source, a column per target, `| A₁ | 0.1 | 0.2 |` under `| from \\ to | H₁ | H₂ |`) and arrow names
(`w(A₁→H₁) = 0.1`), each cell the given value the worksheet multiplies its source by on the way to
its target; a row that names nothing there (`bias`) takes the one left over; the same table printed
again later holds the updated values (as `w11(new) = ...`).

The text and worksheet are made up for the test; the values are worked by hand in the comments."""

from __future__ import annotations

from helpers import write_article as _write

from gradaudit.draft import draft

MODULE = """\
    from gradaudit import Worksheet

    ws = Worksheet("two hidden, linear", loss="O")

    @ws.step(label="H₁")
    def H1(a1, u11, a2, u21, c1):
        return a1 * u11 + a2 * u21 + c1

    @ws.step(label="H₂")
    def H2(a1, u12, a2, u22, c2):
        return a1 * u12 + a2 * u22 + c2

    @ws.step
    def p1(H1, r1):
        return H1 * r1

    @ws.step
    def p2(H2, r2):
        return H2 * r2

    @ws.step(label="O")
    def O(p1, p2, r0):
        return p1 + p2 + r0
    """

# H1 = 1 (0.1) + 2 (0.3) + 0.5 = 1.2; H2 = 1 (0.2) + 2 (0.4) + 0.6 = 1.6; p1 = 1.2 (0.7) = 0.84;
# p2 = 1.6 (0.8) = 1.28; O = 0.84 + 1.28 + 0.9 = 3.02
TABLES = """\
    Inputs: A₁ = 1 and A₂ = 2.

    | from \\ to | H₁  | H₂  |
    |-----------|-----|-----|
    | A₁        | 0.1 | 0.2 |
    | A₂        | 0.3 | 0.4 |
    | bias      | 0.5 | 0.6 |

    | from \\ to | O   |
    |-----------|-----|
    | H₁        | 0.7 |
    | H₂        | 0.8 |
    | bias      | 0.9 |

    Then H₁ = 1.2 and H₂ = 1.6, and O = 0.84 + 1.28 + 0.9 = 3.02.

    | Point | A₁ | A₂ |
    |-------|----|----|
    | a     | 1  | 2  |
    | b     | 3  | 4  |
    """


def test_a_from_to_table_gives_each_weight_by_its_row_and_column(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_from_to_ref", MODULE, TABLES)
    result = draft(article, "reference.draft_from_to_ref:ws", verify=False)
    assert result.givens == {
        "a1": 1, "a2": 2,
        "u11": 0.1, "u12": 0.2, "u21": 0.3, "u22": 0.4, "c1": 0.5, "c2": 0.6,
        "r1": 0.7, "r2": 0.8, "r0": 0.9,
    }  # fmt: skip
    claims = {o.target: o.number.text for o in result.of_kind("claim")}
    assert claims == {"H1": "1.2", "H2": "1.6", "p1": "0.84", "p2": "1.28", "O": "3.02"}
    # a table of samples (its columns name given values, not steps) is no weight table: its rows
    # set nothing (a1 stays the prose's 1)


# the same net, its weights named by arrows; `v(bias→H₁)` names no source: c1, the one left over
ARROWS = """\
    Inputs: A₁ = 1 and A₂ = 2.

    - v(A₁→H₁) = 0.1, v(A₂→H₁) = 0.3, v(bias→H₁) = 0.5
    - v(A₁→H₂) = 0.2, v(A₂→H₂) = 0.4, v(bias→H₂) = 0.6
    - v(H₁→O) = 0.7, v(H₂→O) = 0.8, v(bias→O) = 0.9

    Then H₁ = 1.2 and H₂ = 1.6, and O = 0.84 + 1.28 + 0.9 = 3.02.
    """


def test_arrow_names_give_each_weight_by_its_source_and_target(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_from_to_ref", MODULE, ARROWS)
    result = draft(article, "reference.draft_from_to_ref:ws", verify=False)
    assert result.givens == {
        "a1": 1, "a2": 2,
        "u11": 0.1, "u12": 0.2, "u21": 0.3, "u22": 0.4, "c1": 0.5, "c2": 0.6,
        "r1": 0.7, "r2": 0.8, "r0": 0.9,
    }  # fmt: skip


UPDATE_MODULE = """\
    from gradaudit import Worksheet

    ws = Worksheet("labels with Unicode indices", loss="delta_H1")

    @ws.step(label="δ_H₁")
    def delta_H1(e, g1):
        return e * g1

    @ws.step(label="δ_H₂")
    def delta_H2(e, g2):
        return e * g2

    @ws.step(label="Δr₁")
    def dr1(eta, delta_H1):
        return eta * delta_H1

    @ws.step(label="r₁ baru")
    def r1_new(r1, dr1):
        return r1 + dr1
    """

# delta_H1 = -0.5 (0.25) = -0.125, printed -0.126 (wrong: bound by its label alone); delta_H2 =
# -0.5 (0.5) = -0.25; on the author's chain dr1 = 0.1 (-0.126) = -0.0126, printed as the term
# `- 0.0126`; r1_new = 0.4 - 0.0126 = 0.3874
UPDATE_TEXT = """\
    Given e = -0.5, g₁ = 0.25, g₂ = 0.5, eta = 0.1 and r₁ = 0.4.

    δ_H₁ = -0.5 · 0.25 ≈ -0.126
    δ_H₂ = -0.5 · 0.5 ≈ -0.25
    r₁ baru = 0.4 + 0.1 · (-0.126) ≈ 0.4 - 0.0126 ≈ 0.3874
    """


def test_unicode_indices_two_word_labels_and_a_subtracted_term(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_from_to_upd", UPDATE_MODULE, UPDATE_TEXT)
    result = draft(article, "reference.draft_from_to_upd:ws", verify=False)
    claims = {o.target: o.text for o in result.of_kind("claim")}
    # `δ_H₁` (read `\delta_{H1}`) names delta_H1 among two deltas; `r₁ baru` is one label, not the
    # word `baru`; `- 0.0126` is the term dr1 = -0.0126 with the minus before it
    assert claims == {"delta_H1": "-0.126", "delta_H2": "-0.25", "dr1": "-0.0126", "r1_new": "0.3874"}


SUM_MODULE = """\
    from gradaudit import Worksheet

    ws = Worksheet("a sum of products", loss="y_in")

    @ws.step
    def p1(h1, v1):
        return h1 * v1

    @ws.step
    def p2(h2, v2):
        return h2 * v2

    @ws.step(label="y(in)")
    def y_in(p1, p2):
        return p1 + p2
    """

# p1 = -0.1 (1.425) = -0.1425; p2 = 0.6 (0.5) = 0.3; y_in = 0.1575
SUM_TEXT = """\
    Given h1 = -0.1, v1 = 1.425, h2 = 0.6 and v2 = 0.5.

    y(in) = h1 * v1 + h2 * v2
    = (1.425)(-0.1) + (0.6)(0.5)
    = -0.1425 + 0.3
    = 0.1575
    """


def test_a_label_with_a_word_in_parentheses_and_factors_that_are_given_values(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_from_to_sum", SUM_MODULE, SUM_TEXT)
    result = draft(article, "reference.draft_from_to_sum:ws", verify=False)
    claims = {o.target: o.text for o in result.of_kind("claim")}
    # `y(in)` is one label (`in` no prose word there) continued over the lines that begin with `=`;
    # -0.1 on the second line is h1 exactly, a factor, not p1 = -0.1425 at one decimal
    assert claims == {"p1": "-0.1425", "p2": "0.3", "y_in": "0.1575"}
