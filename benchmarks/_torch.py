"""torch.autograd.gradcheck on the same problems, when torch is importable (never a dependency).

The hand-written numpy backward is wrapped in a `torch.autograd.Function` (the way a torch user
checks a hand-written backward), so gradcheck judges the same formulas gradaudit does.

Run as `python -m benchmarks._torch slow NET` it times one slow-mode gradcheck in a child
process, so the parent can cap it with a time budget.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import sys
import time

import numpy as np

try:  # torch is optional: the benchmarks run without it
    import torch
except Exception as exc:  # noqa: BLE001  (any import failure means: skip torch)
    torch = None
    IMPORT_ERROR = f"{type(exc).__name__}: {exc}"
else:
    IMPORT_ERROR = None
    # One intra-op thread: these ops are small, and on a shared 2-core machine two OpenMP
    # threads waiting on each other made single forward passes up to 200x slower.
    torch.set_num_threads(1)


def available() -> bool:
    return torch is not None


def version() -> str | None:
    return None if torch is None else torch.__version__


def _torch_loss(net):
    x = torch.from_numpy(net.x)
    y = torch.from_numpy(net.y)
    names = net.names

    if net.kind == "mlp":

        def loss(*ts):
            p = dict(zip(names, ts))
            h = torch.tanh(x @ p["W1"] + p["b1"])
            z = h @ p["W2"] + p["b2"]
            return -(y * torch.log_softmax(z, dim=1)).sum(dim=1).mean()
    else:

        def loss(*ts):
            p = dict(zip(names, ts))
            a1 = x @ p["W1"] + (p["b1"] if "b1" in p else 0.0)
            h = torch.sigmoid(a1)
            a2 = h @ p["W2"] + (p["b2"] if "b2" in p else 0.0)
            o = torch.sigmoid(a2)
            return 0.5 * ((o - y) ** 2).sum()

    return loss


def hand_function(net, backward):
    """`f(*tensors) -> loss` whose backward is the numpy `backward(params, x, y)`."""
    loss = _torch_loss(net)
    names = net.names

    class Hand(torch.autograd.Function):
        @staticmethod
        def forward(ctx, *ts):
            ctx.save_for_backward(*ts)
            return loss(*ts)

        @staticmethod
        def backward(ctx, g):
            p = {n: t.detach().numpy() for n, t in zip(names, ctx.saved_tensors)}
            grads = backward(p, net.x, net.y)
            return tuple(
                g * torch.from_numpy(np.ascontiguousarray(grads[n], dtype=np.float64)) for n in names
            )

    return Hand.apply


def args(net):
    return tuple(torch.from_numpy(net.params[n].copy()).requires_grad_(True) for n in net.names)


@contextlib.contextmanager
def _no_slow_rerun():
    """A failing fast-mode gradcheck recomputes the full Jacobian in slow mode only to print it in
    its error message (minutes on the MLP). The verdict is already known then, so the benchmark
    replaces that re-run with a stub; a torch user pays it on every fast-mode failure."""
    gc = importlib.import_module("torch.autograd.gradcheck")
    original = gc._run_slow_mode_and_get_error
    gc._run_slow_mode_and_get_error = lambda *a, **k: "(slow-mode re-run skipped by the benchmark)"
    try:
        yield
    finally:
        gc._run_slow_mode_and_get_error = original


def gradcheck(net, backward, *, fast: bool) -> bool:
    """True when gradcheck passes; False when it fails or raises (a shape error is a catch)."""
    f = hand_function(net, backward)
    try:
        with _no_slow_rerun():
            return bool(torch.autograd.gradcheck(f, args(net), fast_mode=fast, raise_exception=False))
    except Exception:  # noqa: BLE001  (e.g. a transposed gradient of the wrong shape)
        return False


def forward_seconds(net, repeats: int = 50) -> float:
    """Median time of one forward evaluation: slow mode needs 2 per parameter."""
    loss = _torch_loss(net)
    ts = args(net)
    times = []
    with torch.no_grad():
        loss(*ts)
        for _ in range(repeats):
            t0 = time.perf_counter()
            loss(*ts)
            times.append(time.perf_counter() - t0)
    return float(np.median(times))


def _child(argv: list[str]) -> None:
    from benchmarks import nets

    mode, name = argv
    net = {"mlp": nets.mlp, "geeksforgeeks": nets.geeksforgeeks}[name]()
    f = hand_function(net, net.backward_np)
    a = args(net)
    t0 = time.perf_counter()
    ok = bool(torch.autograd.gradcheck(f, a, fast_mode=(mode == "fast"), raise_exception=False))
    print(json.dumps({"seconds": time.perf_counter() - t0, "passed": ok}))


if __name__ == "__main__":
    _child(sys.argv[1:])
