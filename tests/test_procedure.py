"""Procedure slips (DESIGN row 8b) on a small synthetic worksheet whose names resemble no
tutorial's: h = p u, o = q h, L = (o - r)^2 / 2; the backward pass d_o, g_q, d_h, g_p; updates
q_new, p_new with rate k; a second forward pass h2, o2 from the updated values.

Given p = 0.5, u = 2, q = 0.8, r = 0.2, k = 0.5 (exact by hand): h = 1, o = 0.8, d_o = 0.6,
g_q = 0.6, q_new = 0.5, d_h = 0.48, g_p = 0.96, p_new = 0.02, h2 = 0.04, o2 = 0.02.
"""

from __future__ import annotations

import types

import pytest

from gradaudit import Worksheet, grad, update
from gradaudit.judging.procedure import changes
from gradaudit.judging.runner import run_worksheet
from gradaudit.loading.schema import Case

sheet = Worksheet("two weights in a row", loss="L")
sheet.group("outer", "q")
sheet.group("inner", "p")
sheet.step(name="h")(lambda p, u: p * u)
sheet.step(name="o")(lambda q, h: q * h)
sheet.step(name="L")(lambda o, r: 0.5 * (o - r) ** 2)
sheet.step(name="d_o", means=grad("L", wrt="o"))(lambda o, r: o - r)
sheet.step(name="g_q", means=grad("L", wrt="q"))(lambda d_o, h: d_o * h)
sheet.step(name="d_h", means=grad("L", wrt="h"))(lambda d_o, q: d_o * q)
sheet.step(name="g_p", means=grad("L", wrt="p"))(lambda d_h, u: d_h * u)
sheet.step(name="q_new", means=update("q", lr="k"))(lambda q, k, g_q: q - k * g_q)
sheet.step(name="p_new", means=update("p", lr="k"))(lambda p, k, g_p: p - k * g_p)
sheet.step(name="h2", inputs=["p_new", "u"])(lambda p, u: p * u)
sheet.step(name="o2", inputs=["q_new", "h2"])(lambda q, h: q * h)

GIVEN = {"p": 0.5, "u": 2.0, "q": 0.8, "r": 0.2, "k": 0.5}


def judged(ws: Worksheet, given: dict, claims: dict) -> dict:
    """The rows of a synthetic case of `ws` by name (claims as printed text)."""
    source = {"publisher": "t", "title": "t"}
    spec = Case.model_validate(
        {
            "id": "s",
            "title": "t",
            "source": source,
            "reference": "reference.x:ws",
            "given": given,
            "claims": claims,
        }
    )
    case = types.SimpleNamespace(spec=spec, file="x.yaml", line=1, text=lambda *p: None)
    return {r.quantity: r for r in run_worksheet(case, ws, draws=2)}


def rows(claims: dict) -> dict:
    return judged(sheet, GIVEN, claims)


def test_the_changes_come_from_the_meanings_alone_in_the_contracts_order():
    names = [c.name for c in changes(sheet)]
    assert names[0].startswith("the updated values of the outer group (q)")
    assert any(n.startswith("the old values of every parameter") for n in names)
    assert "the update's sign flipped (the parameters moved up the gradient)" in names
    assert names[-2:] == [
        "the loss scaled by 1/2 (every gradient 1/2 x)",
        "the loss scaled by 2 (every gradient 2 x)",
    ]


def test_a_hidden_delta_from_the_updated_outer_weight_is_a_procedure_slip():
    # with q_new = 0.5 in d_h: d_h = 0.6 x 0.5 = 0.3, g_p = 0.3 x 2 = 0.6 (exact 0.96): no factor
    # (0.625 x), no decimal slip, no candidate substitution fits
    r = rows({"g_p": "0.600", "p_new": "0.200"})
    assert r["g_p"].verdict == "procedure"
    assert r["g_p"].explanation.startswith(
        "with the updated values of the outer group (q) used instead of the old ones, the exact chain gives "
        "0.60000 = printed 0.600: a procedure slip"
    )
    # p_new = 0.5 - 0.5 x 0.6 = 0.2 from the printed g_p: inherited, not a second procedure
    assert r["p_new"].verdict == "inherited"


def test_a_second_pass_from_half_the_gradient_is_a_loss_scale_procedure():
    # every gradient halved: g_q = 0.3, q_new = 0.8 - 0.5 x 0.3 = 0.65; g_p = 0.48,
    # p_new = 0.5 - 0.5 x 0.48 = 0.26, h2 = 0.52, o2 = 0.65 x 0.52 = 0.338 (exact 0.02)
    r = rows({"o2": "0.338"})
    assert r["o2"].verdict == "procedure"
    assert (
        "with the loss scaled by 1/2 (every gradient 1/2 x), the exact chain gives 0.33800"
        in r["o2"].explanation
    )


def test_a_change_that_moves_the_value_by_less_than_a_printed_unit_is_no_procedure():
    # exact o = 0.8 printed 0.9 would need a change; none moves o (it is upstream of every update)
    assert rows({"o": "0.90"})["o"].verdict == "arithmetic"
    # a one-digit number is no procedure (DESIGN row 8b needs 2 significant digits)
    assert rows({"o2": "0.3"})["o2"].verdict == "arithmetic"


# A repetition (DESIGN section 2): y = w x, E = (y - t)^2 / 2, g = dE/dw, w_new = w - k g, and the
# loss after n rounds of the sheet's own update. Given w = 0.5, x = 2, t = 3, k = 0.1 (by hand):
# w: 0.5 -> 0.9 -> 1.14 -> 1.284 -> 1.3704; E after 2, 3, 4 rounds: 0.2592, 0.093312, 0.03359232.
rounds = Worksheet("one weight, repeated", loss="E")
rounds.step(name="y")(lambda w, x: w * x)
rounds.step(name="E")(lambda y, t: 0.5 * (y - t) ** 2)
rounds.step(name="g", means=grad("E", wrt="w"))(lambda y, t, x: (y - t) * x)
rounds.step(name="w_new", means=update("w", lr="k"))(lambda w, k, g: w - k * g)
rounds.repeat("E_after", of="E", rounds="n", carry={"w": "w_new"}, label="E after n rounds")
rounds.repeat("w_after", of="w", rounds="n", carry={"w": "w_new"})


def run_rounds(claims: dict, n: int = 3) -> dict:
    return judged(rounds, {"w": 0.5, "x": 2.0, "t": 3.0, "k": 0.1, "n": n}, claims)


def test_a_repetition_runs_the_sheets_own_update_n_times():
    r = run_rounds({"E_after": "0.093312", "w_after": "1.284"})
    assert r["E_after"].verdict == "ok" and r["E_after"].exact == pytest.approx(0.093312, abs=1e-15)
    assert r["w_after"].verdict == "ok"
    assert "n" in rounds.counts  # the count is never drawn


def test_a_claim_about_round_n_that_is_round_n_minus_1_is_a_procedure_slip():
    # printed 0.2592 is E after 2 rounds (exact after 3: 0.093312; 0.2592 / 0.093312 = 25/9, no
    # named factor)
    r = run_rounds({"E_after": "0.2592"})
    assert r["E_after"].verdict == "procedure"
    assert r["E_after"].explanation.startswith(
        "with one round fewer than the count says, the exact chain gives 0.259200"
    )


def test_a_million_rounds_are_one_loop():
    # w converges to t / x = 1.5 (the contraction 1 - k x^2 = 0.6 per round): E -> 0
    r = run_rounds({"w_after": "1.5000"}, n=10**6)
    assert r["w_after"].verdict == "ok"


def test_gradaudit_conventions_offers_the_procedure_changes_for_any_worksheet():
    # deepml's first printing (cases/deepml_neuron.yaml): its worksheet declares no switches; the
    # printed epoch-2 numbers are the updates with half the gradient (the solution used 1/n for 2/n)
    from gradaudit.judging.conventions import AS_WRITTEN, search
    from gradaudit.loading.cases import load_file

    cases, errors = load_file("cases/deepml_neuron.yaml")
    case = next(c for c in cases if c.spec.id == "deepml-neuron-test1-2024-07-12")
    report = search(case, formulas=False)
    assert report.switches["procedure"][0] == AS_WRITTEN
    best = report.readings[0]
    assert best.choices == {"procedure": "the loss scaled by 1/2 (every gradient 1/2 x)"}
    assert len(best.reproduced) == len(report.numbers) == 5
