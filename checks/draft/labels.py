"""Labels and names: the forms of a step's name, label and other spellings (`aka`) a label in the
article can take."""

from __future__ import annotations

import re

from ..core.vocab import Worksheet

_GENERIC_INDEX = set("ijklmnt")
_LATER = re.compile(r"^(.*?\S)\s*\(\s*(?:new|updated|next)\s*\)$")


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
    """Steps and given values by every form of their names, labels and other spellings (`aka`)."""

    def __init__(self, ws: Worksheet, given_names: list[str]):
        self.ws = ws
        self.givens = list(given_names)
        self.keys: dict[str, set[str]] = {}
        for name in list(ws.steps) + self.givens:
            label = ws.steps[name].label if name in ws.steps else name
            spellings = [name, label, *ws.spellings.get(name, ())]
            for k in set().union(*(label_keys(s)[0] for s in spellings)):
                self.keys.setdefault(k, set()).add(name)
        # `y_hat (new)`: the same quantity at a later pass; the label `y_hat` fits it too
        self.later: dict[str, set[str]] = {}
        for name in ws.steps:
            m = _LATER.match(_clean_latex(ws.steps[name].label or ""))
            if m:
                for k in label_keys(m.group(1))[0]:
                    self.later.setdefault(k, set()).add(name)
        self.lr_names = sorted(
            {s.means.lr for s in ws.steps.values() if s.means is not None and isinstance(s.means.lr, str)}
        )

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
        return [], ""
