"""A case's settings for the checks that draw random points: how many draws, which seed, how far
from the given values, and its tolerances (command-line values win over the case's)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.tolerances import Tolerance, tolerance
from .limits import DEFAULT_DRAWS
from .schema import Case

__all__ = ["DEFAULT_DRAWS", "case_tolerance", "meaning_settings"]


def meaning_settings(spec: Case, draws: int | None = None, seed: int | None = None) -> dict[str, Any]:
    """The random-draw settings of a case's meaning checks (command-line values win)."""
    dr = spec.draws
    return {
        "draws": draws if draws is not None else (dr.n if dr and dr.n is not None else DEFAULT_DRAWS),
        "seed": seed if seed is not None else (dr.seed if dr and dr.seed is not None else 0),
        "scale": float(dr.scale) if dr and dr.scale is not None else 0.25,
        "fixed": set(dr.fixed) if dr else set(),
    }


def case_tolerance(spec: Case) -> Tolerance:
    t = spec.tolerances
    return tolerance(np.float64, **(t.model_dump() if t else {}))
