"""Writing the draft: the YAML case with a comment per binding, and the summary."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..core.vocab import Worksheet
from .numbers import SKIP_KINDS, _comment, _excerpt
from .result import DraftResult, Outcome


def _yaml_scalar(text: str) -> str:
    """A printed number as YAML: plain when YAML reads it back as that number, else quoted."""
    t = text.replace("\u2212", "-")
    if re.fullmatch(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?", t) and not re.fullmatch(r"-?0\d+", t):
        if re.fullmatch(r"-?\d+\.?\d*[eE][-+]?\d+", t) and "." not in t:
            return json.dumps(t)
        return t
    return json.dumps(t, ensure_ascii=False)


def _yaml_value(v: Any, text: str | None = None) -> str:
    if text is not None:
        return _yaml_scalar(text) if not isinstance(v, (list, type(None))) else text
    if v is None:
        return "null"
    if isinstance(v, list):
        return "[" + ", ".join(_yaml_value(x) for x in v) + "]"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    return repr(float(v))


def _case_id(article: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", article.stem).strip("-.") or "article"
    return f"draft-{stem}"


def _title(lines: list[str]) -> str:
    for line in lines:
        s = line.strip().lstrip("#").strip()
        if s:
            return _comment(s, 100)
    return "untitled"


def _render(ctx: dict, proposals: dict[str, tuple[str, str | None, str]], dropped: list[str]) -> str:
    out = _header(ctx) + _given_lines(ctx) + _claim_lines(ctx) + _statement_lines(ctx)
    if proposals:
        out.append("  expect:")
        for row, (verdict, factor, why) in proposals.items():
            val = f"{{verdict: {verdict}, factor: {json.dumps(factor)}}}" if factor else verdict
            out.append(f"    {row}: {val}   # {_comment(why, 140)}")
    if dropped:
        out.append("  # Proposals the runner did not confirm (not written as expectations):")
        out += [f"  #   {_comment(d, 150)}" for d in dropped]
    tail = ctx["for_a_person"]
    if tail:
        out.append("")
        out += tail
    return "\n".join(out) + "\n"


def _header(ctx: dict) -> list[str]:
    """The comment at the top, the case's id, title, source and reference."""
    c = ctx["counts"]
    return [
        f"# Drafted by `gradaudit draft` from {ctx['article']} with {ctx['reference']}.",
        "# Every binding below carries the article's line and the reason it was made: review them,",
        "# then run `gradaudit report` on this file; `--update-expect` fills in the verdicts of the",
        "# rows that have no proposal (each needs a person's review in the diff).",
        f"# {c['printed']} printed numbers ({c['skipped']} more skipped): {c['bound']} bound, "
        f"{c['constants']} formula constants, {c['ambiguous']} for a person to choose, {c['unbound']} "
        f"unbound.",
        f"- id: {ctx['id']}",
        f"  title: {json.dumps('Draft: ' + ctx['title'], ensure_ascii=False)}",
        "  source:",
        '    publisher: "(fill in the publisher)"',
        f"    title: {json.dumps(ctx['title'], ensure_ascii=False)}",
        "    note: "
        + json.dumps(
            f"drafted from {ctx['article_name']}; fill in the publisher, url and revision", ensure_ascii=False
        ),
        f"  reference: {ctx['reference']}",
        *ctx.get("network_lines", []),
        *_copies_lines(ctx.get("copies")),
    ]


def _copies_lines(original) -> list[str]:
    """`copies:` the case the article names as its source (copies.py), with why as a comment."""
    if original is None:
        return []
    import textwrap

    why = textwrap.wrap(_comment(original.why, 1000), 100, break_on_hyphens=False)
    return [f"  # {ln}" for ln in why] + [f"  copies: {original.case_id}"]


def _given_lines(ctx: dict) -> list[str]:
    """`given:` with each value's source as a comment, and `inferred:`."""
    ws: Worksheet = ctx["ws"]
    out: list[str] = []
    givens = ctx["givens"]
    if givens:
        out.append("  given:")
        for name in ws.given_names + [g for g in givens if g not in ws.given_names]:
            if name not in givens:
                continue
            v = givens[name]
            src = ctx["given_source"].get(name, "")
            text = ctx["given_text"].get(name)
            if v is None:
                val = "null"
            else:
                val = _yaml_value(v, text if text is not None and not isinstance(v, list) else None)
            out.append(f"    {name}: {val}" + (f"   # {_comment(src)}" if src else ""))
    if ctx["inferred"]:
        out.append("  inferred:")
        for k, v in ctx["inferred"].items():
            out.append(f"    {k}: {json.dumps(v, ensure_ascii=False)}")
    return out


def _claim_lines(ctx: dict) -> list[str]:
    """`claims:` in the worksheet's order, each with its line, operands and reason as comments."""
    ws: Worksheet = ctx["ws"]
    lines_of: list[str] = ctx["lines"]
    claims: dict[str, Outcome] = ctx["claims"]
    vectors: dict[str, list[Outcome]] = ctx.get("vector_claims", {})
    operands: dict[str, dict[str, Outcome]] = ctx["operands"]
    if not claims and not vectors:
        return []
    out = ["  claims:"]
    for step in [s for s in ctx["order"] if s in claims or s in vectors] + [
        g for g in claims if g not in ws.steps
    ]:
        if step in vectors:
            els = vectors[step]
            o = els[0]
            out.append(f"    # line {o.number.line}: {_excerpt(lines_of, o.number.line, 100, o.number.col)}")
            if "," in els[0].target:  # a matrix step: its rows
                width = 1 + max(int(e.target.rsplit(",", 1)[1].rstrip("]")) for e in els)
                rows = [els[i : i + width] for i in range(0, len(els), width)]
                inner = ", ".join("[" + ", ".join(_yaml_scalar(e.text) for e in r) + "]" for r in rows)
                out.append(f"    {step}: [{inner}]")
            else:
                out.append(f"    {step}: [{', '.join(_yaml_scalar(e.text) for e in els)}]")
            out += [f"    #   {_comment(e.reason, 260)}" for e in els]
            continue
        o = claims[step]
        out.append(f"    # line {o.number.line}: {_excerpt(lines_of, o.number.line, 100, o.number.col)}")
        ops = operands.get(step, {})
        for inp, op in ops.items():
            how = _comment(op.reason.split(" (an operand of ")[0], 120)
            out.append(f"    #   {op.text} -> {inp} (line {op.number.line}): {how}")
        value = _yaml_scalar(o.text)
        if ops:
            inner = ", ".join(f"{inp}: {_yaml_scalar(op.text)}" for inp, op in ops.items())
            out.append(f"    {step}: {{printed: {value}, operands: {{{inner}}}}}")
        else:
            out.append(f"    {step}: {value}")
        out.append(f"    #   {_comment(o.reason, 260)}")
    return out


def _statement_lines(ctx: dict) -> list[str]:
    """`statements:`, each spec's keys in a fixed order."""
    specs = ctx["statements"]
    if not specs:
        return []
    out = ["  statements:"]
    for sid, spec in specs.items():
        o = ctx["statement_outcomes"][sid]
        out.append(f"    # line {o.number.line}: {_comment(o.reason, 140)}")
        out.append(f"    {sid}:")
        for k in ("method", "of", "text", "claimed", "start", "steps", "tolerance", "chosen", "note"):
            if k not in spec:
                continue
            v = spec[k]
            if k == "claimed":
                out.append(f"      claimed: {_yaml_scalar(v)}")
            elif k == "chosen":
                out.append(f"      chosen: [{', '.join(v)}]")
            elif isinstance(v, str) and k in ("method", "of", "start") and re.fullmatch(r"[A-Za-z_]\w*", v):
                out.append(f"      {k}: {v}")
            elif isinstance(v, str):
                out.append(f"      {k}: {json.dumps(v, ensure_ascii=False)}")
            else:
                out.append(f"      {k}: {_yaml_value(v)}")
    return out


def _for_a_person(
    outcomes: list[Outcome], lines: list[str], needed: list[str], notes: list[str], skipped: dict[str, int]
) -> list[str]:
    out: list[str] = []
    if needed:
        out.append("# Given values the text does not give (written as null; fill them in):")
        out += [f"#   {n}" for n in needed]
    if notes:
        out.append("# Given values the text gives more than once:")
        out += [f"#   {_comment(n, 150)}" for n in notes]
    amb = [o for o in outcomes if o.kind == "ambiguous"]
    if amb:
        out.append(
            f"# For a person to choose ({len(amb)}): each fits more than one step; uncomment the right line."
        )
        for o in amb:
            where = _excerpt(lines, o.number.line, 70, o.number.col)
            out.append(f"#   line {o.number.line} col {o.number.col}: {o.number.text} in `{where}`")
            out.append(f"#     {_comment(o.reason, 150)}")
            for c in o.candidates:
                mark = "   # suggested" if c == o.suggestion else ""
                if "<-" in c:
                    out.append(f"#     operand {c}: {o.text or o.number.text}{mark}")
                else:
                    out.append(f"#     {c}: {_yaml_scalar(o.text or o.number.text)}{mark}")
    noted = [o for o in outcomes if o.kind == "noted"]
    if noted:
        out.append(f"# Operands of steps whose result the article does not print ({len(noted)}; no row):")
        out += [f"#   line {o.number.line}: {o.number.text} -> {o.target}<-{o.input}" for o in noted]
    unb = [o for o in outcomes if o.kind == "unbound"]
    if unb:
        out.append(f"# Unbound ({len(unb)}): printed numbers no step, given value or statement takes.")
        for o in unb:
            out.append(
                f"#   line {o.number.line} col {o.number.col}: {o.number.text}: {_comment(o.reason, 110)}"
            )
    if skipped:
        out.append("# Skipped digit runs, by class (not printed values):")
        out += [f"#   {k} {v}: {SKIP_KINDS.get(k, k)}" for k, v in skipped.items()]
    return out


def _summary(result: DraftResult, ctx: dict, notes: list[str]) -> str:
    c = result.counts
    skipped = result.scan.skipped_counts()
    kinds: dict[str, int] = {}
    for o in result.outcomes:
        if o.bound:
            kinds[o.kind] = kinds.get(o.kind, 0) + 1
    lines = [
        f"gradaudit draft: {ctx['article_name']} against {ctx['reference']} -> case {result.case_id}",
        f"  digit runs: {c['numbers']}; skipped {c['skipped']}"
        + (" (" + ", ".join(f"{k} {v}" for k, v in skipped.items()) + ")" if skipped else ""),
        f"  printed numbers: {c['printed']}: bound {c['bound']} ("
        + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
        + f"), formula constants {c['constants']}, "
        f"for a person {c['ambiguous']}, unbound {c['unbound']}",
        "  given: "
        + (", ".join(f"{k} = {_yaml_value(v)}" for k, v in result.givens.items() if v is not None) or "none")
        + (f"; NEEDED: {', '.join(result.needed)}" if result.needed else ""),
    ]
    if result.proposals:
        lines.append(
            "  proposed verdicts: "
            + ", ".join(f"{r} {v}" + (f" ({f})" if f else "") for r, (v, f) in result.proposals.items())
        )
    if result.dropped:
        lines.append("  dropped proposals (the runner disagrees):")
        lines += [f"    {d}" for d in result.dropped]
    for n in notes:
        lines.append(f"  note: {n}")
    amb = result.of_kind("ambiguous")
    if amb:
        lines.append("  for a person to choose:")
        lines += [
            f"    line {o.number.line}: {o.number.text} -> {' | '.join(o.candidates)}"
            + (f" (suggested {o.suggestion})" if o.suggestion else "")
            for o in amb
        ]
    unb = result.of_kind("unbound")
    if unb:
        lines.append("  unbound:")
        lines += [f"    line {o.number.line}: {o.number.text}: {o.reason}" for o in unb]
    return "\n".join(lines) + "\n"
