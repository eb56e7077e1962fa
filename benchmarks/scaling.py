"""Item 6: time and memory against the number of cases.

`gradaudit report` in a new process over a temporary project holding N copies of the devforum
case (a copy of this repository's reference/ folder beside them), for N = 20 and 200, without the
persistent compile cache (`GRADAUDIT_CACHE_DIR=off`): wall time and the child's peak resident
memory. Two kinds of copies: identical ones, and copies whose given `y` differs per copy (0.5 +
k * 1e-4), so nothing that depends on the values can be shared. Goals: 200 cases at most about
10x the time of 20, and memory that does not grow per case (shown: MB per extra case).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks._common import Row, Settings, ratio, seconds

ROOT = Path(__file__).resolve().parent.parent
COUNTS = (20, 200)
TIME_GOAL = 10.0


def _project(n: int, vary: bool) -> Path:
    d = Path(tempfile.mkdtemp(prefix="gradaudit-bench-scaling-"))
    shutil.copytree(ROOT / "reference", d / "reference")
    (d / "cases").mkdir()
    text = (ROOT / "cases" / "devforum.yaml").read_text()
    body = text[text.index("- id: devforum") :]
    copies = []
    for k in range(n):
        one = body.replace("- id: devforum", f"- id: devforum-{k}", 1)
        if vary:
            one = one.replace("y: 0.5,", f"y: {0.5 + k * 1e-4:.4f},", 1)
        copies.append(one)
    (d / "cases" / "copies.yaml").write_text("\n".join(copies))
    return d


def _peak_mb_of_child(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of `cmd` run in a fresh child process (a fork of a
    small helper, so the peak is the report's own, not this process's)."""
    helper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "dt = time.perf_counter() - t\n"
        "print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, p.returncode)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", helper, *cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=1800
    )
    dt, mb, code = out.stdout.split()
    return float(dt), float(mb), int(code)


def run(s: Settings, rows: list[Row]) -> dict[str, Any]:
    exe = Path(sys.executable).parent / "gradaudit"
    env = {**os.environ, "GRADAUDIT_CACHE_DIR": "off"}
    cmd = [str(exe), "report", "cases/", "--format", "json", "--fail-on", "never"]
    out: dict[str, Any] = {}
    counts = (5, 50) if s.quick else COUNTS
    for vary in (False, True):
        kind = "copies, y varied per copy" if vary else "identical copies"
        got = {}
        for n in counts:
            d = _project(n, vary)
            try:
                got[n] = _peak_mb_of_child(cmd, d, env)
            finally:
                shutil.rmtree(d, ignore_errors=True)
        (t_a, mb_a, _), (t_b, mb_b, _) = got[counts[0]], got[counts[1]]
        r = t_b / t_a
        per_case = (mb_b - mb_a) / (counts[1] - counts[0])
        out[kind] = {str(n): {"seconds": t, "peak_mb": mb, "exit": c} for n, (t, mb, c) in got.items()}
        for n, (t, mb, code) in got.items():
            big = n == counts[1]
            rows.append(
                Row(
                    "6",
                    f"devforum x {n}, {kind}",
                    "gradaudit",
                    "wall time, peak memory",
                    f"{seconds(t)}, {mb:.0f} MB",
                    t,
                    "s",
                    r if big else 1.0,
                    ratio(r) if big else f"1x (anchor, {n} cases)",
                    f"<= {TIME_GOAL:g}x" if big else "",
                    (r <= TIME_GOAL) if big else None,
                    (f"{per_case:+.2f} MB per extra case; " if big else "")
                    + f"no compile cache; exit {code}",
                )
            )
    return out
