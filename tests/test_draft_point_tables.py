"""The draft on data given as a table with a row per point (issue 20, `point_tables`): under a header
that names a quantity per column (`| Sample | $u$ | $v$ |`), the row of point `p` holds u and v at p,
the worksheet's given values u_p and v_p; a column of computed values (`$\\hat{v}$`) names no given
value and is left to the binder.

The text and worksheet are made up for the test; the values are worked by hand in the comments."""

from __future__ import annotations

from helpers import write_article as _write

from gradaudit.draft import draft

MODULE = """\
    from gradaudit import Worksheet

    ws = Worksheet("a line through three points", loss="L")

    for p in "pqr":
        ws.step(lambda w, u, c: w * u + c, name=f"vhat_{p}", label="\\\\hat{v}", inputs=["w", f"u_{p}", "c"])
        ws.step(lambda v, vhat: v - vhat, name=f"e_{p}", label="v-\\\\hat{v}", inputs=[f"v_{p}", f"vhat_{p}"])

    @ws.step(label="L")
    def L(e_p, e_q, e_r):
        return (e_p**2 + e_q**2 + e_r**2) / 3
    """

# w = 1, c = 2: vhat = 1 + 2 = 3, 2 + 2 = 4, 4 + 2 = 6; e = 5 - 3 = 2, 7 - 4 = 3, 8 - 6 = 2;
# L = (4 + 9 + 4) / 3 = 5.667
TEXT = """\
    # Data

    | Sample | $u$ | $v$ |
    |--------|-----|-----|
    | p      | 1   | 5   |
    | q      | 2   | 7   |
    | r      | 4   | 8   |

    We start from w = 1 and c = 2.

    | Sample | $u$ | $\\hat{v}$ | $v-\\hat{v}$ |
    |--------|-----|-----------|-------------|
    | p      | 1   | 3         | 2           |
    | q      | 2   | 4         | 3           |
    | r      | 4   | 6         | 2           |

    The loss is L = 5.667.
    """


def test_a_table_with_a_row_per_point_gives_each_points_values(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_points_ref", MODULE, TEXT)
    result = draft(article, "reference.draft_points_ref:ws", verify=False)
    assert result.givens == {"w": 1, "c": 2, "u_p": 1, "u_q": 2, "u_r": 4, "v_p": 5, "v_q": 7, "v_r": 8}
    claims = {o.target: o.number.text for o in result.of_kind("claim")}
    assert claims["L"] == "5.667"
    assert result.given_source["v_q"].startswith("line 6: ")  # the row of point q


def test_a_table_whose_rows_name_no_given_value_is_left_as_printed(tmp_path, monkeypatch):
    # the same table with rows 1, 2, 3: u_1 is no given value of this worksheet, so nothing is read
    text = TEXT.replace("| p      |", "| 1      |").replace("| q      |", "| 2      |")
    text = text.replace("| r      |", "| 3      |")
    article = _write(tmp_path, monkeypatch, "draft_points_ref", MODULE, text)
    result = draft(article, "reference.draft_points_ref:ws", verify=False)
    assert result.needed == ["u_p", "v_p", "u_q", "v_q", "u_r", "v_r"]


def test_a_program_list_named_by_the_points_stem_gives_each_points_value(tmp_path, monkeypatch):
    # the data as a program sets them; `U` is no given value, u_p, u_q, u_r are (the case aside)
    text = TEXT.split("We start")[0].split("| Sample")[0] + "```python\nU = np.array([1, 2, 4])\n"
    text += "V = np.array([5, 7, 8])\n```\n\nWe start" + TEXT.split("We start")[1]
    article = _write(tmp_path, monkeypatch, "draft_points_ref", MODULE, text)
    result = draft(article, "reference.draft_points_ref:ws", verify=False)
    assert result.givens == {"w": 1, "c": 2, "u_p": 1, "u_q": 2, "u_r": 4, "v_p": 5, "v_q": 7, "v_r": 8}
    assert "element by element" in result.given_source["v_r"]


# A guess before the run: the worksheet keeps the guessed line as w_try, c_try (`<name>_<word>`), the
# run's start as w, c; the text calls both w and c.
GUESS_MODULE = """\
    from gradaudit import Worksheet

    ws = Worksheet("a guess, then a start", loss="E")

    @ws.step(label="G")
    def G(w_try, u, c_try):
        return w_try * u + c_try

    @ws.step(label="P")
    def P(w, u, c):
        return w * u + c

    @ws.step(label="E")
    def E(v, P):
        return (v - P) ** 2

    @ws.step(label="Q")
    def Q(P, u):
        return P * u + 0.5
    """

# the guess w = 2, c = 1 at u = 3: G = 2 (3) + 1 = 7; the start w = 0.5, c = 0.25: P = 1.5 + 0.25 =
# 1.75, E = (5 - 1.75)^2 = 10.5625, Q = 1.75 (3) + 0.5 = 5.75
GUESS = """\
    Say w = 2 and c = 1: with u = 3 the guessed value is G = 7.

    We start from w = 0.5 and c = 0.25, and v = 5.

    The prediction is P = 1.75, the loss E = 10.5625 and Q = 5.75.
    """


def test_a_name_said_with_two_values_gives_its_variant_the_one_that_fits(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_guess_ref", GUESS_MODULE, GUESS)
    result = draft(article, "reference.draft_guess_ref:ws", verify=False)
    # w = 2 is said first, but only w = 0.5 (with w_try = 2) makes P, E and Q agree: swapped by fit
    assert result.givens == {"w_try": 2, "c_try": 1, "u": 3, "w": 0.5, "c": 0.25, "v": 5}
    assert "w_try and w, c_try and c together" in result.given_source["w"]
    claims = {o.target: o.number.text for o in result.of_kind("claim")}
    assert claims == {"G": "7", "P": "1.75", "E": "10.5625", "Q": "5.75"}


# Two iterations worked one after another over the same three points: a family of steps per
# iteration (vhat1_p, vhat1_q, vhat1_r; vhat2_p, ...), all under one label.
RUN_MODULE = """\
    from gradaudit import Worksheet

    ws = Worksheet("two iterations over three points", loss="E1")
    for k in (1, 2):
        w_old = "w" if k == 1 else "w1"
        for p in "pqr":
            vhat, e = f"vhat{k}_{p}", f"e{k}_{p}"
            ws.step(lambda w, u, c: w * u + c, name=vhat, label="\\\\hat{v}", inputs=[w_old, f"u_{p}", "c"])
            ws.step(lambda v, vh: v - vh, name=e, label="v-\\\\hat{v}", inputs=[f"v_{p}", vhat])
            ws.step(lambda u, e: u * e, name=f"ue{k}_{p}", label="u \\\\times e", inputs=[f"u_{p}", e])
        ws.step(lambda a, b, c: a + b + c, name=f"g{k}", label="g", inputs=[f"ue{k}_{p}" for p in "pqr"])
        ws.step(lambda w, lr, g: w + lr * g, name=f"w{k}", label="w_{new}", inputs=[w_old, "lr", f"g{k}"])
    ws.step(lambda a, b, c: a * a + b * b + c * c, name="E1", inputs=["e1_p", "e1_q", "e1_r"])
    """

# iteration 1 at w = 1, c = 2: vhat = 3, 4, 6; e = 5 - 3, 7 - 4, 8 - 6 = 2, 3, 2; u e = 2, 6, 8;
# g = 16; w1 = 1 + 0.0625 (16) = 2. Iteration 2: vhat = 2 + 2, 4 + 2, 8 + 2 = 4, 6, 10 (printed 11:
# a slip, bound by its place); e = 1, 1, -2; u e = 1, 2, -8.
RUN = """\
    | Sample | $u$ | $v$ |
    |--------|-----|-----|
    | p      | 1   | 5   |
    | q      | 2   | 7   |
    | r      | 4   | 8   |

    We start from w = 1, with c = 2 and lr = 0.0625.

    ## First iteration

    | Sample | $\\hat{v}$ | $v-\\hat{v}$ |
    |--------|-----------|-------------|
    | p      | 3         | 2           |
    | q      | 4         | 3           |
    | r      | 6         | 2           |

    $u \\times e = [1,2,4] \\times [2,3,2] = [2,6,8]$

    ## Second iteration

    | Sample | $\\hat{v}$ | $v-\\hat{v}$ |
    |--------|-----------|-------------|
    | p      | 4         | 1           |
    | q      | 6         | 1           |
    | r      | 11        | -2          |

    $u \\times e = [1,2,4] \\times [1,1,-2] = [1,2,-8]$
    """


def test_iterations_worked_in_turn_bind_each_table_and_list_to_its_own_family(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_run_ref", RUN_MODULE, RUN)
    result = draft(article, "reference.draft_run_ref:ws", verify=False)
    claims = {o.target: o.number.text for o in result.of_kind("claim")}
    by_family = {
        "vhat1": ["3", "4", "6"], "e1": ["2", "3", "2"], "ue1": ["2", "6", "8"],
        "vhat2": ["4", "6", "11"], "e2": ["1", "1", "-2"], "ue2": ["1", "2", "-8"],
    }  # fmt: skip
    for family, printed in by_family.items():
        assert [claims.get(f"{family}_{p}") for p in "pqr"] == printed, family
    # 11 fits no value of vhat2_r (10): bound by its place in the table the other rows tie to vhat2
    reason = next(o.reason for o in result.of_kind("claim") if o.target == "vhat2_r")
    assert "row r of the table under line 21, column" in reason and "2 of its 3 numbers match" in reason


def test_a_list_of_numbers_without_spaces_is_no_thousands_separated_number():
    from gradaudit.draft import find_numbers

    found = find_numbers("[130,210,375] costs 1,234\n").numbers
    assert [n.text for n in found] == ["130", "210", "375", "1,234"]
