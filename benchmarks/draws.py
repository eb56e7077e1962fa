"""Item 3: checks per second on tutorial-sized nets.

gradaudit: one `check_gradients(jax.numpy backward, ..., draws=N)` call checks the hand-written
gradient at N + 1 points in one vmapped, jitted call (plus its finite-difference second opinion
at the given point); checks per second = points / median call time.
Anchor: a Python loop of `check_grads(loss, (params,), order=1, modes=["rev"])`, one call per
seeded point around the given one; checks per second = 1 / median time per call.
Goal: gradaudit >= 1000x the loop.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

import jax.numpy as jnp
import numpy as np

from benchmarks import _anchors, nets
from benchmarks._common import Row, Settings, measure, ratio, seconds
from gradaudit import check_gradients

GOAL = 1000.0


def _loop_per_check(net, n: int) -> tuple[float, float]:
    rng = np.random.default_rng(1)
    points = [
        {k: jnp.asarray(v + 0.5 * rng.standard_normal(v.shape)) for k, v in net.params.items()}
        for _ in range(n)
    ]
    f = _anchors.loss_of_params(net)
    _anchors.run_check_grads(f, points[0])  # warm-up
    times = []
    for p in points:
        t0 = time.perf_counter()
        _anchors.run_check_grads(f, p)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), sum(times)


def run(s: Settings, rows: list[Row]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for net in (nets.geeksforgeeks(), nets.net_241()):
        info: dict[str, Any] = {}

        def call(net=net, info=info):
            r = check_gradients(net.backward_jnp, net.loss, net.params, net.x, net.y, draws=s.draws)
            info.update(points=r.points, traced=r.traced, verdicts=r.verdicts)

        t = measure(call, repeats=s.repeats)
        ga_cps = info["points"] / t.median
        per, total = _loop_per_check(net, s.loop_checks)
        cg_cps = 1.0 / per
        r = ga_cps / cg_cps
        bad = {k: v for k, v in info["verdicts"].items() if v != "ok"}
        problem = f"{net.name} (P={net.size})"
        rows.append(
            Row(
                "3",
                problem,
                "gradaudit (vmapped draws)",
                "checks/s",
                f"{ga_cps:,.0f}",
                ga_cps,
                "1/s",
                r,
                ratio(r),
                f">= {GOAL:,.0f}x",
                r >= GOAL,
                f"{info['points']} points in {seconds(t.median)} "
                f"({'vmapped' if info['traced'] else 'LOOP'}); first call {seconds(t.first)}"
                + (f"; FALSE ALARM {bad}" if bad else ""),
            )
        )
        rows.append(
            Row(
                "3",
                problem,
                "check_grads loop",
                "checks/s",
                f"{cg_cps:,.0f}",
                cg_cps,
                "1/s",
                1.0,
                "1x (anchor)",
                "",
                None,
                f"{seconds(per)} per check, {s.loop_checks} seeded points",
            )
        )
        out[net.name] = {
            "gradaudit": {**vars(t), **info, "checks_per_s": ga_cps},
            "check_grads_loop": {
                "per_check": per,
                "total": total,
                "n": s.loop_checks,
                "checks_per_s": cg_cps,
            },
            "ratio": r,
        }
    return out
