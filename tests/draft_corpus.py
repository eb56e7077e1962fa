"""The draft against the corpus's hand-written cases (issue 20): for each case of `cases/` whose
article text is in `cases/texts/`, the fraction of the case's claim rows (one per printed number:
a list claim is one row per element) that the draft of that text binds to the same step with the
same printed value. Binding does not depend on verification, so drafts are made with
verify=False (fast); `--verdicts` also runs both and counts the rows with the same verdict.

The table, by hand: `.venv/bin/python tests/draft_corpus.py [--given] [--verdicts]` (`--given`: the
draft takes the case's given values, as `gradaudit draft --given cases/NAME.yaml::ID`);
`--tutorials` prints, per tutorial (all cases of one article together), what the draft made of its
printed numbers (bound as claims, bound otherwise: restatements, operands, given values; listed for
a person to choose; left unbound) and the agreement, as the Markdown table README shows."""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Agreement:
    case: str
    claims: int  # the hand-written case's claim rows
    same: int  # the draft binds the same step to the same printed value
    wrong: int  # the draft's claims no hand-written case of the article makes (other step or value)
    note: str = ""  # not verified / failed, in one line
    same_verdict: int | None = None  # with --verdicts: ... and the runner gives the same verdict

    @property
    def fraction(self) -> float:
        return self.same / self.claims if self.claims else 1.0


def corpus_cases():
    """(case, article text) for every case with claims whose text is in cases/texts/."""
    from gradaudit.loading.cases import load_file

    out = []
    for text in sorted((ROOT / "cases" / "texts").glob("*.txt")):
        cases, errors = load_file(ROOT / "cases" / f"{text.stem}.yaml")
        assert errors == [], errors
        out += [(c, text) for c in cases if c.spec.claims]
    return out


def hand_rows(case) -> dict[str, float]:
    """Row name -> printed value of the case's claims (`z1[0]` for a list's elements)."""
    from gradaudit.core.printed import parse_printed

    def value(path, v):
        text = case.text(*path)
        return parse_printed(text if text is not None else v).value

    out = {}
    for name, c in case.spec.claims.items():
        printed = getattr(c, "printed", c)
        path = ("claims", name) + (("printed",) if hasattr(c, "printed") else ())
        if printed is None:  # a claim of its operands only (`{operands: ...}`): no printed result row
            continue
        if isinstance(printed, list):
            for i, v in enumerate(printed):
                if isinstance(v, list):
                    for j, w in enumerate(v):
                        out[f"{name}[{i},{j}]"] = value(path + (i, j), w)
                else:
                    out[f"{name}[{i}]"] = value(path + (i,), v)
        else:
            out[name] = value(path, printed)
    return out


# cases/texts/*.txt: provenance, then this line, then the article
HEADER_END = re.compile(r"^-{20,}\s*$", re.M)


def article_only(text: Path, folder: Path) -> Path:
    """The article as its reader saw it: a copy of `text` whose provenance header (the lines above
    the dashed line, written by the corpus's writers) is blanked, so the draft cannot read numbers
    or URLs from it and every line keeps its number. A text without the line is taken whole."""
    body = text.read_text(encoding="utf-8")
    end = HEADER_END.search(body)
    if end is not None:
        body = "\n" * body[: end.end()].count("\n") + body[end.end() :]
    out = folder / text.name
    out.write_text(body, encoding="utf-8")
    return out


@lru_cache(maxsize=None)
def _draft(text: Path, reference: str, given_case: str | None, verify: bool):
    from gradaudit.draft import draft

    with tempfile.TemporaryDirectory(prefix="draft-corpus-") as folder:
        return draft(article_only(text, Path(folder)), reference, given_case=given_case, verify=verify)


def sibling_rows(case, text) -> dict[str, float]:
    """The claim rows the article's other cases on the same worksheet make: one whole-article draft
    serves them all, so a claim one of them makes is not a claim "the cases do not make"."""
    out: dict[str, float] = {}
    for other, t in corpus_cases_cached():
        if t == text and other.spec.reference == case.spec.reference and other.spec.id != case.spec.id:
            out.update(hand_rows(other))
    return out


@lru_cache(maxsize=1)
def corpus_cases_cached():
    return tuple(corpus_cases())


def agreement(case, text, *, given: bool = False, verdicts: bool = False) -> Agreement:
    from gradaudit.draft import DraftError

    given_case = f"{case.file}::{case.spec.id}" if given else None
    hand, siblings = hand_rows(case), sibling_rows(case, text)
    try:
        result = _draft(text, case.spec.reference, given_case, verdicts)
    except DraftError as exc:
        return Agreement(case.spec.id, len(hand), 0, 0, "failed: " + str(exc).splitlines()[0][-60:])
    mine = {o.target: _written(o) for o in result.of_kind("claim")}  # `a1[0]` for a list
    # an article that prints the example several times is drafted once per printing too: the
    # case is compared with the draft (the whole one, or one printing's) that agrees with it best
    drafts = [(mine, "", None)] + [
        ({t: _written(o) for t, o in p.claims.items()}, p.passage.why, p) for p in result.printings
    ]

    def score(m):
        same = [q for q in hand if q in m and m[q] == hand[q]]
        return same, [q for q in m if q not in hand or m[q] != hand[q]]

    (same, wrong), where, printing, chosen = max(
        ((score(m), why, p, m) for m, why, p in drafts), key=lambda t: (len(t[0][0]), -len(t[0][1]))
    )
    note = "given values NEEDED: " + ", ".join(result.needed) if result.needed else ""
    if where:
        note = f"{where}; {note}" if note else where
    wrong = [q for q in wrong if q in hand or siblings.get(q) != chosen[q]]
    a = Agreement(case.spec.id, len(hand), len(same), len(wrong), note)
    run = (
        result.run if printing is None else _run_printing(printing, case.spec.reference) if verdicts else None
    )
    if verdicts and run is not None:
        from gradaudit.judging.runner import run_case

        h = {r.quantity: r.verdict for r in run_case(case, draws=2).rows if r.kind == "claim"}
        d = {r.quantity: r.verdict for r in run.rows if r.kind == "claim"}
        a.same_verdict = sum(1 for q in same if h.get(q) == d.get(q))
    return a


def _written(o) -> float:
    """The value a claim's outcome writes to the draft: its text (an operand in an exponent, `e^{-0.21}`
    for z1 = 0.21, loses its minus there), else the printed number."""
    from gradaudit.core.printed import parse_printed

    return parse_printed(o.text).value if o.text else o.number.printed.value


def _run_printing(printing, reference: str):
    """The runner's result on one printing's draft case (its YAML, loaded as a case file)."""
    import tempfile

    from gradaudit.draft.pipeline import _resolve_reference
    from gradaudit.judging.runner import run_case
    from gradaudit.loading.cases import load_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "printing.yaml"
        path.write_text(printing.yaml, encoding="utf-8")
        cases, errors = load_file(path)
        ws = _resolve_reference(reference)  # the project's worksheet, as the draft's own run takes it
        return run_case(cases[0], ws, draws=2) if cases and not errors else None


@dataclass
class Tutorial:
    """One article of the corpus: what its drafts made of its printed numbers, and the agreement."""

    text: str  # the article's file stem (cases/texts/NAME.txt)
    printed: int = 0  # printed numbers the drafts read (each worksheet's draft of it, summed)
    claims: int = 0  # bound as claims
    other: int = 0  # bound otherwise: restated, an operand, a given value, a statement, noted
    constants: int = 0  # a constant of a step's formula (the 2 of x^2, the 1 of 1 - y)
    for_a_person: int = 0  # listed for a person to choose among candidates
    unbound: int = 0  # left unbound
    same: int = 0  # the hand-written cases' claim rows the draft reproduces
    rows: int = 0  # the hand-written cases' claim rows


def tutorials(pairs, table: list[Agreement]) -> list[Tutorial]:
    """Per article, from the cases `pairs` ((case, text) as corpus_cases gives) and their rows of
    `table`: each distinct worksheet's draft of the article counted once (verify=False)."""
    out: dict[str, Tutorial] = {}
    seen: set[tuple[str, str]] = set()
    for (case, text), a in zip(pairs, table):
        t = out.setdefault(text.stem, Tutorial(text.stem))
        t.same, t.rows = t.same + a.same, t.rows + a.claims
        if (text.stem, case.spec.reference) in seen or a.note.startswith("failed"):
            continue
        seen.add((text.stem, case.spec.reference))
        result = _draft(text, case.spec.reference, None, False)
        c, claims = result.counts, len(result.of_kind("claim"))
        t.printed += c["printed"]
        t.claims += claims
        t.other += c["bound"] - claims
        t.constants += c["constants"]
        t.for_a_person += c["ambiguous"]
        t.unbound += c["unbound"]
    return list(out.values())


def tutorial_table(items: list[Tutorial]) -> str:
    """The Markdown table of `tutorials()` (README's, under "Drafts")."""
    head = (
        "| tutorial | printed | bound as claims | bound otherwise | constants | for a person | unbound "
        "| agreement |\n|---|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    def row(name, ts):
        same, rows = sum(t.same for t in ts), sum(t.rows for t in ts)
        counts = [sum(getattr(t, k) for t in ts) for k in ("printed", "claims", "other", "constants")]
        counts += [sum(t.for_a_person for t in ts), sum(t.unbound for t in ts)]
        return f"| {name} | " + " | ".join(map(str, counts)) + f" | {same}/{rows} ({same / rows:.0%}) |\n"

    body = "".join(row(t.text, [t]) for t in items)
    total = row("all", items)
    return head + body + total


def main(argv: list[str]) -> None:  # pragma: no cover - the table, by hand
    import os

    os.chdir(ROOT)
    given, verdicts = "--given" in argv, "--verdicts" in argv
    if "--tutorials" in argv:
        pairs = corpus_cases()
        print(tutorial_table(tutorials(pairs, [agreement(c, t) for c, t in pairs])), end="")
        return
    total = [0, 0, 0, 0]
    print(
        f"{'case':38s} {'same/claims':>11s} {'agree':>6s} {'wrong':>5s}" + ("  verdict" if verdicts else "")
    )
    for case, text in corpus_cases():
        a = agreement(case, text, given=given, verdicts=verdicts)
        total = [t + x for t, x in zip(total, (a.claims, a.same, a.wrong, a.same_verdict or 0))]
        v = f"  {a.same_verdict if a.same_verdict is not None else '-':>7}" if verdicts else ""
        print(f"{a.case:38s} {a.same:>5d}/{a.claims:<5d} {a.fraction:6.0%} {a.wrong:5d}{v}  {a.note}")
    v = f"  {total[3]:>7d}" if verdicts else ""
    print(f"{'total':38s} {total[1]:>5d}/{total[0]:<5d} {total[1] / total[0]:6.0%} {total[2]:5d}{v}")


if __name__ == "__main__":  # pragma: no cover
    sys.path.insert(0, str(ROOT))
    main(sys.argv[1:])
