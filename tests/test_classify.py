"""Unit tests of `classify`: each formula verdict on tiny arrays shaped (points, *leaf)."""

from __future__ import annotations

import numpy as np
import pytest

from gradaudit.core.tolerances import tolerance
from gradaudit.evaluating import classify as classify_module
from gradaudit.evaluating.classify import classify, factor_candidates, factor_names, name_factor

TOL = tolerance()
RNG = np.random.default_rng(0)
TRUE = RNG.standard_normal((4, 2, 3))  # 4 points (the given one and 3 draws), a 2 x 3 leaf
SQUARE = RNG.standard_normal((4, 3, 3))
SCALAR = np.array([0.25, -1.5, 0.75, 2.0])  # a worksheet step: one value per point


def verdict_of(hand, true=TRUE, **kw):
    return classify(hand, true, TOL, **kw)


def test_ok_within_tolerance():
    fv = verdict_of(TRUE * (1 + 1e-10))  # 1e-10 relative: far inside rtol 1e-7
    assert fv.verdict == "ok"
    assert fv.worst_point == 0  # an ok leaf shows the given point


def test_tiny_true_gradient_is_not_a_false_alarm():
    true = 1e-15 * TRUE
    noisy = true + 1e-13 * RNG.standard_normal(true.shape)  # below atol 1e-12
    assert verdict_of(noisy, true).verdict == "ok"


def test_one_element_off_by_more_than_rtol_is_caught():
    hand = TRUE.copy()
    hand[0, 1, 2] *= 1 + 1e-5  # 100 x rtol: the neighbours' scale must not hide it
    fv = verdict_of(hand)
    assert fv.verdict == "partial"
    assert fv.indices == [(1, 2)]


def test_sign():
    fv = verdict_of(-TRUE)
    assert (fv.verdict, fv.factor) == ("sign", None)


@pytest.mark.parametrize(
    "c, name",
    [
        (2.0, "2"),
        (0.5, "1/2"),
        (8.0, "N"),
        (1 / 8, "1/N"),
        (4.0, "N/2"),
        (0.25, "2/N"),
        (-2.0, "-2"),
        (-1 / 8, "-1/N"),
        (3.0, "3"),  # not a common factor: shown as a number
        (2 / 3, "2/3"),
    ],
)
def test_scale_names_common_factors(c, name):
    fv = verdict_of(c * TRUE, sizes={"N": 8})
    assert (fv.verdict, fv.factor) == ("scale", name)
    assert fv.factor_value == pytest.approx(c)


def test_scale_with_learning_rate_varying_per_point():
    lr = np.array([0.1, 0.3, 0.05, 0.7])
    fv = verdict_of(lr[:, None, None] * TRUE, lr=lr, sizes={"N": 8})
    assert (fv.verdict, fv.factor) == ("scale", "lr")
    fv = verdict_of(TRUE / lr[:, None, None], lr=lr)
    assert (fv.verdict, fv.factor) == ("scale", "1/lr")
    fv = verdict_of(-lr[:, None, None] * TRUE, lr=lr)
    assert (fv.verdict, fv.factor) == ("scale", "-lr")


def test_factor_lr_when_lr_is_1_at_the_given_values():
    # The classic "right only because eta = 1": the given point agrees, the draws scale by lr.
    lr = np.array([1.0, 0.3, 0.05, 0.7])
    fv = verdict_of(lr[:, None] * SCALAR[:, None], SCALAR[:, None], lr=lr)
    assert (fv.verdict, fv.factor) == ("scale", "lr")
    assert fv.worst_point != 0
    assert fv.factor_value == pytest.approx(lr[fv.worst_point])


def test_factor_varying_without_a_name_is_not_scale():
    c = np.array([2.0, 3.0, 5.0, 7.0])
    fv = verdict_of(c[:, None] * SCALAR[:, None], SCALAR[:, None])
    assert fv.verdict == "mismatch"


def test_right_at_the_given_point_only():
    hand = SCALAR.copy()
    hand[1:] += 0.5
    fv = verdict_of(hand[:, None], SCALAR[:, None])
    assert fv.verdict == "mismatch"
    assert "right at the given values but not in general" in fv.explanation


def test_constant_lr_of_1_names_nothing():
    assert "lr" not in factor_candidates({}, 1.0)
    assert "lr" in factor_candidates({}, 0.1)


def test_name_factor_names_every_coinciding_candidate_in_table_order():
    # N = 4: 2 is both "2" and "N/2"; both are named, the simpler first, and an expectation may
    # pin either.
    cands = factor_candidates({"N": 4.0}, None)
    assert name_factor(np.array([2.0, 2.0]), cands) == "2 = N/2"
    assert factor_names(name_factor(np.array([2.0, 2.0]), cands)) == ["2", "N/2"]
    assert name_factor(np.array([0.25, 0.25]), cands) == "1/N"
    assert name_factor(np.array([2.5, 2.5]), cands) is None


def test_transpose_square():
    fv = verdict_of(np.swapaxes(SQUARE, 1, 2), SQUARE)
    assert fv.verdict == "transpose"


def test_transpose_via_shape():
    fv = verdict_of(np.swapaxes(TRUE, 1, 2))
    assert fv.verdict == "transpose"
    assert "(3, 2)" in fv.explanation


def test_shape():
    fv = verdict_of(TRUE.reshape(4, 3, 2))  # a reshape, not a transpose
    assert fv.verdict == "shape"
    assert verdict_of(TRUE[:, None]).verdict == "shape"


def test_partial_lists_indices_and_sign_flips():
    hand = TRUE.copy()
    hand[:, 0, 1] *= -1
    hand[:, 1, 0] *= -1
    fv = verdict_of(hand)
    assert fv.verdict == "partial"
    assert fv.indices == [(0, 1), (1, 0)]
    assert fv.n_wrong == 2
    assert "sign flipped there" in fv.explanation


def test_partial_at_a_draw_only():
    hand = TRUE.copy()
    hand[2, 1, 1] += 1.0
    fv = verdict_of(hand)
    assert fv.verdict == "partial"
    assert (fv.worst_point, fv.worst_index) == (2, (1, 1))
    assert fv.hand == pytest.approx(TRUE[2, 1, 1] + 1.0)


def test_zero():
    fv = verdict_of(np.zeros_like(TRUE))
    assert fv.verdict == "zero"


def test_true_zero_and_hand_zero_is_ok():
    assert verdict_of(np.zeros_like(TRUE), np.zeros_like(TRUE)).verdict == "ok"


def test_non_finite_with_index_and_point():
    hand = TRUE.copy()
    hand[3, 0, 2] = np.inf
    fv = verdict_of(hand)
    assert fv.verdict == "non-finite"
    assert fv.indices == [(0, 2)]
    assert (fv.worst_point, fv.worst_index) == (3, (0, 2))
    assert "at random draw 3" in fv.explanation


def test_mismatch():
    fv = verdict_of(TRUE + RNG.standard_normal(TRUE.shape))
    assert fv.verdict == "mismatch"
    assert fv.max_abs > 0


def test_scalar_leaf():
    fv = verdict_of(2 * SCALAR, SCALAR)
    assert (fv.verdict, fv.factor) == ("scale", "2")
    assert fv.worst_index == ()


# A big leaf (more than classify.EARLY elements) takes shortcuts: an all-ok leaf is summarised
# point by point, and a candidate verdict the given point rules out is dropped there. The
# verdicts, worst elements and maxima must be those of the plain whole-array formulas.
BIG = RNG.standard_normal((3, 70, 70))  # 3 points, a square 70 x 70 leaf: 14,700 > EARLY numbers


def test_big_ok_leaf_matches_the_whole_array_formulas():
    hand = BIG * (1 + 1e-12 * RNG.standard_normal(BIG.shape))
    fv = verdict_of(hand, BIG)
    err = np.abs(hand - BIG)
    e0 = int(np.argmax(err[0].reshape(-1)))
    assert fv.verdict == "ok"
    assert fv.max_abs == float(err.max())
    assert fv.max_rel == float(np.fmax.reduce(err / np.abs(BIG), axis=None))
    assert fv.worst_index == tuple(int(i) for i in np.unravel_index(e0, (70, 70)))
    assert (fv.hand, fv.true) == (hand[0].reshape(-1)[e0], BIG[0].reshape(-1)[e0])


@pytest.mark.parametrize(
    "make, verdict",
    [
        (lambda t: -t, "sign"),
        (lambda t: 2.0 * t, "scale"),
        (lambda t: np.swapaxes(t, 1, 2).copy(), "transpose"),
        (lambda t: np.zeros_like(t), "zero"),
    ],
)
def test_big_whole_leaf_verdicts_survive_the_shortcuts(make, verdict):
    assert verdict_of(make(BIG), BIG).verdict == verdict


def test_big_leaf_one_flip_at_a_draw_only_is_partial_and_a_nan_is_non_finite():
    hand = BIG.copy()
    hand[2, 3, 4] *= -1.0  # right at the given point and the first draw, wrong at the second
    fv = verdict_of(hand, BIG)
    assert (fv.verdict, fv.indices, fv.worst_point) == ("partial", [(3, 4)], 2)
    hand[1, 0, 0] = np.nan
    assert verdict_of(hand, BIG).verdict == "non-finite"


# A big leaf's verdict comes from shortcuts (the given point first, point by point); with them
# off (EARLY above any size) the plain whole-array formulas must give the very same verdict.
def _slips(t):
    """Big-leaf slips by the verdict each gets."""
    flip = t.copy()
    flip[0, 1, 2] *= -1.0  # one element, at every point
    draws_only = t.copy()
    draws_only[1:] *= 3.0  # right at the given point, three times too large at the draws
    inf = t.copy()
    inf[2, 5, 5] = np.inf
    ok = t * (1 + 1e-12 * np.cos(np.arange(t.size)).reshape(t.shape))  # within rtol 1e-7
    swapped = np.swapaxes(t, 1, 2).copy()
    return {
        "partial": flip,
        "mismatch": draws_only,
        "scale": -0.5 * t,
        "non-finite": inf,
        "ok": ok,
        "sign": -t,
        "zero": np.zeros_like(t),
        "transpose": swapped,
    }


@pytest.mark.parametrize("verdict", list(_slips(BIG)))
def test_big_leaf_verdicts_equal_those_without_shortcuts(verdict, monkeypatch):
    hand = _slips(BIG)[verdict]
    quick = verdict_of(hand, BIG)
    monkeypatch.setattr(classify_module, "EARLY", 10**12)
    assert quick == verdict_of(hand, BIG)
    assert quick.verdict == verdict
