"""What changed between versions of the bill: the changelog between two versions (provisions added,
struck, amended, moved and redesignated, and the status changes recorded in between), and each
draft's summary of changes against the previous draft.

Both read the redline engine's alignment of the two versions; nothing else in the status reports
needs it, so only this module loads it. When either version has amendatory instructions, the
changelog also says which instructions were added, removed or changed and which law sections would
read differently (:mod:`tracker.core.amend.compare`). ``tracker.render.changelog_text`` formats the changelog,
``tracker.render.status_table`` the list of drafts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from tracker.core.amend.compare import AmendmentComparison, compare_amendments
from tracker.core.amend.package import amend_package, law_texts
from tracker.core.compile import bill_units
from tracker.core.model import DraftInfo, HistoryEntry, Package
from tracker.core.redline import ChangeKind as RedlineKind
from tracker.core.redline import RedlineSummary, compare_units
from tracker.core.units import UnitKind

# The changelog between two versions -------------------------------------------------------------


class ChangeKind(StrEnum):
    ADDED = "added"
    STRUCK = "struck"
    AMENDED = "amended"
    MOVED = "moved"
    REDESIGNATED = "redesignated"


@dataclass(frozen=True, slots=True, kw_only=True)
class ProvisionChange:
    """What happened to one provision between two versions. ``old_id`` is set when it was renamed."""

    provision_id: str
    title: str
    kinds: tuple[ChangeKind, ...]
    old_id: str | None = None
    old_number: str | None = None
    new_number: str | None = None
    words_inserted: int = 0
    words_struck: int = 0
    #: the text changed only where renumbering made it change (a conforming change)
    conforming: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.provision_id,
            "old_id": self.old_id,
            "title": self.title,
            "kinds": [str(k) for k in self.kinds],
            "old_number": self.old_number,
            "new_number": self.new_number,
            "words_inserted": self.words_inserted,
            "words_struck": self.words_struck,
            "conforming": self.conforming,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusChange:
    provision_id: str
    from_status: str | None
    to_status: str
    entries: tuple[HistoryEntry, ...]  # recorded in between, oldest first

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.provision_id,
            "from": self.from_status,
            "to": self.to_status,
            "history": [
                {
                    "date": e.date.isoformat(),
                    "from": e.from_status,
                    "to": e.to_status,
                    "author": e.author,
                    "note": e.note,
                    "forced": e.forced,
                }
                for e in self.entries
            ],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Changelog:
    old_label: str
    new_label: str
    title: str
    changes: tuple[ProvisionChange, ...]
    status_changes: tuple[StatusChange, ...]
    #: the redline's totals, the very ones ``billtrack diff`` prints for the same pair: each unit
    #: counted once, under its kind (the lists above name a provision under each thing that happened)
    summary: RedlineSummary = field(default_factory=RedlineSummary)
    #: the amendments compared; None when neither version has amendatory instructions
    amendments: AmendmentComparison | None = None

    def of_kind(self, kind: ChangeKind) -> tuple[ProvisionChange, ...]:
        return tuple(c for c in self.changes if kind in c.kinds)

    @property
    def is_empty(self) -> bool:
        law = self.amendments is not None and not self.amendments.is_empty
        return not self.changes and not self.status_changes and not law

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "old": self.old_label,
            "new": self.new_label,
            "title": self.title,
            "counts": {
                "added": self.summary.inserted,
                "struck": self.summary.struck,
                "amended": self.summary.amended,
                "moved": self.summary.moved,
                "redesignated": self.summary.redesignated,
            },
            "words": {"inserted": self.summary.words_inserted, "struck": self.summary.words_struck},
            "changes": [c.as_dict() for c in self.changes],
            "status_changes": [s.as_dict() for s in self.status_changes],
        }
        if self.amendments is not None:
            data["instructions"] = [
                {
                    "id": c.id,
                    "provision": c.provision,
                    "citation": c.citation,
                    "kind": str(c.kind),
                    "from": str(c.old.status) if c.old else None,
                    "to": str(c.new.status) if c.new else None,
                    "text_changed": c.text_changed,
                }
                for c in self.amendments.instructions
            ]
            data["law_sections_changed"] = [law.citation for law in self.amendments.laws]
        return data


def changelog(old: Package, new: Package) -> Changelog:
    """Provisions added, struck, amended, moved and redesignated from ``old`` to ``new``, and the
    status changes recorded in between.

    One computation with ``billtrack diff``: the redline engine's own redline of the two versions,
    its units' kinds, flags and word counts, and its summary as the counts. A redesignation alone is
    not an amendment; a text changed only where renumbering made it change is an amendment marked
    ``conforming``, as the redline marks it; a white-space-only edit is no change.
    """
    redline = compare_units(
        bill_units(old), bill_units(new), old_label=old.label, new_label=new.label
    )
    titles = {p.id: p.title for p in (*old.provisions.values(), *new.provisions.values())}
    changes: list[ProvisionChange] = []
    for unit in redline.units:
        if not unit.changed or (unit.whitespace_only and unit.kind is RedlineKind.AMENDED):
            continue
        if unit.kind is RedlineKind.INSERTED:
            kinds: tuple[ChangeKind, ...] = (ChangeKind.ADDED,)
        elif unit.kind is RedlineKind.STRUCK:
            kinds = (ChangeKind.STRUCK,)
        else:
            text_changed = unit.kind is RedlineKind.AMENDED or (
                unit.kind is RedlineKind.MOVED
                and bool(unit.words_inserted or unit.words_struck)
                and not unit.conforming
            )
            kinds = tuple(
                kind
                for kind, present in (
                    (ChangeKind.AMENDED, text_changed),
                    (ChangeKind.MOVED, unit.moved),
                    (ChangeKind.REDESIGNATED, unit.redesignated),
                )
                if present
            )
        renamed = unit.old_key is not None and unit.new_key not in (None, unit.old_key)
        section = unit.unit_kind is UnitKind.SECTION
        changes.append(
            ProvisionChange(
                provision_id=unit.key,
                title=titles.get(unit.key, unit.heading) if section else unit.title,
                kinds=kinds,
                old_id=unit.old_key if renamed else None,
                old_number=unit.old_number,
                new_number=unit.new_number,
                words_inserted=unit.words_inserted,
                words_struck=unit.words_struck,
                conforming=unit.conforming,
            )
        )
    return Changelog(
        old_label=old.label,
        new_label=new.label,
        title=(new.bill.short_title or new.bill.official_title) if new.bill else "",
        changes=tuple(changes),
        summary=redline.summary,
        status_changes=_status_changes(old, new),
        amendments=_amendments(old, new),
    )


def _amendments(old: Package, new: Package) -> AmendmentComparison | None:
    before, after = amend_package(old), amend_package(new)
    if not before.results and not after.results:
        return None
    return compare_amendments(
        before,
        after,
        old_law={c: text.body for c, text in law_texts(old.law).items()},
        new_law={c: text.body for c, text in law_texts(new.law).items()},
        old_label=old.label,
        new_label=new.label,
    )


def _status_changes(old: Package, new: Package) -> tuple[StatusChange, ...]:
    found: list[StatusChange] = []
    for provision in new.all_provisions():
        before = old.provisions.get(provision.id)
        known = set(before.history) if before else set()
        entries = tuple(e for e in provision.history if e not in known)
        from_status = before.status if before else None
        if entries or from_status != provision.status:
            found.append(
                StatusChange(
                    provision_id=provision.id,
                    from_status=from_status,
                    to_status=provision.status,
                    entries=entries,
                )
            )
    return tuple(found)


# Drafts and what changed between them -----------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftChanges:
    """A draft and the redline summary of its sections against the previous draft."""

    info: DraftInfo
    sections: int
    previous: str | None = None
    summary: RedlineSummary | None = None

    def describe(self) -> str:
        """``3 amended, 1 inserted; +120 -45 words`` or ``first draft: 27 sections``."""
        if self.previous is None or self.summary is None:
            return f"first draft: {self.sections} sections"
        s = self.summary
        parts = [
            f"{count} {label}"
            for count, label in (
                (s.amended, "amended"),
                (s.inserted, "inserted"),
                (s.struck, "struck"),
                (s.moved, "moved"),
                (s.redesignated, "redesignated"),
            )
            if count
        ]
        if not parts:
            return f"no changes from {self.previous}"
        words = f"; +{s.words_inserted} -{s.words_struck} words" if s.changed_words else ""
        return ", ".join(parts) + words

    def as_dict(self) -> dict[str, object]:
        s = self.summary
        return {
            "name": self.info.name,
            "stage": str(self.info.stage),
            "label": self.info.stage.label,
            "date": self.info.date.isoformat(),
            "commit": self.info.commit,
            "dirty": self.info.dirty,
            "note": self.info.note,
            "sections": self.sections,
            "previous": self.previous,
            "changes": None
            if s is None
            else {
                "amended": s.amended,
                "inserted": s.inserted,
                "struck": s.struck,
                "moved": s.moved,
                "redesignated": s.redesignated,
                "words_inserted": s.words_inserted,
                "words_struck": s.words_struck,
            },
            "summary": self.describe(),
        }


def draft_changes(drafts: Sequence[Package]) -> tuple[DraftChanges, ...]:
    """Each draft (loaded, in order) with the redline summary of its sections against the previous."""
    found: list[DraftChanges] = []
    previous: Package | None = None
    for package in drafts:
        if package.draft is None:
            continue
        units = bill_units(package)
        sections = sum(1 for unit in units if unit.kind is UnitKind.SECTION)
        summary = None
        if previous is not None:
            redline = compare_units(bill_units(previous), units)
            summary = RedlineSummary.of(
                unit for unit in redline.units if unit.unit_kind is UnitKind.SECTION
            )
        found.append(
            DraftChanges(
                info=package.draft,
                sections=sections,
                previous=previous.draft.name if previous and previous.draft else None,
                summary=summary,
            )
        )
        previous = package
    return tuple(found)
