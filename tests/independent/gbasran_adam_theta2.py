"""Independent exact values for cases/gbasran_adam_theta2.yaml (no gradaudit, checks, reference).

Source: gbasran, "Page 12: The Full Adam Algorithm", concept-12-full-adam.html of
ADAM-Machine-Learning-Deepdive at commit 54c544a (text in cases/texts/gbasran_adam_theta2.txt).
Adam (Kingma & Ba, Algorithm 1) on f(theta) = theta^2, f' = 2 theta, from theta_0 = 5 with
alpha = 0.1, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-8, m_0 = v_0 = 0, three iterations:
g = 2 theta, m = beta_1 m + (1 - beta_1) g, v = beta_2 v + (1 - beta_2) g^2, m-hat = m / (1 -
beta_1^t), v-hat = v / (1 - beta_2^t), theta -= alpha m-hat / (sqrt(v-hat) + epsilon); every
intermediate the page prints (the two terms of m and v, the bias corrections' denominators,
sqrt(v-hat), the step) at 30 digits from the given values. Row names are the claim names of the
cases (suffix: the iteration); the table's case claims a subset of the same rows.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30


def _rows() -> dict[str, mpmath.mpf]:
    theta, alpha, beta1, beta2, eps = mpf(5), mpf("0.1"), mpf("0.9"), mpf("0.999"), mpf("1e-8")
    m = v = mpf(0)
    out = {"c1": 1 - beta1, "c2": 1 - beta2, "b2sq_2": beta2**2, "b1pow_3": beta1**3}
    for t in (1, 2, 3):
        g = 2 * theta                                   # "g_2 = f'(theta_1) = 2(4.9) = 9.8"
        bm, gm = beta1 * m, (1 - beta1) * g             # "0.9(1) + 0.1(9.8) = 0.9 + 0.98"
        m = bm + gm                                     # "= 1.88"
        bv, gv = beta2 * v, (1 - beta2) * g**2          # "0.999(0.1) + 0.001(9.8^2) = 0.0999 + 0.09604"
        v = bv + gv                                     # "= 0.19594"
        corr1, corr2 = 1 - beta1**t, 1 - beta2**t       # "1 - 0.9^2" = 0.19, "1 - 0.999^2" = 0.001999
        mhat, vhat = m / corr1, v / corr2               # "9.895", "98.02"
        sqv = mpmath.sqrt(vhat)                         # "\sqrt{98.02}" -> "9.901"
        step = alpha * mhat / (sqv + eps)               # "0.1 x 9.895 / 9.901" -> "0.0999"
        theta = theta - step                            # "4.9 - 0.0999 = 4.8001"
        for name, value in (("g", g), ("bm", bm), ("gm", gm), ("m", m), ("bv", bv), ("gv", gv), ("v", v),
                            ("corr1", corr1), ("corr2", corr2), ("mhat", mhat), ("vhat", vhat),
                            ("sqv", sqv), ("step", step), ("theta", theta)):
            out[f"{name}_{t}"] = value
    return out


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    rows = _rows()
    return {"gbasran-adam-hand": rows, "gbasran-adam-table": rows}


if __name__ == "__main__":
    for name, value in _rows().items():
        print(f"  {name:8s} {mpmath.nstr(value, 20)}")
