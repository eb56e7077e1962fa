"""The worksheet vocabulary: the names `reference/` modules import from `gradaudit`.

A tutorial's worked example is a `Worksheet` of named steps. Each step is a small function of
earlier named values; its argument names are the graph's edges (as with pytest fixtures). A
step that stands for a derivative or an update declares its meaning (`grad`, `change`,
`update`, optionally negated), and the harness checks that meaning with autodiff of the
worksheet's own forward steps and loss.

A hand-written `backward()` (tutorial code, a user's layer) is a `Backward`: the gradient as
written, one or more losses it may be the gradient of, and a seeded example point.

Statements (claims that are not one number) are registered on either, as one of the kinds
below; the case file says which method checks them and with what tolerance.
"""

from __future__ import annotations

import dataclasses
import inspect
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

import jax
import jax.numpy as jnp
import numpy as np

__all__ = [
    "Worksheet",
    "Step",
    "Meaning",
    "grad",
    "change",
    "update",
    "sigmoid",
    "Backward",
    "Bound",
    "Iteration",
    "Quantity",
    "Predicate",
    "Sampler",
    "Conventions",
]


def sigmoid(x):
    """The logistic function, for floats and JAX tracers alike.

    Its value is the textbook 1 / (1 + e^-x), bit for bit; its derivative is s (1 - s), so
    autodiff stays finite where e^-x overflows (z = -800 at a random draw), as the function does.
    It is `jax.lax.logistic`, whose value is that expression (jax's and XLA's lowering, and the
    numpy evaluation of `gradaudit.core._interp`) and whose JVP is `dx * (s (1 - s))`: the same
    numbers as a `custom_jvp` with that rule, at half its cost to trace under `vmap` and `grad`.
    """
    x = jnp.asarray(x)
    if not jnp.issubdtype(x.dtype, jnp.inexact):  # an integer promotes as in jnp.exp
        x = x.astype(jnp.result_type(float))
    return jax.lax.logistic(x)


# --------------------------------------------------------------------------------------------
# Meanings


@dataclass(frozen=True)
class Meaning:
    """What a derivative or update step stands for, in terms of a loss step.

    kind "grad": d loss / d of; "change": -lr * d loss / d of; "update": of - lr * d loss / d of.
    `sign` is -1 for a negated meaning (`-grad("E", wrt="a3")`, a delta defined as -dE/da).
    `loss` None means the worksheet's own loss step.
    """

    kind: str
    of: str
    loss: str | None = None
    lr: str | float | None = None
    sign: int = 1

    def __neg__(self) -> Meaning:
        return dataclasses.replace(self, sign=-self.sign)

    def describe(self, default_loss: str = "E") -> str:
        loss = self.loss or default_loss
        sign = "-" if self.sign < 0 else ""
        if self.kind == "grad":
            return f"{sign}d{loss}/d{self.of}"
        if self.kind == "change":
            return f"{sign}(-{self.lr} * d{loss}/d{self.of})"
        return f"{sign}({self.of} - {self.lr} * d{loss}/d{self.of})"


def grad(loss: str, *, wrt: str) -> Meaning:
    """d loss / d wrt; `wrt` may be a given value or any step (an intermediate such as `a3`)."""
    return Meaning("grad", wrt, loss)


def change(of: str, *, lr: str | float, loss: str | None = None) -> Meaning:
    """What a change step (Delta w) should be: -lr * d loss / d of."""
    return Meaning("change", of, loss, lr)


def update(of: str, *, lr: str | float, loss: str | None = None) -> Meaning:
    """What an updated value should be: of - lr * d loss / d of (compared on its change)."""
    return Meaning("update", of, loss, lr)


# --------------------------------------------------------------------------------------------
# Statements: claims that are not one number. The case file picks the method's settings.


@dataclass(frozen=True)
class Bound:
    """`fn(x)` vectorised over a 1-D array of x; a claimed range is checked on a grid and draws."""

    fn: Callable[[Any], Any]
    method = "bound"


@dataclass(frozen=True)
class Iteration:
    """`fn(w) -> next w`: a fixed-point iteration; a claimed limit is checked by running it."""

    fn: Callable[[Any], Any]
    method = "converges"


@dataclass(frozen=True)
class Quantity:
    """`fn(**given) -> value`: a derived number compared with a claim within a declared tolerance."""

    fn: Callable[..., Any]
    method = "near"


@dataclass(frozen=True)
class Predicate:
    """A property over seeded random samples: `draw(key) -> sample`, `check(sample) -> bool`.

    `metrics(sample) -> {name: bool}` adds reported fractions; `size(sample) -> float` orders
    counterexamples (smallest first; default: the sample's largest absolute entry).
    """

    draw: Callable[[Any], Any]
    check: Callable[[Any], Any]
    metrics: Callable[[Any], dict[str, Any]] | None = None
    size: Callable[[Any], Any] | None = None
    method = "predicate"


@dataclass(frozen=True)
class Sampler:
    """`fn(key) -> value` of one random start; a printed value is placed among N seeded starts."""

    fn: Callable[[Any], Any]
    method = "percentile"


STATEMENT_KINDS = (Bound, Iteration, Quantity, Predicate, Sampler)


class _HasStatements:
    statements: dict[str, Any]

    def add_statement(self, name: str, statement: Any) -> Any:
        if not isinstance(statement, STATEMENT_KINDS):
            kinds = ", ".join(k.__name__ for k in STATEMENT_KINDS)
            raise TypeError(
                f"statement {name!r} of {self!r} is a {type(statement).__name__}; expected one of {kinds}."
            )
        if name in self.statements:
            raise ValueError(f"statement {name!r} is declared twice in {self!r}.")
        self.statements[name] = statement
        return statement


# --------------------------------------------------------------------------------------------
# Worksheets


@dataclass
class Step:
    name: str
    fn: Callable[..., Any]
    inputs: tuple[str, ...]
    label: str
    group: str | None = None
    means: Meaning | None = None
    doc: str | None = None
    repeat: Repetition | None = None  # a step that is the worksheet's own steps repeated


@dataclass(frozen=True)
class Repetition:
    """Training for N rounds as a repetition of the worksheet's own steps (DESIGN section 2).

    Each round carries every parameter to its update step (`carry={"w": "w_new"}`), N given by the
    count `rounds`; the step's value is step `of` evaluated after the last round (`of` may be a
    carried parameter itself). `offset` shifts the count (a procedure change: N off by one)."""

    of: str
    rounds: str
    carry: tuple[tuple[str, str], ...]
    offset: int = 0


def _order(ws: Worksheet, targets: list[str]) -> list[str]:
    """The plain steps `targets` need, in an order that computes each input first."""
    out: list[str] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen or name not in ws.steps:
            return
        seen.add(name)
        for arg in ws.steps[name].inputs:
            visit(arg)
        out.append(name)

    for t in targets:
        visit(t)
    return out


def repetition_fn(ws: Worksheet, rep: Repetition, inputs: tuple[str, ...]) -> Callable[..., Any]:
    """The function of a repetition step over `ws`'s own steps (a variant worksheet gets its own):
    one `lax.fori_loop` over the rounds, so 10^6 rounds stay well under a second."""
    params = [p for p, _ in rep.carry]
    updates = [u for _, u in rep.carry]

    def run(*args: Any) -> Any:
        env = dict(zip(inputs, args))
        n = int(np.asarray(env[rep.rounds])) + rep.offset
        fixed = {k: v for k, v in env.items() if k not in params and k != rep.rounds}
        round_order = _order(ws, updates)

        def one_round(_, state):
            values = {**fixed, **dict(zip(params, state))}
            for name in round_order:
                s = ws.steps[name]
                values[name] = s.fn(*[values[a] for a in s.inputs])
            return tuple(jnp.asarray(values[u], dtype=jnp.float64) for u in updates)

        start = tuple(jnp.asarray(env[p], dtype=jnp.float64) for p in params)
        final = jax.lax.fori_loop(0, max(n, 0), one_round, start)
        values = {**fixed, **dict(zip(params, final))}
        for name in _order(ws, [rep.of]):
            s = ws.steps[name]
            values[name] = s.fn(*[values[a] for a in s.inputs])
        return values[rep.of]

    return _compiled_once(run, inputs.index(rep.rounds))


def _compiled_once(run: Callable[..., Any], at: int) -> Callable[..., Any]:
    """A repetition's function compiled once per count (the argument at `at`, a loop bound) and
    shapes, not traced and compiled again at every call: the claims' checks call it again with
    other inputs (a sibling's value in place of one, the author's chain), each a full loop. The
    same function, so the same values."""
    compiled = jax.jit(run, static_argnums=at)

    def call(*args: Any) -> Any:
        args_ = list(args)
        args_[at] = int(np.asarray(args_[at]))
        return compiled(*args_)

    return call


def repetition_steps(ws: Worksheet, rep: Repetition) -> set[str]:
    """The plain steps a repetition over `ws` runs: a round's, and those of `of` after the last
    round. A change of the procedure that touches none of them (nor the count) leaves the
    repetition's function as it is (`gradaudit.judging.procedure.variant`)."""
    return set(_order(ws, [u for _, u in rep.carry])) | set(_order(ws, [rep.of]))


def _spellings(where: str, spellings: Any) -> list[str]:
    """`aka` spellings checked: a list of non-empty strings (a lone string is one spelling)."""
    if isinstance(spellings, str):
        spellings = [spellings]
    if not isinstance(spellings, (list, tuple)):
        raise TypeError(f"{where}: aka should be a list of spellings, found {spellings!r}.")
    bad = [s for s in spellings if not isinstance(s, str) or not s.strip()]
    if bad:
        raise TypeError(f"{where}: aka should list non-empty strings, found {bad!r}.")
    return [s.strip() for s in spellings]


class Worksheet(_HasStatements):
    """A worked example: named steps in the tutorial's notation and order.

    `loss` names the step that is the loss as the article states it. `sizes` gives named sizes
    used to name factors (`{"N": 4}` for four samples). Meanings refer to steps or given values
    by name; names are unique, and `label` carries the article's own label where it repeats one.
    """

    def __init__(
        self,
        title: str,
        *,
        loss: str,
        sizes: dict[str, float] | None = None,
        counts: tuple[str, ...] | list[str] = (),
    ):
        self.title = title
        self.loss = loss
        self.sizes = dict(sizes or {})
        # Given values that are counts (epochs, steps): whole numbers, never drawn. Every other
        # given is a real number, whether the case writes it `2` or `2.0`.
        self.counts: set[str] = set(counts)
        self.steps: dict[str, Step] = {}
        self.statements: dict[str, Any] = {}
        self.groups: dict[str, list[str]] = {}
        # The other spellings the article uses for a step or a given value (`aka`): the draft
        # matches a printed label against them as against the name and the label.
        self.spellings: dict[str, list[str]] = {}
        # Convention switches (`Conventions`): the other readings the search tries. None: only
        # this reading.
        self.conventions: Conventions | None = None

    def __repr__(self) -> str:
        return f"Worksheet({self.title!r})"

    def step(
        self,
        fn: Callable[..., Any] | None = None,
        *,
        name: str | None = None,
        label: str | None = None,
        group: str | None = None,
        means: Meaning | None = None,
        inputs: tuple[str, ...] | list[str] | None = None,
        counts: tuple[str, ...] | list[str] = (),
        aka: tuple[str, ...] | list[str] = (),
    ):
        """Declare a step; usable as `@ws.step` or `@ws.step(means=..., group=...)`.

        `inputs` renames the function's arguments positionally, so one function can serve two
        steps (`ws.step(name="y3_pass2", label="y3", inputs=["a1_pass2"])(y3)`). `counts` names
        the inputs that are counts (`counts=["epochs"]`): given values that are never drawn.
        `aka` lists the other spellings the article uses for the step (`aka=["out_h1", "y_3"]`),
        as `Worksheet.aka` does. Returns the function unchanged.
        """

        def register(f: Callable[..., Any]) -> Callable[..., Any]:
            step_name = name or f.__name__
            params = [
                p.name
                for p in inspect.signature(f).parameters.values()
                if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
            ]
            args = tuple(inputs) if inputs is not None else tuple(params)
            if len(args) != len(params):
                raise TypeError(
                    f"step {step_name!r} of {self!r}: inputs={list(args)} has {len(args)} names "
                    f"but the function takes {len(params)} arguments {params}."
                )
            if step_name in self.steps:
                raise ValueError(
                    f"step {step_name!r} is declared twice in {self!r}; give the second one its "
                    f"own name and the article's label (name='{step_name}_pass2', label=...)."
                )
            if means is not None and not isinstance(means, Meaning):
                raise TypeError(
                    f"step {step_name!r}: means= should be grad(...), change(...) or update(...), "
                    f"found {means!r}."
                )
            unknown = [c for c in counts if c not in args]
            if unknown:
                raise TypeError(
                    f"step {step_name!r}: counts={unknown} are not among its inputs {list(args)}."
                )
            spellings = _spellings(f"step {step_name!r} of {self!r}", aka)
            self.counts.update(counts)
            self.steps[step_name] = Step(
                name=step_name,
                fn=f,
                inputs=args,
                label=label or step_name,
                group=group,
                means=means,
                doc=inspect.getdoc(f),
            )
            self._add_spellings(step_name, spellings)
            return f

        if fn is not None:
            return register(fn)
        return register

    def repeat(
        self,
        name: str,
        *,
        of: str,
        rounds: str,
        carry: dict[str, str],
        label: str | None = None,
        group: str | None = None,
        aka: tuple[str, ...] | list[str] = (),
    ) -> None:
        """Declare a step that is this worksheet's own steps repeated (DESIGN section 2): `rounds`
        (a given count, never drawn) rounds, each carrying every parameter of `carry` to its
        update step (`{"w": "w_new"}`); the step's value is `of` after the last round.

        Declare it after the steps it repeats. A claim on it ("after 10,000 rounds the error is
        0.0003") is judged like any other, and the generic procedure changes (updated or old
        values, the update's sign, the loss scale, the count off by one) reach inside the loop."""
        if name in self.steps:
            raise ValueError(f"step {name!r} is declared twice in {self!r}.")
        for p, u in carry.items():
            if u not in self.steps:
                raise ValueError(f"repeat {name!r}: carry {p!r} -> {u!r}, but {u!r} is no step of {self!r}.")
        if of not in self.steps and of not in carry:
            raise ValueError(f"repeat {name!r}: of={of!r} is neither a step nor a carried parameter.")
        spellings = _spellings(f"repeat {name!r} of {self!r}", aka)
        rep = Repetition(of=of, rounds=rounds, carry=tuple(carry.items()))
        needed: list[str] = []
        for s in _order(self, [u for u in carry.values()] + ([of] if of in self.steps else [])):
            needed += [a for a in self.steps[s].inputs if a not in self.steps and a not in needed]
        inputs = tuple(dict.fromkeys([rounds, *carry, *needed]))
        self.counts.add(rounds)
        self.steps[name] = Step(
            name=name,
            fn=repetition_fn(self, rep, inputs),
            inputs=inputs,
            label=label or name,
            group=group,
            doc=f"{of} after {rounds} rounds of the worksheet's own updates",
            repeat=rep,
        )
        self._add_spellings(name, spellings)

    def aka(self, name: str, *spellings: str) -> None:
        """Declare the other spellings the article uses for a step or a given value:
        `ws.aka("X", "features", "x")` when the article writes `features = [[1.0, 2.0], ...]`
        for the worksheet's X. Declare it after a step that uses the given value.

        A spelling is matched as the step's name and label are (`out_{h1}` is `out_h1`), by
        `gradaudit draft` when it binds a printed number to a step or a given value; it changes
        nothing in how a case is judged."""
        where = f"aka {name!r} of {self!r}"
        if name not in self.steps and name not in self.given_names:
            raise ValueError(
                f"{where}: {name!r} is neither a step nor a given value of it (a given value is an "
                "input of a step: declare its spellings after the steps that use it)."
            )
        self._add_spellings(name, _spellings(where, spellings))

    def _add_spellings(self, name: str, spellings: list[str]) -> None:
        known = self.spellings.setdefault(name, [])
        known.extend(s for s in spellings if s not in known)
        if not known:
            del self.spellings[name]

    def group(self, name: str, *members: str) -> None:
        """Declare siblings (values the article groups, e.g. x1 and x2, or w11 and w21) beyond the
        steps' own `group=`; `wrong-operand` tries siblings as substitutes for each other."""
        self.groups.setdefault(name, [])
        self.groups[name].extend(m for m in members if m not in self.groups[name])

    def statement(self, kind: type, name: str | None = None):
        """Decorator form of `add_statement` for one-function kinds: `@ws.statement(Bound)`."""

        def register(f: Callable[..., Any]) -> Callable[..., Any]:
            self.add_statement(name or f.__name__, kind(f))
            return f

        return register

    @property
    def given_names(self) -> list[str]:
        """Inputs that no step computes, in order of first use."""
        seen: dict[str, None] = {}
        for step in self.steps.values():
            for arg in step.inputs:
                if arg not in self.steps:
                    seen.setdefault(arg, None)
        for step in self.steps.values():
            m = step.means
            if m is not None and isinstance(m.lr, str) and m.lr not in self.steps:
                seen.setdefault(m.lr, None)
        return list(seen)


# --------------------------------------------------------------------------------------------
# Hand-written backward passes


@dataclass
class Backward(_HasStatements):
    """A hand-written gradient to check against one or more losses.

    - `backward(params, inputs, targets)` returns a pytree shaped like `params` (numpy or JAX).
    - `loss` is one JAX scalar loss `(params, inputs, targets) -> float`, or a dict of named
      losses (`{"half_sse": ..., "sse": ..., "mse": ...}`): one set of formula rows per loss,
      so a reader sees which loss the formulas are the gradient of.
    - `example(rng)` returns `(params, inputs, targets)` for a `numpy.random.Generator`; the case
      file gives its seed. Random draws use further seeded calls.
    - `lr` names the learning rate (for factor naming) and `update(params, grads, lr)`, when
      given, is checked against `params - lr * true gradient`.
    - `sizes` names sizes for factors; N defaults to the leading dimension of the inputs.
    """

    title: str
    backward: Callable[..., Any]
    loss: Callable[..., Any] | dict[str, Callable[..., Any]]
    example: Callable[[Any], tuple[Any, Any, Any]]
    lr: float | None = None
    update: Callable[..., Any] | None = None
    sizes: dict[str, float] = field(default_factory=dict)
    wrt_inputs: bool = False
    statements: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Backward({self.title!r})"

    @property
    def losses(self) -> dict[str, Callable[..., Any]]:
        if callable(self.loss):
            return {"": self.loss}
        return dict(self.loss)


# --------------------------------------------------------------------------------------------
# Convention switches


_BUILDING = threading.RLock()


class Conventions:
    """The readings of a worked example a reader might take: named, discrete convention switches.

    - `build(**choices) -> Worksheet` is ordinary Python in the reference module: the worksheet
      read with one choice per switch (1/2 or no 1/2 in the loss, `x @ W` or `W @ x`, ...).
    - `switches` maps a switch name to its choices: `{"loss_scale": ["half", "one", "mean"],
      "layout": ["row", "column"], "bias": ["per_neuron", "shared", "frozen"]}`.
    - `default` is the reading the text supports (for each switch not named: its first choice);
      `build(**default)` should rebuild the worksheet that declares these conventions.

    A switch named after one of the worksheet's given values is a candidate set for that input
    (a lost figure, or which of two printed values the author used): the search puts each
    candidate into the case's given values, and passes it to `build` only if `build` names it.

    Declare it on the worksheet the case names: `worked_example.conventions = Conventions(...)`.
    `gradaudit.judging.conventions.search` (`gradaudit conventions CASE`) evaluates the case under every
    combination and ranks them by the printed numbers each reproduces. Built worksheets are
    memoised per choice, so a builder that compiles (a training loop) compiles once.
    """

    def __init__(
        self,
        build: Callable[..., Worksheet],
        switches: dict[str, list[Any]],
        default: dict[str, Any] | None = None,
    ):
        if not callable(build):
            raise TypeError(
                f"Conventions: build should be a function returning a Worksheet, found {build!r}."
            )
        if not isinstance(switches, dict) or not switches:
            raise ValueError(
                "Conventions: switches should be a non-empty mapping of switch name to its choices, "
                f"e.g. {{'layout': ['row', 'column']}}; found {switches!r}."
            )
        self.switches: dict[str, list[Any]] = {}
        for name, choices in switches.items():
            choices = list(choices) if isinstance(choices, (list, tuple)) else None
            if not isinstance(name, str) or not name.isidentifier() or not choices:
                raise ValueError(
                    f"Conventions: switch {name!r} should be a name with a non-empty list of choices, "
                    f"found {switches[name]!r}."
                )
            if len(set(map(repr, choices))) != len(choices):
                raise ValueError(f"Conventions: switch {name!r} lists a choice twice: {choices!r}.")
            self.switches[name] = choices
        default = dict(default or {})
        for name, choice in default.items():
            if name not in self.switches:
                raise ValueError(
                    f"Conventions: default names {name!r}, which is not a switch (switches: "
                    f"{', '.join(self.switches)})."
                )
            if choice not in self.switches[name]:
                raise ValueError(
                    f"Conventions: the default {name}={choice!r} is not one of its choices "
                    f"{self.switches[name]!r}."
                )
        self.default = {n: default.get(n, c[0]) for n, c in self.switches.items()}
        params = inspect.signature(build).parameters.values()
        self._any_keyword = any(p.kind is p.VAR_KEYWORD for p in params)
        self.build_params = {p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
        self.build = build
        self._built: dict[tuple, Worksheet] = {}

    def __repr__(self) -> str:
        shown = "; ".join(f"{n}: {', '.join(map(str, c))}" for n, c in self.switches.items())
        return f"Conventions({shown})"

    def takes(self, switch: str) -> bool:
        """Whether `build` receives this switch (else it must name a given value)."""
        return self._any_keyword or switch in self.build_params

    def worksheet(self, **choices: Any) -> Worksheet:
        """The worksheet under these choices (memoised); switches `build` does not take are left out."""
        args = {n: v for n, v in choices.items() if self.takes(n)}
        key = tuple(sorted((n, repr(v)) for n, v in args.items()))
        with _BUILDING:  # one build per reading, also from threads (`report --jobs`)
            return self._built_worksheet(key, args)

    def _built_worksheet(self, key: tuple, args: dict[str, Any]) -> Worksheet:
        if key not in self._built:
            ws = self.build(**args)
            if not isinstance(ws, Worksheet):
                raise TypeError(
                    f"Conventions: build({', '.join(f'{n}={v!r}' for n, v in args.items())}) returned "
                    f"a {type(ws).__name__}, not a Worksheet."
                )
            self._built[key] = ws
        return self._built[key]
