"""Worksheet evaluation: the exact chain, the author's chain, and the meaning checks (DESIGN.md 2, 4).

The worksheets are small and synthetic, defined here with the vocabulary `reference/` uses.
Expected values are recomputed independently with `math` (float64), never read off the engine.
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from gradaudit.core.tolerances import tolerance
from gradaudit.core.vocab import Worksheet, change, grad, sigmoid, update
from gradaudit.evaluating.worksheet import (
    Evaluator,
    WorksheetError,
    check_meanings,
    evaluate,
    topological_order,
)


def sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


# ------------------------------------------------------------------------------------------------
# A four-step chain: a = w x, y = sigmoid(a), z = y w, q = z + y, s = y (1 - y)

CHAIN = Worksheet("chain", loss="q")


@CHAIN.step
def a(w, x):
    return w * x


@CHAIN.step(label="y_j")
def y(a):
    return sigmoid(a)


@CHAIN.step
def z(y, w):
    return y * w


@CHAIN.step
def q(z, y):
    return z + y


@CHAIN.step
def s(y):
    return y * (1 - y)


GIVEN = {"w": 0.5, "x": 0.42}
A = 0.5 * 0.42  # 0.21
Y = sig(A)  # sigmoid(0.21) = 0.5523079...
assert abs(Y - 0.5523079) < 1e-7


def f(v) -> float:
    return float(np.asarray(v))


def test_given_names_and_order():
    assert CHAIN.given_names == ["w", "x"]
    assert topological_order(CHAIN) == ["a", "y", "z", "q", "s"]


def test_exact_chain_evaluates_every_step_from_the_given_values():
    ch = evaluate(CHAIN, GIVEN, {}, {})
    assert f(ch.exact["a"]) == pytest.approx(A, abs=1e-16)
    assert f(ch.exact["y"]) == pytest.approx(Y, rel=1e-15)
    assert f(ch.exact["z"]) == pytest.approx(Y * 0.5, rel=1e-15)  # y w
    assert f(ch.exact["q"]) == pytest.approx(Y * 0.5 + Y, rel=1e-15)  # z + y
    # Nothing printed: the author's chain is the exact chain, every input from the chain.
    for name in CHAIN.steps:
        assert f(ch.author[name]) == f(ch.exact[name])
        assert all(src == "chain" for _, src in ch.author_inputs[name])
    assert ch.missing == {}


def test_author_chain_takes_operands_first_then_printed_claims_then_its_own_values():
    # y printed 0.56; in q's expression the author wrote 0.57 for y (an operand).
    ch = evaluate(CHAIN, GIVEN, {"y": {(): 0.56}}, {"q": {"y": 0.57}})
    # y's own author's-chain value is still computed from its inputs; its printed value feeds
    # the steps that use it.
    assert f(ch.author["y"]) == pytest.approx(Y, rel=1e-15)
    assert ch.author_inputs["z"] == [("y", "printed"), ("w", "chain")]
    assert f(ch.author["z"]) == pytest.approx(0.56 * 0.5, rel=1e-15)  # printed y x given w = 0.28
    # q: the operand 0.57 beats the printed 0.56; z (never printed) carries the printed y along.
    assert ch.author_inputs["q"] == [("z", "chain"), ("y", "operand")]
    assert f(ch.author["q"]) == pytest.approx(0.28 + 0.57, rel=1e-15)  # 0.85
    assert f(ch.author["s"]) == pytest.approx(0.56 * 0.44, rel=1e-15)  # 0.2464 from the printed y
    # The exact chain is untouched by printed numbers.
    assert f(ch.exact["q"]) == pytest.approx(Y * 0.5 + Y, rel=1e-15)


def test_a_printed_claim_on_a_step_replaces_its_chain_value_downstream():
    ch = evaluate(CHAIN, GIVEN, {"y": {(): 0.56}, "z": {(): 0.3}}, {})
    assert ch.author_inputs["q"] == [("z", "printed"), ("y", "printed")]
    assert f(ch.author["q"]) == pytest.approx(0.3 + 0.56, rel=1e-15)


def test_a_printed_claim_on_a_given_value_does_not_feed_the_chain():
    # Deliberate (see the comment in worksheet.evaluate): a printed given is a restatement of an
    # input the case already gives, not a number the author computed with.
    ch = evaluate(CHAIN, GIVEN, {"w": {(): 0.6}}, {})
    assert ch.author_inputs["a"] == [("w", "chain"), ("x", "chain")]
    assert f(ch.author["a"]) == pytest.approx(A, abs=1e-16)  # 0.5 x 0.42, not 0.6 x 0.42


def test_an_operand_for_a_given_value_feeds_the_chain():
    # "a = 0.25 x 0.42": the author wrote 0.25 for w inside a's expression.
    ch = evaluate(CHAIN, GIVEN, {}, {"a": {"w": 0.25}})
    assert ch.author_inputs["a"] == [("w", "operand"), ("x", "chain")]
    assert f(ch.author["a"]) == pytest.approx(0.25 * 0.42, rel=1e-15)
    assert f(ch.author["y"]) == pytest.approx(sig(0.105), rel=1e-15)
    # z takes w from the chain: the given 0.5 (the operand belongs to a's expression only)
    assert f(ch.author["z"]) == pytest.approx(sig(0.105) * 0.5, rel=1e-15)


def test_an_unknown_given_makes_every_step_that_needs_it_missing():
    ch = evaluate(CHAIN, {"w": None, "x": 0.42}, {}, {})
    assert ch.missing == {"w": ["w"], "a": ["w"], "y": ["w"], "z": ["w"], "q": ["w"], "s": ["w"]}
    assert all(ch.exact[n] is None and ch.author[n] is None for n in CHAIN.steps)
    both = evaluate(CHAIN, {"w": None, "x": None}, {}, {})
    assert both.missing["q"] == ["w", "x"]


def test_an_unknown_given_leaves_the_author_chain_where_the_author_printed_around_it():
    # y printed 0.56: s = y (1 - y) has no exact value but an author's-chain value 0.2464.
    ch = evaluate(CHAIN, {"w": None, "x": 0.42}, {"y": {(): 0.56}}, {})
    assert ch.exact["s"] is None and ch.missing["s"] == ["w"]
    assert f(ch.author["s"]) == pytest.approx(0.56 * 0.44, rel=1e-15)
    assert ch.author["z"] is None  # y w: w is still unknown


def test_a_vector_claim_replaces_only_its_printed_elements():
    vec = Worksheet("vector", loss="total")

    @vec.step
    def v(u):
        return 2.0 * u

    @vec.step
    def total(v):
        return jnp.sum(v)

    ch = evaluate(vec, {"u": [1.0, 2.0, 3.0]}, {"v": {(1,): 4.5}}, {})
    assert f(ch.author["total"]) == pytest.approx(2.0 + 4.5 + 6.0)  # v[1] printed 4.5
    assert f(ch.exact["total"]) == pytest.approx(12.0)


# ------------------------------------------------------------------------------------------------
# Errors: a cycle, a name nobody gives, a meaning of nothing, a step that raises


def test_a_cycle_is_an_error_naming_the_loop():
    cyc = Worksheet("cyclic", loss="b")

    @cyc.step
    def a(b):
        return b

    @cyc.step
    def b(a):
        return a

    with pytest.raises(WorksheetError, match=r"^Worksheet\('cyclic'\): steps form a cycle: a -> b -> a$"):
        topological_order(cyc)


def test_a_given_the_case_does_not_give_is_an_error():
    with pytest.raises(
        WorksheetError, match=r"^Worksheet\('chain'\) needs the given value 'x'; the case gives \['w'\]$"
    ):
        evaluate(CHAIN, {"w": 0.5}, {}, {})


def test_a_meaning_of_an_unknown_name_is_an_error():
    bad = Worksheet("bad meaning", loss="E")

    @bad.step
    def E(w):
        return w**2

    @bad.step(means=grad("E", wrt="ww"))
    def g(w):
        return 2 * w

    with pytest.raises(
        WorksheetError,
        match=r"^step 'g' means dE/dww, but 'ww' is neither a step nor a given value of "
        r"Worksheet\('bad meaning'\)$",
    ):
        check_meanings(bad, {"w": 0.3}, tolerance(np.float64), draws=2)

    no_loss = Worksheet("no loss", loss="L")
    no_loss.step(name="g", means=grad("L", wrt="w"))(lambda w: 2 * w)
    with pytest.raises(WorksheetError, match=r"'L' is neither a step nor a given value"):
        check_meanings(no_loss, {"w": 0.3}, tolerance(np.float64), draws=2)


def test_a_step_that_raises_is_an_error_naming_the_step():
    broken = Worksheet("broken", loss="r")

    @broken.step
    def r(w):
        return jnp.reshape(w, (2,))  # a scalar has no 2 elements

    with pytest.raises(WorksheetError, match=r"^step 'r' raised TypeError: "):
        evaluate(broken, {"w": 0.3}, {}, {})


# ------------------------------------------------------------------------------------------------
# A long training loop in one step: evaluated once, whatever asks for it

LOOP_STEPS = 10_000
LOOP_CALLS: list[int] = []
LOOP = Worksheet("training loop", loss="out")


@LOOP.step
def w_trained(w0, x, t, eta):
    LOOP_CALLS.append(1)

    def body(_, w):
        return w - eta * (w * x - t) * x  # gradient descent on 1/2 (w x - t)^2

    return jax.lax.fori_loop(0, LOOP_STEPS, body, w0)


@LOOP.step
def out(w_trained, x):
    return w_trained * x


def test_a_fori_loop_step_runs_once_and_quickly():
    LOOP_CALLS.clear()
    given = {"w0": 0.0, "x": 0.5, "t": 0.2, "eta": 1.0}
    ev = Evaluator(LOOP)
    # A printed output changes nothing upstream of it: both chains call w_trained with the same
    # inputs, and a second evaluation (another claim set) hits the memo as well.
    ch = evaluate(LOOP, given, {"out": {(): 0.2}}, {}, ev)
    ch2 = evaluate(LOOP, given, {"w_trained": {(): 0.4}}, {}, ev)
    assert len(LOOP_CALLS) == 1  # 10^4 steps traced and compiled once; `make bench` times it
    # The iteration contracts by 1 - eta x^2 = 0.75 per step to the fixed point w = t / x = 0.4.
    assert f(ch.exact["w_trained"]) == pytest.approx(0.4, rel=1e-12)
    assert f(ch2.author["out"]) == pytest.approx(0.2, rel=1e-12)  # printed 0.4 x 0.5


# ------------------------------------------------------------------------------------------------
# Meanings: every kind and sign in one worksheet, so the check compiles once.
# a = w x, y = sigmoid(a), E = 1/2 (y - t)^2 (the worksheet's loss), E_sse = (y - t)^2.

MEAN = Worksheet("meanings", loss="E")


@MEAN.step(name="a")
def _a(w, x):
    return w * x


@MEAN.step(name="y")
def _y(a):
    return sigmoid(a)


@MEAN.step
def E(y, t):
    return 0.5 * (y - t) ** 2


@MEAN.step
def E_sse(y, t):
    return (y - t) ** 2


@MEAN.step(means=grad("E", wrt="w"))
def g_w(y, t, x):  # dE/dw, wrt a given value
    return (y - t) * y * (1 - y) * x


@MEAN.step(means=-grad("E", wrt="a"))
def delta(y, t):  # -dE/da, wrt an intermediate step, negated meaning
    return (t - y) * y * (1 - y)


@MEAN.step(means=-grad("E_sse", wrt="a"))
def delta_sse(y, t):  # the same formula against the loss without the 1/2: half the truth
    return (t - y) * y * (1 - y)


@MEAN.step(means=-grad("E", wrt="a"))
def delta_flip(y, t):  # (y - t) for (t - y)
    return (y - t) * y * (1 - y)


@MEAN.step(means=change("w", lr="eta"))
def dw(eta, delta, x):
    return eta * delta * x


@MEAN.step(means=update("w", lr="eta"))
def w_new(w, dw):
    return w + dw


@MEAN.step(means=update("w", lr="eta"))
def w_new_no_lr(w, delta, x):  # forgets the learning rate: right only while eta = 1
    return w + delta * x


@MEAN.step(means=change("w", lr="eta"))
def dw_no_lr(delta, x):
    return delta * x


@MEAN.step(means=update("w", lr="eta"))
def w_new_flip(w, dw):  # subtracts the change that already carries the minus
    return w - dw


# eta = 1 written as an integer, as tutorials (and YAML `eta: 1`) write it: a learning rate is
# drawn all the same, unlike an integer step count.
MEAN_GIVEN = {"w": 0.4, "x": 1.5, "t": 0.2, "eta": 1}
MEAN_DRAWS = 16


@pytest.fixture(scope="module")
def meanings():
    return check_meanings(MEAN, MEAN_GIVEN, tolerance(np.float64), draws=MEAN_DRAWS, seed=0)


def _true_dE_dw() -> float:
    yv = sig(0.4 * 1.5)  # sigmoid(0.6) = 0.645656
    return (yv - 0.2) * yv * (1 - yv) * 1.5


def test_correct_meanings_are_ok_at_the_given_values_and_every_draw(meanings):
    for name in ("g_w", "delta", "dw", "w_new"):
        r = meanings[name]
        assert r.verdict.verdict == "ok", (name, r.explanation)
        assert r.points == MEAN_DRAWS + 1
    gw = meanings["g_w"]
    assert gw.autodiff == pytest.approx(_true_dE_dw(), rel=1e-12)
    assert gw.hand == pytest.approx(_true_dE_dw(), rel=1e-12)
    assert gw.finite_diff == pytest.approx(gw.autodiff, rel=1e-7)  # the second opinion agrees
    yv = sig(0.6)
    assert meanings["delta"].autodiff == pytest.approx(-(yv - 0.2) * yv * (1 - yv), rel=1e-12)
    # an update is compared on its change: w_new - w = -eta dE/dw
    assert meanings["w_new"].autodiff == pytest.approx(-_true_dE_dw(), rel=1e-12)
    assert meanings["w_new"].hand == pytest.approx(-_true_dE_dw(), rel=1e-12)


def test_a_delta_against_the_loss_without_one_half_is_scale_one_half(meanings):
    r = meanings["delta_sse"]
    assert (r.verdict.verdict, r.verdict.factor) == ("scale", "1/2")
    yv = sig(0.6)
    assert r.autodiff == pytest.approx(-2 * (yv - 0.2) * yv * (1 - yv), rel=1e-12)  # -dE_sse/da
    assert r.explanation.startswith(
        "delta_sse = 1/2 x -dE_sse/da (hand-written -0.101959, autodiff -0.203918"
    )


def test_a_flipped_delta_is_sign(meanings):
    r = meanings["delta_flip"]
    assert r.verdict.verdict == "sign"
    assert r.explanation == "delta_flip = -(-dE/da) at every point checked"


def test_a_flipped_update_is_sign_on_its_change(meanings):
    r = meanings["w_new_flip"]
    assert r.verdict.verdict == "sign"
    assert r.explanation.startswith("the change w_new_flip - w = -(-eta * dE/dw) at every point checked")
    assert r.hand == pytest.approx(_true_dE_dw(), rel=1e-12)  # w - dw - w = +eta dE/dw


@pytest.mark.parametrize("name", ["w_new_no_lr", "dw_no_lr"])
def test_a_forgotten_learning_rate_is_caught_although_the_given_rate_is_one(meanings, name):
    r = meanings[name]
    # At the given values (eta = 1) the hand-written value equals the truth...
    assert r.hand == pytest.approx(r.autodiff, rel=1e-12)
    # ...but the draws move eta, and the factor hand / true = 1 / eta follows it.
    assert (r.verdict.verdict, r.verdict.factor) == ("scale", "1/lr")
    change_word = "the change w_new_no_lr - w = " if name == "w_new_no_lr" else "dw_no_lr = "
    assert r.explanation.startswith(change_word + "1/lr x (-eta * dE/dw)")


def test_meanings_are_checked_on_seeded_draws():
    tol = tolerance(np.float64)
    small = Worksheet("one meaning", loss="L")
    small.step(name="L")(lambda w, c: c * w**2)
    small.step(name="gL", means=grad("L", wrt="w"))(lambda w: 2 * w)  # right only where c = 1
    r = check_meanings(small, {"w": 0.3, "c": 1.0}, tol, draws=8, seed=3)["gL"]
    assert r.verdict.verdict == "mismatch"
    assert "right at the given values but not in general" in r.verdict.explanation
    fixed = check_meanings(small, {"w": 0.3, "c": 1.0}, tol, draws=8, seed=3, fixed={"c"})["gL"]
    assert fixed.verdict.verdict == "ok"  # with c never drawn, the slip cannot show
    # A given written as a whole number is a real number and is drawn like any other ...
    as_int = check_meanings(small, {"w": 0.3, "c": 1}, tol, draws=8, seed=3)["gL"]
    assert as_int.verdict.verdict == "mismatch"
    # ... unless the reference declares it a count: then it is never drawn.
    counted = Worksheet("one meaning, c a count", loss="L", counts=["c"])
    counted.step(name="L")(lambda w, c: c * w**2)
    counted.step(name="gL", means=grad("L", wrt="w"))(lambda w: 2 * w)
    assert check_meanings(counted, {"w": 0.3, "c": 1}, tol, draws=8, seed=3)["gL"].verdict.verdict == "ok"


def test_whole_number_givens_just_work_even_with_a_literal_learning_rate():
    # y = w x, E = (y - t)^2 / 2, w_new = w - 1.0 * dE/dw: no given is a float in the case and
    # none is a learning rate by name, so every one must still be drawn (a vmap of no array fails)
    tol = tolerance(np.float64)
    ws = Worksheet("whole numbers", loss="E")
    ws.step(name="y")(lambda w, x: w * x)
    ws.step(name="E")(lambda y, t: 0.5 * (y - t) ** 2)
    ws.step(name="dE_dw", means=grad("E", wrt="w"))(lambda y, t, x: (y - t) * x)
    ws.step(name="w_new", means=update("w", lr=1.0))(lambda w, dE_dw: w - dE_dw)
    res = check_meanings(ws, {"w": 2, "x": 3, "t": 1}, tol, draws=4, seed=0)
    assert {k: r.verdict.verdict for k, r in res.items()} == {"dE_dw": "ok", "w_new": "ok"}
    assert res["dE_dw"].points == 5


def test_a_forward_step_that_stops_the_gradient_is_an_oracle_error_confirmed_at_smaller_steps():
    # L = stop_gradient(w) * w: autodiff says w (0.7), finite differences 2 w (1.4); the
    # hand-written 2 w is right. The disagreement persists at 1/16 and 1/256 of the step, so the
    # oracle, not the formula, is at fault.
    tol = tolerance(np.float64)
    ws = Worksheet("unsound forward", loss="L")
    ws.step(name="L")(lambda w: jax.lax.stop_gradient(w) * w)
    ws.step(name="gL", means=grad("L", wrt="w"))(lambda w: 2 * w)
    r = check_meanings(ws, {"w": 0.7}, tol, draws=4, seed=0)["gL"]
    assert r.verdict.verdict == "oracle-error", r.explanation
    assert r.autodiff == pytest.approx(0.7, rel=1e-12)  # exact: d(c w)/dw with c = 0.7 held
    assert r.finite_diff == pytest.approx(1.4, rel=1e-7)  # exact: d(w^2)/dw = 2 x 0.7


def test_the_second_opinion_at_a_kink_is_not_an_oracle_error():
    # L = |w - 0.5| at w = 0.5: autodiff gives a subgradient, finite differences see a kink
    # (one-sided -1 and +1), and a kink never makes the oracle wrong.
    tol = tolerance(np.float64)
    ws = Worksheet("kink", loss="L")
    ws.step(name="L")(lambda w: jnp.abs(w - 0.5))
    ws.step(name="gL", means=grad("L", wrt="w"))(lambda w: jnp.sign(w - 0.5))
    r = check_meanings(ws, {"w": 0.5}, tol, draws=4, seed=0)["gL"]
    assert r.verdict.verdict != "oracle-error", r.explanation
    assert abs(r.finite_diff) <= 1e-6  # exact: the central difference of |w - 0.5| at 0.5 is 0
