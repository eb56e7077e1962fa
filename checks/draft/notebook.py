"""Notebook input: a Jupyter notebook (`.ipynb`, or its JSON under another name) read as the text
the draft reads, cell by cell.

Each cell is written in order under a line that names it (`----- cell 3 (markdown) -----`), so a
line number the draft reports points at a cell a person can find: a markdown cell as it is; a code
cell inside a fence with the notebook's language (its numbers are program text, not printed
results); its outputs (streams, results and displays as plain text) inside a bare fence under
`----- cell 3 output -----` (values the code printed: read as printed numbers). Images, HTML-only
outputs and errors are left out.
"""

from __future__ import annotations

import json
from pathlib import Path

from .result import DraftError


def _text(value) -> str:
    """A notebook's multi-line string: a list of lines or one string."""
    if isinstance(value, list):
        return "".join(str(v) for v in value)
    return value if isinstance(value, str) else ""


def _outputs(cell: dict) -> list[str]:
    out = []
    for o in cell.get("outputs") or []:
        if not isinstance(o, dict):
            continue
        if o.get("output_type") == "stream":
            out.append(_text(o.get("text")))
        elif o.get("output_type") in ("execute_result", "display_data"):
            out.append(_text((o.get("data") or {}).get("text/plain")))
    return [t for t in out if t.strip()]


def is_notebook_json(raw: str) -> bool:
    """Whether `raw`, whatever its file is called, is a Jupyter notebook: a JSON object with a
    list of `cells` and an `nbformat` number (text that only starts with `{` is not)."""
    if not raw.lstrip().startswith("{") or '"nbformat"' not in raw:
        return False
    try:
        nb = json.loads(raw)
    except json.JSONDecodeError:
        return False
    return isinstance(nb, dict) and isinstance(nb.get("cells"), list) and isinstance(nb.get("nbformat"), int)


def notebook_text(article: Path, raw: str) -> str:
    """The notebook `raw` (the file `article`'s text) as the draft's text."""
    try:
        nb = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DraftError(
            f"{article}:{exc.lineno}:{exc.colno}: the notebook is not valid JSON ({exc.msg})"
        ) from None
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        found = type(cells).__name__ if isinstance(nb, dict) else f"a JSON {type(nb).__name__}"
        raise DraftError(f"{article}: field 'cells': expected a notebook's list of cells, found {found}")
    meta = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    language = str((meta.get("language_info") or {}).get("name") or "python")
    parts: list[str] = []
    for i, cell in enumerate(cells):
        if not isinstance(cell, dict):
            raise DraftError(f"{article}: field 'cells[{i}]': expected a cell (an object), found {cell!r}")
        kind = cell.get("cell_type")
        source = _text(cell.get("source")).rstrip("\n")
        if kind == "code":
            parts += [f"----- cell {i} (code) -----", f"```{language}", source, "```"]
            for text in _outputs(cell):
                parts += [f"----- cell {i} output -----", "```", text.rstrip("\n"), "```"]
        else:
            parts += [f"----- cell {i} ({kind or 'markdown'}) -----", source]
    return "\n".join(parts) + "\n"
