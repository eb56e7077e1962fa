"""The top level: `draft()` reads the article, binds its numbers, writes and verifies the case."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..core import _jax
from ..core.vocab import Worksheet
from ..evaluating.worksheet import WorksheetError
from ..loading.schema import Case
from .binder import _Binder
from .by_fit import fill_by_fit, prefer_by_fit
from .by_solving import solve_needed
from .captions import bind_captioned_lists
from .chains import _chains, chains_and_prose
from .copies import find_original
from .families import bind_family_lists, bind_family_tables
from .from_to import name_weights
from .givens import _gather_givens, _givens_from_case, _givens_from_text, every_given
from .labels import _Names
from .layers import indices_as_printed
from .layouts import reshaped
from .loops import bind_loop_prints
from .model import _fits, _Model
from .notation import normalise
from .notebook import is_notebook_json, notebook_text
from .numbers import _key, find_numbers
from .partial_terms import bind_partial_terms
from .passages import (
    Passage,
    candidates,
    misfits,
    parse_lines,
    restatements,
    restrict,
    sections,
    split_levels,
)
from .point_tables import name_points
from .printings import Printing, find_printings
from .printouts import bind_printouts
from .render import _case_id, _for_a_person, _render, _summary, _title
from .repeats import bind_repeat_values, fill_counts
from .result import DraftError, DraftResult, Outcome
from .samples import sample_count, sample_sections
from .signs import prints_a_minus, restore_signs
from .statements import _bind_statements
from .sums import bind_element_sums, bind_row_sums, bind_scalar_operands, bind_vector_terms
from .supplied import agreement
from .tables import bind_tables
from .terms import bind_term_lists
from .vectors import bind_vectors


def _resolve_reference(reference: str):
    module_name, sep, attr = reference.partition(":")
    if not sep or not module_name or not attr:
        raise DraftError(
            f"--reference {reference!r}: expected module:attribute "
            "(e.g. reference.geeksforgeeks:worked_example)"
        )
    from ..loading.resolve import ReferenceNotAllowed, import_reference_module, project_root

    root = project_root(Path.cwd())  # the project the command runs in, as for its cases
    if root is None:
        raise DraftError(
            f"--reference {reference}: no folder at or above {Path.cwd()} holds a reference/ folder"
        )
    try:
        module = import_reference_module(root, module_name)
    except ReferenceNotAllowed as exc:
        raise DraftError(f"--reference {reference}: {exc}") from None
    except Exception as exc:  # noqa: BLE001  (one line naming the module)
        raise DraftError(
            f"--reference {reference}: cannot import {module_name}: {type(exc).__name__}: {exc}"
        ) from None
    obj = getattr(module, attr, None)
    if not isinstance(obj, Worksheet):
        what = "nothing" if obj is None else f"a {type(obj).__name__}"
        raise DraftError(
            f"--reference {reference}: expected a Worksheet (its steps are what numbers "
            f"bind to), found {what}"
        )
    return obj


def _verify(
    yaml_text: str,
    proposals: dict[str, tuple[str, str | None, str]],
    case_id: str,
    ws: Worksheet,
    needed: list[str],
    original=None,
):
    """Load and run the draft; the proposals the runner confirms, and what it said of the others.
    A draft that `copies:` a case (`original`, copies.Original) runs as if it sat in that case's
    file, where the runner looks up the original as for a case written by hand."""
    import dataclasses

    from ..judging.runner import run_case
    from ..loading.cases import load_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{case_id}.yaml"
        path.write_text(yaml_text, encoding="utf-8")
        cases, errors = load_file(path)
        if errors or not cases:
            raise DraftError(
                "the draft does not load as a case (a bug in gradaudit draft): "
                + (str(errors[0]).splitlines()[0] if errors else "no case")
            )
        case = dataclasses.replace(cases[0], file=original.file) if original is not None else cases[0]
        result = run_case(case, ws, draws=2)  # the worksheet already resolved in the user's project
    if result.error and needed:
        # the worksheet cannot run with the given values the text does not give: nothing confirmed
        why = f"not run: the draft runs once the NEEDED given values ({', '.join(needed)}) are filled in"
        return None, {}, [f"{row}: proposed {v}, {why}" for row, (v, _, _) in proposals.items()] or [why]
    if result.error:
        raise DraftError(
            f"the draft does not run (a bug in gradaudit draft, or a reference that raises): {result.error}"
        )
    rows = {r.quantity: r for r in result.rows}
    confirmed, dropped = {}, []
    for row, (verdict, factor, why) in proposals.items():
        r = rows.get(row)
        got = (r.verdict, r.details.get("factor")) if r is not None else (None, None)
        if got[0] == verdict and (factor is None or got[1] == factor):
            confirmed[row] = (verdict, factor, why)
        else:
            said = (
                "no such row"
                if r is None
                else (f"{r.verdict}" + (f" ({got[1]})" if got[1] else "") + f": {r.explanation}")
            )
            proposed = f"{verdict}" + (f" ({factor})" if factor else "")
            dropped.append(f"{row}: proposed {proposed}, the runner says {said}")
    return result, confirmed, dropped


def _bind(ws: Worksheet, reference: str, given_case, scan, solve: bool = False):
    """(givens, model, binder state) of the numbers in `scan`; with `solve`, the given values the
    text leaves NEEDED solved from the numbers printed by label (`by_solving`: the passage read,
    not each passage weighed, whose missing givens would be fit to its own numbers)."""
    chains, prose = chains_and_prose(scan)
    gv = _gather_givens(ws, reference, given_case, scan, chains, prose)
    if given_case is None:
        fill_by_fit(ws, gv, scan, chains)  # what no reading found: the value the printed numbers fit
        prefer_by_fit(ws, gv, scan)  # of the values the text gives one several times, the one they fit
    try:
        model = _Model(ws, gv.values)
    except WorksheetError:
        if given_case is not None:
            raise
        model = reshaped(ws, gv, scan.lines) or _without_misread(ws, gv)
    state = _Binder(model, scan, chains, prose).run()
    if solve and given_case is None and gv.needed:
        solved = solve_needed(ws, gv, model, state.claims)  # from the numbers printed by label
        counted = fill_counts(ws, gv, scan)  # a repeat's rounds, from the counts the text says
        if solved or counted:
            model = _Model(ws, gv.values)
            state = _Binder(model, scan, chains, prose).run()
    return gv, model, state


def _with_signs(ws: Worksheet, reference: str, given_case, scan):
    """(the scan, with the numbers whose minus a text lost read negated (signs.py); the note that
    says so, or None). The worksheet's values are those of the whole text read as printed."""
    if prints_a_minus(scan.lines):
        return scan, None
    try:
        model = _bind(ws, reference, given_case, scan)[1]
    except WorksheetError:
        return scan, None
    return restore_signs(scan, model.elements)


def _without_misread(ws: Worksheet, gv) -> _Model:
    """The worksheet cannot be evaluated at the given values read from the text: each given value
    (of those read) without which alone it can is left NEEDED, with what was read for it (which of
    them was misread is for a person to say); the error when there is none."""
    read = [g for g in ws.given_names if gv.values.get(g) is not None]
    suspects = []
    for name in read:
        try:
            _Model(ws, dict(gv.values, **{name: None}))
        except WorksheetError:
            continue
        suspects.append(name)
    if not suspects:
        return _Model(ws, gv.values)  # raises the error, as before
    for name in suspects:
        gv.notes.append(
            f"{name}: read {gv.text.get(name, gv.values[name])}, left NEEDED: the worksheet cannot be "
            "evaluated with it and the others read (a shape or value it does not take); "
            + gv.source.get(name, "")
        )
        gv.values[name] = None
        gv.source[name] = "NEEDED: the value the text gives does not fit the worksheet with the others"
        gv.needed.append(name)
    return _Model(ws, gv.values)


def _choose_passage(ws: Worksheet, reference: str, given_case, scan) -> tuple[Passage | None, str]:
    """The passage that holds the worksheet's example when the article gives a given value more than
    once with different values in different sections (several examples); (None, "") otherwise."""
    if sample_sections(scan.lines, sample_count([*ws.steps, *ws.given_names])):
        return None, ""  # sections numbered as the worksheet's samples are its samples, not examples
    names = _Names(ws, ws.given_names)
    found_at: dict[tuple[int, int], dict[str, str]] = {}  # (first, last) -> given values found there
    passages: list[Passage] = []
    for level in split_levels(scan.lines):  # every level that splits it: a lesson's examples may sit
        secs = sections(scan.lines, level)  # under `##` while its code's `#` comments split it too
        given_at = {i: _found_givens(ws, names, scan, a, b, found_at) for i, (a, b, _) in enumerate(secs)}
        values: dict[str, set[str]] = {}
        for g in given_at.values():
            for k, v in g.items():
                values.setdefault(k, set()).add(v)
        if any(len(v) > 1 for v in values.values()):
            passages += [
                p
                for p in candidates(secs, given_at)
                if (p.first, p.last) not in {(q.first, q.last) for q in passages}
            ]
    if not passages:  # no heading between the examples: where a given value changes
        passages = restatements(scan.lines, _every_given(ws, names, scan))
    if not passages:
        return None, ""
    scored = []
    supplied = _givens_from_case(given_case, reference)[0] if given_case is not None else None
    for p in [Passage(1, len(scan.lines), "the whole article")] + passages:
        try:
            gv, model, state = _bind(ws, reference, given_case, restrict(scan, p))
        except WorksheetError:
            continue
        # the supplied values (--given) are the same in every passage: first where the text states them
        if supplied is None:
            agree: tuple[int, ...] = ()
        else:
            agree = agreement(supplied, _found_givens(ws, names, scan, p.first, p.last, found_at))
        # the exact chain follows the given values: a passage read with another example's values
        # still matches its author's chain (its own operands), but not the exact one
        exact = sum(1 for k, o in state.claims.items() if _fits(o.number.printed, model.exact.get(k)))
        exact -= misfits(model, state)  # another example's numbers bound here fit none of its values
        by_value = sum(
            1 for o in state.claims.values() if o.proposed is None and "fits no rule" not in o.reason
        )
        known = sum(1 for v in gv.values.values() if v is not None)
        fit = model.fits_values(restrict(scan, p).numbers)  # vectors too, however they are labelled
        # a passage that leaves a given value NEEDED verifies nothing: one that gives them all first
        scored.append((agree + (not gv.needed, exact, fit, by_value, known), p))
    if not scored:
        return None, ""
    best = max(s for s, _ in scored)
    p = next(p for s, p in scored if s == best)  # the first of equals: the whole article before a part
    if p.first == 1 and p.last == len(scan.lines):
        return None, ""
    if supplied is not None:  # the agreement first, then the text-mode score
        stated = f"{best[1]} of the given values supplied are stated there ({-best[0]} otherwise); "
        best = best[2:]
        scored = [(s[2:], q) for s, q in scored]
    else:
        stated = ""
    if best[0] and not all(s[0] for s, _ in scored):
        stated += "every given value is known (a passage that leaves one NEEDED comes after); "
    best = best[1:]
    scored = [(s[1:], q) for s, q in scored]
    others = "; ".join(f"{q.why}: {s[0]}" for s, q in scored if q is not p)
    why = (
        f"the article gives the same given values differently in different sections (several "
        f"examples): took {p.why}, where {stated}{best[0]} claims match a step's exact value, "
        f"{best[1]} printed numbers an element of one, {best[2]} claims match by value and {best[3]} given "
        "values are known"
        + (f" (other passages, claims matching the exact value: {others})" if others else "")
        + "; --lines A-B takes another"
    )
    return p, why


def _printings(ws: Worksheet, reference: str, scan, article: Path, given_case=None) -> list[Printing]:
    """Each printing of the example (printings.py), drafted on its own as a case of its own; with
    given values supplied (`given_case`), each printing that states them all as supplied."""
    out = []
    supplied = _givens_from_case(given_case, reference)[0] if given_case is not None else None
    names, memo = _Names(ws, ws.given_names), {}
    for p in find_printings(ws, scan):
        sub = restrict(scan, p)
        if supplied is not None:
            stated = _found_givens(ws, names, sub, p.first, p.last, memo)
            if agreement(supplied, stated) != (0, len(ws.given_names)):
                continue
        try:
            gv, model, state = _bind(ws, reference, given_case, sub)
        except WorksheetError:
            continue
        if gv.needed:
            continue
        state.vectors = bind_vectors(model, _chains(sub)[0], state)
        claims = {o.target: o for o in state.outcomes.values() if o.kind == "claim"}
        outcomes = [
            state.outcomes.get(_key(n)) or Outcome(n, "unbound", reason="not reached") for n in sub.numbers
        ]
        ctx = _context(article, reference, ws, sub, model, state, gv, {}, outcomes)
        ctx["id"] = f"{ctx['id']}-line{p.first}" + (
            f"-{sum(q.passage.first == p.first for q in out) + 1}"
            if any(q.passage.first == p.first for q in out)
            else ""
        )
        ctx["network_lines"] = []
        ctx["counts"] = DraftResult("", "", ctx["id"], sub, outcomes, gv.values, {}, [], {}, []).counts
        ctx["for_a_person"] = []
        body = [ln for ln in _render(ctx, {}, []).splitlines() if not ln.startswith("# ")]
        yaml = (
            "\n".join(
                [
                    f"# {p.why[0].upper()}{p.why[1:]}, to column {p.last_col} of line {p.last}:"
                    if p.last_col < 1 << 30
                    else f"# {p.why[0].upper()}{p.why[1:]}, to line {p.last}:"
                ]
                + body
            )
            + "\n"
        )
        Case.model_validate(_plain(yaml))
        out.append(Printing(p, dict(gv.values), claims, yaml, ctx["id"]))
    return out


def _with_printings(yaml_text: str, printings: list[Printing]) -> str:
    if not printings:
        return yaml_text
    return (
        yaml_text
        + f"\n# The article prints the example {len(printings)} times, each with its own given values: "
        "each printing drafted as a case of its own (no verdicts proposed; review each as above).\n"
        + "".join("\n" + pr.yaml for pr in printings)
    )


def _every_given(ws, names, scan) -> list[tuple[int, str, str]]:
    """(line, given, value) of every value the text states for a given value (`x = 2`, in a list
    or in prose: rank 2 or surer), the first of a line; a value read from its place in an
    expression, or by a family's words, is no statement that an example starts."""
    chains, prose = chains_and_prose(scan)
    found = every_given(ws, names, scan, chains, prose)
    first = {(f.line, k): repr(f.value) for k, items in found.items() for r, f in items if r <= 2}
    return sorted((line, k, v) for (line, k), v in first.items())


def _found_givens(ws, names, scan, a: int, b: int, memo: dict) -> dict[str, str]:
    """The given values the text gives in lines a-b (memoised by the line range)."""
    if (a, b) not in memo:
        sub = restrict(scan, Passage(a, b, ""))
        chains, prose = chains_and_prose(sub)
        found, _ = _givens_from_text(ws, names, sub, chains, prose)
        memo[(a, b)] = {k: repr(f.value) for k, f in found.items()}
    return memo[(a, b)]


def _network_reference(network_path) -> tuple[Worksheet, list[str]]:
    """The built-in network a NETWORK.yaml describes, and its block's lines for the case."""
    from ..loading.cases import CaseError, load_network
    from ..loading.resolve import builtin_factory

    try:
        block, lines = load_network(network_path)
    except CaseError as exc:
        raise DraftError(f"--network: {str(exc).splitlines()[0]}") from None
    return builtin_factory("gradaudit.nets", "dense")(block), lines


def _worksheet(reference: str | None, network) -> tuple[Worksheet, str, list[str]]:
    """The worksheet the draft binds to, its reference, and the network block's lines (if any)."""
    if network is not None:
        if reference is not None:
            raise DraftError("give --reference or --network, not both")
        ws, network_lines = _network_reference(network)
        return ws, "gradaudit.nets:dense", network_lines
    if reference is None:
        raise DraftError("give --reference MODULE:ATTRIBUTE or --network NETWORK.yaml")
    return _resolve_reference(reference), reference, []


def _bind_passage(ws: Worksheet, reference: str, given_case, scan, lines: str | None):
    """(scan, givens, model, binder state) of the passage read: `lines`, else the one that fits."""
    try:
        if lines is not None:
            passage = parse_lines(lines, len(scan.lines))
            took = f"read {passage.why}"
        else:
            passage, took = _choose_passage(ws, reference, given_case, scan)
        if passage is not None:
            scan = restrict(scan, passage)
        gv, model, state = _bind(ws, reference, given_case, scan, solve=True)
    except WorksheetError as exc:
        raise DraftError(
            f"--reference {reference}: the worksheet cannot be evaluated at the given values: {exc}"
        ) from None
    if took:
        gv.notes.insert(0, took)
    return scan, gv, model, state


@_jax.scoped
def draft(
    article_path,
    reference: str | None,
    given_case=None,
    *,
    verify: bool = True,
    lines: str | None = None,
    network=None,
) -> DraftResult:
    """Draft a case for `article_path` (text, Markdown, HTML or a notebook) against the worksheet `reference`
    ("module:attribute"), or against the built-in network described by the file `network` (the
    same block as a case's `network:`; the draft then names `gradaudit.nets:dense` and carries the
    block). `given_case` ("file.yaml" or "file.yaml::case-id") supplies the given values; without
    it they are read from the text. `lines` ("A-B") reads only those lines; without it, an article
    with several examples is read in the passage that fits the worksheet best. With `verify`, the
    draft is run once and a proposed verdict the runner does not confirm is dropped."""
    article = Path(article_path)
    raw = _read_article(article)
    ws, reference, network_lines = _worksheet(reference, network)
    names = _Names(ws, ws.given_names)
    read = name_points(name_weights(raw, ws, names), names)  # tables of weights, of points
    full_scan = find_numbers(normalise(read, indices_as_printed(raw, names)))
    full_scan, signs = _with_signs(ws, reference, given_case, full_scan)
    scan, gv, model, state = _bind_passage(ws, reference, given_case, full_scan, lines)
    gv.notes += [signs] if signs else []
    printings = _printings(ws, reference, full_scan, article, given_case) if lines is None else []
    bind_tables(model, scan, state)
    chains = _chains(scan)[0]  # the passage's chains, read once (the binders below only read them)
    state.vectors = bind_vectors(model, chains, state, scan.lines)
    bind_family_lists(model, chains, state)
    bind_family_tables(model, scan, state)
    bind_captioned_lists(model, scan, state)
    bind_vector_terms(model, chains, state)
    bind_element_sums(model, chains, state)
    bind_row_sums(model, chains, state)
    bind_scalar_operands(model, chains, state)
    bind_partial_terms(model, chains, state)
    bind_repeat_values(model, scan, state)
    bind_term_lists(model, scan, state)
    bind_printouts(model, scan, state)
    bind_loop_prints(model, scan, state)
    stmt_given = {k: v for k, v in gv.values.items() if v is not None}
    specs = _bind_statements(ws, model, scan, state, stmt_given) if not gv.needed else {}
    outcomes = [
        state.outcomes.get(_key(n)) or Outcome(n, "unbound", reason="not reached") for n in scan.numbers
    ]

    proposals = {}
    for step, o in state.claims.items():
        if o.proposed:
            proposals[step] = (o.proposed, o.factor, f"line {o.number.line}: {o.reason.split('; ')[-1]}")
    ctx = _context(article, reference, ws, scan, model, state, gv, specs, outcomes)
    ctx["network_lines"] = network_lines
    original, copy_notes = _original(raw, ws, reference, outcomes)
    ctx["copies"] = original
    result = DraftResult("", "", ctx["id"], scan, outcomes, gv.values, gv.source, gv.needed, {}, [])
    result.printings = printings
    ctx["counts"] = result.counts
    ctx["for_a_person"] = _for_a_person(outcomes, scan.lines, gv.needed, gv.notes, scan.skipped_counts())
    yaml_text = _render(ctx, proposals, [])
    try:
        Case.model_validate(_plain(yaml_text))
    except Exception as exc:  # noqa: BLE001  (a bug here, said in one line)
        raise DraftError(f"the draft is not a valid case (a bug in gradaudit draft): {exc}") from None
    dropped: list[str] = []
    if verify:
        run, proposals, dropped = _verify(yaml_text, proposals, ctx["id"], ws, gv.needed, original)
        result.run = run
        yaml_text = _render(ctx, proposals, dropped)
    result.yaml = _with_printings(yaml_text, printings)
    result.proposals = {k: (v, f) for k, (v, f, _) in proposals.items()}
    result.dropped = dropped
    notes = gv.notes + ([original.why] if original is not None else []) + copy_notes
    result.summary = _summary(result, ctx, notes) + "".join(
        f"\n  printing: {pr.passage.why}: case {pr.case_id}, {len(pr.claims)} claims" for pr in printings
    )
    return result


def _original(raw: str, ws: Worksheet, reference: str, outcomes):
    """The case of the project the article names as its source (copies.py), or None. The whole
    article is read for the URL (a copy names its source once, often above the example it takes)."""
    from ..loading.resolve import project_root

    claims = {o.target: o.number.printed.value for o in outcomes if o.kind == "claim"}
    return find_original(raw.split("\n"), ws, reference, claims, project_root(Path.cwd()))


def _read_article(article: Path) -> str:
    """The article's text; a notebook (`.ipynb`, or a file of any name holding a notebook's JSON:
    a download saved as `.txt` or `.json`) as its cells' text in order (`notebook`)."""
    try:
        raw = article.read_bytes().decode("utf-8-sig")
        notebook = article.suffix.lower() == ".ipynb" or is_notebook_json(raw)
        return notebook_text(article, raw) if notebook else raw
    except OSError as exc:
        raise DraftError(f"cannot read the article {article}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise DraftError(f"the article {article} is not UTF-8 text (byte {exc.start})") from None


def _context(article: Path, reference: str, ws: Worksheet, scan, model, state, gv, specs, outcomes) -> dict:
    """What render writes: the article, the reference, the givens and every binding."""
    return {
        "ws": ws,
        "lines": scan.lines,
        "article": str(article),
        "article_name": article.name,
        "reference": reference,
        "id": _case_id(article),
        "title": _title(scan.lines),
        "givens": gv.values,
        "given_text": gv.text,
        "given_source": gv.source,
        "inferred": gv.inferred,
        "claims": state.claims,
        "vector_claims": state.vectors,
        "operands": {s: ops for s, ops in state.operands.items() if s in state.claims},
        "order": model.order,
        "statements": specs,
        "statement_outcomes": {o.target: o for o in outcomes if o.kind == "statement"},
    }


def _plain(yaml_text: str) -> dict:
    """The draft's one case as plain data (for schema validation without the loader)."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(yaml_text)
    return data[0]
