"""The HTML report: one self-contained page that reads like an audit.

At the top, the run in one line and a summary with a link to every case; then every row not as
expected ("expected sign, got ok"), each linked to its place; then each case, those that need a
look first. In a case's tables, rows not as expected are red and say so, new findings (an
audit's) are orange, findings the case expects are marked "expected" in grey, and ok rows are
folded away. A finding's chain (the exact and the author's values of the steps it used) opens
with one click. Pictures (`plots`) where looking beats reading: iterations, printed values
along a training run, statements over seeded draws. No scripts, no links outside the page, and
the same bytes on every run.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from typing import Any

import numpy as np

from ..judging.expectations import row_as_expected
from ..judging.rows import Row
from ..judging.runner import CaseResult
from . import plots
from .report import (
    _kind_rows,
    _num,
    _ordered,
    _with_factor,
    case_rank,
    draw_lines,
    expect_cell,
    expected_text,
    failing_draws,
    overall_line,
    reading_order,
    revision_table,
    summary_line,
)

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#222;line-height:1.35}
main{max-width:1200px;margin:0 auto;padding:1em 2em 4em}
h1{margin:.2em 0} h2{margin-top:2em;border-bottom:2px solid #ddd;padding-bottom:.2em}
h3{margin:1.2em 0 .3em;font-size:1.05em}
a{color:#1f5fa8}
.banner{padding:.6em 1em;border-radius:6px;font-size:1.1em;margin:.6em 0 1em}
.banner.bad{background:#fde0e0;border:2px solid #c62828;color:#8e0000}
.banner.good{background:#e3f6e3;border:1px solid #2e7d32;color:#1b5e20}
table{border-collapse:collapse;margin:.4em 0 1em;font-size:13px;width:100%}
th,td{border-bottom:1px solid #e3e3e3;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f5f5f5;border-bottom:2px solid #ccc;white-space:nowrap}
td.num{font-family:ui-monospace,Menlo,Consolas,monospace;text-align:right;white-space:nowrap}
td.q{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:nowrap}
td.v{white-space:nowrap;font-weight:600}
tr.unexpected td{background:#fde0e0} tr.unexpected td.v{color:#b00000}
tr.unexpected td:first-child{border-left:5px solid #c62828}
tr.new-finding td.v{color:#b34700} tr.new-finding td:first-child{border-left:5px solid #ef6c00}
tr.expected-finding td.v{color:#555;font-weight:500}
tr.expected-finding td:first-child{border-left:5px solid #bbb}
tr.passing td.v{color:#2e7d32;font-weight:500}
.tag{display:inline-block;font-size:11px;font-weight:600;padding:0 5px;border-radius:3px;margin-left:4px}
.tag.expected{background:#eee;color:#555} .tag.new{background:#ffe0b2;color:#8a3b00}
.tag.unexpected{background:#c62828;color:#fff}
details{margin:.2em 0} summary{cursor:pointer;color:#1f5fa8}
details.ok-rows>summary{color:#2e7d32}
details.chain table{width:auto;font-size:12px;margin:.3em 0}
.case-meta{color:#555;margin:.2em 0} .summary-line{color:#444;margin:.3em 0 .6em}
.error{color:#c62828}
figure.plot{margin:.6em 0 1.2em;max-width:680px} figure.plot svg{width:100%;height:auto}
figcaption{font-size:12px;color:#444}
pre.draw{background:#f7f7f7;padding:.5em;white-space:pre-wrap;font-size:12px;overflow-wrap:anywhere}
.muted{color:#777}
"""


def _e(x: Any) -> str:
    return html.escape(str(x))


def _anchor(*parts: str) -> str:
    """A fragment id from case and row names: letters, digits, - and _ only (stable, unique
    enough within one report)."""
    return "-".join(re.sub(r"[^A-Za-z0-9_-]", "_", p) for p in parts)


def _row_class(r: Row) -> str:
    """unexpected (expect: said otherwise), new-finding (a finding of an audit, which has no
    expect: yet), expected-finding, or passing."""
    if r.expected_verdict is None and r.is_finding:
        return "new-finding"
    if not row_as_expected(r):
        return "unexpected"
    return "expected-finding" if r.is_finding else "passing"


def _verdict_html(r: Row) -> str:
    got = _e(_with_factor(r))
    cls = _row_class(r)
    if cls == "unexpected":
        want = expected_text(r) or "no finding"
        return f"expected {_e(want)}, got {got}<span class='tag unexpected'>not as expected</span>"
    if cls == "expected-finding":
        return f"{got}<span class='tag expected'>expected</span>"
    if cls == "new-finding":
        return f"{got}<span class='tag new'>new</span>"
    return got


# --------------------------------------------------------------------------------------------
# Chains: the steps a row used, with their exact and author's values


def _steps(res: CaseResult) -> dict[str, tuple]:
    return {t[0]: t for t in res.trace}


def _step_of(quantity: str) -> str:
    return re.split(r"\[|<-", quantity, maxsplit=1)[0]


def _chain_html(r: Row, steps: dict[str, tuple], printed: dict[str, str]) -> str:
    """The inputs the row's step used, each with where the author's chain took it from and its
    exact and author's values; "" when the row is no worksheet step."""
    entry = steps.get(_step_of(r.quantity))
    if entry is None:
        return ""
    name, _label, _inputs, used, exact, author = entry
    body = []
    for arg, how in used:
        s = steps.get(arg)
        where = {"printed": "its printed value", "operand": "the operand printed here", "chain": "chain"}.get(
            how, how
        )
        shown = (
            printed.get(f"{name}<-{arg}")
            if how == "operand"
            else printed.get(arg)
            if how == "printed"
            else ""
        )
        body.append(
            f"<tr><td class='q'>{_e(arg)}</td><td>{_e(where)}</td><td class='num'>{_e(shown or '')}</td>"
            f"<td class='num'>{_e(_num(s[4]) if s else 'given')}</td>"
            f"<td class='num'>{_e(_num(s[5]) if s else '')}</td></tr>"
        )
    body.append(
        f"<tr><td class='q'><b>{_e(name)}</b></td><td>this step</td>"
        f"<td class='num'>{_e(r.printed or '')}</td>"
        f"<td class='num'>{_e(_num(exact))}</td><td class='num'>{_e(_num(author))}</td></tr>"
    )
    return (
        "<details class='chain'><summary>chain</summary><table><tr><th>input</th><th>author's chain "
        "takes</th><th>printed</th><th>exact</th><th>author's chain</th></tr>"
        + "".join(body)
        + "</table></details>"
    )


# --------------------------------------------------------------------------------------------
# Tables


_COLUMNS = {
    "claim": [
        ("quantity", "q", lambda r: r.quantity),
        ("printed", "num", lambda r: r.printed or ""),
        ("exact", "num", lambda r: _num(r.exact)),
        ("author's chain", "num", lambda r: _num(r.author_chain)),
    ],
    "formula": [
        ("quantity", "q", lambda r: r.quantity),
        ("autodiff", "num", lambda r: _num(r.details.get("autodiff"))),
        ("finite diff", "num", lambda r: _num(r.details.get("finite_diff"))),
        ("hand-written", "num", lambda r: _num(r.details.get("hand"))),
        ("max rel err", "num", lambda r: _num(r.rel_error, 3)),
        ("worst index", "q", lambda r: str(r.details["worst_index"]) if r.details.get("worst_index") else ""),
    ],
    "statement": [
        ("statement", "q", lambda r: r.quantity),
        ("claimed", "num", lambda r: r.printed or ""),
        ("value", "num", lambda r: _num(r.exact)),
    ],
}


def _rows_table(res: CaseResult, rows: list[Row], kind: str, chains: bool) -> str:
    cols = _COLUMNS[kind]
    head = "".join(f"<th>{_e(c)}</th>" for c, _, _ in cols) + "<th>verdict</th><th>explanation</th>"
    steps, printed = _steps(res), {r.quantity: r.printed for r in res.rows if r.printed}
    body = []
    for r in rows:
        cells = "".join(f"<td class='{k}'>{_e(get(r))}</td>" for _, k, get in cols)
        chain = _chain_html(r, steps, printed) if chains and r.is_finding else ""
        body.append(
            f"<tr class='{_row_class(r)}' id='{_anchor(res.id, r.quantity)}'>{cells}"
            f"<td class='v'>{_verdict_html(r)}</td><td>{_e(r.explanation)}{chain}</td></tr>"
        )
    return f"<table><tr>{head}</tr>" + "".join(body) + "</table>"


def _kind_section(res: CaseResult, title: str, rows: list[Row], kind: str) -> str:
    if not rows:
        return ""
    ordered = _ordered(rows)
    seen = [r for r in ordered if _row_class(r) != "passing"]
    ok = [r for r in ordered if _row_class(r) == "passing"]
    out = [f"<h3>{_e(title)}</h3>"]
    if seen:
        out.append(_rows_table(res, seen, kind, chains=kind == "claim"))
    if ok:
        noun = "row" if len(ok) == 1 else "rows"
        out.append(
            f"<details class='ok-rows'><summary>{len(ok)} ok {noun}"
            f"{' (everything in this table)' if not seen else ''}</summary>"
            + _rows_table(res, ok, kind, chains=False)
            + "</details>"
        )
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Pictures


_SEQ = re.compile(r"^(?P<stem>.+?)_(?P<k>\d+)(?P<el>\[[\d, ]+\])?$")


def _sequences(res: CaseResult) -> list[tuple[str, list[tuple[int, Row]]]]:
    """Printed numbers of one quantity along a run: rows named `<stem>_<k>` (an element
    `<stem>_<k>[i]` with its own i), at least two k in a row, each computed (through any steps)
    from the one before: `w_2` from `w_1`. Neuron or column indices (delta_3, delta_4; dW_0,
    dW_1) are not: neither is computed from the other."""
    steps = _steps(res)
    groups: dict[str, list[tuple[int, Row]]] = defaultdict(list)
    for r in res.rows:
        if r.kind != "claim" or r.exact is None or np.ndim(r.exact) > 0:
            continue
        m = _SEQ.match(r.quantity)
        if m and f"{m['stem']}_{m['k']}" in steps:
            groups[m["stem"] + (m["el"] or "")].append((int(m["k"]), r))

    def ancestors(name: str, memo: dict[str, set]) -> set:
        if name not in memo:
            memo[name] = set()
            for arg in steps[name][2] if name in steps else ():
                memo[name] |= {arg} | ancestors(arg, memo)
        return memo[name]

    memo: dict[str, set] = {}
    out = []
    for key, members in groups.items():
        members.sort(key=lambda kr: kr[0])
        run = members[:1]
        for prev, cur in zip(members, members[1:]):  # runs of members each computed from the last
            if _step_of(prev[1].quantity) in ancestors(_step_of(cur[1].quantity), memo):
                run.append(cur)
                continue
            if len(run) >= 2:
                out.append((key, run))
            run = [cur]
        if len(run) >= 2:
            out.append((key, run))
    return out


def _pictures(res: CaseResult) -> list[str]:
    figs = []
    base = _anchor("fig", res.id)
    for key, members in _sequences(res):
        figs.append(
            plots.sequence(
                _anchor(base, "seq", key),
                key,
                [k for k, _ in members],
                [float(r.exact) for _, r in members],
                [_printed_value(r) for _, r in members],
                [r.is_finding for _, r in members],
            )
        )
    for r in res.rows:
        s = r.series
        if not s:
            continue
        name = _anchor(base, r.quantity)
        if s["kind"] == "trajectory":
            figs.append(plots.trajectory(name, r.quantity, s, r.verdict))
        elif s["kind"] == "draws":
            figs.append(plots.draws(name, r.quantity, s, r.verdict))
        elif s["kind"] == "starts":
            figs.append(plots.starts(name, r.quantity, s, r.verdict))
    return figs


def _printed_value(r: Row) -> float | None:
    """The printed number as a float (87% is 0.87); None when it is not one number."""
    text = (r.printed or "").strip().rstrip(".")
    try:
        return float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# The page


def _summary(results: list[CaseResult]) -> str:
    ids = {r.id for r in results}
    body = []
    for res in results:
        cls = "unexpected" if case_rank(res) == 0 else ("expected-finding" if res.findings else "passing")
        link = f"<a href='#{_anchor('case', res.id)}'>{_e(res.id)}</a>"
        if res.error:
            body.append(
                f"<tr class='{cls}'><td class='q'>{link}</td><td colspan='3'></td>"
                f"<td class='v'>error</td><td class='error'>{_e(res.error.splitlines()[0])}</td>"
                "<td></td></tr>"
            )
            continue
        claims, formulas, statements = _kind_rows(res)
        found = defaultdict(int)
        for r in res.findings:
            found[_with_factor(r).split(" (")[0]] += 1
        text = ", ".join(f"{n} {v}" for v, n in sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))
        since = (
            f"<a href='#{_anchor('case', res.revises)}'>{_e(res.revises)}</a>"
            if res.revises and res.revises in ids
            else _e(res.revises or "")
        )
        body.append(
            f"<tr class='{cls}'><td class='q'>{link}</td><td class='num'>{len(claims)}</td>"
            f"<td class='num'>{len(formulas)}</td><td class='num'>{len(statements)}</td>"
            f"<td class='v'>{_e(expect_cell(res))}</td><td>{_e(text)}</td><td class='q'>{since}</td></tr>"
        )
    return (
        "<table><tr><th>case</th><th>numbers</th><th>formulas</th><th>statements</th><th>expect</th>"
        "<th>findings</th><th>revises</th></tr>" + "".join(body) + "</table>"
    )


def _unexpected(results: list[CaseResult]) -> str:
    body = []
    for res in reading_order(results):
        for r in _ordered(res.unexpected):
            body.append(
                f"<tr class='unexpected'><td class='q'>"
                f"<a href='#{_anchor('case', res.id)}'>{_e(res.id)}</a></td>"
                f"<td class='q'><a href='#{_anchor(res.id, r.quantity)}'>{_e(r.quantity)}</a></td>"
                f"<td class='v'>{_verdict_html(r)}</td><td>{_e(r.explanation)}</td></tr>"
            )
        for name in res.stale:
            body.append(
                f"<tr class='unexpected'><td class='q'><a href='#{_anchor('case', res.id)}'>{_e(res.id)}</a>"
                f"</td><td class='q'>{_e(name)}</td><td class='v'>stale expectation</td>"
                f"<td>expect: names {_e(name)}, which is no row of the case</td></tr>"
            )
    if not body:
        return ""
    return (
        "<h2 id='not-as-expected'>Not as expected</h2><table><tr><th>case</th><th>row</th><th>verdict</th>"
        "<th>explanation</th></tr>" + "".join(body) + "</table>"
    )


def _case(res: CaseResult, by_id: dict[str, CaseResult]) -> str:
    parts = [f"<section id='{_anchor('case', res.id)}'><h2>{_e(res.id)}: {_e(res.title)}</h2>"]
    meta = f"<code>{_e(res.file)}</code>"
    if res.revises:
        link = (
            f"<a href='#{_anchor('case', res.revises)}'>{_e(res.revises)}</a>"
            if res.revises in by_id
            else _e(res.revises)
        )
        meta += f" · revises {link}"
    parts.append(f"<p class='case-meta'>{meta}</p>")
    if res.error:
        parts.append(
            "".join(f"<p class='error'><b>error:</b> {_e(line)}</p>" for line in res.error.splitlines())
        )
        return "".join(parts) + "</section>"
    parts.append(f"<p class='summary-line'>{_e(summary_line(res))}</p>")
    if res.revises and res.revises in by_id and not by_id[res.revises].error:
        t = revision_table(res, by_id[res.revises], "html")
        if t:
            parts.append(f"<h3>Changed since {_e(res.revises)}</h3>{t}")
    claims, formulas, statements = _kind_rows(res)
    parts.append(_kind_section(res, "Printed numbers", claims, "claim"))
    parts.append(_kind_section(res, "Formulas", formulas, "formula"))
    parts.append(_kind_section(res, "Statements", statements, "statement"))
    for row, failure in failing_draws(res):
        lines = draw_lines(row, failure, None)
        parts.append(
            f"<p>{_e(lines[0])}</p><pre class='draw'>"
            + _e("\n".join(ln.strip() for ln in lines[1:]))
            + "</pre>"
        )
    figs = _pictures(res)
    if figs:
        parts.append("<h3>Pictures</h3>" + "".join(figs))
    return "".join(parts) + "</section>"


def render_html(results: list[CaseResult]) -> str:
    by_id = {r.id: r for r in results}
    n_bad = sum(len(r.unexpected) + len(r.stale) for r in results)
    errors = sum(1 for r in results if r.error)
    if n_bad or errors:
        cases = sum(1 for r in results if case_rank(r) == 0)
        what = []
        if n_bad:
            what.append(f"{n_bad} row(s) not as expected")
        if errors:
            what.append(f"{errors} case(s) with errors")
        banner = (
            f"<div class='banner bad'><b>{_e(' and '.join(what))}</b> in {cases} case(s): "
            f"<a href='#not-as-expected'>see the list</a></div>"
        )
    else:
        banner = "<div class='banner good'>Every verdict as expected.</div>"
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>gradaudit report</title><style>{_CSS}</style></head><body><main>",
        "<h1>gradaudit report</h1>",
        f"<p>{_e(overall_line(results))}</p>",
        banner,
        "<h2 id='summary'>Summary</h2>",
        "<p class='muted'>Cases that need a look come first. Red: not as expected; orange: a new "
        "finding (a case with no expect: yet); grey \u201cexpected\u201d: a finding the case records; "
        "ok rows are folded under each table.</p>",
        _summary(reading_order(results)),
        _unexpected(results),
    ]
    for res in reading_order(results):
        parts.append(_case(res, by_id))
    parts.append("</main></body></html>")
    return "\n".join(p for p in parts if p) + "\n"


def case_html(res: CaseResult) -> str:
    """One case as the report shows it, with the page's style: a notebook's `_repr_html_`."""
    return f"<div class='gradaudit'><style>{_CSS}</style>{_case(res, {res.id: res})}</div>"
