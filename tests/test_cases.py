"""The case loader: plain data only, strict validation, and every error located in the file."""

from __future__ import annotations

import pickle
import re
import sys
import textwrap
from pathlib import Path

import pytest

from gradaudit.loading.cases import (
    CaseError,
    LoadedCase,
    load_file,
    load_paths,
    resolve_reference,
    update_expect,
)

EXAMPLE = Path(__file__).parent / "data" / "cases" / "example.yaml"

# A minimal valid case; tests append or replace lines. Line 1 is `- id: ok-case`.
GOOD = """\
- id: ok-case
  title: t
  source: {publisher: p, title: t}
  reference: some.module:thing
"""


def write(tmp_path: Path, text: str, name: str = "c.yaml") -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def only_error(path: str) -> CaseError:
    cases, errors = load_file(path)
    assert cases == []
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def first_line(err: CaseError) -> str:
    """The message after `file:` (the tmp path differs per run)."""
    return str(err).splitlines()[0].split(".yaml:", 1)[1]


# ------------------------------------------------------------------------------------------------
# Valid cases


def test_example_file_loads_with_texts_and_locations():
    cases, errors = load_file(EXAMPLE)
    assert errors == []
    first, later = cases
    assert isinstance(first, LoadedCase)
    assert first.spec.id == "geeksforgeeks-2025-07-01"
    assert first.line == 3  # the example's first case starts after two comment lines
    assert first.text("claims", "y3") == "0.56"
    assert first.text("claims", "a3", "operands", "y3") == "0.57"
    assert first.text("claims", "out_100", 0) == "0.307790442796199"
    assert first.text("claims", "p_class0") == "87%"
    assert first.text("statements", "slope_range", "tolerance") == "1e-12"
    assert first.loc("claims", "y3") == (10, 9)  # `    y3: 0.56`: value at column 9
    assert first.spec.expect["formula:delta_5"].factor == "1/2"
    assert later.text("claims", "y3") == "0.560"  # the printed precision survives: 3 decimals
    assert later.spec.claims["y3"] == 0.56
    assert later.spec.source.revision == "2025-09-01"  # an unquoted date stays text
    assert first.text("nothing", "here") is None and first.loc("nothing") is None


def test_yaml_numbers_are_read_from_their_text(tmp_path):
    path = write(tmp_path, GOOD + "  given: {a: 0x1F, b: 1_000, c: -2.5e-3, d: 0o17}\n")
    (case,), errors = load_file(path)
    assert errors == []
    assert case.spec.given == {"a": 31, "b": 1000, "c": -0.0025, "d": 15}
    assert type(case.spec.given["a"]) is int


# ------------------------------------------------------------------------------------------------
# The error format


def test_error_names_file_line_column_case_field_and_shows_a_caret(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("cases").mkdir()
    Path("cases/x.yaml").write_text(GOOD.replace("ok-case", "gfg") + "  claims:\n    y3: O.56\n")
    err = only_error("cases/x.yaml")
    assert str(err) == (
        "cases/x.yaml:6:9: error: case 'gfg': claims.y3: expected a number (or printed text like '87%'), "
        "found 'O.56'\n"
        "        y3: O.56\n"
        "            ^"
    )
    assert (err.file, err.line, err.col, err.case_id, err.field) == ("cases/x.yaml", 6, 9, "gfg", "claims.y3")


def test_error_survives_pickling():  # e.g. sent back from a worker process
    err = CaseError(
        "cases/x.yaml", 6, 9, "gfg", "claims.y3", "expected a number, found 'O.56'", "    y3: O.56"
    )
    assert str(pickle.loads(pickle.dumps(err))) == str(err)


def test_error_without_location_has_a_short_form():
    err = CaseError("cases/x.yaml", None, None, None, None, "no such file or folder")
    assert str(err) == "cases/x.yaml: error: no such file or folder"


# ------------------------------------------------------------------------------------------------
# Bad YAML and bad files


def test_duplicate_keys_name_both_locations(tmp_path):
    err = only_error(write(tmp_path, GOOD + "  claims:\n    y3: 0.56\n    y3: 0.57\n"))
    assert first_line(err) == (
        "7:5: error: case 'ok-case': claims.y3: duplicate key 'y3' (first at line 6, column 5)"
    )


def test_duplicate_top_level_key(tmp_path):
    err = only_error(write(tmp_path, GOOD + "  title: again\n"))
    assert first_line(err) == (
        "5:3: error: case 'ok-case': title: duplicate key 'title' (first at line 2, column 3)"
    )


def test_syntax_error_is_located(tmp_path):
    err = only_error(write(tmp_path, GOOD + "  claims: {y3: 0.56\n  notes: x\n"))
    assert str(err).split(".yaml:", 1)[1] == (  # the unclosed `{` is on line 5; ruamel stops at `:`
        "6:8: error: the file is not valid YAML: while parsing a flow mapping (from line 5, column 11): "
        "expected ',' or '}', but got ':'\n"
        "      notes: x\n"
        "           ^"
    )


def test_control_character_is_a_located_error(tmp_path):
    err = only_error(write(tmp_path, GOOD + '  notes: "a\x07"\n'))
    assert first_line(err) == "5:12: error: the file contains a character YAML does not allow ('\\x07')"


def test_tab_indentation_is_a_located_syntax_error(tmp_path):
    err = only_error(write(tmp_path, GOOD + "\tnotes: x\n"))
    assert err.line == 5 and "not valid YAML" in err.message


def test_non_utf8_bytes_are_one_located_error(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(GOOD.encode() + b"  notes: caf\xe9\n")
    err = only_error(str(path))
    assert first_line(err) == (  # `  notes: caf` is 12 characters, so the bad byte is column 13
        "5:13: error: the file is not UTF-8 text: byte 0xe9 cannot be decoded; save the file as UTF-8"
    )


def test_utf16_file_is_rejected(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(GOOD.encode("utf-16"))
    assert "not UTF-8" in only_error(str(path)).message


def test_empty_file(tmp_path):
    err = only_error(write(tmp_path, "# only a comment\n"))
    assert first_line(err) == (
        "1:1: error: the file is empty; expected a list of cases (each starting with '- id: ...')"
    )


def test_top_level_must_be_a_list(tmp_path):
    err = only_error(write(tmp_path, "id: x\ntitle: t\n"))
    assert first_line(err) == (
        "1:1: error: expected a list of cases (each starting with '- id: ...'), found a mapping"
    )


def test_a_case_must_be_a_mapping(tmp_path):
    err = only_error(write(tmp_path, "- [1, 2]\n"))
    assert first_line(err) == (
        "1:3: error: expected a case (a mapping with id, title, source, reference, ...), found a list"
    )


def test_aliases_are_rejected(tmp_path):
    err = only_error(write(tmp_path, GOOD + "  given: {a: &v 0.5, b: *v}\n"))
    assert err.line == 5 and err.field == "given.a"
    assert err.message == "anchors and aliases (&v, *v) are not allowed; write the value out in full"


def test_merge_keys_are_rejected(tmp_path):
    err = only_error(write(tmp_path, GOOD + "  tolerances: {<<: {rtol: 1}}\n"))
    assert "merge keys (<<) are not allowed" in err.message


def test_python_tags_are_rejected_and_never_constructed(tmp_path):
    err = only_error(write(tmp_path, GOOD + "  notes: !!python/object/apply:os.system ['echo hacked']\n"))
    assert err.field == "notes"
    tag = "!!python/object/apply:os.system"
    assert err.message == f"the tag {tag} is not allowed; a case holds plain data only"


def test_custom_tag_on_a_scalar_is_rejected(tmp_path):
    err = only_error(write(tmp_path, GOOD + "  notes: !secret x\n"))
    assert err.message.startswith("the tag !secret is not allowed")


def test_non_name_keys_are_rejected(tmp_path):
    err = only_error(write(tmp_path, GOOD + "  given: {1: 0.5}\n"))
    assert first_line(err) == "5:11: error: case 'ok-case': given: expected a name as a key, found '1'"


# ------------------------------------------------------------------------------------------------
# Numbers


@pytest.mark.parametrize("text", [".nan", ".inf", "-.inf", "1e999", ".NaN"])
def test_non_finite_numbers_are_rejected(tmp_path, text):
    err = only_error(write(tmp_path, GOOD + f"  given: {{x1: {text}}}\n"))
    # `  given: {x1: ` is 14 characters, so the value starts at column 15
    assert first_line(err) == (
        f"5:15: error: case 'ok-case': given.x1: expected a finite number, found '{text}'"
    )


def test_non_finite_claim_is_rejected(tmp_path):
    err = only_error(write(tmp_path, GOOD + "  claims: {out: [0.5, .inf]}\n"))
    assert err.field == "claims.out[1]" and err.message == "expected a finite number, found '.inf'"


def test_integer_too_long_is_an_error(tmp_path):
    err = only_error(write(tmp_path, GOOD + "  given: {n: " + "9" * 5000 + "}\n"))
    assert err.message.startswith("expected an integer of at most 4300 digits")


@pytest.mark.parametrize("text", ["O.56", "0x1F", "'0.5.6'", "1_000", "'abc%'"])
def test_printed_claims_must_read_as_numbers(tmp_path, text):
    err = only_error(write(tmp_path, GOOD + f"  claims: {{y3: {{printed: 0.5, operands: {{a: {text}}}}}}}\n"))
    assert err.field == "claims.y3.operands.a"
    assert err.message.startswith("expected a number (or printed text like '87%'), found '")


def test_statement_claimed_must_read_as_a_number(tmp_path):
    err = only_error(write(tmp_path, GOOD + "  statements: {s1: {method: near, claimed: about half}}\n"))
    assert err.field == "statements.s1.claimed"


# ------------------------------------------------------------------------------------------------
# Schema errors


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ("  source: GfG\n", "source", "expected a mapping, found 'GfG'"),
        ("  given: [1, 2]\n", "given", "expected a mapping, found a list"),
        ("  given: {W1: [[0.1, 0.2], [0.3, x]]}\n", "given.W1[1][1]", "expected a number, found 'x'"),
        (
            "  claims: {y3: true}\n",
            "claims.y3",
            "expected a number, text, a list or a mapping, found true (a yes/no value)",
        ),
        (
            "  claims: {out: [0.5, null]}\n",
            "claims.out[1]",  # an element may be a row of a matrix
            "expected a number, text or a list, found null",
        ),
        (
            "  claims: {a3: {printed: 0.7, operands: [0.5]}}\n",
            "claims.a3.operands",
            "expected a mapping, found a list",
        ),
        ("  expect: {y3: {verdict: scale, factor: 2}}\n", "expect.y3.factor", "expected text, found 2"),
        (
            "  statements: {s1: {method: bound, points: 2.5}}\n",
            "statements.s1.points",
            "expected an integer, found 2.5",
        ),
        ("  tolerances: {rtol: tiny}\n", "tolerances.rtol", "expected a number, found 'tiny'"),
        ("  draws: {fixed: eta}\n", "draws.fixed", "expected a list, found 'eta'"),
        ("  notes: [a]\n", "notes", "expected text, found a list"),
    ],
)
def test_wrong_type_at_each_level(tmp_path, extra, field, message):
    text = GOOD.replace("  source: {publisher: p, title: t}\n", "") if extra.startswith("  source") else GOOD
    err = only_error(write(tmp_path, text + extra))
    assert (err.field, err.message) == (field, message)
    assert err.line is not None and err.col is not None


def test_unknown_verdict_suggests_the_closest(tmp_path):
    err = only_error(write(tmp_path, GOOD + "  expect: {y3: okay}\n"))
    assert err.field == "expect.y3"
    assert err.message.endswith("or a mapping, found 'okay' (did you mean 'ok'?)")


def test_unknown_statement_method(tmp_path):
    err = only_error(write(tmp_path, GOOD + "  statements: {s1: {method: guess}}\n"))
    assert err.message == (
        "expected one of 'bound', 'converges', 'near', 'predicate', 'percentile', found 'guess'"
    )


def test_unknown_field_is_named_at_its_key(tmp_path):
    err = only_error(write(tmp_path, GOOD + "  claim: {y3: 0.5}\n"))
    assert first_line(err) == "5:3: error: case 'ok-case': unknown field 'claim'; did you mean 'claims'?"


def test_unknown_nested_field_lists_the_allowed_ones(tmp_path):
    err = only_error(write(tmp_path, GOOD + "  claims: {a3: {printed: 0.7, zzz: 1}}\n"))
    assert (err.field, err.col) == ("claims.a3", 31)  # at the key `zzz`
    assert err.message == "unknown field 'zzz'; expected one of printed, operands, precision, note"


def test_missing_required_field(tmp_path):
    err = only_error(write(tmp_path, GOOD.replace("  title: t\n", "")))
    assert first_line(err) == "1:3: error: case 'ok-case': missing required field 'title'"


def test_bad_id_pattern(tmp_path):
    err = only_error(write(tmp_path, GOOD.replace("ok-case", "ok case")))
    assert first_line(err) == (
        "1:7: error: case 'ok case': id: expected an id made of letters, digits, '_', '.' and '-', "
        "found 'ok case'"
    )


@pytest.mark.parametrize("ref", ["some.module", "some.module:thing()", "1mod:x", "a:b:c", "os; rm:x"])
def test_bad_reference_format(tmp_path, ref):
    err = only_error(write(tmp_path, GOOD.replace("some.module:thing", f"'{ref}'")))
    assert err.field == "reference" and (err.line, err.col) == (4, 14)
    assert err.message == (
        "expected a reference 'module:attribute' (e.g. reference.geeksforgeeks:worked_example), "
        f"found '{ref}'"
    )


def test_two_bad_cases_do_not_stop_a_good_third(tmp_path):
    text = (
        GOOD.replace("ok-case", "bad-1")
        + "  claims: {y3: .nan}\n"
        + GOOD.replace("ok-case", "bad-2")
        + "  expect: {y3: okay}\n  color: red\n"
        + GOOD.replace("ok-case", "good-3")
    )
    cases, errors = load_file(write(tmp_path, text))
    assert [c.spec.id for c in cases] == ["good-3"]
    assert [(e.case_id, e.field) for e in errors] == [
        ("bad-1", "claims.y3"),
        ("bad-2", "expect.y3"),
        ("bad-2", None),
    ]
    assert "unknown field 'color'" in errors[2].message
    assert cases[0].line == 12  # after 5 + 6 lines of the two bad cases


def test_a_noted_problem_hides_only_its_own_follow_on_errors(tmp_path):
    err = only_error(write(tmp_path, GOOD.replace("  title: t\n", "  title: &t t\n")))
    assert err.field == "title" and "anchors" in err.message  # no second "missing title" error


# ------------------------------------------------------------------------------------------------
# Across files


def test_duplicate_ids_across_files(tmp_path):
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, "# second file\n" + GOOD, "b.yaml")
    cases, errors = load_paths([str(tmp_path)])
    assert [c.file for c in cases] == [str(tmp_path / "a.yaml")]
    (err,) = errors
    assert (err.file, err.line, err.col, err.field) == (str(tmp_path / "b.yaml"), 2, 7, "id")
    assert err.message == f"case id 'ok-case' is already used in {tmp_path / 'a.yaml'}:1"


def test_a_case_with_errors_still_owns_its_id_across_files(tmp_path):
    write(tmp_path, GOOD.replace("  title: t\n", ""), "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    cases, errors = load_paths([str(tmp_path)])
    assert cases == []
    assert [e.message for e in errors] == [
        "missing required field 'title'",
        f"case id 'ok-case' is already used in {tmp_path / 'a.yaml'}",
    ]


def test_duplicate_ids_in_one_file(tmp_path):
    cases, errors = load_file(write(tmp_path, GOOD + GOOD))
    assert len(cases) == 1
    assert [first_line(e) for e in errors] == [
        "5:7: error: case 'ok-case': id: case id 'ok-case' is used twice in this file (first at line 1)"
    ]


def test_a_duplicate_id_counts_even_when_the_first_case_is_invalid(tmp_path):
    text = GOOD.replace("  title: t\n", "  title: 3\n") + GOOD
    cases, errors = load_file(write(tmp_path, text))
    assert cases == []
    assert [(e.line, e.field) for e in errors] == [(2, "title"), (5, "id")]
    assert errors[1].message == "case id 'ok-case' is used twice in this file (first at line 1)"


def test_revises_must_name_a_loaded_case(tmp_path):
    write(tmp_path, GOOD + "  revises: nobody\n", "a.yaml")
    cases, errors = load_paths([str(tmp_path)])
    assert cases == []
    (err,) = errors
    assert (err.line, err.field) == (5, "revises")
    assert err.message == "expected the id of a loaded case, found 'nobody'"


def test_revises_across_files_and_of_a_case_with_errors(tmp_path):
    broken = GOOD.replace("ok-case", "broken").replace("  title: t\n", "  title: 3\n")
    write(tmp_path, GOOD + broken, "a.yaml")
    write(
        tmp_path,
        GOOD.replace("ok-case", "v2")
        + "  revises: ok-case\n"
        + GOOD.replace("ok-case", "v3")
        + "  revises: broken\n",
        "b.yml",
    )
    cases, errors = load_paths([str(tmp_path)])
    assert [c.spec.id for c in cases] == ["ok-case", "v2", "v3"]  # `broken` is reported, v3 still runs
    assert [(e.case_id, e.field) for e in errors] == [("broken", "title")]


def test_a_case_cannot_revise_itself(tmp_path):
    cases, errors = load_paths([write(tmp_path, GOOD + "  revises: ok-case\n")])
    assert cases == [] and errors[0].message == "a case cannot revise itself"


def test_load_paths_reads_folders_sorted_and_reports_missing_paths(tmp_path):
    write(tmp_path, GOOD.replace("ok-case", "b"), "b.yaml")
    write(tmp_path, GOOD.replace("ok-case", "a"), "a.yml")
    write(tmp_path, "not yaml: [", "notes.txt")
    cases, errors = load_paths([str(tmp_path), str(tmp_path / "b.yaml"), str(tmp_path / "gone.yaml")])
    assert [c.spec.id for c in cases] == ["a", "b"]  # b.yaml named twice loads once
    assert [str(e) for e in errors] == [f"{tmp_path / 'gone.yaml'}: error: no such file or folder"]


def test_load_paths_defaults_to_the_cases_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("cases").mkdir()
    Path("cases/g.yaml").write_text(GOOD)
    cases, errors = load_paths()
    assert errors == [] and [c.file for c in cases] == ["cases/g.yaml"]


# ------------------------------------------------------------------------------------------------
# References


def load_one(tmp_path, reference: str) -> LoadedCase:
    (case,), errors = load_file(write(tmp_path, GOOD.replace("some.module:thing", reference)))
    assert errors == []
    return case


def ref_module(tmp_path, name: str, text: str) -> None:
    """A module of the case's own project: `<tmp_path>/reference/<name>.py`."""
    (tmp_path / "reference").mkdir(exist_ok=True)
    (tmp_path / "reference" / f"{name}.py").write_text(text)


def test_reference_resolves_from_the_case_projects_reference_folder(tmp_path):
    ref_module(
        tmp_path,
        "tiny_ok",
        "from gradaudit import Worksheet\nws = Worksheet('tiny', loss='E')\nnot_a_sheet = 3\n",
    )
    sheet = resolve_reference(load_one(tmp_path, "reference.tiny_ok:ws"))
    assert type(sheet).__name__ == "Worksheet"

    wrong = r"expected a Worksheet or a Backward at 'reference.tiny_ok:not_a_sheet', found int"
    with pytest.raises(CaseError, match=wrong):
        resolve_reference(load_one(tmp_path, "reference.tiny_ok:not_a_sheet"))


def test_reference_from_a_subfolder_case_file_finds_the_project(tmp_path):
    ref_module(tmp_path, "tiny_sub", "from gradaudit import Worksheet\nws = Worksheet('sub', loss='E')\n")
    (tmp_path / "cases" / "deeper").mkdir(parents=True)
    sheet = resolve_reference(load_one(tmp_path / "cases" / "deeper", "reference.tiny_sub:ws"))
    assert sheet.title == "sub"


def test_reference_missing_attribute_suggests_a_worksheet(tmp_path):
    ref_module(
        tmp_path,
        "tiny_attr",
        "from gradaudit import Worksheet\nworked_example = Worksheet('tiny', loss='E')\n",
    )
    with pytest.raises(CaseError) as info:
        resolve_reference(load_one(tmp_path, "reference.tiny_attr:worked_exampel"))
    err = info.value
    assert (err.line, err.col, err.field, err.case_id) == (4, 14, "reference", "ok-case")
    assert err.message == (
        "module 'reference.tiny_attr' has no attribute 'worked_exampel'; did you mean 'worked_example'?"
    )


def test_reference_unknown_module_in_the_project(tmp_path):
    (tmp_path / "reference").mkdir()
    with pytest.raises(
        CaseError,
        match=r"^.*:4:14: error: case 'ok-case': reference: there is no module "
        r"'reference\.no_such': no file .*no_such\.py",
    ):
        resolve_reference(load_one(tmp_path, "reference.no_such:x"))


def test_reference_without_a_project_is_a_located_error(tmp_path):
    with pytest.raises(
        CaseError,
        match=r":4:14: error: case 'ok-case': reference: cannot resolve "
        r"'reference.x:ws': no folder at or above .* holds a reference/ folder",
    ):
        resolve_reference(load_one(tmp_path, "reference.x:ws"))


@pytest.mark.parametrize(
    "name",
    [
        "this:s",
        "venv.__main__:x",
        "os:path",
        "gradaudit.cli:main",
        "tests.helpers:TINY_REFERENCE",
        "reference:x",
    ],
)
def test_reference_outside_the_reference_folder_is_refused_before_any_import(tmp_path, name):
    """`reference: this:s` would print the Zen of Python; no module outside reference/ is imported."""
    (tmp_path / "reference").mkdir()
    module = name.partition(":")[0]
    before = set(sys.modules)
    with pytest.raises(
        CaseError,
        match=rf":4:14: error: case 'ok-case': reference: module '{re.escape(module)}' "
        r"is not in the project's reference/ folder",
    ):
        resolve_reference(load_one(tmp_path, name))
    assert set(sys.modules) - before == set()


NETWORK = "  network: {layers: [1, 1], activation: sigmoid, loss: half_sse}\n"


def with_reference(tmp_path, name: str, extra: str = NETWORK) -> LoadedCase:
    (case,), errors = load_file(write(tmp_path, GOOD.replace("some.module:thing", name) + extra))
    assert errors == []
    return case


def test_a_built_in_reference_resolves_from_its_network_block_without_a_project(tmp_path):
    """gradaudit.nets:dense is in the registry of built-ins: no reference/ folder is needed."""
    sheet = resolve_reference(with_reference(tmp_path, "gradaudit.nets:dense"))
    assert type(sheet).__name__ == "Worksheet" and sheet.loss == "E"


@pytest.mark.parametrize(
    "name, message",
    [
        ("gradaudit.nets:sparse", "gradaudit's built-in module 'gradaudit.nets' has no reference 'sparse'"),
        ("gradaudit.nets.dense:dense", "module 'gradaudit.nets.dense' is not in the project's reference/"),
    ],
)
def test_only_the_registered_built_ins_resolve(tmp_path, name, message):
    (tmp_path / "reference").mkdir()
    before = set(sys.modules)
    with pytest.raises(CaseError, match=re.escape(message)):
        resolve_reference(with_reference(tmp_path, name))
    assert not {m for m in set(sys.modules) - before if m.startswith("gradaudit.nets.")}


def test_a_built_in_needs_its_block_and_a_project_reference_takes_none(tmp_path):
    with pytest.raises(CaseError, match="needs a network: block"):
        resolve_reference(load_one(tmp_path, "gradaudit.nets:dense"))
    ref_module(tmp_path, "tiny_net", "from gradaudit import Worksheet\nws = Worksheet('tiny', loss='E')\n")
    with pytest.raises(CaseError) as info:
        resolve_reference(with_reference(tmp_path, "reference.tiny_net:ws"))
    assert (info.value.line, info.value.field) == (5, "network")
    assert "configures a built-in reference (gradaudit.nets:dense)" in info.value.message


def test_reference_module_that_fails_to_import(tmp_path):
    ref_module(tmp_path, "tiny_boom", "raise RuntimeError('boom')\n")
    ref_module(tmp_path, "tiny_dep", "import gradaudit_missing_dependency\n")
    with pytest.raises(CaseError, match="module 'reference.tiny_boom' failed with RuntimeError: boom"):
        resolve_reference(load_one(tmp_path, "reference.tiny_boom:x"))
    with pytest.raises(
        CaseError,
        match="importing module 'reference.tiny_dep' failed with ModuleNotFoundError: No module named",
    ):
        resolve_reference(load_one(tmp_path, "reference.tiny_dep:x"))


# ------------------------------------------------------------------------------------------------
# update_expect


def test_update_expect_keeps_comments_and_every_other_byte(tmp_path):
    path = tmp_path / "e.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    before = EXAMPLE.read_text().splitlines(keepends=True)
    new = {
        "geeksforgeeks-2025-07-01": {
            "y3": "arithmetic",  # unchanged: keeps its comment
            "formula:delta_5": {"verdict": "scale", "factor": "1/4"},  # changed
            "out_100[1]": "decimal-slip",  # new
        },
        "geeksforgeeks-2025-09-01": {"a3<-y3": "transcription"},  # a case without an expect block
    }
    after = update_expect(str(path), new).splitlines(keepends=True)
    i = before.index(
        "    formula:delta_5: {verdict: scale, factor: 1/2}   # the gradient of (t-y)^2 is twice the delta\n"
    )
    assert after[:i] == before[:i]  # includes `# claims` and the y3 row with its comment
    assert after[i : i + 2] == [
        "    formula:delta_5: {verdict: scale, factor: 1/4}\n",  # a changed row is written anew
        "    out_100[1]: decimal-slip\n",  # a new row goes at the end of the block
    ]
    assert after[i + 2 : -2] == before[i + 1 :]
    assert after[-2:] == ["  expect:\n", "    a3<-y3: transcription\n"]
    path.write_text("".join(after))
    cases, errors = load_file(str(path))
    assert errors == []
    assert cases[0].spec.expect["out_100[1]"] == "decimal-slip"
    assert cases[1].spec.expect == {"a3<-y3": "transcription"}


def test_update_expect_removes_rows_and_empty_blocks(tmp_path):
    text = GOOD + "  expect:\n    y3: sign   # why\n    y4: factor\n  notes: n\n"
    path = write(tmp_path, text)
    kept = GOOD + "  expect:\n    y3: sign   # why\n  notes: n\n"
    assert update_expect(path, {"ok-case": {"y3": "sign"}}) == kept
    assert update_expect(path, {"ok-case": {}}) == GOOD + "  notes: n\n"
    assert update_expect(path, {"ok-case": {"y3": "sign", "y4": "factor"}}) == text
    empty = write(tmp_path, GOOD + "  expect: {}   # nothing expected\n", "empty.yaml")
    assert update_expect(empty, {"ok-case": {}}) == GOOD + "  expect: {}   # nothing expected\n"


def test_update_expect_rewrites_a_flow_block_and_quotes_odd_names(tmp_path):
    path = write(tmp_path, GOOD + "  expect: {y3: sign}\n")
    out = update_expect(path, {"ok-case": {"y3": "sign", "true": "ok", "a: b": "zero"}})
    assert out == GOOD + '  expect:\n    y3: sign\n    "true": ok\n    "a: b": zero\n'


def test_update_expect_unknown_or_ambiguous_case(tmp_path):
    with pytest.raises(CaseError, match="no case with this id in the file"):
        update_expect(write(tmp_path, GOOD), {"nobody": {}})
    with pytest.raises(CaseError, match="this case id is used twice in the file; make the ids unique first"):
        update_expect(write(tmp_path, GOOD + GOOD), {"ok-case": {"y3": "sign"}})


def test_a_second_projects_reference_modules_import_their_own_siblings(tmp_path):
    # Two projects in one process: the first loaded takes the name `reference`; the second loads
    # under a private name, and its module's `from reference.base import ws` must find its own
    # base.py, not the first project's (which has none); afterwards `reference` is the first's.
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    ref_module(first, "only_first", "from gradaudit import Worksheet\nws = Worksheet('first', loss='E')\n")
    ref_module(second, "base", "from gradaudit import Worksheet\nws = Worksheet('second base', loss='E')\n")
    ref_module(second, "child", "from reference.base import ws\n")
    before = {k: v for k, v in sys.modules.items() if k == "reference" or k.startswith("reference.")}
    try:
        for k in before:
            del sys.modules[k]
        assert resolve_reference(load_one(first, "reference.only_first:ws")).title == "first"
        child = resolve_reference(load_one(second, "reference.child:ws"))
        assert child.title == "second base"
        assert resolve_reference(load_one(second, "reference.base:ws")) is child  # one copy of base
        assert "reference.base" not in sys.modules and "reference.child" not in sys.modules
        assert Path(sys.modules["reference"].__path__[0]).resolve() == (first / "reference").resolve()
    finally:
        for k in [k for k in sys.modules if k == "reference" or k.startswith("reference.")]:
            del sys.modules[k]
        sys.modules.update(before)
