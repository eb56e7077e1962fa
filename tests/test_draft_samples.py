"""The draft on samples worked one after another under the same labels (issue 20, `samples`): under
headings numbered as the worksheet's samples (`## Sample 1`, `## Sample 2`), a label that fits every
sample's step (`z`: z, z_s2) binds the section's sample's, and the data a section states (`x = 1,
t = 2`) are that sample's given values (x_s2, t_s2).

The text and worksheet are made up for the test; the values are worked by hand in the comments."""

from __future__ import annotations

from helpers import write_article as _write

from checks.draft.samples import sample_count, sample_of, sample_sections
from gradaudit.draft import draft

MODULE = """\
    from gradaudit import Worksheet

    ws = Worksheet("one weight, two samples in turn", loss="L")

    for s in (1, 2):
        sx = "" if s == 1 else f"_s{s}"
        w = "w" if s == 1 else "w_new"
        ws.step(lambda w, x: w * x, name=f"z{sx}", label="z", inputs=[w, f"x{sx}"])
        ws.step(lambda t, z: (t - z) ** 2, name=f"L{sx}", label="L", inputs=[f"t{sx}", f"z{sx}"])
        ws.step(lambda t, z, x: -2 * (t - z) * x, name=f"g{sx}", label="dL/dw",
                inputs=[f"t{sx}", f"z{sx}", f"x{sx}"])
        ws.step(lambda w, eta, g: w - eta * g, name=f"w_new{sx}", label="w_{new}",
                inputs=[w, "eta", f"g{sx}"])
    """

# Sample 1 (x = 2, t = 3, w = 0.5): z = 0.5 * 2 = 1; L = (3 - 1)^2 = 4; dL/dw = -2 * 2 * 2 = -8;
# w_new = 0.5 - 0.1 * -8 = 1.3. Sample 2 (x = 1, t = 2, w = 1.3): z = 1.3 * 1 = 1.3;
# L = (2 - 1.3)^2 = 0.49; dL/dw = -2 * 0.7 * 1 = -1.4; w_new = 1.3 - 0.1 * -1.4 = 1.44.
TEXT = """\
    # Training by hand

    We start from w = 0.5 with the learning rate eta = 0.1.

    ## Sample 1

    x = 2, t = 3

    z = 0.5 * 2 = 1

    L = (3 - 1)^2 = 4

    dL/dw = -2 * (3 - 1) * 2 = -8

    w_{new} = 0.5 - 0.1 * -8 = 1.3

    ## Sample 2

    x = 1, t = 2

    z = 1.3 * 1 = 1.3

    L = (2 - 1.3)^2 = 0.49

    dL/dw = -2 * (2 - 1.3) * 1 = -1.4

    w_{new} = 1.3 - 0.1 * -1.4 = 1.44

    ## Summary

    The weight went from 0.5 to 1.44.
    """


def test_each_numbered_section_gives_its_samples_data_and_binds_its_samples_steps(tmp_path, monkeypatch):
    article = _write(tmp_path, monkeypatch, "draft_samples_ref", MODULE, TEXT)
    result = draft(article, "reference.draft_samples_ref:ws", verify=False)
    assert result.givens == {"w": 0.5, "x": 2, "t": 3, "eta": 0.1, "x_s2": 1, "t_s2": 2}
    assert "sample 2" in result.given_source["x_s2"]
    claims = {o.target: o.number.text for o in result.of_kind("claim")}
    assert claims["z"] == "1" and claims["z_s2"] == "1.3"
    assert claims["L"] == "4" and claims["L_s2"] == "0.49"
    assert claims["w_new_s2"] == "1.44"


def test_sections_not_numbered_as_the_samples_give_no_later_samples_data(tmp_path, monkeypatch):
    # headings that do not count the samples (`First sample`, `Second sample`): no section is a
    # sample's, so no section's data are read as sample 2's (what the numbers fit may still be)
    text = TEXT.replace("## Sample 1", "## First sample").replace("## Sample 2", "## Second sample")
    article = _write(tmp_path, monkeypatch, "draft_samples_ref", MODULE, text)
    result = draft(article, "reference.draft_samples_ref:ws", verify=False)
    assert all("section of sample" not in why for why in result.given_source.values())


def test_the_series_of_headings_and_the_sample_suffix():
    lines = ["# A", "### Input 1", "a", "### Input 2", "b", "#### Detail", "c", "## Result", "d"]
    # the last section runs to the next heading of its level or shallower (`## Result`, line 8)
    assert sample_sections(lines, 2) == {1: (2, 3), 2: (4, 7)}
    assert sample_sections(lines, 3) == {}  # the worksheet's samples must be as many as the headings
    assert sample_of("x1_s2") == ("x1", 2) and sample_of("x1") == ("x1", 1)
    assert sample_count(["x1", "x1_s2", "x1_s3", "w_s9"]) == 3  # w_s9 has no bare w: no sample
