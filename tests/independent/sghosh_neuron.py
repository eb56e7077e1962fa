"""Independent exact values for cases/sghosh_neuron.yaml (no gradaudit, checks or reference import).

Source: "Simple Neural Network: Manual Backpropagation (1 Hidden Neuron)", the notebook
Backpropagation-Mathematics.ipynb of Sghosh1999/Machine-Learning-Deep-Learning-Fundamentals-Scratch
(text in cases/texts/sghosh_neuron.txt). One sigmoid neuron with two inputs and a bias,
Loss = 0.5 (y - y_pred)^2, one gradient-descent step on w11, w12 and b with eta = 0.1.

Each quantity is computed by the notebook's own formula, in its order, from the given values, at
30 significant digits. Row names are the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "sghosh-neuron"


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x1, x2 = mpf("1.0"), mpf("2.0")
    w11, w12 = mpf("0.5"), mpf("-0.4")
    b = mpf("0.1")
    y = mpf("1.0")
    eta = mpf("0.1")

    z = w11 * x1 + w12 * x2 + b             # z = w11 * x1 + w12 * x2 + b
    y_pred = 1 / (1 + mpmath.exp(-z))       # y_pred = 1 / (1 + exp(-z))
    loss = mpf("0.5") * (y - y_pred) ** 2   # Loss = 0.5 * (y - y_pred)^2
    dL_dy_pred = y_pred - y                 # dL/dy_pred = y_pred - y
    dy_pred_dz = y_pred * (1 - y_pred)      # dy_pred/dz = y_pred * (1 - y_pred)
    dL_dz = dL_dy_pred * dy_pred_dz         # dL/dz = dL/dy_pred * dy_pred/dz
    dL_dw11 = dL_dz * x1                    # dL/dw11 = dL/dz * x1
    dL_dw12 = dL_dz * x2                    # dL/dw12 = dL/dz * x2
    dL_db = dL_dz                           # dL/db = dL/dz
    return {
        CASE_ID: {
            "z": z,
            "y_pred": y_pred,
            "Loss": loss,
            "dL_dy_pred": dL_dy_pred,
            "dy_pred_dz": dy_pred_dz,
            "dL_dz": dL_dz,
            "dL_dw11": dL_dw11,
            "dL_dw12": dL_dw12,
            "dL_db": dL_db,
            "w11_new": w11 - eta * dL_dw11,    # w11 = w11 - eta * dL/dw11
            "w12_new": w12 - eta * dL_dw12,    # w12 = w12 - eta * dL/dw12
            "b_new": b - eta * dL_db,          # b = b - eta * dL/db
        }
    }


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:12s} {mpmath.nstr(value, 20)}")
