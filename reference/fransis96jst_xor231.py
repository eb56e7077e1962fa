"""fransis96jst, "backpropagation" (README, in Indonesian): one backpropagation iteration of a 2-3-1
network for XOR on the first pattern (X₁ = 1, X₂ = 1, target t = 0), learning rate α = 0.2 (text
in cases/texts/fransis96jst_xor231.txt).

https://github.com/fransis96jst/backpropagation/blob/c604e4310d54389a3b1146a6c0368c9302354028/README.md

In the README's notation: inputs X₁, X₂ and a bias input 1; hidden neurons Z₁, Z₂, Z₃ with
Zj(in) = X₁·w₁ⱼ + X₂·w₂ⱼ + 1·biasⱼ (w_ij from X_i to Z_j, "Tabel a"); output Y₁(in) = Z₁·v₁ +
Z₂·v₂ + Z₃·v₃ + bias·v₀ ("Tabel b"); sigmoid everywhere. The backward pass as printed:
δ_Y = (t - Y₁) · Y₁ · (1 - Y₁), δ_Zj = δ_Y · v_j · Zj · (1 - Zj) (the old v_j), and the updates
Δv_j = α · δ_Y · Zj, Δv_bias = α · δ_Y · 1, Δw_ij = α · δ_Zj · Xi, each new weight old + Δ.

The numbers printed inside the expressions are steps of their own where the README prints them as
a result: the products Zj·v_j of Y₁(in) ("= -0.0475 + 0.29935 - 0.1425 + 0.2"), t - Y₁ ("(-0.5768)"),
1 - Y₁ ("0.4232"), δ_Y · v_j ("= 0.01407 · 0.4750 · 0.5250"), 1 - Zj, and each weight's change
("≈ -0.1 - 0.01337").

INFERRED, never printed: the loss E = 1/2 (t - Y₁)^2, the one whose -dE/dY₁(in) is the printed
δ_Y (the README names no loss; its deltas are -dE/d(in), its changes -α dE/dw, added to the old
weights).
"""

from __future__ import annotations

from gradaudit import Worksheet, change, grad, sigmoid, update

worked_example = Worksheet("fransis96jst: XOR 2-3-1 sigmoid, one iteration on (1, 1) -> 0, α = 0.2", loss="E")
ws = worked_example


# Langkah 1: Forward Pass. "Z₁(in) = X₁·w₁₁ + X₂·w₂₁ + 1·bias₁ = (1)(-0.3) + (1)(0.3) + (1)(-0.1)"
@ws.step(label="Z₁(in)", group="Z_in")
def Z1_in(X1, w11, X2, w21, bias1):
    return X1 * w11 + X2 * w21 + 1 * bias1


@ws.step(label="Z₂(in)", group="Z_in")
def Z2_in(X1, w12, X2, w22, bias2):
    return X1 * w12 + X2 * w22 + 1 * bias2


@ws.step(label="Z₃(in)", group="Z_in")
def Z3_in(X1, w13, X2, w23, bias3):
    return X1 * w13 + X2 * w23 + 1 * bias3


# "Z₁ = σ(-0.1) ≈ 0.4750", σ(x) = 1 / (1 + e⁻ˣ)
@ws.step(label="Z₁", group="Z")
def Z1(Z1_in):
    return sigmoid(Z1_in)


@ws.step(label="Z₂", group="Z")
def Z2(Z2_in):
    return sigmoid(Z2_in)


@ws.step(label="Z₃", group="Z")
def Z3(Z3_in):
    return sigmoid(Z3_in)


# "Y₁(in) = Z₁·v₁ + Z₂·v₂ + Z₃·v₃ + bias·v₀ = (0.4750)(-0.1) + ... = -0.0475 + 0.29935 - 0.1425 + 0.2"
@ws.step(label="Z₁·v₁", group="Zv")
def Z1v1(Z1, v1):
    return Z1 * v1


@ws.step(label="Z₂·v₂", group="Zv")
def Z2v2(Z2, v2):
    return Z2 * v2


@ws.step(label="Z₃·v₃", group="Zv")
def Z3v3(Z3, v3):
    return Z3 * v3


@ws.step(label="Y₁(in)")
def Y1_in(Z1v1, Z2v2, Z3v3, v0):
    return Z1v1 + Z2v2 + Z3v3 + 1 * v0


# "Y₁ = σ(0.30935) ≈ 0.5768"
@ws.step(label="Y₁")
def Y1(Y1_in):
    return sigmoid(Y1_in)


# E = 1/2 (t - Y₁)^2: inferred (see the module's docstring)
@ws.step(label="E")
def E(t, Y1):
    return 0.5 * (t - Y1) ** 2


# Langkah 2: "δ_Y = (t - Y₁) · Y₁ · (1 - Y₁) = (0 - 0.5768) · 0.5768 · (1 - 0.5768)
# = (-0.5768) · 0.5768 · 0.4232 ≈ -0.1407"
@ws.step(label="t - Y₁")
def t_minus_Y1(t, Y1):
    return t - Y1


@ws.step(label="1 - Y₁")
def one_minus_Y1(Y1):
    return 1 - Y1


@ws.step(label="δ_Y", means=-grad("E", wrt="Y1_in"))
def delta_Y(t_minus_Y1, Y1, one_minus_Y1):
    return t_minus_Y1 * Y1 * one_minus_Y1


# "δ_Zj = δ_Y · v_j · Zj · (1 - Zj)":
# "δ_Z₁ = -0.1407 · (-0.1) · 0.4750 · (1-0.4750) = 0.01407 · 0.4750 · 0.5250 ≈ 0.00351"
@ws.step(label="δ_Y · v₁", group="dYv", means=-grad("E", wrt="Z1"))
def dYv1(delta_Y, v1):
    return delta_Y * v1


@ws.step(label="δ_Y · v₂", group="dYv", means=-grad("E", wrt="Z2"))
def dYv2(delta_Y, v2):
    return delta_Y * v2


@ws.step(label="δ_Y · v₃", group="dYv", means=-grad("E", wrt="Z3"))
def dYv3(delta_Y, v3):
    return delta_Y * v3


@ws.step(label="1 - Z₁", group="one_minus_Z")
def one_minus_Z1(Z1):
    return 1 - Z1


@ws.step(label="1 - Z₂", group="one_minus_Z")
def one_minus_Z2(Z2):
    return 1 - Z2


@ws.step(label="1 - Z₃", group="one_minus_Z")
def one_minus_Z3(Z3):
    return 1 - Z3


@ws.step(label="δ_Z₁", group="delta_Z", means=-grad("E", wrt="Z1_in"))
def delta_Z1(dYv1, Z1, one_minus_Z1):
    return dYv1 * Z1 * one_minus_Z1


@ws.step(label="δ_Z₂", group="delta_Z", means=-grad("E", wrt="Z2_in"))
def delta_Z2(dYv2, Z2, one_minus_Z2):
    return dYv2 * Z2 * one_minus_Z2


@ws.step(label="δ_Z₃", group="delta_Z", means=-grad("E", wrt="Z3_in"))
def delta_Z3(dYv3, Z3, one_minus_Z3):
    return dYv3 * Z3 * one_minus_Z3


# Langkah 3, Tabel b: "Δv_j = α · δ_Y · Zj", "Δv_bias = α · δ_Y · 1";
# "v₁ baru = -0.1 + 0.2 · (-0.1407) · 0.4750 ≈ -0.1 - 0.01337 ≈ -0.1134"
@ws.step(label="Δv₁", group="dv", means=change("v1", lr="alpha"))
def dv1(alpha, delta_Y, Z1):
    return alpha * delta_Y * Z1


@ws.step(label="Δv₂", group="dv", means=change("v2", lr="alpha"))
def dv2(alpha, delta_Y, Z2):
    return alpha * delta_Y * Z2


@ws.step(label="Δv₃", group="dv", means=change("v3", lr="alpha"))
def dv3(alpha, delta_Y, Z3):
    return alpha * delta_Y * Z3


@ws.step(label="Δv_bias", group="dv", means=change("v0", lr="alpha"))
def dv0(alpha, delta_Y):
    return alpha * delta_Y * 1


@ws.step(label="v₁ baru", group="v_new", means=update("v1", lr="alpha"))
def v1_new(v1, dv1):
    return v1 + dv1


@ws.step(label="v₂ baru", group="v_new", means=update("v2", lr="alpha"))
def v2_new(v2, dv2):
    return v2 + dv2


@ws.step(label="v₃ baru", group="v_new", means=update("v3", lr="alpha"))
def v3_new(v3, dv3):
    return v3 + dv3


@ws.step(label="bias baru", group="v_new", means=update("v0", lr="alpha"))
def v0_new(v0, dv0):
    return v0 + dv0


# Tabel a: "Δw_ij = α · δ_Zj · Xi (ingat X₁=1, X₂=1, bias=1)";
# "w(X₁→Z₁) = -0.3 + 0.2·0.00351·1 ≈ -0.3 + 0.000702 ≈ -0.2993", "w(X₂→Z₁) = 0.3 + 0.000702 ≈ 0.3007"
def _dw(alpha, delta, x):
    return alpha * delta * x


def _new(old, dw):
    return old + dw


_HIDDEN = {  # weight name: (its label, the hidden neuron's delta, the input it comes from)
    "w11": ("X₁→Z₁", "delta_Z1", "X1"), "w21": ("X₂→Z₁", "delta_Z1", "X2"),
    "w12": ("X₁→Z₂", "delta_Z2", "X1"), "w22": ("X₂→Z₂", "delta_Z2", "X2"),
    "w13": ("X₁→Z₃", "delta_Z3", "X1"), "w23": ("X₂→Z₃", "delta_Z3", "X2"),
}
for _w, (_arrow, _delta, _x) in _HIDDEN.items():
    ws.step(name=f"d{_w}", label=f"Δw({_arrow})", group="dw", inputs=["alpha", _delta, _x],
            means=change(_w, lr="alpha"))(_dw)
    ws.step(name=f"{_w}_new", label=f"w({_arrow})", group="w_new", inputs=[_w, f"d{_w}"],
            means=update(_w, lr="alpha"))(_new)


def _dbias(alpha, delta):
    return alpha * delta * 1


for _j, _sub in ((1, "₁"), (2, "₂"), (3, "₃")):
    ws.step(name=f"dbias{_j}", label=f"Δw(bias→Z{_sub})", group="dw", inputs=["alpha", f"delta_Z{_j}"],
            means=change(f"bias{_j}", lr="alpha"))(_dbias)
    ws.step(name=f"bias{_j}_new", label=f"w(bias→Z{_sub})", group="w_new",
            inputs=[f"bias{_j}", f"dbias{_j}"], means=update(f"bias{_j}", lr="alpha"))(_new)
