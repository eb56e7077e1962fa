"""Given values said in words: "with all the weights set to 0.5, all the biases set to 1, and the
input set to 1", "a target output of 1", "every weight is initialised to 0.1".

A tutorial often gives its starting values by what they are (weights, biases, the input, the
target) rather than by name. A worksheet's given values belong to such a family by how they are
spelled (`w1`, `W_2`, `theta` are weights; `b`, `b_out` biases; `x`, `x1`, `I` inputs; `y`,
`t`, `y_true`, `target` targets). A plural ("the weights are 0.5") or a quantifier ("all the",
"each", "every", "both", "for both hidden neurons" after it) gives the number to every member of
the family; a singular ("the input set to 1") only when the worksheet has exactly one. Only one
number may follow (not "weights of 0.5 and 0.3"), after connecting words only ("set to", "are",
"initialised to", "of", "=", ...); a sentence goes on over the lines of its paragraph. A clause
that says the value changes ("moves the bias to 0.51", "the weights are now ...") gives no given
value, nor does a bare "to" without a verb that sets it. These are the weakest readings of a
given value: any name the text prints with its value (`w1 = 0.15`) wins over them."""

from __future__ import annotations

import re

from .numbers import Number, Scan, _excerpt

# family: (the words a text says, the spellings of a given value's name in the family)
_FAMILIES = {
    "weight": (r"weights?", r"(?:w|weights?|theta)(?:_?[a-z]{1,2})?[_\d]*"),
    "bias": (r"bias(?:es)?", r"(?:b|bias(?:es)?)(?:_?[a-z]{1,2})?[_\d]*"),
    "input": (r"inputs?(?:\s+values?)?", r"(?:x|i|in|inputs?)(?:_?[a-z]{1,2})?[_\d]*"),
    "target": (
        r"(?:target|desired|expected|true)(?:\s+(?:outputs?|values?|labels?))?|labels?",
        r"(?:y|t|targets?|y_?true|y_?target|labels?)(?:_?[a-z]{1,2})?[_\d]*",
    ),
}
_PLURAL = {"weights", "biases", "inputs", "targets", "labels", "values", "outputs"}
_QUANTIFIER = r"(?:all|each|every|both)"
# what may stand between the family's words and its number
_CONNECTOR = (
    r"(?:are|is|were|was|be|been|being|all|set|initiali[sz]ed|initially|chosen|fixed|equal|equals|to|"
    r"of|at|as|=|:|a|an|the|value|values|start|starts|starting|with)"
)
_HEAD_RE = {
    fam: re.compile(
        rf"(?i)(?:\b(?P<q>{_QUANTIFIER})\s+(?:of\s+)?(?:the\s+)?(?:initial\s+)?)?"
        rf"\b(?P<fam>{words})\s*(?P<conn>(?:{_CONNECTOR}(?![A-Za-z])\s*)+)$"
    )
    for fam, (words, _) in _FAMILIES.items()
}
_CHANGE = re.compile(
    r"(?i)\b(?:mov(?:e|es|ed|ing)|updat(?:e|es|ed|ing)|becom(?:e|es|ing)|became|chang(?:e|es|ed|ing)|"
    r"goes|went|new|now|after|adjust(?:s|ed)?|drops?|rises?)\b"
)
_SETTING = re.compile(r"(?i)\b(?:set|sets|setting|initiali[sz]ed?|fixed|chosen|start|starts|equal|let)\b")
_AFTER_QUANTIFIER = re.compile(rf"(?i)^\s*(?:for|in|on|across)\s+{_QUANTIFIER}\b")
_MORE_NUMBERS = re.compile(r"(?i)^\s*(?:,|and\b|or\b|to\b|-|\u2013|/)\s*[-\u2212]?\.?\d")


def family_of(name: str) -> str | None:
    """The family a given value's name spells (`w1`: weight), or None."""
    for fam, (_, spelled) in _FAMILIES.items():
        if re.fullmatch(spelled, name, flags=re.IGNORECASE):
            return fam
    return None


def by_family(givens: set[str], scan: Scan, numbers: list[Number]) -> list[tuple[str, Number, str]]:
    """(given, number, how) for each number the words before it give to a family of given values."""
    members: dict[str, list[str]] = {}
    for g in sorted(givens):
        fam = family_of(g)
        if fam is not None:
            members.setdefault(fam, []).append(g)
    out = []
    for n in numbers:
        line = scan.lines[n.line - 1]
        head = re.sub(r"[`*]+$", "", line[: n.col - 1])
        above = scan.lines[n.line - 2].strip() if n.line >= 2 else ""
        if above and not re.search(r"[.;:!?]\s", head) and not above.startswith(("#", "|", "```", "$$")):
            head = above + " " + head.lstrip()  # "... and a target output" / "of 1": one paragraph
        tail = re.sub(r"^[`*]+", "", line[n.end :])
        if _MORE_NUMBERS.match(tail):
            continue  # "weights of 0.5 and 0.3": a list, not one value for all
        for fam, rx in _HEAD_RE.items():
            m = rx.search(head)
            if m is None or fam not in members or not re.search(r"[a-z=:]", m.group("conn"), re.I):
                continue
            clause = re.split(r"[.;!?]\s", head)[-1]
            if _CHANGE.search(clause) or (m.group("conn").split() == ["to"] and not _SETTING.search(clause)):
                continue  # "moves the bias to 0.51": a value it changes to, not a given
            every = (
                m.group("q") is not None
                or m.group("fam").split()[-1].lower() in _PLURAL
                or _AFTER_QUANTIFIER.match(tail) is not None
            )
            if not every and len(members[fam]) != 1:
                continue  # "the input set to 1" with inputs x1 and x2: which one is not said
            shown = _excerpt(scan.lines, n.line, 60, n.col)
            how = f"said in words: `{shown}` (every {fam} the worksheet has)"
            out += [(g, n, how) for g in members[fam]]
            break
    return out
