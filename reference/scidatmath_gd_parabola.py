"""SciData (scidatmath2020), "C03. Descenso de gradiente (teoría)" (Spanish course notes as a
Jupyter notebook; text in cases/texts/scidatmath_gd_parabola.txt).

https://github.com/scidatmath2020/Deep-Learning-con-Python (C03, commit 7bab89b)

Gradient descent by hand on f(x) = x^2 - 2x + 4, in the notebook's notation: f'(x) = 2x - 2 ("Como
f'(x)=2x-2"), the minimum where f'(x) = 0 ("2x-2=0 y por lo tanto en x=1"), the rule
x_{i+1} = x_i - alpha f'(x_i), x_1 = 3, alpha = 0.02; x_2 written out ("x_2=3-0.02(2·3-2)=2.92"),
x_3 and x_4 printed alone ("De la misma manera se obtiene x_3=2.84, x_4=2.76"), then the limit of
the x_i, the minimum again ("lim x_i=1"). The three updates are unrolled (the suffix is the
notebook's index i: g_i = f'(x_i), the gradient update i uses; f_i = f(x_i), the loss it
descends, not printed). The minimum and the limit are the root of f', a number of the function
alone; they are steps of x_1 only so that they sit in the worksheet (x_1 does not change them).
"""

from __future__ import annotations

from gradaudit import Worksheet, grad, update

UPDATES = 3

worked_example = Worksheet("SciData: gradient descent on x^2 - 2x + 4 from 3, alpha = 0.02", loss="f_1")
ws = worked_example


@ws.step(label="x")
def x_min(x_1):
    """ "f'(x)=0, de donde tenemos 2x-2=0 y por lo tanto en x=1 se encuentra el mínimo": the root
    of 2x - 2 (x_1 is an input in name only)."""
    return 2 / 2 + 0 * x_1


def f(x):
    """ "f(x)=x^2-2x+4"."""
    return x**2 - 2 * x + 4


def df_dx(x):
    """ "f'(x)=2x-2"."""
    return 2 * x - 2


def descend(x, alpha, g):
    """ "x_{i+1}=x_i-\\alpha f^\\prime(x_i)"."""
    return x - alpha * g


for i in range(1, UPDATES + 1):
    ws.step(f, name=f"f_{i}", label=f"f(x_{i})", inputs=[f"x_{i}"])
    ws.step(df_dx, name=f"g_{i}", label=f"f'(x_{i})", means=grad(f"f_{i}", wrt=f"x_{i}"), inputs=[f"x_{i}"])
    ws.step(
        descend,
        name=f"x_{i + 1}",
        label=f"x_{i + 1}",
        means=update(f"x_{i}", lr="alpha", loss=f"f_{i}"),
        inputs=[f"x_{i}", "alpha", f"g_{i}"],
    )


@ws.step(label="lim x_i")
def x_lim(x_min):
    """ "Observamos que lim_{i->inf} x_i=1, que es donde sabíamos que se alcanzaba el mínimo": the
    minimum found above, printed again."""
    return x_min
