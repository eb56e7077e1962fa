"""An RPubs document, "red neuronal simple 2–2–1 con función de activación sigmoide" (R Markdown;
text in cases/texts/rpubs_red221.txt).

https://rstudio-pubs-static.s3.amazonaws.com/1344557_e0bae6ddd933483f864e1abd273330a7.html

A 2-2-1 sigmoid network in the document's own R names: z1 = w1 x1 + w3 x2 + b1, z2 = w2 x1 + w4 x2
+ b2 (so w1, w3 feed h1 and w2, w4 feed h2), z3 = w5 h1 + w6 h2 + b3, h1, h2, y the sigmoids;
Etotal = 0.5 (t1 - y)^2. The backward pass as written: dE_dz3 = (y - t1) dsigmoid(y) with
dsigmoid(fz) = fz (1 - fz), dE_dw5 = dE_dz3 h1, dE_dw6 = dE_dz3 h2, dE_dz1 = dE_dz3 w5
dsigmoid(h1), dE_dz2 = dE_dz3 w6 dsigmoid(h2) (the original w5, w6, as its comment says), dE_dw1 =
dE_dz1 x1, dE_dw3 = dE_dz1 x2, dE_dw2 = dE_dz2 x1, dE_dw4 = dE_dz2 x2; each weight then moves by
-alpha times its gradient, alpha = 0.25. The biases (all 0) are not updated in the part the stored
page holds. Every given value is in the code; nothing is inferred.
"""

from __future__ import annotations

from gradaudit import Worksheet, grad, sigmoid, update

worked_example = Worksheet("RPubs: red 2-2-1 sigmoide, una actualización", loss="Etotal")
ws = worked_example
ws.group("pesos ocultos", "w1", "w2", "w3", "w4")
ws.group("pesos de salida", "w5", "w6")


def dsigmoid(fz):  # derivada usando f(z)
    return fz * (1 - fz)


def weighted(a, wa, b, wb, bias):
    return wa * a + wb * b + bias


# z1 <- w1*x1 + w3*x2 + b1; h1 <- sigmoid(z1); z2 <- w2*x1 + w4*x2 + b2; h2 <- sigmoid(z2)
ws.step(name="z1", group="z", inputs=["x1", "w1", "x2", "w3", "b1"])(weighted)
ws.step(name="h1", group="h", inputs=["z1"])(sigmoid)
ws.step(name="z2", group="z", inputs=["x1", "w2", "x2", "w4", "b2"])(weighted)
ws.step(name="h2", group="h", inputs=["z2"])(sigmoid)
# z3 <- w5*h1 + w6*h2 + b3; y <- sigmoid(z3)
ws.step(name="z3", group="z", inputs=["h1", "w5", "h2", "w6", "b3"])(weighted)
ws.step(name="y", inputs=["z3"])(sigmoid)


# Etotal <- 0.5*(t1 - y)^2
@ws.step
def Etotal(t1, y):
    return 0.5 * (t1 - y) ** 2


# dE_dz3 <- (y - t1) * dsigmoid(y)
@ws.step(group="dE_dz", means=grad("Etotal", wrt="z3"))
def dE_dz3(y, t1):
    return (y - t1) * dsigmoid(y)


def times(a, b):
    return a * b


def step_down(w, alpha, g):
    return w - alpha * g


# dE_dw5 <- dE_dz3 * h1; dE_dw6 <- dE_dz3 * h2; w5_new <- w5 - alpha*dE_dw5 ...
for k, h in ((5, "h1"), (6, "h2")):
    ws.step(name=f"dE_dw{k}", group="dE_dw salida", inputs=["dE_dz3", h],
            means=grad("Etotal", wrt=f"w{k}"))(times)
    ws.step(name=f"w{k}_new", group="nuevos pesos de salida", inputs=[f"w{k}", "alpha", f"dE_dw{k}"],
            means=update(f"w{k}", lr="alpha"))(step_down)


# dE_dz1 <- dE_dz3 * w5 * dsigmoid(h1); dE_dz2 <- dE_dz3 * w6 * dsigmoid(h2) (original weights)
@ws.step(group="dE_dz", means=grad("Etotal", wrt="z1"))
def dE_dz1(dE_dz3, w5, h1):
    return dE_dz3 * w5 * dsigmoid(h1)


@ws.step(group="dE_dz", means=grad("Etotal", wrt="z2"))
def dE_dz2(dE_dz3, w6, h2):
    return dE_dz3 * w6 * dsigmoid(h2)


# dE_dw1 <- dE_dz1 * x1; dE_dw3 <- dE_dz1 * x2; dE_dw2 <- dE_dz2 * x1; dE_dw4 <- dE_dz2 * x2
HIDDEN = {1: ("dE_dz1", "x1"), 3: ("dE_dz1", "x2"), 2: ("dE_dz2", "x1"), 4: ("dE_dz2", "x2")}
for k, inputs in HIDDEN.items():
    ws.step(name=f"dE_dw{k}", group="dE_dw ocultos", inputs=list(inputs),
            means=grad("Etotal", wrt=f"w{k}"))(times)
# w1_new <- w1 - alpha*dE_dw1 ... w4_new
for k in (1, 3, 2, 4):
    ws.step(name=f"w{k}_new", group="nuevos pesos ocultos", inputs=[f"w{k}", "alpha", f"dE_dw{k}"],
            means=update(f"w{k}", lr="alpha"))(step_down)
