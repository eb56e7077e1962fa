"""sapiencespace, "Mastering neural network 2: back propagation": a 2-2-2 sigmoid classifier.

Source: the seed text `../shared/seeds/000_a307f0d7630e20f6.txt`, a post of sapiencespace's
neural network series (https://sapiencespace.com/mastering-neural-network-2-back-propagation/;
the text shows no title, so the title is read from that address). Its figures are lost: every
formula and starting number is an image the text refers to ("Here is an illustrative
calculation", "Error calculation part:").

What the text states: inputs 0.05 and 0.1, two hidden and two output neurons, sigmoid on both
layers, learning rate eta = 0.1, both biases of a layer equal, hidden errors by "summing the
previous weights and multiplying with the respective gradient", and three results: after one
iteration "87% ... class 0 and 89% ... class 1", after 100 epochs (0.307790442796199,
0.84206790046583), after a million epochs (0.01000000000034705, 0.9899999999999923).

What was inferred (RECOVERED.md, section 000: reproduces both full-precision outputs bit for
bit in float64; about 2,300 other conventions were tried and none matches): targets
t = (0.01, 0.99); W1 = [[0.15, 0.20], [0.25, 0.30]], b1 = 0.35, W2 = [[0.40, 0.45],
[0.50, 0.55]], b2 = 0.60; loss E_total = 1/2 sum (t - o)^2; row-vector layout `x @ W1 + b1`
(W1[i, j]: input i -> hidden j); plain gradient descent w <- w - eta dE/dw; each neuron's bias
updated on its own although the biases start equal; all gradients first (the hidden errors use
the old output weights), then all updates.

Three worksheets, built by one function so the variants cannot drift apart:
- `worked_example`: the convention that reproduces the printed outputs.
- `literal_update`: the weight update as the sentence words it, "subtracting the original
  weight from learning_rate*error*respective_activated_output", read literally:
  w_new = eta * error * activated_output - w_old.
- `shared_bias`: one bias parameter per layer (the reading of "both the biases in each layer
  ... are same" as a tied parameter): its gradient is the sum of the layer's errors.

`worked_example.conventions` declares the other readings of the lost figures (weight layout,
bias handling, loss scale) for the convention search; `reading(...)` builds each.

Training for k epochs repeats the worksheet's own steps in a compiled `jax.lax.fori_loop`, with
k as the loop bound (one compile for every k): a million epochs take a fraction of a second.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from gradaudit import Conventions, Quantity, Worksheet, grad, sigmoid, update

__all__ = ["worked_example", "literal_update", "shared_bias", "reading", "EPOCHS"]

# Training lengths with outputs in the text or RECOVERED.md (one iteration is the step out_1).
EPOCHS = (10, 100, 1000, 10_000, 1_000_000)


# --------------------------------------------------------------------------------------------
# Forward pass, in the post's order: hidden net inputs and outputs, then the output layer.


def net_h(x, W1, b1):
    return x @ W1 + b1


def out_h(net_h):
    return sigmoid(net_h)


def net_o(out_h, W2, b2):
    return out_h @ W2 + b2


def out_o(net_o):
    return sigmoid(net_o)


def E_total(t, out_o):
    return 0.5 * jnp.sum((t - out_o) ** 2)


# Other readings the figures' loss allows (convention switches, below): the mean over the
# outputs (2/n x the 1/2 SSE gradient: with two outputs the same loss) and the plain SSE.


def E_total_mean(t, out_o):
    return jnp.mean((t - out_o) ** 2)


def E_total_sse(t, out_o):
    return jnp.sum((t - out_o) ** 2)


# The column-vector layout `W1 @ x + b1` (W1[j, i]: input i -> hidden j): the same figures read
# as the transposed matrices.


def net_h_column(x, W1, b1):
    return W1 @ x + b1


def net_o_column(out_h, W2, b2):
    return W2 @ out_h + b2


# --------------------------------------------------------------------------------------------
# "Error calculation part": the error terms, dE_total/dnet.


def delta_o(out_o, t):
    # dE/dout_o = out_o - t, times the sigmoid's derivative out_o * (1 - out_o)
    return (out_o - t) * out_o * (1 - out_o)


def delta_h(W2, delta_o, out_h):
    # "summing the previous weights and multiplying with the respective gradient":
    # sum_k W2[j, k] delta_o[k], times the sigmoid's derivative at the hidden neuron
    return (W2 @ delta_o) * out_h * (1 - out_h)


def delta_o_mean(out_o, t):
    # d/dout_o of mean_k (t_k - out_o_k)^2 is (2/n)(out_o - t): 1 x the above for n = 2 outputs
    return (2 / out_o.shape[-1]) * (out_o - t) * out_o * (1 - out_o)


def delta_o_sse(out_o, t):
    return 2 * (out_o - t) * out_o * (1 - out_o)


def delta_h_column(W2, delta_o, out_h):
    # column layout: W2[k, j] joins hidden j to output k, so the sum runs over W2's rows
    return (W2.T @ delta_o) * out_h * (1 - out_h)


# "error * respective_activated_output": the gradient of each weight.


def dE_dW2(out_h, delta_o):
    return jnp.outer(out_h, delta_o)


def dE_dW1(x, delta_h):
    return jnp.outer(x, delta_h)


def dE_dW2_column(out_h, delta_o):
    return jnp.outer(delta_o, out_h)


def dE_dW1_column(x, delta_h):
    return jnp.outer(delta_h, x)


# --------------------------------------------------------------------------------------------
# The weight update: gradient descent, and the sentence read literally.


def descend(w, eta, gradient):
    return w - eta * gradient


def as_worded(w, eta, gradient):
    # "subtracting the original weight from learning_rate*error*respective_activated_output"
    return eta * gradient - w


# "The error term is propagated into tuning the biases as well": per neuron, or one shared bias.


def per_neuron(delta):
    return delta


def shared(delta):
    return jnp.sum(delta)


def frozen(delta):
    # biases never updated
    return jnp.zeros_like(delta)


# Convention switches: the functions each choice puts in the worksheet's steps.
_LAYOUT = {
    "row": (net_h, net_o, delta_h, dE_dW2, dE_dW1),
    "column": (net_h_column, net_o_column, delta_h_column, dE_dW2_column, dE_dW1_column),
}
_LOSS = {"half": (E_total, delta_o), "mean": (E_total_mean, delta_o_mean), "one": (E_total_sse, delta_o_sse)}
_BIAS = {"per_neuron": per_neuron, "shared": shared, "frozen": frozen}


def _worksheet(title, *, weight_rule=descend, bias_gradient=per_neuron, layout="row", loss="half"):
    """The post's worked example, with the weight update, the bias handling, the weight layout
    and the loss's scale as parameters (the defaults: the reading that reproduces the outputs).

    Returns the worksheet and its compiled training function (the parameters after k epochs).
    """
    net_h, net_o, delta_h, dE_dW2, dE_dW1 = _LAYOUT[layout]
    E_total, delta_o = _LOSS[loss]
    ws = Worksheet(title, loss="E_total")

    ws.step(net_h, name="net_h", group="hidden layer")
    ws.step(out_h, group="hidden layer")
    ws.step(net_o, name="net_o", group="output layer")
    ws.step(out_o, group="output layer")
    ws.step(E_total, name="E_total")

    ws.step(delta_o, name="delta_o", means=grad("E_total", wrt="net_o"))
    ws.step(delta_h, name="delta_h", means=grad("E_total", wrt="net_h"))

    ws.step(dE_dW2, name="dE_dW2", label="dE_total/dW2", means=grad("E_total", wrt="W2"))

    @ws.step(means=update("W2", lr="lr"))
    def W2_new(W2, lr, dE_dW2):
        return weight_rule(W2, lr, dE_dW2)

    ws.step(dE_dW1, name="dE_dW1", label="dE_total/dW1", means=grad("E_total", wrt="W1"))

    @ws.step(means=update("W1", lr="lr"))
    def W1_new(W1, lr, dE_dW1):
        return weight_rule(W1, lr, dE_dW1)

    @ws.step(means=update("b2", lr="lr"))
    def b2_new(b2, lr, delta_o):
        return b2 - lr * bias_gradient(delta_o)

    @ws.step(means=update("b1", lr="lr"))
    def b1_new(b1, lr, delta_h):
        return b1 - lr * bias_gradient(delta_h)

    def forward(x, W1, b1, W2, b2):
        return out_o(net_o(out_h(net_h(x, W1, b1)), W2, b2))

    @ws.step(label="output after one iteration")
    def out_1(x, W1_new, b1_new, W2_new, b2_new):
        return forward(x, W1_new, b1_new, W2_new, b2_new)

    def epoch(params, x, t, lr):
        """One iteration: the steps above, all gradients first, then all updates."""
        W1, b1, W2, b2 = params
        h = out_h(net_h(x, W1, b1))
        o = out_o(net_o(h, W2, b2))
        d_o = delta_o(o, t)
        d_h = delta_h(W2, d_o, h)
        return (
            W1_new(W1, lr, dE_dW1(x, d_h)),
            b1_new(b1, lr, d_h),
            W2_new(W2, lr, dE_dW2(h, d_o)),
            b2_new(b2, lr, d_o),
        )

    @jax.jit
    def train(epochs, x, t, lr, W1, b1, W2, b2):
        """The parameters after `epochs` iterations (a loop bound: one compile for every count)."""
        return jax.lax.fori_loop(0, epochs, lambda _, p: epoch(p, x, t, lr), (W1, b1, W2, b2))

    def after(epochs):
        def trained(x, t, lr, W1, b1, W2, b2):
            return forward(x, *train(epochs, x, t, lr, W1, b1, W2, b2))

        trained.__doc__ = f"The outputs after training for {epochs} epochs."
        return trained

    for k in EPOCHS:
        ws.step(after(k), name=f"out_{k}", label=f"output after {k} epochs")

    return ws, train


worked_example, _train = _worksheet("sapiencespace 2-2-2 classifier: one step and long training")

literal_update, _ = _worksheet(
    "sapiencespace 2-2-2 classifier, the weight update as worded: w_new = eta*error*out - w_old",
    weight_rule=as_worded,
)

shared_bias, _ = _worksheet(
    "sapiencespace 2-2-2 classifier, one shared bias per layer (gradient: sum of the layer's errors)",
    bias_gradient=shared,
)


# --------------------------------------------------------------------------------------------
# Convention switches (`gradaudit conventions`): the readings of the lost figures a reader might
# take. Defaults: the reading above, which reproduces the printed outputs bit for bit.


def reading(layout="row", bias="per_neuron", loss_scale="half"):
    """The worked example read with the weights' layout (`x @ W1` or `W1 @ x`), the biases'
    handling (a copy per neuron, one shared parameter, never updated) and the loss's scale
    (1/2 SSE, the mean over the outputs, SSE) as given."""
    ws, _ = _worksheet(
        f"sapiencespace 2-2-2 classifier ({layout} layout, {bias} bias, {loss_scale} loss)",
        bias_gradient=_BIAS[bias],
        layout=layout,
        loss=loss_scale,
    )
    return ws


worked_example.conventions = Conventions(
    reading,
    {
        "layout": ["row", "column"],
        "bias": ["per_neuron", "shared", "frozen"],
        "loss_scale": ["half", "mean", "one"],
    },
)


# --------------------------------------------------------------------------------------------
# "we assume that both the biases in each layer for respective neurons are same"


@worked_example.statement(Quantity)
def biases_stay_equal(x, t, lr, W1, b1, W2, b2):
    """The largest gap between the two biases of a layer after one update (0 if they stay equal).

    True of the start (b1 = (0.35, 0.35), b2 = (0.60, 0.60)); the per-neuron updates that
    reproduce the printed outputs move them apart at the first iteration.
    """
    _, b1_1, _, b2_1 = _train(1, x, t, lr, W1, b1, W2, b2)
    return jnp.maximum(jnp.abs(b1_1[0] - b1_1[1]), jnp.abs(b2_1[0] - b2_1[1]))
