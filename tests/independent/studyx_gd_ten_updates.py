"""Independent exact values for cases/studyx_gd_ten_updates.yaml (only mpmath and the standard library).

Source: StudyX homework answer (studyx.ai/homework/102235312; text in
cases/texts/studyx_gd_ten_updates.txt): gradient descent on f(x1, x2) = x1^2 + 3 x2 + 25 from
(0, 0) with eta = 1, ten updates. The answer's own procedure: the gradient (2 x1, 3) at the current
point, then x_i <- x_i - eta * df/dx_i for both coordinates at once. Values from the given values
only, 30 digits. Row names: g1_k, g2_k (the gradient used in update k), x1_k, x2_k (the point after
update k).
"""

from __future__ import annotations

from mpmath import mp, mpf

mp.dps = 30


def exact() -> dict[str, dict[str, mpf]]:
    x1, x2, eta = mpf(0), mpf(0), mpf(1)
    rows = {}
    for k in range(1, 11):
        g1 = 2 * x1          # df/dx1 = 2 x1
        g2 = mpf(3)          # df/dx2 = 3
        x1, x2 = x1 - eta * g1, x2 - eta * g2
        rows[f"g1_{k}"], rows[f"g2_{k}"] = g1, g2
        rows[f"x1_{k}"], rows[f"x2_{k}"] = x1, x2
    return {"studyx-gd-ten-updates": rows}


if __name__ == "__main__":
    for case, rows in exact().items():
        print(case)
        for name, value in rows.items():
            print(f"  {name:6s} {mp.nstr(value, 20)}")
