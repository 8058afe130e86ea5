"""Conforming changes at the reference: a changed cross-reference that only follows a renumbering.

After the units are aligned, the engine knows which section became which number (``514`` became
``513``) and, inside a unit, which subdivision became which (``(3)`` became ``(4)``). A struck number
and the inserted number right after it, in a reference ("section 514", "paragraph (3)",
"subsection (a)(3)"), are *conforming* when that renumbering maps the one to the other: both runs are
marked :data:`~tracker.core.redline.model.CONFORMING`, in files as in packages, also inside an
otherwise amended section. A reference changed to point elsewhere is not marked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from tracker.core.redline.model import CONFORMING, SubdivisionChange
from tracker.core.redline.runs import DELETE, EQUAL, INSERT, Run

# What precedes a section number in a reference: "section 4", "sections 4", "Sec. 4", "and 5".
_SECTION_BEFORE = re.compile(
    r"(?:\b[Ss]ections?|\bSec\.|\bSECS?\.)\s+(?:\d+[A-Za-z]*(?:\(\w+\))*,?\s+(?:and|or|through)\s+)?$"
)
# What precedes an enumerator in a reference: "paragraph (", "subsection (a)(", "clause (ii)(".
_SUBDIVISION_BEFORE = re.compile(
    r"(?:\b(?:sub)?(?:section|paragraph|clause|item)s?|\bsubparagraphs?)\s+(?:\(\w+\))*\($|\)\($"
)
_NOUN = re.compile(r"\b((?:sub)?(?:section|paragraph|clause|item))s?\s+(?:\(\w+\))*\($")
_NUMBER = re.compile(r"\d+[A-Za-z]*")
_ENUM = re.compile(r"[A-Za-z]{1,4}|\d{1,3}[A-Za-z]{0,2}")


def subdivision_map(changes: Sequence[SubdivisionChange]) -> dict[str, dict[str, str]]:
    """Per level ("paragraph", ...; "" for any), the enumerators redesignated: ``{"3": "4"}``."""
    found: dict[str, dict[str, str]] = {}
    clashes: set[str] = set()
    for change in changes:
        old, new = change.old_designation, change.new_designation
        if old and new and old != new:
            old_token, new_token = old[1:-1], new[1:-1]
            found.setdefault(change.level, {})[old_token] = new_token
            if found.setdefault("", {}).get(old_token, new_token) != new_token:
                clashes.add(old_token)
            found[""][old_token] = new_token
    for token in clashes:
        del found[""][token]
    return found


def conforming_marks(
    runs: Sequence[Run],
    sections: Mapping[str, str],
    subdivisions: Mapping[str, Mapping[str, str]],
) -> tuple[tuple[int, str], ...]:
    """The (run index, mark) pairs of the struck and inserted runs that are conforming references."""
    marks: list[tuple[int, str]] = []
    heading = True  # the unit's heading line holds its own number, not a reference
    for index in range(1, len(runs) - 1):
        if heading and "\n" in runs[index - 1][1]:
            heading = False
        op, old = runs[index]
        if heading or op != DELETE or runs[index + 1][0] != INSERT or runs[index - 1][0] != EQUAL:
            continue
        new = runs[index + 1][1]
        before = runs[index - 1][1][-60:]
        after = runs[index + 2][1] if index + 2 < len(runs) and runs[index + 2][0] == EQUAL else ""
        if _conforming(old, new, before, after, sections, subdivisions):
            marks += [(index, CONFORMING), (index + 1, CONFORMING)]
    return tuple(marks)


def _conforming(
    old: str,
    new: str,
    before: str,
    after: str,
    sections: Mapping[str, str],
    subdivisions: Mapping[str, Mapping[str, str]],
) -> bool:
    if _NUMBER.fullmatch(old) and _NUMBER.fullmatch(new) and _SECTION_BEFORE.search(before):
        return sections.get(old) == new
    if _ENUM.fullmatch(old) and _ENUM.fullmatch(new) and after.startswith(")"):
        if not _SUBDIVISION_BEFORE.search(before):
            return False
        noun = _NOUN.search(before)
        level = noun.group(1).lower() if noun else ""
        mapping = subdivisions.get(level) or subdivisions.get("", {})
        return mapping.get(old) == new
    return False
