"""Given values said in prose that the chain and clause readings of `givens` miss.

- the learning rate in a lead-in or conditional sentence, wherever the number sits (a chain's
  label such as `If learning rate = 0.1:` is read as the word `rate`; a sentence that goes on
  computing, "a learning rate of 0.1 that gives a change of (0.1 * 0.0497) = 0.005", makes the
  whole line a chain): the words `learning rate` or `step size`, a symbol for it if any (`$\\eta =`,
  `(eta)`, `α`), a verb or `=`, then the number, and no operator after it (`= 0.3 * 0.5` is an
  expression, not a value said); or, in any language, the symbol the learning rate goes by
  (`\\eta`, `η`, `α`, `lr`) just before the number with only words between ("학습률(η)을 0.1이라고
  할 때", "Lernrate η von 0.1");
- a value said after its name: "the weight w11 between the layers, which currently has the value
  2.0", "w3 is set to 0.5", "b1 takes the value 1": the name of one given value, then within the
  same sentence `(has|takes) (the) value (of)` or `is set to`, then the number.

Each is ranked with the other readings of prose (below a given printed as `w = 0.8`).
"""

from __future__ import annotations

import re

from .labels import _Names
from .numbers import Number, Scan, _excerpt

_RANK = 2  # as `givens._in_prose`: below `w = 0.8` (0), an element (0), a count (1)

_LR_WORDS = re.compile(
    r"(?i)(?:learning[\s-]+rate|step[\s-]+size)\s*(?:\([^()]*\))?\s*"
    + r"(?:\$?\s*(?:\\eta|\\alpha|η|α|\\?lr|eta|alpha)\s*\$?\s*)?"
    + r"(?:(?:is|of|was|equals|to|be|as|at)\s+|=\s*|:=\s*|:\s*)?\$?\s*$"
)
# a given value named as tutorials name a learning rate, when no update declares its own
_LR_NAME = re.compile(r"(?i)lr|eta|alpha|learning_?rate|step_?size")
# an operator right after a number: the number is an operand, not a value said
_OPERAND_AFTER = re.compile(r"^\s*\$?\s*(?:[*×/^+=·]|-\s*\d|\\times|\\cdot|\\div)")
_VALUE_WORDS = re.compile(
    r"(?i)(?:(?:has|takes|had|holds|with)\s+(?:the\s+|a\s+)?value\s+(?:of\s+)?|is\s+(?:set|initiali[sz]ed)\s+to\s+)"
    r"\$?`?\s*$"
)


def _head(line: str, n: Number) -> str:
    """The text of n's sentence before it: from the last sentence break on its line."""
    head = line[: n.col - 1]
    head = re.sub(r"[`*]+$", "", head)
    return re.split(r"[.;!?](?:\s|$)|\n", head)[-1]


def _said(line: str, n: Number) -> bool:
    """n is a value said, not an operand of an expression that follows it."""
    return _OPERAND_AFTER.search(line[n.col - 1 + len(n.text) :]) is None


def learning_rates(names: _Names, givens: set[str], scan: Scan) -> list[tuple]:
    """(given, number, how, rank) for "If learning rate = 0.1:", "With learning rate $\\eta = 1.0$
    (large)", "a learning rate of 0.1 that gives ..." when the worksheet has one learning rate."""
    cands = [g for g in names.lr_names if g in givens] or [g for g in givens if _LR_NAME.fullmatch(g)]
    if len(cands) != 1:
        return []
    out = []
    for n in scan.numbers:
        line = scan.lines[n.line - 1]
        head = _head(line, n)
        if not _said(line, n) or is_operand_before(head):
            continue
        if _LR_WORDS.search(head) is not None:
            how = f"the learning rate said in a sentence: `{_excerpt(scan.lines, n.line, 60, n.col)}`"
        elif _symbol_before(names, head) == cands[0]:
            how = f"the learning rate's symbol just before it: `{_excerpt(scan.lines, n.line, 60, n.col)}`"
        else:
            continue
        out.append((cands[0], n, how, _RANK))
    return out


# the symbols a learning rate goes by (the worksheet's own name for it is one of them: `names`)
_LR_SYMBOL = re.compile(r"(?:\\eta|\\alpha|η|α|(?<![A-Za-z\\])(?:eta|alpha|lr)(?![A-Za-z]))")


def _symbol_before(names: _Names, head: str) -> str | None:
    """The given value a learning-rate symbol (`\\eta`, `η`, `α`, `lr`) just before the number names,
    whatever the words around them in any language ("학습률(η)을 0.1이라고", "Lernrate η von 0.1",
    "lr 0.1"): between the symbol and the number, at most 30 characters with no digit, operator,
    LaTeX command or a name the worksheet knows (`\\eta \\cdot 0.02`, `\\eta dL/dw = 0.3 - ...`
    are expressions). None otherwise."""
    found = list(_LR_SYMBOL.finditer(head))
    if not found:
        return None
    m = found[-1]
    between = head[m.end() :]
    if len(between) > 30 or re.search(r"[\d*/+^\\{}_\[\]<>|-]|\b(?:times|mal|fois)\b", between):
        return None
    for w in re.findall(r"[A-Za-z]\w*", between):
        if names.resolve(w)[0]:
            return None
    hit, tier = names.resolve(m.group(0))
    return hit[0] if len(hit) == 1 and tier == "name" else None  # not a verdict: a label-match tier


def is_operand_before(head: str) -> bool:
    """`learning rate = 2 * 0.1`, `eta times 0.06`: an operator (or its word) just before the number."""
    return re.search(r"(?:[*×/^+·-]|\\times|\\cdot|\b(?:times|mal|fois)\b)\s*\$?\s*$", head) is not None


def values_after_names(names: _Names, givens: set[str], scan: Scan) -> list[tuple]:
    """(given, number, how, rank) for "the weight w11 ..., which currently has the value 2.0": the
    one given value named in the sentence before `has the value`, its name read as the tutorial
    spells it (a subscript's digits after a space, `w 11`, as a page's text extraction leaves them)."""
    out = []
    for n in scan.numbers:
        line = scan.lines[n.line - 1]
        head = _sentence_before(scan.lines, n.line, line[: n.col - 1])
        m = _VALUE_WORDS.search(head)
        if m is None or not _said(line, n):
            continue
        before = re.split(r",\s+(?:which|that|and)\b", head[: m.start()])[0]
        hits = _named(names, givens, before)
        if len(hits) == 1:
            how = f"said after its name: `{_excerpt(scan.lines, n.line, 60, n.col)}`"
            out.append((hits[0], n, how, _RANK))
    return out


def _sentence_before(lines: list[str], lineno: int, head: str) -> str:
    """The sentence that ends at `head` (on its line), over the line before it when it starts there."""
    text = head
    if lineno > 1 and not re.search(r"[.;!?:]\s", head):
        text = lines[lineno - 2] + " " + head
    return re.split(r"[.;!?:](?:\s|$)", text)[-1]


def _named(names: _Names, givens: set[str], sentence: str) -> list[str]:
    """The given values a sentence names: each word, and each word with the number after it
    (`w 11` for w11, `e 1` for e1); exactly-named ones only."""
    words = re.findall(r"\\?[A-Za-z][A-Za-z0-9_{}]*(?:\s+\d{1,2}\b)?", sentence)
    hits: list[str] = []
    for w in words:
        for spelling in dict.fromkeys((re.sub(r"\s+", "", w), w.split()[0])):
            if len(spelling) > 12:
                continue
            hit, tier = names.resolve(spelling, among=givens)
            if len(hit) == 1 and tier == "name":  # not a verdict: a label-match tier
                hits.append(hit[0])
                break
    return list(dict.fromkeys(hits))


# between two numbers of a list said in prose: words or commas only ("0.05 and 0.10", "0.05, 0.10
# and 0.2", "0.05 与 0.10"), a comma or a word after a space at least (`3x1` is a size): no digit,
# operator, bracket, dash (`0–1` is a range), sentence break or math delimiter
_JOINER = re.compile(r"(?=.*(?:\s[^\W\d_]|[,，、]))[^\d=*×/+^()\[\]{}$\\|<>:;.!?\n`–—-]{1,8}")
# words for a role a family of given values plays, in any tutorial's worksheet names
_ROLES = {
    "i": ("input",),
    "x": ("input",),
    "t": ("target", "desired", "expected", "want", "true"),
    "y": ("target", "desired", "expected", "want", "true", "label"),
}


def values_listed(names: _Names, givens: set[str], scan: Scan) -> list[tuple]:
    """(given, number, how, rank) for "given inputs 0.05 and 0.10, we want it to output 0.01 and
    0.99": a list of N numbers said in prose (joined by words or commas only, none an operand) goes,
    in order, to the given values of one family of exactly N (one stem, indices in order: i1, i2)
    when the sentence before the list names that family, by a word its stem starts (`inputs` for
    i1, i2; `x values` for x1, x2) or by a word for its role (`target`, `want` for t or y)."""
    families = _families(givens)
    out = []
    for run in _runs(scan):
        first = run[0]
        # the words of its clause since the number before it (a list before it names its own family)
        head = re.split(r"\d", _head(scan.lines[first.line - 1], first))[-1].lower()
        words = re.findall(r"[^\W\d_]+", re.split(r"[,，、|]", head)[-1])  # a table's cell: none
        fits = _fits(families, len(run), words[-8:])
        if not fits:  # else the label the line starts with: `* **Input ($X$):** ... Giá trị `[10, 10, 0]``
            lead = _LEAD_LABEL.match(scan.lines[first.line - 1])
            fits = _fits(families, len(run), re.findall(r"[^\W\d_]+", lead.group(1).lower()) if lead else [])
        if len(fits) != 1:
            continue
        for g, n in zip(fits[0], run):
            how = (
                f"said in a list in prose, in its family's order: `{_excerpt(scan.lines, n.line, 60, n.col)}`"
            )
            out.append((g, n, how, _RANK))
    return out


# a line's own label: a list item's or a line's first words before a colon, bold or not, no digit
_LEAD_LABEL = re.compile(r"\s*(?:[-*+]\s+)?(?:\*\*)?([^:*\d`\n]{1,40}?)(?:\*\*)?\s*:")


def _fits(families: dict[str, list[str]], size: int, words: list[str]) -> list[list[str]]:
    """The families of `size` given values the words name."""
    return [
        fam
        for stem, fam in families.items()
        if len(fam) == size and any(_names_family(stem, w) for w in words)
    ]


def _names_family(stem: str, word: str) -> bool:
    """A word names the family `stem`: the stem itself (`x`), a word a stem of three letters or more
    starts (`targets` for target1), or a word for its role (`inputs` for i, `want` for t)."""
    if word == stem or (len(stem) >= 3 and word.startswith(stem)):
        return True
    return any(word.startswith(r) for r in _ROLES.get(stem, ()))


def _families(givens: set[str]) -> dict[str, list[str]]:
    """The given values by stem, indices 1..N in order (`t1`, `t2`; `x_1`, `x_2`); others left out."""
    by_stem: dict[str, dict[int, str]] = {}
    for g in givens:
        m = re.fullmatch(r"([A-Za-z]+)_?(\d+)", g)
        if m:
            by_stem.setdefault(m.group(1).lower(), {})[int(m.group(2))] = g
    return {
        s: [d[i] for i in sorted(d)] for s, d in by_stem.items() if sorted(d) == list(range(1, len(d) + 1))
    }


def _runs(scan: Scan) -> list[list[Number]]:
    """The lists of two or more numbers said in prose on one line, each number said (no operator
    after it) and joined to the next by words or commas only."""
    runs: list[list[Number]] = []
    for nums in scan.by_line().values():
        nums = sorted(nums, key=lambda n: n.col)
        line = scan.lines[nums[0].line - 1] if nums else ""
        run: list[Number] = []
        for n in nums:
            if not _said(line, n) or is_operand_before(line[: n.col - 1]):
                run = _close(runs, run)
                continue
            if run and not _JOINER.fullmatch(line[run[-1].col - 1 + len(run[-1].text) : n.col - 1]):
                run = _close(runs, run)
            run.append(n)
        _close(runs, run)
    return runs


def _close(runs: list[list[Number]], run: list[Number]) -> list[Number]:
    if len(run) >= 2:
        runs.append(run)
    return []
