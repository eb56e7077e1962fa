"""Miguel R. (migue-rc), "Linear Regression From Scratch" (the notebook index.ipynb of
github.com/migue-rc/FS-linear-regression at commit d6dcb5e; text in cases/texts/migue_linreg_gd.txt).

A line y = m x + b fitted to five points a..e (x = 2, 3, 5, 6, 8; y = 65, 70, 75, 85, 90) by
gradient descent on the mean squared error, in the notebook's own functions:
- `predict(X, m, b)`: m X + b;
- `loss_mse(y_true, predicted)`: mean((y_true - predicted)^2) (no 1/2), "MSE = 1/n sum (y_i - y^_i)^2";
- `update(...)`: dm = -2 mean(X (y_true - y_pred)), db = -2 mean(y_true - y_pred),
  new_m = m - learning_rate dm, new_b = b - learning_rate db.

First the MSE of a guessed line y = 3x + 60 ("Manually calculating it": per point the prediction,
y - y^, its square, then the mean). Then the first three epochs by hand from m = 0, b = 0 with
learning_rate = 0.01, each as the notebook writes it: the prediction per point, y - y^ per point,
"X x (y_i - y^_i)" element by element, its mean and the mean of y - y^, dm and db, m_new and b_new.
Then the loop: 3000 epochs from m = b = 0, printing the loss of epoch 0, the updates of the first
three epochs, and "Fit Loss" (the loss at the parameters after the 3000 updates).

Epoch k's names carry k: yhat{k}_a, r{k}_a (y - y^), xr{k}_a, mean_xr{k}, mean_r{k}, dm{k},
db{k}, m{k} and b{k} (m_new and b_new of epoch k), loss{k} (the MSE of epoch k's predictions, the
loss dm{k} and db{k} are the gradient of). The start is the given m, b; the guessed line's
parameters are m_guess, b_guess (both called m and b in the notebook).

INFERRED only: loss{k} as the loss of each epoch (the notebook computes it in the loop, `current_loss`,
and prints it for epoch 0 only), and the group of each quantity over the epochs (the means, dm, db,
the parameters), as the notebook's text repeats one epoch's lines in the next.
"""

from __future__ import annotations

from gradaudit import Worksheet, grad, update

POINTS = ("a", "b", "c", "d", "e")
EPOCHS = 3

worked_example = Worksheet(
    "migue-rc: linear regression y = mx + b on five points, MSE, three epochs by hand (learning rate 0.01)",
    loss="loss1",
    counts=["epochs"],
)
ws = worked_example


def predict(m, x, b):
    """ "def predict(X, m, b): return (m * X) + b"; by hand "(3 x 2) + 60", "7.78 x 2 + 1.54"."""
    return m * x + b


def residual(y, yhat):
    """The column "y - y^" ("y_true - y_pred" in `update`)."""
    return y - yhat


def square(r):
    """The column "(y - y^)^2"."""
    return r**2


def times_x(x, r):
    """ "X x (y_i - y^_i)" element by element ("X_y_true_pred = X * y_true_pred")."""
    return x * r


def mean5(a, b, c, d, e):
    """`np.mean` over the five points: "(130 + 210 + 375 + 510 + 720) / 5"."""
    return (a + b + c + d + e) / 5


def mse5(a, b, c, d, e):
    """ "def loss_mse(y_true, predicted): return np.mean((y_true - predicted) ** 2)"."""
    return (a**2 + b**2 + c**2 + d**2 + e**2) / 5


def minus_two_times(mean):
    """ "dm = -2 * np.mean(X_y_true_pred)", "db = -2 * np.mean(y_true_pred)"."""
    return -2 * mean


def step(old, learning_rate, d):
    """ "new_m = m - learning_rate * dm" ("m_new = m - learning rate * dm")."""
    return old - learning_rate * d


# "Manually calculating it": the guessed line y = 3x + 60, its predictions, y - y^, the squares, MSE.
for p in POINTS:
    ws.step(
        predict,
        name=f"yhat_guess_{p}",
        label="\\hat{y}",
        group="yhat_guess",
        inputs=["m_guess", f"x_{p}", "b_guess"],
    )
    ws.step(
        residual,
        name=f"r_guess_{p}",
        label="y-\\hat{y}",
        group="r_guess",
        inputs=[f"y_{p}", f"yhat_guess_{p}"],
    )
    ws.step(square, name=f"sq_guess_{p}", label="(y-\\hat{y})^2", group="sq_guess", inputs=[f"r_guess_{p}"])
ws.step(mean5, name="mse_guess", label="MSE", inputs=[f"sq_guess_{p}" for p in POINTS])

# "The update function": epochs 1..3 by hand, from m = 0 and b = 0.
for k in range(1, EPOCHS + 1):
    m_old, b_old = ("m", "b") if k == 1 else (f"m{k - 1}", f"b{k - 1}")
    for p in POINTS:
        ws.step(
            predict, name=f"yhat{k}_{p}", label="\\hat{y}", group=f"yhat{k}", inputs=[m_old, f"x_{p}", b_old]
        )
        ws.step(
            residual, name=f"r{k}_{p}", label="y-\\hat{y}", group=f"r{k}", inputs=[f"y_{p}", f"yhat{k}_{p}"]
        )
        ws.step(
            times_x,
            name=f"xr{k}_{p}",
            label="X \\times (y_i - \\hat{y}_i)",
            group=f"xr{k}",
            inputs=[f"x_{p}", f"r{k}_{p}"],
        )
    ws.step(mse5, name=f"loss{k}", label="Loss", inputs=[f"r{k}_{p}" for p in POINTS])
    ws.step(
        mean5,
        name=f"mean_xr{k}",
        label="np.mean(X \\times (y_i - \\hat{y}_i))",
        group="mean_xr",
        inputs=[f"xr{k}_{p}" for p in POINTS],
    )
    ws.step(
        mean5,
        name=f"mean_r{k}",
        label="np.mean(y_i - \\hat{y}_i)",
        group="mean_r",
        inputs=[f"r{k}_{p}" for p in POINTS],
    )
    ws.step(
        minus_two_times,
        name=f"dm{k}",
        label="dm",
        group="dm",
        inputs=[f"mean_xr{k}"],
        means=grad(f"loss{k}", wrt=m_old),
    )
    ws.step(
        minus_two_times,
        name=f"db{k}",
        label="db",
        group="db",
        inputs=[f"mean_r{k}"],
        means=grad(f"loss{k}", wrt=b_old),
    )
    ws.step(
        step,
        name=f"m{k}",
        label="m_{new}",
        group="m",
        inputs=[m_old, "learning_rate", f"dm{k}"],
        means=update(m_old, lr="learning_rate", loss=f"loss{k}"),
    )
    ws.step(
        step,
        name=f"b{k}",
        label="b_{new}",
        group="b",
        inputs=[b_old, "learning_rate", f"db{k}"],
        means=update(b_old, lr="learning_rate", loss=f"loss{k}"),
    )

# The loop: "epochs = 3000", then "fit_loss = loss_mse(y_true, fit_predicted)" with the m, b the
# loop leaves: the loss after 3000 updates from m = b = 0.
ws.repeat("fit_loss", of="loss1", rounds="epochs", carry={"m": "m1", "b": "b1"}, label="Fit Loss")
