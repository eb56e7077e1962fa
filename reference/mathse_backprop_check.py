"""Mathematics Stack Exchange question 3048198, "Is my back propagation math correct?" (text in
cases/texts/mathse_backprop_check.txt).

https://math.stackexchange.com/questions/3048198/is-my-back-propagation-math-correct

A 1-1-2-1 sigmoid network in the asker's own formula: O = s(s(s(I w1 + 1) w2 + 1) w4 + s(s(I w1 +
1) w3 + 1) w5 + 1), every bias 1 ("all the biases set to 1"). The asker differentiates O (not a
loss) with respect to w1 and prints two numbers: the derivative desmos computed, and the value of
the asker's own formula, d(...) ((d(...) d(I w1 + 1) I) + (d(...) d(I w1 + 1) I)), which the
answer says is missing the factors w4 w2 and w5 w3. Both steps declare what they should be:
dO/dw1.

Inferred (structure only): the inner sums are named a (I w1 + 1), h2_net, h3_net (the hidden nets)
and c (the output's net) so that the formula can be written in their terms; the article writes them
inline. The biases are the given values b1 ... b4, each 1.
"""

from __future__ import annotations

from gradaudit import Worksheet, grad, sigmoid

worked_example = Worksheet("math.SE 3048198: dO/dw1 of a small sigmoid network", loss="O")
ws = worked_example


@ws.step(label="I w1 + 1")
def a(I, w1, b1):  # noqa: E741 (the question writes the input I)
    return I * w1 + b1


@ws.step(label="s(I w1 + 1) w2 + 1")
def h2_net(a, w2, b2):
    return sigmoid(a) * w2 + b2


@ws.step(label="s(I w1 + 1) w3 + 1")
def h3_net(a, w3, b3):
    return sigmoid(a) * w3 + b3


@ws.step(label="net of O")
def c(h2_net, w4, h3_net, w5, b4):
    return sigmoid(h2_net) * w4 + sigmoid(h3_net) * w5 + b4


@ws.step
def O(c):  # noqa: E743 (the question names the output O)
    return sigmoid(c)


def d(x):
    """d(x) = s(x) (1 - s(x)), the asker's derivative of the sigmoid."""
    return sigmoid(x) * (1 - sigmoid(x))


# "my equation gave 0.00571675240882": d(c) ((d(b2) d(a) I) + (d(b3) d(a) I))
@ws.step(label="my equation", means=grad("O", wrt="w1"))
def dO_dw1_asker(c, h2_net, h3_net, a, I):  # noqa: E741
    return d(c) * ((d(h2_net) * d(a) * I) + (d(h3_net) * d(a) * I))


# "desmos said that the derivative was 0.0014291881022" (the answer's full expression)
@ws.step(label="desmos", means=grad("O", wrt="w1"))
def dO_dw1_desmos(c, h2_net, h3_net, a, I, w2, w3, w4, w5):  # noqa: E741
    return d(c) * ((w4 * d(h2_net) * w2 * d(a) * I) + (w5 * d(h3_net) * w3 * d(a) * I))
