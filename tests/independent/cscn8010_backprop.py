"""Independent exact values for cases/cscn8010_backprop.yaml (no gradaudit, checks or reference import).

Source: the CSCN8010 course notebook dl_class_notebooks/backpropagation.ipynb (text in
cases/texts/cscn8010_backprop.txt). Example 1: a 1-1-1 sigmoid network with biases, L = 1/2
(y_target - a_2)^2, the notebook's backward formulas and one step with alpha = 0.1. Example 2: one
linear neuron, the same loss, one step. The notebook's formulas from the given values, at 30 digits.
Row names are the claim names of the cases.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30


def _sigmoid(z):
    return 1 / (1 + mpmath.exp(-z))


def two_layer() -> dict[str, mpmath.mpf]:
    x, y, alpha = mpf("0.5"), mpf(1), mpf("0.1")
    w1, b1, w2, b2 = mpf("0.4"), mpf("0.5"), mpf("0.8"), mpf("-0.2")
    z1 = w1 * x + b1                     # "0.4 . 0.5 + 0.5 = 0.7"
    a1 = _sigmoid(z1)                    # "\approx 0.668"
    z2 = w2 * a1 + b2                    # "0.8 . 0.668 - 0.2 = 0.333"
    a2 = _sigmoid(z2)                    # "\approx 0.583"
    L = (y - a2) ** 2 / 2                # "\approx 0.083"
    dL_da2 = -(y - a2)                   # "-0.417"
    da2_dz2 = a2 * (1 - a2)              # "\approx 0.244"
    dL_dw2 = dL_da2 * da2_dz2 * a1       # "\approx -0.067"
    dL_db2 = dL_da2 * da2_dz2            # "\approx -0.102"
    dL_da1 = dL_da2 * da2_dz2 * w2       # "\approx -0.080"
    da1_dz1 = a1 * (1 - a1)              # "\approx 0.221"
    dL_dw1 = dL_da1 * da1_dz1 * x        # "\approx -0.009"
    dL_db1 = dL_da1 * da1_dz1            # "\approx -0.018"
    return {
        "z1": z1, "a1": a1, "z2": z2, "a2": a2, "L": L, "dL_da2": dL_da2, "da2_dz2": da2_dz2,
        "dL_dw2": dL_dw2, "dL_db2": dL_db2, "dL_da1": dL_da1, "da1_dz1": da1_dz1,
        "dL_dw1": dL_dw1, "dL_db1": dL_db1,
        "w1_new": w1 - alpha * dL_dw1, "b1_new": b1 - alpha * dL_db1,   # "\approx 0.401", "0.502"
        "w2_new": w2 - alpha * dL_dw2, "b2_new": b2 - alpha * dL_db2,   # "\approx 0.807", "-0.189"
    }


def single_neuron() -> dict[str, mpmath.mpf]:
    x, y, alpha, w, b = mpf(2), mpf(1), mpf("0.1"), mpf("0.5"), mpf("0.3")
    z = w * x + b                        # "0.5 . 2 + 0.3 = 1.3"
    a = z                                # "a = z = 1.3"
    dL_da = -(y - a)                     # "-(1 - 1.3) = 0.3"
    da_dz, dz_db = mpf(1), mpf(1)        # "= 1" twice
    dL_dz = dL_da * da_dz                # "0.3 . 1 = 0.3"
    dz_dw = x                            # "= x = 2"
    dL_dw, dL_db = dL_dz * dz_dw, dL_dz * dz_db   # "0.6", "0.3"
    return {
        "z": z, "a": a, "L": (y - a) ** 2 / 2, "dL_da": dL_da, "da_dz": da_dz, "dL_dz": dL_dz,
        "dz_dw": dz_dw, "dz_db": dz_db, "dL_dw": dL_dw, "dL_db": dL_db,
        "w_new": w - alpha * dL_dw, "b_new": b - alpha * dL_db,        # "0.44", "0.27"
    }


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    return {"cscn8010-two-layer": two_layer(), "cscn8010-single-neuron": single_neuron()}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:12s} {mpmath.nstr(value, 20)}")
