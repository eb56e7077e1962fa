"""Run one case: evaluate its reference, judge every claim, formula and statement, compare with
`expect:`. One bad case becomes an error result; it never stops the others."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import jax
import numpy as np

from ..core import _jax
from ..core.errors import GradauditError
from ..core.verdicts import V, is_finding
from ..core.vocab import Backward, Worksheet
from ..evaluating.gradients import check_gradients
from ..loading.cases import CaseError, find_original, resolve_reference
from ..loading.limits import MAX_DRAWN_NUMBERS, draws_budget_message, given_numbers
from ..loading.printed_claims import CaseSource, RunError
from ..loading.settings import DEFAULT_DRAWS, case_tolerance
from .expectations import apply_expectations, is_audit, row_as_expected
from .rows import Row
from .statements import statement_rows
from .worksheet_rows import run_worksheet

__all__ = [
    "CaseResult",
    "resolved",
    "RunError",
    "apply_expectations",
    "row_as_expected",
    "run_backward",
    "run_case",
    "run_worksheet",
]


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
    audit: bool = False  # no `expect:` block at all: findings are findings, no expectation recorded

    @property
    def findings(self) -> list[Row]:
        return [r for r in self.rows if is_finding(r.verdict)]

    @property
    def unexpected(self) -> list[Row]:
        return [r for r in self.rows if not row_as_expected(r)]

    @property
    def passed(self) -> bool:
        return self.error is None and not self.unexpected and not self.stale

    def __repr__(self) -> str:
        state = (
            "error"
            if self.error
            else ("as expected" if self.passed else f"{len(self.unexpected)} unexpected")
        )
        return f"<CaseResult {self.id}: {len(self.rows)} rows, {len(self.findings)} findings, {state}>"

    def _repr_html_(self) -> str:  # Jupyter: the case as the HTML report shows it
        from ..output.html_report import case_html

        return case_html(self)


# Resolving a reference imports the project's modules under a borrowed name (sys.modules is
# swapped while they import) and memoises built-in worksheets: one case at a time, so cases run
# on threads (`gradaudit report --jobs`) see their own imports. Only the resolving is serial.
_RESOLVING = threading.RLock()


def resolved(case: CaseSource) -> Worksheet | Backward:
    """`resolve_reference(case)`, one thread at a time."""
    with _RESOLVING:
        return resolve_reference(case)


def run_backward(
    case: CaseSource, ref: Backward, *, draws: int | None = None, seed: int | None = None
) -> list[Row]:
    spec = case.spec
    dr = spec.draws
    n = draws if draws is not None else (dr.n if dr and dr.n is not None else DEFAULT_DRAWS)
    s = seed if seed is not None else (dr.seed if dr and dr.seed is not None else 0)
    params, inputs, targets = ref.example(np.random.default_rng(s))
    tol = case_tolerance(spec)
    losses = ref.losses
    rows: list[Row] = []
    sizes = ref.sizes or None
    together = tuple(losses.values())  # checked at the same points: one autodiff program (small nets)

    def check(backward, loss, **extra):
        return check_gradients(
            backward, loss, params, inputs, targets, draws=n, seed=s, lr=ref.lr, sizes=sizes,
            tolerances=tol, **extra,
        )

    for loss_name, loss in losses.items():
        res = check(ref.backward, loss, wrt_inputs=ref.wrt_inputs, together=together)
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

        res = check(effective_gradient, first_loss, together=together if not ref.wrt_inputs else ())
        rows.extend(_leaf_rows(res, "formula:update:", "", f": (old - new) / lr vs d{first_name or 'loss'}"))
    rows.extend(statement_rows(case, ref, {}))
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


def _original_rows(case: CaseSource, *, draws, seed) -> dict[str, tuple[str, str | None, str]]:
    """For a case that `copies:` another: the original's printed text and verdict of each row."""
    with _RESOLVING:
        original = find_original(case)
    res = run_case(original, draws=draws, seed=seed)
    if res.error:
        raise RunError(f"copies: the original case {original.spec.id!r} does not run: {res.error}")
    numbers = [r for r in res.rows if r.kind in ("claim", "operand")]
    return {r.quantity: (original.spec.id, r.printed, r.verdict) for r in numbers}


def _located(case: CaseSource, exc: RunError) -> str:
    """A RunError's one line, at the file's line and column of the field it names when it names
    one and the case knows where its fields are (a loaded case); else at the case's first line."""
    if hasattr(case, "error"):  # no path, or (), is the case itself: its line and column
        return str(case.error(exc.path or (), exc.message, at_key=exc.at_key)).splitlines()[0]
    where = ".".join(map(str, exc.path)) + ": " if exc.path else ""
    return f"{case.file}:{case.line}: error: case {case.spec.id!r}: {where}{exc.message}"


@_jax.scoped
def run_case(
    case: CaseSource,
    reference: Worksheet | Backward | None = None,
    *,
    draws: int | None = None,
    seed: int | None = None,
    trace: bool = False,
) -> CaseResult:
    spec = case.spec
    result = CaseResult(id=spec.id, file=case.file, title=spec.title, revises=spec.revises)
    start = time.perf_counter()
    try:
        if draws is not None and draws * given_numbers(spec) > MAX_DRAWN_NUMBERS:
            raise RunError(draws_budget_message(draws, given_numbers(spec)), ("given",), at_key=True)
        ref = reference if reference is not None else resolved(case)
        originals = _original_rows(case, draws=draws, seed=seed) if spec.copies else None
        if isinstance(ref, Worksheet):
            rows = run_worksheet(
                case, ref, draws=draws, seed=seed, trace=result.trace if trace else None, originals=originals
            )
        elif isinstance(ref, Backward):
            if spec.claims:
                raise RunError("claims: a Backward reference has no steps to bind printed numbers to")
            rows = run_backward(case, ref, draws=draws, seed=seed)
        else:
            raise RunError(
                f"reference: {spec.reference} is a {type(ref).__name__}, not a Worksheet or Backward"
            )
        result.stale = apply_expectations(case, rows)
        result.audit = is_audit(case)
        result.rows = rows
    except CaseError as exc:
        result.error = str(exc).splitlines()[0]
    except RunError as exc:
        result.error = _located(case, exc)
    except (GradauditError, ValueError, TypeError) as exc:  # RunError, WorksheetError, PrintedError, ...
        result.error = _located(case, RunError(str(exc), ()))
    except Exception as exc:  # noqa: BLE001  (one broken case never stops the report)
        result.error = _located(case, RunError(f"{type(exc).__name__}: {exc}", ()))
    result.seconds = time.perf_counter() - start
    return result
