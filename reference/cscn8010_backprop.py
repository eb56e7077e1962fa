"""CSCN8010 course notebook `dl_class_notebooks/backpropagation.ipynb` (github.com/CSCN8010/CSCN8010,
commit b235cb9; text in cases/texts/cscn8010_backprop.txt). Two worked examples in markdown cells,
the first commit's message calling them "a backprop example from chatgpt".

`two_layer`: "a simple neural network with two layers, each one with one neuron", sigmoid in both,
in the notebook's notation: z_1 = w_1 x + b_1, a_1 = sigmoid(z_1), z_2 = w_2 a_1 + b_2,
a_2 = sigmoid(z_2), L = 1/2 (y_target - a_2)^2. The backward pass as written: dL/da_2 =
-(y_target - a_2), da_2/dz_2 = a_2 (1 - a_2), dL/dw_2 = dL/da_2 * da_2/dz_2 * a_1, dL/db_2 =
dL/da_2 * da_2/dz_2, dL/da_1 = dL/da_2 * da_2/dz_2 * w_2, da_1/dz_1 = a_1 (1 - a_1), dL/dw_1 =
dL/da_1 * da_1/dz_1 * x, dL/db_1 = dL/da_1 * da_1/dz_1; then one step of gradient descent on all
four parameters with alpha = 0.1 ("w_1 <- w_1 - alpha dL/dw_1", ...). Every given is printed.

`single_neuron`: "Example 2 - single neuron", one weight and one bias with a linear activation:
z = w x + b, a = z, the same loss, dL/da = -(y_target - a), da/dz = 1, dL/dz, dz/dw = x,
dz/db = 1, dL/dw, dL/db, and one step with alpha = 0.1. Every given is printed.

The local derivatives (da/dz, dz/dw, dz/db) declare no meaning: they are not derivatives of the loss.
"""

from __future__ import annotations

from gradaudit import Worksheet, grad, sigmoid, update

two_layer = Worksheet("CSCN8010: 1-1-1 sigmoid network with biases, one step (alpha = 0.1)", loss="L")
ws = two_layer


@ws.step(label="z_1")
def z1(w1, x, b1):
    """ "z_1 = w_1 \\cdot x + b_1 = 0.4 \\cdot 0.5 + 0.5 = 0.7"."""
    return w1 * x + b1


@ws.step(label="a_1")
def a1(z1):
    """ "a_1 = \\text{sigmoid}(z_1) = \\frac{1}{1 + e^{-z_1}} = ... \\approx 0.668"."""
    return sigmoid(z1)


@ws.step(label="z_2")
def z2(w2, a1, b2):
    """ "z_2 = w_2 \\cdot a_1 + b_2 = 0.8 \\cdot 0.668 - 0.2 = 0.333"."""
    return w2 * a1 + b2


@ws.step(label="a_2")
def a2(z2):
    """ "a_2 = \\text{sigmoid}(z_2) = ... = \\frac{1}{1 + e^{-0.333}} \\approx 0.583"."""
    return sigmoid(z2)


@ws.step
def L(y_target, a2):
    """ "L = \\frac{1}{2}(y_{\\text{target}} - a_2)^2 = \\frac{1}{2}(1 - 0.583)^2 \\approx 0.083"."""
    return 0.5 * (y_target - a2) ** 2


@ws.step(label="∂L/∂a_2", means=grad("L", wrt="a2"))
def dL_da2(y_target, a2):
    """ "-(y_{\\text{target}} - a_2) = -(1 - 0.583) = -0.417"."""
    return -(y_target - a2)


@ws.step(label="∂a_2/∂z_2")
def da2_dz2(a2):
    """ "a_2 \\cdot (1 - a_2) = 0.583 \\cdot (1 - 0.583) \\approx 0.244"."""
    return a2 * (1 - a2)


@ws.step(label="∂L/∂w_2", means=grad("L", wrt="w2"))
def dL_dw2(dL_da2, da2_dz2, a1):
    """ "(-0.417) \\cdot 0.244 \\cdot 0.668 \\approx -0.067"."""
    return dL_da2 * da2_dz2 * a1


@ws.step(label="∂L/∂b_2", means=grad("L", wrt="b2"))
def dL_db2(dL_da2, da2_dz2):
    """ "(-0.417) \\cdot 0.244 \\approx -0.102"."""
    return dL_da2 * da2_dz2


@ws.step(label="∂L/∂a_1", means=grad("L", wrt="a1"))
def dL_da1(dL_da2, da2_dz2, w2):
    """ "(-0.417) \\cdot 0.244 \\cdot 0.8 \\approx -0.080"."""
    return dL_da2 * da2_dz2 * w2


@ws.step(label="∂a_1/∂z_1")
def da1_dz1(a1):
    """ "a_1 \\cdot (1 - a_1) = 0.668 \\cdot (1 - 0.668) \\approx 0.221"."""
    return a1 * (1 - a1)


@ws.step(label="∂L/∂w_1", means=grad("L", wrt="w1"))
def dL_dw1(dL_da1, da1_dz1, x):
    """ "(-0.080) \\cdot 0.221 \\cdot 0.5 \\approx -0.009"."""
    return dL_da1 * da1_dz1 * x


@ws.step(label="∂L/∂b_1", means=grad("L", wrt="b1"))
def dL_db1(dL_da1, da1_dz1):
    """ "(-0.080) \\cdot 0.221 \\approx -0.018"."""
    return dL_da1 * da1_dz1


@ws.step(label="w_1 (new)", group="updated", means=update("w1", lr="alpha"))
def w1_new(w1, alpha, dL_dw1):
    """ "w_1 \\leftarrow w_1 - \\alpha \\cdot \\frac{\\partial L}{\\partial w_1} = 0.4 - 0.1 \\cdot (-0.009)
    \\approx 0.401"."""
    return w1 - alpha * dL_dw1


@ws.step(label="b_1 (new)", group="updated", means=update("b1", lr="alpha"))
def b1_new(b1, alpha, dL_db1):
    """ "b_1 \\leftarrow ... = 0.5 - 0.1 \\cdot (-0.018) \\approx 0.502"."""
    return b1 - alpha * dL_db1


@ws.step(label="w_2 (new)", group="updated", means=update("w2", lr="alpha"))
def w2_new(w2, alpha, dL_dw2):
    """ "w_2 \\leftarrow ... = 0.8 - 0.1 \\cdot (-0.067) \\approx 0.807"."""
    return w2 - alpha * dL_dw2


@ws.step(label="b_2 (new)", group="updated", means=update("b2", lr="alpha"))
def b2_new(b2, alpha, dL_db2):
    """ "b_2 \\leftarrow ... = -0.2 - 0.1 \\cdot (-0.102) \\approx -0.189"."""
    return b2 - alpha * dL_db2


single_neuron = Worksheet("CSCN8010 example 2: one linear neuron, one step (alpha = 0.1)", loss="L")
sn = single_neuron


@sn.step
def z(w, x, b):
    """ "z = w \\cdot x + b = 0.5 \\cdot 2 + 0.3 = 1.3"."""
    return w * x + b


@sn.step
def a(z):
    """ "a = z = 1.3" (a linear activation)."""
    return z


@sn.step(name="L")
def L_single(y_target, a):
    """ "L = \\frac{1}{2}(y_{\\text{target}} - a)^2 = \\frac{1}{2}(1 - 1.3)^2 = 0.045"."""
    return 0.5 * (y_target - a) ** 2


@sn.step(label="∂L/∂a", means=grad("L", wrt="a"))
def dL_da(y_target, a):
    """ "-(y_{\\text{target}} - a) = -(1 - 1.3) = 0.3"."""
    return -(y_target - a)


@sn.step(label="∂a/∂z")
def da_dz(z):
    """ "\\frac{\\partial a}{\\partial z} = 1" (z is its argument only to place it in the graph)."""
    return 1 + 0 * z


@sn.step(label="∂L/∂z", means=grad("L", wrt="z"))
def dL_dz(dL_da, da_dz):
    """ "0.3 \\cdot 1 = 0.3"."""
    return dL_da * da_dz


@sn.step(label="∂z/∂w")
def dz_dw(x):
    """ "\\frac{\\partial z}{\\partial w} = x = 2"."""
    return x


@sn.step(label="∂z/∂b")
def dz_db(b):
    """ "\\frac{\\partial z}{\\partial b} = 1" (b is its argument only to place it in the graph)."""
    return 1 + 0 * b


@sn.step(label="∂L/∂w", means=grad("L", wrt="w"))
def dL_dw(dL_dz, dz_dw):
    """ "0.3 \\cdot 2 = 0.6"."""
    return dL_dz * dz_dw


@sn.step(label="∂L/∂b", means=grad("L", wrt="b"))
def dL_db(dL_dz, dz_db):
    """ "0.3 \\cdot 1 = 0.3"."""
    return dL_dz * dz_db


@sn.step(label="w (new)", means=update("w", lr="alpha"))
def w_new(w, alpha, dL_dw):
    """ "w \\leftarrow w - \\alpha \\cdot \\frac{\\partial L}{\\partial w} = 0.5 - 0.1 \\cdot 0.6 = 0.44"."""
    return w - alpha * dL_dw


@sn.step(label="b (new)", means=update("b", lr="alpha"))
def b_new(b, alpha, dL_db):
    """ "b \\leftarrow b - \\alpha \\cdot \\frac{\\partial L}{\\partial b} = 0.3 - 0.1 \\cdot 0.3 = 0.27"."""
    return b - alpha * dL_db
