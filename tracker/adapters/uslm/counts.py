"""What the source itself says it holds, for the import report to check the reader against.

Both are taken straight from the markup, independently of the reader, so that a level or section
the reader misplaces shows up as a difference.
"""

from __future__ import annotations

from lxml import etree

from tracker.adapters.uslm.markup import (
    clean,
    in_quoted,
    inline_text,
    is_struck,
    local_name,
    uslm_tag,
)
from tracker.core.imported import GROUP_LEVELS, SUBDIVISION_LEVELS

#: The levels counted: groups, sections and subdivisions.
COUNTED = frozenset({*GROUP_LEVELS, "section", *SUBDIVISION_LEVELS})
#: Matter whose levels are not the bill's own.
_SKIPPED = ("quotedContent", "toc", "preamble")


def source_counts(main: etree._Element) -> dict[str, int]:
    """The source's own counts of groups, sections and subdivisions — outside quoted and struck
    matter, tables of contents and the preamble, and (in an engrossed amendment) outside the
    resolution agreeing to it."""
    counts: dict[str, int] = {}
    for part in main:
        count_part(part, local_name(main), counts)
    return counts


def count_part(part: etree._Element, parent: str, counts: dict[str, int]) -> bool:
    """Count ``part`` (a child of an element named ``parent``) and the levels inside it into
    ``counts``; False when it is matter whose levels are not counted."""
    name = local_name(part)
    if not name or name in _SKIPPED or is_struck(part):
        return False
    if parent == "amendMain" and name == "section":
        return False  # the resolution agreeing to an amendment, not the amendment's text
    if name in COUNTED:
        counts[name] = counts.get(name, 0) + 1
    for inner in part:
        count_part(inner, name, counts)
    return True


def toc_entries(main: etree._Element) -> tuple[str, ...]:
    """The section labels of the tables of contents (outside quoted matter)."""
    labels: list[str] = []
    for toc in main.iter(uslm_tag("toc")):
        if not in_quoted(toc):
            labels.extend(toc_labels(toc))
    return tuple(labels)


def toc_labels(toc: etree._Element) -> list[str]:
    """The section labels of one table of contents."""
    labels: list[str] = []
    for item in toc.iter(uslm_tag("referenceItem")):
        if item.get("role") not in (None, "section"):
            continue
        for label in item.iter(uslm_tag("label")):
            text = clean(inline_text(label))
            if text:
                labels.append(text)
    return labels
