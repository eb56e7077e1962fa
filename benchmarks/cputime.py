"""CPU time of the MLP checks of items 1 and 2, next to `check_grads`: a figure that load moves less.

On a shared machine wall times swing with other work; CPU time (`time.process_time`, every
thread of this process) counts the work a check does. The tools are called in interleaved rounds,
as in item 1; the sign flips are fresh closures, one per call, as in item 2.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python -m benchmarks.cputime [ROUNDS]

(one BLAS thread: under load a multithreaded numpy matmul waits for its second thread, which
moves even CPU time). A measurement, never a test.
"""

from __future__ import annotations

import statistics
import sys
import time

from benchmarks import _anchors, nets
from gradaudit import check_gradients


def main(rounds: int = 11) -> None:
    mlp = nets.mlp()
    g0 = mlp.backward_np(mlp.params, mlp.x, mlp.y)
    flips = iter([nets.flip(mlp.backward_np, "W1", i) for i in nets.flip_positions(g0["W1"], 2 * rounds + 8)])
    pj, anchor = _anchors.jnp_params(mlp), _anchors.loss_of_params(mlp)

    def gradaudit(backward):
        return lambda: check_gradients(backward(), mlp.loss, mlp.params, mlp.x, mlp.y)

    fns = {
        "check_grads": lambda: _anchors.run_check_grads(anchor, pj),
        "numpy": gradaudit(lambda: mlp.backward_np),
        "jax.numpy": gradaudit(lambda: mlp.backward_jnp),
        "W1 x2": gradaudit(lambda: nets.scaled(mlp.backward_np, "W1", 2.0)),
        "fresh sign flip": gradaudit(lambda: next(flips)),
    }
    wall: dict[str, list[float]] = {k: [] for k in fns}
    cpu: dict[str, list[float]] = {k: [] for k in fns}
    for fn in fns.values():  # warm-up: compiles
        fn()
    for _ in range(rounds):
        for k, fn in fns.items():
            w, c = time.perf_counter(), time.process_time()
            fn()
            wall[k].append(time.perf_counter() - w)
            cpu[k].append(time.process_time() - c)
    for name, runs in (("wall", wall), ("cpu ", cpu)):
        med = {k: statistics.median(v) for k, v in runs.items()}
        base = med["check_grads"]
        print(f"{name}: " + ", ".join(f"{k} {1e3 * v:.1f} ms ({v / base:.2f}x)" for k, v in med.items()))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 11)
