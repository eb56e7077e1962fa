"""Run one case: evaluate its reference, judge every claim, formula and statement, compare with
`expect:`. One bad case becomes an error result; it never stops the others."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import jax
import numpy as np

from . import _jax
from .claims import ClaimInput, Substitution, candidate_factors, judge
from .classify import factor_names
from .errors import GradauditError
from .gradients import check_gradients
from .printed import Printed, PrintedError, parse_printed
from .rows import Row
from .schema import ClaimDetail
from .tolerances import tolerance
from .verdicts import DEFAULT_EXPECTED, V
from .vocab import Backward, Worksheet
from .worksheet import Evaluator, WorksheetError, check_meanings, evaluate, topological_order

DEFAULT_DRAWS = 32


class RunError(GradauditError, ValueError):
    """A case that names what its reference does not have (a claim on no step, ...)."""


@dataclass
class CaseResult:
    id: str
    file: str
    title: str
    rows: list[Row] = field(default_factory=list)
    error: str | None = None
    stale: list[str] = field(default_factory=list)  # expect keys that name no row
    revises: str | None = None
    seconds: float = 0.0
    trace: list = field(default_factory=list)  # worksheet steps in order, for `gradaudit check`

    @property
    def unexpected(self) -> list[Row]:
        return [r for r in self.rows if not row_as_expected(r)]

    @property
    def passed(self) -> bool:
        return self.error is None and not self.unexpected and not self.stale


def row_as_expected(row: Row) -> bool:
    if row.expected_verdict != row.verdict:
        return False
    pinned = row.details.get("expected_factor")
    return pinned is None or pinned in factor_names(row.details.get("factor"))


# --------------------------------------------------------------------------------------------


def _printed_of(case, path: tuple, value: Any) -> Printed:
    text = case.text(*path) if hasattr(case, "text") else None
    try:
        return parse_printed(text if text is not None else value)
    except PrintedError as exc:
        raise RunError(f"{'.'.join(map(str, path))}: {exc}") from exc


def _element_name(name: str, idx: tuple[int, ...]) -> str:
    return name if not idx else f"{name}[{','.join(map(str, idx))}]"


def _flatten_printed(
    case, path: tuple, value: Any, idx: tuple[int, ...] = ()
) -> list[tuple[tuple[int, ...], Printed]]:
    if isinstance(value, list):
        out = []
        for i, v in enumerate(value):
            out.extend(_flatten_printed(case, path + (i,), v, idx + (i,)))
        return out
    return [(idx, _printed_of(case, path, value))]


@dataclass
class _Claim:
    row: str
    step: str
    idx: tuple[int, ...]
    printed: Printed
    operand_of: str | None = None  # for an operand row: the step whose expression printed it


def _scalar(arr: np.ndarray | None, idx: tuple[int, ...]) -> float | None:
    if arr is None:
        return None
    a = np.asarray(arr)
    if idx == () and a.ndim > 0:
        if a.size == 1:
            return float(a.reshape(()))
        raise RunError(f"a scalar claim on a value of shape {a.shape}: give one printed number per element")
    try:
        return float(a[idx])
    except IndexError as exc:
        raise RunError(f"index {list(idx)} is outside a value of shape {a.shape}") from exc


def parse_claims(case, ws: Worksheet):
    """The case's printed numbers as rows: `(claims, printed, operands, operand_claims)`.

    `printed[step][index]` and `operands[step][input]` are the values the author's chain takes;
    `operand_claims[step]` the operand rows of a step's expression (`a3<-y3`).
    """
    spec = case.spec
    known = set(ws.steps) | set(ws.given_names) | set(spec.given)
    claims: list[_Claim] = []
    printed: dict[str, dict[tuple[int, ...], float]] = {}
    operands: dict[str, dict[str, float]] = {}
    operand_claims: dict[str, list[_Claim]] = {}
    precision: dict[str, int] = {}
    for key, value in spec.claims.items():
        if key not in known:
            raise RunError(f"claims.{key}: no step or given value of {ws!r} is named {key!r}")
        base_path: tuple = ("claims", key)
        raw = value
        if isinstance(value, ClaimDetail):
            base_path = ("claims", key, "printed")
            raw = value.printed
            if value.precision is not None:
                precision[key] = value.precision
            step = ws.steps.get(key)
            for inp, op in value.operands.items():
                if step is None or inp not in step.inputs:
                    raise RunError(
                        f"claims.{key}.operands.{inp}: {key!r} has no input {inp!r}"
                        + (f" (its inputs: {list(step.inputs)})" if step else "")
                    )
                p = _printed_of(case, ("claims", key, "operands", inp), op)
                operands.setdefault(key, {})[inp] = p.value
                operand_claims.setdefault(key, []).append(_Claim(f"{key}<-{inp}", inp, (), p, operand_of=key))
        for idx, p in _flatten_printed(case, base_path, raw):
            if key in precision:
                p = p.with_decimals(precision[key])
            claims.append(_Claim(_element_name(key, idx), key, idx, p))
            printed.setdefault(key, {})[idx] = p.value

    return claims, printed, operands, operand_claims


@_jax.scoped
def run_worksheet(
    case, ws: Worksheet, *, draws: int | None = None, seed: int | None = None, trace: list | None = None
) -> list[Row]:
    spec = case.spec
    given = dict(spec.given)
    for name in ws.given_names:
        if name not in given:
            raise RunError(f"given: the reference needs {name!r}, which the case does not give")

    claims, printed, operands, operand_claims = parse_claims(case, ws)

    ev = Evaluator(ws)
    chains = evaluate(ws, given, printed, operands, ev)
    order = topological_order(ws)
    if trace is not None:
        for name in order:
            step = ws.steps[name]
            trace.append(
                (
                    name,
                    step.label,
                    step.inputs,
                    chains.author_inputs[name],
                    chains.exact.get(name),
                    chains.author.get(name),
                )
            )
    lr_name = next(
        (s.means.lr for s in ws.steps.values() if s.means is not None and s.means.lr is not None), None
    )
    lr_value = None
    if isinstance(lr_name, str) and given.get(lr_name) is not None and np.ndim(given[lr_name]) == 0:
        lr_value = float(given[lr_name])
    elif isinstance(lr_name, (int, float)):
        lr_value = float(lr_name)
    factors = candidate_factors(ws.sizes, lr_value)

    # Versions of a parameter (old/new, via update meanings) and siblings (groups).
    versions: dict[str, set[str]] = {}
    for s in ws.steps.values():
        if s.means is not None and s.means.kind == "update":
            versions.setdefault(s.means.of, set()).add(s.name)
            versions.setdefault(s.name, set()).add(s.means.of)
    groups: dict[str, set[str]] = {name: set(members) for name, members in ws.groups.items()}
    for s in ws.steps.values():
        if s.group:
            groups.setdefault(s.group, set()).add(s.name)
    all_operands = [(c.operand_of, c.step, c.printed) for cs in operand_claims.values() for c in cs]

    verdicts: dict[str, str] = {}
    rows: list[Row] = []
    claim_rows_of: dict[str, list[str]] = {}
    for c in claims:
        claim_rows_of.setdefault(c.step, []).append(c.row)

    upstream_cache: dict[str, list[str]] = {}

    def upstream(step: str) -> list[str]:
        """Printed rows the author's chain of `step` used, through unprinted steps."""
        if step in upstream_cache:
            return upstream_cache[step]
        out: list[str] = []
        for arg, source in chains.author_inputs.get(step, []):
            if source == "operand":
                out.append(f"{step}<-{arg}")
            elif source == "printed":
                out.extend(claim_rows_of.get(arg, []))
            elif arg in ws.steps:
                out.extend(upstream(arg))
        upstream_cache[step] = list(dict.fromkeys(out))
        return upstream_cache[step]

    def judge_claim(
        c: _Claim,
        quantity: str,
        exact: float | None,
        author: float | None,
        up: list[str],
        step_for_subs: str | None,
    ) -> Row:
        ci = ClaimInput(
            name=quantity,
            printed=c.printed,
            exact=exact,
            author=author,
            missing=chains.missing.get(c.step, []),
            upstream=[(r, verdicts.get(r, V.OK)) for r in up],
            factors=factors,
        )
        step = ws.steps.get(step_for_subs) if step_for_subs else None
        if step is not None and c.operand_of is None:
            used_ops = [
                f"{a} = {_fmt_op(case, step.name, a, operands)}"
                for a, src in chains.author_inputs[step.name]
                if src == "operand"
            ]
            if used_ops:
                ci.operand_source = (
                    "from the operand" + ("s " if len(used_ops) > 1 else " ") + ", ".join(used_ops)
                )
            m = step.means
            if m is not None and m.kind == "update":
                ci.old_name = m.of
                ci.old_exact = _scalar(chains.exact.get(m.of), c.idx)
                if m.of in step.inputs:
                    ci.old_author = _scalar(chains.author_args[step.name][step.inputs.index(m.of)], c.idx)
                else:
                    ci.old_author = _scalar(chains.author.get(m.of), c.idx)
            _add_substitutions(ci, step, c.idx)
        return ci

    def _add_substitutions(ci: ClaimInput, step, idx) -> None:
        subs: list[Substitution] = []
        for inp in step.inputs:
            if np.ndim(chains.exact.get(inp)) != 0 and chains.exact.get(inp) is not None:
                continue
            cands: set[str] = set(versions.get(inp, set()))
            for members in groups.values():
                if inp in members:
                    cands |= members - {inp}
            for q in sorted(cands - {step.name}):
                vals = [
                    v
                    for v in (
                        _scalar(chains.exact.get(q), ()) if np.ndim(chains.exact.get(q)) == 0 else None,
                        _scalar(chains.author.get(q), ()) if np.ndim(chains.author.get(q)) == 0 else None,
                    )
                    if v is not None
                ]
                vals += [p for (i, p) in printed.get(q, {}).items() if i == ()]
                if vals:
                    subs.append(Substitution(inp, q, vals))
            for op_step, op_input, p in all_operands:
                if op_step == step.name and op_input == inp:
                    continue
                subs.append(Substitution(inp, f"the operand {p.text} printed in {op_step}", [p.value]))

        def substitute(inp: str, val: float, chain: str) -> float | None:
            if chain == "exact":
                args = [chains.exact.get(a) for a in step.inputs]
            else:
                args = list(chains.author_args[step.name])
            if any(a is None for a in args):
                return None
            args[step.inputs.index(inp)] = np.asarray(val)
            try:
                return _scalar(ev.call(step, args), idx)
            except (WorksheetError, RunError):
                return None

        ci.substitute = substitute
        ci.substitutions = subs

    def emit(c: _Claim, kind: str, ci: ClaimInput, label: str, extra: str = "") -> None:
        v = judge(ci)
        verdicts[c.row] = v.verdict
        details: dict[str, Any] = {}
        if v.factor:
            details["factor"] = v.factor
        if v.also:
            details["also"] = v.also
        rows.append(
            Row(
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
        )

    by_step: dict[str, list[_Claim]] = {}
    for c in claims:
        by_step.setdefault(c.step, []).append(c)
    given_first = [n for n in by_step if n not in ws.steps]
    for name in given_first + [n for n in order]:
        for c in operand_claims.get(name, []):
            inp = c.step
            exact = _scalar(chains.exact.get(inp), ())
            author = _scalar(chains.author.get(inp), ())
            ci = judge_claim(c, c.row, exact, author, upstream(inp) if inp in ws.steps else [], None)
            extra = ""
            if inp in printed and () in printed[inp] and abs(printed[inp][()] - c.printed.value) > 0:
                ptext = next(x.printed.text for x in claims if x.step == inp and x.idx == ())
                extra = f"; contradicts the article's own printed {inp} = {ptext}"
            label = f"{_label(ws, name)} uses {_label(ws, inp)}"
            emit(c, "operand", ci, label, extra)
        for c in by_step.get(name, []):
            exact = _scalar(chains.exact.get(name), c.idx)
            author = _scalar(chains.author.get(name), c.idx)
            ci = judge_claim(
                c,
                c.row,
                exact,
                author,
                upstream(name) if name in ws.steps else [],
                name if name in ws.steps else None,
            )
            emit(c, "claim", ci, _element_name(_label(ws, name), c.idx))

    # Formula rows: every step that declares a meaning.
    results = check_meanings(ws, given, case_tolerance(spec), **meaning_settings(spec, draws, seed))
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
    rows.extend(run_statements(case, ws, given))
    return rows


def _fmt_op(case, step: str, inp: str, operands) -> str:
    text = case.text("claims", step, "operands", inp) if hasattr(case, "text") else None
    return text if text is not None else repr(operands[step][inp])


def _label(ws: Worksheet, name: str) -> str:
    step = ws.steps.get(name)
    return step.label if step is not None else name


def meaning_settings(spec, draws: int | None = None, seed: int | None = None) -> dict[str, Any]:
    """The random-draw settings of a case's meaning checks (command-line values win)."""
    dr = spec.draws
    return {
        "draws": draws if draws is not None else (dr.n if dr and dr.n is not None else DEFAULT_DRAWS),
        "seed": seed if seed is not None else (dr.seed if dr and dr.seed is not None else 0),
        "scale": float(dr.scale) if dr and dr.scale is not None else 0.25,
        "fixed": set(dr.fixed) if dr else set(),
    }


def case_tolerance(spec):
    t = spec.tolerances
    return tolerance(np.float64, **(t.model_dump() if t else {}))


def run_statements(case, ref, given: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    if not case.spec.statements:
        return rows
    from .statements import check_statement

    for sid, st in case.spec.statements.items():
        name = st.of or sid
        obj = ref.statements.get(name)
        if obj is None:
            raise RunError(
                f"statements.{sid}: the reference {ref!r} has no statement {name!r} "
                f"(it has {sorted(ref.statements) or 'none'})"
            )
        claimed_text = case.text("statements", sid, "claimed") if hasattr(case, "text") else None
        if claimed_text is None and st.claimed is not None:
            claimed_text = str(st.claimed)
        rows.append(check_statement(sid, obj, st, given, claimed_text))
    return rows


def run_backward(case, ref: Backward, *, draws: int | None = None, seed: int | None = None) -> list[Row]:
    spec = case.spec
    dr = spec.draws
    n = draws if draws is not None else (dr.n if dr and dr.n is not None else DEFAULT_DRAWS)
    s = seed if seed is not None else (dr.seed if dr and dr.seed is not None else 0)
    params, inputs, targets = ref.example(np.random.default_rng(s))
    tol = case_tolerance(spec)
    losses = ref.losses
    rows: list[Row] = []
    sizes = ref.sizes or None
    for loss_name, loss in losses.items():
        res = check_gradients(
            ref.backward,
            loss,
            params,
            inputs,
            targets,
            draws=n,
            seed=s,
            lr=ref.lr,
            sizes=sizes,
            tolerances=tol,
            wrt_inputs=ref.wrt_inputs,
        )
        suffix = f"@{loss_name}" if loss_name else ""
        rows.extend(_leaf_rows(res, "formula:", suffix, f" of {loss_name}" if loss_name else ""))
    if ref.update is not None:
        if ref.lr is None:
            raise RunError(f"{ref!r} has an update but no lr to check it with")
        first_name, first_loss = next(iter(losses.items()))
        lr = float(ref.lr)

        def effective_gradient(p, x, t):
            g = ref.backward(p, x, t)
            new = ref.update(p, g, lr)
            return jax.tree_util.tree_map(lambda a, b: (a - b) / lr, p, new)

        res = check_gradients(
            effective_gradient,
            first_loss,
            params,
            inputs,
            targets,
            draws=n,
            seed=s,
            lr=ref.lr,
            sizes=sizes,
            tolerances=tol,
        )
        rows.extend(_leaf_rows(res, "formula:update:", "", f": (old - new) / lr vs d{first_name or 'loss'}"))
    rows.extend(run_statements(case, ref, {}))
    return rows


def _leaf_rows(res, prefix: str, suffix: str, label_tail: str) -> list[Row]:
    rows = []
    for path, leaf in res.leaves.items():
        details: dict[str, Any] = {
            "hand": leaf.hand,
            "autodiff": leaf.autodiff,
            "finite_diff": leaf.finite_diff,
            "points": res.points,
            "worst_index": list(leaf.worst_index) if leaf.worst_index else None,
        }
        if leaf.factor:
            details["factor"] = leaf.factor
        if leaf.indices:
            details["indices"] = [list(i) for i in leaf.indices]
        expl = leaf.explanation or f"matches autodiff at the given values and {res.points - 1} random draws"
        if res.error and leaf.verdict != V.OK:
            expl = f"{expl} (backward raised {res.error})" if "raised" not in expl else expl
        rows.append(
            Row(
                quantity=f"{prefix}{path}{suffix}",
                label=f"{path}{label_tail}",
                kind="formula",
                verdict=leaf.verdict,
                exact=leaf.autodiff,
                abs_error=leaf.max_abs,
                rel_error=leaf.max_rel,
                explanation=expl,
                details=details,
            )
        )
    return rows


# --------------------------------------------------------------------------------------------


def apply_expectations(case, rows: list[Row]) -> list[str]:
    """Fill `expected_verdict` on every row from `expect:`; return the stale expect keys."""
    expect = case.spec.expect
    names = {r.quantity for r in rows}
    for r in rows:
        e = expect.get(r.quantity)
        if e is None:
            r.expected_verdict = DEFAULT_EXPECTED[r.kind]
        elif isinstance(e, str):
            r.expected_verdict = e
        else:
            r.expected_verdict = e.verdict
            if e.factor is not None:
                r.details["expected_factor"] = e.factor
    return [k for k in expect if k not in names]


@_jax.scoped
def run_case(
    case, reference=None, *, draws: int | None = None, seed: int | None = None, trace: bool = False
) -> CaseResult:
    from .cases import CaseError, resolve_reference

    spec = case.spec
    result = CaseResult(id=spec.id, file=case.file, title=spec.title, revises=spec.revises)
    start = time.perf_counter()
    try:
        ref = reference if reference is not None else resolve_reference(case)
        if isinstance(ref, Worksheet):
            rows = run_worksheet(case, ref, draws=draws, seed=seed, trace=result.trace if trace else None)
        elif isinstance(ref, Backward):
            if spec.claims:
                raise RunError("claims: a Backward reference has no steps to bind printed numbers to")
            rows = run_backward(case, ref, draws=draws, seed=seed)
        else:
            raise RunError(
                f"reference: {spec.reference} is a {type(ref).__name__}, not a Worksheet or Backward"
            )
        result.stale = apply_expectations(case, rows)
        result.rows = rows
    except CaseError as exc:
        result.error = str(exc).splitlines()[0]
    except (GradauditError, ValueError, TypeError) as exc:  # RunError, WorksheetError, PrintedError, ...
        result.error = f"{case.file}:{case.line}: error: case {spec.id!r}: {exc}"
    except Exception as exc:  # noqa: BLE001  (one broken case never stops the report)
        result.error = f"{case.file}:{case.line}: error: case {spec.id!r}: {type(exc).__name__}: {exc}"
    result.seconds = time.perf_counter() - start
    return result
