"""Independent exact values for cases/lexai_bce211.yaml (no gradaudit, checks or reference import).

Source: retiredbatmanforsale, lexai-fellowship/neural_network_theory.ipynb, "Problem: Learn XOR-ish
Behavior" (text in cases/texts/lexai_bce211.txt). A 2-1-1 sigmoid network with binary
cross-entropy, one gradient-descent step with eta = 0.1, the article's chain from the given values
at 30 digits. Row names are the claim names of the case (vectors as `name[i]`).
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "lexai-bce211"


def sig(t):
    return 1 / (1 + mpmath.exp(-t))


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x = [mpf(1), mpf(0)]
    W1 = [mpf("0.5"), mpf("-0.5")]
    b1, W2, b2, y, eta = mpf(0), mpf(1), mpf(0), mpf(1), mpf("0.1")
    z1 = W1[0] * x[0] + W1[1] * x[1] + b1
    a1 = sig(z1)
    z2 = W2 * a1 + b2
    y_hat = sig(z2)
    loss = -(y * mpmath.log(y_hat) + (1 - y) * mpmath.log(1 - y_hat))
    dL_dyhat = -y / y_hat + (1 - y) / (1 - y_hat)
    one_minus_yhat = 1 - y_hat
    dyhat_dz2 = y_hat * one_minus_yhat
    dL_dz2 = dL_dyhat * dyhat_dz2
    dL_dW2 = dL_dz2 * a1
    dL_db2 = dL_dz2
    dL_da1 = dL_dz2 * W2
    one_minus_a1 = 1 - a1
    da1_dz1 = a1 * one_minus_a1
    dL_dz1 = dL_da1 * da1_dz1
    dL_dW1 = [dL_dz1 * xi for xi in x]
    dL_db1 = dL_dz1
    return {
        CASE_ID: {
            "z1": z1, "a1": a1, "z2": z2, "y_hat": y_hat, "Loss": loss, "dL_dyhat": dL_dyhat,
            "one_minus_yhat": one_minus_yhat, "dyhat_dz2": dyhat_dz2, "dL_dz2": dL_dz2,
            "dL_dW2": dL_dW2, "dL_db2": dL_db2, "dL_da1": dL_da1, "one_minus_a1": one_minus_a1,
            "da1_dz1": da1_dz1, "dL_dz1": dL_dz1, "dL_dW1[0]": dL_dW1[0], "dL_dW1[1]": dL_dW1[1],
            "dL_db1": dL_db1, "W2_new": W2 - eta * dL_dW2, "b2_new": b2 - eta * dL_db2,
            "W1_new[0]": W1[0] - eta * dL_dW1[0], "W1_new[1]": W1[1] - eta * dL_dW1[1],
            "b1_new": b1 - eta * dL_db1,
        }
    }


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:16s} {mpmath.nstr(value, 20)}")
