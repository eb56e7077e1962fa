"""The verdict table of `check_gradients`: one row per leaf, findings first, with the worst
element, where it was found and the three values there (what `assert_gradients` raises with)."""

from __future__ import annotations

import html
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


def short_repr(result: GradientResult) -> str:
    """One line for a notebook or a debugger: `<GradientResult: 2 of 3 leaves ok at 9 points; W2:
    scale (1/2)>` (the full table is `result.table()`)."""
    bad = [lf for lf in result.leaves.values() if not is_passing(lf.verdict)]
    n = len(result.leaves)
    head = f"{n - len(bad)} of {n} leaves ok at {result.points} points"
    shown = "; ".join(f"{lf.path}: {lf.verdict}" + (f" ({lf.factor})" if lf.factor else "") for lf in bad[:4])
    more = f"; {len(bad) - 4} more" if len(bad) > 4 else ""
    error = f"; backward raised: {result.error.splitlines()[0]}" if result.error else ""
    title = f"{result.title}: " if result.title else ""
    return f"<GradientResult: {title}{head}{'; ' + shown if shown else ''}{more}{error}>"


def leaves_html(result: GradientResult) -> str:
    """The verdict table as a small HTML table for notebooks: findings first, in red."""
    e = html.escape
    rows = []
    for leaf in sorted(result.leaves.values(), key=lambda lf: is_passing(lf.verdict)):
        colour = "#2e7d32" if is_passing(leaf.verdict) else "#c62828"
        verdict = leaf.verdict + (f" ({leaf.factor})" if leaf.factor else "")
        idx = "" if leaf.worst_index is None else str(list(leaf.worst_index))
        rows.append(
            f"<tr><td><code>{e(leaf.path)}</code></td><td style='color:{colour};font-weight:600'>"
            f"{e(verdict)}</td><td>{e(idx)}</td><td>{e(_num(leaf.hand))}</td><td>{e(_num(leaf.autodiff))}"
            f"</td><td>{e(leaf.explanation)}</td></tr>"
        )
    head = e(short_repr(result)[1:-1].removeprefix("GradientResult: "))
    return (
        f"<div><p><b>check_gradients</b>: {head}</p><table><tr><th>leaf</th><th>verdict</th>"
        "<th>worst index</th><th>hand-written</th><th>autodiff</th><th>explanation</th></tr>"
        + "".join(rows)
        + "</table></div>"
    )
