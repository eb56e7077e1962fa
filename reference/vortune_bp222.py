"""Matt Mazur, "A Step by Step Backpropagation Example", in the bilingual English-Chinese edition
"一步一步实例理解反向传播" by 罗峥嵘 (vortune, actual-number-backpropagation; text in
cases/texts/vortune_bp222.txt).

https://github.com/vortune/actual-number-backpropagation/blob/0e5cf5ffb84ed8d5a06bd90f12a1d999ca6c241c/A_Step_by_Step_Backpropagation_Example_bilingual.md

A 2-2-2 network in the post's notation: inputs i_1, i_2, hidden h_1, h_2 and outputs o_1, o_2, all
logistic, one bias per layer (b_1, b_2, never updated), net_h1 = w_1 i_1 + w_2 i_2 + b_1, net_h2 =
w_3 i_1 + w_4 i_2 + b_1, net_o1 = w_5 out_h1 + w_6 out_h2 + b_2, net_o2 = w_7 out_h1 + w_8 out_h2 +
b_2, E_total = sum 1/2 ||target - output||^2; the backward pass as printed, one step with eta = 0.5
for all eight weights (the old weights throughout the backward pass), then the error after that
round and after 10,000 rounds (declared as repetitions of these steps, weights carried to their
updates, biases fixed).

The translation writes dE_total/dout_o1 = ||target_o1 - out_o1|| (a norm where the original has
-(target_o1 - out_o1)); that is the derivative here because out_o1 > target_o1. For o_2, whose
derivative the post never prints, the worksheet takes the delta rule the post also prints,
-(target - out) out (1 - out). The local derivatives it prints (dout/dnet, dnet/dw_5 = out_h1,
dnet_o1/dout_h1 = w_5, dnet_h1/dw_1 = i_1) are steps that declare no meaning (they are not
derivatives of the loss). Unprinted steps, inferred from "we can repeat this process": the
gradients of w_2, w_3, w_4, w_6, w_7, w_8, dE_total/dout_h2 and dout_h2/dnet_h2, written as the
printed ones are. The initial w_3, w_4, w_7, w_8 are only in the post's figure (see the case).
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, sigmoid, update

worked_example = Worksheet("Mazur (bilingual edition): a 2-2-2 logistic network, eta = 0.5", loss="E_total")
ws = worked_example


# The Forward Pass / 前向传播
@ws.step(label="net_{h1}", group="net_h")
def net_h1(w1, i1, w2, i2, b1):
    return w1 * i1 + w2 * i2 + b1 * 1


@ws.step(label="out_{h1}", group="out_h")
def out_h1(net_h1):
    return sigmoid(net_h1)


@ws.step(label="net_{h2}", group="net_h")
def net_h2(w3, i1, w4, i2, b1):
    return w3 * i1 + w4 * i2 + b1 * 1


@ws.step(label="out_{h2}", group="out_h")
def out_h2(net_h2):
    return sigmoid(net_h2)


@ws.step(label="net_{o1}", group="net_o")
def net_o1(w5, out_h1, w6, out_h2, b2):
    return w5 * out_h1 + w6 * out_h2 + b2 * 1


@ws.step(label="out_{o1}", group="out_o")
def out_o1(net_o1):
    return sigmoid(net_o1)


@ws.step(label="net_{o2}", group="net_o")
def net_o2(w7, out_h1, w8, out_h2, b2):
    return w7 * out_h1 + w8 * out_h2 + b2 * 1


@ws.step(label="out_{o2}", group="out_o")
def out_o2(net_o2):
    return sigmoid(net_o2)


# Calculating the Total Error / 计算总误差: "E_total = sum 1/2 ||target - output||^2"
@ws.step(label="E_{o1}", group="E_o")
def E_o1(t1, out_o1):
    return 0.5 * (t1 - out_o1) ** 2


@ws.step(label="E_{o2}", group="E_o")
def E_o2(t2, out_o2):
    return 0.5 * (t2 - out_o2) ** 2


@ws.step(label="E_{total}")
def E_total(E_o1, E_o2):
    return E_o1 + E_o2


# Output Layer: "dE_total/dout_o1 = ||target_o1 - out_o1|| = ||0.01 - 0.75136507||"
@ws.step(label="\\frac{\\partial E_{total}}{\\partial out_{o1}}", means=grad("E_total", wrt="out_o1"))
def dE_dout_o1(t1, out_o1):
    return jnp.abs(t1 - out_o1)


# "dout_o1/dnet_o1 = out_o1 (1 - out_o1)"
@ws.step(label="\\frac{\\partial out_{o1}}{\\partial net_{o1}}")
def dout_o1_dnet_o1(out_o1):
    return out_o1 * (1 - out_o1)


# "dnet_o1/dw_5 = 1 * out_h1 * w_5^(1-1) + 0 + 0 = out_h1"
@ws.step(label="\\frac{\\partial net_{o1}}{\\partial w_5}")
def dnet_o1_dw5(out_h1):
    return out_h1


# "Putting it all together: 0.74136507 * 0.186815602 * 0.593269992"
@ws.step(
    label="\\frac{\\partial E_{total}}{\\partial w_5}", group="dE_dw_out", means=grad("E_total", wrt="w5")
)
def dE_dw5(dE_dout_o1, dout_o1_dnet_o1, dnet_o1_dw5):
    return dE_dout_o1 * dout_o1_dnet_o1 * dnet_o1_dw5


# "dE_o1/dnet_o1 = dE_o1/dout_o1 * dout_o1/dnet_o1" (printed in the hidden-layer section)
@ws.step(label="\\frac{\\partial E_{o1}}{\\partial net_{o1}}", means=grad("E_total", wrt="net_o1"))
def dE_dnet_o1(dE_dout_o1, dout_o1_dnet_o1):
    return dE_dout_o1 * dout_o1_dnet_o1


# o_2 by the delta rule the post prints: "-(target_o1 - out_o1) * out_o1 (1 - out_o1)"
@ws.step(label="\\frac{\\partial E_{total}}{\\partial out_{o2}}", means=grad("E_total", wrt="out_o2"))
def dE_dout_o2(t2, out_o2):
    return -(t2 - out_o2)


@ws.step(label="\\frac{\\partial E_{o2}}{\\partial net_{o2}}", means=grad("E_total", wrt="net_o2"))
def dE_dnet_o2(dE_dout_o2, out_o2):
    return dE_dout_o2 * out_o2 * (1 - out_o2)


# "We can repeat this process to get the new weights w_6, w_7, and w_8"
@ws.step(
    label="\\frac{\\partial E_{total}}{\\partial w_6}", group="dE_dw_out", means=grad("E_total", wrt="w6")
)
def dE_dw6(dE_dnet_o1, out_h2):
    return dE_dnet_o1 * out_h2


@ws.step(
    label="\\frac{\\partial E_{total}}{\\partial w_7}", group="dE_dw_out", means=grad("E_total", wrt="w7")
)
def dE_dw7(dE_dnet_o2, out_h1):
    return dE_dnet_o2 * out_h1


@ws.step(
    label="\\frac{\\partial E_{total}}{\\partial w_8}", group="dE_dw_out", means=grad("E_total", wrt="w8")
)
def dE_dw8(dE_dnet_o2, out_h2):
    return dE_dnet_o2 * out_h2


# "w_5^+ = w_5 - eta dE_total/dw_5", eta = 0.5
@ws.step(label="w_5^+", group="w_out_new", means=update("w5", lr="eta"))
def w5_new(w5, eta, dE_dw5):
    return w5 - eta * dE_dw5


@ws.step(label="w_6^+", group="w_out_new", means=update("w6", lr="eta"))
def w6_new(w6, eta, dE_dw6):
    return w6 - eta * dE_dw6


@ws.step(label="w_7^+", group="w_out_new", means=update("w7", lr="eta"))
def w7_new(w7, eta, dE_dw7):
    return w7 - eta * dE_dw7


@ws.step(label="w_8^+", group="w_out_new", means=update("w8", lr="eta"))
def w8_new(w8, eta, dE_dw8):
    return w8 - eta * dE_dw8


# Hidden Layer: "dnet_o1/dout_h1 = w_5 = 0.40"
@ws.step(label="\\frac{\\partial net_{o1}}{\\partial out_{h1}}")
def dnet_o1_dout_h1(w5):
    return w5


# "dE_o1/dout_h1 = dE_o1/dnet_o1 * dnet_o1/dout_h1 = 0.138498562 * 0.40"
@ws.step(
    label="\\frac{\\partial E_{o1}}{\\partial out_{h1}}",
    group="dE_o_dout_h1",
    means=grad("E_o1", wrt="out_h1"),
)
def dE_o1_dout_h1(dE_dnet_o1, dnet_o1_dout_h1):
    return dE_dnet_o1 * dnet_o1_dout_h1


# "Following the same process for dE_o2/dout_h1"
@ws.step(
    label="\\frac{\\partial E_{o2}}{\\partial out_{h1}}",
    group="dE_o_dout_h1",
    means=grad("E_o2", wrt="out_h1"),
)
def dE_o2_dout_h1(dE_dnet_o2, w7):
    return dE_dnet_o2 * w7


@ws.step(label="\\frac{\\partial E_{total}}{\\partial out_{h1}}", means=grad("E_total", wrt="out_h1"))
def dE_dout_h1(dE_o1_dout_h1, dE_o2_dout_h1):
    return dE_o1_dout_h1 + dE_o2_dout_h1


# "dout_h1/dnet_h1 = out_h1 (1 - out_h1) = 0.59326999(1 - 0.59326999)"
@ws.step(label="\\frac{\\partial out_{h1}}{\\partial net_{h1}}")
def dout_h1_dnet_h1(out_h1):
    return out_h1 * (1 - out_h1)


# "dnet_h1/dw_1 = i = 0.05"
@ws.step(label="\\frac{\\partial net_{h1}}{\\partial w_1}")
def dnet_h1_dw1(i1):
    return i1


@ws.step(
    label="\\frac{\\partial E_{total}}{\\partial w_1}", group="dE_dw_hidden", means=grad("E_total", wrt="w1")
)
def dE_dw1(dE_dout_h1, dout_h1_dnet_h1, dnet_h1_dw1):
    return dE_dout_h1 * dout_h1_dnet_h1 * dnet_h1_dw1


# "Repeating this for w_2, w_3, and w_4": the same chain, w_3 and w_4 through h_2
@ws.step(
    label="\\frac{\\partial E_{total}}{\\partial w_2}", group="dE_dw_hidden", means=grad("E_total", wrt="w2")
)
def dE_dw2(dE_dout_h1, dout_h1_dnet_h1, i2):
    return dE_dout_h1 * dout_h1_dnet_h1 * i2


@ws.step(label="\\frac{\\partial E_{total}}{\\partial out_{h2}}", means=grad("E_total", wrt="out_h2"))
def dE_dout_h2(dE_dnet_o1, w6, dE_dnet_o2, w8):
    return dE_dnet_o1 * w6 + dE_dnet_o2 * w8


@ws.step(label="\\frac{\\partial out_{h2}}{\\partial net_{h2}}")
def dout_h2_dnet_h2(out_h2):
    return out_h2 * (1 - out_h2)


@ws.step(
    label="\\frac{\\partial E_{total}}{\\partial w_3}", group="dE_dw_hidden", means=grad("E_total", wrt="w3")
)
def dE_dw3(dE_dout_h2, dout_h2_dnet_h2, i1):
    return dE_dout_h2 * dout_h2_dnet_h2 * i1


@ws.step(
    label="\\frac{\\partial E_{total}}{\\partial w_4}", group="dE_dw_hidden", means=grad("E_total", wrt="w4")
)
def dE_dw4(dE_dout_h2, dout_h2_dnet_h2, i2):
    return dE_dout_h2 * dout_h2_dnet_h2 * i2


# "w_1^+ = w_1 - eta dE_total/dw_1 = 0.15 - 0.5 * 0.000438568"
@ws.step(label="w_1^+", group="w_hidden_new", means=update("w1", lr="eta"))
def w1_new(w1, eta, dE_dw1):
    return w1 - eta * dE_dw1


@ws.step(label="w_2^+", group="w_hidden_new", means=update("w2", lr="eta"))
def w2_new(w2, eta, dE_dw2):
    return w2 - eta * dE_dw2


@ws.step(label="w_3^+", group="w_hidden_new", means=update("w3", lr="eta"))
def w3_new(w3, eta, dE_dw3):
    return w3 - eta * dE_dw3


@ws.step(label="w_4^+", group="w_hidden_new", means=update("w4", lr="eta"))
def w4_new(w4, eta, dE_dw4):
    return w4 - eta * dE_dw4


# "After this first round of backpropagation, the total error is now down to 0.291027924 ...
# after repeating this process 10,000 times, for example, the error plummets to 0.000035085. At
# this point ... the two outputs neurons generate 0.015912196 ... and 0.984065734": the weights
# carried to their updates round after round (the biases are not updated in the post).
_CARRY = {f"w{k}": f"w{k}_new" for k in range(1, 9)}
ws.repeat("E_total_round1", of="E_total", rounds="rounds_1", carry=_CARRY, label="E_total after 1 round")
ws.repeat(
    "E_total_10000", of="E_total", rounds="rounds_10000", carry=_CARRY, label="E_total after 10,000 rounds"
)
ws.repeat(
    "out_o1_10000", of="out_o1", rounds="rounds_10000", carry=_CARRY, label="out_o1 after 10,000 rounds"
)
ws.repeat(
    "out_o2_10000", of="out_o2", rounds="rounds_10000", carry=_CARRY, label="out_o2 after 10,000 rounds"
)
