"""Analytics Vidhya (Ashwin Prasad, 2021-12-18): backpropagation in matrix form, in its notation.

Source: the Data Science Blogathon article that opens "Training the Black Box" (seed text
`../shared/seeds/001_bcdb548a4d40c344.txt`). Its equations were figures (2.2 to 2.6) that are
lost; what follows rests on `RECOVERED.md`, section 001.

Notation (the article's): input X, weights W1, W2, W3 (no biases), nets Net1..Net3, sigmoid
outputs Out1..Out3, target Y, learning rate alpha. Row-vector layout, FOUND in the author's
earlier article: `Net = Input . W`, W sized inputs x neurons, so a batch of m rows is X (m x 6).

INFERRED, with why:
- The forward pass: Net1 = X W1, Out1 = s(Net1), Net2 = Out1 W2, Out2 = s(Net2), Net3 = Out2 W3,
  Out3 = s(Net3) ("the above 6 lines"). The text also says "input X to output Net(3)", so a
  linear output (Net3 is the prediction) is a second reading: both are Backward objects here.
- The backward pass: d3 = (Out3 - Y) * Out3 * (1 - Out3), dE/dW3 = Out2^T d3,
  d2 = (d3 W3^T) * Out2 * (1 - Out2), dE/dW2 = Out1^T d2, d1 = (d2 W2^T) * Out1 * (1 - Out1),
  dE/dW1 = X^T d1, W <- W - alpha dE/dW. For the linear reading the same derivation gives
  d3 = Net3 - Y (no sigmoid term at the output): each reading gets its own derivation, because
  the lost figures showed one forward pass and the backward derived from it, never a mix.
- The loss is never stated: each Backward offers 1/2 SSE, SSE and MSE, one formula row each.
- The network's size (6-4-4-2) follows the author's earlier article (6 inputs, a first hidden
  layer of 4); the batch (5 rows), the value ranges and alpha (0.1, "a small number") are chosen.

Also here: the gradient-descent example y = (x + 2)^2 (`gradient_descent_example`), the
sigmoid's derivative and the claimed range of s(x)(1 - s(x)) (`sigmoid_derivative`), and the
closing question "is it okay to remove the sigmoid terms" as predicates on random nets
(`drop_sigmoid_terms_W1` .. `_W3` on `matrix_sigmoid_output`), read as the method of Rashid's
"Make Your Own Neural Network" the article cites: the raw error W^T e is passed back instead of
W^T delta, and each layer keeps its own s'(Net) term.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from gradaudit import Backward, Bound, Iteration, Predicate, Worksheet, grad, sigmoid, update

s = sigmoid

ALPHA = 0.1  # "Alpha is a small number": no value in the text; chosen
SIZES = (6, 4, 4, 2)  # X has 6 columns, hidden layers of 4 and 4, 2 outputs
M = 5  # rows in a batch; chosen (m = 4 would make the factor m/2 = 2 indistinguishable from 2)


# --------------------------------------------------------------------------------------------
# Forward propagation (fig 2.2), both readings of the output layer


def forward(params, X):
    W1, W2, W3 = params["W1"], params["W2"], params["W3"]
    Net1 = X @ W1
    Out1 = s(Net1)
    Net2 = Out1 @ W2
    Out2 = s(Net2)
    Net3 = Out2 @ W3
    return Net1, Out1, Net2, Out2, Net3


def predict_sigmoid_output(params, X):
    Net3 = forward(params, X)[-1]
    return s(Net3)  # Out3 = s(Net3)


def predict_linear_output(params, X):
    return forward(params, X)[-1]  # Net3 is the output


# --------------------------------------------------------------------------------------------
# Losses: the text never states one, so all three are offered


def _losses(predict):
    def half_sse(params, X, Y):
        return 0.5 * jnp.sum((predict(params, X) - Y) ** 2)

    def sse(params, X, Y):
        return jnp.sum((predict(params, X) - Y) ** 2)

    def mse(params, X, Y):
        # MSE here: the mean over the m rows of the batch of each row's summed squared error,
        # SSE / m. (A mean over all m x k entries would be SSE / (m k), another factor.)
        m = X.shape[0]
        return jnp.sum((predict(params, X) - Y) ** 2) / m

    # half_sse first: the loss the derivation is the gradient of, and the update is checked with.
    return {"half_sse": half_sse, "sse": sse, "mse": mse}


# --------------------------------------------------------------------------------------------
# Backpropagation (figs 2.3 to 2.5), written as derived: output delta, then back one layer a line


def backward_from_output_delta(params, X, Out1, Out2, d3):
    """The derivation from dE/dNet3 down, one line per layer (the same for both readings)."""
    W2, W3 = params["W2"], params["W3"]
    dW3 = Out2.T @ d3
    d2 = (d3 @ W3.T) * Out2 * (1 - Out2)
    dW2 = Out1.T @ d2
    d1 = (d2 @ W2.T) * Out1 * (1 - Out1)
    dW1 = X.T @ d1
    return {"W1": dW1, "W2": dW2, "W3": dW3}


def backward_sigmoid_output(params, X, Y):
    Net1, Out1, Net2, Out2, Net3 = forward(params, X)
    Out3 = s(Net3)
    d3 = (Out3 - Y) * Out3 * (1 - Out3)  # dE/dNet3, with s'(Net3) = Out3 (1 - Out3)
    return backward_from_output_delta(params, X, Out1, Out2, d3)


def backward_linear_output(params, X, Y):
    Net1, Out1, Net2, Out2, Net3 = forward(params, X)
    d3 = Net3 - Y  # dE/dNet3: Net3 is the output, no sigmoid term
    return backward_from_output_delta(params, X, Out1, Out2, d3)


def update_weights(params, grads, alpha):
    """Fig 2.6: W <- W - alpha * dE/dW, for every layer."""
    return {name: params[name] - alpha * grads[name] for name in params}


# --------------------------------------------------------------------------------------------
# Example points: random nets and batches (the article prints no numbers)


def make_example(sizes, m):
    """`example(rng)` for a net of `sizes` and a batch of m rows.

    Inputs and targets in [0, 1] (the range of a sigmoid output); weights ~ N(0, 0.5^2).
    """

    def example(rng: np.random.Generator):
        params = {
            f"W{i + 1}": 0.5 * rng.standard_normal((sizes[i], sizes[i + 1])) for i in range(len(sizes) - 1)
        }
        X = rng.uniform(0.0, 1.0, (m, sizes[0]))
        Y = rng.uniform(0.0, 1.0, (m, sizes[-1]))
        return params, X, Y

    return example


def _backward(reading, sizes, m):
    sigmoid_out = reading == "sigmoid"
    return Backward(
        title=(
            f"Analytics Vidhya matrix backprop, {'sigmoid' if sigmoid_out else 'linear'} output, "
            f"{'-'.join(map(str, sizes))} net, batch of {m}"
        ),
        backward=backward_sigmoid_output if sigmoid_out else backward_linear_output,
        loss=_losses(predict_sigmoid_output if sigmoid_out else predict_linear_output),
        example=make_example(sizes, m),
        lr=ALPHA,
        update=update_weights,
    )


matrix_sigmoid_output = _backward("sigmoid", SIZES, M)
matrix_linear_output = _backward("linear", SIZES, M)
# Another shape: random values on a 3-5-2-1 net with a batch of 7 (so N/2 = 3.5, not 2.5).
matrix_sigmoid_output_3_5_2_1 = _backward("sigmoid", (3, 5, 2, 1), 7)
matrix_linear_output_3_5_2_1 = _backward("linear", (3, 5, 2, 1), 7)


# --------------------------------------------------------------------------------------------
# "Is it okay to remove the sigmoid terms ... since we are only concerned about the direction?"
# Rashid's method: hidden errors are the raw output error sent back through W^T, without the
# s'(Net) terms of the layers above; each layer's own update keeps its own s'(Net) term.


def backward_without_sigmoid_terms(params, X, Y):
    W2, W3 = params["W2"], params["W3"]
    Net1, Out1, Net2, Out2, Net3 = forward(params, X)
    Out3 = s(Net3)
    e3 = Out3 - Y  # raw error (the sign that makes W - alpha dW a step down half SSE)
    dW3 = Out2.T @ (e3 * Out3 * (1 - Out3))
    e2 = e3 @ W3.T  # raw error sent back: W3^T e, not W3^T d3
    dW2 = Out1.T @ (e2 * Out2 * (1 - Out2))
    e1 = e2 @ W2.T
    dW1 = X.T @ (e1 * Out1 * (1 - Out1))
    return {"W1": dW1, "W2": dW2, "W3": dW3}


def draw_net(key):
    """A random 6-4-4-2 net and batch of 5 rows, inputs and targets in [0, 1].

    Each layer's weights are N(0, sigma^2) with sigma log-uniform on [0.1, 10], drawn per layer:
    the draws cover nets whose sigmoids stay near their middle (s' close to 0.25 everywhere, where
    dropping the terms only rescales the step, like the example's sigma = 0.5) and nets with
    saturated units (s' near 0), since the text asks "for any value of x".
    """
    # One normal and one uniform draw, cut into pieces (each random call is a slow compile).
    kz, ku = jax.random.split(key)
    n1, n2, n3 = SIZES[0] * SIZES[1], SIZES[1] * SIZES[2], SIZES[2] * SIZES[3]
    nx, ny = M * SIZES[0], M * SIZES[3]
    z = jax.random.normal(kz, (n1 + n2 + n3,))
    u = jax.random.uniform(ku, (nx + ny + 3,))
    sigma = jnp.exp(jnp.log(0.1) + (jnp.log(10.0) - jnp.log(0.1)) * u[nx + ny :])
    return {
        "W1": sigma[0] * z[:n1].reshape(SIZES[0], SIZES[1]),
        "W2": sigma[1] * z[n1 : n1 + n2].reshape(SIZES[1], SIZES[2]),
        "W3": sigma[2] * z[n1 + n2 :].reshape(SIZES[2], SIZES[3]),
        "X": u[:nx].reshape(M, SIZES[0]),
        "Y": u[nx : nx + ny].reshape(M, SIZES[3]),
    }


def net_size(sample):
    """Counterexamples are ordered by the net's largest weight (X and Y stay in [0, 1])."""
    return jnp.max(jnp.stack([jnp.max(jnp.abs(sample[k])) for k in ("W1", "W2", "W3")]))


_half_sse_sigmoid = _losses(predict_sigmoid_output)["half_sse"]


def _both_gradients(sample):
    params = {k: sample[k] for k in ("W1", "W2", "W3")}
    true = jax.grad(_half_sse_sigmoid)(params, sample["X"], sample["Y"])  # autodiff, not ours
    changed = backward_without_sigmoid_terms(params, sample["X"], sample["Y"])
    return true, changed


def _same_signs(changed, true):
    """Every component has the true gradient's sign; components below 1e-9 of the layer's
    largest are rounding noise (a saturated unit's gradient), and count as kept."""
    negligible = jnp.abs(true) <= 1e-9 * jnp.max(jnp.abs(true))
    return jnp.all((jnp.sign(changed) == jnp.sign(true)) | negligible)


def _drop_sigmoid_terms(layer):
    """The changed update of `layer` is a descent direction: <changed, true gradient> > 0 (strict).

    W - alpha * changed moves down the loss for a small enough alpha exactly when the changed
    gradient has a positive inner product with the true one.
    """

    def check(sample):
        true, changed = _both_gradients(sample)
        return jnp.vdot(changed[layer], true[layer]) > 0

    def metrics(sample):
        true, changed = _both_gradients(sample)
        return {
            "descent direction": jnp.vdot(changed[layer], true[layer]) > 0,
            "every component keeps its sign": _same_signs(changed[layer], true[layer]),
        }

    return Predicate(draw=draw_net, check=check, metrics=metrics, size=net_size)


for _layer in ("W1", "W2", "W3"):
    matrix_sigmoid_output.add_statement(f"drop_sigmoid_terms_{_layer}", _drop_sigmoid_terms(_layer))
del _layer


# --------------------------------------------------------------------------------------------
# A peek into gradient descent: y = (x + 2)^2 (fig 1.1), at x = 0 and at x = -4


gradient_descent_example = Worksheet("y = (x + 2)^2, the gradient-descent example", loss="y_at_0")


def y(x):
    return (x + 2) ** 2


def dy_dx(x):
    return 2 * (x + 2)


gradient_descent_example.step(name="y_at_0", label="y", inputs=["x0"])(y)
gradient_descent_example.step(
    name="slope_at_0", label="dy/dx", inputs=["x0"], means=grad("y_at_0", wrt="x0")
)(dy_dx)
gradient_descent_example.step(name="y_at_minus4", label="y", inputs=["x_minus4"])(y)
gradient_descent_example.step(
    name="slope_at_minus4",
    label="dy/dx",
    inputs=["x_minus4"],
    means=grad("y_at_minus4", wrt="x_minus4"),
)(dy_dx)


# "iteratively change the value of x ... in the direction opposite to the slope": one step from x0.
@gradient_descent_example.step(label="x", means=update("x0", lr="lr"))
def x1(x0, lr, slope_at_0):
    return x0 - lr * slope_at_0


@gradient_descent_example.step(label="x at the minimum")
def x_min(x0, slope_at_0):
    # dy/dx = 2(x + 2) is a line of gradient 2: it is zero at x0 - slope / 2, wherever x0 is.
    return x0 - slope_at_0 / 2


# "On repeating this process, again and again, we'll finally be able to reach x = -2": the text
# gives no learning rate; `lr` is the case's given value (the statements engine binds it by name).
@gradient_descent_example.statement(Iteration)
def descent(x, lr):
    """x <- x - lr * dy/dx, the step x1 repeated"""
    return x1(x, lr, dy_dx(x))


# --------------------------------------------------------------------------------------------
# "derivative of sigmoid(x) = sigmoid(x) * (1 - sigmoid(x))", and its claimed range


sigmoid_derivative = Worksheet("the sigmoid's derivative", loss="s")


@sigmoid_derivative.step(name="s", label="sigmoid(x)")
def sigmoid_of_x(x):
    return s(x)


@sigmoid_derivative.step(label="derivative of sigmoid(x)", means=grad("s", wrt="x"))
def ds(s):
    return s * (1 - s)


@sigmoid_derivative.statement(Bound)
def slope_range(x):
    """s(x)(1 - s(x)), vectorised over x: claimed to "always lie between 0 and 0.5"."""
    return s(x) * (1 - s(x))
