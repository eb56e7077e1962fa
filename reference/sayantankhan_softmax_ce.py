"""Sayantankhan, "How Neural Networks Learn: A Deep Dive into Backpropagation" (a blog post, GitHub
Sayantankhan/blog; text in cases/texts/sayantankhan_softmax_ce.txt).

https://github.com/Sayantankhan/blog/blob/45cd530c2ffac1e90ff1c80d127e7afe387110dc/_posts/2025-06-24-backward_propagation.md

Two examples in the post's notation. `worked_example` ("The Capital of India Is..."): logits z
given, y_hat = softmax(z), the cross-entropy L = -sum_i y_i log(y_hat_i) with a one-hot y, dL/dz_k =
y_hat_k - y_k, and the input gradient dL/dx = W^T (y_hat - y) with the post's 3 x 2 W (the input x
itself is never given, so dL/dx declares no meaning). `loss_example` (the "Example" under the loss):
a given prediction y_hat = [0.1, 0.2, 0.6, 0.1] whose correct class is the third, L = -log(y_hat_c).
Nothing is inferred.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad

worked_example = Worksheet("Sayantankhan: softmax and cross-entropy, dL/dz and dL/dx", loss="L")
ws = worked_example


# "softmax(z) = [0.659, 0.242, 0.099]"
@ws.step(label="softmax(z)")
def y_hat(z):
    return jnp.exp(z) / jnp.sum(jnp.exp(z))


# "L = -log(y_hat_true) = -log(0.659)"
@ws.step(label="L")
def L(y, y_hat):
    return -jnp.sum(y * jnp.log(y_hat))


# "dL/dz_k = y_hat_k - y_k"
@ws.step(label="dz", means=grad("L", wrt="z"))
def dL_dz(y_hat, y):
    return y_hat - y


# "dL/dx = W^T (y_hat - y)", "Wᵗ @ dz"
@ws.step(label="Wᵗ @ dz")
def dL_dx(W, dL_dz):
    return W.T @ dL_dz


loss_example = Worksheet("Sayantankhan: the cross-entropy of a given prediction", loss="L_example")


# "If predicted output is y_hat = [0.1, 0.2, 0.6, 0.1] and the correct class is index 3: L = -log(0.6)"
@loss_example.step(label="L")
def L_example(y, y_hat):
    return -jnp.sum(y * jnp.log(y_hat))
