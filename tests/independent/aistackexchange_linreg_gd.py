"""Independent exact values for cases/aistackexchange_linreg_gd.yaml (no gradaudit, checks or
reference import).

Source: AI Stack Exchange question 12666 (text in cases/texts/aistackexchange_linreg_gd.txt). A
linear regression theta_0 + theta_1 x on (1, 2), (2, 1), (3, 2) with the mean squared error, three
gradient-descent iterations from (1.0, 0.0) with learning rate 0.1, at 30 digits. loss_k is the loss
at the parameters before update k, params_k the parameters after it. Row names are the claim names
of the cases.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    xs = [mpf(1), mpf(2), mpf(3)]
    ys = [mpf(2), mpf(1), mpf(2)]
    t0, t1, lr = mpf("1.0"), mpf("0.0"), mpf("0.1")
    n = len(xs)
    rows = {}
    for k in (1, 2, 3):
        err = [t0 + t1 * x - y for x, y in zip(xs, ys)]  # yhat - y
        rows[f"loss_{k}"] = sum(e**2 for e in err) / n
        g0 = sum(2 * e for e in err) / n
        g1 = sum(2 * e * x for e, x in zip(err, xs)) / n
        t0, t1 = t0 - lr * g0, t1 - lr * g1
        rows[f"params_{k}[0]"], rows[f"params_{k}[1]"] = t0, t1
    return {
        "aistackexchange-linreg-gd-answer": rows,
        "aistackexchange-linreg-gd-question": {"params_3[0]": rows["params_3[0]"]},
    }


if __name__ == "__main__":
    for case_id, values in exact().items():
        print(case_id)
        for name, value in values.items():
            print(f"  {name:14s} {mpmath.nstr(value, 20)}")
