"""Independent exact values for cases/fransis96jst_xor231.yaml (no gradaudit, checks, reference).

Source: fransis96jst, backpropagation, README.md (text in cases/texts/fransis96jst_xor231.txt).
A 2-3-1 sigmoid network for XOR, the pattern X1 = X2 = 1 with target 0, alpha = 0.2: the
forward pass, delta_Y = (t - Y1) Y1 (1 - Y1), delta_Zj = delta_Y v_j Zj (1 - Zj), every weight
plus alpha times its delta times its input, from the README's tables at 30 digits. Row names are
the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "fransis96jst-xor231"


def _sigma(x):
    return 1 / (1 + mpmath.exp(-x))


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    X = [mpf(1), mpf(1)]                                   # "X₁=1, X₂=1"
    t, alpha = mpf(0), mpf("0.2")                          # "target t = 0", "α = 0.2"
    # Tabel a, rows X1, X2, bias (1); columns Z1, Z2, Z3
    W = [[mpf("-0.3"), mpf("0.3"), mpf("-0.3")],
         [mpf("0.3"), mpf("-0.2"), mpf("0.3")]]
    bias = [mpf("-0.1"), mpf("0.3"), mpf("-0.1")]
    v = [mpf("-0.1"), mpf("0.5"), mpf("-0.3")]             # Tabel b, rows Z1, Z2, Z3
    v0 = mpf("0.2")                                        # Tabel b, row bias (1)
    out: dict[str, mpmath.mpf] = {}

    z_in = [X[0] * W[0][j] + X[1] * W[1][j] + bias[j] for j in range(3)]
    Z = [_sigma(z) for z in z_in]                          # sigma(-0.1), sigma(0.4), sigma(-0.1)
    Zv = [Z[j] * v[j] for j in range(3)]                   # "-0.0475 + 0.29935 - 0.1425"
    y_in = sum(Zv) + v0                                    # "= 0.30935"
    Y = _sigma(y_in)                                       # "≈ 0.5768"
    delta_Y = (t - Y) * Y * (1 - Y)                        # "≈ -0.1407"
    dYv = [delta_Y * v[j] for j in range(3)]               # "0.01407", "-0.07035", "0.04221"
    delta_Z = [dYv[j] * Z[j] * (1 - Z[j]) for j in range(3)]
    for j in range(3):
        k = j + 1
        out[f"Z{k}_in"], out[f"Z{k}"], out[f"Z{k}v{k}"] = z_in[j], Z[j], Zv[j]
        out[f"dYv{k}"], out[f"delta_Z{k}"] = dYv[j], delta_Z[j]
        out[f"one_minus_Z{k}"] = 1 - Z[j]
        out[f"dv{k}"] = alpha * delta_Y * Z[j]             # "0.2 · (-0.1407) · 0.4750"
        out[f"v{k}_new"] = v[j] + alpha * delta_Y * Z[j]
        for i in range(2):                                 # w_ij from X_i to Z_j
            out[f"dw{i + 1}{k}"] = alpha * delta_Z[j] * X[i]
            out[f"w{i + 1}{k}_new"] = W[i][j] + alpha * delta_Z[j] * X[i]
        out[f"dbias{k}"] = alpha * delta_Z[j]
        out[f"bias{k}_new"] = bias[j] + alpha * delta_Z[j]
    out.update({
        "Y1_in": y_in, "Y1": Y, "t_minus_Y1": t - Y, "one_minus_Y1": 1 - Y, "delta_Y": delta_Y,
        "dv0": alpha * delta_Y, "v0_new": v0 + alpha * delta_Y,
    })
    return {CASE_ID: out}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:14s} {mpmath.nstr(value, 20)}")
