"""JeffDeCola, "MATH BEHIND TRAINING MLP NEURAL NETWORKS CHEAT SHEET" (my-cheat-sheets, commit 8eac043c;
text in cases/texts/jeffdecola_mlp231.txt).

https://github.com/JeffDeCola/my-cheat-sheets/blob/8eac043c16ab2921567179ee4b24e1c8a01bba6b/software/development/software-architectures/artificial-intelligence/ai-fundamentals/math-behind-training-mlp-neural-networks-cheat-sheet/README.md

Three worksheets, one per example the sheet works with numbers:

`sigmoid_example` and `tanh_example`: the 2-3-1 network of "MLP ARCHITECTURE USED FOR THIS EXAMPLE",
in the sheet's notation: inputs x[0], x[1] (0.5 and 0.5, said only as the operands of the sums),
hidden weights wh[node][input], biases bh[node], output weights wo[node], bias bo, target z = 0.91,
learning rate eta = 0.1 (said only as the updates' operand "0.1 \\cdot"):
    s_h[j] = x[0] wh[j][0] + x[1] wh[j][1] + bh[j]     (each product a step: "(0.5 \\cdot -0.5)" = -0.25)
    a_h[j] = f(s_h[j]),  s_o = sum_j a_h[j] wo[j] + bo  (each product a step: "0.4378 \\cdot 0.5" = 0.2189)
    y_o = f(s_o),  L = 1/2 (y_o - z)^2
    delta_o = f'(s_o) (y_o - z)            (sigmoid: y_o (1 - y_o) (y_o - z); tanh: (1 - y_o^2) (y_o - z))
    delta_h[j] = f'(s_h[j]) wo[j] delta_o               (sigmoid: a (1 - a); tanh: 1 - a^2)
    wo[j] <- wo[j] - eta delta_o a_h[j],  bo <- bo - eta delta_o
    wh[j][i] <- wh[j][i] - eta delta_h[j] x[i],  bh[j] <- bh[j] - eta delta_h[j]
f is the sigmoid in `sigmoid_example` and tanh in `tanh_example` (the sheet computes both side by
side up to the error signals; its new weights and biases are the sigmoid network's only). The new
values keep the old ones' labels, as the sheet writes them (`w_{o[0]} = 0.5 - (...) = 0.50421`).
The factors 1 - y_o, y_o - z (sigmoid) and 1 - y_o^2, y_o - z (tanh) are steps of their own, as the
sheet prints them ("0.524(0.476) \\cdot -0.386"). "OUR EXAMPLE OVER 10 ITERATIONS" tabulates the loss
after k rounds of the same step (sigmoid: iteration 0 is L): repeats of L carrying every weight and
bias to its new value (the hidden error signals from the old output weights, as the sheet computes
them in one pass), k a count.

`paraboloid`: "AN EXAMPLE USING THE GRADIENT DESCENT FORMULA", f(x, y) = x^2 + y^2 from (3, 4) with
eta = 0.1: x_new = x (1 - 2 eta), y_new likewise, the factor printed on its way ("1 - 2 \\cdot 0.1",
"1 - 0.2", "0.8"); its table, ten steps, prints x, df/dx = 2x, x_new, y, df/dy, y_new and f(x_new,
y_new) per row. Unrolled: suffix k is the step (x_k is x after k steps; x_0 = 3 given).
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, sigmoid, update

HIDDEN = 3
ROUNDS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 100, 1000)
STEPS = 10


def _product(a, b):
    """A weighted input: "(0.5 \\cdot -0.5)" = -0.25; "0.4378 \\cdot 0.5" = 0.2189."""
    return a * b


def _sum3(p0, p1, b):
    """ "s_{h[0]} = (-0.25 - 0.5 + 0.5) = (-0.25)"."""
    return p0 + p1 + b


def _sum4(q0, q1, q2, b):
    """ "s_o = (0.2189 - 0.6225 + 0.0 + 0.5) = (0.0964)"."""
    return q0 + q1 + q2 + b


def _loss(y_o, z):
    """ "L = \\frac{1}{2} (y - z)^2" (the table's "Loss")."""
    return 0.5 * (y_o - z) ** 2


def _one_minus(y_o):
    """ "0.524(1 - 0.524)" printed "0.524(0.476)"."""
    return 1 - y_o


def _one_minus_square(y_o):
    """ "(1 - -0.08438^2)" printed "(0.99288)"."""
    return 1 - y_o**2


def _error(y_o, z):
    """ "(0.524 - 0.91)" printed "-0.386"."""
    return y_o - z


def _delta_o_sigmoid(y_o, one_minus_y, err):
    """ "\\delta_o = y_o(1 - y_o) \\cdot (y_o - z)": "0.524(0.476) \\cdot -0.386 = -0.096252"."""
    return y_o * one_minus_y * err


def _delta_o_tanh(one_minus_y2, err):
    """ "\\delta_o = (1 - y_o^2) \\cdot (y_o - z)": "(0.99288) \\cdot -0.99438 = -0.9873"."""
    return one_minus_y2 * err


def _delta_h_sigmoid(a, w, delta_o):
    """ "\\delta_{h[0]} = 0.4378(1 - 0.4378) \\cdot 0.5 \\cdot -0.096252"."""
    return a * (1 - a) * w * delta_o


def _delta_h_tanh(a, w, delta_o):
    """ "\\delta_{h[0]} = (1 - 0.2449^2) \\cdot 0.5 \\cdot -0.9873"."""
    return (1 - a**2) * w * delta_o


def _new_weight(w, eta, delta, a):
    """ "w_{o[0]} = 0.5 - (0.1 \\cdot -0.096252 \\cdot 0.4378)"."""
    return w - eta * delta * a


def _new_bias(b, eta, delta):
    """ "b_{o} = 0.5 - (0.1 \\cdot -0.096252)"."""
    return b - eta * delta


def _forward(ws, act):
    for j in range(HIDDEN):
        for i in range(2):
            label = f"x_{{[{i}]}} w_{{h[{j}][{i}]}}"
            ws.step(_product, name=f"p_h{j}{i}", label=label, group="p_h", inputs=[f"x_{i}", f"w_h{j}{i}"])
        s, a = f"s_h{j}", f"a_h{j}"
        ws.step(_sum3, name=s, label=f"s_{{h[{j}]}}", group="s_h", inputs=[f"p_h{j}0", f"p_h{j}1", f"b_h{j}"])
        ws.step(act, name=a, label=f"a_{{h[{j}]}}", group="a_h", inputs=[s])
        label = f"a_{{h[{j}]}} w_{{o[{j}]}}"
        ws.step(_product, name=f"q_o{j}", label=label, group="q_o", inputs=[a, f"w_o{j}"])
    ws.step(_sum4, name="s_o", label="s_{o}", inputs=["q_o0", "q_o1", "q_o2", "b_o"])
    ws.step(act, name="y_o", label="y_{o}", inputs=["s_o"])
    ws.step(_loss, name="L", label="Loss", inputs=["y_o", "z"])
    ws.step(_error, name="err", label="y_{o} - z", means=grad("L", wrt="y_o"), inputs=["y_o", "z"])


def _network(act, name: str) -> Worksheet:
    ws = Worksheet(f"JeffDeCola: the 2-3-1 example with {name} activations", loss="L")
    _forward(ws, act)
    delta_o = grad("L", wrt="s_o")
    if name == "tanh":
        ws.step(_one_minus_square, name="one_minus_y2", label="1 - y_{o}^2", inputs=["y_o"])
        ws.step(
            _delta_o_tanh, name="delta_o", label="\\delta_{o}", means=delta_o, inputs=["one_minus_y2", "err"]
        )
        delta_h = _delta_h_tanh
    else:
        ws.step(_one_minus, name="one_minus_y", label="1 - y_{o}", inputs=["y_o"])
        inputs = ["y_o", "one_minus_y", "err"]
        ws.step(_delta_o_sigmoid, name="delta_o", label="\\delta_{o}", means=delta_o, inputs=inputs)
        delta_h = _delta_h_sigmoid
    for j in range(HIDDEN):
        label, means = f"\\delta_{{h[{j}]}}", grad("L", wrt=f"s_h{j}")
        ws.step(
            delta_h,
            name=f"delta_h{j}",
            label=label,
            group="delta_h",
            means=means,
            inputs=[f"a_h{j}", f"w_o{j}", "delta_o"],
        )
    return ws


sigmoid_example = _network(sigmoid, "sigmoid")
tanh_example = _network(jnp.tanh, "tanh")


def _updates(ws):
    carry = {}
    for j in range(HIDDEN):
        w, new = f"w_o{j}", f"w_o{j}_new"
        ws.step(
            _new_weight,
            name=new,
            label=f"w_{{o[{j}]}}",
            group="w_o_new",
            means=update(w, lr="eta"),
            inputs=[w, "eta", "delta_o", f"a_h{j}"],
        )
        carry[w] = new
    ws.step(
        _new_bias,
        name="b_o_new",
        label="b_{o}",
        means=update("b_o", lr="eta"),
        inputs=["b_o", "eta", "delta_o"],
    )
    carry["b_o"] = "b_o_new"
    for j in range(HIDDEN):
        for i in range(2):
            w, new = f"w_h{j}{i}", f"w_h{j}{i}_new"
            ws.step(
                _new_weight,
                name=new,
                label=f"w_{{h[{j}][{i}]}}",
                group="w_h_new",
                means=update(w, lr="eta"),
                inputs=[w, "eta", f"delta_h{j}", f"x_{i}"],
            )
            carry[w] = new
    for j in range(HIDDEN):
        b, new = f"b_h{j}", f"b_h{j}_new"
        ws.step(
            _new_bias,
            name=new,
            label=f"b_{{h[{j}]}}",
            group="b_h_new",
            means=update(b, lr="eta"),
            inputs=[b, "eta", f"delta_h{j}"],
        )
        carry[b] = new
    for k in ROUNDS:
        ws.repeat(
            f"L_after_{k}", of="L", rounds=f"iterations_{k}", carry=carry, label=f"Loss at iteration {k}"
        )


_updates(sigmoid_example)


# "AN EXAMPLE USING THE GRADIENT DESCENT FORMULA": f(x, y) = x^2 + y^2 from (3, 4), eta = 0.1
paraboloid = Worksheet("JeffDeCola: gradient descent on f(x, y) = x^2 + y^2 from (3, 4)", loss="f_0")


@paraboloid.step(label="2 \\cdot 0.1")
def two_eta(eta):
    """ "x(1 - 2 \\cdot 0.1)" printed "x(1 - 0.2)"."""
    return 2 * eta


@paraboloid.step(label="1 - 2\\eta")
def factor(two_eta):
    """ "x(1 - 0.2)" printed "x(0.8)"."""
    return 1 - two_eta


def _f(x, y):
    """ "f(x,y) = x^2 + y^2" (the table's last column, at the row's new x and y)."""
    return x**2 + y**2


def _slope(x):
    """ "\\nabla f(x) = 2x" (the table's second and fifth columns)."""
    return 2 * x


def _step(x, factor):
    """ "x_{new} = x(1 - 2\\eta)": "x_{new} = 3(0.8) = 2.4000"."""
    return x * factor


paraboloid.step(_f, name="f_0", label="f(x,y)", inputs=["x_0", "y_0"])
for k in range(1, STEPS + 1):
    for v in ("x", "y"):
        old, loss = f"{v}_{k - 1}", f"f_{k - 1}"
        paraboloid.step(
            _slope,
            name=f"g{v}_{k}",
            label=f"\\nabla f({v})",
            group=f"g{v}",
            means=grad(loss, wrt=old),
            inputs=[old],
        )
        paraboloid.step(
            _step,
            name=f"{v}_{k}",
            label=f"{v}_{{new}}",
            group=v,
            means=update(old, lr="eta", loss=loss),
            inputs=[old, "factor"],
        )
    paraboloid.step(_f, name=f"f_{k}", label="f(x,y)", group="f", inputs=[f"x_{k}", f"y_{k}"])


# "STEP 2 - MIN & MAX VALUES" and "STEP 3 - NORMALIZATION": the dataset's columns i0, i1, z0 (rows 1 to
# 4 of the csv "70, 98, 91 / 50, 85, 82 / 65, 67, 80 / 25, 95, 68"), each scaled by its own min and max
# (nothing here is a derivative; `loss` names a step only because a worksheet needs one)
normalization = Worksheet("JeffDeCola: min-max scaling of the dataset to [0, 1] and [-1, 1]", loss="n01_i0_3")
COLUMNS = ("i0", "i1", "z0")


def _lowest(a, b, c, d):
    """ "i0 -> Min: 25"."""
    return jnp.min(jnp.stack([a, b, c, d]))


def _highest(a, b, c, d):
    """ "i0 -> Max: 70"."""
    return jnp.max(jnp.stack([a, b, c, d]))


def _scaled(data, lo, hi):
    """ "\\frac{data - min(dataset)}{max(dataset) - min(dataset)}": "\\frac{65 - 25}{70 - 25}"."""
    return (data - lo) / (hi - lo)


def _signed(unit):
    """ "... \\times 2 - 1" (the [-1, 1] scaling, from the [0, 1] value)."""
    return unit * 2 - 1


for col in COLUMNS:
    values = [f"{col}_{r}" for r in range(1, 5)]
    normalization.step(_lowest, name=f"min_{col}", label=f"{col} -> Min", group="min", inputs=values)
    normalization.step(_highest, name=f"max_{col}", label=f"{col} -> Max", group="max", inputs=values)
    for v in values:
        normalization.step(
            _scaled,
            name=f"n01_{v}",
            label=f"{col} -> Normalized",
            group=f"n01_{col}",
            inputs=[v, f"min_{col}", f"max_{col}"],
        )
        normalization.step(
            _signed, name=f"n11_{v}", label=f"{col} -> Normalized", group=f"n11_{col}", inputs=[f"n01_{v}"]
        )
