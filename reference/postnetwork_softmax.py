"""PostNetwork Academy (Bindeshwar Singh Kushwaha), "Understanding Neural Networks: Softmax,
Cross-Entropy, and Backpropagation",
https://www.postnetwork.co/understanding-neural-networks-softmax-cross-entropy-and-backpropagation
(retrieved text: cases/texts/postnetwork_softmax.txt).

A 3-2-2 net in the article's notation: inputs x1, x2, x3; hidden pre-activations z1 = z^(1),
z2 = z^(2) with sigmoid activations a1 = a^(1), a2 = a^(2); output pre-activations z3 = z^(3),
z4 = z^(4); softmax outputs yhat1, yhat2; cross-entropy L = -sum_i y_i ln(yhat_i), y = [1, 0].

Printed by the article (not inferred): every given value, and how the weights pair with the inputs
in the forward pass, read from its expressions:
- z1 = w1 x1 + w2 x2 + w3 x3 + b^(1), z2 = w4 x1 + w5 x2 + w6 x3 + b^(1): ONE bias b^(1) = 0.5,
  used by both hidden neurons ("0.5" ends both printed sums); here the given b1.
- z3 = w7 a1 + w9 a2 + b^(2), z4 = w8 a1 + w10 a2 + b^(2): "0.3(0.426) + 0.4(0.5) + 0.1" and
  "-0.1(0.426) + 0.2(0.5) + 0.1" with w7 = 0.3, w8 = -0.1, w9 = 0.4, w10 = 0.2, b^(2) = 0.1; one
  output bias, the given b2.

The gradients are written as the article prints them ("Step 6-13", first four lines):
dL/dw7 = (yhat1 - y1) a1, dL/dw8 = (yhat1 - y1) a2, dL/dw9 = (yhat2 - y2) a1,
dL/dw10 = (yhat2 - y2) a2. Against its own forward pass w8 multiplies a1 into z4 and w9 multiplies
a2 into z3, so the true gradients are dL/dw8 = (yhat2 - y2) a1 and dL/dw9 = (yhat1 - y1) a2: the
printed pair belongs to the other pairing (w7, w8 into z3; w9, w10 into z4), i.e. the output weight
matrix transposed. Each step declares what it should be, grad("L", wrt=...), so the formula rows
show it.

Inferred: nothing numeric. Not retrieved: the rest of "Step 6-13" after the weight update rule
"w <- w - eta dL/dw" (the stored copy ends inside it), so the hidden-layer gradients, any learning
rate and any updated weights are not in this worksheet. y1 and y2 are one-hot class labels: the
case keeps them fixed in the random draws (the formula (yhat_i - y_i) is dL/dz only when y sums
to 1).

`as_matrix` is a second worksheet, a reading rather than the article's notation: the output
weights as one matrix W = [[w7, w9], [w8, w10]] (rows z3, z4; columns a1, a2, as the forward
expressions pair them) and the four printed gradients placed at their weights' positions as one
step dL_dW; its formula row shows the slip as one transposed gradient.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, sigmoid

worked_example = Worksheet("PostNetwork 3-2-2 sigmoid/softmax net, cross-entropy", loss="L")
ws = worked_example
ws.group("inputs", "x1", "x2", "x3")
ws.group("hidden weights", "w1", "w2", "w3", "w4", "w5", "w6")
ws.group("output weights", "w7", "w8", "w9", "w10")
ws.group("labels", "y1", "y2")


# Step 1: Hidden Pre-Activation (one bias b^(1) for both neurons, as printed)
@ws.step(label="z^(1)", group="hidden net")
def z1(w1, x1, w2, x2, w3, x3, b1):
    return w1 * x1 + w2 * x2 + w3 * x3 + b1


@ws.step(label="z^(2)", group="hidden net")
def z2(w4, x1, w5, x2, w6, x3, b1):
    return w4 * x1 + w5 * x2 + w6 * x3 + b1


# Step 2: Hidden Activation (Sigmoid)
@ws.step(label="a^(1)", group="hidden")
def a1(z1):
    return sigmoid(z1)


@ws.step(label="a^(2)", group="hidden")
def a2(z2):
    return sigmoid(z2)


# Step 3: Output Pre-Activation, paired as the printed expressions pair them
@ws.step(label="z^(3)", group="output net")
def z3(w7, a1, w9, a2, b2):
    return w7 * a1 + w9 * a2 + b2


@ws.step(label="z^(4)", group="output net")
def z4(w8, a1, w10, a2, b2):
    return w8 * a1 + w10 * a2 + b2


# Step 4: Output Activation (Softmax)
@ws.step(label="yhat_1", group="output")
def yhat1(z3, z4):
    return jnp.exp(z3) / (jnp.exp(z3) + jnp.exp(z4))


@ws.step(label="yhat_2", group="output")
def yhat2(z3, z4):
    return jnp.exp(z4) / (jnp.exp(z3) + jnp.exp(z4))


# Step 5: Cross-Entropy Loss, L = -sum_i y_i ln(yhat_i)
@ws.step(label="L")
def L(y1, yhat1, y2, yhat2):
    return -(y1 * jnp.log(yhat1) + y2 * jnp.log(yhat2))


# Step 6-13 (the part retrieved): the output-weight gradients as printed
@ws.step(label="dL/dw7", group="gradients", means=grad("L", wrt="w7"))
def dL_dw7(yhat1, y1, a1):
    return (yhat1 - y1) * a1


@ws.step(label="dL/dw8", group="gradients", means=grad("L", wrt="w8"))
def dL_dw8(yhat1, y1, a2):
    return (yhat1 - y1) * a2


@ws.step(label="dL/dw9", group="gradients", means=grad("L", wrt="w9"))
def dL_dw9(yhat2, y2, a1):
    return (yhat2 - y2) * a1


@ws.step(label="dL/dw10", group="gradients", means=grad("L", wrt="w10"))
def dL_dw10(yhat2, y2, a2):
    return (yhat2 - y2) * a2


# --------------------------------------------------------------------------------------------
# The same net read in matrix form (a reading, not the article's notation): the output weights
# as one matrix W with rows for z3, z4 and columns for a1, a2, exactly as the printed forward
# expressions pair them, W = [[w7, w9], [w8, w10]]; the four printed gradients placed at their
# weights' positions form dL/dW as the article states it. Against the forward pass that matrix
# is the true gradient transposed: the diagonal (w7, w10) is right, w8 and w9 have each other's
# gradient. Formula rows only (the printed numbers are claims of `worked_example`).

as_matrix = Worksheet("PostNetwork 3-2-2 net, output layer in matrix form (z = W a + b2)", loss="L")
mx = as_matrix
mx.step(z1, name="z1", label="z^(1)", group="hidden net")
mx.step(z2, name="z2", label="z^(2)", group="hidden net")
mx.step(a1, name="a1", label="a^(1)", group="hidden")
mx.step(a2, name="a2", label="a^(2)", group="hidden")


@mx.step(label="W = [[w7, w9], [w8, w10]]")
def W(w7, w8, w9, w10):
    return jnp.array([[w7, w9], [w8, w10]])


@mx.step(label="[z^(3), z^(4)]")
def z(W, a1, a2, b2):
    return W @ jnp.stack([a1, a2]) + b2


@mx.step(label="[yhat_1, yhat_2]")
def yhat(z):
    return jnp.exp(z) / jnp.sum(jnp.exp(z))


def L_of_yhat(y1, y2, yhat):
    return -(y1 * jnp.log(yhat[0]) + y2 * jnp.log(yhat[1]))


mx.step(L_of_yhat, name="L", label="L")


@mx.step(label="dL/dW as printed: [[dL/dw7, dL/dw9], [dL/dw8, dL/dw10]]", means=grad("L", wrt="W"))
def dL_dW(yhat, y1, y2, a1, a2):
    return jnp.array([
        [(yhat[0] - y1) * a1, (yhat[1] - y2) * a1],   # dL/dw7, dL/dw9 as printed
        [(yhat[0] - y1) * a2, (yhat[1] - y2) * a2],   # dL/dw8, dL/dw10 as printed
    ])
