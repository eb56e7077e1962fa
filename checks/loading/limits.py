"""The ceilings of every size a case or the command line can ask for, in one place (README, "Limits").

Each is checked before anything runs: at load time, as an error located at the field's line and
column (`limit_problems`), and on the command line, as a usage error (exit 2). The numbers keep one
case within about a minute and a few hundred MB on a laptop; past them nothing is attempted.
"""

from __future__ import annotations

import math
from typing import Any

from .schema import Case

# A case file (bytes). Reading YAML keeps every node with its line and column: 1 MB takes ~6 s.
MAX_FILE_BYTES = 1_000_000
# Random draws of a formula check (`draws: {n: ...}`, `--draws`). 10,000 draws of a tutorial's
# worksheet take ~5 s and ~400 MB.
MAX_DRAWS = 10_000
# Seeds (`draws: {seed: ...}`, a statement's `seed`, `--seed`): numpy's and JAX's 32-bit seeds.
MAX_SEED = 2**32 - 1
# `draws: {scale: ...}`: each draw moves a given value v by scale x (|v| + 0.1) x N(0, 1).
MAX_SCALE = 10.0
# Numbers in one given value or one list claim (a vector or matrix), and in all given values of a case.
MAX_ELEMENTS = 10_000
MAX_GIVEN_NUMBERS = 10_000
# Draws x the case's given numbers: the largest batch one vmapped formula check evaluates.
MAX_DRAWN_NUMBERS = 10_000_000
# Statements: a bound's grid (`points`), seeded draws (`draws`), an iteration's `steps`.
MAX_POINTS = 1_000_000
MAX_STATEMENT_DRAWS = 100_000
MAX_STEPS = 1_000_000
# A given value a reference declares a count (epochs): a loop bound (10^6 epochs take ~0.1 s).
MAX_COUNT = 10_000_000
# `gradaudit conventions --limit`: reading combinations evaluated in full.
MAX_CONVENTION_LIMIT = 1_000_000
# `tolerances: {step: ...}`: the finite-difference step, relative to max(1, |x|).
MAX_FD_STEP = 1.0

DEFAULT_DRAWS = 32
_SCALE = "scale"  # the field draws.scale, not a verdict


def _count_numbers(value: Any) -> int:
    if isinstance(value, list):
        return sum(_count_numbers(v) for v in value)
    return 0 if value is None else 1


def shape_of(value: Any) -> tuple[int, ...] | None:
    """The shape of nested lists of numbers, or None when they are ragged (`[[1, 2], [3]]`)."""
    if not isinstance(value, list):
        return ()
    if not value:
        return (0,)
    inner = [shape_of(v) for v in value]
    if any(s is None for s in inner) or len(set(inner)) != 1:
        return None
    return (len(value),) + inner[0]


def _ragged_where(value: list, path: tuple) -> tuple[tuple, str]:
    """The first row whose shape differs from the first row's, and the message."""
    shapes = [shape_of(v) for v in value]
    for i, s in enumerate(shapes):
        if s is None:
            return _ragged_where(value[i], path + (i,))
    first = shapes[0]
    i = next(i for i, s in enumerate(shapes) if s != first)

    def show(s):
        return "a number" if s == () else f"a list of {s[0]}" if len(s) == 1 else f"shape {s}"

    return (
        path + (i,),
        "rows of a given array must all have the same length: "
        f"row 0 is {show(first)}, row {i} is {show(shapes[i])}",
    )


def limit_problems(spec: Case) -> list[tuple[tuple, str]]:
    """(path, message) for every setting of a valid-looking case outside its range."""
    out: list[tuple[tuple, str]] = []

    def between(path, value, low, high, what="a whole number"):
        if value is not None and not (low <= value <= high):
            out.append((path, f"expected {what} from {low:,} to {high:,}, found {value}"))

    total = 0
    for name, value in spec.given.items():
        if isinstance(value, list):
            n = _count_numbers(value)
            total += n
            shape = shape_of(value)
            if shape is None:
                out.append(_ragged_where(value, ("given", name)))
            elif 0 in shape:
                out.append((("given", name), "expected a number or a list of numbers, found an empty list"))
            elif n > MAX_ELEMENTS:
                out.append(
                    (("given", name), f"at most {MAX_ELEMENTS:,} numbers in one given value, found {n:,}")
                )
        elif value is not None:
            total += 1
    if total > MAX_GIVEN_NUMBERS and not out:  # one value too large already says it
        out.append((("given",), f"at most {MAX_GIVEN_NUMBERS:,} given numbers in a case, found {total:,}"))
    for name, claim in spec.claims.items():
        printed = getattr(claim, "printed", claim)
        n = _count_numbers(printed) if isinstance(printed, list) else 1
        if n > MAX_ELEMENTS:
            path = ("claims", name, "printed") if hasattr(claim, "printed") else ("claims", name)
            out.append((path, f"at most {MAX_ELEMENTS:,} printed numbers in one claim, found {n:,}"))

    dr = spec.draws
    if dr is not None:
        between(("draws", "n"), dr.n, 0, MAX_DRAWS)
        between(("draws", "seed"), dr.seed, 0, MAX_SEED)
        if dr.scale is not None and not (0 < dr.scale <= MAX_SCALE):
            out.append(
                (("draws", _SCALE), f"expected a number above 0 and at most {MAX_SCALE:g}, found {dr.scale}")
            )
        for i, name in enumerate(dr.fixed):
            if name not in spec.given:
                out.append(
                    (
                        ("draws", "fixed", i),
                        f"expected the name of a given value of this case, found {name!r}"
                        + (f" (given: {', '.join(spec.given)})" if spec.given else " (the case gives none)"),
                    )
                )
    n = dr.n if dr is not None and dr.n is not None else DEFAULT_DRAWS
    if dr is not None and dr.n is not None and 0 <= n <= MAX_DRAWS and n * total > MAX_DRAWN_NUMBERS:
        out.append((("draws", "n"), draws_budget_message(n, total)))

    tol = spec.tolerances
    if tol is not None:
        for key, value in tol.model_dump().items():
            if value is None:
                continue
            if key == "step":
                if not (0 < value <= MAX_FD_STEP):
                    out.append(
                        (
                            ("tolerances", key),
                            f"expected a number above 0 and at most {MAX_FD_STEP:g}, found {value}",
                        )
                    )
            elif value < 0 or not math.isfinite(value):
                out.append((("tolerances", key), f"expected a number >= 0, found {value}"))

    for sid, st in spec.statements.items():
        at = ("statements", sid)
        between(at + ("points",), st.points, 0, MAX_POINTS)
        between(at + ("draws",), st.draws, 0, MAX_STATEMENT_DRAWS)
        between(at + ("steps",), st.steps, 0, MAX_STEPS)
        between(at + ("seed",), st.seed, 0, MAX_SEED)
        if st.tolerance is not None and st.tolerance < 0:
            out.append((at + ("tolerance",), f"expected a number >= 0, found {st.tolerance}"))
    return out


def given_numbers(spec: Case) -> int:
    return sum(_count_numbers(v) if isinstance(v, list) else int(v is not None) for v in spec.given.values())


def draws_budget_message(n: int, numbers: int) -> str:
    return (
        f"{n:,} draws of {numbers:,} given numbers make {n * numbers:,} drawn numbers; the limit is "
        f"{MAX_DRAWN_NUMBERS:,}: ask for at most {MAX_DRAWN_NUMBERS // max(numbers, 1):,} draws"
    )
