"""Binding: each printed number to the step, operand or given value it reports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..core.printed import Printed, parse_printed
from .chains import _Chain, _strip_label
from .model import _fits, _g, _Model, _scalar
from .nested import bind_nested
from .numbers import _PROSE, Number, Scan, _key
from .operands import map_operands, negated_text
from .result import Outcome
from .samples import narrow, sample_at, sample_count, sample_sections
from .wording import by_family

# "after 10 iterations", "iteration 3", "epoch 2", "5 updates": the iteration a sentence is about
_ITERATION = re.compile(
    r"(?i)\b(?:after|iteration|epoch|update|step)\s+(\d+)\b|\b(\d+)\s+(?:iterations|updates|epochs|steps)\b"
)


@dataclass
class _State:
    outcomes: dict[tuple[int, int], Outcome] = field(default_factory=dict)
    claims: dict[str, Outcome] = field(default_factory=dict)
    operands: dict[str, dict[str, Outcome]] = field(default_factory=dict)
    op_seen: dict[str, list[tuple[Printed, int]]] = field(
        default_factory=dict
    )  # numbers printed for an input
    vectors: dict[str, list[Outcome]] = field(default_factory=dict)  # vector steps, one claim per element

    def printed(self) -> dict[str, float]:
        return {k: o.number.printed.value for k, o in self.claims.items()}

    def operand_values(self) -> dict[str, dict[str, float]]:
        return {
            s: {i: parse_printed(o.text).value for i, o in ops.items()} for s, ops in self.operands.items()
        }


_GLOSSARY_STOP = frozenset(
    "the this that with from each every what which when into before after than then their there "
    "here over under about just only also very much many more most some such".split()
)


def _glossary(lines: list[str], names) -> dict[str, tuple[str, list[str]]]:
    """word -> (symbol, the steps it names) from the article's table of symbols: a row whose first
    cell names steps and whose second is words (`| y | the neuron's output | 4.5 |`); a word two
    symbols share is dropped."""
    out: dict[str, tuple[str, list[str]]] = {}
    clash: set[str] = set()
    for line in lines:
        m = re.match(r"^\s*;\s*([^;=]+?)(?:\s*=[^;]*)?\s*;\s*([^;\d=]+?)\s*;", line)
        if not m:
            continue
        hit, tier = names.resolve(m.group(1).strip())
        steps = [h for h in hit if h in names.ws.steps]
        if tier != "name" or not steps or len(m.group(2).split()) > 6:
            continue  # a name's meaning is a short phrase ("the neuron's output"), not a sentence
        for w in re.findall(r"[A-Za-z]{4,}", m.group(2)):
            w = w.lower()
            if w in _GLOSSARY_STOP:
                continue
            if w in out and out[w][1] != steps:
                clash.add(w)
            out.setdefault(w, (m.group(1).strip(), steps))
    return {w: v for w, v in out.items() if w not in clash}


@dataclass
class _Reading:
    """A chain as the binder reads it: what its label names, the candidates left after the order
    filter (and why others were left out), and each candidate's (operand mapping, exact, author's
    chain, old author's value)."""

    chain: _Chain
    names: list[str]
    label_txt: str
    pool: list[str]
    excluded: list[str]
    evals: dict[str, tuple]


class _Binder:
    def __init__(self, model: _Model, scan: Scan, chains: list[_Chain], prose: list[Number]):
        self.m = model
        self.ws = model.ws
        self.scan = scan
        self.chains = chains
        self.prose = prose
        events: list[tuple[tuple[int, int], Any]] = [
            ((c.numbers[0].line, c.numbers[0].col), c) for c in chains
        ]
        events += [(_key(n), n) for n in prose]
        self.events = [e for _, e in sorted(events, key=lambda t: t[0])]
        self.first_line: dict[str, int] = {}
        self.glossary: dict[str, tuple[str, list[str]]] | None = None
        self.forms: dict[int, str] = {}  # a chain's expression that named its step (`_computed_under_given`)
        # the sections of samples worked in turn under the same labels (samples.py)
        self.samples = sample_sections(scan.lines, sample_count([*model.ws.steps, *model.ws.given_names]))

    # --- the passes -----------------------------------------------------------------------------

    def run(self) -> _State:
        state = _State()
        signature = None
        for _ in range(4):
            state = _State()
            for e in self.events:
                if isinstance(e, _Chain):
                    self._chain(e, state)
                else:
                    self._prose(e, state)
            sig = sorted((k, o.kind, o.target, o.input) for k, o in state.outcomes.items())
            first: dict[str, int] = {}
            for o in state.outcomes.values():
                if o.kind in ("claim", "repeat", "operand"):
                    names = [o.target] + ([o.input] if o.input in self.ws.steps else [])
                    for nm in names:
                        first[nm] = min(first.get(nm, 1 << 30), o.number.line)
            if sig == signature and first == self.first_line:
                break
            signature, self.first_line = sig, first
        taken = self._operands_as_claims(state)
        bind_nested(self, state)
        self._reused_operands(taken, state)
        for step, ops in state.operands.items():
            if step not in state.claims:
                for o in ops.values():
                    o.kind = "noted"
                    o.reason += f"; not written: {step}'s own result is not printed, and a claim needs one"
        return state

    def _operands_as_claims(self, state: _State) -> dict[str, Outcome]:
        """An operand that stands for an input which is itself a step (`z = 0.15 + 0.7 + 0.1`, z's
        inputs the products w1*x1 and w2*x2) is that step's printed value: the first such number
        is its claim when the step is printed nowhere else and the number is its exact or author's-
        chain value (one that is neither stays an operand, judged as the input its step was computed from).
        A number that is the value of a given the step is computed from, another of its inputs being
        0 (`65` for y - y^ = 65 - 0), prints that given as much as the step: it stays an operand."""
        first: dict[str, Outcome] = {}
        cs = self.m.chains(state.printed(), state.operand_values())
        for step, ops in state.operands.items():
            if step not in state.claims:
                continue
            for inp, o in ops.items():
                if (
                    inp in self.ws.steps
                    and inp not in state.claims
                    and o.kind == "operand"
                    and self._fits_step(parse_printed(o.text), inp, cs, state)
                    and not self._is_a_given_of(parse_printed(o.text), inp)
                ):
                    if inp not in first or _key(o.number) < _key(first[inp].number):
                        first[inp] = o
        for inp, o in sorted(first.items(), key=lambda t: _key(t[1].number)):
            c = Outcome(
                o.number,
                "claim",
                target=inp,
                text=o.text,
                reason=f"printed as {o.target}'s operand {inp}, its only printing ({o.reason})",
            )
            state.claims[inp] = c
            state.outcomes[_key(o.number)] = c
        return first

    def _reused_operands(self, taken: dict[str, Outcome], state: _State) -> None:
        """Of the operands taken as their steps' claims (`taken`: step -> operand), one that nothing
        in its expression works out (no number of it bound as the step's own operand) and whose very
        text (two significant digits at least) a sibling's claim printed on a line above is that
        value used again where the sibling takes the same value (`w2 = 0.2 - 0.025` below `w1 = 0.5 -
        0.1 * 0.25 * 1 = 0.5 - 0.025`, the inputs equal): it stays an operand.
        Siblings: steps of one group of the worksheet, or of one function (a step written once for
        each of its indices)."""
        for inp, o in sorted(taken.items(), key=lambda t: _key(t[1].number)):
            c = state.claims.get(inp)
            if c is None or c.number is not o.number or state.operands.get(inp):
                continue
            if (parse_printed(o.text).sig or 0) < 2:
                continue
            other = next(
                (
                    k
                    for k, d in state.claims.items()
                    if k != inp
                    and d.number.line < o.number.line
                    and d.text == o.text
                    and self._siblings(k, inp)
                ),
                None,
            )
            if other is None:
                continue
            del state.claims[inp]
            state.outcomes[_key(o.number)] = o
            o.reason += (
                f"; not {inp}'s claim: {other}'s printed value {o.text} (line "
                f"{state.claims[other].number.line}) used again, nothing here works it out"
            )

    def _siblings(self, a: str, b: str) -> bool:
        """Whether the worksheet groups the steps `a` and `b` (a step's `group=`, `ws.group(...)`) or
        computes them with one function."""
        sa, sb = self.ws.steps[a], self.ws.steps[b]
        if sa.group is not None and sa.group == sb.group:
            return True
        if any(a in members and b in members for members in self.ws.groups.values()):
            return True
        code = getattr(sa.fn, "__code__", None)
        return code is not None and code is getattr(sb.fn, "__code__", None)

    def _is_a_given_of(self, p: Printed, step: str) -> bool:
        """The printed value is exactly the value of a given value `step` is computed from, and
        another input of `step` is 0 (the step passes that given on: `y - 0`)."""
        inputs = self.ws.steps[step].inputs
        values = {i: _scalar(self.m.exact.get(i)) for i in inputs}
        given = [i for i in inputs if i not in self.ws.steps and values[i] == p.value]
        return any(values[j] == 0 for g in given for j in inputs if j != g)

    def _fits_step(self, p: Printed, step: str, cs, state: _State) -> bool:
        """The printed value is the step's exact value or its author's-chain value."""
        ops = state.operand_values().get(step, {})
        return _fits(p, self.m.exact.get(step)) or _fits(
            p, self.m.author_value(step, cs, state.printed(), ops)[0]
        )

    def _excluded(self, step: str, line: int) -> str | None:
        later = [
            (self.first_line[t], t) for t in self.m.anc.get(step, ()) if self.first_line.get(t, 0) > line
        ]
        if later:
            fl, t = max(later)
            return f"{step} depends on {t}, first printed on line {fl}"
        return None

    def _filter(self, cands: list[str], line: int) -> tuple[list[str], list[str]]:
        kept, why = [], []
        for c in cands:
            reason = self._excluded(c, line) if c in self.ws.steps else None
            if reason:
                why.append(reason)
            else:
                kept.append(c)
        return (kept, why) if kept else (cands, [])

    # --- chains -----------------------------------------------------------------------------------

    def _candidates_for(self, chain: _Chain) -> tuple[list[str], str]:
        if chain.label is None:
            return (self.m.names.by_structure(chain.form), "structure") if chain.form else ([], "")
        names, tier = self.m.names.resolve(chain.label)
        names = narrow(names, sample_at(self.samples, chain.numbers[0].line))[0]
        # `w_1 = 0.001 - 0.00001 * 226.5 = -0.001265`: an update is spelled as the value it updates
        updates = [
            s
            for s, st in self.ws.steps.items()
            if st.means is not None and st.means.kind == "update" and st.means.of in names and s not in names
        ]
        if updates and any(n not in self.ws.steps for n in names) and chain.operands:
            names = names + updates
        computed = self._computed_under_given(chain, names)
        if computed is not None:
            return computed, "structure"
        return names, tier

    def _computed_under_given(self, chain: _Chain, names: list[str]) -> list[str] | None:
        """`y = σ(z_o) = 0.617` where y is a given (the target) and the output goes by y too: a chain
        whose label names only given values, whose results none of them takes and whose expression
        names a step's inputs (its structure), is that step's (a given value is not computed)."""
        if not names or any(n in self.ws.steps for n in names) or not chain.results:
            return None
        if any(_fits(r.printed, _scalar(self.m.given.get(n))) for n in names for r in chain.results):
            return None
        for seg in chain.symbolic:
            form = " ".join(_strip_label(seg.text).split())
            steps = self.m.names.by_structure(form) if form else []
            if len(steps) == 1:
                self.forms[id(chain)] = form
                return steps
        return None

    def _chain(self, chain: _Chain, state: _State) -> None:
        rd = self._read(chain, state)
        if chain.label and not rd.names and chain.results and chain.operands:
            # `W_{new} = 0.5 - (0.01 x -100) = 0.5 - (-1) = 1.5`: a label that names nothing in
            # the worksheet, over the numbers of one step's inputs and a result of its value
            whole = self._read(chain, state, every=True)
            r = chain.results[-1]
            steps = [c for c in whole.pool if c in self.ws.steps]
            value = [c for c in steps if self._fit_level(whole, c, r)[0] == "value"]
            if (c := self._by_inputs(whole, value)) is not None:
                why = (
                    f"{rd.label_txt} names no step; its numbers are {c}'s inputs, one each, and its "
                    f"result {c}'s value"
                )
                self._bind_chain_to(whole, c, why, state)
                return
        if chain.results:
            chosen, why, ambiguous = self._choose_by_result(rd, state)
        else:
            chosen, why, ambiguous = self._choose_by_operands(rd)
        if chosen is None and chain.label and not rd.names and chain.results:
            rd, chosen, why = self._unnamed_by_value(rd, state, f"label {chain.label} names nothing")
        elif chosen in state.claims and chain.label is None and chain.results and rd.names:
            if not self._agrees(chain.results[-1], chosen, state):  # `(zh) = 0.017`: h's inputs, h printed
                said = f"{rd.label_txt} names {chosen}, printed {state.claims[chosen].number.text} above"
                alt = self._unnamed_by_value(rd, state, said)
                if alt[1] is not None and alt[1] not in state.claims:
                    rd, chosen, why = alt
        if chosen is None:
            # Every number of the chain waits for a person; constants of every reading are constants,
            # and a given value that every reading maps the same number to is that given value.
            for n in chain.numbers:
                state.outcomes[_key(n)] = self._unchosen(rd, n, ambiguous, state)
        elif chosen not in self.ws.steps:
            for n in chain.numbers:
                if n in chain.results:
                    # a bare `x_1 = 2000` after `x_1 = 3000` restates another example's value, not a slip
                    self._bind_given(
                        n, chosen, state, why, allow_claim=bool(rd.names) and bool(chain.operands)
                    )
                else:
                    state.outcomes[_key(n)] = Outcome(
                        n, "unbound", reason=f"in an expression for the given value {chosen}"
                    )
        else:
            self._bind_chain_to(rd, chosen, why, state)

    def _unnamed_by_value(self, rd: _Reading, state: _State, said: str) -> tuple[_Reading, str | None, str]:
        """A label that names nothing (`o = ... = -0.091`, the delta of `δ_o` lost to a PDF's text, or
        a name of the article's own), or an expression that names a step printed above with another
        value (`(zh) = -0.017`, the rest of `δ_h = δ_o w_3 σ'(z_h)` lost): its result, a decimal of two
        significant digits or more, is the step's whose value it alone matches (no slip, no given
        value). `said`: what the label or expression says, for the reason."""
        r = rd.chain.results[-1]
        if r.is_integer or (r.printed.sig or 0) < 2:
            return rd, None, ""
        cs = self.m.chains(state.printed(), state.operand_values())
        pool = [c for c in self.ws.steps if c not in self.m.vector]
        evals = {c: self._evaluate(c, rd.chain, state, cs) for c in pool}
        by_value = _Reading(rd.chain, [], rd.label_txt, pool, [], evals)
        fits = [c for c in pool if self._fit_level(by_value, c, r)[0] == "value"]
        if len(fits) != 1:
            return rd, None, ""
        return by_value, fits[0], f"{said}; only {fits[0]} matches by value"

    def _read(self, chain: _Chain, state: _State, every: bool = False) -> _Reading:
        line = chain.numbers[0].line
        names, tier = self._candidates_for(chain)
        cs = self.m.chains(state.printed(), state.operand_values())
        # Operands may change a step's author value: evaluate each candidate with its own mapping.
        # No label: the result may be any step or given value it matches by value. A label that
        # names nothing in the worksheet (`n = 1`) says the number is something else (`every`:
        # read as if it had no label, for the step whose inputs its numbers are).
        every = every or not (names or chain.label)
        pool = names if not every else list(self.ws.steps) + list(self.ws.given_names)
        pool = [c for c in pool if c not in self.m.vector]
        pool, excluded = self._filter(pool, line)
        evals = {c: self._evaluate(c, chain, state, cs) for c in pool}
        label_txt = f"label {chain.label}" if chain.label else ""
        if names and not chain.label:
            label_txt = f"the expression {chain.form.strip()} (the inputs of {', '.join(names)})"
        elif names and tier == "structure":
            label_txt = (
                f"label {chain.label} (a given value's), computed as {self.forms[id(chain)]} "
                f"(the inputs of {', '.join(names)})"
            )
        return _Reading(chain, names, label_txt, pool, excluded, evals)

    def _evaluate(self, c: str, chain: _Chain, state: _State, cs) -> tuple:
        """(operand mapping, exact, author's chain, old author's value) of candidate `c`."""
        if c not in self.ws.steps:
            return ({}, self.m.exact.get(c), self.m.exact.get(c), None)
        mapping = map_operands(self.m, c, chain, state, cs)
        ops = {
            mapping[_key(n)][0]: (-n.printed.value if mapping[_key(n)][3] else n.printed.value)
            for n in chain.operands
            if mapping[_key(n)][0] is not None
        }
        author, old = self.m.author_value(c, cs, state.printed(), ops)
        return (mapping, self.m.exact.get(c), author, old)

    def _fit_level(self, rd: _Reading, c: str, r: Number):
        """("value" | "slip" | "none", detail, slip) of the printed result `r` against candidate `c`."""
        mapping, exact, author, old = rd.evals[c]
        p = r.printed
        if _fits(p, exact) or _fits(p, author):
            which = "exact" if _fits(p, exact) else "author's chain"
            v = exact if which == "exact" else author
            return "value", f"{which} {_g(v)}", None
        # Through a slip only with a label, or with 3 significant digits (fewer fit by chance).
        if c in self.ws.steps and (rd.names or p.sig >= 3):
            s = self.m.slip(c, p, exact, author, old)
            if s is not None:
                return "slip", s[2], s
        return "none", f"exact {_g(exact)}, author's chain {_g(author)}", None

    def _choose_by_result(self, rd: _Reading, state: _State) -> tuple[str | None, str, list[str]]:
        """(the step the chain's last result reports, why, the candidates when ambiguous)."""
        names, pool, label_txt = rd.names, rd.pool, rd.label_txt
        chosen: str | None = None
        why = ""
        ambiguous: list[str] = []
        r = rd.chain.results[-1]
        if not names and r.is_integer and (r.printed.sig or 0) < 2 and not self._equals_a_step(r, pool):
            return None, "", []  # `\sum_i \hat{y}_i = 1`: one digit near a value (0.51), no label: none
        levels = {c: self._fit_level(rd, c, r) for c in pool}
        value = [c for c in pool if levels[c][0] == "value"]
        slips = [c for c in pool if levels[c][0] == "slip"]
        if names and len(pool) == 1:
            chosen = pool[0]
            why = f"{label_txt} names {chosen}" if len(names) == 1 else f"{label_txt} fits {', '.join(names)}"
        elif len(value) == 1:
            chosen = value[0]
            if names and len(pool) > 1:
                why = f"{label_txt} fits {', '.join(pool)}; only {chosen} matches by value"
            else:
                why = f"{label_txt} names {chosen}" if names else f"only {chosen} matches by value"
        elif len(value) > 1 and names and (placed := self._by_place(value, r, state)) is not None:
            chosen, placed_why = placed
            why = f"{label_txt} fits {', '.join(pool)}; {', '.join(value)} match by value; {placed_why}"
        elif len(value) > 1 and names and (nth := self._by_iteration(value, r)) is not None:
            chosen, nth_why = nth
            why = f"{label_txt} fits {', '.join(pool)}; {', '.join(value)} match by value; {nth_why}"
        elif len(value) > 1 and (whole := self._by_inputs(rd, value)) is not None:
            chosen = whole
            why = (f"{label_txt} fits {', '.join(pool)}; " if names else "") + (
                f"{', '.join(value)} match by value; only {chosen}'s inputs are the numbers of one "
                "of its expressions"
            )
        elif len(value) > 1:
            ambiguous = value
        elif len(slips) == 1 and (names or r.printed.sig >= 3):
            chosen = slips[0]
            why = (
                f"{label_txt} fits {', '.join(pool)}; only {chosen} matches through a slip"
                if names
                else f"only {chosen} matches, through a slip"
            )
        elif names and (again := self._printed_again(pool, r, state)) is not None:
            chosen = again
            why = f"{label_txt} fits {', '.join(pool)}; {again} is printed {r.text} above"
        elif names and (placed := self._by_place(pool, r, state)) is not None:
            chosen, placed_why = placed
            why = f"{label_txt} fits {', '.join(pool)}; no reading of them matches its value; {placed_why}"
        elif names and rd.chain.operands and (upd := self._update_of_given(pool)) is not None:
            chosen = upd
            why = f"{label_txt} fits {', '.join(pool)}; a value computed under a given's name is its update"
        elif names:
            ambiguous = pool
        elif len(slips) > 1:
            ambiguous = slips
        if rd.excluded and chosen and names:
            why += "; " + "; ".join(rd.excluded)
        return chosen, why, ambiguous

    def _by_inputs(self, rd: _Reading, cands: list[str]) -> str | None:
        """The one step of `cands` whose inputs are, by value, the numbers of one of the chain's
        expressions, each input once (`(10 x 0.5) + (10 x -0.5) = 5 - 5 = 0`: 5 and -5 are
        p1 and p2, the inputs of p1 + p2, not of another step worth 0); None when not one."""
        whole = []
        for c in cands:
            if c not in self.ws.steps:
                continue
            mapping, inputs = rd.evals[c][0], self.ws.steps[c].inputs
            for g in rd.chain.groups:
                kinds = [mapping.get(_key(n)) for n in g.numbers if n in rd.chain.operands]
                kinds = [k for k in kinds if k is not None and k[1] != "constant"]
                mapped = [k[0] for k in kinds if k[0] is not None and k[1].startswith("matches")]
                if len(mapped) == len(kinds) == len(inputs) and set(mapped) == set(inputs):
                    whole.append(c)
                    break
        return whole[0] if len(whole) == 1 else None

    def _equals_a_step(self, r: Number, pool: list[str]) -> bool:
        """A step of `pool` whose exact value is the printed integer itself (a ReLU's 0), not one that
        only rounds to it."""
        return any(
            (v := _scalar(self.m.exact.get(c))) is not None and abs(v - r.printed.value) <= 1e-9 for c in pool
        )

    def _update_of_given(self, pool: list[str]) -> str | None:
        """`w3 = 0.5 - 0.1 * (-0.0134) = 0.6`: the label fits the given w3 and the one step that updates
        it; an expression computes the value, so it is the update's (a given value is not computed)."""
        given = [c for c in pool if c not in self.ws.steps]
        if len(given) != 1:
            return None
        ups = [
            c
            for c in pool
            if c in self.ws.steps
            and (m := self.ws.steps[c].means) is not None
            and m.kind == "update"
            and m.of == given[0]
        ]
        return ups[0] if len(ups) == 1 and len(pool) == 2 else None

    def _by_iteration(self, cands: list[str], r: Number) -> tuple[str, str] | None:
        """The one candidate whose name ends with the iteration the sentence names ("After 10
        iterations, x_1 = 0": x1_10 of x1_1 ... x1_10); None when it names none or several fit."""
        before = self.scan.lines[r.line - 1][: r.col - 1]
        said = _ITERATION.findall(before)
        if not said:
            return None
        k = next(a or b for a, b in reversed(said))
        hit = [c for c in cands if re.search(rf"(?<![0-9]){k}$", c)]
        if len(hit) != 1:
            return None
        return hit[0], f"the sentence says iteration {k}, so it is {hit[0]}"

    def _printed_again(self, pool: list[str], r: Number, state: _State) -> str | None:
        """The one step of `pool` already printed with the same text as `r` (`Since y_5 = 0.61`
        after `y_5 = 0.61`), whose value fits no reading: `r` restates it."""
        same = [
            c
            for c in pool
            if c in state.claims
            and state.claims[c].number.printed.value == r.printed.value
            and state.claims[c].number.printed.decimals == r.printed.decimals
            and _key(state.claims[c].number) < _key(r)
        ]
        return same[0] if len(same) == 1 else None

    def _by_place(self, pool: list[str], r: Number, state: _State) -> tuple[str, str] | None:
        """A number its label gives to several steps, whose value fits none of them (a wrong number):
        the one step still free when every other is already printed above it with another value,
        and no printed one depends on it (`y_3 = 0.57` after `y_3 = 0.56` and the weights' update
        is the second pass's y3). None when the place does not single out one step."""
        steps = [c for c in pool if c in self.ws.steps]
        free = [c for c in steps if c not in state.claims]
        taken = [c for c in steps if c in state.claims]
        if len(free) != 1 or not taken or len(steps) != len(pool):
            return None
        (f,) = free
        for t in taken:
            o = state.claims[t].number
            if _key(o) >= _key(r) or o.printed.value == r.printed.value or f in self.m.anc.get(t, ()):
                return None
        said = "; ".join(
            f"{t} is printed {state.claims[t].number.text} on line {state.claims[t].number.line}"
            for t in taken
        )
        return f, f"{said}, so by its place it is {f}'s"

    def _choose_by_operands(self, rd: _Reading) -> tuple[str | None, str, list[str]]:
        """A chain that prints no result: the step whose inputs its numbers match."""
        names, pool, label_txt = rd.names, rd.pool, rd.label_txt
        chosen: str | None = None
        why = ""
        ambiguous: list[str] = []
        steps = [c for c in pool if c in self.ws.steps]
        full = []
        for c in steps:
            kinds = [rd.evals[c][0][_key(n)] for n in rd.chain.operands]
            by_value = all(
                k[1] == "constant" or (k[0] is not None and k[1].startswith("matches")) for k in kinds
            )
            if kinds and by_value and any(k[0] is not None for k in kinds):
                full.append(c)
        if names and len(steps) == 1:
            chosen = steps[0]
            why = f"{label_txt} names {chosen}" if len(names) == 1 else f"{label_txt} fits {', '.join(names)}"
        elif names and len(full) == 1:
            chosen = full[0]
            why = f"{label_txt} fits {', '.join(pool)}; only {chosen}'s inputs match the numbers in it"
        elif names:
            ambiguous = steps
        if rd.excluded and chosen:
            why += "; " + "; ".join(rd.excluded)
        return chosen, why, ambiguous

    def _unchosen(self, rd: _Reading, n: Number, ambiguous: list[str], state: _State) -> Outcome:
        """A number of a chain no single step takes: a constant, a given value, or for a person."""
        chain, evals, label_txt = rd.chain, rd.evals, rd.label_txt
        steps_in_pool = [c for c in rd.pool if c in self.ws.steps]
        symbolic = {_key(m) for seg in chain.symbolic for m in seg.numbers}
        readings = [evals[c][0].get(_key(n), (None, "")) for c in (ambiguous or steps_in_pool)]
        same_given = {r[0] for r in readings}
        constant = n in chain.operands and readings and all(r[1] == "constant" for r in readings)
        if _key(n) in symbolic or constant:
            return Outcome(n, "constant", reason="a constant of the formula")
        if (
            n in chain.operands
            and readings
            and len(same_given) == 1
            and None not in same_given
            and next(iter(same_given)) not in self.ws.steps
        ):
            g = next(iter(same_given))
            return Outcome(
                n,
                "given",
                target=g,
                reason=(
                    f"the given value {g} restated in the expression (every reading of the step "
                    f"maps it there)"
                ),
            )
        if ambiguous:
            cands = (
                ambiguous
                if n in chain.results
                else [
                    f"{c}<-{evals[c][0][_key(n)][0]}" if evals[c][0].get(_key(n), (None,))[0] else c
                    for c in ambiguous
                ]
            )
            sugg, sugg_why = self._suggest(ambiguous, state)
            return Outcome(
                n,
                "ambiguous",
                candidates=cands,
                suggestion=sugg,
                reason=f"{label_txt + ' ' if label_txt else ''}fits {', '.join(ambiguous)}{sugg_why}",
            )
        why_not = (
            f"{label_txt} names no step or given value"
            if chain.label and not rd.names
            else "no step or given value matches it"
        )
        if n in chain.results and rd.names:
            why_not = f"{label_txt} fits {', '.join(rd.names)}, but none of them matches it"
        return Outcome(n, "unbound", reason=why_not)

    def _bind_chain_to(self, rd: _Reading, chosen: str, why: str, state: _State) -> None:
        """The chain reports step `chosen`: its operands and its results."""
        mapping = rd.evals[chosen][0]
        for n in rd.chain.operands:
            inp, how, fits, negated = mapping[_key(n)]
            if how == "constant":
                state.outcomes[_key(n)] = Outcome(
                    n, "constant", target=chosen, reason=f"a constant of {chosen}'s formula"
                )
            elif how == "ambiguous":
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "ambiguous",
                    candidates=[f"{chosen}<-{a}" for a in fits],
                    reason=f"in {chosen}'s expression it fits the inputs {', '.join(fits)} by value",
                )
            elif inp is None:
                inputs = ", ".join(self.ws.steps[chosen].inputs)
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "unbound",
                    reason=f"in {chosen}'s expression, but it matches none of its inputs ({inputs})",
                )
            else:
                text = negated_text(n.plain) if negated else n.plain
                self._bind_operand(n, chosen, inp, text, f"{how} (an operand of {chosen}: {why})", state)
        for r in rd.chain.results:
            level, detail, slip = self._fit_level(rd, chosen, r)
            reason = f"{why}; {detail}"
            if level == "slip":
                self._bind_claim(r, chosen, reason, state, proposed=slip[0], factor=slip[1])
            elif level == "value":
                self._bind_claim(r, chosen, reason, state)
            else:
                self._bind_claim(
                    r, chosen, f"{reason}; printed {r.text} fits no rule, so the runner judges it", state
                )

    def _suggest(self, cands: list[str], state: _State) -> tuple[str | None, str]:
        free = [c for c in cands if c not in state.claims]
        taken = [c for c in cands if c in state.claims]
        if len(free) == 1 and taken:
            t = "; ".join(
                f"{c} is printed {state.claims[c].number.text} on line {state.claims[c].number.line}"
                for c in taken
            )
            return free[0], f"; {t}, so {free[0]} is likelier"
        return None, ""

    def _bind_operand(self, n: Number, step: str, inp: str, text: str, reason: str, state: _State) -> None:
        ops = state.operands.setdefault(step, {})
        if inp in ops:
            prev = ops[inp]
            if parse_printed(prev.text).value == parse_printed(text).value:
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "repeat",
                    target=step,
                    input=inp,
                    text=text,
                    reason=f"the operand {inp} of {step} again (line {prev.number.line})",
                )
            else:
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "ambiguous",
                    candidates=[f"{step}<-{inp}"],
                    text=text,
                    reason=f"{step}'s operand {inp} is printed {prev.text} on line {prev.number.line} "
                    f"and {text} here",
                )
            return
        o = Outcome(n, "operand", target=step, input=inp, reason=reason, text=text)
        ops[inp] = o
        state.outcomes[_key(n)] = o
        state.op_seen.setdefault(inp, []).append((parse_printed(text), n.line))

    def _unknown(self, step: str, state: _State) -> bool:
        """The step has no value on either chain (a given value it needs is not found)."""
        cs = self.m.chains(state.printed(), state.operand_values())
        return self.m.exact.get(step) is None and _scalar(cs.author.get(step)) is None

    def _bind_claim(
        self, n: Number, step: str, reason: str, state: _State, proposed=None, factor=None
    ) -> None:
        if step in state.claims:
            prev = state.claims[step]
            same = (
                prev.number.printed.value == n.printed.value
                and prev.number.printed.decimals == n.printed.decimals
            )
            if same or _finer(prev.number.printed, n.printed):
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "repeat",
                    target=step,
                    text=n.text,
                    reason=f"{step} again (printed on line {prev.number.line})"
                    + ("" if same else f", to more digits: {n.text} rounds to {prev.number.text}"),
                )
            else:
                agrees = self._agrees(n, step, state)
                if prev.kind == "claim" and agrees and not self._agrees(prev.number, step, state):
                    self._replace_claim(n, step, reason, state)
                    return
                later = self._later_fit(n, step, state)
                if later is not None:
                    why = f"{reason}; {step} is printed {prev.number.text} on line {prev.number.line}"
                    self._bind_claim(
                        n,
                        later,
                        f"{why}, and {later} (labelled as {step} after an update) matches by value",
                        state,
                    )
                    return
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "ambiguous",
                    candidates=[step],
                    text=n.text,
                    reason=f"{reason}; but {step} is already printed {prev.number.text} on line "
                    f"{prev.number.line}",
                )
                if self._unknown(step, state) and prev.kind == "claim":
                    # no value tells which of two printings is the example's: neither, for a person
                    del state.claims[step]
                    state.outcomes[_key(prev.number)] = Outcome(
                        prev.number,
                        "ambiguous",
                        candidates=[step],
                        text=prev.text,
                        reason=f"{prev.reason}; but {step} is printed {n.text} on line {n.line} too, and "
                        "it has no value to tell which is the example's",
                    )
            return
        o = Outcome(n, "claim", target=step, reason=reason, proposed=proposed, factor=factor, text=n.plain)
        state.claims[step] = o
        state.outcomes[_key(n)] = o

    def _agrees(self, n: Number, step: str, state: _State) -> bool:
        """The number matches the step's exact value or the author's chain at its printed precision
        (two significant digits at least: one digit agrees by chance)."""
        if (n.printed.sig or 0) < 2:
            return False
        cs = self.m.chains(state.printed(), state.operand_values())
        return any(_fits(n.printed, _scalar(v)) for v in (self.m.exact.get(step), cs.author.get(step)))

    def _replace_claim(self, n: Number, step: str, reason: str, state: _State) -> None:
        """Two printings of one step, the first fitting no value of it and `n` its value: `n` is the
        example's, the first is listed for a person (an article's other example, or a slip of one)."""
        prev = state.claims.pop(step)
        state.outcomes[_key(prev.number)] = Outcome(
            prev.number,
            "ambiguous",
            candidates=[step],
            text=prev.text,
            reason=f"{prev.reason}; but {step} is printed {n.text} on line {n.line} too, which matches "
            "its value: that one is taken",
        )
        where = f"line {prev.number.line}"
        why = f"{reason}; {step} is printed {prev.number.text} on {where} too, which fits no value of it"
        self._bind_claim(n, step, why, state)

    def _later_fit(self, n: Number, step: str, state: _State) -> str | None:
        """The one later pass of `step` (`y_hat (new)` for y_hat), not yet printed, whose exact value
        the number matches to two significant digits at least (one fits by chance: -0.5)."""
        if (n.printed.sig or 0) < 2:
            return None
        fits = [
            t
            for t in self.m.names.later_of(step)
            if t not in state.claims and _fits(n.printed, self.m.exact.get(t))
        ]
        return fits[0] if len(fits) == 1 else None

    def _bind_given(self, n: Number, name: str, state: _State, why: str, *, allow_claim: bool) -> None:
        v = self.m.exact.get(name)
        if v is None and self.m.given.get(name) is None:
            state.outcomes[_key(n)] = Outcome(
                n, "given", target=name, reason=f"{why}; its value is not known otherwise"
            )
        elif _fits(n.printed, v):
            state.outcomes[_key(n)] = Outcome(
                n, "given", target=name, reason=f"{why}: the given value {_g(v)} restated"
            )
        elif allow_claim:
            self._bind_claim(n, name, f"{why}, but the given value is {_g(v)}", state)
        else:
            state.outcomes[_key(n)] = Outcome(n, "unbound", reason=f"{why}, but the given value is {_g(v)}")

    # --- prose ------------------------------------------------------------------------------------

    def _cues(self, n: Number) -> list[str]:
        line = self.scan.lines[n.line - 1]
        clause = re.split(r"[.;:!?]\s|,\s|\d", line[: n.col - 1])[-1]
        words = re.findall(r"[A-Za-z_][A-Za-z0-9_{}]*", clause)[-5:]
        out: list[str] = []
        if re.search(r"(?i)learning\s+rate|step\s+size", clause):
            out += self.m.names.lr_names
        for w in words:
            if w.lower() in _PROSE or len(w) < 2:
                continue
            hit, tier = self.m.names.resolve(w)
            if tier == "name":
                out += hit
        return list(dict.fromkeys(out))

    def _prose(self, n: Number, state: _State) -> None:
        if self._after_arrow(n, state):
            return
        p = n.printed
        if n.is_integer and re.match(r"\s*/\s*[(\d]", self.scan.lines[n.line - 1][n.col - 1 + len(n.text) :]):
            # `The sigmoid 1/(1 + e^{-2.3}) is 0.909`: a fraction's numerator, an operand of a formula
            state.outcomes[_key(n)] = Outcome(n, "constant", reason="the numerator of a fraction in prose")
            return
        cues = self._cues(n)
        if not cues and _in_array(self.scan.lines[n.line - 1], n):
            state.outcomes[_key(n)] = Outcome(
                n, "unbound", reason="an element of a printed array, and no label names a step it is one of"
            )
            return
        cs = self.m.chains(state.printed(), state.operand_values())
        fits = self._prose_fits(p, cs)
        if n.is_integer and not cues:
            state.outcomes[_key(n)] = self._said_given(n) or Outcome(
                n, "unbound", reason="a bare integer in prose; no label names a step"
            )
            return
        if cues:
            both = [c for c in fits if c in cues]
            if not both:
                named = ", ".join(f"{c} ({_g(self.m.exact.get(c))})" for c in cues)
                if not fits:
                    state.outcomes[_key(n)] = Outcome(
                        n, "unbound", reason=f"the words before it name {named}, which it does not match"
                    )
                    return
            else:
                fits = both
        exact_given = [
            g
            for g in fits
            if g not in self.ws.steps
            and self.m.exact.get(g) is not None
            and abs(self.m.exact[g] - p.value) <= 1e-12 * max(1.0, abs(p.value))
        ]
        if exact_given and len(exact_given) < len(fits):
            # every printed digit of a given value, against a step it matches only at that precision
            fits = exact_given
        fits, excluded = self._filter(fits, n.line)
        taken = [f for f in fits if f in state.claims and state.claims[f].number.printed.value != p.value]
        if len(fits) == 1 and taken:
            c = state.claims[fits[0]]
            state.outcomes[_key(n)] = Outcome(
                n,
                "unbound",
                reason=(
                    f"matches {fits[0]} by value, but {fits[0]} is printed {c.number.text} on line "
                    f"{c.number.line}"
                ),
            )
        elif len(fits) == 1:
            self._prose_bind(n, fits[0], fits[0] in cues, excluded, cs, state)
        elif len(fits) > 1 and (told := self._glossary_pick(n, fits)) is not None:
            self._prose_bind(n, told[0], True, [told[1]], cs, state)
        elif (
            len(fits) > 1
            and set(fits).isdisjoint(self.ws.steps)
            and len({self.m.exact[g] for g in fits}) == 1
        ):
            # "all the weights set to 0.5": one value that several given values share, no step's
            state.outcomes[_key(n)] = Outcome(
                n, "given", target=fits[0], reason=f"the given values {', '.join(fits)} ({n.plain}) restated"
            )
        elif len(fits) > 1:
            sugg, sugg_why = self._suggest([f for f in fits if f in self.ws.steps], state)
            state.outcomes[_key(n)] = Outcome(
                n,
                "ambiguous",
                candidates=fits,
                suggestion=sugg,
                reason=f"its value matches {', '.join(fits)}{sugg_why}",
            )
        else:
            bound = p.sig >= 3 and not p.ellipsis and self._prose_slip(n, cs, state)
            if not bound:
                state.outcomes[_key(n)] = Outcome(n, "unbound", reason="no step or given value matches it")

    def _said_given(self, n: Number) -> Outcome | None:
        """"both biases set to 1": the given values the words before it gave it, restated (or None)."""
        said = [g for g, _, _ in by_family(set(self.ws.given_names), self.scan, [n])]
        if not said or any(self.m.exact.get(g) != n.printed.value for g in said):
            return None
        why = f"said in words for {', '.join(said)}: the given value {n.plain} restated"
        return Outcome(n, "given", target=said[0], reason=why)

    def _after_arrow(self, n: Number, state: _State) -> bool:
        """`w_1 -> 0.447`, `1.259 -> 1.052`: the value after an arrow is the updated value of what is
        before it (a given, or a step printed just before): the one step that updates it, or its
        later pass (`L (new)` after L). True when it bound the number (to a step not yet printed)."""
        line = self.scan.lines[n.line - 1]
        before = line[: n.col - 1]
        m = re.search(r"(?:\u2192|\\to|\\rightarrow|->)\s*$", before)
        if not m or (n.printed.sig or 0) < 2:
            return False
        head = before[: m.start()].rstrip()
        prev = next(
            (q for q in self.scan.numbers if q.line == n.line and q.col - 1 + len(q.text) == len(head)), None
        )
        if prev is not None:
            o = state.outcomes.get(_key(prev))
            what = [o.target] if o is not None and o.kind in ("claim", "repeat", "given") else []
        else:
            label = re.search(r"(\\?[A-Za-z][A-Za-z0-9]*(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?)$", head)
            what = self.m.names.resolve(label.group(1))[0] if label else []
        if len(what) != 1:
            return False
        (s,) = what
        if s in self.ws.steps:
            later = self.m.names.later_of(s)
        else:
            later = [
                t
                for t, st in self.ws.steps.items()
                if st.means is not None and st.means.kind == "update" and st.means.of == s
            ]
        if len(later) != 1 or later[0] in state.claims:
            return False
        t = later[0]
        exact = self.m.exact.get(t)
        how = (
            f"exact {_g(exact)}"
            if _fits(n.printed, exact)
            else f"exact {_g(exact)}; printed {n.text} fits no rule, so the runner judges it"
        )
        self._bind_claim(n, t, f"after an arrow from {s}: {t}, the value that updates it ({how})", state)
        return True

    def _glossary_pick(self, n: Number, fits: list[str]) -> tuple[str, str] | None:
        """Among the steps a number in prose fits by value, the one the words before it name through
        the article's own table of symbols (`| y | the neuron's output | 4.5 |`: "The new output
        is 4.64" is y's, or its later pass `y (new)`), with the reason; None when not one."""
        if self.glossary is None:
            self.glossary = _glossary(self.scan.lines, self.m.names)
        line = self.scan.lines[n.line - 1]
        clause = re.split(r"[.;:!?]\s|,\s|\d", line[: n.col - 1])[-1]
        for w in reversed(re.findall(r"[A-Za-z]+", clause)[-4:]):
            named = self.glossary.get(w.lower())
            if not named:
                continue
            sym, steps = named
            wanted = set(steps) | {t for s in steps for t in self.m.names.later_of(s)}
            pick = [f for f in fits if f in wanted]
            if len(pick) > 1 and re.search(r"(?i)\b(?:new|updated|after)\b", clause):
                pick = [f for f in pick if f not in steps]  # "the new output": the later pass
            if len(pick) == 1:
                return pick[0], f"'{w}' is what the article's table of symbols calls {sym}"
        return None

    def _prose_fits(self, p: Printed, cs) -> list[str]:
        """The steps and given values a number in prose matches by value."""
        fits = []
        for s in self.ws.steps:
            author = _scalar(cs.author.get(s))
            if _fits(p, self.m.exact.get(s)) or (author is not None and p.passes(author)):
                fits.append(s)
        fits += [
            g for g in self.ws.given_names if self.m.exact.get(g) is not None and p.passes(self.m.exact[g])
        ]
        return fits

    def _prose_bind(self, n: Number, f: str, cued: bool, excluded: list[str], cs, state: _State) -> None:
        """A number in prose that matches only `f`: a claim of that step, or the given value restated."""
        p = n.printed
        why = "the words before it name it and its value matches" if cued else "the only value it matches"
        if excluded:
            why += "; " + "; ".join(excluded)
        if f in self.ws.steps:
            v = self.m.exact.get(f) if _fits(p, self.m.exact.get(f)) else _scalar(cs.author.get(f))
            which = "exact" if _fits(p, self.m.exact.get(f)) else "author's chain"
            self._bind_claim(n, f, f"{why} ({which} {_g(v)})", state)
        else:
            self._bind_given(n, f, state, why, allow_claim=False)

    def _prose_slip(self, n: Number, cs, state: _State) -> bool:
        """With 3 significant digits, a number that one step explains through a known slip is that
        step's, with the slip proposed (the runner confirms it or the draft drops it). False when
        no free step's slip explains it."""
        p = n.printed
        slips = {}
        for st in self.ws.steps:
            author, old = self.m.author_value(st, cs, state.printed(), {})
            got = self.m.slip(st, p, self.m.exact.get(st), author, old)
            if got is not None:
                slips[st] = got
        slips = {k: v for k, v in slips.items() if k not in state.claims}
        if len(slips) == 1:
            ((st, got),) = slips.items()
            self._bind_claim(
                n, st, f"only {st} matches, through a slip; {got[2]}", state, proposed=got[0], factor=got[1]
            )
            return True
        if len(slips) > 1:
            state.outcomes[_key(n)] = Outcome(
                n,
                "ambiguous",
                candidates=sorted(slips),
                reason=f"matches {', '.join(sorted(slips))} only through slips",
            )
            return True
        return False


def _in_array(line: str, n: Number) -> bool:
    """The number is an element of an array printed on its line: the innermost brackets around it
    hold other numbers too (`[0.1 0.2]`, numpy's `[[0.5 0.6]]`), or the line is nothing but
    bracketed numbers (` [0.5]]`, a row of a column numpy prints over lines)."""
    i = n.col - 1
    a, b = line.rfind("[", 0, i), line.find("]", n.end)
    if a >= 0 and b >= 0 and "]" not in line[a:i] and "[" not in line[n.end : b]:
        inside = line[a + 1 : b]
        if len(re.findall(r"\d+(?:\.\d+)?", inside)) >= 2 and not re.search(r"[A-Za-z=]", inside):
            return True
    return bool(re.fullmatch(r"\s*\[+[-\d.eE+\s]*\]*\s*", line)) and ("[" in line and "]" in line)


def _finer(before: Printed, again: Printed) -> bool:
    """`again` is `before` printed to more digits (0.98661308 after 0.9866: a program's output of a
    value the text rounded), not another value."""
    return again.decimals > before.decimals and not before.ellipsis and before.passes(again.value)
