"""`python -m benchmarks [--quick] [--only 1,3]`: one table, and the same figures as JSON."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

from tabulate import tabulate

from benchmarks import _torch, cold, detection, draws, localise, scaling, training
from benchmarks._common import HEADERS, Settings, machine_info, seconds

ITEMS = {
    "1": ("localising check of a big backward", localise.run),
    "2": ("detection", detection.run),
    "3": ("random draws", draws.run),
    "4": ("cold report", cold.run),
    "5": ("long training claim", training.run),
    "6": ("time and memory against the number of cases", scaling.run),
}
LATEST = Path(__file__).resolve().parent / "results" / "latest.json"


def _shown(path: Path) -> Path:
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


def _clean(x):
    """JSON numbers only: NaN and inf become null."""
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, dict):
        return {str(k): _clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_clean(v) for v in x]
    return x


def _load():
    try:
        return list(os.getloadavg())
    except OSError:
        return None


def _fmt_load(load) -> str:
    return "n/a" if not load else f"{load[0]:.1f}"


def _busy(start, end, cpus) -> str:
    loads = [x[0] for x in (start, end) if x]
    if cpus and loads and max(loads) > cpus:
        return ": above the CPU count, other processes shared the machine (noisier figures)"
    return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    ap.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 2 repeats, 20 sign flips, no torch slow mode; writes no JSON unless --output",
    )
    ap.add_argument("--only", default="", help="comma-separated items to run (default: all, 1-6)")
    ap.add_argument("--flips", type=int, default=None, help="sign-flip positions in W1 (item 2; default 200)")
    ap.add_argument("--repeats", type=int, default=None, help="timed runs after the warm-up (default 5)")
    ap.add_argument(
        "--torch-slow-budget",
        type=float,
        default=None,
        help="seconds allowed for one torch slow-mode gradcheck on the MLP (default 60; 0 skips it)",
    )
    ap.add_argument(
        "--output",
        type=Path,
        default=None,
        help=f"JSON file to write (default {_shown(LATEST)} on a full run)",
    )
    args = ap.parse_args(argv)

    s = Settings.make(
        args.quick, flips=args.flips, repeats=args.repeats, torch_slow_budget=args.torch_slow_budget
    )
    chosen = [i.strip() for i in args.only.split(",") if i.strip()] or list(ITEMS)
    unknown = [i for i in chosen if i not in ITEMS]
    if unknown:
        ap.error(f"--only: unknown item(s) {unknown}; items are {', '.join(ITEMS)}")

    machine = machine_info(_torch.version())
    torch_line = (
        f"torch {_torch.version()}: included"
        if _torch.available()
        else f"torch: skipped (not importable: {_torch.IMPORT_ERROR})"
    )
    print(
        f"machine: {machine['cpu_count']} CPUs ({machine['cpu']}), {machine['platform']}, "
        f"python {machine['python']}, jax {machine['jax']}; {torch_line}",
        flush=True,
    )

    rows, details, durations = [], {}, {}
    start = time.perf_counter()
    for key in chosen:
        title, fn = ITEMS[key]
        t0 = time.perf_counter()
        print(f"item {key}: {title} ...", file=sys.stderr, flush=True)
        details[key] = fn(s, rows)
        durations[key] = time.perf_counter() - t0
    total = time.perf_counter() - start
    load = _load()
    machine["load_average_at_end"] = load

    print(tabulate([r.cells() for r in rows], headers=HEADERS, tablefmt="github", disable_numparse=True))
    print(
        f"\n{torch_line}. Ratios: item 1 time / check_grads' time; item 3 checks per second / the "
        f"check_grads loop's; item 4 wall time / `import jax`'s; item 6 time of 200 cases / of 20. "
        f"Total {seconds(total)} "
        f"({', '.join(f'item {k} {seconds(v)}' for k, v in durations.items())}). Load average "
        f"(1 min) {_fmt_load(machine['load_average_at_start'])} at start, {_fmt_load(load)} at end "
        f"on {machine['cpu_count']} "
        f"CPUs{_busy(machine['load_average_at_start'], load, machine['cpu_count'])}."
    )

    output = args.output or (None if args.quick else LATEST)
    if output is not None:
        doc = {
            "version": 1,
            "command": "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:]),
            "machine": machine,
            "settings": vars(s),
            "torch": {
                "available": _torch.available(),
                "version": _torch.version(),
                "error": _torch.IMPORT_ERROR,
            },
            "rows": [r.to_json() for r in rows],
            "items": details,
            "seconds": {"total": total, **{f"item {k}": v for k, v in durations.items()}},
        }
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(_clean(doc), indent=1, default=str) + "\n")
        print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
