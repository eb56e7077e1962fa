"""Independent exact values for cases/scidatmath_gd_parabola.yaml (only mpmath and the standard library).

Source: SciData (scidatmath2020), "C03. Descenso de gradiente (teoría)" (text in
cases/texts/scidatmath_gd_parabola.txt): gradient descent on f(x) = x^2 - 2x + 4 from x_1 = 3 with
alpha = 0.02, three updates x_{i+1} = x_i - alpha (2 x_i - 2); the minimum, where 2x - 2 = 0, is
x = 1. Row names are the claim names of the case.
"""

from __future__ import annotations

from mpmath import mp, mpf

mp.dps = 30


def exact() -> dict[str, dict[str, mpf]]:
    x, alpha = mpf(3), mpf("0.02")
    rows: dict[str, mpf] = {"x_min": mpf(2) / 2}
    for i in range(1, 4):
        x = x - alpha * (2 * x - 2)
        rows[f"x_{i + 1}"] = x
    rows["x_lim"] = rows["x_min"]
    return {"scidatmath-gd-parabola": rows}


if __name__ == "__main__":
    for case, rows in exact().items():
        print(case)
        for name, value in rows.items():
            print(f"  {name:8s} {mp.nstr(value, 20)}")
