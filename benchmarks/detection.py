"""Item 2: which injected bugs each tool catches.

Bugs are injected into the correct numpy backward (`benchmarks.nets`), so every tool judges the
same wrong gradient:
- sign flips of single W1 elements of the MLP at seeded positions (the largest and the median
  |gradient| elements always among them);
- each MLP leaf x2;
- transposes. Both MLP weights are rectangular, so their transposes change the shape and every
  tool fails them as a shape error; square transposes (the silent kind) are taken where shapes
  allow: the 2x2 W1 of the geeksforgeeks 2-2-1 net and both 2x2 weights of the sapiencespace
  2-2-2 net, at the tutorials' own values.

"caught": the tool reports a failure (gradaudit: the leaf's verdict is not ok; check_grads on the
backward wrapped as the loss's custom_vjp: it raises; torch gradcheck: it returns False or
raises). "named" (gradaudit only): the verdict says what the slip is (partial with that index,
scale 2, transpose). Each tool is also run on the correct backward: a tool that flags everything
would catch everything.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from benchmarks import _anchors, _torch, nets
from benchmarks._common import Row, Settings, seconds
from gradaudit import check_gradients


@dataclass
class Bug:
    category: str
    net: Any
    leaf: str
    backward: Callable[..., Any]
    expect: str  # the verdict that names it
    index: tuple[int, ...] | None = None
    label: str = ""


def _named(bug: Bug, leaf_result) -> bool:
    if leaf_result.verdict != bug.expect:
        return False
    if bug.expect == "partial":
        return bug.index in [tuple(i) for i in leaf_result.indices]
    if bug.expect == "scale":
        return leaf_result.factor == "2"
    return True


def _bugs(s: Settings) -> tuple[list[Bug], dict[str, Any]]:
    mlp = nets.mlp()
    g0 = mlp.backward_np(mlp.params, mlp.x, mlp.y)
    positions = nets.flip_positions(g0["W1"], s.flips)
    shape = g0["W1"].shape
    info = {"largest": positions[0], "median": positions[1]}
    bugs = [
        Bug(
            "sign flip",
            mlp,
            "W1",
            nets.flip(mlp.backward_np, "W1", i),
            "partial",
            tuple(int(a) for a in np.unravel_index(i, shape)),
            label={positions[0]: "largest |g|", positions[1]: "median |g|"}.get(i, ""),
        )
        for i in positions
    ]
    bugs += [
        Bug("leaf x2", mlp, leaf, nets.scaled(mlp.backward_np, leaf, 2.0), "scale", label=leaf)
        for leaf in mlp.names
    ]
    bugs += [
        Bug(
            "transpose (shape changes)",
            mlp,
            leaf,
            nets.transposed(mlp.backward_np, leaf),
            "transpose",
            label=f"MLP {leaf}",
        )
        for leaf in ("W1", "W2")
    ]
    gfg, sap = nets.geeksforgeeks(), nets.sapiencespace()
    bugs += [
        Bug(
            "transpose (square)",
            gfg,
            "W1",
            nets.transposed(gfg.backward_np, "W1"),
            "transpose",
            label="2-2-1 W1",
        )
    ]
    bugs += [
        Bug(
            "transpose (square)",
            sap,
            leaf,
            nets.transposed(sap.backward_np, leaf),
            "transpose",
            label=f"2-2-2 {leaf}",
        )
        for leaf in ("W1", "W2")
    ]
    info["abs_grad"] = {
        "largest": float(np.abs(g0["W1"]).reshape(-1)[positions[0]]),
        "median": float(np.abs(g0["W1"]).reshape(-1)[positions[1]]),
    }
    return bugs, info


def _gradaudit(bug: Bug) -> tuple[bool, bool, list[str]]:
    r = check_gradients(bug.backward, bug.net.loss, bug.net.params, bug.net.x, bug.net.y)
    leaf = r.leaves[bug.leaf]
    others = [p for p, v in r.verdicts.items() if p != bug.leaf and v != "ok"]
    return leaf.verdict != "ok", _named(bug, leaf), others


def _check_grads(bug: Bug) -> bool:
    f = _anchors.hand_vjp_loss(bug.net, bug.backward)
    passed, _ = _anchors.check_grads_passes(f, _anchors.jnp_params(bug.net))
    return not passed


def run(s: Settings, rows: list[Row]) -> dict[str, Any]:
    bugs, info = _bugs(s)
    categories = list(dict.fromkeys(b.category for b in bugs))
    tools: dict[str, Callable[[Bug], bool]] = {"check_grads (custom_vjp)": _check_grads}
    if _torch.available():
        tools["torch gradcheck fast"] = lambda b: not _torch.gradcheck(b.net, b.backward, fast=True)
        # Slow mode builds the full Jacobian: ~2P forwards a check, minutes on the MLP each.
        tools["torch gradcheck slow"] = lambda b: (
            None if b.net.size > 1000 else not _torch.gradcheck(b.net, b.backward, fast=False)
        )

    out: dict[str, Any] = {"positions": info, "cases": []}
    caught: dict[str, dict[str, list]] = {t: {c: [] for c in categories} for t in ["gradaudit", *tools]}
    named: dict[str, list[bool]] = {c: [] for c in categories}
    false_other: list[str] = []
    spent: dict[str, float] = {t: 0.0 for t in caught}
    n_big: dict[str, int] = {t: 0 for t in caught}
    label_hits: dict[str, dict[str, bool | None]] = {}
    for n, bug in enumerate(bugs):
        if n and n % 25 == 0:
            print(f"  item 2: {n}/{len(bugs)} bugs", file=sys.stderr, flush=True)
        case: dict[str, Any] = {
            "category": bug.category,
            "net": bug.net.name,
            "leaf": bug.leaf,
            "index": bug.index,
            "label": bug.label,
        }
        big = bug.net.size > 1000  # time per check is quoted on the MLP only
        t0 = time.perf_counter()
        hit, nm, others = _gradaudit(bug)
        spent["gradaudit"] += (time.perf_counter() - t0) * big
        n_big["gradaudit"] += big
        caught["gradaudit"][bug.category].append(hit)
        named[bug.category].append(nm)
        false_other += [f"{bug.label or bug.index}: {o}" for o in others]
        case["gradaudit"] = {"caught": hit, "named": nm, "other_leaves_flagged": others}
        for tool, fn in tools.items():
            t0 = time.perf_counter()
            res = fn(bug)
            if res is not None:
                spent[tool] += (time.perf_counter() - t0) * big
                n_big[tool] += big
            caught[tool][bug.category].append(res)
            case[tool] = res
        if bug.label and bug.category == "sign flip":
            label_hits[bug.label] = {t: case[t]["caught"] if t == "gradaudit" else case[t] for t in caught}
        out["cases"].append(case)

    # The correct backward: every tool should pass it.
    mlp = bugs[0].net
    r = check_gradients(mlp.backward_np, mlp.loss, mlp.params, mlp.x, mlp.y)
    correct = {
        "gradaudit": r.ok,
        "check_grads (custom_vjp)": _anchors.check_grads_passes(
            _anchors.hand_vjp_loss(mlp, mlp.backward_np), _anchors.jnp_params(mlp)
        )[0],
    }
    if _torch.available():
        correct["torch gradcheck fast"] = _torch.gradcheck(mlp, mlp.backward_np, fast=True)
        correct["torch gradcheck slow"] = None
    out["correct_backward_passes"] = correct

    for category in categories:
        for tool in caught:
            hits = [h for h in caught[tool][category] if h is not None]
            n_all = len(caught[tool][category])
            if not hits:
                rows.append(
                    Row(
                        "2",
                        _problem(category, n_all),
                        tool,
                        "caught",
                        "not run",
                        None,
                        "",
                        None,
                        "",
                        "",
                        None,
                        "a full Jacobian per check: minutes each on the MLP (item 1)",
                    )
                )
                continue
            share = sum(hits) / len(hits)
            notes = []
            if tool == "gradaudit":
                nm = named[category]
                notes.append(f"named {sum(nm)}/{len(nm)}")
            if category == "sign flip":
                notes += [
                    f"{lab}: {'caught' if h[tool] else 'missed'}"
                    for lab, h in label_hits.items()
                    if h[tool] is not None
                ]
            if len(hits) < n_all:
                notes.append(f"run on the {len(hits)} small-net cases only")
            rows.append(
                Row(
                    "2",
                    _problem(category, n_all),
                    tool,
                    "caught",
                    f"{sum(hits)}/{len(hits)} ({share:.0%})",
                    share,
                    "share",
                    None,
                    "",
                    "100%" if tool == "gradaudit" else "",
                    share == 1.0 if tool == "gradaudit" else None,
                    "; ".join(notes),
                )
            )
    per_check = {t: (spent[t] / n_big[t] if n_big[t] else None) for t in caught}
    for tool, ok in correct.items():
        per = per_check[tool]
        shown = "not run" if ok is None else ("passes" if ok else "FALSE ALARM")
        note = f"{seconds(per)} per MLP check (mean over the bug cases)" if per else ""
        if tool == "gradaudit":
            note += f"; other leaves flagged in bug cases: {len(false_other)}"
        rows.append(
            Row(
                "2",
                "MLP correct backward",
                tool,
                "verdict",
                shown,
                None if ok is None else float(ok),
                "",
                None,
                "",
                "",
                None,
                note,
            )
        )
    out["time_per_mlp_check"] = per_check
    out["other_leaves_flagged"] = false_other
    out["summary"] = {t: {c: [h for h in caught[t][c]] for c in categories} for t in caught}
    return out


def _problem(category: str, n: int) -> str:
    return {
        "sign flip": f"MLP W1: {n} single sign flips",
        "leaf x2": f"MLP: each of {n} leaves x2",
        "transpose (shape changes)": f"MLP W1, W2 transposed ({n})",
        "transpose (square)": f"2x2 weights transposed ({n})",
    }[category]
