"""A diagram's labels that state values (```mermaid, checks/draft/diagrams.py) and an arrow before
a derivative's assignment (`x = 2 → dL/dw = -4`, chains.py), on a synthetic text (issue 20). The
values are worked by hand in the comments."""

from __future__ import annotations

from helpers import draft_claims
from helpers import write_article as _write

from gradaudit.draft import draft
from gradaudit.draft.diagrams import diagram_labels

MODULE = """\
    from gradaudit.core.vocab import Worksheet, grad

    ws = Worksheet("diagram", loss="L")
    ws.step(lambda w, x: w * x, name="y")
    ws.step(lambda y, t: (y - t) ** 2, name="L")
    ws.step(lambda y, t: 2 * (y - t), name="dL_dy", label="dL/dy")
    ws.step(lambda dL_dy, x: dL_dy * x, name="dL_dw", label="dL/dw", means=grad("L", wrt="w"))
    """

# w = 1.5, x = 2, t = 4: y = 3, L = (3 - 4)^2 = 1, dL/dy = 2(3 - 4) = -2, dL/dw = -2 x 2 = -4.
TEXT = """\
    # A neuron and its blame
    We take w = 1.5, x = 2 and the target t = 4: y = 1.5 * 2 = 3.

    ```mermaid
    flowchart RL
      L["Loss (4 - y)^2 = 1"] -- "dL/dy = -2" --> Y[y = w x]
      Y -- "× x = 2 → dL/dw = -4" --> W[w]
      subgraph "Layer 1"
      end
    ```
    """


def test_a_diagrams_labels_that_state_values_are_read_as_prose(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "diagram_ref", MODULE, TEXT)
    result = draft(article, "reference.diagram_ref:ws")
    claims = draft_claims(result)
    assert claims["dL_dy"] == "-2" and claims["dL_dw"] == "-4" and claims["y"] == "3", claims
    (x,) = [o for o in result.outcomes if o.number.line == 7 and o.number.text == "2"]
    assert (x.kind, x.target) == ("given", "x"), x  # `× x = 2`: the edge multiplies by x = 2
    # a node that only names (`Layer 1`) and the diagram's syntax hold no printed number
    assert not [n for n in result.scan.numbers if n.line == 8]
    rows = {r.quantity: r.verdict for r in result.run.rows if r.kind == "claim"}
    assert rows["dL_dw"] == "ok" and rows["dL_dy"] == "ok"


def test_diagram_lines_keep_their_columns_and_other_fences_are_left_alone():
    lines = ["```mermaid", '  A -- "x = 2" --> B[b]', "```", "```python", 'a = "x = 2"', "```"]
    out = diagram_labels(lines)
    assert out[1] == "       ;x = 2;" and out[1].index("x") == lines[1].index("x")
    assert out[3:] == lines[3:]
