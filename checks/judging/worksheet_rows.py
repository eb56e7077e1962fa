"""Run one case on a Worksheet reference, in named stages (DESIGN.md sections 2 to 5):

1. `parse_claims`: the printed numbers and operands as rows;
2. `evaluate_chains`: the exact chain and the author's chain;
3. `judge_claims`: claim and operand rows, in step order (an operand before its step's result),
   each judged with its upstream rows' verdicts, its factors and its wrong-operand candidates;
4. `formula_rows`: every step that declares a meaning, against autodiff;
5. `statement_rows`: the case's statements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core import _jax
from ..core.verdicts import V
from ..core.vocab import Step, Worksheet
from ..evaluating.worksheet import (
    Chains,
    Evaluator,
    WorksheetError,
    as_reals,
    check_meanings,
    evaluate,
    topological_order,
)
from ..loading.limits import MAX_COUNT
from ..loading.printed_claims import (
    CaseSource,
    PrintedClaim,
    PrintedClaims,
    RunError,
    check_claim_shapes,
    element_name,
    parse_claims,
    scalar,
)
from ..loading.settings import case_tolerance, meaning_settings
from .claims import ClaimInput, Substitution, candidate_factors, judge
from .procedure import Variants
from .rows import Row
from .statements import statement_rows


@_jax.scoped
def run_worksheet(
    case: CaseSource,
    ws: Worksheet,
    *,
    draws: int | None = None,
    seed: int | None = None,
    trace: list | None = None,
    originals: dict[str, tuple[str, str | None, str]] | None = None,
) -> list[Row]:
    """`originals`: for a case that `copies:` another, the original's (case id, printed text,
    verdict) of each row name (DESIGN row 3b)."""
    given = dict(case.spec.given)
    for name in ws.given_names:
        if name not in given:
            raise RunError(
                f"the reference needs {name!r}, which the case does not give", ("given",), at_key=True
            )
    for name in sorted(ws.counts & set(given)):
        n = given[name]
        if n is not None and not (isinstance(n, int) and 0 <= n <= MAX_COUNT):
            raise RunError(
                f"{name!r} is a count of the reference (a loop bound): expected a whole number from 0 "
                f"to {MAX_COUNT:,}, found {n}",
                ("given", name),
            )
    given = as_reals(ws, given)  # `w: 2` is the real 2.0 unless the reference declares w a count
    claims = parse_claims(case, ws)
    ev = evaluate_chains(ws, given, claims)
    if trace is not None:
        trace.extend(trace_steps(ev))
    rows = judge_claims(case, ev, originals or {})
    rows += formula_rows(case, ws, given, draws=draws, seed=seed)
    rows += statement_rows(case, ws, given)
    return rows


# --------------------------------------------------------------------------------------------
# Stage 2: the chains


@dataclass
class Evaluated:
    """A worksheet evaluated on a case: both chains, and what they were computed from."""

    ws: Worksheet
    given: dict[str, Any]
    claims: PrintedClaims
    evaluator: Evaluator
    chains: Chains
    order: list[str]  # the steps, in topological order


def evaluate_chains(ws: Worksheet, given: dict[str, Any], claims: PrintedClaims) -> Evaluated:
    evaluator = Evaluator(ws)
    chains = evaluate(ws, given, claims.printed, claims.operands, evaluator)
    check_claim_shapes(
        claims, {k: v if v is not None else chains.author.get(k) for k, v in chains.exact.items()}
    )
    return Evaluated(ws, given, claims, evaluator, chains, topological_order(ws))


def trace_steps(ev: Evaluated) -> list[tuple]:
    """Every step in order, for `gradaudit check`: (name, label, inputs, the author's chain's
    inputs with where each came from, exact value, author's value)."""
    out = []
    for name in ev.order:
        step = ev.ws.steps[name]
        c = ev.chains
        out.append(
            (name, step.label, step.inputs, c.author_inputs[name], c.exact.get(name), c.author.get(name))
        )
    return out


# --------------------------------------------------------------------------------------------
# Stage 3: claim and operand rows


def _learning_rate(ws: Worksheet, given: dict[str, Any]) -> float | None:
    lr_name = next(
        (s.means.lr for s in ws.steps.values() if s.means is not None and s.means.lr is not None), None
    )
    if isinstance(lr_name, str) and given.get(lr_name) is not None and np.ndim(given[lr_name]) == 0:
        return float(given[lr_name])
    if isinstance(lr_name, (int, float)):
        return float(lr_name)
    return None


@dataclass
class Relatives:
    """Where a wrong operand may have come from (DESIGN section 3, rule 8): the other version of
    a parameter (old/new, via update meanings), its siblings (groups), operands printed elsewhere."""

    versions: dict[str, set[str]]
    groups: dict[str, set[str]]
    operands: list[PrintedClaim]
    never: set[str] = field(default_factory=set)  # never a candidate: the learning rate

    @classmethod
    def of(cls, ws: Worksheet, claims: PrintedClaims) -> Relatives:
        versions: dict[str, set[str]] = {}
        for s in ws.steps.values():
            if s.means is not None and s.means.kind == "update":
                versions.setdefault(s.means.of, set()).add(s.name)
                versions.setdefault(s.name, set()).add(s.means.of)
        groups: dict[str, set[str]] = {name: set(members) for name, members in ws.groups.items()}
        for s in ws.steps.values():
            if s.group:
                groups.setdefault(s.group, set()).add(s.name)
        lr = {s.means.lr for s in ws.steps.values() if s.means is not None and isinstance(s.means.lr, str)}
        return cls(versions, groups, claims.all_operands(), lr)

    def of_input(self, inp: str) -> set[str]:
        out = set(self.versions.get(inp, set()))
        for members in self.groups.values():
            if inp in members:
                out |= members - {inp}
        return out - self.never


@dataclass
class Substitute:
    """Re-evaluate `step` with one input replaced, on the exact or the author's chain."""

    ev: Evaluated
    step: Step
    idx: tuple[int, ...]

    def __call__(self, inp: str, val: float, chain: str) -> float | None:
        chains, step = self.ev.chains, self.step
        if chain == "exact":
            args = [chains.exact.get(a) for a in step.inputs]
        else:
            args = list(chains.author_args[step.name])
        if any(a is None for a in args):
            return None
        args[step.inputs.index(inp)] = np.asarray(val)
        try:
            return scalar(self.ev.evaluator.call(step, args), self.idx)
        except (WorksheetError, RunError):
            return None


def _given_text(case: CaseSource, name: str, given: dict[str, Any]) -> str | None:
    """A given value as the case prints it (its YAML text), else its shortest repr."""
    if name not in given or given[name] is None or np.ndim(given[name]) != 0:
        return None
    return case.text("given", name) or repr(float(given[name]))


def _operand_substitute(inp: str, val: float, chain: str) -> float:
    """An operand row stands for its input itself: substituting a value gives that value."""
    return val


@dataclass
class ClaimJudge:
    """Stage 3's state: the verdicts so far (rules 3 and 4 read their upstream rows' verdicts)."""

    case: CaseSource
    ev: Evaluated
    factors: dict[str, float]
    relatives: Relatives
    originals: dict[str, tuple[str, str | None, str]] = field(default_factory=dict)
    variants: Variants | None = None  # procedure changes (row 8b), evaluated on first use
    verdicts: dict[str, str] = field(default_factory=dict)  # row -> verdict, in step order
    _rows_of: dict[str, list[str]] = field(default_factory=dict)  # step -> its claim rows
    _upstream: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for c in self.ev.claims.claims:
            self._rows_of.setdefault(c.step, []).append(c.row)

    def upstream(self, step: str) -> list[str]:
        """Printed rows the author's chain of `step` used, through unprinted steps."""
        if step in self._upstream:
            return self._upstream[step]
        out: list[str] = []
        for arg, source in self.ev.chains.author_inputs.get(step, []):
            if source == "operand":
                out.extend(c.row for c in self.ev.claims.operand_claims.get(step, []) if c.step == arg)
            elif source == "printed":
                out.extend(self._rows_of.get(arg, []))
            elif arg in self.ev.ws.steps:
                out.extend(self.upstream(arg))
        self._upstream[step] = list(dict.fromkeys(out))
        return self._upstream[step]

    def claim_input(
        self, c: PrintedClaim, exact: float | None, author: float | None, up: list[str]
    ) -> ClaimInput:
        return ClaimInput(
            name=c.row,
            printed=c.printed,
            exact=exact,
            author=author,
            missing=self.ev.chains.missing.get(c.step, []),
            upstream=[(r, self.verdicts.get(r, V.OK)) for r in up],
            factors=self.factors,
            original=self.originals.get(c.row),
        )

    def add_step_context(self, ci: ClaimInput, c: PrintedClaim, step: Step) -> None:
        """What a step's own printed result needs: the operands it used (for explanations), the
        old value of an update, and the wrong-operand candidates."""
        chains = self.ev.chains
        used = [
            f"{a} = {self._operand_text(step.name, a)}"
            for a, src in chains.author_inputs[step.name]
            if src == "operand"
        ]
        if used:
            ci.operand_source = "from the operand" + ("s " if len(used) > 1 else " ") + ", ".join(used)
        m = step.means
        if m is not None and m.kind == "update":
            ci.old_name = m.of
            ci.old_exact = scalar(chains.exact.get(m.of), c.idx)
            if m.of in step.inputs:
                ci.old_author = scalar(chains.author_args[step.name][step.inputs.index(m.of)], c.idx)
            else:
                ci.old_author = scalar(chains.author.get(m.of), c.idx)
        ci.substitute = Substitute(self.ev, step, c.idx)
        ci.substitutions = self.substitutions(step)
        if self.variants is not None:
            variants, row = self.variants, c.row
            ci.procedures = lambda: variants.values(step.name, c.idx, row)

    def _operand_text(self, step: str, inp: str) -> str:
        texts = [c.printed.text for c in self.ev.claims.operand_claims.get(step, []) if c.step == inp]
        if np.ndim(self.ev.claims.operands[step][inp]) == 0:
            return texts[0]
        return "[" + ", ".join(texts) + "]"

    def values_of(self, q: str) -> tuple[list[float], list[str | None]]:
        """q's exact and author's-chain values, and the numbers printed for it, with their text."""
        chains = self.ev.chains
        vals: list[float] = []
        texts: list[str | None] = []
        for chain in (chains.exact, chains.author):
            v = chain.get(q)
            if v is not None and np.ndim(v) == 0:
                vals.append(scalar(v, ()))
                texts.append(_given_text(self.case, q, self.ev.given) if chain is chains.exact else None)
        for c in self.ev.claims.claims:
            if c.step == q and c.idx == ():
                vals.append(c.printed.value)
                texts.append(c.printed.text)
        return vals, texts

    def substitutions_for(
        self, inp: str, step_name: str, *, same_quantity: bool = True
    ) -> list[Substitution]:
        """Candidates for `inp` in `step_name` (DESIGN row 8): the other version of the parameter,
        its siblings, operands printed for quantities of its group. An operand row takes only other
        quantities (`same_quantity=False`): the same number printed for the same input is no slip."""
        subs: list[Substitution] = []
        cands = self.relatives.of_input(inp)
        for q in sorted(cands - {step_name}):
            vals, texts = self.values_of(q)
            if vals:
                subs.append(Substitution(inp, q, vals, texts))
        allowed = cands | {inp} if same_quantity else cands
        for op in self.relatives.operands:
            if (op.operand_of == step_name and op.step == inp) or op.step not in allowed:
                continue
            subs.append(
                Substitution(
                    inp,
                    f"the operand {op.printed.text} printed in {op.operand_of}",
                    [op.printed.value],
                    [op.printed.text],
                )
            )
        return subs

    def substitutions(self, step: Step) -> list[Substitution]:
        chains = self.ev.chains
        subs: list[Substitution] = []
        for inp in step.inputs:
            if np.ndim(chains.exact.get(inp)) != 0 and chains.exact.get(inp) is not None:
                continue
            subs += self.substitutions_for(inp, step.name)
        return subs

    def row(self, c: PrintedClaim, kind: str, ci: ClaimInput, label: str, extra: str = "") -> Row:
        v = judge(ci)
        self.verdicts[c.row] = v.verdict
        details: dict[str, Any] = {}
        if v.factor:
            details["factor"] = v.factor
        if v.also:
            details["also"] = v.also
        return Row(
            quantity=c.row,
            label=label,
            kind=kind,
            verdict=v.verdict,
            printed=c.printed.text,
            exact=ci.exact,
            author_chain=ci.author,
            abs_error=v.abs_error,
            rel_error=v.rel_error,
            explanation=v.explanation + extra,
            details=details,
        )

    def operand_row(self, c: PrintedClaim, name: str) -> Row:
        """`name<-inp`: an operand printed in `name`'s expression, judged against `inp`."""
        inp, ws, chains, printed = c.step, self.ev.ws, self.ev.chains, self.ev.claims.printed
        up = self.upstream(inp) if inp in ws.steps else []
        ci = self.claim_input(
            c, scalar(chains.exact.get(inp), c.idx), scalar(chains.author.get(inp), c.idx), up
        )
        if np.ndim(chains.exact.get(inp)) == 0:  # wrong operand: another quantity's value (row 8)
            ci.operand_of = c.operand_of
            ci.substitutions = self.substitutions_for(inp, c.operand_of, same_quantity=False)
            ci.substitute = _operand_substitute
        extra = ""
        own = printed.get(inp, {}).get(c.idx)
        if own is not None and abs(own - c.printed.value) > 0:
            text = next(x.printed.text for x in self.ev.claims.claims if x.step == inp and x.idx == c.idx)
            extra = f"; contradicts the article's own printed {element_name(inp, c.idx)} = {text}"
        return self.row(c, "operand", ci, f"{_label(ws, name)} uses {_label(ws, inp)}", extra)

    def claim_row(self, c: PrintedClaim, name: str) -> Row:
        ws, chains = self.ev.ws, self.ev.chains
        step = ws.steps.get(name)
        up = self.upstream(name) if step is not None else []
        ci = self.claim_input(
            c, scalar(chains.exact.get(name), c.idx), scalar(chains.author.get(name), c.idx), up
        )
        if step is not None:
            self.add_step_context(ci, c, step)
        return self.row(c, "claim", ci, element_name(_label(ws, name), c.idx))


def judge_claims(
    case: CaseSource, ev: Evaluated, originals: dict[str, tuple[str, str | None, str]] | None = None
) -> list[Row]:
    """Claim and operand rows: given values first, then the steps in order; within a step its
    operands before its result (a result's rules read its operands' verdicts)."""
    claims = ev.claims
    variants = Variants(
        ev.ws,
        ev.given,
        claims.printed,
        claims.operands,
        [(c.row, c.step, c.idx, c.printed) for c in claims.claims],
        ev.evaluator,
    )
    judge_ = ClaimJudge(
        case,
        ev,
        candidate_factors(ev.ws.sizes, _learning_rate(ev.ws, ev.given)),
        Relatives.of(ev.ws, ev.claims),
        originals or {},
        variants,
    )
    by_step = ev.claims.by_step()
    rows = []
    for name in [n for n in by_step if n not in ev.ws.steps] + ev.order:
        rows += [judge_.operand_row(c, name) for c in ev.claims.operand_claims.get(name, [])]
        rows += [judge_.claim_row(c, name) for c in by_step.get(name, [])]
    return rows


def _label(ws: Worksheet, name: str) -> str:
    step = ws.steps.get(name)
    return step.label if step is not None else name


# --------------------------------------------------------------------------------------------
# Stage 4: formula rows


def formula_rows(
    case: CaseSource, ws: Worksheet, given: dict[str, Any], *, draws: int | None, seed: int | None
) -> list[Row]:
    """Every step that declares a meaning, checked against autodiff (DESIGN section 4)."""
    spec = case.spec
    results = check_meanings(ws, given, case_tolerance(spec), **meaning_settings(spec, draws, seed))
    rows = []
    for name, res in results.items():
        fv = res.verdict
        details: dict[str, Any] = {
            "hand": res.hand,
            "autodiff": res.autodiff,
            "finite_diff": res.finite_diff,
            "points": res.points,
            "meaning": res.meaning.describe(ws.loss),
        }
        if fv.factor:
            details["factor"] = fv.factor
        if fv.indices:
            details["indices"] = [list(i) for i in fv.indices]
        rows.append(
            Row(
                quantity=f"formula:{name}",
                label=f"{_label(ws, name)} = {res.meaning.describe(ws.loss)}?",
                kind="formula",
                verdict=fv.verdict,
                exact=res.autodiff,
                abs_error=fv.max_abs,
                rel_error=fv.max_rel,
                explanation=res.explanation
                or f"matches autodiff at the given values and {res.points - 1} random draws",
                details=details,
            )
        )
    return rows
