"""Case files: read YAML cases as plain data, validate them, and locate every error.

Nothing in a case is evaluated: ruamel.yaml only composes the node tree (each node keeps its
line, column and source text) and we turn nodes into dicts, lists, numbers and text ourselves.
Anchors, aliases, merge keys and tags beyond the plain YAML types are errors, as are duplicate
keys and non-finite numbers. Each case is validated on its own (pydantic, `gradaudit.loading.schema.Case`),
so one bad case never hides the others; every error names file, line, column, case, field, what
was expected and what was found. A reference resolves only as `module:attribute`.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import json
import math
import re
import stat
import types
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import pydantic
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from ..core.errors import GradauditError
from ..core.printed import parse_printed
from .limits import MAX_FILE_BYTES, limit_problems
from .schema import ID_PATTERN, REFERENCE_PATTERN, Case

__all__ = ["CaseError", "LoadedCase", "load_file", "load_paths", "resolve_reference", "update_expect"]

_STD = "tag:yaml.org,2002:"
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_PRINTED_HINT = "a number (or printed text like '87%')"
_MISSING = object()


@dataclass(eq=False)
class CaseError(GradauditError):
    """A problem in a case file, located at 1-based `line` and `col` when a location exists."""

    file: str
    line: int | None
    col: int | None
    case_id: str | None
    field: str | None
    message: str
    source_line: str | None = None

    def __post_init__(self) -> None:  # args in field order, so the error pickles and copies
        super().__init__(*(getattr(self, f.name) for f in dataclasses.fields(self)))

    def __str__(self) -> str:
        where = ":".join([self.file] + [str(n) for n in (self.line, self.col) if n is not None])
        head = f"{where}: error: "
        head += f"case '{self.case_id}': " if self.case_id else ""
        head += f"{self.field}: " if self.field else ""
        text = head + self.message
        if self.source_line is not None:
            caret = "".join(c if c == "\t" else " " for c in self.source_line[: (self.col or 1) - 1])
            text += f"\n    {self.source_line}\n    {caret}^"
        return text


@dataclass
class LoadedCase:
    """A validated case with the printed text and 1-based (line, col) of every value in it."""

    spec: Case
    file: str
    line: int
    texts: dict[tuple, str]
    locs: dict[tuple, tuple[int, int]]
    key_locs: dict[tuple, tuple[int, int]] = field(default_factory=dict, repr=False)
    lines: list[str] = field(default_factory=list, repr=False)

    def text(self, *path) -> str | None:
        """The raw text of a scalar, e.g. `text("claims", "y3")` -> "0.560"."""
        return self.texts.get(path)

    def loc(self, *path) -> tuple[int, int] | None:
        return self.locs.get(path)

    def error(self, path: tuple, message: str, *, at_key: bool = False) -> CaseError:
        """A CaseError located at the value under `path` (the runner may use it too), or at its
        key with `at_key` (an unknown name); a path absent from the file is located at the nearest
        field above it that is there."""
        first, second = (self.key_locs, self.locs) if at_key else (self.locs, self.key_locs)
        where = None
        for n in range(len(path), -1, -1):
            where = first.get(path[:n]) or second.get(path[:n])
            if where:
                break
        line, col = where or (self.line, None)
        source = _source(self.lines, line)
        return CaseError(self.file, line, col, self.spec.id, _dotted(path), message, source)


# ------------------------------------------------------------------------------------------------
# Nodes -> plain data


def _dotted(path: tuple) -> str | None:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or None


def _source(lines: list[str], line: int | None) -> str | None:
    return lines[line - 1] if line is not None and 0 < line <= len(lines) else None


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 3] + "..."


def _tag(node) -> str:
    tag = node.tag if isinstance(node.tag, str) else getattr(node.tag, "value", str(node.tag))
    return "!!" + tag[len(_STD) :] if tag and tag.startswith(_STD) else str(tag)


def _scalar(node: ScalarNode) -> tuple[Any, str | None]:
    """(value, None) or (None, problem) for a plain scalar; numbers are read from their text."""
    text, tag = node.value, _tag(node)
    if tag in ("!!str", "!!timestamp"):  # a date is kept as its text
        return text, None
    if tag == "!!null":
        return None, None
    if tag == "!!bool":
        low = text.lower()
        if low in ("true", "yes", "on", "y", "false", "no", "off", "n"):
            return low in ("true", "yes", "on", "y"), None
        return None, f"expected true or false, found '{_short(text)}'"
    if tag == "!!int":
        s = text.replace("_", "")
        try:
            prefixed = s.lstrip("+-")[:2].lower() in ("0x", "0o", "0b")
            return int(s, 0) if prefixed else int(s, 10), None
        except ValueError:
            return None, f"expected an integer of at most 4300 digits, found '{_short(text)}'"
    if tag == "!!float":
        s = text.replace("_", "").lower()
        try:
            value = {".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}.get(s)
            value = float(s) if value is None else value
        except ValueError:
            return None, f"expected a number, found '{_short(text)}'"
        if not math.isfinite(value):
            return None, f"expected a finite number, found '{_short(text)}'"
        return value, None
    return None, f"the tag {tag} is not allowed; a case holds plain data only"


class _Reader:
    """Turns a composed node tree into plain data, recording texts, locations and problems."""

    def __init__(self) -> None:
        self.texts: dict[tuple, str] = {}
        self.locs: dict[tuple, tuple[int, int]] = {}
        self.key_locs: dict[tuple, tuple[int, int]] = {}
        self.problems: dict[tuple[int, int, str], tuple] = {}  # (line, col, message) -> path

    def problem(self, node, path: tuple, message: str) -> None:
        self.problems.setdefault((node.start_mark.line + 1, node.start_mark.column + 1, message), path)

    def convert(self, node, path: tuple) -> Any:
        self.locs[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if getattr(node, "anchor", None):
            self.problem(
                node,
                path,
                f"anchors and aliases (&{node.anchor}, *{node.anchor}) are not "
                "allowed; write the value out in full",
            )
            return None
        tag = _tag(node)
        if isinstance(node, ScalarNode):
            self.texts[path] = node.value
            value, problem = _scalar(node)
            if problem:
                self.problem(node, path, problem)
            return value
        expected = "!!map" if isinstance(node, MappingNode) else "!!seq"
        if tag != expected:
            self.problem(node, path, f"the tag {tag} is not allowed; a case holds plain data only")
            return None
        if isinstance(node, SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            key = self.key(knode, path)
            if key is None:
                continue
            if key in out:
                line, col = self.key_locs[path + (key,)]
                self.problem(
                    knode,
                    path + (key,),
                    f"duplicate key '{_short(key)}' (first at line {line}, column {col})",
                )
                continue
            self.key_locs[path + (key,)] = (knode.start_mark.line + 1, knode.start_mark.column + 1)
            out[key] = self.convert(vnode, path + (key,))
        return out

    def key(self, node, path: tuple) -> str | None:
        if _tag(node) == "!!merge":
            self.problem(node, path, "merge keys (<<) are not allowed; write the values out in full")
            return None
        value, problem = _scalar(node) if isinstance(node, ScalarNode) else (None, None)
        if isinstance(value, str) and not problem and not getattr(node, "anchor", None):
            return value
        found = f"'{_short(node.value)}'" if isinstance(node, ScalarNode) else "a list or mapping"
        self.problem(node, path, f"expected a name as a key, found {found}")
        return None


# ------------------------------------------------------------------------------------------------
# Pydantic errors -> located messages


def _members(tp) -> list:
    if get_origin(tp) in (Union, types.UnionType):
        return [m for a in get_args(tp) for m in _members(a)]
    return _members(get_args(tp)[0]) if get_origin(tp) is Annotated else [tp]


def _model_in(tp):
    return next((m for m in _members(tp) if isinstance(m, type) and issubclass(m, pydantic.BaseModel)), None)


def _allowed_fields(path: tuple) -> list[str]:
    """The field names of the schema model at a data path (for 'unknown field' messages)."""
    tp: Any = Case
    for key in path:
        model = _model_in(tp)
        if model is not None and key in model.model_fields:
            tp = model.model_fields[key].annotation
            continue
        items = [get_args(m)[-1] for m in _members(tp) if get_origin(m) in (dict, list)]
        if not items:
            return []
        tp = items[0]
    model = _model_in(tp)
    return list(model.model_fields) if model else []


_PYDANTIC_MISSING = "missing"  # pydantic's error type for an absent required field (not a verdict)


def _tokens(data: Any, loc: tuple, kind: str) -> list[tuple[str, Any]]:
    """Split a pydantic loc into data steps ("d", key) and union-branch tags ("t", name)."""
    out = []
    for i, part in enumerate(loc):
        last_missing = kind == _PYDANTIC_MISSING and i == len(loc) - 1
        if isinstance(data, dict) and part in data or last_missing:
            out.append(("d", part))
            data = data.get(part) if isinstance(data, dict) else None
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            out.append(("d", part))
            data = data[part]
        else:
            out.append(("t", part))
    return out


def _select(items: list) -> list[tuple[tuple, list[dict]]]:
    """Group errors by data path; at a union keep the branch that got deepest (fewest errors on a
    tie), or merge all branches into one message when every branch failed at the node itself."""
    here = [e for t, e in items if not t]
    deeper: dict[Any, list] = {}
    branches: dict[Any, list] = {}
    for t, e in items:
        if t:
            (deeper if t[0][0] == "d" else branches).setdefault(t[0][1], []).append((t[1:], e))
    out: list[tuple[tuple, list[dict]]] = []
    if branches:

        def score(b):
            return max(sum(k == "d" for k, _ in t) for t, _ in b), -len(b)

        best = max(branches.values(), key=score)
        if score(best)[0] == 0:
            here += [e for b in branches.values() for _, e in b]
        else:
            out += _select(best)
    for key, sub in deeper.items():
        out += [((key,) + p, errs) for p, errs in _select(sub)]
    return ([((), here)] if here else []) + out


def _found(value: Any, text: str | None) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"'{_short(value)}'"
    shown = _short(text) if text is not None else repr(value)
    if isinstance(value, bool):
        return f"{shown} (a yes/no value)"
    return "null" if value is None else shown


_PHRASES = {
    "int_type": "an integer",
    "float_type": "a number",
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "bool_type": "true or false",
    "none_required": "null",
}


def _message(errs: list[dict], value: Any, text: str | None) -> str:
    pattern = next((e["ctx"]["pattern"] for e in errs if e["type"] == "string_pattern_mismatch"), None)
    if pattern == ID_PATTERN:
        return f"expected an id made of letters, digits, '_', '.' and '-', found {_found(value, text)}"
    if pattern == REFERENCE_PATTERN:
        return (
            "expected a reference 'module:attribute' (e.g. reference.geeksforgeeks:worked_example), "
            f"found {_found(value, text)}"
        )
    phrases, hint = [], ""
    for e in errs:
        if e["type"] == "literal_error":
            names = re.findall(r"'([^']*)'", e["ctx"]["expected"])
            shown = ", ".join(f"'{n}'" for n in names[:8])
            shown += f", ... ({len(names)} in all)" if len(names) > 8 else ""
            phrases.append(f"one of {shown}")
            close = difflib.get_close_matches(value, names, n=1) if isinstance(value, str) else []
            hint = f" (did you mean '{close[0]}'?)" if close else ""
        else:
            phrases.append(_PHRASES.get(e["type"], e["msg"][0].lower() + e["msg"][1:]))
    if "a number" in phrases:
        phrases = [p for p in phrases if p != "an integer"]
    if len(phrases) > 1:
        phrases = [p for p in phrases if p != "null"]  # null is allowed, so it is no hint
    phrases = list(dict.fromkeys(phrases))
    expected = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " or " + phrases[-1]
    return f"expected {expected}, found {_found(value, text)}{hint}"


def _validation_problems(raw: dict, exc: pydantic.ValidationError, texts: dict) -> list[tuple]:
    """(path, at_key, message, field) for each error, union noise removed."""
    items = [(_tokens(raw, e["loc"], e["type"]), e) for e in exc.errors(include_url=False)]
    out = []
    for rel, errs in _select(items):
        path = tuple(rel)
        kinds = {e["type"] for e in errs}
        if _PYDANTIC_MISSING in kinds:
            out.append((path[:-1], False, f"missing required field '{path[-1]}'", path[:-1]))
        elif "extra_forbidden" in kinds:
            allowed = _allowed_fields(path[:-1])
            close = difflib.get_close_matches(str(path[-1]), allowed, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of {', '.join(allowed)}"
            out.append((path, True, f"unknown field '{_short(str(path[-1]))}'{hint}", path[:-1]))
        else:
            value: Any = raw
            for p in path:
                value = value[p]
            out.append((path, False, _message(errs, value, texts.get(path)), path))
    return out


def _printed_problems(raw: dict, texts: dict) -> list[tuple]:
    """Every printed number (a claim, an operand, a statement's claimed value) must read as one."""

    def scalars(base: tuple, value: Any) -> list[tuple]:
        items = [((i,), v) for i, v in enumerate(value)] if isinstance(value, list) else [((), value)]
        return [base + i for i, v in items if isinstance(v, (str, int, float)) and not isinstance(v, bool)]

    paths: list[tuple] = []
    for name, claim in _dict(raw.get("claims")).items():
        if isinstance(claim, dict):
            paths += scalars(("claims", name, "printed"), claim.get("printed"))
            paths += [
                ("claims", name, "operands") + p
                for k, v in _dict(claim.get("operands")).items()
                for p in scalars((k,), v)
            ]
        else:
            paths += scalars(("claims", name), claim)
    for name, statement in _dict(raw.get("statements")).items():
        paths += scalars(("statements", name, "claimed"), _dict(statement).get("claimed"))
    out = []
    for path in paths:
        try:
            parse_printed(texts[path])
        except (ValueError, OverflowError):
            out.append((path, False, f"expected {_PRINTED_HINT}, found '{_short(texts[path])}'", path))
    return out


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


# ------------------------------------------------------------------------------------------------
# Files


def _line_col(before: str) -> tuple[int, int]:
    """1-based line and column of the character after `before`."""
    return len(_LINE_BREAK.findall(before)) + 1, len(_LINE_BREAK.split(before)[-1]) + 1


def _decode(file: str, raw: bytes) -> tuple[str | None, CaseError | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        line, col = _line_col(raw[: e.start].decode("utf-8-sig", "replace"))
        shown = _LINE_BREAK.split(raw.decode("utf-8-sig", "replace"))
        message = (
            f"the file is not UTF-8 text: byte 0x{raw[e.start]:02x} cannot be decoded; save the file as UTF-8"
        )
        return None, CaseError(file, line, col, None, None, message, _source(shown, line))


def _compose(file: str, text: str, lines: list[str]):
    """The root node, or a CaseError for text that is not YAML."""

    def err(line: int, col: int, message: str) -> CaseError:
        return CaseError(file, line, col, None, None, message, _source(lines, line))

    try:
        with warnings.catch_warnings():  # e.g. a reused anchor: anchors are reported as errors anyway
            warnings.simplefilter("ignore")
            return YAML(typ="rt").compose(text), None
    except MarkedYAMLError as e:
        mark, context = e.problem_mark or e.context_mark, e.context
        if context and e.context_mark and e.problem_mark:  # where the broken construct began
            context += f" (from line {e.context_mark.line + 1}, column {e.context_mark.column + 1})"
        what = ": ".join(s for s in (context, e.problem) if s) or "unreadable"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, err(line, col, f"the file is not valid YAML: {what}")
    except ReaderError as e:
        line, col = _line_col(text[: e.position])
        char = chr(e.character) if isinstance(e.character, int) else str(e.character)
        return None, err(line, col, f"the file contains a character YAML does not allow ({char!r})")
    except Exception as e:  # ruamel's own failures on odd input: still a located error
        return None, err(1, 1, f"the file could not be read as YAML: {type(e).__name__}: {e}")


class _TooBig(Exception):
    pass


def _read_case_file(path: Path) -> bytes:
    """The bytes of a regular case file of at most MAX_FILE_BYTES (never reads past the limit)."""
    if not path.is_file() and path.exists():
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(path.stat().st_mode) else "not a regular file"
        raise _TooBig(f"the case file is {kind}; give a regular YAML file")
    with path.open("rb") as fh:
        raw = fh.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise _TooBig(f"the case file is larger than {MAX_FILE_BYTES:,} bytes, the limit of one case file")
    return raw


def load_file(path) -> tuple[list[LoadedCase], list[CaseError]]:
    """Every valid case of one file, and every error in it (never raises)."""
    file = str(path)
    try:
        raw = _read_case_file(Path(path))
    except OSError as e:
        return [], [CaseError(file, None, None, None, None, f"cannot read the file: {e.strerror or e}")]
    except _TooBig as e:
        return [], [CaseError(file, 1, 1, None, None, str(e))]
    text, error = _decode(file, raw)
    if error:
        return [], [error]
    lines = _LINE_BREAK.split(text)
    root, error = _compose(file, text, lines)
    if error:
        return [], [error]
    if root is None:
        return [], [
            CaseError(
                file,
                1,
                1,
                None,
                None,
                "the file is empty; expected a list of cases (each starting with '- id: ...')",
                _source(lines, 1),
            )
        ]
    reader = _Reader()
    data = reader.convert(root, ())
    if not isinstance(root, SequenceNode) or not isinstance(data, list) or not data:
        # `[]` too: nothing to check, which an empty report would hide
        line, col = reader.locs[()]
        found = (
            "an empty list"
            if isinstance(data, list) and isinstance(root, SequenceNode)
            else "a mapping" if isinstance(root, MappingNode) else "a single value"
        )
        return [], [
            CaseError(
                file,
                line,
                col,
                None,
                None,
                f"expected a list of cases (each starting with '- id: ...'), found {found}",
                _source(lines, line),
            )
        ]
    cases, errors, seen = [], [], {}  # seen: id -> line, of every case with an id, valid or not
    for i, raw_case in enumerate(data):
        case, errs = _load_case(file, lines, reader, i, raw_case)
        if case is not None and case.spec.id in seen:
            errs = [
                case.error(
                    ("id",),
                    f"case id '{case.spec.id}' is used twice in this file "
                    f"(first at line {seen[case.spec.id]})",
                )
            ]
        elif case is not None:
            cases.append(case)
        case_id = raw_case.get("id") if isinstance(raw_case, dict) else None
        if isinstance(case_id, str):
            seen.setdefault(case_id, reader.locs[(i,)][0])
        errors += errs
    return cases, sorted(errors, key=lambda e: (e.line or 0, e.col or 0))


def _load_case(file, lines, reader: _Reader, i: int, raw) -> tuple[LoadedCase | None, list[CaseError]]:
    def strip(d: dict) -> dict:
        return {k[1:]: v for k, v in d.items() if k[:1] == (i,)}

    texts, locs, key_locs = strip(reader.texts), strip(reader.locs), strip(reader.key_locs)
    line, col = locs[()]
    case_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
    problems = [(p[1:], (ln, c), m) for (ln, c, m), p in reader.problems.items() if p[:1] == (i,)]

    def error(path, where, message):
        return CaseError(file, where[0], where[1], case_id, _dotted(path), message, _source(lines, where[0]))

    if not isinstance(raw, dict):
        if not problems:
            problems = [
                (
                    (),
                    (line, col),
                    "expected a case (a mapping with id, title, source, reference, "
                    f"...), found {_found(raw, texts.get(()))}",
                )
            ]
        return None, [error(*p) for p in problems]
    errors = [error(*p) for p in problems]
    bad = [p for p, _, _ in problems]

    def related(path):  # errors at, above or below a value that could not be read are noise
        return any(path[: len(b)] == b or b[: len(path)] == path for b in bad)

    try:
        spec, later = Case.model_validate(raw), []
    except pydantic.ValidationError as exc:
        spec, later = None, _validation_problems(raw, exc, texts)
    flagged = {p[0] for p in later}
    later += [p for p in _printed_problems(raw, texts) if p[0] not in flagged]
    for path, at_key, message, shown in later:
        if not (bad and related(path)):
            where = (key_locs if at_key else locs).get(path) or locs.get(path) or (line, col)
            errors.append(error(shown, where, message))
    if errors or spec is None:
        return None, errors
    for path, message in limit_problems(spec):
        errors.append(error(path, locs.get(path) or key_locs.get(path) or (line, col), message))
    if errors:
        return None, errors
    return LoadedCase(spec, file, line, texts, locs, key_locs, lines), []


def _files(paths: list[str]) -> tuple[list[str], list[CaseError]]:
    files, errors = [], []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files += [
                str(path / f.name)
                for f in sorted(path.iterdir(), key=lambda f: f.name)
                if f.suffix in (".yaml", ".yml") and f.is_file()
            ]
        elif path.exists():  # a file, or a FIFO or device that load_file refuses by name
            files.append(str(p))
        else:
            errors.append(CaseError(str(p), None, None, None, None, "no such file or folder"))
    by_target = {Path(f).resolve(): f for f in reversed(files)}  # a file named twice loads once
    return list(dict.fromkeys(by_target[Path(f).resolve()] for f in files)), errors


def load_paths(paths: list[str] | None = None) -> tuple[list[LoadedCase], list[CaseError]]:
    """Every valid case under files or folders (`*.yaml`, `*.yml`, sorted; default `cases/`).

    Ids are unique across all of them, and `revises` names one of their ids.
    """
    files, errors = _files(list(paths) if paths else ["cases"])
    loaded: list[LoadedCase] = []
    owner: dict[str, str] = {}  # id -> where it is first used (a case with errors counts too)
    for file in files:
        cases, errs = load_file(file)
        errors += errs
        for case in cases:
            if case.spec.id in owner:
                errors.append(
                    case.error(("id",), f"case id '{case.spec.id}' is already used in {owner[case.spec.id]}")
                )
            else:
                owner[case.spec.id] = f"{case.file}:{case.line}"
                loaded.append(case)
        for e in errs:
            if e.case_id:
                owner.setdefault(e.case_id, e.file)
    known = set(owner)  # a revised case with errors of its own still counts
    kept = []
    for case in loaded:
        revises = case.spec.revises
        if revises is not None and (revises not in known or revises == case.spec.id):
            why = (
                "a case cannot revise itself"
                if revises == case.spec.id
                else (f"expected the id of a loaded case, found '{_short(revises)}'")
            )
            errors.append(case.error(("revises",), why))
        else:
            kept.append(case)
    return kept, errors


def find_original(case: LoadedCase, _chain: tuple[str, ...] = ()) -> LoadedCase:
    """The case a copy names in `copies:`, from the copy's own project (DESIGN row 3b).

    Looked up in the copy's own file, then in every case file under the project's `cases/` folder
    (the project: the folder holding `reference/`), so the original loads whenever the copy does:
    under `gradaudit check`, `pytest -k` or a worker of its own. A missing, self-naming or circular
    `copies:` is a CaseError located at the field."""
    from .resolve import project_root

    target = case.spec.copies
    chain = _chain + (case.spec.id,)
    if target in chain:
        loop = " -> ".join(chain + (target,))
        raise case.error(("copies",), f"goes round in a circle ({loop})")
    candidates = [Path(case.file)]
    root = project_root(Path(case.file))
    if root is not None and (root / "cases").is_dir():
        candidates += sorted(p for p in (root / "cases").rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    seen: set[Path] = set()
    for path in candidates:
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        cases, _ = load_file(path)
        for other in cases:
            if other.spec.id == target:
                if other.spec.copies:  # a circle further on is this copy's error too
                    try:
                        find_original(other, chain)
                    except CaseError as exc:
                        raise case.error(("copies",), exc.message) from None
                return other
    where = f"{case.file} or {root / 'cases'}" if root is not None else case.file
    raise case.error(("copies",), f"expected the id of a case in {where}, found '{_short(target)}'")


def resolve_reference(case: LoadedCase):
    """The Worksheet or Backward a case names as `module:attribute`, from the case's own project.

    Only a module of the project's `reference/` folder is imported (gradaudit.loading.resolve); the name
    is checked first, so a case can never make gradaudit import anything else."""
    from ..core.vocab import Backward, Worksheet
    from .resolve import ReferenceNotAllowed, import_reference_module, is_builtin, project_root

    module_name, _, attr = case.spec.reference.partition(":")
    if is_builtin(module_name):
        return _resolve_builtin(case, module_name, attr)
    root = project_root(Path(case.file))
    if root is None:
        raise case.error(
            ("reference",),
            f"cannot resolve '{case.spec.reference}': no folder at or above "
            f"{case.file} holds a reference/ folder (the case's project)",
        )
    try:
        module = import_reference_module(root, module_name)
    except ReferenceNotAllowed as e:
        raise case.error(("reference",), str(e)) from None
    except (Exception, SystemExit) as e:
        raise case.error(
            ("reference",), f"importing module '{module_name}' failed with {type(e).__name__}: {e}"
        ) from None
    if case.spec.network is not None:
        raise case.error(
            ("network",),
            f"a network block configures a built-in reference ({', '.join(_builtin_names())}); "
            f"'{case.spec.reference}' is the project's own",
        )
    obj = getattr(module, attr, _MISSING)
    if obj is _MISSING:
        names = [n for n, v in vars(module).items() if isinstance(v, (Worksheet, Backward))]
        close = difflib.get_close_matches(attr, names, n=1)
        hint = (
            f"; did you mean '{close[0]}'?"
            if close
            else (f"; it defines {', '.join(names)}" if names else "")
        )
        raise case.error(("reference",), f"module '{module_name}' has no attribute '{attr}'{hint}")
    if not isinstance(obj, (Worksheet, Backward)):
        raise case.error(
            ("reference",),
            f"expected a Worksheet or a Backward at '{case.spec.reference}', found {type(obj).__name__}",
        )
    return obj


def load_network(path) -> tuple[Any, list[str]]:
    """A network block from its own file (`gradaudit draft --network NETWORK.yaml`): the block
    itself, or a mapping with the one key `network:`. Returns the validated block (checked by the
    built-in too, so an inconsistency is found here) and the lines that write it into a case under
    `  network:`; every error is a CaseError located in the file, as a case's would be."""
    from .resolve import BuiltinConfigError, builtin_factory
    from .schema import Network

    file = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise CaseError(file, None, None, None, None, f"cannot read the file: {e.strerror or e}") from None
    text, error = _decode(file, raw)
    if error:
        raise error
    lines = _LINE_BREAK.split(text)
    root, error = _compose(file, text, lines)
    if error:
        raise error
    reader = _Reader()
    data = reader.convert(root, ()) if root is not None else None
    for (line, col, message), p in sorted(reader.problems.items()):
        raise CaseError(file, line, col, None, _dotted(("network", *p)), message, _source(lines, line))
    wrapped = isinstance(data, dict) and list(data) == ["network"]
    block, prefix = (data["network"], ("network",)) if wrapped else (data, ())
    if not isinstance(block, dict):
        line, col = reader.locs.get(prefix) or (1, 1)
        raise CaseError(
            file,
            line,
            col,
            None,
            "network",
            f"expected a network block (a mapping with layers, "
            f"activation, loss, ...), found {_found(block, None)}",
            _source(lines, line),
        )

    def located(path: tuple, message: str, at_key: bool = False) -> CaseError:
        full = prefix + tuple(path)
        while full and full not in reader.locs and full not in reader.key_locs:
            full = full[:-1]
        first, then = (reader.key_locs, reader.locs) if at_key else (reader.locs, reader.key_locs)
        line, col = first.get(full) or then.get(full) or (1, 1)
        return CaseError(file, line, col, None, _dotted(("network", *path)), message, _source(lines, line))

    try:
        network = Network.model_validate(block)
    except pydantic.ValidationError as exc:
        errs = sorted(exc.errors(include_url=False), key=lambda e: e["type"] != "extra_forbidden")
        first = errs[0]
        loc = tuple(k for t, k in _tokens(block, first["loc"], first["type"]) if t == "d")
        if first["type"] == "extra_forbidden":
            raise located(loc, f"unknown field '{_short(str(loc[-1]))}'", at_key=True) from None
        if first["type"] == _PYDANTIC_MISSING:
            raise located(loc[:-1], f"missing required field '{loc[-1]}'") from None
        value: Any = block
        for p in loc:
            value = value[p] if isinstance(value, (dict, list)) else None
        same = [
            e for e in errs if tuple(k for t, k in _tokens(block, e["loc"], e["type"]) if t == "d") == loc
        ]
        raise located(loc, _message(same, value, reader.texts.get(prefix + loc))) from None
    try:
        builtin_factory("gradaudit.nets", "dense")(network)
    except BuiltinConfigError as exc:
        raise located(exc.path, exc.message) from None
    body = [ln for ln in lines if ln.strip() and ln.strip() != "---"]
    written = ["  " + ln for ln in body] if wrapped else ["  network:", *["    " + ln for ln in body]]
    return network, written


def _builtin_names() -> list[str]:
    from .resolve import BUILTINS

    return [f"{m}:{a}" for m, attrs in BUILTINS.items() for a in attrs]


def _resolve_builtin(case: LoadedCase, module_name: str, attr: str):
    """A built-in reference (resolve.BUILTINS) built from the case's `network:` block; an
    inconsistency in the block is a CaseError located at its field."""
    from ..core.vocab import Worksheet
    from .resolve import BuiltinConfigError, ReferenceNotAllowed, builtin_factory

    try:
        factory = builtin_factory(module_name, attr)
    except ReferenceNotAllowed as e:
        raise case.error(("reference",), str(e)) from None
    if case.spec.network is None:
        raise case.error(
            ("reference",), f"the built-in '{case.spec.reference}' needs a network: block describing it"
        )
    try:
        ws = factory(case.spec.network)
    except BuiltinConfigError as e:
        raise case.error(("network", *e.path), e.message) from None
    if not isinstance(ws, Worksheet):  # pragma: no cover - the built-ins return worksheets
        raise case.error(("reference",), f"the built-in '{case.spec.reference}' did not build a Worksheet")
    return ws


# ------------------------------------------------------------------------------------------------
# Rewriting `expect:` blocks


def _last_line(node) -> int:
    """0-based line of a node's last character (block collections end at their last child)."""
    if isinstance(node, ScalarNode) or node.flow_style or not node.value:
        end = node.end_mark
        return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line
    last = node.value[-1]
    return _last_line(last[1] if isinstance(node, MappingNode) else last)


@functools.lru_cache(maxsize=1024)
def _plain_ok(text: str, ctx: str) -> bool:
    """Whether `text` reads back as itself, unquoted, as a key, a value or a flow-mapping value."""
    template = {"key": "{}: x", "value": "k: {}", "flow": "k: {{a: {}}}"}[ctx]
    try:
        node = YAML(typ="rt").compose(template.format(text)).value[0]
    except Exception:  # not plain-safe: it gets quoted
        return False
    node = node[0] if ctx == "key" else (node[1] if ctx == "value" else node[1].value[0][1])
    return isinstance(node, ScalarNode) and _tag(node) == "!!str" and node.value == text and not node.style


def _yaml_text(value: Any, ctx: str = "value") -> str:
    """YAML for a verdict, a row name or a detail mapping: plain when it reads back the same."""
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{_yaml_text(k, 'flow')}: {_yaml_text(v, 'flow')}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_text(v, "flow") for v in value) + "]"
    return value if isinstance(value, str) and _plain_ok(value, ctx) else json.dumps(value)


def _norm(expect: Any) -> dict:
    return {"verdict": expect} if isinstance(expect, str) else dict(expect or {})


def _split_keep(text: str) -> list[str]:
    parts = _LINE_BREAK.split(text)
    breaks = _LINE_BREAK.findall(text)
    lines = [p + b for p, b in zip(parts, breaks + [""])]
    return lines if lines[-1] else lines[:-1]


def update_expect(file: str, new: dict[str, dict[str, object]]) -> str:
    """The file's text with the `expect:` mapping of each case in `new` (case id -> {row: verdict
    or {"verdict": .., "factor": ..}}) set to exactly those rows. Unchanged rows keep their text
    and comments, new rows go at the end of the block, and every other byte stays as it was."""
    raw = Path(file).read_bytes()
    text, error = _decode(file, raw)
    if error:
        raise error
    lines = _split_keep(text)
    nl = "\r\n" if "\r\n" in text else "\n"
    root, error = _compose(file, text, _LINE_BREAK.split(text))
    if error:
        raise error
    edits: list[tuple[int, int, list[str]]] = []  # (first line, end line exclusive, replacement)
    done: set[str] = set()
    for case in root.value if isinstance(root, SequenceNode) else []:
        if not isinstance(case, MappingNode) or not case.value:
            continue
        fields = {k.value: (k, v) for k, v in case.value if isinstance(k, ScalarNode)}
        case_id = _rewritable_case_id(file, case, fields, done, new)
        if case_id is None:
            continue
        done.add(case_id)
        rows = {str(r): _norm(v) for r, v in new[case_id].items()}
        edits += _expect_edits(file, lines, case, fields, case_id, rows, nl)
    if set(new) - done:
        missing = sorted(set(new) - done)[0]
        raise CaseError(file, None, None, missing, None, "no case with this id in the file")
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        if start == len(lines) and lines and not _LINE_BREAK.search(lines[-1][-1:]) and replacement:
            lines[-1] += nl
        lines[start:end] = replacement
    return ("\ufeff" if raw.startswith(b"\xef\xbb\xbf") else "") + "".join(lines)


def _rewritable_case_id(file: str, case, fields: dict, done: set[str], new: dict) -> str | None:
    """The id of a case whose `expect:` `new` rewrites; None for a case it leaves alone. A case id
    used twice, or a case in flow style, is a CaseError."""
    case_id = fields.get("id", (None, None))[1]
    case_id = case_id.value if isinstance(case_id, ScalarNode) else None
    where = (file, case.start_mark.line + 1, case.start_mark.column + 1, case_id, None)
    if case_id in done:
        raise CaseError(*where, "this case id is used twice in the file; make the ids unique first")
    if case_id not in new:
        return None
    if case.flow_style:
        raise CaseError(*where, "cannot rewrite the expect block of a case written in flow style ({...})")
    return case_id


def _expect_edits(
    file: str, lines: list[str], case, fields: dict, case_id: str, rows: dict[str, dict], nl: str
) -> list[tuple[int, int, list[str]]]:
    """The line edits that set one case's `expect:` block to `rows`: only rows whose verdict or
    factor changes are rewritten, new rows appended, a missing block added after the case."""

    def row_line(indent: int, row: str) -> str:
        verdict = rows[row]
        shown = verdict["verdict"] if list(verdict) == ["verdict"] else verdict
        return " " * indent + f"{_yaml_text(row, 'key')}: {_yaml_text(shown)}{nl}"

    if "expect" not in fields:
        if not rows:
            return []
        indent, at = case.value[0][0].start_mark.column, _last_line(case) + 1
        return [(at, at, [" " * indent + "expect:" + nl] + [row_line(indent + 2, r) for r in rows])]
    knode, vnode = fields["expect"]
    first, last = knode.start_mark.line, knode.start_mark.line
    if not (isinstance(vnode, ScalarNode) and vnode.value == ""):
        last = _last_line(vnode)
    prefix = lines[first][: knode.start_mark.column]
    alone = prefix.strip() == ""
    has_rows = isinstance(vnode, MappingNode) and bool(vnode.value)
    if not rows:
        if has_rows:  # an empty `expect: {}` already says no rows: left as written
            return [(first, last + 1, [] if alone else [prefix + "expect: {}" + nl])]
        return []
    if has_rows and not vnode.flow_style:
        edits, reader = [], _Reader()
        indent, seen = vnode.value[0][0].start_mark.column, set()
        for k, v in vnode.value:
            row, start, end = str(k.value), k.start_mark.line, _last_line(v) + 1
            seen.add(row)
            old = _norm(reader.convert(v, ()))
            if row not in rows or any(old.get(f) != x for f, x in rows[row].items()):
                edits.append((start, end, [row_line(indent, row)] if row in rows else []))
        at = _last_line(vnode) + 1
        edits.append((at, at, [row_line(indent, r) for r in rows if r not in seen]))
        return edits
    if not alone and prefix.strip() != "-":
        raise CaseError(
            file,
            first + 1,
            knode.start_mark.column + 1,
            case_id,
            "expect",
            "cannot rewrite an expect block that does not start its own line",
        )
    indent = knode.start_mark.column + 2
    return [(first, last + 1, [prefix + "expect:" + nl] + [row_line(indent, r) for r in rows])]
