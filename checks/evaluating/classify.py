"""Formula verdicts: what kind of difference lies between a hand-written value and the truth.

One function, `classify`, serves both a `backward` leaf and a worksheet's derivative step. Its
inputs carry a leading axis of evaluation points (the given values first, then random draws),
so a formula that is right at one point and wrong in general is caught, and a factor that
follows the learning rate from draw to draw is named as the learning rate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..core import _jax
from ..core.tolerances import Tolerance
from ..core.verdicts import V

MAX_INDICES = 20


@dataclass
class FormulaVerdict:
    verdict: str
    factor: str | None = None
    factor_value: float | None = None
    indices: list[tuple[int, ...]] = field(default_factory=list)
    n_wrong: int = 0
    worst_index: tuple[int, ...] | None = None
    worst_point: int = 0
    hand: float | None = None
    true: float | None = None
    max_abs: float = 0.0
    max_rel: float = 0.0
    explanation: str = ""


def _allowed(t_abs: np.ndarray, tol: Tolerance) -> np.ndarray:
    """The allowed |hand - true| per element, from |true| shaped (points, *leaf)."""
    axes = tuple(range(1, t_abs.ndim))
    scale = np.max(t_abs, axis=axes, keepdims=True) if t_abs.ndim > 1 else t_abs
    allowed = tol.rtol * t_abs
    allowed += tol.atol + tol.floor * scale
    return allowed


def _allowed_into(t_abs: np.ndarray, tol: Tolerance, out: np.ndarray) -> np.ndarray:
    """`_allowed(t_abs, tol)` of one point's row (shaped (1, *leaf)) into `out`: the same
    operations in the same order, so the same bits, without a temporary."""
    scale = np.max(t_abs)
    np.multiply(t_abs, tol.rtol, out=out)
    out += tol.atol + tol.floor * scale
    return out


def _close(h: np.ndarray, t: np.ndarray, tol: Tolerance) -> np.ndarray:
    """Elementwise closeness over arrays shaped (points, *leaf)."""
    return np.abs(h - t) <= _allowed(np.abs(t), tol)


EARLY = 4096  # arrays larger than this are first compared at the given point alone


def _all_close(hand_at, true_at, tol: Tolerance, like: np.ndarray) -> bool:
    """`np.all(_close(hand_at(all), true_at(all), tol))`, on a big array point by point from the
    given one (the tolerance scale is per point, so a row's test is the same alone or among
    all): a candidate verdict that the given values rule out costs one point, not all, and no
    temporary is larger than one point. `hand_at(rows)` and `true_at(rows)` give the two sides at those points
    (computed elementwise per point, so a row is the same alone or among all); `like` is an
    array shaped as they are."""
    if like.size > EARLY and like.shape[0] > 1:  # point by point: small temporaries, first failure ends it
        return all(np.all(_close(hand_at(r), true_at(r), tol)) for r in _rows(like.shape[0]))
    every = slice(None)
    return bool(np.all(_close(hand_at(every), true_at(every), tol)))


def _rows(n: int) -> list[slice]:
    return [slice(k, k + 1) for k in range(n)]


def _all_zero(h: np.ndarray, atol: float) -> bool:
    """`np.all(np.abs(h) <= atol)`, the given point first (see `_all_close`)."""
    if h.size > EARLY and h.shape[0] > 1 and not np.all(np.abs(h[0]) <= atol):
        return False
    return bool(np.all(np.abs(h) <= atol))


def factor_candidates(
    sizes: dict[str, float], lr: np.ndarray | float | None
) -> dict[str, np.ndarray | float]:
    """The common factors, by name: 2, 1/2, N, 1/N, N/2, 2/N, lr, 1/lr (negatives added later)."""
    cands: dict[str, np.ndarray | float] = {"2": 2.0, "1/2": 0.5}
    for name, n in sizes.items():
        n = float(n)
        if n in (0.0, 1.0, 2.0):
            continue
        cands[name] = n
        cands[f"1/{name}"] = 1.0 / n
        cands[f"{name}/2"] = n / 2.0
        cands[f"2/{name}"] = 2.0 / n
    if lr is not None:
        # lr may vary across points (random draws); a constant lr of 1 names nothing.
        lr_arr = np.asarray(lr, dtype=np.float64)
        if np.all(lr_arr != 0) and not np.all(lr_arr == 1.0):
            cands["lr"] = lr_arr
            cands["1/lr"] = 1.0 / lr_arr
    with_neg: dict[str, np.ndarray | float] = {}
    for name, c in cands.items():
        with_neg[name] = c
        with_neg[f"-{name}"] = -np.asarray(c) if isinstance(c, np.ndarray) else -c
    return with_neg


def name_factor(c: np.ndarray, cands: dict[str, np.ndarray | float], rtol: float = 1e-6) -> str | None:
    """The names of the candidates equal to the per-point factor `c` at every point, joined by
    " = " when several coincide (N/2 is 2 for a batch of 4: "2 = N/2"), or None."""
    names = []
    for name, cand in cands.items():
        cand_arr = np.broadcast_to(np.asarray(cand, dtype=np.float64), c.shape)
        if np.all(np.abs(c - cand_arr) <= rtol * np.abs(cand_arr) + 1e-300):
            names.append(name)
    return " = ".join(names) if names else None


def factor_names(factor: str | None) -> list[str]:
    """The names a factor string carries ("2 = N/2" -> ["2", "N/2"])."""
    return [] if not factor else [part.strip() for part in factor.split(" = ")]


def _plain_factor(c: float) -> str:
    frac = Fraction(c).limit_denominator(64)
    if frac.denominator > 1 and abs(float(frac) - c) <= 1e-9 * abs(c):
        return f"{frac.numerator}/{frac.denominator}"
    return f"{c:.6g}"


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x + 0.0:.6g}"  # + 0.0: a -0.0 reads 0, as a person writes it


def _index(flat: int, shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(int(i) for i in np.unravel_index(flat, shape)) if shape else ()


def classify(
    hand: np.ndarray,
    true: np.ndarray,
    tol: Tolerance,
    *,
    sizes: dict[str, float] | None = None,
    lr: np.ndarray | float | None = None,
    name: str = "value",
) -> FormulaVerdict:
    """Compare `hand` with `true`, both shaped (points, *leaf); points[0] is the given point.

    Tried in DESIGN section 4's order: shape (or transpose), non-finite, ok, sign, zero,
    transpose of a square leaf, scale, partial, mismatch."""
    hand = np.asarray(hand, dtype=np.float64)
    true = np.asarray(true, dtype=np.float64)
    if hand.shape[1:] != true.shape[1:]:
        return _shape_verdict(hand, true, tol, name)
    # point by point only where one point is big: over many small points the Python loop costs more
    agreed = _agreement_by_point(hand, true, tol) if hand[0].size > EARLY and hand.shape[0] > 1 else None
    if agreed is not None:  # every element ok at every point: as the ok verdict below, sooner
        max_abs, max_rel, e0 = agreed
        return FormulaVerdict(
            V.OK,
            worst_index=_index(e0, true.shape[1:]),
            worst_point=0,
            hand=float(hand.reshape(hand.shape[0], -1)[0, e0]),
            true=float(true.reshape(true.shape[0], -1)[0, e0]),
            max_abs=max_abs,
            max_rel=max_rel,
        )
    finite = np.isfinite(hand)
    if not np.all(finite):
        return _non_finite_verdict(hand, true, finite, name)

    err, ok, max_abs, max_rel = _errors(hand, true, tol)
    flat_err = err.reshape(err.shape[0], -1)
    h_flat = hand.reshape(hand.shape[0], -1)
    t_flat = true.reshape(true.shape[0], -1)
    leaf_shape = true.shape[1:]
    if ok.all():
        # All agree: show the given point's worst element, where all three values line up.
        e0 = int(np.argmax(flat_err[0])) if flat_err.size else 0
        return FormulaVerdict(
            V.OK,
            worst_index=_index(e0, leaf_shape),
            worst_point=0,
            hand=float(h_flat[0, e0]) if flat_err.size else None,
            true=float(t_flat[0, e0]) if flat_err.size else None,
            max_abs=max_abs,
            max_rel=max_rel,
        )

    # The worst element at the given values if they are wrong there (where a reader can check
    # all three values), else the worst over the draws.
    wrong_given = ~ok[0].reshape(-1)
    if wrong_given.any():
        p, e = 0, int(np.argmax(np.where(wrong_given, flat_err[0], -1.0)))
    else:
        p, e = np.unravel_index(int(np.argmax(flat_err)), flat_err.shape)
    base = dict(
        worst_index=_index(int(e), leaf_shape),
        worst_point=int(p),
        hand=float(h_flat[p, e]),
        true=float(t_flat[p, e]),
        max_abs=max_abs,
        max_rel=max_rel,
    )
    return (
        _whole_leaf_verdict(hand, true, tol, name, base)
        or _scale_verdict(hand, true, tol, sizes, lr, name, base)
        or _partial_or_mismatch(hand, true, ok, flat_err, tol, name, base)
    )


def _errors(
    hand: np.ndarray, true: np.ndarray, tol: Tolerance
) -> tuple[np.ndarray, np.ndarray, float, float]:
    """|hand - true|, which elements are within the tolerance, the largest absolute and relative
    error. A big leaf point by point, so its temporaries (|true|, the allowed error) are one
    point's: the same values (the tolerance scale is per point; maxima combine exactly)."""
    if hand[0].size <= EARLY:
        err, rows = np.abs(hand - true), [slice(None)]
    else:  # into reused memory, point by point (`_jax.aligned`)
        err, rows = _jax.aligned(hand.shape), _rows(hand.shape[0])
        for r in rows:
            np.abs(np.subtract(hand[r], true[r], out=err[r]), out=err[r])
    ok = np.empty(err.shape, dtype=bool)
    top = np.nan
    scratch = (np.empty(err[rows[0]].shape), np.empty(err[rows[0]].shape)) if len(rows) > 1 else None
    for r in rows:
        if scratch is None:
            t_abs = np.abs(true[r])
            allowed = _allowed(t_abs, tol)
        else:  # one point's row: the same numbers into the same two buffers at every point
            t_abs = np.abs(true[r], out=scratch[0])
            allowed = _allowed_into(t_abs, tol, scratch[1])
        np.less_equal(err[r], allowed, out=ok[r])
        with np.errstate(divide="ignore", invalid="ignore"):
            # in place (t_abs is not needed again): 0/0 -> nan (equal zeros), x/0 -> inf
            rel = np.divide(err[r], t_abs, out=t_abs)
        if rel.size:
            top = np.fmax(top, np.fmax.reduce(rel, axis=None))  # fmax skips nan
    max_abs = float(err.max()) if err.size else 0.0
    return err, ok, max_abs, 0.0 if np.isnan(top) else float(top)


def _agreement_by_point(
    hand: np.ndarray, true: np.ndarray, tol: Tolerance
) -> tuple[float, float, int] | None:
    """(max |hand - true|, max relative error, the given point's worst flat element) when every
    element agrees within the tolerance at every point, else None (at the first point that does
    not). Point by point, so a big leaf's temporaries stay small; the same values as `classify`
    computes over the whole array (the tolerance scale is per point; maxima combine exactly)."""
    max_abs, top, e0 = 0.0, np.nan, 0
    row = hand[:1].shape
    err, t_abs, allowed, within = np.empty(row), np.empty(row), np.empty(row), np.empty(row, dtype=bool)
    for k in range(hand.shape[0]):
        np.abs(np.subtract(hand[k : k + 1], true[k : k + 1], out=err), out=err)
        np.abs(true[k : k + 1], out=t_abs)
        # also a NaN: the full path names it
        if not np.less_equal(err, _allowed_into(t_abs, tol, allowed), out=within).all():
            return None
        if k == 0:
            e0 = int(np.argmax(err.reshape(-1)))
        max_abs = max(max_abs, float(err.max()))
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = np.divide(err, t_abs, out=t_abs)  # as in `classify`: 0/0 -> nan, x/0 -> inf
        top = np.fmax(top, np.fmax.reduce(rel, axis=None))
    return max_abs, 0.0 if np.isnan(top) else float(top), e0


def _shape_verdict(hand: np.ndarray, true: np.ndarray, tol: Tolerance, name: str) -> FormulaVerdict:
    leaf_shape_t = true.shape[1:]
    leaf_shape_h = hand.shape[1:]
    if (
        len(leaf_shape_t) == 2
        and leaf_shape_h == leaf_shape_t[::-1]
        and _all_close(lambda r: np.swapaxes(hand[r], 1, 2), true.__getitem__, tol, true)
    ):
        return FormulaVerdict(
            V.TRANSPOSE,
            explanation=f"{name} has shape {leaf_shape_h}, the true gradient {leaf_shape_t}; "
            f"it equals the transpose of the true gradient",
        )
    return FormulaVerdict(
        V.SHAPE,
        explanation=f"{name}: hand-written shape {leaf_shape_h}, true shape {leaf_shape_t}",
    )


def _non_finite_verdict(hand: np.ndarray, true: np.ndarray, finite: np.ndarray, name: str) -> FormulaVerdict:
    leaf_shape_t = true.shape[1:]
    bad_flat = np.flatnonzero((~finite).reshape(hand.shape[0], -1).any(axis=0))
    idx = [_index(int(i), leaf_shape_t) for i in bad_flat[:MAX_INDICES]]
    point = int(np.flatnonzero((~finite).reshape(hand.shape[0], -1).any(axis=1))[0])
    where = "at the given values" if point == 0 else f"at random draw {point}"
    first = int(np.flatnonzero(~finite.reshape(hand.shape[0], -1)[point])[0])
    return FormulaVerdict(
        V.NON_FINITE,
        indices=idx,
        n_wrong=int(bad_flat.size),
        worst_index=_index(first, leaf_shape_t),
        worst_point=point,
        hand=float(hand.reshape(hand.shape[0], -1)[point, first]),
        true=float(true.reshape(true.shape[0], -1)[point, first]),
        explanation=f"{name}: {bad_flat.size} element(s) NaN or inf {where}"
        + (f", first at {list(_index(first, leaf_shape_t))}" if leaf_shape_t else ""),
    )


def _whole_leaf_verdict(
    hand: np.ndarray, true: np.ndarray, tol: Tolerance, name: str, base: dict
) -> FormulaVerdict | None:
    """sign, zero, or the transpose of a square leaf: the whole leaf, at every point."""
    leaf_shape_t = true.shape[1:]
    if _all_close(lambda r: -hand[r], true.__getitem__, tol, hand):
        return FormulaVerdict(V.SIGN, explanation=f"{name} = -(true gradient) at every point checked", **base)
    if _all_zero(hand, tol.atol):
        return FormulaVerdict(
            V.ZERO,
            explanation=f"{name} is 0 where the true gradient is not (max |true| "
            f"{np.abs(true).max():.6g}): a term left out",
            **base,
        )
    if len(leaf_shape_t) == 2 and leaf_shape_t[0] == leaf_shape_t[1]:
        if _all_close(lambda r: np.swapaxes(hand[r], 1, 2), true.__getitem__, tol, hand):
            return FormulaVerdict(
                V.TRANSPOSE, explanation=f"{name} equals the transposed true gradient", **base
            )
    return None


def _scale_verdict(
    hand: np.ndarray,
    true: np.ndarray,
    tol: Tolerance,
    sizes: dict[str, float] | None,
    lr: np.ndarray | float | None,
    name: str,
    base: dict,
) -> FormulaVerdict | None:
    """One constant factor: least squares per point, then the same at every point (or a named
    per-point factor such as the learning rate, which varies across draws)."""
    h2 = hand.reshape(hand.shape[0], -1)
    t2 = true.reshape(true.shape[0], -1)
    if h2.size > EARLY and h2.shape[0] > 1 and not _scales_at_given(h2[:1], t2[:1], tol):
        return None
    tt = np.sum(t2 * t2, axis=1)
    usable = tt > 0
    if not np.any(usable):
        return None
    c = np.where(usable, np.sum(h2 * t2, axis=1) / np.where(usable, tt, 1.0), np.nan)

    def scaled(rows):  # c x true, point by point
        return np.where(usable[rows, None], c[rows, None] * t2[rows], t2[rows])

    # Not a scale if the factor is 1 at every point (that is ok, or a non-constant slip);
    # a factor that is 1 at some points only (lr = 1 at the given values) still is one.
    fits = _all_close(h2.__getitem__, scaled, tol, h2) and not np.all(np.abs(c[usable] - 1.0) <= 1e-9)
    if not fits:
        return None
    cands = factor_candidates(sizes or {}, lr)
    cu = c[usable]
    cand_u = {
        k: (np.asarray(v)[usable] if isinstance(v, np.ndarray) and np.ndim(v) else v)
        for k, v in cands.items()
    }
    named = name_factor(cu, cand_u)
    constant = np.all(np.abs(cu - cu[0]) <= 1e-6 * np.abs(cu[0]))
    if named is None and not constant:
        return None
    factor = named or _plain_factor(float(cu[0]))
    shown = f"{cu[0]:.6g}" if constant else "varies with lr"
    return FormulaVerdict(
        V.SCALE,
        factor=factor,
        # per-point factors (lr) vary: the value at the worst point
        factor_value=float(c[base["worst_point"]] if usable[base["worst_point"]] else cu[0]),
        explanation=f"{name} = {f'({factor})' if ' = ' in factor else factor} x true gradient "
        f"(hand-written / true = {shown})",
        **base,
    )


def _scales_at_given(h0: np.ndarray, t0: np.ndarray, tol: Tolerance) -> bool:
    """Whether the given point's row (shaped (1, n)) is a multiple of autodiff's, as
    `_scale_verdict` tests it on every row (the same least-squares factor: a row's sums are
    the same alone or among all rows), so a big leaf that is no scale is ruled out at one point."""
    tt = np.sum(t0 * t0, axis=1)
    if not tt[0] > 0:
        return True  # nothing to rule out with: the test over every point decides
    c = np.sum(h0 * t0, axis=1) / tt
    return bool(np.all(_close(h0, c[:, None] * t0, tol)))


def _partial_or_mismatch(
    hand: np.ndarray,
    true: np.ndarray,
    ok: np.ndarray,
    flat_err: np.ndarray,
    tol: Tolerance,
    name: str,
    base: dict,
) -> FormulaVerdict:
    """Some elements wrong (partial, with their indices), or all of them somewhere (mismatch)."""
    leaf_shape_t = true.shape[1:]
    where = "" if base["worst_point"] == 0 else f" (at random draw {base['worst_point']})"
    wrong = ~ok
    wrong_any = wrong.reshape(wrong.shape[0], -1).any(axis=0)
    n_wrong = int(wrong_any.sum())
    total = int(wrong_any.size)
    if n_wrong < total:
        h2 = hand.reshape(hand.shape[0], -1)
        t2 = true.reshape(true.shape[0], -1)
        flat = np.flatnonzero(wrong_any)
        order = flat[np.argsort(-flat_err.max(axis=0)[flat], kind="stable")]
        idx = [_index(int(i), leaf_shape_t) for i in sorted(order[:MAX_INDICES])]
        sign_flip = np.all(_close(-h2[:, flat], t2[:, flat], tol))
        kind = "; each = -(true): sign flipped there" if sign_flip else ""
        shown = ", ".join(str(list(i)) if len(i) != 1 else str(i[0]) for i in idx)
        more = f" and {n_wrong - len(idx)} more" if n_wrong > len(idx) else ""
        return FormulaVerdict(
            V.PARTIAL,
            indices=idx,
            n_wrong=n_wrong,
            explanation=f"{n_wrong} of {total} elements wrong: {shown}{more}{kind}; worst "
            f"hand-written {_fmt(base['hand'])} vs true {_fmt(base['true'])}{where}",
            **base,
        )
    worst_index = base["worst_index"]
    if np.all(ok[0]) and not np.all(ok):
        explanation = (
            f"{name} is right at the given values but not in general: hand-written "
            f"{_fmt(base['hand'])} vs true {_fmt(base['true'])} "
            f"at random draw {base['worst_point']}"
        )
    else:
        explanation = (
            f"hand-written {_fmt(base['hand'])} vs true {_fmt(base['true'])}"
            f" at {list(worst_index) if worst_index else 'the value'}{where}"
        )
    return FormulaVerdict(V.MISMATCH, n_wrong=n_wrong, explanation=explanation, **base)
