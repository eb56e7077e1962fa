"""Lee-keonhee, "순전파/ 역전파 예제로 이해하기" (forward and backward propagation, understood
through an example; a Korean blog post, zero_to_deep_kh; text in cases/texts/lee_propagation221.txt).

https://github.com/Lee-keonhee/zero_to_deep_kh/blob/cab1ef37ad0a7dc4506d27aec730411b43cd40df/_posts/2025-07-27-propagation.md

A 2-2-1 network without biases in the post's notation: X = (x_1, x_2), W = (w_1 w_2; w_3 w_4; w_5
w_6), z_1 = w_1 x_1 + w_3 x_2, z_2 = w_2 x_1 + w_4 x_2, a_i = Sigmoid(z_i), a linear output
y_hat_1 = w_5 a_1 + w_6 a_2, the squared error L = (y_1 - y_hat)^2 (no 1/2); the gradients as the
post writes them (dL/dw_5 = -2 (y_1 - y_hat_1) a_1, dL/dw_1 = -2 (y_1 - y_hat_1) w_5 sigma(z_1)
(1 - sigma(z_1)) x_1, the others "likewise"), one step W_new = W_old - eta dL/dW with eta = 0.1,
and the prediction again with the updated weights. Steps added for numbers the post prints inside
its lines: `error` (y_1 - y_hat = 0.2057, printed inside L). Nothing is inferred.
"""

from __future__ import annotations

from gradaudit import Worksheet, grad, sigmoid, update

worked_example = Worksheet("Lee-keonhee: a 2-2-1 sigmoid network, squared error, eta = 0.1", loss="L")
ws = worked_example


# 가중합 계산: "z_1 = w_1 x_1 + w_3 x_2", "z_2 = w_2 x_1 + w_4 x_2"
@ws.step(label="z_1")
def z1(w1, x1, w3, x2):
    return w1 * x1 + w3 * x2


@ws.step(label="z_2")
def z2(w2, x1, w4, x2):
    return w2 * x1 + w4 * x2


# 활성화 함수 계산: "a_1 = Sigmoid(z_1)", "a_2 = Sigmoid(z_2)"
@ws.step(label="a_1")
def a1(z1):
    return sigmoid(z1)


@ws.step(label="a_2")
def a2(z2):
    return sigmoid(z2)


# 결과: "y_hat_1 = w_5 a_1 + w_6 a_2"
@ws.step(label="\\hat{y_1}")
def y_hat(w5, a1, w6, a2):
    return w5 * a1 + w6 * a2


# 오차 계산 (MSE): "L = (y_1 - y_hat)^2 = (0.7 - 0.4943)^2 = (0.2057)^2"
@ws.step(label="y_1 - \\hat{y}")
def error(y1, y_hat):
    return y1 - y_hat


@ws.step(label="L")
def L(error):
    return error**2


# 역전파: "dL/dw_5 = -2 (y_1 - y_hat_1) a_1", "dL/dw_6 = -2 (y_1 - y_hat_1) a_2"
@ws.step(label="\\frac{\\partial L}{\\partial w_5}", means=grad("L", wrt="w5"))
def dL_dw5(y1, y_hat, a1):
    return -2 * (y1 - y_hat) * a1


@ws.step(label="\\frac{\\partial L}{\\partial w_6}", means=grad("L", wrt="w6"))
def dL_dw6(y1, y_hat, a2):
    return -2 * (y1 - y_hat) * a2


# "dL/dw_1 = -2 (y_1 - y_hat_1) w_5 sigma(z_1) (1 - sigma(z_1)) x_1"; w_2, w_3, w_4 "likewise"
@ws.step(label="\\frac{\\partial L}{\\partial w_1}", means=grad("L", wrt="w1"))
def dL_dw1(y1, y_hat, w5, a1, x1):
    return -2 * (y1 - y_hat) * w5 * a1 * (1 - a1) * x1


@ws.step(label="\\frac{\\partial L}{\\partial w_2}", means=grad("L", wrt="w2"))
def dL_dw2(y1, y_hat, w6, a2, x1):
    return -2 * (y1 - y_hat) * w6 * a2 * (1 - a2) * x1


@ws.step(label="\\frac{\\partial L}{\\partial w_3}", means=grad("L", wrt="w3"))
def dL_dw3(y1, y_hat, w5, a1, x2):
    return -2 * (y1 - y_hat) * w5 * a1 * (1 - a1) * x2


@ws.step(label="\\frac{\\partial L}{\\partial w_4}", means=grad("L", wrt="w4"))
def dL_dw4(y1, y_hat, w6, a2, x2):
    return -2 * (y1 - y_hat) * w6 * a2 * (1 - a2) * x2


# 파라미터 업데이트: "W_new = W_old - eta dL/dW", eta = 0.1; "w_1' = w_1 - eta dL/dw_1"
@ws.step(label="w_1'", means=update("w1", lr="eta"))
def w1_new(w1, eta, dL_dw1):
    return w1 - eta * dL_dw1


@ws.step(label="w_2'", means=update("w2", lr="eta"))
def w2_new(w2, eta, dL_dw2):
    return w2 - eta * dL_dw2


@ws.step(label="w_3'", means=update("w3", lr="eta"))
def w3_new(w3, eta, dL_dw3):
    return w3 - eta * dL_dw3


@ws.step(label="w_4'", means=update("w4", lr="eta"))
def w4_new(w4, eta, dL_dw4):
    return w4 - eta * dL_dw4


@ws.step(label="w_5'", means=update("w5", lr="eta"))
def w5_new(w5, eta, dL_dw5):
    return w5 - eta * dL_dw5


@ws.step(label="w_6'", means=update("w6", lr="eta"))
def w6_new(w6, eta, dL_dw6):
    return w6 - eta * dL_dw6


# 업데이트된 가중치로 새로운 예측값 계산: the same forward pass with w_1' ... w_6'
@ws.step(label="z_1'")
def z1_new(w1_new, x1, w3_new, x2):
    return w1_new * x1 + w3_new * x2


@ws.step(label="z_2'")
def z2_new(w2_new, x1, w4_new, x2):
    return w2_new * x1 + w4_new * x2


@ws.step(label="a_1'")
def a1_new(z1_new):
    return sigmoid(z1_new)


@ws.step(label="a_2'")
def a2_new(z2_new):
    return sigmoid(z2_new)


@ws.step(label="\\hat{y_1}'")
def y_hat_new(w5_new, a1_new, w6_new, a2_new):
    return w5_new * a1_new + w6_new * a2_new
