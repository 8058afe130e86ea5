"""``billtrack docx``: the bill as a Word document, from the same print layout as the PDF.

The cover (Congress and session, number, chamber, sponsor and referral, ``A BILL``, the long title)
on its own page, then the enacting clause and the text: group headings, ``Section`` headings (in
the navigation pane), and each subdivision in the style of its level (``Subsection``,
``Paragraph``, ...), headings in caps and small caps. Lines are numbered in the margin, starting
again on every page, as in the printed bill; the cover's lines are not numbered.
"""

from __future__ import annotations

import datetime as dt
import io

from tracker.core.model import Package
from tracker.render.docx_styles import (
    COVER_STYLE,
    GROUP_STYLES,
    LEVEL_STYLES,
    SECTION_STYLE,
    TEXT_STYLE,
    add_paragraph,
    append_paragraph,
    line_numbers_per_page,
    new_document,
)
from tracker.render.printed_bill import PrintedBill, printed_bill


def render_bill_docx(package: Package, *, today: dt.date) -> bytes:
    """The bill's .docx (``today`` dates a discussion draft that records no date of its own)."""
    printed = printed_bill(package, today=today)
    document = new_document()
    document.core_properties.title = printed.title
    document.core_properties.author = "billtrack"
    line_numbers_per_page(document)
    _cover(document, printed)
    for item in printed.items:
        if item.kind == "group":
            style = GROUP_STYLES.get(item.group_kind or "", TEXT_STYLE)
            append_paragraph(document, style, [(item.text, False)] if item.text else [])
        elif item.kind in ("section", "unnumbered"):
            label = [(f"{item.label} ", False)] if item.label else []
            append_paragraph(document, SECTION_STYLE, [*label, (item.heading or "", True)])
        elif item.kind == "block":
            style = LEVEL_STYLES.get(item.level, TEXT_STYLE) if item.enumerator else TEXT_STYLE
            runs = [(f"{item.enumerator} ", False)] if item.enumerator else []
            if item.heading:
                runs += [(item.heading, True), (".—", False)]
            append_paragraph(document, style, [*runs, (item.text, False)])
        elif item.kind == "lines":
            style = LEVEL_STYLES.get(min(item.level + 1, 7), TEXT_STYLE)
            for line in item.lines:
                append_paragraph(document, style, [(line, False)] if line else [])
        else:
            append_paragraph(document, TEXT_STYLE, [(item.text, False)] if item.text else [])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _cover(document, printed: PrintedBill) -> None:  # type: ignore[no-untyped-def]
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    cover = printed.cover
    lines: list[tuple[str, int, bool]] = []
    if printed.banner:
        lines.append((f"{printed.banner.text} — {printed.banner.date}", 14, True))
    lines += [(line, 11, False) for line in cover.session]
    lines.append((cover.number, 20, True))
    if cover.title:
        lines.append((cover.title, 11, False))
    lines.append((cover.chamber, 11, False))
    if cover.date:
        lines.append((cover.date, 10, False))
    if cover.sponsor:
        lines.append((cover.sponsor, 11, False))
    lines.append((cover.document_title, 24, True))
    if cover.title:
        lines.append((cover.title, 14, False))
    for text, size, bold in lines:
        paragraph = add_paragraph(document, COVER_STYLE)
        _suppress_line_numbers(paragraph)
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.font.bold = bold
    paragraph.add_run().add_break(WD_BREAK.PAGE)


def _suppress_line_numbers(paragraph) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement

    paragraph._p.get_or_add_pPr().insert_element_before(
        OxmlElement("w:suppressLineNumbers"),
        *("w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap"),
        *("w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi"),
        *("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing"),
        *("w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment"),
        *("w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr"),
        *("w:sectPr", "w:pPrChange"),
    )
