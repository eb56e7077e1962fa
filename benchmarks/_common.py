"""Timing, machine description and the result rows shared by every item."""

from __future__ import annotations

import datetime
import os
import platform
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable


@dataclass
class Settings:
    quick: bool = False
    repeats: int = 5  # timed runs after the warm-up; the median is reported (item 1: 3x as many rounds)
    flips: int = 200  # seeded sign-flip positions in W1 (item 2)
    draws: int = 1000  # gradaudit draws in one call (item 3)
    loop_checks: int = 50  # check_grads calls in the Python loop (item 3)
    report_runs: int = 3  # new processes per cold-report figure (item 4)
    torch_slow_budget: float = 60.0  # seconds for one slow-mode gradcheck on the MLP

    @classmethod
    def make(cls, quick: bool, **overrides: Any) -> Settings:
        s = (
            cls(
                quick=True,
                repeats=2,
                flips=20,
                draws=1000,
                loop_checks=10,
                report_runs=1,
                torch_slow_budget=0.0,
            )
            if quick
            else cls()
        )
        for k, v in overrides.items():
            if v is not None:
                setattr(s, k, v)
        return s


@dataclass
class Timing:
    first: float  # the first call in this process (compiles included)
    median: float  # median of the timed calls after the warm-up
    times: list[float] = field(default_factory=list)


def measure(fn: Callable[[], Any], *, repeats: int, min_time: float = 0.3, max_repeats: int = 200) -> Timing:
    """One warm-up call (its time reported as `first`), then at least `repeats` timed calls, more
    while they add up to less than `min_time` (fast calls get enough samples for a median)."""
    t0 = time.perf_counter()
    fn()
    first = time.perf_counter() - t0
    times: list[float] = []
    while len(times) < repeats or (sum(times) < min_time and len(times) < max_repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return Timing(first, statistics.median(times), times)


def measure_interleaved(fns: dict[str, Callable[[], Any]], *, rounds: int) -> dict[str, Timing]:
    """Each function once as a warm-up, then `rounds` rounds calling each once in turn: on a
    shared machine, load that comes and goes then hits every tool alike, so ratios hold."""
    first: dict[str, float] = {}
    times: dict[str, list[float]] = {k: [] for k in fns}
    for k, fn in fns.items():
        t0 = time.perf_counter()
        fn()
        first[k] = time.perf_counter() - t0
    for _ in range(rounds):
        for k, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t0)
    return {k: Timing(first[k], statistics.median(times[k]), times[k]) for k in fns}


def seconds(t: float | None) -> str:
    if t is None:
        return "n/a"
    if t >= 3600:
        return f"{t / 3600:.1f} h"
    if t >= 120:
        return f"{t / 60:.1f} min"
    if t >= 1:
        return f"{t:.2f} s"
    if t >= 1e-3:
        return f"{t * 1e3:.1f} ms"
    return f"{t * 1e6:.0f} us"


def ratio(r: float | None) -> str:
    if r is None:
        return ""
    if r >= 100:
        return f"{r:,.0f}x"
    return f"{r:.2g}x" if r < 10 else f"{r:.1f}x"


@dataclass
class Row:
    """One line of the table; `value` and `ratio` are the raw numbers the JSON keeps."""

    item: str
    problem: str
    tool: str
    figure: str
    shown: str
    value: float | None = None
    unit: str = ""
    ratio: float | None = None
    ratio_shown: str = ""
    goal: str = ""
    met: bool | None = None
    note: str = ""

    def cells(self) -> list[str]:
        goal = self.goal
        if self.met is not None:
            goal += " met" if self.met else " MISSED"
        return [
            self.item,
            self.problem,
            self.tool,
            self.figure,
            self.shown,
            self.ratio_shown,
            goal.strip(),
            self.note,
        ]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


HEADERS = ["item", "problem", "tool", "figure", "value", "ratio", "goal", "note"]


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_info(torch_version: str | None) -> dict[str, Any]:
    import jax
    import jaxlib
    import numpy

    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "cpu": _cpu_model(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "jax": jax.__version__,
        "jaxlib": jaxlib.__version__,
        "numpy": numpy.__version__,
        "torch": torch_version,
        "jax_backend": jax.default_backend(),
        "load_average_at_start": load,
    }
