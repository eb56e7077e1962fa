"""Tolerances are data: one table per dtype, one function that merges overrides."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Tolerance:
    """How close is close, for one dtype.

    - hand-written vs autodiff: |h - t| <= atol + rtol * |t| + floor * max|t| over the leaf
      (the floor is the leaf's own rounding scale; it is tiny, so one wrong element is never
      scaled away by its neighbours);
    - finite differences vs autodiff: |fd - t| <= fd_atol + fd_rtol * |t| + 10 * (error estimate)
      + the rounding noise of the loss at this step (checks/fd.py), confirmed at 16x and 256x
      smaller steps before it counts as an oracle error;
    - `step`: the finite-difference step, relative to max(1, |x|).

    `check_gradients` judges a hand-written leaf by the row of its own dtype (a float32 backward
    at float32 precision), and finite differences always by the float64 row: the loss is always
    evaluated in float64.
    """

    atol: float
    rtol: float
    floor: float
    fd_atol: float
    fd_rtol: float
    step: float


TABLE: dict[np.dtype, Tolerance] = {
    # float64: formulas evaluated two ways agree to ~1e-13 relative; 1e-7 leaves room for long
    # sums and still catches any real slip. Richardson-extrapolated central differences at
    # h = 1e-3 are accurate to ~1e-11 on smooth losses.
    np.dtype("float64"): Tolerance(atol=1e-12, rtol=1e-7, floor=1e-10, fd_atol=1e-9, fd_rtol=1e-5, step=1e-3),
    # float32: a user's float32 backward; rounding is 2**-24 ~ 6e-8 per operation.
    np.dtype("float32"): Tolerance(atol=1e-6, rtol=1e-4, floor=1e-5, fd_atol=1e-3, fd_rtol=5e-2, step=1e-2),
}


def tolerance(dtype=np.float64, **overrides: float | None) -> Tolerance:
    """The tolerance for `dtype`, with any non-None overrides (atol, rtol, step, ...) applied."""
    dt = np.dtype(dtype)
    nearest = np.dtype("float64") if dt.itemsize >= 8 else np.dtype("float32")
    base = TABLE.get(dt, TABLE[nearest])
    known = {f.name for f in dataclasses.fields(Tolerance)}
    unknown = set(overrides) - known
    if unknown:
        raise TypeError(f"unknown tolerance setting(s) {sorted(unknown)}; expected some of {sorted(known)}.")
    return dataclasses.replace(base, **{k: float(v) for k, v in overrides.items() if v is not None})
