"""Sghosh1999, "Simple Neural Network: Manual Backpropagation (1 Hidden Neuron)", a notebook in
Machine-Learning-Deep-Learning-Fundamentals-Scratch (text in cases/texts/sghosh_neuron.txt).

https://github.com/Sghosh1999/Machine-Learning-Deep-Learning-Fundamentals-Scratch/blob/873dcb79ad837935dcf88491bbd12622a9e08ff3/Backpropagation-Mathematics.ipynb

One sigmoid neuron in the notebook's notation: z = w11 x1 + w12 x2 + b, y_pred = sigmoid(z),
Loss = 0.5 (y - y_pred)^2 (the notebook calls it "Mean Squared Error (MSE)" and writes the 1/2);
the chain dL/dz = dL/dy_pred * dy_pred/dz, the three gradients, then one step of gradient
descent on w11, w12 and b with eta = 0.1. Every given value is printed (x1 = 1.0, x2 = 2.0,
w11 = 0.5, w12 = -0.4, b = 0.1, y = 1.0, eta = 0.1); nothing is inferred but the names of the
updated parameters (the notebook writes "w11 = w11 - eta * dL/dw11"; here `w11_new`).

The local derivative dy_pred/dz declares no meaning (it is not a derivative of the loss).
"""

from __future__ import annotations

from gradaudit import Worksheet, grad, sigmoid, update

worked_example = Worksheet("Sghosh1999: one sigmoid neuron, one gradient step", loss="Loss")
ws = worked_example


# Step 1: z = w11 * x1 + w12 * x2 + b
@ws.step
def z(w11, x1, w12, x2, b):
    return w11 * x1 + w12 * x2 + b


# y_pred = 1 / (1 + exp(-z))
@ws.step
def y_pred(z):
    return sigmoid(z)


# Step 2: Loss = 0.5 * (y - y_pred)^2
@ws.step
def Loss(y, y_pred):
    return 0.5 * (y - y_pred) ** 2


# Step 3: dL/dy_pred = y_pred - y
@ws.step(label="dL/dy_pred", means=grad("Loss", wrt="y_pred"))
def dL_dy_pred(y_pred, y):
    return y_pred - y


# dy_pred/dz = y_pred * (1 - y_pred)
@ws.step(label="dy_pred/dz")
def dy_pred_dz(y_pred):
    return y_pred * (1 - y_pred)


# dL/dz = dL/dy_pred * dy_pred/dz
@ws.step(label="dL/dz", means=grad("Loss", wrt="z"))
def dL_dz(dL_dy_pred, dy_pred_dz):
    return dL_dy_pred * dy_pred_dz


# Step 4: dL/dw11 = dL/dz * x1, dL/dw12 = dL/dz * x2, dL/db = dL/dz
@ws.step(label="dL/dw11", means=grad("Loss", wrt="w11"))
def dL_dw11(dL_dz, x1):
    return dL_dz * x1


@ws.step(label="dL/dw12", means=grad("Loss", wrt="w12"))
def dL_dw12(dL_dz, x2):
    return dL_dz * x2


@ws.step(label="dL/db", means=grad("Loss", wrt="b"))
def dL_db(dL_dz):
    return dL_dz


# Step 5: w11 = w11 - eta * dL/dw11 (and w12, b alike)
@ws.step(label="w11", means=update("w11", lr="eta"))
def w11_new(w11, eta, dL_dw11):
    return w11 - eta * dL_dw11


@ws.step(label="w12", means=update("w12", lr="eta"))
def w12_new(w12, eta, dL_dw12):
    return w12 - eta * dL_dw12


@ws.step(label="b", means=update("b", lr="eta"))
def b_new(b, eta, dL_db):
    return b - eta * dL_db
