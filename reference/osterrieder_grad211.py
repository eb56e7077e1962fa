"""Joerg Osterrieder, "Gradient Computation: Worked Example" (QuantLet, Neural Networks Introduction -
BSc Lecture Series: a one-page lecture figure in PDF; its text as pdftotext extracts it in
cases/texts/osterrieder_grad211.txt).

https://github.com/QuantLet/neural-networks-introduction/blob/1411fd6918293b61a2a4a61a3284bfe2183187a6/gradient_computation_example/gradient_computation_example.pdf

"Simple network: 2 inputs, 1 hidden neuron, 1 output", no biases, in the figure's notation: z_h =
w_1 x_1 + w_2 x_2, h = sigma(z_h), z_o = w_3 h, y_hat = sigma(z_o), L = 1/2 (y - y_hat)^2; the
backward pass as the figure writes it: delta_o = (y_hat - y) sigma'(z_o), delta_h = delta_o w_3
sigma'(z_h), dL/dw_3 = delta_o h, dL/dw_1 = delta_h x_1, dL/dw_2 = delta_h x_2; one update of w_3
with eta = 0.1 ("w_3 <- 0.8 - 0.1(-0.054)"; the figure updates no other weight). sigma'(z) is
written as the sigmoid's value times one minus it. Every given value is printed; nothing is inferred.
"""

from __future__ import annotations

from gradaudit import Worksheet, grad, sigmoid, update

worked_example = Worksheet(
    "Osterrieder (QuantLet): a 2-1-1 sigmoid network, 1/2 squared error, eta = 0.1", loss="L"
)
ws = worked_example


# FORWARD: "z_h = w_1 x_1 + w_2 x_2 = 0.4(0.5) + 0.6(0.3) = 0.38", "h = sigma(z_h) = sigma(0.38) = 0.594"
@ws.step(label="z_h")
def z_h(w1, x1, w2, x2):
    return w1 * x1 + w2 * x2


@ws.step(label="h")
def h(z_h):
    return sigmoid(z_h)


# "z_o = w_3 h = 0.8(0.594) = 0.475", "y_hat = sigma(z_o) = sigma(0.475) = 0.617"
@ws.step(label="z_o")
def z_o(w3, h):
    return w3 * h


@ws.step(label="\\hat{y}")
def y_hat(z_o):
    return sigmoid(z_o)


# BACKWARD: "L = 1/2 (y - y_hat)^2 = 0.073"
@ws.step(label="L")
def L(y, y_hat):
    return 0.5 * (y - y_hat) ** 2


# "delta_o = (y_hat - y) sigma'(z_o) = -0.091"
@ws.step(label="\\delta_o", means=grad("L", wrt="z_o"))
def delta_o(y_hat, y):
    return (y_hat - y) * y_hat * (1 - y_hat)


# "delta_h = delta_o w_3 sigma'(z_h) = -0.017"
@ws.step(label="\\delta_h", means=grad("L", wrt="z_h"))
def delta_h(delta_o, w3, h):
    return delta_o * w3 * h * (1 - h)


# GRADIENTS: "dL/dw_3 = delta_o h = -0.054", "dL/dw_1 = delta_h x_1 = -0.009",
# "dL/dw_2 = delta_h x_2 = -0.005"
@ws.step(label="\\frac{\\partial L}{\\partial w_3}", means=grad("L", wrt="w3"))
def dL_dw3(delta_o, h):
    return delta_o * h


@ws.step(label="\\frac{\\partial L}{\\partial w_1}", means=grad("L", wrt="w1"))
def dL_dw1(delta_h, x1):
    return delta_h * x1


@ws.step(label="\\frac{\\partial L}{\\partial w_2}", means=grad("L", wrt="w2"))
def dL_dw2(delta_h, x2):
    return delta_h * x2


# UPDATE (eta = 0.1): "w_3 <- 0.8 - 0.1(-0.054) = 0.805"
@ws.step(label="w_3 (new)", means=update("w3", lr="eta"))
def w3_new(w3, eta, dL_dw3):
    return w3 - eta * dL_dw3
