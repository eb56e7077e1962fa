"""Claim verdicts (DESIGN.md 3): one synthetic test per verdict, the guards, and properties.

Rules are exercised two ways: `judge` on a hand-built `ClaimInput` (the rule in isolation), and
tiny worksheets run through `gradaudit.judging.worksheet_rows.run_worksheet` with a fake case
(the chains, operand rows, versions and siblings wired as a real case wires them). Every exact
value is recomputed here with `math`, with its provenance in a comment.
"""

from __future__ import annotations

import math
import types
from decimal import Decimal
from fractions import Fraction

import jax.numpy as jnp
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from gradaudit.core.printed import parse_printed
from gradaudit.core.vocab import Worksheet, sigmoid, update
from gradaudit.judging.claims import ClaimInput, candidate_factors, judge
from gradaudit.judging.worksheet_rows import run_worksheet
from gradaudit.loading.printed_claims import RunError
from gradaudit.loading.schema import Case


def sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


Y = sig(0.21)  # sigmoid(0.21) = 0.5523079 (GeeksforGeeks' y3)
assert abs(Y - 0.5523079) < 1e-7

PLAIN = candidate_factors({}, None)  # 2, 1/2 and their negatives


def claim(text: str, exact: float | None, author: float | None = None, **kw) -> ClaimInput:
    """A claim whose author's chain is the exact chain unless told otherwise."""
    kw.setdefault("factors", PLAIN)
    return ClaimInput("q", parse_printed(text), exact, exact if author is None else author, **kw)


def fake_case(given: dict, claims: dict, **extra):
    spec = Case.model_validate(
        {
            "id": "synthetic",
            "title": "synthetic",
            "source": {"publisher": "tests", "title": "synthetic"},
            "reference": "tests.synthetic:ws",
            "given": given,
            "claims": claims,
            **extra,
        }
    )
    return types.SimpleNamespace(spec=spec, file="x.yaml", line=1, text=lambda *p: None)


def run(ws: Worksheet, given: dict, claims: dict, **extra) -> dict:
    """Rows by name. Claims are given as text ("0.350") so their printed precision survives."""
    return {r.quantity: r for r in run_worksheet(fake_case(given, claims, **extra), ws, draws=4)}


# ------------------------------------------------------------------------------------------------
# One test per verdict, in the contract's order


def test_unverifiable_names_the_missing_values():
    v = judge(claim("0.56", None, None, missing=["w11", "x1"]))
    assert v.verdict == "unverifiable"
    assert v.explanation == "needs w11, x1, which are not known (lost figures)"
    v = judge(ClaimInput("q", parse_printed("0.56"), None, 0.5567, missing=["w11"]))
    assert v.explanation.endswith("; the author's chain gives 0.5567")


@pytest.mark.parametrize(
    "text, exact, shown",
    [
        ("0.55", Y, "exact 0.5523; printed 0.55 agrees at its precision"),
        ("0.5523", Y, "exact 0.552308; printed 0.5523 agrees at its precision"),
        ("87%", 0.8703, "exact 0.8703; printed 87% agrees at its precision"),
        ("0.3333...", 1 / 3, "exact 0.333333; printed 0.3333... agrees at its precision"),
    ],
)
def test_ok_passes_the_exact_chain_at_its_precision(text, exact, shown):
    v = judge(claim(text, exact))
    assert (v.verdict, v.explanation) == ("ok", shown)
    assert v.abs_error == pytest.approx(abs(parse_printed(text).value - exact))


def test_ok_says_when_the_authors_own_operands_disagree():
    # GeeksforGeeks' delta_3: exact -0.002727588, the author's operands give -0.002779392.
    v = judge(claim("-0.0027", -0.002727588, -0.002779392))
    assert v.verdict == "ok"
    assert v.explanation == (
        "exact -0.002728; printed -0.0027 agrees at its precision; the author's own operands give -0.002779"
    )


def test_truncated_when_the_digits_are_cut_not_rounded():
    # exact 0.5578 rounds to 0.56 but cuts to 0.55
    v = judge(claim("0.55", 0.5578))
    assert (v.verdict, v.explanation) == ("truncated", "exact 0.5578 truncated (not rounded) to 0.55")
    # the author's chain cut: author 0.2589 (exact 0.2623) printed 0.258
    v = judge(claim("0.258", 0.2623, 0.2589, upstream=[("y", "ok")]))
    assert v.verdict == "truncated"
    assert v.explanation == "author's chain 0.25890 truncated (not rounded) to 0.258"


def test_a_value_at_the_next_printed_number_is_not_truncated():
    # 0.3 + 3 x 11/15 is 2.5 exactly, 2.4999999999999996 in float64: its cut is 2.5000, not the
    # printed 2.4999, which the author's chain 0.3 + 3 x 0.7333 (the rounded theta_1) gives
    exact, author = 0.3 + 3 * (11 / 15), 0.3 + 3 * 0.7333
    assert exact < 2.5 and parse_printed("2.4999").truncates(exact)  # the ellipsis' boundary
    v = judge(claim("2.4999", exact, author, upstream=[("theta_1", "ok")]))
    assert v.verdict == "carried-rounding", v.explanation
    # a value short of the boundary by more than float noise is still a cut: 2.49997 cuts to 2.4999
    assert judge(claim("2.4999", 2.49997)).verdict == "truncated"


def test_carried_rounding_when_the_authors_rounded_inputs_give_the_printed_value():
    # exact 0.5523 (sigmoid(0.21)); the author's chain 0.5567 from an ok, rounded input
    v = judge(claim("0.56", Y, 0.5567, upstream=[("y", "ok"), ("z", "truncated")]))
    assert v.verdict == "carried-rounding"
    assert v.explanation == (
        "exact 0.5523; author's chain 0.5567 from the rounded printed values (y, z) gives 0.56: "
        "rounding carried along"
    )


def test_truncated_comes_before_carried_rounding_and_names_it():
    # exact 0.22372 cuts to 0.223 and does not round to it (0.224); the author's own chain 0.2233
    # also rounds to 0.223. DESIGN section 3 tries row 2 (truncated) before row 3, and names the
    # second fit in the explanation.
    v = judge(claim("0.223", 0.22372, 0.2233, upstream=[("y", "ok")]))
    assert v.verdict == "truncated" and v.also == "carried-rounding"
    assert "exact 0.22372 truncated (not rounded) to 0.223; also fits carried-rounding" in v.explanation


def test_truncated_also_names_an_inherited_reading():
    # exact 0.0999992476 cuts to 0.09999924; the author's chain 0.099999245 rounds to it too, from
    # an upstream hard finding: truncated first, inherited named
    v = judge(claim("0.09999924", 0.0999992476, 0.099999245, upstream=[("d", "arithmetic")]))
    assert v.verdict == "truncated" and v.also == "inherited"


def test_inherited_names_the_upstream_slip():
    v = judge(claim("0.56", Y, 0.5567, upstream=[("y", "ok"), ("a<-y", "arithmetic")]))
    assert v.verdict == "inherited"
    assert v.explanation == (
        "exact 0.5523; from the author's own numbers: 0.5567, as printed: inherited from a<-y (arithmetic)"
    )


def test_sign_on_the_value():
    v = judge(claim("-0.55", Y))
    assert (v.verdict, v.explanation) == ("sign", "exact 0.5523; printed -0.55 has the sign flipped")
    # on the author's chain: GeeksforGeeks' dw11 = 1 x (-0.0027) x 0.35 = -0.000945, printed +
    v = judge(
        claim("0.000945", -0.0009546557, -0.000945, operand_source="from the operand delta_3 = -0.0027")
    )
    assert v.verdict == "sign"
    assert v.explanation == (
        "author's chain -0.00094500 (from the operand delta_3 = -0.0027); "
        "printed 0.000945 has the sign flipped"
    )


def test_sign_on_the_change_of_an_update():
    # w = 0.3, w_new = 0.3 - 0.0123 = 0.2877; printed 0.3123 = 0.3 + 0.0123
    v = judge(claim("0.3123", 0.3 - 0.0123, old_exact=0.3, old_author=0.3, old_name="w"))
    assert v.verdict == "sign"
    assert v.explanation == (
        "the change q - w on the exact chain is -0.012300; printed 0.3123 = 0.3 - (-0.012300), "
        "the old value minus the change: the sign of the change flipped"
    )


@pytest.mark.parametrize(
    "text, times, shown",
    [
        ("5.52", "10", "exact 0.55231"),  # 10 x 0.5523
        ("0.0552", "1/10", "exact 0.55231"),  # 0.5523 / 10
        ("55231", "10^5", "exact 0.5523079"),  # 0.55231 x 10^5, shown at the 5 decimals it implies
    ],
)
def test_decimal_slip(text, times, shown):
    v = judge(claim(text, Y))
    assert v.verdict == "decimal-slip"
    assert v.explanation == f"{shown}; printed {text} = {times} x that: a decimal slip"


def test_decimal_slip_on_the_authors_chain():
    # GeeksforGeeks' delta_4: author's chain 0.59 x 0.41 x 0.9 x (-0.0376) = -0.0081859,
    # printed -0.0819; exact y4 (1 - y4) w23 delta_5 = -0.008071427
    author = 0.59 * (1 - 0.59) * (0.9 * -0.0376)
    v = judge(claim("-0.0819", -0.008071427, author, operand_source="from the operand y4 = 0.59"))
    assert v.verdict == "decimal-slip"
    assert v.explanation == (
        "author's chain -0.0081859 (from the operand y4 = 0.59); printed -0.0819 = 10 x that: a decimal slip"
    )


def test_a_second_reading_that_also_fits_is_named():
    # With N = 10 samples, 10 x is both a decimal slip (rule 6) and the factor N (rule 7).
    v = judge(claim("5.52", Y, factors=candidate_factors({"N": 10}, None)))
    assert v.verdict == "decimal-slip"
    assert v.also == "factor (N)"
    assert v.explanation.endswith("; also fits factor (N): exact 0.5523; printed 5.52 = N x that")


@pytest.mark.parametrize(
    "text, factor, factors",
    [
        ("1.10", "2", PLAIN),  # 2 x 0.5523 = 1.1046
        ("0.276", "1/2", PLAIN),  # 0.5523 / 2 = 0.27615
        ("-1.10", "-2", PLAIN),  # -2 x 0.5523
        ("2.21", "N", candidate_factors({"N": 4}, None)),  # 4 x 0.5523 = 2.2092
        ("0.1381", "1/N", candidate_factors({"N": 4}, None)),  # 0.5523 / 4 = 0.13808
        ("0.0552", "1/10", PLAIN),  # a decimal slip, not a factor: rule 6 comes first
    ],
)
def test_factor_is_named(text, factor, factors):
    v = judge(claim(text, Y, factors=factors))
    if factor == "1/10":
        assert v.verdict == "decimal-slip"
        return
    assert (v.verdict, v.factor) == ("factor", factor)
    shown = f"{Y:.{parse_printed(text).decimals + 2}f}"  # two more digits than printed
    assert v.explanation.startswith(f"exact {shown}; printed {text} = {factor} x that")


def test_factor_of_the_learning_rate_needs_a_rate_other_than_one():
    # lr = 0.3: printed 0.1657 = 0.3 x 0.5523 (0.16569). (With lr = 0.1, 0.1 x that would be a
    # decimal slip first: rule 6 before rule 7.)
    v = judge(claim("0.1657", Y, factors=candidate_factors({}, 0.3)))
    assert (v.verdict, v.factor) == ("factor", "lr")
    v = judge(claim("0.1657", Y, factors=candidate_factors({}, 1.0)))
    assert v.verdict == "arithmetic"  # lr = 1 names nothing


def test_factor_on_the_change_of_an_update():
    # w = 0.3, change -0.0123; printed 0.2754 = 0.3 + 2 x (-0.0123)
    v = judge(claim("0.2754", 0.3 - 0.0123, old_exact=0.3, old_author=0.3, old_name="w"))
    assert (v.verdict, v.factor) == ("factor", "2")
    assert v.explanation == (
        "the change q - w on the exact chain is -0.012300; printed 0.2754 = 0.3 + (-0.024600), "
        "the old value plus 2 x that"
    )


@pytest.mark.parametrize(
    "text, detail",
    [
        ("0.5532", "digits 32 swapped (value 0.5523)"),  # 0.5523 with 2 and 3 swapped
        ("0.5823", "one digit wrong: 8 where 0.5523 has 5"),  # the second digit, not the last
    ],
)
def test_transcription(text, detail):
    v = judge(claim(text, Y))
    assert (v.verdict, v.explanation) == ("transcription", f"exact 0.5523; printed {text}: {detail}")


@pytest.mark.parametrize(
    "text, tail",
    [
        ("0.56", "printed 0.56 is one unit high in the last digit (exact rounds to 0.55)"),
        ("0.551", "printed 0.551 is one unit low in the last digit (exact rounds to 0.552)"),
        ("0.61", "printed 0.61 does not match"),
    ],
)
def test_arithmetic(text, tail):
    v = judge(claim(text, Y))
    decimals = parse_printed(text).decimals
    assert v.verdict == "arithmetic"
    assert v.explanation == f"exact {Y:.{decimals + 2}f}; {tail}"


def test_arithmetic_that_matches_neither_chain_shows_both():
    # GeeksforGeeks' w12_new: exact 0.297175, author's 0.3 - 0.0819 x 0.35 = 0.271335
    v = judge(claim("0.273225", 0.297175, 0.3 - 0.0819 * 0.35))
    assert v.verdict == "arithmetic"
    assert v.explanation == "exact 0.29717500; author's chain 0.27133500; printed 0.273225 matches neither"


# ------------------------------------------------------------------------------------------------
# Guards


def test_a_last_digit_slip_at_two_significant_digits_is_arithmetic_not_transcription():
    assert judge(claim("0.56", Y)).verdict == "arithmetic"  # last digit: never transcription
    # A non-last digit wrong: transcription needs 3 significant digits.
    assert judge(claim("0.65", Y)).verdict == "arithmetic"  # 2 digits: 0.55 -> 0.65
    assert judge(claim("0.652", Y)).verdict == "transcription"  # 3 digits: 0.552 -> 0.652
    # At 3 digits a last-digit slip is still arithmetic, one unit high.
    v = judge(claim("0.553", Y))
    assert v.verdict == "arithmetic" and "one unit high in the last digit" in v.explanation


def test_a_digit_dropped_from_or_repeated_in_a_run_is_transcription():
    # 0.69996 printed 0.6996: one 9 of the run too few; 0.5523 printed 0.55523: one 5 too many
    v = judge(claim("0.6996", 0.69996, 0.69996))
    assert v.verdict == "transcription"
    assert "one digit dropped: 0.69996 written with one 9 too few" in v.explanation
    v = judge(claim("0.55523", 0.5523, 0.5523))
    assert v.verdict == "transcription" and "one digit repeated: 5 written twice in 0.5523" in v.explanation
    # a digit lost that is no part of a run (0.5523 printed 0.553) is rounding gone wrong
    assert judge(claim("0.553", Y)).verdict == "arithmetic"


# A net input with siblings: a = w1 x1 + w2 x2, inputs grouped (x1, x2), weights (w1, w2);
# p = u k with an operand printed for u; r = 2 m.
NET = Worksheet("claims net", loss="a")
NET.group("inputs", "x1", "x2")
NET.group("weights", "w1", "w2")
NET.group("scalars", "u", "m")  # DESIGN row 8: operands printed for quantities of m's group are candidates


@NET.step(name="a")
def _net(w1, x1, w2, x2):
    return w1 * x1 + w2 * x2


@NET.step(name="p")
def _p(u, k):
    return u * k


@NET.step(name="r")
def _r(m):
    return 2.0 * m


@NET.step(name="p2")
def _p2(u, k):
    return u + k


NET_GIVEN = {"w1": 0.2, "x1": 0.35, "w2": 0.3, "x2": 0.7, "u": 0.12, "k": 3.0, "m": 0.4}


def test_wrong_operand_a_sibling_and_an_operand_printed_elsewhere():
    claims = {"a": "0.350", "p": {"printed": "0.369", "operands": {"u": "0.123"}}, "r": "0.246"}
    rows = run(NET, NET_GIVEN, claims)
    # a: exact 0.2 x 0.35 + 0.3 x 0.7 = 0.28; with x2 for x1: 0.2 x 0.7 + 0.3 x 0.7 = 0.35
    assert rows["a"].verdict == "wrong-operand"
    assert rows["a"].explanation == (
        "with x2 (0.7) in place of x1, the exact chain gives 0.35000 = printed 0.350: a wrong operand"
    )
    assert rows["a"].exact == pytest.approx(0.28) and rows["a"].author_chain == pytest.approx(0.28)
    # r: exact 2 x 0.4 = 0.8; the author used the 0.123 printed in p's expression: 2 x 0.123
    assert rows["r"].verdict == "wrong-operand"
    assert rows["r"].explanation == (
        "with the operand 0.123 printed in p (0.123) in place of m, the exact chain gives 0.24600 = "
        "printed 0.246: a wrong operand"
    )
    # The operand itself: 0.123 for u = 0.12; p = 0.123 x 3 = 0.369 inherits it.
    assert rows["p<-u"].kind == "operand" and rows["p<-u"].verdict == "arithmetic"
    assert rows["p"].verdict == "inherited"
    assert rows["p"].explanation == (
        "exact 0.36000; from the author's own numbers (from the operand u = 0.123): 0.36900, as printed: "
        "inherited from p<-u (arithmetic)"
    )
    assert rows["p"].exact == pytest.approx(0.36) and rows["p"].author_chain == pytest.approx(0.369)


def test_an_operand_printed_for_a_quantity_outside_the_group_is_no_candidate():
    # z = 2 q, with q in no group: the 0.123 printed for u (group "scalars") is not a candidate
    # for q, so 0.246 (exact 2 x 0.4 = 0.8) stays arithmetic
    ws = Worksheet("no group", loss="z")
    ws.group("scalars", "u", "m")

    @ws.step(name="p")
    def _p(u, k):
        return u * k

    @ws.step(name="z")
    def _z(q):
        return 2.0 * q

    rows = run(ws, {"u": 0.12, "k": 3.0, "m": 0.4, "q": 0.4},
               {"p": {"printed": "0.369", "operands": {"u": "0.123"}}, "z": "0.246"})
    assert rows["z"].verdict == "arithmetic"


def test_a_short_operand_equal_to_a_siblings_printed_digits_is_a_wrong_operand():
    # a = w1 x1 + w2 x2 with the operand 0.3 printed for w1: exact w1 = 0.2; the sibling w2 is
    # given as 0.3 (same digits), so the one-digit operand is a wrong operand naming w2
    claims = {"a": {"printed": "0.315", "operands": {"w1": "0.3"}}}
    rows = run(NET, NET_GIVEN, claims)
    assert rows["a<-w1"].verdict == "wrong-operand"
    assert rows["a<-w1"].explanation.startswith("printed 0.3 for w1 in a is the value of w2 (0.3)")
    # and a one-digit operand matching no quantity's printed digits is no wrong operand:
    # 0.5 for w1 (w2 is 0.3, the exact and printed values differ)
    rows = run(NET, NET_GIVEN, {"a": {"printed": "0.385", "operands": {"w1": "0.5"}}})
    assert rows["a<-w1"].verdict == "arithmetic"


def test_the_same_number_printed_in_two_expressions_is_one_substitution():
    # 0.123 is printed for u inside p and inside p2: putting it in for m is one substitution
    # (2 x 0.123 = 0.246), found twice, not two that fit.
    claims = {
        "p": {"printed": "0.369", "operands": {"u": "0.123"}},  # 0.123 x 3
        "p2": {"printed": "3.123", "operands": {"u": "0.123"}},  # 0.123 + 3
        "r": "0.246",
    }
    rows = run(NET, NET_GIVEN, claims)
    assert rows["r"].verdict == "wrong-operand"
    assert rows["r"].explanation.startswith("with the operand 0.123 printed in p (0.123) in place of m")
    # p and p2 inherit from their operand; the 0.123 printed in the other expression is the
    # value their author's chain already used, so it is no second reading ("also fits").
    for name in ("p", "p2"):
        assert rows[name].verdict == "inherited"
        assert "also" not in rows[name].details and "also fits" not in rows[name].explanation


def test_wrong_operand_needs_three_significant_digits():
    # the same slip printed as 0.35 (2 digits): not enough digits to tell which operand
    rows = run(NET, NET_GIVEN, {"a": "0.35"})
    assert rows["a"].verdict == "arithmetic"


def test_two_substitutions_that_both_fit_give_no_wrong_operand():
    # w1 / w2 = x1 / x2 = 1/2: x2 for x1 gives 0.23 x 0.62 + 0.46 x 0.62 = 0.4278, and w2 for w1
    # gives 0.46 x 0.31 + 0.46 x 0.62 = 0.4278 as well. Exact 0.23 x 0.31 + 0.46 x 0.62 = 0.3565.
    given = {**NET_GIVEN, "w1": 0.23, "x1": 0.31, "w2": 0.46, "x2": 0.62}
    row = run(NET, given, {"a": "0.4278"})["a"]
    assert row.verdict == "arithmetic"
    assert row.explanation == (
        "exact 0.356500; printed 0.4278 does not match; 2 of 4 substitutions fit, so no single wrong operand"
    )


# Versions of a parameter: w_new = w + dw is the update of w, so w and w_new substitute for each
# other. E = 1/2 (w x - t)^2, dw = -eta (w x - t) x.
UPD = Worksheet("update", loss="E")


@UPD.step(name="E")
def _loss(w, x, t):
    return 0.5 * (w * x - t) ** 2


@UPD.step(name="dw")
def _dw(eta, w, x, t):
    return -eta * (w * x - t) * x


@UPD.step(name="w_new", means=update("w", lr="eta"))
def _w_new(w, dw):
    return w + dw


@UPD.step(name="out")
def _out(w_new, x):
    return w_new * x


UPD_GIVEN = {"w": 0.3, "x": 0.5, "t": 1.0, "eta": 0.1}
DW = -0.1 * (0.3 * 0.5 - 1.0) * 0.5  # 0.0425
W_NEW = 0.3 + DW  # 0.3425


def test_update_sign_on_the_change_and_an_old_version_as_wrong_operand():
    rows = run(UPD, UPD_GIVEN, {"w_new": "0.2575", "out": "0.150"})
    assert rows["formula:w_new"].verdict == "ok"
    # printed 0.2575 = 0.3 - 0.0425
    assert rows["w_new"].verdict == "sign"
    assert rows["w_new"].explanation == (
        "the change w_new - w on the exact chain is 0.042500; printed 0.2575 = 0.3 - (0.042500), "
        "the old value minus the change: the sign of the change flipped"
    )
    # out = w_new x = 0.17125; the author multiplied the old w: 0.3 x 0.5 = 0.15
    assert rows["out"].exact == pytest.approx(W_NEW * 0.5)
    assert rows["out"].author_chain == pytest.approx(0.2575 * 0.5)  # from the printed w_new
    assert rows["out"].verdict == "wrong-operand"
    assert rows["out"].explanation.startswith("with w (0.3) in place of w_new, the exact chain gives 0.15000")


@pytest.mark.parametrize(
    "text, factor, scaled",
    [
        ("0.385", "2", "0.08500"),  # 0.3 + 2 x 0.0425
        ("0.725", "1/lr", "0.42500"),  # 0.3 + 0.0425 / 0.1: the learning rate left out
    ],
)
def test_update_factor_on_the_change(text, factor, scaled):
    row = run(UPD, UPD_GIVEN, {"w_new": text})["w_new"]
    assert (row.verdict, row.details.get("factor")) == ("factor", factor)
    assert row.explanation == (
        f"the change w_new - w on the exact chain is {DW:.{parse_printed(text).decimals + 2}f}; "
        f"printed {text} = 0.3 + ({scaled}), the old value plus {factor} x that"
    )


# A chain for carried rounding: y = sigmoid(a), z = y (1 - y) b, u = z c + 1
CARRY = Worksheet("carried", loss="u")


@CARRY.step(name="y")
def _y(a):
    return sigmoid(a)


@CARRY.step(name="z")
def _z(y, b):
    return y * (1 - y) * b


@CARRY.step(name="u")
def _u(z, c):
    return z * c + 1.0


def test_carried_rounding_and_unverifiable_through_the_runner():
    rows = run(CARRY, {"a": 0.21, "b": 1.0, "c": 1.0}, {"y": "0.55", "z": "0.2475"})
    assert rows["y"].verdict == "ok"  # sigmoid(0.21) = 0.5523
    # exact 0.5523079 x 0.4476921 = 0.2472639; from the printed y: 0.55 x 0.45 = 0.2475
    z = rows["z"]
    assert z.exact == pytest.approx(Y * (1 - Y)) and z.author_chain == pytest.approx(0.2475)
    assert z.verdict == "carried-rounding"
    assert z.explanation == (
        "exact 0.247264; author's chain 0.247500 from the rounded printed values (y) gives 0.2475: "
        "rounding carried along"
    )
    lost = run(CARRY, {"a": None, "b": 1.0, "c": 1.0}, {"y": "0.55", "z": "0.2475"})
    assert lost["y"].verdict == "unverifiable"
    assert lost["y"].explanation == "needs a, which is not known (a lost figure)"
    assert lost["z"].verdict == "unverifiable"
    assert lost["z"].explanation.endswith("; the author's chain gives 0.247500")


# ------------------------------------------------------------------------------------------------
# Properties

VALUES = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_subnormal=False)


@settings(max_examples=50, deadline=None)
@given(VALUES, st.integers(0, 12))
def test_property_a_correctly_rounded_value_is_ok(v, d):
    text = f"{v:.{d}f}"
    assert judge(claim(text, v)).verdict == "ok", text


@settings(max_examples=50, deadline=None)
@given(VALUES, st.integers(0, 12), st.sampled_from([-1, 1]))
def test_property_one_unit_off_beyond_the_bound_is_never_ok(v, d, step):
    text = f"{Decimal(f'{v:.{d}f}') + step * Decimal(1).scaleb(-d):f}"
    # Beyond half a unit plus 2 ulp, by exact decimal arithmetic, with 2 ulp to spare for the
    # float that the decimal text becomes.
    distance = abs(Fraction(text) - Fraction(v))
    assume(distance > Fraction(1, 2 * 10**d) + 4 * Fraction(math.ulp(v)))
    assert judge(claim(text, v)).verdict != "ok", text


@settings(max_examples=50, deadline=None)
@given(VALUES, st.integers(0, 12))
def test_property_a_sign_flipped_value_is_sign(v, d):
    assume(abs(v) >= 10.0**-d)  # not ~0 at the printed precision (there +v and -v both pass)
    text = f"{-v:.{d}f}"
    assert judge(claim(text, v)).verdict == "sign", text


@settings(max_examples=50, deadline=None)
@given(st.floats(0.1, 100), st.sampled_from([-1, 1]), st.integers(1, 6), st.integers(-9, 9))
def test_property_a_value_times_a_power_of_ten_is_a_decimal_slip(m, s, d, k):
    # Narrowed to shifts that keep the printed digits (k <= d): a shift that appends zeros to an
    # integer ("0.56" -> "560") prints more significant digits than the author had, and is then
    # judged at that finer precision. With |v| >= 0.1 and d >= 1, no earlier rule applies
    # (v is not ~0, so neither ok, truncated nor sign).
    v = s * m
    assume(k != 0 and k <= d)
    text = f"{Decimal(f'{v:.{d}f}').scaleb(k):f}"
    assume(parse_printed(text).sig >= 2)  # DESIGN row 6: a one-digit number is no decimal slip
    assert judge(claim(text, v)).verdict == "decimal-slip", text


@settings(max_examples=30, deadline=None)
@given(
    st.floats(-3, 3),
    st.floats(-5, 5),
    st.floats(-5, 5),
    st.integers(1, 5),
    st.integers(1, 6),
    st.integers(1, 6),
    st.booleans(),
)
# y = sigmoid(1.5) = 0.817574 printed 0.818; z = 0.818 x 0.182 x 1.5 = 0.223314 printed 0.223,
# which is also the exact z = 0.22372 cut after 3 decimals: a coincidence, not a truncation.
@example(a=1.5, b=1.5, c=0.0, d1=3, d2=3, d3=1, operand=False)
def test_property_values_from_rounded_printed_inputs_are_carried_rounding_or_ok(a, b, c, d1, d2, d3, operand):
    # The author rounds y, computes z from the rounded y, rounds z, computes u from that.
    y_text = f"{sig(a):.{d1}f}"
    y_p = float(y_text)
    z_text = f"{y_p * (1 - y_p) * b:.{d2}f}"
    u_text = f"{float(z_text) * c + 1.0:.{d3}f}"
    claims: dict = {"u": u_text}
    if operand:  # y printed only inside z's expression
        claims["z"] = {"printed": z_text, "operands": {"y": y_text}}
    else:
        claims.update(y=y_text, z=z_text)
    rows = run(CARRY, {"a": a, "b": b, "c": c}, claims)
    for name, row in rows.items():
        # DESIGN row 2 comes first: an exact value the printed digits happen to cut is
        # `truncated`, and the explanation then names the carried rounding as the second fit
        carried = row.verdict in ("ok", "carried-rounding") or (
            row.verdict == "truncated" and row.details.get("also") == "carried-rounding"
        )
        assert carried, (name, row.printed, row.explanation)


# A matrix step and an expression printed without its result (issue 14, item 5): m = [[a, b], [c, d]]
# from scalars, s = a + b (printed as "0.3 + 0.4" with no result).
GRID = Worksheet("grid", loss="s")


@GRID.step(name="m")
def _m(a, b, c, d):
    return jnp.array([[a, b], [c, d]])


@GRID.step(name="s")
def _s(a, b):
    return a + b


@GRID.step(name="t")
def _t(s):
    return 2.0 * s


GRID_GIVEN = {"a": 0.1, "b": 0.2, "c": 0.3, "d": 0.4}


def test_a_matrix_claim_and_an_element_claim_give_element_rows():
    # exact m = [[0.1, 0.2], [0.3, 0.4]]; -0.4 printed for m[1,1] has the sign flipped
    rows = run(GRID, GRID_GIVEN, {"m": [["0.1", "0.2"], ["0.3", "-0.4"]]})
    assert rows["m[0,0]"].verdict == "ok" and rows["m[1,0]"].verdict == "ok"
    assert rows["m[1,1]"].verdict == "sign"  # exact 0.4
    rows = run(GRID, GRID_GIVEN, {"m[0,1]": "0.2", "m[1,1]": "0.040"})
    assert set(rows) >= {"m[0,1]", "m[1,1]"} and rows["m[0,1]"].verdict == "ok"
    assert rows["m[1,1]"].verdict == "decimal-slip"  # exact 0.4 = 10 x 0.040 (2 significant digits)


def test_an_expression_printed_without_its_result_has_operand_rows_and_feeds_the_chain():
    # "s = 0.1 + 0.25" printed without a result: the operand 0.25 for b (exact 0.2) is judged, and
    # t = 2 s = 0.70 follows from the author's own operands (2 x 0.35): inherited
    rows = run(GRID, GRID_GIVEN, {"s": {"operands": {"a": "0.1", "b": "0.25"}}, "t": "0.70"})
    assert "s" not in rows and rows["s<-b"].kind == "operand"
    assert rows["s<-b"].verdict == "arithmetic"  # 0.25 for 0.2, nothing else fits
    assert rows["t"].verdict == "inherited" and "s<-b (arithmetic)" in rows["t"].explanation


def test_short_numbers_are_no_decimal_slip_and_no_factor():
    # DESIGN rows 6 and 7 need 2 significant digits: 0.1 printed where 1.0 belongs (1/10 x) and
    # 0.4 where 0.8 belongs (1/2 x) are arithmetic, not named by coincidence
    assert judge(claim("0.1", 1.0)).verdict == "arithmetic"  # 0.1 x 10 = 1.0, but one digit
    assert judge(claim("0.4", 0.8, factors={"1/2": 0.5})).verdict == "arithmetic"
    # with 2 significant digits the same slips are named
    assert judge(claim("0.10", 1.0)).verdict == "decimal-slip"
    assert judge(claim("0.40", 0.8, factors={"1/2": 0.5})).verdict == "factor"


# Operands printed as a vector (issue 20's matrix-form tutorials): u = [a, b], w = 2 u printed as
# "w = 2 [0.1, 0.25] = [0.2, 0.50]".
PAIR = Worksheet("pair", loss="w0")


@PAIR.step(name="u")
def _u(a, b):
    return jnp.array([a, b])


@PAIR.step(name="w")
def _w(u):
    return 2.0 * u


@PAIR.step(name="w0")
def _w0(w):
    return w[0]


def test_a_vector_operand_has_one_row_per_element_and_feeds_the_chain():
    # exact u = [0.1, 0.2]; the printed operand 0.25 for u[1] is arithmetic, and w[1] = 2 x 0.25 =
    # 0.50 (exact 0.4) follows from it: inherited, naming the operand row
    claims = {"w": {"printed": ["0.2", "0.50"], "operands": {"u": ["0.1", "0.25"]}}}
    rows = run(PAIR, {"a": 0.1, "b": 0.2}, claims)
    assert rows["w<-u[0]"].verdict == "ok" and rows["w<-u[0]"].kind == "operand"
    assert rows["w<-u[1]"].verdict == "arithmetic" and rows["w<-u[1]"].exact == pytest.approx(0.2)
    assert rows["w[1]"].verdict == "inherited" and "w<-u[1] (arithmetic)" in rows["w[1]"].explanation
    assert rows["w[1]"].author_chain == pytest.approx(0.5)


def test_a_vector_operand_of_the_wrong_shape_is_a_located_error():
    with pytest.raises(RunError) as err:
        run(PAIR, {"a": 0.1, "b": 0.2}, {"w": {"printed": ["0.2", "0.4"], "operands": {"u": ["0.1"]}}})
    assert err.value.path == ("claims", "w", "operands", "u")
    assert "printed with shape (1,), but 'u' has shape (2,)" in str(err.value)
    with pytest.raises(RunError) as err:
        run(PAIR, {"a": 0.1, "b": 0.2}, {"w": {"operands": {"u": [["0.1"], ["0.2", "0.3"]]}}})
    assert err.value.path == ("claims", "w", "operands", "u") and "ragged" in str(err.value)
