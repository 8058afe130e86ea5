"""Read GPO's United States Legislative Markup (USLM 2.0 and 2.1) into an :class:`ImportedBill`.

Roots ``bill``, ``resolution`` and ``engrossedAmendment`` (namespace ``http://schemas.gpo.gov/xml/uslm``)
are read; anything else is refused with :class:`ImportFormatError`. The whole document is parsed with
lxml: the largest published acts (4 MB, 400,000 words) parse in a fraction of a second and in well
under 100 MB, and a full tree gives every element its source line for the import report (see
``benchmarks/import.py``). The parser resolves no entities, loads no DTD and touches no network.

How the markup maps:

- ``meta``/``preface`` (``amendMeta``/``amendPreface``): congress, session, chamber, sponsor, the
  version code and so the stage, the bill's type and number.
- ``longTitle``: the official title; ``enactingFormula`` or the first ``resolvingClause``: the
  enacting clause; ``preamble``: the recitals. In an engrossed amendment, the resolution that agrees
  to the amendment and the amendment instruction make up the enacting clause, and the
  ``amendmentContent`` is the body.
- ``division``, ``title``, ``subtitle``, ``part``, ``subpart``: groups. ``chapter``, ``subchapter``
  and ``level`` (which have no place in a bill's manifest) are kept as unnumbered headings.
- ``section``: a section, designated by ``num/@value`` or, failing that, by its printed ``num``;
  ``@identifier`` is not needed (many levels lack it).
- ``subsection`` ... ``subitem``: numbered subdivisions; ``chapeau``, ``content``, ``continuation``
  and ``p``: text; ``quotedContent`` and ``quotedText``: quoted matter, kept as printed;
  ``appropriations`` and ``proviso``: unnumbered appropriations paragraphs, headings and provisos.
- ``toc``: recorded as a table-of-contents marker (it is regenerated, never copied).
- ``collection``/``component``: the components are read in order; a component, or any element,
  marked ``changed="deleted"`` is matter struck by an amendment and is left out (and reported).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from lxml import etree

from tracker.core.errors import ImportFormatError
from tracker.core.imported import (
    GROUP_LEVELS,
    SUBDIVISION_LEVELS,
    Block,
    BlockKind,
    ImportedBill,
    ImportedGroup,
    ImportedItem,
    ImportedMeta,
    ImportedSection,
    ImportedText,
    SourceLocation,
    Unplaced,
    join_run_in,
    stage_for_version,
)
from tracker.core.model import Stage

USLM_NAMESPACE = "http://schemas.gpo.gov/xml/uslm"
EXPORT_ID_PREFIX = "billtrack-"  # @id of a section billtrack exported: "billtrack-<provision id>"
ROOTS = ("bill", "resolution", "engrossedAmendment")

#: Elements whose text runs on with the text around them, as printed.
INLINE = frozenset(
    {
        "i",
        "b",
        "u",
        "sup",
        "sub",
        "span",
        "inline",
        "ref",
        "term",
        "shortTitle",
        "quotedText",
        "headingText",
        "amendingAction",
        "proviso",
        "addedText",
        "deletedText",
        "date",
        "committee",
        "sponsor",
        "cosponsor",
        "designator",
        "label",
        "marker",
        "footnoteRef",
        "abbr",
        "a",
        "del",
        "ins",
        "entity",
        "name",
        "role",
        "signature",
    }
)

#: Levels that are not groups of the manifest: kept as unnumbered headings over their contents.
HEADED_LEVELS = frozenset({"chapter", "subchapter", "level", "article", "subarticle"})

_WS = re.compile(r"\s+")
_SECTION_NUMBER = re.compile(r"(?:SECTION|SEC\.?|Sec\.?|Section)\s*([0-9]+[A-Za-z0-9-]*)", re.I)
_CITABLE = re.compile(r"(\d+)([a-z]+?)(\d+)([a-z]+\d*)")  # 116hr3945ih
_DC_TITLE = re.compile(r"^(\d+)\s+([A-Z]+)\s+(\d+)\s+([A-Z]+\d*)\s*:\s*")  # 114 HR 2029 ENR:
_SLUG = re.compile(r"[A-Z]+\s*\d+\s+([A-Z]+\d*)\s*$")  # •HR 3945 IH
#: docStage phrases ("Introduced in House") by their first word.
_DOC_STAGES = {
    "introduced": Stage.INTRODUCED,
    "referred": Stage.REFERRED,
    "reported": Stage.REPORTED,
    "engrossed": Stage.ENGROSSED,
    "enrolled": Stage.ENROLLED,
}
_GROUP_NUMBER = re.compile(r"^[A-Za-z]+\s+([A-Z0-9]+(?:-[A-Z0-9]+)?)")

ProgressCallback = Callable[[int, int], None]


def local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag[tag.find("}") + 1 :]


def clean(text: str | None) -> str:
    """One idempotent normalisation of printed text: soft hyphens dropped, white space collapsed.

    >>> clean("  Representa\\xadtives\\u2001of the ")
    'Representatives of the'
    """
    if not text:
        return ""
    return _WS.sub(" ", text.replace("\xad", "")).strip()


def _is_struck(element: etree._Element) -> bool:
    return element.get("changed") == "deleted" or local_name(element) == "deletedText"


def parse_xml(data: bytes, *, source: str) -> etree._Element:
    """Parse bytes as XML safely (no entities, no DTD, no network) or raise ImportFormatError."""
    if not data.strip():
        raise ImportFormatError(
            "the file is empty", path=source, hint="give a USLM XML file or a GPO plain-text bill"
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else None
        raise ImportFormatError(
            f"not well-formed XML: {exc.msg}",
            path=source,
            line=line,
            hint="check that the file was downloaded whole (GPO's bulk data serves USLM as .xml)",
        ) from None


def read_uslm(
    data: bytes, *, source: str = "<source>", progress: ProgressCallback | None = None
) -> ImportedBill:
    """Read a USLM document (bytes) into an :class:`ImportedBill`.

    ``source`` names the file in locations and messages. ``progress(done, total)`` is called as the
    body's top-level parts are read.
    """
    root = parse_xml(data, source=source)
    name = local_name(root)
    namespace = etree.QName(root).namespace
    if namespace != USLM_NAMESPACE or name not in ROOTS:
        found = f"<{name}>" + (f" in namespace {namespace}" if namespace else " (no namespace)")
        raise ImportFormatError(
            f"unknown root element {found}",
            path=source,
            line=root.sourceline,
            hint=f"USLM bills have the root <bill>, <resolution> or <engrossedAmendment> in the "
            f"namespace {USLM_NAMESPACE}",
        )
    return _Reader(root, source, progress).read()


# --------------------------------------------------------------------------------------------
# The printed text of the source: the base of the fidelity figure, taken without regard to the
# structure the reader builds, so that anything the reader loses shows up.


@dataclass(slots=True)
class _Printer:
    """Collects printed text: inline elements run on, block elements start a new line, except where
    GPO prints them run in: a designation or heading ending in a dash runs into the text after it
    (``DIVISION A—AGRICULTURE``, ``(a) In General.—The``), and matter printed straight after a
    quoted block (``”; and``) runs on from it.
    """

    out: list[str] = field(default_factory=list)
    struck: list[str] = field(default_factory=list)
    toc: list[str] = field(default_factory=list)
    pending: bool = False  # a line break is due before the next text
    run_in: bool = False  # the last block was a designation or heading ending in a dash
    quoted: int = 0  # depth of quoted matter
    bare_num: bool = False  # the last block was a designation alone on its line, like "“(B)"
    fresh: bool = False  # a run-in block has started and printed nothing yet
    fuse_level: bool = False  # the next level runs on from a bare designation

    def emit(self, text: str | None) -> None:
        if not text:
            return
        if self.pending:
            self.out.append("\n")
        self.pending = False
        self.fresh = False
        self.out.append(text)

    def start_block(self, name: str) -> None:
        self.bare_num = False
        if self.fresh:
            pass  # the first block inside a block that runs in, runs in too
        elif (self.run_in and name in RUN_IN_BLOCKS) or (self.fuse_level and name in LEVELS):
            self.pending = False
            self.fresh = True
        else:
            self.pending = True
        self.run_in = False
        self.fuse_level = False

    def end_block(self, name: str) -> None:
        last = self.out[-1] if self.out else ""
        self.run_in = name in ("num", "heading") and last.rstrip().endswith(("—", "–"))
        self.pending = not self.run_in
        self.bare_num = (
            name == "num" and _BARE_ENUMERATOR.fullmatch(clean(self._line_tail())) is not None
        )

    def _line_tail(self) -> str:
        """The text emitted since the last line break."""
        tail: list[str] = []
        for piece in reversed(self.out):
            if piece == "\n":
                break
            tail.append(piece)
        return "".join(reversed(tail))

    def walk(self, element: etree._Element) -> None:
        name = local_name(element)
        if not name:
            return
        if _is_struck(element):
            self.struck.append(" ".join(element.itertext()))
            return
        if name == "toc" and not self.quoted:
            self.toc.append(" ".join(element.itertext()))
            self.start_block(name)
            self.end_block(name)
            return
        if name == "quotedContent":
            self.quoted += 1
            try:
                self._block(element, name)
            finally:
                self.quoted -= 1
            return
        if name == "br":
            self.pending = True
            return
        if name in INLINE:
            if element.get("role") == "after-quoted-block":
                self.pending = False
                while self.out and not self.out[-1].strip():
                    self.out.pop()
                if self.out:
                    self.out[-1] = self.out[-1].rstrip()
            self.emit(element.text)
            for child in element:
                self.walk(child)
                self.emit(child.tail)
            return
        self._block(element, name)

    def _block(self, element: etree._Element, name: str) -> None:
        if self.quoted and self.bare_num and name in LEVELS:
            num = next((c for c in element if local_name(c) == "num"), None)
            num_text = _inline_text(num).lstrip() if num is not None else ""
            if num_text and not num_text.startswith(QUOTE_MARKS):
                self.fuse_level = True  # "“(B)" then "(i) ensure": printed "“(B)(i) ensure"
        self.start_block(name)
        children = [child for child in element if local_name(child)]
        text = element.text
        if text and not text.strip() and children and local_name(children[0]) not in INLINE:
            text = None  # layout white space between the start tag and a block
        self.emit(text)
        for child in element:
            self.walk(child)
            tail = child.tail
            if not tail:
                continue
            block = local_name(child) not in INLINE and local_name(child) != "br"
            if block and not tail.strip():
                continue  # layout white space between blocks is not printed
            if _fuses(child, tail):
                self.pending = False
            self.emit(tail)
        self.end_block(name)

    def text(self) -> str:
        lines = (clean(line) for line in "".join(self.out).split("\n"))
        return "\n".join(line for line in lines if line)


def _fuses(child: etree._Element, tail: str) -> bool:
    """Whether text after a block element is printed straight on from it (``”.`` after a quote)."""
    name = local_name(child)
    return bool(tail.strip()) and not tail[0].isspace() and name not in INLINE and name != "br"


LEVELS = frozenset({"section", *SUBDIVISION_LEVELS, *GROUP_LEVELS})

#: Blocks that run in after a designation or heading ending in a dash.
RUN_IN_BLOCKS = frozenset({"heading", "content", "chapeau", "text", "p"})


def printed_text(element: etree._Element) -> tuple[str, str, str]:
    """The printed text of an element (one printed block a line), its struck text, its tables of
    contents."""
    printer = _Printer()
    printer.walk(element)
    return printer.text(), clean(" ".join(printer.struck)), clean(" ".join(printer.toc))


# --------------------------------------------------------------------------------------------
# The reader proper.


@dataclass(slots=True)
class _Flow:
    """Builds a section's blocks: inline text accumulates in the open block, blocks close it."""

    quoted: bool = False
    blocks: list[Block] = field(default_factory=list)
    kind: BlockKind | None = None
    depth: int = 0
    level: str | None = None
    enumerator: str | None = None
    value: str | None = None
    heading: str | None = None
    line: int | None = None
    parts: list[str] = field(default_factory=list)

    def open(
        self,
        kind: BlockKind,
        depth: int,
        *,
        level: str | None = None,
        enumerator: str | None = None,
        value: str | None = None,
        heading: str | None = None,
        line: int | None = None,
    ) -> None:
        self.close()
        if self.quoted and kind is not BlockKind.TOC:
            kind = BlockKind.QUOTED
        self.kind, self.depth, self.level = kind, depth, level
        self.enumerator, self.value, self.heading, self.line = enumerator, value, heading, line
        self.parts = []

    def add(self, text: str | None, *, depth: int, line: int | None) -> None:
        if not text:
            return
        if self.kind is None:
            if not text.strip():
                return
            self.open(BlockKind.TEXT, depth, line=line)
        self.parts.append(text)

    def fuse(self, text: str | None) -> None:
        """Text printed straight on after a block (``; and`` after a quoted block)."""
        if not text or not text.strip():
            return
        if self.kind is not None:
            self.parts.append(text)
            return
        if not self.blocks:
            self.add(text, depth=0, line=None)
            return
        last = self.blocks[-1]
        self.blocks[-1] = replace(last, text=clean(last.text + text))

    def close(self) -> None:
        if self.kind is None:
            return
        text = clean("".join(self.parts))
        if text or self.enumerator or self.heading or self.kind is BlockKind.TOC:
            block = Block(
                kind=self.kind,
                depth=self.depth,
                text=text,
                level=self.level,
                enumerator=self.enumerator,
                value=self.value,
                heading=self.heading,
                line=self.line,
            )
            if self.quoted and self.blocks and not block.printed.startswith(QUOTE_MARKS):
                # Quoted matter prints an opening quotation mark at the start of each paragraph;
                # what has none runs on from the paragraph before: "“(B)(i) ensure", a table row.
                last = self.blocks[-1]
                self.blocks[-1] = replace(
                    last,
                    text=_run_on(last.printed, block.printed),
                    enumerator=None,
                    heading=None,
                )
            else:
                self.blocks.append(block)
        self.kind = None
        self.parts = []


QUOTE_MARKS = ("“", "‘", '"', "'")


def _run_on(before: str, after: str) -> str:
    """Join quoted text that runs on: straight after a bare enumerator (``“(B)(i)``), else with a
    space."""
    if _BARE_ENUMERATOR.fullmatch(before):
        return before + after
    return f"{before} {after}"


_BARE_ENUMERATOR = re.compile(r"[“‘\"']?\([A-Za-z0-9]+\)")


class _Reader:
    def __init__(
        self, root: etree._Element, source: str, progress: ProgressCallback | None
    ) -> None:
        self.root = root
        self.source = source
        self.progress = progress
        self.unplaced: list[Unplaced] = []
        self.notes: list[str] = []
        # A resolving clause printed run in before a later section ("Resolved, That ...").
        self.clauses: dict[etree._Element, str] = {}
        self.enacting: str | None = None

    # -- entry point -----------------------------------------------------------------------

    def read(self) -> ImportedBill:
        root = self.root
        kind = local_name(root)
        main = self._child(root, "amendMain" if kind == "engrossedAmendment" else "main")
        if main is None:
            raise ImportFormatError(
                f"<{kind}> has no <main> body",
                path=self.source,
                line=root.sourceline,
                hint="the file holds no bill text to import",
            )
        meta_el = self._child(root, "amendMeta" if kind == "engrossedAmendment" else "meta")
        preface = self._child(root, "amendPreface" if kind == "engrossedAmendment" else "preface")
        official_title, doc_title = self._long_title(main)
        preamble, enacting, body = self._front_matter(main)
        self.enacting = enacting
        contents = self._items(body, path=())
        printed, struck, toc = printed_text(main)
        meta = self._meta(meta_el, preface, official_title, doc_title)
        if kind == "engrossedAmendment":
            self.notes.append(
                "engrossed amendment: the resolution agreeing to it and its instruction are kept "
                "as the enacting clause; the amendment's text is the body"
            )
        return ImportedBill(
            source=self.source,
            source_format="uslm",
            meta=meta,
            preamble=tuple(preamble),
            enacting_clause=enacting,
            contents=tuple(contents),
            unplaced=tuple(self.unplaced),
            printed_text=printed,
            struck_text=struck,
            toc_text=toc,
            toc_entries=_toc_entries(main),
            version_date=_version_date(preface),
            source_counts=source_counts(main),
            notes=tuple(self.notes),
        )

    # -- helpers -----------------------------------------------------------------------------

    @staticmethod
    def _child(element: etree._Element, name: str) -> etree._Element | None:
        for child in element:
            if local_name(child) == name:
                return child
        return None

    def _location(self, element: etree._Element, path: tuple[str, ...]) -> SourceLocation:
        return SourceLocation(
            source=self.source, line=element.sourceline, path=" / ".join(path) or None
        )

    def _inline(self, element: etree._Element | None) -> str:
        """The printed text of an element holding only inline matter."""
        if element is None:
            return ""
        return clean(printed_text(element)[0].replace("\n", " "))

    def _paragraphs(self, element: etree._Element) -> str:
        """Printed text with a blank line between its paragraphs (``<p>``)."""
        if not any(local_name(child) == "p" for child in element):
            return self._inline(element)
        return "\n\n".join(printed_text(element)[0].split("\n"))

    def _raw_inline(self, element: etree._Element) -> str:
        """Like :meth:`_inline`, but keeps a trailing space (a ``num`` like ``(a) ``)."""
        text = "".join(element.itertext()).replace("\xad", "")
        return _WS.sub(" ", text).lstrip()

    # -- front matter ----------------------------------------------------------------------

    def _long_title(self, main: etree._Element) -> tuple[str | None, str | None]:
        long_title = self._child(main, "longTitle")
        if long_title is None:
            return None, None
        official = self._child(long_title, "officialTitle")
        doc = self._child(long_title, "docTitle")
        return (self._inline(official) or None, self._inline(doc) or None)

    def _front_matter(
        self, main: etree._Element
    ) -> tuple[list[str], str | None, list[etree._Element]]:
        """Split ``main`` into the preamble, the enacting clause and the body's elements.

        The enacting formula, or the first resolving clause, is the enacting clause. A later
        resolving clause is printed run in before the section it introduces and stays there. In an
        engrossed amendment everything before the amendment's content (the resolution agreeing to
        it, its document title, its instruction) makes up the enacting clause.
        """
        if local_name(self.root) == "engrossedAmendment":
            return self._amendment_front_matter(main)
        preamble: list[str] = []
        enacting: str | None = None
        body: list[etree._Element] = []
        pending: str | None = None
        for child in main:
            name = local_name(child)
            if not name or name == "longTitle":
                continue
            if _is_struck(child):
                self._struck(child, ())
                continue
            if name == "preamble":
                for part in child:
                    part_name = local_name(part)
                    if not part_name:
                        continue
                    if _is_struck(part):
                        self._struck(part, ("preamble",))
                    elif part_name == "resolvingClause" and enacting is None:
                        enacting = self._inline(part)
                    else:
                        preamble.extend(self._recital(part))
                continue
            if name in ("enactingFormula", "resolvingClause"):
                if enacting is None and not body:
                    enacting = self._paragraphs(child)
                else:
                    pending = self._inline(child)
                continue
            if pending is not None:
                self.clauses[child] = pending
                pending = None
            body.append(child)
        return preamble, enacting or None, body

    def _amendment_front_matter(
        self, main: etree._Element
    ) -> tuple[list[str], str | None, list[etree._Element]]:
        parts: list[str] = []
        body: list[etree._Element] = []
        for child in main:
            name = local_name(child)
            if not name:
                continue
            if name == "resolvingClause":
                parts.append(self._inline(child))
            elif name == "section" and not body:
                text = self._inline(child)
                if parts and parts[-1].startswith("Resolved"):
                    parts[-1] = join_run_in(parts[-1], text)
                else:
                    parts.append(text)
            elif name == "amendmentInstruction" and not body:
                content = next(
                    (e for e in child.iter() if local_name(e) == "amendmentContent"), None
                )
                if content is None:
                    parts.append(self._inline(child))
                    continue
                parts.append(self._lead_text(child, content))
                body.extend(e for e in content if local_name(e))
                if content.tail and content.tail.strip():
                    self._unplace(
                        "text after the amendment",
                        clean(content.tail),
                        content,
                        (),
                        "text printed after an amendment's content has no place in the package",
                    )
            elif body:
                body.append(child)
            else:
                parts.append(self._inline(child))
        return [], "\n\n".join(part for part in parts if part) or None, body

    def _lead_text(self, holder: etree._Element, stop: etree._Element) -> str:
        """The printed text of ``holder`` up to the element ``stop`` inside it."""
        out: list[str] = []

        def walk(element: etree._Element) -> bool:
            if element is stop:
                return True
            out.append(element.text or "")
            for child in element:
                if walk(child):
                    return True
                out.append(child.tail or "")
            return False

        walk(holder)
        return clean("".join(out))

    def _unplace(
        self,
        what: str,
        text: str,
        element: etree._Element,
        path: tuple[str, ...],
        reason: str,
    ) -> None:
        self.unplaced.append(
            Unplaced(
                what=what, text=text[:200], location=self._location(element, path), reason=reason
            )
        )

    def _recital(self, recital: etree._Element) -> list[str]:
        flow = _Flow()
        self._flow_children(recital, flow, depth=0, path=("preamble",))
        flow.close()
        return [block.printed for block in flow.blocks if block.printed]

    # -- metadata ----------------------------------------------------------------------------

    def _meta(
        self,
        meta: etree._Element | None,
        preface: etree._Element | None,
        official_title: str | None,
        doc_title: str | None,
    ) -> ImportedMeta:
        def find(parent: etree._Element | None, name: str) -> etree._Element | None:
            if parent is None:
                return None
            for element in parent.iter():
                if local_name(element) == name:
                    return element
            return None

        def number(name: str) -> int | None:
            for parent in (meta, preface):
                element = find(parent, name)
                if element is None:
                    continue
                value = element.get("value") or "".join(element.itertext())
                match = re.search(r"\d+", value)
                if match:
                    return int(match.group())
            return None

        bill_type = number_text = version = None
        for element in meta.iter() if meta is not None else ():
            if local_name(element) == "citableAs":
                match = _CITABLE.fullmatch(clean("".join(element.itertext())))
                if match:
                    bill_type, number_text, version = match.group(2, 3, 4)
                    break
        dc_title = find(meta, "title")
        title_text = clean("".join(dc_title.itertext())) if dc_title is not None else ""
        match = _DC_TITLE.match(title_text)
        if match and bill_type is None:
            bill_type, number_text = match.group(2).lower(), match.group(3)
            version = match.group(4).lower()
        if version is None:
            slug = find(preface, "slugLine")
            match = _SLUG.search(clean(slug.text)) if slug is not None else None
            if match:
                version = match.group(1).lower()
        stage = stage_for_version(version)
        doc_stage = find(meta, "docStage")
        if stage is None and doc_stage is not None:
            stage_text = clean("".join(doc_stage.itertext())).lower()
            if re.fullmatch(r"[a-z]{2,4}\d?", stage_text):
                version = stage_text
            stage = stage_for_version(stage_text) or _DOC_STAGES.get(stage_text.split(" ")[0])
        if not official_title and self.enacting:
            # An engrossed amendment names the bill it amends: "... entitled “An Act to ...”".
            match = re.search(r"entitled “([^”]+)”", self.enacting)
            official_title = clean(match.group(1)) if match else None
        if not official_title and match is None and title_text:
            official_title = clean(_DC_TITLE.sub("", title_text)) or None
        sponsor_el = find(preface, "sponsor")
        sponsor = (self._inline(sponsor_el) or None) if sponsor_el is not None else None
        chamber = None
        if bill_type:
            chamber = "senate" if bill_type.startswith("s") else "house"
        else:
            for name in ("type", "currentChamber"):
                element = find(meta, name)
                if element is None:
                    continue
                value = (element.get("value") or "".join(element.itertext())).lower()
                chamber = "senate" if "senate" in value else "house" if "house" in value else None
                if chamber:
                    break
        return ImportedMeta(
            official_title=official_title,
            short_title=_short_title(self.root),
            doc_title=doc_title,
            congress=number("congress"),
            session=number("session"),
            chamber=chamber,
            sponsor=sponsor,
            bill_type=bill_type,
            number=number_text,
            version=version,
            stage=stage,
        )

    # -- body ------------------------------------------------------------------------------

    def _items(
        self, elements: Iterable[etree._Element], *, path: tuple[str, ...]
    ) -> list[ImportedItem]:
        elements = [element for element in elements if local_name(element)]
        items: list[ImportedItem] = []
        top = not path
        total = len(elements)
        for index, element in enumerate(elements):
            items.extend(self._item(element, path))
            if top and self.progress is not None:
                self.progress(index + 1, total)
        return _without_empty(items)

    def _item(self, element: etree._Element, path: tuple[str, ...]) -> list[ImportedItem]:
        name = local_name(element)
        if _is_struck(element):
            self._struck(element, path)
            return []
        if name in GROUP_LEVELS:
            return [self._group(element, path)]
        if name == "section":
            return [self._section(element, path)]
        if name in ("collection", "component", "main", "amendmentContent"):
            return self._items(element, path=path)
        if name == "toc":
            return [self._text_item(element, path)]
        if name in HEADED_LEVELS:
            return self._headed_level(element, path)
        if name in ("num", "heading", "subheading"):
            # A stray heading between sections: printed as an unnumbered heading.
            return [self._text_item(element, path)]
        if name in ("appropriations", "p", "content", "chapeau", "continuation", "list", "table"):
            return [self._text_item(element, path)]
        if name in ("endMarker",):
            return []
        self.unplaced.append(
            Unplaced(
                what=f"<{name}>",
                text=self._inline(element)[:200],
                location=self._location(element, path),
                reason="an element the importer does not know; its text is kept as unnumbered text",
            )
        )
        return [self._text_item(element, path)]

    def _struck(self, element: etree._Element, path: tuple[str, ...]) -> None:
        self.unplaced.append(
            Unplaced(
                what=f"struck <{local_name(element)}>",
                text=clean(" ".join(element.itertext()))[:200],
                location=self._location(element, path),
                reason='matter struck by an amendment (changed="deleted") is not part of the '
                "bill as amended",
            )
        )

    def _group(self, element: etree._Element, path: tuple[str, ...]) -> ImportedGroup:
        kind = local_name(element)
        num_el = self._child(element, "num")
        heading_el = self._child(element, "heading")
        num = self._inline(num_el) or None
        designation = (num_el.get("value") if num_el is not None else None) or None
        if designation is None and num:
            match = _GROUP_NUMBER.match(num)
            designation = match.group(1) if match else None
        heading = self._inline(heading_el) or None
        label = f"{kind} {designation}" if designation else kind
        inner = [
            child
            for child in element
            if local_name(child) and local_name(child) not in ("num", "heading")
        ]
        contents = self._items(inner, path=(*path, label))
        return ImportedGroup(
            kind=kind,
            designation=designation,
            num=num,
            heading=heading,
            contents=tuple(contents),
            location=self._location(element, path),
        )

    def _headed_level(self, element: etree._Element, path: tuple[str, ...]) -> list[ImportedItem]:
        """A chapter, subchapter or untyped level: its designation and heading become unnumbered
        headings, its text unnumbered text, and its sections join the enclosing group."""
        name = local_name(element)
        items: list[ImportedItem] = []
        flow = _Flow()
        num_el = self._child(element, "num")
        heading_el = self._child(element, "heading")
        head = join_run_in(
            self._raw_inline(num_el).rstrip() if num_el is not None else "",
            self._inline(heading_el),
        )
        if head:
            flow.open(BlockKind.HEADING, 0, level=name, line=element.sourceline)
            flow.add(head, depth=0, line=element.sourceline)
            flow.close()
        label = f"{name} {num_el.get('value')}" if num_el is not None else name
        for child in element:
            child_name = local_name(child)
            if child_name in ("num", "heading") or not child_name:
                continue
            if child_name in ("section", *GROUP_LEVELS, *HEADED_LEVELS):
                flow.close()
                if flow.blocks:
                    items.append(
                        ImportedText(
                            blocks=tuple(flow.blocks), location=self._location(element, path)
                        )
                    )
                    flow = _Flow()
                items.extend(self._item(child, (*path, label)))
            elif _is_struck(child):
                self._struck(child, path)
            else:
                self._flow_element(child, flow, depth=0, path=(*path, label))
        flow.close()
        if flow.blocks:
            items.append(
                ImportedText(blocks=tuple(flow.blocks), location=self._location(element, path))
            )
        if name != "level":
            self.notes.append(
                f"{name} {label.split(' ', 1)[-1]} kept as an unnumbered heading (line "
                f"{element.sourceline}): a bill's manifest groups divisions, titles, subtitles, "
                f"parts and subparts"
            )
        return items

    def _text_item(self, element: etree._Element, path: tuple[str, ...]) -> ImportedText:
        flow = _Flow()
        self._flow_element(element, flow, depth=0, path=path)
        flow.close()
        return ImportedText(blocks=tuple(flow.blocks), location=self._location(element, path))

    def _section(self, element: etree._Element, path: tuple[str, ...]) -> ImportedSection:
        num_el = self._child(element, "num")
        heading_el = self._child(element, "heading")
        num = self._inline(num_el) or None
        designation = (num_el.get("value") or "").strip() if num_el is not None else ""
        if not designation and num:
            match = _SECTION_NUMBER.search(num)
            designation = match.group(1).rstrip(".") if match else ""
        heading = self._inline(heading_el) or None
        label = f"sec. {designation}" if designation else "section"
        flow = _Flow()
        clause = self.clauses.get(element)
        if clause:
            flow.add(clause + " ", depth=0, line=element.sourceline)
        for child in element:
            name = local_name(child)
            if name in ("num", "heading") or not name:
                continue
            self._flow_element(child, flow, depth=0, path=(*path, label))
        flow.close()
        key = element.get("id") or ""
        return ImportedSection(
            designation=designation or None,
            num=num,
            heading=heading,
            blocks=tuple(flow.blocks),
            location=self._location(element, path),
            inline=element.get("class") == "inline" and num is None,
            key=key[len(EXPORT_ID_PREFIX) :] if key.startswith(EXPORT_ID_PREFIX) else None,
        )

    # -- the flow of a section's text ------------------------------------------------------

    def _flow_element(
        self, element: etree._Element, flow: _Flow, *, depth: int, path: tuple[str, ...]
    ) -> None:
        """Add one child of a level (or of running text) to the flow."""
        name = local_name(element)
        line = element.sourceline
        if not name:
            return
        if _is_struck(element):
            self._struck(element, path)
            return
        if name in INLINE:
            fused = element.get("role") == "after-quoted-block"
            text = self._inline_with_blocks(element, flow, depth=depth, path=path)
            if fused:
                flow.fuse(text)
            else:
                flow.add(text, depth=depth, line=line)
            return
        if name == "br":
            flow.add(" ", depth=depth, line=line)
            return
        if name in SUBDIVISION_LEVELS or (flow.quoted and _is_level(name)):
            self._subdivision(element, flow, depth=depth + 1, path=path)
            return
        if name in ("content", "chapeau", "notes", "listContent"):
            self._flow_children(element, flow, depth=depth, path=path)
            return
        if name == "continuation":
            flow.open(BlockKind.CONTINUATION, depth, level=name, line=line)
            self._flow_children(element, flow, depth=depth, path=path)
            flow.close()
            return
        if name in ("p", "recital", "listItem", "tr", "caption"):
            flow.open(BlockKind.TEXT, depth, level=name, line=line)
            self._flow_children(element, flow, depth=depth, path=path)
            flow.close()
            return
        if name in ("td", "th"):
            flow.add(" ", depth=depth, line=line)
            self._flow_children(element, flow, depth=depth, path=path)
            flow.add(" ", depth=depth, line=line)
            return
        if name in ("table", "tbody", "thead", "tfoot", "colgroup", "list", "col"):
            for child in element:
                self._flow_element(child, flow, depth=depth, path=path)
            flow.close()
            return
        if name == "quotedContent":
            flow.close()
            quoted = _Flow(quoted=True)
            self._flow_children(element, quoted, depth=depth, path=path)
            quoted.close()
            flow.blocks.extend(quoted.blocks)
            return
        if name == "toc" and flow.quoted:
            # A table of contents quoted in an amendment is text of the law amended.
            for item in element.iter(f"{{{USLM_NAMESPACE}}}referenceItem"):
                flow.open(BlockKind.QUOTED, depth, level="referenceItem", line=item.sourceline)
                flow.add(_inline_text(item), depth=depth, line=item.sourceline)
                flow.close()
            return
        if name == "toc":
            flow.open(BlockKind.TOC, depth, level=name, line=line)
            flow.close()
            return
        if name == "appropriations":
            self._appropriations(element, flow, depth=depth, path=path)
            return
        if name in ("heading", "subheading", "num"):
            flow.open(BlockKind.HEADING, depth, level=name, line=line)
            flow.add(self._inline(element), depth=depth, line=line)
            flow.close()
            return
        if name == "section" or name in GROUP_LEVELS or name in HEADED_LEVELS:
            # Structure where running text was expected (a section inside <content>): kept as
            # headed text so that nothing is lost.
            self._subdivision(element, flow, depth=depth + 1, path=path)
            return
        self.unplaced.append(
            Unplaced(
                what=f"<{name}>",
                text=self._inline(element)[:200],
                location=self._location(element, path),
                reason="an element the importer does not know; its text is kept as text",
            )
        )
        flow.open(BlockKind.TEXT, depth, level=name, line=line)
        self._flow_children(element, flow, depth=depth, path=path)
        flow.close()

    def _flow_children(
        self, element: etree._Element, flow: _Flow, *, depth: int, path: tuple[str, ...]
    ) -> None:
        flow.add(element.text, depth=depth, line=element.sourceline)
        for child in element:
            self._flow_element(child, flow, depth=depth, path=path)
            tail = child.tail
            if not tail:
                continue
            if local_name(child) in INLINE or local_name(child) in ("br", "td", "th"):
                flow.add(tail, depth=depth, line=child.sourceline)
            elif tail.strip() and not tail[0].isspace():
                flow.fuse(tail)
            else:
                flow.add(tail, depth=depth, line=child.sourceline)

    def _inline_with_blocks(
        self, element: etree._Element, flow: _Flow, *, depth: int, path: tuple[str, ...]
    ) -> str:
        """The text of an inline element; a block nested in it (rare) is flowed in its place."""
        if all(
            local_name(d) in INLINE or local_name(d) == "br" or not local_name(d)
            for d in element.iterdescendants()
        ):
            return _inline_text(element)
        flow.add(element.text, depth=depth, line=element.sourceline)
        for child in element:
            self._flow_element(child, flow, depth=depth, path=path)
            flow.add(child.tail, depth=depth, line=child.sourceline)
        return ""

    def _subdivision(
        self, element: etree._Element, flow: _Flow, *, depth: int, path: tuple[str, ...]
    ) -> None:
        name = local_name(element)
        num_el = self._child(element, "num")
        heading_el = self._child(element, "heading")
        enumerator = self._raw_inline(num_el).strip() if num_el is not None else ""
        value = (num_el.get("value") if num_el is not None else None) or None
        heading = self._inline(heading_el) if heading_el is not None else ""
        kind = BlockKind.SUBDIVISION if name in SUBDIVISION_LEVELS else BlockKind.HEADING
        block_depth = depth
        if name in SUBDIVISION_LEVELS:
            block_depth = SUBDIVISION_LEVELS.index(name) + 1 if not flow.quoted else depth
        heading_runs_in = heading.endswith(("—", "–")) or name in SUBDIVISION_LEVELS
        if enumerator and not heading_runs_in and heading:
            # "SEC. 5. HEADING." or "TITLE I—HEADING" (quoted structure): a line of its own.
            head = join_run_in(self._raw_inline(num_el).rstrip(" "), heading)
            flow.open(
                kind, block_depth, level=name, enumerator=head, value=value, line=element.sourceline
            )
            flow.close()
        elif not enumerator and heading and not heading_runs_in:
            flow.open(kind, block_depth, level=name, heading=heading, line=element.sourceline)
            flow.close()
        else:
            flow.open(
                kind,
                block_depth,
                level=name,
                enumerator=enumerator or None,
                value=value,
                heading=heading or None,
                line=element.sourceline,
            )
        label = f"({value})" if value else name
        for child in element:
            child_name = local_name(child)
            if child_name in ("num", "heading") or not child_name:
                continue
            self._flow_element(child, flow, depth=block_depth, path=(*path, label))
            tail = child.tail
            if tail and tail.strip():
                if child_name in INLINE:
                    flow.add(tail, depth=block_depth, line=child.sourceline)
                else:
                    flow.fuse(tail)
        flow.close()

    def _appropriations(
        self, element: etree._Element, flow: _Flow, *, depth: int, path: tuple[str, ...]
    ) -> None:
        level = element.get("level") or "appropriations"
        heading_el = self._child(element, "heading")
        if heading_el is not None:
            flow.open(BlockKind.HEADING, depth, level=level, line=heading_el.sourceline)
            flow.add(self._inline(heading_el), depth=depth, line=heading_el.sourceline)
            flow.close()
        for child in element:
            name = local_name(child)
            if name == "heading" or not name:
                continue
            if name in ("content", "chapeau"):
                flow.open(BlockKind.TEXT, depth, level=name, line=child.sourceline)
                self._flow_children(child, flow, depth=depth, path=path)
                flow.close()
            else:
                self._flow_element(child, flow, depth=depth, path=path)
            tail = child.tail
            if tail and tail.strip():
                flow.fuse(tail)
        flow.close()


def _is_level(name: str) -> bool:
    return name in LEVELS or name in HEADED_LEVELS


def _without_empty(items: list[ImportedItem]) -> list[ImportedItem]:
    """Drop runs of unnumbered text that hold nothing (an empty ``<p/>`` or ``<content/>``)."""
    return [item for item in items if not (isinstance(item, ImportedText) and not item.blocks)]


def _inline_text(element: etree._Element) -> str:
    """Text of an element holding inline matter only, as printed (``br`` is a space; struck
    matter is left out)."""
    out: list[str] = [element.text or ""]
    for child in element:
        name = local_name(child)
        if name == "br":
            out.append(" ")
        elif name and not _is_struck(child):
            out.append(_inline_text(child))
        out.append(child.tail or "")
    return _WS.sub(" ", "".join(out).replace("\xad", ""))


def _toc_entries(main: etree._Element) -> tuple[str, ...]:
    """The section labels of the tables of contents (outside quoted matter)."""
    labels: list[str] = []
    for toc in main.iter(f"{{{USLM_NAMESPACE}}}toc"):
        if any(local_name(a) == "quotedContent" for a in toc.iterancestors()):
            continue
        for item in toc.iter(f"{{{USLM_NAMESPACE}}}referenceItem"):
            if item.get("role") not in (None, "section"):
                continue
            for label in item.iter(f"{{{USLM_NAMESPACE}}}label"):
                text = clean(_inline_text(label))
                if text:
                    labels.append(text)
    return tuple(labels)


def _version_date(preface: etree._Element | None) -> dt.date | None:
    """The date of the version's last action in the preface (``<date date="2019-07-24">``)."""
    found: dt.date | None = None
    if preface is None:
        return None
    for element in preface.iter(f"{{{USLM_NAMESPACE}}}date"):
        value = element.get("date") or ""
        try:
            found = dt.date.fromisoformat(value)
        except ValueError:
            continue
    return found


def _short_title(root: etree._Element) -> str | None:
    for element in root.iter(f"{{{USLM_NAMESPACE}}}shortTitle"):
        if element.get("role") in (None, "act") and not any(
            local_name(a) == "quotedContent" for a in element.iterancestors()
        ):
            text = clean("".join(element.itertext())).strip('“”"')
            if text:
                return text
    return None


def source_counts(main: etree._Element) -> dict[str, int]:
    """The source's own counts of groups, sections and subdivisions — outside quoted and struck
    matter, tables of contents and the preamble, and (in an engrossed amendment) outside the
    resolution agreeing to it — taken straight from the markup, independently of the reader."""
    counted = set(GROUP_LEVELS) | {"section"} | set(SUBDIVISION_LEVELS)
    counts: dict[str, int] = {}
    skipped = ("quotedContent", "toc", "preamble")

    def walk(element: etree._Element) -> None:
        for child in element:
            name = local_name(child)
            if not name or name in skipped or _is_struck(child):
                continue
            if local_name(element) == "amendMain" and name == "section":
                continue  # the resolution agreeing to an amendment, not the amendment's text
            if name in counted:
                counts[name] = counts.get(name, 0) + 1
            walk(child)

    walk(main)
    return counts
