"""What changed between a law text and counsel's edited copy: subdivisions aligned, words diffed.

Two stages serve :mod:`~tracker.core.amend.generate`:

- :func:`align_nodes`: which subdivision of the base became which of the edited text, by content,
  not by designation, so that a paragraph inserted before others and the ones after it moved down
  reads as one insertion and a redesignation (not as every later paragraph rewritten). Pairs keep
  their order (a dynamic programme over the two lists of siblings, after the siblings equal on both
  sides at either end are set aside). Two subdivisions pair when their words are alike (the Dice
  coefficient of their words and word pairs is at least :data:`SIMILAR`), or when they keep their
  designation and are at least :data:`SAME_PLACE` alike; keeping the designation weighs a little.
- :func:`hunks`: the changes inside one unit's text, word by word (the redline engine's
  :func:`~tracker.core.redline.words.diff_text`), as spans of the base text and what replaces them;
  changes separated by no more than one word are one change, as counsel would quote them.

:func:`changed_share` measures how much of a unit's text is struck, for the "to read as follows"
threshold.
Pure: no I/O.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.core.redline.runs import DELETE, EQUAL, INSERT
from tracker.core.redline.words import diff_text

#: Siblings with different designations pair when at least this alike (a redesignation).
SIMILAR = 0.5
#: Siblings that keep their designation pair when at least this alike (a rewrite in place).
SAME_PLACE = 0.25
#: What keeping the designation adds to a pair's weight.
_SAME_BONUS = 0.15

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Hunk:
    """``old[start:end]`` becomes ``new``."""

    start: int
    end: int
    new: str


def _shingles(text: str) -> frozenset[str]:
    words = _WORD.findall(text.lower())
    return frozenset(words) | frozenset(a + " " + b for a, b in itertools.pairwise(words))


def similarity(one: frozenset[str], two: frozenset[str]) -> float:
    """The Dice coefficient of two shingle sets (1.0 for two empty ones)."""
    if not one and not two:
        return 1.0
    return 2 * len(one & two) / (len(one) + len(two))


def align_nodes(
    base: Sequence[tuple[str, str]], edited: Sequence[tuple[str, str]]
) -> list[tuple[int | None, int | None]]:
    """Pair siblings (each ``(enumerator, content)``) of the base and the edited text, in order.

    Returns ``(i, j)`` for a pair, ``(i, None)`` for a base sibling struck, ``(None, j)`` for an
    edited sibling inserted, in text order.
    """
    head = 0
    while head < min(len(base), len(edited)) and base[head] == edited[head]:
        head += 1
    tail = 0
    while tail < min(len(base), len(edited)) - head and base[-1 - tail] == edited[-1 - tail]:
        tail += 1
    old = base[head : len(base) - tail]
    new = edited[head : len(edited) - tail]
    old_sets = [_shingles(content) for _, content in old]
    new_sets = [_shingles(content) for _, content in new]
    n, m = len(old), len(new)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, above = score[i], score[i - 1]
        for j in range(1, m + 1):
            best = max(above[j], row[j - 1])
            weight = _weight(old[i - 1][0], new[j - 1][0], old_sets[i - 1], new_sets[j - 1])
            if weight is not None:
                best = max(best, above[j - 1] + weight)
            row[j] = best
    pairs: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i or j:
        if i and j:
            weight = _weight(old[i - 1][0], new[j - 1][0], old_sets[i - 1], new_sets[j - 1])
            if weight is not None and score[i][j] == score[i - 1][j - 1] + weight:
                pairs.append((head + i - 1, head + j - 1))
                i, j = i - 1, j - 1
                continue
        if i and score[i][j] == score[i - 1][j]:
            pairs.append((head + i - 1, None))
            i -= 1
        else:
            pairs.append((None, head + j - 1))
            j -= 1
    pairs.reverse()
    return (
        [(k, k) for k in range(head)]
        + pairs
        + [(len(base) - tail + k, len(edited) - tail + k) for k in range(tail)]
    )


def _weight(
    old_enum: str, new_enum: str, old_set: frozenset[str], new_set: frozenset[str]
) -> float | None:
    alike = similarity(old_set, new_set)
    if old_enum == new_enum:
        return alike + _SAME_BONUS if alike >= SAME_PLACE else None
    return alike if alike >= SIMILAR else None


def hunks(old: str, new: str) -> list[Hunk]:
    """The changes turning ``old`` into ``new``, in text order (merged across single words)."""
    out: list[Hunk] = []
    position = 0
    pending: tuple[int, int, str] | None = None
    gap = ""
    for op, text in diff_text(old, new):
        if op == EQUAL:
            if pending is not None:
                gap = text
                out.append(Hunk(*pending))
                pending = None
            position += len(text)
            continue
        if pending is None and out and _joins(gap) and out[-1].end == position - len(gap):
            last = out.pop()
            pending = (last.start, last.end + len(gap), last.new + gap)
        if pending is None:
            pending = (position, position, "")
        start, end, replacement = pending
        if op == DELETE:
            position += len(text)
            pending = (start, end + len(text), replacement)
        elif op == INSERT:
            pending = (start, end, replacement + text)
    if pending is not None:
        out.append(Hunk(*pending))
    return out


def _joins(gap: str) -> bool:
    """Whether two changes with ``gap`` between them read as one (at most one word, no line)."""
    return "\n" not in gap and len(_WORD.findall(gap)) <= 1 and not re.search(r"[.;:]\s", gap)


def changed_share(old: str, new: str) -> float:
    """The share of ``old``'s words that do not survive into ``new`` (struck or replaced); words
    only inserted do not count, so adding subdivisions to a unit does not rewrite it."""
    total = len(_WORD.findall(old))
    if not total:
        return 0.0 if old == new else 1.0
    struck = sum(len(_WORD.findall(text)) for op, text in diff_text(old, new) if op == DELETE)
    return struck / total
