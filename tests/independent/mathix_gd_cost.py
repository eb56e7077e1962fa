"""Independent exact values for cases/mathix_gd_cost.yaml (only mpmath and the standard library).

Source: mathix.co, "Gradient Descent Cost Ef0Fd3" (text in cases/texts/mathix_gd_cost.txt): a line
h = theta_0 + theta_1 x fitted to (1, 1), (2, 3), (3, 5) by one batch gradient-descent iteration of
J = 1/(2m) sum (h - y)^2 from theta_0 = theta_1 = 0 with alpha = 0.1, then J at the new parameters.
dJ/dtheta_0 = (1/m) sum (h - y), dJ/dtheta_1 = (1/m) sum (h - y) x, by hand. Row names are the
claim names of the case; elements as `name[i]`.
"""

from __future__ import annotations

from mpmath import mp, mpf

mp.dps = 30


def exact() -> dict[str, dict[str, mpf]]:
    xs, ys = [mpf(1), mpf(2), mpf(3)], [mpf(1), mpf(3), mpf(5)]
    t0, t1, alpha = mpf(0), mpf(0), mpf("0.1")
    m = len(xs)
    rows: dict[str, mpf] = {}
    h = [t0 + t1 * x for x in xs]
    err = [a - b for a, b in zip(h, ys)]
    rows["h[0]"] = h[0]
    for i in range(m):
        rows[f"err[{i}]"] = err[i]
    rows["sum_err"] = sum(err)
    rows["grad_0"] = sum(err) / m
    rows["step_0"] = -alpha * rows["grad_0"]
    rows["theta_0_new"] = t0 + rows["step_0"]
    err_x = [e * x for e, x in zip(err, xs)]
    for i in range(m):
        rows[f"err_x[{i}]"] = err_x[i]
    rows["sum_err_x"] = sum(err_x)
    rows["step_1_num"] = -alpha * rows["sum_err_x"]
    rows["theta_1_new"] = t1 + rows["step_1_num"] / m
    h_new = [rows["theta_0_new"] + rows["theta_1_new"] * x for x in xs]
    sq = [(a - b) ** 2 for a, b in zip(h_new, ys)]
    for i in range(m):
        rows[f"h_new[{i}]"], rows[f"sq_err[{i}]"] = h_new[i], sq[i]
    rows["sum_sq"] = sum(sq)
    rows["J"] = rows["sum_sq"] / (2 * m)
    rows["J_answer"] = rows["J"]
    return {"mathix-gd-cost": rows}


if __name__ == "__main__":
    for case, rows in exact().items():
        print(case)
        for name, value in rows.items():
            print(f"  {name:14s} {mp.nstr(value, 20)}")
