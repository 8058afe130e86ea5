"""Records of a bill read from a published source, before it becomes a package.

The importers (``tracker.adapters.uslm``, ``tracker.adapters.gpo_text_reader``) turn GPO's
USLM XML or plain text into an :class:`ImportedBill`; the package writer turns that into files. The
records keep the source's own wording and numbers: nothing here is renumbered or re-cased.

A section's text is a flat sequence of :class:`Block` records in reading order, one per printed
paragraph, each with its depth in the federal hierarchy (0 for the section's own text, 1 for a
subsection, 2 for a paragraph, and so on). Quoted (amendatory) matter is kept as printed, one block
per quoted paragraph, starting with its quotation mark.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from tracker.core.model import Stage

#: The levels below a section, outermost first; a block's ``depth`` indexes this tuple plus one.
SUBDIVISION_LEVELS: tuple[str, ...] = (
    "subsection",
    "paragraph",
    "subparagraph",
    "clause",
    "subclause",
    "item",
    "subitem",
)

#: Group levels above sections, outermost first.
GROUP_LEVELS: tuple[str, ...] = ("division", "title", "subtitle", "part", "subpart")

#: GPO bill version codes beyond those :meth:`Stage.parse` knows, mapped to the nearest stage.
#: (GPO's list: https://www.govinfo.gov/help/bills#types.)
EXTRA_VERSION_CODES: Mapping[str, Stage] = MappingProxyType(
    {
        "ash": Stage.INTRODUCED,
        "ips": Stage.REPORTED,  # indefinitely postponed in the Senate
        "iph": Stage.REPORTED,
        "rih": Stage.REFERRED,  # referral instructions
        "ris": Stage.REFERRED,
        "rch": Stage.REFERRED,  # reference change
        "rcs": Stage.REFERRED,
        "rah": Stage.REPORTED,  # referred with amendments
        "ras": Stage.REPORTED,
        "pch": Stage.REPORTED,  # placed on the calendar
        "pcs": Stage.REPORTED,
        "cdh": Stage.REPORTED,  # committee discharged
        "cds": Stage.REPORTED,
        "hdh": Stage.REPORTED,  # held at the desk
        "hds": Stage.REPORTED,
        "lth": Stage.REPORTED,  # laid on the table
        "lts": Stage.REPORTED,
        "sas": Stage.REPORTED,  # additional sponsors
        "ath": Stage.ENGROSSED,  # agreed to (simple and concurrent resolutions)
        "ats": Stage.ENGROSSED,
        "cph": Stage.ENGROSSED,  # considered and passed
        "cps": Stage.ENGROSSED,
        "rdh": Stage.ENGROSSED,  # received in the other chamber
        "rds": Stage.ENGROSSED,
        "fph": Stage.ENGROSSED,  # failed passage
        "fps": Stage.ENGROSSED,
        "eas2": Stage.PASSED_OTHER_CHAMBER,
        "reah": Stage.PASSED_OTHER_CHAMBER,
        "res": Stage.PASSED_OTHER_CHAMBER,
        "renr": Stage.ENROLLED,
        "pl": Stage.ENACTED,
    }
)


def stage_for_version(code: str | None) -> Stage | None:
    """The stage a GPO version code stands for, or None when the code is unknown.

    >>> stage_for_version("ih"), stage_for_version("RDS"), stage_for_version("xyz")
    (<Stage.INTRODUCED: 'introduced'>, <Stage.ENGROSSED: 'engrossed'>, None)
    """
    if not code:
        return None
    key = code.strip().lower()
    if key in EXTRA_VERSION_CODES:
        return EXTRA_VERSION_CODES[key]
    try:
        return Stage.parse(key)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceLocation:
    """Where something sits in the source: the file, its line, and its place in the bill.

    >>> str(SourceLocation(source="ih.xml", line=12, path="title I / sec. 101"))
    'ih.xml:12 (title I / sec. 101)'
    """

    source: str
    line: int | None = None
    path: str | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where} ({self.path})" if self.path else where


class BlockKind(StrEnum):
    """What a printed paragraph of a section is."""

    TEXT = "text"  # the unnumbered text of its level: content, chapeau, a paragraph of prose
    SUBDIVISION = "subdivision"  # a numbered level: subsection (a) ... subitem (AA)
    CONTINUATION = "continuation"  # flush text that continues a level after its subdivisions
    QUOTED = "quoted"  # quoted (amendatory) matter, kept as printed, starting with a quotation mark
    HEADING = "heading"  # an unnumbered heading (appropriations headings, headed levels)
    TOC = "toc"  # the source's table of contents; regenerated, never copied


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """One printed paragraph of a section or of unnumbered text.

    ``enumerator`` is the printed enumerator without surrounding space (``"(a)"``); ``heading`` is the
    printed heading with its own punctuation (``"In general.—"``); ``text`` is what follows.
    ``level`` names the source element (``"subsection"``; for quoted matter the quoted element, for
    headings ``"major"``/``"intermediate"``/``"small"`` in appropriations acts).
    """

    kind: BlockKind
    depth: int
    text: str
    level: str | None = None
    enumerator: str | None = None
    value: str | None = None
    heading: str | None = None
    line: int | None = None

    @property
    def printed(self) -> str:
        """The paragraph as printed: enumerator, heading and text."""
        head = ""
        if self.enumerator:
            head = self.enumerator
        if self.heading:
            head = join_run_in(head, self.heading) if head else self.heading
        if not head:
            return self.text
        return join_run_in(head, self.text) if self.text else head


def join_run_in(head: str, text: str) -> str:
    """Join a printed heading or enumerator to the text that runs in after it.

    A heading that ends in a dash runs straight into its text (``In general.—The``); otherwise one
    space separates them.

    >>> join_run_in("(a) In general.—", "The Secretary"), join_run_in("(1)", "the term")
    ('(a) In general.—The Secretary', '(1) the term')
    """
    if not text:
        return head
    if not head:
        return text
    if head.endswith(("—", "–")) or head[-1].isspace():
        return head + text
    return f"{head} {text}"


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportedSection:
    """A section of the source with its own designation (``"101"``, ``"104A"``) or none at all.

    ``num`` is the designation as printed (``"SEC. 101."``) and ``heading`` the printed heading
    (``"SHORT TITLE."``); either may be None. ``inline`` marks a section printed run-in after the
    enacting or resolving clause (``That this Act may be cited as ...``).
    """

    designation: str | None
    num: str | None
    heading: str | None
    blocks: tuple[Block, ...]
    location: SourceLocation
    inline: bool = False
    key: str | None = None  # the provision id, when the source records one (billtrack's export)

    @property
    def label(self) -> str:
        return f"sec. {self.designation}" if self.designation else "unnumbered section"


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportedText:
    """Unnumbered matter between sections: appropriations paragraphs with their provisos, or a
    group's flush text (``This title may be cited as ...``)."""

    blocks: tuple[Block, ...]
    location: SourceLocation
    key: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportedGroup:
    """A division, title, subtitle, part or subpart: its designation (``"A"``, ``"I"``), as printed
    (``"DIVISION A—"``), its heading, and what it holds."""

    kind: str
    designation: str | None
    num: str | None
    heading: str | None
    contents: tuple[ImportedItem, ...]
    location: SourceLocation

    @property
    def label(self) -> str:
        return f"{self.kind} {self.designation}" if self.designation else self.kind


ImportedItem = ImportedGroup | ImportedSection | ImportedText


@dataclass(frozen=True, slots=True, kw_only=True)
class Unplaced:
    """Something in the source that the import could not place in the package, and why."""

    what: str
    text: str
    location: SourceLocation
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportedMeta:
    """What the source says about the bill. A value the source does not give stays None."""

    official_title: str | None
    short_title: str | None
    doc_title: str | None  # "A BILL", "JOINT RESOLUTION", "AN ACT"
    congress: int | None
    session: int | None
    chamber: str | None  # house | senate (the chamber of origin)
    sponsor: str | None
    bill_type: str | None  # GPO's code: hr, s, hres, sconres, ...
    number: str | None
    version: str | None  # GPO version code: ih, rs, enr, ...
    stage: Stage | None

    @property
    def citation(self) -> str | None:
        """Like ``116 HR 7120 IH``, from what is known."""
        parts = [
            str(self.congress) if self.congress else None,
            self.bill_type.upper() if self.bill_type else None,
            self.number,
            self.version.upper() if self.version else None,
        ]
        known = [part for part in parts if part]
        return " ".join(known) if known else None


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportedBill:
    """A whole bill as read from its source.

    ``printed_text`` is the source's printed text (its words as printed, block by block, one per
    line), the base of the import's fidelity figure; ``struck_text`` is matter printed struck
    through (``changed="deleted"``), which the bill as amended does not contain; ``toc_text`` is
    the printed table of contents, which the package regenerates instead of copying, and
    ``toc_entries`` its section labels (``Short title.``), which keep the case of proper nouns that
    capitalised headings lose. ``version_date`` is the date of this version's last action.
    ``source_counts`` are the source's own counts of sections and levels, taken independently of
    the structure built here, so the two can be checked against each other.
    """

    source: str
    source_format: str  # "uslm" | "text"
    meta: ImportedMeta
    preamble: tuple[str, ...]
    enacting_clause: str | None
    contents: tuple[ImportedItem, ...]
    unplaced: tuple[Unplaced, ...]
    printed_text: str
    struck_text: str = ""
    toc_text: str = ""
    toc_entries: tuple[str, ...] = ()
    version_date: dt.date | None = None
    source_counts: Mapping[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def sections(self) -> Iterator[ImportedSection]:
        """Every section in document order."""
        yield from _walk_sections(self.contents)

    def groups(self) -> Iterator[ImportedGroup]:
        """Every group in document order, outer before inner."""
        yield from _walk_groups(self.contents)

    def texts(self) -> Iterator[ImportedText]:
        """Every run of unnumbered text in document order."""
        yield from _walk_texts(self.contents)

    def level_counts(self) -> dict[str, int]:
        """How many of each level the import holds: groups by kind, sections, subdivisions by level.

        Quoted matter is text and is not counted.
        """
        counts: dict[str, int] = {}
        for group in self.groups():
            counts[group.kind] = counts.get(group.kind, 0) + 1
        for section in self.sections():
            counts["section"] = counts.get("section", 0) + 1
            for block in section.blocks:
                if block.kind is BlockKind.SUBDIVISION and block.level:
                    counts[block.level] = counts.get(block.level, 0) + 1
        for text in self.texts():
            for block in text.blocks:
                if block.kind is BlockKind.SUBDIVISION and block.level:
                    counts[block.level] = counts.get(block.level, 0) + 1
        return counts

    @property
    def missing(self) -> tuple[str, ...]:
        """Manifest values the source does not give; they are left empty, never invented."""
        meta = self.meta
        values = {
            "official title": meta.official_title,
            "congress": meta.congress,
            "session": meta.session,
            "chamber": meta.chamber,
            "sponsor": meta.sponsor,
            "stage": meta.stage,
        }
        return tuple(name for name, value in values.items() if value is None)


def _walk_sections(items: tuple[ImportedItem, ...]) -> Iterator[ImportedSection]:
    for item in items:
        if isinstance(item, ImportedSection):
            yield item
        elif isinstance(item, ImportedGroup):
            yield from _walk_sections(item.contents)


def _walk_groups(items: tuple[ImportedItem, ...]) -> Iterator[ImportedGroup]:
    for item in items:
        if isinstance(item, ImportedGroup):
            yield item
            yield from _walk_groups(item.contents)


def _walk_texts(items: tuple[ImportedItem, ...]) -> Iterator[ImportedText]:
    for item in items:
        if isinstance(item, ImportedText):
            yield item
        elif isinstance(item, ImportedGroup):
            yield from _walk_texts(item.contents)
