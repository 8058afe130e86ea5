"""The redline engine: align two versions of a bill, then diff each pair of units word by word.

Input is two sequences of :class:`~tracker.core.units.TextUnit` (the preamble, group headings and
sections of each version); output is a :class:`Redline`, plain data that every renderer formats and
none re-derives.

**Alignment.** Units are paired, in this order: same key and same text (unchanged); same key and same
``canonical`` text (only numbering differs); same text, then same canonical text, under another key
(moved, renamed or redesignated); same key and the same heading and number, or similar content;
similar content under another key (a moved or renamed unit with its own small redline); a section
heading found once on each side (renumbered and rewritten); and finally same key whatever the
content (a rewritten unit). Similarity is the Dice coefficient of the units' word-pair sets. The rest is struck
or inserted. A pair is *moved* when it falls outside the longest run of pairs that kept their relative
order, or when a section changed key but kept its number (renamed, or moved to another division).

**Word diff.** Inside a pair, lines (paragraphs) are diffed first, one character per distinct line,
then only the changed blocks are diffed again at word level: tokens are words, single punctuation marks
and runs of white space, one character per distinct token (the lines-to-chars technique applied to
tokens). diff-match-patch runs with ``Diff_Timeout = 0``, so the result never depends on machine load,
and with its semantic clean-up, scored on token boundaries, so the redline reads naturally. A large
block whose two sides share almost no word pairs is shown as replaced rather than word-diffed, because
the word diff of unrelated text is quadratic and unreadable.

**Exactness.** For every unit, the ``equal`` and ``delete`` runs concatenate to its old text and the
``equal`` and ``insert`` runs to its new text, heading included, byte for byte. Human renderers may hide
white-space-only edits through :meth:`Redline.for_display`; the model itself is always exact.

Pure: no I/O, no click, no git; only the standard library and diff-match-patch.
"""

from __future__ import annotations

import bisect
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import accumulate, pairwise
from typing import Literal

from diff_match_patch import diff_match_patch

from tracker.core.errors import UnknownNameError
from tracker.core.units import TextUnit, UnitKind

__all__ = [
    "DELETE",
    "EQUAL",
    "INSERT",
    "ChangeKind",
    "Redline",
    "RedlineOptions",
    "RedlineSummary",
    "Run",
    "UnitRedline",
    "compare_units",
    "count_changed_words",
    "diff_text",
    "hide_whitespace",
    "new_text",
    "old_text",
    "split_lines",
]

Op = Literal["equal", "insert", "delete"]
EQUAL: Op = "equal"
INSERT: Op = "insert"
DELETE: Op = "delete"
Run = tuple[Op, str]

_DMP_OPS: dict[int, Op] = {0: EQUAL, 1: INSERT, -1: DELETE}
_LEAD = re.compile(r"\s*")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_WORD = re.compile(r"\S+")
_SPACE = re.compile(r"\s")
_ALNUM = re.compile(r"[^\W_]")
_PUNCTUATION = re.compile(r"[^\w\s]")  # without any, a stretch's tokens are its words


class ChangeKind(StrEnum):
    """What happened to a unit between the two versions."""

    UNCHANGED = "unchanged"
    AMENDED = "amended"
    INSERTED = "inserted"
    STRUCK = "struck"
    MOVED = "moved"
    REDESIGNATED = "redesignated"


@dataclass(frozen=True, slots=True, kw_only=True)
class RedlineOptions:
    """Tuning of the engine; the defaults are what ``billtrack diff`` uses."""

    #: Dice similarity at or above which two units under different keys are paired (moved/renamed).
    pair_similarity: float = 0.5
    #: Dice similarity at or above which two units under the same key are paired before moved ones.
    key_similarity: float = 0.25
    #: A changed block of more than this many words (both sides together) is word-diffed only ...
    block_words: int = 2000
    #: ... if the Dice similarity of its sides' word pairs reaches this; otherwise it is replaced.
    block_similarity: float = 0.1
    #: Merge an equality of n words into the edits around it when both are at least this many times
    #: n words long (1 is diff-match-patch's rule; 0 never merges words). Merging reads more smoothly
    #: but strikes and reinserts words that did not change, so the default keeps the redline minimal.
    #: Equalities of punctuation alone between edits are always merged, and edits always shifted to
    #: natural boundaries.
    merge_equalities: int = 0
    #: A replaced stretch of at most this many words (both sides) is diffed again by tokens.
    refine_words: int = 24


DEFAULT_OPTIONS = RedlineOptions()


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitRedline:
    """One unit of the redline: what happened to it and its runs.

    ``old_*`` fields are None for an inserted unit, ``new_*`` fields for a struck one. Positions are
    0-based indexes into each version's sequence of units. ``redesignated`` says the number changed;
    ``conforming`` that the text changed only where numbering made it change (the canonical texts are
    equal), such as a cross-reference to a renumbered section.
    """

    kind: ChangeKind
    unit_kind: UnitKind
    old_key: str | None
    new_key: str | None
    old_number: str | None
    new_number: str | None
    old_heading: str | None
    new_heading: str | None
    old_position: int | None
    new_position: int | None
    moved: bool
    redesignated: bool
    conforming: bool
    whitespace_only: bool
    words_inserted: int
    words_struck: int
    words_moved: int
    runs: tuple[Run, ...]

    @property
    def key(self) -> str:
        """The unit's key in the newer version, or in the older one for a struck unit."""
        return self.new_key if self.new_key is not None else (self.old_key or "")

    @property
    def number(self) -> str:
        return self.new_number if self.new_number is not None else (self.old_number or "")

    @property
    def heading(self) -> str:
        return self.new_heading if self.new_heading is not None else (self.old_heading or "")

    @property
    def changed(self) -> bool:
        return self.kind is not ChangeKind.UNCHANGED

    @property
    def title(self) -> str:
        """A display title: "SEC. 4. Definitions", "TITLE II—Grants", "Preamble"."""
        if self.unit_kind is UnitKind.PREAMBLE:
            return "Preamble"
        if self.unit_kind is UnitKind.GROUP:
            return f"{self.number}—{self.heading}" if self.heading else self.number
        number = f"SEC. {self.number}." if self.number else self.key
        return f"{number} {self.heading}".strip()

    def describe(self) -> str:
        """What happened, in words: "amended; moved; redesignated (was SEC. 4)"."""
        words = [str(self.kind)]
        if self.moved and self.kind is not ChangeKind.MOVED:
            words.append("moved")
        if self.redesignated and self.kind is not ChangeKind.REDESIGNATED:
            words.append("redesignated")
        renamed = self.old_key and self.new_key and self.old_key != self.new_key
        if renamed and self.unit_kind is UnitKind.SECTION and not self.redesignated:
            words.append(f"was {self.old_key}")
        label = "; ".join(words)
        if self.redesignated and self.old_number:
            was = (
                f"SEC. {self.old_number}" if self.unit_kind is UnitKind.SECTION else self.old_number
            )
            label += f" (was {was})"
        if self.conforming:
            label += "; conforming change"
        if self.whitespace_only and self.kind is not ChangeKind.UNCHANGED:
            label += "; white space only"
        return label

    @property
    def old_text(self) -> str:
        return old_text(self.runs)

    @property
    def new_text(self) -> str:
        return new_text(self.runs)


@dataclass(frozen=True, slots=True, kw_only=True)
class RedlineSummary:
    """Totals over a redline, as ``--stat`` prints them."""

    unchanged: int = 0
    amended: int = 0
    inserted: int = 0
    struck: int = 0
    moved: int = 0
    redesignated: int = 0
    conforming: int = 0
    whitespace_only: int = 0
    words_inserted: int = 0
    words_struck: int = 0
    words_moved: int = 0

    @property
    def changed_units(self) -> int:
        return self.amended + self.inserted + self.struck + self.moved + self.redesignated

    @property
    def changed_words(self) -> int:
        return self.words_inserted + self.words_struck

    @classmethod
    def of(cls, units: Iterable[UnitRedline]) -> RedlineSummary:
        counts = dict.fromkeys(ChangeKind, 0)
        conforming = whitespace_only = inserted = struck = moved = 0
        for unit in units:
            counts[unit.kind] += 1
            conforming += unit.conforming
            whitespace_only += unit.whitespace_only
            inserted += unit.words_inserted
            struck += unit.words_struck
            moved += unit.words_moved
        return cls(
            unchanged=counts[ChangeKind.UNCHANGED],
            amended=counts[ChangeKind.AMENDED],
            inserted=counts[ChangeKind.INSERTED],
            struck=counts[ChangeKind.STRUCK],
            moved=counts[ChangeKind.MOVED],
            redesignated=counts[ChangeKind.REDESIGNATED],
            conforming=conforming,
            whitespace_only=whitespace_only,
            words_inserted=inserted,
            words_struck=struck,
            words_moved=moved,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Redline:
    """The redline between two versions: units in the new order, struck ones where they stood."""

    old_label: str
    new_label: str
    units: tuple[UnitRedline, ...]
    summary: RedlineSummary = field(default_factory=RedlineSummary)
    whitespace: bool = True

    @property
    def changed(self) -> bool:
        return any(unit.changed for unit in self.units)

    @property
    def changed_units(self) -> tuple[UnitRedline, ...]:
        return tuple(unit for unit in self.units if unit.changed)

    def select(self, names: Sequence[str]) -> Redline:
        """Only the units named by key (old or new), number ("4", "SEC. 4") or heading.

        Raises :class:`UnknownNameError` listing the keys that exist when a name matches nothing.
        """
        chosen: list[UnitRedline] = []
        for name in names:
            wanted = _normalise_name(name)
            matches = [u for u in self.units if wanted in _unit_names(u)]
            if not matches:
                keys = ", ".join(sorted({u.key for u in self.units}))
                raise UnknownNameError(
                    f"no provision or section {name!r} in either version",
                    hint=f"the units are: {keys}",
                )
            chosen.extend(u for u in matches if u not in chosen)
        order = {id(unit): index for index, unit in enumerate(self.units)}
        chosen.sort(key=lambda u: order[id(u)])
        return replace(self, units=tuple(chosen), summary=RedlineSummary.of(chosen))

    def for_display(self, *, whitespace: bool = False) -> Redline:
        """The redline as human formats show it: white-space-only edits folded into the new text.

        With ``whitespace=True`` the redline is returned unchanged. Otherwise a white-space-only
        insertion is shown as plain text, a white-space-only deletion is dropped, and a unit whose
        only changes were white space counts as unchanged (unless it moved). The result is no longer
        exact for the old side; the JSON form never uses it.
        """
        if whitespace or not self.whitespace:
            return self
        units = tuple(_fold_whitespace(unit) for unit in self.units)
        return replace(self, units=units, summary=RedlineSummary.of(units), whitespace=False)


def _normalise_name(name: str) -> str:
    text = name.strip().lower()
    text = re.sub(r"^(section|sec\.?)\s*", "", text)
    return text.rstrip(".")


def _unit_names(unit: UnitRedline) -> set[str]:
    names = {unit.old_key or "", unit.new_key or ""}
    for key in (unit.old_key, unit.new_key):
        if key:
            names.add(key.rsplit("/", 1)[-1].removeprefix("sec:"))
    if unit.unit_kind is UnitKind.SECTION:
        names.update(n for n in (unit.old_number, unit.new_number) if n)
    names.update(h.lower() for h in (unit.old_heading, unit.new_heading) if h)
    return {_normalise_name(n) for n in names if n}


def _fold_whitespace(unit: UnitRedline) -> UnitRedline:
    if unit.kind in (ChangeKind.UNCHANGED, ChangeKind.INSERTED, ChangeKind.STRUCK):
        return unit
    runs = hide_whitespace(unit.runs)
    kind = unit.kind
    if unit.whitespace_only and kind is ChangeKind.AMENDED:
        kind = ChangeKind.UNCHANGED
    return replace(unit, runs=runs, kind=kind)


# --------------------------------------------------------------------------------------------------
# Runs


def old_text(runs: Iterable[Run]) -> str:
    """The old side of a list of runs: its equal and delete runs, concatenated."""
    return "".join(text for op, text in runs if op != INSERT)


def new_text(runs: Iterable[Run]) -> str:
    """The new side of a list of runs: its equal and insert runs, concatenated."""
    return "".join(text for op, text in runs if op != DELETE)


def split_lines(runs: Iterable[Run]) -> list[list[Run]]:
    """The runs cut at line ends, for display: one list of runs per line, without the ``"\\n"``.

    A line break inside a delete (insert) run ends a line of the old (new) text only; displays show
    it anyway, as a comparative print shows struck text as it stood.
    """
    lines: list[list[Run]] = [[]]
    for op, text in runs:
        first = True
        for piece in text.split("\n"):
            if not first:
                lines.append([])
            first = False
            if piece:
                lines[-1].append((op, piece))
    if len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


def hide_whitespace(runs: Iterable[Run]) -> tuple[Run, ...]:
    """Fold white-space-only edits: insertions become equal text, deletions disappear."""
    out: list[Run] = []
    for op, text in runs:
        if op != EQUAL and text.isspace():
            if op == DELETE:
                continue
            op = EQUAL
        _append(out, op, text)
    return tuple(out)


def count_changed_words(runs: Sequence[Run]) -> tuple[int, int]:
    """(words struck, words inserted): white-space-separated words touched by a delete (insert) run.

    A word counts once however many of its characters changed, so the counts compare directly with
    ``git diff --word-diff``, whose words are runs of non-white-space.
    """
    return _touched(runs, DELETE), _touched(runs, INSERT)


def _touched(runs: Sequence[Run], op: Op) -> int:
    """Words of one side touched by its ``op`` runs, in one pass without rebuilding the side."""
    other = INSERT if op == DELETE else DELETE
    count = 0
    in_word = False  # the side so far ends inside a word ...
    counted = False  # ... that has already been counted
    for run_op, text in runs:
        if run_op == other or not text:
            continue
        if run_op == op:
            words = len(text.split())
            if words:
                if in_word and counted and not text[0].isspace():
                    words -= 1  # the run continues a word already counted
                count += words
                counted = True
        elif _SPACE.search(text):
            counted = False
        in_word = not text[-1].isspace()
    return count


def _append(out: list[Run], op: Op, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == op:
        out[-1] = (op, out[-1][1] + text)
    else:
        out.append((op, text))


# --------------------------------------------------------------------------------------------------
# Word diff


class _TokenDiffer(diff_match_patch):  # type: ignore[misc]
    """diff-match-patch over token characters, whose semantic clean-up scores token boundaries.

    Tokens carry no white space (it is compared separately), so the boundary score guesses it:
    between two words there is a space, after a full stop or a semicolon a sentence ends.
    """

    def __init__(self, tokens: list[str], factor: int) -> None:
        super().__init__()
        self.Diff_Timeout = 0
        self.tokens = tokens
        self.factor = factor

    def diff_cleanupSemantic(self, diffs: list[tuple[int, str]]) -> None:
        """Merge an equality into the edits around it when it is trivial beside them.

        An equality between two edits goes when it holds only punctuation, or (with a non-zero
        ``factor``) when both neighbouring edits are at least ``factor`` times its length in items,
        diff-match-patch's rule for ``factor`` 1. Then edits are shifted to natural boundaries.
        """
        factor = self.factor
        changes = False
        equalities: list[int] = []
        last: str | None = None
        pointer = 0
        before_ins = before_del = after_ins = after_del = 0
        while pointer < len(diffs):
            op, text = diffs[pointer]
            if op == 0:
                equalities.append(pointer)
                before_ins, after_ins = after_ins, 0
                before_del, after_del = after_del, 0
                last = text
            else:
                if op == 1:
                    after_ins += len(text)
                else:
                    after_del += len(text)
                before = max(before_ins, before_del)
                after = max(after_ins, after_del)
                if (
                    last
                    and before
                    and after
                    and (
                        (factor and len(last) * factor <= before and len(last) * factor <= after)
                        or not any(_ALNUM.search(self.tokens[ord(c)]) for c in last)
                    )
                ):
                    at = equalities[-1]
                    diffs.insert(at, (-1, last))
                    diffs[at + 1] = (1, diffs[at + 1][1])
                    equalities.pop()
                    if equalities:
                        equalities.pop()
                    pointer = equalities[-1] if equalities else -1
                    before_ins = before_del = after_ins = after_del = 0
                    last = None
                    changes = True
            pointer += 1
        if changes:
            self.diff_cleanupMerge(diffs)
        self.diff_cleanupSemanticLossless(diffs)

    def _score(self, one: str, two: str) -> int:
        if not one or not two:
            return 6
        left = self.tokens[ord(one[-1])]
        right = self.tokens[ord(two[0])]
        if left in _SENTENCE_END:
            return 3
        if left in _CLOSERS or right in _OPENERS or (left[0].isalnum() and right[0].isalnum()):
            return 2
        if not left[0].isalnum() or not right[0].isalnum():
            return 1
        return 0

    def diff_cleanupSemanticLossless(self, diffs: list[tuple[int, str]]) -> None:
        """diff-match-patch's lossless shift, with :meth:`_score` reading the tokens behind chars."""
        pointer = 1
        while pointer < len(diffs) - 1:
            if diffs[pointer - 1][0] == 0 and diffs[pointer + 1][0] == 0:
                equality1 = diffs[pointer - 1][1]
                edit = diffs[pointer][1]
                equality2 = diffs[pointer + 1][1]
                common = self.diff_commonSuffix(equality1, edit)
                if common:
                    shared = edit[-common:]
                    equality1 = equality1[:-common]
                    edit = shared + edit[:-common]
                    equality2 = shared + equality2
                best = (equality1, edit, equality2)
                best_score = self._score(equality1, edit) + self._score(edit, equality2)
                while edit and equality2 and edit[0] == equality2[0]:
                    equality1 += edit[0]
                    edit = edit[1:] + equality2[0]
                    equality2 = equality2[1:]
                    score = self._score(equality1, edit) + self._score(edit, equality2)
                    if score >= best_score:
                        best_score = score
                        best = (equality1, edit, equality2)
                if diffs[pointer - 1][1] != best[0]:
                    if best[0]:
                        diffs[pointer - 1] = (diffs[pointer - 1][0], best[0])
                    else:
                        del diffs[pointer - 1]
                        pointer -= 1
                    diffs[pointer] = (diffs[pointer][0], best[1])
                    if best[2]:
                        diffs[pointer + 1] = (diffs[pointer + 1][0], best[2])
                    else:
                        del diffs[pointer + 1]
                        pointer -= 1
            pointer += 1


_SENTENCE_END = frozenset(".;:!?")
_CLOSERS = frozenset(",)]}’”'\"")
_OPENERS = frozenset("([{‘“")


def diff_text(old: str, new: str, options: RedlineOptions = DEFAULT_OPTIONS) -> tuple[Run, ...]:
    """The exact runs turning ``old`` into ``new``: lines first, then words in changed blocks.

    >>> diff_text("The fee is $100.\\n", "The fee is $250.\\n")
    (('equal', 'The fee is $'), ('delete', '100'), ('insert', '250'), ('equal', '.\\n'))
    """
    if old == new:
        return ((EQUAL, old),) if old else ()
    out: list[Run] = []
    pending_old: list[str] = []
    pending_new: list[str] = []
    for op, text in _line_diff(old, new):
        if op == EQUAL:
            if pending_old or pending_new:
                _block(out, "".join(pending_old), "".join(pending_new), options)
                pending_old.clear()
                pending_new.clear()
            _append(out, EQUAL, text)
        elif op == DELETE:
            pending_old.append(text)
        else:
            pending_new.append(text)
    if pending_old or pending_new:
        _block(out, "".join(pending_old), "".join(pending_new), options)
    return tuple(_factor_whitespace(out))


def _factor_whitespace(runs: list[Run]) -> list[Run]:
    """Move white space that a deletion and the insertion beside it share out into equal text.

    "[-A covered -]{+An eligible +}agency" reads "[-A covered-]{+An eligible+} agency". Only white
    space moves, so no word is ever split.
    """
    out: list[Run] = []
    index = 0
    while index < len(runs):
        op, text = runs[index]
        if op == EQUAL or index + 1 >= len(runs) or runs[index + 1][0] in (EQUAL, op):
            _append(out, op, text)
            index += 1
            continue
        other_op, other = runs[index + 1]
        head = _shared_space(text, other, prefix=True)
        tail = _shared_space(text[len(head) :], other[len(head) :], prefix=False)
        _append(out, EQUAL, head)
        _append(out, op, text[len(head) : len(text) - len(tail)])
        _append(out, other_op, other[len(head) : len(other) - len(tail)])
        _append(out, EQUAL, tail)
        index += 2
    return out


def _shared_space(a: str, b: str, *, prefix: bool) -> str:
    """The longest white space that both ``a`` and ``b`` start (or end) with."""
    count = 0
    limit = min(len(a), len(b))
    while count < limit:
        x = a[count] if prefix else a[-1 - count]
        y = b[count] if prefix else b[-1 - count]
        if x != y or not x.isspace():
            break
        count += 1
    if not count:
        return ""
    return a[:count] if prefix else a[len(a) - count :]


def _line_diff(old: str, new: str) -> list[Run]:
    table: dict[str, int] = {}
    lines: list[str] = []

    def encode(text: str) -> str:
        codes: list[str] = []
        for line in _LINE.findall(text):
            code = table.get(line)
            if code is None:
                code = len(lines)
                table[line] = code
                lines.append(line)
            codes.append(chr(code))
        return "".join(codes)

    old_codes, new_codes = encode(old), encode(new)
    differ = diff_match_patch()
    differ.Diff_Timeout = 0
    diffs = differ.diff_main(old_codes, new_codes, False)
    # Clean up at line level: freak matches of a blank or short line between changes go, and no
    # edit is ever shifted to split a line.
    differ.diff_cleanupSemantic(diffs)
    return [(_DMP_OPS[op], "".join(lines[ord(c)] for c in codes)) for op, codes in diffs]


@dataclass(frozen=True, slots=True)
class _Items:
    """A text cut into items (words, or tokens), each carrying the white space after it."""

    text: str
    lead: int  # white space before the first item
    items: list[str]  # the items without their white space
    ends: list[int]  # where each item's white space ends in ``text``

    @classmethod
    def cut(cls, text: str, item: re.Pattern[str], piece: re.Pattern[str]) -> _Items:
        lead = _LEAD.match(text).end()  # type: ignore[union-attr]
        pieces = piece.findall(text, lead)
        return cls(
            text,
            lead,
            item.findall(text, lead),
            list(accumulate(map(len, pieces), initial=lead))[1:],
        )

    def start(self, index: int) -> int:
        return self.ends[index - 1] if index else self.lead

    def span(self, first: int, last: int) -> str:
        """The text of items ``first`` up to (not including) ``last``, white space included."""
        return self.text[self.start(first) : self.start(last)] if last > first else ""

    def space(self, index: int) -> str:
        return self.text[self.start(index) + len(self.items[index]) : self.ends[index]]


_WORD_PIECE = re.compile(r"\S+\s*")
_TOKEN_ITEM = re.compile(r"\w+|[^\w\s]")
_TOKEN_PIECE = re.compile(r"(?:\w+|[^\w\s])\s*")


def _block(out: list[Run], old: str, new: str, options: RedlineOptions) -> None:
    """Word-diff one changed block, then refine each replaced stretch to tokens.

    The diff first aligns words as ``git diff --word-diff`` sees them (runs of non-white-space), so
    the number of words it touches is minimal; where a few words replace a few others, the two
    stretches are diffed again by tokens (words and single punctuation marks), so "law." becoming
    "law;" strikes only the full stop. White space is never part of an item: each item carries the
    white space after it, compared only once the items are aligned, so a line broken in another place
    costs nothing, and differing white space after aligned items is struck and inserted, keeping the
    runs exact.
    """
    if not old or not new:
        _append(out, DELETE, old)
        _append(out, INSERT, new)
        return
    old_items = _Items.cut(old, _WORD, _WORD_PIECE)
    new_items = _Items.cut(new, _WORD, _WORD_PIECE)
    if len(old_items.items) + len(new_items.items) > options.block_words and (
        _dice(_pairs(old_items.items), _pairs(new_items.items)) < options.block_similarity
    ):
        _append(out, DELETE, old)
        _append(out, INSERT, new)
        return
    _space(out, old[: old_items.lead], new[: new_items.lead])
    ops = _align_items(old_items.items, new_items.items, options.merge_equalities)
    _emit(out, ops, old_items, new_items, refine=True, options=options)


def _align_items(old_items: list[str], new_items: list[str], merge: int) -> list[tuple[int, int]]:
    """diff-match-patch over items (one character per distinct item): a list of (op, count)."""
    vocabulary = dict.fromkeys(old_items)
    vocabulary.update(dict.fromkeys(new_items))
    code = dict(zip(vocabulary, range(len(vocabulary)), strict=True)).__getitem__
    old_codes = "".join(map(chr, map(code, old_items)))
    new_codes = "".join(map(chr, map(code, new_items)))
    differ = _TokenDiffer(list(vocabulary), merge)
    pieces: list[tuple[int, str]] = []
    _anchored(differ, old_codes, new_codes, pieces)
    diffs: list[tuple[int, str]] = []
    for op, codes in pieces:  # join neighbours of one kind (equalities around anchors)
        if diffs and diffs[-1][0] == op:
            diffs[-1] = (op, diffs[-1][1] + codes)
        else:
            diffs.append((op, codes))
    if len(diffs) > 2:
        differ.diff_cleanupSemantic(diffs)
    return [(op, len(codes)) for op, codes in diffs]


_ANCHOR_MIN = 400
_SMALL = 200


def _anchored(differ: diff_match_patch, old: str, new: str, out: list[tuple[int, str]]) -> None:
    """Diff two item strings, first splitting long ones at items unique to both (patience anchors).

    Myers' algorithm costs the product of length and distance; cut at the longest increasing run
    of items that occur once in each side, the pieces are short and diffed independently. Short
    pieces, or pieces without such items, go to diff-match-patch as they are.
    """
    if not old or not new:
        if old:
            out.append((-1, old))
        if new:
            out.append((1, new))
        return
    anchors: list[tuple[int, int]] = []
    if len(old) + len(new) >= _ANCHOR_MIN:
        old_count = Counter(old)
        new_count = Counter(new)
        where = {c: j for j, c in enumerate(new) if new_count[c] == 1}
        pairs = [(i, where[c]) for i, c in enumerate(old) if c in where and old_count[c] == 1]
        anchors = _longest_increasing(pairs)
    if not anchors:
        if len(old) + len(new) <= _SMALL:
            out.extend(_myers(old, new))
        else:
            out.extend(differ.diff_main(old, new, False))
        return
    i0 = j0 = 0  # where the text after the last equality starts
    run_i = run_j = length = 0  # the current run of consecutive anchors
    for i, j in anchors:
        if length and i == run_i + length and j == run_j + length:
            length += 1
            continue
        if length:
            out.append((0, old[run_i : run_i + length]))
            i0, j0 = run_i + length, run_j + length
        if i > i0 or j > j0:
            _gap(differ, old[i0:i], new[j0:j], out)
        run_i, run_j, length = i, j, 1
    out.append((0, old[run_i : run_i + length]))
    i0, j0 = run_i + length, run_j + length
    if i0 < len(old) or j0 < len(new):
        _gap(differ, old[i0:], new[j0:], out)


def _gap(differ: diff_match_patch, old: str, new: str, out: list[tuple[int, str]]) -> None:
    """The stretch between two anchors: often equal, empty on one side, or tiny."""
    if old == new:
        out.append((0, old))
    elif not old:
        out.append((1, new))
    elif not new:
        out.append((-1, old))
    elif len(old) + len(new) <= _SMALL:
        out.extend(_myers(old, new))
    else:
        _anchored(differ, old, new, out)


def _myers(a: str, b: str) -> list[tuple[int, str]]:
    """The shortest edit script between two short item strings, as diff-match-patch diffs.

    Myers' greedy algorithm with the whole trace kept: for the small gaps between anchors, this costs
    less than diff-match-patch's set-up and clean-up on every call.
    """
    head = 0
    limit = min(len(a), len(b))
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    diffs: list[tuple[int, str]] = [(0, a[:head])] if head else []
    suffix = a[len(a) - tail :]
    if head or tail:
        a, b = a[head : len(a) - tail], b[head : len(b) - tail]
    if a and b:
        diffs.extend(_myers_middle(a, b))
    elif a:
        diffs.append((-1, a))
    elif b:
        diffs.append((1, b))
    if tail:
        diffs.append((0, suffix))
    return diffs


def _myers_middle(a: str, b: str) -> list[tuple[int, str]]:
    """Myers' greedy search between two item strings that differ at both ends."""
    n, m = len(a), len(b)
    offset = n + m + 1
    v = [0] * (2 * offset + 1)
    trace: list[list[int]] = []
    for d in range(n + m + 1):
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]
            else:
                x = v[offset + k - 1] + 1
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            v[offset + k] = x
            if x >= n and y >= m:
                trace.append(v[:])
                return _myers_path(a, b, trace, offset)
        trace.append(v[:])
    raise AssertionError("unreachable: n + m steps always suffice")


def _myers_path(a: str, b: str, trace: list[list[int]], offset: int) -> list[tuple[int, str]]:
    x, y = len(a), len(b)
    steps: list[tuple[int, str]] = []  # backwards
    for d in range(len(trace) - 1, 0, -1):
        v = trace[d - 1]
        k = x - y
        if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
            prev_k = k + 1
            prev_x = v[offset + prev_k]
            prev_y = prev_x - prev_k
            mid_x = prev_x
        else:
            prev_k = k - 1
            prev_x = v[offset + prev_k]
            prev_y = prev_x - prev_k
            mid_x = prev_x + 1
        if x > mid_x:
            steps.append((0, a[mid_x:x]))
        if prev_k == k + 1:
            steps.append((1, b[prev_y]))
        else:
            steps.append((-1, a[prev_x]))
        x, y = prev_x, prev_y
    if x > 0:
        steps.append((0, a[:x]))
    diffs: list[tuple[int, str]] = []
    for op, text in reversed(steps):
        if diffs and diffs[-1][0] == op:
            diffs[-1] = (op, diffs[-1][1] + text)
        else:
            diffs.append((op, text))
    return diffs


def _emit(
    out: list[Run],
    ops: list[tuple[int, int]],
    old: _Items,
    new: _Items,
    *,
    refine: bool,
    options: RedlineOptions,
) -> None:
    i = j = 0
    index = 0
    while index < len(ops):
        op, count = ops[index]
        if op == 0:
            old_text_ = old.span(i, i + count)
            if old_text_ == new.span(j, j + count):
                _append(out, EQUAL, old_text_)
            else:
                for k in range(count):
                    _append(out, EQUAL, old.items[i + k])
                    _space(out, old.space(i + k), new.space(j + k))
            i += count
            j += count
            index += 1
            continue
        deleted = inserted = 0
        while index < len(ops) and ops[index][0] != 0:
            if ops[index][0] < 0:
                deleted += ops[index][1]
            else:
                inserted += ops[index][1]
            index += 1
        old_part = old.span(i, i + deleted)
        new_part = new.span(j, j + inserted)
        i += deleted
        j += inserted
        if (
            refine
            and old_part
            and new_part
            and deleted + inserted <= options.refine_words
            and (_PUNCTUATION.search(old_part) or _PUNCTUATION.search(new_part))
        ):
            _refine(out, old_part, new_part, options)
        else:
            _append(out, DELETE, old_part)
            _append(out, INSERT, new_part)


def _refine(out: list[Run], old: str, new: str, options: RedlineOptions) -> None:
    """Diff a replaced stretch of words again by tokens, keeping white space beside the tokens."""
    old_tokens = _Items.cut(old, _TOKEN_ITEM, _TOKEN_PIECE)
    new_tokens = _Items.cut(new, _TOKEN_ITEM, _TOKEN_PIECE)
    if set(old_tokens.items).isdisjoint(new_tokens.items):
        _append(out, DELETE, old)
        _append(out, INSERT, new)
        return
    ops = _align_items(old_tokens.items, new_tokens.items, options.merge_equalities)
    if all(op != 0 for op, _ in ops):
        _append(out, DELETE, old)
        _append(out, INSERT, new)
        return
    _emit(out, ops, old_tokens, new_tokens, refine=False, options=options)


def _space(out: list[Run], old: str, new: str) -> None:
    if old == new:
        _append(out, EQUAL, old)
    else:
        _append(out, DELETE, old)
        _append(out, INSERT, new)


# --------------------------------------------------------------------------------------------------
# Similarity


def _pairs(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < 2:
        return {tuple(words)} if words else set()
    return set(pairwise(words))


def _dice(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


# --------------------------------------------------------------------------------------------------
# Alignment


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
            old = self.shingles[(0, i)] = _pairs(_sample(self.old[i].text))
        new = self.shingles.get((1, j))
        if new is None:
            new = self.shingles[(1, j)] = _pairs(_sample(self.new[j].text))
        return _dice(old, new)

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


def _kept_in_order(pairs: list[tuple[int, int]]) -> set[int]:
    """Old indexes of the longest sequence of pairs whose new indexes increase (the rest moved)."""
    return {i for i, _ in _longest_increasing(pairs)}


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest sequence of (old, new) pairs increasing in both (pairs sorted by old index)."""
    pairs = sorted(pairs)
    tails: list[int] = []  # new index ending the best sequence of each length
    tail_at: list[int] = []  # position in pairs of that tail
    previous: list[int] = [-1] * len(pairs)
    for position, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_at.append(position)
        else:
            tails[length] = j
            tail_at[length] = position
        previous[position] = tail_at[length - 1] if length else -1
    found: list[tuple[int, int]] = []
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        found.append(pairs[position])
        position = previous[position]
    found.reverse()
    return found


_Work = tuple[str, str, RedlineOptions]
_Diffed = tuple[tuple[Run, ...], int, int, bool]
#: How the word diffs of changed pairs are run: ``map``, or a parallel map of the same signature.
Mapper = Callable[[Callable[[_Work], _Diffed], list[_Work]], Iterable[_Diffed]]


def compare_units(
    old: Sequence[TextUnit],
    new: Sequence[TextUnit],
    *,
    old_label: str = "old",
    new_label: str = "new",
    options: RedlineOptions = DEFAULT_OPTIONS,
    mapper: Mapper = map,
) -> Redline:
    """Align two versions unit by unit and word-diff each changed pair (see the module docstring).

    ``mapper`` runs the word diffs of the changed pairs, ``map`` by default; a caller may pass a
    parallel map (the function and its arguments are picklable). The result does not depend on it.
    """
    aligner = _Aligner(old=old, new=new, options=options)
    aligner.run()
    pairs = [(i, j) for i, j in enumerate(aligner.old_to_new) if j is not None]
    kept = _kept_in_order(pairs)
    changed = [(i, j) for i, j in pairs if old[i].text != new[j].text]
    work = [(old[i].text, new[j].text, options) for i, j in changed]
    diffed = dict(zip(changed, mapper(_diff_pair, work), strict=True))

    by_new: list[UnitRedline] = []
    for j, unit in enumerate(new):
        i = aligner.new_to_old[j]
        if i is None:
            by_new.append(_inserted(unit, j))
        else:
            by_new.append(
                _paired(old[i], unit, i, j, moved=i not in kept, diffed=diffed.get((i, j)))
            )

    # Struck units go where they stood: after the unit that preceded them in the old version.
    after: dict[int, list[UnitRedline]] = {}
    anchor = -1
    for i, unit in enumerate(old):
        j = aligner.old_to_new[i]
        if j is None:
            after.setdefault(anchor, []).append(_struck(unit, i))
        elif i in kept:
            anchor = j
    units: list[UnitRedline] = list(after.get(-1, ()))
    for j, unit in enumerate(by_new):
        units.append(unit)
        units.extend(after.get(j, ()))
    return Redline(
        old_label=old_label,
        new_label=new_label,
        units=tuple(units),
        summary=RedlineSummary.of(units),
    )


def _diff_pair(work: _Work) -> _Diffed:
    """The runs of one changed pair, its words struck and inserted, and whether only white space
    changed (a module-level function, so that a parallel map can pickle it)."""
    old, new, options = work
    runs = diff_text(old, new, options)
    struck, inserted = count_changed_words(runs)
    return runs, struck, inserted, all(op == EQUAL or text.isspace() for op, text in runs)


def _inserted(unit: TextUnit, position: int) -> UnitRedline:
    words = len(unit.text.split())
    return UnitRedline(
        kind=ChangeKind.INSERTED,
        unit_kind=unit.kind,
        old_key=None,
        new_key=unit.key,
        old_number=None,
        new_number=unit.designation,
        old_heading=None,
        new_heading=unit.heading,
        old_position=None,
        new_position=position,
        moved=False,
        redesignated=False,
        conforming=False,
        whitespace_only=False,
        words_inserted=words,
        words_struck=0,
        words_moved=0,
        runs=((INSERT, unit.text),) if unit.text else (),
    )


def _struck(unit: TextUnit, position: int) -> UnitRedline:
    words = len(unit.text.split())
    return UnitRedline(
        kind=ChangeKind.STRUCK,
        unit_kind=unit.kind,
        old_key=unit.key,
        new_key=None,
        old_number=unit.designation,
        new_number=None,
        old_heading=unit.heading,
        new_heading=None,
        old_position=position,
        new_position=None,
        moved=False,
        redesignated=False,
        conforming=False,
        whitespace_only=False,
        words_inserted=0,
        words_struck=words,
        words_moved=0,
        runs=((DELETE, unit.text),) if unit.text else (),
    )


def _paired(
    old: TextUnit, new: TextUnit, i: int, j: int, *, moved: bool, diffed: _Diffed | None
) -> UnitRedline:
    same_text = diffed is None
    redesignated = old.designation != new.designation
    if not moved and new.kind is UnitKind.SECTION and old.key != new.key and not redesignated:
        moved = True  # renamed, or moved to another division, under the same number
    if diffed is None:
        runs: tuple[Run, ...] = ((EQUAL, new.text),) if new.text else ()
        struck = inserted = 0
        whitespace_only = False
    else:
        runs, struck, inserted, whitespace_only = diffed
    conforming = False
    if old.canonical == new.canonical and not same_text:
        old_body = old.text.partition("\n")[2]
        new_body = new.text.partition("\n")[2]
        conforming = old_body != new_body or not redesignated
    if moved:
        kind = ChangeKind.MOVED
    elif same_text:
        kind = ChangeKind.UNCHANGED
    elif old.canonical == new.canonical and redesignated:
        kind = ChangeKind.REDESIGNATED
    else:
        kind = ChangeKind.AMENDED
    return UnitRedline(
        kind=kind,
        unit_kind=new.kind,
        old_key=old.key,
        new_key=new.key,
        old_number=old.designation,
        new_number=new.designation,
        old_heading=old.heading,
        new_heading=new.heading,
        old_position=i,
        new_position=j,
        moved=moved,
        redesignated=redesignated,
        conforming=conforming,
        whitespace_only=whitespace_only,
        words_inserted=inserted,
        words_struck=struck,
        words_moved=len(new.text.split()) if moved else 0,
        runs=runs,
    )
