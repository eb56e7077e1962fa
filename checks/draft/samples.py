"""Samples worked one after another under the same labels (issue 20).

An article that works one update per sample (stochastic gradient descent by hand) often prints
every sample's steps under the same headings and labels: `## Sample 1`, its data and `z1 = ...`,
then `## Sample 2`, its own data and `z1 = ...` again. A worksheet that unrolls the samples
names the first sample's steps and given values bare and the k-th's with the suffix `_s<k>`
(`z1`, `z1_s2`, `x1_s3`: the names `samples: S` gives, README "Cases").

When the article's headings of one level include a series `<stem> 1`, `<stem> 2`, ... `<stem> K`
(the same words, numbered in order from 1) and the worksheet's samples run to the same K, the
series' k-th section is the k-th sample's:

- a label that fits several samples' steps (`z1` fits z1, z1_s2, z1_s3) binds, on a
  line of section k, the k-th sample's;
- the values a section states for a given value (`x1 = 1, t = 0`) are the k-th sample's
  (`x1_s2`, `t_s2`), and the first sample's are read outside the later sections.

A section runs from its heading to the next heading of the same level or shallower.
"""

from __future__ import annotations

import re

from .numbers import Scan
from .passages import heading_levels

_SUFFIX = re.compile(r"^(?P<base>.+)_s(?P<k>[1-9]\d*)$")
_NUMBERED = re.compile(r"^\s{0,3}#{1,6}\s+(?P<stem>.*?\S)\s*#?\s*(?P<k>[1-9]\d*)\s*[:.)]?\s*$")


def sample_of(name: str) -> tuple[str, int]:
    """(the name without its sample suffix, the sample): `x1_s2` -> (x1, 2), `x1` -> (x1, 1)."""
    m = _SUFFIX.match(name)
    if m and int(m.group("k")) >= 2:
        return m.group("base"), int(m.group("k"))
    return name, 1


def sample_count(names) -> int:
    """The samples the names run to (K of `a`, `a_s2` ... `a_sK`); 1 when no name has a sample
    suffix whose bare name is also there."""
    names = set(names)
    ks = [k for n in names for base, k in [sample_of(n)] if k >= 2 and base in names]
    return max(ks, default=1)


def sample_sections(lines: list[str], count: int) -> dict[int, tuple[int, int]]:
    """{k: (first, last line)} of the heading series `<stem> 1` ... `<stem> count` (one level, one
    stem, numbered 1, 2, ... in order); {} when no level holds such a series of `count` headings."""
    if count < 2:
        return {}
    levels = heading_levels(lines)
    for level, at in sorted(levels.items()):
        shallower = sorted(i for lv, ls in levels.items() if lv <= level for i in ls)
        series: dict[str, list[int]] = {}
        for i in at:
            m = _NUMBERED.match(lines[i - 1])
            if m is None:
                continue
            stem = " ".join(m.group("stem").lower().split())
            got = series.setdefault(stem, [])
            if int(m.group("k")) == len(got) + 1:
                got.append(i)
        for starts in series.values():
            if len(starts) != count:
                continue
            out = {}
            for k, a in enumerate(starts, 1):
                b = next((j - 1 for j in shallower if j > a), len(lines))
                out[k] = (a, b)
            return out
    return {}


def sample_at(secs: dict[int, tuple[int, int]], line: int) -> int | None:
    """The sample whose section holds `line`; None outside every section."""
    return next((k for k, (a, b) in secs.items() if a <= line <= b), None)


def narrow(names: list[str], k: int | None) -> tuple[list[str], str]:
    """Of `names`, the k-th sample's when they are several samples' of one quantity and sample k's
    is among them; (names, "") otherwise."""
    if k is None or len(names) < 2:
        return names, ""
    samples = {sample_of(n)[1] for n in names}
    kept = [n for n in names if sample_of(n)[1] == k]
    if len(samples) < 2 or not kept:
        return names, ""
    return kept, f"the line is in sample {k}'s section (a heading numbered {k})"


def outside_later(scan: Scan, secs: dict[int, tuple[int, int]]) -> Scan:
    """The scan without samples 2, 3, ...'s sections (their numbers dropped, their lines blanked,
    every line keeping its number): where the first sample's given values are read."""
    keep = [(sample_at(secs, i) or 1) == 1 for i in range(1, len(scan.lines) + 1)]
    return _only(scan, keep)


def within(scan: Scan, secs: dict[int, tuple[int, int]], k: int) -> Scan:
    """The scan of sample k's section alone (the other lines blanked, keeping their numbers)."""
    return _only(scan, [sample_at(secs, i) == k for i in range(1, len(scan.lines) + 1)])


def _only(scan: Scan, keep: list[bool]) -> Scan:
    lines = [t if keep[i] else "" for i, t in enumerate(scan.lines)]
    return Scan([n for n in scan.numbers if keep[n.line - 1]], scan.skipped, lines)
