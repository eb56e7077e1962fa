"""Shared pieces for the tests: a small MLP, its losses, and a correct hand-written backward.

The MLP is `h = act(x @ W1 + b1)`, `o = h @ W2 + b2` (row vectors, W[i, j]: unit i -> unit j),
with the loss 1/2 * mean over the batch of sum_k (o_k - y_k)^2. Its backward is written once,
for `numpy` and `jax.numpy` alike (`xp`), so a broken variant differs from the correct one in the
one line that carries the slip.

Losses are module-level functions (not fresh closures) so the engine's compiled functions are
reused across tests: vary values, not shapes or functions, where each is a JAX compile.
"""

from __future__ import annotations

import textwrap

import jax
import jax.numpy as jnp
import numpy as np

# The few shapes tests use (n_in, n_hidden, n_out), batch N = 5 (N > 2, so factors name N).
# (3, 3, 2): W1 square (a transposed W1 keeps its shape), W2 not (a transposed W2 does not).
SHAPE = (3, 3, 2)
SHAPES = [(3, 3, 2), (4, 2, 3)]
N = 5


def act_fn(name: str, z, xp=jnp):
    if name == "sigmoid":
        return 1.0 / (1.0 + xp.exp(-z))
    if name == "tanh":
        return xp.tanh(z)
    if name == "relu":
        return xp.maximum(z, 0.0) if xp is np else jax.nn.relu(z)
    raise ValueError(f"unknown activation {name!r}")


def act_grad(name: str, z, h, xp=jnp):
    """d act / d z, written the way tutorials write it: from the output h where they can."""
    if name == "sigmoid":
        return h * (1.0 - h)
    if name == "tanh":
        return 1.0 - h**2
    if name == "relu":
        return xp.where(z > 0, 1.0, 0.0)  # relu'(0) = 0, as jax.nn.relu's derivative
    raise ValueError(f"unknown activation {name!r}")


def forward(p, x, act: str, xp=jnp):
    z1 = x @ p["W1"] + p["b1"][None, :]
    h = act_fn(act, z1, xp)
    o = h @ p["W2"] + p["b2"][None, :]
    return z1, h, o


def _half_mse(act):
    def loss(p, x, y):
        _, _, o = forward(p, x, act)
        return 0.5 * jnp.mean(jnp.sum((o - y) ** 2, axis=1))

    loss.__name__ = f"half_mse_{act}"
    return loss


LOSSES = {act: _half_mse(act) for act in ("sigmoid", "tanh", "relu")}


def sse_mean_sigmoid(p, x, y):
    """Without the 1/2: a hand-written (o - y) is then half the true gradient."""
    _, _, o = forward(p, x, "sigmoid")
    return jnp.mean(jnp.sum((o - y) ** 2, axis=1))


def parts(p, x, y, act: str, xp=jnp):
    """Every intermediate of the correct backward, for broken variants to reuse."""
    n = x.shape[0]
    z1, h, o = forward(p, x, act, xp)
    do = (o - y) / n
    dh = do @ p["W2"].T
    dz1 = dh * act_grad(act, z1, h, xp)
    return dict(z1=z1, h=h, o=o, do=do, dh=dh, dz1=dz1, n=n)


def grads_from(q, x):
    """The four parameter gradients from the intermediates `q` of `parts`."""
    return {
        "W1": x.T @ q["dz1"],
        "b1": q["dz1"].sum(axis=0),
        "W2": q["h"].T @ q["do"],
        "b2": q["do"].sum(axis=0),
    }


def correct_backward(act: str, xp=jnp):
    def backward(p, x, y):
        return grads_from(parts(p, x, y, act, xp), x)

    backward.__name__ = f"backward_{act}_{xp.__name__.split('.')[-1]}"
    return backward


# Built once: the engine caches its compiled functions by the backward itself.
CORRECT = {(act, xp.__name__): correct_backward(act, xp) for act in LOSSES for xp in (jnp, np)}


def example(seed: int = 0, shape=SHAPE, n: int = N, *, w_scale: float = 0.5, x_scale: float = 1.0):
    """A seeded point (params, x, y) as numpy float64 arrays."""
    n_in, n_h, n_out = shape
    rng = np.random.default_rng(seed)
    params = {
        "W1": w_scale * rng.standard_normal((n_in, n_h)),
        "b1": 0.1 * rng.standard_normal(n_h),
        "W2": w_scale * rng.standard_normal((n_h, n_out)),
        "b2": 0.1 * rng.standard_normal(n_out),
    }
    x = x_scale * rng.standard_normal((n, n_in))
    y = rng.standard_normal((n, n_out))
    return params, x, y


# A tiny worksheet module, written into a temporary folder by the CLI and plugin tests:
# z = w x, y = sigmoid(z), E = 1/2 (y - t)^2, its gradient written right (dw) and at half
# (dw_half), and an update step (needs the given eta).
TINY_REFERENCE = '''\
"""Synthetic reference for the CLI and plugin tests."""
from gradaudit import Worksheet, grad, sigmoid, update

ws = Worksheet("tiny one-weight net", loss="E")
ws.group("inputs", "w", "x")


@ws.step
def z(w, x):
    return w * x


@ws.step
def y(z):
    return sigmoid(z)


@ws.step
def E(y, t):
    return 0.5 * (y - t) ** 2


@ws.step(means=grad("E", wrt="w"))
def dw(y, t, x):
    return (y - t) * y * (1 - y) * x


@ws.step(means=grad("E", wrt="w"))
def dw_half(y, t, x):
    return 0.5 * (y - t) * y * (1 - y) * x


@ws.step(means=update("w", lr="eta"))
def w_new(w, eta, dw):
    return w - eta * dw
'''


def write_article(tmp_path, monkeypatch, module_name: str, module: str, text: str, suffix: str = ".md"):
    """A draft test's project in `tmp_path` (made the working folder): `reference/<module_name>.py`
    holding the worksheet module `module`, and the article `text` as `article<suffix>` (its path
    is returned); both dedented."""
    (tmp_path / "reference").mkdir(exist_ok=True)
    (tmp_path / "reference" / f"{module_name}.py").write_text(textwrap.dedent(module), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    article = tmp_path / f"article{suffix}"
    article.write_text(textwrap.dedent(text), encoding="utf-8")
    return article


def draft_claims(result) -> dict[str, str]:
    """{step: printed text} of a draft's claims."""
    return {o.target: o.number.text for o in result.of_kind("claim")}
