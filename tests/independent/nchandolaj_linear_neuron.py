"""Independent exact values for cases/nchandolaj_linear_neuron.yaml (no gradaudit, checks, reference).

Source: nchandolaj, DeepLearning, foundations/docs/neural_network_mathematical_example.md (text in
cases/texts/nchandolaj_linear_neuron.txt). One neuron without bias or activation, p = x w,
L = (p - y)^2, dL/dw = 2(p - y) x, one step with eta = 0.01, the forward pass again, and the
summary table's changes (after minus before), from the given values at 30 digits. Row names are
the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "nchandolaj-linear-neuron"


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x, y, w, eta = mpf("2.0"), mpf("1.0"), mpf("3.0"), mpf("0.01")
    p = x * w                                  # "2.0 x 3.0 = 6.0"
    residual = p - y                           # "(6.0 - 1.0)^2 = 5.0^2"
    L = residual**2                            # "= 25.0"
    dL_dp = 2 * (p - y)                        # "2(6.0 - 1.0) = 10.0"
    dp_dw = x                                  # "= x = 2.0"
    dL_dw = dL_dp * dp_dw                      # "10.0 x 2.0 = 20.0"
    w_new = w - eta * dL_dw                    # "3.0 - (0.01 x 20.0) = 2.8"
    p_new = x * w_new                          # "2.0 x 2.8 = 5.6"
    residual_new = p_new - y                   # "(5.6 - 1.0)^2 = 4.6^2"
    L_new = residual_new**2                    # "= 21.16"
    out = {
        "p": p, "residual": residual, "L": L, "dL_dp": dL_dp, "dp_dw": dp_dw, "dL_dw": dL_dw,
        "w_new": w_new, "p_new": p_new, "residual_new": residual_new, "L_new": L_new,
        "change_w": w_new - w, "change_p": p_new - p, "change_L": L_new - L,
    }
    return {CASE_ID: out}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:12s} {mpmath.nstr(value, 20)}")
