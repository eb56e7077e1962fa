"""Independent exact values for cases/vetea_neurona.yaml (no gradaudit, checks or reference import).

Source: "Ejemplo Numérico de Retropropagación (Una Sola Neurona)", advanced-ai-curriculum
(webmastervetea), temarios/1-2-b2 (text in cases/texts/vetea_neurona.txt). One sigmoid neuron with
two inputs and a bias, E = 1/2 (y - a)^2, one gradient-descent step on w1 with eta = 0.1.

Each quantity is computed by the article's own formula, in its order, from the given values, at
30 significant digits. Row names are the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "vetea-neurona"


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x1, x2 = mpf("0.5"), mpf("1.0")
    w1, w2 = mpf("0.3"), mpf("0.7")
    b = mpf("0.1")
    y = mpf("0.8")
    eta = mpf("0.1")

    w1x1 = w1 * x1                      # (w1 x1) = 0.3 * 0.5
    w2x2 = w2 * x2                      # (w2 x2) = 0.7 * 1.0
    z = w1x1 + w2x2 + b                 # z = (w1 x1) + (w2 x2) + b
    a = 1 / (1 + mpmath.exp(-z))        # a = f(z) = 1 / (1 + e^-z)
    diff = y - a                        # (y - a), printed inside L: (0.079)
    L = diff**2 / 2                     # L = 1/2 (y - a)^2
    dL_da = -(y - a)                    # dL/da = -(y - a)
    one_minus_a = 1 - a                 # (1 - a), printed inside da/dz
    da_dz = a * one_minus_a             # da/dz = a (1 - a)
    dz_dw1 = x1                         # dz/dw1 = x1
    dL_dw1 = dL_da * da_dz * dz_dw1     # the product of the three (Paso A, B, C)
    delta_w1 = -eta * dL_dw1            # - (0.1) * (-0.00793) = + 0.000793
    w_nuevo = w1 + delta_w1             # w_nuevo = w_viejo - eta dL/dw1
    return {
        CASE_ID: {
            "w1x1": w1x1,
            "w2x2": w2x2,
            "z": z,
            "a": a,
            "diff": diff,
            "L": L,
            "dL_da": dL_da,
            "one_minus_a": one_minus_a,
            "da_dz": da_dz,
            "dz_dw1": dz_dw1,
            "dL_dw1": dL_dw1,
            "delta_w1": delta_w1,
            "w_nuevo": w_nuevo,
        }
    }


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:12s} {mpmath.nstr(value, 20)}")
