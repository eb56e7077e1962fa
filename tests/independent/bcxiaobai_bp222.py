"""Independent exact values for cases/bcxiaobai_bp222.yaml (no gradaudit, checks or reference import).

Source: bcxiaobai.eu.org/post/11874.html (text in cases/texts/bcxiaobai_bp222.txt). A 2-2-2
sigmoid network without biases; the program's own formulas (hidden gradients from d_w5 + d_w6 and
d_w7 + d_w8, as it writes them) from the given values, at 30 digits, with lr = 1 (the case's
inferred value). Row names are the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "bcxiaobai-bp222"


def sig(z):
    return 1 / (1 + mpmath.exp(-z))


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    w = {k: mpf(v) for k, v in zip(range(1, 9), ["0.2", "-0.4", "0.5", "0.6", "0.1", "-0.5", "-0.3", "0.8"])}
    x1, x2, y1, y2, lr = mpf("0.5"), mpf("0.3"), mpf("0.23"), mpf("-0.07"), mpf(1)
    h1 = sig(w[1] * x1 + w[3] * x2)
    h2 = sig(w[2] * x1 + w[4] * x2)
    o1 = sig(w[5] * h1 + w[7] * h2)
    o2 = sig(w[6] * h1 + w[8] * h2)
    error = (o1 - y1) ** 2 / 2 + (o2 - y2) ** 2 / 2
    g1 = (o1 - y1) * o1 * (1 - o1)       # d_o1 * out_o1 * (1 - out_o1)
    g2 = (o2 - y2) * o2 * (1 - o2)
    d = {5: g1 * h1, 7: g1 * h2, 6: g2 * h1, 8: g2 * h2}
    d[1] = (d[5] + d[6]) * h1 * (1 - h1) * x1   # as the program writes it
    d[3] = (d[5] + d[6]) * h1 * (1 - h1) * x2
    d[2] = (d[7] + d[8]) * h2 * (1 - h2) * x1
    d[4] = (d[7] + d[8]) * h2 * (1 - h2) * x2
    rows = {"out_h1": h1, "out_h2": h2, "out_o1": o1, "out_o2": o2, "error": error}
    rows |= {f"d_w{k}": d[k] for k in range(1, 9)}
    rows |= {f"w{k}_new": w[k] - lr * d[k] for k in range(1, 9)}
    return {CASE_ID: rows}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:10s} {mpmath.nstr(value, 20)}")
