"""Independent exact values for cases/geoj_cs231n_twolayer.yaml (Joe Granados, "cs231n Two-Layer
Backprop Mathematics Example", github.com/g-eoj/cs231n).

Imports nothing from gradaudit, checks or reference: mpmath and the standard library only. Every
printed quantity is recomputed from the given values by the notebook's own procedure, in its order
(row vectors, `x W1`, indices from 0):

  M      = x W1 + b1                         (1 x 2)
  h1     = max(0, M)
  scores = h1 W2 + b2                        (1 x 3)
  loss   = -log(e^{scores_y} / sum_j e^{scores_j}),  y = 2  (trueprob = [0, 0, 1])
  dscores = [softmax(scores)_0, softmax(scores)_1, -1 + softmax(scores)_2]
  dW2    = h1^T dscores,  db2 = dscores
  dh1    = dscores W2^T
  dM     = dh1 with the entries where M <= 0 set to 0   (the notebook's `dh1[h1 <= 0] = 0`)
  dW1    = x^T dM,  db1 = dM
"""

from __future__ import annotations

import mpmath

mpmath.mp.dps = 30
mpf = mpmath.mpf

X = [mpf(16), mpf(-6)]
Y = 2
W1 = [[mpf("0.18"), mpf("0.04")], [mpf("0.1"), mpf("0.22")]]
B1 = [mpf(0), mpf(0)]
W2 = [[mpf("0.19"), mpf("-0.1"), mpf("0.1")], [mpf("-0.02"), mpf("-0.01"), mpf("0.04")]]
B2 = [mpf(0), mpf(0), mpf(0)]


def vecmat(v, m):
    return [sum(v[i] * m[i][j] for i in range(len(v))) for j in range(len(m[0]))]


def worked(x, y, W1, b1, W2, b2):
    v = {}
    M = [a + b for a, b in zip(vecmat(x, W1), b1)]
    h1 = [max(mpf(0), m) for m in M]
    scores = [a + b for a, b in zip(vecmat(h1, W2), b2)]
    e = [mpmath.exp(s) for s in scores]
    soft = [ei / sum(e) for ei in e]
    trueprob = [mpf(1) if j == y else mpf(0) for j in range(3)]
    loss = -sum(t * mpmath.log(p) for t, p in zip(trueprob, soft))
    dscores = [p - t for p, t in zip(soft, trueprob)]
    dW2 = [[h1[i] * dscores[j] for j in range(3)] for i in range(2)]
    db2 = list(dscores)
    W2T = [[W2[i][j] for i in range(2)] for j in range(3)]
    dh1 = vecmat(dscores, W2T)
    dM = [d if m > 0 else mpf(0) for d, m in zip(dh1, M)]
    dW1 = [[x[i] * dM[j] for j in range(2)] for i in range(2)]
    db1 = list(dM)
    # Row names as in the case: the printed matrices dW2 and dW1 are claimed row by row (steps
    # dW2_row0, dW2_row1, dW1_row0, dW1_row1 of the reference), so the notebook's dW2[i,j] is the
    # row dW2_row{i}[j].
    arrays = {"M": M, "h1": h1, "scores": scores, "trueprob": trueprob, "loss": loss,
              "dscores": dscores, "dW2_row0": dW2[0], "dW2_row1": dW2[1], "db2": db2, "dh1": dh1,
              "dM": dM, "dW1_row0": dW1[0], "dW1_row1": dW1[1], "db1": db1}
    for name, a in arrays.items():
        if isinstance(a, list):
            for i, val in enumerate(a):
                v[f"{name}[{i}]"] = val
        else:
            v[name] = a
    return v


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    return {"geoj-cs231n-twolayer": worked(X, Y, W1, B1, W2, B2)}


def authors_chain() -> dict[str, mpmath.mpf]:
    """For the hand review only: each step recomputed from the 12-decimal numbers printed in it."""
    d = [mpf("0.429052723714"), mpf("0.221490524653"), mpf("-0.650543248367")]
    s = [mpf("0.4332"), mpf("-0.228"), mpf("0.228")]
    e = [mpmath.exp(v) for v in s]
    a = {"loss": -mpmath.log(e[2] / sum(e))}
    for j in range(3):
        a[f"dscores[{j}]"] = e[j] / sum(e) - (1 if j == 2 else 0)
        a[f"dW2_row0[{j}]"] = mpf("2.28") * d[j]
    a["dh1[0]"] = d[0] * mpf("0.19") + d[1] * mpf("-0.1") + d[2] * mpf("0.1")
    a["dh1[1]"] = d[0] * mpf("-0.02") + d[1] * mpf("-0.01") + d[2] * mpf("0.04")
    a["dW1_row0[0]"] = 16 * mpf("-0.005683359796")
    a["dW1_row1[0]"] = -6 * mpf("-0.005683359796")
    return a


if __name__ == "__main__":
    for case, rows in exact().items():
        print(case)
        for name, value in rows.items():
            print(f"  {name:12s} {mpmath.nstr(value, 25)}")
    print("author's chain (from the printed operands)")
    for name, value in authors_chain().items():
        print(f"  {name:12s} {mpmath.nstr(value, 25)}")
