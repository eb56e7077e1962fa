"""The convention search's report (`gradaudit conventions CASE`): the readings ranked, the
findings each reading explains, the formula rows under each, as text, markdown, html or json."""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

from tabulate import tabulate

from ..core.verdicts import is_finding
from ..judging.claims import fmt_like
from ..judging.conventions import (
    ConventionReport,
    Reading,
    _choices_text,
    _formula_findings,
    _passes,
    _same,
    _verdict_text,
    hints,
)


def _names(rows: list[str], n: int = 4) -> str:
    return ", ".join(rows[:n]) + (f" (+{len(rows) - n} more)" if len(rows) > n else "")


def _closeness(x: float) -> str:
    return "inf" if not math.isfinite(x) else f"{x:.4g}"


def _vs(report: ConventionReport, r: Reading) -> str:
    if r.error:
        return ""
    gained = [row for row in report.findings if row in r.reproduced]
    lost = report.appear(r)
    parts = [f"+{x}" for x in gained] + [f"-{x}" for x in lost]
    return _names(parts) if parts else "same"


Section = tuple[str, list[str], list[list[str]], list[str]]  # heading, headers, body, lines after


def _tables(report: ConventionReport, top: int) -> list[Section]:
    """(heading, headers, body, lines after) per section."""
    sections = [_readings_section(report, top)]
    findings = _findings_section(report)
    if findings is not None:
        sections.append(findings)
    if report.formulas:
        sections.append(_formulas_section(report))
    return sections


def _readings_section(report: ConventionReport, top: int) -> Section:
    """The readings ranked, at most `top`, with what ties and equivalences say, and the best."""
    n = len(report.numbers)
    sw = list(report.switches)
    body = []
    for r in report.readings[:top]:
        note = "default" if r.default else ""
        if r.error:
            note = f"error: {r.error}"
        rank = f"{r.rank}=" if r.tied else str(r.rank)
        body.append(
            [rank]
            + [str(r.choices[s]) for s in sw]
            + [
                f"{r.score}/{n}",
                _closeness(r.closeness),
                f"{len(r.author_reproduced)}/{n}",
                _vs(report, r),
                note,
            ]
        )
    after = _more_readings(report, top) + _ties(report) + _equivalences_text(report) + _best(report)
    if report.unexplained:
        after.append(f"no reading reproduces: {_names(report.unexplained, 12)}")
    after += [f"note: {x}" for x in report.notes]
    heading = "Readings (exact chain at printed precision; closeness: sum of |printed - value| / half a unit)"
    return (
        heading,
        ["rank"] + sw + ["reproduced", "closeness", "author's chain", "vs declared", "note"],
        body,
        after,
    )


def _more_readings(report: ConventionReport, top: int) -> list[str]:
    """The readings beyond the first `top`, counted."""
    after = []
    if len(report.readings) > top:
        after.append(
            f"... {len(report.readings) - top} more readings (ranks {report.readings[top].rank} to "
            f"{report.readings[-1].rank})"
        )
    return after


def _ties(report: ConventionReport) -> list[str]:
    """Ties, unless the equivalences below already name them."""
    sw = list(report.switches)
    after = []
    covered = 0
    for rank in sorted({r.rank for r in report.readings if r.tied and r.error is None}):
        group = [r for r in report.readings if r.rank == rank]
        varying = {s: list(dict.fromkeys(r.choices[s] for r in group)) for s in sw}
        varying = {s: cs for s, cs in varying.items() if len(cs) > 1}
        # A tie between choices a switch's equivalence classes already name is said once, below.
        explained = len(varying) == 1 and any(
            all(c in cls for c in cs) for s, cs in varying.items() for cls in report.equivalent.get(s, [])
        )
        if rank != 1 and explained:
            covered += 1
            continue
        same = all(_same(group[0].values[row], g.values[row]) for g in group[1:] for row in group[0].values)
        what = "identical values for every printed number" if same else "the same score and closeness"
        shown = "; ".join(f"{s}: " + ", ".join(map(str, cs)) for s, cs in varying.items())
        after.append(f"tie at rank {rank}: {len(group)} readings ({shown}) give {what}")
    if covered:
        after.append(f"{covered} more ties, each between choices found equivalent below")
    return after


def _equivalences_text(report: ConventionReport) -> list[str]:
    """Choices of a switch that give identical printed numbers."""
    after = []
    for s, classes in report.equivalent.items():
        shown = "; ".join(" = ".join(map(str, c)) for c in classes if len(c) > 1)
        if len(classes) == 1:
            after.append(f"{s} changes no printed number ({shown} under every other choice)")
        else:
            after.append(f"{s}: {shown} give identical printed numbers under every other choice")
    return after


def _best(report: ConventionReport) -> list[str]:
    """The best reading: what it reproduces, which findings disappear and appear."""
    n = len(report.numbers)
    after = []
    best = report.best
    if not best:
        return after
    b = best[0]
    gone = report.disappear(b)
    tied = (
        f" (tied with {len(best) - 1} other reading{'s' if len(best) > 2 else ''})" if len(best) > 1 else ""
    )
    changed = b.changed(report.default)
    who = "the default reading" if not changed else f"with {_choices_text(changed)}"
    line = (
        f"best: {who}{tied}: {b.score} of {n} printed numbers reproduced; "
        f"{len(gone)} of {len(report.findings)} findings disappear"
    )
    line += f": {_names(gone, 8)}" if gone else ""
    if report.appear(b):
        line += f"; {len(report.appear(b))} appear: {_names(report.appear(b), 8)}"
    after.append(line)
    return after


def _findings_section(report: ConventionReport) -> Section | None:
    """Each finding of the declared reading, with the simplest reading that reproduces it."""
    fbody = []
    for row in report.findings:
        nb = report.number(row)
        hits = report.reproducing(row)
        r = hits[0] if hits else None
        if row in report.declared.author_reproduced:
            by_author = "declared"
        else:
            a = report.reproducing(row, chain="author")
            by_author = _choices_text(a[0].changed(report.default)) if a else "no reading"
        fbody.append(
            [
                row,
                nb.printed.text,
                fmt_like(nb.printed, report.declared.values.get(row)),
                _choices_text(r.changed(report.default)) if r else "no reading",
                fmt_like(nb.printed, r.values[row]) if r else "",
                str(len(hits)),
                by_author,
            ]
        )
    if not fbody:
        return None
    return (
        "Findings of the declared reading, and the simplest reading that reproduces each",
        [
            "row",
            "printed",
            "declared exact",
            "reproduced with",
            "value there",
            "readings",
            "author's chain reproduces it with",
        ],
        fbody,
        [],
    )


def _formulas_section(report: ConventionReport) -> Section:
    """The formula rows under each reading (one switch changed at a time)."""
    base = report.formulas[0]
    found = _formula_findings(report)
    fb = []
    for f in report.formulas:
        if f.error:
            fb.append([f.label, "", "", "", f"error: {f.error}"])
            continue
        total = len(f.verdicts)
        counts = Counter(_verdict_text(v) for v in f.verdicts.values() if is_finding(v[0]))
        gone = [r for r in found if _passes(f, r)]
        new = [r for r, v in f.verdicts.items() if is_finding(v[0]) and _passes(base, r, absent=True)]
        disappear = f"{len(gone)} of {len(found)}" + (f": {_names(gone, 3)}" if gone else "")
        fb.append(
            [
                f.label,
                f"{total - sum(counts.values())}/{total}",
                ", ".join(f"{v} {k}" for k, v in counts.items()) or "none",
                "" if f is base else disappear,
                "" if f is base else _names(new, 3),
            ]
        )
    return (
        f"Formula rows (check_meanings, one switch changed at a time; {report.formula_seconds:.1f} s)",
        ["reading", "ok", "findings", "findings that disappear", "new findings"],  # not a verdict
        fb,
        [],
    )


def _header(report: ConventionReport) -> list[str]:
    sw = "; ".join(
        f"{s}: " + ", ".join(f"{c}*" if c == report.default[s] else str(c) for c in cs)
        for s, cs in report.switches.items()
    )
    evaluated = len(report.readings)
    how = (
        f"a seeded sample of {evaluated} of {report.total} combinations (seed {report.sample_seed}; "
        "the limit is the search's `limit`)"
        if report.sampled
        else f"{evaluated} combinations"
    )
    d = report.declared
    n = len(report.numbers)
    return [
        f"Conventions of {report.case_id} ({report.reference})",
        f"switches (* = default, the reading the text supports): {sw}",
        f"{how} evaluated in {report.seconds:.1f} s; {n} printed numbers",
        f"declared reading (the case as written): {d.score} of {n} reproduced on the exact chain"
        + (f", {d.unknown} unknown" if d.unknown else "")
        + (f"; error: {d.error}" if d.error else ""),
    ]


def render(report: ConventionReport, fmt: str = "text", *, top: int = 24) -> str:
    """The report as text (plain tables), markdown, html or json; at most `top` readings listed."""
    if fmt == "json":
        return json.dumps(report_dict(report), indent=2) + "\n"
    tablefmt = {"text": "simple", "markdown": "github", "html": "html"}.get(fmt)
    if tablefmt is None:
        raise ValueError(f"format should be one of text, markdown, html, json; found {fmt!r}")
    head = _header(report)
    out: list[str] = []
    if fmt == "html":
        out.append(f"<h2>{head[0]}</h2>")
        out += [f"<p>{x}</p>" for x in head[1:]]
    elif fmt == "markdown":
        out.append(f"## {head[0]}\n")
        out += [f"- {x}" for x in head[1:]] + [""]
    else:
        out += head + [""]
    for heading, headers, body, after in _tables(report, top):
        if fmt == "html":
            out.append(f"<h3>{heading}</h3>")
        elif fmt == "markdown":
            out.append(f"### {heading}\n")
        else:
            out.append(heading + ":")
        out.append(tabulate(body, headers=headers, tablefmt=tablefmt, disable_numparse=True))
        if fmt == "html":
            out += [f"<p>{x}</p>" for x in after]
        elif fmt == "markdown":
            out += [""] + [f"- {x}" for x in after]
        else:
            out += after
        out.append("")
    return "\n".join(out)


def _num(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else x


def report_dict(report: ConventionReport) -> dict[str, Any]:
    """The report as JSON-ready data (numbers as numbers, NaN and inf as null)."""

    def reading(r: Reading) -> dict[str, Any]:
        return {
            "choices": r.choices,
            "rank": r.rank,
            "tied": r.tied,
            "default": r.default,
            "reproduced": [n.row for n in report.numbers if n.row in r.reproduced],
            "score": r.score,
            "closeness": _num(r.closeness),
            "unknown": r.unknown,
            "author_reproduced": [n.row for n in report.numbers if n.row in r.author_reproduced],
            "values": {k: _num(v) for k, v in r.values.items()},
            "error": r.error,
        }

    return {
        "case": report.case_id,
        "reference": report.reference,
        "switches": report.switches,
        "default": report.default,
        "combinations": report.total,
        "evaluated": len(report.readings),
        "sampled": report.sampled,
        "seconds": report.seconds,
        "printed": {n.row: n.printed.text for n in report.numbers},
        "declared": reading(report.declared),
        "readings": [reading(r) for r in report.readings],
        "findings": report.findings,
        "unexplained": report.unexplained,
        "equivalent": report.equivalent,
        "formulas": [
            {
                "reading": f.label,
                "changed": f.changed,
                "error": f.error,
                "seconds": f.seconds,
                "verdicts": {k: {"verdict": v[0], "factor": v[1]} for k, v in f.verdicts.items()},
            }
            for f in report.formulas
        ],
        "formula_seconds": report.formula_seconds,
        "hints": hints(report),
        "notes": report.notes,
    }
