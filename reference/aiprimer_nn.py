"""that-mathevs, "ai-primer": `primer/ml/neural_net.py`, the lesson "Neural networks: neurons,
activations and backprop by hand" (module docstring, commit 2292d93; text in
cases/texts/aiprimer_nn.txt).

Three worked examples, each its own worksheet, in the lesson's notation:

- `one_knob`: one weight w, model y = w * x with the example x = 1, y = 3, loss (w*1 - 3)^2, slope
  2(w - 3), three steps of w <- w - 0.25 * slope from w = 0 (the table "step | w | slope | new w").
  The literal 1 (the input x) is kept as the lesson writes it, inside the loss, not as a given:
  the slope 2(w - 3) omits the factor x, which is right only because x = 1, and the lesson's
  formula is about this example. The steps of round k are named w_k, L_k, slope_k; each round's
  loss is an unprinted step L_k (only (0 - 3)^2 = 9 is printed), so that slope_k can declare
  itself the gradient of that round's loss (`grad("L_k", wrt="w_k")`, `update(..., loss="L_k")`).
- `relu_neuron`: one ReLU neuron with a bias (one bias for the neuron): inputs (2, 3), weights
  (0.5, 1.0), bias 0.5, target 5, loss (t - y)^2, one SGD step with learning rate 0.01, then the new
  output and loss. The lesson calls the first weight's input x1 and the weights w1, w2, b.
- `tanh_two_layer`: x = 1 -> (w1, tanh) -> (w2, sigmoid) -> binary cross-entropy, target 1, no
  biases. The lesson never prints the loss value; it states the loss
  -[y ln y_hat + (1 - y) ln(1 - y_hat)] and that it "fuses with sigmoid into the simple error
  y_hat - y". The step L (BCE) is unprinted and only there so the derivative steps can say what
  they mean.

INFERRED (everything else is printed):
- The product steps p1 = w1 x1 = 1.0 and p2 = w2 x2 = 3.0 come from the figure label
  "1.0 + 3.0 + 0.5 = 4.5"; "w . x" (the dot product, 4.0) from the symbols table.
- The "running blame" column of the neuron's table is read as dL/dy, dL/dz = dL/dy * dy/dz (the
  "-1" after the ReLU link) and dL/db = dL/dz * 1; dL/dw1 and dL/dw2 are written with the
  lesson's formula dL/dy * dy/dz * x_i, because "With the numbers" prints them that way
  ("(-1) x 1 x 3 = -3"), so their operands are dL/dy, dy/dz and x_i.
- In the neuron's update, the rule is the lesson's own w <- w - eta dL/dw with eta = 0.01
  ("One step with learning rate 0.01").
The lesson's other number tables (the activation values at z = -1, 0, 1 and the linear-vs-ReLU
stack -1 -> -3 -> -6) are not backpropagation steps and are not part of these worksheets.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, sigmoid, update

# --------------------------------------------------------------------------------------------
# The single knob

one_knob = Worksheet("ai-primer: one knob, loss (w*1 - 3)^2, step size 0.25", loss="L_0")


def _loss(w, y):
    """(w*1 - 3)^2: "The loss is (w*1 - 3)^2", the example's x = 1 written as the literal 1."""
    return (w * 1 - y) ** 2


def _slope(w, y):
    """ "Its slope with respect to w is 2(w - 3)"."""
    return 2 * (w - y)


def _step(w, eta, slope):
    """ "new w = w - 0.25*slope"."""
    return w - eta * slope


one_knob.step(name="L_0", label="L (step 0)", inputs=["w_0", "y"])(_loss)
one_knob.step(name="slope_0", label="slope (step 0)", group="slopes", means=grad("L_0", wrt="w_0"),
              inputs=["w_0", "y"])(_slope)
one_knob.step(name="w_1", label="new w (step 0)", group="weights", means=update("w_0", lr="eta", loss="L_0"),
              inputs=["w_0", "eta", "slope_0"])(_step)
one_knob.step(name="L_1", label="L (step 1)", inputs=["w_1", "y"])(_loss)
one_knob.step(name="slope_1", label="slope (step 1)", group="slopes", means=grad("L_1", wrt="w_1"),
              inputs=["w_1", "y"])(_slope)
one_knob.step(name="w_2", label="new w (step 1)", group="weights", means=update("w_1", lr="eta", loss="L_1"),
              inputs=["w_1", "eta", "slope_1"])(_step)
one_knob.step(name="L_2", label="L (step 2)", inputs=["w_2", "y"])(_loss)
one_knob.step(name="slope_2", label="slope (step 2)", group="slopes", means=grad("L_2", wrt="w_2"),
              inputs=["w_2", "y"])(_slope)
one_knob.step(name="w_3", label="new w (step 2)", group="weights", means=update("w_2", lr="eta", loss="L_2"),
              inputs=["w_2", "eta", "slope_2"])(_step)


# --------------------------------------------------------------------------------------------
# One ReLU neuron with a bias

relu_neuron = Worksheet("ai-primer: one ReLU neuron with a bias, loss (t - y)^2", loss="L")
relu_neuron.group("inputs", "x1", "x2")
relu_neuron.group("weights", "w1", "w2")


@relu_neuron.step(label="w1*x1", group="products")
def p1(w1, x1):
    """The figure's "1.0" in "1.0 + 3.0 + 0.5 = 4.5"."""
    return w1 * x1


@relu_neuron.step(label="w2*x2", group="products")
def p2(w2, x2):
    """The figure's "3.0"."""
    return w2 * x2


@relu_neuron.step(label="w.x")
def dot(w1, x1, w2, x2):
    """ "the dot product ... 0.5*2 + 1.0*3 = 4.0"."""
    return w1 * x1 + w2 * x2


@relu_neuron.step
def z(w1, x1, w2, x2, b):
    """ "Weighted sum: 2 x 0.5 + 3 x 1.0 + 0.5 = 4.5"."""
    return w1 * x1 + w2 * x2 + b


@relu_neuron.step
def y(z):
    """ "The ReLU rule keeps positive values, so the output is 4.5"."""
    return jnp.maximum(0.0, z)


@relu_neuron.step
def L(t, y):
    """ "the target was 5, so the loss is (5 - 4.5)^2 = 0.25"."""
    return (t - y) ** 2


@relu_neuron.step(label="dL/dy", means=grad("L", wrt="y"))
def dL_dy(y, t):
    """ "loss -> y: 2(y - 5) = -1"."""
    return 2 * (y - t)


@relu_neuron.step(label="dy/dz")
def dy_dz(z):
    """ "y -> z (ReLU, z > 0): 1" ("ReLU slope at 4.5 = 1")."""
    return jnp.where(z > 0, 1.0, 0.0)


@relu_neuron.step(label="dL/dz", means=grad("L", wrt="z"))
def dL_dz(dL_dy, dy_dz):
    """The running blame after the second link: "-1"."""
    return dL_dy * dy_dz


@relu_neuron.step(label="dL/dw1", group="gradients", means=grad("L", wrt="w1"))
def dL_dw1(dL_dy, dy_dz, x1):
    """ "z -> w1: x1 = 2, running blame -2"; "for w_1: (-1) x 1 x 2 = -2", the lesson's formula
    dL/dw_i = dL/dy * dy/dz * dz/dw_i = 2(y - t) * phi'(z) * x_i."""
    return dL_dy * dy_dz * x1


@relu_neuron.step(label="dL/dw2", group="gradients", means=grad("L", wrt="w2"))
def dL_dw2(dL_dy, dy_dz, x2):
    """ "z -> w2: x2 = 3, running blame -3"; "for w_2: (-1) x 1 x 3 = -3"."""
    return dL_dy * dy_dz * x2


@relu_neuron.step(label="dL/db", group="gradients", means=grad("L", wrt="b"))
def dL_db(dL_dz):
    """ "z -> b: 1, running blame -1"."""
    return dL_dz * 1


@relu_neuron.step(label="w1 (new)", group="new weights", means=update("w1", lr="eta"))
def w1_new(w1, eta, dL_dw1):
    """ "One step with learning rate 0.01 moves weights to (0.52, 1.03)"."""
    return w1 - eta * dL_dw1


@relu_neuron.step(label="w2 (new)", group="new weights", means=update("w2", lr="eta"))
def w2_new(w2, eta, dL_dw2):
    return w2 - eta * dL_dw2


@relu_neuron.step(label="b (new)", group="new weights", means=update("b", lr="eta"))
def b_new(b, eta, dL_db):
    """ "... and bias to 0.51"."""
    return b - eta * dL_db


# "The new output is 4.64 and the loss drops from 0.25 to 0.1296": the forward pass again.
relu_neuron.step(name="z_new", label="z (new)", inputs=["w1_new", "x1", "w2_new", "x2", "b_new"])(z)
relu_neuron.step(name="y_new", label="y (new)", inputs=["z_new"])(y)
relu_neuron.step(name="L_new", label="L (new)", inputs=["t", "y_new"])(L)
# The text's spelling of t (only `gradaudit draft` reads it): "the target was 5, so the loss is"
# and its code, "target = 5.0".
relu_neuron.aka("t", "target")


# --------------------------------------------------------------------------------------------
# Backprop through two layers: tanh hidden unit, sigmoid output, binary cross-entropy

tanh_two_layer = Worksheet("ai-primer: x -> tanh -> sigmoid -> BCE, one unit per layer", loss="L")
tanh_two_layer.group("weights", "w1", "w2")


@tanh_two_layer.step(name="z1", label="z1 = x*w1")
def z1(x, w1):
    return x * w1


@tanh_two_layer.step(name="h", label="h = tanh(z1)")
def h(z1):
    return jnp.tanh(z1)


@tanh_two_layer.step(name="z2", label="z2 = h*w2")
def z2(h, w2):
    return h * w2


@tanh_two_layer.step(name="yhat", label="y_hat = sigma(z2)")
def yhat(z2):
    return sigmoid(z2)


@tanh_two_layer.step(name="L", label="BCE")
def bce(y, yhat):
    """ "-[y ln y_hat + (1 - y) ln(1 - y_hat)]" (never printed as a number)."""
    return -(y * jnp.log(yhat) + (1 - y) * jnp.log(1 - yhat))


@tanh_two_layer.step(label="dL/dz2", means=grad("L", wrt="z2"))
def dL_dz2(yhat, y):
    """ "dL/dz2 = y_hat - y": sigmoid and BCE fused."""
    return yhat - y


@tanh_two_layer.step(label="dL/dw2", group="gradients", means=grad("L", wrt="w2"))
def dL_dw2(h, dL_dz2):  # noqa: F811  (the same name in the lesson's second network)
    """ "dL/dw2 = h * dL/dz2"."""
    return h * dL_dz2


@tanh_two_layer.step(label="dL/dh", means=grad("L", wrt="h"))
def dL_dh(dL_dz2, w2):
    """ "dL/dh = dL/dz2 * w2"."""
    return dL_dz2 * w2


@tanh_two_layer.step(label="1 - h^2")
def tanh_slope(h):
    """ "the slope of tanh at z1", 1 - h^2."""
    return 1 - h**2


@tanh_two_layer.step(label="dL/dz1", means=grad("L", wrt="z1"))
def dL_dz1(dL_dh, tanh_slope):
    """ "dL/dz1 = dL/dh * (1 - h^2)"."""
    return dL_dh * tanh_slope


@tanh_two_layer.step(label="dL/dw1", group="gradients", means=grad("L", wrt="w1"))
def dL_dw1(x, dL_dz1):  # noqa: F811  (the same name in the lesson's second network)
    """ "dL/dw1 = x * dL/dz1"."""
    return x * dL_dz1
