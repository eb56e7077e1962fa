"""`gradaudit`: report, check, list, schema.

Exit 0: every verdict as expected; 1: some not; 2: bad input or usage (2 wins over 1). A
one-line reason goes to stderr (one line per error), never a traceback. Progress goes to stderr
only when it is a terminal.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from pathlib import Path

from ._version import __version__
from .core import _jax
from .core.errors import GradauditError
from .loading.limits import MAX_CONVENTION_LIMIT, MAX_DRAWS, MAX_SEED

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
_EXIT_CODES = (
    "exit status: 0 every verdict as expected; 1 some not (see --fail-on); 2 bad input or usage "
    "(2 wins over 1)"
)
_CI = (
    "In CI: with $GITHUB_STEP_SUMMARY set, a markdown summary is appended to it whatever --format "
    "is; with GITHUB_ACTIONS set, every row not as expected is also an ::error annotation on stderr "
    "at its line of the case file."
)


class _BadInput(GradauditError):
    """Bad input or usage: `gradaudit: error: <message>` on stderr, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: exit 2 with one line, like bad input
        raise _BadInput(f"{message} (see '{self.prog} --help')")


def _count(text: str, most: int | None = None) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, found {text}")
    if most is not None and n > most:
        raise argparse.ArgumentTypeError(f"expected a whole number of at most {most:,}, found {text}")
    return n


def _at_most(most: int):
    """An argparse type: a whole number from 0 to `most` (the ceilings of gradaudit.loading.limits)."""

    def parse(text: str) -> int:
        return _count(text, most)

    parse.__name__ = "count"
    return parse


MAX_DEFAULT_JOBS = 4


def default_jobs() -> int:
    """`report --jobs`' default: the CPUs this process may use, at most MAX_DEFAULT_JOBS (XLA
    compiles and runs outside Python's lock, so cases overlap on as many cores)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_DEFAULT_JOBS))


def _at_least_one(text: str) -> int:
    n = _count(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, found {text}")
    return n


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=["text", "markdown", "json", "html"],
        default="text",
        help="text (default; wrapped to COLUMNS, else the terminal, else 100), markdown, json (every "
        "row in full, file order: the contract) or html (one self-contained page with pictures)",
    )
    p.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    p.add_argument(
        "--fail-on",
        choices=["findings", "never"],
        default="findings",
        help="findings (default): exit 1 when a verdict is not as expected",
    )
    p.add_argument(
        "--seed", type=_at_most(MAX_SEED), default=None, help="seed of the random draws (default: the case's)"
    )
    p.add_argument(
        "--draws",
        type=_at_most(MAX_DRAWS),
        default=None,
        help=f"random draws per check, at most {MAX_DRAWS:,} (default: the case's)",
    )
    p.add_argument(
        "--conventions",
        action="store_true",
        help="add a convention hint to each finding another declared reading explains",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gradaudit",
        description="Check hand-written backpropagation three ways: "
        "against JAX autodiff, finite differences, and the numbers a tutorial printed.",
        epilog=_EXIT_CODES,
    )
    parser.add_argument("--version", action="version", version=f"gradaudit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _report_and_check(sub)
    _other_commands(sub)
    return parser


def _report_and_check(sub) -> None:
    """The `report` and `check` subcommands (the reports; options shared by `_common`)."""
    rep = sub.add_parser(
        "report",
        help="report every case under PATHS (default: cases/)",
        description="Run every case and report it: the run's summary first, then the rows not as "
        "expected, then each case's findings and the rest. " + _CI,
        epilog=_EXIT_CODES,
    )
    rep.add_argument(
        "paths", nargs="*", default=["cases"], metavar="PATH", help="case files or folders (default: cases/)"
    )
    _common(rep)
    rep.add_argument(
        "--findings-only",
        action="store_true",
        help="text and markdown: leave out ok rows and the cases that have nothing else",
    )
    rep.add_argument(
        "--jobs",
        type=_at_least_one,
        default=None,
        metavar="N",
        help=f"cases run at the same time, in processes (default {default_jobs()}: the CPUs, at most "
        f"{MAX_DEFAULT_JOBS}); the report is the same whatever N",
    )
    rep.add_argument(
        "--update-expect",
        action="store_true",
        help="rewrite the expect: rows whose verdict changed (a passing file is left as it is; "
        "review the diff)",
    )
    chk = sub.add_parser(
        "check",
        help="one case in full: every step with its values",
        description="One case in full: every step of its worksheet in order, then its report. " + _CI,
        epilog=_EXIT_CODES,
    )
    chk.add_argument("case_id", metavar="CASE_ID", help="the case's id (gradaudit list shows them)")
    chk.add_argument("--paths", nargs="*", default=["cases"], metavar="PATH", help="where to look for it")
    _common(chk)


def _other_commands(sub) -> None:
    """`list`, `conventions`, `draft` and `schema`."""
    lst = sub.add_parser(
        "list", help="list the cases", epilog="exit status: 0; 2 when a case file has errors"
    )
    lst.add_argument(
        "paths", nargs="*", default=["cases"], metavar="PATH", help="case files or folders (default: cases/)"
    )
    conv = sub.add_parser(
        "conventions", help="which reading (convention switches) reproduces a case's printed numbers"
    )
    conv.add_argument("case_id", metavar="CASE_ID", help="the case's id (gradaudit list shows them)")
    conv.add_argument("--paths", nargs="*", default=["cases"], metavar="PATH", help="where to look for it")
    conv.add_argument("--format", choices=["text", "markdown", "json", "html"], default="text")
    conv.add_argument("--output", metavar="FILE")
    conv.add_argument(
        "--limit",
        type=_at_most(MAX_CONVENTION_LIMIT),
        default=4096,
        help="combinations evaluated in full; beyond, a seeded sample (default 4096)",
    )
    conv.add_argument("--no-formulas", action="store_true", help="skip the formula rows (most of the time)")
    conv.add_argument("--seed", type=_at_most(MAX_SEED), default=None)
    conv.add_argument("--draws", type=_at_most(MAX_DRAWS), default=None)
    dr = sub.add_parser(
        "draft", help="draft a case from an article's text, binding each printed number to a step"
    )
    dr.add_argument(
        "article", metavar="ARTICLE", help="the article (UTF-8 text, Markdown, HTML, or a .ipynb notebook)"
    )
    which = dr.add_mutually_exclusive_group(required=True)
    which.add_argument("--reference", metavar="MODULE:ATTRIBUTE", help="the worksheet numbers bind to")
    which.add_argument(
        "--network",
        metavar="NETWORK.yaml",
        help="a built-in network instead (gradaudit.nets:dense): the same block as a case's network:",
    )
    dr.add_argument(
        "--given", metavar="CASE", help="take the given values from this case file (FILE or FILE::ID)"
    )
    dr.add_argument("--output", metavar="FILE", help="write the draft YAML here instead of stdout")
    dr.add_argument("--no-verify", action="store_true", help="do not run the draft once to confirm proposals")
    dr.add_argument(
        "--lines", metavar="A-B", help="read only these lines (one example of several); default: the best fit"
    )
    sch = sub.add_parser("schema", help="JSON Schema of a case file (or, with --report, of the JSON report)")
    sch.add_argument("--report", action="store_true")


# --------------------------------------------------------------------------------------------
# Output


def _stdout(text: str) -> None:
    """Write to stdout; a reader that went away (`| head`) is not an error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    except OSError as exc:  # a full disk (> /dev/full): one line, not a traceback at exit
        _quiet_stdout()
        raise _BadInput(f"cannot write the report to stdout: {exc.strerror or exc}") from None


def _quiet_stdout() -> None:
    """No "Exception ignored" at exit when Python flushes stdout again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _one_line(text: str) -> str:
    return text.splitlines()[0] if text.strip() else text


def _use_color(args) -> bool:
    """Colour only for text on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return (
        args.format == "text" and not args.output and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )


class _Progress:
    """`[i/n] case` on stderr while cases run, only when stderr is a terminal."""

    def __init__(self, n: int):
        self.on = n > 1 and sys.stderr.isatty()
        self.n = n

    def show(self, i: int, case_id: str) -> None:
        if self.on:
            print(f"\r[{i}/{self.n}] {case_id[:60]:<60}", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.on:
            print("\r" + " " * 70 + "\r", end="", file=sys.stderr, flush=True)


def _emit(text: str, output: str | None, fmt: str, step_summary: str | None = None) -> None:
    """The report to --output or stdout; to $GITHUB_STEP_SUMMARY, `step_summary` if given (any
    format), else the report itself when it is markdown."""
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise _BadInput(f"cannot write --output {output}: {exc.strerror or exc}") from None
    else:
        _stdout(text)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary is None and fmt == "markdown":
        step_summary = text
    if summary and step_summary:
        try:
            with open(summary, "a", encoding="utf-8") as fh:
                fh.write(step_summary)
        except OSError as exc:  # the report itself is out: one warning, and the run goes on
            _stderr(
                f"gradaudit: warning: cannot append to $GITHUB_STEP_SUMMARY ({summary}): "
                f"{exc.strerror or exc}; the job summary is left out"
            )


# --------------------------------------------------------------------------------------------
# Commands


def _load(paths):
    from .loading.cases import load_paths

    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise _BadInput(f"no such file or folder: {', '.join(missing)}")
    return load_paths(list(paths))


def _error_results(errors):
    """One error row per case (or per file, for a file that is not YAML), every error a line."""
    from .judging.runner import CaseResult

    groups: dict[tuple[str, str | None], list[str]] = {}
    for e in errors:
        groups.setdefault((e.file, e.case_id), []).append(str(e).splitlines()[0])
    return [
        CaseResult(id=case_id or file, file=file, title="(not loaded)", error="\n".join(lines))
        for (file, case_id), lines in groups.items()
    ]


def _annotate(cases, results) -> None:
    """GitHub annotations for rows not as expected, on stderr, only under GitHub Actions."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return
    from .output.ci import annotations

    for line in annotations(cases, results):
        _stderr(line)


def _run_cases(cases, args) -> list:
    """Every case's result, in case order, `args.jobs` cases at a time, in forked processes (or
    on threads, where a process cannot fork: JAX already running): the report is the same
    whatever the number (each case's values and verdicts depend on that case alone; the shared
    caches hold compiled programs only). Progress shows the case waited for, in order, and a
    case's convention-hint message is printed when its turn comes."""
    from concurrent.futures import ThreadPoolExecutor

    from .judging.runner import run_case

    def one(case):
        with _jax.precise(), _jax.compile_cache():  # again in each thread: JAX's settings are thread-local
            # the HTML report shows each finding's chain: the steps' values, from the trace
            result = run_case(case, draws=args.draws, seed=args.seed, trace=args.format == "html")
            note = _convention_hints(case, result) if args.conventions else None
        return result, note

    jobs = min(args.jobs or default_jobs(), len(cases))
    progress = _Progress(len(cases))
    if jobs > 1 and _can_fork():
        return _run_forked(cases, one, jobs, progress)
    results = []
    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="gradaudit") if jobs > 1 else _Serial()
    try:
        futures = [pool.submit(one, case) for case in cases]
        for i, (case, future) in enumerate(zip(cases, futures), 1):
            progress.show(i, case.spec.id)
            result, note = future.result()
            if note:
                _stderr(note)
            results.append(result)
    finally:  # an interrupt (Ctrl-C) or an error: the cases not started yet never start
        pool.shutdown(wait=True, cancel_futures=True)
    progress.done()
    return results


def _can_fork() -> bool:
    """Whether cases may run in forked processes: on Linux (macOS's system libraries are not
    safe to fork without exec, Windows has no fork), in a process with no other thread, before
    JAX has started its backend (threads do not survive a fork; nothing has run yet when the
    report starts, unless a module imported before computed something). `GRADAUDIT_FORK=off`
    keeps the threads (to compare the two)."""
    import threading

    if not sys.platform.startswith("linux") or os.environ.get("GRADAUDIT_FORK", "").strip().lower() in (
        "off",
        "0",
        "no",
    ):
        return False
    from jax._src import xla_bridge

    return threading.active_count() == 1 and not xla_bridge.backends_are_initialized()


def _run_forked(cases, one, jobs: int, progress) -> list:
    """`jobs` forked processes take cases from one queue of tickets until it is empty, and send
    each (index, result, convention note) back as it is done; this process shows the progress of
    the case waited for, in order. Tracing, numpy evaluation and the statements' own work hold
    Python's lock, so threads run them one at a time; processes run them on every core. A case a
    fork did not send back (it failed or was killed) is run here, so its error shows as in one
    process. The results are put back in case order: the report is the same bytes whatever
    `jobs`."""
    import struct

    tickets_r, tickets_w = os.pipe()
    os.write(tickets_w, b"".join(struct.pack("<i", i) for i in range(len(cases))))
    os.close(tickets_w)
    sys.stdout.flush()
    sys.stderr.flush()
    children: dict[int, int] = {}  # pipe -> pid
    outcomes: dict[int, tuple] = {}
    try:
        for _ in range(jobs):
            out_r, out_w = os.pipe()
            pid = os.fork()
            if pid == 0:  # a fork: run cases and send them back; leave without any cleanup of ours
                code = 1
                try:
                    os.close(out_r)
                    _work(cases, one, tickets_r, out_w)
                    code = 0
                finally:
                    os._exit(code)
            os.close(out_w)
            children[out_r] = pid
        _collect(cases, children, outcomes, progress)
    finally:  # an interrupt or an error here: no fork outlives the report
        for fd, pid in children.items():
            _end(pid, fd)
        os.close(tickets_r)
    return _in_order(cases, outcomes, one, progress)


def _work(cases, one, tickets_r: int, out_w: int) -> None:
    """A fork's loop: each case of the queue run and sent back whole (length, then pickle)."""
    import pickle
    import struct

    with os.fdopen(out_w, "wb") as fh:
        for i in _tickets(tickets_r):
            data = pickle.dumps((i, *one(cases[i])), protocol=pickle.HIGHEST_PROTOCOL)
            fh.write(struct.pack("<q", len(data)) + data)
            fh.flush()


def _collect(cases, children: dict[int, int], outcomes: dict, progress) -> None:
    """Read the forks' results as they come until every fork is done (and reaped)."""
    import pickle
    import select
    import struct

    buffers = {fd: b"" for fd in children}
    waiting = 0
    progress.show(1, cases[0].spec.id)
    while buffers:
        for fd in select.select(list(buffers), [], [])[0]:
            chunk = os.read(fd, 1 << 20)
            if not chunk:  # the fork is done (or died: what it did not send runs here)
                del buffers[fd]
                os.close(fd)
                os.waitpid(children.pop(fd), 0)
                continue
            buf = buffers[fd] + chunk
            while len(buf) >= 8 and len(buf) >= 8 + (size := struct.unpack("<q", buf[:8])[0]):
                i, result, note = pickle.loads(buf[8 : 8 + size])
                outcomes[i] = (result, note)
                buf = buf[8 + size :]
            buffers[fd] = buf
        while waiting < len(cases) - 1 and waiting in outcomes:
            waiting += 1
            progress.show(waiting + 1, cases[waiting].spec.id)


def _tickets(fd: int):
    """Case indices from the queue shared by the processes (reads of 4 bytes from a pipe are
    whole: every ticket was written before the first fork)."""
    import struct

    while len(chunk := os.read(fd, 4)) == 4:
        yield struct.unpack("<i", chunk)[0]


def _end(pid: int, fd: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
    try:
        os.close(fd)
    except OSError:
        pass


def _in_order(cases, outcomes: dict, one, progress) -> list:
    """The results in case order, each convention note printed when its case's turn comes."""
    results = []
    for i, case in enumerate(cases):
        result, note = outcomes[i] if i in outcomes else one(case)
        if note:
            _stderr(note)
        results.append(result)
    progress.done()
    return results


class _Serial:
    """A pool of one that runs each case when its result is asked for (in the calling thread)."""

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        return None

    def submit(self, fn, *args):
        return _Later(fn, args)


class _Later:
    def __init__(self, fn, args):
        self._call = (fn, args)

    def result(self):
        fn, args = self._call
        return fn(*args)


def cmd_report(args) -> int:
    from .output.report import render, step_summary

    cases, errors = _load(args.paths)
    if not cases and not errors:  # an empty report would read as "all as expected"
        where = ", ".join(args.paths)
        files = [p for p in args.paths if not Path(p).is_dir()] + [
            f
            for p in args.paths
            if Path(p).is_dir()
            for f in Path(p).iterdir()
            if f.suffix in (".yaml", ".yml")
        ]
        if not files:
            raise _BadInput(f"no case files (*.yaml, *.yml) in {where}: nothing to report")
        raise _BadInput(f"the case files in {where} hold no cases: nothing to report")
    results = _run_cases(cases, args)
    for e in errors:
        _stderr(str(e).splitlines()[0])
    for r in results:
        if r.error:
            _stderr(_one_line(r.error))
    if args.update_expect:
        _update_expect(cases, results)
    results += _error_results(errors)
    text = render(results, args.format, color=_use_color(args), findings_only=args.findings_only)
    _emit(text, args.output, args.format, step_summary(results))
    _annotate(cases, results)
    if any(r.error for r in results):
        return EXIT_BAD_INPUT
    failed = [r for r in results if not r.passed]
    if failed and args.fail_on == "findings" and not args.update_expect:
        _stderr(
            f"gradaudit: {len(failed)} of {len(results)} case(s) not as expected: "
            + ", ".join(r.id for r in failed)
        )
        return EXIT_FINDINGS
    return EXIT_OK


def _update_expect(cases, results) -> None:
    from .judging.expectations import rewrite_expectations

    for file in rewrite_expectations(cases, results):
        _stderr(f"gradaudit: rewrote the expect: blocks of {file} (review the diff)")


def _add_convention_hints(case, result, formulas: bool = False) -> None:
    note = _convention_hints(case, result, formulas)
    if note:
        _stderr(note)


def _convention_hints(case, result, formulas: bool = False) -> str | None:
    """Add a convention search's hints to `result`; the line to print when there are none to add."""
    from .judging.conventions import ConventionError, add_hints

    try:
        add_hints(case, result, formulas=formulas)
    except ConventionError as exc:
        return f"gradaudit: {case.spec.id}: no convention hints: {_one_line(str(exc))}"
    return None


def _find_case(args):
    """The case named on the command line; None (errors printed) when it failed to load."""
    cases, errors = _load(args.paths)
    match = [c for c in cases if c.spec.id == args.case_id]
    if not match:
        bad = [e for e in errors if e.case_id == args.case_id]
        if bad:
            for e in bad:
                _stderr(str(e).splitlines()[0])
            return None
        known = ", ".join(sorted(c.spec.id for c in cases)) or "none"
        raise _BadInput(f"no case {args.case_id!r} under {' '.join(args.paths)} (cases: {known})")
    return match[0]


def cmd_conventions(args) -> int:
    """Informational: exit 0 whatever the ranking; 2 when the search cannot run."""
    from .judging.conventions import search
    from .output.conventions_report import render

    case = _find_case(args)
    if case is None:
        return EXIT_BAD_INPUT
    report = search(case, limit=args.limit, formulas=not args.no_formulas, draws=args.draws, seed=args.seed)
    _emit(render(report, args.format), args.output, args.format)
    return EXIT_OK


def cmd_draft(args) -> int:
    """The draft YAML on stdout (or --output), its summary on stderr; exit 0, or 2 on bad input."""
    from .draft import DraftError, draft

    if not Path(args.article).is_file():
        raise _BadInput(f"no such article: {args.article}")
    try:
        result = draft(
            args.article,
            args.reference,
            args.given,
            verify=not args.no_verify,
            network=args.network,
            lines=args.lines,
        )
    except DraftError as exc:  # its one line, as every bad input
        raise _BadInput(_one_line(str(exc))) from None
    _emit(result.yaml, args.output, "yaml")
    sys.stderr.write(result.summary if result.summary.endswith("\n") else result.summary + "\n")
    return EXIT_OK


def cmd_check(args) -> int:
    from .judging.runner import run_case
    from .output.report import render, render_text, step_summary, steps_table

    case = _find_case(args)
    if case is None:
        return EXIT_BAD_INPUT
    res = run_case(case, draws=args.draws, seed=args.seed, trace=True)
    if args.conventions:  # one case in full: the formula side too (one check per switch change)
        _add_convention_hints(case, res, formulas=True)
    if res.error:
        _stderr(_one_line(res.error))
        return EXIT_BAD_INPUT
    if args.format == "text":
        head = steps_table(case, res) + "\n\n" if res.trace else ""
        text = head + render_text([res], color=_use_color(args), summary=False)  # one case: its own line
    else:
        text = render([res], args.format)
    _emit(text, args.output, args.format, step_summary([res]))
    _annotate([case], [res])
    if not res.passed and args.fail_on == "findings":
        n = len(res.unexpected) + len(res.stale)
        _stderr(f"gradaudit: case {res.id}: {n} row(s) not as expected")
        return EXIT_FINDINGS
    return EXIT_OK


def cmd_list(args) -> int:
    from .output.report import case_list_table

    cases, errors = _load(args.paths)
    _stdout(case_list_table(cases) + "\n")
    for e in errors:
        _stderr(str(e).splitlines()[0])
    return EXIT_BAD_INPUT if errors else EXIT_OK


def cmd_schema(args) -> int:
    if args.report:
        from .output.report import report_json_schema

        schema = report_json_schema()
    else:
        from .loading.schema import case_json_schema

        schema = case_json_schema()
    _stdout(json.dumps(schema, indent=2) + "\n")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    cache = _jax.cache_dir()
    if cache is not None and not _jax.cache_writable(str(cache)):  # said once, not per program
        _stderr(f"gradaudit: warning: the compile cache {cache} is not writable; compiles are not kept")
    handlers = {
        "report": cmd_report,
        "check": cmd_check,
        "list": cmd_list,
        "schema": cmd_schema,
        "conventions": cmd_conventions,
        "draft": cmd_draft,
    }
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:  # --help
            return exc.code if isinstance(exc.code, int) else EXIT_OK
        with _jax.precise(), _jax.compile_cache():
            return handlers[args.command](args)
    except GradauditError as exc:  # bad input or usage: one line, no traceback
        _stderr(f"gradaudit: error: {_one_line(str(exc))}")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        _stderr("gradaudit: interrupted")
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001  (one line, never a traceback)
        _stderr(f"gradaudit: error: {type(exc).__name__}: {_one_line(str(exc))}")
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
