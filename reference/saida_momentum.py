"""univ-saida.dz, "Momentum Gradient Descent: Complete Solution with Step-by-Step Calculations" (a page
of the Moodle platform of the university of Saïda; text in cases/texts/saida_momentum.txt).

https://e-learning.univ-saida.dz/mod/page/view.php?id=148564&lang=ar

Momentum gradient descent by hand on f(x) = (x - 4)^2, f'(x) = 2(x - 4), in the page's notation:
alpha = 0.2, beta = 0.9, x_0 = 10, v_0 = 0; for t = 1..4 (the page's "Iteration t"):
    g_t = f'(x_{t-1})                  ("g₁ = f'(x₀) = 2(10 - 4) = 12")
    v_t = beta v_{t-1} - alpha g_t     ("v₂ = 0.9(-2.4) - 0.2(7.2) = -2.16 - 1.44 = -3.6")
    x_t = x_{t-1} + v_t                ("x₂ = 7.6 + (-3.6) = 4.0")
The page's rule box writes "v(t) = β·v(t-1) - α·f'(x(t))" and "x(t+1) = x(t) + v(t)"; its iterations
take g_t at x_{t-1} (g₁ = f'(x₀)), as above. The two terms of v_t, as the page names them
("Momentum term (βv) + Gradient term (-αf')"), are steps of their own beside v_t, for the
iterations that print them ("-2.16 - 1.44", "-2.916 + 1.296"); v_t takes beta, v_{t-1}, alpha and
g_t, the numbers its line prints in every iteration ("0.9(-2.4) - 0.2(7.2)"). The summary table's
column f(x) is f at the row's x(t): f_t = f(x_{t-1}) is the loss whose derivative g_t is (the
table's row t - 1 prints f_t and g_t). The iterations are unrolled (the suffix is the page's
iteration number). Only g_t declares a meaning: momentum's velocity and position are not a plain
gradient-descent update (x - alpha g).
"""

from __future__ import annotations

from gradaudit import Worksheet, grad

ITERATIONS = 4
TERMS_PRINTED = (2, 4)  # the iterations whose velocity line prints its two terms
SUB = "₀₁₂₃₄"

worksheet = Worksheet("univ-saida: momentum gradient descent on (x - 4)^2, four iterations", loss="f_1")
ws = worksheet


def f(x):
    """ "Minimize the Function f(x) = (x - 4)²"."""
    return (x - 4) ** 2


def gradient(x):
    """ "Gradient: f'(x) = 2(x - 4)"; "g₂ = 2(7.6 - 4) = 7.2"."""
    return 2 * (x - 4)


def momentum_term(beta, v):
    """ "Momentum term (βv)": "0.9(-2.4)" printed "-2.16"."""
    return beta * v


def gradient_term(alpha, g):
    """ "Gradient term (-αf')": "- 0.2(7.2)" printed "- 1.44"."""
    return -alpha * g


def velocity(beta, v, alpha, g):
    """ "v(t) = β·v(t-1) - α·f'(x(t))": "v₂ = 0.9(-2.4) - 0.2(7.2) = -2.16 - 1.44 = -3.6"."""
    return beta * v - alpha * g


def position(x, v):
    """ "x(t+1) = x(t) + v(t)": "x₁ = 10 + (-2.4) = 7.6"."""
    return x + v


for t in range(1, ITERATIONS + 1):
    x_old, v_old = f"x_{t - 1}", f"v_{t - 1}"
    ws.step(f, name=f"f_{t}", label="f(x)", inputs=[x_old])
    slope = grad(f"f_{t}", wrt=x_old)
    ws.step(gradient, name=f"g_{t}", label=f"g{SUB[t]}", group="g", means=slope, inputs=[x_old])
    if t in TERMS_PRINTED:
        ws.step(momentum_term, name=f"mom_{t}", label="βv", group="mom", inputs=["beta", v_old])
        ws.step(gradient_term, name=f"gterm_{t}", label="-αf'", group="gterm", inputs=["alpha", f"g_{t}"])
    ws.step(velocity, name=f"v_{t}", label=f"v{SUB[t]}", group="v", inputs=["beta", v_old, "alpha", f"g_{t}"])
    ws.step(position, name=f"x_{t}", label=f"x{SUB[t]}", group="x", inputs=[x_old, f"v_{t}"])
