"""Readings the draft needs on articles it was not built on (issue 20), each on a small synthetic
text against the toy worksheet of tests/test_draft.py (its exact values are listed there) or the
small training loop below."""

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


def test_one_heading_after_an_example_splits_the_article_into_two_passages(project):
    # A notebook works its first example under no heading and its second under the one heading of
    # the article. The worksheet is the second's (the toy): its x (2) is read there, not from the
    # first example's "x = 1" printed above it, and so are the claims its chain makes. The first
    # example is another network (a tanh unit: w = 0.3, x = 1, a = 0.3, y = tanh(0.3) = 0.291313),
    # whose y fits no value of the toy's.
    first = (
        "Let's work a first example. We start from the weight w = 0.3 with input x = 1.\n"
        "$$a = w \\times x = 0.3 \\times 1 = 0.3$$\n$$y = \\tanh(0.3) = 0.2913$$\n\n"
    )
    body = TOY_TEXT.split("\n", 1)[1]  # the toy without its own `#` title
    article = project / "notebook.md"
    article.write_text(first + "# Example 2 - the toy\n" + body, encoding="utf-8")
    result = draft(article, "reference.draft_toy_ref:toy", verify=False)
    assert result.givens == {"w": 0.5, "x": 2, "t": 0.9, "lr": 0.1}, result.given_source
    claims = {o.target: o.number.text for o in result.of_kind("claim")}
    assert claims["a"] == "1.0" and claims["y"] == "0.73", claims
    assert "took lines 5-" in result.summary and "Example 2" in result.summary, result.summary
    # a title heading on the first line, with nothing before it, splits nothing: the passage is
    # then where w is given again (the reading of the test below)
    article.write_text("# Two examples\n" + first + body, encoding="utf-8")
    summary = draft(article, "reference.draft_toy_ref:toy", verify=False).summary
    assert "took lines 6-" in summary and "from where w is given again" in summary, summary


def test_with_no_heading_a_given_value_given_again_differently_starts_the_next_example(project):
    # The same two examples with no heading between them: the second starts at the paragraph that
    # gives w again with another value (0.5 after 0.3), and the toy's is read from there.
    first = (
        "Let's work a first example. We start from the weight w = 0.3 with input x = 1.\n"
        "$$a = w \\times x = 0.3 \\times 1 = 0.3$$\n$$y = \\tanh(0.3) = 0.2913$$\n\n"
    )
    body = TOY_TEXT.split("\n", 1)[1]
    article = project / "no_heading.md"
    article.write_text(first + "Now a second example, the toy.\n" + body, encoding="utf-8")
    result = draft(article, "reference.draft_toy_ref:toy", verify=False)
    assert result.givens == {"w": 0.5, "x": 2, "t": 0.9, "lr": 0.1}, result.given_source
    assert "took lines 5-" in result.summary and "w is given again" in result.summary, result.summary
    # an updated weight stated below ("w = 0.4933") splits the toy too, but its whole reading binds
    # more: no passage is taken
    article.write_text(TOY_TEXT + "So now w = 0.4933.\n", encoding="utf-8")
    assert "took lines" not in draft(article, "reference.draft_toy_ref:toy", verify=False).summary


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


LOOP_MODULE = textwrap.dedent("""\
    from gradaudit.core.vocab import Worksheet, grad, update

    loop = Worksheet("loop", loss="E_1")

    def loss(w):
        return (w - 3.0) ** 2

    def slope(w):
        return 2 * (w - 3.0)

    def step(w, lr, g):
        return w - lr * g

    prev = "w0"
    for k in (1, 2, 3):
        loop.step(loss, name=f"E_{k}", label=f"losses[{k - 1}]", group="losses", inputs=[prev])
        loop.step(slope, name=f"g_{k}", label="slope", means=grad(f"E_{k}", wrt=prev), inputs=[prev])
        loop.step(step, name=f"w_{k}", label=f"w after {k}", group="weights", aka=["final_w"],
                  means=update(prev, lr="lr", loss=f"E_{k}"), inputs=[prev, "lr", f"g_{k}"])
        prev = f"w_{k}"
    """)
# Exact values (by hand, python3 as a calculator): from w0 = 0, lr = 0.25: E_1 = 9, w_1 = 1.5,
# E_2 = 2.25, w_2 = 2.25, E_3 = 0.5625, w_3 = 2.625. From w0 = 1: E_1 = 4, w_1 = 2, E_2 = 1, w_2 = 2.5.


@pytest.fixture
def loop(project):
    (project / "reference" / "draft_loop_ref.py").write_text(LOOP_MODULE, encoding="utf-8")
    return project


def test_a_list_binds_element_by_element_to_the_steps_its_indexed_label_names(loop):
    # `losses = [9, 2.3]`: the steps are labelled losses[0], losses[1]; 2.3 is wrong (E_2 = 2.25)
    # and still E_2's, by its label
    article = loop / "list.md"
    article.write_text("We start from w0 = 0 with lr = 0.25.\nlosses = [9, 2.3]\n", encoding="utf-8")
    result = draft(article, "reference.draft_loop_ref:loop", verify=False)
    assert {o.target: o.number.text for o in result.of_kind("claim")} == {"E_1": "9", "E_2": "2.3"}


def test_a_runs_final_value_takes_the_iteration_its_history_reports(loop):
    # final_w fits w_1, w_2, w_3; the same line prints two losses (E_1, E_2), so it is w_2's, also
    # when it equals w_1's value (1.5) or no step's (2.3)
    article = loop / "run.md"
    for printed in ("1.5", "2.3"):
        text = f"We start from w0 = 0 with lr = 0.25.\noutput: final_w = {printed}, losses = [9, 2.25]\n"
        article.write_text(text, encoding="utf-8")
        result = draft(article, "reference.draft_loop_ref:loop", verify=False)
        claims = {o.target: o.number.text for o in result.of_kind("claim")}
        assert claims == {"w_2": printed, "E_1": "9", "E_2": "2.25"}, claims


def test_a_call_of_the_articles_function_and_the_tuple_it_prints_are_its_input_and_output(loop):
    # `def train(w0, lr, epochs)` returning `final_w, losses`; a call with numbers is the input,
    # the printed tuple after it the output, named by the return statement
    text = textwrap.dedent("""\
        def train(w0, lr, epochs):
            losses = []
            return final_w, losses
        print(train(0, 0.25, 2))
        (2.25, [9, 2.25])
        """)
    article = loop / "code.md"
    article.write_text(text, encoding="utf-8")
    result = draft(article, "reference.draft_loop_ref:loop", verify=False)
    assert result.givens == {"w0": 0, "lr": 0.25}
    assert {o.target: o.number.text for o in result.of_kind("claim")} == {
        "w_2": "2.25",
        "E_1": "9",
        "E_2": "2.25",
    }
    # test code: the call's arguments assigned just above it are its input
    text = textwrap.dedent("""\
        def train(w0, lr, epochs):
            return final_w, losses
        def test():
            w0 = 0.0
            lr = 0.25
            epochs = 2
            expected = (2.25, [9, 2.25])
            assert train(w0, lr, epochs) == expected
        """)
    article.write_text(text, encoding="utf-8")
    result = draft(article, "reference.draft_loop_ref:loop", verify=False)
    assert result.givens == {"w0": 0.0, "lr": 0.25}
    assert {o.target for o in result.of_kind("claim")} == {"w_2", "E_1", "E_2"}


def test_each_printing_of_the_example_is_drafted_on_its_own(loop):
    # the example twice, with its own given values each time: each printing's claims are its own
    text = textwrap.dedent("""\
        Example: input: w0 = 0, lr = 0.25 ; output: final_w = 2.25, losses = [9, 2.25] ;
        A test: input: w0 = 1, lr = 0.25 ; output: final_w = 2.5, losses = [4, 1] ;
        """)
    article = loop / "twice.md"
    article.write_text(text, encoding="utf-8")
    result = draft(article, "reference.draft_loop_ref:loop", verify=False)
    got = [
        (p.passage.first, p.givens, {t: o.number.text for t, o in p.claims.items()}) for p in result.printings
    ]
    assert got == [
        (1, {"w0": 0, "lr": 0.25}, {"w_2": "2.25", "E_1": "9", "E_2": "2.25"}),
        (2, {"w0": 1, "lr": 0.25}, {"w_2": "2.5", "E_1": "4", "E_2": "1"}),
    ]
    # the draft holds a case per printing, after the whole article's, and loads as a case file
    from gradaudit.loading.cases import load_file

    (project_file := loop / "twice.yaml").write_text(result.yaml, encoding="utf-8")
    cases, errors = load_file(project_file)
    assert errors == [] and [c.spec.id for c in cases] == [
        "draft-twice",
        "draft-twice-line1",
        "draft-twice-line2",
    ]
    assert (
        cases[2].spec.given == {"w0": 1, "lr": 0.25} and "case draft-twice-line2, 3 claims" in result.summary
    )


LATER_MODULE = textwrap.dedent("""\
    from gradaudit.core.vocab import Worksheet

    later = Worksheet("later", loss="E")

    @later.step
    def a(w, x):
        return w * x

    @later.step(label="w (new)")
    def w_new(w, lr):
        return w - lr

    later.step(name="a_new", label="a (new)", inputs=["w_new", "x"])(a)

    @later.step
    def E(a_new):
        return a_new ** 2
    """)


def test_a_label_printed_again_after_an_update_is_the_later_pass_it_matches(project):
    # a = 3 * 2 = 6, then w(new) = 3 - 1 = 2 and `a = 2 * 2 = 4.0` again: a is printed 6 above and
    # a_new (labelled `a (new)`) is exactly 4 (by hand), so 4.0 is a_new's; a wrong 5.0 is not
    (project / "reference" / "draft_later_ref.py").write_text(LATER_MODULE, encoding="utf-8")
    article = project / "later.md"
    text = "Take w = 3, x = 2 and lr = 1.\n$$a = 3 \\cdot 2 = 6$$\n$$w(new) = 3 - 1 = 2$$\n"
    article.write_text(text + "$$a = 2 \\cdot 2 = 4.0$$\n", encoding="utf-8")
    result = draft(article, "reference.draft_later_ref:later", verify=False)
    claims = {o.target: o for o in result.of_kind("claim")}
    assert claims["a"].number.text == "6" and claims["a_new"].number.text == "4.0"
    assert "labelled as a after an update" in claims["a_new"].reason
    article.write_text(text + "$$a = 2 \\cdot 2 = 5.0$$\n", encoding="utf-8")
    result = draft(article, "reference.draft_later_ref:later", verify=False)
    assert "a_new" not in {o.target for o in result.of_kind("claim")}


def test_the_articles_table_of_symbols_names_a_number_in_prose(project):
    # w = 1.25, x = 2, lr = 0.75 (by hand): a = 2.5, w_new = 0.5, a_new = 1.0, E = 1.0. "the new
    # product is 1.0" fits a_new and E by value; the table calls a "the product", so it is a's
    # later pass a_new
    (project / "reference" / "draft_later_ref.py").write_text(LATER_MODULE, encoding="utf-8")
    article = project / "glossary.md"
    table = "| Symbol | Meaning | Value |\n|---|---|---|\n| a | the product | 2.5 |\n\n"
    prose = "Take w = 1.25, x = 2 and lr = 0.75.\nAfter one step the new product is 1.0.\n"
    article.write_text(table + prose, encoding="utf-8")
    result = draft(article, "reference.draft_later_ref:later", verify=False)
    (o,) = [o for o in result.outcomes if o.number.text == "1.0"]
    assert o.kind == "claim" and o.target == "a_new", o
    assert "'product' is what the article's table of symbols calls a" in o.reason
    article.write_text(prose, encoding="utf-8")  # without the table: a person chooses
    result = draft(article, "reference.draft_later_ref:later", verify=False)
    (o,) = [o for o in result.outcomes if o.number.text == "1.0"]
    assert o.kind == "ambiguous" and set(o.candidates) == {"a_new", "E"}


def test_the_value_after_an_arrow_updates_what_is_before_it(project):
    # `w \to 0.4933`: the given w's one update step is w_new (exact 0.506643, tests/test_draft.py);
    # the printed 0.4933 fits no rule and is still w_new's, by the arrow
    article = project / "arrow.md"
    text = "We start from w = 0.5, x = 2, t = 0.9 and lr = 0.1.\n- \\(w \\to 0.4933\\)\n"
    article.write_text(text, encoding="utf-8")
    result = draft(article, "reference.draft_toy_ref:toy", verify=False)
    (o,) = [o for o in result.outcomes if o.number.text == "0.4933"]
    assert o.kind == "claim" and o.target == "w_new" and "after an arrow from w" in o.reason
    # `6.0 → 4.5`: a is printed 6.0 just before the arrow; its later pass `a (new)` is exactly 4 (by hand,
    # w = 3, x = 2, lr = 1): 4.5 is a_new's, judged by the runner
    (project / "reference" / "draft_later_ref.py").write_text(LATER_MODULE, encoding="utf-8")
    text = "Take w = 3, x = 2 and lr = 1.\n$$a = 3 \\cdot 2 = 6.0$$\nThe product goes from 6.0 → 4.5.\n"
    article.write_text(text, encoding="utf-8")
    result = draft(article, "reference.draft_later_ref:later", verify=False)
    (o,) = [o for o in result.outcomes if o.number.text == "4.5"]
    assert o.kind == "claim" and o.target == "a_new" and "after an arrow from a" in o.reason
