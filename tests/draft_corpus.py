"""The draft against the corpus's hand-written cases (issue 20): for each case of `cases/` whose
article text is in `cases/texts/`, the fraction of the case's claim rows the draft of that text
binds on the same row with the same printed value (and, second, the same verdict).

Run by hand for the table: `.venv/bin/python tests/draft_corpus.py` (add `--given` for the draft
that takes the case's given values)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Agreement:
    case: str
    claims: int  # the hand-written case's claim rows
    same_value: int  # the draft has the row with the same printed value
    same_verdict: int  # ... and the same verdict
    wrong_step: int  # the draft's claim rows the hand-written case does not have
    error: str = ""  # the draft failed (DraftError), in one line

    @property
    def fraction(self) -> float:
        return self.same_value / self.claims if self.claims else 1.0


def corpus_cases():
    """(case, article text) for every case with claims whose text is in cases/texts/."""
    from gradaudit.loading.cases import load_file

    out = []
    for text in sorted((ROOT / "cases" / "texts").glob("*.txt")):
        cases, errors = load_file(ROOT / "cases" / f"{text.stem}.yaml")
        assert errors == [], errors
        out += [(c, text) for c in cases if c.spec.claims]
    return out


def _value(row) -> float:
    from gradaudit.core.printed import parse_printed

    return parse_printed(str(row.printed)).value


def agreement(case, text, *, given: bool) -> Agreement:
    from gradaudit.draft import DraftError, draft
    from gradaudit.judging.runner import run_case

    given_case = f"{case.file}::{case.spec.id}" if given else None
    hand = {r.quantity: r for r in run_case(case, draws=2).rows if r.kind == "claim"}
    try:
        result = draft(text, case.spec.reference, given_case=given_case)
    except DraftError as exc:
        return Agreement(case.spec.id, len(hand), 0, 0, 0, str(exc).splitlines()[0][-70:])
    if result.run is None:
        return Agreement(case.spec.id, len(hand), 0, 0, 0, "not run: " + ", ".join(result.needed))
    mine = {r.quantity: r for r in result.run.rows if r.kind == "claim"}
    same = [q for q in hand if q in mine and _value(mine[q]) == _value(hand[q])]
    verdict = [q for q in same if mine[q].verdict == hand[q].verdict]
    wrong = [q for q in mine if q not in hand or _value(mine[q]) != _value(hand[q])]
    return Agreement(case.spec.id, len(hand), len(same), len(verdict), len(wrong))


def main(argv: list[str]) -> None:  # pragma: no cover - the table, by hand
    import os

    os.chdir(ROOT)
    given = "--given" in argv
    tot = [0, 0, 0, 0]
    for case, text in corpus_cases():
        a = agreement(case, text, given=given)
        tot = [t + x for t, x in zip(tot, (a.claims, a.same_value, a.same_verdict, a.wrong_step))]
        print(
            f"{a.case:40s} {a.same_value:3d}/{a.claims:<3d} {a.fraction:6.0%}  verdict {a.same_verdict:3d}"
            f"  wrong {a.wrong_step} {a.error}"
        )
    print(
        f"{'total':40s} {tot[1]:3d}/{tot[0]:<3d} {tot[1] / tot[0]:6.0%}  verdict {tot[2]:3d}  wrong {tot[3]}"
    )


if __name__ == "__main__":  # pragma: no cover
    sys.path.insert(0, str(ROOT))
    main(sys.argv[1:])
