"""A section of the Code from the Office of the Law Revision Counsel's USLM XML (a title file).

The OLRC publishes each title of the Code as one ``uscDoc`` (namespace
``http://xml.house.gov/schemas/uslm/1.0``): ``meta`` names the title (``docNumber``) and the
release point (``docPublicationName``, ``Online@116-155``); ``main`` holds the title's chapters and
their ``section`` elements. The file is parsed with the package's safe parser (no entities, no
network); a document that declares a DTD is refused outright.

How a section maps onto the body of a law file:

- ``num/@value`` names the section (``--section 10152``); ``heading`` is its heading;
- ``chapeau``, ``content`` (and each ``p`` in it) and ``continuation``: paragraphs of text;
- ``subsection`` ... ``subitem``: one paragraph each, ``(a) text``; a heading is kept as
  ``(a) Grant authorization.—text`` (``(a) Grant authorization.—`` when the text is all in the
  subdivisions below), a subdivision with neither is the bare ``(a)``;
- a footnote reference is followed by its note, inline, as the Code's printed text shows it
  (``paragraph (1)1 1 So in original. ...``);
- ``notes``, ``sourceCredit``, ``footnotes`` and ``toc`` are not the law's text and are left out.
"""

from __future__ import annotations

from lxml import etree

from tracker.adapters.uslm.markup import child, clean, local_name, parse_xml
from tracker.core.errors import ImportFormatError, UnknownNameError
from tracker.core.law import LawExtract, LawSource, release_point, usc_citation
from tracker.core.schema import did_you_mean

OLRC_NAMESPACE = "http://xml.house.gov/schemas/uslm/1.0"
GPO_NAMESPACE = "http://schemas.gpo.gov/xml/uslm"
SUBDIVISIONS = frozenset(
    {
        "subsection",
        "paragraph",
        "subparagraph",
        "clause",
        "subclause",
        "item",
        "subitem",
        "subsubitem",
    }
)
NOT_TEXT = frozenset(
    {"num", "heading", "notes", "note", "sourceCredit", "footnotes", "toc", "subheading"}
)


def read_uslm_section(data: bytes, *, source: str, section: str | None) -> LawExtract:
    """Read section ``section`` of the title in ``data``; errors name the file and line."""
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise ImportFormatError(
            "the XML declares a DTD or entities, which are refused",
            path=source,
            line=_line_of(data, b"<!DOCTYPE" if b"<!DOCTYPE" in data[:4096] else b"<!ENTITY"),
            hint="the OLRC's title files declare none: download the title again from "
            "uscode.house.gov",
        )
    root = parse_xml(data, source=source)
    namespace = etree.QName(root).namespace
    if local_name(root) != "uscDoc" or namespace not in (OLRC_NAMESPACE, GPO_NAMESPACE):
        raise ImportFormatError(
            f"the root element is <{local_name(root)}>, not the OLRC's <uscDoc>",
            path=source,
            line=root.sourceline,
            hint=f"give a title of the Code in USLM (root <uscDoc> in {OLRC_NAMESPACE}), e.g. "
            "usc34.xml from uscode.house.gov",
        )
    sections = {
        (num.get("value") or clean(num.text).strip("§. ")): element
        for element in root.iter(f"{{{namespace}}}section")
        if not _in_notes(element) and (num := child(element, "num")) is not None
    }
    chosen = _choose(sections, section, source)
    element = sections[chosen]
    meta = child(root, "meta")
    title = _title_number(root, meta, element, source)
    publication = _meta_text(meta, "docPublicationName")
    return LawExtract(
        citation=usc_citation(title, chosen),
        heading=_heading(element) or None,
        current_through=release_point(publication) if publication else None,
        paragraphs=tuple(_Body(element).paragraphs()),
        source=LawSource(format="uslm"),
    )


def _heading(element: etree._Element) -> str:
    heading = child(element, "heading")
    return clean("".join(heading.itertext())) if heading is not None else ""


def _line_of(data: bytes, marker: bytes) -> int:
    return data[: data.find(marker)].count(b"\n") + 1


def _in_notes(element: etree._Element) -> bool:
    return any(local_name(a) in ("notes", "note", "quotedContent") for a in element.iterancestors())


def _choose(sections: dict[str, etree._Element], wanted: str | None, source: str) -> str:
    names = list(sections)
    if not names:
        raise ImportFormatError(
            "the file holds no section", path=source, hint="give a title file of the Code"
        )
    if wanted is None:
        if len(names) == 1:
            return names[0]
        listing = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
        raise UnknownNameError(
            f"the file holds {len(names)} sections; choose one with --section",
            path=source,
            hint=f"sections: {listing}",
        )
    wanted = wanted.strip().lstrip("§ ").rstrip(".")
    if wanted not in sections:
        guess = did_you_mean(wanted, names)
        raise UnknownNameError(
            f"the title has no section {wanted}",
            path=source,
            hint=f"did you mean '{guess}'?"
            if guess
            else f"its sections run {names[0]} to {names[-1]}",
        )
    return wanted


def _meta_text(meta: etree._Element | None, name: str) -> str | None:
    found = child(meta, name) if meta is not None else None
    return clean("".join(found.itertext())) or None if found is not None else None


def _title_number(
    root: etree._Element, meta: etree._Element | None, section: etree._Element, source: str
) -> str:
    number = _meta_text(meta, "docNumber")
    if number:
        return number
    identifier = section.get("identifier") or ""  # /us/usc/t34/s10152
    for part in identifier.split("/"):
        if part.startswith("t") and part[1:2].isdigit():
            return part[1:]
    raise ImportFormatError(
        "the file does not say which title of the Code it is (no meta/docNumber)",
        path=source,
        line=root.sourceline,
        hint="give a title file as the OLRC publishes it",
    )


class _Body:
    """The paragraphs of one section, in the enumerator grammar of provisions."""

    def __init__(self, section: etree._Element) -> None:
        self.section = section
        self.footnotes = {
            note.get("id"): clean("".join(note.itertext()))
            for note in section.iter()
            if local_name(note) in ("note", "footnote")
            and (note.get("type") == "footnote" or local_name(note) == "footnote")
            and note.get("id")
        }
        self.out: list[str] = []

    def paragraphs(self) -> list[str]:
        self._texts(list(self.section))
        return [paragraph for paragraph in self.out if paragraph]

    def _texts(self, items: list[etree._Element]) -> None:
        for item in items:
            name = local_name(item)
            if not name or name in NOT_TEXT:
                continue
            if name in SUBDIVISIONS:
                self._subdivision(item)
            elif name == "content" and any(local_name(p) == "p" for p in item):
                self.out.extend(self._inline(p) for p in item if local_name(p) == "p")
            else:
                self.out.append(self._inline(item))

    def _subdivision(self, element: etree._Element) -> None:
        num = child(element, "num")
        enumerator = (num.get("value") if num is not None else None) or (
            clean(num.text).strip("()“”\"' ") if num is not None and num.text else "?"
        )
        heading = _heading(element)
        opening = f"({enumerator})"
        if heading:
            opening += f" {heading.rstrip('.')}.—"
        rest = [item for item in element if local_name(item) not in NOT_TEXT]
        first = rest[0] if rest else None
        text = ""
        if first is not None and local_name(first) in ("chapeau", "content"):
            paragraphs = [p for p in first if local_name(p) == "p"]
            if paragraphs:
                text = self._inline(paragraphs[0])
                later = [self._inline(p) for p in paragraphs[1:]]
            else:
                text, later = self._inline(first), []
            rest = rest[1:]
        else:
            later = []
        separator = "" if heading or not text else " "
        self.out.append(f"{opening}{separator}{text}")
        self.out.extend(later)
        self._texts(rest)

    def _inline(self, element: etree._Element) -> str:
        parts: list[str] = [element.text or ""]
        for item in element:
            name = local_name(item)
            if name == "ref" and item.get("class") == "footnoteRef":
                marker = "".join(item.itertext())
                note = self.footnotes.get(item.get("idref"), "")
                parts.append(f"{marker} {note}" if note else marker)
            elif name == "br":
                parts.append(" ")
            elif name and name not in ("note", "notes", "footnotes", "sourceCredit"):
                parts.append(self._inline(item))
            parts.append(item.tail or "")
        return clean("".join(parts))
