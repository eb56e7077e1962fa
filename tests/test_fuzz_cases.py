"""Fuzz the case loader: every mutation of a real case file ends in valid cases or located errors.

Mutations start from the example case file and every `cases/*.yaml` present at test time: lines
dropped, doubled, swapped or re-indented, keys renamed, values replaced (wrong types, NaN, inf,
huge numbers, tags, anchors, unknown references), stray characters (broken syntax), truncation,
whole cases doubled (duplicate ids), and the bytes re-encoded or corrupted. No JAX runs here: only
references to modules that do not exist (or to `os`/`math`) are resolved.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gradaudit.loading.cases import CaseError, LoadedCase, load_paths, resolve_reference, update_expect

ROOT = Path(__file__).resolve().parent.parent
FILES = [Path(__file__).parent / "data" / "cases" / "example.yaml", *sorted((ROOT / "cases").glob("*.y*ml"))]


def split_cases(text: str) -> list[str]:
    """A file's cases one by one (composing YAML costs ~0.3 ms a line, so mutate small texts)."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("- ")] + [len(lines)]
    return ["".join(lines[a:b]) for a, b in zip(starts, starts[1:])]


TEXTS = [p.read_text(encoding="utf-8") for p in FILES]
# Every case on its own, and the example file whole (two cases: `revises`, ids, comments between).
SEEDS = [case for text in TEXTS for case in split_cases(text)] + TEXTS[:1]
VALUES = [
    # huge numbers: 10**400 as an integer, as a float (inf), and past the 4300-digit int limit
    ".nan",
    ".inf",
    "-.inf",
    "1e999",
    "-1e400",
    "1" + "0" * 400,
    "1" + "0" * 400 + ".5",
    "9" * 4400,
    "true",
    "null",
    "~",
    "",
    "[]",
    "{}",
    "''",
    "O.56",
    "0x1F",
    "0o17",
    "1_000",
    "1:20",
    "'87%'",
    "0.3333...",
    "&a 1",
    "*a",
    "*undefined",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGk=",
    "!custom x",
    "!!str 0.5",
    "!!float abc",
    "!!int 1.5",
    "!!set {a}",
    "<<: {a: 1}",
    "{<<: {a: 1}}",
    "[1, [2, [3, [4]]]]",
    "{verdict: scale, factor: 2}",
    "{verdict: okay}",
    "{printed: 0.5, operands: {y3: .nan}}",
    "- a",
    "|\n  block",
    "'unterminated",
    '"bad \\q escape"',
    "2025-07-01",
    "1e-12",
    "-0.0",
    "okay",
    "sign",
    "nosuchmod_fuzz:thing",
    "nosuchmod_fuzz.deep:x",
    "os:path",
    "math:nope",
    "a b c",
    "[" * 60,
]
KEYS = [
    "id",
    "title",
    "source",
    "reference",
    "revises",
    "given",
    "claims",
    "statements",
    "expect",
    "tolerances",
    "draws",
    "notes",
    "printed",
    "operands",
    "method",
    "verdict",
    "factor",
    "bogus",
    "<<",
    "? x",
    "1",
    "null",
    "true",
    "y3",
    "'y3'",
    '"id"',
    "[a]",
    "{a: 1}",
    "-",
    "x" * 100,
]
CHARS = [
    "{",
    "}",
    "[",
    "]",
    ":",
    ": ",
    "- ",
    '"',
    "'",
    "\t",
    "&",
    "*",
    "!",
    "%",
    "|",
    ">",
    "#",
    "@",
    "`",
    ",",
    "\n",
    "\r",
    "\r\n",
    "\x00",
    "\x07",
    "\x85",
    "\u2028",
    "\ufeff",
    "\x1b",
    "é",
    "\U0001f600",
    "%YAML 1.1\n---\n",
    "---\n",
    "...\n",
    "? ",
    "\n- ",
    "&x ",
    "*x",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1", "cp1252"]

text_ops = st.one_of(
    st.tuples(st.just("del_line"), st.integers(0, 10**6)),
    st.tuples(st.just("dup_line"), st.integers(0, 10**6)),
    st.tuples(st.just("swap_lines"), st.integers(0, 10**6), st.integers(0, 10**6)),
    st.tuples(st.just("indent"), st.integers(0, 10**6), st.integers(-4, 4)),
    st.tuples(st.just("value"), st.integers(0, 10**6), st.sampled_from(VALUES)),
    st.tuples(st.just("key"), st.integers(0, 10**6), st.sampled_from(KEYS)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.sampled_from(CHARS)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.text(max_size=4)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6)),
    st.tuples(st.just("reference"), st.sampled_from(VALUES[-6:])),
    st.tuples(st.just("dup_case")),
)
byte_ops = st.one_of(
    st.tuples(st.just("encode"), st.sampled_from(ENCODINGS)),
    st.tuples(st.just("byte_insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=3)),
    st.tuples(st.just("byte_xor"), st.integers(0, 10**6), st.integers(1, 255)),
)
TRIED: Counter = Counter()


def apply_text(text: str, op: tuple) -> str:
    lines = text.split("\n")
    kind, *args = op
    i = args[0] % len(lines) if args and isinstance(args[0], int) else 0
    if kind == "del_line":
        del lines[i]
    elif kind == "dup_line":
        lines.insert(i, lines[i])
    elif kind == "swap_lines":
        j = args[1] % len(lines)
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "indent":
        lines[i] = " " * args[1] + lines[i] if args[1] > 0 else lines[i][-args[1] :]
    elif kind == "value" and ": " in lines[i]:
        lines[i] = lines[i].split(": ", 1)[0] + ": " + args[1]
    elif kind == "key" and ":" in lines[i]:
        head, rest = lines[i].split(":", 1)
        indent = head[: len(head) - len(head.lstrip(" -"))]
        lines[i] = indent + args[1] + ":" + rest
    elif kind in ("insert", "truncate"):
        pos = args[0] % (len(text) + 1)
        return text[:pos] + args[1] + text[pos:] if kind == "insert" else text[:pos]
    elif kind == "reference":
        lines = [f"  reference: {args[0]}" if ln.startswith("  reference:") else ln for ln in lines]
    elif kind == "dup_case":
        starts = [n for n, ln in enumerate(lines) if ln.startswith("- ")]
        if starts:
            end = starts[1] if len(starts) > 1 else len(lines)
            lines += lines[starts[0] : end]
    return "\n".join(lines)


def apply_bytes(data: bytes, text: str, op: tuple) -> bytes:
    kind, *args = op
    if kind == "encode":
        return text.encode(args[0], errors="replace")
    pos = args[0] % (len(data) + 1)
    if kind == "byte_insert":
        return data[:pos] + args[1] + data[pos:]
    if pos == len(data):
        return data
    return data[:pos] + bytes([data[pos] ^ args[1]]) + data[pos + 1 :]


def check_outcome(path: Path, cases: list, errors: list) -> None:
    n_lines = len(path.read_bytes().decode("utf-8", "replace").splitlines()) + 1  # any line break counts
    for err in errors:
        assert isinstance(err, CaseError)
        assert err.line is not None and 1 <= err.line <= n_lines, str(err)
        assert err.col is None or err.col >= 1
        assert str(err).startswith(f"{path}:{err.line}")
    for case in cases:
        assert isinstance(case, LoadedCase)
        assert case.line >= 1 and case.text("id") is not None
        assert all(math.isfinite(v) for v in numbers(case.spec.model_dump()))
        module = case.spec.reference.split(":")[0]
        if module.split(".")[0] in ("nosuchmod_fuzz", "os", "math"):
            try:
                resolve_reference(case)
                raise AssertionError("a fuzz reference never names a Worksheet")
            except CaseError as err:
                TRIED["outcome: references refused"] += 1
                assert err.line == case.loc("reference")[0] and err.field == "reference"


def numbers(value):
    if isinstance(value, dict):
        return [n for v in value.values() for n in numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in numbers(v)]
    return [value] if isinstance(value, float) else []


def check_update_expect(path: Path, cases: list, errors: list) -> None:
    """Rewriting a file's valid expect blocks with their own rows changes no case and no error."""
    same = {
        c.spec.id: {
            row: e if isinstance(e, str) else e.model_dump(exclude_none=True)
            for row, e in c.spec.expect.items()
        }
        for c in cases
        if c.file == str(path)
    }
    if not same:
        return
    try:
        text = update_expect(str(path), same)
    except CaseError:
        return  # a layout it declines to rewrite (flow-style case), said as a CaseError
    path.write_bytes(text.encode("utf-8"))
    again, errors_again = load_paths([str(path)])
    assert [c.spec for c in again] == [c.spec for c in cases]

    def said(errs):  # rows added to an expect block move later lines; the rest stays the same
        return [(e.case_id, e.field, re.sub(r"line \d+", "line N", e.message)) for e in errs]

    assert said(errors_again) == said(errors)


@settings(
    max_examples=1200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    seed=st.sampled_from(SEEDS),
    ops=st.lists(text_ops, min_size=1, max_size=5),
    raw_ops=st.lists(byte_ops, max_size=2),
)
def test_every_mutation_loads_or_fails_with_a_location(tmp_path_factory, seed, ops, raw_ops):
    text = seed
    for op in ops:
        text = apply_text(text, op)
        TRIED[op[0]] += 1
    data = text.encode("utf-8", errors="surrogatepass")
    for op in raw_ops:
        data = apply_bytes(data, text, op)
        TRIED[op[0]] += 1
    TRIED["files"] += 1
    path = tmp_path_factory.getbasetemp() / "fuzz.yaml"
    path.write_bytes(data)
    cases, errors = load_paths([str(path)])
    TRIED["outcome: cases loaded"] += len(cases)
    TRIED["outcome: errors"] += len(errors)
    check_outcome(path, cases, errors)
    if cases and not raw_ops:
        check_update_expect(path, cases, errors)


def test_fuzz_tried_thousands_of_mutations():
    """Runs after the fuzz test in file order; pins that the loop above really ran."""
    if TRIED["files"]:  # absent when this test runs alone (-k)
        mutations = sum(v for k, v in TRIED.items() if k != "files" and not k.startswith("outcome"))
        print(
            f"\nfuzz: {TRIED['files']} mutated files, {mutations} mutations: "
            + ", ".join(f"{k} {v}" for k, v in sorted(TRIED.items()) if k != "files")
        )
        assert TRIED["files"] >= 1200 and mutations >= 3000
        assert TRIED["outcome: cases loaded"] > 0 and TRIED["outcome: references refused"] > 0
