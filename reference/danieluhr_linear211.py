"""Daniel de Abreu Pereira Uhr, "Exemplo Numérico de Backpropagation" (course notes in Portuguese, a
notebook's markdown cell: ComputationalEconomics_Notes/15_xtr_BackPropagation.ipynb, commit 680898b;
text in cases/texts/danieluhr_linear211.txt, the notebook's JSON).

https://github.com/Daniel-Uhr/ComputationalEconomics_Notes/blob/680898b530f98430c741cb34f7bbfd8df569f037/15_xtr_BackPropagation.ipynb

A 2-1-1 network with identity activations ("g(z) = z e g'(z) = 1"), in the notes' notation:
z_1 = (w_1 x_1) + (w_2 x_2) + b_1, h_1 = z_1, y_hat = (v_1 h_1) + b_2, "MSE (Erro Quadrático
Médio)" Loss = 1/2 (y - y_hat)^2; the gradients by the chain rule as printed (dLoss/dy_hat =
-(y - y_hat), then v_1, b_2, h_1, w_1, w_2, b_1), and one update, v_1's, with learning rate 0.1
("O mesmo processo pode ser aplicado para os outros pesos e bias": the others are not printed).

Everything is printed in the notes; the steps of their own for numbers printed inside an expression:
the products w_1 x_1, w_2 x_2 and v_1 h_1 ("= 0.1 + 0.4 + 0.3", "= 0.32 + 0.5"), the square
(y - y_hat)^2 ("\\frac{1}{2} \\times 0.0324") and v_1's change ("= 0.4 + 0.0144").
"""

from __future__ import annotations

from gradaudit import Worksheet, change, grad, update

worked_example = Worksheet(
    "Uhr: a 2-1-1 identity network, Loss = 1/2 (y - y_hat)^2, one update (0.1)", loss="Loss"
)
ws = worked_example


# "z_1 = (w_1 \cdot x_1) + (w_2 \cdot x_2) + b_1",
# "z_1 = (0.1 \times 1) + (0.2 \times 2) + 0.3 = 0.1 + 0.4 + 0.3 = 0.8"
@ws.step(label="w_1 \\cdot x_1", group="products")
def w1x1(w1, x1):
    return w1 * x1


@ws.step(label="w_2 \\cdot x_2", group="products")
def w2x2(w2, x2):
    return w2 * x2


@ws.step(label="z_1")
def z1(w1x1, w2x2, b1):
    return w1x1 + w2x2 + b1


# "Como a ativação é identidade: h_1 = z_1 = 0.8"
@ws.step(label="h_1")
def h1(z1):
    return z1


# "\hat{y} = (v_1 \cdot h_1) + b_2 = (0.4 \times 0.8) + 0.5 = 0.32 + 0.5 = 0.82"
@ws.step(label="v_1 \\cdot h_1")
def v1h1(v1, h1):
    return v1 * h1


@ws.step(label="\\hat{y}", aka=["y_hat"])
def y_hat(v1h1, b2):
    return v1h1 + b2


# "\text{Loss} = \frac{1}{2} (y - \hat{y})^2 = \frac{1}{2} (1 - 0.82)^2 = \frac{1}{2} \times 0.0324 = 0.0162"
@ws.step(label="(y - \\hat{y})^2")
def sq_error(y, y_hat):
    return (y - y_hat) ** 2


@ws.step(label="\\text{Loss}", aka=["Loss"])
def Loss(sq_error):
    return 0.5 * sq_error


# "\frac{\partial \text{Loss}}{\partial \hat{y}} = -(y - \hat{y}) = -(1 - 0.82) = -0.18"
@ws.step(label="\\frac{\\partial \\text{Loss}}{\\partial \\hat{y}}", means=grad("Loss", wrt="y_hat"))
def dLoss_dy_hat(y, y_hat):
    return -(y - y_hat)


# "... \times \frac{\partial \hat{y}}{\partial v_1} = -0.18 \times h_1 = -0.18 \times 0.8 = -0.144"
@ws.step(label="\\frac{\\partial \\text{Loss}}{\\partial v_1}", means=grad("Loss", wrt="v1"))
def dLoss_dv1(dLoss_dy_hat, h1):
    return dLoss_dy_hat * h1


# "\frac{\partial \text{Loss}}{\partial b_2} = \frac{\partial \text{Loss}}{\partial \hat{y}} \times 1 = -0.18"
@ws.step(label="\\frac{\\partial \\text{Loss}}{\\partial b_2}", means=grad("Loss", wrt="b2"))
def dLoss_db2(dLoss_dy_hat):
    return dLoss_dy_hat * 1


# "\frac{\partial \text{Loss}}{\partial h_1} = ... \times v_1 = -0.18 \times 0.4 = -0.072"
@ws.step(label="\\frac{\\partial \\text{Loss}}{\\partial h_1}", means=grad("Loss", wrt="h1"))
def dLoss_dh1(dLoss_dy_hat, v1):
    return dLoss_dy_hat * v1


# "... \times \frac{\partial h_1}{\partial w_1} = -0.072 \times x_1 = -0.072 \times 1 = -0.072"
@ws.step(label="\\frac{\\partial \\text{Loss}}{\\partial w_1}", means=grad("Loss", wrt="w1"))
def dLoss_dw1(dLoss_dh1, x1):
    return dLoss_dh1 * x1


# "\frac{\partial \text{Loss}}{\partial w_2} = -0.072 \times x_2 = -0.072 \times 2 = -0.144"
@ws.step(label="\\frac{\\partial \\text{Loss}}{\\partial w_2}", means=grad("Loss", wrt="w2"))
def dLoss_dw2(dLoss_dh1, x2):
    return dLoss_dh1 * x2


# "Bias da hidden: \frac{\partial \text{Loss}}{\partial b_1} = -0.072 \times 1 = -0.072"
@ws.step(label="\\frac{\\partial \\text{Loss}}{\\partial b_1}", means=grad("Loss", wrt="b1"))
def dLoss_db1(dLoss_dh1):
    return dLoss_dh1 * 1


# "Atualização dos pesos (exemplo com learning rate = 0.1)":
# "v_1^{\text{new}} = v_1 - 0.1 \times (-0.144) = 0.4 + 0.0144 = 0.4144"
@ws.step(label="\\Delta v_1", means=change("v1", lr="learning_rate"))
def delta_v1(learning_rate, dLoss_dv1):
    return -learning_rate * dLoss_dv1


@ws.step(label="v_1^{\\text{new}}", means=update("v1", lr="learning_rate"))
def v1_new(v1, delta_v1):
    return v1 + delta_v1
