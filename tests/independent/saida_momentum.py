"""Independent exact values for cases/saida_momentum.yaml (no gradaudit, checks, reference).

Source: univ-saida.dz, "Momentum Gradient Descent: Complete Solution with Step-by-Step Calculations"
(text in cases/texts/saida_momentum.txt). Momentum gradient descent on f(x) = (x - 4)^2, f'(x) =
2(x - 4), from x_0 = 10, v_0 = 0 with alpha = 0.2, beta = 0.9, four iterations: g_t = f'(x_{t-1}),
v_t = beta v_{t-1} - alpha g_t (its two terms printed apart), x_t = x_{t-1} + v_t; f_t = f(x_{t-1})
is the table's f(x) column. Row names are the claim names of the cases (suffix: the iteration); the
table's case claims a subset of the same rows and restates the givens x_0 and v_0.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30


def _rows() -> dict[str, mpmath.mpf]:
    alpha, beta = mpf("0.2"), mpf("0.9")
    x, v = mpf(10), mpf(0)
    out = {"x_0": x, "v_0": v}
    for t in (1, 2, 3, 4):
        f = (x - 4) ** 2                       # the table's "f(x)": 36.00 at x_0, 12.96 at x_1
        g = 2 * (x - 4)                        # "g₂ = 2(7.6 - 4) = 7.2"
        mom, gterm = beta * v, -alpha * g      # "0.9(-2.4) - 0.2(7.2) = -2.16 - 1.44"
        v = mom + gterm                        # "= -3.6"
        x = x + v                              # "x₂ = 7.6 + (-3.6) = 4.0"
        for name, value in (("f", f), ("g", g), ("mom", mom), ("gterm", gterm), ("v", v), ("x", x)):
            out[f"{name}_{t}"] = value
    return out


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    rows = _rows()
    return {"saida-momentum": rows, "saida-momentum-table": rows}


if __name__ == "__main__":
    for name, value in _rows().items():
        print(f"  {name:8s} {mpmath.nstr(value, 20)}")
