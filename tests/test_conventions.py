"""Convention search (checks/conventions.py): which reading reproduces the printed numbers.

Synthetic cases print numbers computed under a non-default convention by an independent oracle
(plain Python floats, element by element); the search must rank that convention first. Then the
two tutorials issue 10 names: sapiencespace (only per-neuron biases and the row layout reproduce
both long-training outputs; 1/2 SSE and the mean over two outputs tie) and geeksforgeeks (no
reading explains w12 and w13 new; the formula findings are the loss's scale).
"""

from __future__ import annotations

import functools
import json
import math
import time

import jax.numpy as jnp
import pytest

from gradaudit.core.vocab import Conventions, Worksheet, grad, sigmoid
from gradaudit.judging.conventions import ConventionError, hints, search
from gradaudit.loading.cases import load_file, load_paths
from gradaudit.output.conventions_report import render

# --------------------------------------------------------------------------------------------
# A synthetic 2-2-2 sigmoid network: one update, then a second forward pass, under switches.

GIVEN = {
    "x": [0.35, 0.9],
    "t": [0.1, 0.8],
    "lr": 0.5,
    "W1": [[0.15, 0.25], [0.40, 0.30]],  # not symmetric: the two layouts differ
    "b1": [0.3, 0.3],  # equal per layer: a shared bias is a possible reading
    "W2": [[0.45, 0.10], [0.20, 0.55]],
    "b2": [0.5, 0.5],
}
PRINTED = ("o", "d_o", "d_h", "b1_new", "b2_new", "o_pass2")
# (loss factor, delta factor): 1/2 SSE, SSE, and the mean over the 2 outputs (1/n and 2/n: half's)
LOSS = {"half": (0.5, 1.0), "one": (1.0, 2.0), "mean": (0.5, 1.0)}


def build(
    loss_scale="half", layout="row", bias="per_neuron", hidden_delta_weights="old", update_sign="minus"
):
    """The worksheet under one reading (the system under test's side)."""
    c, k = LOSS[loss_scale]
    sgn = -1.0 if update_sign == "minus" else 1.0
    ws = Worksheet(
        f"synthetic 2-2-2 ({loss_scale}, {layout}, {bias}, {hidden_delta_weights}, {update_sign})", loss="E"
    )

    def mm(v, W):
        return v @ W if layout == "row" else W @ v

    def back(W, d):
        return W @ d if layout == "row" else W.T @ d

    def outer(below, above):
        return jnp.outer(below, above) if layout == "row" else jnp.outer(above, below)

    def bias_grad(d):
        return {"per_neuron": d, "shared": jnp.sum(d) * jnp.ones_like(d), "frozen": jnp.zeros_like(d)}[bias]

    @ws.step
    def h(x, W1, b1):
        return sigmoid(mm(x, W1) + b1)

    @ws.step
    def o(h, W2, b2):
        return sigmoid(mm(h, W2) + b2)

    @ws.step
    def E(o, t):
        return c * jnp.sum((o - t) ** 2)

    @ws.step
    def d_o(o, t):
        return k * (o - t) * o * (1 - o)

    @ws.step
    def W2_new(W2, lr, h, d_o):
        return W2 + sgn * lr * outer(h, d_o)

    def d_h(W2, d_o, h):
        return back(W2, d_o) * h * (1 - h)

    ws.step(d_h, inputs=["W2" if hidden_delta_weights == "old" else "W2_new", "d_o", "h"])

    @ws.step
    def W1_new(W1, lr, x, d_h):
        return W1 + sgn * lr * outer(x, d_h)

    @ws.step
    def b1_new(b1, lr, d_h):
        return b1 + sgn * lr * bias_grad(d_h)

    @ws.step
    def b2_new(b2, lr, d_o):
        return b2 + sgn * lr * bias_grad(d_o)

    @ws.step
    def o_pass2(x, W1_new, b1_new, W2_new, b2_new):
        return sigmoid(mm(sigmoid(mm(x, W1_new) + b1_new), W2_new) + b2_new)

    return ws


def _sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def oracle(
    given=GIVEN,
    loss_scale="half",
    layout="row",
    bias="per_neuron",
    hidden_delta_weights="old",
    update_sign="minus",
) -> dict[str, list[float]]:
    """The printed numbers, element by element in plain floats (the independent side).

    `at(M, i, j)` is the weight from unit i below to unit j above: M[i][j] in the row layout,
    M[j][i] in the column layout."""
    x, t, lr = given["x"], given["t"], given["lr"]
    W1, b1, W2, b2 = given["W1"], given["b1"], given["W2"], given["b2"]
    k = LOSS[loss_scale][1]
    sgn = -1.0 if update_sign == "minus" else 1.0

    def at(M, i, j):
        return M[i][j] if layout == "row" else M[j][i]

    def updated(M, below, above):
        new = [row[:] for row in M]
        for i in range(2):
            for j in range(2):
                r, c = (i, j) if layout == "row" else (j, i)
                new[r][c] = M[r][c] + sgn * lr * below[i] * above[j]
        return new

    def bias_new(b, d):
        g = {"per_neuron": d, "shared": [d[0] + d[1]] * 2, "frozen": [0.0, 0.0]}[bias]
        return [b[j] + sgn * lr * g[j] for j in range(2)]

    def forward(W1, b1, W2, b2):
        h = [_sig(sum(at(W1, i, j) * x[i] for i in range(2)) + b1[j]) for j in range(2)]
        return h, [_sig(sum(at(W2, j, m) * h[j] for j in range(2)) + b2[m]) for m in range(2)]

    h, o = forward(W1, b1, W2, b2)
    d_o = [k * (o[m] - t[m]) * o[m] * (1 - o[m]) for m in range(2)]
    W2n = updated(W2, h, d_o)
    Wd = W2 if hidden_delta_weights == "old" else W2n
    d_h = [sum(at(Wd, j, m) * d_o[m] for m in range(2)) * h[j] * (1 - h[j]) for j in range(2)]
    W1n = updated(W1, x, d_h)
    b1n, b2n = bias_new(b1, d_h), bias_new(b2, d_o)
    _, o2 = forward(W1n, b1n, W2n, b2n)
    return {"o": o, "d_o": d_o, "d_h": d_h, "b1_new": b1n, "b2_new": b2n, "o_pass2": o2}


def _yaml(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    return repr(value)


def make_case(tmp_path, claims: dict[str, list[float]], given=GIVEN, *, name="synthetic"):
    """A case file whose claims print `claims` to 6 decimals (the printed text sets the precision)."""
    lines = [
        f"- id: {name}",
        "  title: synthetic",
        "  source: {publisher: tests, title: synthetic}",
        "  reference: tests.test_conventions:unused",
        "  given: {" + ", ".join(f"{k}: {_yaml(v)}" for k, v in given.items()) + "}",
        "  claims:",
    ]
    for key, values in claims.items():
        lines.append(f"    {key}: [" + ", ".join(f"{v:.6f}" for v in values) + "]")
    path = tmp_path / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cases, errors = load_file(str(path))
    assert not errors, errors
    return cases[0]


def conventions_of(**switches) -> Conventions:
    return Conventions(build, switches)


def _first(report):
    """The single reading at rank 1 (the test fails if it is tied)."""
    best = report.best
    assert len(best) == 1, [(r.choices, r.score, r.closeness) for r in best]
    return best[0]


# --------------------------------------------------------------------------------------------
# One switch kind at a time: printed under a non-default choice, ranked first.


@pytest.mark.parametrize(
    "switch, choices, truth",
    [
        ("loss_scale", ["half", "one"], "one"),
        ("layout", ["row", "column"], "column"),
        ("bias", ["per_neuron", "shared", "frozen"], "shared"),
        ("hidden_delta_weights", ["old", "updated"], "updated"),
        ("update_sign", ["minus", "plus"], "plus"),
    ],
)
def test_the_convention_that_printed_the_numbers_ranks_first(tmp_path, switch, choices, truth):
    printed = oracle(**{switch: truth})  # printed numbers: the oracle under the non-default choice
    case = make_case(tmp_path, printed)
    ws = build()
    report = search(case, ws, conventions=conventions_of(**{switch: choices}), formulas=False)
    n = sum(len(v) for v in printed.values())
    best = _first(report)
    assert best.choices == {switch: truth}
    assert best.score == n  # every printed number reproduced at 6 decimals
    assert report.declared.score < n  # the default reading misses some
    assert set(report.disappear(best)) == set(report.findings)
    assert not report.notes  # the default choice rebuilds the declared worksheet


def test_a_combination_of_conventions_ranks_first_among_all(tmp_path):
    truth = {"layout": "column", "bias": "shared", "hidden_delta_weights": "updated"}
    case = make_case(tmp_path, oracle(**truth))  # printed: the oracle under these three choices
    conv = conventions_of(
        loss_scale=["half", "one"],
        layout=["row", "column"],
        bias=["per_neuron", "shared", "frozen"],
        hidden_delta_weights=["old", "updated"],
        update_sign=["minus", "plus"],
    )
    report = search(case, build(), conventions=conv, formulas=False)
    assert len(report.readings) == 48 and not report.sampled
    best = _first(report)
    assert best.changed(report.default) == truth
    assert best.score == len(report.numbers)
    # every other reading misses a printed number
    assert all(r.score < best.score for r in report.readings if r is not best)


def test_equivalent_choices_tie_and_are_named(tmp_path):
    # half and the mean over two outputs give the same deltas: printed under half, both reproduce
    case = make_case(tmp_path, oracle())  # printed: the oracle under the default reading
    conv = conventions_of(loss_scale=["half", "mean", "one"])
    report = search(case, build(), conventions=conv, formulas=False)
    top = report.best
    assert sorted(r.choices["loss_scale"] for r in top) == ["half", "mean"]
    assert all(r.tied and r.rank == 1 for r in top)
    assert report.equivalent == {"loss_scale": [["half", "mean"], ["one"]]}
    text = render(report)
    assert "tie at rank 1: 2 readings (loss_scale: half, mean) give identical values" in text
    assert "loss_scale: half = mean give identical printed numbers" in text


def test_a_switch_on_a_lost_input_tries_its_candidates(tmp_path):
    given = dict(GIVEN, lr=None)  # the learning rate's figure is lost
    case = make_case(tmp_path, oracle(), given)  # printed: the oracle with lr = 0.5
    report = search(case, build(), conventions=Conventions(build, {"lr": [0.1, 0.5, 1.0]}), formulas=False)
    best = _first(report)
    assert best.choices == {"lr": 0.5}
    assert best.score == len(report.numbers)
    # o, d_o and d_h do not need lr; the updated biases and the second pass are unknown as declared
    assert report.declared.score == 6 and report.declared.unknown == 6
    hint = hints(report)
    assert set(hint) == set(report.findings)
    assert hint["b1_new[0]"].startswith("convention: with lr=0.5, the exact chain gives")
    assert report.notes == [
        "the declared reading leaves 6 values unknown (a lost input); each reading fills them"
    ]


def test_hints_name_the_reading_for_findings_only(tmp_path):
    printed = oracle(hidden_delta_weights="updated")  # printed: hidden deltas from the updated W2
    case = make_case(tmp_path, printed)
    conv = conventions_of(hidden_delta_weights=["old", "updated"], update_sign=["minus", "plus"])
    report = search(case, build(), conventions=conv, formulas=False)
    hint = hints(report)
    assert set(hint) == set(report.findings)
    assert {"o[0]", "d_o[1]", "b2_new[0]"}.isdisjoint(hint)  # d_o and b2_new do not use d_h
    assert "d_h[1]" in hint and "with hidden_delta_weights=updated," in hint["d_h[1]"]
    assert "(as do" not in hint["d_h[1]"]  # no other reading reproduces it


def test_more_combinations_than_the_limit_are_sampled_with_the_default(tmp_path):
    case = make_case(tmp_path, {"o": oracle()["o"]})  # printed: the oracle's first outputs

    def same(**_):
        return build()

    conv = Conventions(same, {f"s{i}": [0, 1, 2] for i in range(5)}, default={"s0": 2})
    report = search(case, build(), conventions=conv, limit=40, formulas=False)
    again = search(case, build(), conventions=conv, limit=40, formulas=False)
    assert report.total == 243 and report.sampled and len(report.readings) == 40
    assert any(r.default and r.choices["s0"] == 2 for r in report.readings)
    assert [r.choices for r in report.readings] == [r.choices for r in again.readings]  # seeded
    assert "a seeded sample of 40 of 243 combinations (seed 0" in render(report)
    assert report.equivalent == {}  # not claimed from a sample


# --------------------------------------------------------------------------------------------
# Formula rows: the loss's scale as a convention.


def stated_loss(loss_scale="one"):
    """A one-neuron worksheet whose delta is the 1/2-loss gradient while the stated loss has no 1/2."""
    ws = Worksheet(f"one neuron ({loss_scale} loss)", loss="E")

    @ws.step
    def net(w, x):
        return w * x

    @ws.step
    def y(net):
        return sigmoid(net)

    @ws.step
    def E(y, target):
        return (1.0 if loss_scale == "one" else 0.5) * (y - target) ** 2

    @ws.step(means=grad("E", wrt="net"))
    def delta(y, target):
        return (y - target) * y * (1 - y)

    return ws


def test_a_formula_finding_that_is_a_loss_scale_shows_as_one(tmp_path):
    path = tmp_path / "one.yaml"
    # delta printed: y = sigmoid(0.6 * 0.5) = 0.574442517; (y - 0.2) * y * (1 - y) = 0.0915355855 -> 0.091536
    path.write_text(
        "- id: one-neuron\n  title: t\n  source: {publisher: tests, title: t}\n"
        "  reference: tests.test_conventions:unused\n  given: {w: 0.6, x: 0.5, target: 0.2}\n"
        "  claims: {delta: 0.091536}\n  draws: {n: 4, seed: 0}\n",
        encoding="utf-8",
    )
    case = load_file(str(path))[0][0]
    conv = Conventions(stated_loss, {"loss_scale": ["one", "half"]})
    report = search(case, stated_loss(), conventions=conv)
    declared, half = report.formulas
    assert declared.verdicts == {"formula:delta": ("scale", "1/2")}
    assert half.label == "loss_scale=half" and half.verdicts == {"formula:delta": ("ok", None)}
    assert report.declared.reproduced == {"delta"}
    assert hints(report) == {"formula:delta": "convention: scale 1/2 as declared; ok with loss_scale=half"}
    assert "1 of 1: formula:delta" in render(report)


# --------------------------------------------------------------------------------------------
# Declarations and errors


def test_conventions_are_checked_when_declared():
    with pytest.raises(ValueError, match="switches should be a non-empty mapping"):
        Conventions(build, {})
    with pytest.raises(ValueError, match=r"the default layout='diagonal' is not one of its choices"):
        Conventions(build, {"layout": ["row", "column"]}, default={"layout": "diagonal"})
    with pytest.raises(ValueError, match="lists a choice twice"):
        Conventions(build, {"layout": ["row", "row"]})
    assert Conventions(build, {"layout": ["row", "column"], "bias": ["shared", "per_neuron"]}).default == {
        "layout": "row",
        "bias": "shared",
    }


def test_a_worksheet_without_switches_or_with_a_switch_naming_nothing_is_refused(tmp_path):
    case = make_case(tmp_path, {"o": oracle()["o"]})  # printed: the oracle's first outputs
    with pytest.raises(ConventionError, match="declares no convention switches"):
        search(case, build())
    with pytest.raises(ConventionError, match="switch 'momentum' is neither a parameter of build"):
        search(case, build(), conventions=Conventions(build, {"momentum": [0, 0.9]}))


def test_render_formats(tmp_path):
    case = make_case(tmp_path, oracle(layout="column"))  # printed: the oracle, column layout
    report = search(case, build(), conventions=conventions_of(layout=["row", "column"]), formulas=False)
    text = render(report)
    assert "Conventions of synthetic (tests.test_conventions:unused)" in text
    assert "switches (* = default, the reading the text supports): layout: row*, column" in text
    assert "best: with layout=column: 12 of 12 printed numbers reproduced" in text
    data = json.loads(render(report, "json"))
    assert data["readings"][0]["choices"] == {"layout": "column"} and data["evaluated"] == 2
    assert render(report, "markdown").startswith("## Conventions of synthetic")
    with pytest.raises(ValueError, match="format should be one of"):
        render(report, "pdf")


# --------------------------------------------------------------------------------------------
# The tutorials


@functools.cache
def _case(case_id: str):
    cases, errors = load_paths(["cases"])
    return next(c for c in cases if c.spec.id == case_id)


def test_sapiencespace_only_per_neuron_biases_and_the_row_layout_reproduce_both_long_trainings():
    start = time.perf_counter()
    report = search(_case("sapiencespace-post"), formulas=False)
    seconds = time.perf_counter() - start
    long_training = {"out_100[0]", "out_100[1]", "out_1000000[0]", "out_1000000[1]"}
    both = [r.choices for r in report.readings if long_training <= r.reproduced]
    assert both == [
        {"layout": "row", "bias": "per_neuron", "loss_scale": "half"},
        {"layout": "row", "bias": "per_neuron", "loss_scale": "mean"},
    ]
    assert all(r.rank == 1 and r.tied for r in report.best) and len(report.best) == 2
    # the shared-bias and the transposed readings fail: neither reproduces the 100-epoch output
    for r in report.readings:
        if r.choices["bias"] == "shared" or r.choices["layout"] == "column":
            assert not {"out_100[0]", "out_100[1]"} <= r.reproduced, r.choices
    assert report.equivalent["loss_scale"] == [["half", "mean"], ["one"]]
    assert report.unexplained == ["out_1[0]", "out_1[1]"]  # 87% and 89%: no reading
    assert not report.notes
    print(f"\nsapiencespace: {len(report.readings)} readings in {seconds:.1f} s")


def test_geeksforgeeks_no_reading_explains_w12_and_w13_new_and_the_loss_scale_explains_the_formulas():
    report = search(_case("geeksforgeeks-2025-07-01"), formulas=["loss_scale"])
    for row in ("w12_new", "w13_new"):
        assert row in report.unexplained
        assert not report.reproducing(row, chain="author")
    assert report.equivalent["loss_scale"] == [["mse", "half"]]  # no printed number depends on it
    declared, half = report.formulas
    assert half.label == "loss_scale=half"
    assert {v for v in declared.verdicts.values()} == {("scale", "1/2")} and len(declared.verdicts) == 11
    assert {v for v in half.verdicts.values()} == {("ok", None)}
    hint = hints(report)
    assert "w12_new" not in hint and "w13_new" not in hint
    assert hint["formula:delta_5"] == "convention: scale 1/2 as declared; ok with loss_scale=half"
    assert not report.notes  # reading() with the defaults rebuilds worked_example
