"""Binding: each printed number to the step, operand or given value it reports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..claims import negated as _neg
from ..printed import Printed, parse_printed
from .chains import _Chain, _Segment, _slots
from .model import _fits, _g, _Model, _scalar
from .numbers import _PROSE, Number, Scan, _key
from .result import Outcome


@dataclass
class _State:
    outcomes: dict[tuple[int, int], Outcome] = field(default_factory=dict)
    claims: dict[str, Outcome] = field(default_factory=dict)
    operands: dict[str, dict[str, Outcome]] = field(default_factory=dict)
    op_seen: dict[str, list[tuple[Printed, int]]] = field(
        default_factory=dict
    )  # numbers printed for an input

    def printed(self) -> dict[str, float]:
        return {k: o.number.printed.value for k, o in self.claims.items()}

    def operand_values(self) -> dict[str, dict[str, float]]:
        return {
            s: {i: parse_printed(o.text).value for i, o in ops.items()} for s, ops in self.operands.items()
        }


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
        for step, ops in state.operands.items():
            if step not in state.claims:
                for o in ops.values():
                    o.kind = "noted"
                    o.reason += f"; not written: {step}'s own result is not printed, and a claim needs one"
        return state

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

    # --- operands ---------------------------------------------------------------------------------

    def _input_values(self, step: str, state: _State, chains) -> dict[str, list[tuple[float, str]]]:
        printed = state.printed()
        out = {}
        for a in self.ws.steps[step].inputs:
            vals = []
            if self.m.exact.get(a) is not None:
                vals.append(
                    (self.m.exact[a], "the given value" if a not in self.ws.steps else "the exact value")
                )
            av = _scalar(chains.author.get(a))
            if av is not None and a in self.ws.steps:
                vals.append((av, "the author's-chain value"))
            if a in printed and a in self.ws.steps:
                o = state.claims[a]
                vals.append((printed[a], f"{a} as printed on line {o.number.line}"))
            for p, ln in state.op_seen.get(a, []):
                vals.append((p.value, f"the number printed for {a} on line {ln}"))
            out[a] = vals
        return out

    def _map_operands(self, step: str, chain: _Chain, state: _State, chains):
        """{number key: (input | None, how)}; how "constant" marks a formula constant."""
        inputs = self.ws.steps[step].inputs
        values = self._input_values(step, state, chains)
        out: dict[tuple[int, int], tuple[str | None, str, list[str], bool]] = {}
        for group in chain.groups:
            self._map_group(group, chain, inputs, values, out)
        # `\frac{1}{1+e^{-1.0}}` with a = 1.0: where a decimal-printed number stands for an input,
        # an integer mapped to the same input is the formula's constant.
        by_input: dict[str, list[Number]] = {}
        for n in chain.operands:
            if out.get(_key(n), (None,))[0] is not None:
                by_input.setdefault(out[_key(n)][0], []).append(n)
        for inp, ns in by_input.items():
            if any(not n.is_integer for n in ns):
                for n in ns:
                    if n.is_integer:
                        out[_key(n)] = (None, "constant", [], False)
        return out

    def _map_group(self, group: _Segment, chain: _Chain, inputs, values, out) -> None:
        nums = group.numbers
        if group in chain.symbolic:  # `y_5(1-y_5)`: the formula's own constants
            for n in nums:
                out[_key(n)] = (None, "constant", [], False)
            return
        align = None
        for seg in chain.symbolic:
            slots = _slots(seg)
            if len(slots) == len(nums) and all(
                kind == "atom" or abs(val - n.printed.value) < 1e-12 for (kind, val), n in zip(slots, nums)
            ):
                align = (slots, seg)
                break
        for i, n in enumerate(nums):
            p = n.printed
            slot = align[0][i] if align else None
            if slot is not None and slot[0] == "literal":
                out[_key(n)] = (None, "constant", [], False)
                continue
            # An integer stands for an input only when it is that input's value exactly (eta = 1):
            # at no decimals, "1" would pass anything from 0.5 to 1.5.
            if n.is_integer:

                def ok(q, v):
                    return abs(v - q.value) <= 1e-9 * max(1.0, abs(v))
            else:

                def ok(q, v):
                    return q.passes(v)

            fits = [a for a in inputs if any(ok(p, v) for v, _ in values[a])]
            negated = False
            if not fits and n.exponent:
                fits = [a for a in inputs if any(ok(_neg(p), v) for v, _ in values[a])]
                negated = bool(fits)
            q = _neg(p) if negated else p
            exact = [
                a for a in fits if any(abs(v - q.value) <= 1e-9 * max(1.0, abs(v)) for v, _ in values[a])
            ]
            if len(fits) > 1 and len(exact) == 1:
                # 0.1 is lr = 0.1 to every printed digit, and dE/dw = 0.067 only at one decimal
                fits = exact
            place: list[str] = []
            if slot is not None:
                place, _ = self.m.names.resolve(slot[1], among=set(inputs))
            how_val = lambda a: next(w for v, w in values[a] if ok(_neg(p) if negated else p, v))  # noqa: E731
            if len(fits) == 1:
                extra = " (the minus belongs to the exponent)" if negated else ""
                out[_key(n)] = (fits[0], f"matches {how_val(fits[0])}{extra}", [], negated)
            elif len(fits) > 1:
                both = [a for a in place if a in fits]
                if len(both) == 1:
                    out[_key(n)] = (
                        both[0],
                        f"matches {', '.join(fits)} by value; its place in "
                        f"`{align[1].text.strip()}` (line {align[1].line}) says {both[0]}",
                        [],
                        negated,
                    )
                else:
                    out[_key(n)] = (None, "ambiguous", fits, negated)
            elif len(place) == 1:
                where = f"`{align[1].text.strip()}` (line {align[1].line})"
                out[_key(n)] = (place[0], f"no input by value; its place in {where}", [], False)
            elif n.is_integer:
                out[_key(n)] = (None, "constant", [], False)
            else:
                out[_key(n)] = (None, "unmapped", [], False)

    # --- chains -----------------------------------------------------------------------------------

    def _candidates_for(self, chain: _Chain) -> tuple[list[str], str]:
        if chain.label is None:
            return [], ""
        names, tier = self.m.names.resolve(chain.label)
        return names, tier

    def _chain(self, chain: _Chain, state: _State) -> None:
        line = chain.numbers[0].line
        names, tier = self._candidates_for(chain)
        label_txt = f"label {chain.label}" if chain.label else ""
        cs = self.m.chains(state.printed(), state.operand_values())
        # Operands may change a step's author value: evaluate each candidate with its own mapping.
        # No label: the result may be any step or given value it matches by value. A label that
        # names nothing in the worksheet (`n = 1`) says the number is something else.
        pool = names if names or chain.label else list(self.ws.steps) + list(self.ws.given_names)
        pool, excluded = self._filter(pool, line)
        evals = {}
        for c in pool:
            if c in self.ws.steps:
                mapping = self._map_operands(c, chain, state, cs)
                ops = {
                    mapping[_key(n)][0]: (-n.printed.value if mapping[_key(n)][3] else n.printed.value)
                    for n in chain.operands
                    if mapping[_key(n)][0] is not None
                }
                author, old = self.m.author_value(c, cs, state.printed(), ops)
                evals[c] = (mapping, self.m.exact.get(c), author, old)
            else:
                evals[c] = ({}, self.m.exact.get(c), self.m.exact.get(c), None)

        def fit_level(c, r: Number):
            mapping, exact, author, old = evals[c]
            p = r.printed
            if _fits(p, exact) or _fits(p, author):
                which = "exact" if _fits(p, exact) else "author's chain"
                v = exact if which == "exact" else author
                return "value", f"{which} {_g(v)}", None
            # Through a slip only with a label, or with 3 significant digits (fewer fit by chance).
            if c in self.ws.steps and (names or p.sig >= 3):
                s = self.m.slip(c, p, exact, author, old)
                if s is not None:
                    return "slip", s[2], s
            return "none", f"exact {_g(exact)}, author's chain {_g(author)}", None

        results = chain.results
        chosen: str | None = None
        why = ""
        ambiguous: list[str] = []
        if results:
            r = results[-1]
            levels = {c: fit_level(c, r) for c in pool}
            value = [c for c in pool if levels[c][0] == "value"]
            slips = [c for c in pool if levels[c][0] == "slip"]
            if names and len(pool) == 1:
                chosen = pool[0]
                why = (
                    f"{label_txt} names {chosen}"
                    if len(names) == 1
                    else f"{label_txt} fits {', '.join(names)}"
                )
            elif len(value) == 1:
                chosen = value[0]
                if names and len(pool) > 1:
                    why = f"{label_txt} fits {', '.join(pool)}; only {chosen} matches by value"
                else:
                    why = f"{label_txt} names {chosen}" if names else f"only {chosen} matches by value"
            elif len(value) > 1:
                ambiguous = value
            elif len(slips) == 1 and (names or r.printed.sig >= 3):
                chosen = slips[0]
                why = (
                    f"{label_txt} fits {', '.join(pool)}; only {chosen} matches through a slip"
                    if names
                    else f"only {chosen} matches, through a slip"
                )
            elif names:
                ambiguous = pool
            elif len(slips) > 1:
                ambiguous = slips
            if excluded and chosen and names:
                why += "; " + "; ".join(excluded)
        else:
            full = []
            for c in pool:
                if c not in self.ws.steps:
                    continue
                mapping = evals[c][0]
                kinds = [mapping[_key(n)] for n in chain.operands]
                by_value = all(
                    k[1] == "constant" or (k[0] is not None and k[1].startswith("matches")) for k in kinds
                )
                if kinds and by_value and any(k[0] is not None for k in kinds):
                    full.append(c)
            if names and len([c for c in pool if c in self.ws.steps]) == 1:
                chosen = [c for c in pool if c in self.ws.steps][0]
                why = (
                    f"{label_txt} names {chosen}"
                    if len(names) == 1
                    else f"{label_txt} fits {', '.join(names)}"
                )
            elif names and len(full) == 1:
                chosen = full[0]
                why = f"{label_txt} fits {', '.join(pool)}; only {chosen}'s inputs match the numbers in it"
            elif names:
                ambiguous = [c for c in pool if c in self.ws.steps]
            if excluded and chosen:
                why += "; " + "; ".join(excluded)

        if chosen is None:
            # Every number of the chain waits for a person; constants of every reading are constants,
            # and a given value that every reading maps the same number to is that given value.
            steps_in_pool = [c for c in pool if c in self.ws.steps]
            symbolic = {_key(n) for seg in chain.symbolic for n in seg.numbers}
            for n in chain.numbers:
                readings = [evals[c][0].get(_key(n), (None, "")) for c in (ambiguous or steps_in_pool)]
                same_given = {r[0] for r in readings}
                constant = n in chain.operands and readings and all(r[1] == "constant" for r in readings)
                if _key(n) in symbolic or constant:
                    state.outcomes[_key(n)] = Outcome(n, "constant", reason="a constant of the formula")
                elif (
                    n in chain.operands
                    and readings
                    and len(same_given) == 1
                    and None not in same_given
                    and next(iter(same_given)) not in self.ws.steps
                ):
                    g = next(iter(same_given))
                    state.outcomes[_key(n)] = Outcome(
                        n,
                        "given",
                        target=g,
                        reason=(
                            f"the given value {g} restated in the expression (every reading of the step "
                            f"maps it there)"
                        ),
                    )
                elif ambiguous:
                    cands = (
                        ambiguous
                        if n in results
                        else [
                            f"{c}<-{evals[c][0][_key(n)][0]}" if evals[c][0].get(_key(n), (None,))[0] else c
                            for c in ambiguous
                        ]
                    )
                    sugg, sugg_why = self._suggest(ambiguous, state)
                    state.outcomes[_key(n)] = Outcome(
                        n,
                        "ambiguous",
                        candidates=cands,
                        suggestion=sugg,
                        reason=f"{label_txt + ' ' if label_txt else ''}fits {', '.join(ambiguous)}{sugg_why}",
                    )
                else:
                    why_not = (
                        f"{label_txt} names no step or given value"
                        if chain.label and not names
                        else "no step or given value matches it"
                    )
                    if n in results and names:
                        why_not = f"{label_txt} fits {', '.join(names)}, but none of them matches it"
                    state.outcomes[_key(n)] = Outcome(n, "unbound", reason=why_not)
            return

        if chosen not in self.ws.steps:
            for n in chain.numbers:
                if n in results:
                    self._bind_given(n, chosen, state, why, allow_claim=bool(names))
                else:
                    state.outcomes[_key(n)] = Outcome(
                        n, "unbound", reason=f"in an expression for the given value {chosen}"
                    )
            return

        mapping, exact, author, old = evals[chosen]
        for n in chain.operands:
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
                text = n.plain.lstrip("-") if negated else n.plain
                self._bind_operand(n, chosen, inp, text, f"{how} (an operand of {chosen}: {why})", state)
        for r in results:
            level, detail, slip = fit_level(chosen, r)
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

    def _bind_claim(
        self, n: Number, step: str, reason: str, state: _State, proposed=None, factor=None
    ) -> None:
        if step in state.claims:
            prev = state.claims[step]
            if (
                prev.number.printed.value == n.printed.value
                and prev.number.printed.decimals == n.printed.decimals
            ):
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "repeat",
                    target=step,
                    text=n.text,
                    reason=f"{step} again (printed on line {prev.number.line})",
                )
            else:
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "ambiguous",
                    candidates=[step],
                    text=n.text,
                    reason=f"{reason}; but {step} is already printed {prev.number.text} on line "
                        f"{prev.number.line}",
                )
            return
        o = Outcome(n, "claim", target=step, reason=reason, proposed=proposed, factor=factor, text=n.plain)
        state.claims[step] = o
        state.outcomes[_key(n)] = o

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
        p = n.printed
        cues = self._cues(n)
        cs = self.m.chains(state.printed(), state.operand_values())
        fits = []
        for s in self.ws.steps:
            author = _scalar(cs.author.get(s))
            if _fits(p, self.m.exact.get(s)) or (author is not None and p.passes(author)):
                fits.append(s)
        fits += [
            g for g in self.ws.given_names if self.m.exact.get(g) is not None and p.passes(self.m.exact[g])
        ]
        if n.is_integer and not cues:
            state.outcomes[_key(n)] = Outcome(
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
            return
        if len(fits) == 1:
            f = fits[0]
            why = (
                "the words before it name it and its value matches"
                if f in cues
                else "the only value it matches"
            )
            if excluded:
                why += "; " + "; ".join(excluded)
            if f in self.ws.steps:
                v = self.m.exact.get(f) if _fits(p, self.m.exact.get(f)) else _scalar(cs.author.get(f))
                which = "exact" if _fits(p, self.m.exact.get(f)) else "author's chain"
                self._bind_claim(n, f, f"{why} ({which} {_g(v)})", state)
            else:
                self._bind_given(n, f, state, why, allow_claim=False)
            return
        if len(fits) > 1:
            sugg, sugg_why = self._suggest([f for f in fits if f in self.ws.steps], state)
            state.outcomes[_key(n)] = Outcome(
                n,
                "ambiguous",
                candidates=fits,
                suggestion=sugg,
                reason=f"its value matches {', '.join(fits)}{sugg_why}",
            )
            return
        if p.sig >= 3 and not p.ellipsis:
            # With 3 significant digits, a number that one step explains through a known slip
            # is that step's, with the slip proposed (the runner confirms it or the draft drops it).
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
                    n,
                    st,
                    f"only {st} matches, through a slip; {got[2]}",
                    state,
                    proposed=got[0],
                    factor=got[1],
                )
                return
            if len(slips) > 1:
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "ambiguous",
                    candidates=sorted(slips),
                    reason=f"matches {', '.join(sorted(slips))} only through slips",
                )
                return
        state.outcomes[_key(n)] = Outcome(n, "unbound", reason="no step or given value matches it")
