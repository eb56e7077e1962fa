"""The anchors gradaudit is compared with: JAX's `check_grads`, on a loss or on a hand-written backward.

`check_grads(f, args, order=1, modes=["rev"])` checks JAX's own gradient of `f` in one random
direction. On the loss itself it says nothing about a hand-written backward; to give it a chance
at item 2, the hand-written numpy backward becomes the `custom_vjp` of the loss, so JAX's
gradient *is* the hand-written one and `check_grads` compares it with finite differences.
"""

from __future__ import annotations

from typing import Any, Callable

import jax
import jax.numpy as jnp
import numpy as np
from jax.test_util import check_grads


def jnp_params(net) -> dict[str, Any]:
    return {k: jnp.asarray(v) for k, v in net.params.items()}


def loss_of_params(net, x=None, y=None) -> Callable[[Any], Any]:
    x = jnp.asarray(net.x if x is None else x)
    y = jnp.asarray(net.y if y is None else y)
    return lambda q: net.loss(q, x, y)


def hand_vjp_loss(net, backward) -> Callable[[Any], Any]:
    """The loss, with `backward` (numpy, hand-written) as its custom VJP."""
    x, y = net.x, net.y
    loss = loss_of_params(net)

    @jax.custom_vjp
    def f(q):
        return loss(q)

    def fwd(q):
        return loss(q), q

    def bwd(q, g):
        grads = backward({k: np.asarray(v) for k, v in q.items()}, x, y)
        return ({k: g * jnp.asarray(grads[k]) for k in q},)

    f.defvjp(fwd, bwd)
    return f


def run_check_grads(f, params) -> None:
    check_grads(f, (params,), order=1, modes=["rev"])


def check_grads_passes(f, params) -> tuple[bool, str]:
    """(passed, how it failed): an AssertionError is a tolerance failure, anything else an error."""
    try:
        run_check_grads(f, params)
    except AssertionError:
        return False, "tolerance"
    except Exception as exc:  # noqa: BLE001  (a wrong-shaped custom VJP raises a ValueError)
        return False, type(exc).__name__
    return True, ""
