"""mathix.co, "Gradient Descent Cost Ef0Fd3" (a step-by-step solution page: the cost of a linear
regression after one iteration of batch gradient descent; text in cases/texts/mathix_gd_cost.txt).

https://mathix.co/problems/machine%20learning/gradient-descent-cost-ef0fd3

In the page's notation: data x = [1, 2, 3], y = [1, 3, 5] (m = 3 points), theta_0 = theta_1 = 0,
alpha = 0.1; hypothesis h_theta(x) = theta_0 + theta_1 x; cost J(theta) = 1/(2m) sum (h - y)^2;
updates theta_0 := theta_0 - alpha (1/m) sum (h - y), theta_1 := theta_1 - alpha (1/m) sum (h - y) x.
Steps in the page's order and as it computes them: the initial hypothesis (step 3), the errors
(step 4), theta_0's update through the sum of the errors, their mean and the change "0 + 0.3"
(step 5), theta_1's update through the products (h - y) x, their sum and 0.1 x 22 = 2.2 divided by
m (step 6), the new hypothesis (step 7), the squared errors (step 8), their sum and the cost (step
9). The cost the update descends (J at the initial parameters, J_0) is not printed; it is a step
so that the derivative and update steps can say what they mean. m is the number of points
(len(x)), not a given. Nothing numeric is inferred.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, change, grad, update

worked_example = Worksheet("mathix: linear regression, cost after one gradient-descent iteration", loss="J_0")
ws = worked_example


@ws.step(label="h_theta(x^(i))")
def h(theta_0, theta_1, x):
    """Step 3: "h_theta(x^(i)) = 0 + 0 x x^(i) = 0" (the hypothesis at the initial parameters)."""
    return theta_0 + theta_1 * x


@ws.step(label="errors")
def err(h, y):
    """Step 4: "h_theta(x^(i)) - y^(i) = 0 - y^(i) = -y^(i)", "So errors are [-1, -3, -5]"."""
    return h - y


@ws.step(label="J(theta)")
def J_0(err):
    """The cost at the initial parameters, 1/(2m) sum (h - y)^2 (step 2's formula; not printed)."""
    return jnp.sum(err**2) / (2 * err.shape[0])


@ws.step(label="sum (h - y)")
def sum_err(err):
    """Step 5: "(-1 -3 -5)" = "-9" (the numerator of "\\frac{-9}{3}")."""
    return jnp.sum(err)


@ws.step(label="(1/m) sum (h - y)", means=grad("J_0", wrt="theta_0"))
def grad_0(sum_err, x):
    """Step 5: "\\frac{-9}{3} = (-3)" (m = 3 points)."""
    return sum_err / x.shape[0]


@ws.step(label="- alpha (1/m) sum (h - y)", means=change("theta_0", lr="alpha"))
def step_0(alpha, grad_0):
    """Step 5: "0 - 0.1 x (-3) = 0 + 0.3"."""
    return -alpha * grad_0


@ws.step(label="theta_0", means=update("theta_0", lr="alpha"))
def theta_0_new(theta_0, step_0):
    """Step 5: "theta_0 := ... = 0 + 0.3 = 0.3"."""
    return theta_0 + step_0


@ws.step(label="(h - y) x")
def err_x(err, x):
    """Step 6: "(-1) x 1 + (-3) x 2 + (-5) x 3 = -1 -6 -15" (the products, one per point)."""
    return err * x


@ws.step(label="sum (h - y) x")
def sum_err_x(err_x):
    """Step 6: "... = -1 -6 -15 = -22"."""
    return jnp.sum(err_x)


@ws.step(label="alpha x 22")
def step_1_num(alpha, sum_err_x):
    """Step 6: "0 - 0.1 x (-\\frac{22}{3}) = 0 + \\frac{2.2}{3}": the numerator 2.2 = -alpha x (-22)."""
    return -alpha * sum_err_x


@ws.step(label="theta_1", means=update("theta_1", lr="alpha"))
def theta_1_new(theta_1, step_1_num, x):
    """Step 6: "theta_1 := ... = 0 + \\frac{2.2}{3} = 0.7333" (m = 3 points)."""
    return theta_1 + step_1_num / x.shape[0]


@ws.step(label="h_theta(x^(i))")
def h_new(theta_0_new, theta_1_new, x):
    """Step 7: "h_theta(x^(i)) = 0.3 + 0.7333 x^(i)", then "For x=1: 0.3 + 0.7333 x 1 = 1.0333" ..."""
    return theta_0_new + theta_1_new * x


@ws.step(label="(h_theta(x^(i)) - y^(i))^2")
def sq_err(h_new, y):
    """Step 8: "For i=1: (1.0333 - 1)^2 = 0.0011" ..."""
    return (h_new - y) ** 2


@ws.step(label="sum (h - y)^2")
def sum_sq(sq_err):
    """Step 9: "(0.0011 + 1.5222 + 6.2501) = ... (7.7734)"."""
    return jnp.sum(sq_err)


@ws.step(label="J(theta)")
def J(sum_sq, x):
    """Step 9: "J(theta) = \\frac{1}{2 x 3} (...) = \\frac{1}{6} (7.7734) = 1.2956"."""
    return sum_sq / (2 * x.shape[0])


@ws.step(label="J(theta)")
def J_answer(J):
    """ "**Final answer:** The cost function after the first iteration is approximately 1.2956"
    (the same quantity printed again: a step of its own so that both printings are claims)."""
    return J
