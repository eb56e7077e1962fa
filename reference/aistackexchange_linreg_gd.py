"""AI Stack Exchange, question 12666, "Calculating Parameter value Using Gradient Descent for Linear
Regression Model": three gradient-descent iterations of a linear regression h(x) = theta_0 +
theta_1 x on three points (text in cases/texts/aistackexchange_linreg_gd.txt).

https://ai.stackexchange.com/questions/12666/calculating-parameter-value-using-gradient-descent-for-linear-regression-model

The question gives the data (x, y) = (1, 2), (2, 1), (3, 2), the start theta_0 = 1.0, theta_1 = 0.0
and the learning rate 0.1, asks for the parameters after three iterations and prints the asker's
theta_0 = 1.7821 (procedure not shown). The answer's numpy code, written here in its own names:
X, Y, params = [theta_0, theta_1], model(x) = params[0] + params[1] x, loss = mean((y - yhat)^2),
loss_grad = [mean(2 (yhat - y)), mean(2 (yhat - y) x)], params = params - lr g, three times, each
printing "thetas are now {params} with new loss of {loss(Y, yhat)}". Its "new loss" is the loss of
the yhat computed before the update (the loss each update descends), so loss_k below is the loss
at the parameters before update k. The three iterations are unrolled (suffix k: yhat_k, loss_k,
g_k from the parameters after k - 1 updates; params_k after k updates; params_0 is the given
params), as in reference/studyx_gd_ten_updates.py. Nothing numeric is inferred.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad, update

ITERATIONS = 3

worked_example = Worksheet(
    "AI Stack Exchange: linear regression, three gradient-descent iterations", loss="loss_1"
)
ws = worked_example


def model(X, params):
    """ "def model(x): return params[0] + params[1]*x"."""
    return params[0] + params[1] * X


def loss(Y, yhat):
    """ "def loss(y, yhat): return ((y - yhat)**2).mean()"."""
    return jnp.mean((Y - yhat) ** 2)


def loss_grad(Y, yhat, X):
    """ "return np.array([(2*(yhat-y)).mean(), (2*(yhat-y)*x).mean()])"."""
    return jnp.stack([jnp.mean(2 * (yhat - Y)), jnp.mean(2 * (yhat - Y) * X)])


def step(params, lr, g):
    """ "params = params - lr*g"."""
    return params - lr * g


for k in range(1, ITERATIONS + 1):
    before = "params" if k == 1 else f"params_{k - 1}"
    ws.step(model, name=f"yhat_{k}", label="yhat", inputs=["X", before])
    ws.step(loss, name=f"loss_{k}", label="loss", inputs=["Y", f"yhat_{k}"])
    ws.step(
        loss_grad,
        name=f"g_{k}",
        label="g",
        means=grad(f"loss_{k}", wrt=before),
        inputs=["Y", f"yhat_{k}", "X"],
    )
    ws.step(
        step,
        name=f"params_{k}",
        label="params",
        means=update(before, lr="lr", loss=f"loss_{k}"),
        inputs=[before, "lr", f"g_{k}"],
    )
