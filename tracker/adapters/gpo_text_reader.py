"""Read GPO plain text of a bill — including text extracted from GPO's PDF prints — into an
:class:`ImportedBill`.

The text is first normalised by :func:`tracker.core.gpo_text.clean_pdf_text` (line numbers, running
heads and margin stamps removed, words hyphenated across lines joined). Then, line by line:

- the front matter: the document title (``A BILL``), the official title, the enacting clause;
- printed lines are joined into paragraphs: a line opens a new paragraph when it starts with a
  section heading (``SEC. 101.``), a group heading (``TITLE I—``, ``Subtitle A—``, ``PART I—``), an
  enumerator (``(a)``) or a quotation mark — and, for the last two, only when the line before ends a
  sentence or clause (``.``, ``:``, ``;``, ``—``, ``and``, ``or``): "paragraph\\n(1) of subsection
  (a)" is one paragraph;
- the table of contents (after "... is as follows:", lines ``Sec. 1. ...`` up to the first section
  heading) is recorded, not copied: the package generates its own;
- each numbered paragraph's level is read from its enumerator and its place in the sequence:
  ``(i)`` after ``(h)`` is a subsection, ``(i)`` under ``(A)`` a clause; where both readings fit, the
  enumerator that follows decides (``(ii)`` next: a clause; ``(j)`` or ``(1)`` next: a subsection).

Plain text says nothing of the congress, the session or the sponsor (the cover page is not part of
the extraction): those stay empty and the import report lists them. The bill's type, number and
version come from the running head (``•HR 7120 IH``) when it is there.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from tracker.adapters.text_decoding import decode_import_source
from tracker.core.enumeration import Level, ordinal
from tracker.core.errors import ImportFormatError
from tracker.core.gpo_text import clean_pdf_text
from tracker.core.imported import (
    GROUP_LEVELS,
    Block,
    BlockKind,
    ImportedBill,
    ImportedGroup,
    ImportedItem,
    ImportedMeta,
    ImportedSection,
    ImportedText,
    SourceLocation,
    stage_for_version,
)

_SECTION = re.compile(
    r"(?P<num>(?:SECTION|SEC\.)\s+(?P<designation>\d+[A-Z]*(?:-\d+)?)\.)\s*(?P<rest>.*)"
)
_GROUP = re.compile(
    r"(?P<num>(?P<kind>DIVISION|TITLE|Subtitle|SUBTITLE|PART|Subpart|SUBPART)\s+"
    r"(?P<designation>[A-Z0-9]+)\s*—)\s*(?P<rest>.*)"
)
_ENUMERATOR = re.compile(r"\((?P<token>[A-Za-z]{1,5}|\d{1,3}[A-Za-z]?)\)")
_QUOTE_START = re.compile(r"(?:‘‘|“|``|\")")
_TOC_LINE = re.compile(r"Sec\.\s+\d+[A-Z]*\.(?:\s|$)")
_HEADING = re.compile(r"(?P<heading>[^\n]{1,160}?\.—)")
_RUNNING_HEAD = re.compile(
    r"^\s*[•†]?\s*(?P<type>H\.?\s?R\.?|S\.?|H\.?\s?RES|S\.?\s?RES|H\.?\s?J\.?\s?RES|S\.?\s?J\.?\s?RES|"
    r"H\.?\s?CON\.?\s?RES|S\.?\s?CON\.?\s?RES)\s*(?P<number>\d+)\s+(?P<version>[A-Z]{2,4})"
)
_SHORT_TITLE = re.compile(r"may be cited as the\s+(?:‘‘|“|\")(?P<title>.+?)(?:’’|”|\")")
#: How many characters of a cleaned line's first words find its line in the source file.
PROBE_CHARACTERS = 20
_DOC_TITLES = ("A BILL", "AN ACT", "JOINT RESOLUTION", "CONCURRENT RESOLUTION", "RESOLUTION")
_ENDS_CLAUSE = re.compile(r"(?:[.:;—]|’’|”|\.’’|\band|\bor)\s*$")

_GROUP_KIND = {
    "DIVISION": "division",
    "TITLE": "title",
    "SUBTITLE": "subtitle",
    "PART": "part",
    "SUBPART": "subpart",
}
#: The levels below a section, outermost first (a block's level is named by ``Level.noun``).
_SUBDIVISIONS = tuple(level for level in Level if level is not Level.SECTION)


def read_gpo_text(data: bytes, *, source: str = "<source>") -> ImportedBill:
    """Read GPO plain text (bytes) into an :class:`ImportedBill`."""
    raw = decode_import_source(data, source=source)
    cleaned = clean_pdf_text(raw)
    lines = cleaned.split("\n")
    if not any(_SECTION.match(line) for line in lines):
        raise ImportFormatError(
            "no section heading ('SECTION 1.' or 'SEC. 2.') found: this is not the text of a bill",
            path=source,
            hint="give GPO's plain text of a bill, or its USLM XML",
        )
    return _TextReader(lines, raw, source).read()


# --------------------------------------------------------------------------------------------
# Paragraphs


@dataclass(slots=True)
class _Paragraph:
    kind: str  # "section", "group", "enum", "quoted", "text", "toc"
    text: str
    line: int  # 1-based line in the cleaned text
    match: re.Match[str] | None = None


def _paragraphs(lines: list[str]) -> list[_Paragraph]:
    """Join printed lines into paragraphs (see the module docstring)."""
    paragraphs: list[_Paragraph] = []
    stack: list[_Open] = []  # the open subdivisions of the current section, as read so far
    in_toc = False
    heading_open = False  # a section or group heading that has not ended yet
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text:
            continue
        previous = paragraphs[-1] if paragraphs else None
        section = _SECTION.match(text)
        group = _GROUP.match(text)
        if in_toc:
            if section:
                in_toc = False
            else:
                if previous is not None and previous.kind == "toc":
                    previous.text += "\n" + text
                continue
        if section:
            stack = []
            paragraphs.append(_Paragraph("section", text, number, section))
            heading_open = not section.group("rest").rstrip().endswith(".")
            continue
        if group:
            paragraphs.append(_Paragraph("group", text, number, group))
            heading_open = True
            continue
        if heading_open and previous is not None:
            if previous.kind == "section":
                previous.text = _join(previous.text, text)
                heading_open = not text.endswith(".")
                continue
            if previous.kind == "group" and not _starts_paragraph(text, previous.text):
                previous.text = _join(previous.text, text)
                continue
        heading_open = False
        if previous is not None and previous.kind in ("enum", "quoted", "text"):
            ends = _ENDS_CLAUSE.search(previous.text) is not None
            if (
                ends
                and previous.text.rstrip().endswith("as follows:")
                and "table of contents" in previous.text.lower()
                and _TOC_LINE.match(text)
            ):
                paragraphs.append(_Paragraph("toc", text, number))
                in_toc = True
                continue
            if not (ends and _starts_paragraph(text, previous.text)):
                previous.text = _join(previous.text, text)
                continue
            enum = _ENUMERATOR.match(text)
            weak = _WEAK_END.search(previous.text) is not None
            if enum and weak and not _readings(enum.group("token"), stack):
                # "... paragraphs (22) and" / "(23) as paragraphs (23) and (24)": a line that
                # starts with an enumerator no open sequence expects runs on.
                previous.text = _join(previous.text, text)
                continue
        enum = _ENUMERATOR.match(text)
        if _QUOTE_START.match(text):
            paragraphs.append(_Paragraph("quoted", text, number))
        elif enum:
            paragraphs.append(_Paragraph("enum", text, number, enum))
            _advance(stack, enum.group("token"))
        else:
            paragraphs.append(_Paragraph("text", text, number))
    return paragraphs


_WEAK_END = re.compile(r"\b(?:and|or)\s*$")


def _advance(stack: list[_Open], token: str) -> None:
    """Read one more enumerator into ``stack`` (without lookahead)."""
    readings = _readings(token, stack)
    level, depth = readings[0] if readings else (_fallback(token, stack), len(stack))
    del stack[depth:]
    stack.append(_Open(level, ordinal(level, token) or 0))


def _join(before: str, line: str) -> str:
    """Join a printed line to the paragraph before it: a dash at a line's end runs on
    (``AGENCY.—`` / ``The term`` is ``AGENCY.—The term``)."""
    if before.endswith(("—", "–")):
        return before + line
    return f"{before} {line}"


def _starts_paragraph(text: str, before: str) -> bool:
    """Whether a printed line opens a paragraph, given the text before it."""
    if _SECTION.match(text) or _GROUP.match(text):
        return True
    if not _ENDS_CLAUSE.search(before):
        return False
    return bool(_ENUMERATOR.match(text) or _QUOTE_START.match(text))


# --------------------------------------------------------------------------------------------
# Levels of enumerators


@dataclass(slots=True)
class _Open:
    level: Level
    position: int


def _candidates(token: str) -> list[Level]:
    return [level for level in _SUBDIVISIONS if ordinal(level, token) is not None]


def assign_levels(tokens: list[str]) -> list[Level]:
    """The level of each enumerator of a section, in order, read from the sequence.

    A token continues an open level when it is the next in that level's sequence, or opens the
    level below the innermost open one when it is that level's first. Where both fit (``(i)``
    after ``(h)`` inside ``(h)(2)(C)``), the token after it decides.

    >>> [lv.name for lv in assign_levels(["a", "1", "A", "B", "2", "b"])]
    ['SUBSECTION', 'PARAGRAPH', 'SUBPARAGRAPH', 'SUBPARAGRAPH', 'PARAGRAPH', 'SUBSECTION']
    >>> [lv.name for lv in assign_levels(["h", "1", "A", "i", "ii", "i", "j"])][3:]
    ['CLAUSE', 'CLAUSE', 'SUBSECTION', 'SUBSECTION']
    """
    stack: list[_Open] = []
    levels: list[Level] = []
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        readings = _readings(token, stack)
        if len(readings) > 1 and following is not None:
            readings.sort(key=lambda reading: not _fits_next(reading, token, following, stack))
        level, depth = readings[0] if readings else (_fallback(token, stack), len(stack))
        del stack[depth:]
        stack.append(_Open(level, ordinal(level, token) or 0))
        levels.append(level)
    return levels


def _readings(token: str, stack: list[_Open]) -> list[tuple[Level, int]]:
    """Plausible (level, stack depth to keep) readings of ``token``: a next sibling of an open
    level, or the first of the level below the innermost."""
    readings: list[tuple[Level, int]] = []
    candidates = _candidates(token)
    top = stack[-1].level if stack else Level.SECTION
    for level in candidates:
        if ordinal(level, token) == 1 and (
            level == top + 1 or (top is Level.SECTION and level is Level.PARAGRAPH)
        ):
            readings.append((level, len(stack)))
    for depth in range(len(stack) - 1, -1, -1):
        entry = stack[depth]
        if entry.level in candidates and ordinal(entry.level, token) == entry.position + 1:
            readings.append((entry.level, depth))
    return readings


def _fits_next(reading: tuple[Level, int], token: str, following: str, stack: list[_Open]) -> bool:
    level, depth = reading
    trial = [*stack[:depth], _Open(level, ordinal(level, token) or 0)]
    return bool(_readings(following, trial))


def _fallback(token: str, stack: list[_Open]) -> Level:
    candidates = _candidates(token)
    top = stack[-1].level if stack else Level.SECTION
    deeper = [level for level in candidates if level > top]
    if deeper:
        return min(deeper)
    return min(candidates) if candidates else Level.SUBSECTION


# --------------------------------------------------------------------------------------------
# The reader


@dataclass(slots=True)
class _GroupBuilder:
    kind: str
    designation: str
    num: str
    heading: str
    line: int
    contents: list[ImportedItem] = field(default_factory=list)

    def build(self, source: str) -> ImportedGroup:
        return ImportedGroup(
            kind=self.kind,
            designation=self.designation,
            num=self.num,
            heading=self.heading or None,
            contents=tuple(self.contents),
            location=SourceLocation(
                source=source, line=self.line, path=f"{self.kind} {self.designation}"
            ),
        )


@dataclass(slots=True)
class _SectionBuilder:
    designation: str | None
    num: str | None
    heading: str | None
    line: int
    paragraphs: list[_Paragraph] = field(default_factory=list)


class _TextReader:
    def __init__(self, lines: list[str], raw: str, source: str) -> None:
        self.lines = lines
        self.raw = raw
        self.source = source
        self.raw_lines = raw.split("\n")
        self._keys: tuple[list[str], dict[str, list[int]]] | None = None
        self.cursor = 0
        self.toc_entries: list[str] = []
        self.toc_text: list[str] = []
        self.notes: list[str] = []

    def raw_line(self, cleaned_line: int) -> int:
        """The line of the source file that holds a cleaned line's first words (best effort): the
        first line from the cursor on whose first four words start with the cleaned line's first
        twenty characters (of its first four words)."""
        probe = " ".join(self.lines[cleaned_line - 1].split()[:4])[:PROBE_CHARACTERS]
        if not probe:
            return cleaned_line
        keys, by_prefix = self._raw_keys()
        if len(probe) == PROBE_CHARACTERS:  # a whole prefix: looked up, not scanned for
            lines = by_prefix.get(probe, ())
            found = bisect.bisect_left(lines, self.cursor)
            if found == len(lines):
                return cleaned_line
            self.cursor = lines[found]
            return self.cursor + 1
        for index in range(self.cursor, len(keys)):
            if keys[index].startswith(probe):
                self.cursor = index
                return index + 1
        return cleaned_line

    def _raw_keys(self) -> tuple[list[str], dict[str, list[int]]]:
        """Each source line's first four words, and the lines by the first
        :data:`PROBE_CHARACTERS` characters of those (made once, on first use)."""
        if self._keys is None:
            keys = [" ".join(line.split()[:4]) for line in self.raw_lines]
            by_prefix: dict[str, list[int]] = {}
            for index, key in enumerate(keys):
                if len(key) >= PROBE_CHARACTERS:
                    by_prefix.setdefault(key[:PROBE_CHARACTERS], []).append(index)
            self._keys = (keys, by_prefix)
        return self._keys

    def location(self, line: int, path: str | None = None) -> SourceLocation:
        return SourceLocation(source=self.source, line=self.raw_line(line), path=path)

    def read(self) -> ImportedBill:
        paragraphs = _paragraphs(self.lines)
        first = next(i for i, p in enumerate(paragraphs) if p.kind == "section")
        doc_title, official_title, enacting, inline = self._front(paragraphs[:first])
        contents = self._body(paragraphs[first:], inline)
        printed = "\n".join(p.text for p in paragraphs if p.kind != "toc")
        meta = self._meta(doc_title, official_title, contents)
        return ImportedBill(
            source=self.source,
            source_format="text",
            meta=meta,
            preamble=(),
            enacting_clause=enacting,
            contents=tuple(contents),
            unplaced=(),
            printed_text=printed,
            toc_text="\n".join(self.toc_text),
            toc_entries=tuple(self.toc_entries),
            source_counts=_source_counts(self.lines),
            notes=tuple(self.notes),
        )

    # -- front matter -----------------------------------------------------------------------

    def _front(
        self, paragraphs: list[_Paragraph]
    ) -> tuple[str | None, str | None, str | None, str | None]:
        text = " ".join(p.text for p in paragraphs)
        doc_title = next((t for t in _DOC_TITLES if text.startswith(t)), None)
        if doc_title:
            text = text[len(doc_title) :].strip()
        match = re.search(r"\b(Be it enacted|Resolved)\b", text)
        if not match:
            return doc_title, text or None, None, None
        official = text[: match.start()].strip() or None
        clause = text[match.start() :].strip()
        inline = None
        end = re.search(r"(assembled,|concurring\),|Resolved,)", clause)
        if end and clause[end.end() :].strip():
            inline = clause[end.end() :].strip()
            clause = clause[: end.end()]
        return doc_title, official, clause, inline

    def _meta(
        self, doc_title: str | None, official_title: str | None, contents: list[ImportedItem]
    ) -> ImportedMeta:
        bill_type = number = version = None
        for line in self.raw_lines[:400]:
            match = _RUNNING_HEAD.match(line)
            if match:
                bill_type = re.sub(r"[^a-z]", "", match.group("type").lower())
                number = match.group("number")
                version = re.sub(r"\d+$", "", match.group("version").lower()) or None
                break
        short_title = None
        for item in _walk(contents):
            for block in item.blocks:
                found = _SHORT_TITLE.search(block.printed)
                if found:
                    short_title = found.group("title")
                    break
            if short_title:
                break
        chamber = None
        if bill_type:
            chamber = "senate" if bill_type.startswith("s") else "house"
        return ImportedMeta(
            official_title=official_title,
            short_title=short_title,
            doc_title=doc_title,
            congress=None,
            session=None,
            chamber=chamber,
            sponsor=None,
            bill_type=bill_type,
            number=number,
            version=version,
            stage=stage_for_version(version),
        )

    # -- body --------------------------------------------------------------------------------

    def _body(self, paragraphs: list[_Paragraph], inline: str | None) -> list[ImportedItem]:
        top: list[ImportedItem] = []
        groups: list[_GroupBuilder] = []
        section: _SectionBuilder | None = None

        def holder() -> list[ImportedItem]:
            return groups[-1].contents if groups else top

        def close_section() -> None:
            nonlocal section
            if section is not None:
                holder().append(self._section(section, groups))
                section = None

        if inline:
            top.append(
                ImportedText(
                    blocks=(Block(kind=BlockKind.TEXT, depth=0, text=inline),),
                    location=self.location(paragraphs[0].line),
                )
            )
        for paragraph in paragraphs:
            if paragraph.kind == "group":
                close_section()
                match = paragraph.match
                assert match is not None
                kind = _GROUP_KIND[match.group("kind").upper()]
                rank = GROUP_LEVELS.index(kind)
                while groups and GROUP_LEVELS.index(groups[-1].kind) >= rank:
                    done = groups.pop()
                    holder().append(done.build(self.source))
                rest = paragraph.text[match.start("rest") :].strip()
                groups.append(
                    _GroupBuilder(
                        kind=kind,
                        designation=match.group("designation"),
                        num=match.group("num"),
                        heading=rest,
                        line=self.raw_line(paragraph.line),
                    )
                )
            elif paragraph.kind == "section":
                close_section()
                match = paragraph.match
                assert match is not None
                heading = paragraph.text[match.start("rest") :].strip()
                section = _SectionBuilder(
                    designation=match.group("designation"),
                    num=match.group("num"),
                    heading=heading or None,
                    line=paragraph.line,
                )
            elif paragraph.kind == "toc":
                self._toc(paragraph)
                if section is not None:
                    section.paragraphs.append(paragraph)
            elif section is not None:
                section.paragraphs.append(paragraph)
            else:
                holder().append(
                    ImportedText(
                        blocks=(Block(kind=BlockKind.TEXT, depth=0, text=paragraph.text),),
                        location=self.location(paragraph.line),
                    )
                )
        close_section()
        while groups:
            done = groups.pop()
            holder().append(done.build(self.source))
        return top

    def _toc(self, paragraph: _Paragraph) -> None:
        self.toc_text.append(paragraph.text)
        entry: list[str] = []
        for line in paragraph.text.split("\n"):
            if _TOC_LINE.match(line) or _GROUP.match(line):
                if entry:
                    self._toc_entry(" ".join(entry))
                entry = [line]
            else:
                entry.append(line)
        if entry:
            self._toc_entry(" ".join(entry))

    def _toc_entry(self, text: str) -> None:
        match = _TOC_LINE.match(text)
        if match:
            self.toc_entries.append(text[match.end() :].strip())

    def _section(self, builder: _SectionBuilder, groups: list[_GroupBuilder]) -> ImportedSection:
        tokens = [
            p.match.group("token") for p in builder.paragraphs if p.kind == "enum" and p.match
        ]
        levels = iter(assign_levels(tokens))
        blocks: list[Block] = []
        depth = 0
        for paragraph in builder.paragraphs:
            line = self.raw_line(paragraph.line)
            if paragraph.kind == "toc":
                blocks.append(
                    Block(kind=BlockKind.TOC, depth=depth, text="", level="toc", line=line)
                )
            elif paragraph.kind == "enum" and paragraph.match:
                level = next(levels)
                depth = int(level)
                rest = paragraph.text[paragraph.match.end() :].strip()
                heading_match = _HEADING.match(rest)
                heading = heading_match.group("heading") if heading_match else None
                if heading_match and not _looks_like_heading(heading or ""):
                    heading = None
                text = rest[len(heading) :].strip() if heading else rest
                blocks.append(
                    Block(
                        kind=BlockKind.SUBDIVISION,
                        depth=depth,
                        text=text,
                        level=level.noun,
                        enumerator=paragraph.match.group(0),
                        value=paragraph.match.group("token"),
                        heading=heading,
                        line=line,
                    )
                )
            elif paragraph.kind == "quoted":
                blocks.append(
                    Block(kind=BlockKind.QUOTED, depth=depth, text=paragraph.text, line=line)
                )
            else:
                blocks.append(
                    Block(kind=BlockKind.TEXT, depth=depth, text=paragraph.text, line=line)
                )
        path = " / ".join(f"{g.kind} {g.designation}" for g in groups)
        label = f"sec. {builder.designation}" if builder.designation else "section"
        return ImportedSection(
            designation=builder.designation,
            num=builder.num,
            heading=builder.heading,
            blocks=tuple(blocks),
            location=self.location(builder.line, f"{path} / {label}" if path else label),
        )


def _looks_like_heading(heading: str) -> bool:
    """A subdivision heading is short and starts with a capital ("SHORT TITLE.—", "In general.—")."""
    return len(heading) <= 160 and heading[:1].isupper()


def _walk(items: list[ImportedItem] | tuple[ImportedItem, ...]):  # type: ignore[no-untyped-def]
    for item in items:
        if isinstance(item, ImportedGroup):
            yield from _walk(item.contents)
        else:
            yield item


def _source_counts(lines: list[str]) -> dict[str, int]:
    """Sections and groups as the print heads them (``SEC. 101.``, ``TITLE I—``), counted straight
    from the cleaned lines; quoted headings (``‘‘SEC.``) and the table of contents do not count."""
    counts: dict[str, int] = {}
    for line in lines:
        text = line.strip()
        if _SECTION.match(text):
            counts["section"] = counts.get("section", 0) + 1
    return counts
