"""The verdict table of `check_gradients`: one row per leaf, findings first, with the worst
element, where it was found and the three values there (what `assert_gradients` raises with)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tabulate import tabulate

from ..core.verdicts import is_passing

if TYPE_CHECKING:
    from ..evaluating.gradients import GradientResult


def _num(x: float | None) -> str:
    return "" if x is None else f"{x:.6g}"


def format_leaves(result: GradientResult, tablefmt: str = "simple") -> str:
    rows = []
    order = sorted(result.leaves.values(), key=lambda lf: is_passing(lf.verdict))
    for leaf in order:
        idx = "" if leaf.worst_index is None else str(list(leaf.worst_index))
        verdict = leaf.verdict + (f" ({leaf.factor})" if leaf.factor else "")
        at = "" if leaf.hand is None else ("given" if leaf.worst_point == 0 else f"draw {leaf.worst_point}")
        rows.append(
            [
                leaf.path,
                verdict,
                idx,
                at,
                _num(leaf.hand),
                _num(leaf.autodiff),
                _num(leaf.finite_diff),
                _num(leaf.max_abs),
                _num(leaf.max_rel),
                leaf.explanation,
            ]
        )
    n_bad = sum(1 for leaf in result.leaves.values() if not is_passing(leaf.verdict))
    head = (
        f"{result.title + ': ' if result.title else ''}{len(result.leaves)} leaves checked at "
        f"{result.points} points ({'vmapped' if result.traced else 'loop'}): "
        f"{len(result.leaves) - n_bad} ok, {n_bad} findings"
    )
    if result.error:
        head += f"\nbackward raised: {result.error}"
    table = tabulate(
        rows,
        headers=[
            "leaf",
            "verdict",
            "worst index",
            "at",
            "hand-written",
            "autodiff",
            "finite diff",
            "max abs err",
            "max rel err",
            "explanation",
        ],
        tablefmt=tablefmt,
        disable_numparse=True,
    )
    return head + "\n" + table
