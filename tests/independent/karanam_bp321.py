"""Independent exact values for cases/karanam_bp321.yaml (no gradaudit, checks or reference import).

Source: karanam337, Code/Big Data & NN/Reference/"Neural Network Feedforward and Back
Propagation.ipynb" (text in cases/texts/karanam_bp321.txt). A 3-2-1 sigmoid network without biases,
the notebook's error terms and weight deltas (learnrate = 0.5), from the given values at 30 digits,
element by element. Row names are the claim rows of the case (`weight_delta_i_h[2,1]` for an element).
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30

CASE_ID = "karanam-bp321"


def _sigmoid(z):
    return 1 / (1 + mpmath.exp(-z))


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    x = [mpf("0.5"), mpf("0.1"), mpf("-0.2")]
    target, learnrate = mpf("0.6"), mpf("0.5")
    w_ih = [[mpf("0.5"), mpf("-0.6")], [mpf("0.1"), mpf("-0.2")], [mpf("0.1"), mpf("0.7")]]
    w_ho = [mpf("0.1"), mpf("-0.3")]
    h_in = [sum(x[i] * w_ih[i][j] for i in range(3)) for j in range(2)]
    h_out = [_sigmoid(v) for v in h_in]
    o_in = sum(h_out[j] * w_ho[j] for j in range(2))
    out = _sigmoid(o_in)
    error = target - out
    o_term = error * out * (1 - out)
    h_err = [o_term * w_ho[j] for j in range(2)]
    h_term = [h_err[j] * h_out[j] * (1 - h_out[j]) for j in range(2)]
    rows = {"output_layer_in": o_in, "error": error, "output_error_term": o_term}
    for j in range(2):
        rows[f"hidden_layer_input[{j}]"] = h_in[j]
        rows[f"hidden_layer_output[{j}]"] = h_out[j]
        rows[f"hidden_layer_output_error[{j}]"] = h_err[j]
        rows[f"hidden_error_term[{j}]"] = h_term[j]
        rows[f"weight_delta_h_o[{j}]"] = learnrate * o_term * h_out[j]
        for i in range(3):
            rows[f"weight_delta_i_h[{i},{j}]"] = learnrate * h_term[j] * x[i]
    return {CASE_ID: rows}


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:28s} {mpmath.nstr(value, 15)}")
