"""gbasran, "Page 12: The Full Adam Algorithm" (an HTML page of the study guide ADAM-Machine-Learning-
Deepdive for MATH 3850, Part C "Complete Hand Computation: 3 Iterations of Adam"; text in
cases/texts/gbasran_adam_theta2.txt).

https://github.com/gbasran/ADAM-Machine-Learning-Deepdive/blob/54c544a15ebeac406b8c413080533c06f8de45e4/concept-12-full-adam.html

Adam (Kingma & Ba, Algorithm 1, the page's "Line 5" to "Line 10") on f(theta) = theta^2, in the
page's notation: theta_0 = 5, alpha = 0.1, beta_1 = 0.9, beta_2 = 0.999, epsilon = 10^-8, m_0 =
v_0 = 0; for t = 1, 2, 3:
    g_t = f'(theta_{t-1}) = 2 theta_{t-1}
    m_t = beta_1 m_{t-1} + (1 - beta_1) g_t
    v_t = beta_2 v_{t-1} + (1 - beta_2) g_t^2
    m-hat_t = m_t / (1 - beta_1^t),  v-hat_t = v_t / (1 - beta_2^t)
    theta_t = theta_{t-1} - alpha m-hat_t / (sqrt(v-hat_t) + epsilon)

Wired the way the page computes, each printed intermediate a step of its own: the two terms of m_t
and v_t ("0.9(1) + 0.1(9.8) = 0.9 + 0.98 = 1.88"), the factors 1 - beta_1 and 1 - beta_2 printed
as "0.1(...)" and "0.001(...)", the bias corrections' denominators ("\\frac{1.88}{0.19}"), sqrt(v-hat)
("\\frac{9.895}{9.901}") and the step alpha m-hat / (sqrt(v-hat) + epsilon) ("4.9 - 0.0999"). The
iterations are unrolled (the iteration number is a suffix: theta_k is theta after iteration k, the
start is the given theta_0), as the worksheet vocabulary has no declared repetition of a whole
iteration with its own counter (the exponent t in beta^t is each iteration's constant).

INFERRED only: iteration 3's update omits epsilon ("\\frac{9.786}{\\sqrt{96.06}}"); the worksheet keeps
the algorithm's Line 10 with epsilon in every iteration (10^-8 is far below every printed digit).
The side remarks are steps of their own where they print a new number: "beta_2^2 = 0.998"
(iteration 2) and "Correction factor 1 - 0.729 = 0.271" (beta_1^3, iteration 3). f_t = theta_{t-1}^2
is the loss each g_t is the derivative of; no value of f is printed. Nothing else is a derivative or
a plain gradient-descent update (Adam's update is not theta - alpha g), so only g_t declares a meaning.
"""

from __future__ import annotations

import jax.numpy as jnp

from gradaudit import Worksheet, grad

ITERATIONS = 3

worked_example = Worksheet("gbasran: Adam by hand on f(theta) = theta^2, three iterations", loss="f_1")
ws = worked_example


@ws.step(label="1 - \\beta_1")
def c1(beta1):
    """The factor printed as "0.1(10)" in Line 6."""
    return 1 - beta1


@ws.step(label="1 - \\beta_2")
def c2(beta2):
    """The factor printed as "0.001(10^2)" in Line 7."""
    return 1 - beta2


def f(theta):
    """ "Minimize f(theta) = theta^2"."""
    return theta**2


def gradient(theta):
    """Line 5: "g_1 = f'(theta_0) = 2(5) = 10" ("Derivative: f'(theta) = 2 theta")."""
    return 2 * theta


def decayed(beta, previous):
    """The first term of Lines 6 and 7: "0.9(1)", "0.999(0.1)"."""
    return beta * previous


def new_part(c, g):
    """The second term of Line 6: "0.1(9.8)"."""
    return c * g


def new_square(c, g):
    """The second term of Line 7: "0.001(9.8^2)"."""
    return c * g**2


def moment(old_term, new_term):
    """Lines 6 and 7 summed: "0.9 + 0.98 = 1.88", "0.0999 + 0.09604 = 0.19594"."""
    return old_term + new_term


def correction(t):
    """The bias correction's denominator 1 - beta^t at iteration t ("1 - 0.9^2" = 0.19)."""

    def one_minus_power(beta):
        return 1 - beta**t

    return one_minus_power


def corrected(moment, denominator):
    """Lines 8 and 9: "\\hat{m}_2 = \\frac{1.88}{0.19} = 9.895"."""
    return moment / denominator


def root(v_hat):
    """sqrt(v-hat) in Line 10: "\\sqrt{98.02}" printed 9.901."""
    return jnp.sqrt(v_hat)


def adam_step(alpha, m_hat, root_v_hat, eps):
    """Line 10's step: "0.1 x \\frac{9.895}{9.901}" printed "0.0999"."""
    return alpha * m_hat / (root_v_hat + eps)


def descend(theta, step):
    """Line 10: "theta_2 = 4.9 - 0.0999 = 4.8001"."""
    return theta - step


for k in range(1, ITERATIONS + 1):
    th, m, v = f"theta_{k - 1}", f"m_{k - 1}", f"v_{k - 1}"
    ws.step(f, name=f"f_{k}", label="f(\\theta)", inputs=[th])
    ws.step(gradient, name=f"g_{k}", label=f"g_{k}", group="g", means=grad(f"f_{k}", wrt=th), inputs=[th])
    ws.step(decayed, name=f"bm_{k}", label=f"\\beta_1 m_{k - 1}", group="bm", inputs=["beta1", m])
    ws.step(new_part, name=f"gm_{k}", label=f"(1 - \\beta_1) g_{k}", group="gm", inputs=["c1", f"g_{k}"])
    ws.step(moment, name=f"m_{k}", label=f"m_{k}", group="m", inputs=[f"bm_{k}", f"gm_{k}"])
    ws.step(decayed, name=f"bv_{k}", label=f"\\beta_2 v_{k - 1}", group="bv", inputs=["beta2", v])
    ws.step(new_square, name=f"gv_{k}", label=f"(1 - \\beta_2) g_{k}^2", group="gv", inputs=["c2", f"g_{k}"])
    ws.step(moment, name=f"v_{k}", label=f"v_{k}", group="v", inputs=[f"bv_{k}", f"gv_{k}"])
    ws.step(correction(k), name=f"corr1_{k}", label=f"1 - \\beta_1^{k}", group="corr1", inputs=["beta1"])
    mhat_label, vhat_label = f"\\hat{{m}}_{k}", f"\\hat{{v}}_{k}"
    ws.step(corrected, name=f"mhat_{k}", label=mhat_label, group="mhat", inputs=[f"m_{k}", f"corr1_{k}"])
    ws.step(correction(k), name=f"corr2_{k}", label=f"1 - \\beta_2^{k}", group="corr2", inputs=["beta2"])
    ws.step(corrected, name=f"vhat_{k}", label=vhat_label, group="vhat", inputs=[f"v_{k}", f"corr2_{k}"])
    ws.step(root, name=f"sqv_{k}", label=f"\\sqrt{{\\hat{{v}}_{k}}}", group="sqv", inputs=[f"vhat_{k}"])
    ws.step(
        adam_step,
        name=f"step_{k}",
        label="Step",
        group="step",
        inputs=["alpha", f"mhat_{k}", f"sqv_{k}", "eps"],
    )
    ws.step(descend, name=f"theta_{k}", label=f"\\theta_{k}", group="theta", inputs=[th, f"step_{k}"])


@ws.step(label="\\beta_2^2")
def b2sq_2(beta2):
    """Iteration 2's remark: "beta_2^2 = 0.998, so correction factor is still tiny"."""
    return beta2**2


@ws.step(label="\\beta_1^3")
def b1pow_3(beta1):
    """Iteration 3's remark: "Correction factor 1 - 0.729 = 0.271"."""
    return beta1**3
