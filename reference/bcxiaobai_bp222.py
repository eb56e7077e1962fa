"""bcxiaobai.eu.org, "一、反向传播1轮，检验PPT数值" (one round of backpropagation, checking the slides'
numbers; text in cases/texts/bcxiaobai_bp222.txt).

https://bcxiaobai.eu.org/post/11874.html

A 2-2-2 sigmoid network without biases, in the program's own names: in_h1 = w1 x1 + w3 x2, in_h2 =
w2 x1 + w4 x2, in_o1 = w5 out_h1 + w7 out_h2, in_o2 = w6 out_h1 + w8 out_h2, every out_* the
sigmoid of its in_*; error = 1/2 (out_o1 - y1)^2 + 1/2 (out_o2 - y2)^2 ("均方误差"). The backward
pass as the program writes it: d_o1 = out_o1 - y1, d_w5 = d_o1 out_o1 (1 - out_o1) out_h1 (and
d_w7, d_w6, d_w8 alike), then for the hidden weights d_w1 = (d_w5 + d_w6) out_h1 (1 - out_h1) x1,
d_w3 the same with x2, d_w2 and d_w4 from (d_w7 + d_w8) and out_h2. Each gradient step declares
the derivative it stands for; the hidden ones add the output weights' gradients where the chain
rule takes the output deltas times the output weights.

The stored page stops before the program's update lines; the printed updated weights are the old
ones minus the printed gradients' unrounded values, i.e. w - lr d_w with lr = 1 (inferred: the
case says why). Every other given value is in the program.
"""

from __future__ import annotations

from gradaudit import Worksheet, grad, sigmoid, update

worked_example = Worksheet("bcxiaobai: 2-2-2 sigmoid network, one round of backpropagation", loss="error")
ws = worked_example
ws.group("hidden weights", "w1", "w2", "w3", "w4")
ws.group("output weights", "w5", "w6", "w7", "w8")


def weighted_sum(a, wa, b, wb):
    return wa * a + wb * b


# in_h1 = w1 * x1 + w3 * x2; out_h1 = sigmoid(in_h1); in_h2 = w2 * x1 + w4 * x2; ...
ws.step(name="in_h1", group="hidden in", inputs=["x1", "w1", "x2", "w3"])(weighted_sum)
ws.step(name="out_h1", label="h1", group="hidden out", inputs=["in_h1"])(sigmoid)
ws.step(name="in_h2", group="hidden in", inputs=["x1", "w2", "x2", "w4"])(weighted_sum)
ws.step(name="out_h2", label="h2", group="hidden out", inputs=["in_h2"])(sigmoid)
# in_o1 = w5 * out_h1 + w7 * out_h2; in_o2 = w6 * out_h1 + w8 * out_h2
ws.step(name="in_o1", group="output in", inputs=["out_h1", "w5", "out_h2", "w7"])(weighted_sum)
ws.step(name="out_o1", label="o1", group="output out", inputs=["in_o1"])(sigmoid)
ws.step(name="in_o2", group="output in", inputs=["out_h1", "w6", "out_h2", "w8"])(weighted_sum)
ws.step(name="out_o2", label="o2", group="output out", inputs=["in_o2"])(sigmoid)


# error = (1 / 2) * (out_o1 - y1)**2 + (1 / 2) * (out_o2 - y2)**2
@ws.step(label="均方误差")
def error(out_o1, y1, out_o2, y2):
    return 0.5 * (out_o1 - y1) ** 2 + 0.5 * (out_o2 - y2) ** 2


# d_o1 = out_o1 - y1; d_o2 = out_o2 - y2
@ws.step(group="d_o", means=grad("error", wrt="out_o1"))
def d_o1(out_o1, y1):
    return out_o1 - y1


@ws.step(group="d_o", means=grad("error", wrt="out_o2"))
def d_o2(out_o2, y2):
    return out_o2 - y2


def output_gradient(d_o, out_o, out_h):
    return d_o * out_o * (1 - out_o) * out_h


# d_w5 = d_o1 * out_o1 * (1 - out_o1) * out_h1; d_w7 (out_h2); d_w6, d_w8 from d_o2 and out_o2
OUTPUT_TERMS = {5: ("d_o1", "out_o1", "out_h1"), 7: ("d_o1", "out_o1", "out_h2"),
                6: ("d_o2", "out_o2", "out_h1"), 8: ("d_o2", "out_o2", "out_h2")}
for k, inputs in OUTPUT_TERMS.items():
    ws.step(name=f"d_w{k}", group="output gradients", inputs=list(inputs),
            means=grad("error", wrt=f"w{k}"))(output_gradient)


def hidden_gradient(d_wa, d_wb, out_h, x):
    return (d_wa + d_wb) * out_h * (1 - out_h) * x


# d_w1 = (d_w5 + d_w6) * out_h1 * (1 - out_h1) * x1; d_w3 (x2); d_w2, d_w4 from (d_w7 + d_w8), out_h2
HIDDEN_TERMS = {1: ("d_w5", "d_w6", "out_h1", "x1"), 3: ("d_w5", "d_w6", "out_h1", "x2"),
                2: ("d_w7", "d_w8", "out_h2", "x1"), 4: ("d_w7", "d_w8", "out_h2", "x2")}
for k, inputs in HIDDEN_TERMS.items():
    ws.step(name=f"d_w{k}", group="hidden gradients", inputs=list(inputs),
            means=grad("error", wrt=f"w{k}"))(hidden_gradient)


def step_down(w, lr, d_w):
    return w - lr * d_w


# "更新后的权值": w1 ... w8 after one step, w - lr * d_w
for k in range(1, 9):
    ws.step(name=f"w{k}_new", label=f"w{k}", group="hidden new" if k <= 4 else "output new",
            inputs=[f"w{k}", "lr", f"d_w{k}"], means=update(f"w{k}", lr="lr"))(step_down)
