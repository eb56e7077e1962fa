"""Independent exact values for cases/postnetwork_softmax.yaml (PostNetwork Academy, B. S. Kushwaha,
"Understanding Neural Networks: Softmax, Cross-Entropy, and Backpropagation").

Imports nothing from gradaudit, checks or reference: mpmath and the standard library only. Every
printed quantity is recomputed from the given values by the article's own procedure, in its order:

  Step 1  z1 = w1 x1 + w2 x2 + w3 x3 + b1,  z2 = w4 x1 + w5 x2 + w6 x3 + b1   (one b^(1) for both)
  Step 2  a1 = sigma(z1), a2 = sigma(z2)
  Step 3  z3 = w7 a1 + w9 a2 + b2,  z4 = w8 a1 + w10 a2 + b2   (as its printed expressions pair them)
  Step 4  yhat1 = e^z3 / (e^z3 + e^z4),  yhat2 = e^z4 / (e^z3 + e^z4)
  Step 5  L = -(y1 ln yhat1 + y2 ln yhat2), y = [1, 0]
"""

from __future__ import annotations

import mpmath

mpmath.mp.dps = 30
mpf = mpmath.mpf

GIVEN = {
    "x1": mpf(1), "x2": mpf(2), "x3": mpf(-1),
    "w1": mpf("0.2"), "w2": mpf("-0.3"), "w3": mpf("0.4"), "b1": mpf("0.5"),
    "w4": mpf("-0.5"), "w5": mpf("0.1"), "w6": mpf("0.2"),
    "w7": mpf("0.3"), "w8": mpf("-0.1"), "w9": mpf("0.4"), "w10": mpf("0.2"), "b2": mpf("0.1"),
    "y1": mpf(1), "y2": mpf(0),
}


def sigma(z):
    return 1 / (1 + mpmath.exp(-z))


def worked(g: dict) -> dict:
    v = {}
    v["z1"] = g["w1"] * g["x1"] + g["w2"] * g["x2"] + g["w3"] * g["x3"] + g["b1"]
    v["z2"] = g["w4"] * g["x1"] + g["w5"] * g["x2"] + g["w6"] * g["x3"] + g["b1"]
    v["a1"] = sigma(v["z1"])
    v["a2"] = sigma(v["z2"])
    v["z3"] = g["w7"] * v["a1"] + g["w9"] * v["a2"] + g["b2"]
    v["z4"] = g["w8"] * v["a1"] + g["w10"] * v["a2"] + g["b2"]
    s = mpmath.exp(v["z3"]) + mpmath.exp(v["z4"])
    v["yhat1"] = mpmath.exp(v["z3"]) / s
    v["yhat2"] = mpmath.exp(v["z4"]) / s
    v["L"] = -(g["y1"] * mpmath.log(v["yhat1"]) + g["y2"] * mpmath.log(v["yhat2"]))
    return v


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    # postnetwork-softmax-matrix (the matrix reading) has formula rows only, no claims
    return {"postnetwork-softmax": worked(GIVEN), "postnetwork-softmax-matrix": {}}


def authors_chain() -> dict[str, mpmath.mpf]:
    """For the hand review only: each printed step recomputed from the operands printed in it."""
    m = mpf
    a = {}
    a["z3"] = m("0.3") * m("0.426") + m("0.4") * m("0.5") + m("0.1")
    a["z4"] = m("-0.1") * m("0.426") + m("0.2") * m("0.5") + m("0.1")
    s = mpmath.exp(m("0.428")) + mpmath.exp(m("0.185"))
    a["yhat1"] = mpmath.exp(m("0.428")) / s
    a["yhat2"] = mpmath.exp(m("0.185")) / s
    a["L"] = -mpmath.log(m("0.561"))
    # not the article's chain: L from the unrounded yhat1 of the author's own operands
    a["L_from_unrounded_yhat1"] = -mpmath.log(a["yhat1"])
    a["z4_without_w8_term_a2_as_a1"] = m("0.2") * m("0.426") + m("0.1")
    return a


if __name__ == "__main__":
    for case, rows in exact().items():
        print(case)
        for name, value in rows.items():
            print(f"  {name:8s} {mpmath.nstr(value, 20)}")
    print("author's chain (from the printed operands)")
    for name, value in authors_chain().items():
        print(f"  {name:28s} {mpmath.nstr(value, 20)}")
