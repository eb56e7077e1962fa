"""Independent exact values for cases/migue_linreg_gd.yaml (no gradaudit, checks, reference).

Source: Miguel R. (migue-rc), "Linear Regression From Scratch", the notebook index.ipynb of
FS-linear-regression at commit d6dcb5e (text in cases/texts/migue_linreg_gd.txt). A line m x + b on
the points x = (2, 3, 5, 6, 8), y = (65, 70, 75, 85, 90): the MSE (mean of (y - y^)^2, no 1/2) of the
guessed line 3x + 60; then gradient descent from m = b = 0 with learning rate 0.01, dm = -2 mean(x (y
- y^)), db = -2 mean(y - y^), m <- m - lr dm, b <- b - lr db: the first three epochs term by term,
and the MSE after 3000 updates. At 30 digits, from the given values. Row names are the claim names of
the cases (points a..e, epoch k = 1, 2, 3).
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

POINTS = "abcde"
X = [mpf(v) for v in (2, 3, 5, 6, 8)]
Y = [mpf(v) for v in (65, 70, 75, 85, 90)]
LR = mpf("0.01")


def _mean(values):
    return sum(values) / len(values)


def _epoch(m, b):
    """One pass of the notebook's loop body: predictions, residuals, products, means, gradients."""
    yhat = [m * x + b for x in X]
    r = [y - h for y, h in zip(Y, yhat)]
    xr = [x * e for x, e in zip(X, r)]
    dm, db = -2 * _mean(xr), -2 * _mean(r)
    return yhat, r, xr, _mean([e**2 for e in r]), dm, db, m - LR * dm, b - LR * db


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    hand: dict[str, mpmath.mpf] = {}
    # the guessed line y = 3x + 60 ("Manually calculating it")
    guess = [3 * x + 60 for x in X]
    for p, h, y in zip(POINTS, guess, Y):
        hand[f"yhat_guess_{p}"], hand[f"r_guess_{p}"], hand[f"sq_guess_{p}"] = h, y - h, (y - h) ** 2
    hand["mse_guess"] = _mean([(y - h) ** 2 for y, h in zip(Y, guess)])  # 87 / 5
    m, b = mpf(0), mpf(0)
    printout = {"mse_guess": hand["mse_guess"]}
    for k in (1, 2, 3):
        yhat, r, xr, loss, dm, db, m, b = _epoch(m, b)
        for i, p in enumerate(POINTS):
            hand[f"yhat{k}_{p}"], hand[f"r{k}_{p}"], hand[f"xr{k}_{p}"] = yhat[i], r[i], xr[i]
        hand[f"mean_xr{k}"], hand[f"mean_r{k}"] = _mean(xr), _mean(r)
        row = {f"dm{k}": dm, f"db{k}": db, f"m{k}": m, f"b{k}": b, f"loss{k}": loss}
        hand |= row
        printout |= row
    m, b = mpf(0), mpf(0)
    for _ in range(3000):  # "epochs = 3000": the fit loss is the MSE at the last m, b
        *_, m, b = _epoch(m, b)
    printout["fit_loss"] = _mean([(y - (m * x + b)) ** 2 for x, y in zip(X, Y)])
    return {"migue-linreg-gd-by-hand": hand, "migue-linreg-gd-printout": printout}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:14s} {mpmath.nstr(value, 20)}")
