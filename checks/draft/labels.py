"""Labels and names: the forms of a step's name, label and other spellings (`aka`) a label in the
article can take."""

from __future__ import annotations

import re

from ..core.vocab import Worksheet
from .notation import _NEW_WORD, _PRIME, _scripts, hats

_GENERIC_INDEX = set("ijklmnt")
_LATER = re.compile(r"^(.*?\S)\s*\(\s*(?:new|updated|next)\s*\)$")
_TRANSPOSE = re.compile(r"\^\s*(?:\{\s*)?(?:\\mathsf\s*\{\s*T\s*\}|\\top|\\intercal|T)(?:\s*\})?")
_FORM_TOKEN = re.compile(
    r"d[A-Za-z]\w*/d[A-Za-z]\w*(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?|[A-Za-z][A-Za-z0-9]*(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?"
)
_FUNCTIONS = frozenset("max min exp log ln sqrt sigma sigmoid tanh relu softmax sum frac e text".split())
# a name abbreviated from the Greek letter it stands for
_ABBREVIATED = {"eps": "epsilon"}
_ROW_INDEX = re.compile(r"_(?:row_?)?(\d+)(?=_|$)")  # `W1_0`, `dW_row1`, `W1_0_new`: a row's index


_LATEX_NAME = re.compile(r"\\(?:text|mathrm|mathit|operatorname|textrm|mathbf)\s*\{([^{}]*)\}")


_GREEK = {
    "\u03b1": "alpha", "\u03b2": "beta", "\u03b3": "gamma", "\u03b5": "epsilon", "\u03b8": "theta",
    "\u03bb": "lambda", "\u03bc": "mu", "\u03c3": "sigma",
}


# the Greek letters (and symbols) a label keeps as their names: `\\beta_1` is beta_1
_LETTERS = "Delta|delta|eta|alpha|beta|gamma|epsilon|sigma|theta|lambda|mu|partial|nabla"


def _as_read(spelling: str) -> str:
    """A spelling as the article's text reads once rewritten (notation.py): `New Weight`, `Updated
    w` are `Weight(new)`, `w(new)` there; a step labelled with a prime (`y'`, a prediction) is
    `y(new)` there too, the text's prime being read as an update's mark."""
    s = _PRIME.sub(lambda m: f"{m.group('name')}(new)", spelling + " =")
    return _NEW_WORD.sub(lambda m: f"{m.group('name')}(new)", s)[:-2].rstrip()


def _clean_latex(s: str) -> str:
    s = hats(s)  # `\\hat{y_1}` is y_{hat,1} as the text reads it, not y_1 (another name)
    s = _LATEX_NAME.sub(lambda m: m.group(1), s)
    s = s.replace("\u0394", "Delta ").replace("\u03b4", "delta").replace("\u03b7", "eta")
    for letter, name in _GREEK.items():  # `α = 0.1` as `alpha = 0.1`
        s = s.replace(letter, name)
    s = re.sub(r"\\varepsilon(?![A-Za-z])", "epsilon", s)
    s = re.sub(rf"\\({_LETTERS})(?![A-Za-z])", r"\1", s)
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
    """Steps and given values by every form of their names, labels and other spellings (`aka`)."""

    def __init__(self, ws: Worksheet, given_names: list[str]):
        self.ws = ws
        self.givens = list(given_names)
        self.keys: dict[str, set[str]] = {}
        for name in list(ws.steps) + self.givens:
            label = ws.steps[name].label if name in ws.steps else name
            # a label written with Unicode sub- and superscripts (`δ_Z₃`, `v₁ baru`) in the spelling
            # the article's text is read in (`δ_Z_3`): its index kept
            spellings = [_scripts(s) for s in (name, label, *ws.spellings.get(name, ())) if s]
            spellings += [_as_read(s) for s in spellings if s]  # `Updated Weight` as `Weight(new)` too
            for k in set().union(*(label_keys(s)[0] for s in spellings)):
                self.keys.setdefault(k, set()).add(name)
        # `y_hat (new)`: the same quantity at a later pass; the label `y_hat` fits it too
        self.later: dict[str, set[str]] = {}
        for name in ws.steps:
            m = _LATER.match(_clean_latex(ws.steps[name].label or ""))
            if m:
                for k in label_keys(m.group(1))[0]:
                    self.later.setdefault(k, set()).add(name)
        self._derivatives(ws)
        self._swapped(ws)
        # `eps` for the Greek letter the text writes out (`\\epsilon = 10^{-8}`), when nothing else goes by it
        for name in list(ws.steps) + self.givens:
            for short, letter in _ABBREVIATED.items():
                if _norm(name) == short and letter not in self.keys:
                    self.keys[letter] = {name}
        # `W_1(new)`, `w11(new)`: the step that updates W_1, whatever its name
        taken = set(self.keys)
        for name, st in ws.steps.items():
            of = st.means.of if st.means is not None and st.means.kind == "update" else None
            if of in ws.steps or of in self.givens:
                for k in set().union(*(label_keys(x)[0] for x in self._spellings(of))):
                    if f"{k}new" not in taken:
                        self.keys.setdefault(f"{k}new", set()).add(name)
        self.lr_names = sorted(
            {s.means.lr for s in ws.steps.values() if s.means is not None and isinstance(s.means.lr, str)}
        )
        if len(self.lr_names) == 1:
            # the one learning rate the updates declare goes by the letters tutorials write it with
            for k in ("eta", "alpha", "lr", "learningrate"):
                if k not in self.keys:
                    self.keys[k] = {self.lr_names[0]}

    def _swapped(self, ws: Worksheet) -> None:
        """`net_{h1}` for a step named `h1_net`, `out_{o1}` for `o1_out`: a name of two parts goes by
        them in the other order too, when no step or given value goes by that spelling already."""
        taken = set(self.keys)
        for name in list(ws.steps) + self.givens:
            for sp in self._spellings(name):
                parts = [p for p in re.split(r"[_{}\s]+", _clean_latex(sp or "")) if p]
                if len(parts) == 2 and all(re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", p) for p in parts):
                    k = _norm(parts[1] + parts[0])
                    if k not in taken:
                        self.keys.setdefault(k, set()).add(name)

    def _spellings(self, name: str) -> list[str]:
        label = self.ws.steps[name].label if name in self.ws.steps else name
        return [name, label, *self.ws.spellings.get(name, ())]

    def _derivatives(self, ws: Worksheet) -> None:
        """`dloss/dh1`, `dL/dW_2`: a derivative printed as a fraction names the step that declares
        it (`means=grad("loss", wrt="h1")`), in any spelling of the loss and of the value; a
        spelling some step already goes by keeps its step."""
        taken = set(self.keys)
        for name, st in ws.steps.items():
            m = st.means
            if m is None or m.kind != "grad" or m.sign < 0:
                continue
            loss = m.loss or ws.loss
            for a in {_norm(x) for x in self._spellings(loss)} - {""}:
                for b in {_norm(x) for x in self._spellings(m.of)} - {""}:
                    if f"d{a}d{b}" not in taken:
                        self.keys.setdefault(f"d{a}d{b}", set()).add(name)
        # `grad_w3`, `w3_grad`, "the gradient with respect to w3" (notation: `grad_w3`): the one
        # gradient step of that value, whatever the loss
        of: dict[str, set[str]] = {}
        for name, st in ws.steps.items():
            if st.means is not None and st.means.kind == "grad" and st.means.sign > 0:
                of.setdefault(st.means.of, set()).add(name)
        for x, steps in of.items():
            for b in {_norm(y) for y in self._spellings(x)} - {""}:
                for k in (f"grad{b}", f"{b}grad"):
                    if len(steps) == 1 and k not in taken:
                        self.keys.setdefault(k, set()).update(steps)

    def by_structure(self, form: str) -> list[str]:
        """The steps a printed expression's structure names: every name in it (`h1^T dloss/dscores`:
        h1 and the step dloss/dscores names) resolves to one step or given value, and together
        they are exactly a step's inputs (in their order, when several steps take the same ones).
        [] when any name is unknown or no step takes them."""
        s = _TRANSPOSE.sub(" ", _LATEX_NAME.sub(lambda m: m.group(1), form))
        s = re.sub(r"\\(?:left|right|cdot|times|mathsf|top)(?![A-Za-z])|\\[,;!: ]", " ", s)
        tokens = _FORM_TOKEN.findall(s)
        if not tokens or any(t.split("_")[0].lower() in _FUNCTIONS for t in tokens):
            return []  # a function of the inputs (`\\max(0, x W + b)`) is not a product of them
        names = []
        for t in tokens:
            hit, tier = self.resolve(t)
            if len(hit) != 1 or tier != "name":  # not a verdict: a label-match tier
                return []
            names.append(hit[0])
        fits = [n for n, st in self.ws.steps.items() if set(st.inputs) == set(names)]
        in_order = [n for n in fits if list(self.ws.steps[n].inputs) == list(dict.fromkeys(names))]
        return in_order if len(fits) > 1 and in_order else fits

    def rows(self, label: str, count: int, *, among: set[str]) -> list[str] | None:
        """The names of `among` that hold the rows of a matrix printed under `label`, in row order:
        a worksheet that keeps a matrix as one name per row spells each as the matrix's name with a
        row index (`W1_0`, `W1_1`; `dW_row1`, `dW_row2`; `W1_0_new` for `W1(new)`). None unless the
        indices are exactly 0..count-1 or 1..count and the label names nothing itself."""
        if self.resolve(label, among=among)[1] in ("name", "loose"):  # not a verdict: label-match tiers
            return None
        strong = label_keys(label)[0]
        by_index: dict[int, set[str]] = {}
        for name in among:
            for m in _ROW_INDEX.finditer(name):
                bare = name[: m.start()] + name[m.end() :]
                if label_keys(bare)[0] & strong:
                    by_index.setdefault(int(m.group(1)), set()).add(name)
        for first in (0, 1):
            want = list(range(first, first + count))
            if sorted(by_index) == want and all(len(by_index[i]) == 1 for i in want):
                return [next(iter(by_index[i])) for i in want]
        return None

    def elements(self, label: str, count: int, *, among: set[str]) -> list[str] | None:
        """The names of `among` that hold the elements of a list printed under `label`, in order: a
        worksheet that keeps a vector as one number per element spells each as the vector's name
        with an index (`y = [1, 0]` for `y1`, `y2`; `x_0`, `x_1`). None unless the indices are
        exactly 0..count-1 or 1..count and the label names nothing itself."""
        if self.resolve(label, among=among)[1] in ("name", "loose"):  # not a verdict: label-match tiers
            return None
        for first in (0, 1):
            picked = []
            for i in range(first, first + count):
                hit = {n for k in label_keys(label)[0] for n in self.keys.get(f"{k}{i}", ()) if n in among}
                picked.append(hit.pop() if len(hit) == 1 else None)
            further = {n for k in label_keys(label)[0] for n in self.keys.get(f"{k}{first + count}", ())}
            if None not in picked and not further & among:
                return picked
        return None

    def later_of(self, step: str) -> list[str]:
        """The steps labelled as `step`'s label with `(new)`: the same quantity at a later pass."""
        st = self.ws.steps.get(step)
        keys = label_keys(st.label or step)[0] | label_keys(step)[0] if st is not None else set()
        return self._order(set().union(*(self.later.get(k, set()) for k in keys)) - {step})

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

        for tier, keys in (("name", strong), ("loose", loose)):  # not a verdict: label-match tiers
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
        words = label.split()
        if len(words) > 1:  # `W update` names no step: its last word may (`the output`: output)
            return self.resolve(words[-1], among=among)
        return [], ""
