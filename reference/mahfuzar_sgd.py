"""Mahfuzar Rahman, "Training a neural network" (GitHub notes): one sigmoid neuron, two SGD steps.

Source: https://github.com/Mahfuzar148/Machine-Learning-and-Deep-learning/blob/main/Deep%20Learning/Training%20a%20neural%20network.md
(commit 2d9ccf1, 5 Aug 2025; text in cases/texts/mahfuzar_sgd.txt).

A "single-layer neural network for binary classification": three inputs (Size, Bedroom, AC) and a
bias into one sigmoid neuron, z = x1 w1 + x2 w2 + x3 w3 + b, y_hat = sigma(z), loss
(y - y_hat)^2 (headed "MSE"), chain rule dl/dz = dl/dy_hat * dy_hat/dz, then w <- w - eta dl/dw.
It is trained on the first dataset row (3000, 6, 1; y = 0), then on the second (2000, 3, 0; y = 1)
"using the updated weights from the first sample as starting values": stochastic gradient
descent, one sample per update, learning rate eta = 0.00001.

Everything is printed in the text (inputs, labels, starting parameters, learning rate, every
formula); nothing is inferred except the names. In the article's own order, each sample's steps are
the three products x_i w_i, z, y_hat, the loss, dl/dy_hat, dy_hat/dz, dl/dz, the four gradients and
the four updates. The second sample's steps carry the suffix `_s2` (the article reuses every
label) and are differentiated against their own loss `loss_s2`; the updated parameters of the
first sample (`w1_new`, ...) are its starting parameters.

dy_hat/dz is a local derivative of the neuron, not of a loss: it declares no meaning.
"""

from __future__ import annotations

from gradaudit import Worksheet, grad, sigmoid, update

worked_example = Worksheet("Mahfuzar: one sigmoid neuron, SGD on two samples", loss="loss")
ws = worked_example


# Step 1: "z = x1 w1 + x2 w2 + x3 w3 + b", printed as the three products, then their sum.
def product(x, w):
    return x * w


def net(x1w1, x2w2, x3w3, b):
    return x1w1 + x2w2 + x3w3 + b


# Step 2: "y_hat = sigma(z) = 1 / (1 + e^-z)".
def activation(z):
    return sigmoid(z)


# Step 3: "Loss = (y - y_hat)^2".
def squared_error(y, y_hat):
    return (y - y_hat) ** 2


# Step 4A: "dl/dy_hat = -2 (y - y_hat)".
def dl_dyhat_rule(y, y_hat):
    return -2 * (y - y_hat)


# Step 4B: "dy_hat/dz = y_hat (1 - y_hat)".
def dyhat_dz_rule(y_hat):
    return y_hat * (1 - y_hat)


# Step 4C: "dl/dz = dl/dy_hat * dy_hat/dz".
def chain(dl_dyhat, dyhat_dz):
    return dl_dyhat * dyhat_dz


# Step 4D: "dl/dw_i = dl/dz * dz/dw_i = dl/dz * x_i", and dl/db = dl/dz * 1.
def weight_gradient(dl_dz, x):
    return dl_dz * x


def bias_gradient(dl_dz):
    return dl_dz


# Step 5: "w = w - eta * dl/dw".
def descend(w, eta, gradient):
    return w - eta * gradient


def _sample(suffix, x, y, params):
    """Add one sample's steps; x, y: names of its inputs and label; params: names of w1, w2, w3, b."""
    s = suffix
    loss = "loss" + s
    for i in (1, 2, 3):
        ws.step(
            product, name=f"x{i}w{i}{s}", label=f"x{i} w{i}", group="products" + s,
            inputs=[x[i - 1], params[i - 1]],
        )
    ws.step(net, name="z" + s, label="z", inputs=[f"x1w1{s}", f"x2w2{s}", f"x3w3{s}", params[3]])
    ws.step(activation, name="y_hat" + s, label="y_hat", inputs=["z" + s])
    ws.step(squared_error, name=loss, label="Loss", inputs=[y, "y_hat" + s])
    ws.step(
        dl_dyhat_rule, name="dl_dyhat" + s, label="dl/dy_hat",
        means=grad(loss, wrt="y_hat" + s), inputs=[y, "y_hat" + s],
    )
    ws.step(dyhat_dz_rule, name="dyhat_dz" + s, label="dy_hat/dz", inputs=["y_hat" + s])
    ws.step(
        chain, name="dl_dz" + s, label="dl/dz", means=grad(loss, wrt="z" + s),
        inputs=["dl_dyhat" + s, "dyhat_dz" + s],
    )
    for i in (1, 2, 3):
        ws.step(
            weight_gradient, name=f"dl_dw{i}{s}", label=f"dl/dw{i}", group="gradients" + s,
            means=grad(loss, wrt=params[i - 1]), inputs=["dl_dz" + s, x[i - 1]],
        )
    ws.step(
        bias_gradient, name="dl_db" + s, label="dl/db", group="gradients" + s,
        means=grad(loss, wrt=params[3]), inputs=["dl_dz" + s],
    )
    for p, g in zip(params, ("dl_dw1", "dl_dw2", "dl_dw3", "dl_db")):
        base = p.removesuffix("_new")
        ws.step(
            descend, name=f"{base}_new{s}", label=f"{base} (new)", group="updated" + s,
            means=update(p, lr="eta", loss=loss), inputs=[p, "eta", g + s],
        )


ws.group("parameters", "w1", "w2", "w3", "b")
# First dataset row: Size 3000, Bedroom 6, AC 1, Buy 0, from the starting parameters.
_sample("", ("x1", "x2", "x3"), "y", ("w1", "w2", "w3", "b"))
# Second dataset row: Size 2000, Bedroom 3, AC 0, Buy 1, from the parameters after the first.
_sample("_s2", ("x1_s2", "x2_s2", "x3_s2"), "y_s2", ("w1_new", "w2_new", "w3_new", "b_new"))
# The text's spellings of the second row's values (only `gradaudit draft` reads them): "From your
# dataset's second row: Size = 2000, Bedroom = 3, AC = 0, Buy = 1" (one per line).
ws.aka("x1_s2", "Size")
ws.aka("x2_s2", "Bedroom")
ws.aka("x3_s2", "AC")
ws.aka("y_s2", "Buy")
