"""Procedure slips (DESIGN row 8b): one generic change of the whole procedure, derived from the
worksheet's meanings alone, that reproduces a printed number no single-step rule explains.

The changes, in the contract's order (ties are named in this order):
1. later steps using the *updated* instead of the old value of a parameter group (hidden deltas
   from the new output weights), or the reverse (a second forward pass from the old weights);
2. the update's sign (every change and update of the sheet reflected);
3. the loss scale (1/2, 2, N, 1/N): every derivative the backward pass starts from scaled, so
   everything computed from it scales with it.
(An iteration count off by one needs a declared repetition, DESIGN section 2, which the
vocabulary does not have yet.)

Each change is a rewired copy of the worksheet (an input renamed, a step's value reflected or
scaled), evaluated with the same two chains as the original (gradaudit.worksheet.evaluate), so
a procedure slip is found on the exact chain or on the author's own numbers alike. Variants are
built and evaluated lazily, only for a number that reaches row 8b, and once per case.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Callable

import numpy as np

from ..core.vocab import Step, Worksheet, repetition_fn, repetition_steps
from ..evaluating.worksheet import Chains, Evaluator, WorksheetError, ancestors, evaluate, topological_order


@dataclass(frozen=True)
class Change:
    """One generic change of the procedure: a name a reader understands and how to rewire."""

    name: str
    rewire: dict[str, dict[str, str]]  # step -> {input: input to use instead}
    transform: dict[str, Callable[..., Any]]  # step -> new function of (original fn, args)
    offsets: dict[str, int] = field(default_factory=dict)  # repetition step -> rounds added


def _updates(ws: Worksheet) -> list[Step]:
    return [s for s in ws.steps.values() if s.means is not None and s.means.kind == "update"]


def _parameter_groups(ws: Worksheet, updates: list[Step]) -> list[tuple[str, list[Step]]]:
    """Updated parameters grouped as the worksheet groups them (a layer's weights), each group
    once, then all of them together."""
    groups: list[tuple[str, list[Step]]] = []
    seen: set[tuple[str, ...]] = set()
    member_of: dict[str, str] = {}
    for gname, members in ws.groups.items():
        for m in members:
            member_of.setdefault(m, gname)
    by_group: dict[str, list[Step]] = {}
    for u in updates:
        g = member_of.get(u.means.of) or member_of.get(u.name) or u.group
        if g is not None:
            by_group.setdefault(g, []).append(u)
    for gname, members in by_group.items():
        key = tuple(sorted(m.name for m in members))
        if key not in seen and len(members) < len(updates):
            seen.add(key)
            groups.append((f"the {gname} group", members))
    if updates:
        groups.append(("every parameter", updates))
    return groups


def _uses_updated(ws: Worksheet, members: list[Step]) -> dict[str, dict[str, str]]:
    """Steps that use an old parameter and could use its update (not one of its ancestors)."""
    rewire: dict[str, dict[str, str]] = {}
    for u in members:
        old, new = u.means.of, u.name
        before_new = ancestors(ws, new)
        for s in ws.steps.values():
            # a repetition carries its parameters itself: starting it from the update is the
            # count off by one, its own change
            if old in s.inputs and s.name not in before_new and s.name != new and s.repeat is None:
                rewire.setdefault(s.name, {})[old] = new
    return rewire


def _uses_old(ws: Worksheet, members: list[Step]) -> dict[str, dict[str, str]]:
    """Steps that use an updated parameter and could use the old one instead."""
    rewire: dict[str, dict[str, str]] = {}
    for u in members:
        old, new = u.means.of, u.name
        for s in ws.steps.values():
            if new in s.inputs and s.name != new and s.repeat is None:
                rewire.setdefault(s.name, {})[new] = old
    return rewire


def _roots(ws: Worksheet) -> list[str]:
    """Derivative steps computed from no other derivative step of the same loss: where each
    backward pass starts (one per loss: a worksheet of several epochs has one per epoch)."""
    loss_of = {s.name: s.means.loss or ws.loss for s in ws.steps.values() if s.means is not None}
    out = []
    for name, loss in loss_of.items():
        same = {d for d, lo in loss_of.items() if lo == loss and d != name}
        if not (ancestors(ws, name) - {name}) & same:
            out.append(name)
    return sorted(out)


def _scaled(step: Step, c: float, ws: Worksheet) -> Callable[..., Any]:
    m = step.means
    if m is not None and m.kind == "update" and m.of in step.inputs:
        i = step.inputs.index(m.of)
        return lambda fn, args: args[i] + c * (fn(*args) - args[i])
    return lambda fn, args: c * fn(*args)


def changes(ws: Worksheet) -> list[Change]:
    """Every generic change the worksheet's meanings allow, in the contract's order."""
    out: list[Change] = []
    updates = _updates(ws)
    for uses, used, instead in ((_uses_updated, "updated", "old"), (_uses_old, "old", "updated")):
        for label, members in _parameter_groups(ws, updates):
            names = ", ".join(m.means.of for m in members)
            rewire = uses(ws, members)
            if rewire:
                what = f"the {used} values of {label} ({names}) used instead of the {instead} ones"
                out.append(Change(what, rewire, {}))
    flips: dict[str, Callable[..., Any]] = {}
    change_steps = {s.name for s in ws.steps.values() if s.means is not None and s.means.kind == "change"}
    for s in ws.steps.values():
        if s.name in change_steps:
            flips[s.name] = lambda fn, args: -fn(*args)
        elif s.means is not None and s.means.kind == "update" and s.means.of in s.inputs:
            if not set(s.inputs) & change_steps:  # an update from a flipped change follows it
                i = s.inputs.index(s.means.of)
                flips[s.name] = lambda fn, args, i=i: 2 * args[i] - fn(*args)
    if flips:
        out.append(Change("the update's sign flipped (the parameters moved up the gradient)", {}, flips))
    roots = _roots(ws)
    if roots:
        scales: dict[str, float] = {"1/2": 0.5, "2": 2.0}
        for n, v in sorted(ws.sizes.items()):
            if float(v) not in (0.0, 1.0, 2.0, 0.5):
                scales[str(n)] = float(v)
                scales[f"1/{n}"] = 1.0 / float(v)
        for cname, c in scales.items():
            transform = {r: _scaled(ws.steps[r], c, ws) for r in roots}
            shown = str(Fraction(c).limit_denominator(1000)) if cname in ("1/2", "2") else cname
            out.append(Change(f"the loss scaled by {shown} (every gradient {shown} x)", {}, transform))
    repeats = [s for s in ws.steps.values() if s.repeat is not None]
    for k in (-1, 1):  # an iteration count off by one (DESIGN row 8b), for every repetition at once
        if repeats:
            word = "one round fewer" if k < 0 else "one round more"
            out.append(Change(f"{word} than the count says", {}, {}, {s.name: k for s in repeats}))
    return out


def variant(ws: Worksheet, change: Change) -> Worksheet:
    """A copy of `ws` with the change made: inputs renamed, step values transformed."""
    out = Worksheet(ws.title, loss=ws.loss, sizes=ws.sizes, counts=tuple(ws.counts))
    out.groups = ws.groups
    for s in ws.steps.values():
        inputs = tuple(change.rewire.get(s.name, {}).get(a, a) for a in s.inputs)
        fn, rep = s.fn, s.repeat
        if rep is not None and _changes_repetition(ws, s, change):
            # the rounds run over the variant's own (changed) steps
            rep = replace(rep, offset=rep.offset + change.offsets.get(s.name, 0))
            fn = repetition_fn(out, rep, inputs)
        if s.name in change.transform:
            t = change.transform[s.name]
            fn = (lambda t, f: lambda *args: t(f, args))(t, fn)
        out.steps[s.name] = Step(s.name, fn, inputs, s.label, s.group, s.means, s.doc, rep)
    topological_order(out)  # a change that would make a cycle raises here and is not tried
    return out


def _changes_repetition(ws: Worksheet, step: Step, change: Change) -> bool:
    """Whether `change` reaches inside the repetition `step`: its count, its own inputs, or a step
    it runs. If not, the variant keeps the repetition's function, and with it the function's
    compiled programs and the evaluator's results for the same inputs (the same loop, the same
    values)."""
    if change.offsets.get(step.name, 0) or step.name in change.rewire:
        return True
    touched = set(change.rewire) | set(change.transform)
    return bool(touched & repetition_steps(ws, step.repeat))


class Variants:
    """The changes of one case's worksheet, evaluated lazily and once: the exact and author's
    value of any step under each change, and how many printed numbers each change reproduces."""

    def __init__(
        self,
        ws: Worksheet,
        given: dict[str, Any],
        printed: dict,
        operands: dict,
        claims: list,
        evaluator: Evaluator | None = None,
    ):
        self.ws, self.given, self.printed, self.operands = ws, given, printed, operands
        self.claims = claims  # (row, step, idx, Printed)
        self._sheets: list[tuple[Change, Worksheet]] | None = None
        self._chains: dict[frozenset[str] | None, list[tuple[Change, Chains]]] = {}
        # one evaluator for every variant (and the case's own chains, when given): a step that
        # a change leaves alone, with the same inputs, is not run again
        self._evaluator = evaluator or Evaluator(ws)

    def _evaluated(self, steps: frozenset[str] | None = None) -> list[tuple[Change, Chains]]:
        """Each change's chains, of the whole variant (`steps` None: a change whose whole variant
        does not evaluate is left out) or of the steps `steps` need in the variant (then a change
        that fails there is left out, and one that fails elsewhere is left out when counted as a
        whole, `_others`)."""
        if steps not in self._chains:
            out: list[tuple[Change, Chains]] = []
            for ch, vws in self._variants():
                try:
                    sheet = _pruned(vws, steps)
                    chains = evaluate(sheet, self.given, self.printed, self.operands, self._evaluator)
                except WorksheetError:
                    continue
                out.append((ch, chains))
            self._chains[steps] = out
        return self._chains[steps]

    def _variants(self) -> list[tuple[Change, Worksheet]]:
        if self._sheets is None:
            self._sheets = []
            for ch in changes(self.ws):
                try:
                    self._sheets.append((ch, variant(self.ws, ch)))
                except WorksheetError:
                    continue
        return self._sheets

    def values(
        self, step: str, idx: tuple[int, ...], row: str
    ) -> list[tuple[str, float | None, float | None, Callable[[], int | None]]]:
        """(change, exact, author's chain, other printed numbers it reproduces) for one claim.

        Only the steps the claim needs are evaluated under each change; the other printed numbers
        (the whole variant: a 10^6-epoch loop the claim does not need) are counted when asked,
        for a change that reproduces the claim: None if its whole variant does not evaluate."""
        out = []
        for ch, chains in self._evaluated(frozenset([step])):
            exact = _element(chains.exact.get(step), idx)
            author = _element(chains.author.get(step), idx)
            out.append((ch.name, exact, author, (lambda ch: lambda: self._others(ch, row))(ch)))
        return out

    def _others(self, change: Change, row: str) -> int | None:
        whole = [chains for ch, chains in self._evaluated() if ch is change]
        if not whole:
            return None
        others = 0
        for other_row, other_step, other_idx, p in self.claims:
            if other_row == row:
                continue
            e = _element(whole[0].exact.get(other_step), other_idx)
            a = _element(whole[0].author.get(other_step), other_idx)
            if p.passes(e) or p.passes(a):
                others += 1
        return others


def _pruned(ws: Worksheet, steps: frozenset[str] | None) -> Worksheet:
    """`ws` cut to the steps that `steps` need in it (all of it for None), same groups and counts."""
    if steps is None:
        return ws
    needed: set[str] = set()
    for name in steps:
        needed |= ancestors(ws, name)
    out = Worksheet(ws.title, loss=ws.loss, sizes=ws.sizes, counts=tuple(ws.counts))
    out.groups = ws.groups
    out.steps = {n: s for n, s in ws.steps.items() if n in needed}
    return out


def _element(arr: np.ndarray | None, idx: tuple[int, ...]) -> float | None:
    if arr is None:
        return None
    a = np.asarray(arr)
    try:
        return float(a[idx]) if idx or a.ndim == 0 else (float(a.reshape(())) if a.size == 1 else None)
    except (IndexError, ValueError):
        return None
