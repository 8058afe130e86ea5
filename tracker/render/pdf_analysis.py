"""``billtrack pdf --what analysis``: the section-by-section analysis as a PDF (``analysis.typ``).

Each group heading as the bill prints it; each section's table-of-contents line, its summary (or
the note that it has none yet), the Order sections it carries out and its status.
"""

from __future__ import annotations

import datetime as dt

from tracker.core.compile import CompiledBill, group_heading_line
from tracker.core.model import Package
from tracker.core.numbering import NumberedGroup
from tracker.render.pdf_typst import compile_pdf
from tracker.render.printed_bill import long_date, printed_bill


def analysis_data(package: Package, *, today: dt.date) -> dict[str, object]:
    printed = printed_bill(package, today=today)
    compiled = CompiledBill(package)
    bill = package.bill
    order = package.order.document if package.order else None
    document = None
    if order is not None:
        document = f"{order.kind} {order.number}" if order.number else order.citation
    items: list[dict[str, object]] = []
    for entry in compiled.numbering.items:
        if isinstance(entry, NumberedGroup):
            items.append({"kind": "group", "heading": group_heading_line(entry)})
            continue
        section = compiled.by_id[entry.provision_id]
        provision = section.provision
        carries = ", ".join(provision.implements)
        noun = "sections" if len(provision.implements) > 1 else "section"
        meta = f"Carries out {noun} {carries} of {document}." if carries and document else None
        status = f"Status: {provision.status}."
        items.append(
            {
                "kind": "section",
                "heading": section.toc_line() if section.numbered.numbered else provision.title,
                "summary": " ".join((provision.summary or "No summary yet.").split()),
                "meta": f"{meta} {status}" if meta else status,
            }
        )
    subtitle = " · ".join(
        part
        for part in (printed.cover.number, printed.version, printed.banner and printed.banner.text)
        if part
    )
    return {
        "meta": {
            "title": f"Section-by-section analysis: {printed.title}",
            "author": "billtrack",
            "footer": printed.footer,
            "right": long_date(today),
        },
        "banner": None,
        "title": bill.short_title if bill else None,
        "subtitle": subtitle or None,
        "items": items,
    }


def render_analysis_pdf(package: Package, *, today: dt.date) -> bytes:
    return compile_pdf("analysis", analysis_data(package, today=today), day=today)
