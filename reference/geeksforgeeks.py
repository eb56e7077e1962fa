"""GeeksforGeeks, "Backpropagation in Neural Network" (seed 002, revision of 01 Jul 2025).

The 2-2-1 worked example in the article's notation: inputs x1, x2; weights w_{i,j} from input i
to hidden node j (w11, w21 into h1; w12, w22 into h2) and w13, w23 from h1, h2 into O3; sigmoid
everywhere, no biases, target 0.5, learning rate eta = 1.

Inferred (RECOVERED.md 002, the figure was lost): x1 = 0.35, x2 = 0.7, w11 = w21 = 0.2,
w12 = w22 = 0.3, w13 = 0.3, w23 = 0.9; every number the text prints follows from these.

The loss is the one the article states, "MSE = (Predicted Output - Actual Output)^2"; the deltas
declare what they should be against it, so the harness can tell which loss they really belong to.
The article's update rule is Delta w_ij = eta * delta_j * O_i, added to the old weight.

`xor_code` is the article's XOR `NeuralNetwork` class, kept in numpy as written.
"""

import jax
import jax.numpy as jnp
import numpy as np

from checks.vocab import Backward, Predicate, Sampler, Worksheet, change, grad, sigmoid, update

worked_example = Worksheet("GeeksforGeeks 2-2-1 worked example", loss="E")
ws = worked_example
ws.group("inputs", "x1", "x2")


# Forward pass: "a_j = sum(w_ij * x_i)", "y_j = F(a_j) = 1 / (1 + e^-a_j)".
@ws.step(group="net")
def a1(w11, x1, w21, x2):
    return w11 * x1 + w21 * x2


@ws.step(group="hidden")
def y3(a1):
    return sigmoid(a1)


@ws.step(group="net")
def a2(w12, x1, w22, x2):
    return w12 * x1 + w22 * x2


@ws.step(group="hidden")
def y4(a2):
    return sigmoid(a2)


@ws.step(group="net")
def a3(w13, y3, w23, y4):
    return w13 * y3 + w23 * y4


@ws.step
def y5(a3):
    return sigmoid(a3)


# "Error_j = y_target - y5"
@ws.step(label="Error")
def error(target, y5):
    return target - y5


# The loss as stated: MSE = (Predicted Output - Actual Output)^2, never printed.
@ws.step(label="MSE")
def E(y5, target):
    return (y5 - target) ** 2


# Backward pass. The error terms are written as the article prints them; each declares what it
# should be: delta_j = -dE/da_j.
@ws.step(label="delta_5", group="delta", means=-grad("E", wrt="a3"))
def delta_5(y5, error):
    return y5 * (1 - y5) * error


@ws.step(label="delta_3", group="delta", means=-grad("E", wrt="a1"))
def delta_3(y3, w13, delta_5):
    return y3 * (1 - y3) * (w13 * delta_5)


@ws.step(label="delta_4", group="delta", means=-grad("E", wrt="a2"))
def delta_4(y4, w23, delta_5):
    return y4 * (1 - y4) * (w23 * delta_5)


# "Delta w_ij = eta x delta_j x O_j" (O: the output feeding the weight), then w + Delta w.
@ws.step(label="Delta w23", means=change("w23", lr="eta"))
def dw23(eta, delta_5, y4):
    return eta * delta_5 * y4


@ws.step(label="w23(new)", means=update("w23", lr="eta"))
def w23_new(w23, dw23):
    return w23 + dw23


@ws.step(label="Delta w11", means=change("w11", lr="eta"))
def dw11(eta, delta_3, x1):
    return eta * delta_3 * x1


@ws.step(label="w11(new)", means=update("w11", lr="eta"))
def w11_new(w11, dw11):
    return w11 + dw11


# "Similarly other weights are updated": the same rule, printed without their changes.
@ws.step(label="w12(new)", means=update("w12", lr="eta"))
def w12_new(w12, eta, delta_4, x1):
    return w12 + eta * delta_4 * x1


@ws.step(label="w13(new)", means=update("w13", lr="eta"))
def w13_new(w13, eta, delta_5, y3):
    return w13 + eta * delta_5 * y3


@ws.step(label="w21(new)", means=update("w21", lr="eta"))
def w21_new(w21, eta, delta_3, x2):
    return w21 + eta * delta_3 * x2


@ws.step(label="w22(new)", means=update("w22", lr="eta"))
def w22_new(w22, eta, delta_4, x2):
    return w22 + eta * delta_4 * x2


# "After updating the weights the forward pass is repeated": the same steps on the new weights.
ws.step(name="a1_pass2", label="a1", group="net2", inputs=["w11_new", "x1", "w21_new", "x2"])(a1)
ws.step(name="y3_pass2", label="y3", group="hidden2", inputs=["a1_pass2"])(y3)
ws.step(name="a2_pass2", label="a2", group="net2", inputs=["w12_new", "x1", "w22_new", "x2"])(a2)
ws.step(name="y4_pass2", label="y4", group="hidden2", inputs=["a2_pass2"])(y4)
ws.step(name="a3_pass2", label="a3", group="net2", inputs=["w13_new", "y3_pass2", "w23_new", "y4_pass2"])(a3)
ws.step(name="y5_pass2", label="y5", inputs=["a3_pass2"])(y5)
ws.step(name="error_pass2", label="Error", inputs=["target", "y5_pass2"])(error)
