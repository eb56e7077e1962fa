"""Independent exact values for cases/smaxx73_session6.yaml (no gradaudit, checks or reference import).

Source: smaxx73, Neural-Network-Course, "Session 6: Backpropagation" (text in
cases/texts/smaxx73_session6.txt): Exercise 3.1 (one sigmoid neuron, L = e^2), section 5 (a 2-2-1
sigmoid network, L = (y - y_hat)^2, one update of W^(2) with eta = 1) and Exercise 9.1 (a 1-1-1
sigmoid network, one update of every parameter with eta = 1); each from its given values, at 30
digits, by the notes' own formulas. Row names are the claim rows of the cases.
"""

from __future__ import annotations

import mpmath
from mpmath import mpf

mpmath.mp.dps = 30


def sig(v):
    return 1 / (1 + mpmath.exp(-v))


def neuron() -> dict[str, mpmath.mpf]:
    x, w, b, y = mpf(2), mpf("0.5"), mpf("-0.5"), mpf(1)
    z1 = w * x
    z = z1 + b
    y_hat = sig(z)
    e = y_hat - y
    dL_de = 2 * e
    dL_dz = dL_de * y_hat * (1 - y_hat)
    return {
        "z1": z1,
        "z": z,
        "y_hat": y_hat,
        "e": e,
        "L": e**2,
        "dL_de": dL_de,
        "dL_dyhat": dL_de,
        "dL_dz": dL_dz,
        "dL_dw": dL_dz * x,
        "dL_db": dL_dz,
    }


def net_221() -> dict[str, mpmath.mpf]:
    W1 = [[mpf("0.5"), mpf("0.3")], [mpf("-0.2"), mpf("0.8")]]
    b1 = [mpf("0.1"), mpf("-0.1")]
    W2 = [mpf("0.6"), mpf("-0.4")]
    b2, x, y, eta = mpf("0.2"), [mpf(1), mpf(0)], mpf(1), mpf("1.0")
    W1_x = [W1[i][0] * x[0] + W1[i][1] * x[1] for i in range(2)]
    z1 = [W1_x[i] + b1[i] for i in range(2)]
    a1 = [sig(v) for v in z1]
    W2_terms = [W2[j] * a1[j] for j in range(2)]
    z2 = W2_terms[0] + W2_terms[1] + b2
    y_hat = sig(z2)
    dL_da2 = -2 * (y - y_hat)
    sp2 = y_hat * (1 - y_hat)
    delta2 = dL_da2 * sp2
    dW2 = [delta2 * a for a in a1]
    back = [W2[j] * delta2 for j in range(2)]
    one_minus_a1 = [1 - a for a in a1]
    sp1 = [a1[j] * one_minus_a1[j] for j in range(2)]
    delta1 = [back[j] * sp1[j] for j in range(2)]
    rows = {
        "z2": z2,
        "y_hat": y_hat,
        "y_minus_yhat": y - y_hat,
        "L": (y - y_hat) ** 2,
        "dL_da2": dL_da2,
        "sigma_prime_z2": sp2,
        "delta2": delta2,
        "dL_db2": delta2,
    }
    for name, v in (
        ("W1_x", W1_x),
        ("z1", z1),
        ("a1", a1),
        ("W2_terms", W2_terms),
        ("dL_dW2", dW2),
        ("W2T_delta2", back),
        ("one_minus_a1", one_minus_a1),
        ("sigma_prime_z1", sp1),
        ("delta1", delta1),
        ("dL_db1", delta1),
        ("W2_new", [W2[j] - eta * dW2[j] for j in range(2)]),
    ):
        rows.update({f"{name}[{i}]": e for i, e in enumerate(v)})
    rows.update({f"dL_dW1[{i},{j}]": delta1[i] * x[j] for i in range(2) for j in range(2)})
    return rows


def exercise_91() -> dict[str, mpmath.mpf]:
    w1, b1, w2, b2, x, y, eta = mpf("0.5"), mpf(0), mpf("-1.0"), mpf("0.5"), mpf("1.0"), mpf(0), mpf("1.0")
    z1 = w1 * x + b1
    a1 = sig(z1)
    z2 = w2 * a1 + b2
    y_hat = sig(z2)
    dL_dyhat = -2 * (y - y_hat)
    sp2 = y_hat * (1 - y_hat)
    delta2 = dL_dyhat * sp2
    back = w2 * delta2
    sp1 = a1 * (1 - a1)
    delta1 = back * sp1
    return {
        "z1": z1,
        "a1": a1,
        "z2": z2,
        "y_hat": y_hat,
        "L": (y - y_hat) ** 2,
        "dL_dyhat": dL_dyhat,
        "one_minus_yhat": 1 - y_hat,
        "sigma_prime_z2": sp2,
        "delta2": delta2,
        "dL_dw2": delta2 * a1,
        "dL_db2": delta2,
        "w2T_delta2": back,
        "one_minus_a1": 1 - a1,
        "sigma_prime_z1": sp1,
        "delta1": delta1,
        "dL_dw1": delta1 * x,
        "dL_db1": delta1,
        "w2_new": w2 - eta * delta2 * a1,
        "b2_new": b2 - eta * delta2,
        "w1_new": w1 - eta * delta1 * x,
        "b1_new": b1 - eta * delta1,
    }


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    return {
        "smaxx73-neuron-3-1": neuron(),
        "smaxx73-net-2-2-1": net_221(),
        "smaxx73-exercise-9-1": exercise_91(),
    }


if __name__ == "__main__":
    for case_id, rows in exact().items():
        print(case_id)
        for name, value in rows.items():
            print(f"  {name:18s} {mpmath.nstr(value, 12)}")
