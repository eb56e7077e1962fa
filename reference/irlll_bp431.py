"""Irbah Labibah Nur Saidah (GitHub: Irlll), "Math Behind Multilayer Perceptron Neural Networks
Backpropagation with Manual Code Python and Excel for Detecting Potential Obesity (Step by Step
Indonesia)", README.md at commit 08441f5 (text in cases/texts/irlll_bp431.txt).

https://github.com/Irlll/neural-network-backpropagation-from-scratch-code-for-detecting-potential-obesity-

In the README's notation (Indonesian, "Langkah" = step): four inputs x1..x4, three sigmoid hidden
units, one sigmoid output; weights w11..w34 (w_jk from input k to hidden j), hidden biases
biash1..biash3, output weights wh1..wh3 and bias biasout; error E = (target - out)^2; every
parameter p+ = p - eta dE/dp with the gradients written out in full (Langkah 6-9); eta = 0.5. Three
input samples are worked in turn ("Input 1", "Input 2", "Input 3"), each forward pass at the
parameters its predecessor updated (stochastic gradient descent over the first three rows of the
dataset). Per sample, Input 1's names bare and Inputs 2 and 3's with the suffix _s2, _s3 (as
reference/mahfuzar_sgd.py names its samples): Langkah 1-5 neth1..neth3, oh1..oh3, netout, out, E;
Langkah 6 dE_dwh1.., wh1_new.. ; Langkah 7 dE_dbiasout, biasout_new; Langkah 8 dE_dw11.., w11_new..;
Langkah 9 dE_dbiash1.., biash1_new.. (w11_new_s2: w11 after Input 2's update). Every gradient uses
the output weights before the sample's update (wh_j, not wh_j+), as the README's numbers do. The
sample's inputs and target are given values x1..x4, target (x1_s2, target_s2, ...). Not in the text
as a statement: eta = 0.5 and biasout = 0.95, printed only inside the first update ("0.8 - 0.5 \\*
0.05245320288") and the first netout ("... + 0.95"); nothing numeric is inferred.
"""

from __future__ import annotations

from gradaudit import Worksheet, grad, sigmoid, update

SAMPLES = (1, 2, 3)
HIDDEN = (1, 2, 3)
INPUTS = (1, 2, 3, 4)

worked_example = Worksheet("Irlll: 4-3-1 sigmoid network, three stochastic updates", loss="E")
ws = worked_example


def _sfx(s):
    """The sample's suffix, as in reference/mahfuzar_sgd.py: none for Input 1, `_s2`, `_s3` after."""
    return "" if s == 1 else f"_s{s}"


def neth(wj1, x1, wj2, x2, wj3, x3, wj4, x4, biashj):
    """Langkah 1: "neth1 = w11 \\* x1 + w12 \\* x2 + w13 \\* x3 + w14 \\* x4 + biash1"."""
    return wj1 * x1 + wj2 * x2 + wj3 * x3 + wj4 * x4 + biashj


def logistic(net):
    """Langkah 2 and 4: "oh 1 = 1 / (1 + e^{- neth1})", "out = 1 / (1 + e^{- netout})"."""
    return sigmoid(net)


def netout(wh1, oh1, wh2, oh2, wh3, oh3, biasout):
    """Langkah 3: "netout = wh1 \\* oh1 + wh2 \\* oh2 + wh3 \\* oh3 + biasout"."""
    return wh1 * oh1 + wh2 * oh2 + wh3 * oh3 + biasout


def error(target, out):
    """Langkah 5: "E = (target - out)<sup>2</sup>"."""
    return (target - out) ** 2


def dE_dwh(target, out, oh):
    """Langkah 6: "(-2 \\* (target - out)) \\* (out \\* (1 - out)) \\* (oh1)"."""
    return (-2 * (target - out)) * (out * (1 - out)) * oh


def dE_dbiasout(target, out):
    """Langkah 7: "(-2 \\* (target - out)) \\* (out \\* (1 - out)) \\* (1)"."""
    return (-2 * (target - out)) * (out * (1 - out)) * 1


def dE_dw(target, out, wh, oh, x):
    """Langkah 8: "((-2 \\* (target - out)) \\* (out \\* (1 - out))) \\* (wh1) \\* (oh1 \\* (1 - oh1))
    \\* (x1)"."""
    return ((-2 * (target - out)) * (out * (1 - out))) * wh * (oh * (1 - oh)) * x


def dE_dbiash(target, out, wh, oh):
    """Langkah 9: "((-2 \\* (target - out)) \\* (out \\* (1 - out))) \\* (wh1) \\* (oh1 \\* (1 - oh1))
    \\* (1)"."""
    return ((-2 * (target - out)) * (out * (1 - out))) * wh * (oh * (1 - oh)) * 1


def descend(p, eta, g):
    """ "wh1<sup>+</sup> = wh1 - eta \\* dE/dwh1" (and every other parameter)."""
    return p - eta * g


def _param(name, s):
    """The parameter as sample s sees it: the given value for s = 1, else s - 1's update."""
    return name if s == 1 else f"{name}_new{_sfx(s - 1)}"


for s in SAMPLES:
    sx = _sfx(s)
    E = f"E{sx}"
    for j in HIDDEN:
        ins = []
        for k in INPUTS:
            ins += [_param(f"w{j}{k}", s), f"x{k}{sx}"]
        ws.step(neth, name=f"neth{j}{sx}", label=f"neth{j}", inputs=[*ins, _param(f"biash{j}", s)])
    for j in HIDDEN:
        ws.step(logistic, name=f"oh{j}{sx}", label=f"oh {j}", aka=[f"oh{j}"], inputs=[f"neth{j}{sx}"])
    out_ins = []
    for j in HIDDEN:
        out_ins += [_param(f"wh{j}", s), f"oh{j}{sx}"]
    ws.step(netout, name=f"netout{sx}", label="netout", inputs=[*out_ins, _param("biasout", s)])
    ws.step(logistic, name=f"out{sx}", label="out", inputs=[f"netout{sx}"])
    ws.step(error, name=E, label="E", inputs=[f"target{sx}", f"out{sx}"])
    for j in HIDDEN:
        wh = _param(f"wh{j}", s)
        ws.step(
            dE_dwh,
            name=f"dE_dwh{j}{sx}",
            label=f"dE/dwh{j}",
            means=grad(E, wrt=wh),
            inputs=[f"target{sx}", f"out{sx}", f"oh{j}{sx}"],
        )
        ws.step(
            descend,
            name=f"wh{j}_new{sx}",
            label=f"wh{j}+",
            means=update(wh, lr="eta", loss=E),
            inputs=[wh, "eta", f"dE_dwh{j}{sx}"],
        )
    bo = _param("biasout", s)
    ws.step(
        dE_dbiasout,
        name=f"dE_dbiasout{sx}",
        label="dE/dbiasout",
        means=grad(E, wrt=bo),
        inputs=[f"target{sx}", f"out{sx}"],
    )
    ws.step(
        descend,
        name=f"biasout_new{sx}",
        label="biasout+",
        means=update(bo, lr="eta", loss=E),
        inputs=[bo, "eta", f"dE_dbiasout{sx}"],
    )
    for j in HIDDEN:
        for k in INPUTS:
            w = _param(f"w{j}{k}", s)
            ws.step(
                dE_dw,
                name=f"dE_dw{j}{k}{sx}",
                label=f"dE/dw{j}{k}",
                means=grad(E, wrt=w),
                inputs=[f"target{sx}", f"out{sx}", _param(f"wh{j}", s), f"oh{j}{sx}", f"x{k}{sx}"],
            )
            ws.step(
                descend,
                name=f"w{j}{k}_new{sx}",
                label=f"w{j}{k}+",
                means=update(w, lr="eta", loss=E),
                inputs=[w, "eta", f"dE_dw{j}{k}{sx}"],
            )
    for j in HIDDEN:
        b = _param(f"biash{j}", s)
        ws.step(
            dE_dbiash,
            name=f"dE_dbiash{j}{sx}",
            label=f"dE/dbiash{j}",
            means=grad(E, wrt=b),
            inputs=[f"target{sx}", f"out{sx}", _param(f"wh{j}", s), f"oh{j}{sx}"],
        )
        ws.step(
            descend,
            name=f"biash{j}_new{sx}",
            label=f"biash{j}+",
            means=update(b, lr="eta", loss=E),
            inputs=[b, "eta", f"dE_dbiash{j}{sx}"],
        )

# The README prints each forward quantity under one label for all three samples ("neth2 = ..." in
# Input 1, 2 and 3): the three are one quantity at three samples, so they are siblings, and a value
# copied from another sample's line is looked for among them (`wrong-operand`).
for label in ("neth1", "neth2", "neth3", "oh1", "oh2", "oh3", "netout", "out", "E"):
    ws.group(label, *(f"{label}{_sfx(s)}" for s in SAMPLES))
