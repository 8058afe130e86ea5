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
from tracker.core.redline.runs import Run, hide_whitespace, new_text, old_text
from tracker.core.units import UnitKind


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
