"""gradaudit.nets: the built-in dense network, switch by switch, on small synthetic nets.

The nets here resemble no tutorial: a 2-3-2 net whose quantities keep their default names
(x_0, W1_0_2, net1_1, delta2_0, W2_new_1_0, ...) unless a test names them. Expected values come
from a plain numpy forward pass and from `jax.grad` of the stated loss written here, independently
of the worksheet; the formula rows compare the worksheet's closed-form deltas with autodiff.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from gradaudit import Worksheet, update
from gradaudit.core.tolerances import tolerance
from gradaudit.core.verdicts import V
from gradaudit.evaluating.worksheet import check_meanings, evaluate
from gradaudit.judging.runner import run_case
from gradaudit.loading.cases import CaseError, load_file, resolve_reference
from gradaudit.loading.resolve import BuiltinConfigError
from gradaudit.nets import dense

ROOT = Path(__file__).resolve().parents[1]
SIZES = [2, 3, 2]
DRAWS = 6  # formula rows: the given point and 6 seeded draws around it


def given_for(bias: str = "none", seed: int = 0, targets=(0.2, 0.7)) -> dict[str, float]:
    """Seeded givens of a 2-3-2 net under the default names (values chosen away from ReLU's kink)."""
    rng = np.random.default_rng(seed)
    g: dict[str, float] = {"x_0": 0.4, "x_1": -0.9, "lr": 0.3, "t_0": targets[0], "t_1": targets[1]}
    for layer in (1, 2):
        for i in range(SIZES[layer - 1]):
            for j in range(SIZES[layer]):
                g[f"W{layer}_{i}_{j}"] = float(np.round(rng.uniform(0.2, 0.9), 3))
        if bias == "per_neuron":
            for j in range(SIZES[layer]):
                g[f"b{layer}_{j}"] = float(np.round(rng.uniform(0.05, 0.3), 3))
        elif bias == "shared":
            g[f"b{layer}"] = float(np.round(rng.uniform(0.05, 0.3), 3))
    return g


def network(**over) -> dict:
    net = {"layers": SIZES, "activation": "sigmoid", "loss": "half_sse", "names": {}}
    net.update(over)
    return net


def params_of(g: dict, bias: str):
    """(W1, b1, W2, b2) as arrays from the default names (zero biases when there are none)."""
    out = []
    for layer in (1, 2):
        n_in, n_out = SIZES[layer - 1], SIZES[layer]
        W = np.array([[g[f"W{layer}_{i}_{j}"] for j in range(n_out)] for i in range(n_in)])
        if bias == "per_neuron":
            b = np.array([g[f"b{layer}_{j}"] for j in range(n_out)])
        elif bias == "shared":
            b = np.full(n_out, g[f"b{layer}"])
        else:
            b = np.zeros(n_out)
        out += [W, b]
    return out


ACT = {
    "sigmoid": lambda z: 1 / (1 + jnp.exp(-z)),
    "tanh": jnp.tanh,
    "relu": lambda z: jnp.maximum(z, 0.0),
    "linear": lambda z: z,
    "softmax": lambda z: jnp.exp(z) / jnp.sum(jnp.exp(z)),
}


def loss_of(name: str, out_act: str):
    def loss(W1, b1, W2, b2, x, t, hidden):
        o = ACT[out_act](ACT[hidden](x @ W1 + b1) @ W2 + b2)
        if name == "half_sse":
            return 0.5 * jnp.sum((t - o) ** 2)
        if name == "sse":
            return jnp.sum((t - o) ** 2)
        if name == "mse":
            return jnp.mean((t - o) ** 2)
        if out_act == "softmax":
            return -jnp.sum(t * jnp.log(o))
        return -jnp.sum(t * jnp.log(o) + (1 - t) * jnp.log(1 - o))

    return loss


def exact(ws, g) -> dict[str, float]:
    chains = evaluate(ws, g, {}, {})
    return {k: float(v) for k, v in chains.exact.items() if v is not None and np.ndim(v) == 0}


# One meaning step of each kind per layer (each meaning is an autodiff and a finite-difference
# probe to compile); the values of every other step are compared with autodiff directly.
SAMPLED = ("delta2_0", "delta1_1", "W2_new_1_0", "W1_new_0_2", "b2_new_1", "b1_new")
SAMPLED += ("delta2_1_it2", "W1_new_1_2_it2")


def formula_verdicts(ws, g, keep=SAMPLED) -> dict[str, tuple[str, str | None]]:
    """Formula verdicts of the sampled meaning steps (the worksheet's other meanings dropped)."""
    sub = Worksheet(ws.title, loss=ws.loss)
    for name, st in ws.steps.items():
        means = st.means if name in keep else None
        sub.step(st.fn, name=name, label=st.label, group=st.group, means=means, inputs=st.inputs)
    res = check_meanings(sub, g, tolerance(np.float64), draws=DRAWS, seed=0)
    return {k: (r.verdict.verdict, r.verdict.factor) for k, r in res.items()}


# ------------------------------------------------------------------------------------------------
# Forward pass and activations


@pytest.mark.parametrize(
    "hidden, out_act, bias",
    [
        ("sigmoid", "sigmoid", "none"),
        ("tanh", "linear", "per_neuron"),
        ("relu", "softmax", "shared"),
        ("linear", "tanh", "per_neuron"),
    ],
)
def test_forward_values_are_the_plain_forward_pass(hidden, out_act, bias):
    g = given_for(bias)
    ws = dense(network(activation=[hidden, out_act], bias=bias, names={"o0": "out2[0]", "o1": "out2[1]"}))
    v = exact(ws, g)
    W1, b1, W2, b2 = params_of(g, bias)
    h = np.asarray(ACT[hidden](np.array([g["x_0"], g["x_1"]]) @ W1 + b1))
    o = np.asarray(ACT[out_act](h @ W2 + b2))
    assert [v["out1_0"], v["out1_1"], v["out1_2"]] == pytest.approx(list(h), rel=1e-13, abs=1e-15)
    assert [v["o0"], v["o1"]] == pytest.approx(list(o), rel=1e-13, abs=1e-15)


# ------------------------------------------------------------------------------------------------
# Deltas that belong to the stated loss: every formula row ok, and the updates are -lr x autodiff


@pytest.mark.parametrize(
    "hidden, out_act, loss, bias, sign",
    [
        ("sigmoid", "sigmoid", "half_sse", "none", "error"),
        ("sigmoid", "sigmoid", "sse", "per_neuron", "gradient"),
        ("tanh", "linear", "mse", "shared", "error"),
        ("relu", "sigmoid", "cross_entropy", "per_neuron", "gradient"),
        ("tanh", "softmax", "cross_entropy", "shared", "error"),
        ("sigmoid", "softmax", "half_sse", "none", "gradient"),
    ],
)
def test_closed_form_deltas_of_the_stated_loss_are_ok_and_step_downhill(hidden, out_act, loss, bias, sign):
    targets = (0.3, 0.7) if out_act == "softmax" else (0.2, 0.7)  # softmax targets sum to 1
    g = given_for(bias, seed=1, targets=targets)
    net = network(activation=[hidden, out_act], loss=loss, bias=bias, delta={"sign": sign})
    ws = dense(net)
    verdicts = formula_verdicts(ws, g)
    assert verdicts and set(verdicts.values()) == {(V.OK, None)}, verdicts
    # The updated weights are w - lr dE/dw with autodiff of the loss written above.
    W1, b1, W2, b2 = params_of(g, bias)
    x, t = jnp.array([g["x_0"], g["x_1"]]), jnp.array(targets)
    grads = jax.grad(loss_of(loss, out_act), argnums=(0, 1, 2, 3))(W1, b1, W2, b2, x, t, hidden)
    v = exact(ws, g)
    for layer, G in ((1, grads[0]), (2, grads[2])):
        for i in range(SIZES[layer - 1]):
            for j in range(SIZES[layer]):
                want = g[f"W{layer}_{i}_{j}"] - g["lr"] * float(G[i, j])
                assert v[f"W{layer}_new_{i}_{j}"] == pytest.approx(want, rel=1e-12, abs=1e-14)
    if bias == "shared":  # a shared bias moves by lr x the sum of its layer's gradients
        assert v["b2_new"] == pytest.approx(g["b2"] - g["lr"] * float(jnp.sum(grads[3])), rel=1e-12)
    elif bias == "per_neuron":
        assert v["b1_new_2"] == pytest.approx(g["b1_2"] - g["lr"] * float(grads[1][2]), rel=1e-12)


def test_sse_loss_with_half_sse_deltas_reports_scale_one_half():
    ws = dense(network(loss="sse", delta={"sign": "error", "loss": "half_sse"}))
    verdicts = formula_verdicts(ws, given_for())
    # d/dnet of (t - o)^2 is 2 x the half-SSE delta: every delta and update is half of it
    assert set(verdicts.values()) == {(V.SCALE, "1/2")}, verdicts
    assert {"delta2_0", "delta1_1", "W2_new_1_0", "W1_new_0_2"} <= set(verdicts)


def test_update_sign_against_the_delta_convention_is_a_sign_row():
    ws = dense(network(delta={"sign": "gradient"}, update={"sign": "plus"}))  # ascent
    verdicts = formula_verdicts(ws, given_for())
    assert verdicts["delta2_0"] == (V.OK, None)  # the deltas themselves are right
    assert verdicts["W2_new_1_0"][0] == V.SIGN and verdicts["W1_new_0_2"][0] == V.SIGN


def test_hidden_deltas_from_updated_weights_use_them_and_are_caught():
    g = given_for()
    old = exact(dense(network()), g)
    ws = dense(network(update={"hidden_deltas": "updated"}))
    v = exact(ws, g)
    # delta1[j] = out(1 - out) sum_k W2_new[j,k] delta2[k], written out here
    o = v["out1_1"]
    want = o * (1 - o) * (v["W2_new_1_0"] * v["delta2_0"] + v["W2_new_1_1"] * v["delta2_1"])
    assert v["delta1_1"] == pytest.approx(want, rel=1e-13)
    assert v["delta1_1"] != pytest.approx(old["delta1_1"], rel=1e-6)
    verdicts = formula_verdicts(ws, g)
    assert verdicts["delta2_0"] == (V.OK, None)
    assert verdicts["delta1_1"][0] != V.OK


def test_two_iterations_are_two_gradient_steps():
    g = given_for(seed=2)
    ws = dense(network(iterations=2, names={"w_last": "W1[1,2]@3", "loss_two": "E@2"}))
    v = exact(ws, g)
    W1, b1, W2, b2 = params_of(g, "none")
    x, t = jnp.array([g["x_0"], g["x_1"]]), jnp.array([0.2, 0.7])
    f = jax.grad(loss_of("half_sse", "sigmoid"), argnums=(0, 2))
    for _ in range(2):
        G1, G2 = f(W1, b1, W2, b2, x, t, "sigmoid")
        W1, W2 = W1 - g["lr"] * G1, W2 - g["lr"] * G2
    assert v["w_last"] == pytest.approx(float(W1[1, 2]), rel=1e-12)
    # the second iteration's steps are checked against E@2
    verdicts = formula_verdicts(ws, g, keep=(*SAMPLED, "w_last"))
    assert ws.steps["delta2_0_it2"].means.loss == "loss_two"
    assert ws.steps["w_last"].means == update("W1_new_1_2", lr="lr", loss="loss_two")
    assert {"delta2_1_it2", "w_last", "delta1_1"} <= set(verdicts)
    assert set(verdicts.values()) == {(V.OK, None)}, verdicts


def test_a_bias_not_updated_stays_the_given_one():
    g = given_for("per_neuron")
    ws = dense(network(bias={"kind": "per_neuron", "update": False}, names={"z": "net1[0]@2"}))
    assert not any(name.startswith("b1_new") for name in ws.steps)
    assert "b1_0" in ws.steps["z"].inputs
    v = exact(ws, g)  # net1[0] of the second pass: the updated weights and the given bias
    assert v["z"] == pytest.approx(
        v["W1_new_0_0"] * g["x_0"] + v["W1_new_1_0"] * g["x_1"] + g["b1_0"], rel=1e-14
    )
    with pytest.raises(BuiltinConfigError, match="not updated"):
        dense(network(bias={"kind": "per_neuron", "update": False}, names={"nb": "b1_new[0]"}))


def test_named_intermediates_become_steps_with_the_same_numbers():
    g = given_for()
    plain = exact(dense(network()), g)
    names = {
        "err_a": "error[0]",
        "part_a": "E[0]",
        "part_b": "E[1]",
        "slope_a": "dout_dnet2[0]",
        "g_out_a": "dE_dout[0]",
        "grad_k": "dE_dW2[1,0]",
        "step_k": "dW2[1,0]",
        "step_m": "dW1[0,2]",
    }
    ws = dense(network(names=names))
    v = exact(ws, g)
    assert ws.steps["W2_new_1_0"].inputs == ("W2_1_0", "step_k")
    assert ws.steps["step_k"].inputs == ("lr", "grad_k")
    assert ws.steps["delta2_0"].inputs == ("slope_a", "g_out_a")
    assert ws.steps["E"].inputs == ("part_a", "part_b")
    for name in ("W2_new_1_0", "W1_new_0_2", "delta2_0", "delta1_2", "E"):
        assert v[name] == pytest.approx(plain[name], rel=1e-13), name
    assert v["grad_k"] == pytest.approx(-(plain["W2_new_1_0"] - g["W2_1_0"]) / g["lr"], rel=1e-12)
    verdicts = formula_verdicts(ws, g, keep=("grad_k", "step_k", "g_out_a", "delta2_0", "W1_new_0_2"))
    assert set(verdicts.values()) == {(V.OK, None)} and len(verdicts) == 5


def test_the_error_form_of_the_output_delta_takes_the_named_error():
    ws = dense(network(names={"miss": "error[1]"}))
    assert ws.steps["delta2_1"].inputs == ("out2_1", "miss")
    assert ws.steps["delta2_0"].inputs == ("out2_0", "t_0", "out2_0")  # out (1 - out) (t - out)


@pytest.mark.parametrize(
    "names, message",
    [
        ({"q": "W3[0,0]"}, "expected a layer number from 1 to 2"),
        ({"q": "W1[2,0]"}, "W1 is 2 x 3"),
        ({"q": "out1[0]@4"}, "iteration 4 is out of range"),
        ({"q": "b1[0]"}, "no biases"),
        ({"q": "delta9"}, "expected a layer number"),
        ({"q": "weight"}, "expected a network quantity"),
        ({"q": "x[0]", "r": "x[0]"}, "already named 'q'"),
        ({"W1_0_0": "x[1]"}, "also the default name of W1[0,0]"),
    ],
)
def test_bad_names_say_which_symbol_and_why(names, message):
    with pytest.raises(BuiltinConfigError, match=message.replace("[", r"\[")) as info:
        dense(network(names=names))
    assert info.value.path == ("names", list(names)[-1])


def test_the_activation_list_is_checked_against_the_layers():
    with pytest.raises(BuiltinConfigError, match="expected 2 activations"):
        dense(network(activation=["sigmoid"]))
    with pytest.raises(BuiltinConfigError, match="only the last layer") as info:
        dense(network(activation=["softmax", "sigmoid"]))
    assert info.value.path == ("activation", 0)


def test_the_same_block_gives_the_same_worksheet():
    assert dense(network(loss="sse")) is dense(network(loss="sse"))


# ------------------------------------------------------------------------------------------------
# The case file route: located errors, the registry


CASE = """\
- id: synth-net
  title: t
  source: {publisher: p, title: t}
  reference: gradaudit.nets:dense
  given: {x_0: 0.4, x_1: -0.9, t_0: 0.2, zed: 0.5, W1_1_0: 0.3, lr: 0.1}
  network:
    layers: [2, 1]
    activation: sigmoid
    loss: half_sse
    names:
      zed: W1[0,0]
      bad: out7[0]
"""


def test_an_error_in_the_network_block_is_located(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(CASE)
    (case,), errors = load_file(path)
    assert errors == []
    with pytest.raises(CaseError) as info:
        resolve_reference(case)
    err = info.value
    assert (err.line, err.col, err.field) == (12, 12, "network.names.bad")
    assert "expected a layer number from 1 to 1" in err.message


def test_a_schema_error_in_the_network_block_is_located_with_a_hint(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(CASE.replace("activation: sigmoid", "activation: sigmod"))
    _, errors = load_file(path)
    assert [(e.line, e.col, e.field) for e in errors] == [(8, 17, "network.activation")]
    assert "did you mean 'sigmoid'?" in errors[0].message


def test_a_yaml_only_case_runs_without_a_reference_folder(tmp_path):
    path = tmp_path / "c.yaml"
    # sigmoid(0.5 * 0.4 + 0.3 * -0.9) = sigmoid(-0.07) = 0.48250714 (math.exp below)
    text = CASE.replace("      bad: out7[0]\n", "      o: out1[0]\n") + "  claims: {o: 0.4825}\n"
    path.write_text(text)
    assert 1 / (1 + math.exp(0.07)) == pytest.approx(0.48250714, abs=1e-8)
    (case,), errors = load_file(path)
    res = run_case(case, draws=4, seed=0)
    assert res.error is None
    assert {r.quantity: r.verdict for r in res.rows}["o"] == V.OK


# ------------------------------------------------------------------------------------------------
# The GeeksforGeeks example on the built-in network gives the rows of its hand-written worksheet


def _rows(file: str, case_id: str):
    cases, errors = load_file(ROOT / "cases" / file)
    assert errors == []
    (case,) = [c for c in cases if c.spec.id == case_id]
    res = run_case(case)
    assert res.error is None
    return res.rows


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == pytest.approx(b, rel=1e-12, abs=1e-12)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


@pytest.mark.parametrize("revision", ["2025-07-01", "2025-09"])
def test_geeksforgeeks_on_the_built_in_network_gives_the_hand_written_rows(revision):
    hand = {r.quantity: r for r in _rows("geeksforgeeks.yaml", f"geeksforgeeks-{revision}")}
    built = {r.quantity: r for r in _rows("geeksforgeeks_net.yaml", f"geeksforgeeks-net-{revision}")}
    assert sorted(built) == sorted(hand)
    for name, h in hand.items():
        b = built[name]
        assert (b.verdict, b.kind) == (h.verdict, h.kind), name
        assert _same(b.details, h.details), (name, b.details, h.details)
        for field in ("exact", "author_chain"):
            assert _same(getattr(b, field), getattr(h, field)), (name, field)


def _compare(hand_rows, built_rows, hand_only: set[str], built_only: set[str]) -> None:
    """Every row both have agrees (name, verdict, details, both values to 1e-12); the rows only one
    side has are exactly the listed ones, and the network's own extra rows are all ok."""
    hand = {r.quantity: r for r in hand_rows}
    built = {r.quantity: r for r in built_rows}
    assert set(hand) - set(built) == hand_only
    assert set(built) - set(hand) == built_only
    for name in built_only:
        assert built[name].verdict == V.OK, name
    for name in set(hand) & set(built):
        h, b = hand[name], built[name]
        assert (b.verdict, b.kind) == (h.verdict, h.kind), name
        assert _same(b.details, h.details), (name, b.details, h.details)
        for field in ("exact", "author_chain"):
            assert _same(getattr(b, field), getattr(h, field)), (name, field)


def test_vetea_neurona_on_the_built_in_network_gives_the_hand_written_rows():
    """cases/vetea_neurona_net.yaml against cases/vetea_neurona.yaml. The products w1 x1, w2 x2
    are named products on the network, z's inputs as by hand, and 1 - a a named complement, da/dz's
    input as by hand. Left out, as the network has no such steps: dz/dw1 = x1, and dL/da, da/dz,
    dz/dw1 as dL/dw1's operands (the network's dL/dw1 is delta x1). L's operand is y - a by hand,
    y and a on the network (both printed: "1/2 (0.8 - 0.721)^2"). The network's other updates (w2,
    b) and its delta are extra formula rows, all ok."""
    hand_only = {"dz_dw1", "L<-diff"}
    hand_only |= {"dL_dw1<-dL_da", "dL_dw1<-da_dz", "dL_dw1<-dz_dw1"}
    built_only = {"L<-y", "L<-a"}
    built_only |= {"formula:W1_new_1_0", "formula:b1_new_0", "formula:delta1_0"}
    hand = _rows("vetea_neurona.yaml", "vetea-neurona")
    _compare(hand, _rows("vetea_neurona_net.yaml", "vetea-neurona-net"), hand_only, built_only)


def test_sghosh_neuron_on_the_built_in_network_gives_the_hand_written_rows():
    """cases/sghosh_neuron_net.yaml (written after the corpus work, the network as it is) against
    cases/sghosh_neuron.yaml: every row, none left out on either side."""
    hand = _rows("sghosh_neuron.yaml", "sghosh-neuron")
    _compare(hand, _rows("sghosh_neuron_net.yaml", "sghosh-neuron-net"), set(), set())


def test_abdulrehman_on_the_built_in_network_gives_the_hand_written_rows():
    """cases/abdulrehman_bp222_net.yaml (a 2-2-2 net with shared biases and a second forward pass,
    written after the corpus work) against cases/abdulrehman_bp222.yaml: every row but the printed
    "Error reduction" (E_total before minus after), for which the network has no step."""
    hand = _rows("abdulrehman_bp222.yaml", "abdulrehman-bp222")
    _compare(hand, _rows("abdulrehman_bp222_net.yaml", "abdulrehman-bp222-net"), {"reduction"}, set())


def test_aiprimer_relu_neuron_on_the_built_in_network_gives_the_hand_written_rows():
    """cases/aiprimer_nn_net.yaml against cases/aiprimer_nn.yaml's aiprimer-relu-neuron. Left out,
    as the network has no such steps: the products w1 x1, w2 x2 (the figure prints them beside
    z's own operands), the dot product w.x without the bias, and dL/dy, dy/dz as operands of
    dL/dw1, dL/dw2 (the network's dL/dw_i is dL/dz x_i). dL/db is the network's dE_db1[0]."""
    hand_only = {"p1", "p2", "dot", "dot<-w1", "dot<-x1", "dot<-w2", "dot<-x2"}
    hand_only |= {"dL_dw1<-dL_dy", "dL_dw1<-dy_dz", "dL_dw2<-dL_dy", "dL_dw2<-dy_dz"}
    hand = _rows("aiprimer_nn.yaml", "aiprimer-relu-neuron")
    _compare(hand, _rows("aiprimer_nn_net.yaml", "aiprimer-relu-neuron-net"), hand_only, set())


@pytest.mark.parametrize(
    "toy, hand_only, built_only",
    [
        (
            "linear",
            {"dyhat_dw", "yhat<-w", "yhat<-x", "yhat_new<-w_new", "yhat_new<-x"},
            {"formula:delta1_0"},
        ),
        ("sigmoid", {"yhat<-h", "yhat<-w2"}, {"formula:delta1_0", "formula:delta2_0"}),
    ],
)
def test_adilce_toys_on_the_built_in_network_give_the_hand_written_rows(toy, hand_only, built_only):
    """cases/adilce_toy_net.yaml against cases/adilce_toy.yaml. Left out: y_hat's operands (with a
    linear output y_hat is the network's out, whose one input is its net, not the weight and the
    input), and dy_hat/dw = x (no such step). The network's deltas are extra formula rows, all ok.
    Toy 3 (ReLU) stays Python: it prints no update or learning rate, and its derivative's factors."""
    hand = _rows("adilce_toy.yaml", f"adilce-toy-{toy}")
    _compare(hand, _rows("adilce_toy_net.yaml", f"adilce-toy-{toy}-net"), hand_only, built_only)


def test_the_network_switches_feed_the_convention_search():
    ws = dense(network(loss="sse", delta={"loss": "half_sse"}))
    conv = ws.conventions
    declared = {"loss": "sse", "delta_loss": "half_sse", "hidden_deltas": "old", "update_sign": "plus"}
    assert conv.default == declared
    assert conv.worksheet(**conv.default) is ws  # the declared reading is the worksheet itself
    g = given_for()
    base = exact(ws, g)
    other = exact(conv.worksheet(**{**conv.default, "delta_loss": "sse"}), g)
    assert other["delta2_0"] == pytest.approx(2 * base["delta2_0"], rel=1e-13)  # d/do (t - o)^2 = 2 x half
    assert other["net1_0"] == base["net1_0"]


# ------------------------------------------------------------------------------------------------
# gradaudit draft ARTICLE --network NETWORK.yaml

SEEDS = ROOT.parent / "shared" / "seeds"


def _gfg_network_file(tmp_path) -> Path:
    """cases/geeksforgeeks_net.yaml's first network block, as a file of its own (`network:` form)."""
    lines = (ROOT / "cases" / "geeksforgeeks_net.yaml").read_text().split("\n")
    start = lines.index("  network:")
    end = next(k for k in range(start + 1, len(lines)) if lines[k].startswith("  given:"))
    path = tmp_path / "network.yaml"
    path.write_text("\n".join(line[2:] for line in lines[start:end]) + "\n")
    return path


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed texts are not here ({SEEDS})")
def test_a_draft_on_the_network_proposes_what_the_hand_written_worksheet_does(tmp_path):
    from gradaudit.draft import draft

    result = draft(SEEDS / "002_73486cd25ce200b1.txt", None, network=_gfg_network_file(tmp_path))
    # the proposals of tests/test_draft.py's geeksforgeeks draft against reference.geeksforgeeks
    assert result.dropped == []
    assert result.proposals == {
        "delta_4": ("decimal-slip", None),
        "dw11": ("sign", None),
        "w22_new": ("factor", "2"),
    }
    assert "  reference: gradaudit.nets:dense\n  network:\n    layers: [2, 2, 1]" in result.yaml
    (case,), errors = load_file(_write(tmp_path / "draft.yaml", result.yaml))
    assert errors == [] and case.spec.network is not None


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_a_network_file_error_is_located_in_that_file(tmp_path):
    from gradaudit.draft import DraftError, draft
    from gradaudit.loading.cases import load_network

    bad = _write(
        tmp_path / "n.yaml", "layers: [2, 1]\nactivation: sigmoid\nloss: half_sse\nnames:\n  k: W1[5,0]\n"
    )
    with pytest.raises(CaseError) as info:
        load_network(bad)
    assert (info.value.line, info.value.col, info.value.field) == (5, 6, "network.names.k")
    typo = _write(tmp_path / "t.yaml", "network:\n  layers: [2, 1]\n  activation: sigmoid\n  los: sse\n")
    with pytest.raises(CaseError) as info:
        load_network(typo)
    assert (info.value.line, info.value.col, info.value.message) == (4, 3, "unknown field 'los'")
    with pytest.raises(CaseError, match=r"n2\.yaml:2:13: error: network\.activation: .*did you mean 'tanh'"):
        load_network(_write(tmp_path / "n2.yaml", "layers: [1, 1]\nactivation: tahn\nloss: sse\n"))
    article = _write(tmp_path / "a.txt", "nothing printed\n")
    with pytest.raises(DraftError, match=r"--network: .*n\.yaml:5:6: error: network\.names\.k"):
        draft(article, None, network=bad)
    with pytest.raises(DraftError, match="not both"):
        draft(article, "reference.x:y", network=bad)


def test_a_symbol_may_take_the_default_name_of_a_quantity_the_worksheet_leaves_out():
    # E_it2 (the loss after the last update) is not in a one-iteration worksheet unless named
    ws = dense(network(names={"E_it2": "out2[0]@2"}))
    assert ws.steps["E_it2"].inputs == ("net2_0_it2",)


# ------------------------------------------------------------------------------------------------
# Training for N epochs: a layer as one vector, "Q after n" (a repetition of iteration 1's own
# steps), and the statement biases_stay_equal


def test_a_layer_without_an_index_is_its_units_as_one_vector():
    g = given_for("per_neuron")
    ws = dense(network(bias="per_neuron", names={"o_next": "out2@2", "h": "net1"}))
    v = evaluate(ws, g, {}, {}).exact
    assert ws.steps["o_next"].inputs == ("out2_0_it2", "out2_1_it2")
    assert list(v["o_next"]) == [v["out2_0_it2"], v["out2_1_it2"]]
    assert list(v["h"]) == [v["net1_0"], v["net1_1"], v["net1_2"]]


@pytest.mark.parametrize("bias, rounds", [("per_neuron", 7), ("shared", 0), ("none", 30)])
def test_after_n_is_n_gradient_steps(bias, rounds):
    g = {**given_for(bias, seed=3), "k": rounds}
    names = {"o_k": "out2 after k", "w_k": "W1[1,2] after k", "e_k": "E after k", "d_k": "delta1[0] after k"}
    ws = dense(network(bias=bias, names=names))
    assert "k" in ws.counts and ws.steps["o_k"].repeat is not None
    v = evaluate(ws, g, {}, {}).exact
    # k steps of w - lr dE/dw with autodiff of the loss written in this file
    W1, b1, W2, b2 = params_of(g, bias)
    x, t = jnp.array([g["x_0"], g["x_1"]]), jnp.array([0.2, 0.7])
    f = jax.grad(loss_of("half_sse", "sigmoid"), argnums=(0, 1, 2, 3))
    for _ in range(rounds):
        G1, Gb1, G2, Gb2 = f(W1, b1, W2, b2, x, t, "sigmoid")
        W1, W2 = W1 - g["lr"] * G1, W2 - g["lr"] * G2
        if bias == "per_neuron":
            b1, b2 = b1 - g["lr"] * Gb1, b2 - g["lr"] * Gb2
        elif bias == "shared":  # one number per layer: its gradient is the sum over the layer
            b1, b2 = b1 - g["lr"] * jnp.sum(Gb1), b2 - g["lr"] * jnp.sum(Gb2)
    h = ACT["sigmoid"](x @ W1 + b1)
    o = ACT["sigmoid"](h @ W2 + b2)
    assert list(v["o_k"]) == pytest.approx(list(np.asarray(o)), rel=1e-12)
    assert float(v["w_k"]) == pytest.approx(float(W1[1, 2]), rel=1e-12)
    assert float(v["e_k"]) == pytest.approx(0.5 * float(jnp.sum((t - o) ** 2)), rel=1e-12)
    # the default delta is the error form, -dE/dnet: f'(net) x sum_k W2[0,k] (t - o) o (1 - o)
    assert float(v["d_k"]) == pytest.approx(
        float(h[0] * (1 - h[0]) * (W2[0] @ ((t - o) * o * (1 - o)))), rel=1e-12
    )


def test_one_round_after_is_the_second_iteration():
    g = {**given_for("per_neuron", seed=4), "k": 1}
    ws = dense(network(bias="per_neuron", names={"a": "out2@2", "b": "out2 after k"}))
    v = evaluate(ws, g, {}, {}).exact
    assert list(v["a"]) == pytest.approx(list(v["b"]), rel=1e-14)


@pytest.mark.parametrize(
    "names, message",
    [
        ({"q": "out2@2 after k"}, "no '@k'"),
        ({"q": "W1_new[0,0] after k"}, "no '_new'"),
        ({"q": "dW1[0,0] after k"}, "'after n' ends a repetition"),
        ({"q": "out2 after 100"}, "expected the name of a given count"),
        ({"q": "out5 after k"}, "expected a layer number from 1 to 2"),
        ({"q": "out2 after x_0"}, "also the name of x[0]"),
        ({"k": "lr", "q": "out2 after k"}, "also the name of lr"),
        ({"q": "out1[0]@2 after k"}, "no '@k'"),
    ],
)
def test_bad_repetitions_say_which_symbol_and_why(names, message):
    with pytest.raises(BuiltinConfigError, match=message.replace("[", r"\[")) as info:
        dense(network(names=names))
    assert info.value.path == ("names", list(names)[-1])


def test_a_bias_never_updated_has_no_repetition():
    with pytest.raises(BuiltinConfigError, match="not updated"):
        dense(network(bias={"kind": "per_neuron", "update": False}, names={"q": "b1[0] after k"}))


def test_biases_stay_equal_is_the_largest_gap_in_a_layer_after_an_update():
    g = given_for("per_neuron", seed=5)
    for layer in (1, 2):  # equal at the start
        for j in range(SIZES[layer]):
            g[f"b{layer}_{j}"] = 0.1 * layer
    ws = dense(network(bias="per_neuron", iterations=2))
    st = ws.statements["biases_stay_equal"]
    v = exact(ws, g)
    gaps = [
        max(v[f"b{layer}_new_{j}{it}"] for j in range(SIZES[layer]))
        - min(v[f"b{layer}_new_{j}{it}"] for j in range(SIZES[layer]))
        for layer in (1, 2)
        for it in ("", "_it2")
    ]
    assert float(st.fn(**g)) == pytest.approx(max(gaps), rel=1e-13) and max(gaps) > 1e-3
    assert "biases_stay_equal" not in dense(network(bias="shared")).statements  # one number: equal by design
    frozen = dense(network(bias={"kind": "per_neuron", "update": False}))
    assert float(frozen.statements["biases_stay_equal"].fn(**g)) == 0.0  # the given biases, equal


def test_sapiencespace_on_the_built_in_network_gives_the_hand_written_rows():
    """cases/sapiencespace_net.yaml against cases/sapiencespace.yaml's sapiencespace-post. The
    hand-written formula rows are on whole matrices and vectors (delta_o, W2_new, ...), the
    network's on each number (delta2_0, W2_new_0_1, ...): those rows differ by name, all ok. The
    claims (one update, 100 and 1,000,000 epochs) and the statement are the same rows."""
    hand_only = {f"formula:{n}" for n in ("delta_o", "delta_h", "dE_dW2", "W2_new", "dE_dW1", "W1_new")}
    hand_only |= {"formula:b2_new", "formula:b1_new"}
    built_only = {f"formula:delta{layer}_{j}" for layer in (1, 2) for j in (0, 1)}
    built_only |= {f"formula:W{layer}_new_{i}_{j}" for layer in (1, 2) for i in (0, 1) for j in (0, 1)}
    built_only |= {f"formula:b{layer}_new_{j}" for layer in (1, 2) for j in (0, 1)}
    hand = _rows("sapiencespace.yaml", "sapiencespace-post")
    _compare(hand, _rows("sapiencespace_net.yaml", "sapiencespace-post-net"), hand_only, built_only)


def test_sapiencespace_shared_bias_on_the_built_in_network_gives_the_hand_written_rows():
    """As above for sapiencespace-post-shared-bias: a shared bias is one number on both sides, so
    the bias updates' formula rows (b2_new, b1_new) are common rows too."""
    hand_only = {f"formula:{n}" for n in ("delta_o", "delta_h", "dE_dW2", "W2_new", "dE_dW1", "W1_new")}
    built_only = {f"formula:delta{layer}_{j}" for layer in (1, 2) for j in (0, 1)}
    built_only |= {f"formula:W{layer}_new_{i}_{j}" for layer in (1, 2) for i in (0, 1) for j in (0, 1)}
    hand = _rows("sapiencespace.yaml", "sapiencespace-post-shared-bias")
    built = _rows("sapiencespace_net.yaml", "sapiencespace-post-shared-bias-net")
    _compare(hand, built, hand_only, built_only)


# ------------------------------------------------------------------------------------------------
# dE/db apart from the bias update


@pytest.mark.parametrize("bias, sign", [("per_neuron", "error"), ("shared", "gradient")])
def test_a_named_bias_gradient_is_autodiffs_and_feeds_the_bias_update(bias, sign):
    g = given_for(bias, seed=6)
    names = {"gb_out": "dE_db2[1]", "gb_hid": "dE_db1[2]"}
    if bias == "shared":
        names = {"gb_out": "dE_db2", "gb_hid": "dE_db1"}
    ws = dense(network(bias=bias, delta={"sign": sign}, names=names))
    new_out = "b2_new_1" if bias == "per_neuron" else "b2_new"
    assert ws.steps[new_out].inputs == ("b2_1" if bias == "per_neuron" else "b2", "lr", "gb_out")
    v = exact(ws, g)
    W1, b1, W2, b2 = params_of(g, bias)
    x, t = jnp.array([g["x_0"], g["x_1"]]), jnp.array([0.2, 0.7])
    _, Gb1, _, Gb2 = jax.grad(loss_of("half_sse", "sigmoid"), argnums=(0, 1, 2, 3))(
        W1, b1, W2, b2, x, t, "sigmoid"
    )
    if bias == "shared":  # one number per layer: the sum of its units' gradients
        assert v["gb_out"] == pytest.approx(float(jnp.sum(Gb2)), rel=1e-12)
        assert v["gb_hid"] == pytest.approx(float(jnp.sum(Gb1)), rel=1e-12)
        assert v["b2_new"] == pytest.approx(g["b2"] - g["lr"] * float(jnp.sum(Gb2)), rel=1e-12)
    else:
        assert v["gb_out"] == pytest.approx(float(Gb2[1]), rel=1e-12)
        assert v["gb_hid"] == pytest.approx(float(Gb1[2]), rel=1e-12)
    plain = exact(dense(network(bias=bias, delta={"sign": sign})), g)
    assert v[new_out] == pytest.approx(plain[new_out], rel=1e-14)  # the same update, now in two steps
    verdicts = formula_verdicts(ws, g, keep=("gb_out", "gb_hid", new_out))
    assert verdicts == {"gb_out": (V.OK, None), "gb_hid": (V.OK, None), new_out: (V.OK, None)}


@pytest.mark.parametrize(
    "bias, name, message",
    [
        ("shared", "dE_db1[0]", "write dE_db1"),
        ("none", "dE_db1[0]", "no biases"),
        ("per_neuron", "dE_db1", "expected dE_db1[j]"),
        ("per_neuron", "dE_db2[2]", "with j below 2"),
    ],
)
def test_bad_bias_gradients_say_why(bias, name, message):
    with pytest.raises(BuiltinConfigError, match=message.replace("[", r"\[")) as info:
        dense(network(bias=bias, names={"g": name}))
    assert info.value.path == ("names", "g")


def test_a_bias_gradient_exists_when_the_bias_is_not_updated():
    g = given_for("per_neuron", seed=7)
    ws = dense(network(bias={"kind": "per_neuron", "update": False}, names={"gb": "dE_db2[0]"}))
    v = exact(ws, g)
    assert v["gb"] == pytest.approx(-v["delta2_0"], rel=1e-14)  # error deltas: dE/db = -delta
    assert not any(n.startswith("b2_new") for n in ws.steps)


# ------------------------------------------------------------------------------------------------
# A product printed between two quantities


def test_a_named_weight_times_input_product_is_a_step_the_net_input_takes():
    g = given_for("per_neuron", seed=8)
    names = {"p": "W1[1,2] * x[1]", "q": "x[0] * W1[0,2]", "r": "W2[0,1]@2 * out1[0]@2", "o": "out2[1]@2"}
    ws = dense(network(bias="per_neuron", names=names))
    assert ws.steps["net1_2"].inputs == ("q", "p", "b1_2")  # W x input of each term, in order
    assert ws.steps["q"].inputs == ("x_0", "W1_0_2")  # the factors in the article's order
    net2 = ("r", "W2_new_1_1", "out1_1_it2", "W2_new_2_1", "out1_2_it2", "b2_new_1")  # three hidden units
    assert ws.steps["net2_1_it2"].inputs == net2
    assert [ws.steps[n].group for n in ("p", "q", "r")] == ["products", "products", "products2"]  # siblings
    v, plain = exact(ws, g), exact(dense(network(bias="per_neuron", names={"o": "out2[1]@2"})), g)
    assert v["p"] == g["W1_1_2"] * g["x_1"] and v["q"] == g["x_0"] * g["W1_0_2"]
    for name in ("net1_2", "o", "W1_new_0_2", "delta1_2"):  # the same numbers, bit for bit
        assert v[name] == plain[name], name


def test_any_other_named_product_is_a_step_of_its_own():
    g = given_for(seed=9)
    ws = dense(network(names={"k": "delta2[0] * out1[1]", "m": "error[1] * t[0]"}))
    v = exact(ws, g)
    assert v["k"] == v["delta2_0"] * v["out1_1"]
    assert ws.steps["m"].inputs == ("error_1", "t_0")  # a folded factor becomes a step of its own
    assert v["m"] == pytest.approx((g["t_1"] - v["out2_1"]) * g["t_0"], rel=1e-15)
    assert not any("k" in st.inputs or "m" in st.inputs for st in ws.steps.values())  # nothing takes them


@pytest.mark.parametrize(
    "name, message",
    [
        ("W1[0,0] * x[0] * x[1]", "a product of two network quantities"),
        ("W1[0,0] *", "a product of two network quantities"),
        ("W1[0,0] * out2", "not of a layer"),
        ("W1[0,0] * out2 after k", "not 'after n'"),
        ("W1[0,0] * x[5]", "out of range"),
    ],
)
def test_bad_products_say_why(name, message):
    with pytest.raises(BuiltinConfigError, match=message.replace("[", r"\[")) as info:
        dense(network(names={"g": name}))
    assert info.value.path == ("names", "g")


# ------------------------------------------------------------------------------------------------
# Samples that change between iterations (SGD over a list of samples)


def _second_sample(g: dict) -> dict:
    """A second sample's input and target under the default names (values chosen by hand)."""
    return {**g, "x_0_s2": -0.3, "x_1_s2": 0.8, "t_0_s2": 0.9, "t_1_s2": 0.1}


def _sgd(g: dict, order: list[int]):
    """W1, W2 after one update per sample in `order`, with autodiff of the loss in this file."""
    W1, b1, W2, b2 = params_of(g, "none")
    samples = {
        1: (jnp.array([g["x_0"], g["x_1"]]), jnp.array([g["t_0"], g["t_1"]])),
        2: (jnp.array([g["x_0_s2"], g["x_1_s2"]]), jnp.array([g["t_0_s2"], g["t_1_s2"]])),
    }
    f = jax.grad(loss_of("half_sse", "sigmoid"), argnums=(0, 2))
    for s in order:
        G1, G2 = f(W1, b1, W2, b2, *samples[s], "sigmoid")
        W1, W2 = W1 - g["lr"] * G1, W2 - g["lr"] * G2
    return W1, W2, samples


def test_iterations_cycle_through_the_samples():
    g = _second_sample(given_for(seed=10))
    names = {"w_3": "W1[1,2]@4", "x_b": "x[0]@2", "t_b": "t[1]@2", "o_4": "out2[0]@4"}
    ws = dense(network(iterations=3, samples=2, names=names))
    assert ws.steps["net1_0_it2"].inputs[1] == "x_b"  # iteration 2 reads sample 2's input
    assert ws.steps["net1_0_it3"].inputs[1] == "x_0"  # iteration 3 is sample 1 again
    assert {"x_b", "x_1_s2", "t_0_s2", "t_b"} <= set(ws.given_names)
    named = {k: v for k, v in g.items() if k not in ("x_0_s2", "t_1_s2")}
    named |= {"x_b": g["x_0_s2"], "t_b": g["t_1_s2"]}
    v = exact(ws, named)
    W1, W2, samples = _sgd(g, [1, 2, 1])
    assert v["w_3"] == pytest.approx(float(W1[1, 2]), rel=1e-12)
    h = ACT["sigmoid"](samples[2][0] @ W1)  # iteration 4 uses sample 2
    assert v["o_4"] == pytest.approx(float(ACT["sigmoid"](h @ W2)[0]), rel=1e-12)
    verdicts = formula_verdicts(ws, named, keep=("delta2_1_it2", "W1_new_1_2_it2", "delta1_0_it3"))
    assert set(verdicts.values()) == {(V.OK, None)} and len(verdicts) == 3


def test_after_n_with_samples_is_n_epochs():
    g = {**_second_sample(given_for(seed=11)), "k": 5}
    ws = dense(network(iterations=2, samples=2, names={"w_k": "W2[2,1] after k", "o_k": "out2 after k"}))
    v = evaluate(ws, g, {}, {}).exact
    W1, W2, samples = _sgd(g, [1, 2] * 5)
    assert float(v["w_k"]) == pytest.approx(float(W2[2, 1]), rel=1e-12)
    o = ACT["sigmoid"](ACT["sigmoid"](samples[1][0] @ W1) @ W2)  # iteration 1's formulas: sample 1
    assert list(v["o_k"]) == pytest.approx(list(np.asarray(o)), rel=1e-12)


@pytest.mark.parametrize(
    "over, path, message",
    [
        ({"samples": 3, "iterations": 2}, ("samples",), "expected 1 to 2 samples"),
        ({"samples": 0}, ("samples",), "expected 1 to 1 samples"),
        ({"names": {"q": "x[0]@2"}}, ("names", "q"), "no iteration (one sample)"),
        ({"samples": 2, "iterations": 2, "names": {"q": "t[0]@4"}}, ("names", "q"), "iteration 4 is out"),
        ({"samples": 2, "iterations": 2, "names": {"q": "lr@2"}}, ("names", "q"), "no iteration"),
    ],
)
def test_bad_samples_say_why(over, path, message):
    with pytest.raises(BuiltinConfigError, match=re.escape(message)) as info:
        dense(network(**over))
    assert info.value.path == path


# ------------------------------------------------------------------------------------------------
# 1 - Q printed on its own


def test_a_named_one_minus_a_sigmoid_output_feeds_its_slope():
    g = given_for(seed=12)
    ws = dense(network(activation=["sigmoid", "tanh"], names={"c": "1 - out1[2]", "d": "1 - out2[0]"}))
    assert ws.steps["dout_dnet1_2"].inputs == ("out1_2", "c")  # out (1 - out), as the article writes it
    assert ws.steps["delta1_2"].inputs[0] == "dout_dnet1_2"
    assert not any("d" in st.inputs for st in ws.steps.values())  # tanh' is 1 - out^2: a side step
    v, plain = exact(ws, g), exact(dense(network(activation=["sigmoid", "tanh"])), g)
    assert v["c"] == 1 - v["out1_2"] and v["d"] == 1 - v["out2_0"]
    for name in ("delta1_2", "W1_new_1_2", "delta2_0"):  # the same numbers, bit for bit
        assert v[name] == plain[name], name
    verdicts = formula_verdicts(ws, g, keep=("delta1_2", "W1_new_1_2"))
    assert set(verdicts.values()) == {(V.OK, None)} and len(verdicts) == 2


@pytest.mark.parametrize(
    "name, message",
    [
        ("1 - out2", "takes one number"),
        ("1 - out2[0] after k", "takes one number"),
        ("1 - out9[0]", "expected a layer number"),
        ("2 - out2[0]", "expected a network quantity"),
    ],
)
def test_bad_complements_say_why(name, message):
    with pytest.raises(BuiltinConfigError, match=message) as info:
        dense(network(names={"g": name}))
    assert info.value.path == ("names", "g")


def test_a_samples_error_in_a_case_file_is_located(tmp_path):
    path = tmp_path / "c.yaml"
    text = CASE.replace("      bad: out7[0]\n", "").replace(
        "    loss: half_sse\n", "    loss: half_sse\n    samples: 3\n"
    )
    path.write_text(text)
    (case,), errors = load_file(path)
    assert errors == []
    with pytest.raises(CaseError) as info:
        resolve_reference(case)
    line = text.split("\n").index("    samples: 3") + 1
    assert (info.value.line, info.value.field) == (line, "network.samples")
    assert "expected 1 to 1 samples" in info.value.message
