"""Readings the draft needs on articles it was not built on (issue 20), each on a small synthetic
text against the toy worksheet of tests/test_draft.py (its exact values are listed there)."""

from __future__ import annotations

import textwrap

import pytest
from test_draft import TOY_MODULE, TOY_TEXT

from gradaudit.draft import draft


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "reference").mkdir()  # the draft resolves --reference in the project it runs in
    (tmp_path / "reference" / "draft_toy_ref.py").write_text(TOY_MODULE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_sections_under_a_deeper_heading_level_are_passages_too(project):
    # A lesson under one `#` title holds a warm-up and the example under `##` headings; its code
    # listing's comments (`# ----`, `# 1. the code`) also look like `#` headings. The `#` sections
    # (the whole lesson, the code) cannot tell the examples apart; the `##` ones can.
    body = TOY_TEXT.split("\n", 1)[1]  # without its own `#` title
    text = (
        "# A lesson\n## A warm-up\nTry it yourself with w = 0.2, x = 1 and t = 0.5.\n\n## The example\n"
        + body
        + "# ----------\n# 1. The code\n# ----------\ndef f(w):\n    return w\n"
    )
    article = project / "lesson.md"
    article.write_text(text, encoding="utf-8")
    result = draft(article, "reference.draft_toy_ref:toy", verify=False)
    assert result.givens == {"w": 0.5, "x": 2, "t": 0.9, "lr": 0.1}
    assert {o.target for o in result.of_kind("claim")} >= {"a", "y", "w_new"}
    assert "took lines 5-" in result.summary


def test_a_symbols_table_row_gives_its_name_the_value_in_its_last_cell(project):
    # `| symbol | meaning | in the example |`: the first cell names, the last gives the value;
    # two names take two values; a row whose first cell is a chain goes on into its last cell.
    text = textwrap.dedent("""\
        | Symbol | Meaning | In the example |
        |---|---|---|
        | $w$ | the weight (one knob) | 0.5 |
        | $x, t$ | the input and the target | 2, 0.9 |
        | lr | how big a step to take | 0.1 |

        | step | value |
        |---|---|
        | a = w·x | 1.0 |
        | y = σ(a) | 0.7311 |
        """)
    article = project / "symbols.md"
    article.write_text(text, encoding="utf-8")
    result = draft(article, "reference.draft_toy_ref:toy", verify=False)
    assert result.givens == {"w": 0.5, "x": 2, "t": 0.9, "lr": 0.1}
    claims = {o.target: (o.number.text, o.number.line) for o in result.of_kind("claim")}
    assert claims["a"] == ("1.0", 9) and claims["y"] == ("0.7311", 10)
    # a row that names its own numbers, or holds a digit between, is left as it is
    from gradaudit.draft.notation import normalise_line

    for row in ("| w_i | the weight | w_1 = 0.5, w_2 = 1.0 |", "| loss → y | 2(y − 5) = −1 | −1 |"):
        assert normalise_line(row) == row.replace("|", ";").replace("−", "−")


def test_a_step_printed_only_as_an_operand_is_claimed_there_when_its_value_fits(project):
    # y is printed only inside E's expression: 0.7311 is y's exact value (sigmoid(1.0) =
    # 0.731059), so it is y's claim as well as E's operand; E = 0.5 (0.731059 - 0.9)^2 = 0.0142706.
    text = "We take w = 0.5, x = 2, t = 0.9 and lr = 0.1.\n$$a = 0.5 \\cdot 2 = 1.0$$\n"
    article = project / "operand.md"
    article.write_text(text + "$$E = 0.5 (0.7311 - 0.9)^2 = 0.01427$$\n", encoding="utf-8")
    result = draft(article, "reference.draft_toy_ref:toy", verify=False)
    claims = {o.target: o.number.text for o in result.of_kind("claim")}
    assert claims == {"a": "1.0", "y": "0.7311", "E": "0.01427"}
    (y,) = [o for o in result.of_kind("claim") if o.target == "y"]
    assert "printed as E's operand y" in y.reason
    # 0.75 is neither y's exact value nor its author's chain (sigmoid of the printed a = 1.0):
    # it is no claim of y (0.5 (0.75 - 0.9)^2 = 0.01125 is E's, from its own operands)
    article.write_text(text + "$$E = 0.5 (0.75 - 0.9)^2 = 0.01125$$\n", encoding="utf-8")
    result = draft(article, "reference.draft_toy_ref:toy", verify=False)
    assert "y" not in {o.target for o in result.of_kind("claim")}
    assert [o.kind for o in result.outcomes if o.number.text == "0.75"] != ["claim"]
