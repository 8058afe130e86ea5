"""Section numbers from a provision's place in bill.yaml; never typed by hand.

Rules (federal practice): sections outside titles are 1, 2, 3 ...; when a bill is divided into titles,
title I's sections are 101, 102 ..., title II's 201 ... (subtitles and parts do not restart the count);
divisions restart everything. A pinned designation is kept as is and the count continues from it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from tracker.core.enumeration import roman_value, to_roman
from tracker.core.model import Bill, GroupEntry, SectionEntry

_LEADING_NUMBER = re.compile(r"(\d+)")


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberedGroup:
    """A division, title, subtitle, part or subpart with its designation (``I``, ``A``)."""

    kind: str
    designation: str
    heading: str
    key: str  # stable within a version: "division:A/title:II"
    depth: int
    line: int | None = None

    @property
    def label(self) -> str:
        """The printed designation: ``TITLE I``, ``Subtitle A``."""
        word = (
            self.kind.upper() if self.kind in ("division", "title", "part") else self.kind.title()
        )
        return f"{word} {self.designation}"


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberedSection:
    provision_id: str
    designation: str
    groups: tuple[NumberedGroup, ...]  # enclosing groups, outermost first
    index: int  # place among the compiled sections, from 0
    division: str | None = None

    @property
    def numbered(self) -> bool:
        """False for unnumbered matter (run-in text, appropriations paragraphs)."""
        return bool(self.designation)

    @property
    def depth(self) -> int:
        return len(self.groups)


@dataclass(frozen=True, slots=True, kw_only=True)
class Numbering:
    items: tuple[NumberedGroup | NumberedSection, ...]  # document order
    sections: Mapping[str, NumberedSection]

    def designation(self, provision_id: str) -> str | None:
        section = self.sections.get(provision_id)
        return section.designation if section else None


def _group_designation(kind: str, position: int) -> str:
    if kind in ("title", "part"):
        return to_roman(position).upper()
    return chr(ord("A") + (position - 1) % 26) * ((position - 1) // 26 + 1)


def number_bill(bill: Bill, *, omit: frozenset[str] = frozenset()) -> Numbering:
    """Number every section and group of ``bill``; provisions in ``omit`` (dropped) are skipped."""
    items: list[NumberedGroup | NumberedSection] = []
    sections: dict[str, NumberedSection] = {}

    def walk(
        entries: tuple[SectionEntry | GroupEntry, ...],
        parents: tuple[NumberedGroup, ...],
        counter: list[int],
        base: int,
        division: str | None,
    ) -> None:
        group_counts: dict[str, int] = {}
        for entry in entries:
            if isinstance(entry, SectionEntry):
                if entry.provision_id in omit:
                    continue
                if not entry.numbered:
                    designation = ""
                elif entry.designation:
                    designation = entry.designation
                    match = _LEADING_NUMBER.match(designation)
                    if match:
                        counter[0] = int(match.group(1))
                else:
                    counter[0] = max(counter[0] + 1, base + 1)
                    designation = str(counter[0])
                section = NumberedSection(
                    provision_id=entry.provision_id,
                    designation=designation,
                    groups=parents,
                    index=len(sections),
                    division=division,
                )
                sections.setdefault(entry.provision_id, section)
                items.append(section)
                continue
            group_counts[entry.kind] = group_counts.get(entry.kind, 0) + 1
            designation = entry.designation or _group_designation(
                entry.kind, group_counts[entry.kind]
            )
            if entry.designation and entry.kind in ("title", "part"):
                group_counts[entry.kind] = (
                    roman_value(entry.designation.lower()) or group_counts[entry.kind]
                )
            prefix = parents[-1].key + "/" if parents else ""
            group = NumberedGroup(
                kind=entry.kind,
                designation=designation,
                heading=entry.heading,
                key=f"{prefix}{entry.kind}:{designation}",
                depth=len(parents),
                line=entry.line,
            )
            items.append(group)
            if entry.kind == "division":
                walk(entry.contents, (*parents, group), [0], 0, designation)
            elif entry.kind == "title":
                title_number = roman_value(designation.lower()) or group_counts["title"]
                walk(
                    entry.contents,
                    (*parents, group),
                    [title_number * 100],
                    title_number * 100,
                    division,
                )
            else:
                walk(entry.contents, (*parents, group), counter, base, division)

    walk(bill.contents, (), [0], 0, None)
    return Numbering(items=tuple(items), sections=sections)
