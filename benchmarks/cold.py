"""Item 4: wall time of the seed report, `gradaudit report <the five seed files> --format json`, in
a new process.

The seed report is the 15 cases of the five seed tutorials' files (SEEDS; the tutorials added to
cases/ later do not move this figure, so it stays comparable across the project's history). The
first cold run also counts the XLA programs compiled (`JAX_LOG_COMPILES=1`). Compared with
`python -c "import jax"` in the same run (the floor any JAX tool pays). Every run is a new
process, so JAX's in-memory compile cache starts empty. If the project sets a persistent
compilation cache, it is pointed at a fresh directory (GRADAUDIT_CACHE_DIR) for the cold figure
and at the populated one for the warm figure; otherwise warm is not applicable.
Skipped, with the reason, while the CLI is missing or fails.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._common import Row, Settings, ratio, seconds

ROOT = Path(__file__).resolve().parent.parent
COLD_GOAL, WARM_GOAL = 5.0, 2.5
CACHE_ENV = "GRADAUDIT_CACHE_DIR"  # the CLI keeps its compiled programs there (gradaudit._jax)
SEED_NAMES = ("analyticsvidhya", "devforum", "geeksforgeeks", "medium", "sapiencespace")
SEEDS = [f"cases/{name}.yaml" for name in SEED_NAMES]


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    return time.perf_counter() - t0, proc


def _median_runs(cmd: list[str], env: dict[str, str], n: int, fresh_cache: bool = False) -> list[float]:
    times = []
    for _ in range(n):
        e = dict(env)
        if fresh_cache:
            e[CACHE_ENV] = tempfile.mkdtemp(prefix="gradaudit-bench-cache-")
        t, _ = _run(cmd, e)
        times.append(t)
    return times


def _project_uses_cache() -> bool:
    for path in (ROOT / "checks").rglob("*.py"):  # the engine's layers are subpackages
        text = path.read_text(errors="replace")
        if "compilation_cache" in text:
            return True
    return False


def _default_jobs() -> int | None:
    """How many cases `gradaudit report` runs at a time by default (None: no --jobs option)."""
    try:
        from gradaudit.cli import default_jobs
    except ImportError:
        return None
    return default_jobs()


def _skip(rows: list[Row], reason: str) -> dict[str, Any]:
    rows.append(
        Row(
            "4",
            "gradaudit seed report (new process)",
            "gradaudit",
            "wall time",
            "skipped",
            None,
            "s",
            None,
            "",
            f"<= {COLD_GOAL:g}x import jax",
            None,
            f"skipped: {reason}",
        )
    )
    return {"skipped": reason}


def run(s: Settings, rows: list[Row]) -> dict[str, Any]:
    exe = Path(sys.executable).parent / "gradaudit"
    if not exe.exists():
        return _skip(rows, f"{exe} does not exist")
    env = {k: v for k, v in os.environ.items() if k != CACHE_ENV}
    cmd = [str(exe), "report", *SEEDS, "--format", "json", "--fail-on", "never"]
    uses_cache = _project_uses_cache()

    # The first run checks that the CLI works at all, and is the first cold sample (the files it
    # reads are already in the page cache: this process imported the same jax).
    warm_dir = tempfile.mkdtemp(prefix="gradaudit-bench-cache-") if uses_cache else ""
    first_env = {**env, "JAX_LOG_COMPILES": "1", **({CACHE_ENV: warm_dir} if uses_cache else {})}
    t_first, proc = _run(cmd, first_env)
    compiles = proc.stderr.count("Finished XLA compilation")
    if proc.returncode not in (0, 1):
        last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"
        return _skip(rows, f"`gradaudit report` exited {proc.returncode}: {last[:120]}")
    try:
        report = json.loads(proc.stdout)
        n_cases = len(report.get("cases", []))
        n_rows = sum(len(c.get("rows", [])) for c in report.get("cases", []))
    except (json.JSONDecodeError, AttributeError, TypeError):
        return _skip(rows, "`gradaudit report --format json` did not print a JSON report")

    imp = [sys.executable, "-c", "import jax"]
    base_times = _median_runs(imp, env, max(3, s.report_runs))
    base = statistics.median(base_times)
    cold_times = [t_first] + _median_runs(cmd, env, s.report_runs - 1, fresh_cache=uses_cache)
    cold = statistics.median(cold_times)
    problem = f"gradaudit seed report ({n_cases} cases, {n_rows} rows)"
    out: dict[str, Any] = {
        "import_jax": base_times,
        "cold": cold_times,
        "cases": n_cases,
        "rows": n_rows,
        "persistent_cache": uses_cache,
        "files": SEEDS,
        "compiled_programs": compiles,
        "jobs": _default_jobs(),  # cases run at a time (`gradaudit report --jobs`, its default)
    }
    r = cold / base
    rows.append(
        Row(
            "4",
            problem,
            "gradaudit",
            "wall time, empty compile cache",
            seconds(cold),
            cold,
            "s",
            r,
            ratio(r),
            f"<= {COLD_GOAL:g}x",
            r <= COLD_GOAL,
            f"ratio to `python -c 'import jax'`; median of {len(cold_times)} new processes; "
            f"{compiles} XLA programs compiled; cases {_default_jobs() or 1} at a time (--jobs default)",
        )
    )
    rows.append(
        Row(
            "4",
            "python -c 'import jax'",
            "python",
            "wall time",
            seconds(base),
            base,
            "s",
            1.0,
            "1x (anchor)",
            "",
            None,
            f"median of {len(base_times)} new processes",
        )
    )
    if not uses_cache:
        rows.append(
            Row(
                "4",
                problem,
                "gradaudit",
                "wall time, warm persistent cache",
                "not applicable",
                None,
                "s",
                None,
                "",
                f"<= {WARM_GOAL:g}x",
                None,
                "the project sets no persistent compilation cache",
            )
        )
        out["warm"] = "not applicable"
        return out
    populated = any(Path(warm_dir).iterdir())
    if not populated:
        rows.append(
            Row(
                "4",
                problem,
                "gradaudit",
                "wall time, warm persistent cache",
                "not measured",
                None,
                "s",
                None,
                "",
                f"<= {WARM_GOAL:g}x",
                None,
                f"{CACHE_ENV} was not honoured or nothing was cached; cold figure may include "
                "the project's own cache",
            )
        )
        out["warm"] = "cache directory not honoured"
        return out
    warm_times = _median_runs(cmd, {**env, CACHE_ENV: warm_dir}, s.report_runs)
    warm = statistics.median(warm_times)
    r = warm / base
    rows.append(
        Row(
            "4",
            problem,
            "gradaudit",
            "wall time, warm persistent cache",
            seconds(warm),
            warm,
            "s",
            r,
            ratio(r),
            f"<= {WARM_GOAL:g}x",
            r <= WARM_GOAL,
            "",
        )
    )
    out["warm"] = warm_times
    return out
