"""`dense`: a fully connected network written out as a worksheet of closed-form textbook steps.

The case's `network:` block (`gradaudit.loading.schema.Network`) gives the layer sizes, the
activations, the biases, the loss as the article states it, the delta convention, the update rule
and the number of iterations; `names:` maps the article's symbols to the network's quantities.
The result is an ordinary `Worksheet`: one scalar step per quantity, named in the article's
notation, so printed numbers bind to steps by the article's own names.

The derivative steps are the textbook deltas written out (sigmoid' = out (1 - out), the output
delta from t - out with the delta loss's factor, a hidden delta from the next layer's weights and
deltas), never autodiff of the worksheet's own loss: each declares what it should be (`means=`),
so the formula rows compare it with autodiff of the stated loss, and `procedure` (DESIGN 8b) is
derived from these meanings as for any worksheet.

Quantities (layer 0 holds the inputs; l = 1 .. L; i a unit of layer l-1, j of layer l):
`x[i]`, `t[j]`, `lr`, `W<l>[i,j]`, `b<l>[j]` (per neuron) or `b<l>` (shared), `net<l>[j]`,
`out<l>[j]`, `error[j]` (t - out), `E[j]` (one output's loss term), `E`, `dE_dout[j]`,
`dout_dnet<l>[j]`, `delta<l>[j]`, `dE_dW<l>[i,j]`, `dW<l>[i,j]` (the change), `W<l>_new[i,j]`,
`b<l>_new[j]` / `b<l>_new`; a suffix `@k` names iteration k (default 1; `W1[0,0]@2` is
`W1_new[0,0]`); `net<l>` and `out<l>` without an index are the layer as one vector; `Q after n` is Q
of iteration 1 (net, out, E, delta, W, b) once n updates are done, n a count the case gives: a
`Worksheet.repeat` of iteration 1's own steps (one `lax.fori_loop`), compiled once per count. With
`samples: S` (SGD) iteration k uses sample ((k-1) mod S) + 1: `x[i]@k`, `t[j]@k` are its input and
target, and a repetition's round is one pass over the samples. Per-neuron biases offer the statement
`biases_stay_equal`. `A * B` is a product printed on its own (a step; W<l>[i,j] * its input is then
a term net<l>[j] takes as input); `1 - Q` likewise (1 - out of a sigmoid unit then feeds its slope
out (1 - out), a step). `net`, `out`, `delta`, `E` and the updated weights are always steps;
`error`, `E[j]`, `dE_dout`, `dout_dnet`, `dE_dW` and `dW` are steps only when the article names them
(the formula that uses them then takes them as inputs), else they are folded into that formula.
Every iteration's training steps are in the worksheet; of the forward pass after the last update
(`@N+1`) only what the article names, and what that needs.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import jax.numpy as jnp
import pydantic

from ..core.vocab import Conventions, Meaning, Quantity, Worksheet, change, grad, sigmoid, update
from ..loading.resolve import BuiltinConfigError
from ..loading.schema import Network, NetworkBias

__all__ = ["dense", "quantity_names"]

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_QUANTITY = re.compile(
    r"(?P<kind>x|t|lr|E|error|dE_dout|dE_dW|dE_db|dW|dout_dnet|delta|net|out|W|b)"
    r"(?P<layer>\d+)?(?P<new>_new)?(?:\[(?P<idx>\s*\d+\s*(?:,\s*\d+\s*)?)\])?(?:@(?P<it>\d+))?"
    r"(?:\s+after\s+(?P<after>\S+))?\Z"
)
# Quantities a repetition may end on (`out2 after n`): iteration 1's own steps that are always
# steps, and the carried parameters.
_AFTER = ("net", "out", "E", "delta", "W", "b")
# Quantities that are steps only when named (else folded into the formula using them).
FOLDABLE = {"error", "E_term", "dE_dout", "dout_dnet", "dE_dW", "dE_db", "dW"}
# Loss factors of the closed-form output deltas: dE/dout = c (out - t) for the squared losses.
_SQUARED = ("half_sse", "sse", "mse")


@dataclass
class _OutputContext:
    """What the output deltas of one iteration share (`_Builder._output_context`)."""

    L: int
    n: int
    E: Any
    s_d: int
    softmax: bool
    outs: list
    ts: list
    c: float | None
    ce: bool
    g_inputs: list
    g_fns: list
    means_sign: int


@dataclass(frozen=True)
class Q:
    """A network quantity: kind, layer (None where it has none), unit index, iteration (0: none);
    `after`: the given count of updates it comes after (a repetition of iteration 1's steps).
    A `net` or `out` without an index is its layer's units as one vector."""

    kind: str
    layer: int | None = None
    index: tuple[int, ...] = ()
    it: int = 0
    after: str = ""
    factors: tuple[Q, ...] = ()  # a product's two quantities

    def text(self) -> str:
        if self.kind == "complement":
            return f"1 - {self.factors[0].text()}"
        if self.factors:
            return " * ".join(f.text() for f in self.factors)
        kind = "E" if self.kind == "E_term" else self.kind
        if kind in ("W_new", "b_new"):
            kind = f"{kind[0]}{self.layer}_new"
        elif self.layer is not None:
            kind = f"{kind}{self.layer}"
        idx = f"[{','.join(map(str, self.index))}]" if self.index else ""
        after = f" after {self.after}" if self.after else ""
        return kind + idx + (f"@{self.it}" if self.it > 1 else "") + after

    def ident(self) -> str:
        """The step or given name of an unnamed quantity: net1_0, W2_new_1_0, E_it2."""
        if self.kind == "complement":
            return f"one_minus_{self.factors[0].ident()}"
        if self.factors:
            return "_x_".join(f.ident() for f in self.factors)
        kind = "E" if self.kind == "E_term" else self.kind
        if kind in ("W_new", "b_new"):
            base = f"{kind[0]}{self.layer}_new"
        else:
            base = kind + ("" if self.layer is None else str(self.layer))
        parts = [base, *map(str, self.index)]
        after = f"_after_{self.after}" if self.after else ""
        it = "" if self.it <= 1 else (f"_s{self.it}" if kind in ("x", "t") else f"_it{self.it}")
        return "_".join(parts) + it + after

    def base(self) -> Q:
        """The quantity of iteration 1 that a repetition ends on (itself when it is none)."""
        return replace(self, after="")


def quantity_names() -> str:
    """The quantity vocabulary, for messages and the schema's description."""
    return (
        "x[i], t[j], lr, W<l>[i,j], b<l>[j] or b<l>, net<l>[j], out<l>[j], error[j], E[j], E, dE_dout[j], "
        "dout_dnet<l>[j], delta<l>[j], dE_dW<l>[i,j], dE_db<l>[j] or dE_db<l>, dW<l>[i,j], W<l>_new[i,j], "
        "b<l>_new[j] or b<l>_new, "
        "each with an optional @k (iteration k); net<l> and out<l> without an index (the layer as one "
        "vector); 'Q after n' (Q one of net, out, E, delta, W, b after n updates, n a count in given:); "
        "'A * B' (a product of two quantities); '1 - Q'; with samples, x[i]@k and t[j]@k (iteration "
        "k's sample)"
    )


# ------------------------------------------------------------------------------------------------
# The configuration, checked


@dataclass
class _Config:
    sizes: list[int]
    acts: list[str]  # per layer 1..L (index 0 unused)
    bias: str
    bias_update: bool
    loss: str
    delta_loss: str
    s_d: float  # +1: delta = dE/dnet; -1: delta = -dE/dnet
    u: float  # the change is u * lr * delta * input
    hidden_updated: bool
    iterations: int
    samples: int = 1

    def sample(self, it: int) -> int:
        """The sample iteration `it` uses (0: the one sample of a network without `samples`)."""
        return 0 if self.samples == 1 else (it - 1) % self.samples + 1

    @property
    def L(self) -> int:
        return len(self.sizes) - 1


def _config(net: Network) -> _Config:
    if len(net.layers) < 2:
        raise BuiltinConfigError(("layers",), "expected at least two layers (the inputs and the outputs)")
    for i, n in enumerate(net.layers):
        if n < 1:
            raise BuiltinConfigError(("layers", i), f"expected a number of units of at least 1, found {n}")
    L = len(net.layers) - 1
    if isinstance(net.activation, list):
        if len(net.activation) != L:
            raise BuiltinConfigError(
                ("activation",),
                f"expected {L} activations (one per layer after the inputs), found {len(net.activation)}",
            )
        acts = ["", *net.activation]
    else:
        acts = ["", *([net.activation] * L)]
    for l_ in range(1, L):
        if acts[l_] == "softmax":
            path = ("activation", l_ - 1) if isinstance(net.activation, list) else ("activation",)
            raise BuiltinConfigError(path, "softmax is an output activation: only the last layer may use it")
    bias = net.bias if isinstance(net.bias, str) else net.bias.kind
    bias_update = True if isinstance(net.bias, str) else net.bias.update
    if net.iterations < 1:
        raise BuiltinConfigError(("iterations",), f"expected at least 1 iteration, found {net.iterations}")
    if not 1 <= net.samples <= net.iterations:
        raise BuiltinConfigError(
            ("samples",),
            f"expected 1 to {net.iterations} samples (one per iteration, iterations: {net.iterations}), "
            f"found {net.samples}",
        )
    s_d = -1.0 if net.delta.sign == "error" else 1.0
    sign = net.update.sign or ("plus" if s_d < 0 else "minus")
    return _Config(
        sizes=list(net.layers),
        acts=acts,
        bias=bias,
        bias_update=bias_update,
        loss=net.loss,
        delta_loss=net.delta.loss or net.loss,
        s_d=s_d,
        u=1.0 if sign == "plus" else -1.0,
        hidden_updated=net.update.hidden_deltas == "updated",
        iterations=net.iterations,
        samples=net.samples,
    )


def _parse(cfg: _Config, text: str) -> Q:
    """The quantity a name map entry names, normalised (W1[0,0]@2 is W1_new[0,0]@1), or ValueError."""
    if "*" in text:
        return _parse_product(cfg, text)
    one_minus = re.match(r"\s*1\s*-\s*(?P<q>.+)\Z", text)
    if one_minus:
        q = _parse(cfg, one_minus["q"])
        if q.after or q.factors or (q.kind in ("net", "out") and not q.index):
            raise ValueError(f"'{text}': '1 - Q' takes one number of the worksheet as Q")
        return Q("complement", None, (), q.it, factors=(q,))
    m = _QUANTITY.match(text.strip())
    if not m:
        raise ValueError(f"expected a network quantity ({quantity_names()}), found '{text}'")
    if m["after"]:
        return _parse_after(cfg, text, m)
    kind, new = m["kind"], bool(m["new"])
    layer = int(m["layer"]) if m["layer"] is not None else None
    idx = tuple(int(p) for p in m["idx"].split(",")) if m["idx"] else ()
    it = int(m["it"]) if m["it"] else 1
    L, N, sizes = cfg.L, cfg.iterations, cfg.sizes
    if new and kind not in ("W", "b"):
        raise ValueError(f"'_new' belongs to weights and biases only, found '{text}'")
    if kind in ("x", "t", "lr"):
        if layer is not None or (m["it"] and (kind == "lr" or cfg.samples == 1)):
            raise ValueError(f"{kind} has no layer and no iteration (one sample), found '{text}'")
        if not 1 <= it <= N + 1:
            raise ValueError(f"'{text}': iteration {it} is out of range (1 to {N + 1})")
        want = {"x": 1, "t": 1, "lr": 0}[kind]
        if len(idx) != want:
            raise ValueError(f"expected {kind}{'[i]' if want else ''}, found '{text}'")
        if idx and idx[0] >= (sizes[0] if kind == "x" else sizes[-1]):
            raise ValueError(
                f"'{text}': index {idx[0]} is out of range ({sizes[0] if kind == 'x' else sizes[-1]} units)"
            )
        return Q(kind, None, idx, cfg.sample(it) if kind != "lr" else 0)
    if kind in ("E", "error", "dE_dout"):
        if layer is not None:
            raise ValueError(f"{kind} belongs to the output layer and takes no layer number, found '{text}'")
        if kind == "E" and idx:
            kind = "E_term"
        if kind != "E" and len(idx) != 1:
            raise ValueError(f"expected {kind}[j], found '{text}'")
        if idx and idx[0] >= sizes[-1]:
            raise ValueError(f"'{text}': index {idx[0]} is out of range ({sizes[-1]} outputs)")
        last = N + 1 if kind != "dE_dout" else N
        if not 1 <= it <= last:
            raise ValueError(f"'{text}': iteration {it} is out of range (1 to {last})")
        return Q(kind, None, idx, it)
    if layer is None or not 1 <= layer <= L:
        raise ValueError(f"'{text}': expected a layer number from 1 to {L}")
    if kind in ("W", "dE_dW", "dW"):
        if len(idx) != 2:
            raise ValueError(f"expected {kind}{layer}[i,j], found '{text}'")
        if idx[0] >= sizes[layer - 1] or idx[1] >= sizes[layer]:
            raise ValueError(f"'{text}': W{layer} is {sizes[layer - 1]} x {sizes[layer]}")
    elif kind in ("b", "dE_db") and cfg.bias == "shared":
        if idx:
            raise ValueError(f"the bias is shared per layer: write {kind}{layer}, found '{text}'")
    elif kind in ("net", "out") and not idx:
        pass  # the layer's units as one vector
    elif len(idx) != 1 or idx[0] >= sizes[layer]:
        raise ValueError(f"expected {kind}{layer}[j] with j below {sizes[layer]}, found '{text}'")
    if kind in ("b", "dE_db") and cfg.bias == "none":
        raise ValueError(f"'{text}': the network has no biases (bias: none)")
    if kind == "b" and new and not cfg.bias_update:
        raise ValueError(f"'{text}': the biases are not updated (bias update: false)")
    if kind == "dout_dnet" and cfg.acts[layer] == "softmax":
        raise ValueError(f"'{text}': softmax's derivative is a matrix; name dE_dout and delta instead")
    if kind in ("W", "b") and not new and it > 1:
        if kind == "b" and not cfg.bias_update:
            return Q("b", layer, idx, 1)  # never updated: the given bias at every iteration
        kind, new, it = kind, True, it - 1
    last = N + 1 if kind in ("net", "out") else N
    if not 1 <= it <= last:
        raise ValueError(f"'{text}': iteration {it} is out of range (1 to {last})")
    return Q(kind + ("_new" if new else ""), layer, idx, it)


def _parse_product(cfg: _Config, text: str) -> Q:
    """`A * B`: the product of two quantities, a step of its own (`W1[0,0] * x[0]`, printed inside
    a sum), or ValueError."""
    parts = [p.strip() for p in text.split("*")]
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"expected a product of two network quantities 'A * B', found '{text}'")
    factors = tuple(_parse(cfg, p) for p in parts)
    for f in factors:
        if f.after:
            raise ValueError(f"'{text}': a product's factors are quantities of the worksheet, not 'after n'")
        if f.kind in ("net", "out") and not f.index:
            raise ValueError(f"'{text}': a product of two numbers, not of a layer")
    return Q("product", None, (), max(f.it for f in factors), factors=factors)


def _parse_after(cfg: _Config, text: str, m: re.Match) -> Q:
    """`Q after n`: quantity Q of iteration 1's formulas once n updates are done (n a given count;
    the worksheet repeats iteration 1's own steps n times in one loop), or ValueError."""
    count = m["after"]
    if not _IDENT.match(count):
        raise ValueError(f"'{text}': expected the name of a given count after 'after', found '{count}'")
    if m["it"] or m["new"] or m["kind"] not in _AFTER:
        raise ValueError(
            f"'{text}': 'after n' ends a repetition on iteration 1's {', '.join(_AFTER)} (no '@k', no '_new')"
        )
    q = _parse(cfg, re.split(r"\s+after\s+", text.strip())[0])
    if q.kind == "b" and not cfg.bias_update:
        raise ValueError(f"'{text}': the biases are not updated (bias update: false); name {q.text()}")
    return replace(q, after=count)


# ------------------------------------------------------------------------------------------------
# Steps with a fixed number of inputs


def _fn(body: Callable[..., Any], n: int, doc: str) -> Callable[..., Any]:
    def f(*args):
        return body(*args)

    f.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(f"a{i}", inspect.Parameter.POSITIONAL_OR_KEYWORD) for i in range(n)]
    )
    f.__doc__ = doc
    return f


def _activate(act: str) -> Callable[[Any], Any]:
    return {
        "sigmoid": sigmoid,
        "tanh": jnp.tanh,
        "relu": lambda z: jnp.where(z > 0, z, 0.0 * z),
        "linear": lambda z: z,
    }[act]


def _slope(act: str) -> Callable[[Any], Any]:
    """The activation's derivative in its textbook form: from the output (from net for ReLU)."""
    return {
        "sigmoid": lambda o: o * (1 - o),
        "tanh": lambda o: 1 - o**2,
        "relu": lambda z: jnp.where(z > 0, 1.0, 0.0),
        "linear": lambda o: 1.0 + 0.0 * o,
    }[act]


@dataclass
class _Node:
    q: Q
    inputs: list[Q]
    body: Callable[..., Any]
    doc: str
    means: tuple | None = None  # ("grad"|"change"|"update", of Q, loss Q, sign)


class _Builder:
    def __init__(self, cfg: _Config, named: dict[Q, str]):
        self.cfg = cfg
        self.named = named
        self.nodes: dict[Q, _Node] = {}
        # the named products, by their two factors: a net input takes W x input from one
        self.products = {frozenset(q.factors): q for q in named if q.kind == "product"}
        # the named complements 1 - Q, by Q: a sigmoid's slope out (1 - out) takes 1 - out from one
        self.complements = {q.factors[0]: q for q in named if q.kind == "complement"}

    def add(self, q: Q, inputs: list[Q], body, doc: str, means: tuple | None = None) -> None:
        self.nodes[q] = _Node(q, inputs, body, doc, means)

    def has(self, q: Q) -> bool:
        return q in self.named

    # The quantities each iteration reads
    def W(self, layer: int, i: int, j: int, it: int) -> Q:
        return Q("W", layer, (i, j), 1) if it == 1 else Q("W_new", layer, (i, j), it - 1)

    def b(self, layer: int, j: int, it: int) -> Q:
        idx = () if self.cfg.bias == "shared" else (j,)
        if it == 1 or not self.cfg.bias_update:
            return Q("b", layer, idx, 1)
        return Q("b_new", layer, idx, it - 1)

    def prev(self, layer: int, i: int, it: int) -> Q:
        return Q("x", None, (i,), self.cfg.sample(it)) if layer == 1 else Q("out", layer - 1, (i,), it)

    def forward(self, it: int) -> None:
        cfg = self.cfg
        for layer in range(1, cfg.L + 1):
            n_in = cfg.sizes[layer - 1]
            for j in range(cfg.sizes[layer]):
                ins: list[Q] = []
                widths: list[int] = []  # per term: 1 (a named product W x input) or 2 (W, input)
                for i in range(n_in):
                    w, p = self.W(layer, i, j, it), self.prev(layer, i, it)
                    pq = self.products.get(frozenset((w, p)))
                    if pq:
                        self.printed(pq)
                    ins += [pq] if pq else [w, p]
                    widths.append(1 if pq else 2)
                if cfg.bias != "none":
                    ins.append(self.b(layer, j, it))

                def net_fn(*a, widths=tuple(widths)):
                    z, pos = None, 0
                    for w in widths:
                        term = a[pos] if w == 1 else a[pos] * a[pos + 1]
                        z, pos = (term if z is None else z + term), pos + w
                    return z + a[pos] if len(a) > pos else z

                self.add(
                    Q("net", layer, (j,), it), ins, net_fn, f"net{layer}[{j}] = sum_i W{layer}[i,{j}] in[i]"
                )
            act = cfg.acts[layer]
            nets = [Q("net", layer, (j,), it) for j in range(cfg.sizes[layer])]
            for j in range(cfg.sizes[layer]):
                if act == "softmax":

                    def soft(*z, j=j):
                        return jnp.exp(z[j]) / sum(jnp.exp(v) for v in z)

                    self.add(
                        Q("out", layer, (j,), it), nets, soft, f"out{layer}[{j}] = softmax(net{layer})[{j}]"
                    )
                else:
                    self.add(
                        Q("out", layer, (j,), it),
                        [nets[j]],
                        _activate(act),
                        f"out{layer}[{j}] = {act}(net{layer}[{j}])",
                    )

    def loss(self, it: int) -> None:
        cfg = self.cfg
        L, n = cfg.L, cfg.sizes[-1]
        softmax = cfg.acts[L] == "softmax"
        for j in range(n):
            o, t = Q("out", L, (j,), it), Q("t", None, (j,), cfg.sample(it))
            self.add(Q("error", None, (j,), it), [t, o], lambda t_, o_: t_ - o_, f"error[{j}] = t[{j}] - out")
            self.add(
                Q("E_term", None, (j,), it), [t, o], _term(cfg.loss, softmax), f"E[{j}]: the {cfg.loss} term"
            )
        terms = [Q("E_term", None, (j,), it) for j in range(n)]
        mean = cfg.loss == "mse"
        if all(self.has(q) for q in terms):
            ins = terms

            def total(*e, mean=mean, n=n):
                s = sum(e[1:], e[0])
                return s / n if mean else s
        else:
            ins = [v for j in range(n) for v in (Q("t", None, (j,), cfg.sample(it)), Q("out", L, (j,), it))]
            term = _term(cfg.loss, softmax)

            def total(*a, mean=mean, n=n, term=term):
                s = term(a[0], a[1])
                for k in range(1, n):
                    s = s + term(a[2 * k], a[2 * k + 1])
                return s / n if mean else s

        self.add(Q("E", None, (), it), ins, total, f"E = the {cfg.loss} loss")

    def backward(self, it: int) -> None:
        """Output deltas, hidden deltas top down, then the updates (a layer's updates before the
        deltas below it when those use the updated weights)."""
        L = self.cfg.L
        self.output_deltas(it)
        if self.cfg.hidden_updated:
            for layer in range(L, 0, -1):
                self.updates(layer, it)
                if layer > 1:
                    self.hidden_deltas(layer - 1, it)
            return
        for layer in range(L - 1, 0, -1):
            self.hidden_deltas(layer, it)
        for layer in range(L, 0, -1):
            self.updates(layer, it)

    def printed(self, q: Q) -> None:
        """A named product `A * B` or complement `1 - Q` (once; before the step that takes it)."""
        if q in self.nodes:
            return
        if q.kind == "product":
            self.add(q, list(q.factors), lambda a_, b_: a_ * b_, f"{q.text()}, printed on its own")
        else:
            self.add(q, list(q.factors), lambda a_: 1 - a_, f"{q.text()}, printed on its own")

    def vector(self, q: Q) -> None:
        """A layer's net inputs or outputs as one vector (`out2`, `net1@2`)."""
        assert q.layer is not None
        units = [Q(q.kind, q.layer, (j,), q.it) for j in range(self.cfg.sizes[q.layer])]
        self.add(q, units, lambda *a: jnp.stack(a), f"{q.text()} = the layer's units as one vector")

    def slope_node(self, layer: int, j: int, it: int) -> tuple[list[Q], Callable[..., Any]]:
        """Inputs and function giving f'(net) for a unit: its named dout_dnet step, or inline."""
        q = Q("dout_dnet", layer, (j,), it)
        act = self.cfg.acts[layer]
        src = Q("net" if act == "relu" else "out", layer, (j,), it)
        comp = self.complements.get(src) if act == "sigmoid" else None
        if comp is not None:  # the article's own 1 - out, then out (1 - out): a step (see _named)
            self.printed(comp)
            self.add(q, [src, comp], lambda o_, c_: o_ * c_, f"dout_dnet{layer}[{j}] = out (1 - out)")
        else:
            self.add(q, [src], _slope(act), f"dout_dnet{layer}[{j}] = {act}'")
        if self.has(q):
            return [q], lambda v: v
        return [src], _slope(act)

    def output_deltas(self, it: int) -> None:
        """The output layer's deltas of iteration `it`, one step per output neuron."""
        o = self._output_context(it)
        for j in range(o.n):
            self._output_delta(o, j, it)

    def _output_context(self, it: int) -> _OutputContext:
        """What every output delta of iteration `it` shares: the loss the deltas are written for,
        the outputs and targets, and how dE/dout is read (a named step, the error, or (t, out))."""
        cfg = self.cfg
        L, n = cfg.L, cfg.sizes[-1]
        E = Q("E", None, (), it)
        s_d = cfg.s_d
        softmax = cfg.acts[L] == "softmax"
        outs = [Q("out", L, (j,), it) for j in range(n)]
        ts = [Q("t", None, (j,), cfg.sample(it)) for j in range(n)]
        c = {"half_sse": 1.0, "sse": 2.0, "mse": 2.0 / n}.get(cfg.delta_loss)
        ce = cfg.delta_loss == "cross_entropy"

        # dE/dout of the delta loss, per output: named step, from error, or from (t, out)
        def g_plain(t_, o_):
            if not ce:
                return c * (o_ - t_)
            return -t_ / o_ if softmax else (o_ - t_) / (o_ * (1 - o_))

        g_inputs: list[list[Q]] = []
        g_fns: list[Callable[..., Any]] = []
        for j in range(n):
            gq = Q("dE_dout", None, (j,), it)
            self.add(
                gq,
                [ts[j], outs[j]],
                g_plain,
                f"dE_dout[{j}] from the {cfg.delta_loss} loss",
                means=("grad", outs[j], E, 1),
            )
            eq = Q("error", None, (j,), it)
            if self.has(gq):
                g_inputs.append([gq])
                g_fns.append(lambda v: v)  # noqa: E702
            elif self.has(eq) and not ce:
                g_inputs.append([eq])
                g_fns.append(lambda e, c=c: -c * e)  # noqa: E702
            else:
                g_inputs.append([ts[j], outs[j]])
                g_fns.append(g_plain)  # noqa: E702
        return _OutputContext(L, n, E, s_d, softmax, outs, ts, c, ce, g_inputs, g_fns, 1 if s_d > 0 else -1)

    def _output_delta(self, o: _OutputContext, j: int, it: int) -> None:
        """One output neuron's delta: softmax's Jacobian, sigmoid with cross-entropy (out - t), or
        f'(net) x dE/dout (the textbook error form where the sign convention says so)."""
        s_d = o.s_d
        dq = Q("delta", o.L, (j,), it)
        if o.softmax:
            self._softmax_delta(o, dq, j, it)
        elif o.ce and self.cfg.acts[o.L] == "sigmoid" and not self.has(Q("dE_dout", None, (j,), it)):
            self.add(
                dq,
                [o.ts[j], o.outs[j]],
                lambda t_, o_: s_d * (o_ - t_),
                f"delta{o.L}[{j}] = out - t",
                means=_delta_means(o, j, it),
            )
        else:
            self._chain_delta(o, dq, j, it)

    def _softmax_delta(self, o: _OutputContext, dq: Q, j: int, it: int) -> None:
        """A softmax output's delta: out_j sum_k t_k - t_j with cross-entropy when no dE/dout is
        named, else through softmax's Jacobian from every output's dE/dout."""
        L, n, s_d = o.L, o.n, o.s_d
        direct = o.ce and not any(self.has(Q("dE_dout", None, (k,), it)) for k in range(n))
        if direct:  # softmax with cross-entropy: out_j sum_k t_k - t_j (out - t for one-hot t)

            def d_fn(*a, j=j, n=n):
                return s_d * (a[j] * sum(a[n + 1 :], a[n]) - a[n + j])

            self.add(
                dq,
                o.outs + o.ts,
                d_fn,
                f"delta{L}[{j}] = out[{j}] sum(t) - t[{j}]",
                means=_delta_means(o, j, it),
            )
            return
        ins = [q for gi in o.g_inputs for q in gi] + o.outs
        widths = [len(gi) for gi in o.g_inputs]

        def d_fn(*a, j=j, n=n, widths=widths, fns=tuple(o.g_fns)):
            pos, gs = 0, []
            for w, f in zip(widths, fns):
                gs.append(f(*a[pos : pos + w]))
                pos += w
            os_ = a[pos:]
            s = gs[0] * os_[0]
            for k in range(1, n):
                s = s + gs[k] * os_[k]
            return s_d * (os_[j] * (gs[j] - s))

        self.add(
            dq,
            ins,
            d_fn,
            f"delta{L}[{j}] through softmax's Jacobian",
            means=_delta_means(o, j, it),
        )

    def _chain_delta(self, o: _OutputContext, dq: Q, j: int, it: int) -> None:
        """An output delta by the chain rule, f'(net) x dE/dout with the sign convention's sign; in
        the textbook error form (`_error_form`) where that convention is t - out and neither
        dE/dout is named nor the loss cross-entropy."""
        s_d = o.s_d
        s_ins, s_fn = self.slope_node(o.L, j, it)
        gi, gf = o.g_inputs[j], o.g_fns[j]
        k = len(s_ins)
        if s_d < 0 and not self.has(Q("dE_dout", None, (j,), it)) and not o.ce:
            body = _error_form(o.c, s_fn, self.has(Q("error", None, (j,), it)))
        else:

            def body(*a, k=k, sf=s_fn, gf=gf):
                return s_d * (gf(*a[k:]) * sf(*a[:k]))

        self.add(
            dq,
            s_ins + gi,
            body,
            f"delta{o.L}[{j}] = f'(net) x dE/dout ({self.cfg.delta_loss})",
            means=_delta_means(o, j, it),
        )

    def hidden_deltas(self, layer: int, it: int) -> None:
        cfg = self.cfg
        E = Q("E", None, (), it)
        n_next = cfg.sizes[layer + 1]
        for j in range(cfg.sizes[layer]):
            s_ins, s_fn = self.slope_node(layer, j, it)
            ins = list(s_ins)
            for k in range(n_next):
                w = Q("W_new", layer + 1, (j, k), it) if cfg.hidden_updated else self.W(layer + 1, j, k, it)
                ins += [w, Q("delta", layer + 1, (k,), it)]

            def body(*a, sf=s_fn, m=n_next):
                s = a[1] * a[2]
                for k in range(1, m):
                    s = s + a[1 + 2 * k] * a[2 + 2 * k]
                return sf(a[0]) * s

            self.add(
                Q("delta", layer, (j,), it),
                ins,
                body,
                f"delta{layer}[{j}] = f'(net) x sum_k W{layer + 1}[{j},k] delta{layer + 1}[k]",
                means=("grad", Q("net", layer, (j,), it), E, 1 if cfg.s_d > 0 else -1),
            )

    def updates(self, layer: int, it: int) -> None:
        cfg = self.cfg
        E = Q("E", None, (), it)
        lr = Q("lr", None, (), 0)
        u, s_d = cfg.u, cfg.s_d
        for i in range(cfg.sizes[layer - 1]):
            for j in range(cfg.sizes[layer]):
                w = self.W(layer, i, j, it)
                d, p = Q("delta", layer, (j,), it), self.prev(layer, i, it)
                gq, cq = Q("dE_dW", layer, (i, j), it), Q("dW", layer, (i, j), it)
                self.add(
                    gq,
                    [d, p],
                    lambda d_, p_: s_d * d_ * p_ if s_d < 0 else d_ * p_,
                    f"dE_dW{layer}[{i},{j}] = delta x input",
                    means=("grad", w, E, 1),
                )
                if self.has(gq):
                    self.add(
                        cq,
                        [lr, gq],
                        lambda lr_, g_: (u * s_d) * lr_ * g_,
                        "dW = -lr dE/dW",
                        means=("change", w, E, 1),
                    )
                else:
                    self.add(
                        cq,
                        [lr, d, p],
                        lambda lr_, d_, p_: u * lr_ * d_ * p_,
                        "dW = lr x delta x input",
                        means=("change", w, E, 1),
                    )
                new = Q("W_new", layer, (i, j), it)
                if self.has(cq):
                    self.add(
                        new, [w, cq], lambda w_, c_: w_ + c_, "W_new = W + dW", means=("update", w, E, 1)
                    )
                elif self.has(gq):
                    self.add(
                        new,
                        [w, lr, gq],
                        lambda w_, lr_, g_: w_ + (u * s_d) * lr_ * g_,
                        "W_new = W - lr dE/dW",
                        means=("update", w, E, 1),
                    )
                else:
                    self.add(
                        new,
                        [w, lr, d, p],
                        lambda w_, lr_, d_, p_: w_ + u * lr_ * d_ * p_,
                        "W_new = W + lr x delta x input",
                        means=("update", w, E, 1),
                    )
        if cfg.bias == "none":
            return
        self.bias_updates(layer, it)

    def bias_updates(self, layer: int, it: int) -> None:
        """A layer's bias gradients dE/db (steps when named) and its updated biases: per neuron
        from each delta, or one shared bias from the sum of the layer's deltas."""
        cfg = self.cfg
        E, lr = Q("E", None, (), it), Q("lr", None, (), 0)
        u, s_d = cfg.u, cfg.s_d
        deltas = [Q("delta", layer, (j,), it) for j in range(cfg.sizes[layer])]
        shared = cfg.bias == "shared"
        units = [((), deltas)] if shared else [((j,), [deltas[j]]) for j in range(cfg.sizes[layer])]
        for idx, ds in units:
            b = self.b(layer, idx[0] if idx else 0, it)
            gq = Q("dE_db", layer, idx, it)

            def g_fn(*d):
                total = sum(d[1:], d[0])
                return s_d * total if s_d < 0 else total

            what = "sum_j delta[j]" if shared else "delta"
            self.add(gq, ds, g_fn, f"{gq.text()} = {what}", means=("grad", b, E, 1))
            if not cfg.bias_update:
                continue
            new = Q("b_new", layer, idx, it)
            if self.has(gq):
                self.add(
                    new,
                    [b, lr, gq],
                    lambda b_, lr_, g_: b_ + (u * s_d) * lr_ * g_,
                    "b_new = b - lr dE/db",
                    means=("update", b, E, 1),
                )
            else:

                def b_fn(b_, lr_, *d):
                    return b_ + u * lr_ * sum(d[1:], d[0])

                self.add(new, [b, lr, *ds], b_fn, f"b_new = b + lr x {what}", means=("update", b, E, 1))


def _delta_means(o: _OutputContext, j: int, it: int) -> tuple:
    """What output delta `j` of iteration `it` should be: dE/dnet, with the convention's sign."""
    return ("grad", Q("net", o.L, (j,), it), o.E, o.means_sign)


def _error_form(c: float | None, s_fn: Callable[..., Any], error_named: bool) -> Callable[..., Any]:
    """The textbook error form of an output delta: f' x c (t - out), or f' x error when error is
    named (its inputs: the slope's, then error or (t, out))."""
    if error_named:
        return (
            (lambda sl, e, c=c, sf=s_fn: sf(sl) * e)
            if c == 1.0
            else (lambda sl, e, c=c, sf=s_fn: sf(sl) * (c * e))
        )
    return (
        (lambda sl, t_, o_, c=c, sf=s_fn: sf(sl) * (t_ - o_))
        if c == 1.0
        else (lambda sl, t_, o_, c=c, sf=s_fn: sf(sl) * (c * (t_ - o_)))
    )


def _term(loss: str, softmax: bool) -> Callable[[Any, Any], Any]:
    if loss == "half_sse":
        return lambda t_, o_: 0.5 * (t_ - o_) ** 2
    if loss in ("sse", "mse"):
        return lambda t_, o_: (t_ - o_) ** 2
    if softmax:
        return lambda t_, o_: -t_ * jnp.log(o_)
    return lambda t_, o_: -(t_ * jnp.log(o_) + (1 - t_) * jnp.log(1 - o_))


# ------------------------------------------------------------------------------------------------
# The factory


_BUILT: dict[str, Worksheet] = {}


def dense(network: Network | dict) -> Worksheet:
    """The worksheet of a dense network described by a case's `network:` block (memoised, so two
    revisions of one article share one worksheet and its compiled programs)."""
    if isinstance(network, dict):
        try:
            network = Network.model_validate(network)
        except pydantic.ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            raise BuiltinConfigError(tuple(first["loc"]), first["msg"]) from None
    network = _normalised(network)
    key = json.dumps(network.model_dump(mode="json"), sort_keys=True)
    if key not in _BUILT:
        _BUILT[key] = _build(network)
    return _BUILT[key]


def _normalised(network: Network) -> Network:
    """The block with its defaults written out (the delta loss, the update sign), so a reading
    that names them explicitly is the same worksheet."""
    net = network.model_copy(deep=True)
    net.delta.loss = net.delta.loss or net.loss
    net.update.sign = net.update.sign or ("plus" if net.delta.sign == "error" else "minus")
    return net


_SWITCHES = ("loss", "delta_loss", "hidden_deltas", "update_sign")


def _conventions(network: Network) -> Conventions:
    """The network's own switches for `gradaudit conventions`: the stated loss and the deltas'
    loss (squared losses; the block's own choice first), hidden deltas from the old or the updated
    weights, and the update's sign."""

    def others(current: str, choices: tuple[str, ...]) -> list[str]:
        return [current, *[c for c in choices if c != current]]

    switches = {
        "loss": others(network.loss, _SQUARED),
        "delta_loss": others(network.delta.loss or network.loss, _SQUARED),
        "hidden_deltas": others(network.update.hidden_deltas, ("old", "updated")),
        "update_sign": others(network.update.sign or "plus", ("plus", "minus")),
    }

    def reading(loss: str, delta_loss: str, hidden_deltas: str, update_sign: str) -> Worksheet:
        net = network.model_copy(deep=True)
        net.loss = loss  # type: ignore[assignment]
        net.delta.loss = delta_loss  # type: ignore[assignment]
        net.update.hidden_deltas = hidden_deltas  # type: ignore[assignment]
        net.update.sign = update_sign  # type: ignore[assignment]
        return dense(net)

    return Conventions(reading, switches)


def _build(network: Network) -> Worksheet:
    """The worksheet of a network block: the tutorial's names bound, every iteration's steps
    built, the unnamed foldable quantities folded, the steps written with their meanings."""
    cfg = _config(network)
    named, labels = _named(cfg, network)
    b = _Builder(cfg, named)
    for it in range(1, cfg.iterations + 1):
        b.forward(it)
        b.loss(it)
        b.backward(it)
    b.forward(cfg.iterations + 1)
    b.loss(cfg.iterations + 1)
    for q in named:
        if q.kind in ("net", "out") and not q.index:
            b.vector(q.base())
        elif q.factors:
            b.printed(q)
    loss_q = Q("E", None, (), 1)
    keep, names = _kept(cfg, b, named, loss_q)
    return _worksheet(cfg, network, b, keep, names, labels, loss_q)


def _named(cfg: _Config, network: Network) -> tuple[dict[Q, str], dict[str, str]]:
    """The quantities the tutorial names (`names:`), and each symbol's label; located errors."""
    named: dict[Q, str] = {}
    labels: dict[str, str] = {}
    for symbol, entry in network.names.items():
        text = entry if isinstance(entry, str) else entry.quantity
        if not _IDENT.match(symbol):
            raise BuiltinConfigError(
                ("names", symbol), f"expected a name made of letters, digits and '_', found '{symbol}'"
            )
        try:
            q = _parse(cfg, text)
        except ValueError as exc:
            raise BuiltinConfigError(("names", symbol), str(exc)) from None
        if q in named:
            raise BuiltinConfigError(("names", symbol), f"{q.text()} is already named '{named[q]}'")
        named[q] = symbol
        labels[symbol] = entry.label if not isinstance(entry, str) and entry.label else symbol
    for q in [q for q in named if q.factors]:  # a product's factors are steps (or given values)
        for f in q.factors:
            named.setdefault(f, f.ident())
        f = q.factors[0]
        if q.kind == "complement" and f.kind == "out" and cfg.acts[f.layer or 0] == "sigmoid":
            slope = Q("dout_dnet", f.layer, f.index, f.it)  # out (1 - out) takes it: a step
            named.setdefault(slope, slope.ident())

    return named, labels


def _kept(cfg: _Config, b: _Builder, named: dict[Q, str], loss_q: Q) -> tuple[set[Q], dict[Q, str]]:
    """The quantities the worksheet keeps as steps, and every used quantity's step name."""
    # Keep every iteration's training steps, and of the forward pass after the last update what
    # the article names (with what that needs); fold the unnamed foldables.
    loss_q = Q("E", None, (), 1)
    keep: set[Q] = set()
    todo = [q.base() for q in named if q.base() in b.nodes] + [loss_q]
    todo += [q for q in b.nodes if q.it <= cfg.iterations and q.kind not in FOLDABLE]
    while todo:
        q = todo.pop()
        if q in keep or q not in b.nodes:
            continue
        node = b.nodes[q]
        if node.q.kind in FOLDABLE and q not in named:
            continue
        keep.add(q)
        todo += node.inputs
        if node.means:
            todo += [node.means[1], node.means[2]]
    used_qs = set(keep) | set(named) | {q.base() for q in named}
    for q in keep:
        node = b.nodes[q]
        used_qs |= set(node.inputs) | ({node.means[1], node.means[2]} if node.means else set())
    names = {q: named.get(q, q.ident()) for q in used_qs}
    used: dict[str, Q] = {}
    for q, name in sorted(names.items(), key=lambda qn: qn[0] not in named):
        if name in used and used[name] != q:
            raise BuiltinConfigError(
                ("names", name), f"'{name}' is also the default name of {q.text()}; choose another symbol"
            )
        used[name] = q
    for q, symbol in named.items():
        if q.after and q.after in used:
            raise BuiltinConfigError(
                ("names", symbol),
                f"'{q.after}' counts the updates of {q.text()}, but it is also the name of "
                f"{used[q.after].text()}; give the count a name of its own",
            )

    return keep, names


def _worksheet(cfg, network, b, keep, names, labels, loss_q) -> Worksheet:
    """The kept quantities written as the worksheet's steps, in creation order, with meanings."""
    sizes = "-".join(map(str, cfg.sizes))
    acts = "/".join(dict.fromkeys(cfg.acts[1:]))
    ws = Worksheet(f"dense {sizes} {acts} network, {cfg.loss} loss", loss=names[loss_q])
    lr_name = names.get(Q("lr", None, (), 0), "lr")
    for q, node in b.nodes.items():  # creation order: each iteration forward, loss, backward
        if q not in keep:
            continue
        means = None
        if node.means:
            kind, of, loss, sign = node.means
            loss_name = names[loss] if loss != loss_q else None
            if kind == "grad":
                means = grad(names[loss], wrt=names[of])
            elif kind == "change":
                means = change(names[of], lr=lr_name, loss=loss_name)
            else:
                means = update(names[of], lr=lr_name, loss=loss_name)
            if sign < 0:
                means = -means
            assert isinstance(means, Meaning)
        name = names[q]
        group = _group(cfg, q)
        fn = _fn(node.body, len(node.inputs), f"{q.text()}: {node.doc}")
        ws.step(
            fn,
            name=name,
            label=labels.get(name, q.text()),
            group=group,
            means=means,
            inputs=[names[i] for i in node.inputs],
        )
    for q in (q for q in b.named if q.after):
        ws.repeat(
            names[q],
            of=names[q.base()],
            rounds=q.after,
            carry=_carry(cfg, names),
            label=labels.get(names[q], q.text()),
        )
    xs = [names[Q("x", None, (i,), cfg.sample(1))] for i in range(cfg.sizes[0])]
    if len(xs) > 1:
        ws.group("inputs", *xs)
    ws.conventions = _conventions(network)
    if cfg.bias == "per_neuron" and max(cfg.sizes[1:]) > 1:
        ws.add_statement("biases_stay_equal", Quantity(_biases_gap(cfg, ws, names)))
    return ws


def _biases_gap(cfg: _Config, ws: Worksheet, names: dict[Q, str]) -> Callable[..., Any]:
    """The statement `biases_stay_equal` ("the biases of a layer are the same"), as a number: the
    largest gap between two biases of one layer after any update of the worksheet's iterations
    (the given biases when they are not updated); 0 when they stay equal."""
    layers = [layer for layer in range(1, cfg.L + 1) if cfg.sizes[layer] > 1]
    its = range(1, cfg.iterations + 1) if cfg.bias_update else [1]
    kind = "b_new" if cfg.bias_update else "b"
    groups = [
        [names[Q(kind, layer, (j,), it)] for j in range(cfg.sizes[layer])] for layer in layers for it in its
    ]

    def gap(**given: Any) -> Any:
        values = _values(
            ws, {k: jnp.asarray(v, dtype=jnp.float64) for k, v in given.items() if v is not None}
        )
        gaps = []
        for group in groups:
            b = jnp.stack([values[n] for n in group])
            gaps.append(jnp.max(b) - jnp.min(b))
        return jnp.max(jnp.stack(gaps))

    return gap


def _values(ws: Worksheet, given: dict[str, Any]) -> dict[str, Any]:
    """The values of the worksheet's plain steps (its repetitions left out), in creation order."""
    values = dict(given)
    for name, st in ws.steps.items():
        if st.repeat is None:
            values[name] = st.fn(*[values[a] for a in st.inputs])
    return values


def _carry(cfg: _Config, names: dict[Q, str]) -> dict[str, str]:
    """What one round of a repetition carries: every weight (and updated bias) of iteration 1 to
    its update, after one pass over the samples (one iteration without `samples`)."""
    last = cfg.samples
    pairs = []
    for layer in range(1, cfg.L + 1):
        for i in range(cfg.sizes[layer - 1]):
            for j in range(cfg.sizes[layer]):
                pairs.append((Q("W", layer, (i, j), 1), Q("W_new", layer, (i, j), last)))
        if cfg.bias != "none" and cfg.bias_update:
            idxs = [()] if cfg.bias == "shared" else [(j,) for j in range(cfg.sizes[layer])]
            pairs += [(Q("b", layer, idx, 1), Q("b_new", layer, idx, last)) for idx in idxs]
    return {names[p]: names[u] for p, u in pairs}


def _group(cfg: _Config, q: Q) -> str | None:
    """Siblings as the article groups them: net inputs, hidden outputs, deltas and the named
    products, per iteration."""
    suffix = "" if q.it <= 1 else str(q.it)
    if q.kind == "product":
        return "products" + suffix
    if q.kind == "net":
        return "net" + suffix
    if q.kind == "out" and q.layer is not None and q.layer < cfg.L:
        return "hidden" + suffix
    if q.kind == "delta":
        return "delta" + suffix
    return None


# The bias model is part of the schema; re-exported for type checkers reading this module.
_ = NetworkBias
