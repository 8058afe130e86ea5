"""Unit alignment: which unit of the old version became which unit of the new, and which moved.

Units are paired, in this order: same key and same text (unchanged); same key and same
``canonical`` text (only numbering differs); same text, then same canonical text, under another key
(moved, renamed or redesignated); same key and the same heading and number, or similar content;
similar content under another key (a moved or renamed unit with its own small redline); a section
heading found once on each side (renumbered and rewritten); and finally, when keys are identities
(provision ids: not ``RedlineOptions.numbered_keys``, as for files cut at their headings), same key
whatever the content (a rewritten unit). Similarity is the Dice coefficient of the units' word-pair sets. The rest
is struck or inserted. A pair is *moved* when it falls outside the longest run of pairs that kept
their relative order (or, see :mod:`~tracker.core.redline.compare`, when a section changed key but
kept its number).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from tracker.core.redline.model import RedlineOptions
from tracker.core.redline.sequence import longest_increasing
from tracker.core.redline.words import dice, word_pairs
from tracker.core.units import TextUnit, UnitKind


@dataclass(frozen=True, slots=True, kw_only=True)
class Alignment:
    """Which unit became which: indexes into the old and new sequences of units.

    ``old_to_new[i]`` is None for a struck unit, ``new_to_old[j]`` for an inserted one. ``kept``
    holds the old indexes of the longest run of pairs that kept their relative order; every other
    pair moved.
    """

    old_to_new: tuple[int | None, ...]
    new_to_old: tuple[int | None, ...]
    pairs: tuple[tuple[int, int], ...]
    kept: frozenset[int]


def align_units(
    old: Sequence[TextUnit], new: Sequence[TextUnit], options: RedlineOptions
) -> Alignment:
    """Pair the units of two versions (see the module docstring) and find the ones that moved."""
    aligner = _Aligner(old=old, new=new, options=options)
    aligner.run()
    pairs = tuple((i, j) for i, j in enumerate(aligner.old_to_new) if j is not None)
    return Alignment(
        old_to_new=tuple(aligner.old_to_new),
        new_to_old=tuple(aligner.new_to_old),
        pairs=pairs,
        kept=_kept_in_order(pairs),
    )


@dataclass(slots=True)
class _Aligner:
    old: Sequence[TextUnit]
    new: Sequence[TextUnit]
    options: RedlineOptions
    old_to_new: list[int | None] = field(init=False)
    new_to_old: list[int | None] = field(init=False)
    shingles: dict[tuple[int, int], set[tuple[str, ...]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.old_to_new = [None] * len(self.old)
        self.new_to_old = [None] * len(self.new)

    def pair(self, i: int, j: int) -> None:
        self.old_to_new[i] = j
        self.new_to_old[j] = i

    def free_old(self) -> list[int]:
        return [i for i, j in enumerate(self.old_to_new) if j is None]

    def free_new(self) -> list[int]:
        return [j for j, i in enumerate(self.new_to_old) if i is None]

    def same_key(self) -> list[tuple[int, int]]:
        new_keys = {unit.key: j for j, unit in enumerate(self.new)}
        found = []
        for i, unit in enumerate(self.old):
            j = new_keys.get(unit.key)
            if j is not None and self.old_to_new[i] is None and self.new_to_old[j] is None:
                found.append((i, j))
        return found

    def by_value(self, value: str) -> None:
        """Pair free units whose ``value`` attribute (text or canonical) is equal, in order."""
        waiting: dict[tuple[UnitKind, str], list[int]] = {}
        for j in self.free_new():
            unit = self.new[j]
            waiting.setdefault((unit.kind, getattr(unit, value)), []).append(j)
        for queue in waiting.values():
            queue.reverse()
        for i in self.free_old():
            unit = self.old[i]
            queue = waiting.get((unit.kind, getattr(unit, value)))
            if queue:
                self.pair(i, queue.pop())

    def similarity(self, i: int, j: int) -> float:
        """Dice similarity of word pairs (of the first and last 400 words of long units)."""
        old = self.shingles.get((0, i))
        if old is None:
            old = self.shingles[(0, i)] = word_pairs(_sample(self.old[i].text))
        new = self.shingles.get((1, j))
        if new is None:
            new = self.shingles[(1, j)] = word_pairs(_sample(self.new[j].text))
        return dice(old, new)

    def run(self) -> None:
        for i, j in self.same_key():
            if (
                self.old[i].text == self.new[j].text
                or self.old[i].canonical == self.new[j].canonical
            ):
                self.pair(i, j)
        self.by_value("text")
        self.by_value("canonical")
        for i, j in self.same_key():
            old, new = self.old[i], self.new[j]
            if old.kind == new.kind and (
                (old.heading == new.heading and old.designation == new.designation)
                or self.similarity(i, j) >= self.options.key_similarity
            ):
                self.pair(i, j)
        self.by_similarity()
        self.by_heading()
        if self.options.numbered_keys:
            return  # a number is not an identity: unrelated sections under it are struck and inserted
        for i, j in self.same_key():
            if self.old[i].kind == self.new[j].kind:
                self.pair(i, j)

    def by_heading(self) -> None:
        """Pair free sections whose heading is the same and found once on each side: a section
        renumbered and rewritten keeps its heading (common headings such as "Definitions." repeat,
        so they are never unique)."""
        old_headings = Counter(self.old[i].heading for i in self.free_old() if self.old[i].heading)
        new_headings = {self.new[j].heading: j for j in self.free_new() if self.new[j].heading}
        new_counts = Counter(self.new[j].heading for j in self.free_new() if self.new[j].heading)
        for i in self.free_old():
            heading = self.old[i].heading
            j = new_headings.get(heading) if heading else None
            if (
                j is not None
                and old_headings[heading] == 1
                and new_counts[heading] == 1
                and self.old[i].kind is UnitKind.SECTION
                and self.new[j].kind is UnitKind.SECTION
            ):
                self.pair(i, j)

    def by_similarity(self) -> None:
        free_old, free_new = self.free_old(), self.free_new()
        if not free_old or not free_new:
            return
        if len(free_old) * len(free_new) <= 4096:
            candidates = [(i, j) for i in free_old for j in free_new]
        else:
            candidates = self.sketch_candidates(free_old, free_new)
        scored = []
        for i, j in candidates:
            if self.old[i].kind != self.new[j].kind:
                continue
            score = self.similarity(i, j)
            if score >= self.options.pair_similarity:
                scored.append((-score, i, j))
        scored.sort()
        for _, i, j in scored:
            if self.old_to_new[i] is None and self.new_to_old[j] is None:
                self.pair(i, j)

    def sketch_candidates(self, free_old: list[int], free_new: list[int]) -> list[tuple[int, int]]:
        """Pairs sharing one of their eight smallest shingle hashes (a bottom-k sketch)."""
        index: dict[int, list[int]] = {}
        for j in free_new:
            for value in _sketch(self.new[j].text):
                index.setdefault(value, []).append(j)
        found: set[tuple[int, int]] = set()
        for i in free_old:
            for value in _sketch(self.old[i].text):
                found.update((i, j) for j in index.get(value, ()))
        return sorted(found)


def _sample(text: str, words: int = 400) -> list[str]:
    """The words of ``text``, or of its first and last stretches when it is long."""
    if len(text) <= 16 * words:
        return text.split()
    return text[: 8 * words].split()[:-1] + text[-8 * words :].split()[1:]


def _sketch(text: str, size: int = 8) -> list[int]:
    words = text.split()
    hashes = {zlib.crc32(f"{a} {b}".encode()) for a, b in pairwise(words)}
    if not hashes:
        hashes = {zlib.crc32(text.encode())}
    return sorted(hashes)[:size]


def _kept_in_order(pairs: Sequence[tuple[int, int]]) -> frozenset[int]:
    """Old indexes of the longest sequence of pairs whose new indexes increase (the rest moved)."""
    return frozenset(i for i, _ in longest_increasing(pairs))
