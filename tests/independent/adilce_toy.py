"""Independent exact values for cases/adilce_toy.yaml (adilce009, "Understanding Backpropagation —
With Toy Examples"; text in cases/texts/adilce_toy.txt).

Imports nothing from gradaudit, checks or reference: only mpmath and the standard library. Every
printed quantity is recomputed from the post's own formulas, in its own order, from the given
values, at 30 significant digits.
"""

from __future__ import annotations

import mpmath
from mpmath import mp, mpf

mp.dps = 30


def _sigma(z):
    return 1 / (1 + mpmath.exp(-z))


def linear() -> dict[str, mpmath.mpf]:
    """Section 3: y_hat = w x, L = (y - y_hat)^2, one step of w_new = w - eta dL/dw."""
    x, w, y, eta = mpf(2), mpf(3), mpf(10), mpf("0.1")
    yhat = w * x                         # "y_hat = 3 * 2 = 6"
    L = (y - yhat) ** 2                  # "L = (10 - 6)^2 = 16"
    dL_dyhat = -2 * (y - yhat)           # "-2(y - y_hat) = -8"
    dyhat_dw = x                         # "= x = 2"
    dL_dw = dL_dyhat * dyhat_dw          # "= -16"
    w_new = w - eta * dL_dw              # "3 - 0.1(-16) = 4.6"
    yhat_new = w_new * x                 # "4.6 * 2 = 9.2"
    L_new = (y - yhat_new) ** 2          # "(10 - 9.2)^2 = 0.64"
    return dict(yhat=yhat, L=L, dL_dyhat=dL_dyhat, dyhat_dw=dyhat_dw, dL_dw=dL_dw,
                w_new=w_new, yhat_new=yhat_new, L_new=L_new)


def sigmoid_net() -> dict[str, mpmath.mpf]:
    """Section 4: h = sigma(w1 x), y_hat = w2 h, L = (y - y_hat)^2, one step with eta = 0.1."""
    x, w1, w2, y, eta = mpf(1), mpf("0.5"), mpf("-1.0"), mpf("0.5"), mpf("0.1")
    z1 = w1 * x                          # "z_1 = 0.5"
    h = _sigma(z1)                       # "h = sigma(0.5) ~ 0.622"
    yhat = w2 * h                        # "-1.0 * 0.622 = -0.622"
    L = (y - yhat) ** 2                  # "(0.5 - (-0.622))^2 ~ 1.259"
    dL_dyhat = -2 * (y - yhat)           # "-2(y - y_hat) = -2.244"
    dL_dw2 = dL_dyhat * h                # "dL/dy_hat * h = -1.394"
    sigma_prime = h * (1 - h)            # "sigma(z1)(1 - sigma(z1)) ~ 0.235"
    dL_dw1 = dL_dyhat * w2 * sigma_prime * x   # "So: 0.527"
    w2_new = w2 - eta * dL_dw2           # "w2 -> -0.861"
    w1_new = w1 - eta * dL_dw1           # "w1 -> 0.447"
    # "Loss decreases from 1.259 -> 1.052": the same forward pass at the new weights
    h_new = _sigma(w1_new * x)
    yhat_new = w2_new * h_new
    L_new = (y - yhat_new) ** 2
    return dict(z1=z1, h=h, yhat=yhat, L=L, dL_dyhat=dL_dyhat, dL_dw2=dL_dw2,
                sigma_prime=sigma_prime, dL_dw1=dL_dw1, w2_new=w2_new, w1_new=w1_new, L_new=L_new)


def relu_net() -> dict[str, mpmath.mpf]:
    """Section 5: h = max(0, w1 x), the same output layer and loss, dL/dw1 only."""
    x, w1, w2, y = mpf(1), mpf("0.5"), mpf("-1.0"), mpf("0.5")
    z1 = w1 * x                          # "z_1 = 0.5 > 0"
    h = max(mpf(0), z1)                  # "h = 0.5"
    yhat = w2 * h                        # "y_hat = -0.5"
    L = (y - yhat) ** 2                  # "Loss = 1.0"
    relu_prime = mpf(1) if z1 > 0 else mpf(0)
    dL_dw1 = -2 * (y - yhat) * w2 * relu_prime * x   # "(-2)(0.5 - (-0.5)) * (-1) * 1 * 1 = 2"
    return dict(z1=z1, h=h, yhat=yhat, L=L, dL_dw1=dL_dw1)


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    return {
        "adilce-toy-linear": linear(),
        "adilce-toy-sigmoid": sigmoid_net(),
        "adilce-toy-relu": relu_net(),
    }


if __name__ == "__main__":
    for case, rows in exact().items():
        print(case)
        for name, value in rows.items():
            print(f"  {name:12s} {mpmath.nstr(value, 20)}")
