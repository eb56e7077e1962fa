"""Independent exact values for cases/aiprimer_nn.yaml (that-mathevs/ai-primer,
primer/ml/neural_net.py docstring; text in cases/texts/aiprimer_nn.txt).

Imports nothing from gradaudit, checks or reference: only mpmath and the standard library. Every
printed quantity is recomputed from the lesson's own formulas, in its own order, from the given
values, at 30 significant digits.
"""

from __future__ import annotations

import mpmath
from mpmath import mp, mpf

mp.dps = 30


def one_knob() -> dict[str, mpmath.mpf]:
    """The single-knob table: loss (w*1 - 3)^2, slope 2(w - 3), new w = w - 0.25 * slope."""
    y, eta = mpf(3), mpf("0.25")
    w0 = mpf(0)
    L0 = (w0 * 1 - y) ** 2  # "(0 - 3)^2 = 9"
    slope0 = 2 * (w0 - y)  # "2(0 - 3) = -6"
    w1 = w0 - eta * slope0  # "0 - 0.25 x (-6) = 1.5"
    slope1 = 2 * (w1 - y)  # "-3"
    w2 = w1 - eta * slope1  # "2.25"
    slope2 = 2 * (w2 - y)  # "-1.5"
    w3 = w2 - eta * slope2  # "2.625"
    return {
        "L_0": L0,
        "slope_0": slope0,
        "w_1": w1,
        "slope_1": slope1,
        "w_2": w2,
        "slope_2": slope2,
        "w_3": w3,
    }


def relu_neuron() -> dict[str, mpmath.mpf]:
    """One ReLU neuron with a bias, loss (t - y)^2, one SGD step with learning rate 0.01."""
    x1, x2, w1, w2, b, t, eta = mpf(2), mpf(3), mpf("0.5"), mpf("1.0"), mpf("0.5"), mpf(5), mpf("0.01")
    p1 = w1 * x1  # "1.0" (mermaid: "1.0 + 3.0 + 0.5 = 4.5")
    p2 = w2 * x2  # "3.0"
    dot = w1 * x1 + w2 * x2  # "0.5·2 + 1.0·3 = 4.0"
    z = w1 * x1 + w2 * x2 + b  # "2 x 0.5 + 3 x 1.0 + 0.5 = 4.5"
    y = max(mpf(0), z)  # "ReLU(4.5) = 4.5"
    L = (t - y) ** 2  # "(5 - 4.5)^2 = 0.25"
    dL_dy = 2 * (y - t)  # "2(y - 5) = -1"
    dy_dz = mpf(1) if z > 0 else mpf(0)  # "ReLU slope at 4.5 = 1"
    dL_dz = dL_dy * dy_dz  # running blame "-1"
    dL_dw1 = dL_dz * x1  # "-2"
    dL_dw2 = dL_dz * x2  # "-3"
    dL_db = dL_dz * 1  # "-1"
    w1_new = w1 - eta * dL_dw1  # "0.52"
    w2_new = w2 - eta * dL_dw2  # "1.03"
    b_new = b - eta * dL_db  # "0.51"
    y_new = max(mpf(0), w1_new * x1 + w2_new * x2 + b_new)  # "4.64"
    L_new = (t - y_new) ** 2  # "0.1296"
    return dict(
        p1=p1,
        p2=p2,
        dot=dot,
        z=z,
        y=y,
        L=L,
        dL_dy=dL_dy,
        dy_dz=dy_dz,
        dL_dz=dL_dz,
        dL_dw1=dL_dw1,
        dL_dw2=dL_dw2,
        dL_db=dL_db,
        w1_new=w1_new,
        w2_new=w2_new,
        b_new=b_new,
        y_new=y_new,
        L_new=L_new,
    )


def tanh_two_layer() -> dict[str, mpmath.mpf]:
    """x -> (w1, tanh) -> (w2, sigmoid) -> binary cross-entropy, no biases, target 1."""
    x, w1, w2, y = mpf(1), mpf("0.5"), mpf(2), mpf(1)
    z1 = x * w1  # "0.5"
    h = mpmath.tanh(z1)  # "tanh(0.5) = 0.4621"
    z2 = h * w2  # "0.9242"
    yhat = 1 / (1 + mpmath.exp(-z2))  # "sigma(0.9242) = 0.7159"
    dL_dz2 = yhat - y  # "0.7159 - 1 = -0.2841"
    dL_dw2 = h * dL_dz2  # "0.4621 x -0.2841 = -0.1313"
    dL_dh = dL_dz2 * w2  # "-0.2841 x 2 = -0.5682"
    tanh_slope = 1 - h**2  # "1 - h^2 ... 0.7864"
    dL_dz1 = dL_dh * tanh_slope  # "-0.5682 x 0.7864 = -0.4469"
    dL_dw1 = x * dL_dz1  # "1 x -0.4469 = -0.4469"
    return dict(
        z1=z1,
        h=h,
        z2=z2,
        yhat=yhat,
        dL_dz2=dL_dz2,
        dL_dw2=dL_dw2,
        dL_dh=dL_dh,
        tanh_slope=tanh_slope,
        dL_dz1=dL_dz1,
        dL_dw1=dL_dw1,
    )


def exact() -> dict[str, dict[str, mpmath.mpf]]:
    return {
        "aiprimer-one-knob": one_knob(),
        "aiprimer-relu-neuron": relu_neuron(),
        "aiprimer-tanh-two-layer": tanh_two_layer(),
    }


if __name__ == "__main__":
    for case, rows in exact().items():
        print(case)
        for name, value in rows.items():
            print(f"  {name:12s} {mpmath.nstr(value, 20)}")
