"""Independent exact values for cases/jsbutler_relu111.yaml (only mpmath and the standard library).

Source: john-s-butler-dit, "One Node Back Propagation ReLU" (NM_ML_DE_source, chapter 09; text in
cases/texts/jsbutler_relu111.txt): h = max(0, w x + b), y = v h + c, cost = (y - t)^2 / 2, ten steps
of gradient descent on one example (x = 1, t = 3) from w = 0.5, b = 0.2, v = 0.3, c = 0.1 with rate
0.01. Derivatives by hand from the cost: dcost/dy = y - t, dcost/dv = (y - t) h, dcost/dc = y - t,
dcost/dw = (y - t) v x, dcost/db = (y - t) v while w x + b > 0. Row names: cost_k, y_pred_k at the
parameters before update k; w_k, b_k, v_k, c_k after it.
"""

from __future__ import annotations

from mpmath import mp, mpf

mp.dps = 30


def exact() -> dict[str, dict[str, mpf]]:
    x, t, lr = mpf(1), mpf(3), mpf("0.01")
    w, b, v, c = mpf("0.5"), mpf("0.2"), mpf("0.3"), mpf("0.1")
    rows = {}
    for k in range(1, 11):
        z = w * x + b
        hid = max(mpf(0), z)
        y = v * hid + c
        r = y - t
        rows[f"y_pred_{k}"], rows[f"cost_{k}"] = y, r * r / 2
        gw, gb = (r * v * x, r * v) if z > 0 else (mpf(0), mpf(0))
        w, b, v, c = w - lr * gw, b - lr * gb, v - lr * r * hid, c - lr * r
        rows[f"w_{k}"], rows[f"b_{k}"], rows[f"v_{k}"], rows[f"c_{k}"] = w, b, v, c
    return {"jsbutler-relu111": rows}


if __name__ == "__main__":
    for case, rows in exact().items():
        print(case)
        for name, value in rows.items():
            print(f"  {name:9s} {mp.nstr(value, 20)}")
