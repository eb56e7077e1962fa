"""melfm, "Backpropagation Numerical example" (study notes `docs/machine_learning/neural_nets/backprop.md`
of github.com/melfm/notes at commit 6271ac5, 2017-01-10; text in cases/texts/melfm_bp222.txt).

An adaptation of Mazur's 2-2-2 logistic example with values of its own, in the notes' notation:
inputs x1, x2, hidden h1, h2 (net input z, output a_h = sigma(z)), outputs y1, y2 (net input
out_y1 = y1, output y_hat), one bias per layer (b1 = 0.30, b2 = 0.70), E_total = sum 1/2 (target -
output)^2, the output layer's chain for w5, one step with the learning rate 0.5 (alpha), and the hidden
layer's chain for w1 as far as the notes go (they stop at "?").

The notes' formulas: z1 = w1 x1 + w3 x2 + b1, z2 = w2 x1 + w4 x2 + b1 (the hidden layer wired by the
figure, x2 -> h1 is w3); for the output layer the notes write "y1 = w5 x out_h1 + w6 x out_h2 + b2"
(and net_o1 the same), so w6 is the weight h2 -> y1, and y2 takes the other two, w7 (h1 -> y2) and w8
(h2 -> y2). Their values are only in the figure (see the case): w6 = 0.50, w7 = 0.45, w8 = 0.55.
dE_total/dy_hat1 = -(t1 - y_hat1), dy_hat1/dy1 = y_hat1 (1 - y_hat1), dy1/dw5 = a_h1 ("1 x out_h1 x
w5^(1-1)"), w5' = w5 - alpha dE/dw5; dE_o1/dnet_o1 = the first two factors, dnet_o1/dout_h1 = w5,
dE_o1/dout_h1 = their product, dout_h1/dnet_h1 = a_h1 (1 - a_h1), dnet_h1/dw1 = x1.

INFERRED only: the local derivatives the notes print (dy_hat1/dy1, dy1/dw5, dnet_o1/dout_h1,
dout_h1/dnet_h1, dnet_h1/dw1) are steps that declare no meaning (not derivatives of the loss); the
number 0.1352 printed under the label dE_o1/dout_h1 is the product the notes' line computes
("0.7576 x 0.1784"), dE_o1/dnet_o1, the step dE_dnet_y1 here.
"""

from __future__ import annotations

from gradaudit import Worksheet, grad, sigmoid, update

worksheet = Worksheet(
    "melfm: a 2-2-2 logistic network (b1 = 0.30, b2 = 0.70), one step on w5 (0.5)", loss="E_total"
)
ws = worksheet


# Forward pass: "z1 = (w1 \times x1 + w3 \times x2 + b1)"
@ws.step(label="z1", group="z")
def z1(w1, x1, w3, x2, b1):
    return w1 * x1 + w3 * x2 + b1


# "a_{h1} = \sigma (z1) = \frac{1}{1 + e ^ {- 0.3275}} = 0.5824"
@ws.step(label="a_{h1}", group="a_h")
def a_h1(z1):
    return sigmoid(z1)


# "z2 = (w2 \times x1 + w4 \times x2 + b1)"
@ws.step(label="z2", group="z")
def z2(w2, x1, w4, x2, b1):
    return w2 * x1 + w4 * x2 + b1


@ws.step(label="a_{h2}", group="a_h")
def a_h2(z2):
    return sigmoid(z2)


# "out_{y1} = (w5 \times a_{h1} + w6 \times a_{h1} + b2)" printed; the notes' own formula further on is
# "y1 = w5 \times out_{h1} + w6 \times out_{h2} + b2", taken here
@ws.step(label="out_{y1}", group="net_y")
def net_y1(w5, a_h1, w6, a_h2, b2):
    return w5 * a_h1 + w6 * a_h2 + b2


# "\hat{y_1} = \sigma (out_{y1}) = 0.7676"
@ws.step(label="\\hat{y_1}", group="y_hat")
def y_hat1(net_y1):
    return sigmoid(net_y1)


@ws.step(label="net_{y2}", group="net_y")
def net_y2(w7, a_h1, w8, a_h2, b2):
    return w7 * a_h1 + w8 * a_h2 + b2


# "Same for \hat{y_2} = 0.7830"
@ws.step(label="\\hat{y_2}", group="y_hat")
def y_hat2(net_y2):
    return sigmoid(net_y2)


# Total error: "E_{total} = \sum \frac{1}{2}(target - output)^2"
@ws.step(label="E_{y1}", group="E_y")
def E_y1(t1, y_hat1):
    return 0.5 * (t1 - y_hat1) ** 2


@ws.step(label="E_{y2}", group="E_y")
def E_y2(t2, y_hat2):
    return 0.5 * (t2 - y_hat2) ** 2


@ws.step(label="E_{total}")
def E_total(E_y1, E_y2):
    return E_y1 + E_y2


# Output layer: "\frac{\partial E_{total}}{\partial out_{y1}} = ... = -(t_1 - \hat{y_1})"
@ws.step(label="\\frac{\\partial E_{total}}{\\partial out_{y1}}", means=grad("E_total", wrt="y_hat1"))
def dE_dy_hat1(t1, y_hat1):
    return -(t1 - y_hat1)


# "\frac{\partial out_{y1}}{\partial y1} = out_{y1}(1- out_{y1})"
@ws.step(label="\\frac{\\partial out_{y1}}{\\partial y1}")
def dy_hat1_dnet_y1(y_hat1):
    return y_hat1 * (1 - y_hat1)


# "\frac{\partial {y1}}{\partial w5} = 1 \times out_{h1} \times w5^{1-1} + 0 + 0"
@ws.step(label="\\frac{\\partial {y1}}{\\partial w5}")
def dnet_y1_dw5(a_h1):
    return a_h1


@ws.step(label="\\frac{\\partial E_{total}}{\\partial w5}", means=grad("E_total", wrt="w5"))
def dE_dw5(dE_dy_hat1, dy_hat1_dnet_y1, dnet_y1_dw5):
    return dE_dy_hat1 * dy_hat1_dnet_y1 * dnet_y1_dw5


# "w5 = w5 - \alpha \times \frac{\partial E_{total}}{\partial w5}", "the selected learning rate (0.5)"
@ws.step(label="w5'", means=update("w5", lr="alpha"))
def w5_new(w5, alpha, dE_dw5):
    return w5 - alpha * dE_dw5


# Hidden layer. Printed under the label dE_o1/dout_h1: "= 0.7576 \times 0.1784 = 0.1352", the product
# the notes call dE_o1/dnet_o1 one line up
@ws.step(label="\\frac{\\partial E_{o1}}{\\partial net_{o1}}", means=grad("E_total", wrt="net_y1"))
def dE_dnet_y1(dE_dy_hat1, dy_hat1_dnet_y1):
    return dE_dy_hat1 * dy_hat1_dnet_y1


# "\frac{\partial net_{o1}}{\partial out_{h1}} = w5 = 0.4"
@ws.step(label="\\frac{\\partial net_{o1}}{\\partial out_{h1}}")
def dnet_y1_da_h1(w5):
    return w5


# "= \frac{\partial E_{o1}}{\partial net_{o1}} \times \frac{\partial net_{o1}}{\partial out_{h1}}
# = 0.1352 * 0.4 = 0.0541"
@ws.step(label="\\frac{\\partial E_{o1}}{\\partial out_{h1}}", means=grad("E_y1", wrt="a_h1"))
def dE_y1_da_h1(dE_dnet_y1, dnet_y1_da_h1):
    return dE_dnet_y1 * dnet_y1_da_h1


# "\frac{\partial out_{h1}}{\partial net_{h1}} = out_{h1}(1 - out_{h1})"
@ws.step(label="\\frac{\\partial out_{h1}}{\\partial net_{h1}}")
def da_h1_dz1(a_h1):
    return a_h1 * (1 - a_h1)


# "\frac{\partial net_{h1}}{\partial w1} = x1"
@ws.step(label="\\frac{\\partial net_{h1}}{\\partial w1}")
def dz1_dw1(x1):
    return x1


ws.group("inputs", "x1", "x2")
ws.group("targets", "t1", "t2")
ws.group("hidden weights", "w1", "w2", "w3", "w4")
ws.group("output weights", "w5", "w6", "w7", "w8")
