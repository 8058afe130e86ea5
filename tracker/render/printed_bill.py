"""The bill laid out for print: the cover block and the text as a sequence of typeset items.

One model for the documents that circulate (:mod:`tracker.render.pdf_bill` sets it with typst,
:mod:`tracker.render.docx_bill` writes it as Word); neither re-derives numbering, headings or
references. Items carry plain text only: the renderers place it as text, never as markup.

The cover follows a House (or Senate) print: the Congress and session, the bill's number (``H. R.
___`` until it has one), the chamber, the date of introduction and the sponsor and referral line when
bill.yaml records them, the document title (``A BILL``) and the long title. A bill at the discussion
stage carries a ``DISCUSSION DRAFT`` banner with its date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tracker.core.compile import (
    CompiledBill,
    CompiledSection,
    congress_and_session,
    group_heading_line,
)
from tracker.core.enumeration import BlockKind
from tracker.core.model import Bill, Package, Stage
from tracker.core.numbering import NumberedGroup

#: GPO's version codes as a print's footer shows them (``•HR 1234 IH``), without the chamber letter.
VERSION_CODES: dict[Stage, str] = {
    Stage.INTRODUCED: "I",
    Stage.REFERRED: "I",  # a bill referred to committee in its own chamber is still the IH print
    Stage.REPORTED: "R",
    Stage.ENGROSSED: "E",
    Stage.PASSED_OTHER_CHAMBER: "EA",
}

#: Words set in lower case inside a heading in title case (then shown as small capitals).
MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "per",
        "than",
        "the",
        "to",
        "upon",
        "via",
        "with",
    ]
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Cover:
    session: tuple[str, ...]  # ("119TH CONGRESS", "2D SESSION")
    number: str  # "H. R. 1234" or "H. R. ___"
    chamber: str  # "IN THE HOUSE OF REPRESENTATIVES"
    date: str | None  # "MAY 12, 2026": the day of introduction, once introduced
    sponsor: str | None  # "Mr. Smith introduced the following bill; which was referred to ..."
    document_title: str  # "A BILL"
    title: str | None  # the long title


@dataclass(frozen=True, slots=True, kw_only=True)
class Banner:
    text: str
    date: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PrintItem:
    """One paragraph of the printed text.

    ``kind`` is ``enacting`` (the enacting clause or a recital), ``group`` (``TITLE I—...``, its
    ``group_kind`` saying which), ``section`` (``label`` ``SEC. 101.`` and the ``heading`` in title
    case), ``unnumbered`` (a heading without a number), ``block`` (a subdivision or text at
    ``level``, with its ``enumerator`` ``(a)`` and ``heading``), or ``lines`` (quoted or listed
    lines kept as they are, indented one level in from ``level``).
    """

    kind: str
    text: str = ""
    level: int = 1
    label: str = ""
    heading: str | None = None
    enumerator: str | None = None
    lines: tuple[str, ...] = ()
    group_kind: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PrintedBill:
    title: str  # the document's title in its metadata
    cover: Cover
    banner: Banner | None
    footer: str  # "•HR 1234 IH"
    version: str  # "draft discussion-draft", or empty for the working tree
    items: tuple[PrintItem, ...]


def long_date(day: dt.date) -> str:
    """``March 2, 2026``."""
    return f"{day:%B} {day.day}, {day.year}"


def title_case(heading: str) -> str:
    """A heading in title case, for caps and small caps: ``In General``, ``Rules of Construction``.

    Letters already in capitals stay so (``U.S.C.``, ``DNA``); words after the first that are
    minor (``of``, ``and``) stay in lower case.

    >>> title_case("rules of construction for the Attorney general")
    'Rules of Construction for the Attorney General'
    """
    words = heading.split(" ")
    out = []
    for index, word in enumerate(words):
        if index and word.lower() in MINOR_WORDS:
            out.append(word)
        else:
            out.append(re.sub(r"[A-Za-z]", lambda m: m.group(0).upper(), word, count=1))
    return " ".join(out)


def print_stage(package: Package) -> Stage:
    """The stage the printed version is at: a draft's own stage, else the bill's."""
    if package.draft is not None:
        return package.draft.stage
    return package.bill.stage if package.bill else Stage.DISCUSSION


def stage_date(package: Package, stage: Stage, today: dt.date) -> dt.date:
    """The day a version reached ``stage``: a draft's date, else the bill's last recorded change to
    it, else ``today``."""
    if package.draft is not None and package.draft.stage is stage:
        return package.draft.date
    bill = package.bill
    days = [change.date for change in (bill.stage_history if bill else ()) if change.stage is stage]
    return max(days) if days else today


def cover(bill: Bill, package: Package, today: dt.date) -> Cover:
    house = bill.chamber != "senate"
    prefix = "H. R." if house else "S."
    stage = print_stage(package)
    introduced = stage not in (Stage.DISCUSSION,)
    sponsor = None
    if bill.sponsor:
        kind = re.sub(r"^(a|an)\s+", "", bill.document_title.strip().lower())
        sponsor = f"{bill.sponsor} introduced the following {kind}"
        if bill.referral:
            sponsor += f"; which was referred to {bill.referral}"
        sponsor += "."
    return Cover(
        session=tuple(line.upper() for line in congress_and_session(bill, upper=True)),
        number=f"{prefix} {bill.number or '___'}",
        chamber="IN THE HOUSE OF REPRESENTATIVES"
        if house
        else "IN THE SENATE OF THE UNITED STATES",
        date=long_date(stage_date(package, Stage.INTRODUCED, today)).upper()
        if introduced
        else None,
        sponsor=sponsor,
        document_title=bill.document_title,
        title=" ".join(bill.official_title.split()) if bill.official_title else None,
    )


def printed_bill(package: Package, *, today: dt.date) -> PrintedBill:
    """The package's bill laid out for print (``today`` dates a discussion draft without a date)."""
    bill = package.bill
    if bill is None:  # loaders refuse such a package before any renderer runs
        raise ValueError("a package without bill.yaml has no bill to print")
    compiled = CompiledBill(package)
    stage = print_stage(package)
    banner = None
    if stage is Stage.DISCUSSION:
        banner = Banner(text="DISCUSSION DRAFT", date=long_date(stage_date(package, stage, today)))
    code = VERSION_CODES.get(stage, "")
    if code:
        code += "H" if bill.chamber != "senate" else "S"
    elif stage is Stage.ENROLLED:
        code = "ENR"
    footer = f"•{'HR' if bill.chamber != 'senate' else 'S'} {bill.number or '___'} {code}".rstrip()
    return PrintedBill(
        title=bill.short_title or bill.official_title or bill.document_title,
        cover=cover(bill, package, today),
        banner=banner,
        footer=footer,
        version=f"draft {package.draft.name}" if package.draft else "",
        items=tuple(bill_items(compiled)),
    )


def bill_items(compiled: CompiledBill) -> list[PrintItem]:
    """The text after the cover: recitals, the enacting clause, then every group and section."""
    bill = compiled.package.bill
    items = [PrintItem(kind="enacting", text=recital) for recital in bill.preamble] if bill else []
    if bill is not None:
        items.append(PrintItem(kind="enacting", text=bill.enacting_text))
    for entry in compiled.numbering.items:
        if isinstance(entry, NumberedGroup):
            items.append(
                PrintItem(kind="group", text=group_heading_line(entry), group_kind=entry.kind)
            )
        else:
            items.extend(section_items(compiled, compiled.by_id[entry.provision_id]))
    return items


def section_items(compiled: CompiledBill, section: CompiledSection) -> list[PrintItem]:
    title = section.provision.title.strip().rstrip(".")
    items: list[PrintItem] = []
    if section.numbered.numbered:
        heading = f"{title_case(title)}." if title else ""
        items.append(PrintItem(kind="section", label=section.label, heading=heading))
    elif title:
        items.append(PrintItem(kind="unnumbered", heading=title_case(title)))
    for block in section.body.blocks:
        level = max(int(block.level), 1)
        if block.kind is BlockKind.TOC:
            lines = tuple(line for _, line in compiled.toc_lines())
            items.append(PrintItem(kind="lines", level=level, lines=lines))
        elif block.kind is BlockKind.FENCE:
            items.append(PrintItem(kind="lines", level=level, lines=tuple(block.text.splitlines())))
        elif block.kind is BlockKind.QUOTED:
            text = compiled.resolve_text(block.text)
            items.append(PrintItem(kind="lines", level=level, lines=tuple(text.splitlines())))
        else:
            text = compiled.resolve_text(" ".join(block.text.split()))
            is_subdivision = block.kind is BlockKind.SUBDIVISION
            items.append(
                PrintItem(
                    kind="block",
                    level=level,
                    enumerator=f"({block.enumerator})" if is_subdivision else None,
                    heading=title_case(block.heading) if block.heading else None,
                    text=text,
                )
            )
    return items
