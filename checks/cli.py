"""`gradaudit`: report, check, list, schema.

Exit 0: every verdict as expected; 1: some not; 2: bad input or usage (2 wins over 1). A
one-line reason goes to stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from checks import _jax

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: exit 2 with one line, like bad input
        self.print_usage(sys.stderr)
        print(f"gradaudit: error: {message}", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["text", "markdown", "json", "html"], default="text")
    p.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    p.add_argument("--fail-on", choices=["findings", "never"], default="findings",
                   help="findings (default): exit 1 when a verdict is not as expected")
    p.add_argument("--seed", type=int, default=None, help="seed of the random draws (default: the case's)")
    p.add_argument("--draws", type=int, default=None, help="random draws per check (default: the case's)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gradaudit", description="Check hand-written backpropagation three ways: "
                     "against JAX autodiff, finite differences, and the numbers a tutorial printed.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    rep = sub.add_parser("report", help="report every case under PATHS (default: cases/)")
    rep.add_argument("paths", nargs="*", default=["cases"])
    _common(rep)
    rep.add_argument("--update-expect", action="store_true",
                     help="rewrite the expect: blocks from the current verdicts (review the diff)")
    chk = sub.add_parser("check", help="one case in full: every step with its values")
    chk.add_argument("case_id")
    chk.add_argument("--paths", nargs="*", default=["cases"])
    _common(chk)
    lst = sub.add_parser("list", help="list the cases")
    lst.add_argument("paths", nargs="*", default=["cases"])
    sch = sub.add_parser("schema", help="JSON Schema of a case file (or, with --report, of the JSON report)")
    sch.add_argument("--report", action="store_true")
    return parser


def _load(paths):
    from checks.cases import load_paths

    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise _BadInput(f"no such file or folder: {', '.join(missing)}")
    return load_paths(list(paths))


class _BadInput(Exception):
    pass


def _progress(i: int, n: int, case_id: str) -> None:
    if sys.stderr.isatty() and n > 1:
        print(f"\r[{i}/{n}] {case_id[:60]:<60}", end="", file=sys.stderr, flush=True)
        if i == n:
            print("\r" + " " * 70 + "\r", end="", file=sys.stderr, flush=True)


def _emit(text: str, output: str | None, fmt: str) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "markdown" and summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(text)


def _error_results(errors):
    from checks.runner import CaseResult

    out = []
    for e in errors:
        out.append(CaseResult(id=e.case_id or f"{e.file}", file=e.file, title="(not loaded)", error=str(e).splitlines()[0]))
    return out


def cmd_report(args) -> int:
    from checks.report import render
    from checks.runner import run_case

    cases, errors = _load(args.paths)
    results = []
    for i, case in enumerate(cases, 1):
        _progress(i, len(cases), case.spec.id)
        results.append(run_case(case, draws=args.draws, seed=args.seed))
    results += _error_results(errors)
    for e in errors:
        print(str(e), file=sys.stderr)
    if args.update_expect:
        _update_expect(cases, results)
    color = args.format == "text" and not args.output and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    _emit(render(results, args.format, color=color), args.output, args.format)
    bad = [r for r in results if r.error]
    for r in bad:
        print(r.error, file=sys.stderr)
    if bad:
        return EXIT_BAD_INPUT
    if args.fail_on == "findings" and not all(r.passed for r in results) and not args.update_expect:
        n = sum(1 for r in results if not r.passed)
        print(f"gradaudit: {n} case(s) not as expected", file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK


def _update_expect(cases, results) -> None:
    from checks.cases import update_expect

    by_file: dict[str, dict[str, dict]] = {}
    for case, res in zip(cases, results):
        if res.error:
            continue
        new = {}
        for r in res.rows:
            default = "holds" if r.kind == "statement" else "ok"
            if r.verdict == default:
                continue
            if r.details.get("factor") and r.verdict in ("scale", "factor"):
                new[r.quantity] = {"verdict": r.verdict, "factor": r.details["factor"]}
            else:
                new[r.quantity] = r.verdict
        by_file.setdefault(case.file, {})[case.spec.id] = new
    for file, new in by_file.items():
        text = update_expect(file, new)
        Path(file).write_text(text, encoding="utf-8")
        print(f"gradaudit: rewrote the expect: blocks of {file}", file=sys.stderr)


def cmd_check(args) -> int:
    from checks.report import render
    from checks.runner import run_case

    cases, errors = _load(args.paths)
    match = [c for c in cases if c.spec.id == args.case_id]
    if not match:
        bad = [e for e in errors if e.case_id == args.case_id]
        if bad:
            raise _BadInput(str(bad[0]).splitlines()[0])
        known = ", ".join(sorted(c.spec.id for c in cases)) or "none"
        raise _BadInput(f"no case {args.case_id!r} (cases: {known})")
    res = run_case(match[0], draws=args.draws, seed=args.seed, trace=True)
    if res.error:
        print(res.error, file=sys.stderr)
        return EXIT_BAD_INPUT
    lines = [_trace(res), ""] if res.trace else []
    color = args.format == "text" and not args.output and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = "\n".join(lines) + render([res], args.format, color=color) if args.format == "text" else render([res], args.format)
    _emit(text, args.output, args.format)
    if args.fail_on == "findings" and not res.passed:
        return EXIT_FINDINGS
    return EXIT_OK


def _trace(res) -> str:
    from tabulate import tabulate

    import numpy as np

    verdicts = {r.quantity: r.verdict for r in res.rows}

    def show(v):
        if v is None:
            return "unknown"
        a = np.asarray(v)
        return f"{float(a):.7g}" if a.ndim == 0 else np.array2string(a, precision=7, separator=", ")

    body = []
    for name, label, inputs, used, exact, author in res.trace:
        src = ", ".join(f"{a}" + ("" if s == "chain" else f" ({s})") for a, s in used)
        claimed = sorted({v for q, v in verdicts.items() if q == name or q.startswith(name + "[")})
        body.append([name if label == name else f"{name} ({label})", src, show(exact), show(author), ", ".join(claimed)])
    return f"Steps of {res.id}, in order:\n" + tabulate(
        body, headers=["step", "inputs (author's chain source)", "exact", "author's chain", "verdict"],
        disable_numparse=True)


def cmd_list(args) -> int:
    from tabulate import tabulate

    cases, errors = _load(args.paths)
    body = [[c.spec.id, c.file, c.spec.reference, len(c.spec.claims), len(c.spec.statements), c.spec.title] for c in cases]
    print(tabulate(body, headers=["case", "file", "reference", "claims", "statements", "title"], disable_numparse=True))
    for e in errors:
        print(str(e), file=sys.stderr)
    return EXIT_BAD_INPUT if errors else EXIT_OK


def cmd_schema(args) -> int:
    if args.report:
        from checks.report import report_json_schema

        schema = report_json_schema()
    else:
        from checks.schema import case_json_schema

        schema = case_json_schema()
    print(json.dumps(schema, indent=2))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    _jax.strict_broadcasting()
    args = build_parser().parse_args(argv)
    handler = {"report": cmd_report, "check": cmd_check, "list": cmd_list, "schema": cmd_schema}[args.command]
    try:
        return handler(args)
    except _BadInput as exc:
        print(f"gradaudit: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("gradaudit: interrupted", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001  (one line, never a traceback)
        print(f"gradaudit: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
