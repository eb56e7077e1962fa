"""Joe Granados (g-eoj), "cs231n Two-Layer Backprop Mathematics Example" (Jupyter notebook, 2018),
https://github.com/g-eoj/cs231n/blob/fc5647587ca1a39a8cdceac5d8f898350f3da5d3/cs231n-two-layer-backprop-math.ipynb
(retrieved text: cases/texts/geoj_cs231n_twolayer.txt). A student's worked example for Stanford
CS231n (Spring 2017) assignment 1 Q4, not the course's own notes.

The two-layer net of the assignment in the notebook's matrix notation (row vectors, indices from
0): M = x W1 + b1, h1 = max(0, M), scores = h1 W2 + b2, softmax cross-entropy loss with label
y = 2 (trueprob = [0, 0, 1]); then the backward pass as the notebook builds it from the code's
variables: dscores = softmax(scores) - trueprob, grads['W2'] = h1^T dscores, grads['b2'] =
dscores, dh1 = dscores W2^T, `dh1[h1 <= 0] = 0` (here the step dM, the notebook's dloss/dM), then
grads['W1'] = x^T dM and grads['b1'] = dM. Every derivative step declares the gradient it stands
for. Nothing numeric is inferred: x, y, W1, b1, W2, b2 are printed at the top of the notebook.

Notation read from the text, not inferred numbers:
- "M" is the notebook's own name for x W1 + b1 (it introduces it in the ReLU section); it is a
  step here so that the ReLU's backward step can name it.
- the masked dh1 (the code reassigns the same variable) is the step `dM` labelled as the code's
  `dh1[h1 <= 0] = 0`; the notebook writes it dloss/dM and masks where M_n <= 0.
- y is the class index 2 (a whole number, held fixed in the random draws); trueprob is the
  one-hot vector the notebook prints for it.

Spellings (`aka`): the notebook's prose calls the gradients it stores `grad['W2']`, `grad['b2']`,
`grad['W1']`, `grad['b1']` ("So the array stored in `grad['b2']` is ..."), its code `grads[...]`;
each step goes by both.

Added for the case file, not the notebook's steps: dW2_row0, dW2_row1, dW1_row0, dW1_row1, the
rows of the printed matrices grads['W2'] and grads['W1'] (the case loader takes printed claims of
at most one dimension). They carry no meaning; the formula rows are those of dW2 and dW1.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from gradaudit import Worksheet, grad

worked_example = Worksheet("g-eoj cs231n two-layer net: ReLU, softmax cross-entropy (2-2-3)", loss="loss")
ws = worked_example


# Forward pass
@ws.step(label="M = x W1 + b1")
def M(x, W1, b1):
    return x @ W1 + b1


@ws.step(label="h1")
def h1(M):
    return jnp.maximum(0.0, M)


@ws.step(label="scores")
def scores(h1, W2, b2):
    return h1 @ W2 + b2


@ws.step(label="trueprob")
def trueprob(y):
    """ "In this case y = 2, which gives us trueprob = [0 0 1]"."""
    return (jnp.arange(3) == y).astype(jnp.float64)


@ws.step(label="loss")
def loss(trueprob, scores):
    """ "-(trueprob_0) log(e^scores_0 / sum_j e^scores_j) + ... " over the three classes."""
    return -jnp.sum(trueprob * jnp.log(jnp.exp(scores) / jnp.sum(jnp.exp(scores))))


# Backward pass
@ws.step(label="dscores", means=grad("loss", wrt="scores"))
def dscores(scores, trueprob):
    """ "[softmax(scores_0), softmax(scores_1), -1 + softmax(scores_2)]"."""
    return jax.nn.softmax(scores) - trueprob


@ws.step(label="grads['W2']", aka=["grad['W2']"], means=grad("loss", wrt="W2"))
def dW2(h1, dscores):
    """ "h1^T grad loss(scores)"."""
    return jnp.outer(h1, dscores)


@ws.step(label="grads['b2']", aka=["grad['b2']"], means=grad("loss", wrt="b2"))
def db2(dscores):
    return dscores


@ws.step(label="dh1", means=grad("loss", wrt="h1"))
def dh1(dscores, W2):
    """ "grad loss(scores) W2^T"."""
    return dscores @ W2.T


@ws.step(label="dh1[h1 <= 0] = 0", means=grad("loss", wrt="M"))
def dM(dh1, M):
    """dloss/dM: dloss/dh1_n where M_n > 0, else 0."""
    return jnp.where(M > 0, dh1, 0.0)


@ws.step(label="grads['W1']", aka=["grad['W1']"], means=grad("loss", wrt="W1"))
def dW1(x, dM):
    """ "x^T dloss/dM"."""
    return jnp.outer(x, dM)


@ws.step(label="grads['b1']", aka=["grad['b1']"], means=grad("loss", wrt="b1"))
def db1(dM):
    return dM


# The rows of the two printed matrices, as steps of their own. Not the notebook's steps: a display
# device, because the case loader takes printed claims of at most one dimension (a nested list, or
# an element name such as "dW2[0,1]", is rejected), while the notebook prints grads['W2'] and
# grads['W1'] as whole matrices. Each row claim is then judged element by element (dW2_row0[1] is
# the notebook's dW2[0,1]); their author's chain comes from the printed h1, dscores, x and dM.
@ws.step(label="grads['W2'] row 0")
def dW2_row0(dW2):
    return dW2[0]


@ws.step(label="grads['W2'] row 1")
def dW2_row1(dW2):
    return dW2[1]


@ws.step(label="grads['W1'] row 0")
def dW1_row0(dW1):
    return dW1[0]


@ws.step(label="grads['W1'] row 1")
def dW1_row1(dW1):
    return dW1[1]
