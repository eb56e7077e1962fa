"""Notation: an article's text rewritten, line for line, into the one spelling the draft reads.

Tutorials print the same thing many ways. Before numbers are found, each line is rewritten so
that the finder, the chains and the labels see one form (the line count never changes, so every
line number the draft reports is the article's):

- a LaTeX `array` (`\\left[\\begin{array}{cc} ... \\end{array}\\right]`) is a `bmatrix`;
- a row break with a spacing (`\\\\[2pt]`) is a row break; LaTeX spacing (`New\\ Weight`, `\\,`,
  `\\quad`) a space; math delimiters (`$`, `\\(`, `\\)`,
  `\\[`, `\\]`), Markdown emphasis (`**`), HTML tags and entities become spaces; a table's `|`
  ends a clause (`;`);
- wrappers that only style a value (`\\boxed{3.155}`, `\\mathbf{0.95}`, `\\textbf{...}`) are
  dropped, keeping what they hold (a box whose braces hold braces or lines of their own too:
  `boxes`);
- Unicode sub- and superscripts (`x₁`, `xᵢ`, `x²`) become `x_1`, `x_i`, `x^2`; a letter's index
  after a subscript letter is one subscript (`δ_Z₃`: `\\delta_{Z3}`);
- `\\hat{y}` and `ŷ` become `y_{hat}` (`\\hat{y}_1` and `\\hat{y_1}`: `y_{hat,1}`, two subscripts in one);
  `W_5^+`, `W_{5}^{+}`, `w_1'`, `w3*`, `w_3^*`, `\\tilde{w}_3` and `w̃_3` before `=` become
  `W_5(new)`, as do `w^{new}`, `w_1^{(new)}`,
  `w^{t+1}`, `w_{t+1}`, `w_{updated}` and `W^{(2)}_{\\text{new}}`, and so does an update written
  `W_5 \\leftarrow ...` (`←`, `\\gets`): `W_5(new) = ...`; a subscript written in braces of its
  own (`\\delta{_2}`) is `\\delta_2`; a layer index written as a superscript (`z^{(1)}_2`,
  `a_1^{(1)}`, `W^{[2]}`, a Greek letter's `\\delta^{(2)}`) becomes a subscript that puts the
  layer first (`z_{1,2}`, `a_{1,1}`, `W_{2}`, `\\delta_{2}`);
- a program's element before `=` (`W1[0][1] =`, `W1[0, 1] =`, indices from 0) is named as the math
  names it, from 1 (`W1_{1,2} =`); in an article whose single indices after names without digits
  name more of the worksheet's quantities as printed than from 0 (layers.py), each is a layer
  number as printed, wherever it stands (`W[1] =`, `W[4]^T`, `e^{Z[4]}`: `W_{1}`, `W_{4}^T`, ...);
- "the gradient (of the loss) with respect to w3 is" becomes `grad_{w3} =` (the one gradient step of w3);
- derivatives as fractions (`\\frac{\\partial E}{\\partial w_5}`, `\\frac{∂E_{total}}{∂W_{5}}`,
  `∂E/∂w`, `\\partial E/\\partial w`) become `dE/dw_5`, and a gradient written with nabla
  (`\\nabla loss(scores)`, `\\nabla_{W} L`) `dloss/dscores`, `dL/dW`;
- a call of a function the article defines, and the tuple it prints, become `input: ... ;` and
  `output: ... ;` statements (calls.py);
- products (`×`, `\\times`, `\\cdot`, `·`, `\\text{×}`) become `*`, an en dash between spaces
  a minus, and `≈` (`\\approx`) an `=` (a rounded result is a printed result);
- an update written with the name it updates on both sides (`w = w - eta * dL/dw`, `W_1 := W_1 -
  ...`, after a list item's marker too) becomes `w(new) = ...`, and so do the lines that assign the
  name just below such a formula
  (`\\therefore W_1 = ...`), and `new w = ...`, `Updated w = ...`; `X := ...` is `X = ...`; a line
  that is only a name, a colon and a number (`H1: 0.615`, as code prints) and a printed dict's
  `'H1': 0.615` are assignments; a derivative of a function written with its
  arguments (`\\frac{\\partial J(W, b)}{\\partial W_1}`) is `dJ/dW_1`;
- a Markdown table of one row under a header that names a quantity per column reads as
  assignments (`| H1 | y |` over `| 0.59 | 0.75 |`: `H1 = 0.59`, `y = 0.75`);
- an output block's items, one per top-level print call of the code block above it, are
  assignments to the names printed (`W_x(new) = ...` when the code updated W_x from itself before
  printing it: `cell_prints`);
- full-width parentheses (`（`, `）`, as Chinese and Japanese texts write them) are parentheses;
- a diagram's block (```mermaid) is its labels that state a value (`"dL/db = −1"`), a clause each
  (`diagrams`).
"""

from __future__ import annotations

import html
import re

from .boxes import unbox
from .calls import rewrite_calls
from .cell_prints import name_printed_items
from .diagrams import diagram_labels
from .layers import LAYER_INDEX

_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉ₐₑₒₓᵢⱼₖₗₘₙₚₛₜ₊₋", "0123456789aeoxijklmnpst+-"))
_SUP = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹ⁱⁿ⁺⁻ᵀ", "0123456789in+-T"))

_STYLE = re.compile(
    r"\\(?:boxed|mathbf|mathcal|textbf|bm|boldsymbol|underline|mathit|mathrm|color\{[^{}]*\})\s*\{([^{}]*)\}"
)
_BRACE = r"\{((?:[^{}]|\{[^{}]*\})*)\}"
_FRAC_D = re.compile(
    r"\\[dt]?frac\s*\{\s*(?:\\partial|∂|d)\s*((?:[^{}]|\{[^{}]*\})*?)\s*\}\s*"
    r"\{\s*(?:\\partial|∂|d)\s*((?:[^{}]|\{[^{}]*\})*?)\s*\}"
)
_SLASH_D = re.compile(r"∂\s*([A-Za-z][\w{}]*)\s*/\s*∂\s*([A-Za-z][\w{}]*)")
# `\nabla loss(scores)` (the gradient of loss with respect to scores), `\nabla_{W} L`
_NABLA = re.compile(
    r"\\nabla\s*([A-Za-z]\w*)\s*\(\s*([A-Za-z]\w*)\s*\)|\\nabla_\{?\s*(\\?[A-Za-z]\w*)\s*\}?\s*([A-Za-z]\w*)"
)
# `\\hat{y}`, `\\hat y`, `\\hat{y_1}` (the subscript inside the hat): `y_{hat}`, `y_{hat}_1`
_HAT = re.compile(
    r"\\(?:hat|widehat)\s*\{\s*([A-Za-z])\s*(_\{[^{}]*\}|_[A-Za-z0-9]+)?\s*\}|\\hat\s+([A-Za-z])"
)


def hats(s: str) -> str:
    """`\\hat{y}` -> `y_{hat}`, `\\hat{y_1}` and `\\hat{y}_1` -> `y_{hat,1}`, `ŷ` -> `y_{hat}`."""
    s = s.replace("ŷ", "y_{hat}").replace("y\u0302", "y_{hat}")
    s = _HAT.sub(lambda m: f"{m.group(1) or m.group(3)}_{{hat}}{m.group(2) or ''}", s)
    return _TWO_SUBS.sub(lambda m: f"_{{{m.group(1)},{m.group(2) or m.group(3)}}}", s)
_SCRIPT = r"(?:_\{[^{}]*\}|_[A-Za-z0-9])"
_LAYER_SUP = re.compile(
    r"(?P<name>(?<![\\A-Za-z])(?:\\(?:delta|Delta|theta|omega|beta|alpha|gamma|epsilon|varepsilon|sigma|phi))?[A-Za-z]*"
    r"(?<=[A-Za-z]))(?P<sub1>" + _SCRIPT + r")?"
    r"\^\{?\s*[(\[]\s*(?P<layer>\d+)\s*[)\]]\s*\}?(?P<sub2>" + _SCRIPT + r")?"
)
_PLUS = re.compile(
    r"(?P<name>(?<![\\A-Za-z])[A-Za-z]+" + _SCRIPT + r"?)\s*\^\s*(?:\{\s*\+\s*\}|\+(?![\d.{]))"
)
_ARROW = re.compile(
    r"(?P<name>(?<![\\A-Za-z])[A-Za-z]+" + _SCRIPT + r"?)\s*"
    r"(?:\\leftarrow(?![A-Za-z])|\\gets(?![A-Za-z])|\u2190)"
)
# `w^{new}`, `w_1^{(new)}`, `w^{\text{new}}`, `w^{t+1}`, `w_{updated}`, `w_{t+1}`: the updated value
_NEW_SCRIPT = re.compile(
    r"(?P<name>(?<![\\A-Za-z])[A-Za-z]+" + _SCRIPT + r"?)\s*"
    r"(?:\^\s*\{\s*\(?\s*(?:\\text\s*\{\s*new\s*\}|new|updated|t\s*\+\s*1)\s*\)?\s*\}|\^\s*(?:new|updated)\b"
    r"|_\{\s*(?:updated|new|\\text\s*\{\s*(?:updated|new)\s*\}|t\s*\+\s*1)\s*\})"
)
# `new w = ...`, `Updated W_2 = ...`: the updated value
_NEW_WORD = re.compile(
    r"\b(?:[Nn]ew|[Uu]pdated)\s+(?P<name>(?<![\\A-Za-z])[A-Za-z]+" + _SCRIPT + r"?)(?=\s*=(?![=>]))"
)
# `H1: 0.615` (a line that is a name, a colon and one number or list) and `{'H1': 0.615, ...}` (a
# printed dict): assignments
_COLON_LINE = re.compile(
    r"^(?P<lead>\s*(?:[-*+]\s+)?)(?P<name>[A-Za-z][\w'/()\[\]{}^\\]*?)\s*:\s+"
    r"(?P<value>[-\u2212]?\d[\d.eE+-]*|\[[-\u2212\d.,\s\[\]eE+]*\])\s*$"
)
_DICT_KEY = re.compile(r"(?P<q>['\"])(?P<name>[A-Za-z][\w/]*)(?P=q)\s*:\s*(?=[-\u2212\d.\[])")
_TWO_SUBS = re.compile(r"_\{([^{}]*)\}_(?:\{([^{}]*)\}|([A-Za-z0-9]))")  # `y_{hat}_1`: one subscript
_OWN_BRACE_SUB = re.compile(r"(?<=[A-Za-z])\{\s*_(\{[^{}]*\}|[A-Za-z0-9]+)\s*\}")
# `w_1' =`, `w3' =`, `w3* =`, `w_3^* =`, `w^{\prime} =`: the updated value (a mark after the name, before `=`)
_PRIME = re.compile(
    r"(?P<name>(?<![\\A-Za-z])[A-Za-z]+\d*" + _SCRIPT + r"?)"
    r"(?:'|\*|\^\s*(?:\{\s*(?:\*|\\ast|\\prime|')\s*\}|\*|\\ast|\\prime|'))(?=\s*=(?![=>]))"
)
# `\tilde{w}_3 =`, `\tilde{w_3} =`, `w̃_3 =` (a combining tilde): the updated value too
_TILDE = re.compile(
    r"(?:\\(?:tilde|widetilde)\s*\{\s*(?P<a>[A-Za-z]+" + _SCRIPT + r"?)\s*\}|\\tilde\s+(?P<b>[A-Za-z])"
    r"|(?P<c>[A-Za-z])\u0303)(?P<sub>\d*" + _SCRIPT + r"?)(?=\s*=(?![=>]))"
)
_LETTER_INDEX = re.compile(r"(?<=[A-Za-z\u03b4])_([A-Za-z])_(\d{1,2})(?![\w{])")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# LaTeX spacing (`\ `, `\,`, `\;`, `\:`, `\!`, `\quad`, `\qquad`), not a row break's `\\`: a space
_LATEX_SPACE = re.compile(r"(?<!\\)\\(?:[ ,;:!]|q?quad(?![A-Za-z]))")
# `W1[0][1] =`, `W1[0, 1] =`, `b1[0] =`: a program's element (indices from 0) named as the math does
# (from 1): `W1_{1,2} =`, `b1_{1} =`
_INDEXED = re.compile(
    r"(?<![\w\]\[.'\"])(?P<name>[A-Za-z][A-Za-z0-9]*)\[\s*(?P<i>\d+)\s*(?:\]\s*\[\s*|,\s*)?(?P<j>\d+)?\s*\]"
    r"(?=\s*=(?![=>]))"
)
# "the gradient (of the loss) with respect to w3 is", "derivative w.r.t. w_3 =": `grad_{w_3} =`
_WRT = re.compile(
    r"(?i)\b(?:the\s+)?(?:partial\s+)?(?:gradient|derivative)\s+(?:of\s+(?:the\s+)?[A-Za-z]\w*\s+)?"
    r"(?:with\s+respect\s+to|w\.\s?r\.\s?t\.?|wrt)\s+(?P<x>[A-Za-z]+\d*" + _SCRIPT + r"?)"
    r"\s*(?:is|was|equals|comes\s+out\s+as|=|:)\s+(?=[-\u2212]?\.?\d)"
)


def _unbrace(s: str) -> str:
    """`{loss}` -> `loss`, `{\\mathit{h1}}` -> `\\mathit{h1}`: one pair of braces around the whole."""
    s = s.strip()
    if s.startswith("{") and s.endswith("}") and "{" not in s[1:-1].replace("\\mathit{", ""):
        return s[1:-1].strip()
    return s


def _no_args(s: str) -> str:
    """`J(W, b)` -> `J`: the function whose derivative a fraction prints, without its arguments."""
    return re.sub(r"^(\\?[A-Za-z][\w{}\\]*?)\s*\([^()]*\)$", r"\1", s)


def _sub_text(s: str) -> str:
    return s[2:-1] if s.startswith("_{") else s[1:]


def _layer(m: re.Match) -> str:
    subs = [_sub_text(x) for x in (m.group("sub1"), m.group("sub2")) if x]
    return f"{m.group('name')}_{{{','.join([m.group('layer')] + subs)}}}"


def _scripts(line: str) -> str:
    out = []
    prev = ""
    for c in line:
        if c in _SUB:
            out.append(_SUB[c] if prev == "sub" else "_" + _SUB[c])
            prev = "sub"
        elif c in _SUP:
            out.append(_SUP[c] if prev == "sup" else "^" + _SUP[c])
            prev = "sup"
        else:
            out.append(c)
            prev = ""
    return "".join(out)


_MATH_LINE = re.compile(r"^\s*\$.*\$\s*$")
_DOTTED_CALL = re.compile(r"\b(np|numpy|torch|tf|jnp|math)\.(?=[A-Za-z_]\w*\s*\()")


def normalise_line(line: str, layers: bool = False) -> str:
    s = LAYER_INDEX.sub(r"\g<name>_{\g<i>}", line) if layers else line
    if "<" in s:
        s = _TAG.sub(lambda m: " " * len(m.group(0)), s)
    if "&" in s and re.search(r"&(?:#\d+|[a-z]+);", s):
        s = html.unescape(s).replace("\u00a0", " ")
    s = _scripts(s)
    if "_" in s:  # `δ_Z₃` (`δ_Z_3`): one subscript `\delta_{Z3}`, a Greek delta as LaTeX spells it
        s = _LETTER_INDEX.sub(r"_{\1\2}", s).replace("δ_", "\\delta_")
    if "array" in s:  # `\\left[\\begin{array}{cc} ... \\end{array}\\right]`: a matrix
        s = re.sub(r"(?:\\left\s*[\[(]\s*)?\\begin\s*\{array\}\s*\{[lcr|\s]*\}", r"\\begin{bmatrix}", s)
        s = re.sub(r"\\end\s*\{array\}(?:\s*\\right\s*[\])])?", r"\\end{bmatrix}", s)
    s = s.replace("\uff08", "(").replace("\uff09", ")")
    # a row break with its spacing (`\\\\[4pt]`) is a row break: its `\\[` is no math delimiter
    s = re.sub(r"(?<=\\\\)\[\s*-?[\d.]+\s*(?:pt|em|ex|mm|cm|in|mu)\s*\]", lambda m: " " * len(m.group(0)), s)
    if _MATH_LINE.match(s):  # `$np.mean(v) = 5$`: in math, a program's call names a quantity
        s = _DOTTED_CALL.sub(lambda m: f"{m.group(1)} ", s)
    s = re.sub(r"\\[()\[\]]|\$", lambda m: " " * len(m.group(0)), s)
    s = _LATEX_SPACE.sub(lambda m: " " * len(m.group(0)), s)  # `New\ Weight`: one label of two words
    s = s.replace("**", "  ").replace("|", ";").replace("&=", " =")
    for _ in range(2):
        s = _STYLE.sub(lambda m: m.group(1), s)
    s = hats(s)
    s = _FRAC_D.sub(lambda m: f"d{_no_args(_unbrace(m.group(1)))}/d{_unbrace(m.group(2))}", s)
    s = _NABLA.sub(lambda m: f"d{m.group(1) or m.group(4)}/d{m.group(2) or m.group(3)}", s)
    s = re.sub(r"\\partial(?![A-Za-z])\s*", "∂", s)  # `\\partial L/\\partial w` as `∂L/∂w`
    s = _SLASH_D.sub(lambda m: f"d{m.group(1)}/d{m.group(2)}", s)
    s = _OWN_BRACE_SUB.sub(lambda m: "_" + m.group(1), s)
    s = _LAYER_SUP.sub(_layer, s)
    s = _PLUS.sub(lambda m: f"{m.group('name')}(new)", s)
    s = _NEW_SCRIPT.sub(lambda m: f"{m.group('name')}(new)", s)
    s = _ARROW.sub(lambda m: f"{m.group('name')}(new) =", s)
    s = _INDEXED.sub(
        lambda m: f"{m.group('name')}_{{{int(m.group('i')) + 1}"
        + (f",{int(m.group('j')) + 1}" if m.group("j") else "")
        + "}",
        s,
    )
    s = _WRT.sub(lambda m: f"grad_{{{m.group('x')}}} = ", s)
    s = _TILDE.sub(lambda m: f"{m.group('a') or m.group('b') or m.group('c')}{m.group('sub')}(new)", s)
    s = _PRIME.sub(lambda m: f"{m.group('name')}(new)", s)
    s = _NEW_WORD.sub(lambda m: f"{m.group('name')}(new)", s)
    s = _COLON_LINE.sub(lambda m: f"{m.group('lead')}{m.group('name')} = {m.group('value')}", s)
    if "{" in s and _DICT_KEY.search(s):  # a printed dict: its braces hold no math
        s = _DICT_KEY.sub(lambda m: f"{m.group('name')} = ", s).replace("{", " ").replace("}", " ")
    s = re.sub(r"\\text\s*\{\s*(?:×|\\times)\s*\}|\\times|\\cdot|[×·⋅]", " * ", s)
    s = s.replace(" – ", " - ").replace("∂", "d")
    s = re.sub(r"\\approx(?![A-Za-z])|≈|\\simeq(?![A-Za-z])|≃", " = ", s)
    return _table_row(s)


_LONE_NUMBER = re.compile(r"\s*[-\u2212]?\d+(?:\.\d+)?%?\s*")
_ROW_LABEL = re.compile(r"\s*\\?[A-Za-z][\w{}\\/ ]*\s*")


def _table_row(s: str) -> str:
    """A table row that gives a name in its first cell and the example's value in its last
    (`| b | the bias | 0.5 |`, `| W_1, W_2 | weights | 0.5, 2 |`) reads as an assignment,
    `; b = 0.5 ; the bias ;`; a row whose first cell is a named chain goes on into its last
    (`| z1 = x*w1 | 0.5 |`, `| dL/dz1 = dL/dh*(1 - h^2) | -0.5682*0.7864 = -0.4469 |`). Only when
    the cells between hold no digit and the last cell is one number per name (or, after a chain,
    a number, `≈` a number, or a chain with no name of its own); a first cell that only numbers
    the step (`| 1 | z_1 = 0.5 * 2 | 1.0 |`) is kept and the rest read so."""
    cells = s.split(";")
    if len(cells) < 4 or cells[0].strip() or cells[-1].strip():
        return s
    if len(cells) >= 5 and re.fullmatch(r"\s*\d{1,3}\.?\s*", cells[1]) and "=" in cells[2]:
        # `| 1 | z_1 = 0.5 * 2 | 1.0 |`: a step's number first, the row is what follows it
        return f";{cells[1]}" + _table_row(";" + ";".join(cells[2:]))
    first, middle = cells[1], cells[2:-2]
    # `| e = 0.6225 - 1 | ≈ -0.3775 |` (`≈` read as `=`): the value cell's own `=` goes
    last = re.sub(r"^\s*=(?=\s*[-\u2212]?\d)", " ", cells[-2]) if "=" in first else cells[-2]
    if any(re.search(r"\d", c) for c in middle) or not last.strip():
        return s
    head = last.split("=")[0]  # `2(4.5 - 5) = -1`: a chain with no name of its own
    unnamed_chain = "=" in last and re.search(r"\d", head) and not _ROW_LABEL.fullmatch(head)
    if "=" in first:  # `z1 = x*w1 | 0.5`: the row's chain goes on into its last cell
        if not _ROW_LABEL.fullmatch(first.split("=")[0]) or not (
            _LONE_NUMBER.fullmatch(last) or unnamed_chain
        ):
            return s
        names, values = [first], [last]
    else:
        names = first.split(",")
        values = last.split(",") if len(names) > 1 else [last]
        if not all(_ROW_LABEL.fullmatch(n) for n in names):
            return s
        if len(values) != len(names) or not all(_LONE_NUMBER.fullmatch(v) for v in values):
            return s  # `| w_i | the weight | w_1 = 0.5, w_2 = 1.0 |` names its own numbers; a chain
            # in the last cell (`| dL/dw | the slope | 2(0 - 3) = -6 |`) binds by its value
    pairs = ", ".join(f"{n.strip()} = {v.strip()}" for n, v in zip(names, values))
    rest = ";".join(c for c in middle)
    return f"; {pairs} ;{rest};" if middle else f"; {pairs} ;"


_NAME = r"\\?[A-Za-z][A-Za-z0-9]*(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?"
# a list item's marker (`* W_1 := ...`, `- w = w - ...`, `2. w := ...`) may come first
_LEAD = r"^(?P<lead>\s*(?:(?:[-*+\u2022]|\d{1,2}[.)])\s+)?(?:(?:\\therefore|\\because|\u2234|\u2235)\s*)?)"
# `w11 = w11 - eta * dL/dw11`, `W_1 := W_1 - \frac{\eta}{m} ...`: an update of what it names
_SELF_UPDATE = re.compile(_LEAD + r"(?P<name>" + _NAME + r")\s*(?::=|=(?![=>]))\s*(?P=name)\s*[-+]")
_DEFINE = re.compile(_LEAD + r"(?P<name>" + _NAME + r")\s*:=")
_ASSIGNS = re.compile(_LEAD + r"(?P<name>" + _NAME + r")\s*(?::=|=(?![=>]))")
_A_NUMBER = re.compile(r"(?<![\w.])\d")


def _updates(lines: list[str]) -> list[str]:
    """An update written as the name it updates on both sides (`w = w - eta * dL/dw`, `W := W - ...`)
    is the updated value: `w(new) = w - ...`. When it holds no number (the formula, before its
    numbers), the lines below that assign the same name (`\\therefore W_1 = ...`) are the updated
    value too, up to the next assignment of another name, a heading, a code fence or 30 lines; other
    `X := ...` read `X = ...`."""
    out = list(lines)
    scope: tuple[str, int] | None = None  # the name of a symbolic update, its line
    for i, line in enumerate(lines):
        if re.match(r"\s*(?:#|```)", line):
            scope = None
            continue
        m = _SELF_UPDATE.match(line)
        if m is not None:
            rest = line[m.end("name") :].lstrip()
            rest = rest[2:] if rest.startswith(":=") else rest[1:]
            out[i] = f"{m.group('lead')}{m.group('name')}(new) = {rest.lstrip()}"
            scope = None if _A_NUMBER.search(line[m.end() :]) else (m.group("name"), i)
            continue
        a = _ASSIGNS.match(line)
        if a is not None and scope is not None and i - scope[1] <= 30:
            if a.group("name") == scope[0]:
                rest = line[a.end() :]
                out[i] = f"{a.group('lead')}{a.group('name')}(new) = {rest.lstrip()}"
                continue
            scope = None
        d = _DEFINE.match(out[i])
        if d is not None:
            out[i] = out[i][: d.end() - 2] + " =" + out[i][d.end() :]
    return out


_HEAD_CELL = re.compile(r"\s*\$?\\?[A-Za-z][\w'/{}()^\\,]*\$?\s*")
_SEP_ROW = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")


def _header_tables(lines: list[str]) -> list[str]:
    """A Markdown table whose header names one quantity per column (`| H1 | H2 | y |`) and whose
    one row below holds one number per column (`| 0.59 | 0.6 | 0.75 |`): the row reads as
    assignments (`| H1 = 0.59 | H2 = 0.6 | y = 0.75 |`). A table of several rows is left alone (its
    rows are iterations or samples, or the table is a glossary)."""
    out = list(lines)
    for i in range(len(lines) - 2):
        head, sep, row = lines[i], lines[i + 1], lines[i + 2]
        after = lines[i + 3] if i + 3 < len(lines) else ""
        if not (head.strip().startswith("|") and _SEP_ROW.match(sep) and row.strip().startswith("|")):
            continue
        if after.strip().startswith("|"):
            continue
        names = head.strip().strip("|").split("|")
        values = row.strip().strip("|").split("|")
        if len(names) < 2 or len(names) != len(values) or not all(_HEAD_CELL.fullmatch(n) for n in names):
            continue
        if not all(_LONE_NUMBER.fullmatch(v) for v in values):
            continue
        lead = row[: len(row) - len(row.lstrip())]
        pairs = " | ".join(f"{n.strip()} = {v.strip()}" for n, v in zip(names, values))
        out[i + 2] = f"{lead}| {pairs} |"
    return out


# an HTML page's style sheet and scripts (`line-height: 1.5`): no prose, no values
_STYLE_BLOCK = re.compile(r"(?is)<(style|script)\b[^>]*>.*?</\1\s*>")


def normalise(text: str, layers: bool = False) -> str:
    """The article's text in the draft's one spelling, line for line (see the module's docstring);
    `layers`: its bracket indices (`W[1]`) are layer numbers as the worksheet counts them."""
    text = _STYLE_BLOCK.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    lines = name_printed_items(_header_tables(rewrite_calls(diagram_labels(unbox(text).split("\n")))))
    return "\n".join(_updates([normalise_line(ln, layers) for ln in lines]))
