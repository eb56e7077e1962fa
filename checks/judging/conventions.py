"""Convention search: which reading of a tutorial reproduces its printed numbers (issue 10).

When a tutorial's numbers disagree with a straightforward recomputation, the first question is
which convention the author used: 1/2 or no 1/2 in the loss, `x @ W` or `W @ x`, one shared bias
or a copy per neuron, hidden deltas from the old or the updated weights. A reference declares
its switches (`gradaudit.core.vocab.Conventions`: ordinary Python, never YAML) on the worksheet a case
names; `search` evaluates the case's printed numbers under every combination of choices:

- each reading is the worksheet `build(**choices)` returns, with the case's given values (a
  switch named after a given value puts its candidate in instead: lost inputs);
- only the steps the printed numbers need are evaluated, each reading once (memoised), with
  `gradaudit.evaluating.worksheet.evaluate` (exact and author's chains);
- readings rank by how many printed numbers they reproduce at printed precision on the exact
  chain, then by closeness (sum over the printed numbers of |printed - value| / half a unit of
  the last printed digit). Equal scores and closeness are reported as ties, never broken;
- a switch whose choices give identical numbers under every other choice is reported as such
  ("loss_scale: half = mean");
- formula rows: `check_meanings` under the declared reading and under each single change of
  one switch (one compile each), so a formula finding that is a convention shows as one
  ("scale 1/2 under the stated loss, ok with loss_scale=half").

The case's verdicts stay computed under the declared reading; `hints` gives, per row, the
readings that would explain a finding, for the row's explanation. The report (`gradaudit conventions
CASE`) is rendered by `gradaudit.output.conventions_report`.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np

from ..core import _jax
from ..core.errors import GradauditError
from ..core.printed import Printed
from ..core.verdicts import is_finding, is_passing
from ..core.vocab import Conventions, Worksheet
from ..evaluating.worksheet import Evaluator, WorksheetError, ancestors, check_meanings, evaluate
from ..loading.printed_claims import RunError, parse_claims
from ..loading.settings import case_tolerance, meaning_settings
from .claims import fmt_like

__all__ = [
    "ConventionError",
    "ConventionReport",
    "FormulaReading",
    "Number",
    "Reading",
    "hints",
    "search",
]

DEFAULT_LIMIT = 4096  # combinations evaluated in full; beyond, a seeded sample of this many


class ConventionError(GradauditError, ValueError):
    """A search that cannot run as asked (no switches declared, a switch that names nothing, ...)."""


# --------------------------------------------------------------------------------------------
# Printed numbers


@dataclass(frozen=True)
class Number:
    """One printed number: a claim row (`y3`, `out[1]`) or an operand row (`a3<-y3`)."""

    row: str
    step: str  # the step or given value whose value it prints
    idx: tuple[int, ...]
    printed: Printed
    kind: str  # "claim" | "operand"


def printed_numbers(case, ws: Worksheet):
    """The case's printed numbers, as the runner reads them (same row names, same precision):
    `(numbers, printed, operands)` with `printed[step][idx]` and `operands[step][input]` the
    values `gradaudit.evaluating.worksheet.evaluate` takes for the author's chain."""
    try:
        claims = parse_claims(case, ws)
    except RunError as exc:
        raise ConventionError(str(exc)) from exc
    numbers = [Number(c.row, c.step, (), c.printed, "operand") for c in claims.all_operands()]
    numbers += [Number(c.row, c.step, c.idx, c.printed, "claim") for c in claims.claims]
    return numbers, claims.printed, claims.operands


# --------------------------------------------------------------------------------------------
# Readings


@dataclass
class Reading:
    """The printed numbers under one combination of choices."""

    choices: dict[str, Any]
    values: dict[str, float | None]  # exact chain, per row (None: unknown, a lost input)
    author: dict[str, float | None]  # author's chain, per row
    reproduced: frozenset[str]  # rows whose printed number passes the exact chain
    author_reproduced: frozenset[str]
    closeness: float  # sum over known rows of |printed - value| / half a unit
    unknown: int
    error: str | None = None
    rank: int = 0
    tied: bool = False
    default: bool = False

    @property
    def score(self) -> int:
        return len(self.reproduced)

    def changed(self, default: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in self.choices.items() if default.get(k) != v}


@dataclass
class FormulaReading:
    """Formula verdicts (`formula:<step>` -> (verdict, factor)) under one reading."""

    label: str  # "declared" or "switch=choice"
    changed: dict[str, Any]
    verdicts: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0


@dataclass
class ConventionReport:
    case_id: str
    reference: str
    switches: dict[str, list[Any]]
    default: dict[str, Any]
    numbers: list[Number]
    declared: Reading  # the case as written: the reference's worksheet, the case's given values
    readings: list[Reading]  # ranked, best first
    total: int  # combinations in the full product
    sampled: bool
    sample_seed: int
    seconds: float  # claims: every reading
    equivalent: dict[str, list[list[Any]]] = field(default_factory=dict)  # switch -> classes of equal choices
    formulas: list[FormulaReading] = field(default_factory=list)
    formula_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def best(self) -> list[Reading]:
        """The readings at rank 1 (several when tied)."""
        return [r for r in self.readings if r.rank == 1 and r.error is None]

    @property
    def findings(self) -> list[str]:
        """Rows the declared reading does not reproduce on the exact chain."""
        return [n.row for n in self.numbers if n.row not in self.declared.reproduced]

    def reproducing(self, row: str, chain: str = "exact") -> list[Reading]:
        """Readings whose exact (or author's) chain reproduces this row, simplest first (fewest
        switches changed)."""
        hits = [
            r for r in self.readings if row in (r.reproduced if chain == "exact" else r.author_reproduced)
        ]
        return sorted(hits, key=lambda r: (len(r.changed(self.default)), r.rank))

    @property
    def unexplained(self) -> list[str]:
        """Findings no reading reproduces."""
        return [row for row in self.findings if not self.reproducing(row)]

    def disappear(self, reading: Reading) -> list[str]:
        return [row for row in self.findings if row in reading.reproduced]

    def appear(self, reading: Reading) -> list[str]:
        return [
            n.row
            for n in self.numbers
            if n.row in self.declared.reproduced and n.row not in reading.reproduced
        ]

    def number(self, row: str) -> Number:
        return next(n for n in self.numbers if n.row == row)


def _scalar(arr: Any, idx: tuple[int, ...]) -> float | None:
    if arr is None:
        return None
    a = np.asarray(arr, dtype=np.float64)
    if idx == ():
        if a.size != 1:
            raise ConventionError(
                f"a scalar claim on a value of shape {a.shape}: give one printed number per element"
            )
        return float(a.reshape(()))
    try:
        return float(a[idx])
    except IndexError as exc:
        raise ConventionError(f"index {list(idx)} is outside a value of shape {a.shape}") from exc


def _pruned(ws: Worksheet, names: Iterable[str]) -> Worksheet:
    """The worksheet cut to the steps these values need (formula-only steps, unprinted checkpoints
    and the loss are not evaluated)."""
    needed: set[str] = set()
    for name in names:
        needed |= ancestors(ws, name)
    out = Worksheet(ws.title, loss=ws.loss, sizes=ws.sizes)
    out.steps = {n: s for n, s in ws.steps.items() if n in needed}
    return out


def _failed(choices: dict[str, Any], n: int, error: str) -> Reading:
    return Reading(dict(choices), {}, {}, frozenset(), frozenset(), math.inf, n, error=error)


def _read(ws: Worksheet, given: dict[str, Any], numbers: list[Number], printed, operands, choices) -> Reading:
    try:
        pruned = _pruned(ws, {n.step for n in numbers})
        chains = evaluate(pruned, given, printed, operands, Evaluator(pruned))
        values = {n.row: _scalar(chains.exact.get(n.step), n.idx) for n in numbers}
        author = {n.row: _scalar(chains.author.get(n.step), n.idx) for n in numbers}
    except (WorksheetError, ConventionError, ValueError, TypeError) as exc:
        return _failed(choices, len(numbers), str(exc))
    reproduced = frozenset(n.row for n in numbers if n.printed.passes(values[n.row]))
    author_ok = frozenset(n.row for n in numbers if n.printed.passes(author[n.row]))
    known = [n for n in numbers if values[n.row] is not None]
    closeness = 0.0
    for n in known:
        v = values[n.row]
        closeness += abs(n.printed.value - v) / (0.5 * n.printed.unit) if math.isfinite(v) else math.inf
    return Reading(dict(choices), values, author, reproduced, author_ok, closeness, len(numbers) - len(known))


def _given_key(given: dict[str, Any]) -> tuple:
    return tuple(sorted((k, repr(None if v is None else np.asarray(v).tolist())) for k, v in given.items()))


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= 4 * math.ulp(max(abs(a), abs(b)))


def _tie(a: Reading, b: Reading) -> bool:
    return (
        (a.error is None) == (b.error is None)
        and a.score == b.score
        and a.unknown == b.unknown
        and (
            a.closeness == b.closeness or math.isclose(a.closeness, b.closeness, rel_tol=1e-12, abs_tol=1e-12)
        )
    )


def _rank(readings: list[Reading]) -> list[Reading]:
    out = sorted(readings, key=lambda r: (r.error is not None, -r.score, r.unknown, r.closeness))
    i = 0
    while i < len(out):
        j = i + 1
        while j < len(out) and _tie(out[i], out[j]):
            j += 1
        for r in out[i:j]:
            r.rank, r.tied = i + 1, j - i > 1
        i = j
    return out


def _combinations(switches: dict[str, list[Any]], default: dict[str, Any], limit: int, seed: int):
    names = list(switches)
    sizes = [len(switches[n]) for n in names]
    total = math.prod(sizes)

    def decode(i: int) -> dict[str, Any]:
        out = {}
        for n, k in zip(reversed(names), reversed(sizes)):
            i, r = divmod(i, k)
            out[n] = switches[n][r]
        return {n: out[n] for n in names}

    if total <= limit:
        return [dict(zip(names, c)) for c in itertools.product(*(switches[n] for n in names))], total, False
    # A seeded sample, the default reading always in it.
    d = 0
    for n, k in zip(names, sizes):
        d = d * k + switches[n].index(default[n])
    rng = np.random.default_rng(seed)
    picked = {d}
    while len(picked) < limit:
        picked.add(int(rng.integers(total)))
    return [decode(i) for i in sorted(picked)], total, True


def _equivalences(switches, readings: list[Reading], rows: list[str]) -> dict[str, list[list[Any]]]:
    """Per switch, classes of choices that give identical numbers under every other choice."""
    by_key = {tuple(repr(r.choices[n]) for n in switches): r for r in readings}
    names = list(switches)
    out: dict[str, list[list[Any]]] = {}
    for s, choices in switches.items():
        if len(choices) < 2:
            continue
        others = [switches[n] for n in names if n != s]

        def equal(c1, c2) -> bool:
            for rest in itertools.product(*others):
                it = iter(rest)
                k1 = tuple(repr(c1) if n == s else repr(next(it)) for n in names)
                k2 = tuple(repr(c2) if n == s else v for n, v in zip(names, k1))
                a, b = by_key.get(k1), by_key.get(k2)
                if a is None or b is None or a.error or b.error:
                    return False
                if not all(_same(a.values[row], b.values[row]) for row in rows):
                    return False
            return True

        classes: list[list[Any]] = []
        for c in choices:
            for cls in classes:
                if equal(cls[0], c):
                    cls.append(c)
                    break
            else:
                classes.append([c])
        if any(len(cls) > 1 for cls in classes):
            out[s] = classes
    return out


def _formula_reading(case, ws: Worksheet, given, label, changed, draws, seed) -> FormulaReading:
    spec = case.spec
    start = time.perf_counter()
    out = FormulaReading(label, changed)
    try:
        results = check_meanings(ws, given, case_tolerance(spec), **meaning_settings(spec, draws, seed))
        out.verdicts = {f"formula:{n}": (r.verdict.verdict, r.verdict.factor) for n, r in results.items()}
    except Exception as exc:  # noqa: BLE001  (one reading that fails to differentiate is a row, not a crash)
        out.error = f"{type(exc).__name__}: {exc}"
    out.seconds = time.perf_counter() - start
    return out


@dataclass
class _Readings:
    """What every reading of one search shares: the case's given values and printed numbers, and
    the readings evaluated so far (memoised by worksheet and given values)."""

    given: dict[str, Any]
    given_switches: list[str]  # switches named after a given value: their choice is put in
    numbers: list[Number]
    printed: Any  # `printed[step][idx]`, for the author's chain
    operands: Any  # `operands[step][input]`, for the author's chain
    memo: dict[tuple, Reading] = field(default_factory=dict)

    @property
    def rows(self) -> list[str]:
        return [n.row for n in self.numbers]

    def given_for(self, choices: dict[str, Any]) -> dict[str, Any]:
        """The case's given values, with the choices of the switches that name one put in."""
        return {**self.given, **{s: choices[s] for s in self.given_switches}}

    def read(self, w: Worksheet, g: dict[str, Any], choices: dict[str, Any]) -> Reading:
        """The printed numbers under worksheet `w` and given values `g`, labelled `choices`
        (evaluated once per worksheet and given values)."""
        key = (id(w), _given_key(g))
        if key not in self.memo:
            self.memo[key] = _read(w, g, self.numbers, self.printed, self.operands, choices)
        r = self.memo[key]
        return Reading(
            dict(choices),
            r.values,
            r.author,
            r.reproduced,
            r.author_reproduced,
            r.closeness,
            r.unknown,
            r.error,
        )


@_jax.scoped
def search(
    case,
    ws: Worksheet | None = None,
    *,
    conventions: Conventions | None = None,
    limit: int = DEFAULT_LIMIT,
    sample_seed: int = 0,
    formulas: bool | Iterable[str] = True,
    draws: int | None = None,
    seed: int | None = None,
) -> ConventionReport:
    """Evaluate `case` under every combination of its reference's convention switches.

    `ws` defaults to the case's reference; `conventions` to `ws.conventions`. Beyond `limit`
    combinations a seeded sample of `limit` (the default reading always among them) is evaluated
    and the report says so. `formulas`: re-run the formula checks under each single-switch change
    (True), under the changes of the named switches only (an iterable), or not at all (False);
    `draws` and `seed` override the case's draw settings for them.
    """
    ws, conv = _declared_switches(case, ws, conventions)
    if limit < 1:
        raise ConventionError(f"limit should be at least 1, found {limit}")
    shared = _shared(case, ws, conv)
    start = time.perf_counter()
    declared = shared.read(ws, shared.given, conv.default)
    combos, total, sampled = _combinations(conv.switches, conv.default, limit, sample_seed)
    readings = _rank(_read_combinations(shared, conv, combos))
    seconds = time.perf_counter() - start
    report = ConventionReport(
        case_id=case.spec.id,
        reference=case.spec.reference,
        switches={k: list(v) for k, v in conv.switches.items()},
        default=dict(conv.default),
        numbers=shared.numbers,
        declared=declared,
        readings=readings,
        total=total,
        sampled=sampled,
        sample_seed=sample_seed,
        seconds=seconds,
        equivalent={} if sampled else _equivalences(conv.switches, readings, shared.rows),
        notes=_notes(declared, readings, shared.rows),
    )
    if formulas and any(s.means is not None for s in ws.steps.values()):
        report.formulas, report.formula_seconds = _formula_readings(
            case, ws, conv, shared, formulas, draws, seed
        )
    return report


def _declared_switches(
    case, ws: Worksheet | None, conventions: Conventions | None
) -> tuple[Worksheet, Conventions]:
    """`(ws, conventions)`: the case's reference unless `ws` is given, and its declared switches
    unless `conventions` is given; raises ConventionError when it is no Worksheet or has none."""
    if ws is None:
        from .runner import resolved

        ws = resolved(case)
    if not isinstance(ws, Worksheet):
        raise ConventionError(
            f"reference: {case.spec.reference} is a {type(ws).__name__}; convention "
            "switches are declared on a Worksheet"
        )
    conv = conventions if conventions is not None else ws.conventions
    if conv is None:  # any worksheet: the generic procedure changes its meanings allow
        conv = procedure_conventions(ws)
    if conv is None:
        raise ConventionError(
            f"{ws!r} declares no convention switches and its meanings allow no procedure change; "
            f"declare switches in its reference module: "
            f"`{case.spec.reference.partition(':')[2]}.conventions = Conventions(build, switches)`"
        )
    return ws, conv


AS_WRITTEN = "as written"


def procedure_conventions(ws: Worksheet) -> Conventions | None:
    """The generic procedure changes of DESIGN row 8b (updated or old values of a parameter group,
    the update's sign, the loss scale, a round fewer or more), derived from the worksheet's
    meanings alone, as one switch `procedure`: what `gradaudit conventions` offers for a worksheet
    that declares no switches of its own."""
    from .procedure import changes, variant

    by_name: dict[str, Worksheet] = {}
    for ch in changes(ws):
        try:
            by_name[ch.name] = variant(ws, ch)
        except WorksheetError:  # a change that would make a cycle is no reading
            continue
    if not by_name:
        return None

    def build(procedure: str) -> Worksheet:
        return ws if procedure == AS_WRITTEN else by_name[procedure]

    return Conventions(build, {"procedure": [AS_WRITTEN, *by_name]})


def _shared(case, ws: Worksheet, conv: Conventions) -> _Readings:
    """The case's given values and printed numbers, once every switch names a parameter of the
    builder or a given value (else a ConventionError)."""
    given = dict(case.spec.given)
    given_names = set(given) | set(ws.given_names)
    for s in conv.switches:
        if not conv.takes(s) and s not in given_names:
            raise ConventionError(
                f"switch {s!r} is neither a parameter of {getattr(conv.build, '__name__', 'build')}() "
                f"nor a given value of the case (given: {', '.join(sorted(given_names))})"
            )
    given_switches = [s for s in conv.switches if s in given_names]
    numbers, printed, operands = printed_numbers(case, ws)
    return _Readings(given, given_switches, numbers, printed, operands)


def _read_combinations(shared: _Readings, conv: Conventions, combos: list[dict[str, Any]]) -> list[Reading]:
    """One reading per combination of choices, in order; a combination whose builder fails is a
    failed reading, not a crash."""
    readings = []
    for choices in combos:
        try:
            w = conv.worksheet(**choices)
        except Exception as exc:  # noqa: BLE001  (a builder that fails for one combination is a row)
            readings.append(
                _failed(choices, len(shared.numbers), f"build failed: {type(exc).__name__}: {exc}")
            )
            continue
        r = shared.read(w, shared.given_for(choices), choices)
        r.default = choices == conv.default
        readings.append(r)
    return readings


def _notes(declared: Reading, readings: list[Reading], rows: list[str]) -> list[str]:
    """What the report says of the declared reading: unknown values it leaves, where the default
    choices do not rebuild it, its failure."""
    notes: list[str] = []
    dflt = next((r for r in readings if r.default), None)
    if declared.error is None and declared.unknown:
        notes.append(
            f"the declared reading leaves {declared.unknown} values unknown (a lost input); "
            "each reading fills them"
        )
    if dflt is not None and dflt.error is None and declared.error is None:
        differ = [
            row
            for row in rows
            if declared.values[row] is not None and not _same(dflt.values[row], declared.values[row])
        ]
        if differ:
            notes.append(
                "the default choices do not rebuild the case as declared: their values differ at "
                + ", ".join(differ[:6])
                + (f" and {len(differ) - 6} more" if len(differ) > 6 else "")
            )
    if declared.error:
        notes.append(f"the declared reading fails: {declared.error}")
    return notes


def _formula_readings(
    case, ws: Worksheet, conv: Conventions, shared: _Readings, formulas, draws, seed
) -> tuple[list[FormulaReading], float]:
    """The formula checks as declared, then under each single change of one switch (all switches
    when `formulas` is True, else the named ones), and the seconds they took; raises
    ConventionError for a name that is no switch."""
    names = list(conv.switches) if formulas is True else list(formulas)
    unknown = [n for n in names if n not in conv.switches]
    if unknown:
        raise ConventionError(
            f"formulas: no switch named {', '.join(map(repr, unknown))} "
            f"(switches: {', '.join(conv.switches)})"
        )
    start = time.perf_counter()
    out = [_formula_reading(case, ws, shared.given, "declared", {}, draws, seed)]
    for s in names:
        for c in conv.switches[s]:
            if c == conv.default[s]:
                continue
            choices = {**conv.default, s: c}
            label = f"{s}={c}"
            try:
                w = conv.worksheet(**choices)
            except Exception as exc:  # noqa: BLE001
                out.append(FormulaReading(label, {s: c}, error=f"build failed: {exc}"))
                continue
            out.append(_formula_reading(case, w, shared.given_for(choices), label, {s: c}, draws, seed))
    return out, time.perf_counter() - start


# --------------------------------------------------------------------------------------------
# Hints and rendering


def _choices_text(changed: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in changed.items()) or "the default choices"


def _verdict_text(v: tuple[str, str | None]) -> str:
    return v[0] + (f" {v[1]}" if v[1] else "")


def _formula_findings(report: ConventionReport) -> list[str]:
    if not report.formulas or report.formulas[0].error:
        return []
    return [row for row, v in report.formulas[0].verdicts.items() if is_finding(v[0])]


def _passes(f: FormulaReading, row: str, absent: bool = False) -> bool:
    """The formula row passes under reading `f` (`absent`: what a row the reading lacks counts as)."""
    v = f.verdicts.get(row)
    return absent if v is None else is_passing(v[0])


def hints(report: ConventionReport) -> dict[str, str]:
    """Per row name, a `convention` hint for its explanation: the simplest reading (fewest
    switches changed) that reproduces a printed number the declared reading does not, or under
    which a formula finding is `ok`. Rows no reading explains get no hint."""
    out: dict[str, str] = {}
    for row in report.findings:
        hits = report.reproducing(row)
        if not hits:
            continue
        r = hits[0]
        n = report.number(row)
        more = (
            f" (as do {len(hits) - 1} other reading{'s' if len(hits) > 2 else ''})" if len(hits) > 1 else ""
        )
        out[row] = (
            f"convention: with {_choices_text(r.changed(report.default))}, the exact chain gives "
            f"{fmt_like(n.printed, r.values[row])} = printed {n.printed.text}{more}"
        )
    for row in _formula_findings(report):
        declared = report.formulas[0].verdicts[row]
        ok = [f.label for f in report.formulas[1:] if f.error is None and _passes(f, row)]
        if ok:
            out[row] = f"convention: {_verdict_text(declared)} as declared; ok with {' or '.join(ok)}"
    return out


def add_hints(case, result, formulas: bool = False) -> None:
    """Append `hints()` of a convention search (claims only, unless `formulas`) to the rows of a
    case's result they name; verdicts unchanged. A reference without conventions gets none."""
    from .runner import resolved

    if result.error:
        return
    ref = resolved(case)
    if not isinstance(ref, Worksheet) or ref.conventions is None:  # a Backward has none
        return
    found = hints(search(case, ref, formulas=formulas))
    for row in result.rows:
        if row.quantity in found:
            row.explanation += "; " + found[row.quantity]
            row.details["convention"] = found[row.quantity]
