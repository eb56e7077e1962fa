"""The case file schema (contract: DESIGN.md section 6). Strict: no coercion, no extra fields.

A case file is a YAML sequence of cases. YAML holds data only: numbers, names, expected
verdicts, tolerances, statement settings; the reference is named as `module:attribute`.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

from ..core import verdicts

# What `expect:` may name: every verdict the engine produces, in the registry's order.
VERDICTS = verdicts.names(produced_only=True)

Verdict = Literal[VERDICTS]  # type: ignore[valid-type]
Number = Union[StrictInt, StrictFloat]
# A printed number: a YAML number, or text for forms YAML has no number for ("87%", "0.3333...").
Printed = Union[StrictInt, StrictFloat, StrictStr]
# A given value: a number, nested lists of numbers (vectors, matrices), or null for a lost figure.
GivenValue = Union[StrictInt, StrictFloat, list[Number], list[list[Number]], list[list[list[Number]]], None]

ID_PATTERN = r"^[A-Za-z0-9_.-]+$"
REFERENCE_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class Source(_Strict):
    publisher: StrictStr
    title: StrictStr
    url: StrictStr | None = None
    revision: StrictStr | None = Field(None, description="the revision date the case checks")
    note: StrictStr | None = None


# A printed value: one number, a vector (one per element) or a matrix (rows of numbers).
PrintedValue = Union[Printed, list[Union[Printed, list[Printed]]]]


class ClaimDetail(_Strict):
    printed: PrintedValue | None = Field(
        None,
        description="the step's printed result; leave it out when the article prints the expression "
        "(its operands) without a result",
    )
    operands: dict[StrictStr, PrintedValue] = Field(
        default_factory=dict,
        description="numbers printed inside this step's expression, by the input they stand for "
        "(a list, or rows of numbers, for an input that is a vector or a matrix: every element)",
    )
    precision: StrictInt | None = Field(None, description="decimals, overriding the printed text")
    note: StrictStr | None = None


Claim = Union[StrictInt, StrictFloat, StrictStr, list[Union[Printed, list[Printed]]], ClaimDetail]


class ExpectDetail(_Strict):
    verdict: Verdict
    factor: StrictStr | None = None
    index: list[StrictInt] | None = None
    note: StrictStr | None = None


Expect = Union[Verdict, ExpectDetail]


class StatementSpec(_Strict):
    method: Literal["bound", "converges", "near", "predicate", "percentile"]
    of: StrictStr | None = Field(None, description="the statement's name in the reference; default: this id")
    text: StrictStr | None = Field(None, description="the sentence as the article words it")
    claimed: Printed | None = None
    lower: Number | None = None
    upper: Number | None = None
    tolerance: Number | None = None
    domain: list[Number] | None = None
    points: StrictInt | None = None
    draws: StrictInt | None = None
    seed: StrictInt | None = None
    start: Number | StrictStr | None = None
    steps: StrictInt | None = None
    about: Literal["random_start"] | None = None
    chosen: list[StrictStr] | None = Field(
        None, description="settings chosen by the case's author because the text gives none"
    )
    note: StrictStr | None = None


class Tolerances(_Strict):
    atol: Number | None = None
    rtol: Number | None = None
    step: Number | None = None
    floor: Number | None = None
    fd_atol: Number | None = None
    fd_rtol: Number | None = None


class Draws(_Strict):
    n: StrictInt | None = Field(None, description="random draws around the given values")
    seed: StrictInt | None = None
    scale: Number | None = Field(None, description="relative spread of a draw around a given value")
    fixed: list[StrictStr] = Field(default_factory=list, description="given values never drawn")


# ------------------------------------------------------------------------------------------------
# The `network:` block of a case whose reference is a built-in network (`gradaudit.nets:dense`).

Activation = Literal["sigmoid", "tanh", "relu", "linear", "softmax"]
LossName = Literal["half_sse", "sse", "mse", "cross_entropy"]


class NetworkBias(_Strict):
    kind: Literal["none", "per_neuron", "shared"] = Field(
        description="none; one bias per neuron (b1[0], b1[1], ...); or one shared per layer (b1)"
    )
    update: StrictBool = Field(True, description="whether the update step changes the biases too")


class NetworkDelta(_Strict):
    sign: Literal["error", "gradient"] = Field(
        "error",
        description="error: delta = -dE/dnet (written with t - out); gradient: delta = dE/dnet (out - t)",
    )
    loss: LossName | None = Field(
        None,
        description="the loss whose closed-form derivative the deltas are written for (default: the "
        "network's loss); half_sse deltas against an sse loss are reported as scale (1/2)",
    )


class NetworkUpdate(_Strict):
    sign: Literal["plus", "minus"] | None = Field(
        None,
        description="the change is sign x lr x delta x input; default: plus for error deltas, "
        "minus for gradient deltas (descent either way)",
    )
    hidden_deltas: Literal["old", "updated"] = Field(
        "old", description="hidden deltas from the old output weights, or (a slip) the updated ones"
    )


class NetworkName(_Strict):
    quantity: StrictStr = Field(description="a network quantity, e.g. W2[0,0], out1[1], delta2[0]@2")
    label: StrictStr | None = Field(None, description="how the article writes it (default: the name)")


class Network(_Strict):
    """A dense network written out in closed-form textbook formulas, one step per number."""

    layers: list[StrictInt] = Field(description="units per layer, inputs first: [2, 2, 1]")
    activation: Activation | list[Activation] = Field(
        description="one activation for every layer after the inputs, or one per layer"
    )
    bias: Literal["none", "per_neuron", "shared"] | NetworkBias = Field(
        "none",
        description="none, per_neuron or shared (one per layer, updated as one number by the sum of "
        "its layer's deltas); per-neuron biases offer the statement biases_stay_equal (method near: "
        "the largest gap between two biases of one layer after any update of the iterations)",
    )
    loss: LossName = Field(description="the loss as the article states it (the formula rows' loss)")
    delta: NetworkDelta = Field(default_factory=NetworkDelta)
    update: NetworkUpdate = Field(default_factory=NetworkUpdate)
    iterations: StrictInt = Field(1, description="full forward, backward and update passes")
    samples: StrictInt = Field(
        1,
        description="samples the iterations cycle through (SGD, one sample per update; at most "
        "`iterations`): iteration k uses sample ((k-1) mod samples) + 1, so x[i]@k and t[j]@k name "
        "the input and target iteration k uses; 'Q after n' is then n epochs (passes over the samples)",
    )
    names: dict[StrictStr, StrictStr | NetworkName] = Field(
        default_factory=dict,
        description="the article's symbol of each quantity: x[i], t[j], lr, W<l>[i,j] (from unit i "
        "of layer l-1 to unit j of layer l), b<l>[j] or b<l>, net<l>[j], out<l>[j], error[j], E[j], E, "
        "dE_dout[j], dout_dnet<l>[j], delta<l>[j], dE_dW<l>[i,j], dE_db<l>[j] or dE_db<l>, dW<l>[i,j], "
        "W<l>_new[i,j], b<l>_new[j]; "
        "'@k' names iteration k (W1[0,0]@2 is W1_new[0,0]). net<l> and out<l> without an index are "
        "the layer's units as one vector (a list claim: out_1: out2@2). 'Q after n' is Q (net, out, E, "
        "delta, W or b, of iteration 1) after n updates, n a count the case gives (n_100: 100): "
        "iteration 1's own steps repeated n times in one loop, so 10^6 epochs stay fast. 'A * B' is a "
        "product printed on its own (W1[0,0] * x[0], which net1[0] then takes as input); '1 - Q' "
        "likewise (1 - out1[0] of a sigmoid unit then feeds its slope out (1 - out)). A named "
        "quantity is a step of its own; an unnamed one is folded into the formula that uses it",
    )


class Case(_Strict):
    id: Annotated[StrictStr, Field(pattern=ID_PATTERN)]
    title: StrictStr
    source: Source
    reference: Annotated[StrictStr, Field(pattern=REFERENCE_PATTERN)]
    revises: StrictStr | None = None
    copies: StrictStr | None = Field(
        None,
        description="the id of the case (of the same project) this article copies: its slips that "
        "came with the copy are `copied`, one digit away a `transcription` of the original",
    )
    given: dict[StrictStr, GivenValue] = Field(default_factory=dict)
    inferred: dict[StrictStr, StrictStr] = Field(
        default_factory=dict, description="given values inferred rather than printed, with why"
    )
    claims: dict[StrictStr, Claim] = Field(default_factory=dict)
    statements: dict[StrictStr, StatementSpec] = Field(default_factory=dict)
    expect: dict[StrictStr, Expect] = Field(default_factory=dict)
    tolerances: Tolerances | None = None
    draws: Draws | None = None
    network: Network | None = Field(
        None, description="the network of a built-in reference (gradaudit.nets:dense), as the article has it"
    )
    notes: StrictStr | None = None


def case_json_schema() -> dict:
    schema = Case.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "gradaudit case file",
        "description": "A YAML sequence of cases.",
        "type": "array",
        "items": {"$ref": "#/$defs/Case"},
        "$defs": {**schema.pop("$defs", {}), "Case": schema},
    }
