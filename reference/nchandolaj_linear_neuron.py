"""nchandolaj, "Neural Network: A Concrete Mathematical Example" (course notes
`foundations/docs/neural_network_mathematical_example.md` of github.com/nchandolaj/DeepLearning,
commit 353944c; text in cases/texts/nchandolaj_linear_neuron.txt).

One neuron without bias or activation, in the notes' notation: prediction p = x w, loss
L = (p - y)^2 (no 1/2), x = 2.0, y = 1.0, w = 3.0; the chain rule dL/dw = dL/dp * dp/dw, one step
of gradient descent with eta = 0.01, the forward pass again at the new weight ("5. Verification"),
and a summary table whose "Change" column is after minus before for w, p and L.

Everything is printed in the notes; INFERRED only:
- the residual p - y, printed as a number inside the loss ("(6.0 - 1.0)^2 = 5.0^2 = 25.0", and
  "4.6^2" after the update), is a step of its own;
- the "Change" column is the value after the update minus the value before ("-0.2", "-0.4",
  "-3.84"), each a step of its own.
"""

from __future__ import annotations

from gradaudit import Worksheet, grad, update

worksheet = Worksheet("nchandolaj: one linear neuron, p = x w, L = (p - y)^2, one step", loss="L")


@worksheet.step
def p(x, w):
    """ "Prediction (p): x * w" ("2.0 * 3.0 = 6.0")."""
    return x * w


@worksheet.step(label="p - y")
def residual(p, y):
    """The residual inside the loss: "(6.0 - 1.0)^2 = 5.0^2"."""
    return p - y


@worksheet.step
def L(residual):
    """ "Loss (L): (p - y)^2" ("5.0^2 = 25.0")."""
    return residual**2


@worksheet.step(label="dL/dp", means=grad("L", wrt="p"))
def dL_dp(p, y):
    """ "the derivative (using the power rule) is 2(p - y)": "2(6.0 - 1.0) = 10.0"."""
    return 2 * (p - y)


@worksheet.step(label="dp/dw")
def dp_dw(x):
    """ "the derivative with respect to w is simply x": "dp/dw = x = 2.0"."""
    return x


@worksheet.step(label="dL/dw", means=grad("L", wrt="w"))
def dL_dw(dL_dp, dp_dw):
    """The chain rule as printed: dL/dw = dL/dp * dp/dw = 10.0 * 2.0 = 20.0."""
    return dL_dp * dp_dw


@worksheet.step(label="New Weight", means=update("w", lr="eta"))
def w_new(w, eta, dL_dw):
    """ "New Weight = w - (eta * dL/dw)" ("3.0 - (0.01 * 20.0) = 2.8")."""
    return w - eta * dL_dw


# "5. Verification": the same forward pass at the new weight.
worksheet.step(name="p_new", label="New Prediction (p)", inputs=["x", "w_new"])(p)
worksheet.step(name="residual_new", label="p - y (new)", inputs=["p_new", "y"])(residual)
worksheet.step(name="L_new", label="New Loss (L)", inputs=["residual_new"])(L)


# "Summary Table", column "Change": after minus before.
@worksheet.step(label="Change (w)")
def change_w(w_new, w):
    """ "| Weight (w) | 3.0 | 2.8 | -0.2 |"."""
    return w_new - w


@worksheet.step(label="Change (p)")
def change_p(p_new, p):
    """ "| Prediction (p) | 6.0 | 5.6 | -0.4 |"."""
    return p_new - p


@worksheet.step(label="Change (L)")
def change_L(L_new, L):
    """ "| Loss (L) | 25.0 | 21.16 | -3.84 (Improved!) |"."""
    return L_new - L
