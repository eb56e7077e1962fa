"""The problems the benchmarks measure: one big MLP and three tutorial-sized sigmoid nets.

Each `Net` carries its parameters, one batch, the loss in `jax.numpy` (the oracle's side) and a
hand-written backward written once against an array module `xp`, so the numpy and the
`jax.numpy` versions are the same formulas. All data are seeded; all floats are float64.

Bugs are injected by wrapping a correct numpy backward (`flip`, `scaled`, `transposed`), so
every tool is shown the same wrong gradient.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import jax
import jax.numpy as jnp
import numpy as np


@dataclass
class Net:
    name: str
    kind: str  # "mlp" (tanh hidden, softmax cross-entropy) or "sigmoid" (sigmoid, 1/2 SSE)
    params: dict[str, np.ndarray]
    x: np.ndarray
    y: np.ndarray
    loss: Callable[..., Any]  # (params, x, y) -> scalar, jax.numpy
    backward_np: Callable[..., Any]  # hand-written, numpy
    backward_jnp: Callable[..., Any]  # the same formulas in jax.numpy (traceable, vmappable)

    @property
    def size(self) -> int:
        return sum(int(v.size) for v in self.params.values())

    @property
    def names(self) -> list[str]:
        return list(self.params)


# --------------------------------------------------------------------------------------------
# 784-128-10 MLP: tanh hidden layer, softmax cross-entropy averaged over the batch


def _mlp_backward(xp):
    def backward(p, x, y):
        h = xp.tanh(x @ p["W1"] + p["b1"][None, :])
        z = h @ p["W2"] + p["b2"][None, :]
        z = z - xp.max(z, axis=1, keepdims=True)
        e = xp.exp(z)
        s = e / xp.sum(e, axis=1, keepdims=True)
        dz = (s - y) / x.shape[0]  # d mean-CE / d logits
        dh = (dz @ p["W2"].T) * (1.0 - h**2)  # tanh' = 1 - tanh^2
        return {
            "W1": x.T @ dh,
            "b1": xp.sum(dh, axis=0),
            "W2": h.T @ dz,
            "b2": xp.sum(dz, axis=0),
        }

    return backward


def _mlp_loss(p, x, y):
    h = jnp.tanh(x @ p["W1"] + p["b1"][None, :])
    z = h @ p["W2"] + p["b2"][None, :]
    return -jnp.mean(jnp.sum(y * jax.nn.log_softmax(z, axis=1), axis=1))


def mlp(seed: int = 0, batch: int = 32) -> Net:
    """784-128-10, P = 784*128 + 128 + 128*10 + 10 = 101,770, batch 32, MNIST-like inputs in [0, 1)."""
    rng = np.random.default_rng(seed)
    params = {
        "W1": rng.standard_normal((784, 128)) / np.sqrt(784.0),
        "b1": 0.1 * rng.standard_normal(128),
        "W2": rng.standard_normal((128, 10)) / np.sqrt(128.0),
        "b2": 0.1 * rng.standard_normal(10),
    }
    x = rng.random((batch, 784))
    y = np.eye(10)[rng.integers(0, 10, batch)]
    return Net("MLP 784-128-10", "mlp", params, x, y, _mlp_loss, _mlp_backward(np), _mlp_backward(jnp))


# --------------------------------------------------------------------------------------------
# Tutorial-sized sigmoid nets, row layout h = sigmoid(x @ W1 + b1), loss 1/2 * sum (o - t)^2


def _sig(xp):
    return lambda z: 1.0 / (1.0 + xp.exp(-z))


def _forward(xp, p, x):
    s = _sig(xp)
    a1 = x @ p["W1"]
    if "b1" in p:
        a1 = a1 + p["b1"][None, :]
    h = s(a1)
    a2 = h @ p["W2"]
    if "b2" in p:
        a2 = a2 + p["b2"][None, :]
    return h, s(a2)


def _sigmoid_backward(xp):
    def backward(p, x, y):
        h, o = _forward(xp, p, x)
        do = (o - y) * o * (1.0 - o)
        dh = (do @ p["W2"].T) * h * (1.0 - h)
        g = {"W1": x.T @ dh, "W2": h.T @ do}
        if "b1" in p:
            g["b1"] = xp.sum(dh, axis=0)
        if "b2" in p:
            g["b2"] = xp.sum(do, axis=0)
        return {k: g[k] for k in p}

    return backward


def _sigmoid_loss(p, x, y):
    _, o = _forward(jnp, p, x)
    return 0.5 * jnp.sum((o - y) ** 2)


def _sigmoid_net(name, params, x, y) -> Net:
    params = {k: np.asarray(v, dtype=np.float64) for k, v in params.items()}
    return Net(
        name,
        "sigmoid",
        params,
        np.asarray(x, dtype=np.float64),
        np.asarray(y, dtype=np.float64),
        _sigmoid_loss,
        _sigmoid_backward(np),
        _sigmoid_backward(jnp),
    )


def geeksforgeeks() -> Net:
    """2-2-1, no biases: RECOVERED.md 002 (x = (0.35, 0.7); w11 = w21 = 0.2 into h1, w12 = w22 = 0.3
    into h2; 0.3, 0.9 into the output; target 0.5). W1[i, j]: input i -> hidden j."""
    return _sigmoid_net(
        "2-2-1 geeksforgeeks",
        {"W1": [[0.2, 0.3], [0.2, 0.3]], "W2": [[0.3], [0.9]]},
        [[0.35, 0.7]],
        [[0.5]],
    )


def net_241(seed: int = 0) -> Net:
    """2-4-1 with biases, seeded weights, the geeksforgeeks input and target."""
    rng = np.random.default_rng(seed)
    return _sigmoid_net(
        "2-4-1 seeded",
        {
            "W1": 0.5 * rng.standard_normal((2, 4)),
            "b1": 0.1 * rng.standard_normal(4),
            "W2": 0.5 * rng.standard_normal((4, 1)),
            "b2": 0.1 * rng.standard_normal(1),
        },
        [[0.35, 0.7]],
        [[0.5]],
    )


SAPIENCESPACE_CLAIM = (0.01000000000034705, 0.9899999999999923)  # printed after 10^6 epochs (seed 000)


def sapiencespace() -> Net:
    """2-2-2 of RECOVERED.md 000: x = (0.05, 0.10), t = (0.01, 0.99), per-neuron biases 0.35 / 0.60."""
    return _sigmoid_net(
        "2-2-2 sapiencespace",
        {
            "W1": [[0.15, 0.20], [0.25, 0.30]],
            "b1": [0.35, 0.35],
            "W2": [[0.40, 0.45], [0.50, 0.55]],
            "b2": [0.60, 0.60],
        },
        [[0.05, 0.10]],
        [[0.01, 0.99]],
    )


def sapiencespace_train(net: Net, lr: float = 0.1):
    """A jitted `train(params, epochs) -> outputs`: plain gradient descent with the hand-written
    jax.numpy backward in a `jax.lax.fori_loop` (all gradients first, then all updates)."""
    backward = net.backward_jnp
    x, y = jnp.asarray(net.x), jnp.asarray(net.y)

    def epoch(_, p):
        g = backward(p, x, y)
        return {k: p[k] - lr * g[k] for k in p}

    @jax.jit
    def train(p, epochs):
        p = jax.lax.fori_loop(0, epochs, epoch, p)
        return _forward(jnp, p, x)[1][0]

    return train


# --------------------------------------------------------------------------------------------
# Injected bugs (numpy backward in, numpy backward out)


def flip(backward, leaf: str, flat_index: int):
    """One element's sign flipped: the classic single-term slip."""

    def wrong(p, x, y):
        g = dict(backward(p, x, y))
        g[leaf] = np.array(g[leaf], dtype=np.float64)
        g[leaf].flat[flat_index] *= -1.0
        return g

    return wrong


def scaled(backward, leaf: str, factor: float = 2.0):
    """A whole leaf off by a factor (1/2 SSE's gradient used for SSE, or the reverse)."""

    def wrong(p, x, y):
        g = dict(backward(p, x, y))
        g[leaf] = factor * np.asarray(g[leaf])
        return g

    return wrong


def transposed(backward, leaf: str):
    """delta.T @ x where x.T @ delta was meant: the leaf's gradient transposed."""

    def wrong(p, x, y):
        g = dict(backward(p, x, y))
        g[leaf] = np.ascontiguousarray(np.asarray(g[leaf]).T)
        return g

    return wrong


def flip_positions(grad: np.ndarray, n: int, seed: int = 0) -> list[int]:
    """`n` seeded flat positions, always including the largest and the median |grad| elements."""
    a = np.abs(np.asarray(grad).reshape(-1))
    order = np.argsort(a, kind="stable")
    special = [int(order[-1]), int(order[len(order) // 2])]
    rng = np.random.default_rng(seed)
    rest = [int(i) for i in rng.permutation(a.size) if int(i) not in special][: max(0, n - 2)]
    return special + rest
