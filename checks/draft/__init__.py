"""Draft a case from an article's text: find every printed number and bind it to a step (issue 11).

`draft(article, "module:attribute", given_case=None)` reads a tutorial (plain text or Markdown,
with LaTeX fragments such as `\\frac{1}{1+e^{-0.21}}` or `0.3*0.57`), finds every printed number
with its text, line and column, and binds each to the worksheet step it most likely reports:

- a number that matches a step's exact or author's-chain value at its printed precision binds to
  that step; one that matches only through a known slip (sign, decimal slip, a factor 2, 1/2, N,
  lr, ...) binds to it with that verdict proposed;
- numbers inside a printed expression (`(0.3*0.57)+(0.9*0.59) = 0.702`) are the operands of the
  step its result binds to, each mapped to the step's input it matches by value, else by its
  place in the symbolic form the article prints in the same chain (`(w_{1,3}*y_3)+...`);
- restatements of given values are recognised as such; without `given_case` the given values
  are read from the text (`w = 0.8`, "the learning rate is 1", a given's place in a symbolic
  form) or listed as needed;
- a label next to the number (`y_3`, `\\Delta w_{2,3}`, `w_{1,1}(\\text{new})`) chooses among the
  steps by their names and labels; a step is no candidate at a line when a step it depends on is
  first printed further down (the second pass's y3 cannot be printed before its new weights).

A number that fits two steps is listed for a person with its candidates, never guessed; one that
fits nothing is listed as unbound with its line. The draft is a YAML case (valid against
`gradaudit.schema.Case`) with a comment giving each binding's line and reason. It is run once
through the runner: a proposed verdict the runner does not confirm is dropped, and said so.
"""

from __future__ import annotations

import inspect
import json
import math
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .. import _jax
from ..claims import candidate_factors
from ..printed import Printed, PrintedError, parse_printed
from ..schema import Case, StatementSpec
from ..vocab import Iteration, Quantity, Worksheet
from ..worksheet import Evaluator, WorksheetError, ancestors, evaluate, topological_order

__all__ = [
    "DraftError",
    "DraftResult",
    "Number",
    "Scan",
    "Skipped",
    "Outcome",
    "SKIP_KINDS",
    "draft",
    "find_numbers",
    "label_keys",
]


class DraftError(ValueError):
    """The article, the reference or the given case cannot be used (one line, names the input)."""


# ================================================================================================
# Finding numbers


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
    "label": "a label (Step 1, Example (1), Fig. 2, an equation number)",
    "count": "a count or index (10,000 epochs, 4 neurons, epoch 8000, 5 min read)",
    "code": "program code",
    "url": "inside a web address",
    "version": "a dotted version number",
}


@dataclass
class Scan:
    numbers: list[Number]
    skipped: list[Skipped]
    lines: list[str]

    def skipped_counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.skipped:
            out[s.kind] = out.get(s.kind, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


_NUMBER_RE = re.compile(
    r"(?P<sign>[-\u2212])?"
    r"(?P<body>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<exp>[eE][-+]?\d+(?![A-Za-z]))?"
    r"(?P<suffix>%|\.\.\.|\u2026)?"
)
# 1.2 \times 10^{-3}, 1.2 x 10^-3
_SCI_RE = re.compile(
    r"(?P<sign>[-\u2212])?(?P<mant>\d+(?:\.\d+)?)\s*(?:\\times|\\cdot|\u00d7|x|\*)\s*10\s*\^\s*"
    r"(?:\{\s*(?P<e1>[-\u2212+]?\d+)\s*\}|(?P<e2>[-\u2212+]?\d+))"
)
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
_CODE_LINE_RE = re.compile(
    r"\bnp\.|\bself\.|\btorch\.|\btf\.|\bjnp\.|\bmath\.|\brandom\."
    r"|^\s*(?:def\s|class\s+\w+|return\b|import\s|from\s+\S+\s+import|for\s+\w+\s+in\s|while\s|"
    r"elif\s|else\s*:|try\s*:|except\b|with\s.*:\s*$|print\s*\(|if\s.*:\s*$)"
    r"|\+=|-=|\*=|/=|==|!="
    r"|\b[A-Za-z_]\w*\.[A-Za-z_]\w*\s*\("
    r"|[(,]\s*[a-z_]\w*=[^=\s>]"
)
_NUMBERING_RE = re.compile(r"^\s*(?:[#>]+\s*|[-*+\u2022]\s+)?(\d+)[.)](?=\s|$)")
_LABEL_BEFORE_RE = re.compile(
    r"(?i)\b(?:step|example|image|img|fig|figure|table|section|sec|chapter|ch|eq|equation|part|"
    r"listing|page|appendix|lesson|module|exercise|version|item|case|rule|method|option)\.?\s*\(?\s*$"
)
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
_GENERIC_INDEX = set("ijklmnt")
_FUNCTION_WORDS = frozenset(
    "frac dfrac tfrac exp log ln sqrt sum prod max min sigmoid sigma tanh relu softmax left right "
    "text mathrm operatorname space quad qquad times cdot begin end aligned align e f g F partial "
    "nabla approx cdots ldots dots over limits".split()
)


def _sign_is_unary(line: str, sign_pos: int) -> bool:
    j = sign_pos - 1
    while j >= 0 and line[j] in " \t":
        j -= 1
    if j < 0:
        return True
    c = line[j]
    if c.isdigit() or c in ")]}%.":
        return False
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


def _is_code_line(line: str) -> bool:
    return bool(_CODE_LINE_RE.search(line))


def find_numbers(text: str) -> Scan:
    """Every digit run of `text`: the printed numbers, and the skipped ones with their class."""
    lines = text.splitlines()
    numbers: list[Number] = []
    skipped: list[Skipped] = []
    fenced = False
    for lineno, line in enumerate(lines, 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        code_line = fenced or _is_code_line(line)
        dates = _spans(_DATE_RES, line)
        urls = _spans([_URL_RE], line)
        inline_code = _spans([_INLINE_CODE_RE], line)
        numbering = _NUMBERING_RE.match(line)
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, int, Number | Skipped]] = []
        for m in _SCI_RE.finditer(line):
            if code_line or _inside(urls, m.start()) or _inside(inline_code, m.start()):
                continue
            start = m.start("mant") if m.group("sign") and not _sign_is_unary(line, m.start()) else m.start()
            exp = (m.group("e1") or m.group("e2")).replace("\u2212", "-")
            sign = "-" if start == m.start() and m.group("sign") else ""
            try:
                printed = parse_printed(f"{sign}{m.group('mant')}e{exp}")
            except PrintedError:
                continue
            raw = line[start : m.end()]
            canonical = f"{sign}{m.group('mant')}e{exp}"
            printed = Printed(raw, printed.value, printed.decimals, printed.sig)
            found.append((start, m.end(), Number(raw, printed, lineno, start + 1, canonical=canonical)))
            taken.append((start, m.end()))
        for m in _NUMBER_RE.finditer(line):
            if _inside(taken, m.start("body")):
                continue
            body_start = m.start("body")
            start = m.start()
            if m.group("sign") and not _sign_is_unary(line, m.start()):
                start = body_start
            end = m.end()
            raw = line[start:end]
            kind = None
            before = line[body_start - 1] if body_start > 0 else ""
            after = line[end] if end < len(line) else ""
            script = _script_of(line, start)
            head = line[:start]
            if code_line or _inside(inline_code, start):
                kind = "code"
            elif _inside(urls, start):
                kind = "url"
            elif _inside(dates, body_start):
                kind = "date"
            elif (before == "." and body_start >= 2 and line[body_start - 2].isdigit()) or (
                after == "." and end + 1 < len(line) and line[end + 1].isdigit()
            ):
                kind = "version"
            elif (
                before.isalpha()
                or before == "_"
                or script == "_"
                or ((after.isalpha() or after == "_") and not m.group("suffix"))
            ):
                kind = "identifier"
            elif script == "^" and not m.group("sign") and "." not in m.group("body"):
                kind = "power"
            elif numbering is not None and body_start == numbering.start(1):
                kind = "numbering"
            elif _LABEL_BEFORE_RE.search(head) or (
                "=" in line
                and _EQ_NUMBER_RE.search(line)
                and _EQ_NUMBER_RE.search(line).start(1) == body_start
                and "." not in m.group("body")
            ):
                kind = "label"
            elif (
                "." not in m.group("body")
                and not m.group("suffix")
                and (_COUNT_AFTER_RE.match(line[end:]) or _INDEX_BEFORE_RE.search(head))
            ):
                kind = "count"
            if kind is not None:
                found.append((start, end, Skipped(raw, lineno, start + 1, kind)))
                continue
            try:
                printed = parse_printed(raw.replace(",", "") if "," in m.group("body") else raw)
            except PrintedError:
                found.append((start, end, Skipped(raw, lineno, start + 1, "identifier")))
                continue
            if "," in m.group("body"):
                printed = Printed(
                    raw, printed.value, printed.decimals, printed.sig, printed.ellipsis, printed.percent
                )
            found.append((start, end, Number(raw, printed, lineno, start + 1, exponent=script == "^")))
        for _, _, item in sorted(found, key=lambda f: f[0]):
            (numbers if isinstance(item, Number) else skipped).append(item)
    return Scan(numbers, skipped, lines)


# ================================================================================================
# Labels and names


_LATEX_NAME = re.compile(r"\\(?:text|mathrm|mathit|operatorname|textrm|mathbf)\s*\{([^{}]*)\}")


def _clean_latex(s: str) -> str:
    s = _LATEX_NAME.sub(lambda m: m.group(1), s)
    s = s.replace("\u0394", "Delta ").replace("\u03b4", "delta").replace("\u03b7", "eta")
    s = re.sub(r"\\(Delta|delta|eta|alpha|sigma|theta|lambda|mu|partial|nabla)(?![A-Za-z])", r"\1", s)
    s = re.sub(r"\\[A-Za-z]+", " ", s)
    return s


def _norm(s: str) -> str:
    s = _clean_latex(s).lower()
    return re.sub(r"[^a-z0-9]", "", s)


def label_keys(label: str) -> list[set[str]]:
    """Normalised forms of a label, strongest first: [{exact forms}, {looser forms}].

    `y_3` -> y3; `\\delta_5` -> delta5; `w_{1,1}(\\text{new})` -> w11new; `\\Delta w_{2,3}` ->
    deltaw23 and dw23; `Error_j` -> errorj, then error (a generic index); `y_{target}` -> ytarget,
    then target; `a(w)` -> aw, then a.
    """
    base = _norm(label)
    strong = {base}
    if base.startswith("delta") and len(base) > 5:
        strong.add("d" + base[5:])
    loose: set[str] = set()
    cleaned = _clean_latex(label).strip()
    m = re.match(r"^(.*?)_\{?\s*([A-Za-z]+)\s*\}?$", cleaned)
    if m and _norm(m.group(1)):
        sub = m.group(2)
        if len(sub) == 1 and sub.lower() in _GENERIC_INDEX:
            loose.add(_norm(m.group(1)))
        elif len(sub) >= 3:
            loose |= {sub.lower(), _norm(m.group(1)) + sub.lower()}
    m = re.match(r"^(.*?)\s*\(\s*[A-Za-z]\s*\)$", cleaned)
    if m and _norm(m.group(1)):
        loose.add(_norm(m.group(1)))
    return [strong, loose - strong]


def _has_generic_index(label: str) -> bool:
    m = re.match(r"^(.*?)_\{?\s*([A-Za-z])\s*\}?$", _clean_latex(label).strip())
    return bool(m and m.group(2).lower() in _GENERIC_INDEX)


class _Names:
    """Steps and given values by every form of their names and labels."""

    def __init__(self, ws: Worksheet, given_names: list[str]):
        self.ws = ws
        self.givens = list(given_names)
        self.keys: dict[str, set[str]] = {}
        for name in list(ws.steps) + self.givens:
            label = ws.steps[name].label if name in ws.steps else name
            for k in set().union(*label_keys(name)[:1], *label_keys(label)[:1]):
                self.keys.setdefault(k, set()).add(name)
        self.lr_names = sorted(
            {s.means.lr for s in ws.steps.values() if s.means is not None and isinstance(s.means.lr, str)}
        )

    def _order(self, names) -> list[str]:
        pos = {n: i for i, n in enumerate(list(self.ws.steps) + self.givens)}
        return sorted(set(names), key=lambda n: pos.get(n, 1 << 30))

    def resolve(self, label: str, *, among: set[str] | None = None) -> tuple[list[str], str]:
        """Names the label can mean, and how ("name" / "loose" / "index"), strongest tier first."""
        strong, loose = label_keys(label)

        def pick(keys):
            out = set()
            for k in keys:
                out |= self.keys.get(k, set())
            return out if among is None else out & among

        for tier, keys in (("name", strong), ("loose", loose)):
            hit = pick(keys)
            if hit:
                return self._order(hit), tier
        base = _norm(label)
        if base and not _has_generic_index(label) and re.fullmatch(r"[a-z]+", base):
            hit = {n for k, ns in self.keys.items() if re.fullmatch(re.escape(base) + r"\d+", k) for n in ns}
            if among is not None:
                hit &= among
            if hit:
                return self._order(hit), "index"
        return [], ""


# ================================================================================================
# Chains: `lhs = expr = result` on a line (and continued on the next lines)


@dataclass
class _Segment:
    line: int
    start: int
    end: int
    text: str
    numbers: list[Number]


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

    @property
    def numbers(self) -> list[Number]:
        return sorted(self.results + self.operands, key=lambda n: (n.line, n.col))


_LABEL_RE = re.compile(
    r"^(?:(?:Delta|delta|d)\s*)?[A-Za-z][A-Za-z0-9]*(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?"
    r"(?:\s*\(\s*(?:new|old)\s*\))?(?:\s*\(\s*[A-Za-z]\s*\))?$"
    r"|^d[A-Za-z]\w*\s*/\s*d[A-Za-z]\w*$"
)
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


def _breaks(line: str) -> list[tuple[int, int]]:
    """Where prose interrupts math: stop words, sentence punctuation, ', word' at depth 0."""
    out = []
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
            if brace == 0 and prev not in "_^\\" and word.lower() in _PROSE and len(word) > 1:
                out.append((i, i + len(word)))
            i += len(word)
            continue
        elif c in ";?!" or (c == ":" and brace == 0):
            out.append((i, i + 1))
        elif c == "," and brace == 0 and paren == 0 and re.match(r",\s*[A-Za-z]{2,}", line[i:]):
            out.append((i, i + 1))
        elif c == "." and not (i > 0 and line[i - 1].isdigit() and i + 1 < n and line[i + 1].isdigit()):
            if (i + 1 >= n or line[i + 1] in " \t") and not line[i:].startswith("..."):
                out.append((i, i + 1))
        i += 1
    return out


def _strip_label(text: str) -> str:
    s = re.sub(r"\\begin\s*\{[^{}]*\}|\\end\s*\{[^{}]*\}", " ", text)
    s = s.replace("\\\\", " ").replace("&", " ").replace("$", " ")
    s = re.sub(r"^\s*[-*+\u2022]\s+", "", s)
    return _clean_latex(s).strip(" \t,")


def _label_of(text: str) -> str | None:
    s = _strip_label(text)
    s = re.sub(r"\s+", " ", s)
    if not s:
        return None
    if _LABEL_RE.match(s):
        return s
    if re.search(r"[-+*/^=\d]", re.sub(r"_\{[^{}]*\}|_\w+", "", s)):
        return None
    words = s.split(" ")
    for k in (2, 1):
        if len(words) >= k:
            cand = " ".join(words[-k:])
            if _LABEL_RE.match(cand) and (k == 1 or words[-2] in ("Delta", "delta")):
                return cand
    return None


def _only_number(seg: _Segment) -> Number | None:
    if len(seg.numbers) != 1:
        return None
    n = seg.numbers[0]
    rest = seg.text[: n.col - 1 - seg.start] + seg.text[n.end - seg.start :]
    rest = re.sub(r"\\end\s*\{[^{}]*\}|\\begin\s*\{[^{}]*\}|\\[,;!: ]|\\space|\\quad|\\qquad|\\\\", " ", rest)
    rest = re.sub(r"[\s()\[\]{}$&.,;:]", "", rest)
    return n if rest == "" else None


def _chains(scan: Scan) -> tuple[list[_Chain], set[tuple[int, int]]]:
    """The chains of the text, and the (line, col) of every number inside one.

    A line that starts with `=` (or `&=`, `=>`, `\\text{=>}`) continues the last labelled chain
    of the lines just above it (`\\delta_5 = y_5(1-y_5)...` then `= 0.67(1-0.67)(-0.17) = ...`).
    """
    by_line: dict[int, list[Number]] = {}
    for n in scan.numbers:
        by_line.setdefault(n.line, []).append(n)
    chains: list[_Chain] = []
    last: tuple[int, _Chain] | None = None  # the last labelled chain and its line
    for lineno, line in enumerate(scan.lines, 1):
        eqs = _equals_positions(line)
        if not eqs:
            continue
        cont = _CONTINUATION_RE.match(line)
        breaks = _breaks(line)
        groups: list[list[int]] = []
        for e in eqs:
            if groups and not any(groups[-1][-1] < b[0] and b[1] <= e for b in breaks):
                groups[-1].append(e)
            else:
                groups.append([e])
        nums = by_line.get(lineno, [])
        for gi, group in enumerate(groups):
            left = max([b[1] for b in breaks if b[1] <= group[0]], default=0)
            right = min([b[0] for b in breaks if b[0] >= group[-1]], default=len(line))
            cuts = [left] + group + [right]
            segs = []
            for i, (a, b) in enumerate(zip(cuts[:-1], cuts[1:])):
                a2 = a if i == 0 else a + 1
                segs.append(_Segment(lineno, a2, b, line[a2:b], [n for n in nums if a2 <= n.col - 1 < b]))
            first = segs[0]
            label = None if first.numbers else _label_of(first.text)
            if gi == 0 and cont is not None and label is None and last is not None and lineno - last[0] <= 3:
                head = last[1]
                head.segments.extend(segs if first.numbers else segs[1:])
                head.lines.append(lineno)
                last = (lineno, head)
                continue
            chain = _Chain(lineno, label, segs, lines=[lineno])
            chains.append(chain)
            if label is not None:
                last = (lineno, chain)
    in_chain: set[tuple[int, int]] = set()
    for chain in chains:
        body = chain.segments[1:] if chain.label is not None else chain.segments
        for i, seg in enumerate(body):
            only = _only_number(seg)
            if only is not None and (i > 0 or chain.label is not None):
                chain.results.append(only)
            elif seg.numbers:
                chain.groups.append(seg)
                chain.operands += seg.numbers
            if (not seg.numbers or all(n.is_integer for n in seg.numbers)) and _atoms(seg):
                chain.symbolic.append(seg)
        for n in chain.numbers:
            in_chain.add((n.line, n.col))
    return [c for c in chains if c.numbers], in_chain


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


def _slots(seg: _Segment) -> list[tuple[str, Any]]:
    """The symbolic form's slots in order: ("atom", text) and ("literal", value)."""
    items = [(pos, ("atom", text)) for pos, text in _atoms(seg)]
    items += [(n.col - 1, ("literal", n.printed.value)) for n in seg.numbers]
    return [s for _, s in sorted(items, key=lambda t: t[0])]


# ================================================================================================
# The model: a worksheet with its given values


def _scalar(v: Any) -> float | None:
    if v is None:
        return None
    a = np.asarray(v, dtype=np.float64)
    if a.size != 1:
        return None
    x = float(a.reshape(()))
    return x if math.isfinite(x) else None


def _fits(p: Printed, v: float | None) -> bool:
    if v is None:
        return False
    if p.passes(v):
        return True
    return p.sig >= 3 and not p.ellipsis and p.truncates(v)


def _neg(p: Printed) -> Printed:
    return Printed(p.text, -p.value, p.decimals, p.sig, p.ellipsis, p.percent)


def _g(x: float | None) -> str:
    if x is None:
        return "unknown"
    return f"{x:.6g}"


class _Model:
    def __init__(self, ws: Worksheet, given: dict[str, Any]):
        self.ws = ws
        self.given = given
        self.ev = Evaluator(ws)
        self.order = topological_order(ws)
        chains = evaluate(ws, given, {}, {}, self.ev)
        self.exact = {k: _scalar(v) for k, v in chains.exact.items()}
        self.names = _Names(ws, ws.given_names)
        self.anc = {s: (ancestors(ws, s) - {s}) & set(ws.steps) for s in ws.steps}
        lr = next(
            (s.means.lr for s in ws.steps.values() if s.means is not None and s.means.lr is not None), None
        )
        lr_value = _scalar(given.get(lr)) if isinstance(lr, str) else (float(lr) if lr is not None else None)
        self.factors = {k: v for k, v in candidate_factors(ws.sizes, lr_value).items() if abs(v) != 1.0}
        self._chains: dict[tuple, Any] = {}

    def chains(self, printed: dict[str, float], operands: dict[str, dict[str, float]]):
        key = (
            tuple(sorted(printed.items())),
            tuple(sorted((k, tuple(sorted(v.items()))) for k, v in operands.items())),
        )
        if key not in self._chains:
            self._chains[key] = evaluate(
                self.ws, self.given, {k: {(): v} for k, v in printed.items()}, operands, self.ev
            )
        return self._chains[key]

    def author_args(self, step: str, chains, printed: dict[str, float], ops: dict[str, float]) -> list:
        args = []
        for a in self.ws.steps[step].inputs:
            if a in ops:
                args.append(np.asarray(ops[a], dtype=np.float64))
            elif a in printed and a in self.ws.steps:
                args.append(np.asarray(printed[a], dtype=np.float64))
            else:
                args.append(chains.author.get(a))
        return args

    def author_value(self, step: str, chains, printed, ops) -> tuple[float | None, float | None]:
        """(the step's author's-chain value, the old value's author's chain for an update step)."""
        args = self.author_args(step, chains, printed, ops)
        s = self.ws.steps[step]
        old = None
        if s.means is not None and s.means.kind == "update":
            if s.means.of in s.inputs:
                old = _scalar(args[s.inputs.index(s.means.of)])
            else:
                old = _scalar(chains.author.get(s.means.of))
        if any(a is None for a in args):
            return None, old
        try:
            return _scalar(self.ev.call(s, args)), old
        except WorksheetError:
            return None, old

    def slip(
        self, step: str, p: Printed, exact: float | None, author: float | None, old_author: float | None
    ) -> tuple[str, str | None, str] | None:
        """The first known slip (sign, decimal-slip, factor) that explains printed, as DESIGN.md 3."""
        if p.ellipsis:
            return None
        vals = [("exact", exact), ("author's chain", author)]
        s = self.ws.steps[step]
        changes = []
        if s.means is not None and s.means.kind == "update":
            old_exact = self.exact.get(s.means.of)
            if exact is not None and old_exact is not None:
                changes.append(("exact", p.value - old_exact, exact - old_exact))
            if author is not None and old_author is not None:
                changes.append(("author's chain", p.value - old_author, author - old_author))
        for chain, v in vals:
            if v is not None and _neg(p).passes(v):
                return "sign", None, f"{chain} {_g(v)}; printed {p.text} has the sign flipped"
        for chain, pc, vc in changes:
            if abs(-pc - vc) <= p.tolerance(vc) and abs(vc) > p.tolerance(vc):
                return "sign", None, f"the change on the {chain} is {_g(vc)}; printed {p.text} flips its sign"
        for chain, v in vals:
            if v is None or v == 0:
                continue
            for k in range(-9, 10):
                if k and Printed(p.text, p.value * 10.0**k, p.decimals - k, p.sig).passes(v):
                    if k < 0:
                        times = str(10**-k) if -k <= 3 else f"10^{-k}"
                    else:
                        times = f"1/{10**k}" if k <= 3 else f"10^-{k}"
                    return "decimal-slip", None, f"{chain} {_g(v)}; printed {p.text} = {times} x that"
        for chain, v in vals:
            if v is None:
                continue
            for name, c in self.factors.items():
                if abs(p.value - c * v) <= p.tolerance(c * v):
                    return "factor", name, f"{chain} {_g(v)}; printed {p.text} = {name} x that"
        for chain, pc, vc in changes:
            for name, c in self.factors.items():
                if abs(pc - c * vc) <= p.tolerance(vc) and abs(vc) > p.tolerance(vc):
                    return (
                        "factor",
                        name,
                        (
                            f"the change on the {chain} is {_g(vc)}; printed {p.text} "
                            f"is the old value plus {name} x that"
                        ),
                    )
        return None


# ================================================================================================
# Binding


@dataclass
class Outcome:
    """What the draft made of one printed number."""

    number: Number
    kind: str  # claim, repeat, operand, given, statement, noted, constant, ambiguous, unbound
    target: str = ""  # step or given name, statement row
    input: str | None = None  # operands: the input of `target` it stands for
    reason: str = ""
    proposed: str | None = None
    factor: str | None = None
    candidates: list[str] = field(default_factory=list)
    suggestion: str | None = None
    text: str = ""  # the text written to the case (an operand in an exponent loses its minus)

    @property
    def bound(self) -> bool:
        return self.kind in ("claim", "repeat", "operand", "given", "statement", "noted")


@dataclass
class _State:
    outcomes: dict[tuple[int, int], Outcome] = field(default_factory=dict)
    claims: dict[str, Outcome] = field(default_factory=dict)
    operands: dict[str, dict[str, Outcome]] = field(default_factory=dict)
    op_seen: dict[str, list[tuple[Printed, int]]] = field(
        default_factory=dict
    )  # numbers printed for an input

    def printed(self) -> dict[str, float]:
        return {k: o.number.printed.value for k, o in self.claims.items()}

    def operand_values(self) -> dict[str, dict[str, float]]:
        return {
            s: {i: parse_printed(o.text).value for i, o in ops.items()} for s, ops in self.operands.items()
        }


def _key(n: Number) -> tuple[int, int]:
    return (n.line, n.col)


_NEAR_CUES = (
    "near",
    "around",
    "about",
    "approximately",
    "roughly",
    "close to",
    "nearly",
    "almost",
    "~",
    "\u2248",
)
_LIMIT_CUES = (
    "converge",
    "closer",
    "approach",
    "tends",
    "tending",
    "going to",
    "going closer",
    "limit",
    "continue",
    "eventually",
    "settle",
)


class _Binder:
    def __init__(self, model: _Model, scan: Scan, chains: list[_Chain], prose: list[Number]):
        self.m = model
        self.ws = model.ws
        self.scan = scan
        self.chains = chains
        self.prose = prose
        events: list[tuple[tuple[int, int], Any]] = [
            ((c.numbers[0].line, c.numbers[0].col), c) for c in chains
        ]
        events += [(_key(n), n) for n in prose]
        self.events = [e for _, e in sorted(events, key=lambda t: t[0])]
        self.first_line: dict[str, int] = {}

    # --- the passes -----------------------------------------------------------------------------

    def run(self) -> _State:
        state = _State()
        signature = None
        for _ in range(4):
            state = _State()
            for e in self.events:
                if isinstance(e, _Chain):
                    self._chain(e, state)
                else:
                    self._prose(e, state)
            sig = sorted((k, o.kind, o.target, o.input) for k, o in state.outcomes.items())
            first: dict[str, int] = {}
            for o in state.outcomes.values():
                if o.kind in ("claim", "repeat", "operand"):
                    names = [o.target] + ([o.input] if o.input in self.ws.steps else [])
                    for nm in names:
                        first[nm] = min(first.get(nm, 1 << 30), o.number.line)
            if sig == signature and first == self.first_line:
                break
            signature, self.first_line = sig, first
        for step, ops in state.operands.items():
            if step not in state.claims:
                for o in ops.values():
                    o.kind = "noted"
                    o.reason += f"; not written: {step}'s own result is not printed, and a claim needs one"
        return state

    def _excluded(self, step: str, line: int) -> str | None:
        later = [
            (self.first_line[t], t) for t in self.m.anc.get(step, ()) if self.first_line.get(t, 0) > line
        ]
        if later:
            fl, t = max(later)
            return f"{step} depends on {t}, first printed on line {fl}"
        return None

    def _filter(self, cands: list[str], line: int) -> tuple[list[str], list[str]]:
        kept, why = [], []
        for c in cands:
            reason = self._excluded(c, line) if c in self.ws.steps else None
            if reason:
                why.append(reason)
            else:
                kept.append(c)
        return (kept, why) if kept else (cands, [])

    # --- operands ---------------------------------------------------------------------------------

    def _input_values(self, step: str, state: _State, chains) -> dict[str, list[tuple[float, str]]]:
        printed = state.printed()
        out = {}
        for a in self.ws.steps[step].inputs:
            vals = []
            if self.m.exact.get(a) is not None:
                vals.append(
                    (self.m.exact[a], "the given value" if a not in self.ws.steps else "the exact value")
                )
            av = _scalar(chains.author.get(a))
            if av is not None and a in self.ws.steps:
                vals.append((av, "the author's-chain value"))
            if a in printed and a in self.ws.steps:
                o = state.claims[a]
                vals.append((printed[a], f"{a} as printed on line {o.number.line}"))
            for p, ln in state.op_seen.get(a, []):
                vals.append((p.value, f"the number printed for {a} on line {ln}"))
            out[a] = vals
        return out

    def _map_operands(self, step: str, chain: _Chain, state: _State, chains):
        """{number key: (input | None, how)}; how "constant" marks a formula constant."""
        inputs = self.ws.steps[step].inputs
        values = self._input_values(step, state, chains)
        out: dict[tuple[int, int], tuple[str | None, str, list[str], bool]] = {}
        for group in chain.groups:
            self._map_group(group, chain, inputs, values, out)
        # `\frac{1}{1+e^{-1.0}}` with a = 1.0: where a decimal-printed number stands for an input,
        # an integer mapped to the same input is the formula's constant.
        by_input: dict[str, list[Number]] = {}
        for n in chain.operands:
            if out.get(_key(n), (None,))[0] is not None:
                by_input.setdefault(out[_key(n)][0], []).append(n)
        for inp, ns in by_input.items():
            if any(not n.is_integer for n in ns):
                for n in ns:
                    if n.is_integer:
                        out[_key(n)] = (None, "constant", [], False)
        return out

    def _map_group(self, group: _Segment, chain: _Chain, inputs, values, out) -> None:
        nums = group.numbers
        if group in chain.symbolic:  # `y_5(1-y_5)`: the formula's own constants
            for n in nums:
                out[_key(n)] = (None, "constant", [], False)
            return
        align = None
        for seg in chain.symbolic:
            slots = _slots(seg)
            if len(slots) == len(nums) and all(
                kind == "atom" or abs(val - n.printed.value) < 1e-12 for (kind, val), n in zip(slots, nums)
            ):
                align = (slots, seg)
                break
        for i, n in enumerate(nums):
            p = n.printed
            slot = align[0][i] if align else None
            if slot is not None and slot[0] == "literal":
                out[_key(n)] = (None, "constant", [], False)
                continue
            # An integer stands for an input only when it is that input's value exactly (eta = 1):
            # at no decimals, "1" would pass anything from 0.5 to 1.5.
            if n.is_integer:

                def ok(q, v):
                    return abs(v - q.value) <= 1e-9 * max(1.0, abs(v))
            else:

                def ok(q, v):
                    return q.passes(v)

            fits = [a for a in inputs if any(ok(p, v) for v, _ in values[a])]
            negated = False
            if not fits and n.exponent:
                fits = [a for a in inputs if any(ok(_neg(p), v) for v, _ in values[a])]
                negated = bool(fits)
            q = _neg(p) if negated else p
            exact = [
                a for a in fits if any(abs(v - q.value) <= 1e-9 * max(1.0, abs(v)) for v, _ in values[a])
            ]
            if len(fits) > 1 and len(exact) == 1:
                # 0.1 is lr = 0.1 to every printed digit, and dE/dw = 0.067 only at one decimal
                fits = exact
            place: list[str] = []
            if slot is not None:
                place, _ = self.m.names.resolve(slot[1], among=set(inputs))
            how_val = lambda a: next(w for v, w in values[a] if ok(_neg(p) if negated else p, v))  # noqa: E731
            if len(fits) == 1:
                extra = " (the minus belongs to the exponent)" if negated else ""
                out[_key(n)] = (fits[0], f"matches {how_val(fits[0])}{extra}", [], negated)
            elif len(fits) > 1:
                both = [a for a in place if a in fits]
                if len(both) == 1:
                    out[_key(n)] = (
                        both[0],
                        f"matches {', '.join(fits)} by value; its place in "
                        f"`{align[1].text.strip()}` (line {align[1].line}) says {both[0]}",
                        [],
                        negated,
                    )
                else:
                    out[_key(n)] = (None, "ambiguous", fits, negated)
            elif len(place) == 1:
                where = f"`{align[1].text.strip()}` (line {align[1].line})"
                out[_key(n)] = (place[0], f"no input by value; its place in {where}", [], False)
            elif n.is_integer:
                out[_key(n)] = (None, "constant", [], False)
            else:
                out[_key(n)] = (None, "unmapped", [], False)

    # --- chains -----------------------------------------------------------------------------------

    def _candidates_for(self, chain: _Chain) -> tuple[list[str], str]:
        if chain.label is None:
            return [], ""
        names, tier = self.m.names.resolve(chain.label)
        return names, tier

    def _chain(self, chain: _Chain, state: _State) -> None:
        line = chain.numbers[0].line
        names, tier = self._candidates_for(chain)
        label_txt = f"label {chain.label}" if chain.label else ""
        cs = self.m.chains(state.printed(), state.operand_values())
        # Operands may change a step's author value: evaluate each candidate with its own mapping.
        # No label: the result may be any step or given value it matches by value. A label that
        # names nothing in the worksheet (`n = 1`) says the number is something else.
        pool = names if names or chain.label else list(self.ws.steps) + list(self.ws.given_names)
        pool, excluded = self._filter(pool, line)
        evals = {}
        for c in pool:
            if c in self.ws.steps:
                mapping = self._map_operands(c, chain, state, cs)
                ops = {
                    mapping[_key(n)][0]: (-n.printed.value if mapping[_key(n)][3] else n.printed.value)
                    for n in chain.operands
                    if mapping[_key(n)][0] is not None
                }
                author, old = self.m.author_value(c, cs, state.printed(), ops)
                evals[c] = (mapping, self.m.exact.get(c), author, old)
            else:
                evals[c] = ({}, self.m.exact.get(c), self.m.exact.get(c), None)

        def fit_level(c, r: Number):
            mapping, exact, author, old = evals[c]
            p = r.printed
            if _fits(p, exact) or _fits(p, author):
                which = "exact" if _fits(p, exact) else "author's chain"
                v = exact if which == "exact" else author
                return "value", f"{which} {_g(v)}", None
            # Through a slip only with a label, or with 3 significant digits (fewer fit by chance).
            if c in self.ws.steps and (names or p.sig >= 3):
                s = self.m.slip(c, p, exact, author, old)
                if s is not None:
                    return "slip", s[2], s
            return "none", f"exact {_g(exact)}, author's chain {_g(author)}", None

        results = chain.results
        chosen: str | None = None
        why = ""
        ambiguous: list[str] = []
        if results:
            r = results[-1]
            levels = {c: fit_level(c, r) for c in pool}
            value = [c for c in pool if levels[c][0] == "value"]
            slips = [c for c in pool if levels[c][0] == "slip"]
            if names and len(pool) == 1:
                chosen = pool[0]
                why = (
                    f"{label_txt} names {chosen}"
                    if len(names) == 1
                    else f"{label_txt} fits {', '.join(names)}"
                )
            elif len(value) == 1:
                chosen = value[0]
                if names and len(pool) > 1:
                    why = f"{label_txt} fits {', '.join(pool)}; only {chosen} matches by value"
                else:
                    why = f"{label_txt} names {chosen}" if names else f"only {chosen} matches by value"
            elif len(value) > 1:
                ambiguous = value
            elif len(slips) == 1 and (names or r.printed.sig >= 3):
                chosen = slips[0]
                why = (
                    f"{label_txt} fits {', '.join(pool)}; only {chosen} matches through a slip"
                    if names
                    else f"only {chosen} matches, through a slip"
                )
            elif names:
                ambiguous = pool
            elif len(slips) > 1:
                ambiguous = slips
            if excluded and chosen and names:
                why += "; " + "; ".join(excluded)
        else:
            full = []
            for c in pool:
                if c not in self.ws.steps:
                    continue
                mapping = evals[c][0]
                kinds = [mapping[_key(n)] for n in chain.operands]
                by_value = all(
                    k[1] == "constant" or (k[0] is not None and k[1].startswith("matches")) for k in kinds
                )
                if kinds and by_value and any(k[0] is not None for k in kinds):
                    full.append(c)
            if names and len([c for c in pool if c in self.ws.steps]) == 1:
                chosen = [c for c in pool if c in self.ws.steps][0]
                why = (
                    f"{label_txt} names {chosen}"
                    if len(names) == 1
                    else f"{label_txt} fits {', '.join(names)}"
                )
            elif names and len(full) == 1:
                chosen = full[0]
                why = f"{label_txt} fits {', '.join(pool)}; only {chosen}'s inputs match the numbers in it"
            elif names:
                ambiguous = [c for c in pool if c in self.ws.steps]
            if excluded and chosen:
                why += "; " + "; ".join(excluded)

        if chosen is None:
            # Every number of the chain waits for a person; constants of every reading are constants,
            # and a given value that every reading maps the same number to is that given value.
            steps_in_pool = [c for c in pool if c in self.ws.steps]
            symbolic = {_key(n) for seg in chain.symbolic for n in seg.numbers}
            for n in chain.numbers:
                readings = [evals[c][0].get(_key(n), (None, "")) for c in (ambiguous or steps_in_pool)]
                same_given = {r[0] for r in readings}
                constant = n in chain.operands and readings and all(r[1] == "constant" for r in readings)
                if _key(n) in symbolic or constant:
                    state.outcomes[_key(n)] = Outcome(n, "constant", reason="a constant of the formula")
                elif (
                    n in chain.operands
                    and readings
                    and len(same_given) == 1
                    and None not in same_given
                    and next(iter(same_given)) not in self.ws.steps
                ):
                    g = next(iter(same_given))
                    state.outcomes[_key(n)] = Outcome(
                        n,
                        "given",
                        target=g,
                        reason=(
                            f"the given value {g} restated in the expression (every reading of the step "
                            f"maps it there)"
                        ),
                    )
                elif ambiguous:
                    cands = (
                        ambiguous
                        if n in results
                        else [
                            f"{c}<-{evals[c][0][_key(n)][0]}" if evals[c][0].get(_key(n), (None,))[0] else c
                            for c in ambiguous
                        ]
                    )
                    sugg, sugg_why = self._suggest(ambiguous, state)
                    state.outcomes[_key(n)] = Outcome(
                        n,
                        "ambiguous",
                        candidates=cands,
                        suggestion=sugg,
                        reason=f"{label_txt + ' ' if label_txt else ''}fits {', '.join(ambiguous)}{sugg_why}",
                    )
                else:
                    why_not = (
                        f"{label_txt} names no step or given value"
                        if chain.label and not names
                        else "no step or given value matches it"
                    )
                    if n in results and names:
                        why_not = f"{label_txt} fits {', '.join(names)}, but none of them matches it"
                    state.outcomes[_key(n)] = Outcome(n, "unbound", reason=why_not)
            return

        if chosen not in self.ws.steps:
            for n in chain.numbers:
                if n in results:
                    self._bind_given(n, chosen, state, why, allow_claim=bool(names))
                else:
                    state.outcomes[_key(n)] = Outcome(
                        n, "unbound", reason=f"in an expression for the given value {chosen}"
                    )
            return

        mapping, exact, author, old = evals[chosen]
        for n in chain.operands:
            inp, how, fits, negated = mapping[_key(n)]
            if how == "constant":
                state.outcomes[_key(n)] = Outcome(
                    n, "constant", target=chosen, reason=f"a constant of {chosen}'s formula"
                )
            elif how == "ambiguous":
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "ambiguous",
                    candidates=[f"{chosen}<-{a}" for a in fits],
                    reason=f"in {chosen}'s expression it fits the inputs {', '.join(fits)} by value",
                )
            elif inp is None:
                inputs = ", ".join(self.ws.steps[chosen].inputs)
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "unbound",
                    reason=f"in {chosen}'s expression, but it matches none of its inputs ({inputs})",
                )
            else:
                text = n.plain.lstrip("-") if negated else n.plain
                self._bind_operand(n, chosen, inp, text, f"{how} (an operand of {chosen}: {why})", state)
        for r in results:
            level, detail, slip = fit_level(chosen, r)
            reason = f"{why}; {detail}"
            if level == "slip":
                self._bind_claim(r, chosen, reason, state, proposed=slip[0], factor=slip[1])
            elif level == "value":
                self._bind_claim(r, chosen, reason, state)
            else:
                self._bind_claim(
                    r, chosen, f"{reason}; printed {r.text} fits no rule, so the runner judges it", state
                )

    def _suggest(self, cands: list[str], state: _State) -> tuple[str | None, str]:
        free = [c for c in cands if c not in state.claims]
        taken = [c for c in cands if c in state.claims]
        if len(free) == 1 and taken:
            t = "; ".join(
                f"{c} is printed {state.claims[c].number.text} on line {state.claims[c].number.line}"
                for c in taken
            )
            return free[0], f"; {t}, so {free[0]} is likelier"
        return None, ""

    def _bind_operand(self, n: Number, step: str, inp: str, text: str, reason: str, state: _State) -> None:
        ops = state.operands.setdefault(step, {})
        if inp in ops:
            prev = ops[inp]
            if parse_printed(prev.text).value == parse_printed(text).value:
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "repeat",
                    target=step,
                    input=inp,
                    text=text,
                    reason=f"the operand {inp} of {step} again (line {prev.number.line})",
                )
            else:
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "ambiguous",
                    candidates=[f"{step}<-{inp}"],
                    text=text,
                    reason=f"{step}'s operand {inp} is printed {prev.text} on line {prev.number.line} "
                    f"and {text} here",
                )
            return
        o = Outcome(n, "operand", target=step, input=inp, reason=reason, text=text)
        ops[inp] = o
        state.outcomes[_key(n)] = o
        state.op_seen.setdefault(inp, []).append((parse_printed(text), n.line))

    def _bind_claim(
        self, n: Number, step: str, reason: str, state: _State, proposed=None, factor=None
    ) -> None:
        if step in state.claims:
            prev = state.claims[step]
            if (
                prev.number.printed.value == n.printed.value
                and prev.number.printed.decimals == n.printed.decimals
            ):
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "repeat",
                    target=step,
                    text=n.text,
                    reason=f"{step} again (printed on line {prev.number.line})",
                )
            else:
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "ambiguous",
                    candidates=[step],
                    text=n.text,
                    reason=f"{reason}; but {step} is already printed {prev.number.text} on line "
                        f"{prev.number.line}",
                )
            return
        o = Outcome(n, "claim", target=step, reason=reason, proposed=proposed, factor=factor, text=n.plain)
        state.claims[step] = o
        state.outcomes[_key(n)] = o

    def _bind_given(self, n: Number, name: str, state: _State, why: str, *, allow_claim: bool) -> None:
        v = self.m.exact.get(name)
        if v is None and self.m.given.get(name) is None:
            state.outcomes[_key(n)] = Outcome(
                n, "given", target=name, reason=f"{why}; its value is not known otherwise"
            )
        elif _fits(n.printed, v):
            state.outcomes[_key(n)] = Outcome(
                n, "given", target=name, reason=f"{why}: the given value {_g(v)} restated"
            )
        elif allow_claim:
            self._bind_claim(n, name, f"{why}, but the given value is {_g(v)}", state)
        else:
            state.outcomes[_key(n)] = Outcome(n, "unbound", reason=f"{why}, but the given value is {_g(v)}")

    # --- prose ------------------------------------------------------------------------------------

    def _cues(self, n: Number) -> list[str]:
        line = self.scan.lines[n.line - 1]
        clause = re.split(r"[.;:!?]\s|,\s|\d", line[: n.col - 1])[-1]
        words = re.findall(r"[A-Za-z_][A-Za-z0-9_{}]*", clause)[-5:]
        out: list[str] = []
        if re.search(r"(?i)learning\s+rate|step\s+size", clause):
            out += self.m.names.lr_names
        for w in words:
            if w.lower() in _PROSE or len(w) < 2:
                continue
            hit, tier = self.m.names.resolve(w)
            if tier == "name":
                out += hit
        return list(dict.fromkeys(out))

    def _prose(self, n: Number, state: _State) -> None:
        p = n.printed
        cues = self._cues(n)
        cs = self.m.chains(state.printed(), state.operand_values())
        fits = []
        for s in self.ws.steps:
            author = _scalar(cs.author.get(s))
            if _fits(p, self.m.exact.get(s)) or (author is not None and p.passes(author)):
                fits.append(s)
        fits += [
            g for g in self.ws.given_names if self.m.exact.get(g) is not None and p.passes(self.m.exact[g])
        ]
        if n.is_integer and not cues:
            state.outcomes[_key(n)] = Outcome(
                n, "unbound", reason="a bare integer in prose; no label names a step"
            )
            return
        if cues:
            both = [c for c in fits if c in cues]
            if not both:
                named = ", ".join(f"{c} ({_g(self.m.exact.get(c))})" for c in cues)
                if not fits:
                    state.outcomes[_key(n)] = Outcome(
                        n, "unbound", reason=f"the words before it name {named}, which it does not match"
                    )
                    return
            else:
                fits = both
        exact_given = [
            g
            for g in fits
            if g not in self.ws.steps
            and self.m.exact.get(g) is not None
            and abs(self.m.exact[g] - p.value) <= 1e-12 * max(1.0, abs(p.value))
        ]
        if exact_given and len(exact_given) < len(fits):
            # every printed digit of a given value, against a step it matches only at that precision
            fits = exact_given
        fits, excluded = self._filter(fits, n.line)
        taken = [f for f in fits if f in state.claims and state.claims[f].number.printed.value != p.value]
        if len(fits) == 1 and taken:
            c = state.claims[fits[0]]
            state.outcomes[_key(n)] = Outcome(
                n,
                "unbound",
                reason=(
                    f"matches {fits[0]} by value, but {fits[0]} is printed {c.number.text} on line "
                    f"{c.number.line}"
                ),
            )
            return
        if len(fits) == 1:
            f = fits[0]
            why = (
                "the words before it name it and its value matches"
                if f in cues
                else "the only value it matches"
            )
            if excluded:
                why += "; " + "; ".join(excluded)
            if f in self.ws.steps:
                v = self.m.exact.get(f) if _fits(p, self.m.exact.get(f)) else _scalar(cs.author.get(f))
                which = "exact" if _fits(p, self.m.exact.get(f)) else "author's chain"
                self._bind_claim(n, f, f"{why} ({which} {_g(v)})", state)
            else:
                self._bind_given(n, f, state, why, allow_claim=False)
            return
        if len(fits) > 1:
            sugg, sugg_why = self._suggest([f for f in fits if f in self.ws.steps], state)
            state.outcomes[_key(n)] = Outcome(
                n,
                "ambiguous",
                candidates=fits,
                suggestion=sugg,
                reason=f"its value matches {', '.join(fits)}{sugg_why}",
            )
            return
        if p.sig >= 3 and not p.ellipsis:
            # With 3 significant digits, a number that one step explains through a known slip
            # is that step's, with the slip proposed (the runner confirms it or the draft drops it).
            slips = {}
            for st in self.ws.steps:
                author, old = self.m.author_value(st, cs, state.printed(), {})
                got = self.m.slip(st, p, self.m.exact.get(st), author, old)
                if got is not None:
                    slips[st] = got
            slips = {k: v for k, v in slips.items() if k not in state.claims}
            if len(slips) == 1:
                ((st, got),) = slips.items()
                self._bind_claim(
                    n,
                    st,
                    f"only {st} matches, through a slip; {got[2]}",
                    state,
                    proposed=got[0],
                    factor=got[1],
                )
                return
            if len(slips) > 1:
                state.outcomes[_key(n)] = Outcome(
                    n,
                    "ambiguous",
                    candidates=sorted(slips),
                    reason=f"matches {', '.join(sorted(slips))} only through slips",
                )
                return
        state.outcomes[_key(n)] = Outcome(n, "unbound", reason="no step or given value matches it")


# ================================================================================================
# Statements: claims that are one number about a Quantity or an Iteration of the reference


def _sentence(lines: list[str], n: Number) -> str:
    line = lines[n.line - 1]
    cut = n.col - 1
    starts = [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z])", line[:cut])]
    start = starts[-1] if starts else 0
    m = re.search(r"[.!?\u2026](?=\s+[A-Z]|\s*$)", line[n.end :])
    end = n.end + m.end() if m else len(line)
    return line[start:end].strip()


def _iteration_start(ws: Worksheet, names: _Names, obj: Iteration, given: dict) -> str | None:
    params = [p.name for p in inspect.signature(obj.fn).parameters.values()]
    if not params:
        return None
    scalars = {g for g in given if _scalar(given[g]) is not None}
    if params[0] in scalars:
        return params[0]
    hit, _ = names.resolve(params[0], among=scalars)
    return hit[0] if len(hit) == 1 else None


def _iteration_steps(obj: Iteration, start: float, given: dict) -> int | None:
    params = list(inspect.signature(obj.fn).parameters.values())
    kwargs = {}
    for p in params[1:]:
        if p.kind is p.VAR_KEYWORD:
            kwargs.update({k: v for k, v in given.items() if k != params[0].name})
        elif p.name in given:
            kwargs[p.name] = given[p.name]
    w = float(start)
    with np.errstate(all="ignore"):
        for k in range(1, 2001):
            try:
                nxt = _scalar(obj.fn(w, **kwargs))
            except Exception:  # noqa: BLE001  (a start the iteration cannot take: no statement)
                return None
            if nxt is None:
                return None
            if abs(nxt - w) <= 4 * np.spacing(max(abs(w), abs(nxt))):
                return int(min(2000, max(20, math.ceil((k + 10) / 10) * 10)))
            w = nxt
    return None


def _bind_statements(ws: Worksheet, model: _Model, scan: Scan, state: _State, given: dict) -> dict[str, dict]:
    """Statement specs for prose numbers no step took; fills `state.outcomes`."""
    from ..statements import check_statement

    kinds = {n: o for n, o in ws.statements.items() if isinstance(o, (Quantity, Iteration))}
    if not kinds:
        return {}
    specs: dict[str, dict] = {}
    counts: dict[str, int] = {}
    for key, o in sorted(state.outcomes.items()):
        if o.kind != "unbound" or o.number.is_integer:
            continue
        n = o.number
        p = n.printed
        fits = []
        for name, obj in kinds.items():
            spec: dict[str, Any] = {}
            if isinstance(obj, Quantity):
                tol = 0.5 * p.unit if not p.ellipsis else p.unit
                spec = {
                    "method": "near",
                    "claimed": n.plain,
                    "tolerance": float(f"{tol:.12g}"),
                    "chosen": ["tolerance"],
                    "note": "drafted: the tolerance is half a unit of the printed last digit",
                }
            else:
                start = _iteration_start(ws, model.names, obj, given)
                if start is None:
                    continue
                steps = _iteration_steps(obj, given[start], given)
                if steps is None:
                    continue
                spec = {
                    "method": "converges",
                    "claimed": n.plain,
                    "start": start,
                    "steps": steps,
                    "chosen": ["steps"],
                    "note": f"drafted: {steps} steps take the iteration from {start} to its fixed point "
                    "in float64",
                }
            try:
                st = StatementSpec(**{k: v for k, v in spec.items() if k != "claimed"}, claimed=n.plain)
                row = check_statement(name, obj, st, given, n.plain)
            except (ValueError, TypeError):
                continue
            if row.verdict == "holds":
                fits.append((name, spec, row))
        if not fits:
            continue
        sentence = _sentence(scan.lines, n)
        low = scan.lines[n.line - 1][: n.col - 1].lower()
        clause = low[max(low.rfind(". "), 0) :]
        if len(fits) > 1:
            near = [f for f in fits if f[1]["method"] == "near"]
            limit = [f for f in fits if f[1]["method"] == "converges"]
            cue_near = next((c for c in _NEAR_CUES if c in clause), None)
            cue_limit = next((c for c in _LIMIT_CUES if c in clause), None)
            if cue_limit and not cue_near and len(limit) == 1:
                fits, cue = limit, cue_limit
            elif cue_near and not cue_limit and len(near) == 1:
                fits, cue = near, cue_near
            else:
                cue = None
        else:
            cue = None
        if len(fits) > 1:
            state.outcomes[key] = Outcome(
                n,
                "ambiguous",
                candidates=[f[0] for f in fits],
                reason=f"holds for the statements {', '.join(f[0] for f in fits)}",
            )
            continue
        name, spec, row = fits[0]
        counts[name] = counts.get(name, 0) + 1
        row_id = name if counts[name] == 1 else f"{name}_{counts[name]}"
        while row_id in ws.statements and row_id != name:
            counts[name] += 1
            row_id = f"{name}_{counts[name]}"
        spec = dict(spec, text=sentence)
        if row_id != name:
            spec["of"] = name
        specs[row_id] = spec
        state.outcomes[key] = Outcome(
            n,
            "statement",
            target=row_id,
            text=n.plain,
            reason=f"{row.explanation}" + (f"; the sentence says '{cue}'" if cue else ""),
        )
    return specs


# ================================================================================================
# Given values


@dataclass
class _GivenFound:
    value: Any
    text: str
    line: int
    how: str


def _givens_from_text(
    ws: Worksheet, names: _Names, scan: Scan, chains: list[_Chain], prose: list[Number]
) -> tuple[dict[str, _GivenFound], list[str]]:
    givens = set(ws.given_names)
    found: dict[str, list[tuple[int, _GivenFound]]] = {}

    def add(name, n: Number, how, rank):
        value = (
            int(n.printed.value)
            if n.is_integer and re.fullmatch(r"[-\u2212]?\d+", n.text)
            else n.printed.value
        )
        found.setdefault(name, []).append((rank, _GivenFound(value, n.plain, n.line, how)))

    for c in chains:
        if c.label is not None and len(c.results) == 1 and not c.operands:
            hit, tier = names.resolve(c.label, among=givens)
            if len(hit) == 1:
                # `w = 0.8` may also read as a step w1: a bare assignment is taken as the given,
                # after any assignment that names only a given value
                steps_hit, _ = names.resolve(c.label, among=set(ws.steps))
                r = c.results[0]
                add(
                    hit[0],
                    r,
                    f"printed as `{_excerpt(scan.lines, r.line, 60, r.col)}`",
                    0 if not steps_hit else 1,
                )
        for seg in c.symbolic:
            slots = _slots(seg)
            if len(slots) != len(c.operands):
                continue
            if not all(
                k == "atom" or abs(v - n.printed.value) < 1e-12 for (k, v), n in zip(slots, c.operands)
            ):
                continue
            for (k, v), n in zip(slots, c.operands):
                if k != "atom":
                    continue
                hit, tier = names.resolve(v, among=givens)
                if len(hit) == 1 and tier in ("name", "loose"):
                    add(
                        hit[0],
                        n,
                        f"printed in the place of {v.strip()} in `{seg.text.strip()}` (line {seg.line})",
                        3,
                    )
            break
    for n in prose:
        line = scan.lines[n.line - 1]
        clause = re.split(r"[.;:!?]\s|,\s|\d", line[: n.col - 1])[-1]
        cands: list[str] = []
        if re.search(r"(?i)(learning\s+rate|step\s+size)\s*(?:is|of|=|:|was|equals|to)?\s*$", clause):
            cands += [g for g in names.lr_names if g in givens]
        tail = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", clause)[-4:]
        for w in tail:
            if w.lower() in _PROSE:
                continue
            hit, tier = names.resolve(w, among=givens)
            if tier == "name":
                cands += hit
        cands = list(dict.fromkeys(cands))
        if len(cands) == 1:
            add(cands[0], n, f"named by the words before it: '{clause.strip()[-40:]}'", 2)
    chosen: dict[str, _GivenFound] = {}
    notes: list[str] = []
    for name, items in found.items():
        items.sort(key=lambda t: (t[0], t[1].line))
        best = items[0][1]
        chosen[name] = best
        others = sorted(
            {(f.text, f.line) for r, f in items if r == items[0][0] and f.value != best.value},
            key=lambda t: t[1],
        )
        if others:
            notes.append(
                f"{name}: took {best.text} (line {best.line}); the text also gives "
                + ", ".join(f"{t} (line {ln})" for t, ln in others)
            )
    return chosen, notes


def _givens_from_case(
    path: str, reference: str
) -> tuple[dict[str, Any], dict[str, str], dict[str, str], str]:
    from ..cases import load_file

    file, _, wanted = str(path).partition("::")
    cases, errors = load_file(file)
    if not cases:
        why = f" ({str(errors[0]).splitlines()[0]})" if errors else ""
        raise DraftError(f"--given {path}: no case could be loaded{why}")
    if wanted:
        pick = [c for c in cases if c.spec.id == wanted]
    else:
        pick = [c for c in cases if c.spec.reference == reference]
    if not pick:
        what = f"no case with id {wanted!r}" if wanted else f"no case with reference {reference}"
        raise DraftError(f"--given {path}: {what} (cases: {', '.join(c.spec.id for c in cases)})")
    case = pick[0]
    texts = {k: case.text("given", k) for k in case.spec.given}
    texts = {k: t for k, t in texts.items() if t is not None}
    return dict(case.spec.given), dict(case.spec.inferred), texts, case.spec.id


# ================================================================================================
# The result


@dataclass
class DraftResult:
    yaml: str
    summary: str
    case_id: str
    scan: Scan
    outcomes: list[Outcome]
    givens: dict[str, Any]
    given_source: dict[str, str]
    needed: list[str]
    proposals: dict[str, tuple[str, str | None]]  # row -> (verdict, factor), as written
    dropped: list[str]  # proposals the runner did not confirm, with what it said
    run: Any = None  # gradaudit.runner.CaseResult of the verification run, or None

    def of_kind(self, *kinds: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind in kinds]

    @property
    def counts(self) -> dict[str, int]:
        bound = len(self.of_kind("claim", "repeat", "operand", "given", "statement", "noted"))
        return {
            "numbers": len(self.scan.numbers) + len(self.scan.skipped),
            "skipped": len(self.scan.skipped),
            "printed": len(self.scan.numbers),
            "bound": bound,
            "constants": len(self.of_kind("constant")),
            "ambiguous": len(self.of_kind("ambiguous")),
            "unbound": len(self.of_kind("unbound")),
        }


def _resolve_reference(reference: str):
    module_name, sep, attr = reference.partition(":")
    if not sep or not module_name or not attr:
        raise DraftError(
            f"--reference {reference!r}: expected module:attribute "
            "(e.g. reference.geeksforgeeks:worked_example)"
        )
    from ..resolve import ReferenceNotAllowed, import_reference_module, project_root

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
    ws: Worksheet = ctx["ws"]
    lines_of: list[str] = ctx["lines"]
    out: list[str] = []
    c = ctx["counts"]
    out += [
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
    ]
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
    claims: dict[str, Outcome] = ctx["claims"]
    operands: dict[str, dict[str, Outcome]] = ctx["operands"]
    if claims:
        out.append("  claims:")
        for step in [s for s in ctx["order"] if s in claims] + [g for g in claims if g not in ws.steps]:
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
    specs = ctx["statements"]
    if specs:
        out.append("  statements:")
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
                elif (
                    isinstance(v, str) and k in ("method", "of", "start") and re.fullmatch(r"[A-Za-z_]\w*", v)
                ):
                    out.append(f"      {k}: {v}")
                elif isinstance(v, str):
                    out.append(f"      {k}: {json.dumps(v, ensure_ascii=False)}")
                else:
                    out.append(f"      {k}: {_yaml_value(v)}")
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


def _verify(yaml_text: str, proposals: dict[str, tuple[str, str | None, str]], case_id: str, ws: Worksheet):
    """Load and run the draft; the proposals the runner confirms, and what it said of the others."""
    from ..cases import load_file
    from ..runner import run_case

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{case_id}.yaml"
        path.write_text(yaml_text, encoding="utf-8")
        cases, errors = load_file(path)
        if errors or not cases:
            raise DraftError(
                "the draft does not load as a case (a bug in gradaudit draft): "
                + (str(errors[0]).splitlines()[0] if errors else "no case")
            )
        result = run_case(cases[0], ws, draws=2)  # the worksheet already resolved in the user's project
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


@_jax.scoped
def draft(article_path, reference: str, given_case=None, *, verify: bool = True) -> DraftResult:
    """Draft a case for `article_path` (text or Markdown) against the worksheet `reference`
    ("module:attribute"). `given_case` ("file.yaml" or "file.yaml::case-id") supplies the given
    values; without it they are read from the text. With `verify`, the draft is run once and a
    proposed verdict the runner does not confirm is dropped."""
    article = Path(article_path)
    try:
        text = article.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise DraftError(f"cannot read the article {article}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise DraftError(f"the article {article} is not UTF-8 text (byte {exc.start})") from None
    ws = _resolve_reference(reference)
    scan = find_numbers(text)
    chains, in_chain = _chains(scan)
    prose = [n for n in scan.numbers if _key(n) not in in_chain]
    names = _Names(ws, ws.given_names)

    inferred: dict[str, str] = {}
    given_text: dict[str, str] = {}
    notes: list[str] = []
    if given_case is not None:
        given, inferred, given_text, cid = _givens_from_case(given_case, reference)
        given_source = {k: f"from {Path(str(given_case).partition('::')[0]).name} ({cid})" for k in given}
    else:
        found, notes = _givens_from_text(ws, names, scan, chains, prose)
        given = {k: f.value for k, f in found.items()}
        given_text = {k: f.text for k, f in found.items()}
        given_source = {k: f"line {f.line}: {f.how}" for k, f in found.items()}
    needed = [g for g in ws.given_names if given.get(g) is None]
    for g in needed:
        given.setdefault(g, None)
        given_source[g] = "NEEDED: the text does not give it"

    try:
        model = _Model(ws, given)
        state = _Binder(model, scan, chains, prose).run()
    except WorksheetError as exc:
        raise DraftError(
            f"--reference {reference}: the worksheet cannot be evaluated at the given values: {exc}"
        ) from None
    stmt_given = {k: v for k, v in given.items() if v is not None}
    specs = _bind_statements(ws, model, scan, state, stmt_given) if not needed else {}
    outcomes = [
        state.outcomes.get(_key(n)) or Outcome(n, "unbound", reason="not reached") for n in scan.numbers
    ]

    proposals = {}
    for step, o in state.claims.items():
        if o.proposed:
            proposals[step] = (o.proposed, o.factor, f"line {o.number.line}: {o.reason.split('; ')[-1]}")
    ctx = {
        "ws": ws,
        "lines": scan.lines,
        "article": str(article),
        "article_name": article.name,
        "reference": reference,
        "id": _case_id(article),
        "title": _title(scan.lines),
        "givens": given,
        "given_text": given_text,
        "given_source": given_source,
        "inferred": inferred,
        "claims": state.claims,
        "operands": {s: ops for s, ops in state.operands.items() if s in state.claims},
        "order": model.order,
        "statements": specs,
        "statement_outcomes": {o.target: o for o in outcomes if o.kind == "statement"},
    }
    result = DraftResult("", "", ctx["id"], scan, outcomes, given, given_source, needed, {}, [])
    ctx["counts"] = result.counts
    ctx["for_a_person"] = _for_a_person(outcomes, scan.lines, needed, notes, scan.skipped_counts())
    yaml_text = _render(ctx, proposals, [])
    try:
        Case.model_validate(_plain(yaml_text))
    except Exception as exc:  # noqa: BLE001  (a bug here, said in one line)
        raise DraftError(f"the draft is not a valid case (a bug in gradaudit draft): {exc}") from None
    dropped: list[str] = []
    if verify:
        run, proposals, dropped = _verify(yaml_text, proposals, ctx["id"], ws)
        result.run = run
        yaml_text = _render(ctx, proposals, dropped)
    result.yaml = yaml_text
    result.proposals = {k: (v, f) for k, (v, f, _) in proposals.items()}
    result.dropped = dropped
    result.summary = _summary(result, ctx, notes)
    return result


def _plain(yaml_text: str) -> dict:
    """The draft's one case as plain data (for schema validation without the loader)."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(yaml_text)
    return data[0]


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
