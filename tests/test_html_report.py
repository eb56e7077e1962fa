"""The HTML report's structure: what a reader sees first, how rows are told apart, and the
pictures. The page of the seed cases is tests/data/golden/seeds.html (test_golden.py proves it
is what `gradaudit report --format html` writes now); synthetic rows cover the row kinds the seeds,
all as expected, do not have."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from test_report import case_a, case_b, claim, errored

from gradaudit.judging.runner import CaseResult
from gradaudit.output.report import render

ROOT = Path(__file__).resolve().parents[1]
SEEDS_PAGE = ROOT / "tests" / "data" / "golden" / "seeds.html"
GRADAUDIT = Path(sys.executable).with_name("gradaudit")


class Page(HTMLParser):
    """Headings in order, links, ids, row classes, figures with their captions and SVG text."""

    def __init__(self, text: str):
        super().__init__()
        self.headings: list[tuple[str, str | None, str]] = []  # (tag, id, text)
        self.links: list[str] = []
        self.ids: list[str] = []
        self.rows: list[tuple[str, str]] = []  # (class, id)
        self.sections: list[str] = []
        self.figures: list[dict] = []
        self._heading = None
        self._in_caption = self._in_svg_text = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:  # inside the SVGs too: several on one page must not share an id
            self.ids.append(a["id"])
        if tag in ("h1", "h2", "h3"):
            self._heading = [tag, a.get("id"), ""]
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "tr" and "class" in a:
            self.rows.append((a["class"], a.get("id", "")))
        elif tag == "section":
            self.sections.append(a.get("id", ""))
        elif tag == "figure":
            self.figures.append({"id": a.get("id"), "svg": 0, "caption": "", "texts": [], "open": True})
        elif tag == "svg" and self.figures:
            self.figures[-1]["svg"] += 1
        elif tag == "figcaption":
            self._in_caption = True
        elif tag == "text" and self._inside_svg():
            self._in_svg_text = True

    def _inside_svg(self) -> bool:
        return bool(self.figures) and self.figures[-1]["open"]

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3") and self._heading:
            self.headings.append(tuple(self._heading))
            self._heading = None
        elif tag == "figcaption":
            self._in_caption = False
        elif tag == "figure":
            self.figures[-1]["open"] = False
        elif tag == "text":
            self._in_svg_text = False

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[2] += data
        if self._in_caption:
            self.figures[-1]["caption"] += data
        if self._in_svg_text:
            self.figures[-1]["texts"].append(data)


def test_the_seed_page_opens_with_the_summary_linking_every_case():
    page = Page(SEEDS_PAGE.read_text(encoding="utf-8"))
    assert [h[0] for h in page.headings[:2]] == ["h1", "h2"] and page.headings[1][1] == "summary"
    case_ids = [s for s in page.sections if s.startswith("case-")]
    assert len(case_ids) == 15  # the five seed files' cases
    first_section = next(i for i, h in enumerate(page.headings) if h[0] == "h2" and h[1] is None)
    summary_links = [h for h in page.links if h.startswith("#case-")]
    assert set(summary_links) >= {f"#{c}" for c in case_ids}
    assert first_section > 1  # the summary comes before every case
    # every link lands somewhere on the page, and no id is used twice (several inline SVGs)
    assert {h[1:] for h in page.links} <= set(page.ids)
    assert len(page.ids) == len(set(page.ids))


def test_every_iteration_and_statement_over_draws_has_a_captioned_picture():
    page = Page(SEEDS_PAGE.read_text(encoding="utf-8"))
    figs = {f["id"]: f for f in page.figures}
    # the seeds' converges statements (devforum's w iteration, analyticsvidhya's descent to -2)
    for fig_id, printed in (
        ("fig-devforum-converges", "printed 0.3333"),
        ("fig-analyticsvidhya-gradient-descent-example-reaches_minimum", "printed -2"),
    ):
        fig = figs[fig_id]
        assert fig["svg"] == 1 and "Look at" in fig["caption"], fig_id
        assert printed in fig["texts"], (fig_id, fig["texts"])  # the printed value marked on it
    # statements over seeded draws: the failing draws marked; random starts: the printed value
    draws = figs["fig-analyticsvidhya-matrix-sigmoid-output-drop_sigmoid_terms_W1"]
    assert "smallest failing draw, size 2.889" in draws["texts"]
    assert "printed 0.2713" in figs["fig-geeksforgeeks-xor-code-loss_epoch_0"]["texts"]
    assert all(f["caption"] and f["svg"] == 1 for f in page.figures)


def test_unexpected_rows_new_findings_expected_findings_and_ok_rows_look_different():
    audit = CaseResult(
        id="audit",
        file="cases/n.yaml",
        title="N",
        rows=[claim("n", "sign", "-0.5", 0.5, expected=None)],
        audit=True,
    )
    audit.rows[0].expected_verdict = None  # an audit records no expectation
    text = render([case_a(), case_b(), audit, errored()], "html")
    page = Page(text)
    classes = {cls for cls, _ in page.rows}
    assert {"unexpected", "new-finding", "expected-finding", "passing"} <= classes
    assert ("unexpected", "case-a-d") in page.rows and ("new-finding", "audit-n") in page.rows
    assert "expected ok, got sign" in text
    # ok rows are folded away under a <details> of their own
    assert re.search(r"<details class='ok-rows'><summary>2 ok rows</summary><table>.*?case-a-a'", text)
    # the list of rows not as expected comes right after the summary and links to the row
    assert [h[2] for h in page.headings[1:3]] == ["Summary", "Not as expected"]
    assert "#case-a-d" in page.links


def test_the_page_is_the_same_bytes_under_two_hash_seeds(tmp_path):
    procs = []
    for hash_seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        env.pop("GITHUB_STEP_SUMMARY", None)
        out = tmp_path / f"{hash_seed}.html"
        cmd = [str(GRADAUDIT), "report", "cases/devforum.yaml", "--format", "html", "--output", str(out)]
        procs.append((subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE), out))
    for proc, _ in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
    first, second = (out.read_bytes() for _, out in procs)
    assert first == second and b"<svg" in first
