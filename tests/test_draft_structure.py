"""Readings by an expression's structure (issue 20, articles nobody here has read): a negative term
written as a subtraction (`2 - 2 = 0` for p1 + p2 with p2 = -2), an unlabelled result several steps
match by value given to the one whose inputs are the numbers of one of its expressions, a label
that names nothing in the worksheet (`W_{new}` in another language) read by the step whose inputs
and value its numbers are, and a list under a caption (`**Output vector:** `[0, -0.5]``,
checks/draft/captions.py). A synthetic worksheet and text; the values are worked by hand below."""

from __future__ import annotations

from helpers import write_article as _write

from gradaudit.draft import draft

MODULE = """\
    import jax.numpy as jnp

    from gradaudit import Worksheet, grad, update

    ws = Worksheet("products", loss="L")
    ws.step(lambda u, a: u * a, name="pa")
    ws.step(lambda v, b: v * b, name="pb")
    ws.step(lambda pa, pb: pa + pb, name="s")
    ws.step(lambda x3, b: x3 * b, name="pc")
    ws.step(lambda s, a, b: jnp.stack([s, a + b]), name="out", label="Output vector")
    ws.step(lambda s, t: (s - t) ** 2, name="L")
    ws.step(lambda s, t: 2 * (s - t), name="dL_ds", label="dL/ds", means=grad("L", wrt="s"))
    ws.step(lambda dL_ds, u: dL_ds * u, name="g_a", label="g_a", means=grad("L", wrt="a"))
    ws.step(lambda a, lr, g_a: a - lr * g_a, name="a_new", label="a^+", means=update("a", lr="lr"))
    """

# a = 0.5, u = 4, b = -1, v = 2, x3 = 0, t = 1, lr = 0.1 (by hand): pa = 4 x 0.5 = 2, pb = 2 x -1 =
# -2, s = 2 - 2 = 0, pc = 0 x -1 = 0 (so 0 is s's value and pc's), out = [s, a + b] = [0, -0.5];
# L = (0 - 1)^2 = 1, dL/ds = 2 (0 - 1) = -2, g_a = -2 x 4 = -8, a+ = 0.5 - 0.1 x -8 = 1.3.
GIVENS = "Take a = 0.5, u = 4, b = -1, v = 2, x_3 = 0, t = 1 and lr = 0.1.\n\n"
SUM = "$$(4 \\times 0.5) + (2 \\times -1) = 2 - 2 = 0$$\n\n"
REST = "$$dL/ds = 2 \\times (0 - 1) = -2$$\n\n$$g_a = (-2) \\times 4 = -8$$\n\n"
UPDATE = "$$k_{neu} = 0.5 - (0.1 \\times -8) = 1.3$$\n\n"
CAPTION = "$\\Rightarrow$ **Output vector:** `[0, -0.5]`\n"


def _claims(tmp_path, monkeypatch, text: str, ref: str) -> dict[str, str]:
    article = _write(tmp_path, monkeypatch, ref, MODULE, text)
    result = draft(article, f"reference.{ref}:ws", verify=False)
    assert result.needed == [], result.given_source
    return {o.target: o.text or o.number.text for o in result.of_kind("claim")}  # as the case writes it


def test_a_negative_term_written_as_a_subtraction_and_the_step_whose_inputs_they_are(tmp_path, monkeypatch):
    # 0 is s's value and pc's: the second expression's numbers, 2 and -2 (written `- 2`), are s's
    # inputs pa and pb, one each, and no other step's; so s, and pa, pb as its operands' claims
    claims = _claims(tmp_path, monkeypatch, GIVENS + SUM, "draft_struct_sum_ref")
    assert claims == {"s": "0", "pa": "2", "pb": "-2"}


def test_without_a_negative_term_nothing_singles_out_a_step(tmp_path, monkeypatch):
    # `2 + 2 = 0` is no sum of pa and pb, nor anything else: 0 stays for a person, no claim on s
    text = GIVENS + SUM.replace("= 2 - 2 = 0", "= 2 + 2 = 0")
    claims = _claims(tmp_path, monkeypatch, text, "draft_struct_plus_ref")
    assert "s" not in claims and "pb" not in claims


def test_a_label_that_names_nothing_is_read_by_its_numbers_structure(tmp_path, monkeypatch):
    # `k_{neu}` names no step; 0.5, 0.1 and -8 are a, lr and g_a, a+'s inputs, and 1.3 its value
    claims = _claims(tmp_path, monkeypatch, GIVENS + REST + UPDATE, "draft_struct_label_ref")
    assert claims["a_new"] == "1.3" and claims["g_a"] == "-8"
    # a label that names nothing over numbers that are no step's inputs stays unbound
    text = GIVENS + REST + "$$k_{neu} = 0.5 - (0.3 \\times -8) = 2.9$$\n\n"
    assert "a_new" not in _claims(tmp_path, monkeypatch, text, "draft_struct_label2_ref")


def test_a_list_under_a_caption_binds_element_by_element(tmp_path, monkeypatch):
    claims = _claims(tmp_path, monkeypatch, GIVENS + SUM + CAPTION, "draft_struct_caption_ref")
    assert claims["out[0]"] == "0" and claims["out[1]"] == "-0.5"
    # a caption that names no step: the list stays prose
    text = GIVENS + SUM + CAPTION.replace("Output vector", "Khởi tạo")
    claims = _claims(tmp_path, monkeypatch, text, "draft_struct_caption2_ref")
    assert not any(k.startswith("out") for k in claims)
