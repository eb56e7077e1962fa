"""Medium, Shubham Kanwal, "Gentle introduction to Neural Networks - Part 2 (Backward
Propagation)", 2 Jun 2021 (seed 004).

No numbers, only chain-rule products; the network figure and every formula image are lost
(the article's own page has the text and no formulas: RECOVERED.md 004). In the article's
notation:

- one input x; hidden outputs O1 and O2; output O3 = y_hat ("O1 and O2 are outputs of hidden
  layer, O3 is predicted value which is y(hat)").
- w1: input -> O1, w2: O1 -> O3, w3: O2 -> O3 (INFERRED from the three products the text
  builds). The input -> O2 weight is never named: called w4 here (INFERRED name). Biases b1, b2,
  b3 of O1, O2, O3 (INFERRED names; the text says "with respect to all weights and biases").
- activation and loss are not stated. Sigmoid and E = 1/2 (y - O3)^2 are the natural reading;
  tanh and the plain E = (y - O3)^2 are kept as options: one `Backward` per activation, each with
  both losses, so the report shows which loss the formulas are the gradient of.
- the update "New weight is updated as follows" is w_new = w_old - eta * dE/dw (INFERRED from the
  prose; the image is lost). The article gives no eta: ETA = 0.1 is chosen, and kept away from
  1/2 so that a factor 1/2 is never named as the learning rate.

Each step's derivative sits next to the step, as the article builds them: dE/dO3, then dO3/dw2,
dO3/dw3, dO3/dO1 and dO1/dw1, then the products.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Backward, sigmoid

ETA = 0.1
LEAVES = ("w1", "w2", "w3", "w4", "b1", "b2", "b3")


def forward(params, x, act):
    """O1 = act(w1 x + b1), O2 = act(w4 x + b2), O3 = act(w2 O1 + w3 O2 + b3) = y_hat."""
    O1 = act(params["w1"] * x + params["b1"])
    O2 = act(params["w4"] * x + params["b2"])
    O3 = act(params["w2"] * O1 + params["w3"] * O2 + params["b3"])
    return O1, O2, O3


def local_derivatives(params, x, y, act, act_prime):
    """Every factor of the article's products, named as it writes them (dE_dO3 = dE/dO3).

    `act_prime(O)` is the activation's derivative written through its output (sigmoid: O(1-O),
    tanh: 1-O^2), as tutorials write it.
    """
    O1, O2, O3 = forward(params, x, act)
    return {
        "dE_dO3": O3 - y,  # E = 1/2 (y - O3)^2
        "dO3_dw2": act_prime(O3) * O1,
        "dO3_dw3": act_prime(O3) * O2,
        "dO3_db3": act_prime(O3),
        "dO3_dO1": act_prime(O3) * params["w2"],
        "dO3_dO2": act_prime(O3) * params["w3"],
        "dO1_dw1": act_prime(O1) * x,
        "dO1_db1": act_prime(O1),
        "dO2_dw4": act_prime(O2) * x,
        "dO2_db2": act_prime(O2),
    }


def chain_rule(d):
    """The products, in the article's order: 1. w2 (and "similarly" w3), 2. w1 ("E is impacted
    by O3 and O3 in turn is impacted by O1 and O1 in turn is impacted by w1"), then "similarly ...
    all weights and biases"."""
    return {
        "w2": d["dE_dO3"] * d["dO3_dw2"],
        "w3": d["dE_dO3"] * d["dO3_dw3"],
        "w1": d["dE_dO3"] * d["dO3_dO1"] * d["dO1_dw1"],
        "w4": d["dE_dO3"] * d["dO3_dO2"] * d["dO2_dw4"],
        "b3": d["dE_dO3"] * d["dO3_db3"],
        "b1": d["dE_dO3"] * d["dO3_dO1"] * d["dO1_db1"],
        "b2": d["dE_dO3"] * d["dO3_dO2"] * d["dO2_db2"],
    }


def update(params, grads, lr):
    """ "New weight is updated as follows": w_new = w_old - eta * dE/dw, with lr = eta."""
    return {k: params[k] - lr * grads[k] for k in params}


def example(rng):
    """A random net and one random (x, y): a batch of one, every leaf a scalar.

    Weights and biases uniform in [-1, 1] ("Initially weights and biases will be initialized
    randomly"); x standard normal; y uniform in (0, 1), a target both activations can reach.
    """
    params = {k: float(rng.uniform(-1.0, 1.0)) for k in LEAVES}
    return params, float(rng.standard_normal()), float(rng.uniform(0.0, 1.0))


def _net(name, act, act_prime):
    def backward(params, x, y):
        return chain_rule(local_derivatives(params, x, y, act, act_prime))

    def half_se(params, x, y):
        return 0.5 * (y - forward(params, x, act)[2]) ** 2

    def se(params, x, y):
        return (y - forward(params, x, act)[2]) ** 2

    return Backward(
        title=f"Medium: chain rule on a 1-2-1 {name} net",
        backward=backward,
        loss={"half_se": half_se, "se": se},
        example=example,
        lr=ETA,
        update=update,
    )


def sigmoid_prime(O):  # noqa: E741  (the tutorial's O, the output)
    """sigmoid'(z) through the output O = sigmoid(z)."""
    return O * (1 - O)


def tanh_prime(O):  # noqa: E741  (the tutorial's O, the output)
    """tanh'(z) through the output O = tanh(z)."""
    return 1 - O**2


ACTIVATIONS = {"sigmoid": (sigmoid, sigmoid_prime), "tanh": (jnp.tanh, tanh_prime)}

sigmoid_net = _net("sigmoid", *ACTIVATIONS["sigmoid"])
tanh_net = _net("tanh", *ACTIVATIONS["tanh"])
