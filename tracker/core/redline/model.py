"""The redline as plain data: what happened to each unit, its runs and the totals.

**Exactness.** For every unit, the ``equal`` and ``delete`` runs concatenate to its old text and the
``equal`` and ``insert`` runs to its new text, heading included, byte for byte. Human renderers may hide
white-space-only edits through :meth:`Redline.for_display`; the model itself is always exact.

Pure standard library: every renderer imports these records, none re-derives them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from tracker.core.errors import UnknownNameError
from tracker.core.redline.runs import DELETE, Run, hide_whitespace, new_text, old_text
from tracker.core.units import UnitKind


class ChangeKind(StrEnum):
    """What happened to a unit between the two versions."""

    UNCHANGED = "unchanged"
    AMENDED = "amended"
    INSERTED = "inserted"
    STRUCK = "struck"
    MOVED = "moved"
    REDESIGNATED = "redesignated"


# The thresholds of the readability passes (docs/redline-json.md, "Thresholds", has before/after
# examples). The semantic clean-up: an equality of one word between edits of two or more words each
# goes; of two words, between edits of four or more; never one of more than MERGE_WORDS words.
SEMANTIC_FACTOR = 2
MERGE_WORDS = 2
#: Replacing a block whole: 20 words or more (both sides), under 15% of word pairs shared. Only what
#: the semantic clean-up may absorb goes: the text both sides start and end with and the runs of
#: more than MERGE_WORDS words both hold stay equal.
REPLACE_WORDS = 20
REPLACE_SIMILARITY = 0.15


#: Subdivisions: paired across enumerators at this similarity; one replacing one under the same
#: enumerator is amended in place down to the lower one, and below it replaced in place (the
#: enumerator kept, the rest replaced as a block), as is any other without a similar partner.
SUBDIVISION_SIMILARITY = 0.5
SUBDIVISION_REWRITE_SIMILARITY = 0.2


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
    #: Semantic clean-up: merge an equality of n words into the edits around it when both are at
    #: least this many times n words long (1 is diff-match-patch's rule; 0 never merges words), so
    #: "[-date on which-]{+application+} the [-covered grant-]{+award period+}" reads as one struck
    #: phrase and one inserted phrase. Equalities of punctuation alone between edits are always
    #: merged, and edits always shifted to natural boundaries. See :data:`SEMANTIC_FACTOR`.
    merge_equalities: int = SEMANTIC_FACTOR
    #: ... but only equalities of at most this many words (a longer shared stretch always shows).
    merge_words: int = MERGE_WORDS
    #: A changed block of at least this many words (both sides) whose sides' Dice similarity is
    #: below ``replace_similarity`` is shown struck and inserted whole, but for its common start and
    #: end and the runs of more than ``merge_words`` words its sides share (:data:`REPLACE_WORDS`).
    replace_words: int = REPLACE_WORDS
    replace_similarity: float = REPLACE_SIMILARITY
    #: Two subdivisions under different enumerators (or among several) are the same subdivision,
    #: amended, when the Dice similarity of their word pairs reaches this.
    subdivision_similarity: float = SUBDIVISION_SIMILARITY
    #: One subdivision replacing one under the same enumerator is amended in place down to this
    #: similarity; below it, it is replaced in place: its enumerator kept, the rest replaced.
    subdivision_rewrite_similarity: float = SUBDIVISION_REWRITE_SIMILARITY
    #: A replaced stretch of at most this many words (both sides) is diffed again by tokens.
    refine_words: int = 24
    #: Align enumerated subdivisions as units inside a section (see ``redline.subdivisions``).
    subdivisions: bool = True
    #: Unit keys are only numbers (each side a file cut at its headings), not identities: a section
    #: under the same number with unrelated content is struck and inserted, not paired.
    numbered_keys: bool = False


DEFAULT_OPTIONS = RedlineOptions()
#: The engine before the readability passes (no semantic merge, no whole replacement of small
#: blocks, no subdivision alignment): minimal runs, for comparison and for ``benchmarks/``.
MINIMAL_OPTIONS = RedlineOptions(
    merge_equalities=0, replace_words=0, replace_similarity=0.0, subdivisions=False
)


#: A mark on a run (``UnitRedline.marks``): a changed cross-reference that only follows a renumbering.
CONFORMING = "conforming"
#: A mark on a run: an enumerator struck and inserted because its subdivision was redesignated.
REDESIGNATION = "redesignation"


@dataclass(frozen=True, slots=True, kw_only=True)
class SubdivisionChange:
    """What happened to one subdivision (a chunk of a unit: see ``redline.subdivisions``).

    ``old_designation``/``new_designation`` are the enumerators ("(3)"), "" for the text before the
    first subdivision, None where the subdivision is absent. ``level`` is "subsection", "paragraph",
    ... or "" when unknown. Its runs are ``unit.runs[first_run:end_run]``; the subdivisions of a
    unit cover its runs in order, so a display can put aligned subdivisions on the same row.
    """

    kind: ChangeKind
    level: str
    old_designation: str | None
    new_designation: str | None
    first_run: int
    end_run: int
    words_inserted: int = 0
    words_struck: int = 0

    @property
    def designation(self) -> str:
        return (
            self.new_designation
            if self.new_designation is not None
            else (self.old_designation or "")
        )


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
    #: the unit's subdivisions aligned by content, when it is a changed pair with enumerated ones
    subdivisions: tuple[SubdivisionChange, ...] = ()
    #: (run index, mark): runs that are conforming changes (:data:`CONFORMING`) or a redesignated
    #: subdivision's enumerator (:data:`REDESIGNATION`); both runs of a struck/inserted pair are marked
    marks: tuple[tuple[int, str], ...] = ()

    @property
    def conforming_references(self) -> int:
        """How many changed references only follow a renumbering (pairs of marked runs)."""
        return sum(
            1 for index, mark in self.marks if mark == CONFORMING and self.runs[index][0] == DELETE
        )

    def subdivision_summary(self) -> str:
        """What happened to the subdivisions, in words: "paragraph (3) inserted; paragraphs (3) to
        (7) redesignated (4) to (8)"; "" when none was inserted, struck or redesignated."""
        return describe_subdivisions(self.subdivisions)

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
        elif self.conforming_references:
            count = self.conforming_references
            label += f"; {count} conforming reference{'s' if count > 1 else ''}"
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
    #: changed cross-references that only follow a renumbering, in any unit
    conforming_references: int = 0
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
        conforming = references = whitespace_only = inserted = struck = moved = 0
        for unit in units:
            counts[unit.kind] += 1
            conforming += unit.conforming
            references += unit.conforming_references
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
            conforming_references=references,
            whitespace_only=whitespace_only,
            words_inserted=inserted,
            words_struck=struck,
            words_moved=moved,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class FrontMatterChange:
    """A front matter key whose value differs between two provision files (values as YAML text;
    None where the key is absent)."""

    key: str
    old: str | None
    new: str | None


def compare_front_matter(
    old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]
) -> tuple[FrontMatterChange, ...]:
    """The keys added, removed or changed, in the new file's order, then the removed ones."""
    before, after = dict(old), dict(new)
    changes = [
        FrontMatterChange(key=key, old=before.get(key), new=value)
        for key, value in new
        if before.get(key) != value
    ]
    changes += [FrontMatterChange(key=k, old=v, new=None) for k, v in old if k not in after]
    return tuple(changes)


@dataclass(frozen=True, slots=True, kw_only=True)
class Redline:
    """The redline between two versions: units in the new order, struck ones where they stood."""

    old_label: str
    new_label: str
    units: tuple[UnitRedline, ...]
    summary: RedlineSummary = field(default_factory=RedlineSummary)
    whitespace: bool = True
    #: when two provision files are compared: their front matter changes, listed apart from the
    #: redline of their bodies
    front_matter: tuple[FrontMatterChange, ...] = ()

    @property
    def changed(self) -> bool:
        return any(unit.changed for unit in self.units) or bool(self.front_matter)

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
    kind = unit.kind
    if unit.whitespace_only and kind is ChangeKind.AMENDED:
        kind = ChangeKind.UNCHANGED
    if not unit.subdivisions:
        return replace(unit, runs=hide_whitespace(unit.runs), kind=kind, marks=())
    runs: list[Run] = []
    subdivisions = []
    for sub in unit.subdivisions:  # folded one subdivision at a time, so each keeps its own runs
        first = len(runs)
        runs.extend(hide_whitespace(unit.runs[sub.first_run : sub.end_run]))
        subdivisions.append(replace(sub, first_run=first, end_run=len(runs)))
    return replace(unit, runs=tuple(runs), kind=kind, subdivisions=tuple(subdivisions), marks=())


_PLURAL = {"": "", "subsection": "subsections", "paragraph": "paragraphs"}


def describe_subdivisions(subdivisions: Sequence[SubdivisionChange]) -> str:
    """ "paragraph (3) inserted; paragraphs (3) to (7) redesignated (4) to (8); subsection (c)
    struck": consecutive redesignations of one level are given as one range."""
    parts: list[str] = []
    index = 0
    while index < len(subdivisions):
        sub = subdivisions[index]
        noun = sub.level or "subdivision"
        if sub.kind in (ChangeKind.INSERTED, ChangeKind.STRUCK) and sub.designation:
            parts.append(f"{noun} {sub.designation} {sub.kind}")
        elif (
            sub.old_designation
            and sub.new_designation
            and sub.old_designation != sub.new_designation
        ):
            end = index
            while (
                end + 1 < len(subdivisions)
                and subdivisions[end + 1].level == sub.level
                and subdivisions[end + 1].old_designation
                and subdivisions[end + 1].new_designation
                and subdivisions[end + 1].old_designation != subdivisions[end + 1].new_designation
            ):
                end += 1
            last = subdivisions[end]
            if end == index:
                parts.append(f"{noun} {sub.old_designation} redesignated {sub.new_designation}")
            else:
                nouns = _PLURAL.get(sub.level) or f"{noun}s"
                parts.append(
                    f"{nouns} {sub.old_designation} to {last.old_designation} redesignated "
                    f"{sub.new_designation} to {last.new_designation}"
                )
            index = end
        index += 1
    return "; ".join(parts)
