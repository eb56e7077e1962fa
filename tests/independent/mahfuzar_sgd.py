"""Independent exact values for cases/mahfuzar_sgd.yaml (imports only mpmath and the standard library).

Source: Mahfuzar Rahman, "Training a neural network" (GitHub notes, Mahfuzar148/Machine-Learning-and-
Deep-learning, "Deep Learning/Training a neural network.md", commit 2d9ccf1; text in
cases/texts/mahfuzar_sgd.txt). One sigmoid neuron z = x1 w1 + x2 w2 + x3 w3 + b, y_hat = sigmoid(z),
loss (y - y_hat)^2, trained by stochastic gradient descent on two samples in turn, learning rate
0.00001. Every quantity is computed with the article's own formulas in its own order, from the
given values only (no printed intermediate is reused), at 30 significant digits.
"""

from __future__ import annotations

from mpmath import exp, mp, mpf

mp.dps = 30


def sigmoid(z):
    return 1 / (1 + exp(-z))


def _sample(suffix, x1, x2, x3, y, w1, w2, w3, b, eta):
    """One sample, in the article's steps 1 to 5; returns the rows and the updated parameters."""
    rows = {}
    # Step 1: z = x1 w1 + x2 w2 + x3 w3 + b, printed as the three products and then their sum
    rows["x1w1" + suffix] = x1 * w1
    rows["x2w2" + suffix] = x2 * w2
    rows["x3w3" + suffix] = x3 * w3
    z = rows["x1w1" + suffix] + rows["x2w2" + suffix] + rows["x3w3" + suffix] + b
    rows["z" + suffix] = z
    # Step 2: y_hat = sigma(z)
    y_hat = sigmoid(z)
    rows["y_hat" + suffix] = y_hat
    # Step 3: Loss = (y - y_hat)^2
    rows["loss" + suffix] = (y - y_hat) ** 2
    # Step 4A: dl/dy_hat = -2 (y - y_hat); 4B: dy_hat/dz = y_hat (1 - y_hat); 4C: their product
    dl_dyhat = -2 * (y - y_hat)
    dyhat_dz = y_hat * (1 - y_hat)
    dl_dz = dl_dyhat * dyhat_dz
    rows["dl_dyhat" + suffix] = dl_dyhat
    rows["dyhat_dz" + suffix] = dyhat_dz
    rows["dl_dz" + suffix] = dl_dz
    # Step 4D: dl/dw_i = dl/dz * x_i, dl/db = dl/dz * 1
    g = {"w1": dl_dz * x1, "w2": dl_dz * x2, "w3": dl_dz * x3, "b": dl_dz}
    for name, value in g.items():
        rows[f"dl_d{name}" + suffix] = value
    # Step 5: w = w - eta * dl/dw
    new = {
        "w1": w1 - eta * g["w1"],
        "w2": w2 - eta * g["w2"],
        "w3": w3 - eta * g["w3"],
        "b": b - eta * g["b"],
    }
    for name, value in new.items():
        rows[f"{name}_new" + suffix] = value
    return rows, new


def exact() -> dict[str, dict[str, mpf]]:
    eta = mpf("0.00001")
    # first dataset row: Size 3000, Bedroom 6, AC 1, Buy 0; the initial parameters
    rows1, p = _sample(
        "", mpf(3000), mpf(6), mpf(1), mpf(0),
        mpf("0.001"), mpf("0.01"), mpf("-0.005"), mpf("0.1"), eta,
    )
    # second dataset row: Size 2000, Bedroom 3, AC 0, Buy 1; "the updated weights from the first sample"
    rows2, _ = _sample("_s2", mpf(2000), mpf(3), mpf(0), mpf(1), p["w1"], p["w2"], p["w3"], p["b"], eta)
    return {"mahfuzar-sgd": {**rows1, **rows2}}


if __name__ == "__main__":
    for case, rows in exact().items():
        print(case)
        for name, value in rows.items():
            print(f"  {name:14s} {mp.nstr(value, 20)}")
