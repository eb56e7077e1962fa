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

import functools

import jax
import jax.numpy as jnp
import numpy as np

from gradaudit import (
    Backward,
    Conventions,
    Predicate,
    Sampler,
    Worksheet,
    change,
    grad,
    sigmoid,
    update,
)

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


# Convention switches (`gradaudit conventions`): other readings of the example, each replacing
# the steps it concerns; the first choice of each is the article's own.
# - loss_scale: the loss the deltas are checked against, as stated ("mse": (y5 - t)^2) or with
#   the 1/2 its deltas imply ("half"); no printed number depends on it, only the formula rows.
# - hidden_delta_weights: delta_3 and delta_4 from the old output weights or the updated ones.
# - update_sign: each change added to the old weight ("plus", as printed) or subtracted.
# - sigmoid_derivative: y(1 - y) from the node's output, or (a slip) a(1 - a) from its net input.


def E_half(y5, target):
    return 0.5 * (y5 - target) ** 2


def _subtracted(update_step):
    """The same update with its change subtracted: w - (w_new - w)."""

    @functools.wraps(update_step)
    def subtracted(w, *rest):
        return w - (update_step(w, *rest) - w)

    return subtracted


def reading(loss_scale="mse", hidden_delta_weights="old", update_sign="plus", sigmoid_derivative="output"):
    """The worked example with the steps each non-default choice concerns replaced."""
    y3_, y4_, y5_ = ("a1", "a2", "a3") if sigmoid_derivative == "net" else ("y3", "y4", "y5")
    w13_, w23_ = ("w13_new", "w23_new") if hidden_delta_weights == "updated" else ("w13", "w23")
    replace = {
        "delta_5": (delta_5, [y5_, "error"]),
        "delta_3": (delta_3, [y3_, w13_, "delta_5"]),
        "delta_4": (delta_4, [y4_, w23_, "delta_5"]),
    }
    if loss_scale == "half":
        replace["E"] = (E_half, ["y5", "target"])
    if update_sign == "minus":
        for name in ("w23_new", "w11_new", "w12_new", "w13_new", "w21_new", "w22_new"):
            s = worked_example.steps[name]
            replace[name] = (_subtracted(s.fn), s.inputs)
    out = Worksheet(
        f"GeeksforGeeks 2-2-1 worked example ({loss_scale} loss, hidden deltas from {hidden_delta_weights} "
        f"weights, update {update_sign}, sigmoid derivative from the {sigmoid_derivative})",
        loss="E",
    )
    for group, members in worked_example.groups.items():
        out.group(group, *members)
    for name, s in worked_example.steps.items():
        fn, inputs = replace.get(name, (s.fn, s.inputs))
        out.step(fn, name=name, label=s.label, group=s.group, means=s.means, inputs=inputs)
    return out


worked_example.conventions = Conventions(
    reading,
    {
        "loss_scale": ["mse", "half"],
        "hidden_delta_weights": ["old", "updated"],
        "update_sign": ["plus", "minus"],
        "sigmoid_derivative": ["output", "net"],
    },
)


# ============================================================================================
# The XOR code, as the article prints it (2-4-1, sigmoid, lr 0.1, 10,000 epochs, unseeded
# np.random.randn start). Kept in numpy: its backward cannot be traced, so the harness checks it
# on random draws in a loop.


class NeuralNetwork:
    def __init__(self, input_size, hidden_size, output_size):
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.output_size = output_size
        self.weights_input_hidden = np.random.randn(self.input_size, self.hidden_size)
        self.weights_hidden_output = np.random.randn(self.hidden_size, self.output_size)
        self.bias_hidden = np.zeros((1, self.hidden_size))
        self.bias_output = np.zeros((1, self.output_size))

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def sigmoid_derivative(self, x):
        return x * (1 - x)

    def feedforward(self, X):
        self.hidden_activation = np.dot(X, self.weights_input_hidden) + self.bias_hidden
        self.hidden_output = self.sigmoid(self.hidden_activation)
        self.output_activation = np.dot(self.hidden_output, self.weights_hidden_output) + self.bias_output
        self.predicted_output = self.sigmoid(self.output_activation)
        return self.predicted_output

    def backward(self, X, y, learning_rate):
        output_error = y - self.predicted_output
        output_delta = output_error * self.sigmoid_derivative(self.predicted_output)
        hidden_error = np.dot(output_delta, self.weights_hidden_output.T)
        hidden_delta = hidden_error * self.sigmoid_derivative(self.hidden_output)
        self.weights_hidden_output += np.dot(self.hidden_output.T, output_delta) * learning_rate
        self.bias_output += np.sum(output_delta, axis=0, keepdims=True) * learning_rate
        self.weights_input_hidden += np.dot(X.T, hidden_delta) * learning_rate
        self.bias_hidden += np.sum(hidden_delta, axis=0, keepdims=True) * learning_rate

    def train(self, X, y, epochs, learning_rate):
        for epoch in range(epochs):
            output = self.feedforward(X)
            self.backward(X, y, learning_rate)
            if epoch % 4000 == 0:
                loss = np.mean(np.square(y - output))
                print(f"Epoch {epoch}, Loss:{loss}")


XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=np.float64)
XOR_LR = 0.1  # "nn.train(X, y, epochs=10000, learning_rate=0.1)"
PARAMS = ("weights_input_hidden", "bias_hidden", "weights_hidden_output", "bias_output")


def network_from(params):
    """The article's class holding the given parameters (copies: its updates work in place)."""
    nn = NeuralNetwork.__new__(NeuralNetwork)
    nn.input_size, nn.hidden_size = np.shape(params["weights_input_hidden"])
    nn.output_size = np.shape(params["weights_hidden_output"])[1]
    for name in PARAMS:
        setattr(nn, name, np.array(params[name], dtype=np.float64))
    return nn


def xor_update_direction(params, X, y):
    """The gradient the class's `+=` updates stand for: minus the step it takes, per learning rate."""
    nn = network_from(params)
    nn.feedforward(np.asarray(X))
    nn.backward(np.asarray(X), np.asarray(y), XOR_LR)
    return {name: -(getattr(nn, name) - np.asarray(params[name])) / XOR_LR for name in PARAMS}


def xor_forward(params, X):
    h = sigmoid(X @ params["weights_input_hidden"] + params["bias_hidden"])
    return sigmoid(h @ params["weights_hidden_output"] + params["bias_output"])


def half_sse(params, X, y):
    return 0.5 * jnp.sum((y - xor_forward(params, X)) ** 2)


def mse(params, X, y):
    """The loss the code prints: `np.mean(np.square(y - output))`."""
    return jnp.mean((y - xor_forward(params, X)) ** 2)


def xor_start(rng):
    """A start as `__init__` makes one: standard normal weights, zero biases (here seeded)."""
    params = {
        "weights_input_hidden": rng.standard_normal((2, 4)),
        "bias_hidden": np.zeros((1, 4)),
        "weights_hidden_output": rng.standard_normal((4, 1)),
        "bias_output": np.zeros((1, 1)),
    }
    return params, XOR_X, XOR_Y


xor_code = Backward(
    "GeeksforGeeks XOR NeuralNetwork.backward (numpy, as printed)",
    backward=xor_update_direction,
    loss={"half_sse": half_sse, "mse": mse},
    example=xor_start,
    lr=XOR_LR,
)


# The same training loop in jax.numpy, vmapped over seeded starts for the training claims.
def _jax_start(key):
    k1, k2 = jax.random.split(key)
    return {
        "weights_input_hidden": jax.random.normal(k1, (2, 4), dtype=jnp.float64),
        "bias_hidden": jnp.zeros((1, 4)),
        "weights_hidden_output": jax.random.normal(k2, (4, 1), dtype=jnp.float64),
        "bias_output": jnp.zeros((1, 1)),
    }


def train_step(params, X=XOR_X, y=XOR_Y, lr=XOR_LR):
    """One `feedforward` + `backward` of the class, in jax.numpy, same order of operations."""
    h = sigmoid(X @ params["weights_input_hidden"] + params["bias_hidden"])
    out = sigmoid(h @ params["weights_hidden_output"] + params["bias_output"])
    output_delta = (y - out) * (out * (1 - out))
    hidden_delta = (output_delta @ params["weights_hidden_output"].T) * (h * (1 - h))
    return {
        "weights_hidden_output": params["weights_hidden_output"] + (h.T @ output_delta) * lr,
        "bias_output": params["bias_output"] + jnp.sum(output_delta, axis=0, keepdims=True) * lr,
        "weights_input_hidden": params["weights_input_hidden"] + (X.T @ hidden_delta) * lr,
        "bias_hidden": params["bias_hidden"] + jnp.sum(hidden_delta, axis=0, keepdims=True) * lr,
    }


def train(params, epochs):
    return jax.lax.fori_loop(0, epochs, lambda _, p: train_step(p), params)


def printed_loss(params):
    """`loss = np.mean(np.square(y - output))` with the output before this epoch's update."""
    return jnp.mean((XOR_Y - xor_forward(params, XOR_X)) ** 2)


def loss_at_epoch_0(key):
    return printed_loss(_jax_start(key))


def loss_at_epoch_8000(key):
    return printed_loss(train(_jax_start(key), 8000))


def predictions_round_to_xor(key):
    out = xor_forward(train(_jax_start(key), 10_000), XOR_X)
    return jnp.all(jnp.round(out) == XOR_Y)


xor_code.add_statement("loss_epoch_0", Sampler(loss_at_epoch_0))
xor_code.add_statement("loss_epoch_8000", Sampler(loss_at_epoch_8000))
xor_code.add_statement(
    "predictions_close_to_xor", Predicate(draw=lambda key: key, check=predictions_round_to_xor)
)
