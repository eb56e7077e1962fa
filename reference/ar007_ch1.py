"""A-R007, "CH-1 QN1 / QN3 / QN5" (answers to three chapter-1 exercises, README.md of
github.com/A-R007/Loss-Calculation at commit c1f5e48; text in cases/texts/ar007_ch1.txt).

Three unrelated examples, one worksheet each, in the README's notation:

- QN1 (`neuron`): one neuron with inputs x = [1, 2], weights W = [0.4, -0.2], bias b = 0.1, target y =
  0.8, L = 1/2 (y - y')^2, learning rate eta = 0.1; dL/dy' = y' - y, dy'/dW_i = x_i y'(1 - y') (the
  logistic's derivative, "Activation Function Derivative: y'(1 - y')"), dL/dW_i their product,
  W_i = W_i - eta dL/dW_i for both weights (the bias is not updated). The README gives the prediction
  y' = 0.6 among the data; the worksheet computes it, y' = sigmoid(W_1 x_1 + W_2 x_2 + b), the neuron
  whose derivative the README uses (INFERRED: the activation is the logistic, from its derivative).
- QN3 (`thermostat`): z = w x + b with x = 2, w = 0.5, b = 1, sigma(z) = 1 / (1 + e^{-z}) through the
  printed e^{-2} and 1 + e^{-2}.
- QN5 (`forward_222`): a 2-2-2 logistic network's forward pass, z_H1 = x_1 w_1 + x_2 w_2 + b_1, z_H2 =
  x_1 w_3 + x_2 w_4 + b_2, z_y1 = H1 w_5 + H2 w_6, z_y2 = H1 w_7 + H2 w_8 (no output bias), each product
  printed as a term of its sum; the targets are given but no error is computed.

INFERRED only: the terms of each sum ("0.015 + 0.0875 + 0.60") are steps of their own, and in QN1 the
change added to each weight ("0.4 + 0.0048") is the step -eta dL/dW_i.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, sigmoid, update

# QN1: "Backpropagation Weight Update for a Single Neuron"
neuron = Worksheet(
    "A-R007 QN1: one logistic neuron, L = 1/2 (y - y')^2, both weights updated (eta = 0.1)", loss="L"
)


@neuron.step(label="z")
def z(W1, x1, W2, x2, b):
    return W1 * x1 + W2 * x2 + b


# "**Predicted Output**: \( y' = 0.6 \)"
@neuron.step(label="y'")
def y_pred(z):
    return sigmoid(z)


# "**Activation Function Derivative**: \( y'(1 - y') = 0.24 \)"
@neuron.step(label="y'(1 - y')")
def dy_dz(y_pred):
    return y_pred * (1 - y_pred)


# "\text{Error} = y - y' = 0.8 - 0.6 = 0.2"
@neuron.step(label="\\text{Error}")
def error(y, y_pred):
    return y - y_pred


# "L = \frac{1}{2} (y - y')^2" (no number printed)
@neuron.step(label="L")
def L(y, y_pred):
    return 0.5 * (y - y_pred) ** 2


# "\frac{\partial L}{\partial y'} = (y' - y) = 0.6 - 0.8 = -0.2"
@neuron.step(label="\\frac{\\partial L}{\\partial y'}", means=grad("L", wrt="y_pred"))
def dL_dy(y_pred, y):
    return y_pred - y


# "\frac{\partial L}{\partial W_1} = (-0.2) \times (0.24) \times (1) = -0.048"
@neuron.step(label="\\frac{\\partial L}{\\partial W_1}", group="dL_dW", means=grad("L", wrt="W1"))
def dL_dW1(dL_dy, dy_dz, x1):
    return dL_dy * dy_dz * x1


@neuron.step(label="\\frac{\\partial L}{\\partial W_2}", group="dL_dW", means=grad("L", wrt="W2"))
def dL_dW2(dL_dy, dy_dz, x2):
    return dL_dy * dy_dz * x2


# "W_1 = 0.4 - 0.1 \times (-0.048) = 0.4 + 0.0048 = 0.4048": the change added, -eta dL/dW_1
@neuron.step(label="\\eta \\times \\frac{\\partial L}{\\partial W_1} (change)", group="change_W")
def change_W1(eta, dL_dW1):
    return -eta * dL_dW1


@neuron.step(label="\\eta \\times \\frac{\\partial L}{\\partial W_2} (change)", group="change_W")
def change_W2(eta, dL_dW2):
    return -eta * dL_dW2


@neuron.step(label="W_1 (updated)", group="W_new", means=update("W1", lr="eta"))
def W1_new(W1, eta, dL_dW1):
    return W1 - eta * dL_dW1


@neuron.step(label="W_2 (updated)", group="W_new", means=update("W2", lr="eta"))
def W2_new(W2, eta, dL_dW2):
    return W2 - eta * dL_dW2


neuron.group("inputs", "x1", "x2")
neuron.group("weights", "W1", "W2")


# QN3: "Compute the Final Probability using Sigmoid Activation Function"
# no loss in QN3: `loss` names its last step (no step declares a derivative)
thermostat = Worksheet("A-R007 QN3: sigma(w x + b) through e^{-z} and 1 + e^{-z}", loss="probability")


@thermostat.step(label="z")
def z_t(w, x, b):
    """ "z = (0.5 \\times 2) + 1", "z = 1 + 1 = 2"."""
    return w * x + b


@thermostat.step(label="e^{-z}")
def exp_neg_z(z_t):
    """ "Approximating \\( e^{-2} \\approx 0.1353 \\)"."""
    return jnp.exp(-z_t)


@thermostat.step(label="1 + e^{-z}")
def denominator(exp_neg_z):
    """ "\\sigma(2) = \\frac{1}{1 + 0.1353}", "= \\frac{1}{1.1353}"."""
    return 1 + exp_neg_z


@thermostat.step(label="\\sigma(z)")
def probability(denominator):
    """ "\\sigma(2) \\approx 0.8808"."""
    return 1 / denominator


# QN5: "Backpropagation Calculation for Hidden and Output Layers" (the forward pass)
# no loss computed in QN5 (the targets are given, "These values can now be used for error calculation"):
# `loss` names its last step (no step declares a derivative)
forward_222 = Worksheet(
    "A-R007 QN5: a 2-2-2 logistic network's forward pass, hidden biases, no output bias", loss="y2"
)
fw = forward_222


@fw.step(label="x_1 \\times w_1", group="terms_H")
def x1w1(x1, w1):
    return x1 * w1


@fw.step(label="x_2 \\times w_2", group="terms_H")
def x2w2(x2, w2):
    return x2 * w2


@fw.step(label="z_{H1}", group="z_H")
def z_H1(x1w1, x2w2, b1):
    return x1w1 + x2w2 + b1


@fw.step(label="H1", group="H")
def H1(z_H1):
    return sigmoid(z_H1)


@fw.step(label="x_1 \\times w_3", group="terms_H")
def x1w3(x1, w3):
    return x1 * w3


@fw.step(label="x_2 \\times w_4", group="terms_H")
def x2w4(x2, w4):
    return x2 * w4


@fw.step(label="z_{H2}", group="z_H")
def z_H2(x1w3, x2w4, b2):
    return x1w3 + x2w4 + b2


@fw.step(label="H2", group="H")
def H2(z_H2):
    return sigmoid(z_H2)


@fw.step(label="H1 \\times w_5", group="terms_y")
def H1w5(H1, w5):
    return H1 * w5


@fw.step(label="H2 \\times w_6", group="terms_y")
def H2w6(H2, w6):
    return H2 * w6


@fw.step(label="z_{y1}", group="z_y")
def z_y1(H1w5, H2w6):
    return H1w5 + H2w6


@fw.step(label="y_1", group="y")
def y1(z_y1):
    return sigmoid(z_y1)


@fw.step(label="H1 \\times w_7", group="terms_y")
def H1w7(H1, w7):
    return H1 * w7


@fw.step(label="H2 \\times w_8", group="terms_y")
def H2w8(H2, w8):
    return H2 * w8


@fw.step(label="z_{y2}", group="z_y")
def z_y2(H1w7, H2w8):
    return H1w7 + H2w8


@fw.step(label="y_2", group="y")
def y2(z_y2):
    return sigmoid(z_y2)


fw.group("inputs", "x1", "x2")
fw.group("hidden weights", "w1", "w2", "w3", "w4")
fw.group("output weights", "w5", "w6", "w7", "w8")
