"""Finding numbers in an article: every digit run, printed values and the skipped ones."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.printed import Printed, PrintedError, parse_printed


@dataclass(frozen=True)
class Number:
    """A printed number: its text as printed, its value and precision, and where it stands."""

    text: str  # as printed: "-0.0376", "87%", "0.3333…", "1.2 \\times 10^{-3}"
    printed: Printed
    line: int  # 1-based
    col: int  # 1-based, of its first character (the minus sign when it has one)
    exponent: bool = False  # inside a superscript (e^{-0.21})
    canonical: str = ""  # the text a case holds when the printed text is not a plain number

    @property
    def plain(self) -> str:
        """The printed text as a case holds it: ASCII minus, no thousands separators."""
        return self.canonical or self.text.replace("\u2212", "-").replace(",", "")

    @property
    def end(self) -> int:
        return self.col - 1 + len(self.text)

    @property
    def is_integer(self) -> bool:
        return self.printed.decimals <= 0 and not self.printed.percent and not self.printed.ellipsis


@dataclass(frozen=True)
class Skipped:
    """A digit run that is not a printed value: `kind` says why."""

    text: str
    line: int
    col: int
    kind: str


SKIP_KINDS = {
    "identifier": "inside a name or a subscript (w_{1,1}, y_3, a1, h2, O3)",
    "power": "an integer power (x^2)",
    "date": "a date",
    "numbering": "list or section numbering (1. ...)",
    "label": "a label (Step 1, Example (1), Fig. 2, an equation number, a notebook cell's In [6]:)",
    "count": "a count or index (10,000 epochs, 4 neurons, epoch 8000, 5 min read, a shape (1, 2))",
    "code": "program code",
    "url": "inside a web address",
    "version": "a dotted version number",
    "passage": "outside the passage the draft read (another example, or outside --lines)",
    "supposed": "in a sentence that supposes a case (if z_1 < 0, then ...): a rule, not the example",
    "range": "the bounds of an interval a quantity lies in (y \\in (0, 1), p ∈ [0, 1]): not a value",
}
# `\hat{y}_i \in (0, 1)`, `p ∈ [0, 1]`, `y \in \{0, 1\}`: the bounds of a set or an interval after
# "is an element of" (a property of a quantity, not the example's value)
_RANGE_RE = re.compile(
    r"(?:\\in(?![A-Za-z])|\u2208)\s*(?:\\left\s*)?(?:\(|\[|\\\{|\\lbrace\s*|\]|\\\()"
    r"[^()\[\]{}=]*?(?:\\right\s*)?(?:\)|\]|\\\}|\\rbrace|\[|\\\))"
)
# `But if z_1 < 0, then ReLU'(z_1) = 0, and ...`: from `if` and an inequality to the sentence's end
_SUPPOSE_RE = re.compile(
    r"(?i)\bif\b[^.;:!?]*?(?:<|>|\\l[et]q?(?![a-z])|\\g[et]q?(?![a-z])|\u2264|\u2265)"
    r"(?:[^;!?]*?(?=\.(?:\s|$)|[;!?]|$))"
)


@dataclass
class Scan:
    numbers: list[Number]
    skipped: list[Skipped]
    lines: list[str]

    def by_line(self) -> dict[int, list[Number]]:
        """{line: the numbers read on it, in reading order}, for the lines that have any."""
        out: dict[int, list[Number]] = {}
        for n in self.numbers:
            out.setdefault(n.line, []).append(n)
        return out

    def skipped_counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.skipped:
            out[s.kind] = out.get(s.kind, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


_NUMBER_RE = re.compile(
    r"(?P<minus>[-\u2212])?"
    # thousands separators, but not in a list (`[120,340,560]`: after `[` or a comma, three numbers)
    r"(?P<body>(?<![\[,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<exp>[eE][-+]?\d+(?![A-Za-z]))?"
    r"(?P<suffix>%|\.\.\.|\u2026)?"
)
# 1.2 \times 10^{-3}, 1.2 x 10^-3
_SCI_RE = re.compile(
    r"(?P<minus>[-\u2212])?(?P<mant>\d+(?:\.\d+)?)\s*(?:\\times|\\cdot|\u00d7|x|\*)\s*10\s*\^\s*"
    r"(?:\{\s*(?P<e1>[-\u2212+]?\d+)\s*\}|(?P<e2>[-\u2212+]?\d+))"
)
# `10^{-8}`, `10^-3`: a negative power of ten alone is a value (`\\epsilon = 10^{-8}`), not 10 and -8
_POW10_RE = re.compile(r"(?<![\w.}\\])10\s*\^\s*(?:\{\s*(?P<e1>[-\u2212]\d+)\s*\}|(?P<e2>[-\u2212]\d+))")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_RES = [
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}\b"),
    re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"),
    re.compile(rf"\b{_MONTH}\s+\d{{4}}\b"),
    re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b"),
    re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"),
    re.compile(r"(?i)\b(?:updated|published|posted|revised|copyright|\u00a9)\s*:?\s*(?:on\s+)?\d{4}\b"),
]
_URL_RE = re.compile(r"https?://\S+|www\.\S+|\]\([^)\s]*\)")
_INLINE_CODE_RE = re.compile(r"`[^`]*`")
_NUM = r"[-\u2212]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?"
_NUMBER_ALONE = re.compile(
    rf"`\s*(?:{_NUM}%?|\[\s*{_NUM}(?:\s*,\s*{_NUM})+\s*\])\s*`$"  # `0.1`, `[10, 10, 0]`
)
_CODE_LINE_RE = re.compile(
    r"\bnp\.|\bself\.|\btorch\.|\btf\.|\bjnp\.|\bmath\.|\brandom\."
    r"|^\s*(?:def\s|class\s+\w+|return\b|import\s|from\s+\S+\s+import|for\s+\w+\s+in\s|while\s|"
    r"elif\s|else\s*:|try\s*:|except\b|with\s.*:\s*$|print\s*\(|if\s.*:\s*$)"
    r"|\+=|-=|\*=|/=|==|!="
    r"|\b[A-Za-z_]\w*\.[A-Za-z_]\w*\s*\("
    r"|\b[A-Za-z_]\w*\((?:[^()]*,)?\s*[a-z_]\w*=[^=\s>]"  # a call with a keyword argument
)
_IO_RE = re.compile(r"\b(?:input|output): [^;]*;")
_NUMBERING_RE = re.compile(r"^\s*(?:[#>]+\s*|[-*+\u2022]\s+)?(\d+)[.)](?=\s|$)")
_LABEL_BEFORE_RE = re.compile(
    r"(?i)\b(?:step|example|image|img|fig|figure|table|section|sec|chapter|ch|eq|equation|part|"
    r"listing|page|appendix|lesson|module|exercise|version|item|case|rule|method|option)\.?\s*\(?\s*$"
)
_SHAPE_WORD_RE = re.compile(r"(?i)\b(?:shapes?|shaped|dimensions?|dims?)\b")
_INT_TUPLE_RE = re.compile(r"\(\s*\d+(?:\s*[,x\u00d7]\s*\d+)+\s*\)")
_CELL_RE = re.compile(r"^\s*(?:In|Out)\s*\[\s*$")  # a notebook cell's execution count: `In [6]:`, `Out[6]:`
_INDEX_BEFORE_RE = re.compile(r"(?i)\b(?:epochs?|iterations?|iter|layers?|rounds?|batch(?:es)?)\s*#?\s*$")
_COUNT_AFTER_RE = re.compile(
    r"(?i)^\s*(?:hidden\s+|output\s+|input\s+|training\s+|more\s+)?(?:epochs?|iterations?|neurons?|"
    r"nodes?|units?|layers?|inputs?|outputs?|samples?|examples?|times|min(?:ute)?s?|hours?|"
    r"seconds?|secs?|read|classes|features?|weights|parameters|dimensions?|rows|columns|images|"
    r"words|pixels|steps|updates|bits|bytes|digits|decimals|decimal\s+places|places|passes|"
    r"batches|data\s*points|points)\b"
)
_EQ_NUMBER_RE = re.compile(r"\(\s*(\d+)\s*\)\s*$")


def _spans(regexes, line: str) -> list[tuple[int, int]]:
    out = []
    for rx in regexes:
        out += [(m.start(), m.end()) for m in rx.finditer(line)]
    return out


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _script_of(line: str, pos: int) -> str | None:
    """'_' or '^' when `pos` sits in a subscript or superscript (`_3`, `_{1,1}`, `^{-0.21}`)."""
    j = pos - 1
    while j >= 0 and line[j] == " ":
        j -= 1
    if j >= 0 and line[j] in "_^":
        return line[j]
    depth = 0
    for k in range(pos - 1, -1, -1):
        c = line[k]
        if c == "}":
            depth += 1
        elif c == "{":
            if depth:
                depth -= 1
                continue
            b = k - 1
            while b >= 0 and line[b] == " ":
                b -= 1
            if b >= 0 and line[b] in "_^":
                return line[b]
    return None


_PROSE = frozenset(
    """the is are was were be been being of to in on at by for with and or but so if then than that
    this these those which who whom what when where while we our ours you your it its they their he
    she as an from into will would can could should may might must has have had do does did not no
    yes get gets got give gives giving obtain obtained obtains produce produces produced use uses
    using let lets let's let’s say see now also still since because after before here there value
    values result results equals equal becomes become near around about approximately roughly all
    each every any some same just only very much more less means mean called known like such via per
    over under up down out until unless though although however therefore thus hence finally first
    next find found calculate calculated compute computed gets is: which,""".split()
)


def _sign_is_unary(line: str, sign_pos: int) -> bool:
    j = sign_pos - 1
    while j >= 0 and line[j] in " \t":
        j -= 1
    if j < 0:
        return True
    c = line[j]
    if c == "}" and re.search(r"\\begin\s*\{[^{}]*\}$", line[: j + 1]):
        return True  # `\begin{bmatrix} -0.0057 & ...`: a matrix's first element
    if c.isdigit() or c in ")]}%.":
        return _in_numpy_list(line, sign_pos)
    if c.isalpha() or c in "’'":
        k = j
        while k >= 0 and (line[k].isalpha() or line[k] in "’'"):
            k -= 1
        word = line[k + 1 : j + 1]
        if k >= 0 and line[k] == "\\":
            return True  # \times -0.0376
        if k >= 0 and line[k] in "_^":
            return False
        return word.lower() in _PROSE
    return True


# numpy's print of an array: numbers in brackets separated by spaces only (`[-0.1 -0.18]`, `[[ 0.5 -0.2]`)
_NP_NUM = r"[-\u2212]?[\d.]+(?:[eE][-+]?\d+)?"
_NUMPY_LIST = re.compile(r"\[\s*" + _NP_NUM + r"(?:\s+" + _NP_NUM + r")+\s*\]?")


def _in_numpy_list(line: str, sign_pos: int) -> bool:
    """Whether the minus at `sign_pos`, after a number and a space and right before a digit, is an
    element's sign in numpy's print of an array (`[-0.10002775 -0.18377833]`): no commas, no
    operator with spaces on both sides."""
    if sign_pos + 1 >= len(line) or not line[sign_pos + 1].isdigit() or line[sign_pos - 1] not in " \t":
        return False
    return any(m.start() < sign_pos < m.end() for m in _NUMPY_LIST.finditer(line))


def _is_code_line(line: str) -> bool:
    return bool(_CODE_LINE_RE.search(line))


# fenced blocks that display: no language, text or math, or a diagram whose labels are text (a
# mermaid flowchart's `Z -- "dL/db = -1" --> B`)
_SHOWN_TAGS = frozenset(("", "text", "math", "latex", "tex", "plaintext", "mermaid", "dot", "graphviz"))


def _display_blocks(lines: list[str]) -> set[int]:
    """The lines of fenced blocks that display values rather than hold a program: no language (or
    text, math, latex, a diagram's), and no line of code in them (```\nx = 3000\nw = 0.001\n```)."""
    out: set[int] = set()
    start = None
    tag = ""
    for i, line in enumerate(lines, 1):
        s = line.lstrip()
        if not s.startswith(("```", "~~~")):
            continue
        if start is None:
            start, tag = i, s[3:].strip().lower()
            continue
        body = range(start + 1, i)
        if tag in _SHOWN_TAGS and not any(
            _is_code_line(lines[j - 1]) for j in body
        ):
            out.update(body)
        start = None
    return out


def find_numbers(text: str) -> Scan:
    """Every digit run of `text`: the printed numbers, and the skipped ones with their class."""
    lines = text.splitlines()
    numbers: list[Number] = []
    skipped: list[Skipped] = []
    fenced = False
    shown = _display_blocks(lines)
    for lineno, line in enumerate(lines, 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        shapes = bool(_SHAPE_WORD_RE.search(" ".join(lines[max(0, lineno - 3) : lineno])))
        for item in _line_items(_Line(line, lineno, fenced and lineno not in shown, shapes)):
            (numbers if isinstance(item, Number) else skipped).append(item)
    return Scan(numbers, skipped, lines)


class _Line:
    """One line of the article with the spans that decide what its digit runs are."""

    def __init__(self, line: str, lineno: int, fenced: bool, shapes: bool = False):
        self.text = line
        # `X` is shape (1, 2), `X.T` is (2, 1): a tuple of integers where shapes are spoken of
        self.shapes = _spans([_INT_TUPLE_RE], line) if shapes else []
        self.lineno = lineno
        self.code = fenced or _is_code_line(line)
        self.io = _spans([_IO_RE], line) if self.code else []  # calls.py's statements: printed values
        self.dates = _spans(_DATE_RES, line)
        self.urls = _spans([_URL_RE], line)
        # `0.1`, `-0.25`, `[0.5, -0.5]`: a number or a flat list of numbers alone in backticks on a
        # prose line is a value the prose prints, not program code
        spans = _spans([_INLINE_CODE_RE], line)
        self.inline_code = [(a, b) for a, b in spans if self.code or not _NUMBER_ALONE.match(line[a:b])]
        self.supposed = [] if self.code else _spans([_SUPPOSE_RE], line)
        self.ranges = [] if self.code else _spans([_RANGE_RE], line)
        self.numbering = _NUMBERING_RE.match(line)


def _line_items(ln: _Line) -> list[Number | Skipped]:
    """The line's numbers and skipped digit runs, in order."""
    found: list[tuple[int, int, Number | Skipped]] = []
    taken: list[tuple[int, int]] = []
    for m in _SCI_RE.finditer(ln.text):
        got = _scientific(ln, m)
        if got is not None:
            found.append(got)
            taken.append((got[0], got[1]))
    for m in _POW10_RE.finditer(ln.text):
        got = None if _inside(taken, m.start()) else _power_of_ten(ln, m)
        if got is not None:
            found.append(got)
            taken.append((got[0], got[1]))
    for m in _NUMBER_RE.finditer(ln.text):
        if not _inside(taken, m.start("body")):
            found.append(_digit_run(ln, m))
    return [item for _, _, item in sorted(found, key=lambda f: f[0])]


def _scientific(ln: _Line, m: re.Match) -> tuple[int, int, Number] | None:
    """`1.2 \\times 10^{-3}` as one number, or None (in code, a URL, or not a number)."""
    line = ln.text
    if (ln.code and not _inside(ln.io, m.start())) or _inside(ln.urls, m.start()):
        return None
    if _inside(ln.inline_code, m.start()):
        return None
    start = m.start("mant") if m.group("minus") and not _sign_is_unary(line, m.start()) else m.start()
    exp = (m.group("e1") or m.group("e2")).replace("\u2212", "-")
    sign = "-" if start == m.start() and m.group("minus") else ""
    try:
        printed = parse_printed(f"{sign}{m.group('mant')}e{exp}")
    except PrintedError:
        return None
    raw = line[start : m.end()]
    canonical = f"{sign}{m.group('mant')}e{exp}"
    printed = Printed(raw, printed.value, printed.decimals, printed.sig)
    return (start, m.end(), Number(raw, printed, ln.lineno, start + 1, canonical=canonical))


def _power_of_ten(ln: _Line, m: re.Match) -> tuple[int, int, Number] | None:
    """`10^{-8}` as one number, 1e-8 (one significant digit), or None (in code, a URL)."""
    if (ln.code and not _inside(ln.io, m.start())) or _inside(ln.urls, m.start()):
        return None
    if _inside(ln.inline_code, m.start()):
        return None
    exp = (m.group("e1") or m.group("e2")).replace("\u2212", "-")
    canonical = f"1.0e{exp}"  # YAML reads `1e-8` as a string, `1.0e-8` as a number
    try:
        printed = parse_printed(f"1e{exp}")
    except PrintedError:
        return None
    raw = ln.text[m.start() : m.end()]
    printed = Printed(raw, printed.value, printed.decimals, printed.sig)
    return (m.start(), m.end(), Number(raw, printed, ln.lineno, m.start() + 1, canonical=canonical))


def _digit_run(ln: _Line, m: re.Match) -> tuple[int, int, Number | Skipped]:
    """One match of _NUMBER_RE: a printed number, or a skipped digit run with its class."""
    line = ln.text
    body_start = m.start("body")
    start = m.start()
    if m.group("minus") and not _sign_is_unary(line, m.start()):
        start = body_start
    end = m.end()
    raw = line[start:end]
    script = _script_of(line, start)
    kind = _skip_kind(ln, m, start, end, script)
    if kind is None and _inside(ln.supposed, start):
        kind = "supposed"
    if kind is None and _inside(ln.ranges, start):
        kind = "range"
    if kind is not None:
        return (start, end, Skipped(raw, ln.lineno, start + 1, kind))
    try:
        printed = parse_printed(raw.replace(",", "") if "," in m.group("body") else raw)
    except PrintedError:
        return (start, end, Skipped(raw, ln.lineno, start + 1, "identifier"))
    if "," in m.group("body"):
        printed = Printed(
            raw, printed.value, printed.decimals, printed.sig, printed.ellipsis, printed.percent
        )
    return (start, end, Number(raw, printed, ln.lineno, start + 1, exponent=script == "^"))


def _name_letter(c: str) -> bool:
    """A letter that can belong to a name with the digits next to it (`a1`, `w_2x`): Latin, Greek or
    Cyrillic. A letter of a script whose words attach to a number (Korean `0.1이라고`, Chinese
    `为0.5`, Japanese `0.3の`) is the prose around a value."""
    return c.isalpha() and ord(c) < 0x0530


def _skip_kind(ln: _Line, m: re.Match, start: int, end: int, script: str | None) -> str | None:
    """Why the digit run at [start, end) is not a printed value (a SKIP_KINDS key), or None."""
    line = ln.text
    body_start = m.start("body")
    before = line[body_start - 1] if body_start > 0 else ""
    after = line[end] if end < len(line) else ""
    head = line[:start]
    if (ln.code and not _inside(ln.io, start)) or _inside(ln.inline_code, start):
        return "code"
    if _inside(ln.urls, start):
        return "url"
    if _inside(ln.dates, body_start):
        return "date"
    if (before == "." and body_start >= 2 and line[body_start - 2].isdigit()) or (
        after == "." and end + 1 < len(line) and line[end + 1].isdigit()
    ):
        return "version"
    if (
        _name_letter(before)
        or before == "_"
        or script == "_"
        or ((_name_letter(after) or after == "_") and not m.group("suffix"))
    ):
        return "identifier"
    if script == "^" and not m.group("minus") and "." not in m.group("body"):
        return "power"
    if ln.numbering is not None and body_start == ln.numbering.start(1):
        return "numbering"
    if _LABEL_BEFORE_RE.search(head) or _CELL_RE.search(head) or (
        "=" in line
        and _EQ_NUMBER_RE.search(line)
        and _EQ_NUMBER_RE.search(line).start(1) == body_start
        and "." not in m.group("body")
    ):
        return "label"
    if (
        "." not in m.group("body")
        and not m.group("suffix")
        and (_COUNT_AFTER_RE.match(line[end:]) or _INDEX_BEFORE_RE.search(head) or _inside(ln.shapes, start))
    ):
        return "count"
    return None


def _key(n: Number) -> tuple[int, int]:
    return (n.line, n.col)


def _comment(s: str, limit: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 3] + "..."


def _excerpt(lines: list[str], n: int, limit: int = 90, col: int | None = None) -> str:
    """Line `n` of the article, cut to `limit` characters around column `col`."""
    line = " ".join(lines[n - 1].split()) if col is None else lines[n - 1]
    if col is None or len(line) <= limit:
        return _comment(line.strip(), limit)
    a = max(0, min(col - 1 - limit // 2, len(line) - limit))
    text = line[a : a + limit]
    return ("..." if a > 0 else "") + " ".join(text.split()) + ("..." if a + limit < len(line) else "")
