"""Item 1: the localising check of a correct backward, against the one-direction anchors.

gradaudit: `check_gradients(...)` with its defaults, giving a per-leaf, per-element verdict
(autodiff at the given point and at seeded draws, plus the finite-difference second opinion).
Anchor: one warm `check_grads(loss, (params,), order=1, modes=["rev"])`. Ratios are times in
units of that anchor: gradaudit's goal is <= 2x. The tools are timed in interleaved rounds (each
called once per round), so load that comes and goes on a shared machine hits them alike.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from benchmarks import _anchors, _torch, nets
from benchmarks._common import Row, Settings, measure_interleaved, ratio, seconds
from gradaudit import check_gradients

GOAL = 2.0


def _problem(net, backend: str = "") -> str:
    return f"{net.name} (P={net.size:,})" + (f" {backend}" if backend else "")


def _torch_slow_capped(name: str, budget: float) -> tuple[float | None, bool | None, str]:
    """One slow-mode gradcheck in a child process, killed after `budget` seconds."""
    env = dict(os.environ)
    try:
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks._torch", "slow", name],
            capture_output=True,
            text=True,
            timeout=budget,
            env=env,
            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        )
    except subprocess.TimeoutExpired:
        return None, None, f"> {budget:.0f} s (capped)"
    if out.returncode != 0:
        return (
            None,
            None,
            f"failed: {out.stderr.strip().splitlines()[-1] if out.stderr.strip() else out.returncode}",
        )
    res = json.loads(out.stdout.strip().splitlines()[-1])
    return res["seconds"], res["passed"], ""


def _one_net(net, s: Settings, rows: list[Row], out: dict[str, Any], big: bool) -> None:
    pj = _anchors.jnp_params(net)
    anchor_f = _anchors.loss_of_params(net)
    hand_f = _anchors.hand_vjp_loss(net, net.backward_np)
    results: dict[str, dict[str, Any]] = {"numpy": {}, "jax.numpy": {}}

    def gradaudit(bw, result):
        def call():
            r = check_gradients(bw, net.loss, net.params, net.x, net.y)
            result.update(verdicts=r.verdicts, points=r.points, traced=r.traced)

        return call

    fns = {
        "gradaudit numpy": gradaudit(net.backward_np, results["numpy"]),
        "gradaudit jax.numpy": gradaudit(net.backward_jnp, results["jax.numpy"]),
        "check_grads loss": lambda: _anchors.run_check_grads(anchor_f, pj),
        "check_grads custom_vjp": lambda: _anchors.run_check_grads(hand_f, pj),
    }
    if _torch.available():
        fns["torch fast"] = lambda: _torch.gradcheck(net, net.backward_np, fast=True)
        if not big:
            fns["torch slow"] = lambda: _torch.gradcheck(net, net.backward_np, fast=False)
    t = measure_interleaved(fns, rounds=3 * s.repeats)
    base = t["check_grads loss"].median
    rec: dict[str, Any] = {"P": net.size, "rounds": 3 * s.repeats, **{k: vars(v) for k, v in t.items()}}

    for backend, result in results.items():
        tg = t[f"gradaudit {backend}"]
        bad = {k: v for k, v in result["verdicts"].items() if v != "ok"}
        note = (
            f"{result['points']} points ({'vmapped' if result['traced'] else 'loop'}), "
            f"all {len(result['verdicts'])} leaves ok; first call {seconds(tg.first)}"
        )
        if bad:
            note = f"FALSE ALARM on a correct backward: {bad}; first call {seconds(tg.first)}"
        r = tg.median / base
        rows.append(
            Row(
                "1",
                _problem(net, backend + " backward"),
                "gradaudit",
                "median time",
                seconds(tg.median),
                tg.median,
                "s",
                r,
                ratio(r),
                f"<= {GOAL:g}x",
                r <= GOAL,
                note,
            )
        )
        rec[f"gradaudit {backend}"].update(result)

    rows.append(
        Row(
            "1",
            _problem(net),
            "check_grads (JAX grad of the loss)",
            "median time",
            seconds(base),
            base,
            "s",
            1.0,
            "1x (anchor)",
            "",
            None,
            f"one direction, names nothing; first call {seconds(t['check_grads loss'].first)}",
        )
    )
    cgh = t["check_grads custom_vjp"].median
    rows.append(
        Row(
            "1",
            _problem(net, "numpy backward"),
            "check_grads (backward as custom_vjp)",
            "median time",
            seconds(cgh),
            cgh,
            "s",
            cgh / base,
            ratio(cgh / base),
            "",
            None,
            "one direction, names nothing",
        )
    )

    if not _torch.available():
        out[net.name] = rec
        return
    passed = _torch.gradcheck(net, net.backward_np, fast=True)
    tf = t["torch fast"].median
    rows.append(
        Row(
            "1",
            _problem(net, "numpy backward"),
            "torch gradcheck fast",
            "median time",
            seconds(tf),
            tf,
            "s",
            tf / base,
            ratio(tf / base),
            "",
            None,
            f"{'passes' if passed else 'FAILS'}; one random projection, names nothing",
        )
    )
    rec["torch fast"]["passed"] = passed

    if big:
        fwd = _torch.forward_seconds(net)
        estimate = 2 * net.size * fwd
        if s.torch_slow_budget <= 0:
            rows.append(
                Row(
                    "1",
                    _problem(net, "numpy backward"),
                    "torch gradcheck slow",
                    "time",
                    "not run",
                    None,
                    "s",
                    None,
                    "",
                    "",
                    None,
                    f"budget 0 (--quick); estimate ~{seconds(estimate)} (2P forwards x {seconds(fwd)})",
                )
            )
            rec["torch slow"] = {"run": False, "estimate": estimate}
        else:
            secs, ok, capped = _torch_slow_capped("mlp", s.torch_slow_budget)
            shown = seconds(secs) if secs is not None else capped
            r = None if secs is None else secs / base
            rows.append(
                Row(
                    "1",
                    _problem(net, "numpy backward"),
                    "torch gradcheck slow",
                    "time (one run)",
                    shown,
                    secs,
                    "s",
                    r,
                    ratio(r) if r else f"> {ratio(s.torch_slow_budget / base)}",
                    "",
                    None,
                    f"full Jacobian; estimate ~{seconds(estimate)} (2P forwards x {seconds(fwd)})"
                    + ("" if ok is None else f"; {'passes' if ok else 'FAILS'}"),
                )
            )
            rec["torch slow"] = {
                "seconds": secs,
                "passed": ok,
                "capped_at": None if secs else s.torch_slow_budget,
                "estimate": estimate,
            }
    else:
        passed = _torch.gradcheck(net, net.backward_np, fast=False)
        ts = t["torch slow"].median
        rows.append(
            Row(
                "1",
                _problem(net, "numpy backward"),
                "torch gradcheck slow",
                "median time",
                seconds(ts),
                ts,
                "s",
                ts / base,
                ratio(ts / base),
                "",
                None,
                f"full Jacobian; {'passes' if passed else 'FAILS'}",
            )
        )
        rec["torch slow"]["passed"] = passed
    out[net.name] = rec


def run(s: Settings, rows: list[Row]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    _one_net(nets.mlp(), s, rows, out, big=True)
    _one_net(nets.geeksforgeeks(), s, rows, out, big=False)
    return out
