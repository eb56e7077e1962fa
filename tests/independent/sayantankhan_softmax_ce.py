"""Independent exact values for cases/sayantankhan_softmax_ce.yaml (no gradaudit, checks or reference import).

Source: Sayantankhan, blog, _posts/2025-06-24-backward_propagation.md (text in
cases/texts/sayantankhan_softmax_ce.txt). The worked example: softmax of the given logits, the
cross-entropy with a one-hot label, dL/dz = y_hat - y and dL/dx = W^T (y_hat - y); the loss example:
-log of the correct class's probability; at 30 digits. Row names are the claim names of the cases.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    z = [mpf("2.0"), mpf("1.0"), mpf("0.1")]
    y = [mpf(1), mpf(0), mpf(0)]
    W = [[mpf("0.2"), mpf("0.5")], [mpf("-0.3"), mpf("0.8")], [mpf("0.1"), mpf("-0.6")]]
    e = [mpmath.exp(v) for v in z]
    y_hat = [v / sum(e) for v in e]
    dz = [y_hat[k] - y[k] for k in range(3)]
    dx = [sum(W[k][j] * dz[k] for k in range(3)) for j in range(2)]
    main = {"L": -sum(y[k] * mpmath.log(y_hat[k]) for k in range(3))}
    for k in range(3):
        main[f"y_hat[{k}]"] = y_hat[k]
        main[f"dL_dz[{k}]"] = dz[k]
    for j in range(2):
        main[f"dL_dx[{j}]"] = dx[j]
    return {
        "sayantankhan-softmax-ce": main,
        "sayantankhan-ce-example": {"L_example": -mpmath.log(mpf("0.6"))},
    }


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:10s} {mpmath.nstr(value, 20)}")
