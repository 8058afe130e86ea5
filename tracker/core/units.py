"""Text units: the bill as a sequence of comparable pieces, the input of the redline engine.

A unit is the preamble (title and enacting clause), a group heading (division, title, subtitle, part)
or a section. ``text`` is its plain text with its heading line; ``canonical`` is the same text with the
section's own number removed and cross-references written by id, so two units whose ``canonical``
agree differ only by numbering (a redesignation, or a conforming change to a reference).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class UnitKind(StrEnum):
    PREAMBLE = "preamble"
    GROUP = "group"
    SECTION = "section"


@dataclass(frozen=True, slots=True, kw_only=True)
class TextUnit:
    """One comparable piece of a version of the bill.

    ``key`` is the stable identity used for alignment: the provision id for a package, the group's
    kind and path for a group ("title:II"), "preamble" for the text before the first section; for a
    unit split from a single file, the division and number ("division:A/sec:4").
    ``designation`` is the number as printed ("4", "101", "TITLE I"), ``heading`` the heading line
    without the number, ``text`` the unit's full plain text, its heading line first.
    """

    key: str
    kind: UnitKind
    designation: str
    heading: str
    text: str
    canonical: str
