"""advanced-ai-curriculum (webmastervetea), "Ejemplo Numérico de Retropropagación (Una Sola
Neurona)", temario 1-2-b2 (Spanish; text in cases/texts/vetea_neurona.txt).

https://github.com/webmastervetea/advanced-ai-curriculum/blob/9c5d8bb0e99d0d50bd1bb50a781c85ce9fb5699f/temarios/1-2-b2-ejemplo-numerico-retropropagacion.md

One sigmoid neuron with two inputs and a bias, in the article's notation: z = w1 x1 + w2 x2 + b,
a = f(z) = 1 / (1 + e^-z), L = 1/2 (y - a)^2; the chain rule dL/dw1 = dL/da * da/dz * dz/dw1
("Paso A, B, C"), then one step of gradient descent on w1 with eta = 0.1. Every given value is
printed in the article's table (x1 = 0.5, x2 = 1.0, w1 = 0.3, w2 = 0.7, b = 0.1, y = 0.8) or in
the update (eta = 0.1); nothing about the values is inferred.

Inferred (structure only, so that every printed number has a step to bind to):
- `w1x1`, `w2x2`: the article writes z = (w1 x1) + (w2 x2) + b and prints the two products
  (0.15 + 0.7 + 0.1); they are steps here so that the printed products are claims.
- `diff`: the article prints y - a = 0.079 inside L ("1/2 (0.079)^2"); a step so it is a claim.
- `one_minus_a`: the article prints 1 - a = 0.279 inside da/dz ("0.721 * 0.279").
- `delta_w1`: the article prints the change -eta * dL/dw1 = +0.000793 inside the update
  ("0.3 + 0.000793"); the update is wired as w1 + delta_w1, as it computes.
The local derivatives da/dz and dz/dw1 declare no meaning (they are not derivatives of the loss).
"""

from __future__ import annotations

from gradaudit import Worksheet, change, grad, sigmoid, update

worked_example = Worksheet("advanced-ai-curriculum: una sola neurona sigmoide con sesgo", loss="L")
ws = worked_example


# 2. Propagación hacia adelante: z = (w1 x1) + (w2 x2) + b
@ws.step(label="w1 x1", group="products")
def w1x1(w1, x1):
    return w1 * x1


@ws.step(label="w2 x2", group="products")
def w2x2(w2, x2):
    return w2 * x2


@ws.step
def z(w1x1, w2x2, b):
    return w1x1 + w2x2 + b


# a = f(z) = 1 / (1 + e^-z)
@ws.step
def a(z):
    return sigmoid(z)


# L = 1/2 (y - a)^2, printed as 1/2 (0.8 - 0.721)^2 = 1/2 (0.079)^2
@ws.step(label="y - a")
def diff(y, a):
    return y - a


@ws.step
def L(diff):
    return 0.5 * diff**2


# 3. Paso A: dL/da = -(y - a)
@ws.step(label="dL/da", means=grad("L", wrt="a"))
def dL_da(y, a):
    return -(y - a)


# Paso B: da/dz = a (1 - a)
@ws.step(label="1 - a")
def one_minus_a(a):
    return 1 - a


@ws.step(label="da/dz")
def da_dz(a, one_minus_a):
    return a * one_minus_a


# Paso C: dz/dw1 = x1
@ws.step(label="dz/dw1")
def dz_dw1(x1):
    return x1


# 4a. dL/dw1 = (Paso A) (Paso B) (Paso C)
@ws.step(label="dL/dw1", means=grad("L", wrt="w1"))
def dL_dw1(dL_da, da_dz, dz_dw1):
    return dL_da * da_dz * dz_dw1


# 4b. w_nuevo = w_viejo - eta dL/dw1 = 0.3 - (0.1)(-0.00793) = 0.3 + 0.000793
@ws.step(label="-eta dL/dw1", means=change("w1", lr="eta"))
def delta_w1(eta, dL_dw1):
    return -eta * dL_dw1


@ws.step(label="w_nuevo", means=update("w1", lr="eta"))
def w_nuevo(w1, delta_w1):
    return w1 + delta_w1
