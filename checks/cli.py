"""`gradaudit`: report, check, list, schema.

Exit 0: every verdict as expected; 1: some not; 2: bad input or usage (2 wins over 1). A
one-line reason goes to stderr (one line per error), never a traceback. Progress goes to stderr
only when it is a terminal.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ._version import __version__
from .core import _jax
from .core.errors import GradauditError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class _BadInput(GradauditError):
    """Bad input or usage: `gradaudit: error: <message>` on stderr, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: exit 2 with one line, like bad input
        raise _BadInput(f"{message} (see '{self.prog} --help')")


def _count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, found {text}")
    return n


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["text", "markdown", "json", "html"], default="text")
    p.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    p.add_argument(
        "--fail-on",
        choices=["findings", "never"],
        default="findings",
        help="findings (default): exit 1 when a verdict is not as expected",
    )
    p.add_argument("--seed", type=_count, default=None, help="seed of the random draws (default: the case's)")
    p.add_argument("--draws", type=_count, default=None, help="random draws per check (default: the case's)")
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
        epilog="exit status: 0 every verdict as expected; 1 some not; 2 bad input or usage (2 wins over 1)",
    )
    parser.add_argument("--version", action="version", version=f"gradaudit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    rep = sub.add_parser("report", help="report every case under PATHS (default: cases/)")
    rep.add_argument("paths", nargs="*", default=["cases"])
    _common(rep)
    rep.add_argument(
        "--update-expect",
        action="store_true",
        help="rewrite the expect: blocks from the current verdicts (review the diff)",
    )
    chk = sub.add_parser("check", help="one case in full: every step with its values")
    chk.add_argument("case_id")
    chk.add_argument("--paths", nargs="*", default=["cases"])
    _common(chk)
    lst = sub.add_parser("list", help="list the cases")
    lst.add_argument("paths", nargs="*", default=["cases"])
    conv = sub.add_parser(
        "conventions", help="which reading (convention switches) reproduces a case's printed numbers"
    )
    conv.add_argument("case_id")
    conv.add_argument("--paths", nargs="*", default=["cases"])
    conv.add_argument("--format", choices=["text", "markdown", "json", "html"], default="text")
    conv.add_argument("--output", metavar="FILE")
    conv.add_argument(
        "--limit",
        type=_count,
        default=4096,
        help="combinations evaluated in full; beyond, a seeded sample (default 4096)",
    )
    conv.add_argument("--no-formulas", action="store_true", help="skip the formula rows (most of the time)")
    conv.add_argument("--seed", type=_count, default=None)
    conv.add_argument("--draws", type=_count, default=None)
    dr = sub.add_parser(
        "draft", help="draft a case from an article's text, binding each printed number to a step"
    )
    dr.add_argument("article")
    dr.add_argument("--reference", required=True, metavar="MODULE:ATTRIBUTE")
    dr.add_argument(
        "--given", metavar="CASE", help="take the given values from this case file (FILE or FILE::ID)"
    )
    dr.add_argument("--output", metavar="FILE", help="write the draft YAML here instead of stdout")
    dr.add_argument("--no-verify", action="store_true", help="do not run the draft once to confirm proposals")
    sch = sub.add_parser("schema", help="JSON Schema of a case file (or, with --report, of the JSON report)")
    sch.add_argument("--report", action="store_true")
    return parser


# --------------------------------------------------------------------------------------------
# Output


def _stdout(text: str) -> None:
    """Write to stdout; a reader that went away (`| head`) is not an error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        try:  # no "Exception ignored" at exit when Python flushes stdout again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
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


def _emit(text: str, output: str | None, fmt: str) -> None:
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise _BadInput(f"cannot write --output {output}: {exc.strerror or exc}") from None
    else:
        _stdout(text)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "markdown" and summary:
        try:
            with open(summary, "a", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise _BadInput(
                f"cannot append to $GITHUB_STEP_SUMMARY ({summary}): {exc.strerror or exc}"
            ) from None


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


def cmd_report(args) -> int:
    from .judging.runner import run_case
    from .output.report import render

    cases, errors = _load(args.paths)
    results = []
    progress = _Progress(len(cases))
    for i, case in enumerate(cases, 1):
        progress.show(i, case.spec.id)
        results.append(run_case(case, draws=args.draws, seed=args.seed))
        if args.conventions:
            _add_convention_hints(case, results[-1])
    progress.done()
    for e in errors:
        _stderr(str(e).splitlines()[0])
    for r in results:
        if r.error:
            _stderr(_one_line(r.error))
    if args.update_expect:
        _update_expect(cases, results)
    results += _error_results(errors)
    _emit(render(results, args.format, color=_use_color(args)), args.output, args.format)
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
    from .judging.conventions import ConventionError, add_hints

    try:
        add_hints(case, result, formulas=formulas)
    except ConventionError as exc:
        _stderr(f"gradaudit: {case.spec.id}: no convention hints: {_one_line(str(exc))}")


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
        result = draft(args.article, args.reference, args.given, verify=not args.no_verify)
    except DraftError as exc:  # its one line, as every bad input
        raise _BadInput(_one_line(str(exc))) from None
    _emit(result.yaml, args.output, "yaml")
    sys.stderr.write(result.summary if result.summary.endswith("\n") else result.summary + "\n")
    return EXIT_OK


def cmd_check(args) -> int:
    from .judging.runner import run_case
    from .output.report import render, steps_table

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
        text = head + render([res], "text", color=_use_color(args))
    else:
        text = render([res], args.format)
    _emit(text, args.output, args.format)
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
