"""dcm303, "Giải Mã Backpropagation: Ví dụ Số liệu Cụ thể & Công thức" (backpropagation decoded: a
concrete numeric example; Vietnamese notes in Markdown, Docu/DN+CNN.md; text in
cases/texts/dcm303_cnn_filter.txt).

https://github.com/dcm303/Docu/blob/7b2c86d9a1953a60bb8531a16b22f5fed2b24e36/DN+CNN.md

A "tiny CNN" in the notes' notation: the input X = [10, 10, 0] (pixels x_1, x_2, x_3), one 2x1
filter W_1 = [W_trái, W_phải] = [0.5, -0.5] slid over it (position 1: x_1 W_trái + x_2 W_phải,
position 2: x_2 W_trái + x_3 W_phải: the feature map), the output Y_pred = the feature map's sum,
the squared error L = (Y_pred - Y_true)^2 with the target 10 the notes use ("Ta mong muốn kết quả
là 10", although the label is first given as Y_true = 1), then the gradients as the notes write
them: dL/dY_pred = 2 (Y_pred - 10), and for each filter weight only "the position that produced
the 5": Grad_1 = dL/dY_pred x_2, Grad_2 = dL/dY_pred x_3 (position 1 also holds both weights;
the notes leave it out), and one step W_mới = W_cũ - eta Gradient with eta = 0.01.

Steps added for numbers the notes print inside their lines: the four products of the
convolution (`10 × 0.5 = 5`, ...), `err` (5 - 10 = -5 inside L), the local derivatives
dY_pred/dW (10 and 0, which declare no meaning: they are not derivatives of the loss), and
`eta_grad_1` (0.01 × -100 = -1 inside the update of W_trái, which means minus the change of
W_trái). Nothing is inferred.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, change, grad, update

worked_example = Worksheet("dcm303: a 2x1 filter over [10, 10, 0], squared error, eta = 0.01", loss="L")
ws = worked_example


# Bước 1: Convolution. "Vị trí 1 (Pixel 1, 2): (10 × 0.5) + (10 × -0.5) = 5 - 5 = 0"
@ws.step(label="Pixel_1 × W_trái", group="products")
def p11(x1, W_trai):
    return x1 * W_trai


@ws.step(label="Pixel_2 × W_phải", group="products")
def p12(x2, W_phai):
    return x2 * W_phai


@ws.step(label="Vị trí 1", group="positions")
def s1(p11, p12):
    return p11 + p12


# "Vị trí 2 (Pixel 2, 3): (10 × 0.5) + (0 × -0.5) = 5 - 0 = 5"
@ws.step(label="Pixel_2 × W_trái", group="products")
def p21(x2, W_trai):
    return x2 * W_trai


@ws.step(label="Pixel_3 × W_phải", group="products")
def p22(x3, W_phai):
    return x3 * W_phai


@ws.step(label="Vị trí 2", group="positions")
def s2(p21, p22):
    return p21 + p22


# "Feature Map: [0, 5]"
@ws.step(label="Feature Map")
def feature_map(s1, s2):
    return jnp.stack([s1, s2])


# Bước 2: "Cộng tổng Feature Map để ra điểm số cuối cùng. Y_pred = 0 + 5 = 5"
@ws.step(label="Y_{pred}")
def Y_pred(s1, s2):
    return s1 + s2


# PHẦN 2: "L = (Y_pred - Y_true)^2", "L = (5 - 10)^2 = (-5)^2 = 25"
@ws.step(label="Y_{pred} - Y_{true}")
def err(Y_pred, Y_true):
    return Y_pred - Y_true


@ws.step(label="L")
def L(err):
    return err**2


# PHẦN 3, Khúc 1: "Đạo hàm là 2 × (Y - 10)", "dL/dY_pred = 2 × (5 - 10) = -10"
@ws.step(label="\\frac{\\partial L}{\\partial Y_{pred}}", means=grad("L", wrt="Y_pred"))
def dL_dY(Y_pred, Y_true):
    return 2 * (Y_pred - Y_true)


# Khúc 2, at "the position that produced the 5" only: "Với W_trái (0.5): Nhân với Pixel 2 (giá trị
# 10) -> Đạo hàm là 10", "Với W_phải (-0.5): Nhân với Pixel 3 (giá trị 0) -> Đạo hàm là 0"
@ws.step(label="dY_pred/dW_trái")
def dY_dW_trai(x2):
    return x2


@ws.step(label="dY_pred/dW_phải")
def dY_dW_phai(x3):
    return x3


# TỔNG HỢP: "Grad_1 = (-10) × 10 = -100", "Grad_2 = (-10) × 0 = 0"
@ws.step(label="Grad_1", means=grad("L", wrt="W_trai"))
def grad_1(dL_dY, dY_dW_trai):
    return dL_dY * dY_dW_trai


@ws.step(label="Grad_2", means=grad("L", wrt="W_phai"))
def grad_2(dL_dY, dY_dW_phai):
    return dL_dY * dY_dW_phai


# PHẦN 4: "W_mới = W_cũ - (eta × Gradient)", eta = 0.01;
# "W_mới = 0.5 - (0.01 × -100) = 0.5 - (-1) = 1.5"
@ws.step(label="\\eta × Grad_1", means=-change("W_trai", lr="eta"))
def eta_grad_1(eta, grad_1):
    return eta * grad_1


@ws.step(label="W_trái mới", means=update("W_trai", lr="eta"))
def W_trai_new(W_trai, eta_grad_1):
    return W_trai - eta_grad_1


# "W_mới = -0.5 - (0.01 × 0) = -0.5"
@ws.step(label="W_phải mới", means=update("W_phai", lr="eta"))
def W_phai_new(W_phai, eta, grad_2):
    return W_phai - eta * grad_2


# "Filter Mới: [1.5, -0.5]"
@ws.step(label="Filter Mới")
def filter_new(W_trai_new, W_phai_new):
    return jnp.stack([W_trai_new, W_phai_new])
