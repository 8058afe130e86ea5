"""The Word styles of billtrack's documents, named for the legislative levels.

Paragraph styles ``Section``, ``Subsection``, ``Paragraph``, ``Subparagraph``, ``Clause``,
``Subclause``, ``Item`` and ``Subitem`` set each level as GPO does (the first line one step in from
where its runover lines start, each level a step further); ``Division Heading``, ``Title Heading``,
``Subtitle Heading``, ``Part Heading`` and ``Subpart Heading`` set the groups. Group and section
headings carry an outline level, so Word's navigation pane lists them; ``Bill Text`` is the enacting
clause and text outside any subdivision, ``Cover`` the lines of the cover.

python-docx builds the document; outline levels, line numbering and the like are written through its
OXML layer (lxml), in schema order.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document

FONT = "Times New Roman"
STEP_PT = 24  # one indentation step, 2 em of 12-point type

LEVEL_STYLES: dict[int, str] = {
    1: "Subsection",
    2: "Paragraph",
    3: "Subparagraph",
    4: "Clause",
    5: "Subclause",
    6: "Item",
    7: "Subitem",
}
GROUP_STYLES: dict[str, str] = {
    "division": "Division Heading",
    "title": "Title Heading",
    "subtitle": "Subtitle Heading",
    "part": "Part Heading",
    "subpart": "Subpart Heading",
}
SECTION_STYLE = "Section"
TEXT_STYLE = "Bill Text"
COVER_STYLE = "Cover"
#: Outline levels (0 is the top of the navigation pane): groups in their order, then sections.
OUTLINE_LEVELS: dict[str, int] = {
    **{style: index for index, style in enumerate(GROUP_STYLES.values())},
    SECTION_STYLE: len(GROUP_STYLES),
}


def new_document() -> Document:
    """An empty US Letter document with the legislative styles defined."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1.5)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 2.0  # double spaced, as a bill is printed

    def paragraph_style(name: str):  # type: ignore[no-untyped-def]
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        return style

    cover = paragraph_style(COVER_STYLE)
    cover.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cover.paragraph_format.line_spacing = 1.0
    cover.paragraph_format.space_after = Pt(6)
    text = paragraph_style(TEXT_STYLE)
    text.paragraph_format.first_line_indent = Pt(STEP_PT)
    for name in GROUP_STYLES.values():
        group = paragraph_style(name)
        group.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        group.paragraph_format.keep_with_next = True
        _outline_level(group, OUTLINE_LEVELS[name])
    heading = paragraph_style(SECTION_STYLE)
    heading.font.bold = True
    heading.paragraph_format.first_line_indent = Pt(STEP_PT)
    heading.paragraph_format.keep_with_next = True
    _outline_level(heading, OUTLINE_LEVELS[SECTION_STYLE])
    for level, name in LEVEL_STYLES.items():
        style = paragraph_style(name)
        style.paragraph_format.left_indent = Pt(STEP_PT * (level - 1))
        style.paragraph_format.first_line_indent = Pt(STEP_PT)
    return document


def add_paragraph(document: Document, style: str, text: str = ""):  # type: ignore[no-untyped-def]
    """A new paragraph in ``style`` (by name). The style id is written directly: python-docx's
    own lookup by name scans every style for each paragraph (seconds for a long bill)."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style_id(style)
    return paragraph


def append_paragraph(document: Document, style: str, runs: list[tuple[str, bool]]) -> None:
    """A paragraph in ``style`` at the end of the body with ``runs`` (text, in small caps), the
    XML that ``add_paragraph`` and python-docx's ``add_run`` (with ``font.small_caps``) write,
    made with lxml directly: python-docx looks for each element's place among the schema's
    possible siblings, one name at a time (most of a long bill's time). Text with a tab or a line
    break is left to python-docx."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from lxml.etree import SubElement

    if any(mark in text for text, _caps in runs for mark in "\t\n\r"):
        paragraph = add_paragraph(document, style)
        for text, caps in runs:
            run = paragraph.add_run(text or None)
            if caps:
                run.font.small_caps = True
        return
    p = OxmlElement("w:p")
    SubElement(SubElement(p, _w("pPr")), _w("pStyle")).set(_w("val"), style_id(style))
    for text, caps in runs:
        r = SubElement(p, _w("r"))
        if caps:
            SubElement(SubElement(r, _w("rPr")), _w("smallCaps"))
        if text:
            t = SubElement(r, _w("t"))
            t.text = text
            if len(text.strip()) < len(text):
                t.set(qn("xml:space"), "preserve")
    body = document.element.body
    try:
        last = body[-1]
    except IndexError:
        last = None
    if last is not None and last.tag == _w("sectPr"):
        last.addprevious(p)
    else:
        body.append(p)


@functools.cache
def _w(name: str) -> str:
    """A WordprocessingML name in lxml's form (``{namespace}name``)."""
    from docx.oxml.ns import qn

    return qn(f"w:{name}")


def style_id(name: str) -> str:
    """The id python-docx gives a style it adds (its name without spaces)."""
    return name.replace(" ", "")


def _outline_level(style, level: int) -> None:  # type: ignore[no-untyped-def]
    """Give a paragraph style an outline level (``w:outlineLvl``, last of the formatting set here,
    so schema order holds), which puts its paragraphs in Word's navigation pane."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(level))
    style.element.get_or_add_pPr().append(element)


def line_numbers_per_page(document: Document) -> None:
    """Number every line in the left margin, starting again on every page (``w:lnNumType``)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sect_pr = document.sections[0]._sectPr
    numbering = OxmlElement("w:lnNumType")
    numbering.set(qn("w:countBy"), "1")
    numbering.set(qn("w:restart"), "newPage")
    numbering.set(qn("w:distance"), "360")
    # schema order: ... pgSz, pgMar, paperSrc, pgBorders, lnNumType, pgNumType, cols ...
    sect_pr.find(qn("w:pgMar")).addnext(numbering)
