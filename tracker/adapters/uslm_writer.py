"""Export a package as USLM XML (``billtrack export --format uslm``).

The export uses GPO's vocabulary (namespace ``http://schemas.gpo.gov/xml/uslm``): ``meta`` and
``preface`` carry the congress, session, chamber, sponsor and the stage as a GPO version code;
``main`` holds ``longTitle`` (``docTitle``, bill.yaml's ``document_title`` as given, and
``officialTitle`` when there is one), ``preamble``/``recital`` (bill.yaml's ``preamble``),
``enactingFormula`` or ``resolvingClause``, the groups (``division`` ... ``subpart``), the sections
and their levels (``subsection`` ... ``subitem``) with ``num`` (``@value`` and the printed
designation; none for an entry with ``numbered: false``), ``heading`` (none for a provision without
a title), ``chapeau``, ``content``, ``continuation`` and ``p``; quoted matter goes in
``quotedContent``, a generated table of contents in ``toc``. Cross-references are resolved to their
printed form (``section 102(b)(2)``).

Amendatory instructions are marked as GPO marks them: in each paragraph that states an instruction
or one of its operations (as :func:`tracker.core.amend.parse_instructions` reads the provision), the
operation words go in ``amendingAction`` with their ``@type`` (``is amended`` → ``amend``,
``striking`` → ``delete``, ``inserting`` → ``insert``, ``adding`` → ``add``, ``redesignating`` →
``redesignate``, ``amending`` → ``amend``, ``repealed`` → ``repeal``), and quoted words inside the
paragraph go in ``quotedText`` between their quotation marks (``by <amendingAction
type="delete">striking</amendingAction> ‘‘<quotedText>and</quotedText>’’``); quoted paragraphs are
``quotedContent``. The marks add no text, so the printed words are unchanged.

Each section carries its provision id as ``@id="billtrack-<id>"``, which the reader
(:mod:`tracker.adapters.uslm`) reads back, so importing an export gives back the same package: the
same document title, preamble, ids, titles (the table of contents keeps their case), designations,
unnumbered entries, groups and bodies.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lxml import etree

from tracker.core.amend import parse_instructions
from tracker.core.amend.quoted import INLINE as INLINE_QUOTE
from tracker.core.compile import (
    CompiledBill,
    CompiledSection,
    heading_caps,
    ordinal_word,
    toc_title,
)
from tracker.core.enumeration import Block as BodyBlock
from tracker.core.enumeration import BlockKind, Level
from tracker.core.errors import InvalidPackageError
from tracker.core.model import GroupEntry, Package, SectionEntry, Stage

USLM = "http://schemas.gpo.gov/xml/uslm"
DC = "http://purl.org/dc/elements/1.1/"
NSMAP = {None: USLM, "dc": DC}
ID_PREFIX = "billtrack-"

LEVEL_ELEMENTS = {
    Level.SUBSECTION: "subsection",
    Level.PARAGRAPH: "paragraph",
    Level.SUBPARAGRAPH: "subparagraph",
    Level.CLAUSE: "clause",
    Level.SUBCLAUSE: "subclause",
    Level.ITEM: "item",
    Level.SUBITEM: "subitem",
}
GROUP_WORDS = {
    "division": "DIVISION",
    "title": "TITLE",
    "subtitle": "Subtitle",
    "part": "PART",
    "subpart": "Subpart",
}
#: The GPO version code for a stage, by chamber of origin.
VERSION_CODES = {
    Stage.INTRODUCED: ("ih", "is"),
    Stage.REFERRED: ("rfh", "rfs"),
    Stage.REPORTED: ("rh", "rs"),
    Stage.ENGROSSED: ("eh", "es"),
    Stage.PASSED_OTHER_CHAMBER: ("eas", "eah"),
    Stage.ENROLLED: ("enr", "enr"),
    Stage.ENACTED: ("pl", "pl"),
}
#: Operation words of an instruction and their ``amendingAction/@type``, as GPO marks them.
ACTION_WORDS = re.compile(
    r"\b(?P<amend>(?:is|are)\s+(?:further\s+)?amended)\b"
    r"|(?:(?<=\bis\s)|(?<=\bare\s))(?P<repeal>repealed)\b"
    r"|(?:(?<=\bby\s)|(?<=\band\s))(?:(?P<delete>striking)|(?P<insert>inserting)|(?P<add>adding)"
    r"|(?P<redesignate>redesignating)|(?P<amending>amending))\b"
)
ACTION_TYPES = {"amending": "amend"}


def _u(name: str) -> str:
    return f"{{{USLM}}}{name}"


def _sub(
    parent: etree._Element, name: str, text: str | None = None, **attrs: str
) -> etree._Element:
    element = etree.SubElement(parent, _u(name), {k: v for k, v in attrs.items() if v})
    if text:
        element.text = xml_text(text)
    return element


# What XML 1.0 cannot hold (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates) and
# the C1 controls and DEL it holds but no reader should get raw.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` as an XML text node can hold it: each control character (a value may carry one
    through a YAML escape such as ``"\\e"``; a file cannot hold one raw, BT119) is written as a
    visible escape, as the terminal shows it, never raw and never a crash.

    >>> xml_text("Test \\x1b[31mAct")
    'Test \\\\x1b[31mAct'
    """
    return _NOT_XML.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def version_code(stage: Stage, chamber: str) -> str | None:
    """The GPO version code for a stage (``introduced`` in the House is ``ih``)."""
    codes = VERSION_CODES.get(stage)
    if codes is None:
        return None
    return codes[1] if chamber == "senate" else codes[0]


def export_uslm(package: Package) -> bytes:
    """The package's bill as USLM XML (UTF-8 bytes, with an XML declaration)."""
    if package.errors or package.bill is None:  # never export a bill with errors as if valid
        raise InvalidPackageError(package.findings, action="export again")
    return _Exporter(package).build()


@dataclass(slots=True)
class _Open:
    level: Level
    element: etree._Element


class _Exporter:
    def __init__(self, package: Package) -> None:
        assert package.bill is not None
        self.package = package
        self.bill = package.bill
        self.compiled = CompiledBill(package)
        self.sections = {section.provision.id: section for section in self.compiled.sections}

    # -- document -----------------------------------------------------------------------------

    def build(self) -> bytes:
        bill = self.bill
        resolution = self._is_resolution()
        root = etree.Element(_u("resolution" if resolution else "bill"), nsmap=NSMAP)
        root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
        self._meta(root, resolution)
        self._preface(root)
        main = _sub(root, "main")
        long_title = _sub(main, "longTitle")
        _sub(long_title, "docTitle", bill.document_title)
        if bill.official_title:
            _sub(long_title, "officialTitle", bill.official_title)
        self._clauses(main)
        self._contents(main, bill.contents)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def _is_resolution(self) -> bool:
        clause = self.bill.enacting_clause or ""
        return "Resolved" in clause and "Be it enacted" not in clause

    def _meta(self, root: etree._Element, resolution: bool) -> None:
        bill = self.bill
        meta = _sub(root, "meta")
        dc_title = etree.SubElement(meta, f"{{{DC}}}title")
        dc_title.text = xml_text(bill.official_title or "")
        dc_type = etree.SubElement(meta, f"{{{DC}}}type")
        house = "Senate" if bill.chamber == "senate" else "House"
        dc_type.text = f"{house} {'Resolution' if resolution else 'Bill'}"
        code = version_code(bill.stage, bill.chamber)
        _sub(meta, "docStage", (code or bill.stage.value).upper() if code else bill.stage.value)
        _sub(meta, "currentChamber", bill.chamber.upper())
        _sub(meta, "processedBy", "billtrack export")
        if bill.congress:
            _sub(meta, "congress", str(bill.congress))
        if bill.session:
            _sub(meta, "session", str(bill.session))

    def _preface(self, root: etree._Element) -> None:
        bill = self.bill
        preface = _sub(root, "preface")
        if bill.congress:
            _sub(
                preface,
                "congress",
                f"{ordinal_word(bill.congress)} CONGRESS",
                value=str(bill.congress),
            )
        if bill.session:
            _sub(
                preface,
                "session",
                f"{ordinal_word(bill.session, short=True)} Session",
                value=str(bill.session),
            )
        chamber = "SENATE" if bill.chamber == "senate" else "HOUSE"
        where = (
            "IN THE SENATE OF THE UNITED STATES"
            if chamber == "SENATE"
            else ("IN THE HOUSE OF REPRESENTATIVES")
        )
        _sub(preface, "currentChamber", where, value=chamber)
        dates = [c for c in bill.stage_history if c.stage == bill.stage]
        if bill.sponsor or dates:
            action = _sub(preface, "action")
            if dates:
                _sub(
                    action,
                    "date",
                    _long_date(dates[-1].date),
                    date=dates[-1].date.isoformat(),
                )
            if bill.sponsor:
                description = _sub(action, "actionDescription")
                _sub(description, "sponsor", bill.sponsor)
        if bill.short_title:
            # The manifest's short title, marked up where a reader looks for it.
            _sub(preface, "shortTitle", bill.short_title, role="act")

    def _clauses(self, main: etree._Element) -> None:
        """The preamble's recitals, then the enacting or resolving clause."""
        if self.bill.preamble:
            preamble = _sub(main, "preamble")
            for recital in self.bill.preamble:
                _sub(preamble, "recital", recital)
        text = self.bill.enacting_text
        rest = [p.strip() for p in text.split("\n\n") if p.strip()]
        if not rest:
            return
        name = "resolvingClause" if rest[0].startswith("Resolved") else "enactingFormula"
        clause = _sub(main, name)
        if len(rest) == 1:
            clause.text = xml_text(rest[0])
        else:
            for paragraph in rest:
                _sub(clause, "p", paragraph)

    # -- contents ---------------------------------------------------------------------------

    def _contents(
        self, parent: etree._Element, entries: tuple[SectionEntry | GroupEntry, ...]
    ) -> None:
        numbered_groups = iter(
            item for item in self.compiled.numbering.items if not hasattr(item, "provision_id")
        )
        self._entries(parent, entries, numbered_groups)

    def _entries(self, parent: etree._Element, entries, groups) -> None:  # type: ignore[no-untyped-def]
        for entry in entries:
            if isinstance(entry, GroupEntry):
                numbered = next(groups, None)
                designation = numbered.designation if numbered is not None else entry.designation
                element = _sub(parent, entry.kind)
                word = GROUP_WORDS.get(entry.kind, entry.kind.upper())
                _sub(element, "num", f"{word} {designation}—", value=designation or "")
                if entry.heading:
                    _sub(element, "heading", entry.heading)
                self._entries(element, entry.contents, groups)
            else:
                section = self.sections.get(entry.provision_id)
                if section is not None:
                    self._section(parent, section, entry)

    def _section(
        self, parent: etree._Element, section: CompiledSection, entry: SectionEntry
    ) -> None:
        element = _sub(parent, "section", id=f"{ID_PREFIX}{section.provision.id}")
        if entry.numbered:
            designation = section.designation
            _sub(element, "num", f"{section.label} ", value=designation)
        if section.provision.title:
            _sub(element, "heading", heading_caps(section.provision.title))
        self._body(element, section)

    # -- bodies -----------------------------------------------------------------------------

    def _body(self, section_element: etree._Element, section: CompiledSection) -> None:
        marked = _instruction_lines(section)
        stack: list[_Open] = []
        quoted: etree._Element | None = None  # the quotedContent being filled

        def top() -> etree._Element:
            return stack[-1].element if stack else section_element

        def has_levels(element: etree._Element) -> bool:
            return any(
                etree.QName(child).localname in (*LEVEL_ELEMENTS.values(), "section")
                for child in element
            )

        def content_of(element: etree._Element) -> etree._Element:
            """Where running matter goes: the element's content, or a continuation after its
            levels."""
            if has_levels(element):
                last = element[-1]
                if etree.QName(last).localname == "continuation":
                    return last
                return _sub(element, "continuation")
            for child in element:
                if etree.QName(child).localname in ("content", "chapeau"):
                    return child
            return _sub(element, "content")

        for block in section.body.blocks:
            if block.kind is BlockKind.QUOTED:
                if quoted is None or quoted.getparent() is None:
                    quoted = _sub(content_of(top()), "quotedContent")
                _sub(quoted, "p", self._text(block))
                continue
            quoted = None
            if block.kind is BlockKind.SUBDIVISION:
                while stack and stack[-1].level >= block.level:
                    stack.pop()
                parent = top()
                for child in parent:
                    if etree.QName(child).localname == "content" and not has_levels(parent):
                        child.tag = _u("chapeau")
                element = _sub(parent, LEVEL_ELEMENTS.get(block.level, "subsection"))
                _sub(element, "num", f"({block.enumerator}) ", value=block.enumerator or "")
                if block.heading:
                    _sub(element, "heading", f"{block.heading}.—")
                if block.text:
                    content = _sub(element, "content")
                    _fill(content, self._text(block), block.line in marked)
                stack.append(_Open(block.level, element))
            elif block.kind is BlockKind.TOC:
                self._toc(content_of(top()))
            else:
                holder = content_of(top())
                text = self._text(block)
                if len(holder) == 0 and not (holder.text or "").strip():
                    _fill(holder, text, block.line in marked)
                else:
                    _fill(_sub(holder, "p"), text, block.line in marked)

    def _text(self, block: BodyBlock) -> str:
        text = block.text if block.kind is not BlockKind.QUOTED else block.raw.strip()
        return self.compiled.resolve_text(" ".join(text.split()))

    def _toc(self, parent: etree._Element) -> None:
        toc = _sub(parent, "toc")
        for item in self.compiled.numbering.items:
            reference = _sub(toc, "referenceItem")
            if hasattr(item, "provision_id"):
                section = self.sections[item.provision_id]  # type: ignore[union-attr]
                reference.set("role", "section")
                _sub(reference, "designator", f"Sec. {section.designation}. ")
                _sub(reference, "label", toc_title(section.provision.title or ""))
            else:
                reference.set("role", item.kind)  # type: ignore[union-attr]
                _sub(reference, "designator", f"{item.label}—")  # type: ignore[union-attr]
                _sub(reference, "label", item.heading)  # type: ignore[union-attr]


def _instruction_lines(section: CompiledSection) -> frozenset[int]:
    """The body lines of the paragraphs that state an instruction or one of its operations."""
    provision = section.provision
    instructions = parse_instructions(provision.body, provision=provision.id)
    return frozenset(
        line
        for instruction in instructions
        for line in (instruction.line, *(op.line for op in instruction.operations))
    )


def _fill(element: etree._Element, text: str, instruction: bool) -> None:
    """Put ``text`` in ``element``; in an instruction's paragraph, with its operation words in
    ``amendingAction`` and its quoted words in ``quotedText`` (the quotation marks stay outside)."""
    if not instruction:
        element.text = xml_text(text)
        return
    filler = _Filler(element)
    position = 0
    for quote in INLINE_QUOTE.finditer(text):
        filler.words(text[position : quote.start()])
        group = next(i for i, g in enumerate(quote.groups(), 1) if g is not None)
        filler.text(text[quote.start() : quote.start(group)])
        filler.mark("quotedText", quote.group(group))
        filler.text(text[quote.end(group) : quote.end()])
        position = quote.end()
    filler.words(text[position:])


@dataclass(slots=True)
class _Filler:
    """Appends text and inline marks to an element, in order."""

    element: etree._Element
    last: etree._Element | None = None

    def text(self, piece: str) -> None:
        if self.last is None:
            self.element.text = (self.element.text or "") + xml_text(piece)
        else:
            self.last.tail = (self.last.tail or "") + xml_text(piece)

    def mark(self, name: str, piece: str, **attrs: str) -> None:
        self.last = _sub(self.element, name, piece, **attrs)

    def words(self, piece: str) -> None:
        """Unquoted words, their operation words marked."""
        position = 0
        for match in ACTION_WORDS.finditer(piece):
            self.text(piece[position : match.start()])
            kind = next(name for name, value in match.groupdict().items() if value is not None)
            self.mark("amendingAction", match.group(0), type=ACTION_TYPES.get(kind, kind))
            position = match.end()
        self.text(piece[position:])


def _long_date(date: dt.date) -> str:
    return f"{date:%B} {date.day}, {date.year}"
