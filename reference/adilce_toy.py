"""adilce009, "Understanding Backpropagation — With Toy Examples" (Jekyll post
`_posts/backpropagation.md` of github.com/adilce009/adilce009.github.io, commit b828cfc;
text in cases/texts/adilce_toy.txt).

Three toy examples, each its own worksheet, in the post's notation (x, w, w_1, w_2, y, y_hat, L):

- `linear` (section 3): y_hat = w x, L = (y - y_hat)^2, x = 2, w = 3, y = 10, eta = 0.1; one update
  w_new = w - eta dL/dw and the "new forward pass".
- `sigmoid_net` (section 4): h = sigma(w_1 x), y_hat = w_2 h (a linear output, no activation),
  L = (y - y_hat)^2, x = 1, w_1 = 0.5, w_2 = -1.0, y = 0.5, eta = 0.1; both updates, and the loss
  after them ("Loss decreases from 1.259 -> 1.052").
- `relu_net` (section 5): h = max(0, w_1 x), the same output and loss, the same x, w_1, w_2, y;
  only dL/dw_1 is worked.

No biases anywhere. Everything is printed in the post; INFERRED only:
- the update in section 4 ("With eta = 0.1: w_2 -> -0.861, w_1 -> 0.447") is read as plain
  gradient descent w <- w - eta dL/dw, the rule section 3 prints ("3 - 0.1(-16)");
- the loss 1.052 "after" the update is read as the same forward pass and loss at the two new
  weights (the post prints no intermediate of that pass; h_new and y_hat_new are unprinted steps);
- z_1 in section 4 is w_1 x (the post prints "z_1 = 0.5" and writes sigma(z_1) for sigma(w_1 x));
- in section 5 the post's expression "(-2)(0.5 - (-0.5)) * (-1) * 1 * 1" is read factor by factor
  as -2 (y - y_hat) * w_2 * ReLU'(z_1) * x, the formula printed just above it, so dL/dy_hat is
  not a separate step there; ReLU'(z_1) is a step of its own (printed only as that factor 1).
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, sigmoid, update

# --------------------------------------------------------------------------------------------
# Section 3: "Toy Example: 1-Layer Network"

linear = Worksheet("adilce009 toy example 1: y_hat = w x, L = (y - y_hat)^2", loss="L")


@linear.step(label="y_hat")
def yhat(w, x):
    """ "y_hat = w * x" ("y_hat = 3 * 2 = 6")."""
    return w * x


@linear.step
def L(y, yhat):
    """ "L = (y - y_hat)^2" ("(10 - 6)^2 = 16")."""
    return (y - yhat) ** 2


@linear.step(label="dL/dy_hat", means=grad("L", wrt="yhat"))
def dL_dyhat(y, yhat):
    """ "dL/dy_hat = -2(y - y_hat) = -8"."""
    return -2 * (y - yhat)


@linear.step(label="dy_hat/dw")
def dyhat_dw(x):
    """ "dy_hat/dw = x = 2"."""
    return x


@linear.step(label="dL/dw", means=grad("L", wrt="w"))
def dL_dw(dL_dyhat, dyhat_dw):
    """The chain rule as printed: dL/dw = dL/dy_hat * dy_hat/dw = -16."""
    return dL_dyhat * dyhat_dw


@linear.step(label="w_new", means=update("w", lr="eta"))
def w_new(w, eta, dL_dw):
    """ "w_new = 3 - 0.1(-16) = 4.6"."""
    return w - eta * dL_dw


# "Step 4. New Forward Pass": the same forward steps on the new weight.
linear.step(name="yhat_new", label="y_hat (new)", inputs=["w_new", "x"])(yhat)
linear.step(name="L_new", label="L (new)", inputs=["y", "yhat_new"])(L)


# --------------------------------------------------------------------------------------------
# Section 4: "Extending to 2 Layers (With Sigmoid)"

sigmoid_net = Worksheet("adilce009 toy example 2: h = sigma(w_1 x), y_hat = w_2 h", loss="L")
sigmoid_net.group("weights", "w1", "w2")


@sigmoid_net.step(label="z_1")
def z1(w1, x):
    """ "z_1 = 0.5": the hidden pre-activation w_1 x."""
    return w1 * x


@sigmoid_net.step
def h(z1):
    """ "h = sigma(0.5) ~ 0.622"."""
    return sigmoid(z1)


@sigmoid_net.step(name="yhat", label="y_hat")
def yhat2(w2, h):
    """ "y_hat = -1.0 * 0.622 = -0.622"."""
    return w2 * h


@sigmoid_net.step(name="L")
def L2(y, yhat):
    """ "L = (0.5 - (-0.622))^2 ~ 1.259"."""
    return (y - yhat) ** 2


@sigmoid_net.step(name="dL_dyhat", label="dL/dy_hat", means=grad("L", wrt="yhat"))
def dL_dyhat2(y, yhat):
    """ "dL/dy_hat = -2(y - y_hat) = -2.244"."""
    return -2 * (y - yhat)


@sigmoid_net.step(label="dL/dw_2", group="gradients", means=grad("L", wrt="w2"))
def dL_dw2(dL_dyhat, h):
    """ "dL/dw_2 = dL/dy_hat * h = -1.394"."""
    return dL_dyhat * h


@sigmoid_net.step(label="sigma'(z_1)")
def sigma_prime(h):
    """ "sigma'(z_1) = sigma(z_1)(1 - sigma(z_1)) ~ 0.235", written through h = sigma(z_1)."""
    return h * (1 - h)


@sigmoid_net.step(label="dL/dw_1", group="gradients", means=grad("L", wrt="w1"))
def dL_dw1(dL_dyhat, w2, sigma_prime, x):
    """ "dL/dw_1 = dL/dy_hat * w_2 * sigma'(z_1) * x" ("So: 0.527")."""
    return dL_dyhat * w2 * sigma_prime * x


@sigmoid_net.step(label="w_2 (new)", group="new weights", means=update("w2", lr="eta"))
def w2_new(w2, eta, dL_dw2):
    """ "w_2 -> -0.861" (INFERRED rule: w - eta dL/dw, as in section 3)."""
    return w2 - eta * dL_dw2


@sigmoid_net.step(label="w_1 (new)", group="new weights", means=update("w1", lr="eta"))
def w1_new(w1, eta, dL_dw1):
    """ "w_1 -> 0.447"."""
    return w1 - eta * dL_dw1


# "Loss decreases from 1.259 -> 1.052": the forward pass again at the new weights (unprinted
# intermediates), INFERRED reading.
sigmoid_net.step(name="z1_new", label="z_1 (new)", inputs=["w1_new", "x"])(z1)
sigmoid_net.step(name="h_new", label="h (new)", inputs=["z1_new"])(h)
sigmoid_net.step(name="yhat_new", label="y_hat (new)", inputs=["w2_new", "h_new"])(yhat2)
sigmoid_net.step(name="L_new", label="L (new)", inputs=["y", "yhat_new"])(L2)


# --------------------------------------------------------------------------------------------
# Section 5: "Using ReLU Instead"

relu_net = Worksheet("adilce009 toy example 3: h = max(0, w_1 x), y_hat = w_2 h", loss="L")
relu_net.group("weights", "w1", "w2")


@relu_net.step(name="z1", label="z_1")
def z1_relu(w1, x):
    """ "z_1 = 0.5 > 0"."""
    return w1 * x


@relu_net.step(name="h")
def h_relu(z1):
    """ "h = max(0, w_1 x)" ("=> h = 0.5")."""
    return jnp.maximum(0.0, z1)


relu_net.step(name="yhat", label="y_hat", inputs=["w2", "h"])(yhat2)   # "y_hat = -0.5"
relu_net.step(name="L", inputs=["y", "yhat"], aka=["Loss"])(L2)           # "Loss = 1.0"


@relu_net.step(label="ReLU'(z_1)")
def relu_prime(z1):
    """ "d/dz ReLU(z) = 1 if z > 0, 0 if z < 0" (the post leaves z = 0 open; 0 here)."""
    return jnp.where(z1 > 0, 1.0, 0.0)


@relu_net.step(name="dL_dw1", label="dL/dw_1", means=grad("L", wrt="w1"))
def dL_dw1_relu(y, yhat, w2, relu_prime, x):
    """ "dL/dw_1 = dL/dy_hat * w_2 * ReLU'(z_1) * x", printed as
    "(-2)(0.5 - (-0.5)) * (-1) * 1 * 1 = 2"."""
    return -2 * (y - yhat) * w2 * relu_prime * x
