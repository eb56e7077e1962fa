"""Chains: `lhs = expr = result` on a line (and continued on the next lines)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .labels import _clean_latex, label_keys
from .numbers import _PROSE, Number, Scan, _inside, _key

_FUNCTION_WORDS = frozenset(
    "frac dfrac tfrac exp log ln sqrt sum prod max min sigmoid sigma tanh relu softmax left right "
    "text mathrm operatorname space quad qquad times cdot begin end aligned align e f g F partial "
    "nabla approx cdots ldots dots over limits".split()
)


@dataclass
class _Segment:
    line: int
    start: int
    end: int
    text: str
    numbers: list[Number]
    part_of: bool = False  # a line of a matrix that an earlier segment opens
    rows: list[list[Number]] | None = None  # the numbers of a matrix that spans lines, a row per line


@dataclass
class _Chain:
    line: int
    label: str | None
    segments: list[_Segment]
    results: list[Number] = field(default_factory=list)
    operands: list[Number] = field(default_factory=list)
    symbolic: list[_Segment] = field(default_factory=list)
    groups: list[_Segment] = field(default_factory=list)  # the segments that hold operands
    lines: list[int] = field(default_factory=list)
    form: str | None = None  # no label: the expression its first segment prints (`h1^T dloss/dscores`)
    # matrices over lines that are operands (`[3.8, 4.8] + [0.5, 0.5]`): each one's numbers, a row per line
    matrices: list[list[list[Number]]] = field(default_factory=list)

    @property
    def numbers(self) -> list[Number]:
        return sorted(self.results + self.operands, key=lambda n: (n.line, n.col))


_LABEL_RE = re.compile(
    r"^(?:(?:Delta|delta|d)\s*)?[A-Za-z][A-Za-z0-9]*'{0,2}(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?"
    r"(?:\s*\(\s*(?:new|old|in|out|net)\s*\))?(?:\s*\(\s*[A-Za-z](?:_\{[^{}]*\}|_[A-Za-z0-9]+)?\s*\))?$"
    r"|^d(?:[A-Za-z]\w*|\(\s*[A-Za-z]\w*\s*\))(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?\s*/\s*d[A-Za-z]\w*"
    r"(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?$"
)
# `, and ...`, `, a target of ...`: words after a comma end an assignment
_WORDS_AFTER = re.compile(r",\s*(?:[A-Za-z]{2,}|[Aa]\s+[A-Za-z]{2,})")
# `, w_2 = ...` after `w_1 = 0.3`: a new assignment starts after the comma
_ASSIGN_AFTER = re.compile(r",\s*(?:\\[;,!: ]\s*|\\q?quad\s*)*\\?[A-Za-z](?:[\w^\\()]|\{[^{}]*\})*\s*=(?!=)")
_CONTINUATION_RE = re.compile(
    r"^\s*(?:&\s*)?(?:=(?![=>])|\\text\s*\{\s*=>\s*\}|=>|\u21d2|\\Rightarrow|\\implies)"
)
_ATOM_RE = re.compile(
    r"(?:\\Delta\s*|\u0394\s*)?\\?[A-Za-z][A-Za-z0-9]*(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?"
    r"(?:\s*\(\\text\s*\{(?:new|old)\}\)|\s*\((?:new|old)\))?"
)


def _equals_positions(line: str) -> list[int]:
    texts = [(m.start(), m.end()) for m in re.finditer(r"\\text\s*\{[^{}]*\}", line)]
    out = []
    for i, c in enumerate(line):
        if c != "=" or _inside(texts, i):
            continue
        if (i > 0 and line[i - 1] in "<>!=") or (i + 1 < len(line) and line[i + 1] in "=>"):
            continue
        out.append(i)
    return out


# `H1_net = 0.47 => H1 = sigmoid(H1_net) = 0.615`, `x1 = 2 → dL/dw1 = −2`: an arrow before a name
# (a derivative's too) and `=` starts a new chain
_ARROW_ASSIGN = re.compile(
    r"(?<=\S)\s*(?:=>|\u21d2|\u2192|->|\\Rightarrow(?![A-Za-z])|\\implies(?![A-Za-z])"
    r"|\\rightarrow(?![A-Za-z])|\\to(?![A-Za-z]))"
    r"(?=\s*\\?[A-Za-z](?:[\w^\\()/]|\{[^{}]*\})*\s*=(?![=>]))"
)


# `s=1.0 o=0.7311`: a number, a space and a name with `=` start a new assignment
# (after a number: `= 0.47 x2 = ...`; not after a name's index, `v_1 baru = ...`)
_SPACED_ASSIGN = re.compile(
    r"(?<=\d)(?<![A-Za-z_]\d)(?<![A-Za-z_]\d\d)[ \t]+(?=[A-Za-z][A-Za-z0-9_]*(?:_\{[^{}]*\})?\s*=(?![=>]))"
)


def _attached(line: str, i: int, word: str) -> bool:
    """Whether the word at `i` is alone in parentheses right after a name (`Y_1(in)`, `Z(net)`)."""
    return i >= 2 and line[i - 1] == "(" and line[i - 2].isalnum() and line.startswith(")", i + len(word))


# `zh = ... = 0.38      BACKWARD: L = ...`: a wide run of spaces inside a line parts two columns of
# a page laid out as text (a PDF's text, columns side by side)
_WIDE_GAP = re.compile(r"(?<=\S)[ \t]{8,}(?=\S)")


def _columns(line: str, gap: re.Match) -> bool:
    """The wide gap parts two equations side by side: an `=` on each side of it, and neither side
    an operator at the gap (`=        -1.24`, what a blanked `\boxed{` leaves, is one equation)."""
    left, right = line[: gap.start()], line[gap.end() :]
    return "=" in left and "=" in right and left[-1] not in "=+-*/([{&" and right[0] not in "=+*/)]}&"


def _breaks(line: str) -> list[tuple[int, int]]:
    """Where prose interrupts math: stop words, sentence punctuation, ', word' at depth 0, an arrow
    before a new assignment (`... = 0.47 => H1 = ...`)."""
    out = [(m.start(), m.end()) for m in _ARROW_ASSIGN.finditer(line)]
    out += [(m.start(), m.end()) for m in _SPACED_ASSIGN.finditer(line)]
    out += [(m.start(), m.end()) for m in _WIDE_GAP.finditer(line) if _columns(line, m)]
    brace = 0
    paren = 0
    i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if c == "{":
            brace += 1
        elif c == "}":
            brace = max(brace - 1, 0)
        elif c in "([":
            paren += 1
        elif c in ")]":
            paren = max(paren - 1, 0)
        elif c == "\\":
            m = re.match(r"\\[A-Za-z]+|\\.", line[i:])
            i += len(m.group(0)) if m else 1
            continue
        elif c.isalpha():
            m = re.match(r"(?:[^\W\d_]|[’'])+", line[i:])
            word = m.group(0) if m else c
            prev = line[i - 1] if i > 0 else ""
            if (
                brace == 0
                and prev not in "_^\\/"  # `dE/do`: the name under a fraction's bar, not the word
                and not line.startswith("_", i + len(word))  # `out_{h1}`, `in_1`: a name, not a word
                and not _attached(line, i, word)  # `Y_1(in)`: a word in parentheses after a name
                and ((word.lower() in _PROSE and len(word) > 1) or any(ord(ch) > 0x2E7F for ch in word))
            ):
                # `学习率η`: the words end where their script does; a name written after them is math
                wide = [k for k, ch in enumerate(word) if ord(ch) > 0x2E7F]
                out.append((i, i + (wide[-1] + 1 if wide else len(word))))
            i += len(word)
            continue
        elif c in ";?!\uff0c\uff1a\uff1b\u3002\u3001\uff01\uff1f" or (c == ":" and brace == 0):
            out.append((i, i + 1))
        elif (
            c == ","
            and brace == 0
            and paren == 0
            and (_WORDS_AFTER.match(line, i) or _ASSIGN_AFTER.match(line, i))
        ):
            out.append((i, i + 1))
        elif c == "." and not (i > 0 and line[i - 1].isdigit() and i + 1 < n and line[i + 1].isdigit()):
            if (i + 1 >= n or line[i + 1] in " \t") and not line[i:].startswith("..."):
                out.append((i, i + 1))
        i += 1
    return sorted(out)


def _strip_label(text: str) -> str:
    s = re.sub(r"\\begin\s*\{[^{}]*\}|\\end\s*\{[^{}]*\}", " ", text)
    s = s.replace("\\\\", " ").replace("&", " ").replace("$", " ")
    s = re.sub(r"^\s*[-*+\u2022]\s+", "", s)
    op = re.fullmatch(r"\s*\\(exp|log|ln|max|min|tanh|softmax)\s*", s)  # `\exp = [...]`: the step named so
    if op is not None:
        return op.group(1)
    return _clean_latex(s).strip(" \t,\"`")  # `"updated_weights = [...]"`: quoted, in code


def _label_of(text: str) -> str | None:
    s = _strip_label(text)
    s = re.sub(r"\s+", " ", s)
    if not s:
        return None
    if _LABEL_RE.match(s):
        return s
    # `学习率eta`: a name after words in a script without spaces
    m = re.search(r"(?<=[^\x00-\x7f])[A-Za-z].*$", s)
    if m and _LABEL_RE.match(m.group(0)):
        return m.group(0)
    # `eta (Learning Rate)`: a name, then what it is in words
    m = re.match(r"^(.*?\S)\s*\((?!\s*(?:new|old|in|out|net)\s*\))[A-Za-z][^()]*[A-Za-z][^()]*\)$", s)
    if m and _LABEL_RE.match(m.group(1)):
        return m.group(1)
    # `learning rate (eta)`, `the output (y_hat)`: words, then the symbol they go by
    m = re.match(r"^(?:[A-Za-z][A-Za-z-]*\s+)*([A-Za-z][A-Za-z-]+)\s*\(\s*([^()]+?)\s*\)$", s)
    if m and m.group(1).lower() not in _FUNCTION_WORDS and _LABEL_RE.match(m.group(2)):
        return m.group(2)
    if re.search(r"[-+*/^=@\d]", re.sub(r"_\{[^{}]*\}|_\w+|(?<=\b[A-Za-z])\d+(?=\b|_)", "", s)):  # `set w1 =`
        return None
    words = s.split(" ")
    for k in (2, 1):
        if len(words) >= k:
            cand = " ".join(words[-k:])
            if _LABEL_RE.match(cand) and (k == 1 or words[-2] in ("Delta", "delta")):
                return cand
            if k == 2 and _two_words(words[-2:]):
                return cand  # `\text{W update}`: a step's label in words (the names fall back to the last)
    return None


def _two_words(words: list[str]) -> bool:
    """A symbol and a word (`W update`, `dW matrix`): a label of two words when no prose is in it."""
    a, b = words
    return (
        bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,2}(?:_\{[A-Za-z0-9]{1,3}\}|_[A-Za-z0-9]{1,3})?", a))
        and bool(re.fullmatch(r"[a-z]{3,}", b))
        and a.lower() not in _PROSE
        and a.lower() not in _FUNCTION_WORDS
        and b not in _PROSE
    )


def _only_number(seg: _Segment) -> Number | None:
    if len(seg.numbers) != 1:
        return None
    n = seg.numbers[0]
    rest = seg.text[: n.col - 1 - seg.start] + seg.text[n.end - seg.start :]
    rest = re.sub(r"\\end\s*\{[^{}]*\}|\\begin\s*\{[^{}]*\}|\\[,;!: ]|\\space|\\quad|\\qquad|\\\\", " ", rest)
    rest = _REMARK_RE.sub("", rest)  # `= 0.2662 (lower bias -> output lower)`: a remark after it
    rest = re.sub(r"[\s()\[\]{}$&.,;:]", "", rest)
    return n if rest == "" else None


# words in parentheses at the end, after the number (two words of three letters or more, no digit or `=`)
_REMARK_RE = re.compile(r"\(\s*(?=[^()]*[A-Za-z]{3,}\s+[^()]*[A-Za-z]{3,})[^()\d=]*\)\s*$")


def chains_and_prose(scan: Scan) -> tuple[list[_Chain], list[Number]]:
    """The chains of the text, and its numbers inside none of them (the prose the givens are read
    from)."""
    chains, in_chain = _chains(scan)
    return chains, [n for n in scan.numbers if _key(n) not in in_chain]


def _chains(scan: Scan) -> tuple[list[_Chain], set[tuple[int, int]]]:
    """The chains of the text, and the (line, col) of every number inside one.

    A line that starts with `=` (or `&=`, `=>`, `\\text{=>}`) continues the last labelled chain
    of the lines just above it (`\\delta_5 = y_5(1-y_5)...` then `= 0.67(1-0.67)(-0.17) = ...`),
    or, in a block of display math, the lines above it that hold no number (a symbolic matrix
    between); a line that ends with `=` is continued by the next line, `=` or not; a line that is
    only a label starts the chain the next line's `=` continues; a matrix opened on a chain's line
    and closed lines below is one segment, a row per line (see `_Segment.rows`).
    """
    by_line = scan.by_line()
    chains: list[_Chain] = []
    last: tuple[int, _Chain] | None = None  # the last labelled chain and its line
    skip_to = 0  # the last line of a matrix that spans lines, read with the chain that opens it
    for lineno, line in enumerate(scan.lines, 1):
        if lineno <= skip_to:
            continue
        eqs = _equals_positions(line)
        above = _above(scan.lines, lineno)
        open_eq = last is not None and last[0] == above and _ends_with_equals(scan.lines[above - 1])
        if not eqs:
            if open_eq and line.strip():  # `h1 =` on one line, its value on the next
                head = last[1]
                head.segments.append(_Segment(lineno, 0, len(line), line, by_line.get(lineno, [])))
                head.lines.append(lineno)
                skip_to = _matrix_rows(scan, by_line, head)
                last = (max(lineno, skip_to), head)  # a matrix over lines: `=` after it goes on
            continue
        cont = _CONTINUATION_RE.match(line) is not None or open_eq
        touched = None
        groups = _groups(line, lineno, eqs, by_line.get(lineno, []))
        for gi, segs in enumerate(groups):
            first = segs[0]
            label = None if first.numbers or (open_eq and gi == 0) else _label_of(first.text)
            head = None
            if gi == 0 and cont and label is None:
                head = _continued(scan, by_line, chains, last, lineno)
            if head is not None:
                head.segments.extend(segs if first.numbers else segs[1:])
                head.lines.append(lineno)
                last = touched = (lineno, head)
                continue
            chain = _Chain(lineno, label, segs, lines=[lineno])
            chains.append(chain)
            touched = (lineno, chain)
            if label is not None or (gi == len(groups) - 1 and _ends_with_equals(line)):
                last = (lineno, chain)  # labelled, or an expression that ends with `=`: goes on below
        if touched is not None:
            skip_to = _matrix_rows(scan, by_line, touched[1]) or _bracket_lines(scan, by_line, touched[1])
            if skip_to and (touched[1].label is not None or (last is not None and last[1] is touched[1])):
                last = (skip_to, touched[1])
    in_chain = _sort_numbers(chains)
    _borrow_forms(chains)
    return [c for c in chains if c.numbers], in_chain


def _above(lines: list[str], lineno: int) -> int:
    """The line above lineno, over one line of blanks only (what a blanked `\\boxed{` or `$$` leaves;
    an empty line, a paragraph's end, is not skipped)."""
    k = lineno - 1
    if k >= 2 and lines[k - 1] and not lines[k - 1].strip():
        k -= 1
    return k


def _groups(line: str, lineno: int, eqs: list[int], nums: list[Number]) -> list[list[_Segment]]:
    """The line's `=` signs grouped into chains (prose between two starts another), each cut into
    its segments."""
    breaks = _breaks(line)
    groups: list[list[int]] = []
    for e in eqs:
        if groups and not any(groups[-1][-1] < b[0] and b[1] <= e for b in breaks):
            groups[-1].append(e)
        else:
            groups.append([e])
    out = []
    for group in groups:
        left = max([b[1] for b in breaks if b[1] <= group[0]], default=0)
        right = min([b[0] for b in breaks if b[0] >= group[-1]], default=len(line))
        cuts = [left] + group + [right]
        segs = []
        for i, (a, b) in enumerate(zip(cuts[:-1], cuts[1:])):
            a2 = a if i == 0 else a + 1
            segs.append(_Segment(lineno, a2, b, line[a2:b], [n for n in nums if a2 <= n.col - 1 < b]))
        out.append(segs)
    return out


def _sort_numbers(chains: list[_Chain]) -> set[tuple[int, int]]:
    """Each chain's numbers as results, operands and symbolic forms; the (line, col) of them all."""
    in_chain: set[tuple[int, int]] = set()
    for chain in chains:
        head = chain.segments[0]
        if chain.label is None and not head.numbers and not head.part_of and _atoms(head):
            chain.form = " ".join(_strip_label(head.text).split())
        body = chain.segments[1:] if chain.label is not None else chain.segments
        for i, seg in enumerate(body):
            only = None if seg.part_of or _argument(body, i) else _only_number(seg)
            if only is not None and (i > 0 or chain.label is not None):
                chain.results.append(only)
            elif seg.numbers:
                chain.groups.append(seg)
                chain.operands += seg.numbers
            symbolic = not seg.numbers or all(n.is_integer for n in seg.numbers)
            if symbolic and not seg.part_of and _atoms(seg):
                chain.symbolic.append(seg)
        for n in chain.numbers:
            in_chain.add((n.line, n.col))
    return in_chain


_PARENTHESISED = re.compile(r"\s*\([^()=]*\)\s*")


def _argument(body: list[_Segment], i: int) -> bool:
    """`h = (zh) = (0.38) = 0.594` (a PDF's text that lost the sigma of `σ(z_h) = σ(0.38)`): a number
    alone in parentheses between two `=`, after a parenthesised expression of names, is the argument
    of a function whose name is not printed, an operand, not a result."""
    if i == 0 or i == len(body) - 1 or body[i - 1].numbers:
        return False
    return all(_PARENTHESISED.fullmatch(s.text) for s in body[i - 1 : i + 1])


def _ends_with_equals(line: str) -> bool:
    """A line of math alone (no prose in it: a wrapped sentence is not) that ends with `=`."""
    end = re.search(r"(.)?=\s*(?:\\\\)?\s*$", line)
    return end is not None and end.group(1) not in ("=", "<", ">", "!") and not _breaks(line)


def _continued(scan: Scan, by_line, chains: list[_Chain], last, lineno: int) -> _Chain | None:
    """The chain a line that starts with `=` continues: the last labelled one just above it, a new
    one whose label (or, without a label, whose expression) is the line just above, alone, or the
    last labelled one up to three lines above (or any number of lines without numbers between)."""
    above = scan.lines[lineno - 2] if lineno >= 2 else ""
    if last is not None and last[0] == lineno - 1:
        return last[1]
    label = _label_line(above) if lineno >= 2 and not by_line.get(lineno - 1) else None
    if label is not None:
        head = _Segment(lineno - 1, 0, len(above), above, [])
        chain = _Chain(lineno - 1, label, [head], lines=[lineno - 1])
        chains.append(chain)
        return chain
    if lineno >= 2 and not by_line.get(lineno - 1) and "=" not in above and not _breaks(above):
        head = _Segment(lineno - 1, 0, len(above), above, [])
        if _atoms(head) and _strip_label(above):  # an expression alone (`h1^T dloss/dscores`) above `= ...`
            chain = _Chain(lineno - 1, None, [head], lines=[lineno - 1])
            chains.append(chain)
            return chain
    if last is None:
        return None
    between = range(last[0] + 1, lineno)
    quiet = len(between) <= 12 and all(scan.lines[k - 1].strip() and not by_line.get(k) for k in between)
    # `$$ ... $$` then a new display that starts with `= ...`: only blanks and delimiters between
    blanks = len(between) <= 3 and not any(scan.lines[k - 1].strip() for k in between)
    return last[1] if lineno - last[0] <= 3 or quiet or blanks else None


_OPEN_ALONE = re.compile(r"\s*(?:\\left\s*)?[\[(]\s*")


def _bracket_lines(scan: Scan, by_line, chain: _Chain) -> int:
    """An expression in brackets over lines that the chain goes on after: its last segment only
    opens a bracket (`= [`), the lines below (no `=` in them) close it (a line per element, then
    `]`), and the line after the close goes on with `=` (`= [-0.068, -0.014]`): those lines join
    the chain as segments of operands (`part_of`). The last line it took, or 0."""
    seg = chain.segments[-1]
    if seg.numbers or not _OPEN_ALONE.fullmatch(seg.text):
        return 0
    depth, segs = 1, []
    for k in range(seg.line + 1, min(seg.line + 41, len(scan.lines) + 1)):
        text = scan.lines[k - 1]
        if _equals_positions(text) or not text.strip():
            return 0
        depth += len(re.findall(r"[\[(]", text)) - len(re.findall(r"[\])]", text))
        segs.append(_Segment(k, 0, len(text), text, by_line.get(k, []), part_of=True))
        if depth <= 0:
            if k >= len(scan.lines) or not _CONTINUATION_RE.match(scan.lines[k]):
                return 0
            chain.segments += segs
            chain.lines += [x.line for x in segs]
            return k
    return 0


def _label_line(text: str) -> str | None:
    """The label a line holds alone (`\\frac{...}{...}` read as `dloss/dh1`, in display math)."""
    if "=" in text:
        return None
    s = re.sub(r"\s+", " ", _strip_label(text))
    return s if s and _LABEL_RE.match(s) else None


_MATRIX_OPEN = re.compile(r"\\begin\s*\{[pbvB]?matrix\}")
_MATRIX_CLOSE = re.compile(r"\\end\s*\{[pbvB]?matrix\}")


def _matrix_rows(scan: Scan, by_line, chain: _Chain) -> int:
    """A matrix the chain's last segment opens and a line below closes: its lines join the chain
    (one segment each, `part_of` the matrix) and, when nothing follows the matrix, the opening
    segment holds the numbers as rows; a matrix after a number (`\\frac{1}{3.2} \\begin{bmatrix}`)
    or followed by more of the expression (`\\end{bmatrix} + \\begin{bmatrix}`, `\\end{bmatrix})`)
    joins it up to the last close, its numbers operands;
    an `=` after a close (`\\end{bmatrix}) = \\begin{bmatrix}`) starts the chain's next segment.
    The last line it took, or 0."""
    seg = chain.segments[-1]
    depth = len(_MATRIX_OPEN.findall(seg.text)) - len(_MATRIX_CLOSE.findall(seg.text))
    if depth <= 0:
        return 0
    opened = seg.start + _MATRIX_OPEN.search(seg.text).start()
    # `\frac{1}{3.2372} \begin{bmatrix}`: a number before the matrix makes it an operand
    rows, segs, alone, head = [], [], not any(n.col - 1 < opened for n in seg.numbers), seg
    split: list[Number] = []  # a row's numbers on the lines above, its row going on below
    mats: list[list[list[Number]]] = [[]]  # the numbers of each matrix, in order
    for k in range(seg.line + 1, min(seg.line + 41, len(scan.lines) + 1)):
        text = scan.lines[k - 1]
        nums = sorted(by_line.get(k, []), key=lambda n: n.col)
        if depth <= 0:  # between the matrices of an expression that goes on (`- 0.3`, a product's)
            depth, alone = _between_matrices(chain, k, text, nums), False
            continue
        eq, d = None, depth  # the first `=` outside every matrix
        for m in re.finditer(r"\\begin\s*\{[pbvB]?matrix\}|\\end\s*\{[pbvB]?matrix\}|=", text):
            if m.group(0) == "=":
                if d <= 0 and m.start() in _equals_positions(text):
                    eq = m.start()
                    break
            else:
                d += 1 if m.group(0).startswith("\\begin") else -1
        upto = len(text) if eq is None else eq
        part = [n for n in nums if n.col - 1 < upto]
        segs.append(_Segment(k, 0, upto, text[:upto], part, part_of=True))
        if part and eq is None and _row_goes_on(scan.lines, k):
            split += part  # `0.1` then `& -0.5 & 0.2 \\` below it: one row over lines
        elif part or (split and _MATRIX_CLOSE.search(text[:upto])):
            rows.append(split + part)
            mats[-1].append(split + part)
            split = []
        if _MATRIX_CLOSE.search(text[:upto]):
            mats.append([])
        opens = len(_MATRIX_OPEN.findall(text[:upto]))
        alone = alone and not opens
        depth += opens - len(_MATRIX_CLOSE.findall(text[:upto]))
        if depth > 0:
            if k - seg.line > 12 and alone:
                return 0
            continue
        closes = list(_MATRIX_CLOSE.finditer(text[:upto]))
        if not closes:
            return 0
        tail = re.sub(r"\^\s*\{?\s*T\s*\}?|\\\\|[\s.,;]", "", text[closes[-1].end() : upto])
        goes_on = eq is None and not tail and _goes_on(scan.lines, k)
        if alone and not tail and not goes_on:  # the chain's value: the matrix and nothing after it
            if not rows or len({len(r) for r in rows}) != 1:
                return 0
            head.rows = rows
        else:  # the matrices are operands (`[3.8, 4.8] + [0.5, 0.5]`, `f([4.3, 5.3])`): their numbers too
            chain.matrices += [m for m in mats if m and len({len(r) for r in m}) == 1]
        mats = [[]]
        chain.segments += segs
        chain.lines += [x.line for x in segs if x.line not in chain.lines]
        segs = []
        if eq is None and not goes_on:
            return k
        if eq is None:
            continue
        after = [n for n in nums if n.col - 1 > eq]
        head = _Segment(k, eq + 1, len(text), text[eq + 1 :], after)
        chain.segments.append(head)
        depth = len(_MATRIX_OPEN.findall(head.text)) - len(_MATRIX_CLOSE.findall(head.text))
        rows, alone = [], True
        if depth <= 0:
            return k
    return 0


# a line that goes on with the expression a matrix closed on the line above: an operator, or the
# next matrix of a product (`\begin{bmatrix}` under `\end{bmatrix}`)
_GOES_ON = re.compile(r"\s*(?:[-+*/](?!\s*$)|\\begin\s*\{[pbvB]?matrix\})")


def _row_goes_on(lines: list[str], k: int) -> bool:
    """Line k of a matrix ends inside a row: it ends with `&`, or the next line that is not blank
    starts with one (`0.1`, a blank line, `& -0.5 & 0.2 \\\\`)."""
    if re.search(r"\\\\\s*$|\\end\s*\{", lines[k - 1]):
        return False
    if lines[k - 1].rstrip().endswith("&"):
        return True
    below = next((ln for ln in lines[k : k + 3] if ln.strip()), "")
    return below.lstrip().startswith("&")


def _goes_on(lines: list[str], k: int) -> bool:
    """The line after line k (a matrix closed there) goes on with the expression."""
    return k < len(lines) and _GOES_ON.match(lines[k]) is not None and "=" not in lines[k].split("matrix}")[0]


def _between_matrices(chain: _Chain, k: int, text: str, nums: list[Number]) -> int:
    """Line k, between the matrices of an expression over lines (`- 0.3`, `\begin{bmatrix}`), joins
    the chain as a segment of operands; the depth of the matrices it leaves open."""
    chain.segments.append(_Segment(k, 0, len(text), text, nums, part_of=True))
    if k not in chain.lines:
        chain.lines.append(k)
    return len(_MATRIX_OPEN.findall(text)) - len(_MATRIX_CLOSE.findall(text))


def _borrow_forms(chains: list[_Chain]) -> None:
    """`a_1 = (w_{1,1} * x_1) + ...` printed alone, then `a_1 = (0.2 * 0.35) + ... = 0.21` within
    three lines below: the numbers' chain takes the symbolic form of the same label above it (the
    places of its numbers), when it prints none of its own."""
    forms: dict[str, tuple[int, list[_Segment]]] = {}
    for chain in chains:
        if chain.label is None:
            continue
        keys = label_keys(chain.label)[0]
        if not chain.numbers and chain.symbolic:
            forms.update({k: (chain.lines[-1], chain.symbolic) for k in keys})
        elif chain.numbers and not chain.symbolic:
            above = [forms[k] for k in keys if k in forms and 0 < chain.line - forms[k][0] <= 3]
            if above:
                chain.symbolic = list(above[0][1])


def _atoms(seg: _Segment) -> list[tuple[int, str]]:
    """(position, text) of the names in a symbolic segment (function names left out)."""
    out = []
    for m in _ATOM_RE.finditer(seg.text):
        text = m.group(0)
        bare = text.lstrip("\\").strip()
        if bare.split("_")[0].strip() in _FUNCTION_WORDS or not bare:
            continue
        # a name inside \text{...} or a subscript is part of its owner
        pre = seg.text[: m.start()]
        if re.search(r"_\{[^{}]*$|_$", pre):
            continue
        out.append((seg.start + m.start(), text))
    return out


def _no_slot(seg: _Segment, pos: int, text: str) -> bool:
    """An atom that holds no value: a matrix's environment (`\\begin{pmatrix}`), a transpose (`^T`)."""
    pre = seg.text[: pos - seg.start]
    if re.search(r"\\(?:begin|end)\s*\{\s*$", pre):
        return True
    return text.lstrip("\\") in ("T", "top", "intercal") and re.search(r"\^\s*\{?\s*$", pre) is not None


def _slots(seg: _Segment) -> list[tuple[str, Any]]:
    """The symbolic form's slots in order: ("atom", text) and ("literal", value)."""
    items = [(pos, ("atom", text)) for pos, text in _atoms(seg) if not _no_slot(seg, pos, text)]
    items += [(n.col - 1, ("literal", n.printed.value)) for n in seg.numbers]
    return [s for _, s in sorted(items, key=lambda t: t[0])]
