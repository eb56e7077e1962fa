"""Fuzz the real CLI end to end (issue 17): `gradaudit report` run in-process through `main(argv)`
on mutations of the real case files in cases/, one mutation kind per file.

Each run must end in a report (exit 0 or 1) or in exit 2 with every error located as
file:line:col, never a traceback, within 60 s. `make test` runs 100 mutations of the cases that
run fastest; `pytest -m fuzz -s` runs 1,000 over most of the corpus and prints the outcomes per
mutation kind. The mutations are seeded (`random.Random(k)`), so a failure is reproducible by its
number.
"""

from __future__ import annotations

import contextlib
import io
import random
import re
import resource
import time
from collections import Counter
from pathlib import Path

import jax
import pytest
from test_fuzz_cases import CHARS, KEYS, VALUES, apply_text, split_cases

from gradaudit.cli import main
from gradaudit.core import verdicts

ROOT = Path(__file__).resolve().parent.parent
CASES = {
    f"{p.stem}_{i}": text
    for p in sorted((ROOT / "cases").glob("*.yaml"))
    for i, text in enumerate(split_cases(p.read_text(encoding="utf-8")))
}
# Cases whose report takes ~0.2 s once compiled (measured with --draws 2), for `make test`.
FAST = [
    "adilce_toy_0",
    "adilce_toy_2",
    "aiprimer_nn_0",
    "analyticsvidhya_4",
    "analyticsvidhya_5",
    "devforum_0",
    "vetea_neurona_0",
]
# The marker run: every case that runs alone within about a second and a half once compiled (the
# rest spend seconds in statements with 1,000+ draws or in a copy's original).
WIDE = FAST + [
    "adilce_toy_1",
    "aiprimer_nn_1",
    "aiprimer_nn_2",
    "analyticsvidhya_1",
    "analyticsvidhya_2",
    "analyticsvidhya_3",
    "deepml_neuron_1",
    "deepml_neuron_2",
    "deepml_neuron_3",  # revises a case of its file: alone, a located error
    "deepml_neuron_7",
    "deepml_neuron_8",
    "geeksforgeeks_0",
    "geoj_cs231n_twolayer_0",
    "kaifeng_bp221_1",
    "medium_0",
    "medium_1",
    "postnetwork_softmax_0",
    "postnetwork_softmax_1",
]
NUMBERS = ["0", "-1", "1e308", "-1e308", "1e-320", "3", "0.5", "1e6", "2147483648", "-0.0", "7"]
DRAWS = ["n: -1", "n: 0", "n: 3", "n: 10001", "seed: -1", "seed: 7", "fixed: [nosuch]", "fixed: []"]
DRAWS += ["scale: 0", "scale: 1e300", "scale: 0.5"]
VERDICT_NAMES = sorted(verdicts.BY_NAME)
_NUMBER = re.compile(r"(?<![\w.])-?\d+(\.\d+)?([eE][+-]?\d+)?(?![\w.])")
KINDS = [
    "del_line",
    "dup_line",
    "swap_lines",
    "indent",
    "value",
    "key",
    "insert",
    "truncate",
    "dup_case",
    "number",
    "rename",
    "list",
    "draws",
    "expect",
]


def mutate(text: str, kind: str, rng: random.Random) -> str:
    """One mutation of `kind`: the loader fuzz's text edits, or edits aimed past the loader (a
    number changed, a name renamed, a scalar made a list, draws settings, an expected verdict)."""
    n = rng.randrange(10**6)
    if kind in ("del_line", "dup_line", "truncate", "dup_case"):
        return apply_text(text, (kind, n))
    if kind == "swap_lines":
        return apply_text(text, (kind, n, rng.randrange(10**6)))
    if kind == "indent":
        return apply_text(text, (kind, n, rng.randint(-4, 4)))
    if kind == "value":
        return apply_text(text, (kind, n, rng.choice(VALUES)))
    if kind == "key":
        return apply_text(text, (kind, n, rng.choice(KEYS)))
    if kind == "insert":
        return apply_text(text, (kind, n, rng.choice(CHARS)))
    lines = text.split("\n")
    if kind == "number":
        spots = [(i, m) for i, ln in enumerate(lines) for m in _NUMBER.finditer(ln.split("#")[0])]
        if spots:
            i, m = rng.choice(spots)
            lines[i] = lines[i][: m.start()] + rng.choice(NUMBERS) + lines[i][m.end() :]
    elif kind in ("rename", "list"):
        keyed = [i for i, ln in enumerate(lines) if re.match(r"^ {4,6}[A-Za-z_]\w*: ", ln)]
        if keyed:
            i = rng.choice(keyed)
            head, value = lines[i].split(": ", 1)
            if kind == "rename":
                lines[i] = (
                    head[: len(head) - len(head.lstrip())]
                    + rng.choice(["nosuch", "y_3", "W1", "eta"])
                    + ": "
                    + value
                )
            else:
                lines[i] = (
                    head + ": " + rng.choice(["[1, 2]", "[[1, 2], [3]]", "[[1, 2], [3, 4]]", "[]", "[0.5]"])
                )
    elif kind == "draws":
        setting = rng.choice(DRAWS)
        at = [i for i, ln in enumerate(lines) if ln.startswith("  draws:")]
        if at:
            lines[at[0]] = "  draws: {" + setting + "}"
        else:
            lines.insert(1, "  draws: {" + setting + "}")
    elif kind == "expect":
        rows = [i for i, ln in enumerate(lines) if re.match(r"^    [\w:\[\],<>@.-]+: [a-z-]+", ln)]
        if rows:
            i = rng.choice(rows)
            lines[i] = lines[i].split(": ", 1)[0] + ": " + rng.choice(VERDICT_NAMES + ["okay"])
    return "\n".join(lines)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz-project")
    (root / "reference").symlink_to(ROOT / "reference", target_is_directory=True)
    (root / "cases").mkdir()
    return root


def run_one(project: Path, k: int, seeds: list[str]) -> tuple[str, str, str | None]:
    """Mutation number `k`: (kind, outcome, failure or None)."""
    rng = random.Random(k)
    kind = KINDS[k % len(KINDS)]
    seed = rng.choice(seeds)
    path = project / "cases" / "fuzz.yaml"
    path.write_text(mutate(CASES[seed], kind, rng), encoding="utf-8", errors="surrogatepass")
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["report", str(path), "--draws", "2"])
    except BaseException as exc:  # noqa: BLE001  (anything escaping main is a failure)
        return kind, "escaped", f"#{k} {kind} on {seed}: {type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - start
    lines = err.getvalue().splitlines()
    where = f"#{k} {kind} on {seed}"
    if seconds > 60:
        return kind, "slow", f"{where}: {seconds:.0f} s"
    if "Traceback" in err.getvalue() or "Traceback" in out.getvalue():
        return kind, "traceback", f"{where}: {err.getvalue()[-500:]}"
    located = re.compile(re.escape(str(path)) + r":\d+:\d+: error: ")
    if code in (0, 1):
        stray = [ln for ln in lines if not ln.startswith("gradaudit: ")]
        return kind, "report", f"{where}: stray stderr {stray[:2]}" if stray else None
    if code == 2:
        unlocated = [
            ln for ln in lines if not located.match(ln) and not ln.startswith("gradaudit: warning: ")
        ]
        if unlocated or not lines:
            return kind, "unlocated", f"{where}: {unlocated[:2] or 'no message'}"
        return kind, "located error", None
    return kind, f"exit {code}", f"{where}: exit {code}"


def fuzz(project: Path, n: int, seeds: list[str]) -> Counter:
    outcomes: Counter = Counter()
    failures = []
    rss_before = peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    jump = 0
    for k in range(n):
        if k and k % 250 == 0:
            # JAX keeps every program it compiled (each mutated structure compiles anew, ~3 MB a
            # case): cleared now and then so the process measures each run, not their sum
            jax.clear_caches()
        kind, outcome, failure = run_one(project, k, seeds)
        outcomes[(kind, outcome)] += 1
        if failure:
            failures.append(failure)
        now = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        jump, peak = max(jump, now - peak), max(peak, now)
    outcomes["peak growth MB"] = (peak - rss_before) // 1024
    outcomes["largest one-run growth MB"] = jump // 1024
    assert not failures, "\n".join(failures[:20])
    assert outcomes["peak growth MB"] < 2048, outcomes  # the bound: 2 GB
    reports = sum(v for key, v in outcomes.items() if isinstance(key, tuple) and key[1] == "report")
    assert reports >= n / 3, outcomes  # most mutations get past the loader
    return outcomes


def show(outcomes: Counter, n: int, seconds: float) -> str:
    rows = [f"\nCLI fuzz: {n} mutations in {seconds:.1f} s"]
    for kind in KINDS:
        rep, err = outcomes[(kind, "report")], outcomes[(kind, "located error")]
        rows.append(f"  {kind:<11} {rep + err:>4}: {rep:>4} report, {err:>4} located error")
    total_rep = sum(v for key, v in outcomes.items() if isinstance(key, tuple) and key[1] == "report")
    rows.append(f"  {'all':<11} {n:>4}: {total_rep:>4} report, {n - total_rep:>4} located error")
    rows.append(
        f"  memory: peak grew {outcomes['peak growth MB']} MB, one run at most "
        f"{outcomes['largest one-run growth MB']} MB"
    )
    return "\n".join(rows)


def test_cli_fuzz_100_mutations(project):
    start = time.perf_counter()
    outcomes = fuzz(project, 100, FAST)
    print(show(outcomes, 100, time.perf_counter() - start))


@pytest.mark.fuzz
def test_cli_fuzz_1000_mutations(project):
    start = time.perf_counter()
    outcomes = fuzz(project, 1000, WIDE)
    print(show(outcomes, 1000, time.perf_counter() - start))
