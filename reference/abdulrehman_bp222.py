"""AbdulRehman393, AI-LAB "BackPropagation/Backpropagation.ipynb" (a Colab notebook; text in
cases/texts/abdulrehman_bp222.txt).

https://github.com/AbdulRehman393/AI-LAB/blob/39768b238d1e233c8f310352fd0afcaedf4b7935/BackPropagation/Backpropagation.ipynb

A 2-2-2 sigmoid network in the notebook's own names: inputs x1, x2; w1, w2 into H1 and w3, w4
into H2 (H1_net = x1 w1 + x2 w2 + b1, H2_net = x1 w3 + x2 w4 + b1); w5, w6 into y1 and w7, w8
into y2 (y1_net = H1 w5 + H2 w6 + b2, y2_net = H1 w7 + H2 w8 + b2); one bias per layer, shared by
its neurons (b1, b2). E_total = 0.5 (T1 - y1)^2 + 0.5 (T2 - y2)^2, one step of gradient descent
with lr = 0.3 on every weight and on both shared biases (b - lr * the sum of the layer's deltas),
hidden deltas from the old output weights, then the forward pass again on the new values. Every
given value is in the code; nothing is inferred. The printed numbers are the cell's output, each
printed by its own format (7, 9 or 12 decimals).

The local derivatives dy/dnet declare no meaning (they are not derivatives of the loss).
"""

from __future__ import annotations

from gradaudit import Worksheet, grad, sigmoid, update

worked_example = Worksheet("AI-LAB: 2-2-2 sigmoid network, one step, forward pass again", loss="E_total")
ws = worked_example
ws.group("hidden weights", "w1", "w2", "w3", "w4")
ws.group("output weights", "w5", "w6", "w7", "w8")


def net(a, wa, b, wb, bias):
    return a * wa + b * wb + bias


def half_square(t, y):
    return 0.5 * (t - y) ** 2


# forward_pass: H1_net = x1 * w1 + x2 * w2 + b1 ... y2 = sigmoid(y2_net)
ws.step(name="H1_net", group="net", inputs=["x1", "w1", "x2", "w2", "b1"])(net)
ws.step(name="H2_net", group="net", inputs=["x1", "w3", "x2", "w4", "b1"])(net)
ws.step(name="H1", group="hidden", inputs=["H1_net"])(sigmoid)
ws.step(name="H2", group="hidden", inputs=["H2_net"])(sigmoid)
ws.step(name="y1_net", group="net", inputs=["H1", "w5", "H2", "w6", "b2"])(net)
ws.step(name="y2_net", group="net", inputs=["H1", "w7", "H2", "w8", "b2"])(net)
ws.step(name="y1", group="output", inputs=["y1_net"])(sigmoid)
ws.step(name="y2", group="output", inputs=["y2_net"])(sigmoid)

# E1 = 0.5 * (T1 - y1)**2, E2 = 0.5 * (T2 - y2)**2, E_total = E1 + E2
ws.step(name="E1", group="errors", inputs=["T1", "y1"])(half_square)
ws.step(name="E2", group="errors", inputs=["T2", "y2"])(half_square)


@ws.step
def E_total(E1, E2):
    return E1 + E2


# dE_dy1 = -(T1 - y1); dy1_dnet = y1 (1 - y1); delta1 = dE_dy1 * dy1_dnet (and for y2)
@ws.step(label="dE/dy1", group="dE/dy", means=grad("E_total", wrt="y1"))
def dE_dy1(T1, y1):
    return -(T1 - y1)


@ws.step(label="dE/dy2", group="dE/dy", means=grad("E_total", wrt="y2"))
def dE_dy2(T2, y2):
    return -(T2 - y2)


@ws.step(label="dy1/dnet", group="dy/dnet")
def dy1_dnet(y1):
    return y1 * (1.0 - y1)


@ws.step(label="dy2/dnet", group="dy/dnet")
def dy2_dnet(y2):
    return y2 * (1.0 - y2)


@ws.step(group="output deltas", means=grad("E_total", wrt="y1_net"))
def delta1(dE_dy1, dy1_dnet):
    return dE_dy1 * dy1_dnet


@ws.step(group="output deltas", means=grad("E_total", wrt="y2_net"))
def delta2(dE_dy2, dy2_dnet):
    return dE_dy2 * dy2_dnet


def times(a, b):
    return a * b


def step_down(w, lr, dw):
    return w - lr * dw


# dw5 = delta1 * H1 ... dw8 = delta2 * H2; w5_new = w5 - lr * dw5 ...
OUTPUT_TERMS = {5: ("delta1", "H1"), 6: ("delta1", "H2"), 7: ("delta2", "H1"), 8: ("delta2", "H2")}
for k, (delta, h) in OUTPUT_TERMS.items():
    ws.step(name=f"dw{k}", group="output gradients", inputs=[delta, h],
            means=grad("E_total", wrt=f"w{k}"))(times)
    ws.step(name=f"w{k}_new", label=f"w{k}", group="new output weights", inputs=[f"w{k}", "lr", f"dw{k}"],
            means=update(f"w{k}", lr="lr"))(step_down)


# delta_H1 = (delta1*w5 + delta2*w7) * sigmoid'(H1), from the old output weights
@ws.step(group="hidden deltas", means=grad("E_total", wrt="H1_net"))
def delta_H1(delta1, w5, delta2, w7, H1):
    return (delta1 * w5 + delta2 * w7) * (H1 * (1.0 - H1))


@ws.step(group="hidden deltas", means=grad("E_total", wrt="H2_net"))
def delta_H2(delta1, w6, delta2, w8, H2):
    return (delta1 * w6 + delta2 * w8) * (H2 * (1.0 - H2))


# dw1 = delta_H1 * x1 ... dw4 = delta_H2 * x2; w1_new = w1 - lr * dw1 ...
HIDDEN_TERMS = {1: ("delta_H1", "x1"), 2: ("delta_H1", "x2"), 3: ("delta_H2", "x1"), 4: ("delta_H2", "x2")}
for k, (delta, x) in HIDDEN_TERMS.items():
    ws.step(name=f"dw{k}", group="hidden gradients", inputs=[delta, x],
            means=grad("E_total", wrt=f"w{k}"))(times)
    ws.step(name=f"w{k}_new", label=f"w{k}", group="new hidden weights", inputs=[f"w{k}", "lr", f"dw{k}"],
            means=update(f"w{k}", lr="lr"))(step_down)


# b2_new = b2 - lr * (delta1 + delta2); b1_new = b1 - lr * (delta_H1 + delta_H2)
@ws.step(label="b1", group="new biases", means=update("b1", lr="lr"))
def b1_new(b1, lr, delta_H1, delta_H2):
    return b1 - lr * (delta_H1 + delta_H2)


@ws.step(label="b2", group="new biases", means=update("b2", lr="lr"))
def b2_new(b2, lr, delta1, delta2):
    return b2 - lr * (delta1 + delta2)


# FORWARD PASS (after weight update): the same steps on the new values
ws.step(name="H1_net_after", inputs=["x1", "w1_new", "x2", "w2_new", "b1_new"])(net)
ws.step(name="H2_net_after", inputs=["x1", "w3_new", "x2", "w4_new", "b1_new"])(net)
ws.step(name="H1_after", label="H1 (after)", group="hidden after", inputs=["H1_net_after"])(sigmoid)
ws.step(name="H2_after", label="H2 (after)", group="hidden after", inputs=["H2_net_after"])(sigmoid)
ws.step(name="y1_net_after", inputs=["H1_after", "w5_new", "H2_after", "w6_new", "b2_new"])(net)
ws.step(name="y2_net_after", inputs=["H1_after", "w7_new", "H2_after", "w8_new", "b2_new"])(net)
ws.step(name="y1_after", label="y1 (after)", group="output after", inputs=["y1_net_after"])(sigmoid)
ws.step(name="y2_after", label="y2 (after)", group="output after", inputs=["y2_net_after"])(sigmoid)
ws.step(name="E1_after", label="E1 (after)", group="errors after", inputs=["T1", "y1_after"])(half_square)
ws.step(name="E2_after", label="E2 (after)", group="errors after", inputs=["T2", "y2_after"])(half_square)


@ws.step(label="E_total (after)")
def E_total_after(E1_after, E2_after):
    return E1_after + E2_after


@ws.step(label="Error reduction")
def reduction(E_total, E_total_after):
    return E_total - E_total_after
