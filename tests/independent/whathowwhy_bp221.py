"""Independent exact values for cases/whathowwhy_bp221.yaml (only mpmath and the standard library).

Source: "Backpropagation (What, How, Why + Examples)", sections 7 and 8 (text in
cases/texts/whathowwhy_bp221.txt): a 2-2-1 network, x = [1, 1], y = 1, every weight 0.1, every bias
0, eta = 0.1, one gradient-descent step. Example 1: linear units, L = (y_hat - y)^2, and the notes'
delta2 = y_hat - y (half of dL/dz2 = 2 (y_hat - y); the rows below follow the notes' formulas, the
true gradients are twice theirs). Example 2: sigmoid units, binary cross-entropy, delta2 = y_hat - y
(= dL/dz2 there). Row names are the case's claim names (`name[i]`, `name[i,j]` for vectors, matrices).
"""

from __future__ import annotations

from mpmath import exp, log, mp, mpf

mp.dps = 30


def _rows(sigmoid_units: bool) -> dict[str, mpf]:
    x = [mpf(1), mpf(1)]
    y, eta = mpf(1), mpf("0.1")
    W1 = [[mpf("0.1"), mpf("0.1")], [mpf("0.1"), mpf("0.1")]]
    b1 = [mpf(0), mpf(0)]
    W2 = [mpf("0.1"), mpf("0.1")]
    b2 = mpf(0)

    def act(z):
        return 1 / (1 + exp(-z)) if sigmoid_units else z

    rows: dict[str, mpf] = {}

    def put(name, v):
        if isinstance(v, list):
            for i, e in enumerate(v):
                if isinstance(e, list):
                    for j, f in enumerate(e):
                        rows[f"{name}[{i},{j}]"] = f
                else:
                    rows[f"{name}[{i}]"] = e
        else:
            rows[name] = v

    z1 = [W1[i][0] * x[0] + W1[i][1] * x[1] + b1[i] for i in range(2)]
    a1 = [act(z) for z in z1]
    z2 = W2[0] * a1[0] + W2[1] * a1[1] + b2
    y_hat = act(z2)
    if sigmoid_units:
        L = -(y * log(y_hat) + (1 - y) * log(1 - y_hat))
    else:
        L = (y_hat - y) ** 2
    delta2 = y_hat - y  # the notes' delta2 in both examples
    W2T_delta2 = [w * delta2 for w in W2]
    sigma_prime = [a * (1 - a) for a in a1] if sigmoid_units else [mpf(1), mpf(1)]
    delta1 = [W2T_delta2[i] * sigma_prime[i] for i in range(2)]
    dW2 = [delta2 * a for a in a1]
    dW1 = [[delta1[i] * x[j] for j in range(2)] for i in range(2)]
    put("z1", z1)
    put("a1", a1)
    put("z2", z2)
    put("y_hat", y_hat)
    put("L", L)
    put("delta2", delta2)
    put("dL_dW2", dW2)
    put("dL_db2", delta2)
    if sigmoid_units:
        put("sigma_prime", sigma_prime)
        put("W2T_delta2", W2T_delta2)
    put("delta1", delta1)
    put("dL_dW1", dW1)
    put("dL_db1", delta1)
    put("W2_new", [W2[i] - eta * dW2[i] for i in range(2)])
    put("b2_new", b2 - eta * delta2)
    put("W1_new", [[W1[i][j] - eta * dW1[i][j] for j in range(2)] for i in range(2)])
    put("b1_new", [b1[i] - eta * delta1[i] for i in range(2)])
    return rows


def exact() -> dict[str, dict[str, mpf]]:
    return {"whathowwhy-regression": _rows(False), "whathowwhy-bce-sigmoid": _rows(True)}


if __name__ == "__main__":
    for case, rows in exact().items():
        print(case)
        for name, value in rows.items():
            print(f"  {name:16s} {mp.nstr(value, 20)}")
