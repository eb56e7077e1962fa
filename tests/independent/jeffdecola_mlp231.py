"""Independent exact values for cases/jeffdecola_mlp231.yaml (no gradaudit, checks, reference).

Source: JeffDeCola, "MATH BEHIND TRAINING MLP NEURAL NETWORKS CHEAT SHEET" (my-cheat-sheets, commit
8eac043c; text in cases/texts/jeffdecola_mlp231.txt).

The 2-3-1 example: x = (0.5, 0.5); hidden weights wh[j] = (-0.5, -1.0), (-0.5, 0.5), (1.0, 0.0), biases
bh = 0.5 each; output weights wo = (0.5, -1.0, 0.0), bias bo = 0.5; target z = 0.91, eta = 0.1. With
f the sigmoid or tanh: s_h[j] = x . wh[j] + bh[j] (each product x[i] wh[j][i] a row), a_h = f(s_h),
s_o = a_h . wo + bo (each product a row), y_o = f(s_o), L = (y_o - z)^2 / 2, err = y_o - z,
delta_o = f'(s_o) err (the factor 1 - y_o or 1 - y_o^2 a row), delta_h[j] = f'(s_h[j]) wo[j] delta_o;
sigmoid only: wo[j] -= eta delta_o a_h[j], bo -= eta delta_o, wh[j][i] -= eta delta_h[j] x[i],
bh[j] -= eta delta_h[j]; the loss after k such rounds (k = 1..9, 100, 1000).

The paraboloid: f(x, y) = x^2 + y^2 from (3, 4), eta = 0.1, x <- x (1 - 2 eta) for ten steps; per
step the slopes 2x, 2y and f at the new point. The normalization: each column of the dataset scaled by
its min and max, (v - min) / (max - min), and that times 2 minus 1.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

X = (mpf("0.5"), mpf("0.5"))
WH = [[mpf("-0.5"), mpf("-1.0")], [mpf("-0.5"), mpf("0.5")], [mpf("1.0"), mpf("0.0")]]
BH = [mpf("0.5")] * 3
WO = [mpf("0.5"), mpf("-1.0"), mpf("0.0")]
BO, Z, ETA = mpf("0.5"), mpf("0.91"), mpf("0.1")
ROUNDS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 100, 1000)


def _sigmoid(s):
    return 1 / (1 + mpmath.exp(-s))


def _pass(wh, bh, wo, bo, tanh: bool) -> dict:
    """One forward and backward pass; the rows named as the cases' claims."""
    f = mpmath.tanh if tanh else _sigmoid
    out = {}
    a = []
    for j in range(3):
        for i in range(2):
            out[f"p_h{j}{i}"] = X[i] * wh[j][i]                     # "(0.5 \cdot -0.5)" = -0.25
        out[f"s_h{j}"] = out[f"p_h{j}0"] + out[f"p_h{j}1"] + bh[j]   # "= (-0.25)"
        a.append(f(out[f"s_h{j}"]))                                  # "\sigma_{h[0]}(-0.25) = 0.4378"
        out[f"a_h{j}"] = a[j]
        out[f"q_o{j}"] = a[j] * wo[j]                                # "0.4378 \cdot 0.5" -> 0.2189
    out["s_o"] = out["q_o0"] + out["q_o1"] + out["q_o2"] + bo         # "= (0.0964)"
    y = f(out["s_o"])                                                # "= 0.5241"
    out["y_o"], out["L"], out["err"] = y, (y - Z) ** 2 / 2, y - Z
    if tanh:
        out["one_minus_y2"] = 1 - y**2                               # "(0.99288)"
        out["delta_o"] = out["one_minus_y2"] * out["err"]            # "-0.9873"
        slope = [1 - aj**2 for aj in a]
    else:
        out["one_minus_y"] = 1 - y                                   # "0.524(0.476)"
        out["delta_o"] = y * out["one_minus_y"] * out["err"]         # "-0.096252"
        slope = [aj * (1 - aj) for aj in a]
    for j in range(3):
        out[f"delta_h{j}"] = slope[j] * wo[j] * out["delta_o"]       # "= -0.01185"
    return out


def _updated(wh, bh, wo, bo, rows):
    d_o = rows["delta_o"]
    wo2 = [wo[j] - ETA * d_o * rows[f"a_h{j}"] for j in range(3)]    # "0.5 - (0.1 \cdot ... 0.4378)"
    bo2 = bo - ETA * d_o                                             # "0.5 - (0.1 \cdot -0.096252)"
    wh2 = [[wh[j][i] - ETA * rows[f"delta_h{j}"] * X[i] for i in range(2)] for j in range(3)]
    bh2 = [bh[j] - ETA * rows[f"delta_h{j}"] for j in range(3)]
    return wh2, bh2, wo2, bo2


def _sigmoid_rows() -> dict:
    rows = _pass(WH, BH, WO, BO, tanh=False)
    wh2, bh2, wo2, bo2 = _updated(WH, BH, WO, BO, rows)
    for j in range(3):
        rows[f"w_o{j}_new"] = wo2[j]
        rows[f"b_h{j}_new"] = bh2[j]
        for i in range(2):
            rows[f"w_h{j}{i}_new"] = wh2[j][i]
    rows["b_o_new"] = bo2
    params, k = (WH, BH, WO, BO), 0
    for target in ROUNDS:
        while k < target:
            params = _updated(*params, _pass(*params, tanh=False))
            k += 1
        rows[f"L_after_{target}"] = _pass(*params, tanh=False)["L"]  # "| 1 | 0.07242 |"
    return rows


def _paraboloid_rows() -> dict:
    x, y, eta = mpf(3), mpf(4), mpf("0.1")
    two_eta = 2 * eta                                                # "1 - 2 \cdot 0.1" -> "1 - 0.2"
    factor = 1 - two_eta                                             # "x(0.8)"
    rows = {"two_eta": two_eta, "factor": factor, "x_0": x, "y_0": y, "f_0": x**2 + y**2}
    for k in range(1, 11):
        rows[f"gx_{k}"], rows[f"gy_{k}"] = 2 * x, 2 * y             # "| 3.0000 | 6.0000 |"
        x, y = x * factor, y * factor                                # "3(0.8) = 2.4000"
        rows[f"x_{k}"], rows[f"y_{k}"], rows[f"f_{k}"] = x, y, x**2 + y**2
    return rows


def _normalization_rows() -> dict:
    data = {"i0": (70, 50, 65, 25), "i1": (98, 85, 67, 95), "z0": (91, 82, 80, 68)}  # the csv's columns
    rows = {}
    for col, values in data.items():
        lo, hi = mpf(min(values)), mpf(max(values))                  # "i0 -> Min: 25, Max: 70"
        rows[f"min_{col}"], rows[f"max_{col}"] = lo, hi
        for r, v in enumerate(values, start=1):
            unit = (mpf(v) - lo) / (hi - lo)                         # "\frac{65 - 25}{70 - 25} = 0.8888"
            rows[f"{col}_{r}"], rows[f"n01_{col}_{r}"], rows[f"n11_{col}_{r}"] = mpf(v), unit, unit * 2 - 1
    return rows


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    tanh_rows = _pass(WH, BH, WO, BO, tanh=True)
    inputs = {"x_0": X[0], "x_1": X[1], "z": Z, "eta": ETA}
    return {
        "jeffdecola-mlp-sigmoid": {**_sigmoid_rows(), **inputs},
        "jeffdecola-mlp-tanh": {**tanh_rows, **inputs},
        "jeffdecola-paraboloid": _paraboloid_rows(),
        "jeffdecola-paraboloid-table": _paraboloid_rows(),
        "jeffdecola-normalization": _normalization_rows(),
        "jeffdecola-normalization-table": _normalization_rows(),
    }


if __name__ == "__main__":
    for case, rows in exact().items():
        print(case)
        for name, value in rows.items():
            print(f"  {name:14s} {mpmath.nstr(value, 12)}")
