"""Independent exact values for cases/mihirsai_softmax_ce.yaml (no gradaudit, checks or reference import).

Source: MihirSaiDudekula, VIsem_Labs/DLP2.md (text in cases/texts/mihirsai_softmax_ce.txt). logits
= X W for X = [1, 2], a stable softmax, cross-entropy with y_true = [0, 1, 0], grad = y_pred -
y_true, W update = X^T grad, Delta W = -0.1 W update; from the given values, at 30 digits. Row
names are the claim names of the case.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "mihirsai-softmax-ce"


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    X = [mpf("1.0"), mpf("2.0")]
    W = [[mpf("0.2"), mpf("-0.3"), mpf("0.5")], [mpf("-0.5"), mpf("0.7"), mpf("-0.2")]]
    y_true = [mpf(0), mpf(1), mpf(0)]
    lr = mpf("0.1")
    terms_x1 = [X[0] * w for w in W[0]]
    terms_x2 = [X[1] * w for w in W[1]]
    logits = [a + b for a, b in zip(terms_x1, terms_x2)]
    top = max(logits)
    shifted = [z - top for z in logits]
    exps = [mpmath.exp(s) for s in shifted]
    total = sum(exps)
    y_pred = [e / total for e in exps]
    loss = -sum(t * mpmath.log(p) for t, p in zip(y_true, y_pred))
    g = [p - t for p, t in zip(y_pred, y_true)]
    W_update = [[x * gj for gj in g] for x in X]
    delta_W = [[-lr * u for u in row] for row in W_update]
    rows: dict[str, mpmath.mpf] = {"logits_max": top, "total": total, "loss": loss}
    for name, v in (
        ("terms_x1", terms_x1),
        ("terms_x2", terms_x2),
        ("logits", logits),
        ("shifted", shifted),
        ("exps", exps),
        ("y_pred", y_pred),
        ("grad_logits", g),
    ):
        rows.update({f"{name}[{i}]": e for i, e in enumerate(v)})
    for name, M in (("W_update", W_update), ("delta_W", delta_W)):
        rows.update({f"{name}[{i},{j}]": e for i, r in enumerate(M) for j, e in enumerate(r)})
    return {CASE_ID: rows}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:16s} {mpmath.nstr(value, 20)}")
