"""An article that names the source it copies: the draft proposes `copies:` that source's case.

DESIGN section 3, row 3b: a case that `copies:` another (of the same project) gets `copied` for a
printed number equal to the original's printed number of the same row where that is a hard
finding there. A draft cannot know that an article is a copy, except when the article says so by
printing its source's address: when a line of the article holds the `source: url:` of a case of
the project the draft runs in (the folder holding `reference/`, its `cases/` folder, where
`copies:` is looked up too), compared normalised (no scheme, no `www.`, no query or fragment, no
trailing slash), and that case's worksheet is the draft's or has the same step names, the draft
proposes `copies:` that case. Of several such cases (revisions of the source), the one whose
printed numbers agree with the most of the draft's claims (same row, same value); of equals, the
first in the project's order (files by name, cases in file order). A matching case that itself
`copies:` another matching case is a copy the article cites beside its original: the original is
proposed. No URL of a case in the text, no proposal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"'`()\[\]{}|\\]+", re.IGNORECASE)


def normal_url(url: str) -> str:
    """`url` without scheme, `www.`, query, fragment and trailing slash; the host in lower case."""
    u = url.strip().rstrip(".,;:!?*_")
    u = re.sub(r"^[a-z][a-z0-9+.-]*://", "", u, flags=re.IGNORECASE)
    u = re.split(r"[?#]", u, maxsplit=1)[0]
    host, _, path = u.partition("/")
    host = host.lower()
    host = host[4:] if host.startswith("www.") else host
    path = path.rstrip("/")
    return host + ("/" + path if path else "")


def urls_by_line(lines: list[str]) -> dict[str, list[int]]:
    """Each normalised URL the text prints -> the (1-based) lines it is on, in order."""
    out: dict[str, list[int]] = {}
    for i, line in enumerate(lines, 1):
        for m in _URL.finditer(line):
            u = normal_url(m.group(0))
            if "/" in u or "." in u:
                out.setdefault(u, [])
                if i not in out[u]:
                    out[u].append(i)
    return out


@dataclass
class Original:
    """The case the draft proposes its article copies, and why (one line)."""

    case_id: str
    file: str  # the case file holding it: the draft is verified as if it sat there
    why: str


def _case_files(root: Path, urls: dict[str, list[int]]) -> list[Path]:
    """The case files under root/cases whose text holds one of `urls` (read as text first: only
    those are loaded)."""
    files = sorted(p for p in (root / "cases").rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    out = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if any(normal_url(m.group(0)) in urls for m in _URL.finditer(text)):
            out.append(path)
    return out


def _same_steps(case, ws) -> bool:
    from ..core.vocab import Worksheet
    from ..loading.cases import CaseError, resolve_reference

    try:
        ref = resolve_reference(case)
    except CaseError:
        return False
    return ref is ws or (isinstance(ref, Worksheet) and set(ref.steps) == set(ws.steps))


def printed_rows(case) -> dict[str, float]:
    """Row name -> printed value of a case's claims (`z1[0]`, `W[0,1]` for a list's elements)."""
    from ..core.printed import parse_printed

    def value(path, v):
        text = case.text(*path)
        try:
            return parse_printed(text if text is not None else v).value
        except (TypeError, ValueError):
            return None

    out = {}
    for name, c in (case.spec.claims or {}).items():
        printed = getattr(c, "printed", c)
        path = ("claims", name) + (("printed",) if hasattr(c, "printed") else ())
        if isinstance(printed, list):
            for i, v in enumerate(printed):
                if isinstance(v, list):
                    out.update({f"{name}[{i},{j}]": value(path + (i, j), w) for j, w in enumerate(v)})
                else:
                    out[f"{name}[{i}]"] = value(path + (i,), v)
        elif printed is not None:
            out[name] = value(path, printed)
    return out


def _matches(root: Path, urls: dict[str, list[int]], ws) -> list:
    """The cases of the project whose source URL the article prints, with the draft's steps."""
    from ..loading.cases import load_file

    out = []
    for path in _case_files(root, urls):
        cases, _ = load_file(path)
        for case in cases:
            url = case.spec.source.url
            if url and normal_url(url) in urls and _same_steps(case, ws):
                out.append(case)
    return out


def find_original(
    lines: list[str], ws, reference: str, claims: dict[str, float], root: Path | None
) -> tuple[Original | None, list[str]]:
    """The case of the project (`root`, the folder holding reference/) whose source URL the article
    (`lines`, as read) prints and whose worksheet has the draft's steps (`ws`; `reference` is its
    name); `claims` (row -> printed value, the draft's) choose among several. None when there is
    none; with it, what was set aside and why (notes for a person)."""
    urls = urls_by_line(lines)
    if not urls or root is None or not (root / "cases").is_dir():
        return None, []
    matches = _matches(root, urls, ws)
    ids = {c.spec.id for c in matches}
    notes = [
        f"the article prints the URL of case {c.spec.id} ({c.spec.source.url}), itself a copy of "
        f"{c.spec.copies}, whose URL the article prints too: {c.spec.id} is not proposed as its source"
        for c in matches
        if c.spec.copies in ids
    ]
    kept = [c for c in matches if c.spec.copies not in ids]
    # a case naming the draft's own worksheet is the case written from this article (a re-draft of
    # an article that prints its own address), never its source; a copy's worksheet goes by its own
    # name (the original's object re-exported, or the same steps)
    notes += [
        f"the article prints the URL of case {c.spec.id} ({c.spec.source.url}), which names the draft's "
        f"own reference {reference}: taken as this article's own case, not as a source it copies"
        for c in kept
        if c.spec.reference == reference
    ]
    kept = [c for c in kept if c.spec.reference != reference]
    if not kept:
        return None, notes
    scored = []
    for case in kept:
        rows = printed_rows(case)
        scored.append((sum(1 for k, v in claims.items() if k in rows and rows[k] == v), case))
    best = max(s for s, _ in scored)
    score, case = next(t for t in scored if t[0] == best)  # the first of equals
    at = urls[normal_url(case.spec.source.url)]
    why = (
        f"copies: {case.spec.id}: line{'s' if len(at) > 1 else ''} {', '.join(map(str, at))} of the "
        f"article print{'' if len(at) > 1 else 's'} the URL {case.spec.source.url}, the source of case "
        f"{case.spec.id} ({Path(case.file).name}), whose worksheet has the draft's steps; {score} of "
        f"the draft's {len(claims)} claims print its number of the same row"
    )
    if len(scored) > 1:
        others = ", ".join(f"{c.spec.id}: {s}" for s, c in scored if c is not case)
        tie = "; of equals, the first in the project's order" if sum(s == best for s, _ in scored) > 1 else ""
        why += f" (the most of the cases the article prints the source URL of; {others}{tie})"
    return Original(case.spec.id, str(case.file), why), notes
